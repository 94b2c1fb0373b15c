//! Where files come from. A `Source` lists entries and reads their bytes, so
//! the engine never opens files itself: the file system today, a git tree
//! for backfill tomorrow.

use crate::finding::RelPath;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
    Symlink,
    Fifo,
    Socket,
    Device,
}

#[derive(Debug, Clone)]
pub struct SourceEntry {
    pub path: RelPath,
    pub kind: EntryKind,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch, where known:
    /// with `size`, the cheap check a file cache makes before hashing.
    pub mtime_ns: Option<i64>,
    /// Unix permission bits, where the source has them.
    pub mode: Option<u32>,
    /// Hidden by `.gitignore`: listed only for the permission rules.
    pub ignored: bool,
    /// Folder holding this entry could not be listed (`kind` is `Dir`).
    pub unreadable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    PermissionDenied,
    /// Deleted, or replaced by something that is not a regular file.
    Vanished,
    TooLarge(u64),
    Other(String),
}

/// What the walk should do after visiting an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    Continue,
    /// Do not descend into this folder.
    SkipDir,
    Stop,
}

pub trait Source: Send + Sync {
    /// Lists every entry under the root, parents before children, in a
    /// stable order.
    fn walk(&self, include_ignored: bool, visit: &mut dyn FnMut(SourceEntry) -> Visit);
    /// Reads a file's bytes, refusing more than `limit`.
    fn read(&self, path: &RelPath, limit: u64) -> Result<Vec<u8>, ReadError>;
    /// Whether modes are real (not on Windows, not from git objects).
    fn has_permissions(&self) -> bool;
}

/// Folders never entered: version control, environments, caches, builds.
pub fn is_skipped_dir(name: &str) -> bool {
    matches!(
        name,
        ".git"
            | ".hg"
            | ".svn"
            | "node_modules"
            | "__pycache__"
            | ".venv"
            | "venv"
            | ".tox"
            | ".nox"
            | "build"
            | "dist"
            | ".mypy_cache"
            | ".pytest_cache"
            | ".ruff_cache"
            | ".eggs"
    ) || name.ends_with(".egg-info")
}

/// The file system under a root folder.
pub struct FsSource {
    root: PathBuf,
}

impl FsSource {
    pub fn new(root: impl Into<PathBuf>) -> FsSource {
        FsSource { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn absolute(&self, path: &RelPath) -> PathBuf {
        #[cfg(unix)]
        if let Some(bytes) = &path.bytes {
            use std::os::unix::ffi::OsStrExt;
            return self.root.join(std::ffi::OsStr::from_bytes(bytes));
        }
        self.root.join(&path.display)
    }
}

/// A path relative to the root, `/`-separated, kept losslessly.
pub fn rel_path(relative: &Path) -> RelPath {
    let mut display = String::new();
    for (i, part) in relative.components().enumerate() {
        if i > 0 {
            display.push('/');
        }
        display.push_str(&part.as_os_str().to_string_lossy());
    }
    let bytes = if relative.to_str().is_some() {
        None
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            Some(relative.as_os_str().as_bytes().to_vec())
        }
        #[cfg(not(unix))]
        {
            None
        }
    };
    RelPath { display, bytes }
}

#[cfg(unix)]
fn kind_and_mode(
    file_type: std::fs::FileType,
    metadata: Option<&std::fs::Metadata>,
) -> (EntryKind, Option<u32>) {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let kind = if file_type.is_symlink() {
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
    };
    (kind, metadata.map(|m| m.permissions().mode()))
}

#[cfg(not(unix))]
fn kind_and_mode(
    file_type: std::fs::FileType,
    _metadata: Option<&std::fs::Metadata>,
) -> (EntryKind, Option<u32>) {
    let kind = if file_type.is_symlink() {
        EntryKind::Symlink
    } else if file_type.is_dir() {
        EntryKind::Dir
    } else if file_type.is_file() {
        EntryKind::File
    } else {
        EntryKind::Device
    };
    (kind, None)
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

fn gitignore_for(dir: &Path, is_root: bool) -> Option<Gitignore> {
    let file = dir.join(".gitignore");
    let exclude = dir.join(".git/info/exclude");
    let has_file = file.is_file();
    let has_exclude = is_root && exclude.is_file();
    if !has_file && !has_exclude {
        return None;
    }
    let mut builder = GitignoreBuilder::new(dir);
    if has_exclude {
        builder.add(exclude);
    }
    if has_file {
        builder.add(file);
    }
    builder.build().ok()
}

impl Source for FsSource {
    fn walk(&self, include_ignored: bool, visit: &mut dyn FnMut(SourceEntry) -> Visit) {
        // (depth of the folder, its matcher) for every .gitignore above the entry.
        let mut matchers: Vec<(usize, Gitignore)> = Vec::new();
        // (depth, ignored) for folders above the entry.
        let mut ignored_dirs: Vec<(usize, bool)> = Vec::new();
        if let Some(root_matcher) = gitignore_for(&self.root, true) {
            matchers.push((0, root_matcher));
        }
        let mut walker = walkdir::WalkDir::new(&self.root)
            .follow_links(false)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter();
        loop {
            let entry = match walker.next() {
                None => break,
                Some(Ok(entry)) => entry,
                Some(Err(error)) => {
                    // A folder that cannot be listed, or an entry gone mid-walk.
                    let Some(path) = error.path() else { continue };
                    let relative = path.strip_prefix(&self.root).unwrap_or(path);
                    let denied = error
                        .io_error()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied);
                    if denied {
                        let entry = SourceEntry {
                            path: rel_path(relative),
                            kind: EntryKind::Dir,
                            size: 0,
                            mtime_ns: None,
                            mode: None,
                            ignored: false,
                            unreadable: true,
                        };
                        if visit(entry) == Visit::Stop {
                            return;
                        }
                    }
                    continue;
                }
            };
            let depth = entry.depth();
            matchers.retain(|(d, _)| *d < depth);
            ignored_dirs.retain(|(d, _)| *d < depth);
            let name = entry.file_name().to_string_lossy();
            let metadata = entry.metadata().ok();
            let (kind, mode) = kind_and_mode(entry.file_type(), metadata.as_ref());
            if kind == EntryKind::Dir && is_skipped_dir(&name) {
                walker.skip_current_dir();
                continue;
            }
            let is_dir = kind == EntryKind::Dir;
            let parent_ignored = ignored_dirs.last().is_some_and(|(_, ignored)| *ignored);
            let ignored = parent_ignored
                || matchers
                    .iter()
                    .rev()
                    .map(|(_, m)| m.matched(entry.path(), is_dir))
                    .find(|m| !m.is_none())
                    .is_some_and(|m| m.is_ignore());
            if ignored && !include_ignored {
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
            if is_dir {
                ignored_dirs.push((depth, ignored));
                if let Some(matcher) = gitignore_for(entry.path(), false) {
                    matchers.push((depth, matcher));
                }
            }
            let relative = entry
                .path()
                .strip_prefix(&self.root)
                .unwrap_or(entry.path());
            let source_entry = SourceEntry {
                path: rel_path(relative),
                kind,
                size: metadata.as_ref().map_or(0, |m| m.len()),
                mtime_ns: metadata.as_ref().and_then(mtime_ns),
                mode,
                ignored,
                unreadable: false,
            };
            match visit(source_entry) {
                Visit::Stop => return,
                Visit::SkipDir if is_dir => walker.skip_current_dir(),
                _ => {}
            }
        }
    }

    fn read(&self, path: &RelPath, limit: u64) -> Result<Vec<u8>, ReadError> {
        let absolute = self.absolute(path);
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        // Never block on a FIFO that replaced a file after it was listed.
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
        }
        let file = options.open(&absolute).map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            std::io::ErrorKind::NotFound => ReadError::Vanished,
            _ if e.raw_os_error() == Some(libc_eloop()) => ReadError::Vanished,
            _ => ReadError::Other(e.to_string()),
        })?;
        let metadata = file
            .metadata()
            .map_err(|e| ReadError::Other(e.to_string()))?;
        if !metadata.is_file() {
            return Err(ReadError::Vanished);
        }
        if metadata.len() > limit {
            return Err(ReadError::TooLarge(metadata.len()));
        }
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::Other(e.to_string()))?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }

    fn has_permissions(&self) -> bool {
        cfg!(unix)
    }
}

#[cfg(unix)]
fn libc_eloop() -> i32 {
    libc::ELOOP
}

#[cfg(not(unix))]
fn libc_eloop() -> i32 {
    -1
}
