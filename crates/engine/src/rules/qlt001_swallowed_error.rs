//! QLT001: errors swallowed by `except`.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::{ExceptHandlerExceptHandler, Expr, Stmt};
use crate::python::Checker;
use ruff_text_size::{Ranged, TextRange, TextSize};

pub static META: RuleMeta = RuleMeta {
    code: "QLT001",
    name: "swallowed-error",
    severity: Severity::Warning,
    item: Some("error-handling"),
    scope: Scope::Python,
    summary: "an exception is caught and silently dropped",
    doc: Doc {
        what: "Flags a bare `except:` whose body does not re-raise, and an `except Exception:` or `except BaseException:` (alone or in a tuple) whose body is only `pass`, `...` or `continue`.",
        why: "The standard asks for production-ready error handling and logging. A swallowed exception turns a failure into silent wrong behaviour; a bare `except:` also catches `KeyboardInterrupt`, `SystemExit` and task cancellation.",
        bad: "try:\n    sync_orders()\nexcept Exception:\n    pass",
        good: "try:\n    sync_orders()\nexcept OrderSyncError:\n    logger.exception(\"order sync failed; will retry\")",
        fix: "Catch the specific exceptions you can handle, log them with `logger.exception(...)`, and re-raise what you cannot handle.",
    },
};

fn catches_everything(checker: &Checker, type_: &Expr) -> bool {
    const BROAD: &[&str] = &["builtins.Exception", "builtins.BaseException"];
    match type_ {
        Expr::Tuple(tuple) => tuple
            .elts
            .iter()
            .any(|e| checker.semantic.resolves_to(e, BROAD)),
        expr => checker.semantic.resolves_to(expr, BROAD),
    }
}

fn only_passes(body: &[Stmt]) -> bool {
    body.iter().all(|stmt| match stmt {
        Stmt::Pass(_) | Stmt::Continue(_) => true,
        Stmt::Expr(expr) => expr.value.is_ellipsis_literal_expr(),
        _ => false,
    })
}

/// The `except` keyword itself.
fn keyword_range(handler: &ExceptHandlerExceptHandler) -> TextRange {
    TextRange::at(handler.range().start(), TextSize::new(6))
}

pub(crate) fn check(checker: &mut Checker, handler: &ExceptHandlerExceptHandler, reraised: bool) {
    match &handler.type_ {
        None if !reraised => checker.report(
            META.code,
            keyword_range(handler),
            "bare `except:` swallows every error, even cancellation; catch specific exceptions and log or re-raise",
        ),
        Some(type_) if catches_everything(checker, type_) && only_passes(&handler.body) => checker.report(
            META.code,
            keyword_range(handler),
            "`except Exception: pass` hides failures; handle specific exceptions and log them",
        ),
        _ => {}
    }
}
