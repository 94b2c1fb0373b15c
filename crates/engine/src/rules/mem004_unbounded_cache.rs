//! MEM004: unbounded memo caches.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::{Decorator, Expr};
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "MEM004",
    name: "unbounded-cache",
    severity: Severity::Warning,
    item: Some("bounded-buffers"),
    scope: Scope::Python,
    summary: "a memo cache without a size limit",
    doc: Doc {
        what: "Flags the decorators `functools.cache` and `functools.lru_cache(maxsize=None)` (also `lru_cache(None)`). A bare `@lru_cache` or `@lru_cache()` is bounded (128 entries) and not flagged.",
        why: "An unbounded cache keeps every distinct argument ever seen, and on methods it also keeps every `self` alive. Memory grows with input variety until the process dies — the standard's \"bounded buffers\" applies to caches too.",
        bad: "from functools import cache\n\n@cache\ndef resolve(host): ...",
        good: "from functools import lru_cache\n\n@lru_cache(maxsize=1024)\ndef resolve(host): ...",
        fix: "Use `@functools.lru_cache(maxsize=N)` with a bound that fits the memory budget.",
    },
};

pub(crate) fn check_decorator(checker: &mut Checker, decorator: &Decorator) {
    let unbounded = match &decorator.expression {
        Expr::Call(call) => {
            checker
                .semantic
                .resolves_to(&call.func, &["functools.lru_cache"])
                && call
                    .arguments
                    .find_argument_value("maxsize", 0)
                    .is_some_and(Expr::is_none_literal_expr)
        }
        expr => checker.semantic.resolves_to(expr, &["functools.cache"]),
    };
    if unbounded {
        checker.report(
            META.code,
            decorator.range(),
            "this cache never evicts; use `functools.lru_cache(maxsize=N)`",
        );
    }
}
