//! `tenet scan`: configuration, the scan itself, recording it in the store
//! (unless `--no-store`), the baseline gate and the rendering.

use crate::destination::write_output;
use crate::late_store::LateRecorder;
use crate::output::{self, Baseline, Collected, Gate, Report};
use crate::{ScanArgs, UsageError};
use anyhow::Result;
use std::cell::OnceCell;
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use tenet_engine::config::{self, Config, FailOn, Overrides, Settings};
use tenet_engine::rules::RuleSet;
use tenet_engine::{FileCache, FileOutcome, Finding, FsSource, ScanOptions, Sink, Skip};
use tenet_store::{LoadingCache, ScanMeta, ScanRef};

fn check_codes(flag: &str, codes: &[String]) -> Result<()> {
    for code in codes {
        if RuleSet::from_selector(code).is_none() {
            return Err(UsageError(format!("{flag}: {}", config::unknown_code(code))).into());
        }
    }
    Ok(())
}

/// Feeds the CLI's collector and, when recording, the store's recorder.
struct Both<'a> {
    collected: &'a mut Collected,
    recorder: Option<&'a mut dyn Sink>,
}

impl Sink for Both<'_> {
    fn file(&mut self, file: &FileOutcome) {
        if let Some(recorder) = self.recorder.as_deref_mut() {
            recorder.file(file);
        }
    }
    fn finding(&mut self, finding: &Finding) {
        self.collected.finding(finding);
        if let Some(recorder) = self.recorder.as_deref_mut() {
            recorder.finding(finding);
        }
    }
    fn skip(&mut self, skip: &Skip) {
        self.collected.skip(skip);
        if let Some(recorder) = self.recorder.as_deref_mut() {
            recorder.skip(skip);
        }
    }
}

pub fn root_folder(path: &Path) -> Result<std::path::PathBuf> {
    tenet_engine::source::scan_root(path).map_err(|e| UsageError(e.to_string()).into())
}

pub fn run(args: &ScanArgs, db: Option<&Path>) -> Result<u8> {
    let root = root_folder(&args.path)?;
    if let Some(select) = &args.select {
        check_codes("--select", select)?;
    }
    check_codes("--ignore", &args.ignore)?;
    let config = match &args.config {
        Some(file) => Config::load(file),
        None => Config::discover(&root),
    }
    .map_err(|e| UsageError(e.to_string()))?;
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.as_deref().and_then(FailOn::parse),
    };
    let settings = Settings::resolve(&config, &overrides);
    if args.no_store
        && args
            .baseline
            .as_deref()
            .is_some_and(|b| ScanRef::parse(b).is_some())
    {
        return Err(UsageError(
            "--baseline with a scan needs the database; drop --no-store or pass a baseline FILE"
                .into(),
        )
        .into());
    }
    // A first scan into a database that does not exist yet creates it
    // while scanning (`late_store`); any other opens it first, for the
    // results it keeps and the reviews it holds.
    let new_database = match &args.baseline {
        _ if args.no_store => None,
        Some(b) if ScanRef::parse(b).is_some() => None,
        _ => Some(crate::db_path(db)?).filter(|path| !path.exists()),
    };
    let store = if args.no_store || new_database.is_some() {
        None
    } else {
        Some(open_for_scan(crate::db_path(db)?.as_path())?)
    };
    let project = match &store {
        Some(store) => Some(store.project(&root)?),
        None => None,
    };

    let baseline = match (&args.baseline, &store, project) {
        (None, _, _) => None,
        (Some(text), Some(store), Some(project)) if ScanRef::parse(text).is_some() => {
            let reference = ScanRef::parse(text).expect("checked");
            match store.resolve_scan(project, reference) {
                Ok(scan) => Some(Baseline {
                    source: format!("scan {}", scan.0),
                    fingerprints: store.fingerprints(scan)?,
                }),
                Err(tenet_store::StoreError::NotFound(_)) if reference == ScanRef::Latest => {
                    eprintln!(
                        "tenet: note: no earlier scan of this project; every finding counts as new"
                    );
                    Some(Baseline {
                        source: "no earlier scan".into(),
                        fingerprints: HashSet::new(),
                    })
                }
                Err(error) => return Err(UsageError(format!("--baseline {text}: {error}")).into()),
            }
        }
        (Some(file), _, _) => Some(crate::baseline::load(Path::new(file))?),
    };
    let baseline = match &args.baseline_ref {
        Some(revision) => Some(baseline_at_revision(&root, revision, &settings)?),
        None => baseline,
    };

    let opened_late = OnceCell::new();
    let cancel = AtomicBool::new(false);
    let cache = LoadingCache::default();
    let mut options = ScanOptions::default();
    if let (Some(store), Some(project)) = (&store, project) {
        options.reviews = store.current_reviews(project)?;
        options.cache = Some(&cache as &dyn FileCache);
    }
    let source = FsSource::new(&root);
    let mut collected = Collected::default();
    let (result, stored_as) = match (&store, project) {
        (Some(store), Some(project)) => {
            let mut recorder = store.begin_scan(project, &scan_meta(&root, &settings))?;
            // The cache's index is read beside the walk (`LoadingCache`).
            let load = store.cache_beside(project, &settings.config_hash, recorder.scan());
            let result = std::thread::scope(|scope| {
                scope.spawn(|| {
                    if let Err(error) = cache.fill_from(load) {
                        eprintln!(
                            "tenet: note: earlier results unread, every file is checked: {error}"
                        );
                    }
                });
                let mut sink = Both {
                    collected: &mut collected,
                    recorder: Some(&mut recorder),
                };
                tenet_engine::scan(&source, &settings, &mut sink, &options)
            });
            let scan = recorder.finish(&result)?;
            (result, Some(scan.0))
        }
        _ if new_database.is_some() => {
            let path = new_database.expect("checked");
            options.cancel = Some(&cancel);
            let mut recorder = LateRecorder::start(
                path,
                root.clone(),
                scan_meta(&root, &settings),
                &opened_late,
                &cancel,
            );
            let mut sink = Both {
                collected: &mut collected,
                recorder: Some(&mut recorder),
            };
            let result = tenet_engine::scan(&source, &settings, &mut sink, &options);
            let scan = recorder.finish(&result)?;
            (result, Some(scan))
        }
        _ => {
            let mut sink = Both {
                collected: &mut collected,
                recorder: None,
            };
            (
                tenet_engine::scan(&source, &settings, &mut sink, &options),
                None,
            )
        }
    };
    let store = store.as_ref().or(opened_late.get());
    collected.sort();
    let gate = Gate::judge(&collected, settings.fail_on, baseline);
    let report = Report {
        root: &root,
        collected: &collected,
        result: &result,
        config_hash: &settings.config_hash,
        fail_on: settings.fail_on,
        gate: &gate,
        stored_as,
        context: match (store, stored_as) {
            (Some(store), Some(scan)) if args.format.is_document() => Some(
                tenet_report::compliance::Context::recorded(store, tenet_store::ScanId(scan))?,
            ),
            _ => None,
        },
    };
    write_output(args.output.as_deref(), |out| {
        output::render(args.format, &report, args.show_suppressed, out)
    })?;
    drop(options);
    // The process ends now: the earlier results' index (tens of thousands
    // of strings, allocated on the thread that read them) goes with it
    // rather than being freed one string at a time — 1.4 ms, nearly 2% of a
    // warm rescan of a large project.
    std::mem::forget(cache);
    Ok(if gate.failures > 0 { 1 } else { 0 })
}

/// The store a scan records into. The process ends soon after the scan,
/// so its commits stay in the write-ahead log for a later one to fold in
/// (`Store::leave_log_on_close`).
pub fn open_for_scan(path: &Path) -> Result<tenet_store::Store> {
    let store = crate::open_store_at(path)?;
    store.leave_log_on_close()?;
    Ok(store)
}

/// What a recorded scan says of itself: the settings and the checkout.
fn scan_meta(root: &Path, settings: &Settings) -> ScanMeta {
    let git = tenet_store::git::head(root).unwrap_or_default();
    ScanMeta {
        git_commit: git.commit,
        git_branch: git.branch,
        ..ScanMeta::new(settings)
    }
}

/// The unsuppressed fingerprints of `revision`'s tree, read from git
/// objects with the configuration of that revision's time.
fn baseline_at_revision(root: &Path, revision: &str, settings: &Settings) -> Result<Baseline> {
    let fail = |e: &dyn std::fmt::Display| UsageError(format!("--baseline-ref {revision}: {e}"));
    let repo = tenet_git::GitRepo::open(root).map_err(|e| fail(&e))?;
    let commit = repo.resolve(revision).map_err(|e| fail(&e))?;
    let tree = repo.tree(&commit).map_err(|e| fail(&e))?;
    let then = match tree.config() {
        Ok(config) => Settings::resolve(&config, &Overrides::default()),
        // A configuration broken back then: judge with today's.
        Err(_) => settings.clone(),
    };
    let mut collected = Collected::default();
    tenet_engine::scan(&tree, &then, &mut collected, &ScanOptions::default());
    Ok(Baseline {
        source: format!("{revision} ({})", &commit[..commit.len().min(10)]),
        fingerprints: collected
            .findings
            .iter()
            .filter(|f| !f.suppressed)
            .map(|f| f.fingerprint.clone())
            .collect(),
    })
}
