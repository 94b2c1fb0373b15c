//! A project's overview: the checklist of its latest complete scan, score
//! and gate, what changed since the scan before, and the charts.

use crate::charts::{self, Charts};
use crate::error::CommandResult;
use crate::shapes::{fail_level, ChecklistItem, Counts, ProjectCard, ScanBrief, ScanDetail};
use crate::state::AppState;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tauri::State;
use tenet_engine::rules;
use tenet_store::{ProjectId, ScanId, ScanRef, StoreError, StoredScan};

#[derive(Debug, Serialize)]
pub struct Overview {
    pub project: ProjectCard,
    pub scan: Option<ScanDetail>,
    pub checklist: Vec<ChecklistItem>,
    pub changes: Option<tenet_store::browse::Changes>,
    /// The project's newest scan when it did not finish (cancelled, or the
    /// app stopped): kept in History, not shown as the latest.
    pub interrupted: Option<ScanBrief>,
}

pub fn checklist_of(stored: &StoredScan) -> Vec<ChecklistItem> {
    let by_item: BTreeMap<&str, Counts> = rules::totals_by_item(&stored.result.summary.by_rule)
        .into_iter()
        .map(|(item, [error, warning, info])| {
            (
                item,
                Counts {
                    error,
                    warning,
                    info,
                },
            )
        })
        .collect();
    stored
        .result
        .checklist
        .items
        .iter()
        .map(|item| ChecklistItem::new(item, &by_item))
        .collect()
}

/// The latest complete scan, `None` before the first.
pub fn latest_scan(
    store: &tenet_store::Store,
    project: ProjectId,
) -> CommandResult<Option<ScanId>> {
    match store.resolve_scan(project, ScanRef::Latest) {
        Ok(scan) => Ok(Some(scan)),
        Err(StoreError::NotFound(_)) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

#[tauri::command(async)]
pub fn project_overview(state: State<'_, AppState>, project_id: i64) -> CommandResult<Overview> {
    let project = ProjectId(project_id);
    let store = state.store()?;
    let card = super::projects::card(&state, &store, project)?;
    let level = fail_level(Path::new(&card.root), &state.settings().fail_on);
    let interrupted = store
        .history(project)?
        .last()
        .filter(|entry| entry.state == "interrupted")
        .map(|entry| ScanBrief::new(entry, level));
    let Some(scan) = latest_scan(&store, project)? else {
        return Ok(Overview {
            project: card,
            scan: None,
            checklist: Vec::new(),
            changes: None,
            interrupted,
        });
    };
    let stored = store.load_scan_summary(scan)?;
    let summary = &stored.result.summary;
    let detail = ScanDetail {
        brief: ScanBrief::new(&stored.entry, level),
        files: stored.entry.files,
        lines: stored.entry.lines,
        skipped: summary.skipped as i64,
        parse_errors: summary.parse_errors as i64,
        suppressed: stored.entry.suppressed,
        duration_ms: stored.entry.duration_ms,
        fail_on: level.as_str(),
        engine: stored.entry.engine_version.clone(),
        commit: stored.entry.git_commit.clone(),
        branch: stored.entry.git_branch.clone(),
    };
    let changes = store.changes(scan)?;
    let checklist = checklist_of(&stored);
    Ok(Overview {
        project: card,
        scan: Some(detail),
        checklist,
        changes,
        interrupted,
    })
}

/// The overview's charts, asked for after the overview itself: drawing a
/// 50,000-file hotspot map takes longer than everything else on the page.
#[tauri::command(async)]
pub fn project_charts(
    state: State<'_, AppState>,
    project_id: i64,
    chart_theme: Option<String>,
    chart_scale: Option<f32>,
) -> CommandResult<Charts> {
    let project = ProjectId(project_id);
    let store = state.store()?;
    let Some(scan) = latest_scan(&store, project)? else {
        return Ok(Charts::default());
    };
    let look = charts::Look::new(chart_theme.as_deref(), chart_scale);
    charts::overview(&store, project, scan, look)
}
