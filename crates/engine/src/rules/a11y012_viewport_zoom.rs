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
        what: "Flags a `<meta name=\"viewport\">` whose `content` sets `user-scalable` to anything but `yes` (`no`, `false`, `none`, …) or a number between -1 and 1 (such as `0`), or a `maximum-scale` below 2 or that is not a number (`yes`, `abc`; a negative value is ignored), read as axe-core reads it: comma- or semicolon-separated `key=value` pairs, case-insensitive, numbers as JavaScript's `parseFloat` reads them (`1e1` is 10), and a key given twice fails if either value does. A templated `content` is not judged.",
        why: "WCAG 1.4.4 (Resize Text): people with low vision pinch to zoom on phones; a viewport that forbids it leaves them unable to read the page.",
        bad: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no\">",
        good: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        fix: "Remove `user-scalable=no` and any `maximum-scale` below 2 (or remove `maximum-scale` entirely).",
    },
};

/// JavaScript's `parseFloat`: the longest leading decimal literal (with an
/// optional exponent, so `"1e1"` is 10), or `Infinity`; `None` for NaN.
fn parse_float(text: &str) -> Option<f64> {
    let text = text.trim_start();
    let bytes = text.as_bytes();
    let sign = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    if text[sign..].starts_with("Infinity") {
        return Some(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let integer = digits(sign);
    let mut end = sign + integer;
    let mut mantissa = integer;
    if bytes.get(end) == Some(&b'.') {
        let fraction = digits(end + 1);
        mantissa += fraction;
        if integer > 0 || fraction > 0 {
            end += 1 + fraction;
        }
    }
    if mantissa == 0 {
        return None;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let exponent_sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let exponent = digits(end + 1 + exponent_sign);
        if exponent > 0 {
            end += 1 + exponent_sign + exponent;
        }
    }
    text[..end].trim_end_matches('.').parse().ok()
}

/// Why the content disables zoom, if it does: axe-core's
/// `meta-viewport-scale` check, entry by entry, failing at the first bad one
/// (so a repeated key fails if any of its values does).
fn disables_zoom(content: &str) -> Option<String> {
    let content = content.to_lowercase();
    for item in content.split([',', ';']) {
        // axe splits on every `=` and keeps the first two parts.
        let mut parts = item.split('=').map(str::trim);
        let (Some(key), Some(value)) = (parts.next(), parts.next()) else {
            continue;
        };
        if key.is_empty() || value.is_empty() {
            continue;
        }
        let number = parse_float(value);
        let fails = match key {
            // `no`, `false`, `none` and any other word but `yes` (and the
            // device sizes browsers take for it) disable zoom, as do numbers
            // between -1 and 1.
            "user-scalable" => match number {
                None => !matches!(value, "yes" | "device-width" | "device-height"),
                Some(n) => n > -1.0 && n < 1.0,
            },
            // A negative scale is ignored; a value that is not a number
            // (`yes`, `abc`) fails like a scale below 2.
            "maximum-scale" => match number {
                Some(n) if n < 0.0 => false,
                None => !matches!(value, "device-width" | "device-height"),
                Some(n) => n < 2.0,
            },
            _ => false,
        };
        if fails {
            return Some(format!("`{key}={value}`"));
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
        assert!(disables_zoom("user-scalable=FALSE").is_some());
        assert!(disables_zoom("user-scalable=none").is_some());
        assert!(disables_zoom("user-scalable=device-width").is_none());
        assert!(disables_zoom("maximum-scale=abc").is_some());
        assert!(disables_zoom("maximum-scale=device-width").is_none());
        assert!(disables_zoom("maximum-scale=3, maximum-scale=1").is_some());
        assert!(disables_zoom("maximum-scale=1e1").is_none());
        assert_eq!(parse_float("1.5x"), Some(1.5));
        assert_eq!(parse_float("1e1"), Some(10.0));
        assert_eq!(parse_float(".5"), Some(0.5));
        assert_eq!(parse_float("2."), Some(2.0));
        assert_eq!(parse_float("1e"), Some(1.0));
        assert_eq!(parse_float("-1.5e-1x"), Some(-0.15));
        assert_eq!(parse_float("Infinity"), Some(f64::INFINITY));
        assert_eq!(parse_float("."), None);
        assert_eq!(parse_float("abc"), None);
    }
}
