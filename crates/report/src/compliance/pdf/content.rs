//! The report's sections laid out in reading order, the same content and
//! order as the HTML report.

use super::flow::{
    Flow, Kind, Node, Style, ACCENT, FAIL, MARGIN_X, MARK, MUTED, PASS, REVIEW, SURFACE, WIDTH,
};
use super::table::{table, Cell, Column};
use crate::compliance::{
    count, plural, severity_word, status_symbol, status_word, Document, FindingEntry, FindingList,
    ItemSection, LISTED_PER_SECTION,
};
use tenet_charts::{Chart, Format, RenderOptions, Theme};
use tenet_engine::checklist::Status;

/// Rows of a chart's data table printed under it; the HTML report has all.
const CHART_TABLE_ROWS: usize = 30;

fn status_color(status: Status) -> (u8, u8, u8) {
    match status {
        Status::Pass => PASS,
        Status::Fail => FAIL,
        Status::NeedsReview => REVIEW,
        Status::NotApplicable => MUTED,
    }
}

fn status_text(status: Status) -> String {
    format!("{} {}", status_symbol(status), status_word(status))
}

pub fn lay_out(doc: &Document) -> (Flow, Vec<Node>) {
    let mut flow = Flow::new();
    let mut tree = Vec::new();
    cover(&mut flow, doc, &mut tree);
    summary(&mut flow, doc, &mut tree);
    checklist(&mut flow, doc, &mut tree);
    if !doc.other.listed.is_empty() {
        let mut section = vec![flow.heading(2, "Other findings")];
        section.push(flow.paragraph(
            "Findings of scanner-level rules that belong to no checklist item.",
            Style::BODY,
        ));
        findings(&mut flow, &doc.other, &mut section);
        tree.push(Node::Group(Kind::Section, section));
    }
    suppressions(&mut flow, doc, &mut tree);
    skips(&mut flow, doc, &mut tree);
    appendix(&mut flow, doc, &mut tree);
    (flow, tree)
}

fn cover(flow: &mut Flow, doc: &Document, tree: &mut Vec<Node>) {
    let c = &doc.cover;
    tree.push(flow.paragraph("TENET COMPLIANCE REPORT", Style::SMALL));
    tree.push(flow.heading(1, &c.project));
    let mut rows = vec![
        ("Folder", Some(c.folder.clone())),
        ("Commit", c.commit.clone()),
        ("Branch", c.branch.clone()),
        ("Scan", c.scan_id.map(|id| format!("number {id}"))),
        ("Scanned", c.scanned_at.clone()),
        ("Tenet version", Some(c.tenet_version.clone())),
        ("Standard version", Some(c.standard_version.clone())),
        ("Report written", Some(c.generated_at.clone())),
    ];
    rows.retain(|(_, value)| value.is_some());
    flow.rect(MARGIN_X, flow.y, WIDTH, 3.0, ACCENT);
    flow.space(8.0);
    tree.push(table(
        flow,
        "About this report",
        &[
            Column {
                title: "Fact",
                share: 0.25,
            },
            Column {
                title: "Value",
                share: 0.75,
            },
        ],
        rows.into_iter()
            .map(|(name, value)| {
                vec![
                    Cell::styled(name, Style::STRONG),
                    Cell::new(value.unwrap_or_default()),
                ]
            })
            .collect(),
        true,
    ));
}

fn summary(flow: &mut Flow, doc: &Document, tree: &mut Vec<Node>) {
    let s = &doc.summary;
    let mut section = vec![flow.heading(2, "Executive summary")];
    if s.interrupted {
        section.push(flow.paragraph(
            "This scan was interrupted; its results are incomplete.",
            Style::STRONG.colored(FAIL),
        ));
    }
    let score = s.score.map_or("n/a".to_string(), |v| format!("{v} / 100"));
    section.push(flow.paragraph(&format!("Score: {score}"), Style::STRONG));
    let gate = if s.gate_passed {
        format!(
            "Gate: ✓ Passed (no unsuppressed finding at or above {}).",
            s.gate_level
        )
    } else {
        format!(
            "Gate: ✗ Failed: {} at or above {}.",
            plural(s.gate_failures, "finding", "findings"),
            s.gate_level
        )
    };
    let gate_color = if s.gate_passed { PASS } else { FAIL };
    section.push(flow.paragraph(&gate, Style::STRONG.colored(gate_color)));
    let change = s.change_sentence();
    section.push(flow.paragraph(&change, Style::BODY));
    let [pass, fail, review, na] = s.statuses;
    section.push(flow.paragraph(
        &format!(
            "Checklist: {pass} pass, {fail} fail, {review} need review, {na} not applicable. {} files ({} lines) checked; {} suppressed; {} skipped.",
            count(s.files),
            count(s.lines),
            plural(s.suppressed, "finding", "findings"),
            plural(s.skipped, "file", "files")
        ),
        Style::BODY,
    ));
    let numeric = |n: u64| Cell::new(count(n));
    section.push(table(
        flow,
        "Unsuppressed findings by severity",
        &[
            Column {
                title: "Severity",
                share: 0.5,
            },
            Column {
                title: "Findings",
                share: 0.5,
            },
        ],
        vec![
            vec![Cell::new("Error"), numeric(s.by_severity[0])],
            vec![Cell::new("Warning"), numeric(s.by_severity[1])],
            vec![Cell::new("Info"), numeric(s.by_severity[2])],
            vec![Cell::styled("All", Style::STRONG), numeric(s.findings)],
        ],
        true,
    ));
    for chart in &doc.charts {
        figure(flow, chart, &mut section);
    }
    tree.push(Node::Group(Kind::Section, section));
}

fn figure(flow: &mut Flow, chart: &Chart, section: &mut Vec<Node>) {
    let (width, height) = crate::compliance::figures::size(chart);
    let options = RenderOptions {
        width,
        height,
        scale: 1.0,
        theme: Theme::Light,
        format: Format::Svg,
    };
    let described = tenet_charts::describe(chart);
    let list = tenet_charts::layout(chart, &options);
    flow.ensure(list.height * WIDTH / list.width + 30.0);
    let leaf = flow.chart(list, WIDTH);
    section.push(Node::Group(Kind::Figure(described.alt.clone()), vec![leaf]));
    let caption = flow.text(MARGIN_X, WIDTH, &described.title, Style::STRONG);
    section.push(Node::Group(Kind::Caption, caption));
    flow.space(6.0);
    let table_data = &described.table;
    let skipped = table_data.rows.len().saturating_sub(CHART_TABLE_ROWS);
    // The first column names the row (a date, an item, a file): widest.
    let n = table_data.columns.len().max(1);
    let first = if n > 2 { 0.3 } else { 1.0 / n as f32 };
    let rest = (1.0 - first) / (n - 1).max(1) as f32;
    let columns: Vec<Column> = table_data
        .columns
        .iter()
        .enumerate()
        .map(|(i, title)| Column {
            title,
            share: if i == 0 { first } else { rest },
        })
        .collect();
    let caption = if skipped > 0 {
        format!(
            "{} (the last {CHART_TABLE_ROWS} of {} rows; the HTML report has all)",
            table_data.caption,
            table_data.rows.len()
        )
    } else {
        table_data.caption.clone()
    };
    let small = Style {
        size: 8.5,
        ..Style::BODY
    };
    let rows = table_data.rows[skipped..]
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| Cell::styled(cell.clone(), small))
                .collect()
        })
        .collect();
    section.push(table(flow, &caption, &columns, rows, true));
}

fn checklist(flow: &mut Flow, doc: &Document, tree: &mut Vec<Node>) {
    flow.new_page();
    let mut section = vec![flow.heading(2, "Checklist")];
    let rows = doc
        .items
        .iter()
        .map(|item| {
            let total = item.findings.listed.len() as u64 + item.findings.more;
            let verdict = item.review.as_ref().map_or("—".to_string(), |r| {
                format!(
                    "{} by {}{}",
                    status_word(r.verdict),
                    r.reviewer,
                    if r.stale { " (stale)" } else { "" }
                )
            });
            vec![
                Cell::new(item.title),
                Cell::styled(
                    status_text(item.status),
                    Style::STRONG.colored(status_color(item.status)),
                ),
                Cell::new(count(total)),
                Cell::new(verdict),
            ]
        })
        .collect();
    section.push(table(
        flow,
        "Each item of the standard, its status and any reviewer's verdict",
        &[
            Column {
                title: "Item",
                share: 0.42,
            },
            Column {
                title: "Status",
                share: 0.2,
            },
            Column {
                title: "Findings",
                share: 0.12,
            },
            Column {
                title: "Reviewer's verdict",
                share: 0.26,
            },
        ],
        rows,
        true,
    ));
    for item in &doc.items {
        item_section(flow, item, &mut section);
    }
    tree.push(Node::Group(Kind::Section, section));
}

fn item_section(flow: &mut Flow, item: &ItemSection, parent: &mut Vec<Node>) {
    let mut section =
        vec![flow.heading(3, &format!("{} — {}", item.title, status_text(item.status)))];
    section.push(flow.paragraph(&item.evidence, Style::BODY));
    if let Some(hint) = &item.review_hint {
        section.push(flow.paragraph(&format!("For the reviewer: {hint}"), Style::BODY));
    }
    if item.partially_checked {
        section.push(flow.paragraph(
            "Partially checked. Switched off by configuration:",
            Style::STRONG.colored(REVIEW),
        ));
        let items = item
            .switched_off
            .iter()
            .map(|off| {
                let label = flow.line(MARGIN_X + 6.0, "•", Style::BODY);
                let body = flow.text(MARGIN_X + 18.0, WIDTH - 18.0, off, Style::BODY);
                Node::Group(
                    Kind::Item,
                    vec![
                        Node::Group(Kind::Label, vec![label]),
                        Node::Group(Kind::Body, body),
                    ],
                )
            })
            .collect();
        section.push(Node::Group(Kind::List { numbered: false }, items));
    }
    if let Some(review) = &item.review {
        let mut block = vec![flow.paragraph(
            &format!(
                "Reviewer's verdict: {} by {} on {}",
                status_text(review.verdict),
                review.reviewer,
                review.at
            ),
            Style::STRONG,
        )];
        if !review.note.is_empty() {
            let note = flow.text(MARGIN_X + 12.0, WIDTH - 12.0, &review.note, Style::BODY);
            block.push(Node::Group(Kind::Quote, vec![Node::Group(Kind::P, note)]));
        }
        if review.stale {
            block.push(flow.paragraph(
                "Stale: the evidence has changed since this verdict; review again.",
                Style::STRONG.colored(REVIEW),
            ));
        }
        section.push(Node::Group(Kind::Section, block));
    }
    section.push(flow.paragraph(
        &format!(
            "Rules: {}. Evidence digest {}.",
            if item.rules.is_empty() {
                "none (decided by a person)".to_string()
            } else {
                item.rules.join(", ")
            },
            item.digest
        ),
        Style::SMALL,
    ));
    findings(flow, &item.findings, &mut section);
    parent.push(Node::Group(Kind::Section, section));
}

fn findings(flow: &mut Flow, list: &FindingList, parent: &mut Vec<Node>) {
    if list.listed.is_empty() {
        return;
    }
    let items = list
        .listed
        .iter()
        .enumerate()
        .map(|(index, entry)| finding(flow, index + 1, entry))
        .collect();
    parent.push(Node::Group(Kind::List { numbered: true }, items));
    if list.more > 0 {
        parent.push(flow.paragraph(
            &format!(
                "And {} more, not listed here (the first {LISTED_PER_SECTION} are); the CSV or SARIF export lists every finding.",
                plural(list.more, "finding", "findings")
            ),
            Style::BODY,
        ));
    }
}

fn finding(flow: &mut Flow, number: usize, entry: &FindingEntry) -> Node {
    let indent = 22.0;
    flow.ensure(40.0);
    flow.space(3.0);
    let label = flow.line(MARGIN_X, &format!("{number}."), Style::BODY);
    let new = if entry.new == Some(true) {
        " (new)"
    } else {
        ""
    };
    let heading = flow.text(
        MARGIN_X + indent,
        WIDTH - indent,
        &format!(
            "{} · {} {}{new}: {}",
            entry.location,
            severity_word(entry.severity),
            entry.rule,
            entry.message
        ),
        Style::BODY,
    );
    let mut body = vec![Node::Group(Kind::P, heading)];
    if let Some(snippet) = &entry.snippet {
        let mut code = Vec::new();
        let width = WIDTH - indent - 8.0;
        for (offset, line) in snippet.lines.iter().enumerate() {
            let number = snippet.first_line + offset as u32;
            let hit = (snippet.start_line..=snippet.end_line).contains(&number);
            let text = format!("{number:>5}  {line}");
            let lines = Flow::wrapped(&text, Style::CODE, width);
            let height = lines.len() as f32 * Style::CODE.line_height();
            flow.ensure(height);
            let color = if hit { MARK } else { SURFACE };
            flow.rect(MARGIN_X + indent, flow.y, WIDTH - indent, height, color);
            if hit {
                flow.rect(MARGIN_X + indent, flow.y, 2.0, height, FAIL);
            }
            code.extend(flow.lines(MARGIN_X + indent + 4.0, lines, Style::CODE));
        }
        body.push(Node::Group(Kind::Code, code));
        flow.space(2.0);
    }
    if let Some(note) = &entry.note {
        let lines = flow.text(MARGIN_X + indent, WIDTH - indent, note, Style::SMALL);
        body.push(Node::Group(Kind::P, lines));
    }
    Node::Group(
        Kind::Item,
        vec![
            Node::Group(Kind::Label, vec![label]),
            Node::Group(Kind::Body, body),
        ],
    )
}

fn suppressions(flow: &mut Flow, doc: &Document, tree: &mut Vec<Node>) {
    let mut section = vec![flow.heading(2, "Suppressions")];
    if doc.suppressions.is_empty() {
        section.push(flow.paragraph("No finding is suppressed.", Style::BODY));
    } else {
        let rows = doc
            .suppressions
            .iter()
            .map(|s| {
                vec![
                    Cell::new(s.rule),
                    Cell::styled(s.location.clone(), Style::CODE),
                    Cell::new(
                        s.reason
                            .clone()
                            .unwrap_or_else(|| "No reason given.".into()),
                    ),
                ]
            })
            .collect();
        section.push(table(
            flow,
            "Findings suppressed in the code, with the reason given",
            &[
                Column {
                    title: "Rule",
                    share: 0.14,
                },
                Column {
                    title: "Where",
                    share: 0.43,
                },
                Column {
                    title: "Reason",
                    share: 0.43,
                },
            ],
            rows,
            false,
        ));
        if doc.suppressions_more > 0 {
            section.push(flow.paragraph(
                &format!(
                    "And {} more.",
                    plural(doc.suppressions_more, "suppression", "suppressions")
                ),
                Style::BODY,
            ));
        }
    }
    tree.push(Node::Group(Kind::Section, section));
}

fn skips(flow: &mut Flow, doc: &Document, tree: &mut Vec<Node>) {
    let mut section = vec![flow.heading(2, "Skipped files")];
    if doc.skips.is_empty() {
        section.push(flow.paragraph("Every file was checked.", Style::BODY));
    } else {
        let rows = doc
            .skips
            .iter()
            .map(|(path, reason)| {
                vec![
                    Cell::styled(path.clone(), Style::CODE),
                    Cell::new(reason.clone()),
                ]
            })
            .collect();
        section.push(table(
            flow,
            "Files deliberately not checked",
            &[
                Column {
                    title: "File",
                    share: 0.6,
                },
                Column {
                    title: "Why",
                    share: 0.4,
                },
            ],
            rows,
            false,
        ));
    }
    tree.push(Node::Group(Kind::Section, section));
}

fn appendix(flow: &mut Flow, doc: &Document, tree: &mut Vec<Node>) {
    flow.new_page();
    let mut section = vec![flow.heading(2, "Appendix: rules applied")];
    section.push(flow.paragraph(
        "A rule switched off by the project's configuration is named under its checklist item, which then reads as partially checked.",
        Style::BODY,
    ));
    let small = Style {
        size: 8.5,
        ..Style::BODY
    };
    let rows = doc
        .rules
        .iter()
        .map(|rule| {
            vec![
                Cell::styled(rule.code, Style::STRONG),
                Cell::styled(format!("{}: {}", rule.name, rule.summary), small),
                Cell::styled(severity_word(rule.severity), small),
                Cell::styled(rule.item.unwrap_or("— (scanner)"), small),
                Cell::styled(count(rule.findings), small),
            ]
        })
        .collect();
    section.push(table(
        flow,
        "The rule catalogue this scan was judged by",
        &[
            Column {
                title: "Code",
                share: 0.14,
            },
            Column {
                title: "Rule",
                share: 0.42,
            },
            Column {
                title: "Severity",
                share: 0.12,
            },
            Column {
                title: "Item",
                share: 0.2,
            },
            Column {
                title: "Findings",
                share: 0.12,
            },
        ],
        rows,
        true,
    ));
    tree.push(Node::Group(Kind::Section, section));
}
