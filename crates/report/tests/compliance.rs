//! The compliance report (HTML and PDF) on the hostile project: complete
//! (cover, summary, checklist, snippets, suppressions, rules), inert (no
//! markup from a file name or a line of code gets through), self-contained,
//! and for the PDF readable back by poppler's `pdftotext` and `pdftoppm`.

mod common;

use common::*;
use std::process::Command;
use tenet_charts::{Backend, Renderer};
use tenet_report::compliance::{self, Context, Document, LISTED_PER_SECTION};

fn context() -> Context {
    Context {
        project: "hostile <b>project</b>".into(),
        scan_id: Some(7),
        scanned_at: Some("2026-12-05T10:00:00.000Z".into()),
        engine_version: "0.1.0".into(),
        generated_at: "2026-12-05T10:01:00.000Z".into(),
        ..Context::default()
    }
}

fn document(root: &std::path::Path) -> Document {
    let (collect, result, settings) = scan(root);
    let input = input(root, &collect, &result, &settings);
    Document::build(&input, &context())
}

fn html_of(doc: &Document) -> String {
    let html = compliance::html_report(doc, &Renderer::new(Backend::SvgOnly));
    assert!(!html.contains("could not be drawn"), "every chart is drawn");
    html
}

/// Every value of `attribute` in `html`.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn html_report_is_inert_whatever_the_file_names_and_code_say() {
    let dir = hostile_project();
    let html = html_of(&document(dir.path()));
    // Only the report's own elements: nothing from a name or a line of code.
    assert!(!html.contains("<img src=x"), "a file name became markup");
    assert!(!html.contains("<script"), "no script at all");
    assert!(
        !html.contains("<b>"),
        "the project name and reasons are text"
    );
    assert!(!html.contains('\u{202E}'), "no raw right-to-left override");
    assert!(!html.contains('\u{FEFF}'), "no raw byte-order mark");
    assert!(!html.contains('\u{1b}'), "no raw escape character");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;.py"));
    assert!(html.contains("x&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;.py"));
    assert!(html.contains("hostile &lt;b&gt;project&lt;/b&gt;"));
    assert!(
        html.contains("rtl\\u{202e}yp.py"),
        "the override is shown escaped"
    );
    // Every attribute value stays inside its quotes: a quote from a name
    // would have ended one early and left the rest as a new attribute.
    for value in attribute_values(&html, "alt") {
        assert!(!value.contains('<') && !value.contains('>'), "{value}");
    }
    for (at, _) in html.match_indices("<img") {
        assert!(
            html[at..].starts_with("<img src=\"data:image/"),
            "only the report's own images"
        );
    }
}

#[test]
fn html_report_is_self_contained_under_its_own_csp() {
    let dir = hostile_project();
    let html = html_of(&document(dir.path()));
    for src in attribute_values(&html, "src") {
        assert!(
            src.starts_with("data:image/"),
            "{}",
            &src[..src.len().min(40)]
        );
    }
    for href in attribute_values(&html, "href") {
        assert!(href.starts_with('#'), "only in-page links: {href}");
    }
    // The CSP allows exactly the inline style sheet it carries.
    let csp = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSP meta tag");
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    let style = html
        .split("<style>")
        .nth(1)
        .and_then(|rest| rest.split("</style>").next())
        .unwrap();
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style));
    assert!(csp.contains(&format!("style-src 'sha256-{hash}'")), "{csp}");
    assert_eq!(html.matches("<style>").count(), 1);
    assert!(!html.contains(" style=\""), "no inline style attributes");
    assert!(html.contains("@media print"), "a print style sheet");
}

#[test]
fn html_report_carries_every_part_an_auditor_reads() {
    let dir = hostile_project();
    let doc = document(dir.path());
    let html = html_of(&doc);
    for part in [
        "<html lang=\"en\">",
        "Standard version",
        &format!("{} (configuration ", tenet_engine::STANDARD_VERSION),
        "Executive summary",
        "This is the first recorded scan.",
        "Checklist",
        "Async uses AnyIO TaskGroups",
        "Suppressions",
        "Skipped files",
        "Appendix: rules applied",
        "ASY001",
        "NQA002",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    // The finding's own line is highlighted in its snippet.
    assert!(
        html.contains("<mark><span class=\"ln\">    4 </span>    await asyncio.gather(a(), b())")
    );
    // The suppression and its reason, escaped.
    assert!(html.contains("&lt;b&gt;legacy&lt;/b&gt;"));
    // The checklist chart as a figure with alt text and its data table.
    assert!(html.contains("<figure"));
    assert!(html.contains("<figcaption"));
    assert!(html.contains("Show the data of"));
    // The blob was skipped and says why.
    assert!(html.contains("blob.py"));
}

#[test]
fn long_sections_list_the_first_findings_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut code = String::from("import asyncio\n");
    for i in 0..(LISTED_PER_SECTION + 7) {
        code.push_str(&format!("asyncio.gather(f{i}())\n"));
    }
    std::fs::write(dir.path().join("many.py"), code).unwrap();
    let doc = document(dir.path());
    let item = doc
        .items
        .iter()
        .find(|i| i.id == "async-taskgroups")
        .unwrap();
    assert_eq!(item.findings.listed.len(), LISTED_PER_SECTION);
    assert!(item.findings.more >= 7, "{}", item.findings.more);
    let html = html_of(&doc);
    assert!(html.contains("more, not listed here"));
}

#[test]
fn a_file_changed_since_the_scan_is_noted_beside_its_snippet() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.py"),
        "import asyncio\nasyncio.gather(f())\n",
    )
    .unwrap();
    let (collect, result, settings) = scan(dir.path());
    let input = input(dir.path(), &collect, &result, &settings);
    let mut context = context();
    context
        .scanned_hashes
        .insert("a.py".into(), "not the hash of today's a.py".into());
    let doc = Document::build(&input, &context);
    let entry = first_async_finding(&doc);
    assert!(entry.snippet.is_some());
    assert!(entry
        .note
        .as_deref()
        .unwrap()
        .contains("changed since this scan"));
    std::fs::remove_file(dir.path().join("a.py")).unwrap();
    let doc = Document::build(&input, &context);
    let entry = first_async_finding(&doc);
    assert!(entry.snippet.is_none());
    assert!(entry.note.as_deref().unwrap().contains("gone"));
}

/// The first finding listed under "Async uses AnyIO TaskGroups".
fn first_async_finding(doc: &Document) -> &compliance::FindingEntry {
    &doc.items
        .iter()
        .find(|i| i.id == "async-taskgroups")
        .unwrap()
        .findings
        .listed[0]
}

/// `doc` written as a PDF (valid PDF/UA-1, or the test fails) into a
/// temporary folder, which lives as long as the returned guard.
fn pdf_file(doc: &Document) -> (tempfile::TempDir, std::path::PathBuf) {
    let bytes = compliance::pdf(doc).expect("a valid PDF/UA-1 document");
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("report.pdf");
    std::fs::write(&file, bytes).unwrap();
    (out, file)
}

fn poppler(tool: &str, args: &[&str]) -> std::process::Output {
    Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool}: {e}; install poppler-utils (`scripts/install-deps --test` does)")
    })
}

#[test]
fn pdf_report_is_tagged_and_reads_back_with_its_content() {
    let dir = hostile_project();
    let (_out, file) = pdf_file(&document(dir.path()));
    let path = file.to_str().unwrap();

    let info = String::from_utf8(poppler("pdfinfo", &[path]).stdout).unwrap();
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Title:           Compliance report: hostile <b>project</b>"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    let fonts = String::from_utf8(poppler("pdffonts", &[path]).stdout).unwrap();
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes "), "every font embedded: {line}");
    }
    assert!(fonts.contains("DejaVuSansMono"), "{fonts}");

    // The structure tree a screen reader walks.
    let tree = String::from_utf8_lossy(&poppler("pdfinfo", &["-struct", path]).stdout).into_owned();
    for element in [
        "H1 ",
        "H2 \"Executive summary\"",
        "H2 \"Appendix: rules applied\"",
        "H3 ",
        "Table",
        "Caption",
        "/Scope /Column",
        "/Scope /Row",
        "Figure",
        "/ListNumbering /Decimal",
        "LBody",
        "Code",
    ] {
        assert!(
            tree.contains(element),
            "no {element} in the structure tree:\n{tree}"
        );
    }

    let text = String::from_utf8(poppler("pdftotext", &[path, "-"]).stdout).unwrap();
    for part in [
        "TENET COMPLIANCE REPORT",
        "Executive summary",
        "Async uses AnyIO TaskGroups",
        "Appendix: rules applied",
        "Suppressions",
        "<b>legacy</b>",
        "<img src=x onerror=alert(1)>.py",
        "await asyncio.gather(a(), b())",
        // No glyph in the font: shown as an escape, never as an empty box.
        "\\u{540d}\\u{524d}\\u{feff}.py",
        "rtl\\u{202e}yp.py",
    ] {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
}

#[test]
fn pdf_first_page_renders_with_ink_on_paper() {
    let dir = hostile_project();
    let (out, file) = pdf_file(&document(dir.path()));
    let prefix = out.path().join("page");
    let status = poppler(
        "pdftoppm",
        &[
            "-r",
            "30",
            "-gray",
            "-f",
            "1",
            "-l",
            "1",
            file.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    assert!(status.status.success());
    let image = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pgm"))
        .expect("a rendered page");
    let pgm = std::fs::read(image).unwrap();
    // P5 header: magic, width, height, maxval, then one byte per pixel.
    let header: Vec<&[u8]> = pgm.splitn(5, |b| b.is_ascii_whitespace()).collect();
    assert_eq!(header[0], b"P5");
    let pixels = header[4];
    let dark = pixels.iter().filter(|&&p| p < 100).count();
    let light = pixels.iter().filter(|&&p| p > 200).count();
    assert!(dark > 200, "text is drawn ({dark} dark pixels)");
    assert!(light > pixels.len() / 2, "on a white page");
}

#[test]
fn reviewers_verdicts_and_notes_are_in_both_reports_and_stay_text() {
    let dir = hostile_project();
    let (collect, mut result, settings) = scan(dir.path());
    let item = result
        .checklist
        .items
        .iter_mut()
        .find(|i| i.id == "performance-comments")
        .unwrap();
    item.review = Some(tenet_engine::Review {
        id: Some(1),
        verdict: tenet_engine::Status::Pass,
        reviewer: "Ada <script>".into(),
        at: "2026-12-01T09:30:00.000Z".into(),
        note: "Hot paths are commented; see <a href=x>PR 12</a>".into(),
        evidence: String::new(),
        stale: true,
    });
    let input = input(dir.path(), &collect, &result, &settings);
    let doc = Document::build(&input, &context());
    let html = html_of(&doc);
    assert!(html.contains("Reviewer's verdict:"));
    assert!(html.contains("by Ada &lt;script&gt; on 2026-12-01 09:30:00 UTC"));
    assert!(html.contains("see &lt;a href=x&gt;PR 12&lt;/a&gt;"));
    assert!(html.contains("<strong>Stale:</strong>"));

    let (_out, file) = pdf_file(&doc);
    let text =
        String::from_utf8(poppler("pdftotext", &[file.to_str().unwrap(), "-"]).stdout).unwrap();
    assert!(
        text.contains("by Ada <script> on 2026-12-01 09:30:00 UTC"),
        "{text}"
    );
    assert!(text.contains("Hot paths are commented"));
    assert!(text.contains("Stale: the evidence has changed"));
}
