//! A summary fit for a pull-request comment: the gate, the score, totals,
//! the checklist and the first findings. Scanned text is escaped so it can
//! neither format the comment nor inject HTML.

use crate::escape::one_line;
use crate::ReportInput;
use tenet_engine::checklist::Status;

/// Findings listed before "and N more".
const LISTED: usize = 50;

/// Text with Markdown's and HTML's special characters escaped.
fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in one_line(raw).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '"' | '\'' | '$' | '@' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Pass => "✅ pass",
        Status::Fail => "❌ fail",
        Status::NeedsReview => "👀 needs review",
        Status::NotApplicable => "➖ n/a",
    }
}

pub fn markdown(input: &ReportInput) -> String {
    let summary = &input.result.summary;
    let severity = |s: &str| summary.by_severity.get(s).copied().unwrap_or(0);
    let mut out = String::new();
    let verdict = if input.gate_passed() {
        "passed"
    } else {
        "**failed**"
    };
    let against = if input.baseline.is_some() {
        " (new findings only)"
    } else {
        ""
    };
    out.push_str("## Tenet compliance review\n\n");
    out.push_str(&format!(
        "Gate {verdict}{against}: {} finding(s) at or above `{}`. Score **{}**. Standard {} (config `{}`).\n\n",
        input.gate_failures,
        input.fail_on,
        input.result.checklist.score.map_or("n/a".into(), |s| s.to_string()),
        tenet_engine::STANDARD_VERSION,
        input.config_hash,
    ));
    out.push_str("| files | lines | errors | warnings | info | suppressed | skipped |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} | {} |\n\n",
        summary.files,
        summary.lines,
        severity("error"),
        severity("warning"),
        severity("info"),
        summary.suppressed,
        summary.skipped
    ));
    out.push_str("| checklist item | status | findings |\n|---|---|---:|\n");
    for item in &input.result.checklist.items {
        let mut note = String::new();
        if item.partially_checked {
            note.push_str(" (partially checked)");
        }
        if let Some(review) = &item.review {
            note.push_str(&format!(
                " — verdict {} by {}{}",
                review.verdict.as_str(),
                text(&review.reviewer),
                if review.stale { " (stale)" } else { "" }
            ));
        }
        out.push_str(&format!(
            "| {}{note} | {} | {} |\n",
            text(item.title),
            status(item.status),
            item.findings
        ));
    }
    let active: Vec<_> = input.findings.iter().filter(|f| !f.suppressed).collect();
    if !active.is_empty() {
        out.push_str("\n<details><summary>Findings</summary>\n\n");
        for f in active.iter().take(LISTED) {
            let new = if input.is_new(f) == Some(true) {
                " 🆕"
            } else {
                ""
            };
            out.push_str(&format!(
                "- {}:{}:{} **{}** {}{new}\n",
                text(&f.path.display),
                f.span.start.line,
                f.span.start.column,
                f.rule,
                text(&f.message)
            ));
        }
        if active.len() > LISTED {
            out.push_str(&format!("- … and {} more\n", active.len() - LISTED));
        }
        out.push_str("\n</details>\n");
    }
    out
}
