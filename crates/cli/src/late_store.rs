//! The first scan into a database that does not exist yet — a CI runner
//! that keeps no database starts every build here. Creating the database
//! (schema, WAL) takes a few milliseconds that used to come before the
//! scan; a new database has no cached results and no reviews for the scan
//! to wait for, so it is created on another thread while the scan starts.
//! The recorder begins at the scan's first result; results that come before
//! it wait in the scan's own bounded channel.

use crate::UsageError;
use anyhow::Result;
use std::cell::OnceCell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use tenet_engine::{FileOutcome, Finding, ScanResult, Sink, Skip};
use tenet_store::{ProjectId, ScanMeta, ScanRecorder, Store};

/// A database being created, and the recorder once it is there.
pub struct LateRecorder<'s> {
    opening: Option<JoinHandle<Result<(Store, ProjectId)>>>,
    /// Where the opened store lives, outside this value, so the recorder
    /// can borrow it.
    store: &'s OnceCell<Store>,
    recorder: Option<ScanRecorder<'s>>,
    meta: ScanMeta,
    /// Stops the scan when the database cannot be made: its results would
    /// have nowhere to go.
    cancel: &'s AtomicBool,
    failed: Option<anyhow::Error>,
}

impl<'s> LateRecorder<'s> {
    /// Starts creating the database at `path` with `root`'s project in it.
    pub fn start(
        path: PathBuf,
        root: PathBuf,
        meta: ScanMeta,
        store: &'s OnceCell<Store>,
        cancel: &'s AtomicBool,
    ) -> LateRecorder<'s> {
        let opening = std::thread::Builder::new()
            .name("tenet-open".into())
            .spawn(move || {
                let store = crate::scan_cmd::open_for_scan(&path)?;
                let project = store.project(&root)?;
                Ok((store, project))
            })
            .expect("spawn the thread that opens the database");
        LateRecorder {
            opening: Some(opening),
            store,
            recorder: None,
            meta,
            cancel,
            failed: None,
        }
    }

    /// The recorder, waiting for the database the first time.
    fn ready(&mut self) -> Option<&mut ScanRecorder<'s>> {
        if let Some(opening) = self.opening.take() {
            let opened = opening
                .join()
                .unwrap_or_else(|_| Err(UsageError("opening the database failed".into()).into()));
            let begun = opened.and_then(|(store, project)| {
                // Set once: the database is opened once.
                let store: &'s Store = self.store.get_or_init(|| store);
                Ok(store.begin_scan(project, &self.meta)?)
            });
            match begun {
                Ok(recorder) => self.recorder = Some(recorder),
                Err(error) => {
                    self.failed = Some(error);
                    self.cancel.store(true, Ordering::Relaxed);
                }
            }
        }
        self.recorder.as_mut()
    }

    /// Completes the recording (waiting for the database if no result ever
    /// came: an empty folder) and names the scan.
    pub fn finish(mut self, result: &ScanResult) -> Result<i64> {
        self.ready();
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        let recorder = self.recorder.take().expect("ready or failed");
        Ok(recorder.finish(result)?.0)
    }
}

impl Sink for LateRecorder<'_> {
    fn file(&mut self, file: &FileOutcome) {
        if let Some(recorder) = self.ready() {
            recorder.file(file);
        }
    }
    fn finding(&mut self, finding: &Finding) {
        if let Some(recorder) = self.ready() {
            recorder.finding(finding);
        }
    }
    fn skip(&mut self, skip: &Skip) {
        if let Some(recorder) = self.ready() {
            recorder.skip(skip);
        }
    }
}
