//! A11Y004: buttons and links without an accessible name (axe `button-name`,
//! `input-button-name`, `link-name`, `aria-command-name`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::aria;
use crate::html::semantics::{input_type, non_empty};
use crate::html::tree::{Element, NodeId};
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y004",
    name: "control-without-name",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "a button or link has no accessible name",
    doc: Doc {
        what: "Flags a `<button>`, an `<input type=\"button\">` (or `submit`/`reset` with an empty `value`), an `<a href>`, or an element with `role=\"button\"`/`\"link\"`, whose accessible name is empty: no text content (text inside `aria-hidden` or hidden descendants does not count; a descendant image's `alt`, an SVG `<title>` and descendants' `aria-label` do), no non-empty `aria-label`, no `aria-labelledby` naming an existing element with text, no `title`. Hidden controls are skipped; template expressions (`{{ label }}`) and tags that render text (`{% trans \"Save\" %}`, `{% include %}`, `{% url %}`; not control flow such as `{% if %}`, nor a tag stored `as` a variable) count as text, `{% comment %}` blocks are ignored, and a control whose attributes come from a template is not flagged.",
        why: "WCAG 2.4.4 and 4.1.2: a screen reader announces a nameless button as just \"button\" and an icon link as its URL. Users cannot tell what it does.",
        bad: "<button><span class=\"icon-close\" aria-hidden=\"true\"></span></button>\n<a href=\"/cart\"><img src=\"cart.svg\"></a>",
        good: "<button aria-label=\"Close\"><span class=\"icon-close\" aria-hidden=\"true\"></span></button>\n<a href=\"/cart\"><img src=\"cart.svg\" alt=\"Cart\"></a>",
        fix: "Give the control visible text; for icon-only controls add `aria-label`, or `alt` on the image inside.",
    },
};

pub(crate) fn check(checker: &mut HtmlChecker, id: NodeId, e: &Element) {
    if checker.skipped(id, e) || e.template {
        return;
    }
    let sem = &checker.sem;
    let (audit, what) = match e.name.as_ref() {
        "button" => ("button-name", "`<button>`"),
        "input" => match input_type(e).as_str() {
            "button" | "submit" | "reset" => ("input-button-name", "`<input>` button"),
            _ => return,
        },
        "a" if e.has_attr("href") => ("link-name", "link"),
        "img" | "area" | "select" | "textarea" => return,
        _ => match aria::explicit_role(e).as_deref() {
            Some("button") => ("aria-command-name", "`role=\"button\"` element"),
            Some("link") => ("aria-command-name", "`role=\"link\"` element"),
            _ => return,
        },
    };
    if audit != "aria-command-name" && sem.exempt_by_role(id) {
        return;
    }
    let own_text = match audit {
        "input-button-name" => {
            let default_label = input_type(e) != "button" && !e.has_attr("value");
            default_label || non_empty(e, "value")
        }
        _ => sem.content(id, false, None),
    };
    let passes = own_text
        || sem.aria_label(id)
        || sem.labelledby(id)
        || sem.title(id)
        || (audit != "link-name" && audit != "aria-command-name" && sem.presentational(id));
    checker.audits.record(audit, passes);
    if !passes {
        checker.report(
            META.code,
            id,
            format!("{what} has no accessible name; give it text, an `aria-label`, or `alt` on its image"),
        );
    }
}
