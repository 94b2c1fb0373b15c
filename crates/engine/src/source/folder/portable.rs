//! A folder read with `std::fs::read_dir`: every platform has it.

use super::{EntryKind, Meta};
use std::ffi::{OsStr, OsString};
use std::path::Path;

/// Nothing: subfolders are opened by their absolute path.
#[derive(Clone)]
pub(in crate::source) struct Parent;

pub(in crate::source) struct Folder {
    entries: Vec<(std::fs::DirEntry, OsString)>,
}

impl Folder {
    /// Reads the folder at `absolute`.
    pub fn open(absolute: &Path, _parent: Option<Parent>) -> std::io::Result<Folder> {
        // An entry gone between listing and reading is simply not there.
        let entries = std::fs::read_dir(absolute)?
            .filter_map(Result::ok)
            .map(|entry| {
                let name = entry.file_name();
                (entry, name)
            })
            .collect();
        Ok(Folder { entries })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn name(&self, index: usize) -> &OsStr {
        &self.entries[index].1
    }

    /// The entry's kind as the listing gives it (`None`: it is gone).
    pub fn kind(&self, index: usize) -> Option<EntryKind> {
        self.entries[index].0.file_type().ok().map(kind_of)
    }

    pub fn metadata(&self, index: usize) -> Option<Meta> {
        let metadata = self.entries[index].0.metadata().ok()?;
        Some(Meta {
            kind: kind_of(metadata.file_type()),
            mode: mode_of(&metadata),
            size: metadata.len(),
            mtime_ns: mtime_ns(&metadata),
        })
    }

    /// Nothing to keep: subfolders are opened by their absolute path.
    pub fn keep(&self) -> Option<Parent> {
        None
    }
}

#[cfg(unix)]
fn kind_of(file_type: std::fs::FileType) -> EntryKind {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_symlink() {
        EntryKind::Symlink
    } else if file_type.is_dir() {
        EntryKind::Dir
    } else if file_type.is_fifo() {
        EntryKind::Fifo
    } else if file_type.is_socket() {
        EntryKind::Socket
    } else if file_type.is_block_device() || file_type.is_char_device() {
        EntryKind::Device
    } else {
        EntryKind::File
    }
}

#[cfg(not(unix))]
fn kind_of(file_type: std::fs::FileType) -> EntryKind {
    if file_type.is_symlink() {
        EntryKind::Symlink
    } else if file_type.is_dir() {
        EntryKind::Dir
    } else if file_type.is_file() {
        EntryKind::File
    } else {
        EntryKind::Device
    }
}

#[cfg(unix)]
fn mode_of(metadata: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(metadata.permissions().mode())
}

#[cfg(not(unix))]
fn mode_of(_metadata: &std::fs::Metadata) -> Option<u32> {
    None
}

/// Nanoseconds since the Unix epoch (negative before it), if the platform
/// reports a modification time.
fn mtime_ns(metadata: &std::fs::Metadata) -> Option<i64> {
    let modified = metadata.modified().ok()?;
    Some(match modified.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_nanos()).ok()?,
        Err(before) => -i64::try_from(before.duration().as_nanos()).ok()?,
    })
}
