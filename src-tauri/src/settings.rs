//! The reviewer's preferences, kept as JSON in the app's config folder.
//! A file that cannot be read is moved aside (never overwritten) and the
//! defaults are used, with a notice saying where the old file went.

use crate::error::{CommandError, CommandResult};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
    Contrast,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub theme: Theme,
    /// The gate's level for projects whose configuration names none.
    pub fail_on: String,
    /// Empty: the system's default handler. Otherwise a command line with
    /// `{path}`, `{line}` and `{column}` placeholders.
    pub editor_command: String,
    /// Empty: git's `user.name`, else the login name.
    pub reviewer: String,
    pub single_key_shortcuts: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            theme: Theme::System,
            fail_on: "error".into(),
            editor_command: String::new(),
            reviewer: String::new(),
            single_key_shortcuts: true,
        }
    }
}

impl Settings {
    pub fn validate(&self) -> CommandResult<()> {
        if tenet_engine::FailOn::parse(&self.fail_on).is_none() {
            return Err(CommandError::invalid(format!(
                "fail level `{}`: choose error, warning, info or never",
                self.fail_on
            )));
        }
        if !self.editor_command.trim().is_empty() {
            let words = shell_words::split(&self.editor_command).map_err(|e| {
                CommandError::invalid(format!("editor command: {e} (check the quotes)"))
            })?;
            if !words.iter().any(|w| w.contains("{path}")) {
                return Err(CommandError::invalid(
                    "editor command: add {path} where the file goes, e.g. `code -g {path}:{line}`",
                ));
            }
        }
        Ok(())
    }

    /// Reads `file`; a missing file gives the defaults, a broken one is moved
    /// aside and named in the returned notice.
    pub fn load(file: &Path) -> (Settings, Option<String>) {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Settings::default(), None)
            }
            Err(e) => {
                return (
                    Settings::default(),
                    Some(format!(
                        "{}: {e}; using the default settings",
                        file.display()
                    )),
                )
            }
        };
        match serde_json::from_str::<Settings>(&text) {
            Ok(settings) if settings.validate().is_ok() => (settings, None),
            outcome => {
                let why = match outcome {
                    Err(e) => format!("line {}: {e}", e.line()),
                    Ok(settings) => settings.validate().unwrap_err().message,
                };
                let aside = aside_name(file);
                let moved = std::fs::rename(file, &aside).is_ok();
                let notice = if moved {
                    format!(
                        "{}: {why}; it was moved to {} and the default settings are in use",
                        file.display(),
                        aside.display()
                    )
                } else {
                    format!("{}: {why}; using the default settings", file.display())
                };
                (Settings::default(), Some(notice))
            }
        }
    }

    /// Writes through a temporary file, so a crash never leaves half a file.
    pub fn save(&self, file: &Path) -> CommandResult<()> {
        self.validate()?;
        let fail = |e: std::io::Error| CommandError::io(format!("{}: {e}", file.display()));
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder).map_err(fail)?;
        }
        let temporary = file.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).expect("settings serialize");
        std::fs::write(&temporary, text).map_err(fail)?;
        std::fs::rename(&temporary, file).map_err(fail)
    }
}

fn aside_name(file: &Path) -> PathBuf {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = file.as_os_str().to_owned();
    name.push(format!(".broken-{seconds}"));
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_settings_file_is_moved_aside_and_named() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("settings.json");
        std::fs::write(&file, "{\"theme\": \"dark\",\n \"fail_on\": 3}").unwrap();
        let (settings, notice) = Settings::load(&file);
        assert_eq!(settings, Settings::default());
        let notice = notice.expect("a notice");
        assert!(notice.contains("settings.json: line 2"), "{notice}");
        assert!(!file.exists());
        let kept: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
        assert_eq!(kept.len(), 1, "the broken file is kept beside");
    }

    #[test]
    fn an_editor_command_must_say_where_the_path_goes() {
        let settings = Settings {
            editor_command: "code -g".into(),
            ..Settings::default()
        };
        assert!(settings.validate().unwrap_err().message.contains("{path}"));
        let settings = Settings {
            editor_command: "code -g {path}:{line}".into(),
            ..Settings::default()
        };
        settings.validate().unwrap();
    }
}
