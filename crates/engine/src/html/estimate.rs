//! An estimate of a page's Lighthouse accessibility score from the static
//! checks. Lighthouse scores the weighted mean of its pass/fail audits, each
//! weighted by axe-core's impact (critical 10, serious 7, moderate 3,
//! minor 1); audits with nothing to check are left out. This module keeps
//! the tally for the audits the A11Y rules decide and names the audits
//! Lighthouse would also run that no static check can settle.

use super::tree::{Document, Element};
use crate::finding::RelPath;
use serde::{Deserialize, Serialize};

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

/// Lighthouse audits (weight above 0) that apply to elements on this page but
/// need a browser or a person: layout, values of ARIA attributes, structure.
const NEEDS_A_BROWSER: &[(&str, fn(&Element) -> bool)] = &[
    ("aria-allowed-attr", has_aria_attribute),
    ("aria-valid-attr-value", has_aria_attribute),
    ("aria-prohibited-attr", has_aria_attribute),
    ("aria-conditional-attr", has_aria_attribute),
    ("aria-required-attr", has_role),
    ("aria-required-children", has_role),
    ("aria-required-parent", has_role),
    ("aria-hidden-focus", |e| e.has_attr("aria-hidden")),
    ("aria-hidden-body", |e| e.is("body")),
    ("bypass", |e| e.is("body")),
    ("html-lang-valid", |e| e.is("html") && e.has_attr("lang")),
    ("valid-lang", |e| !e.is("html") && e.has_attr("lang")),
    ("list", |e| e.is("ul") || e.is("ol")),
    ("listitem", |e| e.is("li")),
    ("definition-list", |e| e.is("dl")),
    ("dlitem", |e| e.is("dt") || e.is("dd")),
    ("frame-title", |e| e.is("iframe") || e.is("frame")),
    ("video-caption", |e| e.is("video")),
    ("object-alt", |e| e.is("object")),
    ("heading-order", |e| {
        ["h1", "h2", "h3", "h4", "h5", "h6"].iter().any(|h| e.is(h))
    }),
    ("th-has-data-cells", |e| e.is("th")),
    ("td-headers-attr", |e| e.is("td") && e.has_attr("headers")),
    ("meta-refresh", |e| {
        e.is("meta")
            && e.value("http-equiv")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh"))
    }),
    ("link-in-text-block", |e| e.is("a") && e.has_attr("href")),
    ("target-size", |e| {
        (e.is("a") && e.has_attr("href")) || e.is("button") || e.is("input") || e.is("select")
    }),
    ("form-field-multiple-labels", |e| e.is("label")),
];

fn has_aria_attribute(e: &Element) -> bool {
    e.attrs.iter().any(|a| a.name.starts_with("aria-"))
}

fn has_role(e: &Element) -> bool {
    e.has_attr("role")
}

fn not_judged(doc: &Document) -> Vec<&'static str> {
    NEEDS_A_BROWSER
        .iter()
        .filter(|(_, applies)| doc.elements().any(|(_, e)| !e.inert && applies(e)))
        .map(|(audit, _)| *audit)
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
