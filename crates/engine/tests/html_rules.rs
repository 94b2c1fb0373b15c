//! Every A11Y rule against its fixtures: each line marked `<!-- flag -->`
//! must be reported and no other line; the rendered findings are
//! snapshot-tested. Plus suppression, the Lighthouse estimate and the
//! checklist item.

use crate::common::{fixtures, flagged_lines, item, marked_lines, render, scan};
use std::path::Path;

/// Copies `CODE.html` and `CODE-*.html` into a fresh project and scans it
/// with only `select`.
fn check_fixtures(code: &str, select: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let source = fixtures().join("html");
    let mut copied = 0;
    for entry in std::fs::read_dir(&source).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == format!("{code}.html") || name.starts_with(&format!("{code}-")) {
            std::fs::copy(source.join(&name), dir.path().join(&name)).unwrap();
            copied += 1;
        }
    }
    assert!(copied > 0, "no fixture for {code}");
    let (collect, _) = scan(dir.path(), select);
    let flagged = flagged_lines(&collect.findings, code);
    let marked = marked_lines(dir.path());
    assert_eq!(
        flagged,
        marked,
        "{code}: flagged lines differ from `<!-- flag -->` markers\n{}",
        render(&collect.findings)
    );
    render(&collect.findings)
}

macro_rules! rule_fixture {
    ($test:ident, $code:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!($code, check_fixtures($code, &[$code]));
        }
    };
}

rule_fixture!(a11y001_image_alt, "A11Y001");
rule_fixture!(a11y002_html_lang, "A11Y002");
rule_fixture!(a11y003_form_label, "A11Y003");
rule_fixture!(a11y004_control_name, "A11Y004");
rule_fixture!(a11y005_click_not_focusable, "A11Y005");
rule_fixture!(a11y006_positive_tabindex, "A11Y006");
rule_fixture!(a11y007_invalid_aria, "A11Y007");
rule_fixture!(a11y008_document_title, "A11Y008");
rule_fixture!(a11y009_main_landmark, "A11Y009");
rule_fixture!(a11y010_duplicate_id, "A11Y010");
rule_fixture!(a11y011_contrast, "A11Y011");
rule_fixture!(a11y012_viewport_zoom, "A11Y012");

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

fn scan_all(root: &Path) -> (crate::common::Collect, tenet_engine::ScanResult) {
    scan(root, &[])
}

#[test]
fn findings_sit_at_the_start_tag_with_unicode_columns() {
    let dir = project(&[(
        "page.htm",
        "<p>Ünïcödé — <img src=x>\n  <span>\n<img\n src=y></span>",
    )]);
    let (collect, _) = scan(dir.path(), &["A11Y001"]);
    let spans: Vec<_> = collect
        .findings
        .iter()
        .map(|f| {
            (
                f.span.start.line,
                f.span.start.column,
                f.span.end.line,
                f.span.end.column,
            )
        })
        .collect();
    assert_eq!(spans, [(1, 14, 1, 25), (3, 1, 4, 8)]);
}

#[test]
fn html_noqa_covers_its_line_and_the_next_and_unused_ones_are_reported() {
    let dir = project(&[(
        "page.html",
        "<img src=a> <!-- noqa: A11Y001 -->\n\
         <!-- noqa: A11Y001 -- decorative -->\n<img src=b>\n\
         <!-- noqa: A11Y006 -->\n<p>nothing to suppress</p>\n\
         <!-- noqa: A11Y099 -->\n\
         <img src=c>\n",
    )]);
    let (collect, result) = scan(dir.path(), &["A11Y001", "A11Y006", "NQA001", "NQA002"]);
    let rendered = render(&collect.findings);
    insta::assert_snapshot!("html-noqa", rendered);
    assert_eq!(result.summary.suppressed, 2, "{rendered}");
    assert_eq!(
        flagged_lines(&collect.findings, "A11Y001"),
        [("page.html".to_string(), 7)]
    );
    assert_eq!(
        flagged_lines(&collect.findings, "NQA001"),
        [("page.html".to_string(), 4)]
    );
    assert_eq!(
        flagged_lines(&collect.findings, "NQA002"),
        [("page.html".to_string(), 6)]
    );
}

#[test]
fn the_family_selects_every_a11y_rule() {
    let dir = project(&[(
        "page.html",
        "<div onclick=go()><img src=x></div>\nimport asyncio\n",
    )]);
    let (collect, _) = scan(dir.path(), &["A11Y"]);
    let rules: Vec<&str> = collect.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["A11Y005", "A11Y001"]);
}

#[test]
fn full_documents_get_a_lighthouse_estimate_and_fragments_do_not() {
    let dir = project(&[
        (
            "good.html",
            "<!doctype html><html lang=en><head><title>Good</title>\
             <meta name=viewport content='width=device-width'></head>\
             <body><main><h1>Hello</h1><img src=a alt='A cat'>\
             <label>Name <input name=n></label><button>Send</button>\
             <a href='/'>Home</a></main></body></html>",
        ),
        (
            "bad.html",
            "<!doctype html><html><head></head><body>\
             <img src=a><button></button><input name=x>\
             <meta name=viewport content='user-scalable=no'>\
             <p style='color:#aaa'>faint</p><ul><li>x</li></ul></body></html>",
        ),
        ("partial.html", "<img src=a>"),
    ]);
    let (_, result) = scan_all(dir.path());
    let estimates = &result.accessibility_estimates;
    let paths: Vec<&str> = estimates.iter().map(|e| e.path.display.as_str()).collect();
    assert_eq!(paths, ["bad.html", "good.html"]);
    let good = &estimates[1].estimate;
    assert_eq!(good.score, 100, "{good:?}");
    assert!(good.audits_failed.is_empty());
    for audit in [
        "image-alt",
        "label",
        "button-name",
        "link-name",
        "document-title",
        "html-has-lang",
        "landmark-one-main",
        "meta-viewport",
        "color-contrast",
    ] {
        assert!(
            good.audits_passed.iter().any(|a| a == audit),
            "{audit}: {good:?}"
        );
    }
    assert!(good.not_judged.iter().any(|a| a == "bypass"));
    let bad = &estimates[0].estimate;
    assert_eq!(
        bad.audits_failed,
        [
            "image-alt",
            "html-has-lang",
            "label",
            "button-name",
            "document-title",
            "landmark-one-main",
            "color-contrast",
            "meta-viewport"
        ]
    );
    assert_eq!(bad.score, 0);
    assert!(bad.not_judged.iter().any(|a| a == "list"));

    let accessibility = item(&result, "accessibility");
    assert_eq!(accessibility.status, tenet_engine::Status::Fail);
    assert!(accessibility.rules.contains(&"A11Y011"));
}

#[test]
fn a_clean_page_leaves_lighthouse_95_for_a_person_to_confirm() {
    let dir = project(&[(
        "index.html",
        "<!doctype html><html lang=en><head><title>Home</title></head><body><main><p>Hi</p></main></body></html>",
    )]);
    let (collect, result) = scan_all(dir.path());
    assert!(collect.findings.is_empty(), "{}", render(&collect.findings));
    let accessibility = item(&result, "accessibility");
    assert_eq!(accessibility.status, tenet_engine::Status::NeedsReview);
    let evidence = accessibility.review_hint.as_deref().unwrap_or_default();
    assert!(
        evidence.contains("estimate") && evidence.contains("100"),
        "{evidence}"
    );
}
