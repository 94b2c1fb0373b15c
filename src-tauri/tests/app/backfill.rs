//! The trend from git history: the offer made for a repository, the
//! backfill run with progress after each commit, cancelled between
//! commits, and nothing offered twice.

use crate::support::TestApp;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;
use tenet_app::commands::backfill::{run_backfill, BackfillEvent};

fn git(dir: &Path, args: &[&str], date: &str) {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.org")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git is installed (scripts/install-deps)");
    assert!(output.status.success(), "git {args:?}");
}

/// The sample copy as a repository of three commits: the sample without
/// `acme/sync.py`, then with it, then with an unbounded deque added.
fn make_repository(t: &TestApp) {
    let root = &t.sample;
    let sync = std::fs::read_to_string(root.join("acme/sync.py")).unwrap();
    std::fs::remove_file(root.join("acme/sync.py")).unwrap();
    git(root, &["init", "-q", "-b", "main"], "2026-01-01T10:00:00Z");
    git(root, &["add", "-A"], "2026-01-01T10:00:00Z");
    git(
        root,
        &["commit", "-q", "-m", "First"],
        "2026-01-01T10:00:00Z",
    );
    std::fs::write(root.join("acme/sync.py"), &sync).unwrap();
    git(root, &["add", "-A"], "2026-02-01T10:00:00Z");
    git(
        root,
        &["commit", "-q", "-m", "Sync"],
        "2026-02-01T10:00:00Z",
    );
    std::fs::write(
        root.join("acme/more.py"),
        "from collections import deque\nq = deque()\n",
    )
    .unwrap();
    git(root, &["add", "-A"], "2026-03-01T10:00:00Z");
    git(
        root,
        &["commit", "-q", "-m", "More <b>"],
        "2026-03-01T10:00:00Z",
    );
}

fn backfill(t: &TestApp, project: i64, cancel: bool) -> Vec<Value> {
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = events.clone();
    let channel = tauri::ipc::Channel::<BackfillEvent>::new(move |body| {
        if let tauri::ipc::InvokeResponseBody::Json(text) = body {
            sink.lock()
                .unwrap()
                .push(serde_json::from_str(&text).unwrap());
        }
        Ok(())
    });
    let root = std::fs::canonicalize(&t.sample).unwrap();
    let end = run_backfill(
        &t.database,
        tenet_store::ProjectId(project),
        &root,
        50,
        &channel,
        &AtomicBool::new(cancel),
    );
    let mut events = events.lock().unwrap().clone();
    events.push(serde_json::to_value(end).unwrap());
    events
}

#[test]
fn a_folder_outside_git_gets_no_offer() {
    let t = TestApp::new();
    let project = t.add_sample();
    assert_eq!(
        t.ok("backfill_offer", json!({"projectId": project})),
        Value::Null
    );
}

#[test]
fn a_repository_is_offered_its_history_and_backfills_it_once() {
    let t = TestApp::new();
    make_repository(&t);
    let project = t.add_sample();
    let offer = t.ok("backfill_offer", json!({"projectId": project}));
    assert_eq!(offer, json!({"commits": 3, "recorded": 0}));

    let events = backfill(&t, project, false);
    assert_eq!(events[0], json!({"event": "started", "total": 3}));
    let commits: Vec<&Value> = events.iter().filter(|e| e["event"] == "commit").collect();
    assert_eq!(commits.len(), 3, "{events:?}");
    assert_eq!(commits[0]["date"], "2026-01-01");
    assert_eq!(commits[2]["subject"], "More <b>");
    assert_eq!(commits[2]["done"], 3);
    // The sample's findings minus sync.py's five async ones and its two
    // buffers, then all of them, then one more deque.
    let findings: Vec<u64> = commits
        .iter()
        .map(|c| c["findings"].as_u64().unwrap())
        .collect();
    assert_eq!(findings[1] + 1, findings[2], "{findings:?}");
    assert!(findings[0] < findings[1], "{findings:?}");
    assert_eq!(
        events.last().unwrap(),
        &json!({"event": "finished", "recorded": 3, "known": 0, "skipped": 0, "shallow": false})
    );

    // The history holds them at their commits' dates, and the trend has three points.
    let scans = t.ok("list_scans", json!({"projectId": project}));
    assert_eq!(scans.as_array().unwrap().len(), 3, "{scans}");
    assert_eq!(
        t.ok("backfill_offer", json!({"projectId": project})),
        Value::Null,
        "nothing left to offer"
    );
    let again = backfill(&t, project, false);
    assert_eq!(again.last().unwrap()["recorded"], 0);
    assert_eq!(again.last().unwrap()["known"], 3);
}

#[test]
fn a_cancelled_backfill_stops_between_commits() {
    let t = TestApp::new();
    make_repository(&t);
    let project = t.add_sample();
    let events = backfill(&t, project, true);
    assert_eq!(
        events.last().unwrap(),
        &json!({"event": "cancelled", "recorded": 0})
    );
    let offer = t.ok("backfill_offer", json!({"projectId": project}));
    assert_eq!(offer["recorded"], 0);
}
