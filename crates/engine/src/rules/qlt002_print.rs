//! QLT002: `print` in library code.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::{CmpOp, Expr, ExprCall};
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "QLT002",
    name: "print-in-library",
    severity: Severity::Info,
    item: Some("error-handling"),
    scope: Scope::Python,
    summary: "`print()` in library code instead of logging",
    doc: Doc {
        what: "Flags calls of the builtin `print` in library code. Not flagged: test files, files with an `if __name__ == \"__main__\":` guard, `__main__.py`, and anything under a `scripts/` folder at any depth.",
        why: "The standard asks for logging and monitoring. `print` cannot be filtered by level, routed, or silenced by the application that imports the library, and it writes to stdout that may be a protocol channel.",
        bad: "def sync(orders):\n    print(f\"syncing {len(orders)} orders\")",
        good: "import logging\n\nlogger = logging.getLogger(__name__)\n\ndef sync(orders):\n    logger.info(\"syncing %d orders\", len(orders))",
        fix: "Create a module logger with `logging.getLogger(__name__)` and log at the right level.",
    },
};

pub(crate) fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if qualified == Some("builtins.print") && !checker.file.print_allowed {
        checker.pending_prints.push(call.func.range());
    }
}

/// `if __name__ == "__main__":` (either operand order).
pub(crate) fn is_main_guard(test: &Expr) -> bool {
    let Expr::Compare(compare) = test else {
        return false;
    };
    if compare.ops.as_ref() != [CmpOp::Eq] {
        return false;
    }
    let is_name = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == "__name__");
    let is_main = |e: &Expr| matches!(e, Expr::StringLiteral(s) if s.value.to_str() == "__main__");
    let right = &compare.comparators[0];
    (is_name(&compare.left) && is_main(right)) || (is_main(&compare.left) && is_name(right))
}

pub(crate) fn finish(checker: &mut Checker) {
    if checker.has_main_guard {
        return;
    }
    for range in std::mem::take(&mut checker.pending_prints) {
        checker.report(
            META.code,
            range,
            "`print()` in library code; use `logging.getLogger(__name__)`",
        );
    }
}
