//! MEM002: unbounded queues and memory streams.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::{self, Expr, ExprCall, Number, UnaryOp};
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "MEM002",
    name: "unbounded-queue",
    severity: Severity::Error,
    item: Some("bounded-buffers"),
    scope: Scope::Python,
    summary: "a queue without a positive `maxsize` grows without bound",
    doc: Doc {
        what: "Flags `asyncio.Queue`/`LifoQueue`/`PriorityQueue`, `queue.Queue`/`LifoQueue`/`PriorityQueue` and `multiprocessing.Queue`/`JoinableQueue` with no `maxsize` or a literal `maxsize <= 0`; any `queue.SimpleQueue()`; and `anyio.create_memory_object_stream(math.inf)` or `(float(\"inf\"))`. Calls with `*args`/`**kwargs` are not flagged.",
        why: "An unbounded queue removes back-pressure: when consumers fall behind, producers never wait and memory grows until the process dies. The standard requires bounded buffers.",
        bad: "jobs = asyncio.Queue()\nsend, receive = anyio.create_memory_object_stream(math.inf)",
        good: "jobs = asyncio.Queue(maxsize=100)\nsend, receive = anyio.create_memory_object_stream(100)",
        fix: "Give every queue a positive `maxsize` so producers wait when it is full; replace `SimpleQueue` with `queue.Queue(maxsize=...)`.",
    },
};

const QUEUES: &[&str] = &[
    "asyncio.Queue",
    "asyncio.LifoQueue",
    "asyncio.PriorityQueue",
    "queue.Queue",
    "queue.LifoQueue",
    "queue.PriorityQueue",
    "multiprocessing.Queue",
    "multiprocessing.JoinableQueue",
];

pub(crate) fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let Some(q) = qualified else { return };
    if q == "queue.SimpleQueue" {
        checker.report(
            META.code,
            call.func.range(),
            "`queue.SimpleQueue` cannot be bounded; use `queue.Queue(maxsize=...)`",
        );
        return;
    }
    if super::has_unpacking(call) {
        return;
    }
    if QUEUES.contains(&q) {
        let name = q.rsplit('.').next().unwrap_or(q);
        match call.arguments.find_argument_value("maxsize", 0) {
            None => checker.report(
                META.code,
                call.func.range(),
                format!("`{name}()` without `maxsize` is unbounded; pass a positive `maxsize=`"),
            ),
            Some(value) if literal_int(value).is_some_and(|n| n <= 0) => checker.report(
                META.code,
                call.func.range(),
                format!("`{name}` with `maxsize <= 0` is unbounded; pass a positive `maxsize=`"),
            ),
            Some(_) => {}
        }
    } else if q == "anyio.create_memory_object_stream"
        && call
            .arguments
            .find_argument_value("max_buffer_size", 0)
            .is_some_and(|v| is_infinity(checker, v))
    {
        checker.report(
            META.code,
            call.func.range(),
            "a memory object stream with an infinite buffer is unbounded; pass a size",
        );
    }
}

fn literal_int(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::NumberLiteral(ast::ExprNumberLiteral {
            value: Number::Int(int),
            ..
        }) => int.as_i64(),
        Expr::UnaryOp(ast::ExprUnaryOp {
            op: UnaryOp::USub,
            operand,
            ..
        }) => literal_int(operand).map(|n| -n),
        _ => None,
    }
}

/// `math.inf` or `float("inf")` / `float("infinity")`.
fn is_infinity(checker: &Checker, expr: &Expr) -> bool {
    match expr {
        Expr::Call(call)
            if checker
                .semantic
                .resolves_to(&call.func, &["builtins.float"]) =>
        {
            matches!(call.arguments.args.first(), Some(Expr::StringLiteral(s))
                if matches!(s.value.to_str().trim().to_ascii_lowercase().as_str(), "inf" | "+inf" | "infinity" | "+infinity"))
        }
        _ => checker.semantic.resolves_to(expr, &["math.inf"]),
    }
}
