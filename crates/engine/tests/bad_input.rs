//! Hostile and broken input: each becomes a SYN001 finding or a counted skip
//! with a reason, and the rest of the scan's findings stay intact.

use crate::common::{render, scan, Collect};
use tenet_engine::config::{Config, Overrides, Settings};
use tenet_engine::source::{EntryKind, ReadError, Source, SourceEntry, Visit, WalkOptions};
use tenet_engine::{RelPath, ScanOptions, SkipReason};

/// A project with one known-good finding, to check nothing else is lost.
fn project_with_witness() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("witness.py"),
        "import asyncio\nasyncio.gather()\n",
    )
    .unwrap();
    dir
}

fn witness_intact(collect: &Collect) {
    assert!(
        collect
            .findings
            .iter()
            .any(|f| f.path.display == "witness.py" && f.rule == "ASY001"),
        "the rest of the scan lost its findings: {}",
        render(&collect.findings)
    );
}

fn syn001_for<'c>(collect: &'c Collect, path: &str) -> &'c tenet_engine::Finding {
    collect
        .findings
        .iter()
        .find(|f| f.rule == "SYN001" && f.path.display == path)
        .unwrap_or_else(|| panic!("no SYN001 for {path}: {}", render(&collect.findings)))
}

#[test]
fn syntax_error_is_reported_with_position_and_other_findings_survive() {
    let dir = project_with_witness();
    std::fs::write(
        dir.path().join("broken.py"),
        "import asyncio\n\ndef f(:\n    pass\n\nasyncio.gather()\n",
    )
    .unwrap();
    let (collect, result) = scan(dir.path(), &[]);
    let syn = syn001_for(&collect, "broken.py");
    assert_eq!(syn.span.start.line, 3);
    assert!(syn.message.starts_with("syntax error:"), "{}", syn.message);
    assert!(collect
        .findings
        .iter()
        .any(|f| f.path.display == "broken.py" && f.rule == "ASY001" && f.span.start.line == 6));
    assert_eq!(result.summary.parse_errors, 1);
    witness_intact(&collect);
}

#[test]
fn a_parser_panic_is_a_syn001_not_a_crash() {
    // Found by the property tests: this cell panics the IPython-mode parser.
    let dir = project_with_witness();
    let notebook = serde_json::json!({
        "cells": [{"cell_type": "code", "source": "aio.gather(}}\n,", "metadata": {}, "outputs": []}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    });
    std::fs::write(dir.path().join("nb.ipynb"), notebook.to_string()).unwrap();
    let (collect, _) = scan(dir.path(), &[]);
    let syn = syn001_for(&collect, "nb.ipynb");
    assert!(syn.message.contains("parser failed"), "{}", syn.message);
    witness_intact(&collect);
}

#[test]
fn invalid_utf8_is_syn001_and_a_bom_is_fine() {
    let dir = project_with_witness();
    std::fs::write(dir.path().join("latin1.py"), b"x = 1\ny = '\xe9t\xe9'\n").unwrap();
    std::fs::write(
        dir.path().join("bom.py"),
        "\u{feff}import asyncio\nasyncio.gather()\n",
    )
    .unwrap();
    let (collect, _) = scan(dir.path(), &[]);
    let syn = syn001_for(&collect, "latin1.py");
    assert_eq!((syn.span.start.line, syn.span.start.column), (2, 6));
    assert!(syn.message.contains("not valid UTF-8"));
    let bom = collect
        .findings
        .iter()
        .find(|f| f.path.display == "bom.py")
        .unwrap();
    assert_eq!(
        (bom.rule, bom.span.start.line, bom.span.start.column),
        ("ASY001", 2, 1)
    );
    witness_intact(&collect);
}

#[test]
fn binary_files_are_counted_skips() {
    let dir = project_with_witness();
    std::fs::write(dir.path().join("blob.py"), b"\x00\x01\x02binary").unwrap();
    let (collect, result) = scan(dir.path(), &[]);
    assert_eq!(collect.skips.len(), 1);
    assert_eq!(collect.skips[0].reason, SkipReason::Binary);
    assert_eq!(result.summary.skipped, 1);
    assert!(
        result.gate_failures == 1,
        "a skip does not fail the gate by itself"
    );
    witness_intact(&collect);
}

#[test]
fn oversized_files_are_syn001_and_never_loaded() {
    let dir = project_with_witness();
    let file = std::fs::File::create(dir.path().join("huge.py")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let (collect, _) = scan(dir.path(), &[]);
    assert!(syn001_for(&collect, "huge.py").message.contains("size cap"));
    witness_intact(&collect);
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let dir = project_with_witness();
    let brackets = format!("x = {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    std::fs::write(dir.path().join("brackets.py"), brackets).unwrap();
    let chain = format!("x = {}a\n", "a+".repeat(200_000));
    std::fs::write(dir.path().join("chain.py"), chain).unwrap();
    let (collect, _) = scan(dir.path(), &[]);
    assert!(syn001_for(&collect, "brackets.py")
        .message
        .contains("nested"));
    assert!(syn001_for(&collect, "chain.py")
        .message
        .contains("operators"));
    witness_intact(&collect);
}

#[test]
fn deep_but_legal_code_is_checked_on_the_large_stack() {
    let dir = project_with_witness();
    // 190 brackets and a 5,000-term chain: under the caps, so they are parsed.
    let code = format!(
        "import asyncio\nx = {}1{}\ny = {}a\nasyncio.gather()\n",
        "(".repeat(190),
        ")".repeat(190),
        "a+".repeat(5_000)
    );
    std::fs::write(dir.path().join("deep.py"), code).unwrap();
    let (collect, _) = scan(dir.path(), &[]);
    assert!(
        collect
            .findings
            .iter()
            .any(|f| f.path.display == "deep.py" && f.rule == "ASY001"),
        "{}",
        render(&collect.findings)
    );
}

#[cfg(unix)]
#[test]
fn fifos_sockets_and_symlinks_are_never_opened_or_followed() {
    let dir = project_with_witness();
    let root = dir.path();
    let fifo = std::ffi::CString::new(root.join("pipe.py").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let _listener = std::os::unix::net::UnixListener::bind(root.join("sock.py")).unwrap();
    std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", root.join("outside.py")).unwrap();
    let (collect, _) = scan(root, &[]);
    let reasons: Vec<(&str, &SkipReason)> = collect
        .skips
        .iter()
        .map(|s| (s.path.display.as_str(), &s.reason))
        .collect();
    assert_eq!(
        reasons,
        [
            ("outside.py", &SkipReason::Symlink),
            ("pipe.py", &SkipReason::Fifo),
            ("sock.py", &SkipReason::Socket)
        ]
    );
    witness_intact(&collect);
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_kept_losslessly() {
    use std::os::unix::ffi::OsStrExt;
    let dir = project_with_witness();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.py");
    std::fs::write(dir.path().join(name), "import torch\n").unwrap();
    let (collect, _) = scan(dir.path(), &["TRC001"]);
    let finding = &collect.findings[0];
    assert_eq!(finding.path.display, "caf\u{fffd}.py");
    assert_eq!(finding.path.bytes.as_deref(), Some(&b"caf\xe9.py"[..]));
}

/// A source whose listing is stale: the file is gone when it is read.
struct VanishingSource;

impl Source for VanishingSource {
    fn walk(&self, _options: &WalkOptions, visit: &mut dyn FnMut(SourceEntry) -> Visit) {
        for name in ["gone.py", "shrunk.py"] {
            visit(SourceEntry {
                path: RelPath::from_str(name),
                kind: EntryKind::File,
                size: 10,
                mtime_ns: None,
                blob_id: None,
                mode: None,
                ignored: false,
                unreadable: None,
            });
        }
    }
    fn read(&self, path: &RelPath, _limit: u64) -> Result<Vec<u8>, ReadError> {
        match path.display.as_str() {
            "gone.py" => Err(ReadError::Vanished),
            _ => Ok(b"import asyncio\nasyncio.gather()\n".to_vec()),
        }
    }
    fn has_permissions(&self) -> bool {
        false
    }
}

#[test]
fn files_deleted_after_listing_are_skips_and_the_scan_goes_on() {
    let settings = Settings::resolve(&Config::default(), &Overrides::default());
    let mut collect = Collect::default();
    let result = tenet_engine::scan(
        &VanishingSource,
        &settings,
        &mut collect,
        &ScanOptions::default(),
    );
    assert_eq!(collect.skips.len(), 1);
    assert_eq!(collect.skips[0].reason, SkipReason::Vanished);
    assert_eq!(
        collect
            .findings
            .iter()
            .filter(|f| f.rule == "ASY001")
            .count(),
        1
    );
    assert_eq!(result.summary.files, 1);
    let permissions = crate::common::item(&result, "permissions");
    assert_eq!(
        permissions.status,
        tenet_engine::Status::NotApplicable,
        "no modes, no permission verdict"
    );
}

#[test]
fn malformed_html_gives_findings_not_a_crash() {
    let dir = project_with_witness();
    std::fs::write(
        dir.path().join("broken.html"),
        "</div></span><div><p>unclosed <b>bold <img src=a.png>\n<table><td>cell<tr><td><img src=b.png></div></div></div>\n<a href=x <input name=q>\n<!-- never closed <img src=c.png>",
    )
    .unwrap();
    let (collect, _) = scan(dir.path(), &[]);
    let lines: Vec<u32> = collect
        .findings
        .iter()
        .filter(|f| f.path.display == "broken.html" && f.rule == "A11Y001")
        .map(|f| f.span.start.line)
        .collect();
    assert_eq!(lines, [1, 2], "{}", render(&collect.findings));
    witness_intact(&collect);
}

#[test]
fn deeply_nested_html_is_syn001_and_still_checked_in_linear_time() {
    let dir = project_with_witness();
    let depth = 10_000;
    let mut text = "<div>".repeat(depth);
    text.push_str("<img src=deep.png>");
    text.push_str(&"</div>".repeat(depth));
    text.push_str("\n<img src=after.png>\n");
    std::fs::write(dir.path().join("deep.html"), &text).unwrap();
    let started = std::time::Instant::now();
    let (collect, _) = scan(dir.path(), &[]);
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
    let syn = syn001_for(&collect, "deep.html");
    assert!(
        syn.message.contains("nested deeper than 512"),
        "{}",
        syn.message
    );
    assert_eq!(syn.span.start.column, 5 * 512 + 1);
    let images = collect
        .findings
        .iter()
        .filter(|f| f.path.display == "deep.html" && f.rule == "A11Y001")
        .count();
    assert_eq!(images, 2, "{}", render(&collect.findings));
    witness_intact(&collect);
}

#[test]
fn large_html_files_finish_quickly_and_oversized_ones_are_syn001() {
    let dir = project_with_witness();
    // About one element per 100 bytes, as in real pages.
    let row = "<tr><td class=\"name\">Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</td><td><a href=\"/item\">Open the item's details page</a></td><td><img src=\"i.png\" alt=\"\"></td></tr>\n";
    let mut large = String::from("<!doctype html><html lang=en><head><title>Big</title><style>.name{color:#333}</style></head><body><main><table>\n");
    while large.len() < 9 * 1024 * 1024 {
        large.push_str(row);
    }
    large.push_str("</table><img src=last.png></main></body></html>\n");
    std::fs::write(dir.path().join("large.html"), &large).unwrap();
    std::fs::write(dir.path().join("huge.html"), "<p>".repeat(4 * 1024 * 1024)).unwrap();
    let started = std::time::Instant::now();
    let (collect, result) = scan(dir.path(), &[]);
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs() < 30, "took {elapsed:?}");
    let large_findings: Vec<_> = collect
        .findings
        .iter()
        .filter(|f| f.path.display == "large.html")
        .collect();
    assert_eq!(large_findings.len(), 1, "{}", render(&collect.findings));
    assert_eq!(large_findings[0].rule, "A11Y001");
    let huge = syn001_for(&collect, "huge.html");
    assert!(huge.message.contains("size cap"), "{}", huge.message);
    let estimate = result
        .accessibility_estimates
        .iter()
        .find(|e| e.path.display == "large.html")
        .expect("an estimate for the large document");
    assert_eq!(estimate.estimate.audits_failed, ["image-alt"]);
    witness_intact(&collect);
}

#[test]
fn thousands_of_findings_on_one_long_line_get_exact_columns() {
    // Minified markup: every finding sits on line 1 of a 30 KB line, after
    // a multi-byte character, so columns must count scalars, not bytes.
    let dir = tempfile::tempdir().unwrap();
    let page = format!("<p>é</p>{}", "<img src=x>".repeat(3000));
    std::fs::write(dir.path().join("min.html"), &page).unwrap();
    let (collect, _) = scan(dir.path(), &["A11Y001"]);
    let columns: Vec<u32> = collect
        .findings
        .iter()
        .map(|f| f.span.start.column)
        .collect();
    assert_eq!(columns.len(), 3000);
    let expected: Vec<u32> = (0..3000).map(|i| 9 + i * 11).collect();
    assert_eq!(columns, expected);
    let fingerprints: std::collections::HashSet<_> =
        collect.findings.iter().map(|f| &f.fingerprint).collect();
    assert_eq!(
        fingerprints.len(),
        3000,
        "identical findings on one line stay distinct"
    );
}
