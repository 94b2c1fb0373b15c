//! ASY002: tasks created outside a task group.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::{Expr, ExprCall};
use crate::python::checker::PendingSelf;
use crate::python::semantic::{BindingKind, Origin};
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "ASY002",
    name: "orphan-task",
    severity: Severity::Error,
    item: Some("async-taskgroups"),
    scope: Scope::Python,
    summary: "a task created with `create_task`/`ensure_future` has no parent to cancel it",
    doc: Doc {
        what: "Flags `asyncio.create_task`, `asyncio.ensure_future`, and `create_task` called on an event loop: `asyncio.get_event_loop()`, `get_running_loop()` or `new_event_loop()`, a name or `self.x` bound to one of those, or a parameter annotated `AbstractEventLoop`. `create_task` on a `TaskGroup` is not flagged here (ASY005 covers `asyncio.TaskGroup`).",
        why: "A task created this way belongs to no scope: if the caller fails or is cancelled, the task keeps running, its exception may never be seen, and it can be garbage-collected mid-flight. The standard requires AnyIO task groups so cancellation propagates.",
        bad: "async def handle(request):\n    asyncio.create_task(audit(request))\n    return response",
        good: "async def serve(requests):\n    async with anyio.create_task_group() as tg:\n        async for request in requests:\n            tg.start_soon(audit, request)",
        fix: "Pass a task group in (dependency injection) and call `tg.start_soon(func, *args)`; use `await tg.start(func)` when you need the task to report that it started.",
    },
};

const LOOP_GETTERS: &[&str] = &[
    "asyncio.get_event_loop",
    "asyncio.get_running_loop",
    "asyncio.new_event_loop",
];
const LOOP_TYPES: &[&str] = &["asyncio.AbstractEventLoop", "asyncio.BaseEventLoop"];

pub(crate) fn is_loop_origin(origin: &Origin) -> bool {
    matches!(origin, Origin::Call(q) if LOOP_GETTERS.contains(&q.as_str()))
}

pub(crate) fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if let Some(q @ ("asyncio.create_task" | "asyncio.ensure_future")) = qualified {
        let name = q.trim_start_matches("asyncio.");
        checker.report(
            META.code,
            call.func.range(),
            format!("`asyncio.{name}()` starts a task no one cancels or awaits; use `tg.start_soon()` in an AnyIO task group"),
        );
        return;
    }
    let Expr::Attribute(attr) = call.func.as_ref() else {
        return;
    };
    if attr.attr.as_str() != "create_task" {
        return;
    }
    let receiver = attr.value.as_ref();
    let is_loop = match receiver {
        Expr::Call(inner) => checker.semantic.resolves_to(&inner.func, LOOP_GETTERS),
        Expr::Name(name) => checker.semantic.lookup(name.id.as_str()).is_some_and(|id| {
            match &checker.semantic.binding(id).kind {
                BindingKind::Assignment(origin) => is_loop_origin(origin),
                BindingKind::Parameter(Some(annotation)) => {
                    LOOP_TYPES.contains(&annotation.as_str())
                }
                _ => false,
            }
        }),
        Expr::Attribute(_) => {
            if let Some((class, name)) = checker.semantic.self_attribute(receiver) {
                checker.pending_self.push(PendingSelf::CreateTask {
                    class,
                    attr: name.to_string(),
                    range: call.func.range(),
                });
            }
            false
        }
        _ => false,
    };
    if is_loop {
        report_loop(checker, call.func.range());
    }
}

fn report_loop(checker: &mut Checker, range: ruff_text_size::TextRange) {
    checker.report(
        META.code,
        range,
        "`loop.create_task()` starts a task no one cancels or awaits; use `tg.start_soon()` in an AnyIO task group",
    );
}

/// Settles `self.x.create_task()` once every method has been seen.
pub(crate) fn finish(checker: &mut Checker) {
    if !checker.enabled(META.code) {
        return;
    }
    let pending = std::mem::take(&mut checker.pending_self);
    let mut rest = Vec::new();
    for item in pending {
        match item {
            PendingSelf::CreateTask { class, attr, range } => {
                if class_attr_origin(checker, class, &attr).is_some_and(is_loop_origin) {
                    report_loop(checker, range);
                }
            }
            other => rest.push(other),
        }
    }
    checker.pending_self = rest;
}

/// What `self.attr` holds: assigned in a method, or bound in the class body.
pub(crate) fn class_attr_origin<'c>(
    checker: &'c Checker,
    class: usize,
    attr: &str,
) -> Option<&'c Origin> {
    let scope = checker.semantic.scope(class);
    if let Some((origin, _)) = scope.self_attrs.get(attr) {
        return Some(origin);
    }
    match &checker.semantic.binding(scope.get(attr)?).kind {
        BindingKind::Assignment(origin) => Some(origin),
        _ => None,
    }
}
