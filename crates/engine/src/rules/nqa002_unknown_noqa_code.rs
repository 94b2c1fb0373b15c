//! NQA002: a `noqa` naming a Tenet code that does not exist.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;

pub static META: RuleMeta = RuleMeta {
    code: "NQA002",
    name: "unknown-noqa-code",
    severity: Severity::Warning,
    item: None,
    scope: Scope::Scanner,
    summary: "a `noqa` comment names a code in a Tenet family that no rule has",
    doc: Doc {
        what: "Reports a `noqa` code that looks like one of Tenet's (`ASY…`, `MEM…`, `DI…`, `TRC…`, `TST…`, `PRM…`, `QLT…`, `SYN…`, `A11Y…`) but names no rule, such as a typo `ASY010`.",
        why: "A mistyped code suppresses nothing, so the finding it was meant to silence stays — or, worse, the author believes a real problem was reviewed.",
        bad: "asyncio.gather(a(), b())  # noqa: ASY01",
        good: "asyncio.gather(a(), b())  # noqa: ASY001 -- legacy API until v3",
        fix: "Correct the code (`tenet rules` lists them all) or remove it.",
    },
};
