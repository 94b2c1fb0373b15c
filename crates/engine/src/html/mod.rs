//! HTML support: a span-preserving, template-aware tokenizer and tree
//! builder, computed style for contrast, accessibility semantics, and the
//! checker that walks the elements once and hands each to the A11Y rules.
//! Everything outside sees `RawFinding`s, directives and an estimate.

pub(crate) mod aria;
pub(crate) mod css;
pub(crate) mod entities;
pub mod estimate;
pub(crate) mod semantics;
pub(crate) mod style;
pub(crate) mod tokenizer;
pub(crate) mod tree;

use crate::noqa::{self, Directive};
use crate::python::RawFinding;
use crate::rules::*;
use crate::text::LineIndex;
use estimate::{AccessibilityEstimate, Audits};
use semantics::Semantics;
use tree::{Document, Element, NodeData, NodeId};

pub(crate) struct HtmlOutput {
    pub findings: Vec<RawFinding>,
    pub directives: Vec<Directive>,
    /// For full documents (`<html>` present).
    pub estimate: Option<AccessibilityEstimate>,
}

/// What the A11Y rules see: the tree, its semantics and styles, and where
/// their findings and audit verdicts go.
pub(crate) struct HtmlChecker<'d, 'a> {
    pub doc: &'d Document<'a>,
    pub sem: Semantics<'d, 'a>,
    pub findings: Vec<RawFinding>,
    pub audits: Audits,
}

impl HtmlChecker<'_, '_> {
    /// A finding at the start tag of element `id`.
    pub fn report(&mut self, code: &'static str, id: NodeId, message: impl Into<String>) {
        let e = self.doc.element(id).expect("findings sit on elements");
        self.findings.push(RawFinding {
            rule: code,
            start: e.start,
            end: e.end,
            message: message.into(),
            related: Vec::new(),
        });
    }

    /// Elements the rules that follow axe skip: hidden from assistive
    /// technology, inside `<template>`, or foreign (SVG/MathML) content.
    pub fn skipped(&self, id: NodeId, e: &Element) -> bool {
        e.ns != tree::Ns::Html || self.sem.hidden(id)
    }
}

/// Style sheets in `<style>` elements, and whether the page links others.
fn style_sheets(doc: &Document) -> style::Sheets {
    let mut sheets = style::Sheets::new();
    for (id, e) in doc.elements() {
        if e.inert {
            continue;
        }
        if e.is("style") {
            for child in doc.children(id) {
                if let NodeData::Text { start, end, .. } = doc.nodes[child as usize].data {
                    sheets.add(doc.text(start, end), e.value("media"));
                }
            }
        }
        // A print-only sheet does not change what the screen shows.
        let stylesheet_link = e.is("link")
            && e.value("rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("stylesheet"))
            })
            && e.value("media").map(style::media) != Some(style::Media::Never);
        if stylesheet_link {
            sheets.external = true;
        }
    }
    sheets
}

/// `<!-- noqa: CODE -->` comments.
fn directives(doc: &Document, index: &LineIndex) -> Vec<Directive> {
    doc.comments
        .iter()
        .filter(|(_, _, body)| body.to_ascii_lowercase().contains("noqa"))
        .filter_map(|&(start, end, body)| {
            noqa::parse_html_comment(body, index.line_of(start), start, end)
        })
        .collect()
}

/// Parses and checks one HTML file. Every rule runs (the estimate needs all
/// verdicts); the caller keeps the findings of the enabled ones.
pub(crate) fn check(text: &str, index: &LineIndex) -> HtmlOutput {
    let doc = tree::build(text);
    let sheets = style_sheets(&doc);
    let defaults_known = doc.html.is_some() && !sheets.external;
    let styles = style::compute(&doc, &sheets, defaults_known);
    let mut checker = HtmlChecker {
        doc: &doc,
        sem: Semantics::new(&doc, &styles),
        findings: Vec::new(),
        audits: Audits::default(),
    };
    for (id, e) in doc.elements() {
        if e.inert {
            continue;
        }
        a11y001_image_alt::check(&mut checker, id, e);
        a11y003_form_label::check(&mut checker, id, e);
        a11y004_control_name::check(&mut checker, id, e);
        a11y005_click_not_focusable::check(&mut checker, id, e);
        a11y006_positive_tabindex::check(&mut checker, id, e);
        a11y007_invalid_aria::check(&mut checker, id, e);
        a11y011_contrast::check(&mut checker, &styles, id, e);
        a11y012_viewport_zoom::check(&mut checker, id, e);
    }
    a11y010_duplicate_id::check_document(&mut checker);
    if let Some(html) = doc.html {
        a11y002_html_lang::check_document(&mut checker, html);
        a11y008_document_title::check_document(&mut checker, html);
        a11y009_main_landmark::check_document(&mut checker, html);
    }
    if let Some(offset) = doc.too_deep {
        checker.findings.push(RawFinding {
            rule: syn001_unreadable::META.code,
            start: offset,
            end: offset,
            message: format!(
                "elements nested deeper than {} levels; deeper ones are checked as if flattened, as browsers do",
                tree::MAX_DEPTH
            ),
            related: Vec::new(),
        });
    }
    let estimate = doc.html.map(|_| checker.audits.estimate(&doc));
    HtmlOutput {
        findings: checker.findings,
        directives: directives(&doc, index),
        estimate,
    }
}
