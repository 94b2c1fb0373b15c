//! What a chart shows, in the caller's terms. The store's rows are mapped to
//! these by the app and the CLI, so this crate depends on no other Tenet crate.

/// One scan in a project's trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendPoint {
    /// When the scan sits in the trend (Unix seconds, UTC).
    pub at: i64,
    pub error: u64,
    pub warning: u64,
    pub info: u64,
    /// The checklist score, 0–100, when the scan has one.
    pub score: Option<u32>,
}

impl TrendPoint {
    pub fn total(&self) -> u64 {
        self.error
            .saturating_add(self.warning)
            .saturating_add(self.info)
    }
}

/// A checklist item's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemStatus {
    Pass,
    Fail,
    NeedsReview,
    NotApplicable,
}

impl ItemStatus {
    /// The word shown beside the bar, so the status never rests on colour.
    pub fn word(self) -> &'static str {
        match self {
            ItemStatus::Pass => "pass",
            ItemStatus::Fail => "fail",
            ItemStatus::NeedsReview => "review",
            ItemStatus::NotApplicable => "n/a",
        }
    }

    /// The symbol before the word (all in the embedded font).
    pub fn symbol(self) -> &'static str {
        match self {
            ItemStatus::Pass => "✔",
            ItemStatus::Fail => "✖",
            ItemStatus::NeedsReview => "?",
            ItemStatus::NotApplicable => "–",
        }
    }

    /// The status as a table cell reads it.
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Pass => "pass",
            ItemStatus::Fail => "fail",
            ItemStatus::NeedsReview => "needs review",
            ItemStatus::NotApplicable => "not applicable",
        }
    }
}

/// One checklist item's findings by severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistBar {
    pub id: String,
    pub title: String,
    pub status: ItemStatus,
    pub error: u64,
    pub warning: u64,
    pub info: u64,
}

impl ChecklistBar {
    pub fn total(&self) -> u64 {
        self.error
            .saturating_add(self.warning)
            .saturating_add(self.info)
    }
}

/// One file of a scan, for the hotspot map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotspotFile {
    /// Relative, `/`-separated. Untrusted: it is escaped wherever it is written.
    pub path: String,
    pub lines: u64,
    pub findings: u64,
}

impl HotspotFile {
    /// Findings per 1,000 lines (an empty file with findings counts as one line).
    pub fn density(&self) -> f64 {
        self.findings as f64 * 1000.0 / self.lines.max(1) as f64
    }
}

/// A chart and its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chart {
    /// A project's scans, oldest first.
    Trend(Vec<TrendPoint>),
    /// A scan's checklist items, in checklist order.
    Checklist(Vec<ChecklistBar>),
    /// A scan's files.
    Hotspots(Vec<HotspotFile>),
}

impl Chart {
    /// `trend`, `checklist` or `hotspots`.
    pub fn kind(&self) -> &'static str {
        match self {
            Chart::Trend(_) => "trend",
            Chart::Checklist(_) => "checklist",
            Chart::Hotspots(_) => "hotspots",
        }
    }
}
