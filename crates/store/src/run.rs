//! A worktree scan recorded in the store, as the app runs one: the
//! project's cache and current reviews in, the scan's findings out through
//! the caller's sink as well (progress, counts), cancellable.

use crate::{LoadingCache, ProjectId, Result, ScanId, ScanMeta, Store};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use tenet_engine::config::Settings;
use tenet_engine::{FileCache, FileOutcome, Finding, FsSource, Progress, ScanOptions, ScanResult};
use tenet_engine::{Sink, Skip};

/// Hands every event to the recorder and then to the caller's sink.
struct Tee<'a, 's> {
    recorder: &'a mut crate::ScanRecorder<'s>,
    observer: &'a mut dyn Sink,
}

impl Sink for Tee<'_, '_> {
    fn file(&mut self, file: &FileOutcome) {
        self.recorder.file(file);
        self.observer.file(file);
    }
    fn finding(&mut self, finding: &Finding) {
        self.recorder.finding(finding);
        self.observer.finding(finding);
    }
    fn skip(&mut self, skip: &Skip) {
        self.recorder.skip(skip);
        self.observer.skip(skip);
    }
    fn progress(&mut self, progress: &Progress) {
        self.observer.progress(progress);
    }
}

impl Store {
    /// Scans the folder `root` of `project` and records it. A cancelled
    /// scan is kept, marked interrupted (`result.interrupted`).
    pub fn scan_project(
        &self,
        project: ProjectId,
        root: &Path,
        settings: &Settings,
        observer: &mut dyn Sink,
        cancel: Option<&AtomicBool>,
    ) -> Result<(ScanResult, ScanId)> {
        let reviews = self.current_reviews(project)?;
        let git = crate::git::head(root).unwrap_or_default();
        let meta = ScanMeta {
            git_commit: git.commit,
            git_branch: git.branch,
            ..ScanMeta::new(settings)
        };
        let mut recorder = self.begin_scan(project, &meta)?;
        // The cache's index is read beside the walk; an index that cannot
        // be read only means every file is checked afresh.
        let load = self.cache_beside(project, &settings.config_hash, recorder.scan());
        let cache = LoadingCache::default();
        let options = ScanOptions {
            cancel,
            cache: Some(&cache as &dyn FileCache),
            reviews,
            ..ScanOptions::default()
        };
        let result = std::thread::scope(|scope| {
            scope.spawn(|| cache.fill_from(load));
            let mut tee = Tee {
                recorder: &mut recorder,
                observer,
            };
            tenet_engine::scan(&FsSource::new(root), settings, &mut tee, &options)
        });
        let scan = recorder.finish(&result)?;
        Ok((result, scan))
    }
}
