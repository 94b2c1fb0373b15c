//! Start, watch and cancel a scan. The command returns at once; the scan
//! runs on its own thread with its own database connection and reports on
//! the caller's channel, at most ten progress messages a second (the
//! engine's pace).

use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::shapes::Counts;
use crate::state::AppState;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tenet_engine::config::{Config, Overrides, Settings};
use tenet_engine::{FailOn, Finding, Progress, Severity, Sink};
use tenet_store::{ProjectId, Store};

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ScanEvent {
    Started {
        project_id: i64,
        token: u64,
    },
    Progress {
        files_done: u64,
        files_total: u64,
        listing_done: bool,
        current: String,
        findings: u64,
        elapsed_ms: u64,
    },
    Finished {
        scan_id: i64,
        files: u64,
        findings: u64,
        new: Option<usize>,
        fixed: Option<usize>,
        duration_ms: u64,
        score: Option<u32>,
        gate: &'static str,
    },
    Cancelled,
    Failed {
        error: CommandError,
    },
}

#[derive(Debug, Serialize)]
pub struct ScanStarted {
    pub token: u64,
}

static TOKENS: AtomicU64 = AtomicU64::new(1);

/// Forwards the engine's progress to the webview.
struct ProgressSink<'a> {
    channel: &'a Channel<ScanEvent>,
    started: Instant,
}

impl Sink for ProgressSink<'_> {
    fn finding(&mut self, _finding: &Finding) {}
    fn progress(&mut self, progress: &Progress) {
        let _ = self.channel.send(ScanEvent::Progress {
            files_done: progress.files_done,
            files_total: progress.files_total,
            listing_done: progress.listing_done,
            current: progress.current.clone(),
            findings: progress.findings,
            elapsed_ms: self.started.elapsed().as_millis() as u64,
        });
    }
}

/// The project's settings: its own configuration, with the app's default
/// gate level where the configuration names none.
fn project_settings(root: &Path, default_fail_on: &str) -> CommandResult<Settings> {
    let config = Config::discover(root)?;
    let overrides = Overrides {
        fail_on: config
            .fail_on
            .is_none()
            .then(|| FailOn::parse(default_fail_on))
            .flatten(),
        ..Overrides::default()
    };
    Ok(Settings::resolve(&config, &overrides))
}

/// Runs one scan to its end and says how it ended.
pub fn run_scan(
    db: &Path,
    project: ProjectId,
    root: &Path,
    settings: &Settings,
    channel: &Channel<ScanEvent>,
    cancel: &AtomicBool,
) -> ScanEvent {
    let outcome = (|| -> CommandResult<ScanEvent> {
        let store = Store::open(db)?;
        let mut sink = ProgressSink {
            channel,
            started: Instant::now(),
        };
        let (result, scan) =
            store.scan_project(project, root, settings, &mut sink, Some(cancel))?;
        if result.interrupted {
            return Ok(ScanEvent::Cancelled);
        }
        let changes = store.changes(scan)?;
        let (new, fixed) = (changes.map(|c| c.new), changes.map(|c| c.fixed));
        let summary = &result.summary;
        let count = |s: Severity| summary.by_severity.get(s.as_str()).copied().unwrap_or(0);
        let counts = Counts {
            error: count(Severity::Error),
            warning: count(Severity::Warning),
            info: count(Severity::Info),
        };
        Ok(ScanEvent::Finished {
            scan_id: scan.0,
            files: summary.files,
            findings: summary.findings,
            new,
            fixed,
            duration_ms: summary.duration_ms,
            score: result.checklist.score,
            gate: if counts.fails(settings.fail_on) {
                "fail"
            } else {
                "pass"
            },
        })
    })();
    outcome.unwrap_or_else(|error| ScanEvent::Failed { error })
}

#[tauri::command(async)]
pub fn start_scan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    project_id: i64,
    on_progress: Channel<ScanEvent>,
) -> CommandResult<ScanStarted> {
    let project = ProjectId(project_id);
    let root = PathBuf::from(state.store()?.project_row(project)?.root);
    if !root.is_dir() {
        return Err(CommandError::not_found(format!(
            "{}: the folder is gone; remove the project or restore the folder",
            root.display()
        )));
    }
    // A broken configuration is reported now, before any work starts.
    let settings = project_settings(&root, &state.settings().fail_on)?;
    let cancel: Arc<AtomicBool> = state.begin_scan(project_id).ok_or_else(|| {
        CommandError::new(ErrorKind::Busy, "this project is already being scanned")
    })?;
    let token = TOKENS.fetch_add(1, Ordering::Relaxed);
    let db = state.db_path.clone();
    let _ = on_progress.send(ScanEvent::Started { project_id, token });
    let spawned = std::thread::Builder::new()
        .name(format!("scan-{project_id}"))
        .spawn(move || {
            let end = run_scan(&db, project, &root, &settings, &on_progress, &cancel);
            let state = app.state::<AppState>();
            state.end_scan(project_id);
            let _ = on_progress.send(end);
        });
    if let Err(error) = spawned {
        state.end_scan(project_id);
        return Err(CommandError::new(
            ErrorKind::Internal,
            format!("could not start the scan: {error}"),
        ));
    }
    Ok(ScanStarted { token })
}

#[tauri::command(async)]
pub fn cancel_scan(state: State<'_, AppState>, project_id: i64) -> bool {
    state.cancel_scan(project_id)
}
