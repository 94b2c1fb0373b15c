//! The JSON document of `DESIGN.md`'s contract: what `tenet scan --format
//! json` prints, `tenet report` reads back and the app exports.

use crate::lazy::Lazy;
use crate::ReportInput;
use serde_json::{json, Value};
use tenet_engine::Finding;

/// What a JSON report says beyond the scan itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonExtras<'a> {
    /// Where the baseline came from ("scan 12", a file name), when one judged.
    pub baseline_source: Option<&'a str>,
    /// The scan's number in the database, when recorded.
    pub scan_id: Option<i64>,
}

pub fn finding_json(f: &Finding) -> Value {
    let mut value = json!({
        "rule": f.rule,
        "severity": f.severity.as_str(),
        "path": f.path.display,
        "line": f.span.start.line,
        "column": f.span.start.column,
        "end_line": f.span.end.line,
        "end_column": f.span.end.column,
        "message": f.message,
        "suppressed": f.suppressed,
        "suppression_reason": f.suppression_reason,
        "fingerprint": f.fingerprint,
    });
    if let Some(bytes) = &f.path.bytes {
        value["path_bytes"] = json!(bytes);
    }
    if let Some(cell) = f.span.cell {
        value["cell"] = json!(cell);
    }
    if !f.related.is_empty() {
        value["related"] = f
            .related
            .iter()
            .map(|r| json!({"line": r.span.start.line, "column": r.span.start.column, "message": r.message}))
            .collect();
    }
    value
}

/// The JSON report; write it with `serde_json` (it is made while written,
/// one finding at a time) or take [`Lazy::to_value`].
pub fn json<'a>(input: &'a ReportInput<'a>, extras: JsonExtras<'a>) -> Lazy<'a> {
    let result = input.result;
    let new_findings = input.baseline.map(|_| {
        input
            .findings
            .iter()
            .filter(|f| !f.suppressed && input.is_new(f) == Some(true))
            .count() as u64
    });
    Lazy::object([
        (
            "tool",
            json!({"name": "tenet", "version": tenet_engine::VERSION}).into(),
        ),
        (
            "standard",
            json!({"version": tenet_engine::STANDARD_VERSION, "config_hash": input.config_hash})
                .into(),
        ),
        ("root", json!(input.root.display().to_string()).into()),
        ("summary", json!(result.summary).into()),
        (
            "findings",
            Lazy::each(input.findings.len(), move || {
                input.findings.iter().map(move |f| {
                    let mut value = finding_json(f);
                    if let Some(new) = input.is_new(f) {
                        value["new"] = json!(new);
                    }
                    value
                })
            }),
        ),
        (
            "skipped",
            Lazy::each(input.skips.len(), move || {
                input.skips.iter().map(|s| {
                    let mut v = json!({"path": s.path.display, "reason": s.reason.to_string()});
                    if let Some(bytes) = &s.path.bytes {
                        v["path_bytes"] = json!(bytes);
                    }
                    v
                })
            }),
        ),
        ("checklist", json!(result.checklist.items).into()),
        (
            "accessibility_estimate",
            Lazy::each(result.accessibility_estimates.len(), move || {
                result.accessibility_estimates.iter().map(|d| {
                    json!({
                        "path": d.path.display,
                        "score": d.estimate.score,
                        "estimate": true,
                        "audits_passed": d.estimate.audits_passed,
                        "audits_failed": d.estimate.audits_failed,
                        "not_judged": d.estimate.not_judged,
                    })
                })
            }),
        ),
        ("score", json!(result.checklist.score).into()),
        (
            "gate",
            json!({
                "fail_on": input.fail_on,
                "failed": input.gate_failures > 0,
                "failures": input.gate_failures,
                "baseline": input.baseline.map(|known| json!({
                    "source": extras.baseline_source.unwrap_or("baseline"),
                    "known": known.len(),
                    "new": new_findings,
                })),
            })
            .into(),
        ),
        ("scan_id", json!(extras.scan_id).into()),
        ("interrupted", json!(result.interrupted).into()),
    ])
}
