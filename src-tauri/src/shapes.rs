//! The shapes of `ui/API.md`, built from the store's rows. Shaping only:
//! every number here was decided by the engine or the store.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tenet_engine::checklist::{self, ItemResult};
use tenet_engine::{Config, FailOn, Severity};
use tenet_store::HistoryEntry;

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub error: u64,
    pub warning: u64,
    pub info: u64,
}

impl Counts {
    fn from_entry(entry: &HistoryEntry) -> Counts {
        Counts {
            error: entry.errors as u64,
            warning: entry.warnings as u64,
            info: entry.infos as u64,
        }
    }

    /// Whether a gate at `level` fails with these unsuppressed findings.
    pub fn fails(&self, level: FailOn) -> bool {
        [
            (Severity::Error, self.error),
            (Severity::Warning, self.warning),
            (Severity::Info, self.info),
        ]
        .iter()
        .any(|&(severity, count)| count > 0 && level.fails(severity))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ScanBrief {
    pub id: i64,
    pub at: String,
    pub score: Option<i64>,
    pub gate: &'static str,
    pub findings: i64,
    pub by_severity: Counts,
    pub interrupted: bool,
}

impl ScanBrief {
    pub fn new(entry: &HistoryEntry, level: FailOn) -> ScanBrief {
        let by_severity = Counts::from_entry(entry);
        ScanBrief {
            id: entry.scan,
            at: entry
                .finished_at
                .clone()
                .unwrap_or_else(|| entry.started_at.clone()),
            score: entry.score,
            gate: if by_severity.fails(level) {
                "fail"
            } else {
                "pass"
            },
            findings: entry.findings,
            by_severity,
            interrupted: entry.state == "interrupted",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectCard {
    pub id: i64,
    pub name: String,
    pub root: String,
    pub last_scan: Option<ScanBrief>,
    pub trend: Vec<i64>,
    pub scanning: bool,
}

/// How many scans the portfolio's sparkline shows.
const SPARKLINE: usize = 20;

impl ProjectCard {
    pub fn new(
        row: &tenet_store::ProjectRow,
        history: &[HistoryEntry],
        level: FailOn,
        scanning: bool,
    ) -> ProjectCard {
        let complete: Vec<&HistoryEntry> =
            history.iter().filter(|e| e.state == "complete").collect();
        ProjectCard {
            id: row.id,
            name: row.name.clone(),
            root: row.root.clone(),
            // As the overview does: the last scan that finished.
            last_scan: complete.last().map(|e| ScanBrief::new(e, level)),
            trend: complete[complete.len().saturating_sub(SPARKLINE)..]
                .iter()
                .map(|e| e.findings)
                .collect(),
            scanning,
        }
    }
}

/// The gate level for a project: its own configuration's, else the app's.
pub fn fail_level(root: &Path, default: &str) -> FailOn {
    Config::discover(root)
        .ok()
        .and_then(|config| config.fail_on)
        .or_else(|| FailOn::parse(default))
        .unwrap_or(FailOn::Level(Severity::Error))
}

#[derive(Debug, Clone, Serialize)]
pub struct ScanDetail {
    #[serde(flatten)]
    pub brief: ScanBrief,
    pub files: i64,
    pub lines: i64,
    pub skipped: i64,
    pub parse_errors: i64,
    pub suppressed: i64,
    pub duration_ms: Option<i64>,
    pub fail_on: &'static str,
    pub engine: String,
    pub commit: Option<String>,
    pub branch: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewShape {
    pub verdict: &'static str,
    pub reviewer: String,
    pub at: String,
    pub note: String,
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistItem {
    pub id: &'static str,
    pub title: &'static str,
    pub status: &'static str,
    pub applicable: bool,
    pub partially_checked: bool,
    pub switched_off: Vec<String>,
    pub rules: Vec<&'static str>,
    pub findings: u64,
    pub by_severity: Counts,
    pub review_part: Option<&'static str>,
    pub review_hint: Option<String>,
    pub review: Option<ReviewShape>,
}

impl ChecklistItem {
    pub fn new(item: &ItemResult, by_item: &BTreeMap<&str, Counts>) -> ChecklistItem {
        ChecklistItem {
            id: item.id,
            title: item.title,
            status: item.status.as_str(),
            applicable: item.applicable,
            partially_checked: item.partially_checked,
            switched_off: item.switched_off.clone(),
            rules: item.rules.clone(),
            findings: item.findings,
            by_severity: by_item.get(item.id).copied().unwrap_or_default(),
            review_part: checklist::item(item.id).and_then(|i| i.review_part),
            review_hint: item.review_hint.clone(),
            review: item.review.as_ref().map(|r| ReviewShape {
                verdict: r.verdict.as_str(),
                reviewer: r.reviewer.clone(),
                at: r.at.clone(),
                note: r.note.clone(),
                stale: r.stale,
            }),
        }
    }
}
