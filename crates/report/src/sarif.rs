//! SARIF 2.1.0, shaped as GitHub code scanning wants it: every enabled rule
//! with its help, results with full regions in Unicode code points,
//! relative percent-encoded URIs against `%SRCROOT%`, stable partial
//! fingerprints, and suppressions with their justification.

use crate::escape::uri_path;
use crate::lazy::Lazy;
use crate::ReportInput;
use serde_json::{json, Value};
use tenet_engine::rules::{RuleMeta, REGISTRY};
use tenet_engine::{Finding, Severity};

/// The `partialFingerprints` key holding Tenet's own fingerprint; a SARIF
/// log given to `--baseline` is read by it.
pub const SARIF_FINGERPRINT_KEY: &str = "tenetFingerprint/v1";
/// GitHub code scanning accepts at most this many results per run.
pub const SARIF_MAX_RESULTS: usize = 25_000;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(meta: &RuleMeta) -> Value {
    let doc = &meta.doc;
    let markdown = format!(
        "{}\n\n**Why:** {}\n\n**Bad**\n\n```\n{}\n```\n\n**Good**\n\n```\n{}\n```\n\n**Fix:** {}",
        doc.what, doc.why, doc.bad, doc.good, doc.fix
    );
    let mut tags = vec![json!("tenet")];
    if let Some(item) = meta.item {
        tags.push(json!(item));
    }
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": doc.what},
        "help": {
            "text": format!("{}\n\nWhy: {}\n\nFix: {}", doc.what, doc.why, doc.fix),
            "markdown": markdown,
        },
        "defaultConfiguration": {"level": level(meta.severity)},
        "properties": {"tags": tags},
    })
}

fn result(finding: &Finding, rule_index: Option<usize>, input: &ReportInput) -> Value {
    let span = finding.span;
    let mut region = json!({
        "startLine": span.start.line,
        "startColumn": span.start.column,
        "endLine": span.end.line.max(span.start.line),
        "endColumn": if span.end > span.start { span.end.column } else { span.start.column + 1 },
    });
    let mut message = finding.message.clone();
    if let Some(cell) = span.cell {
        // SARIF has no notebook cells: say where, and keep lines per cell.
        message = format!("{message} (notebook cell {cell})");
        region["properties"] = json!({"cell": cell});
    }
    let mut value = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri_path(finding.path.raw_bytes()), "uriBaseId": "%SRCROOT%"},
                "region": region,
            }
        }],
        "partialFingerprints": {
            "primaryLocationLineHash": finding.fingerprint,
            SARIF_FINGERPRINT_KEY: finding.fingerprint,
        },
    });
    if let Some(index) = rule_index {
        value["ruleIndex"] = json!(index);
    }
    if finding.suppressed {
        let mut suppression = json!({"kind": "inSource", "status": "accepted"});
        if let Some(reason) = &finding.suppression_reason {
            suppression["justification"] = json!(reason);
        }
        value["suppressions"] = json!([suppression]);
    }
    if let Some(new) = input.is_new(finding) {
        value["baselineState"] = json!(if new { "new" } else { "unchanged" });
    }
    if !finding.related.is_empty() {
        value["relatedLocations"] = finding
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                json!({
                    "id": id,
                    "message": {"text": related.message},
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri_path(finding.path.raw_bytes()), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": related.span.start.line, "startColumn": related.span.start.column},
                    }
                })
            })
            .collect();
    }
    value
}

fn root_uri(root: &std::path::Path) -> String {
    let text = root.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    uri.push_str(&uri_path(text.as_bytes()));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The SARIF log of a scan. Results beyond GitHub's per-run limit are left
/// out, unsuppressed and most severe first, and a notification says how
/// many. Results and notifications are made while the log is written.
pub fn sarif<'a>(input: &'a ReportInput<'a>) -> Lazy<'a> {
    // Every rule, so code scanning can show help for any result and knows
    // the rules that found nothing.
    let rules: &'static [&'static RuleMeta] = REGISTRY;
    let index_of = |code: &str| rules.iter().position(|r| r.code == code);
    let mut ordered: Vec<&Finding> = input.findings.iter().collect();
    ordered.sort_by_key(|f| (f.suppressed, std::cmp::Reverse(f.severity)));
    let omitted = ordered.len().saturating_sub(SARIF_MAX_RESULTS);
    ordered.truncate(SARIF_MAX_RESULTS);
    ordered.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
    let omitted_note = (omitted > 0).then(|| {
        json!({
            "level": "warning",
            "message": {"text": format!(
                "{omitted} results left out: GitHub code scanning accepts at most {SARIF_MAX_RESULTS} per run; the full list is in `tenet scan --format json`"
            )},
        })
    });
    let notifications = Lazy::each(
        usize::from(omitted_note.is_some()) + input.skips.len(),
        move || {
            omitted_note
                .clone()
                .into_iter()
                .chain(input.skips.iter().map(|skip| {
                    json!({
                        "level": "note",
                        "message": {"text": format!("not scanned: {}", skip.reason)},
                        "locations": [{"physicalLocation": {"artifactLocation": {
                            "uri": uri_path(skip.path.raw_bytes()),
                            "uriBaseId": "%SRCROOT%",
                        }}}],
                    })
                }))
        },
    );
    let results = Lazy::each(ordered.len(), move || {
        ordered
            .clone()
            .into_iter()
            .map(move |f| result(f, index_of(f.rule), input))
    });
    let run = Lazy::object([
        (
            "tool",
            json!({"driver": {
                "name": "Tenet",
                "version": tenet_engine::VERSION,
                "semanticVersion": tenet_engine::VERSION,
                "rules": rules.iter().map(|r| rule(r)).collect::<Vec<_>>(),
            }})
            .into(),
        ),
        (
            "originalUriBaseIds",
            json!({"%SRCROOT%": {"uri": root_uri(input.root)}}).into(),
        ),
        ("columnKind", json!("unicodeCodePoints").into()),
        (
            "invocations",
            Lazy::Array(vec![Lazy::object([
                (
                    "executionSuccessful",
                    json!(!input.result.interrupted).into(),
                ),
                ("toolExecutionNotifications", notifications),
            ])]),
        ),
        ("results", results),
        (
            "properties",
            json!({
                "standardVersion": tenet_engine::STANDARD_VERSION,
                "configHash": input.config_hash,
                "score": input.result.checklist.score,
                "resultsOmitted": omitted,
            })
            .into(),
        ),
    ]);
    Lazy::object([
        (
            "$schema",
            json!("https://json.schemastore.org/sarif-2.1.0.json").into(),
        ),
        ("version", json!("2.1.0").into()),
        ("runs", Lazy::Array(vec![run])),
    ])
}
