//! Export a recorded scan as a report: the format is chosen in the app, the
//! place in the native save dialog (opened here, never named by the
//! webview), and the written file opens with the system's handler.

use super::findings::scan_of;
use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::shapes::fail_level;
use crate::state::AppState;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Runtime, State};
use tenet_report::{JsonExtras, ReportInput};
use tenet_store::{ScanId, Store};

#[derive(Debug, Clone, Copy, Serialize)]
pub struct ExportFormat {
    pub id: &'static str,
    pub label: &'static str,
    pub extension: &'static str,
}

pub const FORMATS: &[ExportFormat] = &[
    ExportFormat {
        id: "html",
        label: "Compliance report (HTML, one self-contained file)",
        extension: "html",
    },
    ExportFormat {
        id: "pdf",
        label: "Compliance report (tagged PDF)",
        extension: "pdf",
    },
    ExportFormat {
        id: "sarif",
        label: "SARIF 2.1.0 (code scanning)",
        extension: "sarif",
    },
    ExportFormat {
        id: "json",
        label: "JSON (Tenet's full result)",
        extension: "json",
    },
    ExportFormat {
        id: "csv",
        label: "CSV (spreadsheets)",
        extension: "csv",
    },
    ExportFormat {
        id: "md",
        label: "Markdown (pull-request comment)",
        extension: "md",
    },
    ExportFormat {
        id: "junit",
        label: "JUnit XML (CI dashboards)",
        extension: "xml",
    },
];

#[tauri::command(async)]
pub fn list_export_formats() -> &'static [ExportFormat] {
    FORMATS
}

/// The report of `scan` in `format`, as `tenet report` would write it.
pub fn render(
    store: &Store,
    scan: ScanId,
    format: &str,
    default_fail_on: &str,
) -> CommandResult<Vec<u8>> {
    let mut bytes = Vec::new();
    render_into(store, scan, format, default_fail_on, &mut bytes)?;
    Ok(bytes)
}

/// [`render`], written into `out` as it is made: the JSON formats one
/// finding at a time, CSV row by row, never the whole report in memory.
pub fn render_into(
    store: &Store,
    scan: ScanId,
    format: &str,
    default_fail_on: &str,
    out: &mut dyn Write,
) -> CommandResult<()> {
    let stored = store.load_scan(scan)?;
    let root = Path::new(&stored.project_root);
    let level = fail_level(root, default_fail_on);
    let gate_failures = stored
        .findings
        .iter()
        .filter(|f| !f.suppressed && level.fails(f.severity))
        .count() as u64;
    let prefix = tenet_store::git::path_in_repository(root).unwrap_or_default();
    let input = ReportInput {
        root,
        findings: &stored.findings,
        skips: &stored.skips,
        result: &stored.result,
        config_hash: &stored.entry.config_hash,
        fail_on: level.as_str(),
        gate_failures,
        baseline: None,
        repository_prefix: &prefix,
    };
    let written = match format {
        "sarif" => tenet_report::sarif(&input).write_pretty(out),
        "json" => tenet_report::json(
            &input,
            JsonExtras {
                baseline_source: None,
                scan_id: Some(scan.0),
            },
        )
        .write_pretty(out),
        "csv" => tenet_report::write_csv(&input, out),
        "md" => out.write_all(tenet_report::markdown(&input).as_bytes()),
        "junit" => out.write_all(tenet_report::junit(&input).as_bytes()),
        "html" | "pdf" => {
            use tenet_report::compliance::{self, Context, Document};
            let context = Context::recorded(store, scan)?;
            let document = Document::build(&input, &context);
            if format == "pdf" {
                let pdf = compliance::pdf(&document)
                    .map_err(|e| CommandError::new(ErrorKind::Internal, e.to_string()))?;
                out.write_all(&pdf)
            } else {
                out.write_all(
                    compliance::html_report(&document, crate::charts::renderer()).as_bytes(),
                )
            }
        }
        other => {
            return Err(CommandError::invalid(format!(
                "export format `{other}`: choose one of {}",
                FORMATS.iter().map(|f| f.id).collect::<Vec<_>>().join(", ")
            )))
        }
    };
    written.map_err(|e| CommandError::io(e.to_string()))
}

/// Writes beside the target and renames, so a failed export never leaves
/// half a report where a good one was.
pub fn write_file(path: &Path, bytes: &[u8]) -> CommandResult<()> {
    write_with(path, |out| {
        out.write_all(bytes)
            .map_err(|e| CommandError::io(e.to_string()))
    })
}

/// [`write_file`] for a report written as it is made by `write`; a failure
/// to write names the file.
pub fn write_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> CommandResult<()>,
) -> CommandResult<()> {
    let fail = |e: std::io::Error| CommandError::io(format!("{}: {e}", path.display()));
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".tenet-{}.tmp", std::process::id()));
    let temporary = PathBuf::from(temporary);
    let written = std::fs::File::create(&temporary)
        .map_err(fail)
        .and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
            write(&mut out).map_err(|mut e| {
                if e.kind == ErrorKind::Io {
                    e.message = format!("{}: {}", path.display(), e.message);
                }
                e
            })?;
            out.into_inner().map_err(|e| fail(e.into_error()))?;
            std::fs::rename(&temporary, path).map_err(fail)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[derive(Debug, Serialize)]
pub struct Exported {
    pub path: String,
    /// Whether the system's handler was started for it.
    pub opened: bool,
}

#[tauri::command(async)]
pub fn export_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    project_id: i64,
    scan_id: Option<i64>,
    format: String,
) -> CommandResult<Option<Exported>> {
    let chosen = FORMATS
        .iter()
        .find(|f| f.id == format)
        .ok_or_else(|| CommandError::invalid(format!("export format `{format}` is unknown")))?;
    let (scan, name) = {
        let store = state.store()?;
        let scan = scan_of(&store, project_id, scan_id)?;
        let name = store.project_row(tenet_store::ProjectId(project_id))?.name;
        (scan, name)
    };
    let file_name = format!("{name}-scan-{}.{}", scan.0, chosen.extension);
    let Some(path) = crate::dialogs::save_file(&app, &file_name, chosen.label, chosen.extension)?
    else {
        return Ok(None);
    };
    {
        let store = state.store()?;
        let fail_on = state.settings().fail_on.clone();
        write_with(&path, |out| {
            render_into(&store, scan, chosen.id, &fail_on, out)
        })?;
    }
    // Automated runs answer the dialog and must not start a viewer.
    let opened = !crate::dialogs::answered() && open::that_detached(&path).is_ok();
    Ok(Some(Exported {
        path: path.display().to_string(),
        opened,
    }))
}
