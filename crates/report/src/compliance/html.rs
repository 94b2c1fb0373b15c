//! The compliance report as one self-contained HTML file: inline CSS (its
//! hash in a CSP that allows nothing else), charts as data URIs, semantic
//! landmarks and tables, and a print style sheet for paper. Every string
//! from the scanned project goes through `escape::xml`.

use super::figures::Figure;
use super::{
    count, plural, severity_word, status_symbol, status_word, Document, FindingEntry, FindingList,
    ItemSection, LISTED_PER_SECTION,
};
use crate::escape::xml as esc;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::fmt::Write;
use tenet_engine::checklist::Status;

const STYLE: &str = include_str!("report.css");

fn style_hash() -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE.as_bytes()))
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::NeedsReview => "review",
        Status::NotApplicable => "na",
    }
}

/// A status as a badge: a symbol and a word, so colour is never the only cue.
fn badge(status: Status) -> String {
    format!(
        r#"<span class="badge {}"><span aria-hidden="true">{} </span>{}</span>"#,
        status_class(status),
        status_symbol(status),
        status_word(status)
    )
}

/// Writes the report. `figures` are the document's charts as pictures;
/// `notes` are problems met while making it (a chart that could not be drawn).
pub fn html(doc: &Document, figures: &[Figure], notes: &[String]) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let cover = &doc.cover;
    let _ = write!(
        out,
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="Tenet {version}">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<a class="skip" href="#summary">Skip to the summary</a>
<header class="cover">
<p class="kicker">Tenet compliance report</p>
<h1>{project}</h1>
<dl class="facts">
"##,
        hash = style_hash(),
        version = esc(&cover.tenet_version),
        title = esc(&cover.title),
        project = esc(&cover.project),
    );
    let mut fact = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            let _ = writeln!(out, "<div><dt>{name}</dt><dd>{value}</dd></div>");
        }
    };
    fact(
        "Folder",
        Some(format!("<code>{}</code>", esc(&cover.folder))),
    );
    fact(
        "Commit",
        cover
            .commit
            .as_ref()
            .map(|c| format!("<code>{}</code>", esc(c))),
    );
    fact("Branch", cover.branch.as_ref().map(|b| esc(b)));
    fact("Scan", cover.scan_id.map(|id| format!("number {id}")));
    fact("Scanned", cover.scanned_at.as_ref().map(|t| esc(t)));
    fact("Tenet version", Some(esc(&cover.tenet_version)));
    fact("Standard version", Some(esc(&cover.standard_version)));
    fact("Report written", Some(esc(&cover.generated_at)));
    out.push_str("</dl>\n</header>\n");
    contents(&mut out, doc);
    out.push_str("<main>\n");
    summary(&mut out, doc, figures, notes);
    checklist(&mut out, doc);
    if !doc.other.listed.is_empty() {
        out.push_str(
            "<section aria-labelledby=\"other\">\n<h2 id=\"other\">Other findings</h2>\n\
             <p>Findings of scanner-level rules that belong to no checklist item.</p>\n",
        );
        findings(&mut out, &doc.other);
        out.push_str("</section>\n");
    }
    suppressions(&mut out, doc);
    skips(&mut out, doc);
    appendix(&mut out, doc);
    out.push_str("</main>\n");
    let _ = write!(
        out,
        "<footer><p>Written by Tenet {} from {}. Standard version {}.</p></footer>\n</body>\n</html>\n",
        esc(&cover.tenet_version),
        cover
            .scan_id
            .map_or("a scan that was not recorded".to_string(), |id| format!(
                "scan {id}"
            )),
        esc(&cover.standard_version)
    );
    out
}

fn contents(out: &mut String, doc: &Document) {
    out.push_str(
        "<nav aria-label=\"Contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n\
         <li><a href=\"#summary\">Executive summary</a></li>\n\
         <li><a href=\"#checklist\">Checklist</a></li>\n",
    );
    if !doc.other.listed.is_empty() {
        out.push_str("<li><a href=\"#other\">Other findings</a></li>\n");
    }
    out.push_str(
        "<li><a href=\"#suppressions\">Suppressions</a></li>\n\
         <li><a href=\"#skipped\">Skipped files</a></li>\n\
         <li><a href=\"#rules\">Appendix: rules applied</a></li>\n</ol>\n</nav>\n",
    );
}

fn summary(out: &mut String, doc: &Document, figures: &[Figure], notes: &[String]) {
    let s = &doc.summary;
    out.push_str(
        "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Executive summary</h2>\n",
    );
    if s.interrupted {
        out.push_str("<p class=\"warning\"><strong>This scan was interrupted; its results are incomplete.</strong></p>\n");
    }
    let score = s.score.map_or("n/a".to_string(), |v| v.to_string());
    let gate = if s.gate_passed {
        format!(
            r#"<span class="badge pass"><span aria-hidden="true">✓ </span>Passed</span> (no unsuppressed finding at or above <code>{}</code>)"#,
            esc(&s.gate_level)
        )
    } else {
        format!(
            r#"<span class="badge fail"><span aria-hidden="true">✗ </span>Failed</span>: {} at or above <code>{}</code>"#,
            plural(s.gate_failures, "finding", "findings"),
            esc(&s.gate_level)
        )
    };
    let change = esc(&s.change_sentence());
    let [pass, fail, review, na] = s.statuses;
    let _ = write!(
        out,
        r#"<dl class="headline">
<div><dt>Score</dt><dd class="big">{score}<span class="unit"> / 100</span></dd></div>
<div><dt>Gate</dt><dd>{gate}</dd></div>
<div><dt>Change</dt><dd>{change}</dd></div>
<div><dt>Checklist</dt><dd>{pass} pass, {fail} fail, {review} need review, {na} not applicable</dd></div>
</dl>
<table>
<caption>Unsuppressed findings by severity</caption>
<thead><tr><th scope="col">Severity</th><th scope="col" class="num">Findings</th></tr></thead>
<tbody>
<tr><th scope="row">Error</th><td class="num">{}</td></tr>
<tr><th scope="row">Warning</th><td class="num">{}</td></tr>
<tr><th scope="row">Info</th><td class="num">{}</td></tr>
</tbody>
<tfoot><tr><th scope="row">All</th><td class="num">{}</td></tr></tfoot>
</table>
<p>{} files ({} lines) checked; {} suppressed; {} skipped.</p>
"#,
        count(s.by_severity[0]),
        count(s.by_severity[1]),
        count(s.by_severity[2]),
        count(s.findings),
        count(s.files),
        count(s.lines),
        plural(s.suppressed, "finding", "findings"),
        plural(s.skipped, "file", "files"),
    );
    for (index, figure) in figures.iter().enumerate() {
        figure_html(out, figure, index);
    }
    for note in notes {
        let _ = writeln!(out, "<p class=\"warning\">{}</p>", esc(note));
    }
    out.push_str("</section>\n");
}

fn figure_html(out: &mut String, figure: &Figure, index: usize) {
    let data = base64::engine::general_purpose::STANDARD.encode(&figure.bytes);
    let _ = write!(
        out,
        r#"<figure aria-labelledby="figure-{index}">
<img src="data:{};base64,{data}" width="{}" height="{}" alt="{}">
<figcaption id="figure-{index}">{}</figcaption>
<details><summary>Show the data of “{}”</summary>
<table>
<caption>{}</caption>
<thead><tr>"#,
        figure.mime,
        figure.width,
        figure.height,
        esc(&figure.alt),
        esc(&figure.title),
        esc(&figure.title),
        esc(&figure.table.caption),
    );
    for column in &figure.table.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(column));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &figure.table.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", esc(cell));
            } else {
                let _ = write!(out, "<td>{}</td>", esc(cell));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</details>\n</figure>\n");
}

fn checklist(out: &mut String, doc: &Document) {
    out.push_str(
        "<section aria-labelledby=\"checklist\">\n<h2 id=\"checklist\">Checklist</h2>\n<table>\n\
         <caption>Each item of the standard, its status and any reviewer's verdict</caption>\n\
         <thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Status</th>\
         <th scope=\"col\" class=\"num\">Findings</th><th scope=\"col\">Reviewer's verdict</th></tr></thead>\n<tbody>\n",
    );
    for item in &doc.items {
        let total = item.findings.listed.len() as u64 + item.findings.more;
        let verdict = item.review.as_ref().map_or("—".to_string(), |r| {
            format!(
                "{} by {}{}",
                status_word(r.verdict),
                esc(&r.reviewer),
                if r.stale { " (stale)" } else { "" }
            )
        });
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"#item-{}\">{}</a></th><td>{}</td><td class=\"num\">{}</td><td>{verdict}</td></tr>",
            item.id,
            esc(item.title),
            badge(item.status),
            count(total)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    for item in &doc.items {
        item_section(out, item);
    }
    out.push_str("</section>\n");
}

fn item_section(out: &mut String, item: &ItemSection) {
    let _ = write!(
        out,
        "<section class=\"item\" aria-labelledby=\"item-{id}\">\n<h3 id=\"item-{id}\">{} {}</h3>\n<p>{}</p>\n",
        esc(item.title),
        badge(item.status),
        esc(&item.evidence),
        id = item.id,
    );
    if let Some(hint) = &item.review_hint {
        let _ = writeln!(
            out,
            "<p><strong>For the reviewer:</strong> {}</p>",
            esc(hint)
        );
    }
    if item.partially_checked {
        out.push_str("<p class=\"warning\"><strong>Partially checked.</strong> Switched off by configuration:</p>\n<ul>\n");
        for off in &item.switched_off {
            let _ = writeln!(out, "<li>{}</li>", esc(off));
        }
        out.push_str("</ul>\n");
    }
    if let Some(review) = &item.review {
        let stale = if review.stale {
            "<p class=\"warning\"><strong>Stale:</strong> the evidence has changed since this verdict; review again.</p>"
        } else {
            ""
        };
        let note = if review.note.is_empty() {
            String::new()
        } else {
            format!("<blockquote><p>{}</p></blockquote>", esc(&review.note))
        };
        let _ = writeln!(
            out,
            "<div class=\"review\"><p><strong>Reviewer's verdict:</strong> {} by {} on {}</p>{note}{stale}</div>",
            badge(review.verdict),
            esc(&review.reviewer),
            esc(&review.at)
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"muted\">Rules: {}. Evidence digest <code>{}</code>.</p>",
        if item.rules.is_empty() {
            "none (decided by a person)".to_string()
        } else {
            item.rules.join(", ")
        },
        esc(&item.digest)
    );
    findings(out, &item.findings);
    out.push_str("</section>\n");
}

fn findings(out: &mut String, list: &FindingList) {
    if list.listed.is_empty() {
        return;
    }
    out.push_str("<ol class=\"findings\">\n");
    for entry in &list.listed {
        finding(out, entry);
    }
    out.push_str("</ol>\n");
    if list.more > 0 {
        let _ = writeln!(
            out,
            "<p>And {} more, not listed here (the first {LISTED_PER_SECTION} are); the CSV or SARIF export lists every finding.</p>",
            plural(list.more, "finding", "findings")
        );
    }
}

fn finding(out: &mut String, entry: &FindingEntry) {
    let new = match entry.new {
        Some(true) => " <span class=\"tag\">new</span>",
        _ => "",
    };
    let _ = write!(
        out,
        "<li><p><code class=\"where\">{}</code> <span class=\"sev {}\">{}</span> <strong>{}</strong>{new}: {}</p>\n",
        esc(&entry.location),
        severity_word(entry.severity).to_ascii_lowercase(),
        severity_word(entry.severity),
        entry.rule,
        esc(&entry.message)
    );
    if let Some(snippet) = &entry.snippet {
        out.push_str("<pre><code>");
        for (offset, line) in snippet.lines.iter().enumerate() {
            let number = snippet.first_line + offset as u32;
            let hit = (snippet.start_line..=snippet.end_line).contains(&number);
            // A highlighted line is a block of its own: no newline after it.
            let (open, close) = if hit {
                ("<mark>", "</mark>")
            } else {
                ("", "\n")
            };
            let _ = write!(
                out,
                "{open}<span class=\"ln\">{number:>5} </span>{}{close}",
                esc(line)
            );
        }
        out.push_str("</code></pre>\n");
    }
    if let Some(note) = &entry.note {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(note));
    }
    out.push_str("</li>\n");
}

fn suppressions(out: &mut String, doc: &Document) {
    out.push_str(
        "<section aria-labelledby=\"suppressions\">\n<h2 id=\"suppressions\">Suppressions</h2>\n",
    );
    if doc.suppressions.is_empty() {
        out.push_str("<p>No finding is suppressed.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<caption>Findings suppressed in the code, with the reason given</caption>\n\
         <thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Where</th><th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n",
    );
    for s in &doc.suppressions {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            s.rule,
            esc(&s.location),
            s.reason
                .as_ref()
                .map_or("<em>No reason given.</em>".to_string(), |r| esc(r))
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if doc.suppressions_more > 0 {
        let _ = writeln!(
            out,
            "<p>And {} more.</p>",
            plural(doc.suppressions_more, "suppression", "suppressions")
        );
    }
    out.push_str("</section>\n");
}

fn skips(out: &mut String, doc: &Document) {
    out.push_str("<section aria-labelledby=\"skipped\">\n<h2 id=\"skipped\">Skipped files</h2>\n");
    if doc.skips.is_empty() {
        out.push_str("<p>Every file was checked.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<caption>Files deliberately not checked</caption>\n\
         <thead><tr><th scope=\"col\">File</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n",
    );
    for (path, reason) in &doc.skips {
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td></tr>",
            esc(path),
            esc(reason)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn appendix(out: &mut String, doc: &Document) {
    out.push_str(
        "<section aria-labelledby=\"rules\">\n<h2 id=\"rules\">Appendix: rules applied</h2>\n\
         <p>A rule switched off by the project's configuration is named under its checklist item, which then reads as partially checked.</p>\n<table>\n\
         <caption>The rule catalogue this scan was judged by</caption>\n\
         <thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th>\
         <th scope=\"col\">Checklist item</th><th scope=\"col\" class=\"num\">Findings</th></tr></thead>\n<tbody>\n",
    );
    for rule in &doc.rules {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td><strong>{}</strong><br>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            rule.code,
            esc(rule.name),
            esc(rule.summary),
            severity_word(rule.severity),
            esc(rule.item.unwrap_or("— (scanner)")),
            count(rule.findings)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}
