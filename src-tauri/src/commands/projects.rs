//! The portfolio: list, add (native dialog, the bundled sample, a dropped
//! folder), remove.

use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::shapes::{fail_level, ProjectCard};
use crate::state::AppState;
use std::path::Path;
use tauri::{AppHandle, Runtime, State};
use tenet_engine::source::RootError;
use tenet_store::{ProjectId, Store};

pub fn card(state: &AppState, store: &Store, project: ProjectId) -> CommandResult<ProjectCard> {
    let row = store.project_row(project)?;
    let history = store.history(project)?;
    let level = fail_level(Path::new(&row.root), &state.settings().fail_on);
    Ok(ProjectCard::new(
        &row,
        &history,
        level,
        state.is_scanning(row.id),
    ))
}

/// Adds `folder` to the portfolio (or brings a removed project back).
pub fn add_folder(state: &AppState, folder: &Path) -> CommandResult<ProjectCard> {
    let root = tenet_engine::source::scan_root(folder).map_err(|error| match error {
        RootError::Unlistable(..) => CommandError::io(error.to_string()),
        _ => CommandError::invalid(error.to_string()),
    })?;
    let store = state.store()?;
    let project = store.project(&root)?;
    store.restore_project(project)?;
    card(state, &store, project)
}

#[tauri::command(async)]
pub fn list_projects(state: State<'_, AppState>) -> CommandResult<Vec<ProjectCard>> {
    let store = state.store()?;
    let mut cards = store
        .portfolio()?
        .into_iter()
        .map(|row| card(&state, &store, ProjectId(row.id)))
        .collect::<CommandResult<Vec<_>>>()?;
    if std::env::var_os("TENET_TRACE_STARTUP").is_some() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            if let Some(started) = crate::STARTED.get() {
                eprintln!(
                    "tenet-app: projects listed {} ms after start",
                    started.elapsed().as_millis()
                );
            }
        });
    }
    // Most recently scanned first; never-scanned ones last, by name.
    cards.sort_by(|a, b| {
        let at = |c: &ProjectCard| c.last_scan.as_ref().map(|s| s.at.clone());
        at(b).cmp(&at(a)).then_with(|| a.name.cmp(&b.name))
    });
    Ok(cards)
}

#[tauri::command(async)]
pub fn add_project<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<ProjectCard>> {
    let Some(folder) = crate::dialogs::pick_folder(&app)? else {
        return Ok(None);
    };
    add_folder(&state, &folder).map(Some)
}

#[tauri::command(async)]
pub fn add_sample_project(state: State<'_, AppState>) -> CommandResult<ProjectCard> {
    let sample = state.sample_root().ok_or_else(|| {
        CommandError::not_found("this build of Tenet has no bundled sample project")
    })?;
    add_folder(&state, &sample)
}

#[tauri::command(async)]
pub fn remove_project(
    state: State<'_, AppState>,
    project_id: i64,
    keep_history: bool,
) -> CommandResult<()> {
    if state.is_scanning(project_id) {
        return Err(CommandError::new(
            ErrorKind::Busy,
            "this project is being scanned; cancel the scan, then remove it",
        ));
    }
    let mut store = state.store()?;
    if keep_history {
        store.archive_project(ProjectId(project_id))?;
    } else {
        store.delete_project(ProjectId(project_id))?;
        state.forget_findings();
    }
    Ok(())
}
