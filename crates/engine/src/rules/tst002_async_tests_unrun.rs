//! TST002: async tests with nothing configured to run them.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::project::{ProjectFacts, ProjectFinding};
use crate::python::ast::{Expr, StmtAssign, StmtFunctionDef};
use crate::python::Checker;

pub static META: RuleMeta = RuleMeta {
    code: "TST002",
    name: "async-tests-unrun",
    severity: Severity::Warning,
    item: Some("async-testing"),
    scope: Scope::Project,
    summary: "async tests without `asyncio_mode = auto`, AnyIO's plugin or markers",
    doc: Doc {
        what: "Flags a project with `async def test_*` functions where none of these holds: the pytest configuration (`pytest.ini`, `pyproject.toml [tool.pytest.ini_options]`, `setup.cfg`, `tox.ini`) sets `asyncio_mode = auto` or passes `--asyncio-mode=auto` (in `addopts` or tox `commands`); the tests use the AnyIO pytest plugin (`pytest.mark.anyio` or an `anyio_backend` fixture); every async test is marked `@pytest.mark.asyncio` (on the test, its class or the module's `pytestmark`) or lives in an `IsolatedAsyncioTestCase`. The finding sits on the pytest configuration's section line, or on the first unmarked async test.",
        why: "Without a runner, pytest collects an async test, creates the coroutine, never awaits it and reports a pass (with at most a warning): the test proves nothing. The standard's verification section runs tests with `--asyncio-mode=auto`.",
        bad: "# no asyncio_mode configured\nasync def test_fetch():\n    assert await fetch() == 42",
        good: "# pyproject.toml\n[tool.pytest.ini_options]\nasyncio_mode = \"auto\"",
        fix: "Set `asyncio_mode = \"auto\"` in the pytest configuration, or use AnyIO's plugin (`@pytest.mark.anyio`) as the standard's async-first rule suggests.",
    },
};

const MARKERS: &[&str] = &["pytest.mark.asyncio", "pytest.mark.anyio"];

/// `@pytest.mark.asyncio`, `@pytest.mark.anyio` and their called forms.
pub(crate) fn is_async_marker(checker: &Checker, expr: &Expr) -> bool {
    match expr {
        Expr::Call(call) => checker.semantic.resolves_to(&call.func, MARKERS),
        Expr::List(list) => list.elts.iter().any(|e| is_async_marker(checker, e)),
        Expr::Tuple(tuple) => tuple.elts.iter().any(|e| is_async_marker(checker, e)),
        expr => checker.semantic.resolves_to(expr, MARKERS),
    }
}

pub(crate) fn is_async_test_case(checker: &Checker, base: &Expr) -> bool {
    checker.semantic.resolves_to(
        base,
        &[
            "unittest.IsolatedAsyncioTestCase",
            "unittest.async_case.IsolatedAsyncioTestCase",
        ],
    )
}

/// Any reference: `pytest.mark.anyio` means the AnyIO plugin runs the tests.
pub(crate) fn on_reference(checker: &mut Checker, expr: &Expr) {
    if checker.file.is_test
        && !checker.facts.uses_anyio_plugin
        && checker.semantic.resolves_to(expr, &["pytest.mark.anyio"])
    {
        checker.facts.uses_anyio_plugin = true;
    }
}

pub(crate) fn on_function(checker: &mut Checker, function: &StmtFunctionDef) {
    if function.is_async {
        checker.facts.has_async_code = true;
    }
    if !checker.file.is_test {
        return;
    }
    if function.name.as_str() == "anyio_backend" {
        checker.facts.uses_anyio_plugin = true;
    }
    if !function.is_async || !function.name.as_str().starts_with("test") {
        return;
    }
    checker.facts.async_tests += 1;
    let start = function.name.range.start().to_u32();
    checker.facts.first_async_test.get_or_insert(start);
    let marked = function
        .decorator_list
        .iter()
        .any(|d| is_async_marker(checker, &d.expression))
        || checker
            .class_by_scope
            .get(&checker.semantic.current)
            .is_some_and(|&class| checker.classes[class].runs_async_tests);
    if !marked {
        checker.unmarked_async_tests.push(function.name.range);
    }
}

/// Module-level `pytestmark = pytest.mark.asyncio` marks every test.
pub(crate) fn on_assign(checker: &mut Checker, assign: &StmtAssign) {
    if checker.semantic.current != 0 {
        return;
    }
    let is_pytestmark = assign
        .targets
        .iter()
        .any(|t| matches!(t, Expr::Name(n) if n.id.as_str() == "pytestmark"));
    if is_pytestmark && is_async_marker(checker, &assign.value) {
        checker.module_marks_async = true;
    }
}

pub(crate) fn finish(checker: &mut Checker) {
    if !checker.module_marks_async {
        checker.facts.first_unmarked_async_test = checker
            .unmarked_async_tests
            .first()
            .map(|r| r.start().to_u32());
    }
}

pub(crate) fn decide(facts: &ProjectFacts) -> Option<ProjectFinding> {
    if facts.async_tests == 0 || facts.asyncio_mode_auto || facts.uses_anyio_plugin {
        return None;
    }
    let (test_path, test_span) = facts.first_unmarked_async_test.clone()?;
    let count = facts.async_tests;
    let message = format!(
        "{count} async test{} but pytest is not set to run them (no `asyncio_mode = auto`, AnyIO plugin or marker on every test); unmarked tests pass without running",
        if count == 1 { "" } else { "s" }
    );
    let (path, span) = match &facts.pytest_config {
        Some((path, span)) => (path.clone(), *span),
        None => (test_path, test_span),
    };
    Some(ProjectFinding {
        rule: META.code,
        path,
        span,
        message,
    })
}
