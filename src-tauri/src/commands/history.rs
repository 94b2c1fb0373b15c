//! The project's scans with their deltas, and two scans compared.

use super::findings::scan_of;
use crate::error::CommandResult;
use crate::shapes::{fail_level, ScanBrief};
use crate::state::AppState;
use serde::Serialize;
use std::path::Path;
use tauri::State;
use tenet_store::browse::{FindingRow, GroupBy};
use tenet_store::ProjectId;

/// Rows of each side a comparison returns; the totals say how many more.
const MAX_ROWS: usize = 1000;

#[derive(Debug, Serialize)]
pub struct ScanRow {
    #[serde(flatten)]
    pub brief: ScanBrief,
    pub delta: Option<i64>,
    pub commit: Option<String>,
    pub markers: Vec<String>,
}

#[tauri::command(async)]
pub fn list_scans(state: State<'_, AppState>, project_id: i64) -> CommandResult<Vec<ScanRow>> {
    let store = state.store()?;
    let project = ProjectId(project_id);
    let root = store.project_row(project)?.root;
    let level = fail_level(Path::new(&root), &state.settings().fail_on);
    Ok(store
        .history(project)?
        .iter()
        .rev()
        .filter(|entry| entry.state != "running")
        .map(|entry| ScanRow {
            brief: ScanBrief::new(entry, level),
            delta: entry.findings_change,
            commit: entry.git_commit.clone(),
            markers: entry.markers.clone(),
        })
        .collect())
}

#[derive(Debug, Serialize)]
pub struct ScanComparison {
    pub from: i64,
    pub to: i64,
    pub new: Vec<FindingRow>,
    pub fixed: Vec<FindingRow>,
    pub new_total: usize,
    pub fixed_total: usize,
    pub unchanged: usize,
}

#[tauri::command(async)]
pub fn compare_scans(
    state: State<'_, AppState>,
    project_id: i64,
    from: i64,
    to: i64,
) -> CommandResult<ScanComparison> {
    let store = state.store()?;
    let (from, to) = (
        scan_of(&store, project_id, Some(from))?,
        scan_of(&store, project_id, Some(to))?,
    );
    let later = store.finding_set(to)?;
    let earlier = store.finding_set(from)?;
    let comparison = later.compare(&earlier);
    let rows = |set: &tenet_store::browse::FindingSet, indexes: &[usize]| -> Vec<FindingRow> {
        indexes
            .iter()
            .take(MAX_ROWS)
            .map(|&i| set.row_at(i, GroupBy::File))
            .collect()
    };
    Ok(ScanComparison {
        from: from.0,
        to: to.0,
        new: rows(&later, &comparison.new),
        fixed: rows(&earlier, &comparison.fixed),
        new_total: comparison.new.len(),
        fixed_total: comparison.fixed.len(),
        unchanged: comparison.unchanged,
    })
}
