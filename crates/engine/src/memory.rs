//! A source held in memory: files given as (path, bytes). For property
//! tests and fuzzing, which check arbitrary text without touching a disk,
//! and for callers that already hold the bytes.

use crate::finding::RelPath;
use crate::source::{EntryKind, ReadError, Source, SourceEntry, Visit, WalkOptions};

pub struct MemorySource {
    files: Vec<(RelPath, Vec<u8>)>,
}

impl MemorySource {
    /// Files under `/`-separated relative paths; folders are implied.
    pub fn new<P: AsRef<str>>(files: impl IntoIterator<Item = (P, Vec<u8>)>) -> MemorySource {
        let mut files: Vec<(RelPath, Vec<u8>)> = files
            .into_iter()
            .map(|(path, bytes)| (RelPath::from_str(path.as_ref()), bytes))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        MemorySource { files }
    }
}

impl Source for MemorySource {
    fn walk(&self, _options: &WalkOptions, visit: &mut dyn FnMut(SourceEntry) -> Visit) {
        for (path, bytes) in &self.files {
            let entry = SourceEntry {
                path: path.clone(),
                kind: EntryKind::File,
                size: bytes.len() as u64,
                mtime_ns: None,
                blob_id: None,
                mode: None,
                ignored: false,
                unreadable: None,
            };
            if visit(entry) == Visit::Stop {
                return;
            }
        }
    }

    fn read(&self, path: &RelPath, limit: u64) -> Result<Vec<u8>, ReadError> {
        let (_, bytes) = self
            .files
            .iter()
            .find(|(p, _)| p == path)
            .ok_or(ReadError::Vanished)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        Ok(bytes.clone())
    }

    fn has_permissions(&self) -> bool {
        false
    }
}
