//! Building a project's trend from its git history: the offer made when a
//! repository is added ("Build the trend from the last 50 commits?"), and
//! the backfill itself, run like a scan: on its own thread, progress on a
//! channel after each commit, cancelled with `cancel_scan` (a project runs
//! one scan or one backfill at a time).

use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::state::AppState;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tenet_backfill::{BackfillError, Choice, Step};
use tenet_git::GitRepo;
use tenet_store::{ProjectId, Store};

/// How many commits the app offers to backfill.
pub const OFFERED_COMMITS: usize = 50;

impl From<BackfillError> for CommandError {
    fn from(error: BackfillError) -> CommandError {
        match error {
            BackfillError::Store(error) => error.into(),
            BackfillError::Git(error) => CommandError::new(ErrorKind::Io, error.to_string()),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct BackfillOffer {
    /// Past commits that would be scanned (at most `OFFERED_COMMITS`).
    pub commits: usize,
    /// Of those, already in the history.
    pub recorded: usize,
}

/// What a backfill would add, `None` when the folder is not in a git
/// repository, has a single commit, or every offered commit is recorded.
#[tauri::command(async)]
pub fn backfill_offer(
    state: State<'_, AppState>,
    project_id: i64,
) -> CommandResult<Option<BackfillOffer>> {
    let store = state.store()?;
    let project = ProjectId(project_id);
    let root = PathBuf::from(store.project_row(project)?.root);
    let offer = tenet_backfill::offer(&store, project, &root, OFFERED_COMMITS)?;
    Ok(offer
        .filter(|o| o.recorded < o.commits)
        .map(|o| BackfillOffer {
            commits: o.commits,
            recorded: o.recorded,
        }))
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum BackfillEvent {
    Started {
        total: usize,
    },
    /// One commit done.
    Commit {
        done: usize,
        total: usize,
        /// `YYYY-MM-DD` of the commit.
        date: String,
        subject: String,
        /// Set when it was scanned now (not already recorded or skipped).
        findings: Option<u64>,
        /// Why it was skipped, if it was.
        skipped: Option<String>,
    },
    Finished {
        recorded: usize,
        known: usize,
        skipped: usize,
        /// Older history is missing from a shallow clone.
        shallow: bool,
    },
    Cancelled {
        recorded: usize,
    },
    Failed {
        error: CommandError,
    },
}

/// Runs a backfill to its end and says how it ended.
pub fn run_backfill(
    db: &Path,
    project: ProjectId,
    root: &Path,
    commits: usize,
    channel: &Channel<BackfillEvent>,
    cancel: &AtomicBool,
) -> BackfillEvent {
    let outcome = (|| -> CommandResult<BackfillEvent> {
        let store = Store::open(db)?;
        let repo = GitRepo::open(root)
            .map_err(|e| CommandError::new(ErrorKind::NotFound, e.to_string()))?;
        let plan = tenet_backfill::plan(&repo, Choice::Commits(commits))?;
        let _ = channel.send(BackfillEvent::Started {
            total: plan.commits.len(),
        });
        let mut forward = |event: tenet_backfill::Event| {
            let (findings, skipped) = match event.step {
                Step::Recorded { findings, .. } => (Some(findings), None),
                Step::Known => (None, Some("already in the history".to_string())),
                Step::BrokenConfig(why) => (None, Some(format!("broken configuration: {why}"))),
            };
            let _ = channel.send(BackfillEvent::Commit {
                done: event.done,
                total: event.total,
                date: tenet_store::format_time(event.commit.time)[..10].to_string(),
                subject: event.commit.subject.clone(),
                findings,
                skipped,
            });
        };
        let outcome = tenet_backfill::run(
            &store,
            project,
            &repo,
            &plan.commits,
            &mut forward,
            Some(cancel),
        )?;
        Ok(if outcome.cancelled {
            BackfillEvent::Cancelled {
                recorded: outcome.recorded,
            }
        } else {
            BackfillEvent::Finished {
                recorded: outcome.recorded,
                known: outcome.known,
                skipped: outcome.broken,
                shallow: plan.shallow,
            }
        })
    })();
    outcome.unwrap_or_else(|error| BackfillEvent::Failed { error })
}

#[tauri::command(async)]
pub fn start_backfill<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    project_id: i64,
    commits: Option<usize>,
    on_progress: Channel<BackfillEvent>,
) -> CommandResult<()> {
    let project = ProjectId(project_id);
    let root = PathBuf::from(state.store()?.project_row(project)?.root);
    let commits = commits.unwrap_or(OFFERED_COMMITS).clamp(1, 10_000);
    let cancel = state.begin_scan(project_id).ok_or_else(|| {
        CommandError::new(
            ErrorKind::Busy,
            "this project is already being scanned or backfilled",
        )
    })?;
    let db = state.db_path.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("backfill-{project_id}"))
        .spawn(move || {
            let end = run_backfill(&db, project, &root, commits, &on_progress, &cancel);
            app.state::<AppState>().end_scan(project_id);
            let _ = on_progress.send(end);
        });
    if let Err(error) = spawned {
        state.end_scan(project_id);
        return Err(CommandError::new(
            ErrorKind::Internal,
            format!("could not start the backfill: {error}"),
        ));
    }
    Ok(())
}
