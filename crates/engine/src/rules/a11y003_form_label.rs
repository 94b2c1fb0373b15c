//! A11Y003: form controls without a label (axe `label`, `select-name`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::semantics::{input_type, non_empty};
use crate::html::tree::{Element, NodeId};
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y003",
    name: "form-control-without-label",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "a form control has no label",
    doc: Doc {
        what: "Flags an `<input>` (other than `hidden`, `submit`, `reset`, `button` and `image`), `<select>` or `<textarea>` with no accessible label: no `<label for=id>` with text, no wrapping `<label>` with text, no non-empty `aria-label`, no `aria-labelledby` naming an existing element with text, no `title`, and — for inputs and text areas, as axe-core allows — no `placeholder`. A label with no text, or hidden, does not count. Controls hidden from assistive technology are skipped; templated values count as present and a label's text may come from a template (`{{ label }}`, `{% trans \"Email\" %}`), and a control whose attributes come from a template (`<input {{ attrs }}>`) is not flagged.",
        why: "WCAG 1.3.1 and 4.1.2: a screen reader announces an unlabelled field as just \"edit text\", and voice-control users cannot name it. A visible label also helps everyone else.",
        bad: "<input type=\"email\" name=\"email\">\n<label for=\"q\"></label><input id=\"q\">",
        good: "<label for=\"email\">Email</label>\n<input type=\"email\" id=\"email\" name=\"email\">\n<label>Search <input type=\"search\"></label>",
        fix: "Add a `<label for=\"…\">` whose `for` matches the control's `id`, or wrap the control in its `<label>`; use `aria-label` only where no visible label fits.",
    },
};

pub(crate) fn check(checker: &mut HtmlChecker, id: NodeId, e: &Element) {
    if checker.skipped(id, e) || e.template {
        return;
    }
    let (audit, what) = match e.name.as_ref() {
        "input" => {
            if e.attr("type").is_some_and(|t| t.template) {
                return;
            }
            let kind = input_type(e);
            if matches!(
                kind.as_str(),
                "hidden" | "image" | "button" | "submit" | "reset"
            ) {
                return;
            }
            ("label", format!("`<input type=\"{kind}\">`"))
        }
        "textarea" => ("label", "`<textarea>`".to_string()),
        "select" => ("select-name", "`<select>`".to_string()),
        _ => return,
    };
    let sem = &checker.sem;
    let passes = sem.explicit_label(id)
        || sem.implicit_label(id)
        || sem.aria_label(id)
        || sem.labelledby(id)
        || sem.title(id)
        || (audit == "label" && non_empty(e, "placeholder"))
        || sem.presentational(id);
    checker.audits.record(audit, passes);
    if !passes {
        checker.report(
            META.code,
            id,
            format!("{what} has no label; add a `<label for>` with text or wrap it in a `<label>`"),
        );
    }
}
