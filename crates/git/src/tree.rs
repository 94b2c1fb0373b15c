//! A commit's tree as an engine [`Source`]: folders decoded once and shared
//! between commits, walked depth first (each folder's names sorted, a
//! folder before what it holds), files read from their blobs on demand.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use tenet_engine::config::Config;
use tenet_engine::source::{EntryKind, ReadError, Source, SourceEntry, Visit, WalkOptions};
use tenet_engine::RelPath;

/// One decoded tree object with every folder below it resolved.
pub(crate) struct Folder {
    id: gix::ObjectId,
    /// Sorted by name bytes. Git orders a folder as if its name ended in
    /// `/`; a walk of folders lists `a` (and all it holds) before `a.b`.
    entries: Vec<Node>,
    /// Submodules anywhere below, so finding them skips the rest.
    submodules: usize,
}

struct Node {
    name: Box<[u8]>,
    kind: Kind,
}

enum Kind {
    Folder(Arc<Folder>),
    File(gix::ObjectId),
    Link,
    Submodule,
}

/// The folder of tree `id`, taking every folder already decoded from `known`
/// and adding those it decodes.
pub(crate) fn resolve(
    repo: &gix::Repository,
    id: gix::ObjectId,
    known: &mut HashMap<gix::ObjectId, Arc<Folder>>,
) -> Result<Arc<Folder>, String> {
    if let Some(folder) = known.get(&id) {
        return Ok(folder.clone());
    }
    let tree = repo.find_tree(id).map_err(|e| e.to_string())?;
    let decoded = tree.decode().map_err(|e| e.to_string())?;
    let mut entries = Vec::with_capacity(decoded.entries.len());
    let mut submodules = 0;
    for entry in &decoded.entries {
        let oid = entry.oid.to_owned();
        let kind = match entry.mode.kind() {
            gix::objs::tree::EntryKind::Tree => {
                let folder = resolve(repo, oid, known)?;
                submodules += folder.submodules;
                Kind::Folder(folder)
            }
            gix::objs::tree::EntryKind::Blob | gix::objs::tree::EntryKind::BlobExecutable => {
                Kind::File(oid)
            }
            gix::objs::tree::EntryKind::Link => Kind::Link,
            gix::objs::tree::EntryKind::Commit => {
                submodules += 1;
                Kind::Submodule
            }
        };
        entries.push(Node {
            name: entry.filename.to_vec().into_boxed_slice(),
            kind,
        });
    }
    entries.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    let folder = Arc::new(Folder {
        id,
        entries,
        submodules,
    });
    known.insert(id, folder.clone());
    Ok(folder)
}

/// Every folder of `folder`'s tree, by id.
pub(crate) fn collect(folder: &Arc<Folder>, into: &mut HashMap<gix::ObjectId, Arc<Folder>>) {
    if into.insert(folder.id, folder.clone()).is_some() {
        return; // the same folder twice in one tree: its children are in
    }
    for node in &folder.entries {
        if let Kind::Folder(child) = &node.kind {
            collect(child, into);
        }
    }
}

impl Folder {
    fn find(&self, name: &[u8]) -> Option<&Node> {
        self.entries
            .binary_search_by(|node| (*node.name).cmp(name))
            .ok()
            .map(|at| &self.entries[at])
    }

    /// The folder at `prefix` (`/`-separated, `""` for this one), if this
    /// commit has it.
    pub(crate) fn descend(self: Arc<Folder>, prefix: &str) -> Option<Arc<Folder>> {
        let mut folder = self;
        for name in prefix.split('/').filter(|n| !n.is_empty()) {
            folder = match &folder.find(name.as_bytes())?.kind {
                Kind::Folder(child) => child.clone(),
                _ => return None,
            };
        }
        Some(folder)
    }
}

/// One commit's files, read from git objects on demand.
pub struct TreeSource {
    repo: gix::ThreadSafeRepository,
    /// The scanned folder; `None` when this commit does not have it.
    root: Option<Arc<Folder>>,
}

/// The first line of a Git LFS pointer file.
const LFS_POINTER: &[u8] = b"version https://git-lfs.github.com/spec/v1";

fn rel_path(bytes: &[u8]) -> RelPath {
    match std::str::from_utf8(bytes) {
        Ok(text) => RelPath::from_str(text),
        Err(_) => RelPath {
            display: String::from_utf8_lossy(bytes).into_owned(),
            bytes: Some(bytes.to_vec()),
        },
    }
}

impl TreeSource {
    pub(crate) fn new(repo: gix::ThreadSafeRepository, root: Option<Arc<Folder>>) -> TreeSource {
        TreeSource { repo, root }
    }

    /// The project configuration as it was in this commit: `tenet.toml`,
    /// else `pyproject.toml` (under `[tool.tenet]`), else the defaults.
    pub fn config(&self) -> Result<Config, tenet_engine::ConfigError> {
        for name in ["tenet.toml", "pyproject.toml"] {
            if let Ok(bytes) = self.read(&RelPath::from_str(name), 1 << 20) {
                let text = String::from_utf8_lossy(&bytes);
                return Config::parse(Path::new(name), &text, name == "pyproject.toml");
            }
        }
        Ok(Config::default())
    }

    /// Submodules in this commit (their files are in other repositories,
    /// so a scan skips them).
    pub fn submodules(&self) -> Vec<RelPath> {
        fn gather(folder: &Folder, path: &mut Vec<u8>, into: &mut Vec<RelPath>) {
            for node in folder.entries.iter() {
                let len = path.len();
                push_name(path, &node.name);
                match &node.kind {
                    Kind::Submodule => into.push(rel_path(path)),
                    Kind::Folder(child) if child.submodules > 0 => gather(child, path, into),
                    _ => {}
                }
                path.truncate(len);
            }
        }
        let mut found = Vec::new();
        if let Some(root) = self.root.as_deref().filter(|r| r.submodules > 0) {
            gather(root, &mut Vec::new(), &mut found);
        }
        found
    }

    /// Lists `folder` (at `path`) and what it holds; `false` once told to stop.
    fn walk_folder(
        folder: &Folder,
        path: &mut Vec<u8>,
        options: &WalkOptions,
        visit: &mut dyn FnMut(SourceEntry) -> Visit,
    ) -> bool {
        for node in &folder.entries {
            let len = path.len();
            push_name(path, &node.name);
            let entry_path = rel_path(path);
            let (kind, blob_id, child) = match &node.kind {
                Kind::Folder(child) => {
                    if tenet_engine::source::is_skipped_dir(entry_path.file_name()) {
                        path.truncate(len);
                        continue;
                    }
                    (EntryKind::Dir, None, Some(child))
                }
                // Only a file the scan will check needs its id spelt out.
                Kind::File(oid) => {
                    let blob_id = (options.wanted)(&entry_path).then(|| oid.to_string());
                    (EntryKind::File, blob_id, None)
                }
                Kind::Link => (EntryKind::Symlink, None, None),
                // A submodule's files live in another repository: reported
                // as a device-like entry the scan skips with its reason.
                Kind::Submodule => (EntryKind::Device, None, None),
            };
            let entry = SourceEntry {
                path: entry_path,
                kind,
                size: 0,
                mtime_ns: None,
                blob_id,
                mode: None,
                ignored: false,
                unreadable: None,
            };
            match visit(entry) {
                Visit::Stop => return false,
                Visit::SkipDir => {}
                Visit::Continue => {
                    if let Some(child) = child {
                        if !Self::walk_folder(child, path, options, visit) {
                            return false;
                        }
                    }
                }
            }
            path.truncate(len);
        }
        true
    }

    /// The blob at `path`, if this commit has a file there.
    fn blob_id(&self, path: &RelPath) -> Option<gix::ObjectId> {
        let bytes = path.raw_bytes();
        let mut folder = self.root.as_deref()?;
        let mut names = bytes.split(|&b| b == b'/').peekable();
        while let Some(name) = names.next() {
            let node = folder.find(name)?;
            match (&node.kind, names.peek()) {
                (Kind::Folder(child), Some(_)) => folder = child,
                (Kind::File(oid), None) => return Some(*oid),
                _ => return None,
            }
        }
        None
    }
}

fn push_name(path: &mut Vec<u8>, name: &[u8]) {
    if !path.is_empty() {
        path.push(b'/');
    }
    path.extend_from_slice(name);
}

impl Source for TreeSource {
    fn walk(&self, options: &WalkOptions, visit: &mut dyn FnMut(SourceEntry) -> Visit) {
        if let Some(root) = &self.root {
            Self::walk_folder(root, &mut Vec::new(), options, visit);
        }
    }

    fn read(&self, path: &RelPath, limit: u64) -> Result<Vec<u8>, ReadError> {
        let oid = self.blob_id(path).ok_or(ReadError::Vanished)?;
        let repo = self.repo.to_thread_local();
        let blob = repo
            .find_blob(oid)
            .map_err(|e| ReadError::Other(format!("git object {oid}: {e}")))?;
        if blob.data.len() as u64 > limit {
            return Err(ReadError::TooLarge(blob.data.len() as u64));
        }
        if blob.data.starts_with(LFS_POINTER) {
            return Err(ReadError::Other(
                "a Git LFS pointer; the file itself is not in the repository".into(),
            ));
        }
        Ok(blob.data.clone())
    }

    fn has_permissions(&self) -> bool {
        false
    }
}
