//! The commit and branch a folder is at, read from `.git` directly (no git
//! binary needed): `HEAD`, loose refs, then `packed-refs`. Worktrees and
//! submodules, whose `.git` is a file naming the real folder, are followed.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitHead {
    pub commit: Option<String>,
    /// `None` on a detached HEAD.
    pub branch: Option<String>,
}

/// The repository state of the folder at `root` or the nearest folder
/// above it holding `.git`; `None` outside a repository.
pub fn head(root: &Path) -> Option<GitHead> {
    let git_dir = root.ancestors().find_map(git_dir_of)?;
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    if let Some(reference) = head.strip_prefix("ref:").map(str::trim) {
        let common = common_dir(&git_dir);
        let commit = read_ref(&git_dir, reference).or_else(|| read_ref(&common, reference));
        let branch = reference.strip_prefix("refs/heads/").unwrap_or(reference);
        Some(GitHead {
            commit,
            branch: Some(branch.to_string()),
        })
    } else {
        Some(GitHead {
            commit: is_object_id(head).then(|| head.to_string()),
            branch: None,
        })
    }
}

/// Where `root` sits inside its repository, `/`-separated with a trailing
/// `/` (`""` at the repository's top, `None` outside one): what CI
/// annotations need, since they name files from the repository's root.
pub fn path_in_repository(root: &Path) -> Option<String> {
    let top = root
        .ancestors()
        .find(|folder| git_dir_of(folder).is_some())?;
    let inside = root.strip_prefix(top).ok()?;
    let text = inside.to_string_lossy().replace('\\', "/");
    Some(if text.is_empty() {
        text
    } else {
        format!("{text}/")
    })
}

fn git_dir_of(folder: &Path) -> Option<PathBuf> {
    let dot_git = folder.join(".git");
    let meta = std::fs::metadata(&dot_git).ok()?;
    if meta.is_dir() {
        return Some(dot_git);
    }
    let text = std::fs::read_to_string(&dot_git).ok()?;
    let target = text.trim().strip_prefix("gitdir:")?.trim();
    Some(folder.join(target))
}

/// A linked worktree keeps its refs in the main repository.
fn common_dir(git_dir: &Path) -> PathBuf {
    std::fs::read_to_string(git_dir.join("commondir"))
        .map(|text| git_dir.join(text.trim()))
        .unwrap_or_else(|_| git_dir.to_path_buf())
}

fn read_ref(git_dir: &Path, reference: &str) -> Option<String> {
    if let Ok(text) = std::fs::read_to_string(git_dir.join(reference)) {
        let id = text.trim();
        return is_object_id(id).then(|| id.to_string());
    }
    let packed = std::fs::read_to_string(git_dir.join("packed-refs")).ok()?;
    packed.lines().find_map(|line| {
        let (id, name) = line.split_once(' ')?;
        (name.trim() == reference && is_object_id(id)).then(|| id.to_string())
    })
}

fn is_object_id(text: &str) -> bool {
    matches!(text.len(), 40 | 64) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_branch_and_commit_from_loose_and_packed_refs() {
        let dir = tempfile::tempdir().unwrap();
        let git = dir.path().join(".git");
        std::fs::create_dir_all(git.join("refs/heads")).unwrap();
        std::fs::write(git.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        let id = "0123456789abcdef0123456789abcdef01234567";
        std::fs::write(git.join("refs/heads/main"), format!("{id}\n")).unwrap();
        let sub = dir.path().join("src/pkg");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(
            head(&sub),
            Some(GitHead {
                commit: Some(id.into()),
                branch: Some("main".into())
            })
        );

        std::fs::remove_file(git.join("refs/heads/main")).unwrap();
        std::fs::write(
            git.join("packed-refs"),
            format!("# pack-refs with: peeled\n{id} refs/heads/main\n"),
        )
        .unwrap();
        assert_eq!(head(dir.path()).unwrap().commit.as_deref(), Some(id));

        std::fs::write(git.join("HEAD"), format!("{id}\n")).unwrap();
        assert_eq!(head(dir.path()).unwrap().branch, None);
        assert!(head(&std::env::temp_dir().join("surely-not-a-repo-tenet")).is_none());
    }
}

/// Who is reviewing: git's `user.name` for the project, else the system user.
pub fn default_reviewer(root: &Path) -> String {
    let from_git = std::process::Command::new("git")
        .args(["config", "user.name"])
        .current_dir(root)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|name| !name.is_empty());
    from_git
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}
