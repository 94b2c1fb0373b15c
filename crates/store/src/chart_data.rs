//! What the charts draw, read straight from the tables: a project's trend
//! and a scan's findings per file. The app and the CLI map these rows to
//! `tenet-charts` models (the store knows nothing of charts).

use crate::error::{AtPath, Result};
use crate::{ProjectId, ScanId, Store};
use serde::Serialize;
use std::collections::BTreeMap;

/// One complete scan in a project's trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendRow {
    pub scan: i64,
    /// Where the scan sits in the trend (the commit's time for a backfilled
    /// scan), in Unix seconds.
    pub at_unix: i64,
    pub error: u64,
    pub warning: u64,
    pub info: u64,
    pub score: Option<u32>,
}

/// One file of a scan with its unsuppressed findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HotspotRow {
    /// Relative, `/`-separated (the readable form of a non-UTF-8 name).
    pub path: String,
    /// Zero for a path with findings that was not itself checked (a
    /// permission finding on a file the engine does not read).
    pub lines: u64,
    pub findings: u64,
}

impl Store {
    /// The project's complete scans in trend order (as `history` orders
    /// them), with unsuppressed findings by severity and the score.
    pub fn trend(&self, project: ProjectId) -> Result<Vec<TrendRow>> {
        let path = &self.path;
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT id, CAST(strftime('%s', trend_at) AS INTEGER), errors, warnings, infos, score
                 FROM scans WHERE project_id = ?1 AND state = 'complete'
                 ORDER BY trend_at, id",
            )
            .at(path)?;
        let rows = statement
            .query_map([project.0], |row| {
                Ok(TrendRow {
                    scan: row.get(0)?,
                    at_unix: row.get::<_, Option<i64>>(1)?.unwrap_or(0),
                    error: row.get::<_, i64>(2)?.max(0) as u64,
                    warning: row.get::<_, i64>(3)?.max(0) as u64,
                    info: row.get::<_, i64>(4)?.max(0) as u64,
                    score: row
                        .get::<_, Option<i64>>(5)?
                        .map(|s| s.clamp(0, 100) as u32),
                })
            })
            .at(path)?;
        rows.collect::<rusqlite::Result<_>>().at(path)
    }

    /// Every file the scan saw, in path order, with its lines and
    /// unsuppressed findings — those kept with the file's version and those
    /// kept with the scan (permissions, project-level rules) alike.
    pub fn hotspots(&self, scan: ScanId) -> Result<Vec<HotspotRow>> {
        let path = &self.path;
        let mut files: BTreeMap<String, HotspotRow> = BTreeMap::new();
        {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT v.path, v.lines,
                         (SELECT count(*) FROM version_findings vf
                          WHERE vf.version_id = v.id AND vf.suppressed = 0)
                     FROM scan_files f JOIN file_versions v ON v.id = f.version_id
                     WHERE f.scan_id = ?1",
                )
                .at(path)?;
            let mut rows = statement.query([scan.0]).at(path)?;
            while let Some(row) = rows.next().at(path)? {
                let file: String = row.get(0).at(path)?;
                let lines = row.get::<_, i64>(1).at(path)?.max(0) as u64;
                let findings = row.get::<_, i64>(2).at(path)?.max(0) as u64;
                // Two versions of one path in a scan (non-UTF-8 names that
                // read the same) add up.
                let entry = files.entry(file.clone()).or_insert(HotspotRow {
                    path: file,
                    lines: 0,
                    findings: 0,
                });
                entry.lines += lines;
                entry.findings += findings;
            }
        }
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT path, count(*) FROM scan_findings
                 WHERE scan_id = ?1 AND suppressed = 0 AND path <> '' GROUP BY path",
            )
            .at(path)?;
        let mut rows = statement.query([scan.0]).at(path)?;
        while let Some(row) = rows.next().at(path)? {
            let file: String = row.get(0).at(path)?;
            let findings = row.get::<_, i64>(1).at(path)?.max(0) as u64;
            files
                .entry(file.clone())
                .or_insert(HotspotRow {
                    path: file,
                    lines: 0,
                    findings: 0,
                })
                .findings += findings;
        }
        Ok(files.into_values().collect())
    }
}
