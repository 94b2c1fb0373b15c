//! The store as the engine's file cache. The index of the project's last
//! scan (path → size, mtime, version and the version's small facts) is
//! loaded in one query; a hit on a file without findings — most files —
//! costs a hash-map lookup and no SQL, and a hit on one with findings costs
//! one indexed read. Reads go through their own connections (WAL lets them
//! run beside the recorder's writes), one per worker so workers do not
//! queue on one lock. Memory is proportional to files, not findings.

use crate::error::{AtPath, Result};
use crate::open::connect;
use crate::rows::{finding_from_row, rel_path, FINDING_COLUMNS};
use crate::{ProjectId, ScanId, Store};
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, RwLock};
use tenet_engine::noqa::Directive;
use tenet_engine::project::FileFacts;
use tenet_engine::{BlobKey, CacheKey, CachedFile, FileCache, FileStat, StatKey};
use tenet_engine::{Finding, RelPath};

pub struct StoreCache {
    readers: Vec<Mutex<Connection>>,
    by_path: HashMap<String, Known>,
    config_hash: String,
    /// The outcome last found by blob id at each path, kept for as long as
    /// the cache lives: a backfill keeps one cache across its commits, so a
    /// file unchanged since the previous commit costs a clone here rather
    /// than parsing its facts and reading its findings again. One entry per
    /// path, so it grows with the repository's files, not its history.
    by_blob: RwLock<HashMap<String, (Box<str>, CachedFile)>>,
    /// What the database held when the cache was made: with no scan ever
    /// recorded under these settings, no version can match, and a first
    /// scan into a fresh database skips a query per file.
    stored: Stored,
}

#[derive(Clone, Copy)]
struct Stored {
    /// Versions checked with this configuration and engine.
    versions: bool,
    /// Of those, versions known by a git blob id.
    blobs: bool,
}

/// A file version the last scan saw, with what a hit needs besides findings.
struct Known {
    /// Size and mtime, when trusted (a file-system scan, not too fresh).
    stat: Option<FileStat>,
    /// The git blob id, for a version a backfill has seen.
    blob_id: Option<Box<str>>,
    version: i64,
    content_hash: String,
    lines: u64,
    findings: u32,
    /// JSON, parsed on a hit by the worker rather than up front.
    facts: Box<str>,
    pending: Option<Box<str>>,
    estimate: Option<Box<str>>,
}

impl Store {
    /// A cache over everything this database has seen, with the stat index
    /// of the project's most recent scan for this configuration.
    pub fn cache(&self, project: ProjectId, config_hash: &str) -> Result<StoreCache> {
        self.cache_from(project, config_hash, "worktree")
    }

    /// The cache for a backfill: its index is the last backfilled commit's,
    /// whose files are known by git blob id.
    pub fn git_cache(&self, project: ProjectId, config_hash: &str) -> Result<StoreCache> {
        self.cache_from(project, config_hash, "git")
    }

    fn cache_from(
        &self,
        project: ProjectId,
        config_hash: &str,
        source: &str,
    ) -> Result<StoreCache> {
        read_cache(&self.path, &self.conn, project, config_hash, source, None)
    }

    /// The worktree cache of [`Store::cache`], read on another thread (its
    /// own connection) while `scan` — already begun, and not a base for its
    /// own cache — starts walking: see [`LoadingCache`].
    pub fn cache_beside(&self, project: ProjectId, config_hash: &str, scan: ScanId) -> CacheLoad {
        CacheLoad {
            path: self.path.clone(),
            project,
            config_hash: config_hash.to_string(),
            before: scan,
        }
    }
}

/// What [`Store::cache_beside`] will read: [`CacheLoad::load`] it on any
/// thread.
pub struct CacheLoad {
    path: PathBuf,
    project: ProjectId,
    config_hash: String,
    before: ScanId,
}

impl CacheLoad {
    pub fn load(self) -> Result<StoreCache> {
        let conn = connect(&self.path)?;
        read_cache(
            &self.path,
            &conn,
            self.project,
            &self.config_hash,
            "worktree",
            Some(self.before),
        )
    }
}

/// The store's cache while [`CacheLoad::load`] reads it on another thread:
/// the walk (and the permission rules' `stat` of every entry) starts at
/// once, and a lookup waits for the index. The index of homeassistant's
/// 8,000 files takes about 12 ms to read, which a warm rescan used to spend
/// before listing its first folder. Filled with `None` (the index could not
/// be read), every file is checked afresh.
#[derive(Default)]
pub struct LoadingCache {
    cache: OnceLock<Option<StoreCache>>,
}

impl LoadingCache {
    /// Reads `load` into this cache; run it beside the scan. Lookups wait
    /// for it, so it fills the cache however it ends: with nothing if the
    /// index cannot be read (the error is returned) or the read panics.
    pub fn fill_from(&self, load: CacheLoad) -> Result<()> {
        struct FillOnExit<'a>(&'a LoadingCache);
        impl Drop for FillOnExit<'_> {
            fn drop(&mut self) {
                // Does nothing once the cache is filled.
                let _ = self.0.cache.set(None);
            }
        }
        let _fill_on_exit = FillOnExit(self);
        let cache = load.load()?;
        let _ = self.cache.set(Some(cache));
        Ok(())
    }

    fn ready(&self) -> Option<&StoreCache> {
        self.cache.wait().as_ref()
    }
}

impl FileCache for LoadingCache {
    fn get_unchanged(&self, key: &StatKey) -> Option<CachedFile> {
        self.ready()?.get_unchanged(key)
    }
    fn get_by_blob(&self, key: &BlobKey) -> Option<CachedFile> {
        self.ready()?.get_by_blob(key)
    }
    fn get(&self, key: &CacheKey) -> Option<CachedFile> {
        self.ready()?.get(key)
    }
}

/// The index of the project's latest scan with these settings from
/// `source` (before `before`, when given), and readers for the rest.
fn read_cache(
    path: &Path,
    conn: &Connection,
    project: ProjectId,
    config_hash: &str,
    source: &str,
    before: Option<ScanId>,
) -> Result<StoreCache> {
    // Scans before this one may be a base (all of them without one).
    let before = before.map_or(i64::MAX, |scan| scan.0);
    // The base and how many files it saw: the index is made that size at
    // once rather than grown (and copied) a dozen times.
    let base: Option<(i64, i64)> = conn
        .query_row(
            "SELECT id, files FROM scans WHERE project_id = ?1 AND config_hash = ?2
                 AND engine_version = ?3 AND source = ?4 AND id < ?5
             ORDER BY id DESC LIMIT 1",
            (
                project.0,
                config_hash,
                tenet_engine::ENGINE_ID,
                source,
                before,
            ),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .at(path)?;
    let expected = base.map_or(0, |(_, files)| usize::try_from(files).unwrap_or(0));
    let mut by_path = HashMap::with_capacity(expected.min(1 << 20));
    if let Some((base, _)) = base {
        let mut statement = conn
            .prepare(
                "SELECT v.path, f.size, f.mtime_ns, v.id, v.content_hash, v.lines, v.findings,
                     v.facts, v.pending, v.estimate, v.blob_id
                 FROM scan_files f JOIN file_versions v ON v.id = f.version_id
                 WHERE f.scan_id = ?1 AND v.path_bytes IS NULL
                     AND (f.mtime_ns IS NOT NULL OR v.blob_id IS NOT NULL)
                     AND v.config_hash = ?2 AND v.engine_version = ?3",
            )
            .at(path)?;
        let mut rows = statement
            .query((base, config_hash, tenet_engine::ENGINE_ID))
            .at(path)?;
        while let Some(row) = rows.next().at(path)? {
            let read = || -> rusqlite::Result<(String, Known)> {
                Ok((
                    row.get(0)?,
                    Known {
                        stat: match row.get::<_, Option<i64>>(2)? {
                            Some(mtime_ns) => Some(FileStat {
                                size: row.get::<_, i64>(1)? as u64,
                                mtime_ns,
                            }),
                            None => None,
                        },
                        blob_id: row
                            .get::<_, Option<String>>(10)?
                            .map(String::into_boxed_str),
                        version: row.get(3)?,
                        content_hash: row.get(4)?,
                        lines: row.get::<_, i64>(5)? as u64,
                        findings: row.get(6)?,
                        facts: row.get::<_, String>(7)?.into_boxed_str(),
                        pending: row.get::<_, Option<String>>(8)?.map(String::into_boxed_str),
                        estimate: row.get::<_, Option<String>>(9)?.map(String::into_boxed_str),
                    },
                ))
            };
            let (file, known) = read().at(path)?;
            by_path.insert(file, known);
        }
    }
    // Versions are written only by scans, so the scans (a small table)
    // say whether any could match. Another process recording the same
    // settings meanwhile only costs this one its reuse, never a result.
    let any = |source: &str| -> Result<bool> {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM scans WHERE config_hash = ?1
                     AND engine_version = ?2 AND source LIKE ?3 AND id < ?4)",
            (config_hash, tenet_engine::ENGINE_ID, source, before),
            |row| row.get(0),
        )
        .at(path)
    };
    let stored = Stored {
        versions: any("%")?,
        blobs: any("git")?,
    };
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let readers = (0..workers)
        .map(|_| connect(path).map(Mutex::new))
        .collect::<Result<_>>()?;
    Ok(StoreCache {
        readers,
        by_path,
        config_hash: config_hash.to_string(),
        by_blob: RwLock::default(),
        stored,
    })
}

/// A version's findings, or `None` when one names a rule this engine does
/// not know (an older or newer catalogue): then the file is checked afresh.
fn findings_of(
    conn: &Connection,
    version: i64,
    path: &RelPath,
) -> rusqlite::Result<Option<Vec<Finding>>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {FINDING_COLUMNS} FROM version_findings WHERE version_id = ?1 ORDER BY seq"
    ))?;
    let mut rows = statement.query([version])?;
    let mut findings = Vec::new();
    while let Some(row) = rows.next()? {
        match finding_from_row(row, 0, path.clone())? {
            Some(finding) => findings.push(finding),
            None => return Ok(None),
        }
    }
    Ok(Some(findings))
}

/// id, path, content hash, lines, facts, pending, estimate.
type VersionRow = (
    i64,
    RelPath,
    String,
    u64,
    String,
    Option<String>,
    Option<String>,
);

/// A version's small parts, as stored (JSON where structured).
struct Parts<'a> {
    content_hash: String,
    lines: u64,
    facts: &'a str,
    pending: Option<&'a str>,
    estimate: Option<&'a str>,
}

/// Builds the cached outcome from a version's parts; `None` if any part no
/// longer reads (the file is then checked afresh).
fn assemble(
    conn: Option<&Connection>,
    version: i64,
    path: RelPath,
    parts: Parts,
) -> Option<CachedFile> {
    let Parts {
        content_hash,
        lines,
        facts,
        pending,
        estimate,
    } = parts;
    let accessibility_estimate = match estimate {
        Some(text) => Some(serde_json::from_str(text).ok()?),
        None => None,
    };
    let facts: FileFacts = serde_json::from_str(facts).ok()?;
    let pending: Vec<Directive> = match pending {
        Some(text) => serde_json::from_str(text).ok()?,
        None => Vec::new(),
    };
    let findings = match conn {
        Some(conn) => findings_of(conn, version, &path).ok()??,
        None => Vec::new(),
    };
    Some(CachedFile {
        content_hash,
        lines,
        findings,
        facts,
        pending,
        cache_id: Some(version),
        accessibility_estimate,
    })
}

impl StoreCache {
    /// Runs `read` on a free reader connection.
    fn with_reader<T>(&self, read: impl FnOnce(&Connection) -> T) -> T {
        for reader in &self.readers {
            if let Ok(conn) = reader.try_lock() {
                return read(&conn);
            }
        }
        let conn = self.readers[0].lock().unwrap_or_else(|p| p.into_inner());
        read(&conn)
    }

    /// Remembers the version at `path` known by `blob_id` (one a recorder
    /// teaching this cache has just written, or one just found).
    pub(crate) fn learn(&self, path: &str, blob_id: &str, file: CachedFile) {
        self.by_blob
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.to_string(), (blob_id.into(), file));
    }

    /// Forgets every version found or taught since the cache was made.
    pub(crate) fn forget_learned(&self) {
        self.by_blob
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// Files in the stat index (the base scan's trusted entries).
    pub fn indexed_files(&self) -> usize {
        self.by_path.len()
    }
}

impl FileCache for StoreCache {
    fn get_unchanged(&self, key: &StatKey) -> Option<CachedFile> {
        if key.config_hash != self.config_hash || key.engine_version != tenet_engine::ENGINE_ID {
            return None;
        }
        let known = self.by_path.get(&key.path)?;
        if known.stat != Some(key.stat) {
            return None;
        }
        self.reuse(&key.path, known)
    }

    fn get_by_blob(&self, key: &BlobKey) -> Option<CachedFile> {
        if key.config_hash != self.config_hash || key.engine_version != tenet_engine::ENGINE_ID {
            return None;
        }
        let remembered = self.by_blob.read().unwrap_or_else(|p| p.into_inner());
        if let Some((blob_id, file)) = remembered.get(&key.path) {
            if **blob_id == *key.blob_id {
                return Some(file.clone());
            }
        }
        drop(remembered);
        let found = match self.by_path.get(&key.path) {
            Some(known) if known.blob_id.as_deref() == Some(key.blob_id.as_str()) => {
                self.reuse(&key.path, known)
            }
            _ => self.blob_from_database(key),
        }?;
        self.by_blob
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(
                key.path.clone(),
                (key.blob_id.as_str().into(), found.clone()),
            );
        Some(found)
    }

    fn get(&self, key: &CacheKey) -> Option<CachedFile> {
        self.content_from_database(key)
    }
}

impl StoreCache {
    /// The outcome of a version the base scan saw; SQL only for its findings.
    fn reuse(&self, key_path: &str, known: &Known) -> Option<CachedFile> {
        // Only UTF-8 names are indexed by stat, so the display is the path.
        let path = RelPath {
            display: key_path.to_string(),
            bytes: None,
        };
        let parts = |conn: Option<&Connection>| {
            assemble(
                conn,
                known.version,
                path.clone(),
                Parts {
                    content_hash: known.content_hash.clone(),
                    lines: known.lines,
                    facts: &known.facts,
                    pending: known.pending.as_deref(),
                    estimate: known.estimate.as_deref(),
                },
            )
        };
        if known.findings == 0 {
            parts(None)
        } else {
            self.with_reader(|conn| parts(Some(conn)))
        }
    }

    fn blob_from_database(&self, key: &BlobKey) -> Option<CachedFile> {
        if !self.stored.blobs {
            return None;
        }
        self.lookup(
            "path = ?1 AND blob_id = ?2 AND config_hash = ?3 AND engine_version = ?4",
            [
                &key.path,
                &key.blob_id,
                &key.config_hash,
                key.engine_version,
            ],
        )
    }

    fn content_from_database(&self, key: &CacheKey) -> Option<CachedFile> {
        if !self.stored.versions {
            return None;
        }
        self.lookup(
            "path = ?1 AND content_hash = ?2 AND config_hash = ?3 AND engine_version = ?4",
            [
                &key.path,
                &key.content_hash,
                &key.config_hash,
                key.engine_version,
            ],
        )
    }

    /// The one version matching `condition` (over `file_versions`), whole.
    fn lookup(&self, condition: &str, params: [&str; 4]) -> Option<CachedFile> {
        let sql = format!(
            "SELECT id, path, path_bytes, content_hash, lines, facts, pending, estimate
             FROM file_versions WHERE {condition}"
        );
        self.with_reader(|conn| {
            let mut statement = conn.prepare_cached(&sql).ok()?;
            let mut rows = statement.query(params).ok()?;
            let row = rows.next().ok()??;
            let read = || -> rusqlite::Result<VersionRow> {
                Ok((
                    row.get(0)?,
                    rel_path(row.get(1)?, row.get(2)?),
                    row.get(3)?,
                    row.get::<_, i64>(4)? as u64,
                    row.get(5)?,
                    row.get(6)?,
                    row.get(7)?,
                ))
            };
            let (version, path, content_hash, lines, facts, pending, estimate) = read().ok()?;
            assemble(
                Some(conn),
                version,
                path,
                Parts {
                    content_hash,
                    lines,
                    facts: &facts,
                    pending: pending.as_deref(),
                    estimate: estimate.as_deref(),
                },
            )
        })
    }
}
