//! TST001: tests that never profile memory.

use super::{Doc, RuleMeta, Scope};
use crate::finding::{Severity, Span};
use crate::project::{ProjectFacts, ProjectFinding};
use crate::python::Checker;

pub static META: RuleMeta = RuleMeta {
    code: "TST001",
    name: "tests-without-tracemalloc",
    severity: Severity::Warning,
    item: Some("memory-profiling"),
    scope: Scope::Project,
    summary: "the test suite never measures memory with `tracemalloc`",
    doc: Doc {
        what: "Flags a project that has Python tests (`test_*.py`, `*_test.py`, files under `tests/`, `conftest.py`) where no test file imports `tracemalloc` and no test configuration (pytest, tox, setup.cfg, pyproject, Makefile, noxfile, CI workflows) runs Python with `-X tracemalloc` or sets `PYTHONTRACEMALLOC`. The finding sits on line 1 of the first test file.",
        why: "The standard's checklist asks for memory profiling in tests and hard memory limits per session. Without measuring, a leak or an unbounded buffer ships unnoticed.",
        bad: "# tests/test_buffer.py\ndef test_add():\n    buf = Buffer(10)\n    buf.add(1)",
        good: "# tests/test_buffer.py\nimport tracemalloc\n\ndef test_buffer_stays_small():\n    tracemalloc.start()\n    buf = Buffer(1000)\n    for i in range(100_000):\n        buf.add(i)\n    current, peak = tracemalloc.get_traced_memory()\n    tracemalloc.stop()\n    assert peak < 10 * 1024 * 1024",
        fix: "Add tests that measure peak memory with `tracemalloc` and assert the budget, or run the suite with `python -X tracemalloc -m pytest`.",
    },
};

/// An import seen anywhere; records the facts TST001 (and the checklist) need.
pub(crate) fn on_import(checker: &mut Checker, module: &str) {
    let root = module.split('.').next().unwrap_or(module);
    match root {
        "tracemalloc" => checker.facts.imports_tracemalloc = true,
        "asyncio" | "anyio" | "trio" => checker.facts.has_async_code = true,
        _ => {}
    }
}

pub(crate) fn decide(facts: &ProjectFacts) -> Option<ProjectFinding> {
    let first = facts.first_test_file.as_ref()?;
    if facts.tests_import_tracemalloc || facts.tracemalloc_configured {
        return None;
    }
    Some(ProjectFinding {
        rule: META.code,
        path: first.clone(),
        span: Span::file_start(),
        message: format!(
            "{} test file{} and none measures memory; import `tracemalloc` in a test or run pytest with `-X tracemalloc`",
            facts.test_file_count,
            if facts.test_file_count == 1 { "" } else { "s" }
        ),
    })
}
