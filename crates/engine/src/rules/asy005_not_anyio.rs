//! ASY005: structured concurrency that is not AnyIO.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::{Expr, ExprCall};
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "ASY005",
    name: "non-anyio-concurrency",
    severity: Severity::Warning,
    item: Some("async-taskgroups"),
    scope: Scope::Python,
    summary: "structured concurrency that is not AnyIO",
    doc: Doc {
        what: "Flags `asyncio.TaskGroup()` anywhere, and inside an `async def` any `.run_in_executor(...)` call or the construction of a `concurrent.futures` `ThreadPoolExecutor`/`ProcessPoolExecutor`/`InterpreterPoolExecutor`.",
        why: "The standard mandates AnyIO so code runs on asyncio and Trio alike and cancellation semantics are the same everywhere. Executors started from async code outlive cancellation and hide their threads from the task group.",
        bad: "async def main():\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(work())\n    loop = asyncio.get_running_loop()\n    await loop.run_in_executor(None, blocking)",
        good: "async def main():\n    async with anyio.create_task_group() as tg:\n        tg.start_soon(work)\n    await anyio.to_thread.run_sync(blocking)",
        fix: "Replace `asyncio.TaskGroup` with `anyio.create_task_group()`, `run_in_executor` and executors with `anyio.to_thread.run_sync` (or `anyio.to_process.run_sync`).",
    },
};

const EXECUTORS: &[&str] = &[
    "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.ProcessPoolExecutor",
    "concurrent.futures.InterpreterPoolExecutor",
];

pub(crate) fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified == Some("asyncio.TaskGroup") {
        checker.report(
            META.code,
            call.func.range(),
            "`asyncio.TaskGroup` is not AnyIO; use `anyio.create_task_group()`",
        );
        return;
    }
    if !checker.semantic.in_async() {
        return;
    }
    if let Some(q) = qualified.filter(|q| EXECUTORS.contains(q)) {
        let name = q.rsplit('.').next().unwrap_or(q);
        checker.report(
            META.code,
            call.func.range(),
            format!("`{name}` started in async code escapes cancellation; use `anyio.to_thread.run_sync()`"),
        );
    } else if matches!(call.func.as_ref(), Expr::Attribute(attr) if attr.attr.as_str() == "run_in_executor")
    {
        checker.report(
            META.code,
            call.func.range(),
            "`run_in_executor()` is not AnyIO; use `anyio.to_thread.run_sync()`",
        );
    }
}
