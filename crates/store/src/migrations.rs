//! The schema, as an append-only list: migration N brings `user_version`
//! from N to N + 1. Never edit a shipped entry; add a new one.
//!
//! Findings are kept per *file version* (path, content hash, configuration
//! hash, engine version) and scans link to the versions they saw, so an
//! unchanged rescan writes one link row per file and 100 scans of a project
//! with 100,000 findings keep those findings once.

pub const MIGRATIONS: &[&str] = &[
    // 1: projects, scans, file versions and their findings, checklist
    // results, reviews, and the open-session markers.
    r#"
CREATE TABLE projects (
    id          INTEGER PRIMARY KEY,
    root        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE scans (
    id               INTEGER PRIMARY KEY,
    project_id       INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    state            TEXT NOT NULL CHECK (state IN ('running', 'complete', 'interrupted')),
    pid              INTEGER,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    engine_version   TEXT NOT NULL,
    standard_version TEXT NOT NULL,
    config_hash      TEXT NOT NULL,
    rule_set         TEXT NOT NULL,
    git_commit       TEXT,
    git_branch       TEXT,
    -- 'worktree' (the folder as it is) or 'git' (a past commit, backfilled).
    source           TEXT NOT NULL DEFAULT 'worktree' CHECK (source IN ('worktree', 'git')),
    commit_time      TEXT,
    commit_author    TEXT,
    commit_subject   TEXT,
    -- Where the scan sits in the trend: the commit's time for a backfilled
    -- scan, the scan's start otherwise.
    trend_at         TEXT NOT NULL,
    files            INTEGER NOT NULL DEFAULT 0,
    files_reused     INTEGER NOT NULL DEFAULT 0,
    lines            INTEGER NOT NULL DEFAULT 0,
    findings         INTEGER NOT NULL DEFAULT 0,
    suppressed       INTEGER NOT NULL DEFAULT 0,
    skipped          INTEGER NOT NULL DEFAULT 0,
    parse_errors     INTEGER NOT NULL DEFAULT 0,
    errors           INTEGER NOT NULL DEFAULT 0,
    warnings         INTEGER NOT NULL DEFAULT 0,
    infos            INTEGER NOT NULL DEFAULT 0,
    score            INTEGER,
    duration_ms      INTEGER
);
-- The trend: a project's scans in order.
CREATE INDEX scans_by_project ON scans(project_id, trend_at, id);
-- A commit is backfilled once per engine and configuration.
CREATE UNIQUE INDEX scans_backfilled ON scans(project_id, git_commit, engine_version, config_hash)
    WHERE source = 'git' AND state = 'complete';
CREATE INDEX scans_running ON scans(state) WHERE state = 'running';

CREATE TABLE file_versions (
    id              INTEGER PRIMARY KEY,
    path            TEXT NOT NULL,
    path_bytes      BLOB,
    content_hash    TEXT NOT NULL,
    config_hash     TEXT NOT NULL,
    engine_version  TEXT NOT NULL,
    kind            TEXT NOT NULL,
    lines           INTEGER NOT NULL,
    findings        INTEGER NOT NULL,
    facts           TEXT NOT NULL,
    pending         TEXT,
    -- A full HTML document's Lighthouse accessibility estimate (JSON).
    estimate        TEXT,
    -- The git blob id of this content, once a backfill has seen it.
    blob_id         TEXT
);
-- `path` is the readable (lossy) name; two names that differ only in
-- non-UTF-8 bytes are told apart by `path_bytes`.
CREATE UNIQUE INDEX file_versions_key
    ON file_versions(path, ifnull(path_bytes, x''), content_hash, config_hash, engine_version);
-- Not a partial index: a bound `blob_id = ?` would make SQLite re-prepare
-- the statement on every call to decide whether a partial one applies.
CREATE INDEX file_versions_by_blob ON file_versions(blob_id);

CREATE TABLE version_findings (
    version_id          INTEGER NOT NULL REFERENCES file_versions(id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    rule                TEXT NOT NULL,
    severity            TEXT NOT NULL,
    line                INTEGER NOT NULL,
    col                 INTEGER NOT NULL,
    end_line            INTEGER NOT NULL,
    end_col             INTEGER NOT NULL,
    cell                INTEGER,
    message             TEXT NOT NULL,
    suppressed          INTEGER NOT NULL,
    suppression_reason  TEXT,
    fingerprint         TEXT NOT NULL,
    related             TEXT,
    PRIMARY KEY (version_id, seq)
) WITHOUT ROWID;

CREATE TABLE scan_files (
    scan_id     INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    version_id  INTEGER NOT NULL REFERENCES file_versions(id),
    size        INTEGER,
    -- NULL when the file changed too close to the scan to trust its mtime.
    mtime_ns    INTEGER,
    PRIMARY KEY (scan_id, version_id)
) WITHOUT ROWID;
CREATE INDEX scan_files_by_version ON scan_files(version_id);

-- Findings not tied to a checked file version: permissions (never reused)
-- and the project-level test rules.
CREATE TABLE scan_findings (
    scan_id             INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    path                TEXT NOT NULL,
    path_bytes          BLOB,
    rule                TEXT NOT NULL,
    severity            TEXT NOT NULL,
    line                INTEGER NOT NULL,
    col                 INTEGER NOT NULL,
    end_line            INTEGER NOT NULL,
    end_col             INTEGER NOT NULL,
    cell                INTEGER,
    message             TEXT NOT NULL,
    suppressed          INTEGER NOT NULL,
    suppression_reason  TEXT,
    fingerprint         TEXT NOT NULL,
    related             TEXT,
    PRIMARY KEY (scan_id, seq)
) WITHOUT ROWID;

CREATE TABLE scan_skips (
    scan_id     INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    path        TEXT NOT NULL,
    path_bytes  BLOB,
    -- The engine's SkipReason, as JSON.
    reason      TEXT NOT NULL,
    PRIMARY KEY (scan_id, seq)
) WITHOUT ROWID;

CREATE TABLE scan_rule_totals (
    scan_id   INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    rule      TEXT NOT NULL,
    findings  INTEGER NOT NULL,
    PRIMARY KEY (scan_id, rule)
) WITHOUT ROWID;

CREATE TABLE checklist_results (
    scan_id            INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    item               TEXT NOT NULL,
    status             TEXT NOT NULL,
    applicable         INTEGER NOT NULL,
    partially_checked  INTEGER NOT NULL,
    switched_off       TEXT NOT NULL,
    findings           INTEGER NOT NULL,
    evidence           TEXT NOT NULL,
    review_hint        TEXT,
    review_id          INTEGER REFERENCES reviews(id),
    review_stale       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scan_id, item)
) WITHOUT ROWID;

-- Every verdict ever given; the newest per (project, item) is the current one.
CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    item         TEXT NOT NULL,
    verdict      TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'not_applicable')),
    reviewer     TEXT NOT NULL,
    reviewed_at  TEXT NOT NULL,
    note         TEXT NOT NULL,
    evidence     TEXT NOT NULL,
    scan_id      INTEGER REFERENCES scans(id) ON DELETE SET NULL
);
CREATE INDEX reviews_by_item ON reviews(project_id, item, id);

-- One row per process with the database open; a row left by a process
-- that is gone means an unclean shutdown.
CREATE TABLE sessions (
    pid        INTEGER NOT NULL,
    opened_at  TEXT NOT NULL
);
"#,
    // 2: a project removed from the portfolio with its history kept.
    r#"
ALTER TABLE projects ADD COLUMN archived_at TEXT;
"#,
    // 3: what changed since the previous complete scan, computed once.
    r#"
ALTER TABLE scans ADD COLUMN compared_to INTEGER;
ALTER TABLE scans ADD COLUMN new_findings INTEGER;
ALTER TABLE scans ADD COLUMN fixed_findings INTEGER;
ALTER TABLE scans ADD COLUMN unchanged_findings INTEGER;
"#,
    // 4: links without an index by version. Every scan writes one link per
    // file, and that index put each new link on a different page, so a
    // rescan of 8,000 files rewrote hundreds of pages to the log (a backfill
    // of 50 commits wrote 5x the log it does without it). Its one use was
    // the foreign key's check when a version is deleted, which happens only
    // to versions no scan links (removing a project), so the key goes too:
    // that delete finds orphans in one pass, and `tenet db check` looks for
    // links to missing versions itself.
    r#"
CREATE TABLE scan_files_v4 (
    scan_id     INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    -- A file_versions id; checked by Store::integrity_check.
    version_id  INTEGER NOT NULL,
    size        INTEGER,
    -- NULL when the file changed too close to the scan to trust its mtime.
    mtime_ns    INTEGER,
    PRIMARY KEY (scan_id, version_id)
) WITHOUT ROWID;
INSERT INTO scan_files_v4 (scan_id, version_id, size, mtime_ns)
    SELECT scan_id, version_id, size, mtime_ns FROM scan_files;
DROP TABLE scan_files;
ALTER TABLE scan_files_v4 RENAME TO scan_files;
"#,
];

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;
    use crate::Store;
    use rusqlite::Connection;

    /// A database written by a Tenet at schema 3, with two scans linking
    /// file versions, opens at the current schema with every link kept,
    /// no index by version, and the cascade from scans still in place.
    #[test]
    fn links_survive_the_move_to_a_table_without_the_version_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
                .unwrap();
            for sql in &MIGRATIONS[..3] {
                conn.execute_batch(sql).unwrap();
            }
            conn.execute_batch(
                "PRAGMA user_version = 3;
                 INSERT INTO projects (id, root, name, created_at) VALUES (1, '/p', 'p', 'now');
                 INSERT INTO scans (id, project_id, state, started_at, engine_version,
                     standard_version, config_hash, rule_set, trend_at)
                 VALUES (1, 1, 'complete', 'now', 'e', 's', 'c', 'ALL', 'now'),
                        (2, 1, 'complete', 'now', 'e', 's', 'c', 'ALL', 'now');
                 INSERT INTO file_versions (id, path, content_hash, config_hash, engine_version,
                     kind, lines, findings, facts)
                 VALUES (10, 'a.py', 'h1', 'c', 'e', 'python', 1, 0, '{}'),
                        (11, 'b.py', 'h2', 'c', 'e', 'python', 2, 0, '{}');
                 INSERT INTO scan_files (scan_id, version_id, size, mtime_ns)
                 VALUES (1, 10, 5, 100), (1, 11, 6, NULL), (2, 10, 5, 100);",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let links: Vec<(i64, i64, Option<i64>, Option<i64>)> = store
            .conn
            .prepare("SELECT scan_id, version_id, size, mtime_ns FROM scan_files ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            links,
            [
                (1, 10, Some(5), Some(100)),
                (1, 11, Some(6), None),
                (2, 10, Some(5), Some(100))
            ]
        );
        let indexes: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'scan_files' AND type = 'index'
                     AND name NOT LIKE 'sqlite_autoindex%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 0);
        assert!(store.integrity_check().unwrap().is_empty());

        store
            .conn
            .execute("DELETE FROM scans WHERE id = 1", [])
            .unwrap();
        let left: i64 = store
            .conn
            .query_row("SELECT count(*) FROM scan_files", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 1, "a deleted scan's links go with it");

        // A link to a version that is gone is what the check reports now.
        store
            .conn
            .execute(
                "INSERT INTO scan_files (scan_id, version_id) VALUES (2, 99)",
                [],
            )
            .unwrap();
        let problems = store.integrity_check().unwrap();
        assert_eq!(
            problems,
            ["table scan_files: 1 links point at a missing file_versions row"]
        );
    }
}
