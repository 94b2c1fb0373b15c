//! NQA001: a `noqa` that suppresses nothing.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;

pub static META: RuleMeta = RuleMeta {
    code: "NQA001",
    name: "unused-noqa",
    severity: Severity::Info,
    item: None,
    scope: Scope::Scanner,
    summary: "a `noqa` comment names a Tenet rule that found nothing on its line",
    doc: Doc {
        what: "Reports a `# noqa: CODE` (or `# tenet: noqa: CODE`) where CODE is an enabled Tenet rule that reported nothing there. Codes of other tools (`E501`, `F401`) and bare `# noqa` comments are left alone, since they may serve another linter.",
        why: "A stale suppression hides the next real finding on that line and misleads reviewers into thinking an exception was needed. Like Ruff's RUF100.",
        bad: "jobs = asyncio.Queue(maxsize=10)  # noqa: MEM002",
        good: "jobs = asyncio.Queue(maxsize=10)",
        fix: "Delete the code from the comment, or the whole comment when nothing is left.",
    },
};
