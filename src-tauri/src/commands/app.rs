//! The about box and the settings dialog.

use crate::error::CommandResult;
use crate::settings::Settings;
use crate::state::AppState;
use serde::Serialize;
use tauri::State;

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub engine: &'static str,
    pub database: String,
    pub settings_file: String,
    pub chart_renderer: String,
    /// A folder named on the command line, opened at start.
    pub startup_project: Option<i64>,
    /// Things the reviewer should know once: a database moved aside, a
    /// settings file reset.
    pub notices: Vec<String>,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    // Opening the store here surfaces its notices with the first call.
    let _ = state.store();
    Ok(AppInfo {
        name: "Tenet",
        version: env!("CARGO_PKG_VERSION"),
        engine: tenet_engine::ENGINE_ID,
        database: state.db_path.display().to_string(),
        settings_file: state.settings_path.display().to_string(),
        chart_renderer: crate::charts::describe(),
        startup_project: *state
            .startup_project
            .lock()
            .unwrap_or_else(|e| e.into_inner()),
        notices: state.take_notices(),
    })
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings()
}

#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> CommandResult<Settings> {
    state.set_settings(settings)
}
