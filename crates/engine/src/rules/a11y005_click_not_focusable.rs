//! A11Y005: a click handler on an element the keyboard cannot reach.
//! Neither axe-core nor Lighthouse checks this.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::aria;
use crate::html::semantics::tabindex;
use crate::html::tree::{Element, NodeId, Ns};
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y005",
    name: "click-handler-not-focusable",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "a click handler on an element that keyboard users cannot reach",
    doc: Doc {
        what: "Flags an element with a click handler — `onclick`, or a framework's spelling of it (`@click`, `v-on:click`, `x-on:click`, `ng-click`, `(click)`) — that is not natively focusable (links with `href`, buttons, form controls — disabled ones too, as they are reachable once enabled —, `summary`, media with `controls`, `contenteditable`) unless it has both a `role` and a `tabindex` of 0 or more. `<html>`, `<body>` and `<option>` are not flagged (handlers there are delegation or part of a native control). Hidden elements are flagged too: they are usually shown later. A templated `role`/`tabindex` counts as present; an element whose attributes come from a template is not flagged.",
        why: "WCAG 2.1.1 (Keyboard): a `<div onclick>` can be clicked with a mouse but never reached with Tab or activated with Enter, and a screen reader does not announce it as interactive. Neither axe-core nor Lighthouse detects it.",
        bad: "<div class=\"card\" onclick=\"open()\">Details</div>",
        good: "<button type=\"button\" class=\"card\" onclick=\"open()\">Details</button>\n<div role=\"button\" tabindex=\"0\" onclick=\"open()\" onkeydown=\"openOnEnter(event)\">Details</div>",
        fix: "Use a `<button>` (or a link for navigation). If a custom element is unavoidable, add `role`, `tabindex=\"0\"` and a key handler for Enter and Space.",
    },
};

const CLICK_ATTRIBUTES: &[&str] = &[
    "onclick",
    "@click",
    "v-on:click",
    "x-on:click",
    "ng-click",
    "(click)",
];

pub(crate) fn check(checker: &mut HtmlChecker, id: NodeId, e: &Element) {
    if e.ns != Ns::Html || e.template || matches!(e.name.as_ref(), "html" | "body" | "option") {
        return;
    }
    let Some(handler) = CLICK_ATTRIBUTES
        .iter()
        .find(|name| e.attrs.iter().any(|a| a.name.as_ref() == **name))
    else {
        return;
    };
    // A disabled `<button>` (or one in a disabled `<fieldset>`) is still a
    // native control: keyboard users reach it once it is enabled.
    if checker.sem.natively_focusable(id) || checker.sem.native_control(id) {
        return;
    }
    let role = e.attr("role").is_some_and(|r| r.template)
        || aria::explicit_role(e)
            .is_some_and(|r| !matches!(r.as_str(), "presentation" | "none" | "generic"));
    let reachable =
        e.attr("tabindex").is_some_and(|t| t.template) || tabindex(e).is_some_and(|t| t >= 0);
    if role && reachable {
        return;
    }
    let missing = match (role, reachable) {
        (false, false) => "a `role` and `tabindex=\"0\"`",
        (false, true) => "a `role`",
        _ => "`tabindex=\"0\"`",
    };
    checker.report(
        META.code,
        id,
        format!(
            "`<{}>` with a click handler (`{handler}`) cannot be reached or used with the keyboard; use a `<button>`, or add {missing} and a key handler",
            e.name
        ),
    );
}
