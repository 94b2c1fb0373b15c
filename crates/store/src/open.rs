//! Opening the database: where it lives, the pragmas, migrations, and what
//! happens to a file that is not a healthy database. Nothing is ever
//! overwritten: a corrupt file is moved aside (with its `-wal` and `-shm`)
//! under an exclusive lock and a fresh database takes its place.

use crate::clock;
use crate::error::{AtPath, Result, StoreError};
use crate::migrations::MIGRATIONS;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process's transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The database file: `--db`, else `TENET_DB`, else the platform's per-user
/// data folder (`~/.local/share/tenet` on Linux, `~/Library/Application
/// Support/tenet` on macOS, `%APPDATA%\tenet` on Windows).
pub fn default_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TENET_DB").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    dirs::data_dir().map(|dir| dir.join("tenet").join("tenet.db"))
}

/// Opens one connection with the pragmas every connection needs.
pub(crate) fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| cannot_open(path, &e.to_string()))?;
    conn.busy_timeout(BUSY_TIMEOUT).at(path)?;
    // A statement's plan is made once, not again for each new value bound
    // to it: otherwise SQLite re-prepares (parses and plans anew) a cached
    // statement on every run whose plan a bound value might change — an
    // `ORDER BY` it could satisfy from an index, a `LIKE ?`, a partial
    // index. A warm rescan re-prepared the findings query of every file
    // with findings that way: 5% of its CPU time.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
        .at(path)?;
    Ok(conn)
}

/// Sets how the connection's commits wait for the disk (`NORMAL`, `FULL`).
pub(crate) fn set_synchronous(conn: &Connection, path: &Path, level: &str) -> Result<()> {
    conn.pragma_update(None, "synchronous", level).at(path)
}

/// Runs `write` with `synchronous = NORMAL`, then back to `FULL` however it
/// ends: for commits whose loss in a power cut costs nothing — the session
/// marker, a project's row, a schema migration (in WAL mode the database
/// stays whole; it is migrated again) — and which the next `FULL` commit or
/// a checkpoint makes durable anyway (a store that leaves its log on close
/// never syncs its last one, the session's removal: after a power cut the
/// next open finds the session and checks the file, and loses nothing). A
/// warm rescan of a small project waited for the disk five times before its
/// scan was written.
pub(crate) fn without_waiting<T>(
    conn: &Connection,
    path: &Path,
    write: impl FnOnce() -> Result<T>,
) -> Result<T> {
    set_synchronous(conn, path, "NORMAL")?;
    let written = write();
    let restored = set_synchronous(conn, path, "FULL");
    let written = written?;
    restored?;
    Ok(written)
}

/// SQLite could not create or write the file (a read-only folder or file).
fn is_unwritable(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied)
    )
}

fn cannot_open(path: &Path, why: &str) -> StoreError {
    let folder = path.parent().unwrap_or(Path::new("."));
    let hint = match std::fs::metadata(folder) {
        Ok(meta) if meta.permissions().readonly() => " (its folder is read-only)",
        _ => "",
    };
    StoreError::CannotOpen {
        path: path.to_path_buf(),
        why: format!("{why}{hint}"),
    }
}

/// The outcome of opening: the connection and anything the user should be
/// told (a corrupt file moved aside, an interrupted scan found).
pub(crate) struct Opened {
    pub conn: Connection,
    pub notices: Vec<String>,
    /// This connection's row in `sessions`, removed on a clean close.
    pub session: i64,
}

pub(crate) fn open(path: &Path) -> Result<Opened> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| cannot_open(path, &e.to_string()))?;
    }
    let mut notices = Vec::new();
    if let Some(problem) = damaged_file(path) {
        notices.push(move_aside(path, &problem)?);
    }
    let conn = match prepare_patiently(path) {
        Ok(conn) => conn,
        Err(Prepared::Corrupt(problem)) => {
            notices.push(move_aside(path, &problem)?);
            prepare_patiently(path).map_err(|e| e.into_error(path))?
        }
        Err(other) => return Err(other.into_error(path)),
    };
    let conn = match recover_after_unclean_shutdown(path, conn, &mut notices)? {
        Some(conn) => conn,
        None => prepare_patiently(path).map_err(|e| e.into_error(path))?,
    };
    let session = without_waiting(&conn, path, || {
        conn.execute(
            "INSERT INTO sessions (pid, opened_at) VALUES (?1, ?2)",
            (std::process::id(), clock::now()),
        )
        .at(path)?;
        Ok(conn.last_insert_rowid())
    })?;
    Ok(Opened {
        conn,
        notices,
        session,
    })
}

enum Prepared {
    Corrupt(String),
    Failed(StoreError),
}

impl Prepared {
    fn into_error(self, path: &Path) -> StoreError {
        match self {
            Prepared::Corrupt(problem) => StoreError::CannotOpen {
                path: path.to_path_buf(),
                why: problem,
            },
            Prepared::Failed(error) => error,
        }
    }
}

fn is_corruption(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// [`prepare`], retried while another process holds a lock that SQLite
/// reports at once instead of waiting for: two connections switching a new
/// file to WAL together, or one upgrading a read lock while another writes.
fn prepare_patiently(path: &Path) -> std::result::Result<Connection, Prepared> {
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        match prepare(path) {
            Err(Prepared::Failed(StoreError::Sqlite { source, .. }))
                if is_busy(&source) && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// Connects, refuses a newer schema, sets the pragmas and migrates.
fn prepare(path: &Path) -> std::result::Result<Connection, Prepared> {
    let conn = connect(path).map_err(Prepared::Failed)?;
    let classify = |error: rusqlite::Error| {
        if is_corruption(&error) {
            Prepared::Corrupt(error.to_string())
        } else {
            Prepared::Failed(StoreError::Sqlite {
                path: path.to_path_buf(),
                source: error,
            })
        }
    };
    // Read before any pragma that writes: a newer database is left as it is.
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(classify)?;
    let supported = MIGRATIONS.len() as i64;
    if version > supported {
        return Err(Prepared::Failed(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported,
        }));
    }
    // A new, empty file has nothing to keep: switching it to WAL (a
    // rollback-journal transaction) need not wait for the disk four times.
    // Torn by a power cut, it is found damaged and moved aside next time.
    if version == 0 {
        let pages: i64 = conn
            .query_row("PRAGMA page_count", [], |row| row.get(0))
            .map_err(classify)?;
        if pages == 0 {
            conn.execute_batch("PRAGMA synchronous = OFF")
                .map_err(classify)?;
        }
    }
    // WAL lets readers (the app, a second CLI) proceed while a scan writes;
    // FULL keeps a committed scan across a power cut.
    conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
        row.get::<_, String>(0)
    })
    .map_err(|e| {
        if is_unwritable(&e) {
            Prepared::Failed(cannot_open(path, &e.to_string()))
        } else {
            classify(e)
        }
    })?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        .map_err(classify)?;
    if let Some(pages) = tenet_engine::failpoint::max_pages() {
        conn.pragma_update(None, "max_page_count", pages as i64)
            .map_err(classify)?;
    }
    if version < supported {
        without_waiting(&conn, path, || migrate(path, &conn)).map_err(|e| match e {
            StoreError::Sqlite { source, .. } if is_corruption(&source) => {
                Prepared::Corrupt(source.to_string())
            }
            other => Prepared::Failed(other),
        })?;
    }
    Ok(conn)
}

/// Runs the migrations not yet applied, all in one transaction. Another
/// process may have migrated meanwhile, so the version is read again inside.
fn migrate(path: &Path, conn: &Connection) -> Result<()> {
    let write_error = |e: rusqlite::Error| {
        if is_unwritable(&e) {
            cannot_open(path, &e.to_string())
        } else {
            StoreError::Sqlite {
                path: path.to_path_buf(),
                source: e,
            }
        }
    };
    conn.execute_batch("BEGIN IMMEDIATE").map_err(write_error)?;
    let result = (|| {
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .at(path)?;
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            conn.execute_batch(sql).at(path)?;
            conn.pragma_update(None, "user_version", index as i64 + 1)
                .at(path)?;
        }
        tenet_engine::failpoint::hit("migrate");
        conn.execute_batch("COMMIT").at(path)
    })();
    if result.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    result
}

/// A cheap look at the file's header before SQLite touches it: not an
/// SQLite file at all, or shorter than its header says (truncated).
fn damaged_file(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let length = file.metadata().ok()?.len();
    if length == 0 {
        return None;
    }
    let mut header = [0u8; 100];
    if length < 100 || file.read_exact(&mut header).is_err() {
        return Some(format!(
            "the file is {length} bytes, shorter than a database header"
        ));
    }
    if &header[..16] != b"SQLite format 3\0" {
        return Some("the file is not an SQLite database".into());
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size => u64::from(size),
    };
    let (change_counter, page_count, valid_for) =
        (be32(&header, 24), be32(&header, 28), be32(&header, 92));
    // The in-header size is only valid when written by the same change.
    let expected = u64::from(page_count) * page_size;
    if valid_for == change_counter
        && expected > length
        && !log_holds_pages(
            &wal_path(path, "-wal"),
            page_size,
            length / page_size + 1..=u64::from(page_count),
        )
        // Read again after the log: a checkpoint in another process may
        // have written page 1 after the length was read above, and it
        // sizes the file before it restarts or deletes the log.
        && std::fs::metadata(path).is_ok_and(|m| m.len() == length)
    {
        return Some(format!(
            "the file is truncated ({length} of {expected} bytes)"
        ));
    }
    None
}

/// Whether the write-ahead log holds a frame of the current log for every
/// page in `pages` (numbered from 1). A main file that ends before the
/// pages its header counts is then a checkpoint that stopped part way (it
/// writes page 1 first) and that SQLite finishes from the log; otherwise
/// those pages are lost. `tenet scan` leaves its commits in the log, so a
/// log is beside the file more often than not. Frames' checksums are not
/// verified: a torn frame counts as holding its page, so a doubt is
/// settled by SQLite at open rather than by moving the file aside. Nor is
/// the page holding the byte at 1 GiB (SQLite's lock bytes), which SQLite
/// never writes.
fn log_holds_pages(wal: &Path, page_size: u64, pages: std::ops::RangeInclusive<u64>) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    const HEADER: u64 = 32;
    const FRAME_HEADER: u64 = 24;
    let Ok(mut log) = std::fs::File::open(wal) else {
        return false;
    };
    let length = log.metadata().map_or(0, |m| m.len());
    let mut header = [0u8; HEADER as usize];
    if length < HEADER || log.read_exact(&mut header).is_err() {
        return false;
    }
    let magic = be32(&header, 0);
    if magic & !1 != 0x377f_0682 || u64::from(be32(&header, 8)) != page_size {
        return false;
    }
    let frames = (length - HEADER) / (FRAME_HEADER + page_size);
    if pages.is_empty() {
        return true;
    }
    let lock_page = 0x4000_0000 / page_size + 1;
    let mut missing = pages.end() - pages.start() + 1 - u64::from(pages.contains(&lock_page));
    // Checked before anything is sized by the header's page count.
    if missing > frames {
        return false;
    }
    let mut held = vec![false; (pages.end() - pages.start() + 1) as usize];
    if pages.contains(&lock_page) {
        held[(lock_page - pages.start()) as usize] = true;
    }
    let mut frame = [0u8; FRAME_HEADER as usize];
    for index in 0..frames {
        if missing == 0 {
            break;
        }
        let at = HEADER + index * (FRAME_HEADER + page_size);
        if log.seek(SeekFrom::Start(at)).is_err() || log.read_exact(&mut frame).is_err() {
            return false;
        }
        // A frame of an earlier log, not yet overwritten, has other salts.
        if frame[8..16] != header[16..24] {
            continue;
        }
        let page = u64::from(be32(&frame, 0));
        if pages.contains(&page) && !held[(page - pages.start()) as usize] {
            held[(page - pages.start()) as usize] = true;
            missing -= 1;
        }
    }
    missing == 0
}

/// The big-endian 32-bit number at `at`, as SQLite writes its headers.
fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

fn wal_path(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Moves a damaged database and its `-wal`/`-shm` aside under an exclusive
/// lock (so two processes never both move, or one moves what another just
/// created), and says where they went.
/// What identifies the file found damaged, so that under the lock this
/// process moves that file and not one another process created since.
fn identity(path: &Path) -> Option<(u64, u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino(), meta.len()))
    }
    #[cfg(not(unix))]
    {
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos() as u64;
        Some((0, modified, meta.len()))
    }
}

fn move_aside(path: &Path, problem: &str) -> Result<String> {
    // `quick_check` can report many lines; the notice is one.
    let problem = problem.lines().next().unwrap_or(problem);
    let found = identity(path);
    let lock_path = wal_path(path, ".lock");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| cannot_open(path, &e.to_string()))?;
    lock.lock().map_err(|e| cannot_open(path, &e.to_string()))?;
    // Another process may have moved it (and started a new one) while this
    // one waited for the lock.
    if found.is_none() || identity(path) != found {
        return Ok(format!(
            "database {} was found damaged ({problem}) and has already been replaced",
            path.display()
        ));
    }
    let stamp = clock::now().replace([':', '.'], "-");
    let aside = wal_path(path, &format!(".corrupt-{stamp}"));
    std::fs::rename(path, &aside).map_err(|e| cannot_open(path, &e.to_string()))?;
    for suffix in ["-wal", "-shm"] {
        let companion = wal_path(path, suffix);
        if companion.exists() {
            let _ = std::fs::rename(&companion, wal_path(&aside, suffix));
        }
    }
    Ok(format!(
        "database {} was damaged ({problem}); moved it to {} and started a new one",
        path.display(),
        aside.display()
    ))
}

/// A session row left by a process that is gone means it did not close
/// cleanly: check the file (`quick_check`, not on every open — it reads the
/// whole database), mark that process's running scans as interrupted and
/// drop the stale rows. Returns `None` when the file was moved aside.
fn recover_after_unclean_shutdown(
    path: &Path,
    conn: Connection,
    notices: &mut Vec<String>,
) -> Result<Option<Connection>> {
    let sessions: Vec<i64> = {
        let mut statement = conn.prepare("SELECT pid FROM sessions").at(path)?;
        let rows = statement.query_map([], |row| row.get(0)).at(path)?;
        rows.collect::<rusqlite::Result<_>>().at(path)?
    };
    let gone: Vec<i64> = sessions
        .into_iter()
        .filter(|&pid| !process_alive(pid))
        .collect();
    if !gone.is_empty() {
        let verdict: String = conn
            .query_row("PRAGMA quick_check", [], |row| row.get(0))
            .unwrap_or_else(|e| e.to_string());
        if verdict != "ok" {
            drop(conn);
            notices.push(move_aside(path, &format!("quick_check: {verdict}"))?);
            return Ok(None);
        }
    }
    let stopped: Vec<i64> = {
        let mut running = conn
            .prepare("SELECT id, pid FROM scans WHERE state = 'running'")
            .at(path)?;
        let scans: Vec<(i64, Option<i64>)> = running
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .at(path)?
            .collect::<rusqlite::Result<_>>()
            .at(path)?;
        scans
            .into_iter()
            .filter(|(_, pid)| pid.is_none_or(|pid| !process_alive(pid)))
            .map(|(scan, _)| scan)
            .collect()
    };
    if gone.is_empty() && stopped.is_empty() {
        return Ok(Some(conn));
    }
    let transaction =
        rusqlite::Transaction::new_unchecked(&conn, TransactionBehavior::Immediate).at(path)?;
    let mut interrupted = 0;
    for scan in stopped {
        // Checked again inside the write lock: its owner may have finished.
        interrupted += transaction
            .execute(
                "UPDATE scans SET state = 'interrupted', pid = NULL WHERE id = ?1 AND state = 'running'",
                [scan],
            )
            .at(path)?;
    }
    for pid in &gone {
        transaction
            .execute("DELETE FROM sessions WHERE pid = ?1", [pid])
            .at(path)?;
    }
    transaction.commit().at(path)?;
    if interrupted > 0 {
        notices.push(format!(
            "{interrupted} scan(s) in {} stopped before finishing (the process was killed); kept and marked interrupted",
            path.display()
        ));
    }
    Ok(Some(conn))
}

/// Whether a process with this id is running on this machine.
pub(crate) fn process_alive(pid: i64) -> bool {
    if pid == i64::from(std::process::id()) {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // Signal 0 checks existence; EPERM means it exists but is not ours.
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        // Without a cheap liveness check, assume alive: a scan left running
        // is then only marked interrupted by `tenet db check`.
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use std::path::{Path, PathBuf};

    fn pragma(store: &Store, name: &str) -> String {
        store
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
            })
            .map(|value| match value {
                rusqlite::types::Value::Integer(n) => n.to_string(),
                rusqlite::types::Value::Text(text) => text,
                other => format!("{other:?}"),
            })
            .unwrap()
    }

    /// The commits that need not wait for the disk (creating the file,
    /// the session marker, a project's row) leave the connection waiting
    /// again for everything after them: a scan, a review.
    #[test]
    fn a_new_database_is_wal_and_every_later_commit_waits_for_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(pragma(&store, "journal_mode"), "wal");
        assert_eq!(pragma(&store, "synchronous"), "2", "FULL after opening");
        store.project(dir.path()).unwrap();
        assert_eq!(pragma(&store, "synchronous"), "2", "FULL after a project");
        let version = pragma(&store, "user_version");
        drop(store);
        let again = Store::open(&path).unwrap();
        assert_eq!(pragma(&again, "user_version"), version);
        assert_eq!(pragma(&again, "synchronous"), "2");
        assert_eq!(
            again.find_project(dir.path()).unwrap().map(|p| p.0),
            Some(1)
        );
    }

    /// A cached statement is planned once: running the findings query of
    /// one file version after another (an `ORDER BY` the primary key
    /// satisfies, a new bound value each time) re-prepares nothing, on the
    /// store's connection and on a reader's alike.
    #[test]
    fn cached_statements_are_not_prepared_again_for_new_values() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plans.db");
        let store = Store::open(&path).unwrap();
        let reader = super::connect(&path).unwrap();
        let sql = format!(
            "SELECT {} FROM version_findings WHERE version_id = ?1 ORDER BY seq",
            crate::rows::FINDING_COLUMNS
        );
        for conn in [&store.conn, &reader] {
            for version in 1..=5 {
                let mut statement = conn.prepare_cached(&sql).unwrap();
                let rows: Vec<String> = statement
                    .query_map([version], |row| row.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                assert!(rows.is_empty());
                assert_eq!(
                    statement.get_status(rusqlite::StatementStatus::RePrepare),
                    0,
                    "run {version} re-prepared the statement"
                );
            }
        }
    }

    /// A log of `frames` (page number, whether its salts are the log's),
    /// at `page_size`.
    fn synthetic_log(dir: &Path, page_size: u32, frames: &[(u32, bool)]) -> PathBuf {
        let mut log = Vec::new();
        for word in [0x377f_0682u32, 3_007_000, page_size, 0, 11, 22, 0, 0] {
            log.extend_from_slice(&word.to_be_bytes());
        }
        for &(page, current) in frames {
            let salts = if current { [11u32, 22] } else { [10, 21] };
            for word in [page, 0, salts[0], salts[1], 0, 0] {
                log.extend_from_slice(&word.to_be_bytes());
            }
            log.resize(log.len() + page_size as usize, 0);
        }
        let path = dir.join("synthetic.db-wal");
        std::fs::write(&path, log).unwrap();
        path
    }

    /// Pages past the main file's end are held when a frame of the current
    /// log has each of them; a frame of an earlier log (other salts) does
    /// not count, nor a log of another page size; the page of SQLite's lock
    /// bytes, which it never writes, is never asked for.
    #[test]
    fn the_log_holds_pages_only_in_its_current_frames() {
        let dir = tempfile::tempdir().unwrap();
        let held = |page_size, frames: &[(u32, bool)], pages| {
            super::log_holds_pages(
                &synthetic_log(dir.path(), page_size, frames),
                u64::from(page_size),
                pages,
            )
        };
        assert!(held(4096, &[(1, true), (3, true), (4, true)], 3..=4));
        assert!(!held(4096, &[(1, true), (3, true), (4, false)], 3..=4));
        assert!(!held(4096, &[(3, true)], 3..=4));
        assert!(!super::log_holds_pages(
            &synthetic_log(dir.path(), 4096, &[(3, true), (4, true)]),
            8192,
            3..=4
        ));
        assert!(!super::log_holds_pages(
            &dir.path().join("none-wal"),
            4096,
            3..=4
        ));
        let lock_page = 0x4000_0000 / 65_536 + 1;
        assert!(held(
            65_536,
            &[(lock_page - 1, true), (lock_page + 1, true)],
            u64::from(lock_page - 1)..=u64::from(lock_page + 1)
        ));
    }

    /// A store told to leave its log on close keeps every commit in the
    /// `-wal` beside the file; the next open reads them, and a store closed
    /// the ordinary way folds them into the file.
    #[test]
    fn a_store_that_leaves_its_log_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let log = super::wal_path(&path, "-wal");
        let log_size = || std::fs::metadata(&log).map_or(0, |m| m.len());
        let store = Store::open(&path).unwrap();
        store.leave_log_on_close().unwrap();
        let project = store.project(dir.path()).unwrap();
        drop(store);
        assert!(log_size() > 32, "the commits stayed in the log");
        let again = Store::open(&path).unwrap();
        assert!(again.notices().is_empty(), "{:?}", again.notices());
        assert_eq!(again.find_project(dir.path()).unwrap(), Some(project));
        drop(again);
        assert_eq!(log_size(), 0, "an ordinary close folds the log in");
        let last = Store::open(&path).unwrap();
        assert_eq!(last.find_project(dir.path()).unwrap(), Some(project));
    }
}
