//! The standard's checklist: each item's status per scan, as RULES.md
//! defines it (fail › needs review › pass; not applicable when no file of the
//! item's kind exists), and the score.

use crate::config::Settings;
use crate::html::estimate::DocumentEstimate;
use crate::project::ProjectFacts;
use crate::rules::REGISTRY;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    NotApplicable,
    NeedsReview,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotApplicable => "not_applicable",
            Status::NeedsReview => "needs_review",
        }
    }
}

/// What kind of file makes an item applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applies {
    Python,
    AsyncCode,
    Tests,
    AsyncTests,
    Html,
    PythonOrManifest,
    AnyFile,
}

pub struct Item {
    pub id: &'static str,
    pub title: &'static str,
    /// The part of the item no tool decides, if any.
    pub review_part: Option<&'static str>,
    applies: Applies,
}

pub static ITEMS: &[Item] = &[
    Item {
        id: "async-taskgroups",
        title: "Async uses AnyIO TaskGroups",
        review_part: None,
        applies: Applies::AsyncCode,
    },
    Item {
        id: "bounded-buffers",
        title: "Buffers are bounded",
        review_part: None,
        applies: Applies::Python,
    },
    Item {
        id: "explicit-cleanup",
        title: "Explicit cleanup methods",
        review_part: None,
        applies: Applies::Python,
    },
    Item {
        id: "dependency-injection",
        title: "Dependency injection over globals",
        review_part: None,
        applies: Applies::Python,
    },
    Item {
        id: "memory-profiling",
        title: "Memory profiling in tests (tracemalloc)",
        review_part: None,
        applies: Applies::Tests,
    },
    Item {
        id: "performance-comments",
        title: "Performance impact comments",
        review_part: Some("performance impact is explained where it matters"),
        applies: Applies::Python,
    },
    Item {
        id: "memory-limits",
        title: "Hard memory limits (<10MB per session)",
        review_part: Some("each session stays under 10 MB"),
        applies: Applies::Python,
    },
    Item {
        id: "torch-free",
        title: "Torch-free",
        review_part: None,
        applies: Applies::PythonOrManifest,
    },
    Item {
        id: "accessibility",
        title: "Accessibility (WCAG 2.2 AA)",
        review_part: Some("Lighthouse accessibility score 95+"),
        applies: Applies::Html,
    },
    Item {
        id: "permissions",
        title: "Permissions",
        review_part: None,
        applies: Applies::AnyFile,
    },
    Item {
        id: "async-testing",
        title: "Async testing",
        review_part: None,
        applies: Applies::AsyncTests,
    },
    Item {
        id: "error-handling",
        title: "Error handling and logging",
        review_part: None,
        applies: Applies::Python,
    },
    Item {
        id: "clarity",
        title: "Clarity",
        review_part: Some("names are meaningful"),
        applies: Applies::Python,
    },
];

/// A person's verdict on an item (kept by the store; `None` until one exists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub verdict: Status,
    pub reviewer: String,
    pub at: String,
    pub note: String,
    pub stale: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemResult {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Status,
    pub partially_checked: bool,
    /// What was switched off, in words, when partially checked.
    pub switched_off: Vec<String>,
    pub rules: Vec<&'static str>,
    pub findings: u64,
    pub review: Option<Review>,
    /// What the scan found toward the part a person decides, if anything.
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checklist {
    pub items: Vec<ItemResult>,
    /// 100 × pass ÷ (pass + fail + needs review), rounded down; `None` when
    /// no item counts.
    pub score: Option<u32>,
}

pub struct Inputs<'a> {
    pub settings: &'a Settings,
    pub facts: &'a ProjectFacts,
    /// Unsuppressed findings per rule.
    pub by_rule: &'a BTreeMap<String, u64>,
    /// Paths left out by `exclude`/`extend-exclude`.
    pub excluded_paths: u64,
    /// Permission rules can be judged (Unix modes from the file system).
    pub permissions_known: bool,
    pub reviews: &'a BTreeMap<String, Review>,
    /// Estimated Lighthouse accessibility scores of full HTML documents.
    pub accessibility_estimates: &'a [DocumentEstimate],
}

/// The lowest Lighthouse estimate over the documents, for the reviewer who
/// confirms "Lighthouse 95+" with a real run.
fn accessibility_evidence(estimates: &[DocumentEstimate]) -> Option<String> {
    let lowest = estimates.iter().min_by_key(|e| e.estimate.score)?;
    Some(format!(
        "estimated Lighthouse accessibility score (static checks only): lowest {} ({}) over {} document{}; confirm 95+ with Lighthouse",
        lowest.estimate.score,
        lowest.path,
        estimates.len(),
        if estimates.len() == 1 { "" } else { "s" }
    ))
}

pub fn evaluate(inputs: &Inputs) -> Checklist {
    let facts = inputs.facts;
    let mut items = Vec::with_capacity(ITEMS.len());
    for item in ITEMS {
        let rules: Vec<&'static str> = REGISTRY
            .iter()
            .filter(|r| r.item == Some(item.id))
            .map(|r| r.code)
            .collect();
        let findings: u64 = rules
            .iter()
            .map(|code| inputs.by_rule.get(*code).copied().unwrap_or(0))
            .sum();
        let applicable = match item.applies {
            Applies::Python => facts.python_files > 0,
            Applies::AsyncCode => facts.has_async_code,
            Applies::Tests => facts.test_file_count > 0,
            Applies::AsyncTests => facts.async_tests > 0,
            Applies::Html => facts.html_files > 0,
            Applies::PythonOrManifest => facts.python_files > 0 || facts.manifest_files > 0,
            Applies::AnyFile => inputs.permissions_known,
        };

        let mut switched_off = Vec::new();
        let off: Vec<&str> = rules
            .iter()
            .copied()
            .filter(|c| inputs.settings.switched_off.contains(c))
            .collect();
        if !off.is_empty() {
            switched_off.push(format!("{} switched off by select/ignore", off.join(", ")));
        }
        for (_, codes, glob) in &inputs.settings.per_file_ignores {
            let ignored: Vec<&str> = rules
                .iter()
                .copied()
                .filter(|c| codes.contains(c))
                .collect();
            if !ignored.is_empty() {
                switched_off.push(format!(
                    "{} ignored for `{glob}` by per-file-ignores",
                    ignored.join(", ")
                ));
            }
        }
        if inputs.excluded_paths > 0 && !rules.is_empty() {
            switched_off.push(format!(
                "{} path(s) left out by exclude",
                inputs.excluded_paths
            ));
        }

        let review = inputs.reviews.get(item.id).cloned();
        let status = if !applicable {
            Status::NotApplicable
        } else if findings > 0 {
            Status::Fail
        } else if item.review_part.is_some() {
            match review.as_ref().map(|r| r.verdict) {
                Some(Status::Fail) => Status::Fail,
                Some(Status::Pass) => Status::Pass,
                Some(Status::NotApplicable) => Status::NotApplicable,
                _ => Status::NeedsReview,
            }
        } else {
            Status::Pass
        };
        items.push(ItemResult {
            id: item.id,
            title: item.title,
            status,
            partially_checked: !switched_off.is_empty() && applicable,
            switched_off: if applicable { switched_off } else { Vec::new() },
            rules,
            findings,
            review,
            evidence: (item.id == "accessibility")
                .then(|| accessibility_evidence(inputs.accessibility_estimates))
                .flatten(),
        });
    }
    let count = |s: Status| items.iter().filter(|i| i.status == s).count() as u32;
    let (pass, fail, review) = (
        count(Status::Pass),
        count(Status::Fail),
        count(Status::NeedsReview),
    );
    let score = (pass + fail + review > 0).then(|| 100 * pass / (pass + fail + review));
    Checklist { items, score }
}
