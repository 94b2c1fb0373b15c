//! A11Y008: a full document without a title (axe `document-title`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::entities;
use crate::html::tree::{NodeData, NodeId};
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y008",
    name: "document-without-title",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "a full document has no non-empty `<title>`",
    doc: Doc {
        what: "Flags a full document (one with an `<html>` element) whose first HTML `<title>` is missing — reported at `<html>` — or holds only white space — reported at the `<title>`. An SVG `<title>` does not count. Template syntax in the title (`{{ page_title }}`, `{% block title %}`) counts as text. Fragments (templates without `<html>`) are not checked.",
        why: "WCAG 2.4.2 (Page Titled): the title is the first thing a screen reader announces and what identifies the page in tabs, history and bookmarks.",
        bad: "<html lang=\"en\">\n  <head><meta charset=\"utf-8\"></head>",
        good: "<html lang=\"en\">\n  <head><title>Invoices – Acme</title></head>",
        fix: "Add a `<title>` to the `<head>` that says what the page is, most specific part first.",
    },
};

pub(crate) fn check_document(checker: &mut HtmlChecker, html: NodeId) {
    let doc = checker.doc;
    let Some(title) = doc
        .elements()
        .find(|(_, e)| e.is("title") && !e.inert)
        .map(|(id, _)| id)
    else {
        checker.audits.record("document-title", false);
        checker.report(
            META.code,
            html,
            "the document has no `<title>`; add one to the `<head>` that says what the page is",
        );
        return;
    };
    let has_text = doc
        .children(title)
        .any(|child| match doc.nodes[child as usize].data {
            NodeData::Text { start, end, .. } => {
                let text = doc.text(start, end);
                text.contains("{{")
                    || text.contains("{%")
                    || entities::decode(text).chars().any(|c| !c.is_whitespace())
            }
            _ => false,
        });
    checker.audits.record("document-title", has_text);
    if !has_text {
        checker.report(
            META.code,
            title,
            "the `<title>` is empty; say what the page is",
        );
    }
}
