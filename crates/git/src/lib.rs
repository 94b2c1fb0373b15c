//! Reading a repository's past straight from git objects (pure Rust, `gix`):
//! the first-parent line of the current branch, and any commit's tree as an
//! engine [`Source`]. Nothing is checked out; the working tree, the index
//! and every ref are left as they are.

use gix::bstr::ByteSlice;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod tree;

use tree::Folder;
pub use tree::TreeSource;

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
    /// Every folder of the last commit read, decoded: git trees are named
    /// by their content, so the next commit of a backfill shares all but
    /// the folders that changed, and only those are inflated and parsed
    /// again. Bounded by one commit's folders.
    folders: std::sync::Mutex<HashMap<gix::ObjectId, Arc<Folder>>>,
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
            folders: Default::default(),
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

    /// The files of `commit` under the scanned folder, as a [`Source`].
    pub fn tree(&self, commit: &str) -> Result<TreeSource, GitError> {
        let repo = self.repo.to_thread_local();
        let id = gix::ObjectId::from_hex(commit.as_bytes()).map_err(|e| self.error(e))?;
        let root = repo
            .find_commit(id)
            .and_then(|c| c.tree())
            .map_err(|e| self.error(e))?
            .id;
        let mut known = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        let root = tree::resolve(&repo, root, &mut known).map_err(|e| self.error(e))?;
        // Keep only this commit's folders: the next commit shares most.
        let mut reachable = HashMap::with_capacity(known.len());
        tree::collect(&root, &mut reachable);
        *known = reachable;
        drop(known);
        Ok(TreeSource::new(
            self.repo.clone(),
            root.descend(&self.prefix),
        ))
    }
}
