//! The reliability suite: each promise of the README's "Reliability" table,
//! tested through the `tenet` binary as a user meets it. Faults are real
//! where they can be (signals, permissions, devices, a full disk through
//! SQLite's page cap) and injected at named failpoints where the worst
//! moment cannot be hit by timing (`TENET_FAILPOINT`).

mod support;

use serde_json::Value;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;
use support::{as_unprivileged, many_files, project, s, text, Env};

extern "C" {
    fn mkfifo(path: *const std::ffi::c_char, mode: u32) -> i32;
    fn mknod(path: *const std::ffi::c_char, mode: u32, dev: u64) -> i32;
    fn geteuid() -> u32;
}

/// Waits for a child (reading its output as it comes, so a full pipe never
/// stalls it), failing the test and killing it if it hangs.
fn finish_within(child: Child, limit: Duration) -> Output {
    let pid = child.id();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(child.wait_with_output().unwrap()));
    match receiver.recv_timeout(limit) {
        Ok(output) => output,
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("tenet hung for more than {limit:?}");
        }
    }
}

fn scan_json(env: &Env, root: &Path, extra: &[&str]) -> (Option<i32>, Value, String) {
    let mut args = vec!["scan", s(root), "--format", "json"];
    args.extend_from_slice(extra);
    let child = env
        .command(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let output = finish_within(child, Duration::from_secs(120));
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&output.stderr)));
    (output.status.code(), json, text(&output.stderr))
}

fn findings_of<'v>(json: &'v Value, path: &str) -> Vec<&'v Value> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .collect()
}

fn skip_reason(json: &Value, path: &str) -> Option<String> {
    json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"] == path)
        .map(|s| s["reason"].as_str().unwrap().to_string())
}

const WITNESS: &str = "import asyncio\n\nasync def main():\n    await asyncio.gather(a(), b())\n";

#[test]
fn hostile_contents_become_findings_or_skips_and_the_rest_is_checked() {
    let env = Env::new();
    let dir = project(&[
        ("witness.py", WITNESS),
        ("syntax.py", "def broken(:\n    pass\n"),
        ("brackets.py", &format!("x = {}\n", "(".repeat(10_000))),
        ("divs.html", &"<div>".repeat(10_000)),
    ]);
    std::fs::write(dir.path().join("latin1.py"), b"name = '\xe9t\xe9'\n").unwrap();
    std::fs::write(dir.path().join("blob.py"), b"\x7fELF\x00\x00\x01binary").unwrap();
    let huge = std::fs::File::create(dir.path().join("huge.py")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let (code, json, _) = scan_json(&env, dir.path(), &["--no-store"]);
    assert_eq!(code, Some(1));
    for path in [
        "syntax.py",
        "brackets.py",
        "latin1.py",
        "huge.py",
        "divs.html",
    ] {
        let rules: Vec<_> = findings_of(&json, path)
            .iter()
            .map(|f| f["rule"].clone())
            .collect();
        assert!(rules.contains(&"SYN001".into()), "{path}: {rules:?}");
    }
    assert_eq!(
        skip_reason(&json, "blob.py").as_deref(),
        Some("binary file")
    );
    assert_eq!(
        findings_of(&json, "witness.py")[0]["rule"],
        "ASY001",
        "the rest is checked"
    );
}

#[test]
fn links_fifos_sockets_and_devices_are_never_followed_or_opened() {
    let env = Env::new();
    let dir = project(&[("witness.py", WITNESS)]);
    let root = dir.path();
    std::os::unix::fs::symlink(root.join("loop_b"), root.join("loop_a")).unwrap();
    std::os::unix::fs::symlink(root.join("loop_a"), root.join("loop_b")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", root.join("leak.py")).unwrap();
    std::os::unix::fs::symlink("/", root.join("everything")).unwrap();
    let fifo = CString::new(root.join("pipe.py").as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let _socket = std::os::unix::net::UnixListener::bind(root.join("sock.py")).unwrap();
    // A character device like /dev/null (major 1, minor 3): only root may
    // make one, and some containers forbid even root.
    let device = CString::new(root.join("dev.py").as_os_str().as_bytes()).unwrap();
    let has_device =
        unsafe { geteuid() } == 0 && unsafe { mknod(device.as_ptr(), 0o020644, (1 << 8) | 3) } == 0;
    let (code, json, _) = scan_json(&env, root, &["--no-store"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        skip_reason(&json, "leak.py").as_deref(),
        Some("symbolic link (not followed)")
    );
    assert!(
        skip_reason(&json, "pipe.py").unwrap().contains("FIFO"),
        "{json}"
    );
    assert!(skip_reason(&json, "sock.py").unwrap().contains("socket"));
    if has_device {
        assert!(skip_reason(&json, "dev.py").unwrap().contains("device"));
    }
    assert_eq!(json["summary"]["files"], 1, "only the witness was read");
}

#[test]
fn unreadable_folders_and_files_are_reported_with_their_paths() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let dir = project(&[
        ("witness.py", WITNESS),
        ("locked.py", "import torch\n"),
        ("private/inner.py", "import torch\n"),
    ]);
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    mode(dir.path(), 0o755);
    mode(&dir.path().join("locked.py"), 0o000);
    mode(&dir.path().join("private"), 0o000);
    let output = as_unprivileged(
        &env,
        &["scan", s(dir.path()), "--no-store", "--format", "json"],
    );
    mode(&dir.path().join("private"), 0o755);
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}", text(&output.stderr)));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        skip_reason(&json, "locked.py").as_deref(),
        Some("permission denied")
    );
    assert_eq!(
        skip_reason(&json, "private").as_deref(),
        Some("permission denied")
    );
    assert_eq!(findings_of(&json, "witness.py")[0]["rule"], "ASY001");
    let shown = text(&as_unprivileged(&env, &["scan", s(dir.path()), "--no-store"]).stdout);
    assert!(
        shown.contains("skipped locked.py: permission denied"),
        "{shown}"
    );

    // A root that cannot be listed is not an empty project that passes.
    mode(dir.path(), 0o700);
    let out = as_unprivileged(&env, &["scan", s(dir.path()), "--no-store"]);
    mode(dir.path(), 0o755);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("cannot list the folder"),
        "{}",
        text(&out.stderr)
    );

    // An empty folder has nothing whose permissions could be judged.
    let empty = tempfile::tempdir().unwrap();
    let (_, json, _) = scan_json(&env, empty.path(), &["--no-store"]);
    let permissions = json["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "permissions")
        .unwrap()
        .clone();
    assert_eq!(permissions["status"], "not_applicable");
}

#[test]
fn files_changing_during_the_scan_do_not_crash_it() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    many_files(dir.path(), 3000);
    let root = dir.path().to_path_buf();
    let child = env
        .command(&["scan", s(&root), "--format", "json", "--no-store"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let churn = std::thread::spawn(move || {
        // Delete, truncate, recreate and add files while the scan runs.
        for round in 0..3000 {
            let victim = root.join(format!("pkg{}/module_{round}.py", round % 20));
            match round % 3 {
                0 => drop(std::fs::remove_file(&victim)),
                1 => drop(std::fs::write(&victim, "")),
                _ => drop(std::fs::write(
                    root.join(format!("new_{round}.py")),
                    WITNESS,
                )),
            }
        }
    });
    let output = finish_within(child, Duration::from_secs(120));
    churn.join().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        text(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("whole JSON");
    // Whatever vanished between listing and reading is said so, by path;
    // nothing else is skipped.
    for skip in json["skipped"].as_array().unwrap() {
        assert!(skip["path"].as_str().unwrap().starts_with("pkg"), "{skip}");
        assert_eq!(skip["reason"], "removed or replaced while scanning");
    }
    let summary = &json["summary"];
    assert!(summary["files"].as_u64().unwrap() + summary["skipped"].as_u64().unwrap() >= 2000);
}

#[test]
fn odd_file_names_are_kept_losslessly_and_shown_readably() {
    let env = Env::new();
    let dir = project(&[("plain.py", WITNESS)]);
    let root = dir.path();
    let long = format!("{}.py", "n".repeat(250));
    let names: Vec<std::ffi::OsString> = vec![
        std::ffi::OsStr::from_bytes(b"caf\xe9.py").to_owned(),
        long.clone().into(),
        "two\nlines.py".into(),
        "evil\u{202E}yp.py".into(),
    ];
    for name in &names {
        std::fs::write(root.join(name), WITNESS).unwrap();
    }
    let (_, json, _) = scan_json(&env, root, &[]);
    let latin = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f.get("path_bytes").is_some())
        .expect("a non-UTF-8 name carries its bytes");
    assert_eq!(latin["path"], "caf\u{FFFD}.py");
    assert_eq!(
        latin["path_bytes"],
        serde_json::json!(b"caf\xe9.py".to_vec())
    );
    for name in [long.as_str(), "two\nlines.py", "evil\u{202E}yp.py"] {
        assert_eq!(findings_of(&json, name).len(), 1, "{name:?} kept exactly");
    }

    let shown = text(&env.run(&["scan", s(root), "--no-store"]).stdout);
    assert!(shown.contains("two\\nlines.py:4:11 ASY001"), "{shown}");
    assert!(shown.contains("evil\\u{202e}yp.py:4:11"), "{shown}");
    assert!(
        !shown.contains('\u{202E}'),
        "no raw direction override in a terminal"
    );
    assert!(
        shown
            .lines()
            .filter(|l| l.contains("ASY001"))
            .all(|l| l.contains(".py:4:11")),
        "no name breaks a finding over two lines"
    );

    // Through the database: remove them all; `diff` names them exactly.
    for name in &names {
        std::fs::remove_file(root.join(name)).unwrap();
    }
    env.json(&["scan", s(root), "--format", "json"]);
    let diff = env.json(&["diff", s(root), "--format", "json"]);
    let fixed = diff["fixed"].as_array().unwrap();
    assert_eq!(fixed.len(), 4, "{diff}");
    assert!(fixed.iter().any(|f| f["path"] == "two\nlines.py"));
    assert!(fixed
        .iter()
        .any(|f| f["path_bytes"] == serde_json::json!(b"caf\xe9.py".to_vec())));
}

#[test]
fn a_crash_mid_migration_leaves_a_database_that_opens() {
    let env = Env::new();
    let crashed = env
        .command(&["projects"])
        .env("TENET_FAILPOINT", "migrate")
        .output()
        .unwrap();
    assert_eq!(crashed.status.code(), None, "killed by the failpoint");
    let dir = project(&[("witness.py", WITNESS)]);
    assert_eq!(env.run(&["scan", s(dir.path())]).status.code(), Some(1));
    assert_eq!(env.run(&["db", "check"]).status.code(), Some(0));
}

#[test]
fn a_crash_after_a_batch_keeps_history_and_marks_the_scan() {
    let env = Env::new();
    let dir = project(&[("witness.py", WITNESS)]);
    env.json(&["scan", s(dir.path()), "--format", "json"]);
    many_files(dir.path(), 1500); // more than one batch
    let crashed = env
        .command(&["scan", s(dir.path())])
        .env("TENET_FAILPOINT", "scan-batch")
        .output()
        .unwrap();
    assert_eq!(crashed.status.code(), None);
    let next = env.run(&["scan", s(dir.path())]);
    assert!(
        text(&next.stderr).contains("marked interrupted"),
        "{}",
        text(&next.stderr)
    );
    let history = env.json(&["history", s(dir.path()), "--format", "json"]);
    let states: Vec<_> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["state"].clone())
        .collect();
    assert_eq!(states, ["complete", "interrupted", "complete"]);
    assert_eq!(history[0]["findings"], 1);
}

#[test]
fn a_crash_mid_export_never_leaves_a_half_written_report() {
    let env = Env::new();
    let dir = project(&[("witness.py", WITNESS)]);
    let report = dir.path().join("report.json");
    std::fs::write(&report, "{\"previous\": true}\n").unwrap();
    let crashed = env
        .command(&[
            "scan",
            s(dir.path()),
            "--format",
            "json",
            "--output",
            s(&report),
        ])
        .env("TENET_FAILPOINT", "export")
        .output()
        .unwrap();
    assert_eq!(crashed.status.code(), None);
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "{\"previous\": true}\n"
    );
    let done = env.run(&[
        "scan",
        s(dir.path()),
        "--format",
        "json",
        "--output",
        s(&report),
    ]);
    assert_eq!(done.status.code(), Some(1));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["summary"]["findings"], 1);
}

#[test]
fn a_full_disk_is_a_clear_message_and_history_is_kept() {
    let env = Env::new();
    let small = project(&[("witness.py", WITNESS)]);
    env.json(&["scan", s(small.path()), "--format", "json"]);
    let pages: i64 = rusqlite::Connection::open(&env.db)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    let big = tempfile::tempdir().unwrap();
    many_files(big.path(), 2000);
    let full = env
        .command(&["scan", s(big.path())])
        .env("TENET_FAILPOINT_MAX_PAGES", (pages + 4).to_string())
        .output()
        .unwrap();
    assert_eq!(full.status.code(), Some(2));
    let message = text(&full.stderr);
    assert!(
        message.contains(s(&env.db)) && message.contains("full"),
        "{message}"
    );
    let history = env.json(&["history", s(small.path()), "--format", "json"]);
    assert_eq!(history[0]["state"], "complete", "earlier history intact");
    assert_eq!(env.run(&["db", "check"]).status.code(), Some(0));
    env.json(&["scan", s(big.path()), "--format", "json"]);

    let out = env.run(&[
        "scan",
        s(small.path()),
        "--no-store",
        "--output",
        "/dev/full",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let message = text(&out.stderr);
    assert!(
        message.contains("cannot write /dev/full") && message.contains("No space left"),
        "{message}"
    );
}

#[test]
fn two_scans_of_the_same_project_at_once_both_complete() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    many_files(dir.path(), 1500);
    let spawn = || {
        env.command(&["scan", s(dir.path())])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let output = finish_within(child, Duration::from_secs(120));
        assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
        assert!(!text(&output.stderr).contains("locked"));
    }
    let history = env.json(&["history", s(dir.path()), "--format", "json"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert!(history
        .iter()
        .all(|h| h["state"] == "complete" && h["files"] == 1500));
}

#[test]
fn broken_configuration_is_exit_2_with_file_key_and_line() {
    let cases: &[(&str, &str)] = &[
        ("select = [\"ASY\"]\nfail-on = 3\n", "line 2: `fail-on`"),
        (
            "select = [\"ASY\"]\n\ncolour = \"red\"\n",
            "line 3: `colour`: unknown key",
        ),
        ("[per-file-ignores]\n\"src/[\" = [\"ASY001\"]\n", "line 2"),
        ("select = [\"ASY\"]\nselect = [\"MEM\"]\n", "line 2"),
        (
            &format!("a = {}{}\n", "[".repeat(50_000), "]".repeat(50_000)),
            "line 1",
        ),
        (&"x = 1\n".repeat(100_000), "line 2"),
    ];
    for (config, expected) in cases {
        let dir = project(&[("app.py", "import anyio\n"), ("tenet.toml", config)]);
        let child = Command::new(env!("CARGO_BIN_EXE_tenet"))
            .args(["scan", s(dir.path()), "--no-store"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = finish_within(child, Duration::from_secs(60));
        let message = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(
            message.contains("tenet.toml") && message.contains(expected),
            "{expected}: {message}"
        );
        assert_eq!(message.lines().count(), 1, "{message}");
    }
}

#[test]
fn names_that_differ_only_in_non_utf8_bytes_stay_two_files() {
    let env = Env::new();
    let dir = project(&[]);
    for name in [b"a\xff.py".as_slice(), b"a\xfe.py".as_slice()] {
        std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(name)), WITNESS).unwrap();
    }
    for _ in 0..2 {
        let (_, json, _) = scan_json(&env, dir.path(), &[]);
        let bytes: std::collections::HashSet<String> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path_bytes"].to_string())
            .collect();
        assert_eq!(bytes.len(), 2, "{json}");
        let fingerprints: std::collections::HashSet<String> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].to_string())
            .collect();
        assert_eq!(fingerprints.len(), 2);
    }
    let report = env.json(&["report", s(dir.path())]);
    assert_eq!(
        report["findings"].as_array().unwrap().len(),
        2,
        "both kept in the database"
    );
}
