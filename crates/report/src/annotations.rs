//! Findings inline in pull and merge requests: GitHub Actions workflow
//! commands and GitLab's Code Quality report.

use crate::lazy::Lazy;
use crate::ReportInput;
use serde_json::json;
use std::io::Write;
use tenet_engine::Severity;

/// Escapes a workflow command's message (GitHub's rules: `%`, CR, LF).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,line=…::message`, one line per unsuppressed finding.
pub fn github(input: &ReportInput) -> String {
    let mut out = Vec::new();
    write_github(input, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("commands are text")
}

/// [`github`]'s commands, written line by line.
pub fn write_github(input: &ReportInput, out: &mut dyn Write) -> std::io::Result<()> {
    for f in input.findings.iter().filter(|f| !f.suppressed) {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let file = property(&format!("{}{}", input.repository_prefix, f.path.display));
        let (start, end) = (f.span.start, f.span.end);
        // A notebook's lines count within a cell, not the `.ipynb` file:
        // the annotation is then on the file. Columns are only valid on a
        // single line.
        let location = if f.span.cell.is_some() {
            String::new()
        } else if end.line > start.line {
            format!(",line={},endLine={}", start.line, end.line)
        } else {
            format!(
                ",line={},col={},endColumn={}",
                start.line,
                start.column,
                end.column.max(start.column)
            )
        };
        let message = match f.span.cell {
            Some(cell) => format!("{} (cell {cell}, line {})", f.message, start.line),
            None => f.message.clone(),
        };
        writeln!(
            out,
            "::{command} file={file}{location},title={}::{}",
            property(&format!("Tenet {}", f.rule)),
            data(&message)
        )?;
    }
    Ok(())
}

/// GitLab Code Quality: a JSON array of issues with stable fingerprints.
pub fn gitlab<'a>(input: &'a ReportInput<'a>) -> Lazy<'a> {
    let active = input.findings.iter().filter(|f| !f.suppressed).count();
    Lazy::each(active, move || {
        input.findings.iter().filter(|f| !f.suppressed).map(move |f| {
            json!({
                "type": "issue",
                "check_name": f.rule,
                "description": format!("{}: {}", f.rule, f.message),
                "categories": ["Style"],
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "fingerprint": f.fingerprint,
                "location": {
                    "path": format!("{}{}", input.repository_prefix, f.path.display),
                    // Cell lines are not lines of the `.ipynb` file.
                    "lines": if f.span.cell.is_some() {
                        json!({"begin": 1})
                    } else {
                        json!({"begin": f.span.start.line, "end": f.span.end.line.max(f.span.start.line)})
                    },
                },
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn workflow_commands_cannot_be_forged_by_a_message() {
        assert_eq!(data("a\n::error::x"), "a%0A::error::x");
        assert_eq!(property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
