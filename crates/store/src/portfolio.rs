//! The reviewer's portfolio: projects the app lists, and removing one —
//! either out of sight with its history kept (adding the folder again
//! brings it back), or with its scans, reviews and file versions deleted.

use crate::error::{AtPath, Result, StoreError};
use crate::{ProjectId, Store};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectRow {
    pub id: i64,
    pub name: String,
    pub root: String,
    pub archived: bool,
}

impl Store {
    pub fn project_row(&self, project: ProjectId) -> Result<ProjectRow> {
        self.conn
            .query_row(
                "SELECT id, name, root, archived_at IS NOT NULL FROM projects WHERE id = ?1",
                [project.0],
                |row| {
                    Ok(ProjectRow {
                        id: row.get(0)?,
                        name: row.get(1)?,
                        root: row.get(2)?,
                        archived: row.get(3)?,
                    })
                },
            )
            .optional()
            .at(&self.path)?
            .ok_or_else(|| StoreError::NotFound(format!("no project with id {}", project.0)))
    }

    /// Projects in the portfolio (not removed), in no particular order.
    pub fn portfolio(&self) -> Result<Vec<ProjectRow>> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT id, name, root FROM projects WHERE archived_at IS NULL ORDER BY id",
            )
            .at(&self.path)?;
        let rows = statement
            .query_map([], |row| {
                Ok(ProjectRow {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    root: row.get(2)?,
                    archived: false,
                })
            })
            .at(&self.path)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .at(&self.path)?;
        Ok(rows)
    }

    /// Takes the project out of the portfolio and keeps its history.
    pub fn archive_project(&self, project: ProjectId) -> Result<()> {
        self.project_row(project)?;
        self.conn
            .execute(
                "UPDATE projects SET archived_at = ?2 WHERE id = ?1",
                params![project.0, crate::clock::now()],
            )
            .at(&self.path)?;
        Ok(())
    }

    /// Puts a removed project back in the portfolio, history and all.
    pub fn restore_project(&self, project: ProjectId) -> Result<()> {
        self.conn
            .execute(
                "UPDATE projects SET archived_at = NULL WHERE id = ?1",
                [project.0],
            )
            .at(&self.path)?;
        Ok(())
    }

    /// Deletes the project, its scans and reviews, and every file version
    /// no other scan refers to — in one transaction, so a failure leaves
    /// the history as it was.
    pub fn delete_project(&mut self, project: ProjectId) -> Result<()> {
        self.project_row(project)?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .at(&path)?;
        // Reviews first: checklist rows of the project's scans point at them.
        tx.execute(
            "DELETE FROM checklist_results WHERE scan_id IN (SELECT id FROM scans WHERE project_id = ?1)",
            [project.0],
        )
        .at(&path)?;
        tx.execute("DELETE FROM reviews WHERE project_id = ?1", [project.0])
            .at(&path)?;
        tx.execute("DELETE FROM scans WHERE project_id = ?1", [project.0])
            .at(&path)?;
        tx.execute("DELETE FROM projects WHERE id = ?1", [project.0])
            .at(&path)?;
        tx.execute(
            // One pass over the links (no index by version): the subquery
            // is read once into a temporary index.
            "DELETE FROM file_versions WHERE id NOT IN (SELECT version_id FROM scan_files)",
            [],
        )
        .at(&path)?;
        tx.commit().at(&path)?;
        Ok(())
    }
}

impl Store {
    /// The content hash of `path` as the scan saw it, if it checked that file.
    pub fn scanned_content_hash(&self, scan: crate::ScanId, path: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT v.content_hash FROM scan_files f JOIN file_versions v ON v.id = f.version_id
                 WHERE f.scan_id = ?1 AND v.path = ?2",
                params![scan.0, path],
                |row| row.get(0),
            )
            .optional()
            .at(&self.path)
    }

    /// Every file the scan checked with its content hash, by relative path.
    pub fn scanned_content_hashes(
        &self,
        scan: crate::ScanId,
    ) -> Result<std::collections::HashMap<String, String>> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT v.path, v.content_hash FROM scan_files f JOIN file_versions v ON v.id = f.version_id
                 WHERE f.scan_id = ?1",
            )
            .at(&self.path)?;
        let rows = statement
            .query_map([scan.0], |row| Ok((row.get(0)?, row.get(1)?)))
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }
}
