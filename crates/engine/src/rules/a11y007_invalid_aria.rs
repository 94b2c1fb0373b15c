//! A11Y007: `aria-*` attributes and roles that WAI-ARIA 1.2 does not define
//! (axe `aria-valid-attr`, `aria-roles`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::aria;
use crate::html::tree::{Element, NodeId};
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y007",
    name: "invalid-aria",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "an `aria-*` attribute or `role` that WAI-ARIA does not define",
    doc: Doc {
        what: "Flags an element with an `aria-*` attribute that WAI-ARIA 1.2 does not define (typos such as `aria-lable`, `aria-labeledby`; of ARIA 1.3 only what axe-core 4.14 knows is accepted — `aria-actions`, `aria-braillelabel`, `aria-description`, but not `aria-colindextext`/`aria-rowindextext`), and an element whose `role` lists only undefined roles or uses an abstract role (`widget`, `landmark`, `input`, …). A list of roles with a valid fallback (`role=\"switch checkbox\"`) is fine; DPUB (`doc-*`, except `doc-pageheader`/`doc-pagefooter`, which axe-core does not know) and Graphics-ARIA roles are valid, as are ARIA 1.3's `image`, `text`, `sectionheader` and `sectionfooter`. An empty `role`, templated values and elements hidden from assistive technology are not judged, as in axe-core.",
        why: "WCAG 4.1.2 (Name, Role, Value): browsers ignore attributes and roles they do not know, so the label, state or role the author meant never reaches assistive technology.",
        bad: "<input aria-lable=\"Search\">\n<div role=\"buton\" tabindex=\"0\">Save</div>",
        good: "<input aria-label=\"Search\">\n<div role=\"button\" tabindex=\"0\">Save</div>",
        fix: "Correct the spelling against the WAI-ARIA 1.2 attribute and role lists, or remove the attribute.",
    },
};

pub(crate) fn check(checker: &mut HtmlChecker, id: NodeId, e: &Element) {
    if checker.sem.hidden(id) {
        return;
    }
    let aria_attributes: Vec<&str> = e
        .attrs
        .iter()
        .map(|a| a.name.as_ref())
        .filter(|name| name.starts_with("aria-") && !name.contains('{'))
        .collect();
    if !aria_attributes.is_empty() {
        let unknown: Vec<&str> = aria_attributes
            .into_iter()
            .filter(|name| !aria::is_attribute(name))
            .collect();
        checker.audits.record("aria-valid-attr", unknown.is_empty());
        if !unknown.is_empty() {
            let list = unknown
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let (noun, pronoun) = if unknown.len() == 1 {
                ("attribute", "it")
            } else {
                ("attributes", "them")
            };
            checker.report(
                META.code,
                id,
                format!("unknown ARIA {noun} {list}; browsers ignore {pronoun} — check the spelling against WAI-ARIA 1.2"),
            );
        }
    }
    let Some(role) = e.attr("role").filter(|r| !r.template) else {
        return;
    };
    let roles: Vec<String> = role
        .value()
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    if roles.is_empty() {
        return;
    }
    let abstract_role = roles.iter().find(|r| aria::is_abstract_role(r));
    let any_valid = roles.iter().any(|r| aria::is_role(r));
    checker
        .audits
        .record("aria-roles", abstract_role.is_none() && any_valid);
    if let Some(abstract_role) = abstract_role {
        checker.report(
            META.code,
            id,
            format!("`role=\"{abstract_role}\"` is an abstract role that authors must not use; pick a concrete role"),
        );
    } else if !any_valid {
        checker.report(
            META.code,
            id,
            format!(
                "`role=\"{}\"` is not a WAI-ARIA 1.2 role; browsers ignore it",
                role.value().trim()
            ),
        );
    }
}
