//! The native folder and save dialogs, opened from Rust so the webview
//! never names a path. `TENET_DIALOG_ANSWER` answers them without a window
//! (a folder for "add", a folder to save into for "export"): the end-to-end
//! tests drive the app through WebDriver, which cannot reach native dialogs.

use crate::error::{CommandError, CommandResult, ErrorKind};
use std::path::PathBuf;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

const ANSWER: &str = "TENET_DIALOG_ANSWER";

/// Whether dialogs are answered by `TENET_DIALOG_ANSWER` (an automated run).
pub fn answered() -> bool {
    std::env::var_os(ANSWER).is_some()
}

fn dialog_error(e: impl std::fmt::Display) -> CommandError {
    CommandError::new(
        ErrorKind::Dialog,
        format!("the dialog returned no usable path: {e}"),
    )
}

pub fn pick_folder<R: Runtime>(app: &AppHandle<R>) -> CommandResult<Option<PathBuf>> {
    if let Some(answer) = std::env::var_os(ANSWER) {
        return Ok(Some(PathBuf::from(answer)));
    }
    app.dialog()
        .file()
        .set_title("Add a folder to review")
        .blocking_pick_folder()
        .map(|picked| picked.into_path().map_err(dialog_error))
        .transpose()
}

pub fn save_file<R: Runtime>(
    app: &AppHandle<R>,
    file_name: &str,
    label: &str,
    extension: &str,
) -> CommandResult<Option<PathBuf>> {
    if let Some(answer) = std::env::var_os(ANSWER) {
        return Ok(Some(PathBuf::from(answer).join(file_name)));
    }
    app.dialog()
        .file()
        .set_title("Export the compliance report")
        .set_file_name(file_name)
        .add_filter(label, &[extension])
        .blocking_save_file()
        .map(|picked| picked.into_path().map_err(dialog_error))
        .transpose()
}
