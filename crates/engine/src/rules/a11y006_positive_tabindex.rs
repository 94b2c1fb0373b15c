//! A11Y006: a positive `tabindex` (axe `tabindex`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::semantics::tabindex;
use crate::html::tree::{Element, NodeId};
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y006",
    name: "positive-tabindex",
    severity: Severity::Warning,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "a positive `tabindex` reorders keyboard navigation",
    doc: Doc {
        what: "Flags an element whose `tabindex` parses (as browsers do: the leading integer, so `\"2px\"` is 2) to a number above 0. `0` and `-1` are fine; elements inside SVG and MathML count too; templated values are not judged; elements hidden from assistive technology are skipped, as in axe-core.",
        why: "WCAG 2.4.3 (Focus Order): positive values pull elements ahead of everything else in the tab order, so keyboard users jump around the page in an order that no longer matches what they see.",
        bad: "<input id=\"search\" tabindex=\"1\">",
        good: "<input id=\"search\">  <!-- and put it first in the source -->",
        fix: "Remove the positive `tabindex` and order the source to match the visual order; use `tabindex=\"0\"` to make a custom control focusable.",
    },
};

pub(crate) fn check(checker: &mut HtmlChecker, id: NodeId, e: &Element) {
    // Unlike the name rules, axe's `tabindex` rule also covers SVG and
    // MathML elements: a positive value reorders focus wherever it sits.
    if !e.has_attr("tabindex") || checker.sem.hidden(id) {
        return;
    }
    let Some(value) = tabindex(e) else { return };
    checker.audits.record("tabindex", value <= 0);
    if value > 0 {
        checker.report(
            META.code,
            id,
            format!("`tabindex=\"{value}\"` takes this element out of the page's tab order; use 0 or -1 and order the source instead"),
        );
    }
}
