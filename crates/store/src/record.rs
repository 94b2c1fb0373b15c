//! Recording a scan as it runs. The recorder is the engine's sink: it
//! buffers what arrives and writes it in batches, each one IMMEDIATE
//! transaction, so a second process waits briefly instead of failing, and a
//! killed scan leaves everything before its last batch (the scan row stays
//! `running` and is marked interrupted by the next open).

use crate::clock;
use crate::error::{AtPath, Result, StoreError};
use crate::open::set_synchronous;
use crate::rows::{related_json, FINDING_COLUMNS};
use crate::{ProjectId, ScanId, Store, StoreCache};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;
use tenet_engine::checklist::Review;
use tenet_engine::{CachedFile, FileOutcome, FileStat, Finding, ScanResult, Sink, Skip};

/// What identifies the conditions of a scan, for the trend's markers.
#[derive(Debug, Clone)]
pub struct ScanMeta {
    pub engine_version: String,
    pub standard_version: String,
    pub config_hash: String,
    /// The enabled rule codes, comma separated.
    pub rule_set: String,
    pub git_commit: Option<String>,
    pub git_branch: Option<String>,
    /// Set for a scan of a past commit read from git objects.
    pub backfilled: Option<CommitMeta>,
}

impl ScanMeta {
    /// The conditions of a scan with these settings by this engine; the git
    /// fields are the caller's to fill.
    pub fn new(settings: &tenet_engine::Settings) -> ScanMeta {
        ScanMeta {
            engine_version: tenet_engine::ENGINE_ID.into(),
            standard_version: tenet_engine::STANDARD_VERSION.into(),
            config_hash: settings.config_hash.clone(),
            rule_set: settings
                .rules
                .enabled
                .iter()
                .map(|r| r.code)
                .collect::<Vec<_>>()
                .join(","),
            git_commit: None,
            git_branch: None,
            backfilled: None,
        }
    }
}

/// The commit a backfilled scan reads.
#[derive(Debug, Clone)]
pub struct CommitMeta {
    /// Committer time, seconds since the Unix epoch.
    pub time: i64,
    pub author: String,
    pub subject: String,
}

/// Files per write transaction: small enough to hold the write lock only
/// briefly, large enough that commits (an fsync each) stay cheap.
const BATCH_FILES: usize = 1000;
const BATCH_FINDINGS: usize = 10_000;
/// A file modified this close to the scan's start may change again within
/// the file system's timestamp resolution, so its mtime is not trusted
/// later (git calls this "racy").
const RACY_WINDOW_NS: i64 = 2_000_000_000;
/// Links written by one statement (4 parameters each, far below SQLite's
/// limit of 32,766).
const LINK_ROWS: usize = 64;

/// A row of `scan_files`, waiting for its batch's statement.
struct Link {
    version: i64,
    size: Option<i64>,
    mtime_ns: Option<i64>,
}

fn link_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT OR IGNORE INTO scan_files (scan_id, version_id, size, mtime_ns) VALUES ",
    );
    for row in 0..rows {
        if row > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?)");
    }
    sql
}

enum Pending {
    File(Box<FileOutcome>),
    /// A version the cache gave by its id, with nothing to learn of it:
    /// only the link is written (most files of a rescan or a backfill).
    Known {
        version: i64,
        stat: Option<FileStat>,
    },
    Finding(Finding),
    Skip(Skip),
}

pub struct ScanRecorder<'s> {
    store: &'s Store,
    scan: ScanId,
    config_hash: String,
    started_ns: i64,
    pending: Vec<Pending>,
    pending_findings: usize,
    /// Findings still to come that belong to the last file (stored with it).
    owned_by_last_file: usize,
    finding_seq: i64,
    skip_seq: i64,
    files_reused: i64,
    error: Option<StoreError>,
    /// A cache to tell of each version written with a blob id.
    teaching: Option<&'s StoreCache>,
}

// How the recorder's commits reach the disk. The scan's row and batches
// are committed without waiting for the disk (`NORMAL`: in WAL mode the
// database stays whole after a power cut, it may only miss the newest
// commits — and a scan cut short is marked interrupted either way); the
// commit that completes the scan waits (`FULL`), which also makes every
// batch before it durable: one wait per scan rather than one per batch
// (a backfill of 50 commits: 534 `fsync`s → 83, checkpoints included).
impl Store {
    /// Starts recording a scan: the row is committed at once as `running`.
    pub fn begin_scan(&self, project: ProjectId, meta: &ScanMeta) -> Result<ScanRecorder<'_>> {
        let started_ns = clock::now_millis() * 1_000_000;
        set_synchronous(&self.conn, &self.path, "NORMAL")?;
        let scan = self.insert_scan(project, meta).inspect_err(|_| {
            let _ = set_synchronous(&self.conn, &self.path, "FULL");
        })?;
        Ok(ScanRecorder {
            store: self,
            scan,
            config_hash: meta.config_hash.clone(),
            started_ns,
            pending: Vec::new(),
            pending_findings: 0,
            owned_by_last_file: 0,
            finding_seq: 0,
            skip_seq: 0,
            files_reused: 0,
            error: None,
            teaching: None,
        })
    }

    /// The scan's row, committed as `running`.
    fn insert_scan(&self, project: ProjectId, meta: &ScanMeta) -> Result<ScanId> {
        let transaction =
            rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
                .at(&self.path)?;
        let started_at = clock::now();
        let commit = meta.backfilled.as_ref();
        let commit_time = commit.map(|c| clock::format_millis(c.time * 1000));
        transaction
            .execute(
                "INSERT INTO scans (project_id, state, pid, started_at, engine_version,
                     standard_version, config_hash, rule_set, git_commit, git_branch,
                     source, commit_time, commit_author, commit_subject, trend_at)
                 VALUES (?1, 'running', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    project.0,
                    std::process::id(),
                    started_at,
                    meta.engine_version,
                    meta.standard_version,
                    meta.config_hash,
                    meta.rule_set,
                    meta.git_commit,
                    meta.git_branch,
                    if commit.is_some() { "git" } else { "worktree" },
                    commit_time,
                    commit.map(|c| &c.author),
                    commit.map(|c| &c.subject),
                    commit_time.as_deref().unwrap_or(&started_at),
                ],
            )
            .at(&self.path)?;
        let scan = ScanId(transaction.last_insert_rowid());
        transaction.commit().at(&self.path)?;
        Ok(scan)
    }
}

impl<'s> ScanRecorder<'s> {
    pub fn scan(&self) -> ScanId {
        self.scan
    }

    /// Tells `cache` of every version this scan writes that its source
    /// knows by a blob id: the next commit of a backfill then finds the
    /// files it shares with this one without a query.
    pub fn teaching(mut self, cache: &'s StoreCache) -> Self {
        self.teaching = Some(cache);
        self
    }

    fn push(&mut self, pending: Pending, findings: usize) {
        if self.error.is_some() {
            return;
        }
        self.pending.push(pending);
        self.pending_findings += findings;
        if self.pending.len() >= BATCH_FILES || self.pending_findings >= BATCH_FINDINGS {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.error.is_some() || self.pending.is_empty() {
            return;
        }
        // The list is kept, emptied, for the next batch: its room is
        // allocated once per scan rather than grown again for each batch.
        let mut batch = std::mem::take(&mut self.pending);
        self.pending_findings = 0;
        let written = self.write_batch(&mut batch);
        batch.clear();
        self.pending = batch;
        match written {
            Ok(()) => tenet_engine::failpoint::hit("scan-batch"),
            Err(error) => {
                // What it was taught of this batch was rolled back with it.
                if let Some(cache) = self.teaching {
                    cache.forget_learned();
                }
                self.error = Some(error);
            }
        }
    }

    fn write_batch(&mut self, batch: &mut Vec<Pending>) -> Result<()> {
        let path = self.store.path.as_path();
        let conn = &self.store.conn;
        let transaction =
            rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate).at(path)?;
        let mut links = Vec::with_capacity(batch.len());
        for item in batch.drain(..) {
            match item {
                Pending::File(outcome) => links.push(self.write_file(conn, path, &outcome)?),
                Pending::Known { version, stat } => links.push(self.link(version, stat)),
                Pending::Finding(finding) => {
                    self.finding_seq += 1;
                    insert_scan_finding(conn, path, self.scan, self.finding_seq, &finding)?;
                }
                Pending::Skip(skip) => {
                    self.skip_seq += 1;
                    conn.prepare_cached(
                        "INSERT INTO scan_skips (scan_id, seq, path, path_bytes, reason)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )
                    .and_then(|mut s| {
                        s.execute(params![
                            self.scan.0,
                            self.skip_seq,
                            skip.path.display,
                            skip.path.bytes,
                            serde_json::to_string(&skip.reason).expect("a reason serialises")
                        ])
                    })
                    .at(path)?;
                }
            }
        }
        // In key order (scan, version): each row goes after the one before
        // rather than at a random place in this scan's part of the table.
        links.sort_unstable_by_key(|link| link.version);
        self.write_links(conn, path, &links)?;
        transaction.commit().at(path)
    }

    /// Inserts the file's version and its findings unless a scan has seen
    /// it before, and returns the scan's link to it.
    fn write_file(&self, conn: &Connection, path: &Path, outcome: &FileOutcome) -> Result<Link> {
        let config_hash = &self.config_hash;
        let existing: Option<i64> = match outcome.cache_id {
            Some(id) => Some(id),
            None => conn
                .prepare_cached(
                    "SELECT id FROM file_versions
                 WHERE path = ?1 AND ifnull(path_bytes, x'') = ifnull(?5, x'')
                     AND content_hash = ?2 AND config_hash = ?3 AND engine_version = ?4",
                )
                .and_then(|mut s| {
                    s.query_row(
                        params![
                            outcome.path.display,
                            outcome.content_hash,
                            config_hash,
                            tenet_engine::ENGINE_ID,
                            outcome.path.bytes
                        ],
                        |row| row.get(0),
                    )
                    .optional()
                })
                .at(path)?,
        };
        let version = match existing {
            Some(id) => {
                if let Some(blob) = &outcome.blob_id {
                    conn.prepare_cached(
                        "UPDATE file_versions SET blob_id = ?2 WHERE id = ?1 AND blob_id IS NULL",
                    )
                    .and_then(|mut s| s.execute(params![id, blob]))
                    .at(path)?;
                }
                id
            }
            None => insert_version(conn, path, outcome, config_hash)?,
        };
        if let (Some(cache), Some(blob_id), None) =
            (self.teaching, &outcome.blob_id, &outcome.path.bytes)
        {
            if let Some(file) = outcome.to_cached() {
                let file = CachedFile {
                    cache_id: Some(version),
                    ..file
                };
                cache.learn(&outcome.path.display, blob_id, file);
            }
        }
        Ok(self.link(version, outcome.stat))
    }

    /// That this scan saw `version`, with the stat to trust next time.
    fn link(&self, version: i64, stat: Option<FileStat>) -> Link {
        let (size, mtime_ns) = match stat {
            Some(stat) if stat.mtime_ns < self.started_ns - RACY_WINDOW_NS => {
                (Some(stat.size as i64), Some(stat.mtime_ns))
            }
            Some(stat) => (Some(stat.size as i64), None),
            None => (None, None),
        };
        Link {
            version,
            size,
            mtime_ns,
        }
    }

    /// Writes a batch's links, [`LINK_ROWS`] to a statement: every file of
    /// every scan has one (8,000 per scan of a large project, 50 times over
    /// in a backfill), and one statement per row spent more on binding,
    /// stepping and resetting than on the insert.
    fn write_links(&self, conn: &Connection, path: &Path, links: &[Link]) -> Result<()> {
        let mut chunks = links.chunks_exact(LINK_ROWS);
        if links.len() >= LINK_ROWS {
            let mut statement = conn.prepare_cached(&link_sql(LINK_ROWS)).at(path)?;
            for chunk in &mut chunks {
                for (index, link) in chunk.iter().enumerate() {
                    let at = index * 4;
                    statement.raw_bind_parameter(at + 1, self.scan.0).at(path)?;
                    statement
                        .raw_bind_parameter(at + 2, link.version)
                        .at(path)?;
                    statement.raw_bind_parameter(at + 3, link.size).at(path)?;
                    statement
                        .raw_bind_parameter(at + 4, link.mtime_ns)
                        .at(path)?;
                }
                statement.raw_execute().at(path)?;
            }
        }
        let mut statement = conn.prepare_cached(&link_sql(1)).at(path)?;
        for link in chunks.remainder() {
            statement
                .execute(params![self.scan.0, link.version, link.size, link.mtime_ns])
                .at(path)?;
        }
        Ok(())
    }

    /// Writes what is left and closes the scan with its totals and checklist.
    /// On any failure the scan is kept, marked interrupted (best effort).
    pub fn finish(self, result: &ScanResult) -> Result<ScanId> {
        let (store, scan) = (self.store, self.scan);
        self.finish_inner(result).inspect_err(|_| {
            let _ = store.conn.execute(
                "UPDATE scans SET state = 'interrupted', pid = NULL, finished_at = ?2
                 WHERE id = ?1 AND state = 'running'",
                params![scan.0, clock::now()],
            );
        })
    }

    fn finish_inner(mut self, result: &ScanResult) -> Result<ScanId> {
        self.flush();
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let path = self.store.path.as_path();
        let conn = &self.store.conn;
        // This commit waits for the disk, and with it every batch before it.
        set_synchronous(conn, path, "FULL")?;
        let transaction =
            rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate).at(path)?;
        let summary = &result.summary;
        let severity = |name: &str| summary.by_severity.get(name).copied().unwrap_or(0) as i64;
        let reused = self.files_reused;
        conn.execute(
            "UPDATE scans SET state = ?2, pid = NULL, finished_at = ?3, files = ?4, files_reused = ?5,
                 lines = ?6, findings = ?7, suppressed = ?8, skipped = ?9, parse_errors = ?10,
                 errors = ?11, warnings = ?12, infos = ?13, score = ?14, duration_ms = ?15
             WHERE id = ?1",
            params![
                self.scan.0,
                if result.interrupted { "interrupted" } else { "complete" },
                clock::now(),
                summary.files as i64,
                reused,
                summary.lines as i64,
                summary.findings as i64,
                summary.suppressed as i64,
                summary.skipped as i64,
                summary.parse_errors as i64,
                severity("error"),
                severity("warning"),
                severity("info"),
                result.checklist.score,
                summary.duration_ms as i64,
            ],
        )
        .at(path)?;
        for (rule, count) in &summary.by_rule {
            conn.prepare_cached(
                "INSERT INTO scan_rule_totals (scan_id, rule, findings) VALUES (?1, ?2, ?3)",
            )
            .and_then(|mut s| s.execute(params![self.scan.0, rule, *count as i64]))
            .at(path)?;
        }
        for item in &result.checklist.items {
            // The verdict the engine judged with, not merely the newest.
            let review_id = match &item.review {
                Some(Review { id: Some(id), .. }) => Some(*id),
                Some(_) => crate::review::current_review_id(conn, path, self.scan, item.id)?,
                None => None,
            };
            conn.prepare_cached(
                "INSERT INTO checklist_results (scan_id, item, status, applicable,
                     partially_checked, switched_off, findings, evidence, review_id, review_stale,
                     review_hint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    self.scan.0,
                    item.id,
                    item.status.as_str(),
                    item.applicable,
                    item.partially_checked,
                    serde_json::to_string(&item.switched_off).expect("strings serialise"),
                    item.findings as i64,
                    item.evidence,
                    review_id,
                    item.review.as_ref().is_some_and(|r| r.stale),
                    item.review_hint,
                ])
            })
            .at(path)?;
        }
        transaction.commit().at(path)?;
        Ok(self.scan)
    }
}

impl Drop for ScanRecorder<'_> {
    /// The connection's other writes wait for the disk again, however the
    /// recording ended.
    fn drop(&mut self) {
        let _ = set_synchronous(&self.store.conn, &self.store.path, "FULL");
    }
}

fn insert_version(
    conn: &Connection,
    path: &Path,
    outcome: &FileOutcome,
    config_hash: &str,
) -> Result<i64> {
    let facts = serde_json::to_string(&outcome.facts).expect("facts serialise");
    let pending = (!outcome.pending.is_empty())
        .then(|| serde_json::to_string(&outcome.pending).expect("directives serialise"));
    let estimate = outcome
        .accessibility_estimate
        .as_ref()
        .map(|e| serde_json::to_string(e).expect("estimate serialises"));
    conn.prepare_cached(
        "INSERT INTO file_versions (path, path_bytes, content_hash, config_hash, engine_version,
             kind, lines, findings, facts, pending, estimate, blob_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )
    .and_then(|mut s| {
        s.execute(params![
            outcome.path.display,
            outcome.path.bytes,
            outcome.content_hash,
            config_hash,
            tenet_engine::ENGINE_ID,
            outcome.kind.as_str(),
            outcome.lines as i64,
            outcome.findings.len() as i64,
            facts,
            pending,
            estimate,
            outcome.blob_id
        ])
    })
    .at(path)?;
    let version = conn.last_insert_rowid();
    let sql = format!(
        "INSERT INTO version_findings (version_id, seq, {FINDING_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    );
    let mut statement = conn.prepare_cached(&sql).at(path)?;
    for (seq, finding) in outcome.findings.iter().enumerate() {
        statement
            .execute(params![
                version,
                seq as i64,
                finding.rule,
                finding.severity.as_str(),
                finding.span.start.line,
                finding.span.start.column,
                finding.span.end.line,
                finding.span.end.column,
                finding.span.cell,
                finding.message,
                finding.suppressed,
                finding.suppression_reason,
                finding.fingerprint,
                related_json(finding),
            ])
            .at(path)?;
    }
    Ok(version)
}

fn insert_scan_finding(
    conn: &Connection,
    path: &Path,
    scan: ScanId,
    seq: i64,
    finding: &Finding,
) -> Result<()> {
    let sql = format!(
        "INSERT INTO scan_findings (scan_id, seq, path, path_bytes, {FINDING_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
    );
    conn.prepare_cached(&sql)
        .and_then(|mut s| {
            s.execute(params![
                scan.0,
                seq,
                finding.path.display,
                finding.path.bytes,
                finding.rule,
                finding.severity.as_str(),
                finding.span.start.line,
                finding.span.start.column,
                finding.span.end.line,
                finding.span.end.column,
                finding.span.cell,
                finding.message,
                finding.suppressed,
                finding.suppression_reason,
                finding.fingerprint,
                related_json(finding),
            ])
        })
        .at(path)?;
    Ok(())
}

impl Sink for ScanRecorder<'_> {
    fn file(&mut self, file: &FileOutcome) {
        // A skipped file arrives again through `skip`; a file never read
        // (over the size cap) has no version: its findings are the scan's.
        if file.skip.is_some() || file.content_hash.is_empty() {
            self.owned_by_last_file = 0;
            return;
        }
        self.owned_by_last_file = file.findings.len();
        self.files_reused += i64::from(file.reused);
        let count = file.findings.len();
        let pending = match (file.cache_id, &file.blob_id) {
            (Some(version), None) => Pending::Known {
                version,
                stat: file.stat,
            },
            _ => Pending::File(Box::new(file.clone())),
        };
        self.push(pending, count);
    }

    fn finding(&mut self, finding: &Finding) {
        if self.owned_by_last_file > 0 {
            self.owned_by_last_file -= 1;
            return;
        }
        self.push(Pending::Finding(finding.clone()), 1);
    }

    fn skip(&mut self, skip: &Skip) {
        self.push(Pending::Skip(skip.clone()), 0);
    }
}
