//! What a scan looks at and how configuration shapes it and the checklist.

use crate::common::{render, scan};
use tenet_engine::Status;

fn write(root: &std::path::Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, text).unwrap();
}

#[test]
fn respects_nested_gitignore_and_skips_tool_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let bad = "import torch\n";
    write(root, ".gitignore", "generated/\n*.tmp.py\n");
    write(root, "pkg/.gitignore", "local_*.py\n!local_keep.py\n");
    for path in [
        "app.py",
        "generated/x.py",
        "a.tmp.py",
        "pkg/local_a.py",
        "pkg/local_keep.py",
        ".git/hooks/x.py",
        ".venv/lib/x.py",
        "venv/x.py",
        "node_modules/x/x.py",
        "__pycache__/x.py",
        "build/x.py",
        "dist/x.py",
        "pkg/mod.egg-info/x.py",
    ] {
        write(root, path, bad);
    }
    let (collect, result) = scan(root, &["TRC001"]);
    let paths: Vec<&str> = collect
        .findings
        .iter()
        .map(|f| f.path.display.as_str())
        .collect();
    assert_eq!(paths, ["app.py", "pkg/local_keep.py"]);
    assert_eq!(result.summary.files, 2);
}

#[test]
fn configuration_switches_rules_and_marks_items_partially_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.tenet]\nignore = [\"ASY005\"]\nextend-exclude = [\"vendor\"]\n[tool.tenet.severity]\nQLT002 = \"error\"\n[tool.tenet.per-file-ignores]\n\"legacy/*\" = [\"MEM001\"]\n",
    );
    write(root, "app.py", "import asyncio\nfrom collections import deque\nasync def f():\n    async with asyncio.TaskGroup() as tg:\n        pass\nprint('hi')\n");
    write(
        root,
        "legacy/old.py",
        "from collections import deque\nq = deque()\n",
    );
    write(root, "vendor/lib.py", "import torch\n");
    let (collect, result) = scan(root, &[]);
    let rules: Vec<&str> = collect.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["QLT002"], "{}", render(&collect.findings));
    assert_eq!(collect.findings[0].severity, tenet_engine::Severity::Error);
    let item = |id: &str| crate::common::item(&result, id).clone();
    let async_item = item("async-taskgroups");
    assert!(async_item.partially_checked);
    assert!(
        async_item.switched_off.iter().any(|s| s.contains("ASY005")),
        "{:?}",
        async_item.switched_off
    );
    let buffers = item("bounded-buffers");
    assert!(buffers
        .switched_off
        .iter()
        .any(|s| s.contains("MEM001") && s.contains("legacy/*")));
    assert!(buffers
        .switched_off
        .iter()
        .any(|s| s.contains("left out by exclude")));
    assert_eq!(
        item("torch-free").status,
        Status::Pass,
        "vendor/ was excluded"
    );
}

#[test]
fn checklist_statuses_and_score_follow_rules_md() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "app.py",
        "from collections import deque\nq = deque()\n",
    );
    let (_, result) = scan(root, &[]);
    let status = |id: &str| crate::common::item(&result, id).status;
    assert_eq!(status("bounded-buffers"), Status::Fail);
    assert_eq!(status("explicit-cleanup"), Status::Pass);
    assert_eq!(status("performance-comments"), Status::NeedsReview);
    assert_eq!(status("clarity"), Status::NeedsReview);
    assert_eq!(
        status("async-taskgroups"),
        Status::NotApplicable,
        "no async code"
    );
    assert_eq!(
        status("memory-profiling"),
        Status::NotApplicable,
        "no tests"
    );
    assert_eq!(status("accessibility"), Status::NotApplicable, "no HTML");
    let counted: Vec<Status> = result
        .checklist
        .items
        .iter()
        .map(|i| i.status)
        .filter(|s| *s != Status::NotApplicable)
        .collect();
    let pass = counted.iter().filter(|s| **s == Status::Pass).count() as u32;
    assert_eq!(
        result.checklist.score,
        Some(100 * pass / counted.len() as u32)
    );
}

#[test]
fn suppressed_findings_are_counted_not_dropped_and_do_not_fail_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.py", "# tenet: noqa: TRC001 -- vendored shim\nimport torch\nimport asyncio\nasyncio.gather()  # noqa\n");
    let (collect, result) = scan(dir.path(), &[]);
    assert_eq!(result.summary.suppressed, 2);
    assert_eq!(result.summary.findings, 0);
    assert_eq!(result.gate_failures, 0);
    let torch = collect
        .findings
        .iter()
        .find(|f| f.rule == "TRC001")
        .unwrap();
    assert_eq!(torch.suppression_reason.as_deref(), Some("vendored shim"));
}

#[test]
fn fingerprints_survive_unrelated_edits_that_shift_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app.py",
        "import asyncio\nasyncio.gather()\nasyncio.gather()\n",
    );
    let (before, _) = scan(dir.path(), &["ASY001"]);
    write(
        dir.path(),
        "app.py",
        "import asyncio\n\n# a new comment\nx = 1\nasyncio.gather()\nasyncio.gather()\n",
    );
    let (after, _) = scan(dir.path(), &["ASY001"]);
    let prints = |c: &crate::common::Collect| {
        c.findings
            .iter()
            .map(|f| f.fingerprint.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(prints(&before), prints(&after));
    assert_ne!(
        before.findings[0].fingerprint, before.findings[1].fingerprint,
        "identical lines get distinct fingerprints"
    );
}

/// An in-memory file cache, as the store will provide.
#[derive(Default)]
struct MemoryCache {
    entries: std::sync::Mutex<
        std::collections::HashMap<tenet_engine::CacheKey, tenet_engine::CachedFile>,
    >,
    hits: std::sync::atomic::AtomicUsize,
}

impl tenet_engine::FileCache for MemoryCache {
    fn get(&self, key: &tenet_engine::CacheKey) -> Option<tenet_engine::CachedFile> {
        let hit = self.entries.lock().unwrap().get(key).cloned();
        if hit.is_some() {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        hit
    }
    fn put(&self, key: &tenet_engine::CacheKey, file: &tenet_engine::CachedFile) {
        self.entries
            .lock()
            .unwrap()
            .insert(key.clone(), file.clone());
    }
}

#[test]
fn a_file_cache_answers_for_unchanged_files_and_misses_changed_ones() {
    use tenet_engine::config::{Config, Overrides, Settings};
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", "import asyncio\nasyncio.gather()\n");
    write(dir.path(), "b.py", "import torch\n");
    let settings = Settings::resolve(&Config::default(), &Overrides::default());
    let cache = MemoryCache::default();
    let options = tenet_engine::ScanOptions {
        cache: Some(&cache),
        ..Default::default()
    };
    let source = tenet_engine::FsSource::new(dir.path());
    let mut first = crate::common::Collect::default();
    tenet_engine::scan(&source, &settings, &mut first, &options);
    assert_eq!(cache.hits.load(std::sync::atomic::Ordering::Relaxed), 0);
    write(dir.path(), "b.py", "import json\n");
    let mut second = crate::common::Collect::default();
    let result = tenet_engine::scan(&source, &settings, &mut second, &options);
    assert_eq!(
        cache.hits.load(std::sync::atomic::Ordering::Relaxed),
        1,
        "only the unchanged file comes from the cache"
    );
    let rules: Vec<&str> = second.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["ASY001"]);
    assert_eq!(result.summary.files, 2);
}
