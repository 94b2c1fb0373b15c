//! Scan history in SQLite: projects, scans, findings kept per file version,
//! checklist results and reviews. Implements the engine's [`Sink`] (to
//! record a scan) and [`FileCache`] (so unchanged files are not parsed
//! again). Knows nothing of the CLI, Tauri or report formats.
//!
//! [`Sink`]: tenet_engine::Sink
//! [`FileCache`]: tenet_engine::FileCache

pub mod browse;
mod cache;
mod chart_data;
mod clock;
mod error;
pub mod git;
mod load;
mod migrations;
mod open;
mod portfolio;
mod query;
mod record;
mod review;
mod rows;
mod run;

pub use cache::{CacheLoad, LoadingCache, StoreCache};
pub use chart_data::{HotspotRow, TrendRow};
pub use error::{Result, StoreError};
pub use load::StoredScan;
pub use open::default_path;
pub use portfolio::ProjectRow;

/// Now, as the store writes times (RFC 3339, UTC).
pub fn now() -> String {
    clock::now()
}

/// Seconds since the Unix epoch as the store writes times (RFC 3339, UTC).
pub fn format_time(seconds: i64) -> String {
    clock::format_millis(seconds * 1000)
}
pub use query::{DiffResult, HistoryEntry, ProjectSummary, ScanRef, StoredFinding};
pub use record::{CommitMeta, ScanMeta, ScanRecorder};
pub use review::{ReviewInput, StoredReview};

use error::AtPath;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The newest schema this build knows.
pub const SCHEMA_VERSION: i64 = migrations::MIGRATIONS.len() as i64;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    notices: Vec<String>,
    session: i64,
}

/// A project's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProjectId(pub i64);

/// A scan's row id, as users see it in `tenet history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScanId(pub i64);

impl Store {
    /// Opens (creating if needed) the database at `path`: pragmas, schema
    /// migrations, recovery after an unclean shutdown. A file that is not
    /// a healthy database is moved aside and replaced; see [`Store::notices`].
    pub fn open(path: &Path) -> Result<Store> {
        let opened = open::open(path)?;
        Ok(Store {
            conn: opened.conn,
            path: path.to_path_buf(),
            notices: opened.notices,
            session: opened.session,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Leaves what this connection committed in the write-ahead log when it
    /// closes, instead of copying it into the main file there and then: for
    /// a short-lived process (`tenet scan`), whose closing checkpoint (the
    /// pages written again, two waits for the disk, the log deleted) was a
    /// few milliseconds of a 50 ms scan that nothing needed — the log is as
    /// durable as the file once its commit has waited for the disk, every
    /// open reads it, and SQLite folds it in whenever it passes 1,000 pages.
    /// The database is then the file with its `-wal` and `-shm` beside it.
    pub fn leave_log_on_close(&self) -> Result<()> {
        self.conn
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            )
            .map(|_| ())
            .at(&self.path)
    }

    /// Things the user should be told about opening (a damaged file moved
    /// aside, scans found interrupted).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The project rooted at `root` (canonical path), created on first use.
    pub fn project(&self, root: &Path) -> Result<ProjectId> {
        let root_text = root.to_string_lossy();
        let name = root.file_name().map_or_else(
            || root_text.to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        open::without_waiting(&self.conn, &self.path, || {
            self.conn
                .execute(
                    "INSERT INTO projects (root, name, created_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (root) DO NOTHING",
                    (&*root_text, &name, clock::now()),
                )
                .at(&self.path)
        })?;
        let id = self
            .conn
            .query_row(
                "SELECT id FROM projects WHERE root = ?1",
                [&*root_text],
                |row| row.get(0),
            )
            .at(&self.path)?;
        Ok(ProjectId(id))
    }

    /// The project rooted at `root`, if it has ever been scanned.
    pub fn find_project(&self, root: &Path) -> Result<Option<ProjectId>> {
        use rusqlite::OptionalExtension;
        let id = self
            .conn
            .query_row(
                "SELECT id FROM projects WHERE root = ?1",
                [&*root.to_string_lossy()],
                |row| row.get(0),
            )
            .optional()
            .at(&self.path)?;
        Ok(id.map(ProjectId))
    }

    /// A full integrity check (`PRAGMA integrity_check` and foreign keys):
    /// the problems found, empty when the database is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut statement = self.conn.prepare("PRAGMA integrity_check").at(&self.path)?;
        let rows = statement
            .query_map([], |row| row.get::<_, String>(0))
            .at(&self.path)?;
        for row in rows {
            let row = row.at(&self.path)?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut statement = self
            .conn
            .prepare("PRAGMA foreign_key_check")
            .at(&self.path)?;
        let rows = statement
            .query_map([], |row| {
                Ok(format!(
                    "table {} row {} points at a missing {} row",
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                    row.get::<_, String>(2)?
                ))
            })
            .at(&self.path)?;
        for row in rows {
            problems.push(row.at(&self.path)?);
        }
        // Links name their version without a foreign key (see migration 4).
        let dangling: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM scan_files
                 WHERE version_id NOT IN (SELECT id FROM file_versions)",
                [],
                |row| row.get(0),
            )
            .at(&self.path)?;
        if dangling > 0 {
            problems.push(format!(
                "table scan_files: {dangling} links point at a missing file_versions row"
            ));
        }
        Ok(problems)
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // A clean close: the next open need not check the file. The
        // checkpoint as the connection closes syncs it; where the log is
        // left (`leave_log_on_close`), a power cut may undo this removal,
        // and the next open checks a file that was whole.
        let _ = open::without_waiting(&self.conn, &self.path, || {
            self.conn
                .execute("DELETE FROM sessions WHERE rowid = ?1", [self.session])
                .at(&self.path)
        });
    }
}
