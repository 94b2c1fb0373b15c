//! A11Y001: images without a text alternative (axe `image-alt`, `area-alt`,
//! `input-image-alt`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::semantics::{input_type, non_empty};
use crate::html::tree::{Element, NodeId};
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y001",
    name: "image-without-alt",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "an image, image map area or image button has no text alternative",
    doc: Doc {
        what: "Flags an `<img>` with no `alt` attribute (or an `alt` of only white space) and no non-empty `aria-label`, `aria-labelledby` (naming an existing element with text) or `title`, unless it is presentational (`role=\"presentation\"`/`\"none\"` on an element that is not focusable and has no global ARIA attribute). Also flags `<area href>` inside a `<map>` and `<input type=\"image\">` without a non-empty `alt`, `aria-label`, `aria-labelledby` or `title` — for these an empty `alt` is not enough, as in axe-core. Images hidden from assistive technology (`aria-hidden=\"true\"`, `hidden`, `display: none`, `visibility: hidden`, inside an `inert` subtree) are skipped; a templated value (`alt=\"{{ caption }}\"`) counts as present.",
        why: "WCAG 1.1.1 (Non-text Content): a screen reader announces an image without alternative text by its file name, or not at all. `alt=\"\"` marks an image as decorative; a missing `alt` leaves users guessing.",
        bad: "<img src=\"chart.png\">\n<input type=\"image\" src=\"go.png\">",
        good: "<img src=\"chart.png\" alt=\"Sales doubled in 2024\">\n<img src=\"divider.png\" alt=\"\">\n<input type=\"image\" src=\"go.png\" alt=\"Search\">",
        fix: "Give every informative image an `alt` that says what it shows; give decorative images `alt=\"\"`; name image buttons and map areas by what they do.",
    },
};

pub(crate) fn check(checker: &mut HtmlChecker, id: NodeId, e: &Element) {
    if checker.skipped(id, e) || e.template {
        return;
    }
    let sem = &checker.sem;
    let named = |sem: &crate::html::semantics::Semantics| {
        sem.aria_label(id) || sem.labelledby(id) || sem.title(id)
    };
    match e.name.as_ref() {
        "img" => {
            if sem.exempt_by_role(id) {
                return;
            }
            let presentational = sem.presentational(id);
            let alt = e.attr("alt");
            let only_spaces = alt.is_some_and(|a| {
                !a.template && !a.value().is_empty() && a.value().trim().is_empty()
            });
            // A whitespace-only `alt` fails even beside another name
            // (axe's `alt-space-value`), unless the image is presentational.
            let passes =
                (presentational || alt.is_some() || named(sem)) && (presentational || !only_spaces);
            checker.audits.record("image-alt", passes);
            if !passes {
                let message = if only_spaces {
                    "`<img>` has an `alt` of only white space, which names nothing; write the text alternative, or `alt=\"\"` if decorative"
                } else {
                    "`<img>` has no `alt`; add one that says what the image shows, or `alt=\"\"` if it is decorative"
                };
                checker.report(META.code, id, message);
            }
        }
        "area" => {
            let in_map = checker.doc.ancestors(id).any(|(_, a)| a.is("map"));
            if !e.has_attr("href") || !in_map {
                return;
            }
            if !(non_empty(e, "alt") || named(sem)) {
                checker.report(
                    META.code,
                    id,
                    "`<area>` link has no text alternative; add an `alt` that says where it leads",
                );
            }
        }
        "input" if input_type(e) == "image" => {
            let passes = non_empty(e, "alt") || named(sem);
            checker.audits.record("input-image-alt", passes);
            if !passes {
                checker.report(
                    META.code,
                    id,
                    "`<input type=\"image\">` has no text alternative; add an `alt` that says what the button does",
                );
            }
        }
        _ => {}
    }
}
