//! What a compliance report knows beyond one scan's result: the project,
//! where the scan sits in its history, and the trend up to it. Read from
//! the store for a recorded scan; a scan run with `--no-store` has none.

use std::collections::HashMap;
use std::path::Path;
use tenet_charts::{Chart, TrendPoint};
use tenet_store::{ScanId, Store};

/// Changes against the complete scan before this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub previous_scan: i64,
    pub new: u64,
    pub fixed: u64,
    pub score_change: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct Context {
    pub project: String,
    pub scan_id: Option<i64>,
    /// When the scan started, as the store writes times (UTC, RFC 3339).
    pub scanned_at: Option<String>,
    pub commit: Option<String>,
    pub branch: Option<String>,
    pub engine_version: String,
    pub change: Option<Change>,
    /// The project's complete scans up to and including this one.
    pub trend: Option<Chart>,
    /// Content hashes of the files as scanned, by relative path, for
    /// telling the reader when a file has changed since.
    pub scanned_hashes: HashMap<String, String>,
    /// When the report is written (UTC, RFC 3339).
    pub generated_at: String,
}

impl Context {
    /// A scan that was not recorded: named after its folder, with no history.
    pub fn unrecorded(root: &Path) -> Context {
        let git = tenet_store::git::head(root).unwrap_or_default();
        Context {
            project: folder_name(root),
            scanned_at: Some(tenet_store::now()),
            commit: git.commit,
            branch: git.branch,
            engine_version: tenet_engine::VERSION.to_string(),
            generated_at: tenet_store::now(),
            ..Context::default()
        }
    }

    /// A recorded scan, from the store: its history entry, the change since
    /// the scan before it, the trend up to it and its files' hashes.
    pub fn recorded(store: &Store, scan: ScanId) -> tenet_store::Result<Context> {
        let stored = store.load_scan_summary(scan)?;
        let entry = &stored.entry;
        let project = stored.project;
        let change = store.changes(scan)?.map(|c| Change {
            previous_scan: c.previous_scan,
            new: c.new as u64,
            fixed: c.fixed as u64,
            score_change: entry.score_change,
        });
        let mut points = Vec::new();
        for row in store.trend(project)? {
            points.push(TrendPoint {
                at: row.at_unix,
                error: row.error,
                warning: row.warning,
                info: row.info,
                score: row.score,
            });
            if row.scan == scan.0 {
                break;
            }
        }
        Ok(Context {
            project: stored.project_name.clone(),
            scan_id: Some(scan.0),
            scanned_at: Some(entry.started_at.clone()),
            commit: entry.git_commit.clone(),
            branch: entry.git_branch.clone(),
            engine_version: entry.engine_version.clone(),
            change,
            trend: (!points.is_empty()).then_some(Chart::Trend(points)),
            scanned_hashes: store.scanned_content_hashes(scan)?,
            generated_at: tenet_store::now(),
        })
    }
}

fn folder_name(root: &Path) -> String {
    root.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| root.display().to_string())
}
