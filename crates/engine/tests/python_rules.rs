//! Every Python rule against its fixture: each line marked `# flag` must be
//! reported and no other line; the rendered findings are snapshot-tested.

use crate::common::{fixtures, flagged_lines, render, scan};

/// Copies a fixture to a plain (non-test) module name and scans it.
fn check_fixture(fixture: &str, select: &[&str], reported: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let source = fixtures().join("python").join(format!("{fixture}.py"));
    std::fs::copy(&source, dir.path().join("module.py")).unwrap();
    let (collect, _) = scan(dir.path(), select);
    let mut flagged: Vec<_> = reported
        .iter()
        .flat_map(|code| flagged_lines(&collect.findings, code))
        .collect();
    flagged.sort();
    let marked = crate::common::marked_lines(dir.path());
    assert_eq!(
        flagged,
        marked,
        "{fixture}: flagged lines differ from `# flag` markers\n{}",
        render(&collect.findings)
    );
    render(&collect.findings)
}

macro_rules! rule_fixture {
    ($test:ident, $code:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!($code, check_fixture($code, &[$code], &[$code]));
        }
    };
}

rule_fixture!(asy001_gather, "ASY001");
rule_fixture!(asy002_orphan_task, "ASY002");
rule_fixture!(asy003_wait, "ASY003");
rule_fixture!(asy004_thread_lock, "ASY004");
rule_fixture!(asy005_not_anyio, "ASY005");
rule_fixture!(mem001_unbounded_deque, "MEM001");
rule_fixture!(mem002_unbounded_queue, "MEM002");
rule_fixture!(mem003_resource_without_cleanup, "MEM003");
rule_fixture!(mem004_unbounded_cache, "MEM004");
rule_fixture!(di001_global_statement, "DI001");
rule_fixture!(di002_mutated_module_container, "DI002");
rule_fixture!(trc001_torch_import, "TRC001");
rule_fixture!(qlt001_swallowed_error, "QLT001");
rule_fixture!(qlt003_complex_undocumented, "QLT003");

#[test]
fn noqa_suppresses_keeps_reasons_and_reports_unused_and_unknown_codes() {
    let rendered = check_fixture(
        "NQA",
        &["MEM001", "NQA001", "NQA002"],
        &["NQA001", "NQA002"],
    );
    insta::assert_snapshot!("NQA", rendered);
    assert!(rendered.contains("[suppressed: sized by the caller in v2]"));
}

#[test]
fn aliases_resolve_through_every_import_form() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("m.py"),
        "import asyncio.tasks\nfrom asyncio import tasks as t\n\nasyncio.tasks.gather()\nt.gather()\nasyncio.gather()\n",
    )
    .unwrap();
    let (collect, _) = scan(dir.path(), &["ASY001"]);
    let lines: Vec<u32> = collect.findings.iter().map(|f| f.span.start.line).collect();
    assert_eq!(lines, [4, 5, 6]);
}

#[test]
fn a_name_rebound_after_import_no_longer_resolves() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("m.py"),
        "from asyncio import gather\n\nasync def f():\n    return await gather()\n\ndef gather(*a):\n    return a\n",
    )
    .unwrap();
    let (collect, _) = scan(dir.path(), &["ASY001"]);
    assert!(
        collect.findings.is_empty(),
        "the function sees the later module-level def: {}",
        render(&collect.findings)
    );
}

#[test]
fn notebooks_report_cell_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = r##"{"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Analysis"]},
        {"cell_type": "code", "metadata": {}, "source": ["%matplotlib inline\n", "import asyncio\n"], "outputs": []},
        {"cell_type": "code", "metadata": {}, "source": ["!pip install x\n", "x = 1\n", "await asyncio.gather(a())"], "outputs": []}
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"##;
    std::fs::write(dir.path().join("analysis.ipynb"), notebook).unwrap();
    let (collect, result) = scan(dir.path(), &[]);
    assert_eq!(render(&collect.findings).lines().filter(|l| l.contains("ASY001")).collect::<Vec<_>>(), [
        "analysis.ipynb:cell 3:3:7-3:21 ASY001 error `asyncio.gather()` leaves orphan tasks on failure; use `anyio.create_task_group()` and `tg.start_soon()`"
    ]);
    assert_eq!(
        result.summary.parse_errors,
        0,
        "IPython magics are not syntax errors: {}",
        render(&collect.findings)
    );
}

#[test]
fn stub_files_are_python() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api.pyi"), "import torch\n").unwrap();
    let (collect, _) = scan(dir.path(), &["TRC001"]);
    assert_eq!(collect.findings.len(), 1);
}
