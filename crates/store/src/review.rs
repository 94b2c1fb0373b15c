//! A person's verdicts on checklist items. Every verdict is kept; the newest
//! per item is current and carries forward to later scans until someone
//! gives another. It records the item's evidence digest at the time, so a
//! later scan whose evidence differs shows it as stale.

use crate::clock;
use crate::error::{AtPath, Result, StoreError};
use crate::{ProjectId, ScanId, Store};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tenet_engine::checklist::{self, Review, Status};

#[derive(Debug, Clone)]
pub struct ReviewInput {
    pub item: String,
    pub verdict: Status,
    pub reviewer: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoredReview {
    pub id: i64,
    pub item: String,
    pub verdict: Status,
    pub reviewer: String,
    pub reviewed_at: String,
    pub note: String,
    pub evidence: String,
    /// The scan whose evidence the reviewer saw.
    pub scan: Option<i64>,
}

impl Store {
    /// Records a verdict against the project's latest complete scan and
    /// applies it to that scan's checklist and score.
    pub fn add_review(&self, project: ProjectId, input: &ReviewInput) -> Result<StoredReview> {
        let path = self.path.as_path();
        let Some(item) = checklist::item(&input.item) else {
            let known: Vec<&str> = checklist::ITEMS.iter().map(|i| i.id).collect();
            return Err(StoreError::Invalid(format!(
                "no checklist item `{}`; the items are: {}",
                input.item,
                known.join(", ")
            )));
        };
        if input.verdict == Status::NeedsReview {
            return Err(StoreError::Invalid(
                "a verdict is pass, fail or not_applicable".into(),
            ));
        }
        let scan = self
            .resolve_scan(project, crate::ScanRef::Latest)
            .map_err(|_| {
                StoreError::NotFound(
                    "scan the project before reviewing it: there is no complete scan to review"
                        .into(),
                )
            })?;
        let transaction =
            rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
                .at(path)?;
        let (evidence, applicable, findings): (String, bool, i64) = transaction
            .query_row(
                "SELECT evidence, applicable, findings FROM checklist_results
                 WHERE scan_id = ?1 AND item = ?2",
                params![scan.0, item.id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .at(path)?;
        let reviewed_at = clock::now();
        transaction
            .execute(
                "INSERT INTO reviews (project_id, item, verdict, reviewer, reviewed_at, note, evidence, scan_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    project.0,
                    item.id,
                    input.verdict.as_str(),
                    input.reviewer,
                    reviewed_at,
                    input.note,
                    evidence,
                    scan.0
                ],
            )
            .at(path)?;
        let id = transaction.last_insert_rowid();
        let review = Review {
            id: Some(id),
            verdict: input.verdict,
            reviewer: input.reviewer.clone(),
            at: reviewed_at.clone(),
            note: input.note.clone(),
            evidence: evidence.clone(),
            stale: false,
        };
        let status = checklist::decide(item, applicable, findings as u64, Some(&review));
        transaction
            .execute(
                "UPDATE checklist_results SET status = ?3, review_id = ?4, review_stale = 0
                 WHERE scan_id = ?1 AND item = ?2",
                params![scan.0, item.id, status.as_str(), id],
            )
            .at(path)?;
        rescore(&transaction, path, scan)?;
        transaction.commit().at(path)?;
        Ok(StoredReview {
            id,
            item: item.id.to_string(),
            verdict: input.verdict,
            reviewer: input.reviewer.clone(),
            reviewed_at,
            note: input.note.clone(),
            evidence,
            scan: Some(scan.0),
        })
    }

    /// The current verdict per item, as the engine takes them for a scan.
    pub fn current_reviews(&self, project: ProjectId) -> Result<BTreeMap<String, Review>> {
        self.reviews_as_of(project, None)
    }

    /// The verdict per item that was current at `at` (RFC 3339; `None` for
    /// now): the newest given no later than that.
    pub fn reviews_as_of(
        &self,
        project: ProjectId,
        at: Option<&str>,
    ) -> Result<BTreeMap<String, Review>> {
        Ok(self
            .review_history(project, None)?
            .into_iter()
            .filter(|r| at.is_none_or(|at| r.reviewed_at.as_str() <= at))
            .map(|r| {
                (
                    r.item.clone(),
                    Review {
                        id: Some(r.id),
                        verdict: r.verdict,
                        reviewer: r.reviewer,
                        at: r.reviewed_at,
                        note: r.note,
                        evidence: r.evidence,
                        stale: false,
                    },
                )
            })
            .collect())
    }

    /// Every verdict, oldest first (for one item, or all).
    pub fn review_history(
        &self,
        project: ProjectId,
        item: Option<&str>,
    ) -> Result<Vec<StoredReview>> {
        let path = self.path.as_path();
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT id, item, verdict, reviewer, reviewed_at, note, evidence, scan_id
                 FROM reviews WHERE project_id = ?1 AND (?2 IS NULL OR item = ?2) ORDER BY id",
            )
            .at(path)?;
        let rows = statement
            .query_map(params![project.0, item], |row| {
                Ok(StoredReview {
                    id: row.get(0)?,
                    item: row.get(1)?,
                    verdict: Status::parse(&row.get::<_, String>(2)?)
                        .unwrap_or(Status::NeedsReview),
                    reviewer: row.get(3)?,
                    reviewed_at: row.get(4)?,
                    note: row.get(5)?,
                    evidence: row.get(6)?,
                    scan: row.get(7)?,
                })
            })
            .at(path)?;
        rows.collect::<rusqlite::Result<_>>().at(path)
    }
}

/// The newest verdict on an item of the scan's project.
pub(crate) fn current_review_id(
    conn: &Connection,
    path: &Path,
    scan: ScanId,
    item: &str,
) -> Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT max(r.id) FROM reviews r JOIN scans s ON s.project_id = r.project_id
         WHERE s.id = ?1 AND r.item = ?2",
    )
    .and_then(|mut s| {
        s.query_row(params![scan.0, item], |row| row.get(0))
            .optional()
    })
    .map(Option::flatten)
    .at(path)
}

/// Recomputes a scan's score from its checklist rows.
fn rescore(conn: &Connection, path: &Path, scan: ScanId) -> Result<()> {
    let mut statement = conn
        .prepare_cached("SELECT status FROM checklist_results WHERE scan_id = ?1")
        .at(path)?;
    let statuses: Vec<String> = statement
        .query_map([scan.0], |row| row.get(0))
        .at(path)?
        .collect::<rusqlite::Result<_>>()
        .at(path)?;
    let score = checklist::score(
        statuses
            .iter()
            .map(|s| Status::parse(s).unwrap_or(Status::NeedsReview)),
    );
    conn.execute(
        "UPDATE scans SET score = ?2 WHERE id = ?1",
        params![scan.0, score],
    )
    .at(path)?;
    Ok(())
}
