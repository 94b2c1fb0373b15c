//! A11Y002: `<html>` without a language (axe `html-has-lang`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::semantics::non_empty;
use crate::html::tree::NodeId;
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y002",
    name: "html-without-lang",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "the document's `<html>` element has no `lang`",
    doc: Doc {
        what: "Flags the `<html>` start tag of a full document when it has no `lang` attribute, or one that is empty or white space. `xml:lang` alone does not count (it has no effect in HTML). A templated value (`lang=\"{{ locale }}\"`) counts as present; an `<html {{ attrs }}>` whose attributes come from a template is not flagged.",
        why: "WCAG 3.1.1 (Language of Page): screen readers choose their pronunciation rules from the page language. Without it, a French page is read out with English phonetics.",
        bad: "<!doctype html>\n<html>\n  <head><title>Accueil</title></head>",
        good: "<!doctype html>\n<html lang=\"fr\">\n  <head><title>Accueil</title></head>",
        fix: "Add `lang` with the page's primary language (a BCP 47 tag such as `en`, `fr`, `pt-BR`) to the `<html>` element.",
    },
};

pub(crate) fn check_document(checker: &mut HtmlChecker, html: NodeId) {
    let Some(e) = checker.doc.element(html) else {
        return;
    };
    if e.template {
        return;
    }
    let passes = non_empty(e, "lang");
    checker.audits.record("html-has-lang", passes);
    if !passes {
        checker.report(
            META.code,
            html,
            "`<html>` has no `lang`; add the page's language, e.g. `<html lang=\"en\">`",
        );
    }
}
