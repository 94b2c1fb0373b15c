//! The history database through the `tenet` binary: recording, history,
//! diff, reviews, baselines, and the database under stress — two processes
//! at once, a scan killed half-way, a read-only folder, a newer schema.

mod support;

use serde_json::Value;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};
use support::{as_unprivileged, many_files, project, s, text, write, Env};

const GATHER: &str = "import asyncio\n\nasync def main():\n    await asyncio.gather(a(), b())\n";

#[test]
fn scans_are_recorded_and_history_diff_and_projects_read_them_back() {
    let env = Env::new();
    let dir = project(&[("app.py", GATHER)]);
    let root = s(dir.path());
    let first = env.json(&["scan", root, "--format", "json"]);
    assert_eq!(first["scan_id"], 1);
    write(
        dir.path(),
        "app.py",
        &format!("# header\n{GATHER}import torch\n"),
    );
    let second = env.json(&["scan", root, "--format", "json"]);
    assert_eq!(second["scan_id"], 2);

    let history = env.json(&["history", root, "--format", "json"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["findings_change"], 1);
    assert_eq!(history[1]["state"], "complete");
    let table = text(&env.run(&["history", root]).stdout);
    assert!(table.contains("(+1)"), "{table}");

    let diff = env.json(&["diff", root, "--format", "json"]);
    assert_eq!(diff["new"].as_array().unwrap().len(), 1);
    assert_eq!(diff["new"][0]["rule"], "TRC001");
    assert_eq!(diff["fixed"].as_array().unwrap().len(), 0);
    assert_eq!(
        diff["unchanged"], 1,
        "ASY001 moved a line but is the same finding"
    );

    let projects = env.json(&["projects", "--format", "json"]);
    assert_eq!(projects[0]["scans"], 2);
    assert_eq!(projects[0]["last_scan"]["scan"], 2);

    let check = env.run(&["db", "check"]);
    assert_eq!(check.status.code(), Some(0));
    assert!(text(&check.stdout).ends_with(": ok\n"));

    let other = env.run(&["history", "/"]);
    assert_eq!(other.status.code(), Some(2));
    assert!(text(&other.stderr).contains("has not been scanned"));
}

#[test]
fn a_review_settles_the_needs_review_part_and_is_shown_in_later_scans() {
    let env = Env::new();
    let dir = project(&[("app.py", "import anyio\n")]);
    let root = s(dir.path());
    let before = env.json(&["scan", root, "--format", "json"]);
    let status = |doc: &Value| {
        doc["checklist"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "memory-limits")
            .unwrap()
            .clone()
    };
    assert_eq!(status(&before)["status"], "needs_review");
    let review = env.run(&[
        "review",
        root,
        "memory-limits",
        "--verdict",
        "pass",
        "--note",
        "3 MB per session under load",
        "--reviewer",
        "Grace",
    ]);
    assert_eq!(review.status.code(), Some(0), "{}", text(&review.stderr));
    let after = env.json(&["scan", root, "--format", "json"]);
    let item = status(&after);
    assert_eq!(item["status"], "pass");
    assert_eq!(item["review"]["reviewer"], "Grace");
    assert_eq!(item["review"]["stale"], false);
    assert!(after["score"].as_u64() > before["score"].as_u64());
    let shown = text(&env.run(&["scan", root]).stdout);
    assert!(shown.contains("verdict pass by Grace"), "{shown}");

    let bad = env.run(&["review", root, "memory", "--verdict", "pass", "--note", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("memory-limits"),
        "lists the items"
    );
}

#[test]
fn a_baseline_gates_only_on_new_findings() {
    let env = Env::new();
    let dir = project(&[("app.py", GATHER)]);
    let root = s(dir.path());
    assert_eq!(
        env.run(&["scan", root]).status.code(),
        Some(1),
        "old debt fails without a baseline"
    );
    let quiet = env.run(&["scan", root, "--baseline", "latest"]);
    assert_eq!(quiet.status.code(), Some(0), "{}", text(&quiet.stdout));

    // A CI runner with an empty database keeps last run's JSON instead.
    let saved = dir.path().join("last.json");
    let out = env.run(&[
        "scan",
        root,
        "--no-store",
        "--format",
        "json",
        "--output",
        s(&saved),
    ]);
    assert_eq!(out.status.code(), Some(1));
    write(dir.path(), "new.py", "import asyncio\nasyncio.wait([])\n");
    let gated = env.run(&["scan", root, "--no-store", "--baseline", s(&saved)]);
    assert_eq!(gated.status.code(), Some(1));
    let report = text(&gated.stdout);
    assert!(
        report.contains("new.py:2:1 ASY003 [error]") && report.contains("[new]"),
        "{report}"
    );
    assert!(
        report.contains("1 finding at or above `error` new since the baseline"),
        "{report}"
    );

    let sarif = dir.path().join("last.sarif");
    let fingerprint = env.json(&["scan", root, "--no-store", "--format", "json"])["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "new.py")
        .unwrap()["fingerprint"]
        .clone();
    std::fs::write(
        &sarif,
        serde_json::json!({"version": "2.1.0", "runs": [{"results": [
            {"ruleId": "ASY003", "partialFingerprints": {"tenetFingerprint/v1": fingerprint}}
        ]}]})
        .to_string(),
    )
    .unwrap();
    let only_old = env.json(&[
        "scan",
        root,
        "--no-store",
        "--format",
        "json",
        "--baseline",
        s(&sarif),
    ]);
    assert_eq!(
        only_old["gate"]["failures"], 1,
        "app.py's finding is new against this SARIF"
    );

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"findings\": [").unwrap();
    let out = env.run(&["scan", root, "--no-store", "--baseline", s(&broken)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("broken.json: not JSON (line 1"),
        "{}",
        text(&out.stderr)
    );
}

/// The first scan into a database that does not exist yet creates it
/// while scanning: with more files than the scan's channel holds, every
/// file and finding is still recorded once, and the next scan reuses them.
#[test]
fn the_first_scan_into_a_new_database_records_everything_while_creating_it() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    many_files(dir.path(), 600);
    let root = s(dir.path());
    assert!(!env.db.exists());
    let first = env.json(&["scan", root, "--format", "json"]);
    assert_eq!(first["scan_id"], 1);
    assert_eq!(first["findings"].as_array().unwrap().len(), 600);
    let second = env.json(&["scan", root, "--format", "json"]);
    assert_eq!(second["findings"], first["findings"]);
    let history = env.json(&["history", root, "--format", "json"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["state"], "complete");
    assert_eq!(history[0]["findings"], 600);
    assert_eq!(history[1]["files_reused"], 600, "{:?}", history[1]);
    let diff = env.json(&["diff", root, "--format", "json"]);
    assert_eq!(diff["unchanged"], 600);
    assert_eq!(env.run(&["db", "check"]).status.code(), Some(0));
}

/// `tenet scan` leaves its commits in the write-ahead log (no closing
/// checkpoint): the log is there after the process has gone, every scan
/// is read back from it by the next process, and a command that is not a
/// scan folds it into the file when it closes.
#[test]
fn a_scan_leaves_its_commits_in_the_log_and_nothing_is_lost() {
    let env = Env::new();
    let dir = project(&[("app.py", GATHER)]);
    let root = s(dir.path());
    let log = {
        let mut name = env.db.as_os_str().to_owned();
        name.push("-wal");
        std::path::PathBuf::from(name)
    };
    let log_size = || std::fs::metadata(&log).map_or(0, |m| m.len());
    for scan in 1..=2 {
        let report = env.json(&["scan", root, "--format", "json", "--fail-on", "never"]);
        assert_eq!(report["scan_id"], scan);
        assert!(log_size() > 32, "scan {scan} left its commits in the log");
    }
    let history = env.json(&["history", root, "--format", "json"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|scan| scan["state"] == "complete"));
    assert_eq!(history[1]["files_reused"], 1, "{:?}", history[1]);
    assert_eq!(log_size(), 0, "history folded the log in as it closed");
    assert_eq!(env.run(&["db", "check"]).status.code(), Some(0));
}

#[test]
fn no_store_writes_no_database() {
    let env = Env::new();
    let dir = project(&[("app.py", "import anyio\n")]);
    assert_eq!(
        env.run(&["scan", s(dir.path()), "--no-store"])
            .status
            .code(),
        Some(0)
    );
    assert!(!env.db.exists());
    let out = env.run(&["scan", s(dir.path()), "--no-store", "--baseline", "latest"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn two_processes_scan_different_projects_into_one_database_at_once() {
    let env = Env::new();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    many_files(a.path(), 1500);
    many_files(b.path(), 1500);
    let spawn = |root: &Path| {
        env.command(&["scan", s(root), "--format", "json"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(a.path()), spawn(b.path()));
    for child in [first, second] {
        let output = child.wait_with_output().unwrap();
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            !stderr.contains("locked") && !stderr.contains("busy"),
            "{stderr}"
        );
    }
    for root in [a.path(), b.path()] {
        let history = env.json(&["history", s(root), "--format", "json"]);
        assert_eq!(history[0]["state"], "complete");
        assert_eq!(history[0]["files"], 1500);
        assert_eq!(history[0]["findings"], 1500);
    }
    assert_eq!(env.run(&["db", "check"]).status.code(), Some(0));
}

#[test]
fn a_scan_killed_half_way_is_kept_as_interrupted_and_the_next_scan_is_fine() {
    let env = Env::new();
    let dir = project(&[("app.py", GATHER)]);
    let root = s(dir.path());
    assert_eq!(env.run(&["scan", root]).status.code(), Some(1));
    many_files(dir.path(), 4000);
    let mut child = env
        .command(&["scan", root])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the second scan has committed a batch, then kill it hard.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        assert!(Instant::now() < deadline, "the scan never wrote a batch");
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before it could be killed"
        );
        let conn = rusqlite::Connection::open_with_flags(
            &env.db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let linked: i64 = conn
            .query_row(
                "SELECT count(*) FROM scan_files WHERE scan_id = 2",
                [],
                |r| r.get(0),
            )
            .unwrap_or(0);
        if linked > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let next = env.run(&["scan", root, "--format", "json"]);
    assert_eq!(next.status.code(), Some(1));
    assert!(
        text(&next.stderr).contains("marked interrupted"),
        "{}",
        text(&next.stderr)
    );
    let history = env.json(&["history", root, "--format", "json"]);
    let states: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["complete", "interrupted", "complete"]);
    assert_eq!(history[0]["findings"], 1, "the earlier scan is intact");
    assert_eq!(history[2]["files"], 4001);
    assert!(
        history[2]["files_reused"].as_i64().unwrap() > 0,
        "the killed scan's batches are reused"
    );
    assert_eq!(env.run(&["db", "check"]).status.code(), Some(0));
}

#[test]
fn a_read_only_database_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let dir = project(&[("app.py", "import anyio\n")]);
    let folder = env.db.parent().unwrap();
    for path in [dir.path(), folder] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = as_unprivileged(&env, &["scan", s(dir.path())]);
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let message = text(&out.stderr);
    assert!(message.contains("cannot open the database"), "{message}");
    assert!(message.contains(s(&env.db)), "names the file: {message}");
    assert!(message.contains("read-only"), "{message}");
    assert_eq!(message.lines().count(), 1, "one line: {message}");
    // Without the database the scan itself still works.
    let out = as_unprivileged(&env, &["scan", s(dir.path()), "--no-store"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_database_from_a_newer_tenet_stops_the_scan_without_touching_it() {
    let env = Env::new();
    let dir = project(&[("app.py", "import anyio\n")]);
    assert_eq!(env.run(&["scan", s(dir.path())]).status.code(), Some(0));
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(&env.db).unwrap();
    let out = env.run(&["scan", s(dir.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("newer Tenet (schema 999"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
}

#[test]
fn a_recorded_scan_reports_exactly_as_it_was_scanned_in_every_format() {
    let env = Env::new();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample");
    let sample = std::fs::canonicalize(sample).unwrap();
    let root = s(&sample);
    let scanned = env.json(&["scan", root, "--format", "json"]);
    let reported = env.json(&["report", root]);
    assert_eq!(
        scanned, reported,
        "the JSON report of a stored scan is the scan's JSON"
    );

    let dir = project(&[("app.py", GATHER)]);
    let first = env.json(&["scan", s(dir.path()), "--format", "json"]);
    write(dir.path(), "app.py", "import anyio\n");
    env.json(&["scan", s(dir.path()), "--format", "json"]);
    let old = env.json(&[
        "report",
        s(dir.path()),
        "--scan",
        &first["scan_id"].to_string(),
    ]);
    assert_eq!(old["findings"], first["findings"]);
    for format in ["sarif", "csv", "md", "junit", "github", "gitlab", "text"] {
        let fresh = env.run(&["scan", root, "--format", format, "--no-store"]);
        let stored = env.run(&["report", root, "--format", format, "--scan", "1"]);
        assert_eq!(
            stored.status.code(),
            Some(0),
            "{format}: {}",
            text(&stored.stderr)
        );
        if !["text", "md", "junit"].contains(&format) {
            // Text, Markdown and JUnit carry the scan's duration or number.
            assert_eq!(text(&stored.stdout), text(&fresh.stdout), "{format}");
        }
    }
    let missing = env.run(&["report", root, "--scan", "999"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("scan 999"));
}

#[test]
fn the_compliance_report_tells_the_scans_story_in_html_and_pdf() {
    let env = Env::new();
    let dir = project(&[("app.py", GATHER)]);
    env.json(&["scan", s(dir.path()), "--format", "json"]);
    write(dir.path(), "app.py", "import anyio\n");
    write(dir.path(), "b.py", GATHER);
    write(dir.path(), "c.py", GATHER);
    env.json(&["scan", s(dir.path()), "--format", "json"]);

    let out = dir.path().join("report.html");
    let run = env.run(&[
        "report",
        s(dir.path()),
        "--format",
        "html",
        "--output",
        s(&out),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Since scan 1: 2 new, 1 fixed"), "the change");
    assert!(html.contains("number 2"), "the cover names the scan");
    assert_eq!(html.matches("<figure").count(), 2, "trend and checklist");
    assert!(html.contains("Findings and score per scan"));
    assert!(html.contains("b.py:4:"), "findings down to the line");

    // The first scan's report knows nothing of what came after it.
    let first = env.run(&["report", s(dir.path()), "--format", "html", "--scan", "1"]);
    let first = text(&first.stdout);
    assert!(first.contains("This is the first recorded scan."));
    assert!(!first.contains("b.py"));

    let pdf = dir.path().join("report.pdf");
    let run = env.run(&["report", s(dir.path()), "--format", "pdf", "-o", s(&pdf)]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-1.7"));

    // A scan not recorded still gets a report, without history.
    let unrecorded = env.run(&["scan", s(dir.path()), "--no-store", "--format", "html"]);
    let unrecorded = text(&unrecorded.stdout);
    assert!(unrecorded.contains("This scan was not recorded"));
    assert_eq!(
        unrecorded.matches("<figure").count(),
        1,
        "no trend without history"
    );
}
