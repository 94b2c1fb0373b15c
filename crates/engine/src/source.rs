//! Where files come from. A `Source` lists entries and reads their bytes, so
//! the engine never opens files itself: the file system today, a git tree
//! for backfill tomorrow.

use crate::finding::RelPath;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod folder;
mod waiting;

use waiting::{DirStack, DirTask, Subfolders};

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
    /// An identity of the content the source knows without reading it (a
    /// git blob id): a file cache can answer by it alone.
    pub blob_id: Option<String>,
    /// Unix permission bits, where the source has them.
    pub mode: Option<u32>,
    /// Hidden by `.gitignore`: listed only for the permission rules.
    pub ignored: bool,
    /// Why this folder could not be listed, if it could not (`kind` is
    /// `Dir`; the folder's own entry came before, from its parent).
    pub unreadable: Option<Box<ReadError>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    PermissionDenied,
    /// Deleted, or replaced by something that is not a regular file.
    Vanished,
    TooLarge(u64),
    Other(String),
}

impl ReadError {
    /// What an error opening or reading an entry that was listed means.
    pub fn from_io(error: &std::io::Error) -> ReadError {
        match error.kind() {
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory => ReadError::Vanished,
            // Replaced by a symbolic link, which is never followed.
            _ if error.raw_os_error() == Some(libc_eloop()) => ReadError::Vanished,
            _ => ReadError::Other(error.to_string()),
        }
    }

    /// Why the entry is skipped; a file over the size cap is not skipped
    /// but reported as a finding, so its size comes back instead.
    pub fn into_skip(self) -> Result<crate::finding::SkipReason, u64> {
        use crate::finding::SkipReason;
        match self {
            ReadError::PermissionDenied => Ok(SkipReason::PermissionDenied),
            ReadError::Vanished => Ok(SkipReason::Vanished),
            ReadError::Other(why) => Ok(SkipReason::Unreadable(why)),
            ReadError::TooLarge(size) => Err(size),
        }
    }
}

/// Makes room now, while the process has one thread, for every file
/// descriptor a scan may hold open; `main` calls it first thing. Why:
/// `folder/linux.rs`.
pub fn reserve_descriptor_table() {
    folder::reserve_descriptor_table()
}

/// What a walk lists and how much it learns about each entry.
pub struct WalkOptions<'a> {
    /// List entries `.gitignore` hides too (marked `ignored`), for the
    /// permission rules.
    pub include_ignored: bool,
    /// Every entry's mode is wanted (the permission rules are on).
    pub modes: bool,
    /// The files the scan will read; without `modes`, others are listed
    /// without the cost of a `stat` (size, mtime and mode left empty).
    pub wanted: &'a (dyn Fn(&RelPath) -> bool + Sync),
    /// Entries the caller would only count: a source may count them here
    /// rather than list them (the file system does; the others list
    /// everything, which is never wrong).
    pub quiet: Option<Quiet<'a>>,
}

/// Whether the caller must see an entry for its mode alone (a permission
/// finding): its path, kind and mode, where asked for.
pub type Flagged<'a> = dyn Fn(&RelPath, EntryKind, Option<u32>) -> bool + Sync + 'a;

/// Entries that need nothing but counting: not folders, hidden by
/// `.gitignore` or not `wanted`, and not `flagged`. On a 45,000-entry
/// project the permission rules look at every entry and almost all are
/// such: making a path, a listing and a visit for each of them was a tenth
/// of a warm rescan.
#[derive(Clone, Copy)]
pub struct Quiet<'a> {
    pub flagged: &'a Flagged<'a>,
    /// How many were counted rather than listed.
    pub counted: &'a std::sync::atomic::AtomicU64,
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
    fn walk(&self, options: &WalkOptions, visit: &mut dyn FnMut(SourceEntry) -> Visit);
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

/// The `.gitignore` matchers above a folder, nearest first, shared by its
/// subfolders without copying.
struct IgnoreChain {
    matcher: Gitignore,
    parent: Option<Arc<IgnoreChain>>,
}

fn is_ignored(chain: &Option<Arc<IgnoreChain>>, path: &Path, is_dir: bool) -> bool {
    let mut link = chain.as_deref();
    while let Some(node) = link {
        let matched = node.matcher.matched(path, is_dir);
        if !matched.is_none() {
            return matched.is_ignore();
        }
        link = node.parent.as_deref();
    }
    false
}

/// Ends the walk for the listing threads when the walking thread leaves.
struct CloseOnDrop<'a>(&'a DirStack);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// One listed folder: its entries in name order, and its subfolders (the
/// entries that are folders, in the same order) to list next.
struct Batch {
    entries: Vec<SourceEntry>,
    subfolders: Option<Subfolders>,
}

/// Lists one folder: names and kinds from the listing, metadata from a
/// `stat` relative to the open folder where it is wanted (`folder.rs`), in
/// name order. Runs on the listing threads.
fn list_dir(task: DirTask, is_root: bool, options: &WalkOptions) -> Batch {
    let folder = match folder::Folder::open(&task.absolute, task.parent) {
        Ok(folder) => folder,
        Err(error) => {
            // The root was checked before the walk (`scan_root`). Any other
            // folder listed by its parent and then not read is said, with
            // why, so that its files are not silently missing: denied,
            // gone, or out of descriptors or path length (a folder past
            // the cap on open folders is opened by its absolute path).
            let error = ReadError::from_io(&error);
            // A folder `.gitignore` hides is walked for the permission
            // rules alone: only a denial is news there.
            let untold = task.ignored && error != ReadError::PermissionDenied;
            let entries = if is_root || untold {
                Vec::new()
            } else {
                vec![SourceEntry {
                    path: task.relative,
                    kind: EntryKind::Dir,
                    size: 0,
                    mtime_ns: None,
                    blob_id: None,
                    mode: None,
                    ignored: task.ignored,
                    unreadable: Some(Box::new(error)),
                }]
            };
            return Batch {
                entries,
                subfolders: None,
            };
        }
    };
    // Only a folder listing a `.gitignore` (or the root, with its
    // `.git/info/exclude`) costs the reading of one.
    let has_gitignore = is_root || (0..folder.len()).any(|i| folder.name(i) == ".gitignore");
    let own = if has_gitignore {
        gitignore_for(&task.absolute, is_root)
    } else {
        None
    };
    let chain = match own {
        Some(matcher) => Some(Arc::new(IgnoreChain {
            matcher,
            parent: task.chain,
        })),
        None => task.chain,
    };
    // Siblings share their folder's prefix: ordering the names orders the
    // paths, and the subfolders come out in the entries' order.
    let mut order: Vec<u32> = (0..folder.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let name = |i: u32| folder.name(i as usize).as_encoded_bytes();
        name(a).cmp(name(b))
    });
    // Per entry listed: one path string and (with modes) one `stat`;
    // absolute paths only where a `.gitignore` must match. An entry only
    // counted costs its `stat` and a path made in `scratch`.
    let mut entries: Vec<SourceEntry> = Vec::new();
    let mut subfolders: Option<Subfolders> = None;
    let mut scratch = RelPath::from_str("");
    let mut counted = 0u64;
    for index in order {
        let index = index as usize;
        let mut metadata = None;
        let kind = match folder.kind(index) {
            Some(kind) => kind,
            None => match folder.metadata(index) {
                Some(meta) => metadata.insert(meta).kind,
                // Gone since it was listed: simply not there.
                None => continue,
            },
        };
        let name = folder.name(index);
        let is_dir = kind == EntryKind::Dir;
        if is_dir && is_skipped_dir(&name.to_string_lossy()) {
            continue;
        }
        let ignored = task.ignored
            || (chain.is_some() && is_ignored(&chain, &task.absolute.join(name), is_dir));
        if ignored && !options.include_ignored {
            continue;
        }
        child_path_into(&mut scratch, &task.relative, name);
        // Asked at most once per entry, only where it decides something.
        let mut wanted = None;
        let mut is_wanted = |path: &RelPath| *wanted.get_or_insert_with(|| (options.wanted)(path));
        if metadata.is_none() && (options.modes || (kind == EntryKind::File && is_wanted(&scratch)))
        {
            metadata = folder.metadata(index);
        }
        let mode = metadata.and_then(|m| m.mode);
        if let Some(quiet) = options.quiet.filter(|_| !is_dir) {
            if (ignored || !is_wanted(&scratch)) && !(quiet.flagged)(&scratch, kind, mode) {
                counted += 1;
                continue;
            }
        }
        if is_dir {
            subfolders
                .get_or_insert_with(|| {
                    Subfolders::new(Arc::new(waiting::Listed {
                        absolute: task.absolute.clone(),
                        relative: task.relative.clone(),
                        chain: chain.clone(),
                        kept: folder.keep(),
                    }))
                })
                .push(name, ignored);
        }
        entries.push(SourceEntry {
            path: std::mem::replace(&mut scratch, RelPath::from_str("")),
            kind,
            size: metadata.map_or(0, |m| m.size),
            mtime_ns: metadata.and_then(|m| m.mtime_ns),
            blob_id: None,
            mode,
            ignored,
            unreadable: None,
        });
    }
    if let Some(quiet) = options.quiet.filter(|_| counted > 0) {
        quiet
            .counted
            .fetch_add(counted, std::sync::atomic::Ordering::Relaxed);
    }
    Batch {
        entries,
        subfolders,
    }
}

/// The entry `name` of the folder at `parent`, made in `path` (its buffer
/// reused): `/`-separated, the raw bytes kept where they are not UTF-8.
fn child_path_into(path: &mut RelPath, parent: &RelPath, name: &std::ffi::OsStr) {
    let mut display = std::mem::take(&mut path.display);
    display.clear();
    display.reserve(parent.display.len() + 1 + name.len());
    if !parent.display.is_empty() {
        display.push_str(&parent.display);
        display.push('/');
    }
    *path = match name.to_str() {
        Some(text) if parent.bytes.is_none() => {
            display.push_str(text);
            RelPath {
                display,
                bytes: None,
            }
        }
        _ => {
            display.push_str(&name.to_string_lossy());
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt;
                let mut bytes = match &parent.bytes {
                    Some(bytes) => bytes.clone(),
                    None => parent.display.as_bytes().to_vec(),
                };
                if !bytes.is_empty() {
                    bytes.push(b'/');
                }
                bytes.extend_from_slice(name.as_bytes());
                RelPath {
                    display,
                    bytes: Some(bytes),
                }
            }
            #[cfg(not(unix))]
            RelPath {
                display,
                bytes: None,
            }
        }
    };
}

impl Source for FsSource {
    /// Folders are listed and their entries stat'ed on a few threads at
    /// once (on a warm rescan the walk is most of the work); `visit` runs on
    /// the calling thread and decides, entry by entry, whether to descend.
    /// Parents come before children; siblings in name order.
    fn walk(&self, options: &WalkOptions, visit: &mut dyn FnMut(SourceEntry) -> Visit) {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
        let folders = DirStack::default();
        std::thread::scope(|scope| {
            // Closed however this closure ends (`Stop` included), so the
            // listing threads waiting for a folder wake up and end.
            let _close = CloseOnDrop(&folders);
            // Made inside the scope so that leaving it early drops it: a
            // listing thread sending a batch then sees it closed and ends.
            let (batch_tx, batch_rx) = crossbeam_channel::bounded::<Batch>(64);
            for _ in 0..threads {
                let (folders, batches) = (&folders, batch_tx.clone());
                scope.spawn(move || {
                    while let Some((task, is_root)) = folders.pop() {
                        if batches.send(list_dir(task, is_root, options)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(batch_tx);
            folders.push_root(DirTask {
                absolute: self.root.clone(),
                relative: RelPath::from_str(""),
                chain: None,
                ignored: false,
                parent: None,
            });
            let mut outstanding = 1usize;
            while outstanding > 0 {
                let Ok(Batch {
                    entries,
                    mut subfolders,
                }) = batch_rx.recv()
                else {
                    break;
                };
                outstanding -= 1;
                // Folders in `entries` and in `subfolders` are in one order.
                let mut folder_index = 0;
                for entry in entries {
                    let is_subfolder = entry.kind == EntryKind::Dir && entry.unreadable.is_none();
                    let visited = visit(entry);
                    if visited == Visit::Stop {
                        return;
                    }
                    if let (true, Some(subfolders)) = (is_subfolder, subfolders.as_mut()) {
                        if visited == Visit::SkipDir {
                            subfolders.skip(folder_index);
                        }
                        folder_index += 1;
                    }
                }
                if let Some(subfolders) = subfolders {
                    let wanted = subfolders.wanted();
                    if wanted > 0 {
                        outstanding += wanted;
                        folders.push(subfolders);
                    }
                }
            }
        });
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
        let file = options
            .open(&absolute)
            .map_err(|e| ReadError::from_io(&e))?;
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

/// Why a folder cannot be the root of a scan.
#[derive(Debug, thiserror::Error)]
pub enum RootError {
    #[error("{}: no such folder", .0.display())]
    Missing(std::path::PathBuf),
    #[error("{}: is not a folder", .0.display())]
    NotAFolder(std::path::PathBuf),
    /// A folder that cannot be listed would scan as empty and pass.
    #[error("{}: cannot list the folder: {}", .0.display(), .1)]
    Unlistable(std::path::PathBuf, std::io::Error),
}

/// The canonical root of a scan of `path`, checked to be a folder that can
/// be listed: what the CLI and the app both ask before scanning or adding.
pub fn scan_root(path: &std::path::Path) -> Result<std::path::PathBuf, RootError> {
    if !path.is_dir() {
        return Err(if path.exists() {
            RootError::NotAFolder(path.to_path_buf())
        } else {
            RootError::Missing(path.to_path_buf())
        });
    }
    if let Err(error) = std::fs::read_dir(path) {
        return Err(RootError::Unlistable(path.to_path_buf(), error));
    }
    Ok(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lists `absolute` as a subfolder (not the root) at `relative`,
    /// hidden by `.gitignore` or not.
    fn list_subfolder(absolute: PathBuf, relative: &str, ignored: bool) -> Vec<SourceEntry> {
        let wanted = |_: &RelPath| true;
        let options = WalkOptions {
            include_ignored: false,
            modes: true,
            wanted: &wanted,
            quiet: None,
        };
        let task = DirTask {
            absolute,
            relative: RelPath::from_str(relative),
            chain: None,
            ignored,
            parent: None,
        };
        list_dir(task, false, &options).entries
    }

    /// A subfolder listed by its parent and then not read is one entry
    /// saying why, never silently nothing: gone or replaced (here by a
    /// file) is `Vanished`; a path longer than the system takes (a folder
    /// past the cap on open folders is opened by its absolute path) is the
    /// system's message.
    #[test]
    fn a_subfolder_that_cannot_be_listed_says_why() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("was_a_folder"), "").unwrap();
        let replaced = list_subfolder(dir.path().join("was_a_folder"), "was_a_folder", false);
        assert_eq!(replaced.len(), 1);
        assert_eq!(replaced[0].path.display, "was_a_folder");
        assert_eq!(replaced[0].kind, EntryKind::Dir);
        assert_eq!(
            replaced[0].unreadable.as_deref(),
            Some(&ReadError::Vanished)
        );

        let gone = list_subfolder(dir.path().join("gone"), "gone", false);
        assert_eq!(gone[0].unreadable.as_deref(), Some(&ReadError::Vanished));
        // Hidden by `.gitignore`, walked only for the permission rules: a
        // cache folder a tool deleted meanwhile is no news.
        assert!(list_subfolder(dir.path().join("gone"), "gone", true).is_empty());

        // Windows takes long paths (`\\?\`), and says this one is missing.
        #[cfg(unix)]
        {
            let mut deep = dir.path().to_path_buf();
            for _ in 0..40 {
                deep.push("d".repeat(200));
            }
            let too_long = list_subfolder(deep, "deep", false);
            assert_eq!(too_long.len(), 1);
            match too_long[0].unreadable.as_deref() {
                Some(ReadError::Other(why)) => assert!(!why.is_empty()),
                other => panic!("expected the system's reason, got {other:?}"),
            }
        }
    }
}
