//! A11Y011: text colour against its background below WCAG AA (axe
//! `color-contrast`), where both are known from the page itself.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::css::contrast;
use crate::html::entities;
use crate::html::style::Computed;
use crate::html::tree::{Element, NodeData, NodeId, Ns};
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y011",
    name: "low-contrast-text",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "text colour against its background is below 4.5:1 (3:1 for large text)",
    doc: Doc {
        what: "Flags an element whose own text has a WCAG 2.x contrast ratio below 4.5:1 against its background, or below 3:1 for large text (at least 24px, or 18.66px and bold). Colours come from inline `style`, `<style>` rules whose selectors use types, classes, ids, `:root` and descendant/child combinators (with specificity, `!important` and source order), presentational attributes (`bgcolor`, `<font color>`), the browser's defaults (links #0000EE, `<mark>`, headings' sizes and weights, `b`/`strong`/`th` bold), inheritance, and translucent backgrounds composited over known ones; hex (3/4/6/8 digits), `rgb()`/`rgba()`, `hsl()`/`hsla()` and named colours are understood. It says nothing where a colour cannot be known statically: background images and gradients, `var()`/`calc()`, template expressions, rules inside `@media` or with selectors it cannot evaluate (attribute, sibling, structural pseudo-classes) that might apply, opacity, filters, blend modes and text shadows. A white canvas with black 16px text is assumed only for a full document (`<html>`) that links no external style sheet; in fragments and pages with external CSS only explicitly set colours are judged. Disabled controls' text, text inside an `inert` subtree and hidden text are skipped, as in axe-core.",
        why: "WCAG 1.4.3 (Contrast, Minimum): about one in twelve men has a colour vision deficiency, and low vision, glare and cheap screens make faint text unreadable for many more.",
        bad: "<p style=\"color: #999; background: #fff\">Payment is due in 14 days.</p>",
        good: "<p style=\"color: #595959; background: #fff\">Payment is due in 14 days.</p>",
        fix: "Darken the text or lighten the background (or vice versa) until the ratio reaches 4.5:1 — 3:1 for text at least 24px, or 18.66px bold. A contrast checker shows the nearest passing colour.",
    },
};

/// Large text per WCAG: `Some(true/false)`, `None` when size or weight is unknown.
fn large_text(style: &Computed) -> Option<bool> {
    let px = style.font_px?;
    if px >= 24.0 {
        return Some(true);
    }
    if px < 18.66 {
        return Some(false);
    }
    style.weight.map(|w| w >= 700)
}

pub(crate) fn check(checker: &mut HtmlChecker, styles: &[Computed], id: NodeId, e: &Element) {
    let doc = checker.doc;
    if e.ns != Ns::Html
        || matches!(
            e.name.as_ref(),
            "select" | "option" | "optgroup" | "textarea" | "script" | "style" | "title"
        )
    {
        return;
    }
    let has_text = doc
        .children(id)
        .any(|child| match doc.nodes[child as usize].data {
            NodeData::Text {
                start,
                end,
                template,
            } => {
                template
                    || entities::decode(doc.text(start, end))
                        .chars()
                        .any(|c| !c.is_whitespace())
            }
            _ => false,
        });
    let style = &styles[id as usize];
    if !has_text || style.hidden {
        return;
    }
    let incidental = checker.sem.disabled(id)
        || doc.ancestors(id).any(|(ancestor, a)| {
            checker.sem.disabled(ancestor)
                || a.value("aria-disabled")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        })
        || e.value("aria-disabled")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    // Text inside an `inert` subtree cannot be perceived as content that
    // needs to be read (axe's `color-contrast-matches` skips it).
    let inert = e.has_attr("inert") || doc.ancestors(id).any(|(_, a)| a.has_attr("inert"));
    if incidental || inert || style.font_px == Some(0.0) {
        return;
    }
    let (Some(fg), Some(bg), false) = (style.color, style.background, style.obscured) else {
        checker.audits.unknown("color-contrast");
        return;
    };
    let fg = if fg.a < 1.0 { fg.over(bg) } else { fg };
    let ratio = contrast(fg, bg);
    // Same colour as the background is usually deliberately hidden text;
    // axe leaves it for a person to review.
    if ratio <= 1.0 + 1e-9 {
        checker.audits.unknown("color-contrast");
        return;
    }
    let large = large_text(style);
    let required = if large == Some(false) { 4.5 } else { 3.0 };
    if large.is_none() && (3.0..4.5).contains(&ratio) {
        checker.audits.unknown("color-contrast");
        return;
    }
    let passes = ratio >= required;
    checker.audits.record("color-contrast", passes);
    if !passes {
        let (kind, threshold) = match large {
            Some(true) => ("large text", "the 3:1 WCAG AA asks of large text"),
            Some(false) => ("text", "the 4.5:1 WCAG AA asks for"),
            None => ("text", "3:1, which fails at any text size"),
        };
        checker.report(
            META.code,
            id,
            format!(
                "{kind} {} on {} has contrast {:.2}:1, below {threshold}",
                fg.hex(),
                bg.hex(),
                (ratio * 100.0).floor() / 100.0
            ),
        );
    }
}
