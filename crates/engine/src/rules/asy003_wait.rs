//! ASY003: `asyncio.wait`.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::ExprCall;
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "ASY003",
    name: "asyncio-wait",
    severity: Severity::Error,
    item: Some("async-taskgroups"),
    scope: Scope::Python,
    summary: "`asyncio.wait()` leaves pending tasks running",
    doc: Doc {
        what: "Flags calls of `asyncio.wait` (not `asyncio.wait_for`, which is a timeout).",
        why: "`asyncio.wait()` returns when its condition is met and leaves the tasks still pending running in the background; forgetting to cancel and await them leaks resources. The standard lists it as prohibited.",
        bad: "done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)",
        good: "async with anyio.create_task_group() as tg:\n    for job in jobs:\n        tg.start_soon(run_and_cancel_scope_on_first, job, tg.cancel_scope)",
        fix: "Run the work in an AnyIO task group; to stop at the first result, call `tg.cancel_scope.cancel()` from the task that finishes first. For a timeout use `anyio.fail_after()`/`move_on_after()`.",
    },
};

pub(crate) fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified == Some("asyncio.wait") {
        checker.report(
            META.code,
            call.func.range(),
            "`asyncio.wait()` leaves pending tasks running; use an AnyIO task group and its cancel scope",
        );
    }
}
