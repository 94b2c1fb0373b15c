//! The source lines around a finding, read from the project folder as it is
//! now, with a note when that differs from what the scan saw. The app's
//! detail pane and the HTML and PDF reports show the same excerpt.

use serde::Serialize;
use std::path::{Path, PathBuf};
use tenet_engine::Finding;

/// Files larger than this are not read for context.
pub const MAX_SOURCE_BYTES: u64 = 20 * 1024 * 1024;

/// How much of a file an excerpt shows.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Lines shown above and below the finding.
    pub context: u32,
    /// The most lines in all.
    pub max_lines: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceExcerpt {
    pub first_line: u32,
    pub lines: Vec<String>,
    /// The finding's own lines, to highlight.
    pub start_line: u32,
    pub end_line: u32,
}

/// Where a finding's file is under `root`, keeping a non-UTF-8 name's bytes.
#[cfg(unix)]
pub fn file_path(root: &Path, finding: &Finding) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    match &finding.path.bytes {
        Some(bytes) => root.join(std::ffi::OsStr::from_bytes(bytes)),
        None => root.join(&finding.path.display),
    }
}

#[cfg(not(unix))]
pub fn file_path(root: &Path, finding: &Finding) -> PathBuf {
    root.join(&finding.path.display)
}

/// A file's bytes for excerpts, or why there are none.
pub fn read_source(path: &Path) -> Result<Vec<u8>, String> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_SOURCE_BYTES => Err(format!(
            "The file is {} MB; open it in the editor.",
            meta.len() >> 20
        )),
        Ok(_) => std::fs::read(path).map_err(|e| format!("The file cannot be read: {e}.")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err("The file is gone since this scan.".into())
        }
        Err(e) => Err(format!("The file cannot be read: {e}.")),
    }
}

/// The note for a file whose content no longer hashes as the scan saw it.
pub fn changed_note(bytes: &[u8], scanned_hash: Option<&str>) -> Option<String> {
    scanned_hash
        .is_some_and(|hash| hash != tenet_engine::check::content_hash(bytes))
        .then(|| {
            "The file has changed since this scan; the lines shown may have moved.".to_string()
        })
}

/// Notebook positions count lines within a cell, not the file.
fn cell_note(finding: &Finding) -> Option<String> {
    finding.span.cell.map(|cell| {
        format!(
            "This finding is in code cell {cell} of the notebook; open it in the editor to see it."
        )
    })
}

/// The lines of `bytes` around `finding` (lossily decoded), or a note why
/// there are none.
pub fn excerpt_of(
    bytes: &[u8],
    finding: &Finding,
    window: Window,
) -> Result<SourceExcerpt, String> {
    if let Some(note) = cell_note(finding) {
        return Err(note);
    }
    let text = String::from_utf8_lossy(bytes);
    let (start, end) = (
        finding.span.start.line.max(1),
        finding.span.end.line.max(finding.span.start.line).max(1),
    );
    let first = start.saturating_sub(window.context).max(1);
    let last = (end + window.context).min(first + window.max_lines.max(1) - 1);
    let lines: Vec<String> = text
        .lines()
        .skip(first as usize - 1)
        .take((last - first + 1) as usize)
        .map(str::to_string)
        .collect();
    if lines.is_empty() {
        return Err("The file is shorter now than when it was scanned.".into());
    }
    Ok(SourceExcerpt {
        first_line: first,
        lines,
        start_line: start,
        end_line: end,
    })
}

/// Reads the finding's file and cuts the excerpt: the excerpt (if any) and
/// a note (why there is none, or that the file has changed).
pub fn excerpt(
    root: &Path,
    finding: &Finding,
    scanned_hash: Option<&str>,
    window: Window,
) -> (Option<SourceExcerpt>, Option<String>) {
    if let Some(note) = cell_note(finding) {
        return (None, Some(note));
    }
    let bytes = match read_source(&file_path(root, finding)) {
        Ok(bytes) => bytes,
        Err(note) => return (None, Some(note)),
    };
    match excerpt_of(&bytes, finding, window) {
        Ok(excerpt) => (Some(excerpt), changed_note(&bytes, scanned_hash)),
        Err(note) => (None, Some(note)),
    }
}
