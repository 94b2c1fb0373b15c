//! Text renderings of a scan and the dispatch to every report format.

use anyhow::Result;

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use tenet_engine::{checklist::Status, FailOn, Finding, ScanResult, Sink, Skip};

/// What the gate judged: findings at or above `fail_on`, and with a
/// baseline only those not in it.
pub struct Gate {
    pub failures: u64,
    pub baseline: Option<Baseline>,
}

/// Fingerprints of an earlier result; findings not among them are new.
pub struct Baseline {
    /// Where it came from, in words: "scan 12", "file ci/last.json".
    pub source: String,
    pub fingerprints: HashSet<String>,
}

impl Baseline {
    pub fn is_new(&self, finding: &Finding) -> bool {
        !self.fingerprints.contains(&finding.fingerprint)
    }
}

/// Everything a rendering needs.
pub struct Report<'a> {
    pub root: &'a Path,
    pub collected: &'a Collected,
    pub result: &'a ScanResult,
    pub config_hash: &'a str,
    pub fail_on: FailOn,
    pub gate: &'a Gate,
    /// The scan's id in the database, when it was recorded.
    pub stored_as: Option<i64>,
    /// The scan's project and history, for the compliance report; read
    /// only when one is asked for.
    pub context: Option<tenet_report::compliance::Context>,
}

impl Gate {
    pub fn judge(collected: &Collected, fail_on: FailOn, baseline: Option<Baseline>) -> Gate {
        let failures = collected
            .findings
            .iter()
            .filter(|f| !f.suppressed && fail_on.fails(f.severity))
            .filter(|f| baseline.as_ref().is_none_or(|b| b.is_new(f)))
            .count() as u64;
        Gate { failures, baseline }
    }

    fn new_findings(&self, collected: &Collected) -> Option<u64> {
        let baseline = self.baseline.as_ref()?;
        Some(
            collected
                .findings
                .iter()
                .filter(|f| !f.suppressed && baseline.is_new(f))
                .count() as u64,
        )
    }
}

/// The CLI's sink: keeps everything to print it sorted.
#[derive(Default)]
pub struct Collected {
    pub findings: Vec<Finding>,
    pub skips: Vec<Skip>,
}

impl Sink for Collected {
    fn finding(&mut self, finding: &Finding) {
        self.findings.push(finding.clone());
    }

    fn skip(&mut self, skip: &Skip) {
        self.skips.push(skip.clone());
    }
}

impl Collected {
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (&a.path, a.span.cell, a.span.start, a.rule).cmp(&(
                &b.path,
                b.span.cell,
                b.span.start,
                b.rule,
            ))
        });
        self.skips.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

fn location(finding: &Finding) -> String {
    let start = finding.span.start;
    match finding.span.cell {
        Some(cell) => format!(
            "{}:cell {cell}:{}:{}",
            finding.path, start.line, start.column
        ),
        None => format!("{}:{}:{}", finding.path, start.line, start.column),
    }
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Fail => "FAIL",
        Status::NotApplicable => "n/a",
        Status::NeedsReview => "needs review",
    }
}

fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn text(out: &mut (impl Write + ?Sized), report: &Report, show_suppressed: bool) -> Result<()> {
    let (collected, result) = (report.collected, report.result);
    let baseline = report.gate.baseline.as_ref();
    let mut current: Option<&str> = None;
    for finding in collected
        .findings
        .iter()
        .filter(|f| show_suppressed || !f.suppressed)
    {
        if current != Some(finding.path.display.as_str()) {
            if current.is_some() {
                writeln!(out)?;
            }
            current = Some(&finding.path.display);
        }
        let suffix = match (&finding.suppressed, &finding.suppression_reason) {
            (true, Some(reason)) => format!(" [suppressed: {reason}]"),
            (true, None) => " [suppressed]".to_string(),
            _ if baseline.is_some_and(|b| b.is_new(finding)) => " [new]".to_string(),
            _ => String::new(),
        };
        writeln!(
            out,
            "{} {} [{}] {}{suffix}",
            location(finding),
            finding.rule,
            finding.severity,
            finding.message
        )?;
    }
    if current.is_some() {
        writeln!(out)?;
    }
    for skip in &collected.skips {
        writeln!(out, "skipped {}: {}", skip.path, skip.reason)?;
    }
    if !collected.skips.is_empty() {
        writeln!(out)?;
    }

    let s = &result.summary;
    let severity = |level: &str| s.by_severity.get(level).copied().unwrap_or(0);
    writeln!(
        out,
        "{} ({} errors, {} warnings, {} info) in {} ({} lines); {} suppressed; {} skipped; {:.2} s",
        plural(s.findings, "finding"),
        severity("error"),
        severity("warning"),
        severity("info"),
        plural(s.files, "file"),
        s.lines,
        s.suppressed,
        s.skipped,
        s.duration_ms as f64 / 1000.0
    )?;
    if result.interrupted {
        writeln!(out, "The scan was interrupted; results are incomplete.")?;
    }
    let score = result
        .checklist
        .score
        .map_or("n/a".to_string(), |s| s.to_string());
    writeln!(
        out,
        "\nChecklist (standard {}, config {}) — score {score}",
        tenet_engine::STANDARD_VERSION,
        report.config_hash
    )?;
    for item in &result.checklist.items {
        let detail = match item.status {
            Status::Fail => plural(item.findings, "finding"),
            _ => String::new(),
        };
        writeln!(
            out,
            "  {:<13} {:<42} {detail}",
            status_word(item.status),
            item.title
        )?;
        if let Some(review) = &item.review {
            let stale = if review.stale {
                " — STALE: the evidence has changed since; review again"
            } else {
                ""
            };
            writeln!(
                out,
                "  {:<13} verdict {} by {} on {}: {}{stale}",
                "",
                review.verdict.as_str(),
                review.reviewer,
                &review.at[..review.at.len().min(10)],
                review.note
            )?;
        }
        for off in &item.switched_off {
            writeln!(out, "  {:<13} partially checked: {off}", "")?;
        }
    }
    if !result.accessibility_estimates.is_empty() {
        writeln!(
            out,
            "\nAccessibility estimate (static checks only; confirm \"Lighthouse 95+\" with a real Lighthouse run):"
        )?;
        for document in &result.accessibility_estimates {
            let e = &document.estimate;
            let failed = if e.audits_failed.is_empty() {
                String::new()
            } else {
                format!("; failed: {}", e.audits_failed.join(", "))
            };
            writeln!(
                out,
                "  {:<3} {} (estimated Lighthouse score; {} audits judged, {} not judged statically{failed})",
                e.score,
                document.path,
                e.audits_passed.len() + e.audits_failed.len(),
                e.not_judged.len(),
            )?;
        }
    }
    let level = report.fail_on.as_str();
    let against = match (&report.gate.baseline, report.gate.new_findings(collected)) {
        (Some(b), Some(new)) => format!(
            " new since the baseline ({}; {} new in all)",
            b.source,
            plural(new, "finding")
        ),
        _ => String::new(),
    };
    if report.gate.failures > 0 {
        writeln!(
            out,
            "\nGate: FAILED — {} at or above `{level}`{against}",
            plural(report.gate.failures, "finding")
        )?;
    } else {
        writeln!(out, "\nGate: passed (fail-on `{level}`){against}")?;
    }
    if let Some(scan) = report.stored_as {
        writeln!(out, "Recorded as scan {scan}.")?;
    }
    Ok(())
}

/// Renders a report in the chosen format into `out`: the same code for a
/// fresh scan (`tenet scan`) and a recorded one (`tenet report`). The JSON
/// formats are written as they are made, one finding at a time.
pub fn render(
    format: crate::ScanFormat,
    report: &Report,
    show_suppressed: bool,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::ScanFormat;
    let input = tenet_report::ReportInput {
        root: report.root,
        findings: &report.collected.findings,
        skips: &report.collected.skips,
        result: report.result,
        config_hash: report.config_hash,
        fail_on: report.fail_on.as_str(),
        gate_failures: report.gate.failures,
        baseline: report.gate.baseline.as_ref().map(|b| &b.fingerprints),
        repository_prefix: &tenet_store::git::path_in_repository(report.root).unwrap_or_default(),
    };
    match format {
        ScanFormat::Text => text(out, report, show_suppressed)?,
        ScanFormat::Json => {
            let extras = tenet_report::JsonExtras {
                baseline_source: report.gate.baseline.as_ref().map(|b| b.source.as_str()),
                scan_id: report.stored_as,
            };
            tenet_report::json(&input, extras).write_pretty(out)?;
        }
        ScanFormat::Sarif => tenet_report::sarif(&input).write_pretty(out)?,
        ScanFormat::Csv => tenet_report::write_csv(&input, out)?,
        ScanFormat::Md => out.write_all(tenet_report::markdown(&input).as_bytes())?,
        ScanFormat::Junit => out.write_all(tenet_report::junit(&input).as_bytes())?,
        ScanFormat::Github => tenet_report::write_github(&input, out)?,
        ScanFormat::Html | ScanFormat::Pdf => {
            use tenet_report::compliance::{self, Context, Document};
            let unrecorded;
            let context = match &report.context {
                Some(context) => context,
                None => {
                    unrecorded = Context::unrecorded(report.root);
                    &unrecorded
                }
            };
            let document = Document::build(&input, context);
            if format == ScanFormat::Pdf {
                out.write_all(&compliance::pdf(&document)?)?;
            } else {
                let renderer = tenet_charts::Renderer::new(tenet_charts::Backend::Auto);
                out.write_all(compliance::html_report(&document, &renderer).as_bytes())?;
            }
        }
        ScanFormat::Gitlab => tenet_report::gitlab(&input).write_pretty(out)?,
    }
    Ok(())
}
