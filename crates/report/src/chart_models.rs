//! The charts' models built from the store: the one place that knows both,
//! so the CLI's `tenet chart`, the app's overview and the HTML report draw
//! the same pictures from the same rows.

use tenet_charts::{Chart, ChecklistBar, HotspotFile, ItemStatus, TrendPoint};
use tenet_engine::checklist::Status;
use tenet_engine::{rules, ScanResult};
use tenet_store::{ProjectId, ScanId, Store, StoredScan};

/// Findings per scan over time, `None` before the first complete scan.
pub fn trend(store: &Store, project: ProjectId) -> tenet_store::Result<Option<Chart>> {
    let rows = store.trend(project)?;
    if rows.is_empty() {
        return Ok(None);
    }
    Ok(Some(Chart::Trend(
        rows.into_iter()
            .map(|r| TrendPoint {
                at: r.at_unix,
                error: r.error,
                warning: r.warning,
                info: r.info,
                score: r.score,
            })
            .collect(),
    )))
}

/// Every file of the scan, sized by lines and coloured by findings.
pub fn hotspots(store: &Store, scan: ScanId) -> tenet_store::Result<Chart> {
    Ok(Chart::Hotspots(
        store
            .hotspots(scan)?
            .into_iter()
            .map(|r| HotspotFile {
                path: r.path,
                lines: r.lines,
                findings: r.findings,
            })
            .collect(),
    ))
}

/// One bar per checklist item of a stored scan, from its per-rule totals
/// (unsuppressed findings; a rule's severity is fixed by the catalogue), so
/// no finding rows need loading.
pub fn checklist(stored: &StoredScan) -> Chart {
    checklist_of(&stored.result)
}

/// One bar per checklist item of a scan's result.
pub fn checklist_of(result: &ScanResult) -> Chart {
    let by_item = rules::totals_by_item(&result.summary.by_rule);
    Chart::Checklist(
        result
            .checklist
            .items
            .iter()
            .map(|item| {
                let [error, warning, info] = by_item.get(item.id).copied().unwrap_or_default();
                ChecklistBar {
                    id: item.id.to_string(),
                    title: item.title.to_string(),
                    status: match item.status {
                        Status::Pass => ItemStatus::Pass,
                        Status::Fail => ItemStatus::Fail,
                        Status::NeedsReview => ItemStatus::NeedsReview,
                        Status::NotApplicable => ItemStatus::NotApplicable,
                    },
                    error,
                    warning,
                    info,
                }
            })
            .collect(),
    )
}
