//! `tenet backfill`: past commits scanned from git objects, with known
//! findings per commit, idempotent, and the working tree untouched.

mod support;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use support::{s, text, write, Env};

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
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        text(&output.stderr)
    );
}

fn commit(dir: &Path, message: &str, date: &str) {
    git(dir, &["add", "-A"], date);
    git(dir, &["commit", "-q", "-m", message], date);
}

const GATHER: &str = "import asyncio\n\nasync def main():\n    await asyncio.gather(a(), b())\n";

/// Four commits whose findings are known: 1, 2, 1 (a configuration that
/// arrived later ignores TRC001), 0.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"], "2024-01-01T10:00:00Z");
    write(root, "app/a.py", GATHER);
    commit(root, "gather in a", "2024-01-01T10:00:00Z");
    write(root, "app/b.py", "import torch\n");
    commit(root, "add a torch import", "2024-02-01T10:00:00Z");
    write(root, "tenet.toml", "ignore = [\"TRC001\"]\n");
    write(
        root,
        "data/model.py",
        "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n",
    );
    commit(
        root,
        "configure, add an LFS pointer",
        "2024-03-01T10:00:00Z",
    );
    write(root, "app/a.py", "import anyio\n");
    commit(root, "fix a", "2024-04-01T10:00:00Z");
    dir
}

/// Every byte under the folder, `.git` included: the working tree, the
/// index and every ref.
fn snapshot(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn past_commits_become_scans_with_their_own_findings_and_configuration() {
    let env = Env::new();
    let repo = repository();
    let root = s(repo.path());
    let before = snapshot(repo.path());
    let out = env.run(&["backfill", root]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Backfilled 4 commit(s)"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(
        snapshot(repo.path()),
        before,
        "nothing checked out, nothing written"
    );

    let history = env.json(&["history", root, "--format", "json"]);
    let history = history.as_array().unwrap();
    let findings: Vec<i64> = history
        .iter()
        .map(|h| h["findings"].as_i64().unwrap())
        .collect();
    assert_eq!(findings, [1, 2, 1, 0]);
    assert!(history.iter().all(|h| h["backfilled"] == true));
    // Unchanged blobs are not read again: the second commit adds b.py and
    // reuses a.py; the third brings a configuration, so nothing is reused;
    // the fourth changes a.py and reuses b.py.
    let reused: Vec<i64> = history
        .iter()
        .map(|h| h["files_reused"].as_i64().unwrap())
        .collect();
    assert_eq!(reused, [0, 1, 0, 1]);
    assert_eq!(history[0]["commit_subject"], "gather in a");
    assert_eq!(history[0]["commit_author"], "Ada");
    assert!(history[0]["commit_time"]
        .as_str()
        .unwrap()
        .starts_with("2024-01-01T10:00:00"));
    assert_eq!(
        history[2]["markers"],
        serde_json::json!(["configuration changed", "rules removed: TRC001"])
    );

    let third = env.json(&["report", root, "--scan", &history[2]["scan"].to_string()]);
    let skipped = third["skipped"].as_array().unwrap();
    assert!(skipped.iter().any(|s| s["path"] == "data/model.py"
        && s["reason"].as_str().unwrap().contains("Git LFS pointer")));
    let permissions = third["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "permissions")
        .unwrap()
        .clone();
    assert_eq!(
        permissions["status"], "not_applicable",
        "git keeps no real modes"
    );

    // Again: nothing new. Then a scan of the folder comes after them.
    let again = env.run(&["backfill", root]);
    assert!(
        text(&again.stdout).contains("Backfilled 0 commit(s)"),
        "{}",
        text(&again.stdout)
    );
    assert!(text(&again.stdout).contains("4 already recorded"));
    env.json(&["scan", root, "--format", "json"]);
    let history = env.json(&["history", root, "--format", "json"]);
    assert_eq!(history.as_array().unwrap().len(), 5);
    assert_eq!(history[4]["backfilled"], false);
    let diff = env.json(&[
        "diff",
        root,
        "--from",
        &history[0]["scan"].to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(diff["fixed"][0]["rule"], "ASY001");
}

#[test]
fn limits_dates_and_shallow_clones_are_respected() {
    let env = Env::new();
    let repo = repository();
    let out = env.run(&["backfill", s(repo.path()), "--commits", "2"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let history: Value = env.json(&["history", s(repo.path()), "--format", "json"]);
    let subjects: Vec<_> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["commit_subject"].clone())
        .collect();
    assert_eq!(
        subjects,
        ["configure, add an LFS pointer", "fix a"],
        "the newest two, oldest first"
    );

    let env = Env::new();
    env.run(&["backfill", s(repo.path()), "--since", "2024-02-15"]);
    let history: Value = env.json(&["history", s(repo.path()), "--format", "json"]);
    assert_eq!(history.as_array().unwrap().len(), 2);

    let shallow = tempfile::tempdir().unwrap();
    let clone = shallow.path().join("clone");
    let url = format!("file://{}", repo.path().display());
    git(
        shallow.path(),
        &["clone", "-q", "--depth", "2", &url, s(&clone)],
        "2024-05-01T00:00:00Z",
    );
    let env = Env::new();
    let out = env.run(&["backfill", s(&clone), "--commits", "10"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Backfilled 2 commit(s)"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("shallow"));

    let not_repo = tempfile::tempdir().unwrap();
    let out = env.run(&["backfill", s(not_repo.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not inside a git repository"));
}

#[test]
fn a_git_revision_is_a_baseline_without_a_checkout() {
    let env = Env::new();
    let repo = repository();
    let root = s(repo.path());
    // In the working tree: a.py back as it was three commits ago, and a new file.
    write(repo.path(), "app/a.py", GATHER);
    write(
        repo.path(),
        "app/new.py",
        "import asyncio\nasyncio.wait([])\n",
    );
    // The LFS pointer came later and is not Python; out of the way.
    std::fs::remove_file(repo.path().join("data/model.py")).unwrap();
    let before = snapshot(repo.path());
    let out = env.run(&[
        "scan",
        root,
        "--no-store",
        "--format",
        "json",
        "--baseline-ref",
        "HEAD~3",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["gate"]["failures"], 1, "only new.py's finding is new");
    assert!(json["gate"]["baseline"]["source"]
        .as_str()
        .unwrap()
        .starts_with("HEAD~3 ("));
    let new: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["new"] == true)
        .map(|f| f["path"].clone())
        .collect();
    assert_eq!(new, ["app/new.py"]);
    assert_eq!(
        snapshot(repo.path()),
        before,
        "the working tree is untouched"
    );

    let out = env.run(&[
        "scan",
        root,
        "--no-store",
        "--baseline-ref",
        "no-such-branch",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--baseline-ref no-such-branch"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn backfill_skips_the_folders_a_scan_skips() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"], "2024-01-01T10:00:00Z");
    // `build.py` sorts between `build` and `build/…` as flat strings.
    write(root, "build/gen.py", GATHER);
    write(root, "build.py", GATHER);
    write(root, "node_modules/pkg/x.py", GATHER);
    write(root, "node_modules.txt", "");
    write(root, "vendor/skip.py", GATHER);
    write(root, "tenet.toml", "exclude = [\"vendor\"]\n");
    commit(root, "one", "2024-01-01T10:00:00Z");
    let worktree = env.json(&["scan", s(root), "--format", "json", "--no-store"]);
    assert_eq!(worktree["summary"]["findings"], 1, "only build.py");
    env.run(&["backfill", s(root)]);
    let history = env.json(&["history", s(root), "--format", "json"]);
    assert_eq!(history[0]["findings"], 1, "the same as the folder's scan");
}

#[test]
fn a_backfilled_scan_shows_the_verdict_current_at_its_commit_and_diff_follows_the_trend() {
    let env = Env::new();
    let repo = repository();
    let root = s(repo.path());
    env.json(&["scan", root, "--format", "json"]);
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        for (who, verdict, at) in [
            ("alice", "pass", "2024-02-15T00:00:00.000Z"),
            ("bob", "fail", "2024-03-15T00:00:00.000Z"),
        ] {
            conn.execute(
                "INSERT INTO reviews (project_id, item, verdict, reviewer, reviewed_at, note, evidence)
                 VALUES (1, 'memory-limits', ?1, ?2, ?3, '', '')",
                [verdict, who, at],
            )
            .unwrap();
        }
    }
    env.run(&["backfill", root]);
    let history = env.json(&["history", root, "--format", "json"]);
    let reviewer = |scan: &Value| {
        let report = env.json(&["report", root, "--scan", &scan.to_string()]);
        report["checklist"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "memory-limits")
            .unwrap()["review"]["reviewer"]
            .clone()
    };
    let scans: Vec<&Value> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["scan"])
        .collect();
    assert_eq!(reviewer(scans[0]), Value::Null, "January: no verdict yet");
    assert_eq!(reviewer(scans[2]), "alice", "March 1st: alice's");
    assert_eq!(reviewer(scans[3]), "bob", "April: bob's");

    // The worktree scan (id 1) comes last in the trend; `diff` compares it
    // with the newest backfilled commit, not with nothing.
    let diff = env.run(&["diff", root, "--format", "json"]);
    assert_eq!(diff.status.code(), Some(0), "{}", text(&diff.stderr));
}
