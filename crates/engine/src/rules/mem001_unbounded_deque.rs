//! MEM001: `deque` without `maxlen`.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::ExprCall;
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "MEM001",
    name: "unbounded-deque",
    severity: Severity::Error,
    item: Some("bounded-buffers"),
    scope: Scope::Python,
    summary: "a `deque` without `maxlen` grows without bound",
    doc: Doc {
        what: "Flags `collections.deque(...)` called without a `maxlen` (second positional argument or keyword), or with `maxlen=None`. Calls that pass `*args`/`**kwargs` are not flagged, since the bound cannot be known.",
        why: "The standard requires bounded buffers: a producer that outpaces its consumer fills an unbounded deque until the process runs out of memory.",
        bad: "from collections import deque\n\nevents = deque()",
        good: "from collections import deque\n\nevents = deque(maxlen=10_000)",
        fix: "Pass `maxlen=` sized for the worst case you accept, and decide what happens when it is full (the oldest items are dropped).",
    },
};

pub(crate) fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified != Some("collections.deque") || super::has_unpacking(call) {
        return;
    }
    match call.arguments.find_argument_value("maxlen", 1) {
        Some(value) if !value.is_none_literal_expr() => {}
        Some(_) => checker.report(
            META.code,
            call.func.range(),
            "`deque(maxlen=None)` is unbounded; give `maxlen` a number",
        ),
        None => checker.report(
            META.code,
            call.func.range(),
            "`deque()` without `maxlen` is unbounded; pass `maxlen=`",
        ),
    }
}
