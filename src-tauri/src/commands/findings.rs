//! The findings table (filtered, grouped, sorted, paged), a finding's detail
//! with the source around it, and "open in editor".

use super::rules::{doc_of, RuleDoc};
use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::state::AppState;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::State;
use tenet_engine::{checklist, rules};
use tenet_report::snippet::{self, SourceExcerpt};
use tenet_store::browse::{FindingPage, FindingQuery, FindingRow, FindingSet, GroupBy};
use tenet_store::{ProjectId, ScanId, ScanRef};

/// A detail pane shows four lines either side, 80 at most.
const WINDOW: snippet::Window = snippet::Window {
    context: 4,
    max_lines: 80,
};

/// The scan a command names (the latest complete one when `None`), checked
/// to belong to the project.
pub fn scan_of(
    store: &tenet_store::Store,
    project: i64,
    scan: Option<i64>,
) -> CommandResult<ScanId> {
    let reference = scan.map_or(ScanRef::Latest, ScanRef::Id);
    Ok(store.resolve_scan(ProjectId(project), reference)?)
}

#[tauri::command(async)]
pub fn query_findings(
    state: State<'_, AppState>,
    project_id: i64,
    scan_id: Option<i64>,
    query: FindingQuery,
) -> CommandResult<FindingPage> {
    let store = state.store()?;
    let scan = scan_of(&store, project_id, scan_id)?;
    let set = state.findings(&store, scan)?;
    drop(store);
    Ok(set.query(&query))
}

/// The finding behind `id` and its scan's set, checked to be the project's.
fn lookup(
    state: &AppState,
    project_id: i64,
    finding_id: &str,
) -> CommandResult<(Arc<FindingSet>, PathBuf)> {
    let missing = || CommandError::not_found(format!("no finding `{finding_id}` in this project"));
    let scan: i64 = finding_id
        .split_once('-')
        .and_then(|(scan, _)| scan.parse().ok())
        .ok_or_else(missing)?;
    let store = state.store()?;
    let scan = scan_of(&store, project_id, Some(scan))?;
    let root = PathBuf::from(store.project_row(ProjectId(project_id))?.root);
    let set = state.findings(&store, scan)?;
    set.get(finding_id).ok_or_else(missing)?;
    Ok((set, root))
}

#[derive(Debug, Serialize)]
pub struct FindingDetail {
    #[serde(flatten)]
    pub row: FindingRow,
    pub end_line: u32,
    pub end_column: u32,
    pub suppression_reason: Option<String>,
    pub fingerprint: String,
    pub item_title: Option<&'static str>,
    pub source: Option<SourceExcerpt>,
    pub source_note: Option<String>,
    pub rule: Option<RuleDoc>,
}

#[tauri::command(async)]
pub fn finding_detail(
    state: State<'_, AppState>,
    project_id: i64,
    finding_id: String,
) -> CommandResult<FindingDetail> {
    let (set, root) = lookup(&state, project_id, &finding_id)?;
    let finding = set.get(&finding_id).expect("looked up");
    let row = set.row(&finding_id, GroupBy::Item).expect("looked up");
    let scanned_hash = state
        .store()?
        .scanned_content_hash(set.scan(), &finding.path.display)?;
    let (source, source_note) = snippet::excerpt(&root, finding, scanned_hash.as_deref(), WINDOW);
    let meta = rules::find(finding.rule);
    Ok(FindingDetail {
        row,
        end_line: finding.span.end.line,
        end_column: finding.span.end.column,
        suppression_reason: finding.suppression_reason.clone(),
        fingerprint: finding.fingerprint.clone(),
        item_title: meta
            .and_then(|m| m.item)
            .and_then(checklist::item)
            .map(|i| i.title),
        source,
        source_note,
        rule: meta.map(doc_of),
    })
}

/// The editor command for a file and line: the settings' template, or the
/// system's default handler when it is empty.
pub fn editor_command(
    template: &str,
    path: &std::path::Path,
    line: u32,
    column: u32,
) -> Option<Vec<String>> {
    if template.trim().is_empty() {
        return None;
    }
    let words = shell_words::split(template).ok()?;
    let path = path.display().to_string();
    Some(
        words
            .into_iter()
            .map(|word| {
                word.replace("{path}", &path)
                    .replace("{line}", &line.to_string())
                    .replace("{column}", &column.to_string())
            })
            .collect(),
    )
}

#[tauri::command(async)]
pub fn open_in_editor(
    state: State<'_, AppState>,
    project_id: i64,
    finding_id: String,
) -> CommandResult<()> {
    let (set, root) = lookup(&state, project_id, &finding_id)?;
    let finding = set.get(&finding_id).expect("looked up");
    let path = snippet::file_path(&root, finding);
    if !path.exists() {
        return Err(CommandError::not_found(format!(
            "{}: the file is gone since this scan",
            path.display()
        )));
    }
    let settings = state.settings();
    let failed = |e: std::io::Error| {
        CommandError::new(
            ErrorKind::Io,
            format!("could not open {}: {e}", path.display()),
        )
    };
    match editor_command(
        &settings.editor_command,
        &path,
        finding.span.start.line,
        finding.span.start.column,
    ) {
        None => open::that_detached(&path).map_err(failed),
        Some(words) => std::process::Command::new(&words[0])
            .args(&words[1..])
            .stdin(std::process::Stdio::null())
            .spawn()
            // Reaped in the background, so an editor that exits leaves no zombie.
            .map(|mut child| drop(std::thread::spawn(move || child.wait())))
            .map_err(|e| {
                CommandError::new(
                    ErrorKind::Io,
                    format!("the editor command `{}` could not start: {e}", words[0]),
                )
            }),
    }
}
