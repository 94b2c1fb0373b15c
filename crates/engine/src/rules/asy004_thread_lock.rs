//! ASY004: thread locks in async code.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::{Expr, ExprCall};
use crate::python::checker::PendingSelf;
use crate::python::semantic::Origin;
use crate::python::Checker;
use ruff_text_size::{Ranged, TextRange};

pub static META: RuleMeta = RuleMeta {
    code: "ASY004",
    name: "thread-lock-in-async",
    severity: Severity::Error,
    item: Some("async-taskgroups"),
    scope: Scope::Python,
    summary: "a `threading` lock blocks the event loop",
    doc: Doc {
        what: "Flags a `threading.Lock`, `RLock`, `Semaphore`, `BoundedSemaphore` or `Condition` created inside an `async def`, and each `with lock:` or `lock.acquire()` inside an `async def` on such a lock bound at module level, in the class body, or as `self.x`.",
        why: "Acquiring a thread lock blocks the whole event loop thread: every other task stalls until the lock is free, and if the holder is another task on the same loop, the program deadlocks.",
        bad: "import threading\n\n_lock = threading.Lock()\n\nasync def update(cache, key, value):\n    with _lock:\n        cache[key] = value",
        good: "import anyio\n\n_lock = anyio.Lock()\n\nasync def update(cache, key, value):\n    async with _lock:\n        cache[key] = value",
        fix: "Use `anyio.Lock`, `anyio.Semaphore`, `anyio.Condition` (or the asyncio equivalents) with `async with`. If the lock must also guard threads, take it in a worker thread via `anyio.to_thread.run_sync`.",
    },
};

const LOCKS: &[&str] = &[
    "threading.Lock",
    "threading.RLock",
    "threading.Semaphore",
    "threading.BoundedSemaphore",
    "threading.Condition",
];

fn is_lock_origin(origin: &Origin) -> bool {
    matches!(origin, Origin::Call(q) if LOCKS.contains(&q.as_str()))
}

pub(crate) fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if !checker.semantic.in_async() {
        return;
    }
    if let Some(q) = qualified.filter(|q| LOCKS.contains(q)) {
        checker.report(
            META.code,
            call.func.range(),
            format!(
                "`{q}()` created in async code blocks the event loop; use `anyio.{}()`",
                q.trim_start_matches("threading.")
            ),
        );
        return;
    }
    if let Expr::Attribute(attr) = call.func.as_ref() {
        if attr.attr.as_str() == "acquire" {
            check_lock_use(checker, &attr.value, call.func.range());
        }
    }
}

/// `with lock:` or `lock.acquire()` in async code, where `lock` is `expr`.
pub(crate) fn check_lock_use(checker: &mut Checker, expr: &Expr, range: TextRange) {
    if !checker.semantic.in_async() {
        return;
    }
    match expr {
        Expr::Name(name)
            if checker
                .semantic
                .origin_of_name(name.id.as_str())
                .is_some_and(|(o, _)| is_lock_origin(o)) =>
        {
            report_use(checker, range);
        }
        Expr::Attribute(_) => {
            if let Some((class, attr)) = checker.semantic.self_attribute(expr) {
                let attr = attr.to_string();
                checker
                    .pending_self
                    .push(PendingSelf::LockUse { class, attr, range });
            }
        }
        _ => {}
    }
}

fn report_use(checker: &mut Checker, range: TextRange) {
    checker.report(
        META.code,
        range,
        "a `threading` lock acquired in async code blocks the event loop; use `anyio.Lock` with `async with`",
    );
}

pub(crate) fn finish(checker: &mut Checker) {
    let pending = std::mem::take(&mut checker.pending_self);
    for item in pending {
        if let PendingSelf::LockUse { class, attr, range } = item {
            let origin = super::asy002_orphan_task::class_attr_origin(checker, class, &attr);
            if origin.is_some_and(is_lock_origin) {
                report_use(checker, range);
            }
        }
    }
}
