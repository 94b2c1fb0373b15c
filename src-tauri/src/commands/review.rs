//! Verdicts on checklist items: record one (and overrule an automated
//! status, with a reason), and the log of who decided what and when.

use super::overview::{checklist_of, latest_scan};
use crate::error::{CommandError, CommandResult};
use crate::shapes::ChecklistItem;
use crate::state::AppState;
use serde::Serialize;
use std::path::Path;
use tauri::State;
use tenet_engine::checklist::{self, Status};
use tenet_store::{ProjectId, ReviewInput};

#[tauri::command(async)]
pub fn record_review(
    state: State<'_, AppState>,
    project_id: i64,
    item_id: String,
    verdict: String,
    note: String,
) -> CommandResult<ChecklistItem> {
    let project = ProjectId(project_id);
    let verdict = Status::parse(&verdict)
        .filter(|v| *v != Status::NeedsReview)
        .ok_or_else(|| {
            CommandError::invalid(format!(
                "verdict `{verdict}`: choose pass, fail or not_applicable"
            ))
        })?;
    let store = state.store()?;
    let scan = latest_scan(&store, project)?.ok_or_else(|| {
        CommandError::not_found("scan the project before reviewing it: there is no complete scan")
    })?;
    let before = checklist_of(&store.load_scan_summary(scan)?);
    let current = before.iter().find(|i| i.id == item_id).ok_or_else(|| {
        let known: Vec<&str> = checklist::ITEMS.iter().map(|i| i.id).collect();
        CommandError::invalid(format!(
            "no checklist item `{item_id}`; the items are {}",
            known.join(", ")
        ))
    })?;
    // Overruling what the tool decided needs a reason an auditor can read.
    let automated = current.status != "needs_review" && current.review.is_none();
    if automated && current.status != verdict.as_str() && note.trim().is_empty() {
        return Err(CommandError::invalid(format!(
            "“{}” was decided by the scan as {}; say why you overrule it in the note",
            current.title,
            current.status.replace('_', " ")
        )));
    }
    let reviewer = match state.settings().reviewer.trim() {
        "" => {
            let root = store.project_row(project)?.root;
            tenet_store::git::default_reviewer(Path::new(&root))
        }
        name => name.to_string(),
    };
    store.add_review(
        project,
        &ReviewInput {
            item: item_id.clone(),
            verdict,
            reviewer,
            note: note.trim().to_string(),
        },
    )?;
    let after = checklist_of(&store.load_scan_summary(scan)?);
    Ok(after
        .into_iter()
        .find(|i| i.id == item_id)
        .expect("the item was found before"))
}

#[derive(Debug, Serialize)]
pub struct ReviewEntry {
    pub id: i64,
    pub item: String,
    pub item_title: Option<&'static str>,
    pub verdict: &'static str,
    pub reviewer: String,
    pub at: String,
    pub note: String,
    pub scan: Option<i64>,
    /// The newest verdict on its item.
    pub current: bool,
    /// Current, but the evidence changed since: the item needs review again.
    pub stale: bool,
}

#[tauri::command(async)]
pub fn list_reviews(
    state: State<'_, AppState>,
    project_id: i64,
) -> CommandResult<Vec<ReviewEntry>> {
    let project = ProjectId(project_id);
    let store = state.store()?;
    let stale: Vec<(String, bool)> = match latest_scan(&store, project)? {
        Some(scan) => checklist_of(&store.load_scan_summary(scan)?)
            .into_iter()
            .filter_map(|i| i.review.map(|r| (i.id.to_string(), r.stale)))
            .collect(),
        None => Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    let mut entries: Vec<ReviewEntry> = store
        .review_history(project, None)?
        .into_iter()
        .rev()
        .map(|review| {
            let current = seen.insert(review.item.clone());
            let stale = current && stale.iter().any(|(item, s)| *item == review.item && *s);
            ReviewEntry {
                id: review.id,
                item_title: checklist::item(&review.item).map(|i| i.title),
                item: review.item,
                verdict: review.verdict.as_str(),
                reviewer: review.reviewer,
                at: review.reviewed_at,
                note: review.note,
                scan: review.scan,
                current,
                stale,
            }
        })
        .collect();
    entries.sort_by(|a, b| b.id.cmp(&a.id));
    Ok(entries)
}
