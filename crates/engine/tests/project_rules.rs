//! Rules decided over files other than Python modules or over the whole
//! project: TRC002, TST001, TST002, QLT002's file exemptions, PRM001/PRM002.

use crate::common::{fixtures, flagged_lines, marked_lines, render, scan};
use std::path::Path;

fn check_project(name: &str, code: &str) -> String {
    let root = fixtures().join("projects").join(name);
    let (collect, _) = scan(&root, &[code]);
    assert_eq!(
        flagged_lines(&collect.findings, code),
        marked_lines(&root),
        "{name}: flagged lines differ from `# flag` markers\n{}",
        render(&collect.findings)
    );
    render(&collect.findings)
}

#[test]
fn trc002_reads_every_manifest_format() {
    let rendered = check_project("TRC002", "TRC002");
    insta::assert_snapshot!("TRC002", rendered);
    assert!(rendered.contains("[suppressed: evaluated for the GPU lab only]"));
}

#[test]
fn qlt002_exempts_tests_scripts_main_modules_and_guarded_files() {
    insta::assert_snapshot!("QLT002", check_project("QLT002", "QLT002"));
}

#[test]
fn tst001_flags_tests_without_tracemalloc_at_the_first_test_file() {
    insta::assert_snapshot!("TST001", check_project("TST001-flag", "TST001"));
    check_project("TST001-import", "TST001");
    check_project("TST001-config", "TST001");
}

#[test]
fn tst002_flags_unrun_async_tests_at_the_config_or_first_unmarked_test() {
    insta::assert_snapshot!("TST002", check_project("TST002-flag", "TST002"));
    insta::assert_snapshot!(
        "TST002-config",
        check_project("TST002-config-flag", "TST002")
    );
    for passing in [
        "TST002-auto",
        "TST002-anyio",
        "TST002-marked",
        "TST002-unittest",
    ] {
        check_project(passing, "TST002");
    }
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn permission_rules_check_modes_even_where_gitignore_hides_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".gitignore"), ".env\nsecrets/\n").unwrap();
    std::fs::write(root.join(".env"), "TOKEN=x\n").unwrap();
    std::fs::create_dir(root.join("secrets")).unwrap();
    std::fs::write(root.join("secrets/id_ed25519"), "key\n").unwrap();
    std::fs::write(root.join("server.pem"), "pem\n").unwrap();
    std::fs::write(root.join("deploy.sh"), "#!/bin/sh\n").unwrap();
    std::fs::write(root.join("ok.key"), "key\n").unwrap();
    std::fs::create_dir(root.join("shared")).unwrap();
    std::fs::create_dir(root.join("drop")).unwrap();
    std::fs::create_dir_all(root.join("node_modules/pkg")).unwrap();
    std::fs::write(root.join("node_modules/pkg/a.js"), "x\n").unwrap();
    chmod(&root.join(".env"), 0o644);
    chmod(&root.join("secrets/id_ed25519"), 0o640);
    chmod(&root.join("server.pem"), 0o604);
    chmod(&root.join("deploy.sh"), 0o777);
    chmod(&root.join("ok.key"), 0o600);
    chmod(&root.join("shared"), 0o777);
    chmod(&root.join("drop"), 0o1777);
    chmod(&root.join("node_modules/pkg/a.js"), 0o666);
    let (collect, result) = scan(root, &["PRM001", "PRM002"]);
    insta::assert_snapshot!("PRM", render(&collect.findings));
    let permissions = crate::common::item(&result, "permissions");
    assert_eq!(permissions.status, tenet_engine::Status::Fail);
}

/// A project of nothing but data files, none wrongly permitted: the scan
/// only counts them, and counted they make the permissions item applicable
/// and passing, as listed ones did; a world-writable one among them is
/// still found.
#[cfg(unix)]
#[test]
fn entries_only_counted_still_make_the_permissions_item_apply() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("translations")).unwrap();
    for name in ["en.json", "de.json", "fr.json"] {
        std::fs::write(root.join("translations").join(name), "{}\n").unwrap();
        chmod(&root.join("translations").join(name), 0o644);
    }
    std::fs::write(root.join("data.yaml"), "a: 1\n").unwrap();
    chmod(&root.join("data.yaml"), 0o644);
    let (collect, result) = scan(root, &["PRM001", "PRM002"]);
    assert!(collect.findings.is_empty());
    let permissions = crate::common::item(&result, "permissions");
    assert_eq!(permissions.status, tenet_engine::Status::Pass);
    chmod(&root.join("translations/de.json"), 0o666);
    let (collect, _) = scan(root, &["PRM001", "PRM002"]);
    assert_eq!(
        flagged(&collect.findings),
        [("translations/de.json".to_string(), "PRM001")]
    );
}

fn flagged(findings: &[tenet_engine::Finding]) -> Vec<(String, &'static str)> {
    findings
        .iter()
        .map(|f| (f.path.display.clone(), f.rule))
        .collect()
}
