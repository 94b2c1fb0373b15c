//! Project configuration: `tenet.toml`, or `[tool.tenet]` in `pyproject.toml`.
//! Every mistake is an error naming the file, the key and the line — an
//! unknown key or code is never silently ignored.

use crate::finding::Severity;
use crate::rules::{self, RuleSet};
use globset::{Glob, GlobSet, GlobSetBuilder};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A configuration mistake: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub file: PathBuf,
    pub key: Option<String>,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, " line {}", self.line)?;
        }
        if let Some(key) = &self.key {
            write!(f, ": `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The gate: findings at or above this severity fail the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Level(Severity),
    Never,
}

impl FailOn {
    pub fn parse(text: &str) -> Option<FailOn> {
        match text {
            "never" => Some(FailOn::Never),
            other => Severity::parse(other).map(FailOn::Level),
        }
    }

    pub fn fails(self, severity: Severity) -> bool {
        matches!(self, FailOn::Level(level) if severity >= level)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Never => "never",
            FailOn::Level(level) => level.as_str(),
        }
    }
}

/// The configuration as written in the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub file: Option<PathBuf>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    pub exclude: Vec<String>,
    pub extend_exclude: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    pub fail_on: Option<FailOn>,
    pub banned_modules: Vec<String>,
    pub banned_packages: Vec<String>,
}

const KEYS: &[&str] = &[
    "select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "extend-exclude",
    "severity",
    "fail-on",
    "banned-modules",
    "banned-packages",
];

struct Reader<'t> {
    file: &'t Path,
    text: &'t str,
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> u32 {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count() as u32
            + 1
    }

    fn error(&self, key: Option<&str>, offset: usize, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.to_path_buf(),
            key: key.map(str::to_string),
            line: self.line(offset),
            message: message.into(),
        }
    }

    fn strings(
        &self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Vec<(String, usize)>, ConfigError> {
        let Some(items) = value.get_ref().as_array() else {
            return Err(self.error(
                Some(key),
                value.span().start,
                format!(
                    "expected a list of strings, found {}",
                    value.get_ref().type_str()
                ),
            ));
        };
        items
            .iter()
            .map(|item| match item.get_ref().as_str() {
                Some(s) => Ok((s.to_string(), item.span().start)),
                None => Err(self.error(
                    Some(key),
                    item.span().start,
                    format!("expected a string, found {}", item.get_ref().type_str()),
                )),
            })
            .collect()
    }

    fn codes(&self, key: &str, value: &Spanned<DeValue<'_>>) -> Result<Vec<String>, ConfigError> {
        let items = self.strings(key, value)?;
        for (code, offset) in &items {
            if RuleSet::from_selector(code).is_none() {
                return Err(self.error(Some(key), *offset, unknown_code(code)));
            }
        }
        Ok(items.into_iter().map(|(code, _)| code).collect())
    }

    fn globs(&self, key: &str, value: &Spanned<DeValue<'_>>) -> Result<Vec<String>, ConfigError> {
        let items = self.strings(key, value)?;
        for (pattern, offset) in &items {
            if let Err(e) = Glob::new(pattern) {
                return Err(self.error(
                    Some(key),
                    *offset,
                    format!("invalid glob `{pattern}`: {}", e.kind()),
                ));
            }
        }
        Ok(items.into_iter().map(|(glob, _)| glob).collect())
    }
}

pub fn unknown_code(code: &str) -> String {
    let hint = rules::REGISTRY
        .iter()
        .map(|r| r.code)
        .find(|known| edit_distance(known, code) <= 1)
        .map(|known| format!(" — did you mean `{known}`?"))
        .unwrap_or_default();
    format!("unknown rule code `{code}`{hint} (`tenet rules` lists them)")
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

impl Config {
    /// Finds the configuration at the scanned root: `tenet.toml`, else
    /// `pyproject.toml` with a `[tool.tenet]` table; the default otherwise.
    pub fn discover(root: &Path) -> Result<Config, ConfigError> {
        let tenet = root.join("tenet.toml");
        if tenet.is_file() {
            return Config::load(&tenet);
        }
        let pyproject = root.join("pyproject.toml");
        if pyproject.is_file() {
            return Config::load(&pyproject);
        }
        Ok(Config::default())
    }

    /// Loads a file: `pyproject.toml` is read under `[tool.tenet]`, any other
    /// file at its top level.
    pub fn load(file: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(file).map_err(|e| ConfigError {
            file: file.to_path_buf(),
            key: None,
            line: 0,
            message: format!("cannot read the configuration: {e}"),
        })?;
        let is_pyproject = file.file_name().is_some_and(|n| n == "pyproject.toml");
        Config::parse(file, &text, is_pyproject)
    }

    pub fn parse(file: &Path, text: &str, is_pyproject: bool) -> Result<Config, ConfigError> {
        let reader = Reader { file, text };
        let root = DeTable::parse(text).map_err(|e| {
            reader.error(
                None,
                e.span().map_or(0, |s| s.start),
                format!("invalid TOML: {}", e.message().trim()),
            )
        })?;
        let mut table = root.get_ref();
        let mut prefix = "";
        if is_pyproject {
            let tool = table
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == "tool")
                .and_then(|(_, v)| v.get_ref().as_table());
            match tool.and_then(|t| t.iter().find(|(k, _)| k.get_ref().as_ref() == "tenet")) {
                Some((key, value)) => match value.get_ref().as_table() {
                    Some(t) => table = t,
                    None => {
                        return Err(reader.error(
                            Some("tool.tenet"),
                            key.span().start,
                            "expected a table",
                        ))
                    }
                },
                None => return Ok(Config::default()),
            }
            prefix = "tool.tenet.";
        }
        let mut config = Config {
            file: Some(file.to_path_buf()),
            ..Config::default()
        };
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let full = format!("{prefix}{name}");
            let at = key.span().start;
            match name {
                "select" => config.select = Some(reader.codes(&full, value)?),
                "ignore" => config.ignore = reader.codes(&full, value)?,
                "exclude" => config.exclude = reader.globs(&full, value)?,
                "extend-exclude" => config.extend_exclude = reader.globs(&full, value)?,
                "banned-modules" => {
                    config.banned_modules = reader
                        .strings(&full, value)?
                        .into_iter()
                        .map(|s| s.0)
                        .collect()
                }
                "banned-packages" => {
                    config.banned_packages = reader
                        .strings(&full, value)?
                        .into_iter()
                        .map(|s| s.0)
                        .collect()
                }
                "fail-on" => {
                    let text = value.get_ref().as_str().ok_or_else(|| {
                        reader.error(
                            Some(&full),
                            value.span().start,
                            format!("expected a string, found {}", value.get_ref().type_str()),
                        )
                    })?;
                    config.fail_on = Some(FailOn::parse(text).ok_or_else(|| {
                        reader.error(
                            Some(&full),
                            value.span().start,
                            format!("`{text}` is not one of error, warning, info, never"),
                        )
                    })?);
                }
                "severity" => {
                    let entries = value.get_ref().as_table().ok_or_else(|| {
                        reader.error(
                            Some(&full),
                            value.span().start,
                            format!(
                                "expected a table of CODE = level, found {}",
                                value.get_ref().type_str()
                            ),
                        )
                    })?;
                    for (code, level) in entries.iter() {
                        let code_name = code.get_ref().as_ref();
                        let entry_key = format!("{full}.{code_name}");
                        if rules::find(code_name).is_none() {
                            return Err(reader.error(
                                Some(&entry_key),
                                code.span().start,
                                unknown_code(code_name),
                            ));
                        }
                        let parsed = level
                            .get_ref()
                            .as_str()
                            .and_then(Severity::parse)
                            .ok_or_else(|| {
                                reader.error(
                                    Some(&entry_key),
                                    level.span().start,
                                    "expected \"error\", \"warning\" or \"info\"",
                                )
                            })?;
                        config.severity.push((code_name.to_string(), parsed));
                    }
                }
                "per-file-ignores" => {
                    let entries = value.get_ref().as_table().ok_or_else(|| {
                        reader.error(
                            Some(&full),
                            value.span().start,
                            format!(
                                "expected a table of glob = [codes], found {}",
                                value.get_ref().type_str()
                            ),
                        )
                    })?;
                    for (glob, codes) in entries.iter() {
                        let pattern = glob.get_ref().as_ref();
                        let entry_key = format!("{full}.\"{pattern}\"");
                        if let Err(e) = Glob::new(pattern) {
                            return Err(reader.error(
                                Some(&entry_key),
                                glob.span().start,
                                format!("invalid glob: {}", e.kind()),
                            ));
                        }
                        config
                            .per_file_ignores
                            .push((pattern.to_string(), reader.codes(&entry_key, codes)?));
                    }
                }
                _ => {
                    let hint = KEYS
                        .iter()
                        .find(|known| edit_distance(known, name) <= 2)
                        .map(|known| format!(" — did you mean `{known}`?"))
                        .unwrap_or_default();
                    return Err(reader.error(
                        Some(&full),
                        at,
                        format!("unknown key{hint} (known keys: {})", KEYS.join(", ")),
                    ));
                }
            }
        }
        Ok(config)
    }
}

/// Glob patterns matched against `/`-separated paths relative to the root; a
/// pattern without `/` also matches at any depth.
#[derive(Debug, Clone)]
pub struct PathMatcher {
    set: GlobSet,
}

impl PathMatcher {
    pub fn new(patterns: &[String]) -> PathMatcher {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            let pattern = pattern.trim_end_matches('/');
            // Patterns were validated when the configuration was read.
            if let Ok(glob) = Glob::new(pattern) {
                builder.add(glob);
            }
            if !pattern.contains('/') {
                if let Ok(glob) = Glob::new(&format!("**/{pattern}")) {
                    builder.add(glob);
                }
            }
        }
        PathMatcher {
            set: builder.build().unwrap_or_else(|_| GlobSet::empty()),
        }
    }

    pub fn is_match(&self, path: &str) -> bool {
        !self.set.is_empty() && self.set.is_match(path)
    }
}

/// What the Python checker needs from the configuration.
#[derive(Debug, Clone)]
pub struct RuleSettings {
    pub enabled: RuleSet,
    pub banned_modules: Vec<String>,
    pub banned_packages: Vec<String>,
}

/// The configuration resolved against the command line: what a scan uses.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rules: RuleSettings,
    pub severity: Vec<(String, Severity)>,
    pub per_file_ignores: Vec<(PathMatcher, RuleSet, String)>,
    pub exclude: PathMatcher,
    pub has_exclude: bool,
    pub fail_on: FailOn,
    /// Rules switched off by `select`/`ignore`.
    pub switched_off: RuleSet,
    pub config_file: Option<PathBuf>,
    pub config_hash: String,
}

/// Command-line overrides.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub fail_on: Option<FailOn>,
}

fn selection(codes: &[String]) -> RuleSet {
    codes
        .iter()
        .filter_map(|c| RuleSet::from_selector(c))
        .fold(RuleSet::empty(), RuleSet::union)
}

impl Settings {
    pub fn resolve(config: &Config, overrides: &Overrides) -> Settings {
        let select = overrides.select.as_ref().or(config.select.as_ref());
        let mut enabled = select.map_or_else(RuleSet::all, |codes| selection(codes));
        enabled = enabled
            .difference(selection(&config.ignore))
            .difference(selection(&overrides.ignore));
        let per_file_ignores = config
            .per_file_ignores
            .iter()
            .map(|(glob, codes)| {
                (
                    PathMatcher::new(std::slice::from_ref(glob)),
                    selection(codes),
                    glob.clone(),
                )
            })
            .collect();
        let excludes: Vec<String> = config
            .exclude
            .iter()
            .chain(&config.extend_exclude)
            .cloned()
            .collect();
        let fail_on = overrides
            .fail_on
            .or(config.fail_on)
            .unwrap_or(FailOn::Level(Severity::Error));

        let mut hasher = Sha256::new();
        let codes: Vec<&str> = enabled.iter().map(|r| r.code).collect();
        hasher.update(format!(
            "enabled={codes:?};severity={:?};pfi={:?};exclude={excludes:?};mods={:?};pkgs={:?}",
            config.severity, config.per_file_ignores, config.banned_modules, config.banned_packages
        ));
        let config_hash = hex(&hasher.finalize()[..8]);

        Settings {
            rules: RuleSettings {
                enabled,
                banned_modules: config.banned_modules.clone(),
                banned_packages: config.banned_packages.clone(),
            },
            severity: config.severity.clone(),
            per_file_ignores,
            exclude: PathMatcher::new(&excludes),
            has_exclude: !excludes.is_empty(),
            fail_on,
            switched_off: RuleSet::all().difference(enabled),
            config_file: config.file.clone(),
            config_hash,
        }
    }

    pub fn severity_of(&self, code: &str) -> Severity {
        self.severity
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, s)| *s)
            .or_else(|| rules::find(code).map(|r| r.severity))
            .unwrap_or(Severity::Error)
    }

    /// The rules enabled for one file, after `per-file-ignores`.
    pub fn rules_for(&self, path: &str) -> RuleSettings {
        RuleSettings {
            enabled: self.enabled_for(path),
            ..self.rules.clone()
        }
    }

    /// Just the rule set for one file; cheap enough for every walked entry.
    pub fn enabled_for(&self, path: &str) -> RuleSet {
        self.per_file_ignores
            .iter()
            .filter(|(matcher, _, _)| matcher.is_match(path))
            .fold(self.rules.enabled, |enabled, (_, codes, _)| {
                enabled.difference(*codes)
            })
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("tenet.toml"), text, false)
    }

    #[test]
    fn reads_every_key() {
        let config = parse(
            "select = [\"ASY\", \"MEM001\"]\nignore = [\"ASY005\"]\nfail-on = \"warning\"\n[severity]\nQLT002 = \"warning\"\n[per-file-ignores]\n\"tests/*\" = [\"QLT002\"]\n",
        )
        .unwrap();
        assert_eq!(
            config.select.as_deref(),
            Some(&["ASY".to_string(), "MEM001".to_string()][..])
        );
        assert_eq!(config.fail_on, Some(FailOn::Level(Severity::Warning)));
        assert_eq!(
            config.severity,
            vec![("QLT002".to_string(), Severity::Warning)]
        );
        let settings = Settings::resolve(&config, &Overrides::default());
        assert!(settings.rules.enabled.contains("ASY001"));
        assert!(!settings.rules.enabled.contains("ASY005"));
        assert!(!settings.rules.enabled.contains("MEM002"));
    }

    #[test]
    fn unknown_key_names_file_key_and_line_with_a_hint() {
        let err = parse("select = [\"ASY001\"]\n\nselectt = []\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(err.key.as_deref(), Some("selectt"));
        assert!(err.to_string().contains("did you mean `select`"), "{err}");
        assert!(err.to_string().starts_with("tenet.toml line 3"), "{err}");
    }

    #[test]
    fn unknown_code_and_wrong_type_are_errors() {
        let err = parse("ignore = [\n  \"ASY001\",\n  \"ASY010\",\n]\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("`ASY010`"));
        let err = parse("select = \"ASY001\"\n").unwrap_err();
        assert!(
            err.message
                .contains("expected a list of strings, found string"),
            "{}",
            err.message
        );
        let err = parse("fail-on = \"sometimes\"\n").unwrap_err();
        assert!(err.message.contains("not one of"));
    }

    #[test]
    fn pyproject_reads_tool_tenet_and_keys_are_prefixed() {
        let path = Path::new("pyproject.toml");
        let err = Config::parse(
            path,
            "[project]\nname = \"x\"\n[tool.tenet]\nbogus = 1\n",
            true,
        )
        .unwrap_err();
        assert_eq!(err.key.as_deref(), Some("tool.tenet.bogus"));
        assert_eq!(err.line, 4);
        assert_eq!(
            Config::parse(path, "[project]\nname = \"x\"\n", true).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn invalid_glob_is_an_error() {
        let err = parse("exclude = [\"src/[a\"]\n").unwrap_err();
        assert!(err.message.contains("invalid glob"), "{}", err.message);
    }
}
