//! Reading a repository's past straight from git objects (pure Rust, `gix`):
//! the first-parent line of the current branch, and any commit's tree as an
//! engine [`Source`]. Nothing is checked out; the working tree, the index
//! and every ref are left as they are.

use gix::bstr::ByteSlice;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
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

    /// The commit's tree under the scanned folder, as a source.
    pub fn tree(&self, commit: &str) -> Result<TreeSource, GitError> {
        let repo = self.repo.to_thread_local();
        let id = gix::ObjectId::from_hex(commit.as_bytes()).map_err(|e| self.error(e))?;
        let tree = repo
            .find_commit(id)
            .and_then(|c| c.tree())
            .map_err(|e| self.error(e))?;
        let mut recorder = gix::traverse::tree::Recorder::default();
        tree.traverse()
            .breadthfirst(&mut recorder)
            .map_err(|e| self.error(e))?;
        let prefix = if self.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", self.prefix)
        };
        let mut entries = Vec::new();
        for entry in recorder.records {
            let full = entry.filepath.to_str_lossy();
            let Some(relative) = full.strip_prefix(&prefix) else {
                continue;
            };
            if relative.is_empty() {
                continue;
            }
            let kind = match entry.mode.kind() {
                gix::objs::tree::EntryKind::Tree => Kind::Dir,
                gix::objs::tree::EntryKind::Blob | gix::objs::tree::EntryKind::BlobExecutable => {
                    Kind::File(entry.oid)
                }
                gix::objs::tree::EntryKind::Link => Kind::Link,
                gix::objs::tree::EntryKind::Commit => Kind::Submodule,
            };
            let path = match entry.filepath.to_str() {
                Ok(text) => RelPath::from_str(text.strip_prefix(&prefix).unwrap_or(text)),
                Err(_) => RelPath {
                    display: relative.to_string(),
                    bytes: Some(entry.filepath[prefix.len()..].to_vec()),
                },
            };
            entries.push((path, kind));
        }
        // By components, as a walk of folders would give them: a folder's
        // contents follow it directly (`build/x` before `build.py`), so a
        // skipped folder is one contiguous run.
        entries.sort_by(|a, b| a.0.display.split('/').cmp(b.0.display.split('/')));
        let blobs = entries
            .iter()
            .filter_map(|(path, kind)| match kind {
                Kind::File(oid) => Some((path.clone(), *oid)),
                _ => None,
            })
            .collect();
        Ok(TreeSource {
            repo: self.repo.clone(),
            entries,
            blobs,
        })
    }
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
    entries: Vec<(RelPath, Kind)>,
    blobs: HashMap<RelPath, gix::ObjectId>,
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
        let oid = self.blobs.get(path).ok_or(ReadError::Vanished)?;
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
