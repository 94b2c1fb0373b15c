//! Alt text states the point in one sentence; the table carries the data.

use crate::support::{checklist, hotspots, DAY, START};
use tenet_charts::{Backend, Chart, HotspotFile, RenderOptions, Renderer, TrendPoint};

fn render(chart: Chart) -> tenet_charts::Rendered {
    Renderer::new(Backend::SvgOnly)
        .render(&chart, &RenderOptions::default())
        .unwrap()
}

fn point(day: i64, error: u64, warning: u64, info: u64, score: Option<u32>) -> TrendPoint {
    TrendPoint {
        at: START + day * DAY,
        error,
        warning,
        info,
        score,
    }
}

#[test]
fn trend_states_the_change_over_the_scans() {
    let points = vec![
        point(0, 3, 30, 7, None),
        point(1, 3, 25, 7, None),
        point(2, 2, 20, 6, None),
        point(3, 1, 15, 4, None),
        point(4, 1, 12, 2, None),
        point(5, 0, 10, 2, None),
    ];
    let rendered = render(Chart::Trend(points));
    assert_eq!(
        rendered.alt,
        "Findings fell from 40 to 12 over six scans; errors from 3 to 0."
    );
    assert_eq!(
        rendered.table.columns,
        ["Date", "Errors", "Warnings", "Info", "Total", "Score"]
    );
    assert_eq!(rendered.table.rows.len(), 6);
    assert_eq!(
        rendered.table.rows[0],
        ["2025-01-06 00:00", "3", "30", "7", "40", "–"]
    );
}

#[test]
fn trend_mentions_the_score_and_unchanged_errors() {
    let points = vec![point(0, 0, 5, 0, Some(60)), point(9, 0, 8, 1, Some(75))];
    assert_eq!(
        render(Chart::Trend(points)).alt,
        "Findings rose from 5 to 9 over two scans; errors stayed at 0; score rose from 60 to 75."
    );
}

#[test]
fn trend_of_one_scan_and_of_none() {
    assert_eq!(
        render(Chart::Trend(vec![point(0, 1, 2, 0, Some(82))])).alt,
        "One scan, on 2025-01-06, found 3 findings: 1 error, 2 warnings and 0 info; checklist score 82."
    );
    let none = render(Chart::Trend(vec![]));
    assert_eq!(
        none.alt,
        "No scans recorded yet, so there is no trend to show."
    );
    assert!(none.table.rows.is_empty());
}

#[test]
fn checklist_counts_statuses_and_names_the_worst_item() {
    let rendered = render(Chart::Checklist(checklist()));
    assert_eq!(
        rendered.alt,
        "2 of 8 checklist items pass, 3 fail, 2 need review and 1 not applicable; \
         the most findings are under “HTML meets WCAG 2.2 AA” (17)."
    );
    assert_eq!(
        rendered.table.rows[1],
        ["Buffers and queues are bounded", "fail", "1", "4", "2", "7"]
    );
}

#[test]
fn hotspots_name_the_densest_files_and_cap_the_table_at_fifty() {
    let files = vec![
        HotspotFile {
            path: "a.py".into(),
            lines: 100,
            findings: 5,
        },
        HotspotFile {
            path: "b/c.py".into(),
            lines: 1000,
            findings: 2,
        },
        HotspotFile {
            path: "d.py".into(),
            lines: 10,
            findings: 0,
        },
    ];
    let rendered = render(Chart::Hotspots(files));
    assert_eq!(
        rendered.alt,
        "2 of 3 files have findings; the densest two are a.py (50) and b/c.py (2) findings per 1,000 lines."
    );
    assert_eq!(
        rendered.table.rows,
        vec![
            vec!["a.py", "100", "5", "50"],
            vec!["b/c.py", "1,000", "2", "2"]
        ]
    );

    let many = render(Chart::Hotspots(hotspots(50_000)));
    assert_eq!(many.table.rows.len(), 50);
    assert!(
        many.table
            .caption
            .starts_with("The 50 files with the most findings per 1,000 lines, of "),
        "{}",
        many.table.caption
    );
    assert!(
        many.table.caption.ends_with("(50,000 files in all)"),
        "{}",
        many.table.caption
    );
    assert!(many.alt.contains("the densest three are"), "{}", many.alt);
    assert!(
        many.alt.ends_with(" findings per 1,000 lines."),
        "{}",
        many.alt
    );
}

#[test]
fn hotspots_without_findings_say_so() {
    let files = vec![HotspotFile {
        path: "a.py".into(),
        lines: 10,
        findings: 0,
    }];
    assert_eq!(
        render(Chart::Hotspots(files)).alt,
        "None of the 1 file has findings."
    );
    assert_eq!(
        render(Chart::Hotspots(vec![])).alt,
        "There are no files to show."
    );
}
