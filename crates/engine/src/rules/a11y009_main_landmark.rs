//! A11Y009: a full document without a `main` landmark (axe
//! `landmark-one-main`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::aria;
use crate::html::tree::NodeId;
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y009",
    name: "document-without-main",
    severity: Severity::Warning,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "a full document has no `main` landmark",
    doc: Doc {
        what: "Flags the `<html>` start tag of a full document that has no `<main>` element (without an overriding `role`) and no element with `role=\"main\"`, outside `<template>` and not hidden. Fragments (templates without `<html>`) are not checked: the layout they extend decides.",
        why: "WCAG 1.3.1 and 2.4.1: screen reader users jump straight to the main landmark to skip the header and navigation on every page. Without one they listen to them again each time.",
        bad: "<body>\n  <nav>…</nav>\n  <div class=\"content\">…</div>\n</body>",
        good: "<body>\n  <nav>…</nav>\n  <main>…</main>\n</body>",
        fix: "Wrap the page's primary content in one `<main>` element.",
    },
};

pub(crate) fn check_document(checker: &mut HtmlChecker, html: NodeId) {
    let sem = &checker.sem;
    let has_main = checker.doc.elements().any(|(id, e)| {
        let is_main = match aria::explicit_role(e) {
            Some(role) => role == "main",
            None => e.is("main") && !e.has_attr("role"),
        };
        is_main && !e.inert && !sem.hidden(id)
    });
    checker.audits.record("landmark-one-main", has_main);
    if !has_main {
        checker.report(
            META.code,
            html,
            "the document has no `main` landmark; wrap the primary content in `<main>`",
        );
    }
}
