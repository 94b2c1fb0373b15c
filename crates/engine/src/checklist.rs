//! The standard's checklist: each item's status per scan, as RULES.md
//! defines it (fail › needs review › pass; not applicable when no file of the
//! item's kind exists), and the score.

use crate::config::Settings;
use crate::finding::RelPath;
use crate::html::estimate::DocumentEstimate;
use crate::project::{FileFacts, ProjectFacts};
use crate::rules::REGISTRY;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
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

    /// The status named as [`Status::as_str`] writes it.
    pub fn parse(text: &str) -> Option<Status> {
        [
            Status::Pass,
            Status::Fail,
            Status::NotApplicable,
            Status::NeedsReview,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
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

pub static ITEMS: &[Item; ITEMS_LEN] = &[
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

impl Item {
    /// Whether a file with these facts is evidence for this item.
    fn covers(&self, facts: &FileFacts) -> bool {
        match self.applies {
            Applies::Python => facts.is_python,
            Applies::AsyncCode => facts.has_async_code,
            Applies::Tests => facts.is_test,
            Applies::AsyncTests => facts.async_tests > 0,
            Applies::Html => facts.is_html,
            Applies::PythonOrManifest => facts.is_python || facts.is_manifest,
            Applies::AnyFile => true,
        }
    }
}

/// A person's verdict on an item (kept by the store; `None` until one exists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The store's id for this verdict, when it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub verdict: Status,
    pub reviewer: String,
    pub at: String,
    pub note: String,
    /// The item's evidence when the verdict was given (see [`Evidence`]).
    pub evidence: String,
    /// The evidence has changed since: the verdict is shown but no longer
    /// decides the item, which is back to needing review.
    pub stale: bool,
}

/// A digest per item of what a reviewer looked at: every file of the item's
/// kind (path and content) and every unsuppressed finding of its rules. The
/// digest is a sum of per-entry hashes, so it does not depend on the order
/// in which parallel workers deliver files.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    sums: [u128; ITEMS_LEN],
}

const ITEMS_LEN: usize = 13;

fn entry_hash(parts: &[&[u8]]) -> u128 {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    u128::from_le_bytes(hasher.finalize()[..16].try_into().expect("16 bytes"))
}

impl Evidence {
    pub fn add_file(&mut self, path: &RelPath, content_hash: &str, facts: &FileFacts) {
        let name = path.raw_bytes();
        let hash = entry_hash(&[b"file", name, content_hash.as_bytes()]);
        for (sum, item) in self.sums.iter_mut().zip(ITEMS) {
            if item.covers(facts) {
                *sum = sum.wrapping_add(hash);
            }
        }
    }

    pub fn add_finding(&mut self, rule: &str, fingerprint: &str) {
        let Some(item) = REGISTRY
            .iter()
            .find(|r| r.code == rule)
            .and_then(|r| r.item)
        else {
            return;
        };
        let hash = entry_hash(&[b"finding", fingerprint.as_bytes()]);
        if let Some(index) = ITEMS.iter().position(|i| i.id == item) {
            self.sums[index] = self.sums[index].wrapping_add(hash);
        }
    }

    fn of(&self, index: usize) -> String {
        format!("{:032x}", self.sums[index])
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemResult {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Status,
    /// A file of the item's kind exists (before any verdict).
    pub applicable: bool,
    pub partially_checked: bool,
    /// What was switched off, in words, when partially checked.
    pub switched_off: Vec<String>,
    pub rules: Vec<&'static str>,
    pub findings: u64,
    pub review: Option<Review>,
    /// Digest of this item's evidence in this scan; a verdict records it.
    pub evidence: String,
    /// What the scan found toward the part a person decides, if anything.
    pub review_hint: Option<String>,
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
    pub evidence: &'a Evidence,
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
    for (index, item) in ITEMS.iter().enumerate() {
        let evidence = inputs.evidence.of(index);
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

        let review = inputs.reviews.get(item.id).cloned().map(|mut review| {
            review.stale = review.evidence != evidence;
            review
        });
        let status = decide(item, applicable, findings, review.as_ref());
        items.push(ItemResult {
            id: item.id,
            title: item.title,
            status,
            applicable,
            partially_checked: !switched_off.is_empty() && applicable,
            switched_off: if applicable { switched_off } else { Vec::new() },
            rules,
            findings,
            review,
            evidence,
            review_hint: (item.id == "accessibility")
                .then(|| accessibility_evidence(inputs.accessibility_estimates))
                .flatten(),
        });
    }
    let score = score(items.iter().map(|i| i.status));
    Checklist { items, score }
}

/// An item's status, as RULES.md combines the automated part and a person's
/// verdict: findings fail it whatever the verdict; a current (not stale)
/// verdict decides the part no tool can judge; without one it needs review.
pub fn decide(item: &Item, applicable: bool, findings: u64, review: Option<&Review>) -> Status {
    if !applicable {
        return Status::NotApplicable;
    }
    if findings > 0 {
        return Status::Fail;
    }
    if item.review_part.is_none() {
        return Status::Pass;
    }
    match review.filter(|r| !r.stale).map(|r| r.verdict) {
        Some(verdict @ (Status::Fail | Status::Pass | Status::NotApplicable)) => verdict,
        _ => Status::NeedsReview,
    }
}

/// 100 × pass ÷ (pass + fail + needs review), rounded down; `None` when no
/// item counts.
pub fn score(statuses: impl IntoIterator<Item = Status>) -> Option<u32> {
    let (mut pass, mut counted) = (0u32, 0u32);
    for status in statuses {
        match status {
            Status::Pass => {
                pass += 1;
                counted += 1;
            }
            Status::Fail | Status::NeedsReview => counted += 1,
            Status::NotApplicable => {}
        }
    }
    (counted > 0).then(|| 100 * pass / counted)
}

/// The item with this id.
pub fn item(id: &str) -> Option<&'static Item> {
    ITEMS.iter().find(|i| i.id == id)
}
