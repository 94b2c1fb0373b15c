//! DI002: module-level mutable containers mutated by functions.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::{Expr, ExprCall, ExprSubscript};
use crate::python::semantic::{BindingKind, Origin};
use crate::python::Checker;
use ruff_text_size::{Ranged, TextRange};

pub static META: RuleMeta = RuleMeta {
    code: "DI002",
    name: "mutated-module-container",
    severity: Severity::Warning,
    item: Some("dependency-injection"),
    scope: Scope::Python,
    summary: "module-level container used as shared mutable state",
    doc: Doc {
        what: "Flags a module-level name bound to a mutable container (a list, dict or set display or comprehension, `list()`, `dict()`, `set()`, `defaultdict(...)`, `OrderedDict(...)`, `Counter(...)`, `deque(...)`) that a function of the module mutates — by a method such as `append`, `extend`, `add`, `update`, `pop`, `clear`, `setdefault`, `insert`, `remove`, or by item assignment or `del`. The finding sits on the module-level binding; the mutation sites are listed with it.",
        why: "A module-level container mutated from functions is a global in disguise: state leaks between tests and requests, and concurrent tasks race on it. The standard asks for dependency injection over globals.",
        bad: "_seen = set()\n\ndef remember(key):\n    _seen.add(key)",
        good: "class Registry:\n    def __init__(self):\n        self._seen: set[str] = set()\n\n    def remember(self, key):\n        self._seen.add(key)",
        fix: "Move the container into an object that owns it and pass that object to the functions that use it.",
    },
};

const MUTATORS: &[&str] = &[
    "append",
    "extend",
    "add",
    "update",
    "pop",
    "popitem",
    "clear",
    "setdefault",
    "insert",
    "remove",
    "discard",
    "appendleft",
    "extendleft",
    "popleft",
    "sort",
    "reverse",
    "difference_update",
    "intersection_update",
    "symmetric_difference_update",
];

pub(crate) fn is_container_constructor(qualified: &str) -> bool {
    matches!(
        qualified,
        "builtins.list"
            | "builtins.dict"
            | "builtins.set"
            | "collections.defaultdict"
            | "collections.OrderedDict"
            | "collections.Counter"
            | "collections.deque"
    )
}

fn record(checker: &mut Checker, name: &Expr, site: TextRange) {
    if !checker.enabled(META.code) || !checker.semantic.in_function() {
        return;
    }
    let Expr::Name(name) = name else { return };
    let Some(id) = checker.semantic.lookup(name.id.as_str()) else {
        return;
    };
    let binding = checker.semantic.binding(id);
    if binding.scope == 0 && binding.kind == BindingKind::Assignment(Origin::MutableContainer) {
        checker
            .container_mutations
            .entry(id)
            .or_default()
            .push(site);
    }
}

/// `NAME.append(...)` and the other mutating methods.
pub(crate) fn on_call(checker: &mut Checker, call: &ExprCall) {
    if let Expr::Attribute(attr) = call.func.as_ref() {
        if MUTATORS.contains(&attr.attr.as_str()) {
            record(checker, &attr.value, call.func.range());
        }
    }
}

/// `NAME[key] = ...`, `NAME[key] += ...`, `del NAME[key]`.
pub(crate) fn on_item_write(checker: &mut Checker, subscript: &ExprSubscript) {
    record(checker, &subscript.value, subscript.range());
}

pub(crate) fn finish(checker: &mut Checker) {
    let mut mutated: Vec<_> = std::mem::take(&mut checker.container_mutations)
        .into_iter()
        .collect();
    mutated.sort_by_key(|(id, _)| *id);
    for (id, sites) in mutated {
        let range = checker.semantic.binding(id).range;
        let count = sites.len();
        let plural = if count == 1 { "" } else { "s" };
        checker.report(
            META.code,
            range,
            format!("module-level container is mutated by functions ({count} site{plural}); pass it in as a dependency"),
        );
        let finding = checker.findings.last_mut().expect("just reported");
        finding.related = sites
            .into_iter()
            .map(|site| {
                (
                    site.start().to_u32(),
                    site.end().to_u32(),
                    "mutated here".to_string(),
                )
            })
            .collect();
    }
}
