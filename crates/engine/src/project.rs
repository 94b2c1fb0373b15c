//! Facts gathered per file and combined over the project, for the rules that
//! are decided by the project as a whole (TST001, TST002) and the checklist.

use crate::finding::{RelPath, Span};
use crate::text::LineIndex;
use serde::{Deserialize, Serialize};

/// A finding of a project-level rule, before severity and suppression.
#[derive(Debug, Clone)]
pub struct ProjectFinding {
    pub rule: &'static str,
    pub path: RelPath,
    pub span: Span,
    pub message: String,
}

/// What one file contributes to project-level decisions. Small and
/// serialisable so a file cache can keep it beside the file's findings:
/// written without the fields that have their default (most files are
/// `{"is_python":true}` rather than 274 bytes, and a rescan reads every
/// file's facts back), read with any field missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileFacts {
    #[serde(skip_serializing_if = "is_false")]
    pub is_python: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub is_html: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub is_manifest: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub is_test: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub has_async_code: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub imports_tracemalloc: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub uses_anyio_plugin: bool,
    #[serde(skip_serializing_if = "is_zero")]
    pub async_tests: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_unmarked_async_test: Option<Span>,
    /// The pytest section of a configuration file, if this file has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pytest_section: Option<Span>,
    #[serde(skip_serializing_if = "is_false")]
    pub asyncio_mode_auto: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub tracemalloc_configured: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

/// The whole project's facts, combined in path order.
#[derive(Debug, Clone, Default)]
pub struct ProjectFacts {
    pub python_files: u32,
    pub html_files: u32,
    pub manifest_files: u32,
    pub has_async_code: bool,
    /// The first test file in path order (where TST001 sits).
    pub first_test_file: Option<RelPath>,
    pub test_file_count: u32,
    pub tests_import_tracemalloc: bool,
    pub tracemalloc_configured: bool,
    pub async_tests: u32,
    pub uses_anyio_plugin: bool,
    pub asyncio_mode_auto: bool,
    pub first_unmarked_async_test: Option<(RelPath, Span)>,
    pub pytest_config: Option<(RelPath, Span)>,
}

impl ProjectFacts {
    pub fn add(&mut self, path: &RelPath, facts: &FileFacts) {
        self.python_files += u32::from(facts.is_python);
        self.html_files += u32::from(facts.is_html);
        self.manifest_files += u32::from(facts.is_manifest);
        self.has_async_code |= facts.has_async_code;
        if facts.is_test {
            self.test_file_count += 1;
            if self
                .first_test_file
                .as_ref()
                .is_none_or(|first| path < first)
            {
                self.first_test_file = Some(path.clone());
            }
        }
        self.tests_import_tracemalloc |= facts.is_test && facts.imports_tracemalloc;
        self.tracemalloc_configured |= facts.tracemalloc_configured;
        self.async_tests += facts.async_tests;
        self.uses_anyio_plugin |= facts.uses_anyio_plugin;
        self.asyncio_mode_auto |= facts.asyncio_mode_auto;
        if let Some(span) = facts.first_unmarked_async_test {
            if self
                .first_unmarked_async_test
                .as_ref()
                .is_none_or(|(p, _)| path < p)
            {
                self.first_unmarked_async_test = Some((path.clone(), span));
            }
        }
        if let Some(span) = facts.pytest_section {
            if self.pytest_config.as_ref().is_none_or(|(p, _)| path < p) {
                self.pytest_config = Some((path.clone(), span));
            }
        }
    }
}

/// Whether a path is a Python test file as pytest discovers them.
pub fn is_test_path(path: &RelPath) -> bool {
    let name = path.file_name();
    let is_py = name.ends_with(".py");
    is_py
        && (name.starts_with("test_")
            || name.ends_with("_test.py")
            || name == "conftest.py"
            || path
                .components()
                .rev()
                .skip(1)
                .any(|c| c == "tests" || c == "test"))
}

/// Files that may configure how tests run.
pub fn is_test_config(path: &RelPath) -> bool {
    let name = path.file_name();
    let in_workflows = path.display.starts_with(".github/workflows/")
        && (name.ends_with(".yml") || name.ends_with(".yaml"));
    matches!(
        name,
        "pytest.ini"
            | "tox.ini"
            | "setup.cfg"
            | "pyproject.toml"
            | "Makefile"
            | "noxfile.py"
            | ".gitlab-ci.yml"
    ) || in_workflows
}

/// Reads what a test configuration file says about async tests and memory
/// profiling. Line-based, so it works for INI, TOML, YAML and Makefiles.
pub fn scan_test_config(path: &RelPath, text: &str, facts: &mut FileFacts) {
    let name = path.file_name();
    let section_header = match name {
        "pytest.ini" | "tox.ini" => Some("[pytest]"),
        "setup.cfg" => Some("[tool:pytest]"),
        "pyproject.toml" => Some("[tool.pytest.ini_options]"),
        _ => None,
    };
    let index = LineIndex::new(text);
    let mut offset = 0usize;
    for line in text.split('\n') {
        let trimmed = line.trim();
        let lower = trimmed.to_ascii_lowercase();
        if section_header.is_some_and(|h| lower.replace(" ", "").starts_with(h))
            && facts.pytest_section.is_none()
        {
            let start = offset + (line.len() - line.trim_start().len());
            facts.pytest_section =
                Some(index.span(text, start as u32, (start + trimmed.len()) as u32));
        }
        if !lower.starts_with('#') {
            let compact: String = lower
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
                .collect();
            if compact.contains("asyncio_mode=auto") || compact.contains("--asyncio-mode=auto") {
                facts.asyncio_mode_auto = true;
            }
            if lower.contains("-x tracemalloc")
                || lower.contains("-xtracemalloc")
                || lower.contains("pythontracemalloc")
            {
                facts.tracemalloc_configured = true;
            }
        }
        offset += line.len() + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_stored_without_their_defaults_and_read_in_either_form() {
        let plain = FileFacts {
            is_python: true,
            ..FileFacts::default()
        };
        assert_eq!(
            serde_json::to_string(&plain).unwrap(),
            r#"{"is_python":true}"#
        );
        let span = Span {
            start: crate::finding::Position { line: 3, column: 1 },
            end: crate::finding::Position { line: 3, column: 9 },
            cell: None,
        };
        let rich = FileFacts {
            is_python: true,
            is_test: true,
            async_tests: 2,
            first_unmarked_async_test: Some(span),
            ..FileFacts::default()
        };
        let text = serde_json::to_string(&rich).unwrap();
        assert_eq!(serde_json::from_str::<FileFacts>(&text).unwrap(), rich);
        // As databases before this form hold them: every field written out.
        let full = r#"{"is_python":true,"is_html":false,"is_manifest":false,"is_test":false,"has_async_code":false,"imports_tracemalloc":false,"uses_anyio_plugin":false,"async_tests":0,"first_unmarked_async_test":null,"pytest_section":null,"asyncio_mode_auto":false,"tracemalloc_configured":false}"#;
        assert_eq!(serde_json::from_str::<FileFacts>(full).unwrap(), plain);
    }

    #[test]
    fn test_paths_follow_pytest_discovery() {
        for path in [
            "test_a.py",
            "pkg/a_test.py",
            "tests/helpers.py",
            "conftest.py",
            "src/test/x.py",
        ] {
            assert!(is_test_path(&RelPath::from_str(path)), "{path}");
        }
        for path in [
            "testing.py",
            "src/contest.py",
            "tests/data.json",
            "latest_news.py",
        ] {
            assert!(!is_test_path(&RelPath::from_str(path)), "{path}");
        }
    }

    #[test]
    fn reads_pytest_sections_and_flags() {
        let mut facts = FileFacts::default();
        let text = "[project]\nname='x'\n\n[tool.pytest.ini_options]\nasyncio_mode = \"auto\"\naddopts = \"-p no:cacheprovider\"\n";
        scan_test_config(&RelPath::from_str("pyproject.toml"), text, &mut facts);
        assert_eq!(facts.pytest_section.unwrap().start.line, 4);
        assert!(facts.asyncio_mode_auto);
        let mut facts = FileFacts::default();
        scan_test_config(
            &RelPath::from_str("tox.ini"),
            "[testenv]\ncommands = python -X tracemalloc -m pytest --asyncio-mode=auto\n",
            &mut facts,
        );
        assert!(facts.tracemalloc_configured && facts.asyncio_mode_auto);
        assert!(facts.pytest_section.is_none());
    }
}
