//! The store as the engine, the CLI and the app use it: recording scans,
//! reusing unchanged files, diffs, reviews and damaged database files.

use std::path::Path;
use std::time::{Duration, SystemTime};
use tenet_engine::checklist::Status;
use tenet_engine::config::{Config, Overrides, Settings};
use tenet_engine::{FileCache, FileOutcome, Finding, FsSource, ScanOptions, ScanResult, Sink};
use tenet_store::{ProjectId, ReviewInput, ScanId, ScanMeta, ScanRecorder, Store, StoreError};

struct Collect<'a, 's> {
    findings: Vec<Finding>,
    reused: u64,
    checked: u64,
    recorder: &'a mut ScanRecorder<'s>,
}

impl Sink for Collect<'_, '_> {
    fn file(&mut self, file: &FileOutcome) {
        if file.reused {
            self.reused += 1;
        } else {
            self.checked += 1;
        }
        self.recorder.file(file);
    }
    fn finding(&mut self, finding: &Finding) {
        self.findings.push(finding.clone());
        self.recorder.finding(finding);
    }
}

struct Scanned {
    scan: ScanId,
    result: ScanResult,
    findings: Vec<Finding>,
    reused: u64,
    checked: u64,
}

fn settings(root: &Path) -> Settings {
    Settings::resolve(&Config::discover(root).unwrap(), &Overrides::default())
}

fn meta(settings: &Settings) -> ScanMeta {
    ScanMeta {
        engine_version: tenet_engine::ENGINE_ID.into(),
        standard_version: tenet_engine::STANDARD_VERSION.into(),
        config_hash: settings.config_hash.clone(),
        rule_set: "ALL".into(),
        git_commit: None,
        git_branch: None,
        backfilled: None,
    }
}

fn scan(store: &Store, root: &Path) -> Scanned {
    let settings = settings(root);
    let project = store.project(root).unwrap();
    let cache = store.cache(project, &settings.config_hash).unwrap();
    let options = ScanOptions {
        cache: Some(&cache as &dyn FileCache),
        reviews: store.current_reviews(project).unwrap(),
        ..ScanOptions::default()
    };
    let mut recorder = store.begin_scan(project, &meta(&settings)).unwrap();
    let mut sink = Collect {
        findings: Vec::new(),
        reused: 0,
        checked: 0,
        recorder: &mut recorder,
    };
    let result = tenet_engine::scan(&FsSource::new(root), &settings, &mut sink, &options);
    let (mut findings, reused, checked) = (sink.findings, sink.reused, sink.checked);
    let scan = recorder.finish(&result).unwrap();
    findings.sort_by(|a, b| (&a.path, a.span.start, a.rule).cmp(&(&b.path, b.span.start, b.rule)));
    Scanned {
        scan,
        result,
        findings,
        reused,
        checked,
    }
}

fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(&full, text).unwrap();
}

/// Sets a file's mtime an hour back, out of the racy window, as a file
/// checked out long before the scan would be.
fn age(root: &Path, path: &str) {
    let file = std::fs::File::options()
        .write(true)
        .open(root.join(path))
        .unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

fn project_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        write(dir.path(), path, text);
        age(dir.path(), path);
    }
    dir
}

const APP: &str = "import asyncio\n\nasync def main():\n    await asyncio.gather(a(), b())\n";
const UTIL: &str = "import collections\n\nbuffer = collections.deque()\n";
const PAGE: &str = "<!doctype html><html lang=en><head><title>Shop</title></head>\n<body><main><img src=logo.png></main></body></html>\n";
const TEST: &str = "import anyio\n\nasync def test_it():\n    pass\n";

#[test]
fn an_unchanged_rescan_reuses_every_file_and_reports_the_same_findings() {
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("t.db")).unwrap();
    let project = project_with(&[
        ("app.py", APP),
        ("util.py", UTIL),
        ("tests/test_app.py", TEST),
        ("web/index.html", PAGE),
    ]);
    let cold = scan(&store, project.path());
    assert_eq!((cold.checked, cold.reused), (4, 0));
    assert_eq!(cold.result.accessibility_estimates.len(), 1);
    assert!(cold.findings.iter().any(|f| f.rule == "ASY001"));
    assert!(
        cold.findings.iter().any(|f| f.rule == "TST002"),
        "project rule found"
    );

    let warm = scan(&store, project.path());
    assert_eq!((warm.checked, warm.reused), (0, 4), "nothing parsed again");
    assert_eq!(
        warm.result.accessibility_estimates, cold.result.accessibility_estimates,
        "an HTML page's estimate is kept with its version"
    );
    assert_eq!(
        warm.findings, cold.findings,
        "the same findings, project rules included"
    );
    assert_eq!(warm.result.summary.lines, cold.result.summary.lines);
    assert_eq!(warm.result.checklist, cold.result.checklist);
    assert_eq!(store.scan_findings(warm.scan).unwrap(), cold.findings);

    // One file edited: only it is checked again.
    write(
        project.path(),
        "util.py",
        "import collections\n\nbuffer = collections.deque(maxlen=10)\n",
    );
    let edited = scan(&store, project.path());
    assert_eq!((edited.checked, edited.reused), (1, 3));
    assert!(!edited.findings.iter().any(|f| f.rule == "MEM001"));

    let history = store
        .history(store.project(project.path()).unwrap())
        .unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[1].files_reused, 4);
    assert_eq!(history[2].findings_change, Some(-1));
}

/// More files than one link statement takes (64) — two full statements
/// and a remainder — each linked with its own version and stat.
#[test]
fn every_file_of_a_larger_scan_is_linked_and_reused_with_its_own_findings() {
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("t.db")).unwrap();
    let project = tempfile::tempdir().unwrap();
    for i in 0..150 {
        let path = format!("pkg/m{i:03}.py");
        // Every third module has a finding, at a line that says which.
        let text = if i % 3 == 0 {
            format!("{}import torch\n", "\n".repeat(i % 7))
        } else {
            format!("VALUE = {i}\n")
        };
        write(project.path(), &path, &text);
        age(project.path(), &path);
    }
    let cold = scan(&store, project.path());
    assert_eq!((cold.checked, cold.reused), (150, 0));
    let torch: Vec<(String, u32)> = cold
        .findings
        .iter()
        .filter(|f| f.rule == "TRC001")
        .map(|f| (f.path.display.clone(), f.span.start.line))
        .collect();
    assert_eq!(torch.len(), 50);
    assert!(torch.contains(&("pkg/m006.py".to_string(), 7)));

    let warm = scan(&store, project.path());
    assert_eq!(
        (warm.checked, warm.reused),
        (0, 150),
        "every link kept its stat"
    );
    assert_eq!(warm.findings, cold.findings);
    assert_eq!(store.scan_findings(warm.scan).unwrap(), cold.findings);
}

/// Removing a project deletes the file versions only it linked; a version
/// another project's scans link (same path, same content) stays and is
/// still reused there.
#[test]
fn removing_a_project_keeps_the_versions_another_project_links() {
    let db = tempfile::tempdir().unwrap();
    let db_path = db.path().join("t.db");
    let mut store = Store::open(&db_path).unwrap();
    let a = project_with(&[("app.py", APP), ("only_a.py", UTIL)]);
    let b = project_with(&[("app.py", APP)]);
    scan(&store, a.path());
    scan(&store, b.path());
    let versions = |path: &str| -> i64 {
        let conn = rusqlite::Connection::open(&db_path).unwrap();
        conn.query_row(
            "SELECT count(*) FROM file_versions WHERE path = ?1",
            [path],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!((versions("app.py"), versions("only_a.py")), (1, 1));

    let project_a = store.project(a.path()).unwrap();
    store.delete_project(project_a).unwrap();
    assert_eq!((versions("app.py"), versions("only_a.py")), (1, 0));
    assert!(store.integrity_check().unwrap().is_empty());
    let again = scan(&store, b.path());
    assert_eq!((again.checked, again.reused), (0, 1));
}

#[test]
fn a_touched_file_with_the_same_content_is_hashed_not_parsed() {
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("t.db")).unwrap();
    let project = project_with(&[("app.py", APP)]);
    scan(&store, project.path());
    // `touch`: new mtime, same bytes; then a fresh mtime inside the racy window.
    let file = std::fs::File::options()
        .write(true)
        .open(project.path().join("app.py"))
        .unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(600))
        .unwrap();
    let touched = scan(&store, project.path());
    assert_eq!(
        (touched.checked, touched.reused),
        (0, 1),
        "found by content"
    );

    write(project.path(), "app.py", APP);
    let fresh_mtime = std::fs::metadata(project.path().join("app.py"))
        .unwrap()
        .modified()
        .unwrap();
    let racy = scan(&store, project.path());
    assert_eq!(racy.reused, 1, "still reused by content");
    // An edit of the same size within the file system's timestamp
    // resolution leaves size and mtime as they were. The mtime was too fresh
    // to trust when recorded, so the next scan hashes the file instead.
    write(project.path(), "app.py", &APP.replace("main", "mian"));
    let file = std::fs::File::options()
        .write(true)
        .open(project.path().join("app.py"))
        .unwrap();
    file.set_modified(fresh_mtime).unwrap();
    let changed = scan(&store, project.path());
    assert_eq!(changed.checked, 1, "the same-stat edit is seen");
}

#[test]
fn permission_findings_are_never_reused() {
    use std::os::unix::fs::PermissionsExt;
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("t.db")).unwrap();
    let project = project_with(&[("app.py", "import anyio\n")]);
    assert!(!scan(&store, project.path())
        .findings
        .iter()
        .any(|f| f.rule == "PRM001"));
    std::fs::set_permissions(
        project.path().join("app.py"),
        std::fs::Permissions::from_mode(0o666),
    )
    .unwrap();
    let after = scan(&store, project.path());
    assert_eq!(after.reused, 1);
    assert!(
        after.findings.iter().any(|f| f.rule == "PRM001"),
        "chmod seen without a content change"
    );
}

#[test]
fn a_diff_matches_findings_by_fingerprint_across_shifted_lines() {
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("t.db")).unwrap();
    let project = project_with(&[("app.py", APP), ("util.py", UTIL)]);
    let first = scan(&store, project.path());
    write(
        project.path(),
        "app.py",
        &format!("\"\"\"Docs.\"\"\"\n\n\n{APP}"),
    );
    write(
        project.path(),
        "util.py",
        "import collections\n\nbuffer = collections.deque(maxlen=3)\nimport torch\n",
    );
    let second = scan(&store, project.path());
    let diff = store.diff(first.scan, second.scan).unwrap();
    let rules = |fs: &[Finding]| fs.iter().map(|f| f.rule).collect::<Vec<_>>();
    assert_eq!(rules(&diff.new), ["TRC001"]);
    assert_eq!(rules(&diff.fixed), ["MEM001"]);
    assert!(
        diff.unchanged >= 1,
        "ASY001 moved three lines down but is the same finding"
    );
}

#[test]
fn a_verdict_decides_the_review_part_carries_forward_and_goes_stale_when_evidence_changes() {
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("t.db")).unwrap();
    let project = project_with(&[("app.py", "import anyio\n")]);
    let id: ProjectId = store.project(project.path()).unwrap();
    let first = scan(&store, project.path());
    let item = |r: &ScanResult| {
        r.checklist
            .items
            .iter()
            .find(|i| i.id == "memory-limits")
            .unwrap()
            .clone()
    };
    assert_eq!(item(&first.result).status, Status::NeedsReview);

    let review = ReviewInput {
        item: "memory-limits".into(),
        verdict: Status::Pass,
        reviewer: "Ada".into(),
        note: "measured: 3 MB per session".into(),
    };
    store.add_review(id, &review).unwrap();
    let history = store.history(id).unwrap();
    assert!(
        history[0].score > first.result.checklist.score.map(i64::from),
        "the reviewed scan's score rises"
    );

    let carried = scan(&store, project.path());
    let carried_item = item(&carried.result);
    assert_eq!(carried_item.status, Status::Pass);
    assert!(!carried_item.review.unwrap().stale);

    write(project.path(), "app.py", "import anyio\nCACHE_LIMIT = 10\n");
    let changed = scan(&store, project.path());
    let stale = item(&changed.result);
    assert_eq!(
        stale.status,
        Status::NeedsReview,
        "a stale verdict no longer decides"
    );
    assert!(stale.review.as_ref().unwrap().stale);

    store
        .add_review(
            id,
            &ReviewInput {
                verdict: Status::Fail,
                note: "grew to 12 MB".into(),
                ..review
            },
        )
        .unwrap();
    let kept = store.review_history(id, Some("memory-limits")).unwrap();
    assert_eq!(
        kept.iter().map(|r| r.verdict).collect::<Vec<_>>(),
        [Status::Pass, Status::Fail]
    );
    assert!(matches!(
        store.add_review(
            id,
            &ReviewInput {
                item: "nope".into(),
                verdict: Status::Pass,
                reviewer: "A".into(),
                note: String::new()
            }
        ),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_not_overwritten() {
    let db = tempfile::tempdir().unwrap();
    let path = db.path().join("t.db");
    let garbage = b"this is a shopping list, not a database\n".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    std::fs::write(db.path().join("t.db-wal"), b"stray wal").unwrap();
    let store = Store::open(&path).unwrap();
    let notice = store.notices().join("\n");
    assert!(notice.contains("not an SQLite database"), "{notice}");
    let aside: Vec<_> = std::fs::read_dir(db.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("t.db.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 2, "the file and its -wal: {aside:?}");
    let moved = aside.iter().find(|n| !n.ends_with("-wal")).unwrap();
    assert!(
        notice.contains(moved.as_str()),
        "the message names where it went"
    );
    assert_eq!(
        std::fs::read(db.path().join(moved)).unwrap(),
        garbage,
        "kept byte for byte"
    );
    let project = project_with(&[("app.py", APP)]);
    scan(&store, project.path());
}

#[test]
fn a_truncated_database_is_moved_aside_and_a_new_one_works() {
    let db = tempfile::tempdir().unwrap();
    let path = db.path().join("t.db");
    let _project = scanned_and_folded(&path);
    let store = cut_in_half_and_opened(&path);
    assert!(store.integrity_check().unwrap().is_empty());
}

/// `tenet scan` leaves its commits in the log: a main file cut short with
/// a log beside it that does not hold the lost pages is still found.
#[test]
fn a_truncated_database_with_a_log_beside_it_is_moved_aside() {
    let db = tempfile::tempdir().unwrap();
    let path = db.path().join("t.db");
    let _project = scanned_and_folded(&path);
    {
        let store = Store::open(&path).unwrap();
        store.leave_log_on_close().unwrap();
        let other = project_with(&[("app.py", APP)]);
        scan(&store, other.path());
    }
    assert!(!log_frames(&path).is_empty(), "commits left in the log");
    cut_in_half_and_opened(&path);
}

/// A checkpoint writes page 1 first: stopped part way, the main file's
/// header counts pages that are only in the log yet. That database is
/// whole, and opens as it is.
#[test]
fn a_checkpoint_stopped_part_way_is_not_taken_for_truncation() {
    let db = tempfile::tempdir().unwrap();
    let path = db.path().join("t.db");
    let _first = scanned_and_folded(&path);
    let second = project_with(&[("app.py", &APP.repeat(200)), ("util.py", &UTIL.repeat(200))]);
    {
        let store = Store::open(&path).unwrap();
        store.leave_log_on_close().unwrap();
        scan(&store, second.path());
    }
    // What a checkpoint does first: the log's latest page 1 into the file.
    let page_one = log_frames(&path)
        .into_iter()
        .rev()
        .find(|(page, _)| *page == 1)
        .expect("the database grew, so page 1 is in the log")
        .1;
    let mut file = std::fs::read(&path).unwrap();
    let length = file.len() as u64;
    file[..page_one.len()].copy_from_slice(&page_one);
    std::fs::write(&path, &file).unwrap();
    let be32 = |at: usize| u32::from_be_bytes(file[at..at + 4].try_into().unwrap());
    assert_eq!(be32(92), be32(24), "the header's page count is valid");
    assert!(
        u64::from(be32(28)) * page_one.len() as u64 > length,
        "the header counts pages past the file's end"
    );

    let store = Store::open(&path).unwrap();
    assert!(store.notices().is_empty(), "{:?}", store.notices());
    assert_eq!(store.projects().unwrap().len(), 2);
    assert!(store.integrity_check().unwrap().is_empty());
}

/// Cuts the main file at `path` in half and opens it: the damage is found,
/// and a fresh database replaces it.
fn cut_in_half_and_opened(path: &Path) -> Store {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
    let store = Store::open(path).unwrap();
    assert!(
        store.notices().join("").contains("truncated"),
        "{:?}",
        store.notices()
    );
    assert!(store.projects().unwrap().is_empty(), "a fresh database");
    store
}

/// A database at `path` holding one scan of a two-file project (returned,
/// to outlive the test), its log folded into the main file.
fn scanned_and_folded(path: &Path) -> tempfile::TempDir {
    let project = project_with(&[("app.py", APP), ("util.py", UTIL)]);
    {
        let store = Store::open(path).unwrap();
        scan(&store, project.path());
    }
    rusqlite_checkpoint(path);
    project
}

/// The current frames of the database's write-ahead log: page number and
/// page bytes, in the order written.
fn log_frames(path: &Path) -> Vec<(u32, Vec<u8>)> {
    let log = std::fs::read(path.with_file_name(format!(
        "{}-wal",
        path.file_name().unwrap().to_string_lossy()
    )))
    .unwrap_or_default();
    if log.len() < 32 {
        return Vec::new();
    }
    let be32 = |bytes: &[u8], at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    let page_size = be32(&log, 8) as usize;
    log[32..]
        .chunks_exact(24 + page_size)
        .filter(|frame| frame[8..16] == log[16..24])
        .map(|frame| (be32(frame, 0), frame[24..].to_vec()))
        .collect()
}

fn rusqlite_checkpoint(path: &Path) {
    // Opening and closing cleanly checkpoints the WAL into the main file.
    let store = Store::open(path).unwrap();
    drop(store);
    let wal = path.with_file_name(format!(
        "{}-wal",
        path.file_name().unwrap().to_string_lossy()
    ));
    if wal.exists() {
        assert_eq!(
            std::fs::metadata(&wal).unwrap().len(),
            0,
            "WAL folded in on close"
        );
    }
}

#[test]
fn a_database_from_a_newer_tenet_is_refused_and_left_untouched() {
    let db = tempfile::tempdir().unwrap();
    let path = db.path().join("t.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", tenet_store::SCHEMA_VERSION + 5)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path).err().expect("refused");
    let message = error.to_string();
    assert!(matches!(error, StoreError::TooNew { .. }), "{message}");
    assert!(
        message.contains("newer Tenet") && message.contains("t.db"),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_scan_that_never_finished_is_marked_interrupted_on_the_next_open() {
    let db = tempfile::tempdir().unwrap();
    let path = db.path().join("t.db");
    let project = project_with(&[("app.py", APP)]);
    {
        let store = Store::open(&path).unwrap();
        scan(&store, project.path());
    }
    {
        // What a killed process leaves: a running scan and a session row,
        // both owned by a process id that no longer exists.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let dead = dead_pid();
        let seconds = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        // A moment after the first scan, as a later run would be.
        let now = tenet_store::format_time(seconds + 1);
        conn.execute(
            "INSERT INTO scans (project_id, state, pid, started_at, trend_at, engine_version, standard_version, config_hash, rule_set)
             VALUES (1, 'running', ?1, ?2, (SELECT trend_at FROM scans WHERE id = 1), 'x', '1.0', 'c', 'ALL')",
            rusqlite::params![dead, now],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO sessions (pid, opened_at) VALUES (?1, 'then')",
            [dead],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert!(
        store.notices().join("").contains("interrupted"),
        "{:?}",
        store.notices()
    );
    let history = store
        .history(store.project(project.path()).unwrap())
        .unwrap();
    assert_eq!(
        history.iter().map(|h| h.state.as_str()).collect::<Vec<_>>(),
        ["complete", "interrupted"]
    );
    let next = scan(&store, project.path());
    assert_eq!(next.reused, 1);
    let history = store
        .history(store.project(project.path()).unwrap())
        .unwrap();
    assert_eq!(
        history[2].findings_change,
        Some(0),
        "compared with the last complete scan"
    );
}

/// A process id that is not running: a child that has exited and been reaped.
fn dead_pid() -> i64 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    i64::from(pid)
}

#[test]
fn damage_past_the_header_found_after_a_crash_is_moved_aside() {
    let db = tempfile::tempdir().unwrap();
    let path = db.path().join("t.db");
    let project = project_with(&[("app.py", APP), ("util.py", UTIL)]);
    {
        let store = Store::open(&path).unwrap();
        for _ in 0..3 {
            scan(&store, project.path());
        }
    }
    rusqlite_checkpoint(&path);
    {
        // A crash left its session marker; then the disk mangled pages.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO sessions (pid, opened_at) VALUES (?1, 'then')",
            [dead_pid()],
        )
        .unwrap();
    }
    rusqlite_checkpoint_raw(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8 * 4096, "a database of several pages");
    let end = bytes.len() - 4096;
    for byte in &mut bytes[2 * 4096..end] {
        *byte ^= 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let store = Store::open(&path).unwrap();
    let notices = store.notices().join("\n");
    assert!(notices.contains("moved it to"), "{notices}");
    assert_eq!(notices.lines().count(), 1, "{notices}");
    assert!(store.projects().unwrap().is_empty(), "a fresh database");
    let aside = std::fs::read_dir(db.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("t.db.corrupt-"))
        .expect("the damaged file is kept");
    assert_eq!(std::fs::read(aside.path()).unwrap(), bytes);
    drop(store);
    let again = Store::open(&path).unwrap();
    assert!(again.notices().is_empty(), "{:?}", again.notices());
}

/// Folds the WAL into the main file without going through `Store::open`.
fn rusqlite_checkpoint_raw(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

// Chart data: the trend and the hotspot map read straight from the tables.

/// Unsuppressed findings per path, from what the scan itself reported.
fn unsuppressed_by_path(findings: &[Finding]) -> std::collections::BTreeMap<String, u64> {
    let mut counts = std::collections::BTreeMap::new();
    for finding in findings.iter().filter(|f| !f.suppressed) {
        *counts.entry(finding.path.display.clone()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn the_trend_lists_complete_scans_in_order_with_severities_and_score() {
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("t.db")).unwrap();
    let dir = project_with(&[("app.py", APP), ("util.py", UTIL)]);
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let first = scan(&store, dir.path());
    write(dir.path(), "app.py", "async def main():\n    pass\n");
    let second = scan(&store, dir.path());
    let project = store.find_project(dir.path()).unwrap().unwrap();
    // A scan that never finished is not part of the trend.
    let settings = settings(dir.path());
    drop(store.begin_scan(project, &meta(&settings)).unwrap());

    let rows = store.trend(project).unwrap();
    assert_eq!(
        rows.iter().map(|r| r.scan).collect::<Vec<_>>(),
        [first.scan.0, second.scan.0]
    );
    for (row, scanned) in rows.iter().zip([&first, &second]) {
        let severity = |name: &str| {
            scanned
                .findings
                .iter()
                .filter(|f| !f.suppressed && f.severity.as_str() == name)
                .count() as u64
        };
        assert_eq!(
            (row.error, row.warning, row.info),
            (severity("error"), severity("warning"), severity("info"))
        );
        assert_eq!(row.score, scanned.result.checklist.score);
        assert!(
            row.at_unix >= before - 1 && row.at_unix <= before + 600,
            "{row:?}"
        );
    }
    assert!(
        rows[0].error > rows[1].error,
        "fixing asyncio.gather removed an error"
    );
    // Trend order is history's order.
    let history: Vec<i64> = store
        .history(project)
        .unwrap()
        .into_iter()
        .filter(|e| e.state == "complete")
        .map(|e| e.scan)
        .collect();
    assert_eq!(rows.iter().map(|r| r.scan).collect::<Vec<_>>(), history);
}

#[test]
fn hotspots_count_each_files_unsuppressed_findings_and_lines() {
    let db = tempfile::tempdir().unwrap();
    let store = Store::open(&db.path().join("t.db")).unwrap();
    let suppressed =
        "import asyncio\n\nasync def main():\n    await asyncio.gather(a(), b())  # noqa\n";
    let dir = project_with(&[
        ("app.py", APP),
        ("pkg/util.py", UTIL),
        ("pkg/quiet.py", suppressed),
        ("pkg/clean.py", "x = 1\n"),
        ("web/index.html", PAGE),
    ]);
    let scanned = scan(&store, dir.path());
    assert!(
        scanned.findings.iter().any(|f| f.suppressed),
        "the noqa suppresses a finding"
    );
    let rows = store.hotspots(scanned.scan).unwrap();

    let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    for expected in [
        "app.py",
        "pkg/clean.py",
        "pkg/quiet.py",
        "pkg/util.py",
        "web/index.html",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "rows come in path order");

    let expected = unsuppressed_by_path(&scanned.findings);
    for row in &rows {
        assert_eq!(
            row.findings,
            expected.get(&row.path).copied().unwrap_or(0),
            "{}",
            row.path
        );
    }
    let row = |p: &str| rows.iter().find(|r| r.path == p).unwrap();
    assert_eq!(row("app.py").lines, APP.lines().count() as u64);
    assert_eq!(row("pkg/clean.py").findings, 0);
    assert_eq!(
        row("pkg/quiet.py").findings,
        0,
        "the suppressed finding does not count"
    );
    assert!(row("app.py").findings > 0);

    // An unchanged rescan reuses file versions and reads the same.
    let again = scan(&store, dir.path());
    assert_eq!(store.hotspots(again.scan).unwrap(), rows);
}

#[test]
fn a_scans_changes_are_kept_and_recomputed_when_a_scan_slips_in_between() {
    let dir = project_with(&[("app.py", APP), ("util.py", UTIL)]);
    let db = dir.path().join("tenet.db");
    let store = Store::open(&db).unwrap();
    let first = scan(&store, dir.path());
    assert_eq!(
        store.changes(first.scan).unwrap(),
        None,
        "nothing before the first"
    );
    write(
        dir.path(),
        "util.py",
        "import collections\n\nqueue = collections.deque(maxlen=8)\n",
    );
    write(dir.path(), "more.py", UTIL);
    let second = scan(&store, dir.path());
    let changes = store.changes(second.scan).unwrap().unwrap();
    assert_eq!(
        (changes.previous_scan, changes.new, changes.fixed),
        (first.scan.0, 1, 1)
    );

    // Kept: the answer survives the finding rows it came from.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM version_findings", []).unwrap();
    assert_eq!(store.changes(second.scan).unwrap(), Some(changes));

    // A scan placed between the two in the trend (as a backfilled commit
    // would be) makes the kept answer stale: it is compared again.
    let third = scan(&store, dir.path());
    conn.execute(
        "UPDATE scans SET trend_at = (SELECT trend_at FROM scans WHERE id = ?1) WHERE id = ?2",
        [first.scan.0, third.scan.0],
    )
    .unwrap();
    let again = store.changes(second.scan).unwrap().unwrap();
    assert_eq!(again.previous_scan, third.scan.0, "{again:?}");
}

/// The cache read beside a scan's walk: it never takes the scan it serves
/// (already begun, still empty) as its base, and an index that cannot be
/// read leaves it empty rather than leaving lookups waiting forever.
#[test]
fn a_cache_read_beside_the_scan_reuses_the_last_scan_and_fails_open() {
    use tenet_engine::{FileStat, StatKey};
    use tenet_store::LoadingCache;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(
        root.join("app.py"),
        "import asyncio\n\nasync def main():\n    await asyncio.gather(a(), b())\n",
    )
    .unwrap();
    // Old enough for its size and mtime to be trusted.
    let old = SystemTime::now() - Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(root.join("app.py"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let db = dir.path().join("db").join("tenet.db");
    let store = Store::open(&db).unwrap();
    scan(&store, &root);
    let settings = settings(&root);
    let project = store.project(&root).unwrap();
    let running = store.begin_scan(project, &meta(&settings)).unwrap();
    let cache = LoadingCache::default();
    cache
        .fill_from(store.cache_beside(project, &settings.config_hash, running.scan()))
        .unwrap();
    let metadata = std::fs::metadata(root.join("app.py")).unwrap();
    let key = StatKey {
        path: "app.py".into(),
        stat: FileStat {
            size: metadata.len(),
            mtime_ns: metadata
                .modified()
                .unwrap()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as i64,
        },
        config_hash: settings.config_hash.clone(),
        engine_version: tenet_engine::ENGINE_ID,
    };
    let reused = cache
        .get_unchanged(&key)
        .expect("the last complete scan's file");
    assert_eq!(reused.findings.len(), 1);
    drop(running);

    // The database's folder gone: the read fails, the cache is empty.
    let broken = LoadingCache::default();
    let load = store.cache_beside(project, &settings.config_hash, ScanId(i64::MAX));
    std::fs::rename(dir.path().join("db"), dir.path().join("moved")).unwrap();
    assert!(broken.fill_from(load).is_err());
    assert!(broken.get_unchanged(&key).is_none(), "answers at once");
}
