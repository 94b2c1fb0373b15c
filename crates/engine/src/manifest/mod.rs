//! Dependency declarations in the formats Python projects use, reduced to
//! (normalised package name, byte range in the file) for TRC002.

mod text_formats;
mod toml_formats;

/// One declared dependency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// PEP 503-normalised name.
    pub name: String,
    pub start: u32,
    pub end: u32,
}

/// The manifest kind of a file, from its name (and parent folder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestKind {
    Requirements,
    Pyproject,
    SetupCfg,
    Pipfile,
    PipfileLock,
    CondaEnvironment,
    UvLock,
    PoetryLock,
    Pylock,
}

pub fn kind_of(file_name: &str, parent: Option<&str>) -> Option<ManifestKind> {
    // Asked of every file a scan lists: compared in place, without case,
    // rather than lowered into a copy first.
    use crate::text::{ends_with_ignore_case as ends, starts_with_ignore_case as starts};
    let is = |name: &str| file_name.eq_ignore_ascii_case(name);
    Some(if is("pyproject.toml") {
        ManifestKind::Pyproject
    } else if is("setup.cfg") {
        ManifestKind::SetupCfg
    } else if is("pipfile") {
        ManifestKind::Pipfile
    } else if is("pipfile.lock") {
        ManifestKind::PipfileLock
    } else if is("environment.yml") || is("environment.yaml") {
        ManifestKind::CondaEnvironment
    } else if is("uv.lock") {
        ManifestKind::UvLock
    } else if is("poetry.lock") {
        ManifestKind::PoetryLock
    } else if starts(file_name, "pylock.") && ends(file_name, ".toml") {
        ManifestKind::Pylock
    } else if starts(file_name, "requirements")
        && (ends(file_name, ".txt") || ends(file_name, ".in"))
    {
        ManifestKind::Requirements
    } else if parent.is_some_and(|p| p.eq_ignore_ascii_case("requirements"))
        && ends(file_name, ".txt")
    {
        ManifestKind::Requirements
    } else {
        return None;
    })
}

/// A file that could not be parsed: message and byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    pub message: String,
    pub offset: u32,
}

pub fn dependencies(kind: ManifestKind, text: &str) -> Result<Vec<Dependency>, ManifestError> {
    match kind {
        ManifestKind::Requirements => Ok(text_formats::requirements(text)),
        ManifestKind::SetupCfg => Ok(text_formats::setup_cfg(text)),
        ManifestKind::CondaEnvironment => Ok(text_formats::conda_environment(text)),
        ManifestKind::PipfileLock => text_formats::pipfile_lock(text),
        ManifestKind::Pyproject => toml_formats::pyproject(text),
        ManifestKind::Pipfile => toml_formats::pipfile(text),
        ManifestKind::UvLock | ManifestKind::PoetryLock => toml_formats::lock(text, "package"),
        ManifestKind::Pylock => toml_formats::lock(text, "packages"),
    }
}

/// PEP 503 normalisation: lower case, runs of `-`, `_`, `.` become `-`.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_separator = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_separator {
                out.push('-');
            }
            in_separator = true;
        } else {
            out.extend(c.to_lowercase());
            in_separator = false;
        }
    }
    out
}

/// The distribution name at the start of a PEP 508 requirement string, with
/// its byte range within `requirement`.
pub fn requirement_name(requirement: &str) -> Option<(usize, usize)> {
    let start = requirement.len() - requirement.trim_start().len();
    let rest = &requirement[start..];
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(rest.len());
    let name = rest[..len].trim_end_matches(['.', '-', '_']);
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((start, start + name.len()))
}

/// Helper for formats that hold requirement strings: the dependency in a
/// requirement string found at byte `offset` of the file.
pub(crate) fn from_requirement(requirement: &str, offset: usize) -> Option<Dependency> {
    let (start, end) = requirement_name(requirement)?;
    Some(Dependency {
        name: normalize(&requirement[start..end]),
        start: (offset + start) as u32,
        end: (offset + end) as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_like_pep_503() {
        assert_eq!(normalize("Sentence_Transformers"), "sentence-transformers");
        assert_eq!(normalize("nvidia.cublas__cu12"), "nvidia-cublas-cu12");
    }

    #[test]
    fn reads_requirement_names() {
        let req = "  torch[cuda]>=2.0 ; python_version > '3.8'";
        let (s, e) = requirement_name(req).unwrap();
        assert_eq!(&req[s..e], "torch");
        assert_eq!(requirement_name("# comment"), None);
    }

    #[test]
    fn recognises_manifest_files() {
        assert_eq!(
            kind_of("requirements-dev.txt", None),
            Some(ManifestKind::Requirements)
        );
        assert_eq!(
            kind_of("base.txt", Some("requirements")),
            Some(ManifestKind::Requirements)
        );
        assert_eq!(kind_of("notes.txt", None), None);
        assert_eq!(kind_of("pylock.dev.toml", None), Some(ManifestKind::Pylock));
        // Any case, as on case-insensitive file systems.
        assert_eq!(
            kind_of("Pipfile.LOCK", None),
            Some(ManifestKind::PipfileLock)
        );
        assert_eq!(
            kind_of("PyProject.TOML", None),
            Some(ManifestKind::Pyproject)
        );
        assert_eq!(
            kind_of("Requirements.IN", None),
            Some(ManifestKind::Requirements)
        );
        assert_eq!(
            kind_of("Environment.YAML", None),
            Some(ManifestKind::CondaEnvironment)
        );
        assert_eq!(
            kind_of("BASE.TXT", Some("Requirements")),
            Some(ManifestKind::Requirements)
        );
        // Look-alikes.
        assert_eq!(kind_of("requirements.txt.bak", None), None);
        assert_eq!(kind_of("my-pyproject.toml", None), None);
        assert_eq!(kind_of("pylock.lock", None), None);
        assert_eq!(kind_of("base.txt", Some("requirement")), None);
    }
}
