//! A trend from the first minute: past commits of the current branch's
//! first-parent line scanned straight from git objects (no checkout) and
//! recorded as scans at their commits' times. The CLI's `tenet backfill`
//! and the app's "build the trend" offer both run this.

use std::collections::btree_map::BTreeMap;
use std::collections::hash_map::{Entry, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use tenet_engine::config::{Overrides, Settings};
use tenet_engine::{FileCache, ScanOptions};
use tenet_git::{CommitInfo, GitError, GitRepo};
use tenet_store::{CommitMeta, ProjectId, ScanMeta, Store, StoreCache, StoreError};

const WEEK: i64 = 7 * 24 * 3600;
const YEAR: i64 = 365 * 24 * 3600;

#[derive(Debug, thiserror::Error)]
pub enum BackfillError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Which past commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The newest N first-parent commits.
    Commits(usize),
    /// Every first-parent commit since this time (Unix seconds).
    Since(i64),
    /// The newest commit of each week over the year before `now`.
    Weekly { now: i64 },
}

/// The commits a choice names, oldest first.
#[derive(Debug, Clone)]
pub struct Plan {
    pub commits: Vec<CommitInfo>,
    /// The line ends at a shallow clone's boundary: older history is not here.
    pub shallow: bool,
}

pub fn plan(repo: &GitRepo, choice: Choice) -> Result<Plan, BackfillError> {
    let (limit, since) = match choice {
        Choice::Commits(n) => (n, None),
        Choice::Since(at) => (usize::MAX, Some(at)),
        Choice::Weekly { now } => (usize::MAX, Some(now - YEAR)),
    };
    let history = repo.first_parent_line(limit, since)?;
    let mut commits = history.commits;
    if let Choice::Weekly { .. } = choice {
        let mut weeks: BTreeMap<i64, CommitInfo> = BTreeMap::new();
        for commit in commits {
            weeks.entry(commit.time.div_euclid(WEEK)).or_insert(commit);
        }
        commits = weeks.into_values().rev().collect();
    }
    commits.reverse();
    Ok(Plan {
        commits,
        shallow: history.shallow,
    })
}

/// What happened to one commit.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Recorded {
        scan: i64,
        findings: u64,
        score: Option<u32>,
        /// Submodules the commit has; they are not scanned.
        submodules: usize,
    },
    /// Scanned before with the same engine and configuration.
    Known,
    /// Its configuration cannot be read; the message says where.
    BrokenConfig(String),
}

/// One commit done, for progress.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// 1-based position among the plan's commits.
    pub done: usize,
    pub total: usize,
    pub commit: &'a CommitInfo,
    pub step: Step,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    pub recorded: usize,
    pub known: usize,
    pub broken: usize,
    /// Cancelled before every commit was done.
    pub cancelled: bool,
}

/// Scans `commits` (oldest first) of `repo` into `project`, reporting each
/// to `observer`. The configuration is read at each commit; a commit
/// already recorded with the same engine and configuration is not scanned
/// again. Cancelling stops between commits: every recorded scan is whole.
pub fn run(
    store: &Store,
    project: ProjectId,
    repo: &GitRepo,
    commits: &[CommitInfo],
    observer: &mut dyn FnMut(Event),
    cancel: Option<&AtomicBool>,
) -> Result<Outcome, BackfillError> {
    let mut outcome = Outcome::default();
    let total = commits.len();
    // One file cache per configuration, kept across commits: what it has
    // learnt of one commit's files serves the next.
    let mut caches = HashMap::new();
    for (index, commit) in commits.iter().enumerate() {
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            outcome.cancelled = true;
            break;
        }
        let step = one(store, project, repo, commit, &mut caches)?;
        match step {
            Step::Recorded { .. } => outcome.recorded += 1,
            Step::Known => outcome.known += 1,
            Step::BrokenConfig(_) => outcome.broken += 1,
        }
        observer(Event {
            done: index + 1,
            total,
            commit,
            step,
        });
    }
    Ok(outcome)
}

fn one(
    store: &Store,
    project: ProjectId,
    repo: &GitRepo,
    commit: &CommitInfo,
    caches: &mut HashMap<String, StoreCache>,
) -> Result<Step, BackfillError> {
    let tree = repo.tree(&commit.id)?;
    let config = match tree.config() {
        Ok(config) => config,
        Err(error) => return Ok(Step::BrokenConfig(error.to_string())),
    };
    let settings = Settings::resolve(&config, &Overrides::default());
    if store.backfilled(project, &commit.id, &settings.config_hash)? {
        return Ok(Step::Known);
    }
    let at = tenet_store::format_time(commit.time);
    // A verdict applies to scans from its time on: the one current then.
    let reviews = store.reviews_as_of(project, Some(&at))?;
    let cache = match caches.entry(settings.config_hash.clone()) {
        Entry::Occupied(known) => known.into_mut(),
        Entry::Vacant(new) => new.insert(store.git_cache(project, &settings.config_hash)?),
    };
    let options = ScanOptions {
        cache: Some(&*cache as &dyn FileCache),
        reviews,
        ..ScanOptions::default()
    };
    let meta = ScanMeta {
        git_commit: Some(commit.id.clone()),
        backfilled: Some(CommitMeta {
            time: commit.time,
            author: commit.author.clone(),
            subject: commit.subject.clone(),
        }),
        ..ScanMeta::new(&settings)
    };
    let mut recorder = store.begin_scan(project, &meta)?.teaching(cache);
    let result = tenet_engine::scan(&tree, &settings, &mut recorder, &options);
    match recorder.finish(&result) {
        Ok(scan) => Ok(Step::Recorded {
            scan: scan.0,
            findings: result.summary.findings,
            score: result.checklist.score,
            submodules: tree.submodules().len(),
        }),
        // Another backfill recorded this commit meanwhile (the unique key
        // on project, commit, engine and configuration).
        Err(_) if store.backfilled(project, &commit.id, &settings.config_hash)? => Ok(Step::Known),
        Err(error) => Err(error.into()),
    }
}

/// What a backfill of the newest `commits` would add to `project` at
/// `root`: `None` when the folder is not in a git repository or has no
/// history beyond its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    /// First-parent commits available, at most the number asked about.
    pub commits: usize,
    /// Of those, already recorded by an earlier backfill.
    pub recorded: usize,
}

pub fn offer(
    store: &Store,
    project: ProjectId,
    root: &Path,
    commits: usize,
) -> Result<Option<Offer>, BackfillError> {
    let Ok(repo) = GitRepo::open(root) else {
        return Ok(None);
    };
    let line = repo.first_parent_line(commits, None)?.commits;
    if line.len() < 2 {
        return Ok(None);
    }
    let recorded = store.backfilled_commits(project, line.iter().map(|c| c.id.as_str()))?;
    Ok(Some(Offer {
        commits: line.len(),
        recorded,
    }))
}
