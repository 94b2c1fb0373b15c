//! Reading a repository's past straight from git objects (pure Rust, `gix`):
//! the first-parent line of the current branch, and any commit's tree as an
//! engine [`Source`]. Nothing is checked out; the working tree, the index
//! and every ref are left as they are.

use gix::bstr::ByteSlice;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tenet_engine::config::Config;
use tenet_engine::source::{EntryKind, ReadError, Source, SourceEntry, Visit, WalkOptions};
use tenet_engine::RelPath;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("{path}: not inside a git repository ({why})")]
    NotARepository { path: PathBuf, why: String },
    #[error("git repository {path}: {why}")]
    Read { path: PathBuf, why: String },
}

/// A commit on the line being backfilled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    pub id: String,
    /// Committer time, seconds since the Unix epoch.
    pub time: i64,
    pub author: String,
    pub subject: String,
}

pub struct GitRepo {
    repo: gix::ThreadSafeRepository,
    /// The scanned folder inside the repository (`""` for its root), `/`-separated.
    prefix: String,
    workdir: PathBuf,
    /// The decoded entries of every tree the last `tree()` call met: a
    /// backfill's next commit shares most of them, so only the folders that
    /// changed are inflated and parsed again. Bounded by one commit's trees.
    trees: std::sync::Mutex<HashMap<gix::ObjectId, Arc<[TreeEntry]>>>,
}

/// One entry of a tree object, decoded.
struct TreeEntry {
    name: Vec<u8>,
    kind: Kind,
    /// For a folder, its tree's id.
    tree: Option<gix::ObjectId>,
}

/// The first-parent line, newest first, and what stopped it early.
pub struct History {
    pub commits: Vec<CommitInfo>,
    /// Set when the line ends at a shallow clone's boundary.
    pub shallow: bool,
}

impl GitRepo {
    /// The repository holding `path`; `path` may be a folder inside it.
    pub fn open(path: &Path) -> Result<GitRepo, GitError> {
        let not_repo = |why: String| GitError::NotARepository {
            path: path.to_path_buf(),
            why,
        };
        let repo = gix::discover(path).map_err(|e| not_repo(e.to_string()))?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| not_repo("a bare repository has no folder to scan".into()))?
            .to_path_buf();
        let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let (root, folder) = (canonical(&workdir), canonical(path));
        let prefix = folder
            .strip_prefix(&root)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        Ok(GitRepo {
            repo: repo.into_sync(),
            prefix,
            workdir: root,
            trees: Default::default(),
        })
    }

    fn error(&self, why: impl std::fmt::Display) -> GitError {
        GitError::Read {
            path: self.workdir.clone(),
            why: why.to_string(),
        }
    }

    /// Up to `limit` commits of HEAD's first-parent line, newest first,
    /// none older than `since` (seconds); never walks further than asked.
    pub fn first_parent_line(&self, limit: usize, since: Option<i64>) -> Result<History, GitError> {
        let repo = self.repo.to_thread_local();
        let mut commits = Vec::new();
        let mut next = Some(repo.head_commit().map_err(|e| self.error(e))?.id);
        let mut shallow = false;
        while let Some(id) = next.take() {
            if commits.len() >= limit {
                break;
            }
            let commit = match repo.find_commit(id) {
                Ok(commit) => commit,
                // A shallow clone's boundary: the parent is not here.
                Err(_) if !commits.is_empty() => {
                    shallow = true;
                    break;
                }
                Err(e) => return Err(self.error(e)),
            };
            let time = commit.time().map_err(|e| self.error(e))?.seconds;
            if since.is_some_and(|since| time < since) {
                break;
            }
            let author = commit
                .author()
                .map(|a| a.name.to_str_lossy().into_owned())
                .unwrap_or_default();
            let subject = commit
                .message()
                .map(|m| m.summary().to_str_lossy().into_owned())
                .unwrap_or_default();
            next = commit.parent_ids().next().map(|p| p.detach());
            commits.push(CommitInfo {
                id: id.to_string(),
                time,
                author,
                subject,
            });
        }
        Ok(History { commits, shallow })
    }

    /// The id of a revision (`origin/main`, a tag, a hash).
    pub fn resolve(&self, revision: &str) -> Result<String, GitError> {
        let repo = self.repo.to_thread_local();
        let id = repo
            .rev_parse_single(revision)
            .map_err(|e| self.error(format!("`{revision}`: {e}")))?;
        Ok(id.detach().to_string())
    }

    /// Every entry under the tree `id` with its full path (`path` is the
    /// tree's own, `/`-terminated when not the root), parents before
    /// children; a tree already decoded is taken from `known`.
    fn flatten(
        &self,
        repo: &gix::Repository,
        id: gix::ObjectId,
        path: Vec<u8>,
        known: &mut HashMap<gix::ObjectId, Arc<[TreeEntry]>>,
        used: &mut HashMap<gix::ObjectId, Arc<[TreeEntry]>>,
        out: &mut Vec<(Vec<u8>, Kind)>,
    ) -> Result<(), GitError> {
        let entries = match used.get(&id).or_else(|| known.get(&id)) {
            Some(entries) => entries.clone(),
            None => {
                let tree = repo.find_tree(id).map_err(|e| self.error(e))?;
                let decoded = tree.decode().map_err(|e| self.error(e))?;
                decoded
                    .entries
                    .iter()
                    .map(|entry| {
                        let oid = entry.oid.to_owned();
                        let (kind, tree) = match entry.mode.kind() {
                            gix::objs::tree::EntryKind::Tree => (Kind::Dir, Some(oid)),
                            gix::objs::tree::EntryKind::Blob
                            | gix::objs::tree::EntryKind::BlobExecutable => (Kind::File(oid), None),
                            gix::objs::tree::EntryKind::Link => (Kind::Link, None),
                            gix::objs::tree::EntryKind::Commit => (Kind::Submodule, None),
                        };
                        TreeEntry {
                            name: entry.filename.to_vec(),
                            kind,
                            tree,
                        }
                    })
                    .collect()
            }
        };
        used.insert(id, entries.clone());
        for entry in entries.iter() {
            let mut full = path.clone();
            full.extend_from_slice(&entry.name);
            out.push((full.clone(), entry.kind));
            if let Some(child) = entry.tree {
                full.push(b'/');
                self.flatten(repo, child, full, known, used, out)?;
            }
        }
        Ok(())
    }

    /// The commit's tree under the scanned folder, as a source.
    pub fn tree(&self, commit: &str) -> Result<TreeSource, GitError> {
        let repo = self.repo.to_thread_local();
        let id = gix::ObjectId::from_hex(commit.as_bytes()).map_err(|e| self.error(e))?;
        let tree = repo
            .find_commit(id)
            .and_then(|c| c.tree())
            .map_err(|e| self.error(e))?;
        let root = tree.id;
        let mut known = self.trees.lock().unwrap_or_else(|e| e.into_inner());
        let mut used = HashMap::with_capacity(known.len());
        let mut flat: Vec<(Vec<u8>, Kind)> = Vec::new();
        self.flatten(&repo, root, Vec::new(), &mut known, &mut used, &mut flat)?;
        // Keep only this commit's trees: the next commit shares most of them.
        *known = used;
        drop(known);
        let prefix = if self.prefix.is_empty() {
            Vec::new()
        } else {
            format!("{}/", self.prefix).into_bytes()
        };
        let mut entries = Vec::with_capacity(flat.len());
        for (full, kind) in flat {
            let Some(relative) = full.strip_prefix(prefix.as_slice()) else {
                continue;
            };
            if relative.is_empty() {
                continue;
            }
            let path = match std::str::from_utf8(relative) {
                Ok(text) => RelPath::from_str(text),
                Err(_) => RelPath {
                    display: String::from_utf8_lossy(relative).into_owned(),
                    bytes: Some(relative.to_vec()),
                },
            };
            entries.push((path, kind));
        }
        let mut keyed: Vec<(Vec<u8>, RelPath, Kind)> = entries
            .into_iter()
            .map(|(path, kind)| (order_key(&path), path, kind))
            .collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (keys, entries) = keyed
            .into_iter()
            .map(|(key, path, kind)| (key, (path, kind)))
            .unzip();
        Ok(TreeSource {
            repo: self.repo.clone(),
            keys,
            entries,
        })
    }
}

/// A path's place in component order (`build/x` before `build.py`): its
/// bytes with the separator below every other byte, which orders as
/// comparing the components one by one would (git paths hold no NUL), then
/// the raw bytes of a name that is not UTF-8, to tell apart names that
/// read the same. Compared with `memcmp`, not character by character.
fn order_key(path: &RelPath) -> Vec<u8> {
    let mut key: Vec<u8> = path
        .display
        .bytes()
        .map(|c| if c == b'/' { 0 } else { c })
        .collect();
    if let Some(bytes) = &path.bytes {
        key.push(0);
        key.push(0);
        key.extend_from_slice(bytes);
    }
    key
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Dir,
    File(gix::ObjectId),
    Link,
    Submodule,
}

/// One commit's files, read from git objects on demand.
pub struct TreeSource {
    repo: gix::ThreadSafeRepository,
    /// `order_key` of each entry, ascending: a file is found by binary search.
    keys: Vec<Vec<u8>>,
    /// In component order, as a walk of folders would give them.
    entries: Vec<(RelPath, Kind)>,
}

/// The first line of a Git LFS pointer file.
const LFS_POINTER: &[u8] = b"version https://git-lfs.github.com/spec/v1";

impl TreeSource {
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

    /// Files under submodules, which this source cannot see into.
    pub fn submodules(&self) -> Vec<&RelPath> {
        self.entries
            .iter()
            .filter(|(_, kind)| matches!(kind, Kind::Submodule))
            .map(|(path, _)| path)
            .collect()
    }
}

impl Source for TreeSource {
    fn walk(&self, _options: &WalkOptions, visit: &mut dyn FnMut(SourceEntry) -> Visit) {
        let mut skipped: Option<String> = None;
        for (path, kind) in &self.entries {
            if let Some(prefix) = &skipped {
                if path.display.starts_with(prefix.as_str()) {
                    continue;
                }
                // Entries are in component order: the folder's run is over.
                skipped = None;
            }
            let blob_id = match kind {
                Kind::File(oid) => Some(oid.to_string()),
                _ => None,
            };
            let (kind, is_dir) = match kind {
                Kind::Dir => (EntryKind::Dir, true),
                Kind::File(_) => (EntryKind::File, false),
                Kind::Link => (EntryKind::Symlink, false),
                // A submodule's files live in another repository: reported
                // as a device-like entry the scan skips with its reason.
                Kind::Submodule => (EntryKind::Device, false),
            };
            if is_dir && tenet_engine::source::is_skipped_dir(path.file_name()) {
                skipped = Some(format!("{}/", path.display));
                continue;
            }
            let entry = SourceEntry {
                path: path.clone(),
                kind,
                size: 0,
                mtime_ns: None,
                blob_id,
                mode: None,
                ignored: false,
                unreadable: false,
            };
            match visit(entry) {
                Visit::Stop => return,
                Visit::SkipDir if is_dir => skipped = Some(format!("{}/", path.display)),
                _ => {}
            }
        }
    }

    fn read(&self, path: &RelPath, limit: u64) -> Result<Vec<u8>, ReadError> {
        let oid = match self.keys.binary_search(&order_key(path)) {
            Ok(at) => match &self.entries[at].1 {
                Kind::File(oid) => oid,
                _ => return Err(ReadError::Vanished),
            },
            Err(_) => return Err(ReadError::Vanished),
        };
        let repo = self.repo.to_thread_local();
        let blob = repo
            .find_blob(*oid)
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

    /// Git keeps only an executable bit: the permission rules do not apply.
    fn has_permissions(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::order_key;
    use tenet_engine::RelPath;

    #[test]
    fn paths_order_by_components_as_a_folder_walk_gives_them() {
        let names = [
            "build.py",
            "build/x",
            "build/a/b",
            "build-2/y",
            "a",
            "a/b/c",
            "a.b",
            "a/b",
            "ab",
            "é/x",
            "e/x",
            "z",
            "build/a.py",
        ];
        let mut ours: Vec<RelPath> = names.iter().map(|n| RelPath::from_str(n)).collect();
        ours.sort_by_key(order_key);
        let mut by_components = names.to_vec();
        by_components.sort_by(|a, b| a.split('/').cmp(b.split('/')));
        let ours: Vec<&str> = ours.iter().map(|p| p.display.as_str()).collect();
        assert_eq!(ours, by_components);
    }
}
