//! The `tenet` binary as a user and a CI job drive it.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `tenet` with this test process's own database, never the user's.
fn tenet(args: &[&str]) -> Output {
    static DB: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let db = DB.get_or_init(|| tempfile::tempdir().unwrap());
    Command::new(env!("CARGO_BIN_EXE_tenet"))
        .args(args)
        .env("TENET_DB", db.path().join("cli-tests.db"))
        .output()
        .expect("run tenet")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/sample")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn clean_project_exits_0_and_findings_at_the_gate_exit_1() {
    let clean = project(&[("app.py", "import anyio\n")]);
    let output = tenet(&["scan", clean.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("Gate: passed"));

    let dirty = project(&[("app.py", "import asyncio\nasyncio.gather()\n")]);
    let path = dirty.path().to_str().unwrap();
    let output = tenet(&["scan", path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("app.py:2:1 ASY001 [error]"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        tenet(&["scan", path, "--fail-on", "never"]).status.code(),
        Some(0)
    );
}

#[test]
fn fail_on_warning_fails_on_warnings_only_when_asked() {
    let dir = project(&[("app.py", "def f():\n    global x\n")]);
    let path = dir.path().to_str().unwrap();
    let output = tenet(&["scan", path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        tenet(&["scan", path, "--fail-on", "warning"]).status.code(),
        Some(1)
    );
}

#[test]
fn missing_root_and_bad_configuration_exit_2_naming_what_and_where() {
    let output = tenet(&["scan", "/definitely/not/here"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("/definitely/not/here: no such folder"),
        "{}",
        stderr(&output)
    );

    let dir = project(&[(
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.tenet]\nselectt = [\"ASY001\"]\n",
    )]);
    let output = tenet(&["scan", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("pyproject.toml line 5"), "{message}");
    assert!(
        message.contains("`tool.tenet.selectt`") && message.contains("did you mean `select`"),
        "{message}"
    );

    let output = tenet(&[
        "scan",
        dir.path().to_str().unwrap(),
        "--config",
        "/nope/tenet.toml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let output = tenet(&["scan", dir.path().to_str().unwrap(), "--select", "ASY0001"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--select: unknown rule code `ASY0001`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn json_follows_the_contract() {
    let dir = project(&[
        (
            "app.py",
            "import asyncio\nasyncio.gather()  # noqa: ASY001 -- legacy until v3\nimport torch\n",
        ),
        ("blob.py", "\u{0}\u{1}"),
    ]);
    let output = tenet(&["scan", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(doc["tool"]["name"], "tenet");
    assert!(doc["standard"]["config_hash"]
        .as_str()
        .is_some_and(|h| h.len() == 16));
    for key in [
        "files",
        "lines",
        "findings",
        "suppressed",
        "skipped",
        "parse_errors",
        "by_rule",
        "by_severity",
        "duration_ms",
    ] {
        assert!(doc["summary"].get(key).is_some(), "summary.{key} missing");
    }
    assert_eq!(doc["summary"]["suppressed"], 1);
    assert_eq!(doc["summary"]["skipped"], 1);
    let findings = doc["findings"].as_array().unwrap();
    let gather = findings.iter().find(|f| f["rule"] == "ASY001").unwrap();
    assert_eq!(gather["suppressed"], true);
    assert_eq!(gather["suppression_reason"], "legacy until v3");
    assert_eq!(
        (gather["line"].as_u64(), gather["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        (gather["end_line"].as_u64(), gather["end_column"].as_u64()),
        (Some(2), Some(15))
    );
    assert_eq!(gather["path"], "app.py");
    assert!(gather["fingerprint"].as_str().is_some());
    assert_eq!(doc["skipped"][0]["path"], "blob.py");
    assert_eq!(doc["skipped"][0]["reason"], "binary file");
    let items = doc["checklist"].as_array().unwrap();
    assert_eq!(items.len(), 13);
    let torch = items.iter().find(|i| i["id"] == "torch-free").unwrap();
    assert_eq!(torch["status"], "fail");
    assert_eq!(torch["findings"], 1);
    assert!(torch.get("partially_checked").is_some() && torch.get("review").is_some());
}

#[test]
fn output_file_is_written_whole() {
    let dir = project(&[("app.py", "x = 1\n")]);
    let out = dir.path().join("report.json");
    let output = tenet(&[
        "scan",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["summary"]["files"], 1);
    let output = tenet(&[
        "scan",
        dir.path().to_str().unwrap(),
        "--output",
        "/nonexistent-dir/report.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot write /nonexistent-dir/report.txt"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn rules_lists_every_code_and_rule_prints_its_doc() {
    let output = tenet(&["rules"]);
    let text = stdout(&output);
    for code in [
        "ASY001", "ASY002", "ASY003", "ASY004", "ASY005", "MEM001", "MEM002", "MEM003", "MEM004",
        "DI001", "DI002", "TRC001", "TRC002", "TST001", "TST002", "PRM001", "PRM002", "QLT001",
        "QLT002", "QLT003", "SYN001",
    ] {
        assert!(text.contains(code), "{code} missing from `tenet rules`");
    }
    let doc = stdout(&tenet(&["rule", "asy002"]));
    for heading in [
        "What it flags",
        "Why the standard forbids it",
        "Bad",
        "Good",
        "How to fix it",
        "async-taskgroups",
    ] {
        assert!(doc.contains(heading), "{heading} missing:\n{doc}");
    }
    let output = tenet(&["rule", "ASY01"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `ASY001`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_sample_project_shows_every_rule_family_fire_and_some_items_pass() {
    // Every item applies to the sample (it has Python, tests and a web page);
    // `not_applicable` is covered by the engine's checklist tests.
    let output = tenet(&["scan", &sample(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let by_rule = doc["summary"]["by_rule"].as_object().unwrap();
    for code in [
        "ASY001", "ASY002", "ASY003", "ASY004", "ASY005", "MEM001", "MEM002", "MEM003", "MEM004",
        "DI001", "DI002", "TRC001", "TRC002", "TST001", "TST002", "QLT001", "QLT002", "QLT003",
        "SYN001", "A11Y001", "A11Y003", "A11Y004", "A11Y005", "A11Y007", "A11Y010", "A11Y011",
        "A11Y012",
    ] {
        assert!(
            by_rule.contains_key(code),
            "{code} does not fire on the sample: {by_rule:?}"
        );
    }
    let statuses: Vec<&str> = doc["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"pass") && statuses.contains(&"needs_review"));
    let estimates = doc["accessibility_estimate"].as_array().unwrap();
    assert_eq!(estimates.len(), 1);
    assert_eq!(estimates[0]["path"], "web/index.html");
}

#[test]
fn html_pages_get_a11y_findings_and_a_labelled_estimate() {
    let dir = project(&[
        (
            "site/index.html",
            "<!doctype html>\n<html lang=\"en\">\n<head><title>Home</title></head>\n<body><main>\n<img src=\"logo.png\">\n</main></body>\n</html>\n",
        ),
        ("site/partial.html", "<button></button>\n"),
    ]);
    let path = dir.path().to_str().unwrap();
    let output = tenet(&["scan", path]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("site/index.html:5:1 A11Y001 [error]"),
        "{text}"
    );
    assert!(
        text.contains("site/partial.html:1:1 A11Y004 [error]"),
        "{text}"
    );
    assert!(
        text.contains("Accessibility estimate (static checks only"),
        "{text}"
    );
    assert!(
        text.contains("site/index.html (estimated Lighthouse score"),
        "{text}"
    );

    let output = tenet(&["scan", path, "--format", "json"]);
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let estimates = doc["accessibility_estimate"].as_array().unwrap();
    assert_eq!(estimates.len(), 1, "fragments get no estimate");
    let estimate = &estimates[0];
    assert_eq!(estimate["path"], "site/index.html");
    assert_eq!(estimate["estimate"], true);
    assert_eq!(estimate["audits_failed"][0], "image-alt");
    let score = estimate["score"].as_u64().unwrap();
    assert!(score < 100, "{estimate}");
    assert!(estimate["not_judged"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "bypass"));
    let accessibility = doc["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "accessibility")
        .unwrap();
    assert_eq!(accessibility["status"], "fail");
    assert!(accessibility["review_hint"]
        .as_str()
        .is_some_and(|e| e.contains("estimated Lighthouse")));

    let output = tenet(&["scan", path, "--select", "A11Y004"]);
    let text = stdout(&output);
    assert!(
        !text.contains("A11Y001 [error]") && text.contains("A11Y004 [error]"),
        "{text}"
    );
    let doc = stdout(&tenet(&["rule", "a11y011"]));
    assert!(
        doc.contains("low-contrast-text") && doc.contains("external style sheet"),
        "{doc}"
    );
}
