//! A11Y010: an `id` used twice in one document (axe `duplicate-id`; the
//! estimate scores Lighthouse's `duplicate-id-aria`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::aria::IDREF_ATTRIBUTES;
use crate::html::tree::NodeId;
use crate::html::HtmlChecker;
use std::collections::{HashMap, HashSet};

pub static META: RuleMeta = RuleMeta {
    code: "A11Y010",
    name: "duplicate-id",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "an `id` is used more than once in a document",
    doc: Doc {
        what: "Flags each element whose `id` (not blank) an earlier element of the same file already has, pointing back at the first. Elements inside `<template>` are a separate tree and do not count. Template-aware: an `id` containing template syntax (`id=\"row-{{ n }}\"`) is never a duplicate, and two elements in exclusive branches of one `{% if %}`/`{% elif %}`/`{% else %}` (or `{% for %}`/`{% empty %}`) never render together. Hidden elements count, as in axe-core.",
        why: "WCAG 4.1.1/1.3.1: labels (`for`), `aria-labelledby`, `aria-describedby` and in-page links resolve an id to the first element that has it, so a second one is never labelled or reached, and scripts act on the wrong element.",
        bad: "<label for=\"email\">Work email</label><input id=\"email\">\n<label for=\"email\">Home email</label><input id=\"email\">",
        good: "<label for=\"work-email\">Work email</label><input id=\"work-email\">\n<label for=\"home-email\">Home email</label><input id=\"home-email\">",
        fix: "Give every element a unique `id`; in loops derive it from the item (`id=\"item-{{ item.id }}\"`).",
    },
};

pub(crate) fn check_document(checker: &mut HtmlChecker) {
    let doc = checker.doc;
    let mut seen: HashMap<&str, Vec<NodeId>> = HashMap::new();
    let mut duplicated: HashSet<&str> = HashSet::new();
    for (id, e) in doc.elements() {
        if e.inert {
            continue;
        }
        let Some(attr) = e.attr("id").filter(|a| !a.template) else {
            continue;
        };
        let value = attr.value();
        if value.trim().is_empty() {
            continue;
        }
        let earlier = seen.entry(value).or_default();
        let clash = earlier
            .iter()
            .copied()
            .find(|&other| !doc.exclusive(doc_branch(checker, other), e.branch));
        earlier.push(id);
        if let Some(first) = clash {
            duplicated.insert(value);
            let first_element = doc.element(first).expect("ids sit on elements");
            let mut finding_message = format!(
                "`id=\"{value}\"` is already used earlier in this document; ids must be unique"
            );
            if value.contains(char::is_whitespace) {
                finding_message.push_str(" (and cannot contain spaces)");
            }
            checker.report(META.code, id, finding_message);
            if let Some(last) = checker.findings.last_mut() {
                last.related.push((
                    first_element.start,
                    first_element.end,
                    format!("first `id=\"{value}\"` here"),
                ));
            }
        }
    }
    // Lighthouse's duplicate-id-aria: ids that labels and ARIA refer to.
    let mut referenced: HashSet<&str> = HashSet::new();
    for (_, e) in doc.elements().filter(|(_, e)| !e.inert) {
        for attr in IDREF_ATTRIBUTES {
            if let Some(a) = e.attr(attr).filter(|a| !a.template) {
                referenced.extend(a.value().split_ascii_whitespace());
            }
        }
        if e.is("label") {
            if let Some(target) = e.attr("for").filter(|a| !a.template) {
                referenced.insert(target.value().trim());
            }
        }
    }
    let referenced_existing: Vec<&str> = referenced
        .into_iter()
        .filter(|r| seen.contains_key(r))
        .collect();
    if !referenced_existing.is_empty() {
        let passes = referenced_existing.iter().all(|r| !duplicated.contains(r));
        checker.audits.record("duplicate-id-aria", passes);
    }
}

fn doc_branch(checker: &HtmlChecker, id: NodeId) -> u32 {
    checker.doc.element(id).map_or(0, |e| e.branch)
}
