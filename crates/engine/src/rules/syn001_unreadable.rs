//! SYN001: a file that could not be read or parsed.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;

pub static META: RuleMeta = RuleMeta {
    code: "SYN001",
    name: "unreadable-file",
    severity: Severity::Error,
    item: None,
    scope: Scope::Scanner,
    summary: "a file could not be decoded or parsed, so it was not fully checked",
    doc: Doc {
        what: "Reported for a file in scope that is not valid UTF-8, has a syntax error (with the parser's message and position), is not a valid notebook or configuration, is larger than the size cap, or nests deeper than the nesting cap. The scan goes on; a file with one syntax error still gets its other findings.",
        why: "A file Tenet cannot read is a file nobody verified. Reporting it keeps the checklist honest instead of silently passing code that was never looked at.",
        bad: "def broken(:\n    pass",
        good: "def fixed():\n    pass",
        fix: "Fix the syntax error or encoding (save as UTF-8). For a generated or vendored file, exclude it with `extend-exclude` in the configuration.",
    },
};

/// Largest file read, in bytes; anything bigger is SYN001, never loaded whole.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
