//! Every format on a project whose file names and code are hostile: each
//! output stays valid for its reader and inert (no markup, formula or
//! workflow command smuggled through a name or a line of code).

mod common;

use common::*;
use std::collections::HashSet;
use tenet_engine::Finding;

fn sarif_validator() -> jsonschema::Validator {
    let text = include_str!("schemas/sarif-2.1.0-rtm.5.json");
    // The published rtm.5 schema has a stray `]` in its two `language`
    // patterns, which a strict regex engine rejects; this is the pattern
    // they mean (a language tag such as `en` or `en-US`).
    let text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft4::new(&schema).expect("the SARIF schema compiles")
}

#[test]
fn sarif_is_schema_valid_and_shaped_for_github() {
    let dir = hostile_project();
    let (collect, result, settings) = scan(dir.path());
    let log = tenet_report::sarif(&input(dir.path(), &collect, &result, &settings)).to_value();
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(
        !sarif_validator().is_valid(&broken),
        "the validator does reject bad logs"
    );

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), tenet_engine::rules::REGISTRY.len());
    for rule in rules {
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(
                rule[key]["text"].as_str().is_some_and(|t| !t.is_empty()),
                "{rule}"
            );
        }
        assert!(rule["defaultConfiguration"]["level"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), collect.findings.len());
    for r in results {
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            uri.bytes()
                .all(|b| b.is_ascii_graphic() && b != b'<' && b != b'"'),
            "{uri}"
        );
        assert!(!uri.starts_with('/'), "relative to %SRCROOT%");
        let region = &location["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().is_some_and(|v| v >= 1), "{r}");
        }
        assert!(r["partialFingerprints"]["primaryLocationLineHash"].is_string());
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], r["ruleId"]);
    }
    let latin = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "latin%E9.py")
        .expect("a non-UTF-8 name keeps its raw byte");
    assert_eq!(
        latin["ruleId"],
        "SYN001"
            .to_string()
            .replace("SYN001", latin["ruleId"].as_str().unwrap())
    );
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "two%0Alines.py"
    ));
    let suppressed = results
        .iter()
        .find(|r| r["suppressions"].is_array())
        .expect("a suppressed result");
    assert_eq!(suppressed["suppressions"][0]["kind"], "inSource");
    assert!(suppressed["suppressions"][0]["justification"]
        .as_str()
        .unwrap()
        .contains("legacy"));
    assert!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("file:///"));
}

#[test]
fn sarif_stays_within_githubs_limits_and_says_what_it_cut() {
    let dir = hostile_project();
    let (mut collect, result, settings) = scan(dir.path());
    let model = collect
        .findings
        .iter()
        .find(|f| !f.suppressed)
        .unwrap()
        .clone();
    collect.findings = (0..tenet_report::SARIF_MAX_RESULTS + 7)
        .map(|i| Finding {
            fingerprint: format!("{i:016x}"),
            ..model.clone()
        })
        .collect();
    let log = tenet_report::sarif(&input(dir.path(), &collect, &result, &settings)).to_value();
    let run = &log["runs"][0];
    assert_eq!(
        run["results"].as_array().unwrap().len(),
        tenet_report::SARIF_MAX_RESULTS
    );
    assert_eq!(run["properties"]["resultsOmitted"], 7);
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(notes.iter().any(|n| n["message"]["text"]
        .as_str()
        .unwrap()
        .starts_with("7 results left out")));
}

/// RFC 4180 rows, quoted cells included.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn csv_rows_are_whole_and_formulas_are_neutralised() {
    let dir = hostile_project();
    let (collect, result, settings) = scan(dir.path());
    let text = tenet_report::csv(&input(dir.path(), &collect, &result, &settings));
    let rows = parse_csv(&text);
    assert_eq!(rows.len(), collect.findings.len() + 1);
    assert!(
        rows.iter().all(|r| r.len() == 13),
        "every row has every column"
    );
    for row in &rows[1..] {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
    }
    let paths: HashSet<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
    assert!(paths.contains("'=HYPERLINK(\"evil.example\",\"x\").py"));
    assert!(
        paths.contains("two\nlines.py"),
        "kept exactly, inside quotes"
    );
}

#[test]
fn junit_is_well_formed_xml_with_one_case_per_item() {
    let dir = hostile_project();
    let (collect, result, settings) = scan(dir.path());
    let xml = tenet_report::junit(&input(dir.path(), &collect, &result, &settings));
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let cases: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), result.checklist.items.len());
    let failure = document
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    let body = failure.text().unwrap();
    assert!(
        body.contains("<img src=x onerror=alert(1)>.py"),
        "text, not markup: {body}"
    );
    assert!(!document
        .descendants()
        .any(|n| n.has_tag_name("script") || n.has_tag_name("img")));
}

#[test]
fn markdown_cannot_inject_html_or_break_lines() {
    let dir = hostile_project();
    let (collect, result, settings) = scan(dir.path());
    let md = tenet_report::markdown(&input(dir.path(), &collect, &result, &settings));
    for raw in ["<img", "<script", "</script", "\u{202E}", "\u{1b}"] {
        assert!(!md.contains(raw), "{raw:?} reached the comment:\n{md}");
    }
    for line in md.lines().filter(|l| l.starts_with("- ")) {
        assert!(line.contains(" **"), "a finding bullet was split: {line:?}");
    }
}

#[test]
fn github_annotations_are_one_command_per_finding_and_cannot_be_forged() {
    let dir = hostile_project();
    let (collect, result, settings) = scan(dir.path());
    let text = tenet_report::github(&input(dir.path(), &collect, &result, &settings));
    let active = collect.findings.iter().filter(|f| !f.suppressed).count();
    assert_eq!(text.lines().count(), active);
    for line in text.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "{line}"
        );
        let properties = line.split("::").nth(1).unwrap();
        assert!(!properties.contains('\n'));
    }
    assert!(text.contains("file=comma%2Ccolon%3Apercent%25.py,"));
    assert!(text.contains("file=two%0Alines.py,"));
}

#[test]
fn gitlab_code_quality_is_a_json_array_of_issues() {
    let dir = hostile_project();
    let (collect, result, settings) = scan(dir.path());
    let report = tenet_report::gitlab(&input(dir.path(), &collect, &result, &settings)).to_value();
    let text = serde_json::to_string(&report).unwrap();
    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        issues.len(),
        collect.findings.iter().filter(|f| !f.suppressed).count()
    );
    let fingerprints: HashSet<_> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), issues.len(), "unique fingerprints");
    assert!(issues
        .iter()
        .all(|i| ["info", "minor", "major"].contains(&i["severity"].as_str().unwrap())));
    assert!(issues
        .iter()
        .any(|i| i["location"]["path"] == "x</script><script>alert(1)</script>.py"));
}

mod properties {
    //! Arbitrary paths and messages (drawn from hostile fragments and any
    //! Unicode) through every writer: each output must parse as its format
    //! and keep one record per finding.
    use super::*;
    use proptest::prelude::*;

    const FRAGMENTS: &[&str] = &[
        "<",
        ">",
        "&",
        "\"",
        "'",
        "=",
        "+",
        "-",
        "@",
        ",",
        ":",
        "%",
        "\n",
        "\r",
        "\t",
        "\u{0}",
        "\u{1b}",
        "\u{202E}",
        "\u{FEFF}",
        "\u{FFFF}",
        "]]>",
        "<!--",
        "::error::",
        "{{",
        "}}",
        "`",
        "|",
        "*",
        "_",
        "#",
        "/",
        "\\",
        "é",
        "😀",
        "a",
        "src",
        "=HYPERLINK(",
        "</script>",
    ];

    fn hostile_text() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(prop::sample::select(FRAGMENTS), 0..12).prop_map(|f| f.concat()),
            any::<String>(),
        ]
    }

    fn findings() -> impl Strategy<Value = Vec<(String, String, Option<String>)>> {
        prop::collection::vec(
            (
                hostile_text(),
                hostile_text(),
                prop::option::of(hostile_text()),
            ),
            1..8,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn every_writer_stays_valid(rows in findings()) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("a.py"), "import asyncio\nasyncio.gather()\n").unwrap();
            let (mut collect, result, settings) = scan(dir.path());
            let model = collect.findings[0].clone();
            collect.findings = rows
                .iter()
                .enumerate()
                .map(|(i, (path, message, reason))| Finding {
                    path: tenet_engine::RelPath::from_str(path),
                    message: message.clone(),
                    suppressed: reason.is_some(),
                    suppression_reason: reason.clone(),
                    fingerprint: format!("{i:016x}"),
                    ..model.clone()
                })
                .collect();
            let input = input(dir.path(), &collect, &result, &settings);

            let log = tenet_report::sarif(&input).to_value();
            prop_assert!(sarif_validator().is_valid(&log));
            prop_assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), rows.len());

            let csv = parse_csv(&tenet_report::csv(&input));
            prop_assert_eq!(csv.len(), rows.len() + 1);
            for (row, (path, message, _)) in csv[1..].iter().zip(&rows) {
                prop_assert_eq!(row.len(), 13);
                let strip = |cell: &str, original: &str| {
                    if cell.len() == original.len() + 1 { cell[1..].to_string() } else { cell.to_string() }
                };
                prop_assert_eq!(strip(&row[2], path), path.clone());
                prop_assert_eq!(strip(&row[8], message), message.clone());
            }

            let xml = tenet_report::junit(&input);
            prop_assert!(roxmltree::Document::parse(&xml).is_ok(), "{}", xml);

            let active = rows.iter().filter(|r| r.2.is_none()).count();
            prop_assert_eq!(tenet_report::github(&input).lines().count(), active);
            prop_assert_eq!(tenet_report::gitlab(&input).to_value().as_array().unwrap().len(), active);

            let md = tenet_report::markdown(&input);
            let inert = !md.contains("</script>") && !md.contains('\u{202E}');
            prop_assert!(inert, "markup or an override reached the comment");
        }
    }
}

#[test]
fn annotations_name_files_from_the_repository_root_and_locate_cells_honestly() {
    let dir = hostile_project();
    let (mut collect, result, settings) = scan(dir.path());
    let model = collect
        .findings
        .iter()
        .find(|f| !f.suppressed)
        .unwrap()
        .clone();
    let mut cell = model.clone();
    cell.path = tenet_engine::RelPath::from_str("nb.ipynb");
    cell.span.cell = Some(3);
    let mut multi = model.clone();
    multi.path = tenet_engine::RelPath::from_str("multi.py");
    multi.span.end.line = multi.span.start.line + 2;
    collect.findings = vec![cell, multi];
    let mut input = input(dir.path(), &collect, &result, &settings);
    input.repository_prefix = "src/";
    let text = tenet_report::github(&input);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("::error file=src/nb.ipynb,title="),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("(cell 3, line"), "{}", lines[0]);
    assert!(
        lines[1].contains("file=src/multi.py,line=") && !lines[1].contains("col="),
        "{}",
        lines[1]
    );
    let gitlab = tenet_report::gitlab(&input).to_value();
    assert_eq!(gitlab[0]["location"]["path"], "src/nb.ipynb");
    assert_eq!(gitlab[0]["location"]["lines"]["begin"], 1);
}

/// The JSON formats are written as they are made, one finding at a time;
/// what comes out must be, byte for byte, the document as a whole tree
/// prints (keys sorted, the same numbers and escapes) — with a baseline
/// marking findings new, skips, and SARIF's cut at GitHub's limit.
#[test]
fn json_formats_written_as_made_equal_the_whole_document() {
    let dir = hostile_project();
    let (mut collect, result, settings) = scan(dir.path());
    assert!(!collect.skips.is_empty(), "the hostile project has skips");
    let model = collect.findings[0].clone();
    collect
        .findings
        .extend((0..tenet_report::SARIF_MAX_RESULTS).map(|i| Finding {
            fingerprint: format!("{i:016x}"),
            ..model.clone()
        }));
    let known: HashSet<String> = collect.findings[..3]
        .iter()
        .map(|f| f.fingerprint.clone())
        .collect();
    let mut input = input(dir.path(), &collect, &result, &settings);
    input.baseline = Some(&known);
    let extras = tenet_report::JsonExtras {
        baseline_source: Some("scan 1"),
        scan_id: Some(2),
    };
    let documents = [
        ("json", tenet_report::json(&input, extras)),
        ("sarif", tenet_report::sarif(&input)),
        ("gitlab", tenet_report::gitlab(&input)),
    ];
    for (name, document) in documents {
        let streamed = serde_json::to_string_pretty(&document).unwrap();
        let tree = document.to_value();
        assert_eq!(
            streamed,
            serde_json::to_string_pretty(&tree).unwrap(),
            "{name}"
        );
        assert_eq!(serde_json::to_string(&document).unwrap(), tree.to_string());
        assert!(
            streamed.len() > 25_000 * 100,
            "{name}: every finding written"
        );
    }
}
