//! An estimate of a page's Lighthouse accessibility score from the static
//! checks. Lighthouse scores the weighted mean of its pass/fail audits, each
//! weighted by axe-core's impact (critical 10, serious 7, moderate 3,
//! minor 1); audits with nothing to check are left out. This module keeps
//! the tally for the audits the A11Y rules decide and names the audits
//! Lighthouse would also run that no static check can settle.

use super::tree::{Document, Element, Ns};
use crate::finding::RelPath;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The Lighthouse audits the A11Y rules decide, with their weights.
pub(crate) const JUDGED: &[(&str, u32)] = &[
    ("image-alt", 10),
    ("input-image-alt", 10),
    ("html-has-lang", 7),
    ("label", 10),
    ("select-name", 10),
    ("button-name", 10),
    ("input-button-name", 10),
    ("link-name", 7),
    ("aria-command-name", 7),
    ("tabindex", 7),
    ("aria-valid-attr", 10),
    ("aria-roles", 10),
    ("document-title", 7),
    ("landmark-one-main", 3),
    ("duplicate-id-aria", 10),
    ("color-contrast", 7),
    ("meta-viewport", 10),
];

/// A Lighthouse-weighted estimate for one full HTML document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessibilityEstimate {
    /// 0–100, as Lighthouse rounds its category score.
    pub score: u32,
    pub audits_passed: Vec<String>,
    pub audits_failed: Vec<String>,
    /// Audits Lighthouse would run on this page that no static check can
    /// judge (or, for contrast, could not judge here).
    pub not_judged: Vec<String>,
}

/// A document's estimate, as a scan reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEstimate {
    pub path: RelPath,
    #[serde(flatten)]
    pub estimate: AccessibilityEstimate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Passed,
    Failed,
    Unknown,
}

/// Per-audit outcomes, collected while the rules run.
#[derive(Debug, Default)]
pub(crate) struct Audits {
    verdicts: Vec<(&'static str, Verdict)>,
}

impl Audits {
    fn set(&mut self, audit: &'static str, verdict: Verdict) {
        match self.verdicts.iter_mut().find(|(a, _)| *a == audit) {
            // A failure anywhere fails the audit; unknown beats a pass.
            Some((_, current)) => {
                *current = match (*current, verdict) {
                    (Verdict::Failed, _) | (_, Verdict::Failed) => Verdict::Failed,
                    (Verdict::Unknown, _) | (_, Verdict::Unknown) => Verdict::Unknown,
                    _ => Verdict::Passed,
                }
            }
            None => self.verdicts.push((audit, verdict)),
        }
    }

    /// An element the audit applies to passed or failed.
    pub fn record(&mut self, audit: &'static str, passed: bool) {
        debug_assert!(JUDGED.iter().any(|(a, _)| *a == audit), "{audit}");
        self.set(
            audit,
            if passed {
                Verdict::Passed
            } else {
                Verdict::Failed
            },
        );
    }

    /// An element the audit applies to could not be judged statically.
    pub fn unknown(&mut self, audit: &'static str) {
        self.set(audit, Verdict::Unknown);
    }

    pub fn estimate(&self, doc: &Document) -> AccessibilityEstimate {
        let mut passed_weight = 0;
        let mut total_weight = 0;
        let mut estimate = AccessibilityEstimate {
            score: 0,
            audits_passed: Vec::new(),
            audits_failed: Vec::new(),
            not_judged: Vec::new(),
        };
        for &(audit, weight) in JUDGED {
            match self.verdicts.iter().find(|(a, _)| *a == audit) {
                Some((_, Verdict::Passed)) => {
                    passed_weight += weight;
                    total_weight += weight;
                    estimate.audits_passed.push(audit.to_string());
                }
                Some((_, Verdict::Failed)) => {
                    total_weight += weight;
                    estimate.audits_failed.push(audit.to_string());
                }
                Some((_, Verdict::Unknown)) => estimate.not_judged.push(audit.to_string()),
                None => {}
            }
        }
        estimate
            .not_judged
            .extend(not_judged(doc).into_iter().map(str::to_string));
        estimate.score = if total_weight == 0 {
            100
        } else {
            (100.0 * passed_weight as f64 / total_weight as f64).round() as u32
        };
        estimate
    }
}

/// Lighthouse audits (weight above 0) that need a browser or a person:
/// layout, values of ARIA attributes, structure. Listed in this order.
const NEEDS_A_BROWSER: &[&str] = &[
    "aria-allowed-attr",
    "aria-valid-attr-value",
    "aria-prohibited-attr",
    "aria-conditional-attr",
    "aria-required-attr",
    "aria-required-children",
    "aria-required-parent",
    "aria-hidden-focus",
    "aria-hidden-body",
    "bypass",
    "html-lang-valid",
    "valid-lang",
    "list",
    "listitem",
    "definition-list",
    "dlitem",
    "frame-title",
    "video-caption",
    "object-alt",
    "heading-order",
    "th-has-data-cells",
    "td-headers-attr",
    "meta-refresh",
    "link-in-text-block",
    "target-size",
    "form-field-multiple-labels",
];

/// The audits of `NEEDS_A_BROWSER` that apply to one element.
fn browser_audits(e: &Element, mark: &mut impl FnMut(&'static str)) {
    for attr in &e.attrs {
        let name = attr.name.as_ref();
        if name.starts_with("aria-") {
            for audit in &NEEDS_A_BROWSER[..4] {
                mark(audit);
            }
            if name == "aria-hidden" {
                mark("aria-hidden-focus");
            }
        } else if name == "role" {
            for audit in &NEEDS_A_BROWSER[4..7] {
                mark(audit);
            }
        } else if name == "lang" {
            mark(if e.is("html") {
                "html-lang-valid"
            } else {
                "valid-lang"
            });
        }
    }
    if e.ns != Ns::Html {
        return;
    }
    match e.name.as_ref() {
        "body" => {
            mark("aria-hidden-body");
            mark("bypass");
        }
        "ul" | "ol" => mark("list"),
        "li" => mark("listitem"),
        "dl" => mark("definition-list"),
        "dt" | "dd" => mark("dlitem"),
        "iframe" | "frame" => mark("frame-title"),
        "video" => mark("video-caption"),
        "object" => mark("object-alt"),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => mark("heading-order"),
        "th" => mark("th-has-data-cells"),
        "td" if e.has_attr("headers") => mark("td-headers-attr"),
        "meta"
            if e.value("http-equiv")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh")) =>
        {
            mark("meta-refresh")
        }
        "a" if e.has_attr("href") => {
            mark("link-in-text-block");
            mark("target-size");
        }
        "button" | "input" | "select" => mark("target-size"),
        "label" => mark("form-field-multiple-labels"),
        _ => {}
    }
}

fn not_judged(doc: &Document) -> Vec<&'static str> {
    let mut applicable = BTreeSet::new();
    for (_, e) in doc.elements().filter(|(_, e)| !e.inert) {
        browser_audits(e, &mut |audit| {
            applicable.insert(audit);
        });
        if applicable.len() == NEEDS_A_BROWSER.len() {
            break;
        }
    }
    NEEDS_A_BROWSER
        .iter()
        .copied()
        .filter(|audit| applicable.contains(audit))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::tree;

    #[test]
    fn weighted_mean_of_applicable_audits() {
        let doc = tree::build("<html><body><ul><li>x</ul>");
        let mut audits = Audits::default();
        audits.record("image-alt", false);
        audits.record("image-alt", true);
        audits.record("document-title", true);
        audits.record("landmark-one-main", true);
        audits.unknown("color-contrast");
        let estimate = audits.estimate(&doc);
        // 10 failed, 7 + 3 passed.
        assert_eq!(estimate.score, 50);
        assert_eq!(estimate.audits_failed, ["image-alt"]);
        assert_eq!(
            estimate.not_judged,
            [
                "color-contrast",
                "aria-hidden-body",
                "bypass",
                "list",
                "listitem"
            ]
        );
    }
}
