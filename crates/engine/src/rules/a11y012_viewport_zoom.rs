//! A11Y012: a viewport that disables zoom (axe `meta-viewport`).

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::html::tree::{Element, NodeId};
use crate::html::HtmlChecker;

pub static META: RuleMeta = RuleMeta {
    code: "A11Y012",
    name: "viewport-disables-zoom",
    severity: Severity::Error,
    item: Some("accessibility"),
    scope: Scope::Html,
    summary: "`<meta name=\"viewport\">` disables zooming",
    doc: Doc {
        what: "Flags a `<meta name=\"viewport\">` whose `content` sets `user-scalable=no` (or a number between -1 and 1, such as `0`) or a `maximum-scale` below 2 (`yes` counts as 1), read as axe-core reads it: comma- or semicolon-separated `key=value` pairs, case-insensitive, leading numbers as in JavaScript's `parseFloat`. A templated `content` is not judged.",
        why: "WCAG 1.4.4 (Resize Text): people with low vision pinch to zoom on phones; a viewport that forbids it leaves them unable to read the page.",
        bad: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no\">",
        good: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        fix: "Remove `user-scalable=no` and any `maximum-scale` below 2 (or remove `maximum-scale` entirely).",
    },
};

/// JavaScript's `parseFloat`: the longest leading decimal number.
fn parse_float(text: &str) -> Option<f64> {
    let text = text.trim_start();
    let bytes = text.as_bytes();
    let mut end = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let mut seen_digit = false;
    let mut seen_dot = false;
    while end < bytes.len() {
        match bytes[end] {
            b'0'..=b'9' => seen_digit = true,
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
        end += 1;
    }
    if !seen_digit {
        return None;
    }
    text[..end].trim_end_matches('.').parse().ok()
}

/// Why the content disables zoom, if it does.
fn disables_zoom(content: &str) -> Option<String> {
    let mut user_scalable = None;
    let mut maximum_scale = None;
    for item in content.split([',', ';']) {
        let Some((key, value)) = item.trim().split_once('=') else {
            continue;
        };
        let (key, value) = (
            key.trim().to_ascii_lowercase(),
            value.trim().to_ascii_lowercase(),
        );
        if key.is_empty() || value.is_empty() {
            continue;
        }
        match key.as_str() {
            "user-scalable" => user_scalable = Some(value),
            "maximum-scale" => {
                let scale = if value == "yes" {
                    Some(1.0)
                } else {
                    parse_float(&value)
                };
                if scale.is_none_or(|s| s >= 0.0) {
                    maximum_scale = Some((value, scale));
                }
            }
            _ => {}
        }
    }
    if let Some(value) = &user_scalable {
        if value == "no" {
            return Some("`user-scalable=no`".to_string());
        }
        if parse_float(value).is_some_and(|n| n > -1.0 && n < 1.0) {
            return Some(format!("`user-scalable={value}`"));
        }
    }
    if let Some((value, Some(scale))) = maximum_scale {
        if scale < 2.0 {
            return Some(format!("`maximum-scale={value}`"));
        }
    }
    None
}

pub(crate) fn check(checker: &mut HtmlChecker, id: NodeId, e: &Element) {
    let is_viewport = e.is("meta")
        && e.value("name")
            .is_some_and(|n| n.trim().eq_ignore_ascii_case("viewport"));
    if !is_viewport {
        return;
    }
    let Some(content) = e.attr("content").filter(|c| !c.template) else {
        if e.has_attr("content") {
            return;
        }
        checker.audits.record("meta-viewport", true);
        return;
    };
    let reason = disables_zoom(content.value());
    checker.audits.record("meta-viewport", reason.is_none());
    if let Some(reason) = reason {
        checker.report(
            META.code,
            id,
            format!("the viewport's {reason} stops people from zooming; remove it (a `maximum-scale` must be at least 2)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_viewport_content_as_axe_does() {
        assert!(disables_zoom("width=device-width, user-scalable=no").is_some());
        assert!(disables_zoom("width=device-width; user-scalable=0").is_some());
        assert!(disables_zoom("maximum-scale=1.5").is_some());
        assert!(disables_zoom("maximum-scale=yes").is_some());
        assert!(disables_zoom("maximum-scale=2, user-scalable=yes").is_none());
        assert!(disables_zoom("maximum-scale=-1").is_none());
        assert!(disables_zoom("width=device-width, initial-scale=1").is_none());
        assert_eq!(parse_float("1.5x"), Some(1.5));
        assert_eq!(parse_float("abc"), None);
    }
}
