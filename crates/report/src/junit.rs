//! JUnit XML: one test case per checklist item, failing with its findings,
//! skipped when it needs review or does not apply — CI dashboards show it
//! without plugins.

use crate::escape::xml;
use crate::ReportInput;
use tenet_engine::checklist::Status;

pub fn junit(input: &ReportInput) -> String {
    let items = &input.result.checklist.items;
    let failures = items.iter().filter(|i| i.status == Status::Fail).count();
    let skipped = items
        .iter()
        .filter(|i| matches!(i.status, Status::NeedsReview | Status::NotApplicable))
        .count();
    let seconds = input.result.summary.duration_ms as f64 / 1000.0;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"tenet\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\" time=\"{seconds:.3}\">\n",
        items.len()
    ));
    out.push_str(&format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\" errors=\"0\" time=\"{seconds:.3}\">\n",
        xml(&format!("Tenet checklist (standard {})", tenet_engine::STANDARD_VERSION)),
        items.len()
    ));
    for item in items {
        out.push_str(&format!(
            "    <testcase classname=\"tenet.checklist\" name=\"{}\">\n",
            xml(item.title)
        ));
        match item.status {
            Status::Fail => {
                let findings: Vec<String> = input
                    .findings
                    .iter()
                    .filter(|f| !f.suppressed && item.rules.contains(&f.rule))
                    .map(|f| {
                        format!(
                            "{}:{}:{} {} [{}] {}",
                            f.path,
                            f.span.start.line,
                            f.span.start.column,
                            f.rule,
                            f.severity,
                            f.message
                        )
                    })
                    .collect();
                let message = if findings.is_empty() {
                    "failed by a reviewer's verdict".to_string()
                } else {
                    format!("{} finding(s)", findings.len())
                };
                out.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                    xml(&message),
                    xml(item.id),
                    xml(&findings.join("\n"))
                ));
            }
            Status::NeedsReview => {
                out.push_str("      <skipped message=\"needs a person's review\"/>\n")
            }
            Status::NotApplicable => out.push_str("      <skipped message=\"not applicable\"/>\n"),
            Status::Pass => {}
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
