//! Findings to rows and back. One column list for both finding tables.

use rusqlite::Row;
use tenet_engine::finding::{Position, Related};
use tenet_engine::{Finding, RelPath, Severity, Span};

/// Columns after the key columns, in the order `params` binds them.
pub const FINDING_COLUMNS: &str = "rule, severity, line, col, end_line, end_col, cell, message, \
     suppressed, suppression_reason, fingerprint, related";

pub fn related_json(finding: &Finding) -> Option<String> {
    (!finding.related.is_empty())
        .then(|| serde_json::to_string(&finding.related).expect("related serialises"))
}

/// Reads a finding whose columns start at `at` (in `FINDING_COLUMNS` order).
/// `None` when the rule is unknown to this engine (an older or newer
/// catalogue): the caller treats the file version as not reusable.
pub fn finding_from_row(row: &Row, at: usize, path: RelPath) -> rusqlite::Result<Option<Finding>> {
    let code: String = row.get(at)?;
    let Some(rule) = tenet_engine::rules::find(&code) else {
        return Ok(None);
    };
    let severity: String = row.get(at + 1)?;
    let Some(severity) = Severity::parse(&severity) else {
        return Ok(None);
    };
    let related: Option<String> = row.get(at + 11)?;
    let related: Vec<Related> = related
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    Ok(Some(Finding {
        rule: rule.code,
        severity,
        path,
        span: Span {
            start: Position {
                line: row.get(at + 2)?,
                column: row.get(at + 3)?,
            },
            end: Position {
                line: row.get(at + 4)?,
                column: row.get(at + 5)?,
            },
            cell: row.get(at + 6)?,
        },
        message: row.get(at + 7)?,
        suppressed: row.get(at + 8)?,
        suppression_reason: row.get(at + 9)?,
        fingerprint: row.get(at + 10)?,
        related,
    }))
}

pub fn rel_path(display: String, bytes: Option<Vec<u8>>) -> RelPath {
    RelPath { display, bytes }
}
