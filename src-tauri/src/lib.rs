//! Tenet's desktop shell: a thin Tauri adapter over the engine, store and
//! report crates. One commands module per screen; errors reach the webview
//! as `{kind, message}`; scans run in the background with progress on a
//! channel and a cancel token in state; the webview never names a path.

mod charts;
pub mod commands;
mod dialogs;
pub mod error;
pub mod settings;
pub mod shapes;
pub mod state;

use error::{CommandError, ErrorKind};
use state::AppState;
use std::path::{Path, PathBuf};
use tauri::{DragDropEvent, Emitter, Manager, Runtime, WindowEvent};

/// Where the app keeps its data and what it opens at start.
#[derive(Debug, Clone)]
pub struct Launch {
    pub database: PathBuf,
    pub settings: PathBuf,
    /// A folder named on the command line: added and opened at start.
    pub open: Option<PathBuf>,
}

impl Launch {
    /// `TENET_DB` (else the per-user data folder), `TENET_SETTINGS` (else
    /// the per-user config folder), and an optional folder argument.
    pub fn from_environment() -> Result<Launch, String> {
        let database = match std::env::var_os("TENET_DB") {
            Some(path) => PathBuf::from(path),
            None => tenet_store::default_path()
                .ok_or("no per-user data folder on this system; set TENET_DB to a database file")?,
        };
        let settings = match std::env::var_os("TENET_SETTINGS") {
            Some(path) => PathBuf::from(path),
            None => dirs::config_dir()
                .ok_or("no per-user config folder on this system; set TENET_SETTINGS to a file")?
                .join("tenet")
                .join("settings.json"),
        };
        let mut open = None;
        for argument in std::env::args_os().skip(1) {
            if argument.to_string_lossy().starts_with('-') {
                return Err(format!(
                    "unknown option {}; usage: tenet-app [FOLDER]",
                    argument.to_string_lossy()
                ));
            }
            open = Some(PathBuf::from(argument));
        }
        Ok(Launch {
            database,
            settings,
            open,
        })
    }
}

/// The sample project in the source tree, for development builds.
fn source_tree_sample() -> Option<PathBuf> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample");
    sample
        .join("pyproject.toml")
        .is_file()
        .then(|| std::fs::canonicalize(&sample).unwrap_or(sample))
}

/// The sample project bundled beside the installed app.
fn bundled_sample<R: Runtime>(app: &tauri::App<R>) -> Option<PathBuf> {
    let sample = app.path().resource_dir().ok()?.join("sample");
    sample.join("pyproject.toml").is_file().then_some(sample)
}

/// A folder dropped on the window joins the portfolio; anything else is
/// explained. The paths come from the Rust side of the drop.
fn on_drop<R: Runtime>(window: &tauri::Window<R>, paths: &[PathBuf]) {
    let state = window.state::<AppState>();
    for path in paths {
        if path.is_dir() {
            match commands::projects::add_folder(&state, path) {
                Ok(card) => drop(window.emit("tenet://project-added", card)),
                Err(error) => drop(window.emit("tenet://notice", error)),
            }
        } else {
            let name = path
                .file_name()
                .unwrap_or(path.as_os_str())
                .to_string_lossy();
            let notice = CommandError::new(
                ErrorKind::Invalid,
                format!("{name} is not a folder; drop a project folder to review it"),
            );
            let _ = window.emit("tenet://notice", notice);
        }
    }
}

/// The app on any runtime: Tauri's for real, the mock one in tests.
pub fn app<R: Runtime>(builder: tauri::Builder<R>, launch: Launch) -> tauri::Builder<R> {
    let state = AppState::new(launch.database, launch.settings, source_tree_sample());
    let open = launch.open;
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(move |app| {
            charts::warm_up();
            let state = app.state::<AppState>();
            if let Some(bundled) = bundled_sample(app) {
                state.set_sample_root(Some(bundled));
            }
            if let Some(folder) = &open {
                match commands::projects::add_folder(&state, folder) {
                    Ok(card) => state.set_startup_project(card.id),
                    Err(error) => state.add_notice(error.message),
                }
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                on_drop(window, paths);
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::get_settings,
            commands::app::save_settings,
            commands::projects::list_projects,
            commands::projects::add_project,
            commands::projects::add_sample_project,
            commands::projects::remove_project,
            commands::overview::project_overview,
            commands::overview::project_charts,
            commands::findings::query_findings,
            commands::findings::finding_detail,
            commands::findings::open_in_editor,
            commands::review::record_review,
            commands::review::list_reviews,
            commands::history::list_scans,
            commands::history::compare_scans,
            commands::rules::list_rules,
            commands::rules::rule_doc,
            commands::scan::start_scan,
            commands::scan::cancel_scan,
            commands::backfill::backfill_offer,
            commands::backfill::start_backfill,
            commands::export::list_export_formats,
            commands::export::export_report,
        ])
}

/// When the process started, for `TENET_TRACE_STARTUP` (bench/app).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    let launch = match Launch::from_environment() {
        Ok(launch) => launch,
        Err(message) => {
            eprintln!("tenet-app: {message}");
            std::process::exit(2);
        }
    };
    if let Err(error) = app(tauri::Builder::default(), launch).run(tauri::generate_context!()) {
        eprintln!("tenet-app: the window could not start: {error}");
        std::process::exit(1);
    }
}
