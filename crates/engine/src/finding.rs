//! What a scan produces: findings, skips and their positions.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Severity of a finding; ordered so that `Error > Warning > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A 1-based position: line and column in Unicode scalar values.
/// For notebooks `cell` is the 1-based code cell and `line` counts within it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Where a finding sits; the end is exclusive.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: Position,
    pub end: Position,
    /// 1-based notebook code cell, when the file is a notebook.
    pub cell: Option<u32>,
}

impl Span {
    /// A span covering the start of line 1, used for findings about a whole file.
    pub fn file_start() -> Span {
        Span::point(1, 1)
    }

    pub fn point(line: u32, column: u32) -> Span {
        Span {
            start: Position { line, column },
            end: Position { line, column },
            cell: None,
        }
    }
}

/// A path relative to the scanned root, kept losslessly.
///
/// `display` always uses `/` and is valid UTF-8 (lossy for non-UTF-8 names);
/// `bytes` holds the raw name when it is not valid UTF-8.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RelPath {
    pub display: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<Vec<u8>>,
}

impl RelPath {
    pub fn from_str(path: &str) -> RelPath {
        RelPath {
            display: path.to_string(),
            bytes: None,
        }
    }

    /// The path as the file system spells it: the raw bytes where they are
    /// not UTF-8, else the display.
    pub fn raw_bytes(&self) -> &[u8] {
        self.bytes.as_deref().unwrap_or(self.display.as_bytes())
    }

    /// The final component of the path.
    pub fn file_name(&self) -> &str {
        self.display.rsplit('/').next().unwrap_or(&self.display)
    }

    /// The path's components, split on `/`.
    pub fn components(&self) -> std::str::Split<'_, char> {
        self.display.split('/')
    }
}

/// Shown readably in terminals and logs: control characters (a newline in a
/// file name would forge a line of output) and bidirectional overrides (which
/// reorder what a reader sees) are written as escapes; the rest as is.
impl fmt::Display for RelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.display.chars() {
            if c.is_control() || is_bidi_control(c) {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// Unicode's explicit directional formatting characters.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A secondary location a finding points at (e.g. where a global is mutated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One rule violation at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: RelPath,
    pub span: Span,
    pub message: String,
    pub suppressed: bool,
    pub suppression_reason: Option<String>,
    /// Stable across unrelated edits that shift lines: rule, path, the text of
    /// the line and its occurrence index among identical lines.
    pub fingerprint: String,
    pub related: Vec<Related>,
}

/// A file that was deliberately not checked, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    pub path: RelPath,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    Binary,
    Symlink,
    Fifo,
    Socket,
    Device,
    PermissionDenied,
    /// Listed, then gone or changed type before it could be read.
    Vanished,
    Unreadable(String),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Binary => f.write_str("binary file"),
            SkipReason::Symlink => f.write_str("symbolic link (not followed)"),
            SkipReason::Fifo => f.write_str("FIFO (never opened)"),
            SkipReason::Socket => f.write_str("socket (never opened)"),
            SkipReason::Device => f.write_str("device file (never opened)"),
            SkipReason::PermissionDenied => f.write_str("permission denied"),
            SkipReason::Vanished => f.write_str("removed or replaced while scanning"),
            SkipReason::Unreadable(why) => write!(f, "could not be read: {why}"),
        }
    }
}
