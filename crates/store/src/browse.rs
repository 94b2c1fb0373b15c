//! Browsing one scan's findings as the app's findings table does: filter,
//! group, sort and page through them. A scan's findings never change once
//! it is complete, so the set is loaded once and queried in memory; the
//! order of the last query is kept, so scrolling through 100,000 findings
//! pages without sorting again.

use crate::{Result, ScanId, Store};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Mutex;
use tenet_engine::checklist;
use tenet_engine::rules;
use tenet_engine::{Finding, Severity};

/// The most rows one page may ask for.
pub const MAX_PAGE: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuppressedFilter {
    #[default]
    Hide,
    Show,
    Only,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    #[default]
    Item,
    Rule,
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Severity,
    Rule,
    Path,
    Line,
    Message,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Ascending,
    Descending,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub struct Sort {
    pub key: SortKey,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct FindingQuery {
    pub severity: Vec<Severity>,
    pub rules: Vec<String>,
    pub item: Option<String>,
    pub text: String,
    pub suppressed: SuppressedFilter,
    pub group_by: GroupBy,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

impl FindingQuery {
    /// The query without its page: what decides the order.
    fn order_key(&self) -> FindingQuery {
        FindingQuery {
            offset: 0,
            limit: 0,
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRow {
    pub id: String,
    pub group: String,
    pub group_label: String,
    pub rule: &'static str,
    pub severity: Severity,
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub suppressed: bool,
    pub item: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub key: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingPage {
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<FindingRow>,
    pub groups: Vec<Group>,
}

/// One scan's findings, loaded for browsing.
pub struct FindingSet {
    scan: ScanId,
    findings: Vec<Finding>,
    last_order: Mutex<Option<(FindingQuery, Vec<u32>)>>,
}

impl Store {
    pub fn finding_set(&self, scan: ScanId) -> Result<FindingSet> {
        Ok(FindingSet::new(scan, self.scan_findings(scan)?))
    }
}

fn item_of(rule: &str) -> Option<&'static str> {
    rules::find(rule).and_then(|meta| meta.item)
}

fn item_rank(item: Option<&str>) -> usize {
    item.and_then(|id| checklist::ITEMS.iter().position(|i| i.id == id))
        .unwrap_or(usize::MAX)
}

fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

impl FindingSet {
    /// `findings` in the store's order (path, position, rule); a finding's
    /// id is the scan and its index in that order.
    pub fn new(scan: ScanId, findings: Vec<Finding>) -> FindingSet {
        FindingSet {
            scan,
            findings,
            last_order: Mutex::new(None),
        }
    }

    pub fn scan(&self) -> ScanId {
        self.scan
    }

    pub fn len(&self) -> usize {
        self.findings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The finding with this id (`"<scan>-<index>"`), if it belongs to this set.
    pub fn get(&self, id: &str) -> Option<&Finding> {
        let (scan, index) = id.split_once('-')?;
        if scan.parse::<i64>().ok()? != self.scan.0 {
            return None;
        }
        self.findings.get(index.parse::<usize>().ok()?)
    }

    pub fn id_of(&self, index: usize) -> String {
        format!("{}-{index}", self.scan.0)
    }

    fn matches(&self, finding: &Finding, query: &FindingQuery, text: &str) -> bool {
        let suppression = match query.suppressed {
            SuppressedFilter::Hide => !finding.suppressed,
            SuppressedFilter::Show => true,
            SuppressedFilter::Only => finding.suppressed,
        };
        suppression
            && (query.severity.is_empty() || query.severity.contains(&finding.severity))
            && (query.rules.is_empty() || query.rules.iter().any(|r| r == finding.rule))
            && query
                .item
                .as_deref()
                .is_none_or(|item| item_of(finding.rule) == Some(item))
            && (text.is_empty()
                || finding.path.display.to_lowercase().contains(text)
                || finding.message.to_lowercase().contains(text))
    }

    fn group_cmp(&self, by: GroupBy, a: &Finding, b: &Finding) -> Ordering {
        match by {
            GroupBy::Item => item_rank(item_of(a.rule)).cmp(&item_rank(item_of(b.rule))),
            GroupBy::Rule => a.rule.cmp(b.rule),
            GroupBy::File => a.path.display.cmp(&b.path.display),
        }
    }

    fn sort_cmp(&self, key: SortKey, a: &Finding, b: &Finding) -> Ordering {
        let position = |f: &Finding| (f.span.cell, f.span.start.line, f.span.start.column);
        match key {
            SortKey::Severity => severity_rank(a.severity).cmp(&severity_rank(b.severity)),
            SortKey::Rule => a.rule.cmp(b.rule),
            SortKey::Path => a.path.display.cmp(&b.path.display),
            SortKey::Line => position(a).cmp(&position(b)),
            SortKey::Message => a.message.cmp(&b.message),
        }
    }

    /// Indexes of the findings that pass `query`, in its order.
    fn order(&self, query: &FindingQuery) -> Vec<u32> {
        let text = query.text.trim().to_lowercase();
        let mut order: Vec<u32> = (0..self.findings.len() as u32)
            .filter(|&i| self.matches(&self.findings[i as usize], query, &text))
            .collect();
        order.sort_by(|&i, &j| {
            let (a, b) = (&self.findings[i as usize], &self.findings[j as usize]);
            let sorted = self.sort_cmp(query.sort.key, a, b);
            let sorted = match query.sort.direction {
                Direction::Ascending => sorted,
                Direction::Descending => sorted.reverse(),
            };
            // Ties fall back to the store's order, so pages never overlap.
            self.group_cmp(query.group_by, a, b)
                .then(sorted)
                .then(i.cmp(&j))
        });
        order
    }

    fn group_of(&self, by: GroupBy, finding: &Finding) -> (String, String) {
        match by {
            GroupBy::Item => match item_of(finding.rule).and_then(checklist::item) {
                Some(item) => (item.id.to_string(), item.title.to_string()),
                None => ("scanner".into(), "Scanner findings".into()),
            },
            GroupBy::Rule => {
                let name = rules::find(finding.rule).map_or("", |m| m.name);
                (finding.rule.to_string(), format!("{} {name}", finding.rule))
            }
            GroupBy::File => (finding.path.display.clone(), finding.path.display.clone()),
        }
    }

    pub fn query(&self, query: &FindingQuery) -> FindingPage {
        let key = query.order_key();
        let mut last = self.last_order.lock().unwrap_or_else(|e| e.into_inner());
        if last.as_ref().is_none_or(|(k, _)| *k != key) {
            *last = Some((key, self.order(query)));
        }
        let order = &last.as_ref().expect("just filled").1;

        let mut groups: Vec<Group> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for &i in order {
            let (key, label) = self.group_of(query.group_by, &self.findings[i as usize]);
            match index.get(&key) {
                Some(&at) => groups[at].count += 1,
                None => {
                    index.insert(key.clone(), groups.len());
                    groups.push(Group {
                        key,
                        label,
                        count: 1,
                    });
                }
            }
        }
        let limit = query.limit.clamp(1, MAX_PAGE);
        let rows = order
            .iter()
            .skip(query.offset)
            .take(limit)
            .map(|&i| self.row_at(i as usize, query.group_by))
            .collect();
        FindingPage {
            total: order.len(),
            offset: query.offset,
            rows,
            groups,
        }
    }

    /// A row for a finding of this set, as `query` would give it.
    pub fn row(&self, id: &str, group_by: GroupBy) -> Option<FindingRow> {
        self.get(id)?;
        let index = id.split_once('-')?.1.parse().ok()?;
        Some(self.row_at(index, group_by))
    }

    pub fn row_at(&self, index: usize, group_by: GroupBy) -> FindingRow {
        let finding = &self.findings[index];
        let (group, group_label) = self.group_of(group_by, finding);
        FindingRow {
            id: self.id_of(index),
            group,
            group_label,
            rule: finding.rule,
            severity: finding.severity,
            path: finding.path.display.clone(),
            line: finding.span.start.line,
            column: finding.span.start.column,
            message: finding.message.clone(),
            suppressed: finding.suppressed,
            item: item_of(finding.rule),
        }
    }

    /// Compares this (later) scan's unsuppressed findings with `before`'s
    /// by fingerprint, as `Store::diff` does: indexes of the new ones (in
    /// this set) and the fixed ones (in `before`), in path order, and how
    /// many are in both.
    pub fn compare(&self, before: &FindingSet) -> Comparison {
        fn active(set: &FindingSet) -> BTreeMap<&str, usize> {
            set.findings
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.suppressed)
                .map(|(i, f)| (f.fingerprint.as_str(), i))
                .collect()
        }
        let (earlier, later) = (active(before), active(self));
        let mut new: Vec<usize> = later
            .iter()
            .filter(|(fingerprint, _)| !earlier.contains_key(*fingerprint))
            .map(|(_, &i)| i)
            .collect();
        let mut fixed: Vec<usize> = earlier
            .iter()
            .filter(|(fingerprint, _)| !later.contains_key(*fingerprint))
            .map(|(_, &i)| i)
            .collect();
        new.sort_unstable();
        fixed.sort_unstable();
        let unchanged = later.len() - new.len();
        Comparison {
            new,
            fixed,
            unchanged,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub new: Vec<usize>,
    pub fixed: Vec<usize>,
    pub unchanged: usize,
}

/// What changed in a scan since the project's complete scan before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub previous_scan: i64,
    pub new: usize,
    pub fixed: usize,
    pub unchanged: usize,
}

impl Store {
    /// The changes of a complete `scan` since the one before it in the
    /// project's trend, `None` for the first. Comparing reads both scans'
    /// findings, so the answer is kept with the scan: the second ask is one row.
    pub fn changes(&self, scan: ScanId) -> Result<Option<Changes>> {
        use crate::error::AtPath;
        use rusqlite::OptionalExtension;
        let path = &self.path;
        let previous: Option<i64> = self
            .conn
            .query_row(
                "SELECT p.id FROM scans s JOIN scans p ON p.project_id = s.project_id
                 WHERE s.id = ?1 AND p.state = 'complete'
                   AND (p.trend_at < s.trend_at OR (p.trend_at = s.trend_at AND p.id < s.id))
                 ORDER BY p.trend_at DESC, p.id DESC LIMIT 1",
                [scan.0],
                |row| row.get(0),
            )
            .optional()
            .at(path)?;
        let Some(previous) = previous else {
            return Ok(None);
        };
        type Kept = (Option<i64>, Option<i64>, Option<i64>, Option<i64>);
        let kept: Kept = self
            .conn
            .query_row(
                "SELECT compared_to, new_findings, fixed_findings, unchanged_findings
                 FROM scans WHERE id = ?1",
                [scan.0],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .at(path)?;
        // Kept only while it is still the scan before (a backfill can
        // insert an older commit's scan in between).
        if let (Some(compared), Some(new), Some(fixed), Some(unchanged)) = kept {
            if compared == previous {
                return Ok(Some(Changes {
                    previous_scan: previous,
                    new: new as usize,
                    fixed: fixed as usize,
                    unchanged: unchanged as usize,
                }));
            }
        }
        self.compare_and_keep(scan, previous)
    }

    fn compare_and_keep(&self, scan: ScanId, previous: i64) -> Result<Option<Changes>> {
        use crate::error::AtPath;
        let path = &self.path;
        // A file version both scans link to holds the same findings in
        // both: only the versions one scan has and the other lacks (edited,
        // added, removed files) and the scan-level findings are compared,
        // so a rescan of a large project compares what changed, not all of it.
        let unchanged_shared: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(DISTINCT vf.fingerprint) FROM version_findings vf
                 WHERE vf.suppressed = 0 AND vf.version_id IN
                     (SELECT version_id FROM scan_files WHERE scan_id = ?1
                      INTERSECT SELECT version_id FROM scan_files WHERE scan_id = ?2)",
            )
            .and_then(|mut s| s.query_row([scan.0, previous], |row| row.get(0)))
            .at(path)?;
        let only_in = |this: i64, other: i64| -> Result<std::collections::BTreeSet<String>> {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT vf.fingerprint FROM version_findings vf
                     WHERE vf.suppressed = 0 AND vf.version_id IN
                         (SELECT version_id FROM scan_files WHERE scan_id = ?1
                          EXCEPT SELECT version_id FROM scan_files WHERE scan_id = ?2)
                     UNION SELECT fingerprint FROM scan_findings WHERE scan_id = ?1 AND suppressed = 0",
                )
                .at(path)?;
            let rows = statement
                .query_map([this, other], |row| row.get::<_, String>(0))
                .at(path)?;
            rows.collect::<rusqlite::Result<_>>().at(path)
        };
        let (later, earlier) = (only_in(scan.0, previous)?, only_in(previous, scan.0)?);
        let new = later.difference(&earlier).count();
        let changes = Changes {
            previous_scan: previous,
            new,
            fixed: earlier.difference(&later).count(),
            unchanged: unchanged_shared as usize + (later.len() - new),
        };
        self.conn
            .execute(
                "UPDATE scans SET compared_to = ?2, new_findings = ?3, fixed_findings = ?4,
                     unchanged_findings = ?5 WHERE id = ?1",
                rusqlite::params![
                    scan.0,
                    previous,
                    changes.new as i64,
                    changes.fixed as i64,
                    changes.unchanged as i64
                ],
            )
            .at(path)?;
        Ok(Some(changes))
    }
}
