//! The rule registry: one file per rule, each holding its metadata, its
//! user-facing doc and its check. Adding a rule touches its own file, one line
//! in `REGISTRY`, one dispatch call in the checker, a fixture and a snapshot.

use crate::finding::Severity;

pub mod a11y001_image_alt;
pub mod a11y002_html_lang;
pub mod a11y003_form_label;
pub mod a11y004_control_name;
pub mod a11y005_click_not_focusable;
pub mod a11y006_positive_tabindex;
pub mod a11y007_invalid_aria;
pub mod a11y008_document_title;
pub mod a11y009_main_landmark;
pub mod a11y010_duplicate_id;
pub mod a11y011_contrast;
pub mod a11y012_viewport_zoom;
pub mod asy001_gather;
pub mod asy002_orphan_task;
pub mod asy003_wait;
pub mod asy004_thread_lock;
pub mod asy005_not_anyio;
pub mod di001_global_statement;
pub mod di002_mutated_module_container;
pub mod mem001_unbounded_deque;
pub mod mem002_unbounded_queue;
pub mod mem003_resource_without_cleanup;
pub mod mem004_unbounded_cache;
pub mod nqa001_unused_noqa;
pub mod nqa002_unknown_noqa_code;
pub mod prm001_world_writable;
pub mod prm002_exposed_secret;
pub mod qlt001_swallowed_error;
pub mod qlt002_print;
pub mod qlt003_complex_undocumented;
pub mod syn001_unreadable;
pub mod trc001_torch_import;
pub mod trc002_torch_dependency;
pub mod tst001_no_tracemalloc;
pub mod tst002_async_tests_unrun;

/// What kind of input a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Python,
    /// Dependency declarations: requirements, pyproject, lock files, ...
    Manifest,
    /// `.html`/`.htm` files and templates with those endings.
    Html,
    /// Decided over the whole project (tests, permissions).
    Project,
    /// Produced by the scanner itself.
    Scanner,
}

/// A rule's user-facing documentation, shown by `tenet rule CODE` and the app.
#[derive(Debug)]
pub struct Doc {
    pub what: &'static str,
    pub why: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
    pub fix: &'static str,
}

#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Checklist item id from RULES.md, or `None` for scanner-level rules.
    pub item: Option<&'static str>,
    pub scope: Scope,
    pub summary: &'static str,
    pub doc: Doc,
}

/// Every rule, in catalogue order.
pub static REGISTRY: &[&RuleMeta] = &[
    &asy001_gather::META,
    &asy002_orphan_task::META,
    &asy003_wait::META,
    &asy004_thread_lock::META,
    &asy005_not_anyio::META,
    &mem001_unbounded_deque::META,
    &mem002_unbounded_queue::META,
    &mem003_resource_without_cleanup::META,
    &mem004_unbounded_cache::META,
    &di001_global_statement::META,
    &di002_mutated_module_container::META,
    &trc001_torch_import::META,
    &trc002_torch_dependency::META,
    &a11y001_image_alt::META,
    &a11y002_html_lang::META,
    &a11y003_form_label::META,
    &a11y004_control_name::META,
    &a11y005_click_not_focusable::META,
    &a11y006_positive_tabindex::META,
    &a11y007_invalid_aria::META,
    &a11y008_document_title::META,
    &a11y009_main_landmark::META,
    &a11y010_duplicate_id::META,
    &a11y011_contrast::META,
    &a11y012_viewport_zoom::META,
    &tst001_no_tracemalloc::META,
    &tst002_async_tests_unrun::META,
    &prm001_world_writable::META,
    &prm002_exposed_secret::META,
    &qlt001_swallowed_error::META,
    &qlt002_print::META,
    &qlt003_complex_undocumented::META,
    &syn001_unreadable::META,
    &nqa001_unused_noqa::META,
    &nqa002_unknown_noqa_code::META,
];

/// Looks a rule up by its code (exact, case-sensitive as in RULES.md).
pub fn find(code: &str) -> Option<&'static RuleMeta> {
    REGISTRY.iter().copied().find(|rule| rule.code == code)
}

/// Findings per checklist item and severity, `[error, warning, info]`,
/// from per-rule totals (a rule's severity and item are fixed by the
/// catalogue): what the overview and the checklist chart show without
/// reading a finding row. Codes this build does not know are left out.
pub fn totals_by_item(
    by_rule: &std::collections::BTreeMap<String, u64>,
) -> std::collections::BTreeMap<&'static str, [u64; 3]> {
    let mut by_item = std::collections::BTreeMap::new();
    for (code, &count) in by_rule {
        let Some(meta) = find(code) else { continue };
        let Some(item) = meta.item else { continue };
        let slot = match meta.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        let totals: &mut [u64; 3] = by_item.entry(item).or_default();
        totals[slot] += count;
    }
    by_item
}

/// A code's family: the code without its trailing number (`ASY`, `A11Y`).
pub fn family_of(code: &str) -> &str {
    code.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// The code prefixes of rule families (`ASY`, `MEM`, `A11Y`, ...), accepted
/// by `select`/`ignore` alongside full codes and `ALL`.
pub fn is_family(prefix: &str) -> bool {
    !prefix.is_empty()
        && prefix.ends_with(|c: char| c.is_ascii_uppercase())
        && REGISTRY.iter().any(|rule| family_of(rule.code) == prefix)
}

/// A set of rules, as a bitset over `REGISTRY` indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RuleSet(u128);

impl RuleSet {
    pub fn all() -> RuleSet {
        RuleSet((1u128 << REGISTRY.len()) - 1)
    }

    pub fn empty() -> RuleSet {
        RuleSet(0)
    }

    fn index(code: &str) -> Option<usize> {
        REGISTRY.iter().position(|rule| rule.code == code)
    }

    pub fn contains(&self, code: &str) -> bool {
        Self::index(code).is_some_and(|i| self.0 & (1 << i) != 0)
    }

    pub fn insert(&mut self, code: &str) {
        if let Some(i) = Self::index(code) {
            self.0 |= 1 << i;
        }
    }

    pub fn remove(&mut self, code: &str) {
        if let Some(i) = Self::index(code) {
            self.0 &= !(1 << i);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// Whether any rule of the given scope is in the set.
    pub fn any_in_scope(&self, scope: Scope) -> bool {
        self.iter().any(|rule| rule.scope == scope)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static RuleMeta> + '_ {
        REGISTRY
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, rule)| *rule)
    }

    /// Expands a selector (`ALL`, a family such as `ASY`, or a code) into
    /// rules; `None` when it names nothing.
    pub fn from_selector(selector: &str) -> Option<RuleSet> {
        if selector == "ALL" {
            return Some(RuleSet::all());
        }
        let mut set = RuleSet::empty();
        if let Some(rule) = find(selector) {
            set.insert(rule.code);
        } else if is_family(selector) {
            for rule in REGISTRY.iter().filter(|r| family_of(r.code) == selector) {
                set.insert(rule.code);
            }
        } else {
            return None;
        }
        Some(set)
    }

    pub fn union(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 | other.0)
    }

    pub fn difference(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 & !other.0)
    }
}

/// A call passing `*args` or `**kwargs`, whose bounds cannot be known.
pub(crate) fn has_unpacking(call: &crate::python::ast::ExprCall) -> bool {
    call.arguments.args.iter().any(|a| a.is_starred_expr())
        || call.arguments.keywords.iter().any(|k| k.arg.is_none())
}
