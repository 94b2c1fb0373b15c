//! QLT003: complex functions without explanation.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::Checker;
use ruff_text_size::TextRange;

pub static META: RuleMeta = RuleMeta {
    code: "QLT003",
    name: "complex-undocumented-function",
    severity: Severity::Info,
    item: Some("clarity"),
    scope: Scope::Python,
    summary: "a complex function with neither docstring nor comment",
    doc: Doc {
        what: "Flags a function whose cyclomatic complexity is above 10 — counted as Ruff's C901 / mccabe (each `if`/`elif`, loop, `except`, `try … else` and `match` case adds one; boolean operators do not count; nested functions are scored on their own) — and that has neither a docstring nor a comment inside its body. Pragma comments (`noqa`, `type:`, `pragma:`) do not count.",
        why: "The standard asks for clarity: comments for complex logic. A function with many paths and no explanation is where reviewers and future maintainers go wrong.",
        bad: "def route(msg):\n    if msg.kind == 'a':\n        ...\n    elif msg.kind == 'b':\n        ...  # and nine more branches, no word on why",
        good: "def route(msg):\n    \"\"\"Dispatch by kind; unknown kinds go to the dead-letter queue.\"\"\"\n    ...",
        fix: "Split the function into smaller ones, or explain the logic: a docstring saying what it decides, and comments on the non-obvious branches.",
    },
};

pub const MAX_COMPLEXITY: u32 = 10;

fn has_comment(comments: &[TextRange], range: TextRange) -> bool {
    let first = comments.partition_point(|c| c.start() < range.start());
    comments.get(first).is_some_and(|c| c.start() < range.end())
}

pub(crate) fn finish(checker: &mut Checker) {
    if !checker.enabled(META.code) {
        return;
    }
    let mut flagged = Vec::new();
    for function in &checker.functions {
        if function.complexity > MAX_COMPLEXITY
            && !function.has_docstring
            && !has_comment(checker.prose_comments, function.body_range)
        {
            flagged.push((function.name_range, function.complexity));
        }
    }
    for (range, complexity) in flagged {
        checker.report(
            META.code,
            range,
            format!("complexity {complexity} (over {MAX_COMPLEXITY}) with no docstring or comment; explain it or split it"),
        );
    }
}
