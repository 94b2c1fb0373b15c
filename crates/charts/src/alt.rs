//! What a screen reader gets: a title, one sentence that states the point,
//! and the data as table rows.

use crate::fmt::{self, count, count_words, decimal, plural};
use crate::model::{Chart, ChecklistBar, HotspotFile, ItemStatus, TrendPoint};
use crate::options::DataTable;

/// The most hotspot rows a table carries.
pub const HOTSPOT_ROWS: usize = 50;

pub struct Described {
    pub title: String,
    pub alt: String,
    pub table: DataTable,
}

pub fn describe(chart: &Chart) -> Described {
    match chart {
        Chart::Trend(points) => Described {
            title: "Findings and score per scan".into(),
            alt: trend_sentence(points),
            table: trend_table(points),
        },
        Chart::Checklist(bars) => Described {
            title: "Checklist items by findings".into(),
            alt: checklist_sentence(bars),
            table: checklist_table(bars),
        },
        Chart::Hotspots(files) => Described {
            title: "Hotspot map of files by findings per 1,000 lines".into(),
            alt: hotspot_sentence(files),
            table: hotspot_table(files),
        },
    }
}

/// "rose from 3 to 7" / "fell from 40 to 12" / "stayed at 5".
fn change(from: u64, to: u64) -> String {
    match to.cmp(&from) {
        std::cmp::Ordering::Greater => format!("rose from {} to {}", count(from), count(to)),
        std::cmp::Ordering::Less => format!("fell from {} to {}", count(from), count(to)),
        std::cmp::Ordering::Equal => format!("stayed at {}", count(to)),
    }
}

/// "errors from 3 to 0" / "errors stayed at 0", after the findings clause.
fn short_change(from: u64, to: u64) -> String {
    if from == to {
        format!("stayed at {}", count(to))
    } else {
        format!("from {} to {}", count(from), count(to))
    }
}

fn trend_sentence(points: &[TrendPoint]) -> String {
    match points {
        [] => "No scans recorded yet, so there is no trend to show.".into(),
        [only] => {
            let score = only
                .score
                .map_or(String::new(), |s| format!("; checklist score {s}"));
            format!(
                "One scan, on {}, found {}: {}, {} and {} info{}.",
                fmt::date(only.at),
                plural(only.total(), "finding", "findings"),
                plural(only.error, "error", "errors"),
                plural(only.warning, "warning", "warnings"),
                count(only.info),
                score
            )
        }
        [first, .., last] => {
            let mut sentence = format!(
                "Findings {} over {} scans; errors {}",
                change(first.total(), last.total()),
                count_words(points.len() as u64),
                short_change(first.error, last.error)
            );
            let scored: Vec<u32> = points.iter().filter_map(|p| p.score).collect();
            if let [first_score, .., last_score] = scored[..] {
                sentence.push_str(&format!(
                    "; score {}",
                    change(u64::from(first_score), u64::from(last_score))
                ));
            }
            sentence.push('.');
            sentence
        }
    }
}

fn trend_table(points: &[TrendPoint]) -> DataTable {
    DataTable {
        caption: format!(
            "Findings by severity and checklist score for each of {} (dates in UTC)",
            plural(points.len() as u64, "scan", "scans")
        ),
        columns: ["Date", "Errors", "Warnings", "Info", "Total", "Score"]
            .map(String::from)
            .to_vec(),
        rows: points
            .iter()
            .map(|p| {
                vec![
                    fmt::date_time(p.at),
                    count(p.error),
                    count(p.warning),
                    count(p.info),
                    count(p.total()),
                    p.score.map_or("–".into(), |s| s.to_string()),
                ]
            })
            .collect(),
    }
}

fn checklist_sentence(bars: &[ChecklistBar]) -> String {
    if bars.is_empty() {
        return "The checklist has no items to show.".into();
    }
    let of = |status| bars.iter().filter(|b| b.status == status).count() as u64;
    let (pass, fail, review, na) = (
        of(ItemStatus::Pass),
        of(ItemStatus::Fail),
        of(ItemStatus::NeedsReview),
        of(ItemStatus::NotApplicable),
    );
    let mut parts = vec![format!(
        "{} of {} checklist items pass",
        count(pass),
        count(bars.len() as u64)
    )];
    if fail > 0 {
        parts.push(format!("{} fail", count(fail)));
    }
    if review > 0 {
        parts.push(format!(
            "{} {} review",
            count(review),
            if review == 1 { "needs" } else { "need" }
        ));
    }
    if na > 0 {
        parts.push(format!("{} not applicable", count(na)));
    }
    let list = match parts.len() {
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    };
    let worst = bars
        .iter()
        .max_by_key(|b| (b.total(), std::cmp::Reverse(b.id.clone())));
    match worst {
        Some(bar) if bar.total() > 0 => format!(
            "{list}; the most findings are under “{}” ({}).",
            bar.title,
            count(bar.total())
        ),
        _ => format!("{list}; no item has findings."),
    }
}

fn checklist_table(bars: &[ChecklistBar]) -> DataTable {
    DataTable {
        caption: "Findings by severity and status for each checklist item".into(),
        columns: ["Item", "Status", "Errors", "Warnings", "Info", "Total"]
            .map(String::from)
            .to_vec(),
        rows: bars
            .iter()
            .map(|b| {
                vec![
                    b.title.clone(),
                    b.status.label().into(),
                    count(b.error),
                    count(b.warning),
                    count(b.info),
                    count(b.total()),
                ]
            })
            .collect(),
    }
}

/// The `n` files with the most findings per 1,000 lines (then most
/// findings, then path), densest first; files without findings never rank.
fn densest(files: &[HotspotFile], n: usize) -> Vec<&HotspotFile> {
    let mut ranked: Vec<&HotspotFile> = files.iter().filter(|f| f.findings > 0).collect();
    let order = |a: &&HotspotFile, b: &&HotspotFile| {
        b.density()
            .total_cmp(&a.density())
            .then(b.findings.cmp(&a.findings))
            .then(a.path.cmp(&b.path))
    };
    if ranked.len() > n {
        ranked.select_nth_unstable_by(n, order);
        ranked.truncate(n);
    }
    ranked.sort_by(order);
    ranked
}

fn hotspot_sentence(files: &[HotspotFile]) -> String {
    if files.is_empty() {
        return "There are no files to show.".into();
    }
    let total = plural(files.len() as u64, "file", "files");
    let top = densest(files, 3);
    if top.is_empty() {
        return format!("None of the {total} has findings.");
    }
    let with = files.iter().filter(|f| f.findings > 0).count() as u64;
    let named: Vec<String> = top
        .iter()
        .map(|f| format!("{} ({})", f.path, decimal(f.density())))
        .collect();
    let named = match named.len() {
        1 => named[0].clone(),
        n => format!("{} and {}", named[..n - 1].join(", "), named[n - 1]),
    };
    let lead = if top.len() == 1 {
        "the densest is".to_string()
    } else {
        format!("the densest {} are", count_words(top.len() as u64))
    };
    format!(
        "{} of {total} {} findings; {lead} {named} findings per 1,000 lines.",
        count(with),
        if with == 1 { "has" } else { "have" }
    )
}

fn hotspot_table(files: &[HotspotFile]) -> DataTable {
    let top = densest(files, HOTSPOT_ROWS);
    let with = files.iter().filter(|f| f.findings > 0).count();
    let caption = if with > HOTSPOT_ROWS {
        format!(
            "The {} files with the most findings per 1,000 lines, of {} with findings ({} in all)",
            HOTSPOT_ROWS,
            count(with as u64),
            plural(files.len() as u64, "file", "files")
        )
    } else {
        format!(
            "Every file with findings, by findings per 1,000 lines ({} in all)",
            plural(files.len() as u64, "file", "files")
        )
    };
    DataTable {
        caption,
        columns: ["File", "Lines", "Findings", "Per 1,000 lines"]
            .map(String::from)
            .to_vec(),
        rows: top
            .iter()
            .map(|f| {
                vec![
                    f.path.clone(),
                    count(f.lines),
                    count(f.findings),
                    decimal(f.density()),
                ]
            })
            .collect(),
    }
}
