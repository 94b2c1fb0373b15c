//! Reading history back: projects, a project's scans with the change from
//! the previous one, a scan's findings, and the diff between two scans.

use crate::error::{AtPath, Result, StoreError};
use crate::rows::{finding_from_row, rel_path, FINDING_COLUMNS};
use crate::{ProjectId, ScanId, Store};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use tenet_engine::Finding;

#[derive(Debug, Clone, Serialize)]
pub struct ProjectSummary {
    pub id: i64,
    pub name: String,
    pub root: String,
    pub scans: i64,
    pub last_scan: Option<HistoryEntry>,
}

/// One scan in a project's trend.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub scan: i64,
    pub state: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub engine_version: String,
    pub config_hash: String,
    pub git_commit: Option<String>,
    pub git_branch: Option<String>,
    pub files: i64,
    pub files_reused: i64,
    pub lines: i64,
    pub findings: i64,
    pub suppressed: i64,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    pub score: Option<i64>,
    pub duration_ms: Option<i64>,
    /// Findings minus the previous scan's; `None` for the first.
    pub findings_change: Option<i64>,
    pub score_change: Option<i64>,
    /// What changed since the previous scan besides the code, so an
    /// upgrade never reads as a regression: "engine 0.1.0 → 0.2.0",
    /// "configuration changed", "rules changed".
    pub markers: Vec<String>,
    /// A past commit read from git objects (`tenet backfill`).
    pub backfilled: bool,
    pub commit_time: Option<String>,
    pub commit_author: Option<String>,
    pub commit_subject: Option<String>,
}

/// Which scan a user means: a number, or `latest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanRef {
    Latest,
    /// The scan before the latest.
    Previous,
    Id(i64),
}

impl ScanRef {
    pub fn parse(text: &str) -> Option<ScanRef> {
        match text {
            "latest" => Some(ScanRef::Latest),
            "previous" => Some(ScanRef::Previous),
            _ => text.trim_start_matches('#').parse().ok().map(ScanRef::Id),
        }
    }
}

/// A finding as kept, with the scan's view of it.
pub type StoredFinding = Finding;

#[derive(Debug, Clone, Serialize)]
pub struct DiffResult {
    pub from: i64,
    pub to: i64,
    pub new: Vec<Finding>,
    pub fixed: Vec<Finding>,
    pub unchanged: u64,
}

const HISTORY_COLUMNS: &str = "id, state, started_at, finished_at, engine_version, config_hash, \
    git_commit, git_branch, files, files_reused, lines, findings, suppressed, errors, warnings, \
    infos, score, duration_ms, rule_set, source, commit_time, commit_author, commit_subject";

fn history_row(row: &Row) -> rusqlite::Result<(HistoryEntry, String)> {
    Ok((
        HistoryEntry {
            scan: row.get(0)?,
            state: row.get(1)?,
            started_at: row.get(2)?,
            finished_at: row.get(3)?,
            engine_version: row.get(4)?,
            config_hash: row.get(5)?,
            git_commit: row.get(6)?,
            git_branch: row.get(7)?,
            files: row.get(8)?,
            files_reused: row.get(9)?,
            lines: row.get(10)?,
            findings: row.get(11)?,
            suppressed: row.get(12)?,
            errors: row.get(13)?,
            warnings: row.get(14)?,
            infos: row.get(15)?,
            score: row.get(16)?,
            duration_ms: row.get(17)?,
            findings_change: None,
            score_change: None,
            markers: Vec::new(),
            backfilled: row.get::<_, String>(19)? == "git",
            commit_time: row.get(20)?,
            commit_author: row.get(21)?,
            commit_subject: row.get(22)?,
        },
        row.get(18)?,
    ))
}

impl Store {
    /// How many of `commits` have a complete backfilled scan with this
    /// engine (under any configuration).
    pub fn backfilled_commits<'a>(
        &self,
        project: ProjectId,
        commits: impl Iterator<Item = &'a str>,
    ) -> Result<usize> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT 1 FROM scans WHERE project_id = ?1 AND source = 'git' AND git_commit = ?2
                     AND engine_version = ?3 AND state = 'complete' LIMIT 1",
            )
            .at(&self.path)?;
        let mut found = 0;
        for commit in commits {
            if statement
                .exists(params![project.0, commit, tenet_engine::ENGINE_ID])
                .at(&self.path)?
            {
                found += 1;
            }
        }
        Ok(found)
    }

    /// Whether this commit was already backfilled with this engine and
    /// configuration (so backfilling again adds nothing).
    pub fn backfilled(&self, project: ProjectId, commit: &str, config_hash: &str) -> Result<bool> {
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM scans WHERE project_id = ?1 AND source = 'git' AND git_commit = ?2
                     AND engine_version = ?3 AND config_hash = ?4 AND state = 'complete'",
                params![project.0, commit, tenet_engine::ENGINE_ID, config_hash],
                |row| row.get(0),
            )
            .optional()
            .at(&self.path)?;
        Ok(found.is_some())
    }

    pub fn projects(&self) -> Result<Vec<ProjectSummary>> {
        let path = &self.path;
        let mut statement = self
            .conn
            .prepare(
                "SELECT p.id, p.name, p.root, (SELECT count(*) FROM scans s WHERE s.project_id = p.id)
                 FROM projects p ORDER BY p.name, p.id",
            )
            .at(path)?;
        let rows: Vec<(i64, String, String, i64)> = statement
            .query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .at(path)?
            .collect::<rusqlite::Result<_>>()
            .at(path)?;
        let mut projects = Vec::with_capacity(rows.len());
        for (id, name, root, scans) in rows {
            let last_scan = self.history(ProjectId(id))?.pop();
            projects.push(ProjectSummary {
                id,
                name,
                root,
                scans,
                last_scan,
            });
        }
        Ok(projects)
    }

    /// The project's scans, oldest first, each compared with the previous
    /// complete scan.
    pub fn history(&self, project: ProjectId) -> Result<Vec<HistoryEntry>> {
        let path = &self.path;
        let mut statement = self
            .conn
            .prepare_cached(&format!(
                "SELECT {HISTORY_COLUMNS} FROM scans WHERE project_id = ?1 ORDER BY trend_at, id"
            ))
            .at(path)?;
        let rows: Vec<(HistoryEntry, String)> = statement
            .query_map([project.0], history_row)
            .at(path)?
            .collect::<rusqlite::Result<_>>()
            .at(path)?;
        let mut entries = Vec::with_capacity(rows.len());
        let mut previous: Option<(HistoryEntry, String)> = None;
        for (mut entry, rule_set) in rows {
            if let Some((before, before_rules)) = &previous {
                entry.findings_change = Some(entry.findings - before.findings);
                entry.score_change = entry.score.zip(before.score).map(|(a, b)| a - b);
                if entry.engine_version != before.engine_version {
                    entry.markers.push(format!(
                        "engine {} → {}",
                        before.engine_version, entry.engine_version
                    ));
                }
                if entry.config_hash != before.config_hash {
                    entry.markers.push("configuration changed".into());
                }
                if &rule_set != before_rules {
                    entry.markers.push(rules_change(before_rules, &rule_set));
                }
            }
            if entry.state == "complete" {
                previous = Some((entry.clone(), rule_set));
            }
            entries.push(entry);
        }
        Ok(entries)
    }

    /// Resolves a user's scan reference within a project.
    pub fn resolve_scan(&self, project: ProjectId, scan: ScanRef) -> Result<ScanId> {
        let path = &self.path;
        let found: Option<i64> = match scan {
            ScanRef::Latest | ScanRef::Previous => {
                let offset = i64::from(scan == ScanRef::Previous);
                self.conn
                    .query_row(
                        "SELECT id FROM scans WHERE project_id = ?1 AND state = 'complete'
                         ORDER BY trend_at DESC, id DESC LIMIT 1 OFFSET ?2",
                        params![project.0, offset],
                        |row| row.get(0),
                    )
                    .optional()
                    .at(path)?
            }
            ScanRef::Id(id) => self
                .conn
                .query_row(
                    "SELECT id FROM scans WHERE project_id = ?1 AND id = ?2",
                    params![project.0, id],
                    |row| row.get(0),
                )
                .optional()
                .at(path)?,
        };
        found.map(ScanId).ok_or_else(|| {
            StoreError::NotFound(match scan {
                ScanRef::Latest => "this project has no complete scan yet".into(),
                ScanRef::Previous => "this project has fewer than two complete scans".into(),
                ScanRef::Id(id) => format!("scan {id} is not a scan of this project"),
            })
        })
    }

    /// Every finding of a scan (suppressed ones included), in path order.
    pub fn scan_findings(&self, scan: ScanId) -> Result<Vec<Finding>> {
        let path = &self.path;
        let mut findings = Vec::new();
        let sql = format!(
            "SELECT v.path, v.path_bytes, {columns} FROM scan_files f
                 JOIN file_versions v ON v.id = f.version_id
                 JOIN version_findings vf ON vf.version_id = v.id
             WHERE f.scan_id = ?1
             UNION ALL
             SELECT path, path_bytes, {FINDING_COLUMNS} FROM scan_findings WHERE scan_id = ?1",
            columns = FINDING_COLUMNS
                .split(", ")
                .map(|c| format!("vf.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut statement = self.conn.prepare_cached(&sql).at(path)?;
        let mut rows = statement.query([scan.0]).at(path)?;
        while let Some(row) = rows.next().at(path)? {
            let file = rel_path(row.get(0).at(path)?, row.get(1).at(path)?);
            if let Some(finding) = finding_from_row(row, 2, file).at(path)? {
                findings.push(finding);
            }
        }
        findings.sort_by(|a, b| {
            (&a.path, a.span.cell, a.span.start, a.rule).cmp(&(
                &b.path,
                b.span.cell,
                b.span.start,
                b.rule,
            ))
        });
        Ok(findings)
    }

    /// Fingerprints of a scan's unsuppressed findings: a baseline.
    pub fn fingerprints(&self, scan: ScanId) -> Result<HashSet<String>> {
        Ok(self
            .scan_findings(scan)?
            .into_iter()
            .filter(|f| !f.suppressed)
            .map(|f| f.fingerprint)
            .collect())
    }

    /// Unsuppressed findings new in `to`, fixed since `from`, and how many
    /// are in both — matched by fingerprint, so edits that only move lines
    /// change nothing.
    pub fn diff(&self, from: ScanId, to: ScanId) -> Result<DiffResult> {
        let active = |scan| -> Result<BTreeMap<String, Finding>> {
            Ok(self
                .scan_findings(scan)?
                .into_iter()
                .filter(|f| !f.suppressed)
                .map(|f| (f.fingerprint.clone(), f))
                .collect())
        };
        let (before, mut after) = (active(from)?, active(to)?);
        let mut fixed = Vec::new();
        let mut unchanged = 0;
        for (fingerprint, finding) in before {
            if after.remove(&fingerprint).is_some() {
                unchanged += 1;
            } else {
                fixed.push(finding);
            }
        }
        let mut new: Vec<Finding> = after.into_values().collect();
        let order =
            |a: &Finding, b: &Finding| (&a.path, a.span.start).cmp(&(&b.path, b.span.start));
        new.sort_by(order);
        fixed.sort_by(order);
        Ok(DiffResult {
            from: from.0,
            to: to.0,
            new,
            fixed,
            unchanged,
        })
    }
}

fn rules_change(before: &str, after: &str) -> String {
    let set = |s: &str| -> HashSet<String> {
        s.split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (before, after) = (set(before), set(after));
    let mut added: Vec<_> = after.difference(&before).cloned().collect();
    let mut removed: Vec<_> = before.difference(&after).cloned().collect();
    added.sort();
    removed.sort();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("rules added: {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("rules removed: {}", removed.join(", ")));
    }
    parts.join("; ")
}
