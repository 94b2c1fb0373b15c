//! The compliance report an auditor reads, as one model that the HTML and
//! PDF writers both lay out: a cover, an executive summary, the checklist
//! with its evidence, reviews and findings (each with a source snippet),
//! suppressions, skipped files and an appendix of the rules applied.

mod context;
pub mod figures;
mod html;
mod pdf;

pub use context::{Change, Context};
pub use figures::Figure;
pub use html::html;

/// The HTML report with its charts drawn by `renderer` (a chart that cannot
/// be drawn is named in the report instead).
pub fn html_report(doc: &Document, renderer: &tenet_charts::Renderer) -> String {
    let (figures, notes) = figures::render(renderer, &doc.charts);
    html(doc, &figures, &notes)
}
pub use pdf::{pdf, PdfError};

use crate::escape::one_line;
use crate::snippet::{self, SourceExcerpt, Window};
use crate::ReportInput;
use std::collections::HashMap;
use tenet_charts::Chart;
use tenet_engine::checklist::{Review, Status};
use tenet_engine::rules::{self, REGISTRY};
use tenet_engine::{Finding, Severity};

/// Findings listed under one checklist item; the rest are counted, and the
/// CSV or SARIF export lists every one.
pub const LISTED_PER_SECTION: usize = 50;
/// Suppressions listed; the rest are counted.
pub const LISTED_SUPPRESSIONS: usize = 500;
/// A snippet shows the finding's lines and one either side.
const SNIPPET: Window = Window {
    context: 1,
    max_lines: 8,
};
/// Longest source line a snippet prints, in characters.
const SNIPPET_LINE_CHARS: usize = 160;

#[derive(Debug, Clone)]
pub struct Document {
    pub cover: Cover,
    pub summary: Summary,
    /// The trend (when the scan has a history) and the checklist.
    pub charts: Vec<Chart>,
    pub items: Vec<ItemSection>,
    /// Findings of scanner-level rules that belong to no checklist item
    /// (unreadable files, unused suppressions).
    pub other: FindingList,
    pub suppressions: Vec<Suppression>,
    /// Suppressions not listed, beyond `LISTED_SUPPRESSIONS`.
    pub suppressions_more: u64,
    pub skips: Vec<(String, String)>,
    pub rules: Vec<RuleRow>,
}

#[derive(Debug, Clone)]
pub struct Cover {
    pub title: String,
    pub project: String,
    pub folder: String,
    pub commit: Option<String>,
    pub branch: Option<String>,
    pub scan_id: Option<i64>,
    pub scanned_at: Option<String>,
    pub tenet_version: String,
    /// The catalogue's version plus the effective configuration's hash, as
    /// RULES.md defines the standard version.
    pub standard_version: String,
    pub generated_at: String,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub score: Option<u32>,
    pub gate_passed: bool,
    pub gate_level: String,
    pub gate_failures: u64,
    pub findings: u64,
    /// Unsuppressed findings by severity: error, warning, info.
    pub by_severity: [u64; 3],
    pub suppressed: u64,
    pub files: u64,
    pub lines: u64,
    pub skipped: u64,
    pub change: Option<Change>,
    /// Whether the scan is in the history database.
    pub recorded: bool,
    pub interrupted: bool,
    /// Checklist items by status: pass, fail, needs review, not applicable.
    pub statuses: [usize; 4],
}

#[derive(Debug, Clone)]
pub struct ItemSection {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Status,
    /// What decided the status, in a sentence.
    pub evidence: String,
    /// The evidence digest a verdict is recorded against.
    pub digest: String,
    pub partially_checked: bool,
    pub switched_off: Vec<String>,
    pub review: Option<Review>,
    pub review_hint: Option<String>,
    pub rules: Vec<&'static str>,
    pub findings: FindingList,
}

#[derive(Debug, Clone, Default)]
pub struct FindingList {
    pub listed: Vec<FindingEntry>,
    /// Unsuppressed findings not listed, beyond `LISTED_PER_SECTION`.
    pub more: u64,
}

#[derive(Debug, Clone)]
pub struct FindingEntry {
    pub rule: &'static str,
    pub severity: Severity,
    /// `path:line:column` (with the notebook cell), controls made visible.
    pub location: String,
    pub message: String,
    /// Against a baseline, when the gate judged only new findings.
    pub new: Option<bool>,
    pub snippet: Option<SourceExcerpt>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Suppression {
    pub rule: &'static str,
    pub location: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RuleRow {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The checklist item's title.
    pub item: Option<&'static str>,
    pub summary: &'static str,
    pub findings: u64,
}

pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Pass => "Pass",
        Status::Fail => "Fail",
        Status::NeedsReview => "Needs review",
        Status::NotApplicable => "Not applicable",
    }
}

/// A status's symbol, shown beside its word so colour is never the only cue.
pub fn status_symbol(status: Status) -> &'static str {
    match status {
        Status::Pass => "✓",
        Status::Fail => "✗",
        Status::NeedsReview => "?",
        Status::NotApplicable => "–",
    }
}

pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

/// Where a severity is counted in `[error, warning, info]`.
fn severity_slot(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn location(finding: &Finding) -> String {
    let start = finding.span.start;
    let place = match finding.span.cell {
        Some(cell) => format!("cell {cell}:{}:{}", start.line, start.column),
        None => format!("{}:{}", start.line, start.column),
    };
    format!("{}:{place}", one_line(&finding.path.display))
}

/// `2026-12-05T16:20:58.519Z` as `2026-12-05 16:20:58 UTC`; anything else as is.
pub(crate) fn readable_time(stamp: &str) -> String {
    match stamp.strip_suffix('Z').and_then(|s| s.split_once('T')) {
        Some((date, time)) => {
            let time = time.split('.').next().unwrap_or(time);
            format!("{date} {time} UTC")
        }
        None => stamp.to_string(),
    }
}

/// `12,345`: digits grouped by thousands.
pub(crate) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

impl Summary {
    /// What changed since the previous scan, in a sentence.
    pub fn change_sentence(&self) -> String {
        let Some(c) = &self.change else {
            return if self.recorded {
                "This is the first recorded scan.".into()
            } else {
                "This scan was not recorded, so there is no earlier scan to compare with.".into()
            };
        };
        let score = match c.score_change {
            Some(0) | None => "score unchanged".to_string(),
            Some(d) if d > 0 => format!("score up {d}"),
            Some(d) => format!("score down {}", -d),
        };
        format!(
            "Since scan {}: {} new, {} fixed; {score}.",
            c.previous_scan,
            count(c.new),
            count(c.fixed)
        )
    }
}

/// Reads each file once for all of its findings' snippets.
struct Sources<'a> {
    input: &'a ReportInput<'a>,
    hashes: &'a HashMap<String, String>,
    files: HashMap<String, Result<Vec<u8>, String>>,
}

impl Sources<'_> {
    fn entry(&mut self, finding: &Finding) -> FindingEntry {
        let path = finding.path.display.clone();
        let bytes = self
            .files
            .entry(path)
            .or_insert_with(|| snippet::read_source(&snippet::file_path(self.input.root, finding)));
        let (snippet, note) = match bytes {
            Ok(bytes) => match snippet::excerpt_of(bytes, finding, SNIPPET) {
                Ok(mut excerpt) => {
                    for line in &mut excerpt.lines {
                        *line = clip(line);
                    }
                    let hash = self.hashes.get(&finding.path.display).map(String::as_str);
                    (Some(excerpt), snippet::changed_note(bytes, hash))
                }
                Err(note) => (None, Some(note)),
            },
            Err(note) => (None, Some(note.clone())),
        };
        FindingEntry {
            rule: finding.rule,
            severity: finding.severity,
            location: location(finding),
            message: one_line(&finding.message),
            new: self.input.is_new(finding),
            snippet,
            note,
        }
    }

    fn list<'f>(&mut self, findings: impl Iterator<Item = &'f Finding>) -> FindingList {
        let mut list = FindingList::default();
        for finding in findings {
            if list.listed.len() < LISTED_PER_SECTION {
                list.listed.push(self.entry(finding));
            } else {
                list.more += 1;
            }
        }
        list
    }
}

/// A source line cut to a printable length, with tabs as spaces and
/// controls and bidirectional overrides made visible.
fn clip(line: &str) -> String {
    let expanded = line.replace('\t', "    ");
    let mut shown: String = expanded.chars().take(SNIPPET_LINE_CHARS).collect();
    if expanded.chars().count() > SNIPPET_LINE_CHARS {
        shown.push('…');
    }
    one_line(&shown)
}

fn evidence(item: &tenet_engine::ItemResult, by_rule: &HashMap<&str, u64>) -> String {
    let rules = item.rules.join(", ");
    let unsuppressed: u64 = item.rules.iter().filter_map(|r| by_rule.get(r)).sum();
    match item.status {
        Status::NotApplicable if !item.applicable => {
            "No file of this item's kind exists in the project.".to_string()
        }
        Status::NotApplicable => "A reviewer judged this item not applicable.".to_string(),
        _ if item.rules.is_empty() => {
            "No rule decides this item; a person's verdict does.".to_string()
        }
        _ if unsuppressed > 0 => format!(
            "{} from {rules}.",
            plural(unsuppressed, "finding", "findings")
        ),
        Status::NeedsReview => {
            format!("No findings from {rules}; part of this item is for a person to decide.")
        }
        _ => format!("No findings from {rules}."),
    }
}

impl Document {
    /// Builds the report of one scan. Reads the source files under
    /// `input.root` for the listed findings' snippets.
    pub fn build(input: &ReportInput, context: &Context) -> Document {
        let result = input.result;
        let mut by_rule: HashMap<&str, u64> = HashMap::new();
        let mut by_severity = [0u64; 3];
        for finding in input.findings.iter().filter(|f| !f.suppressed) {
            *by_rule.entry(finding.rule).or_default() += 1;
            by_severity[severity_slot(finding.severity)] += 1;
        }
        let mut sources = Sources {
            input,
            hashes: &context.scanned_hashes,
            files: HashMap::new(),
        };
        let item_of = |finding: &&Finding| rules::find(finding.rule).and_then(|r| r.item);
        let items = result
            .checklist
            .items
            .iter()
            .map(|item| ItemSection {
                id: item.id,
                title: item.title,
                status: item.status,
                evidence: evidence(item, &by_rule),
                digest: item.evidence.chars().take(16).collect(),
                partially_checked: item.partially_checked,
                switched_off: item.switched_off.iter().map(|s| one_line(s)).collect(),
                review: item.review.clone().map(|mut review| {
                    review.at = readable_time(&review.at);
                    review
                }),
                review_hint: item.review_hint.as_deref().map(one_line),
                rules: item.rules.clone(),
                findings: sources.list(
                    input
                        .findings
                        .iter()
                        .filter(|f| !f.suppressed && item_of(f) == Some(item.id)),
                ),
            })
            .collect();
        let other = sources.list(
            input
                .findings
                .iter()
                .filter(|f| !f.suppressed && item_of(f).is_none()),
        );
        let mut statuses = [0usize; 4];
        for item in &result.checklist.items {
            statuses[match item.status {
                Status::Pass => 0,
                Status::Fail => 1,
                Status::NeedsReview => 2,
                Status::NotApplicable => 3,
            }] += 1;
        }
        let mut charts = Vec::new();
        if let Some(trend) = &context.trend {
            charts.push(trend.clone());
        }
        charts.push(crate::chart_models::checklist_of(result));
        let short_hash: String = input.config_hash.chars().take(12).collect();
        let suppressed: Vec<&Finding> = input.findings.iter().filter(|f| f.suppressed).collect();
        Document {
            cover: Cover {
                title: format!("Compliance report: {}", one_line(&context.project)),
                project: one_line(&context.project),
                folder: one_line(&input.root.display().to_string()),
                commit: context.commit.as_deref().map(one_line),
                branch: context.branch.as_deref().map(one_line),
                scan_id: context.scan_id,
                scanned_at: context.scanned_at.as_deref().map(readable_time),
                tenet_version: context.engine_version.clone(),
                standard_version: format!(
                    "{} (configuration {short_hash})",
                    tenet_engine::STANDARD_VERSION
                ),
                generated_at: readable_time(&context.generated_at),
            },
            summary: Summary {
                score: result.checklist.score,
                gate_passed: input.gate_passed(),
                gate_level: input.fail_on.to_string(),
                gate_failures: input.gate_failures,
                findings: by_severity.iter().sum(),
                by_severity,
                suppressed: result.summary.suppressed,
                files: result.summary.files,
                lines: result.summary.lines,
                skipped: input.skips.len() as u64,
                change: context.change,
                recorded: context.scan_id.is_some(),
                interrupted: result.interrupted,
                statuses,
            },
            charts,
            items,
            other,
            suppressions: suppressed
                .iter()
                .take(LISTED_SUPPRESSIONS)
                .map(|f| Suppression {
                    rule: f.rule,
                    location: location(f),
                    reason: f.suppression_reason.as_deref().map(one_line),
                })
                .collect(),
            suppressions_more: suppressed.len().saturating_sub(LISTED_SUPPRESSIONS) as u64,
            skips: input
                .skips
                .iter()
                .map(|s| (one_line(&s.path.display), s.reason.to_string()))
                .collect(),
            rules: REGISTRY
                .iter()
                .map(|rule| RuleRow {
                    code: rule.code,
                    name: rule.name,
                    severity: rule.severity,
                    item: rule
                        .item
                        .and_then(tenet_engine::checklist::item)
                        .map(|i| i.title),
                    summary: rule.summary,
                    findings: by_rule.get(rule.code).copied().unwrap_or(0),
                })
                .collect(),
        }
    }
}
