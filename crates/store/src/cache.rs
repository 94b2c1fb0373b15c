//! The store as the engine's file cache. The stat index (path → size,
//! mtime, version) of the project's last scan is loaded once; a hit costs a
//! hash-map lookup plus one indexed read of the version's findings. Reads go
//! through their own connections (WAL lets them run beside the recorder's
//! writes), one per worker so workers do not queue on one lock.

use crate::error::{AtPath, Result};
use crate::open::connect;
use crate::rows::{finding_from_row, rel_path, FINDING_COLUMNS};
use crate::{ProjectId, Store};
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;
use std::sync::Mutex;
use tenet_engine::noqa::Directive;
use tenet_engine::project::FileFacts;
use tenet_engine::{CacheKey, CachedFile, FileCache, FileStat, StatKey};

pub struct StoreCache {
    readers: Vec<Mutex<Connection>>,
    by_path: HashMap<String, (FileStat, i64)>,
    config_hash: String,
}

impl Store {
    /// A cache over everything this database has seen, with the stat index
    /// of the project's most recent scan for this configuration.
    pub fn cache(&self, project: ProjectId, config_hash: &str) -> Result<StoreCache> {
        let path = &self.path;
        let mut by_path = HashMap::new();
        let base: Option<i64> = self
            .conn
            .query_row(
                "SELECT max(id) FROM scans WHERE project_id = ?1 AND config_hash = ?2
                     AND engine_version = ?3",
                (project.0, config_hash, tenet_engine::VERSION),
                |row| row.get(0),
            )
            .optional()
            .at(path)?
            .flatten();
        if let Some(base) = base {
            let mut statement = self
                .conn
                .prepare(
                    "SELECT v.path, f.size, f.mtime_ns, v.id FROM scan_files f
                     JOIN file_versions v ON v.id = f.version_id
                     WHERE f.scan_id = ?1 AND f.mtime_ns IS NOT NULL
                         AND v.config_hash = ?2 AND v.engine_version = ?3",
                )
                .at(path)?;
            let rows = statement
                .query_map((base, config_hash, tenet_engine::VERSION), |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        FileStat {
                            size: row.get::<_, i64>(1)? as u64,
                            mtime_ns: row.get(2)?,
                        },
                        row.get::<_, i64>(3)?,
                    ))
                })
                .at(path)?;
            for row in rows {
                let (file, stat, version) = row.at(path)?;
                by_path.insert(file, (stat, version));
            }
        }
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let readers = (0..workers)
            .map(|_| connect(path).map(Mutex::new))
            .collect::<Result<_>>()?;
        Ok(StoreCache {
            readers,
            by_path,
            config_hash: config_hash.to_string(),
        })
    }
}

fn load(conn: &Connection, version: i64) -> rusqlite::Result<Option<CachedFile>> {
    let head = conn
        .prepare_cached(
            "SELECT path, path_bytes, content_hash, lines, facts, pending
             FROM file_versions WHERE id = ?1",
        )?
        .query_row([version], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Option<Vec<u8>>>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
            ))
        })
        .optional()?;
    let Some((display, bytes, content_hash, lines, facts, pending)) = head else {
        return Ok(None);
    };
    let Ok(facts) = serde_json::from_str::<FileFacts>(&facts) else {
        return Ok(None);
    };
    let pending: Vec<Directive> = match pending {
        Some(text) => match serde_json::from_str(&text) {
            Ok(directives) => directives,
            Err(_) => return Ok(None),
        },
        None => Vec::new(),
    };
    let path = rel_path(display, bytes);
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {FINDING_COLUMNS} FROM version_findings WHERE version_id = ?1 ORDER BY seq"
    ))?;
    let mut rows = statement.query([version])?;
    let mut findings = Vec::new();
    while let Some(row) = rows.next()? {
        match finding_from_row(row, 0, path.clone())? {
            Some(finding) => findings.push(finding),
            // A rule this engine does not know: check the file afresh.
            None => return Ok(None),
        }
    }
    Ok(Some(CachedFile {
        content_hash,
        lines: lines as u64,
        findings,
        facts,
        pending,
    }))
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

    /// Files in the stat index (the base scan's trusted entries).
    pub fn indexed_files(&self) -> usize {
        self.by_path.len()
    }
}

impl FileCache for StoreCache {
    fn get_unchanged(&self, key: &StatKey) -> Option<CachedFile> {
        if key.config_hash != self.config_hash || key.engine_version != tenet_engine::VERSION {
            return None;
        }
        let (stat, version) = self.by_path.get(&key.path)?;
        if *stat != key.stat {
            return None;
        }
        self.with_reader(|conn| load(conn, *version).ok().flatten())
    }

    fn get(&self, key: &CacheKey) -> Option<CachedFile> {
        self.with_reader(|conn| {
            let version: i64 = conn
                .prepare_cached(
                    "SELECT id FROM file_versions WHERE path = ?1 AND content_hash = ?2
                         AND config_hash = ?3 AND engine_version = ?4",
                )
                .ok()?
                .query_row(
                    (
                        &key.path,
                        &key.content_hash,
                        &key.config_hash,
                        key.engine_version,
                    ),
                    |row| row.get(0),
                )
                .ok()?;
            load(conn, version).ok().flatten()
        })
    }
}
