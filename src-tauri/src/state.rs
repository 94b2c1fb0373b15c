//! What the app keeps between commands: the database (opened lazily and
//! reopened after a failure, so a database problem is a message, not a dead
//! app), the settings, the running scans' cancel tokens and the findings of
//! the scan being browsed.

use crate::error::CommandResult;
use crate::settings::Settings;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};
use tenet_store::browse::FindingSet;
use tenet_store::{ScanId, Store};

pub struct AppState {
    pub db_path: PathBuf,
    pub settings_path: PathBuf,
    /// The bundled sample project, when this build has one.
    sample_root: Mutex<Option<PathBuf>>,
    /// A folder named on the command line, added at start.
    pub startup_project: Mutex<Option<i64>>,
    store: Mutex<Option<Store>>,
    settings: Mutex<Settings>,
    notices: Mutex<Vec<String>>,
    scans: Mutex<HashMap<i64, Arc<AtomicBool>>>,
    findings: Mutex<Option<Arc<FindingSet>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in one command must not wedge every later one.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The open database, borrowed for one command.
pub struct StoreGuard<'a>(MutexGuard<'a, Option<Store>>);

impl std::ops::Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.0
            .as_ref()
            .expect("opened before the guard is handed out")
    }
}

impl std::ops::DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.0
            .as_mut()
            .expect("opened before the guard is handed out")
    }
}

impl AppState {
    pub fn new(db_path: PathBuf, settings_path: PathBuf, sample_root: Option<PathBuf>) -> AppState {
        let (settings, notice) = Settings::load(&settings_path);
        AppState {
            db_path,
            settings_path,
            sample_root: Mutex::new(sample_root),
            startup_project: Mutex::new(None),
            store: Mutex::new(None),
            settings: Mutex::new(settings),
            notices: Mutex::new(notice.into_iter().collect()),
            scans: Mutex::new(HashMap::new()),
            findings: Mutex::new(None),
        }
    }

    pub fn store(&self) -> CommandResult<StoreGuard<'_>> {
        let mut guard = lock(&self.store);
        if guard.is_none() {
            let store = Store::open(&self.db_path)?;
            lock(&self.notices).extend(store.notices().iter().cloned());
            *guard = Some(store);
        }
        Ok(StoreGuard(guard))
    }

    pub fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }

    pub fn set_settings(&self, settings: Settings) -> CommandResult<Settings> {
        settings.save(&self.settings_path)?;
        *lock(&self.settings) = settings.clone();
        Ok(settings)
    }

    pub fn sample_root(&self) -> Option<PathBuf> {
        lock(&self.sample_root).clone()
    }

    pub fn set_sample_root(&self, root: Option<PathBuf>) {
        *lock(&self.sample_root) = root;
    }

    pub fn add_notice(&self, notice: String) {
        lock(&self.notices).push(notice);
    }

    pub fn set_startup_project(&self, project: i64) {
        *lock(&self.startup_project) = Some(project);
    }

    /// Notices gathered since the last call (a database moved aside,
    /// settings reset), for the UI to show once.
    pub fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.notices))
    }

    /// Registers a scan of `project`; `None` when one is already running.
    pub fn begin_scan(&self, project: i64) -> Option<Arc<AtomicBool>> {
        let mut scans = lock(&self.scans);
        if scans.contains_key(&project) {
            return None;
        }
        let token = Arc::new(AtomicBool::new(false));
        scans.insert(project, token.clone());
        Some(token)
    }

    pub fn end_scan(&self, project: i64) {
        lock(&self.scans).remove(&project);
    }

    pub fn is_scanning(&self, project: i64) -> bool {
        lock(&self.scans).contains_key(&project)
    }

    /// Asks a running scan to stop; false when none runs.
    pub fn cancel_scan(&self, project: i64) -> bool {
        match lock(&self.scans).get(&project) {
            Some(token) => {
                token.store(true, std::sync::atomic::Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    /// The findings of `scan`, loaded once while it is the one browsed.
    pub fn findings(&self, store: &Store, scan: ScanId) -> CommandResult<Arc<FindingSet>> {
        let mut cached = lock(&self.findings);
        if let Some(set) = cached.as_ref().filter(|set| set.scan() == scan) {
            return Ok(set.clone());
        }
        let set = Arc::new(store.finding_set(scan)?);
        *cached = Some(set.clone());
        Ok(set)
    }

    pub fn forget_findings(&self) {
        *lock(&self.findings) = None;
    }
}
