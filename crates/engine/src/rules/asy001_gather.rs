//! ASY001: `asyncio.gather`.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::ExprCall;
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "ASY001",
    name: "asyncio-gather",
    severity: Severity::Error,
    item: Some("async-taskgroups"),
    scope: Scope::Python,
    summary: "`asyncio.gather()` runs tasks without structured cancellation",
    doc: Doc {
        what: "Flags every call of `asyncio.gather`, however it is imported (`import asyncio as aio`, `from asyncio import gather as g`). A local function that happens to be named `gather` is not flagged.",
        why: "The standard mandates AnyIO task groups for all concurrency. When one awaitable passed to `gather()` fails, the others keep running as orphans unless `return_exceptions` and manual cancellation are handled just right; a task group cancels its siblings and waits for them.",
        bad: "import asyncio\n\nasync def load_all(urls):\n    return await asyncio.gather(*(fetch(u) for u in urls))",
        good: "import anyio\n\nasync def load_all(urls):\n    results = {}\n    async def load(url):\n        results[url] = await fetch(url)\n    async with anyio.create_task_group() as tg:\n        for url in urls:\n            tg.start_soon(load, url)\n    return results",
        fix: "Start each awaitable with `tg.start_soon(...)` inside `async with anyio.create_task_group() as tg:` and collect results in a container the tasks write to.",
    },
};

pub(crate) fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified == Some("asyncio.gather") {
        checker.report(
            META.code,
            call.func.range(),
            "`asyncio.gather()` leaves orphan tasks on failure; use `anyio.create_task_group()` and `tg.start_soon()`",
        );
    }
}
