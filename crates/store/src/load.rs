//! A recorded scan read back whole — findings, skips, totals, checklist with
//! its verdicts, accessibility estimates — so reports of any past scan are
//! written by the same code as reports of a fresh one.

use crate::error::{AtPath, Result, StoreError};
use crate::query::HistoryEntry;
use crate::rows::rel_path;
use crate::{ScanId, Store};
use rusqlite::OptionalExtension;
use std::collections::BTreeMap;
use tenet_engine::checklist::{self, Checklist, ItemResult, Review, Status};
use tenet_engine::html::estimate::{AccessibilityEstimate, DocumentEstimate};
use tenet_engine::rules::REGISTRY;
use tenet_engine::scan::Summary;
use tenet_engine::{Finding, ScanResult, Skip, SkipReason};

pub struct StoredScan {
    pub project: crate::ProjectId,
    pub project_name: String,
    pub project_root: String,
    pub entry: HistoryEntry,
    pub result: ScanResult,
    pub findings: Vec<Finding>,
    pub skips: Vec<Skip>,
}

/// A stored status; the schema only holds valid names.
fn status(text: &str) -> Status {
    Status::parse(text).unwrap_or(Status::NeedsReview)
}

impl Store {
    pub fn load_scan(&self, scan: ScanId) -> Result<StoredScan> {
        self.load_scan_with(scan, true)
    }

    /// The scan's totals, checklist and skips without its findings (which
    /// may be 100,000 rows): what an overview needs.
    pub fn load_scan_summary(&self, scan: ScanId) -> Result<StoredScan> {
        self.load_scan_with(scan, false)
    }

    fn load_scan_with(&self, scan: ScanId, with_findings: bool) -> Result<StoredScan> {
        let path = self.path.as_path();
        let (project_id, project_name, project_root): (i64, String, String) = self
            .conn
            .query_row(
                "SELECT p.id, p.name, p.root FROM scans s JOIN projects p ON p.id = s.project_id
                 WHERE s.id = ?1",
                [scan.0],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()
            .at(path)?
            .ok_or_else(|| StoreError::NotFound(format!("there is no scan {}", scan.0)))?;
        let entry = self
            .history(crate::ProjectId(project_id))?
            .into_iter()
            .find(|e| e.scan == scan.0)
            .expect("the scan is in its project's history");

        let findings = if with_findings {
            self.scan_findings(scan)?
        } else {
            Vec::new()
        };
        let mut skips = Vec::new();
        {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT path, path_bytes, reason FROM scan_skips WHERE scan_id = ?1 ORDER BY path",
                )
                .at(path)?;
            let mut rows = statement.query([scan.0]).at(path)?;
            while let Some(row) = rows.next().at(path)? {
                let reason: String = row.get(2).at(path)?;
                skips.push(Skip {
                    path: rel_path(row.get(0).at(path)?, row.get(1).at(path)?),
                    reason: serde_json::from_str(&reason).unwrap_or(SkipReason::Unreadable(reason)),
                });
            }
        }

        let mut by_rule = BTreeMap::new();
        {
            let mut statement = self
                .conn
                .prepare_cached("SELECT rule, findings FROM scan_rule_totals WHERE scan_id = ?1")
                .at(path)?;
            let rows = statement
                .query_map([scan.0], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
                })
                .at(path)?;
            for row in rows {
                let (rule, count) = row.at(path)?;
                by_rule.insert(rule, count as u64);
            }
        }
        let mut by_severity = BTreeMap::new();
        for (name, count) in [
            ("error", entry.errors),
            ("warning", entry.warnings),
            ("info", entry.infos),
        ] {
            if count > 0 {
                by_severity.insert(name.to_string(), count as u64);
            }
        }
        let (skipped, parse_errors): (i64, i64) = self
            .conn
            .query_row(
                "SELECT skipped, parse_errors FROM scans WHERE id = ?1",
                [scan.0],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .at(path)?;
        let summary = Summary {
            files: entry.files as u64,
            lines: entry.lines as u64,
            findings: entry.findings as u64,
            suppressed: entry.suppressed as u64,
            skipped: skipped as u64,
            parse_errors: parse_errors as u64,
            by_rule,
            by_severity,
            duration_ms: entry.duration_ms.unwrap_or(0) as u64,
        };

        let mut items = Vec::new();
        {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT c.item, c.status, c.applicable, c.partially_checked, c.switched_off,
                         c.findings, c.evidence, c.review_hint, c.review_stale,
                         r.verdict, r.reviewer, r.reviewed_at, r.note, r.evidence, r.id
                     FROM checklist_results c LEFT JOIN reviews r ON r.id = c.review_id
                     WHERE c.scan_id = ?1",
                )
                .at(path)?;
            let mut rows = statement.query([scan.0]).at(path)?;
            while let Some(row) = rows.next().at(path)? {
                let id: String = row.get(0).at(path)?;
                // An item this build does not know (a newer catalogue) is left out.
                let Some(item) = checklist::item(&id) else {
                    continue;
                };
                let verdict: Option<String> = row.get(9).at(path)?;
                let review = match verdict {
                    Some(verdict) => Some(Review {
                        id: row.get(14).at(path)?,
                        verdict: status(&verdict),
                        reviewer: row.get(10).at(path)?,
                        at: row.get(11).at(path)?,
                        note: row.get(12).at(path)?,
                        evidence: row.get(13).at(path)?,
                        stale: row.get(8).at(path)?,
                    }),
                    None => None,
                };
                let switched_off: String = row.get(4).at(path)?;
                items.push((
                    checklist::ITEMS.iter().position(|i| i.id == item.id),
                    ItemResult {
                        id: item.id,
                        title: item.title,
                        status: status(&row.get::<_, String>(1).at(path)?),
                        applicable: row.get(2).at(path)?,
                        partially_checked: row.get(3).at(path)?,
                        switched_off: serde_json::from_str(&switched_off).unwrap_or_default(),
                        rules: REGISTRY
                            .iter()
                            .filter(|r| r.item == Some(item.id))
                            .map(|r| r.code)
                            .collect(),
                        findings: row.get::<_, i64>(5).at(path)? as u64,
                        review,
                        evidence: row.get(6).at(path)?,
                        review_hint: row.get(7).at(path)?,
                    },
                ));
            }
        }
        items.sort_by_key(|(order, _)| *order);
        let items: Vec<ItemResult> = items.into_iter().map(|(_, item)| item).collect();
        let score = checklist::score(items.iter().map(|i| i.status));

        let mut accessibility_estimates = Vec::new();
        {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT v.path, v.path_bytes, v.estimate FROM scan_files f
                     JOIN file_versions v ON v.id = f.version_id
                     WHERE f.scan_id = ?1 AND v.estimate IS NOT NULL ORDER BY v.path",
                )
                .at(path)?;
            let mut rows = statement.query([scan.0]).at(path)?;
            while let Some(row) = rows.next().at(path)? {
                let estimate: String = row.get(2).at(path)?;
                if let Ok(estimate) = serde_json::from_str::<AccessibilityEstimate>(&estimate) {
                    accessibility_estimates.push(DocumentEstimate {
                        path: rel_path(row.get(0).at(path)?, row.get(1).at(path)?),
                        estimate,
                    });
                }
            }
        }

        let result = ScanResult {
            summary,
            checklist: Checklist { items, score },
            interrupted: entry.state != "complete",
            gate_failures: 0,
            accessibility_estimates,
        };
        Ok(StoredScan {
            project: crate::ProjectId(project_id),
            project_name,
            project_root,
            entry,
            result,
            findings,
            skips,
        })
    }
}
