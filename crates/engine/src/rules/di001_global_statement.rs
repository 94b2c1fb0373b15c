//! DI001: `global` inside a function.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::StmtGlobal;
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "DI001",
    name: "global-statement",
    severity: Severity::Warning,
    item: Some("dependency-injection"),
    scope: Scope::Python,
    summary: "a function rebinds module state with `global`",
    doc: Doc {
        what: "Flags every `global` statement inside a function or method.",
        why: "The standard prefers dependency injection over globals: a function that rebinds module state has a hidden input and output, cannot be tested in isolation, and races when called from several tasks.",
        bad: "_client = None\n\ndef client():\n    global _client\n    if _client is None:\n        _client = make_client()\n    return _client",
        good: "class Service:\n    def __init__(self, client: Client):\n        self.client = client",
        fix: "Create the object once at start-up and pass it to the code that needs it (a constructor parameter or a function argument).",
    },
};

pub(crate) fn check(checker: &mut Checker, global: &StmtGlobal) {
    if !checker.semantic.in_function() {
        return;
    }
    let names: Vec<&str> = global.names.iter().map(|n| n.as_str()).collect();
    checker.report(
        META.code,
        global.range(),
        format!(
            "`global {}` hides module state in a function; inject it as a parameter",
            names.join(", ")
        ),
    );
}
