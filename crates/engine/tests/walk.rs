//! The folder walk on its own: what it lists, in what order, and how it
//! stops — on a tree wider and deeper than the listing threads' count, so
//! folders are listed concurrently and arrive out of order.

use std::collections::HashSet;
use tenet_engine::source::{SourceEntry, Visit, WalkOptions};
use tenet_engine::{FsSource, RelPath, Source};

/// 12 folders of 3 subfolders of 4 files, plus a skipped tool folder.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for a in 0..12 {
        for b in 0..3 {
            let folder = dir.path().join(format!("pkg{a:02}/sub{b}"));
            std::fs::create_dir_all(&folder).unwrap();
            for f in 0..4 {
                std::fs::write(folder.join(format!("m{f}.py")), "x = 1\n").unwrap();
            }
        }
    }
    std::fs::create_dir_all(dir.path().join("pkg00/__pycache__")).unwrap();
    std::fs::write(dir.path().join("pkg00/__pycache__/m.py"), "").unwrap();
    dir
}

fn walk(root: &std::path::Path, mut decide: impl FnMut(&SourceEntry) -> Visit) -> Vec<String> {
    let wanted = |_: &RelPath| true;
    let options = WalkOptions {
        include_ignored: false,
        modes: true,
        wanted: &wanted,
        quiet: None,
    };
    let mut seen = Vec::new();
    FsSource::new(root).walk(&options, &mut |entry| {
        seen.push(entry.path.display.clone());
        decide(&entry)
    });
    seen
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

#[test]
fn lists_every_entry_once_parents_first_siblings_in_name_order() {
    let dir = tree();
    let seen = walk(dir.path(), |_| Visit::Continue);
    // 12 + 36 folders and 144 files; the tool folder is never entered.
    assert_eq!(seen.len(), 12 + 36 + 144, "{seen:?}");
    assert!(!seen.iter().any(|p| p.contains("__pycache__")));
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "an entry listed twice");
    let position = |p: &str| seen.iter().position(|s| s == p);
    for (index, path) in seen.iter().enumerate() {
        let folder = parent(path);
        if !folder.is_empty() {
            let at = position(folder).expect("the parent is listed");
            assert!(at < index, "{folder} came after {path}");
        }
    }
    for folder in seen.iter().map(String::as_str).chain([""]) {
        let children: Vec<&String> = seen.iter().filter(|p| parent(p) == folder).collect();
        let mut sorted = children.clone();
        sorted.sort();
        assert_eq!(children, sorted, "siblings in {folder:?} out of order");
    }
}

#[test]
fn skip_dir_leaves_a_folder_unlisted_and_stop_ends_the_walk() {
    let dir = tree();
    let seen = walk(dir.path(), |entry| {
        if entry.path.display == "pkg03" {
            Visit::SkipDir
        } else {
            Visit::Continue
        }
    });
    assert!(seen.contains(&"pkg03".to_string()));
    assert!(!seen.iter().any(|p| p.starts_with("pkg03/")));
    assert_eq!(seen.len(), 12 + 33 + 132);

    // Stop returns at once, with the listing threads wound down (the test
    // would hang on the scope's join otherwise).
    let mut visited = 0;
    let seen = walk(dir.path(), |_| {
        visited += 1;
        if visited == 20 {
            Visit::Stop
        } else {
            Visit::Continue
        }
    });
    assert_eq!(seen.len(), 20);
}

/// A folder's subfolders wait as one record beside its files: skipping
/// the first, a middle and the last of them, between files, leaves exactly
/// those unlisted.
#[test]
fn skip_dir_among_files_skips_exactly_that_folder() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.py", "c.py", "f.py", "z.py"] {
        std::fs::write(dir.path().join(name), "").unwrap();
    }
    for folder in ["b", "d", "e", "g"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("in.py"), "").unwrap();
    }
    let seen = walk(dir.path(), |entry| {
        if ["b", "e", "g"].contains(&entry.path.display.as_str()) {
            Visit::SkipDir
        } else {
            Visit::Continue
        }
    });
    assert_eq!(
        seen,
        ["a.py", "b", "c.py", "d", "e", "f.py", "g", "z.py", "d/in.py"],
    );
}

/// Entries the caller only counts are counted, not listed: together with
/// what is listed they are every entry; `flagged` is asked about exactly the
/// files that are not wanted (never a folder, never a wanted file) and keeps
/// the ones it flags listed; folders are always listed (their entries
/// depend on them).
#[test]
fn entries_only_counted_add_up_to_every_entry() {
    let dir = tree();
    let everything = walk(dir.path(), |_| Visit::Continue);
    let unwanted = |path: &str| {
        ["m1.py", "m2.py", "m3.py"]
            .iter()
            .any(|end| path.ends_with(end))
    };
    let wanted = |path: &RelPath| !unwanted(&path.display);
    let asked = std::sync::Mutex::new(Vec::new());
    // Of the unwanted files, `m2.py` is flagged: listed all the same.
    let flagged = |path: &RelPath, _kind, mode: Option<u32>| {
        assert!(mode.is_some());
        asked.lock().unwrap().push(path.display.clone());
        path.display.ends_with("m2.py")
    };
    let counted = std::sync::atomic::AtomicU64::new(0);
    let options = WalkOptions {
        include_ignored: false,
        modes: true,
        wanted: &wanted,
        quiet: Some(tenet_engine::source::Quiet {
            flagged: &flagged,
            counted: &counted,
        }),
    };
    let mut listed = Vec::new();
    FsSource::new(dir.path()).walk(&options, &mut |entry| {
        listed.push(entry.path.display.clone());
        Visit::Continue
    });
    let counted = counted.load(std::sync::atomic::Ordering::Relaxed) as usize;
    assert_eq!(counted, 12 * 3 * 2);
    assert_eq!(listed.len() + counted, everything.len());
    let mut asked = asked.into_inner().unwrap();
    asked.sort();
    let mut files: Vec<_> = everything.iter().filter(|p| unwanted(p)).cloned().collect();
    files.sort();
    assert_eq!(
        asked, files,
        "asked about every unwanted file and nothing else"
    );
    assert!(listed
        .iter()
        .all(|p| !p.ends_with("m1.py") && !p.ends_with("m3.py")));
    assert_eq!(
        listed.iter().filter(|p| p.ends_with("m2.py")).count(),
        12 * 3
    );
}
