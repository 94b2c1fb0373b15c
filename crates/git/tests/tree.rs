//! A commit's tree read as a source: the same entries as a walk of the same
//! files on disk (folders before what they hold), and files found by path
//! at any depth.

use std::path::Path;
use std::process::Command;
use tenet_engine::source::{EntryKind, ReadError, Source, Visit, WalkOptions};
use tenet_engine::{FsSource, RelPath};
use tenet_git::GitRepo;

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.org")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.org")
        .output()
        .expect("git is installed (scripts/install-deps)");
    assert!(output.status.success(), "git {args:?}: {output:?}");
}

/// Names chosen where git's own tree order (a folder sorts as `name/`)
/// differs from a folder walk's (`a` and all it holds before `a.b`).
const FILES: &[&str] = &[
    "a.b",
    "a/b/c.py",
    "a/b.py",
    "a-z/y.py",
    "ab.py",
    "build.py",
    "build/x.py",
    "build/a/b.py",
    "build-2/y.py",
    "é/x.py",
    "e/x.py",
    "z.txt",
    "node_modules/left/out.py",
    "pkg/__pycache__/gone.py",
];

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    for name in FILES {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("# {name}\n")).unwrap();
    }
    git(dir.path(), &["add", "-A", "-f"]);
    git(dir.path(), &["commit", "-q", "-m", "files"]);
    dir
}

fn listing(source: &dyn Source) -> Vec<(String, EntryKind, bool)> {
    let wanted = |path: &RelPath| path.display.ends_with(".py");
    let options = WalkOptions {
        include_ignored: false,
        modes: false,
        wanted: &wanted,
        quiet: None,
    };
    let mut seen = Vec::new();
    source.walk(&options, &mut |entry| {
        if entry.path.display == ".git" {
            return Visit::SkipDir;
        }
        seen.push((entry.path.display, entry.kind, entry.blob_id.is_some()));
        Visit::Continue
    });
    seen
}

#[test]
fn a_commit_lists_as_its_checkout_does_and_names_only_wanted_blobs() {
    let dir = repository();
    let repo = GitRepo::open(dir.path()).unwrap();
    let head = repo.resolve("HEAD").unwrap();
    let tree = repo.tree(&head).unwrap();
    let from_git = listing(&tree);
    let mut on_disk: Vec<(String, EntryKind)> = listing(&FsSource::new(dir.path()))
        .into_iter()
        .map(|(path, kind, _)| (path, kind))
        .collect();
    let mut from_git_kinds: Vec<(String, EntryKind)> =
        from_git.iter().map(|(p, k, _)| (p.clone(), *k)).collect();
    // A folder comes before anything in it (the walk relies on it to skip).
    for (at, (path, _)) in from_git_kinds.iter().enumerate() {
        if let Some((parent, _)) = path.rsplit_once('/') {
            assert!(
                from_git_kinds[..at].iter().any(|(p, _)| p == parent),
                "{path}"
            );
        }
    }
    on_disk.sort_by(|a, b| a.0.cmp(&b.0));
    from_git_kinds.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(from_git_kinds, on_disk);
    assert!(from_git
        .iter()
        .all(|(path, kind, named)| *named == (*kind == EntryKind::File && path.ends_with(".py"))));
    // Folders a scan skips (`build`, `node_modules`, `__pycache__`) are
    // not listed at all.
    assert!(!from_git.iter().any(|(p, _, _)| p.starts_with("build/")
        || p.contains("node_modules")
        || p.contains("__pycache__")));
    assert!(from_git.iter().any(|(p, _, _)| p == "build-2/y.py"));
}

#[test]
fn files_are_read_by_path_and_missing_ones_have_vanished() {
    let dir = repository();
    let repo = GitRepo::open(dir.path()).unwrap();
    let tree = repo.tree(&repo.resolve("HEAD").unwrap()).unwrap();
    let read = |name: &str| tree.read(&RelPath::from_str(name), 1 << 20);
    assert_eq!(read("build/a/b.py").unwrap(), b"# build/a/b.py\n");
    assert_eq!(read("é/x.py").unwrap(), "# é/x.py\n".as_bytes());
    for missing in ["build/a", "build/a/c.py", "nothing.py", "a.b/c"] {
        assert!(
            matches!(read(missing), Err(ReadError::Vanished)),
            "{missing}"
        );
    }
    assert!(matches!(
        tree.read(&RelPath::from_str("build.py"), 3),
        Err(ReadError::TooLarge(_))
    ));
}

#[test]
fn a_folder_inside_the_repository_is_scanned_alone_and_later_commits_share_folders() {
    let dir = repository();
    std::fs::write(dir.path().join("build/x.py"), "# changed\n").unwrap();
    git(dir.path(), &["commit", "-q", "-am", "change"]);
    let repo = GitRepo::open(&dir.path().join("build")).unwrap();
    let old = repo.tree(&repo.resolve("HEAD~1").unwrap()).unwrap();
    let new = repo.tree(&repo.resolve("HEAD").unwrap()).unwrap();
    let paths = |tree: &tenet_git::TreeSource| -> Vec<String> {
        listing(tree).into_iter().map(|(p, _, _)| p).collect()
    };
    assert_eq!(paths(&new), ["a", "a/b.py", "x.py"]);
    assert_eq!(paths(&old), paths(&new));
    assert_eq!(
        new.read(&RelPath::from_str("x.py"), 100).unwrap(),
        b"# changed\n"
    );
    assert_eq!(
        old.read(&RelPath::from_str("x.py"), 100).unwrap(),
        b"# build/x.py\n"
    );
    assert!(new.submodules().is_empty());
}
