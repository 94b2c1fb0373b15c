//! A11Y011: text colour against its background below WCAG AA (axe
//! `color-contrast`), where both are known from the page itself.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::css::contrast;
use crate::html::entities;
use crate::html::semantics::input_type;
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
        what: "Flags an element whose own text has a WCAG 2.x contrast ratio below 4.5:1 against its background, or below 3:1 for large text (at least 24px, or 18.66px and bold). Colours come from inline `style`, `<style>` rules whose selectors use types, classes, ids, `:root` and descendant/child combinators (with specificity, `!important` and source order), presentational attributes (`bgcolor`, `<font color>`), the browser's defaults (links #0000EE, `<mark>`, headings' sizes and weights, `b`/`strong`/`th` bold), inheritance, and translucent backgrounds composited over known ones; hex (3/4/6/8 digits), `rgb()`/`rgba()`, `hsl()`/`hsla()` and named colours are understood. It says nothing where a colour cannot be known statically: background images and gradients, `var()`/`calc()`, template expressions, rules inside `@media`/`@supports` or with selectors it cannot evaluate (attribute, sibling, structural pseudo-classes) that might apply, opacity, filters, blend modes and text shadows. Style sheets and `@media` blocks only for print or speech are ignored; nested rules (CSS nesting, `&`) apply in order; `unset` and `revert` on `color` inherit (or take the browser's value). Like axe-core, it leaves for a person to review (says nothing about) text of a single character that fails, text that is only symbols such as arrows or icon-font glyphs, and text whose ratio truncates to 1.00; text that is only punctuation or emoji is not checked. A white canvas with black 16px text is assumed only for a full document (`<html>`) that links no external style sheet; in fragments and pages with external CSS only explicitly set colours are judged. Disabled controls' text, the labels of disabled controls (`<label for>`, a wrapping `<label>`, or `aria-labelledby` targets of only disabled controls), text inside an `inert` subtree and hidden text are skipped, as in axe-core.",
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
    let Some(text) = own_text(checker, id) else {
        return;
    };
    let style = &styles[id as usize];
    if style.hidden {
        return;
    }
    // Text inside an `inert` subtree cannot be perceived as content that
    // needs to be read (axe's `color-contrast-matches` skips it), nor can the
    // text of a disabled control or the label of one.
    let inert = e.has_attr("inert") || doc.ancestors(id).any(|(_, a)| a.has_attr("inert"));
    if axe_disabled(checker, id) || labels_disabled_control(checker, id) || inert {
        return;
    }
    if style.font_px == Some(0.0) {
        return;
    }
    let (Some(fg), Some(bg), false) = (style.color, style.background, style.obscured) else {
        checker.audits.unknown("color-contrast");
        return;
    };
    let fg = if fg.a < 1.0 { fg.over(bg) } else { fg };
    let ratio = contrast(fg, bg);
    // Text of the background's colour (a ratio that truncates to 1.00) is
    // usually deliberately hidden; text made only of symbols (arrows, box
    // drawing, private-use icon fonts) may be an icon. axe leaves both for a
    // person to review ("incomplete"), and so do we.
    if (ratio * 100.0).floor() / 100.0 <= 1.0 || text.symbols_only {
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
    // A single character that fails (`|`, `×`, `1`) is "incomplete" in axe.
    if !passes && text.single_character {
        checker.audits.unknown("color-contrast");
        return;
    }
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

/// What axe's contrast rule makes of an element's own text (its text
/// children, white space collapsed).
struct OwnText {
    /// One UTF-16 unit long, as JavaScript counts (`"|"`, `"x"`).
    single_character: bool,
    /// Only symbols axe treats as possible icons (its "non-BMP" ranges:
    /// arrows, maths, box drawing, dingbats, private use).
    symbols_only: bool,
}

/// The element's own text, or `None` where the rule does not apply: no text,
/// or only punctuation and emoji (axe's `hasRealTextChildren`).
fn own_text(checker: &HtmlChecker, id: NodeId) -> Option<OwnText> {
    let doc = checker.doc;
    let mut text = String::new();
    let mut template = false;
    for child in doc.children(id) {
        if let NodeData::Text {
            start,
            end,
            template: t,
        } = doc.nodes[child as usize].data
        {
            template |= t;
            text.push_str(&entities::decode(doc.text(start, end)));
            text.push(' ');
        }
    }
    if template {
        // Whatever the template writes is real text of unknown length.
        return Some(OwnText {
            single_character: false,
            symbols_only: false,
        });
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text
        .chars()
        .all(|c| c == ' ' || is_punctuation(c) || is_emoji(c))
    {
        return None;
    }
    Some(OwnText {
        single_character: text.encode_utf16().count() == 1,
        symbols_only: text.chars().any(is_icon_symbol)
            && text
                .chars()
                .all(|c| c == ' ' || is_icon_symbol(c) || is_variation_selector(c)),
    })
}

/// axe's punctuation class (`getPunctuationRegExp`).
fn is_punctuation(c: char) -> bool {
    matches!(c,
        '\u{2000}'..='\u{206F}' | '\u{2E00}'..='\u{2E7F}' | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}' | '\u{3030}' | '\u{3036}'..='\u{3037}'
        | '\u{303D}'..='\u{303F}' | '\u{30FB}' | '\u{FE10}'..='\u{FE1F}'
        | '\u{FE30}'..='\u{FE4F}' | '\u{FE50}'..='\u{FE6F}' | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        | '£' | '¢' | '¥' | '§' | '€' | '±')
        || (c.is_ascii_punctuation())
}

/// Emoji as axe's `emoji-regex` finds them, approximated by the blocks that
/// hold emoji and their joiners, selectors, keycaps and tags.
fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2300}'..='\u{23FF}'
        | '\u{2B00}'..='\u{2BFF}' | '\u{2190}'..='\u{21FF}' | '\u{25A0}'..='\u{25FF}'
        | '\u{2934}'..='\u{2935}' | '\u{200D}' | '\u{20E3}' | '\u{E0020}'..='\u{E007F}'
        | '©' | '®' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}' | '\u{24C2}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
        || is_variation_selector(c)
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// axe's "non-BMP" class (`getUnicodeNonBmpRegExp` and friends): symbols
/// that icon fonts and decorations use.
fn is_icon_symbol(c: char) -> bool {
    matches!(c,
        '\u{1D00}'..='\u{1DFF}' | '\u{20A0}'..='\u{27BF}' | '\u{E000}'..='\u{F8FF}'
        | '\u{F0000}'..='\u{10FFFF}' | '\u{AD}' | '\u{600}'..='\u{605}' | '\u{61C}'
        | '\u{6DD}' | '\u{70F}' | '\u{8E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Disabled as axe's `isDisabled` reads it: a disabled form control (or one
/// in a disabled `<fieldset>`), or `aria-disabled="true"` here or above.
fn axe_disabled(checker: &HtmlChecker, id: NodeId) -> bool {
    let aria_disabled = |e: &Element| {
        e.value("aria-disabled")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    };
    let sem = &checker.sem;
    sem.disabled(id)
        || checker.doc.element(id).is_some_and(aria_disabled)
        || checker
            .doc
            .ancestors(id)
            .any(|(ancestor, a)| sem.disabled(ancestor) || aria_disabled(a))
}

/// Text that labels a disabled control is exempt like the control's own
/// (axe's `color-contrast-matches`): a `<label>` (or text inside one) whose
/// `for` target or first form control is disabled, or text inside an element
/// whose id only disabled controls' `aria-labelledby` name.
fn labels_disabled_control(checker: &HtmlChecker, id: NodeId) -> bool {
    let doc = checker.doc;
    let sem = &checker.sem;
    let label = std::iter::once(id)
        .chain(doc.ancestors(id).map(|(a, _)| a))
        .find(|&n| doc.element(n).is_some_and(|e| e.is("label")));
    if let Some(label) = label {
        let label_element = doc.element(label).expect("found as an element");
        let target = label_element
            .value("for")
            .and_then(|target| sem.element_by_id(target));
        if target.is_some_and(|t| axe_disabled(checker, t)) {
            return true;
        }
        let first_control = (label + 1..doc.nodes[label as usize].subtree_end).find(|&n| {
            doc.element(n).is_some_and(|e| {
                e.is("select")
                    || e.is("textarea")
                    || (e.is("input")
                        && !matches!(
                            input_type(e).as_str(),
                            "hidden" | "image" | "button" | "submit" | "reset"
                        ))
            })
        });
        if first_control.is_some_and(|c| axe_disabled(checker, c)) {
            return true;
        }
    }
    let mut controls = std::iter::once(id)
        .chain(doc.ancestors(id).map(|(a, _)| a))
        .filter_map(|n| doc.element(n)?.value("id").filter(|v| !v.is_empty()))
        .flat_map(|own_id| sem.labelled_by_it(own_id))
        .peekable();
    controls.peek().is_some() && controls.all(|c| axe_disabled(checker, c))
}
