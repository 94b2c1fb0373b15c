//! CSV, one row per finding (RFC 4180). A cell that a spreadsheet would
//! read as a formula — starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return — is prefixed with `'`, so a file named `=HYPERLINK(...)` stays
//! text (OWASP's advice against CSV injection).

use crate::ReportInput;
use std::io::Write;

const HEADER: &[&str] = &[
    "rule",
    "severity",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "cell",
    "message",
    "suppressed",
    "suppression_reason",
    "fingerprint",
    "new",
];

fn cell(text: &str) -> String {
    let neutral = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// The CSV of a scan's findings.
pub fn csv(input: &ReportInput) -> String {
    let mut out = Vec::new();
    write_csv(input, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("cells are text")
}

/// The CSV of a scan's findings, written row by row.
pub fn write_csv(input: &ReportInput, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(HEADER.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    for f in input.findings {
        let row = [
            f.rule.to_string(),
            f.severity.as_str().to_string(),
            f.path.display.clone(),
            f.span.start.line.to_string(),
            f.span.start.column.to_string(),
            f.span.end.line.to_string(),
            f.span.end.column.to_string(),
            f.span.cell.map_or(String::new(), |c| c.to_string()),
            f.message.clone(),
            f.suppressed.to_string(),
            f.suppression_reason.clone().unwrap_or_default(),
            f.fingerprint.clone(),
            input.is_new(f).map_or(String::new(), |n| n.to_string()),
        ];
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.write_all(cells.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1+2"), "'-1+2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("plain"), "plain");
    }
}
