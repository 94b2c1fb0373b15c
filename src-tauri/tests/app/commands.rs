use crate::support::{query, TestApp};
use serde_json::json;

#[test]
fn a_scanned_project_shows_its_checklist_score_and_gate() {
    let t = TestApp::new();
    let project = t.add_sample();
    let overview = t.ok("project_overview", json!({"projectId": project}));
    assert!(overview["scan"].is_null(), "no scan yet: {overview}");
    assert_eq!(overview["checklist"], json!([]));

    let events = t.scan(project, false);
    let end = events.last().unwrap();
    assert_eq!(end["event"], "finished", "{end}");
    assert_eq!(end["gate"], "fail");
    assert!(
        end["new"].is_null(),
        "a first scan has nothing to compare with"
    );

    let overview = t.ok("project_overview", json!({"projectId": project}));
    assert_eq!(overview["scan"]["gate"], "fail");
    assert_eq!(overview["scan"]["id"], end["scan_id"]);
    let items = overview["checklist"].as_array().unwrap();
    assert_eq!(items.len(), 13);
    let item = |id: &str| items.iter().find(|i| i["id"] == id).unwrap().clone();
    assert_eq!(item("async-taskgroups")["status"], "fail");
    assert_eq!(item("async-taskgroups")["findings"], 5);
    assert_eq!(
        item("async-taskgroups")["by_severity"]["error"]
            .as_u64()
            .unwrap()
            + item("async-taskgroups")["by_severity"]["warning"]
                .as_u64()
                .unwrap()
            + item("async-taskgroups")["by_severity"]["info"]
                .as_u64()
                .unwrap(),
        5
    );
    assert_eq!(item("permissions")["status"], "pass");
    assert_eq!(item("performance-comments")["status"], "needs_review");
    assert!(item("performance-comments")["review_part"].is_string());

    let charts = t.ok(
        "project_charts",
        json!({"projectId": project, "chartTheme": "dark", "chartScale": 2.0}),
    );
    for kind in ["trend", "checklist", "hotspots"] {
        let chart = &charts[kind];
        let image = chart["image"].as_str().unwrap();
        assert!(
            image.starts_with("data:image/png;base64,")
                || image.starts_with("data:image/svg+xml;base64,"),
            "{kind}: {}",
            &image[..40.min(image.len())]
        );
        assert!(
            chart["alt"].as_str().unwrap().ends_with('.'),
            "{kind}: a sentence"
        );
        assert!(
            !chart["table"]["rows"].as_array().unwrap().is_empty(),
            "{kind}: data rows"
        );
        assert!(!chart["renderer"].as_str().unwrap().is_empty());
    }
    assert_eq!(
        charts["trend"]["table"]["rows"].as_array().unwrap().len(),
        1,
        "one scan"
    );
    assert_eq!(
        charts["checklist"]["table"]["rows"]
            .as_array()
            .unwrap()
            .len(),
        13
    );

    let projects = t.ok("list_projects", json!({}));
    assert_eq!(projects[0]["id"], project);
    assert_eq!(projects[0]["last_scan"]["gate"], "fail");
    assert_eq!(projects[0]["trend"], json!([end["findings"]]));
}

#[test]
fn findings_filter_sort_page_and_open_with_their_source() {
    let t = TestApp::new();
    let project = t.add_sample();
    t.scan(project, false);
    let all = t.ok(
        "query_findings",
        json!({"projectId": project, "scanId": null, "query": query(json!({}))}),
    );
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 20, "{all}");
    let counted: u64 = all["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, total, "groups count the whole filtered set");

    // Only errors, then a text filter on a path, then a page of two.
    let errors = t.ok(
        "query_findings",
        json!({"projectId": project, "scanId": null,
        "query": query(json!({"severity": ["error"]}))}),
    );
    assert!(errors["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["severity"] == "error"));
    assert!(errors["total"].as_u64().unwrap() < total);
    let sync = t.ok("query_findings", json!({"projectId": project, "scanId": null,
        "query": query(json!({"text": "ACME/SYNC", "group_by": "file", "sort": {"key": "line", "direction": "descending"}}))}));
    let rows = sync["rows"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["path"] == "acme/sync.py"), "{sync}");
    let lines: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert!(
        lines.windows(2).all(|w| w[0] >= w[1]),
        "descending by line: {lines:?}"
    );
    let page = t.ok(
        "query_findings",
        json!({"projectId": project, "scanId": null,
        "query": query(json!({"offset": 2, "limit": 2}))}),
    );
    assert_eq!(page["rows"].as_array().unwrap().len(), 2);
    assert_eq!(
        page["rows"][0]["id"], all["rows"][2]["id"],
        "pages follow one order"
    );

    let gather = t.ok(
        "query_findings",
        json!({"projectId": project, "scanId": null,
        "query": query(json!({"rules": ["ASY001"]}))}),
    );
    let id = gather["rows"][0]["id"].as_str().unwrap().to_string();
    let detail = t.ok(
        "finding_detail",
        json!({"projectId": project, "findingId": id}),
    );
    assert_eq!(detail["rule"]["code"], "ASY001");
    let source = &detail["source"];
    let line = detail["line"].as_u64().unwrap();
    let first = source["first_line"].as_u64().unwrap();
    let shown = source["lines"][(line - first) as usize].as_str().unwrap();
    assert!(
        shown.contains("gather"),
        "the highlighted line is the finding's: {shown}"
    );
    assert!(detail["source_note"].is_null());
    assert!(detail["rule"]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["kind"] == "code"));

    // The file changes after the scan: the pane says so.
    let file = t.sample.join("acme/sync.py");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("# edited\n{text}")).unwrap();
    let detail = t.ok(
        "finding_detail",
        json!({"projectId": project, "findingId": id}),
    );
    assert!(detail["source_note"]
        .as_str()
        .unwrap()
        .contains("changed since this scan"));

    let missing = t
        .invoke(
            "finding_detail",
            json!({"projectId": project, "findingId": "999-0"}),
        )
        .unwrap_err();
    assert_eq!(missing["kind"], "not_found", "{missing}");
}

#[test]
fn reviews_decide_needs_review_items_and_overruling_needs_a_reason() {
    let t = TestApp::new();
    let project = t.add_sample();
    t.scan(project, false);
    let item = t.ok(
        "record_review",
        json!({"projectId": project, "itemId": "performance-comments",
        "verdict": "pass", "note": "Hot paths carry their cost notes"}),
    );
    assert_eq!(item["status"], "pass");
    assert_eq!(item["review"]["verdict"], "pass");
    assert_eq!(item["review"]["note"], "Hot paths carry their cost notes");

    let refused = t
        .invoke(
            "record_review",
            json!({"projectId": project, "itemId": "permissions",
        "verdict": "fail", "note": "  "}),
        )
        .unwrap_err();
    assert_eq!(refused["kind"], "invalid");
    assert!(
        refused["message"].as_str().unwrap().contains("overrule"),
        "{refused}"
    );
    t.ok(
        "record_review",
        json!({"projectId": project, "itemId": "permissions",
        "verdict": "fail", "note": "deploy key is world-readable on the server"}),
    );

    let log = t.ok("list_reviews", json!({"projectId": project}));
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["item"], "permissions", "newest first");
    assert!(log
        .iter()
        .all(|r| r["current"] == true && r["stale"] == false));
    assert!(!log[0]["reviewer"].as_str().unwrap().is_empty());

    let unknown = t
        .invoke(
            "record_review",
            json!({"projectId": project, "itemId": "nope",
        "verdict": "pass", "note": ""}),
        )
        .unwrap_err();
    assert_eq!(unknown["kind"], "invalid");
}

#[test]
fn history_lists_scans_and_compares_two() {
    let t = TestApp::new();
    let project = t.add_sample();
    let first = t.scan(project, false).last().unwrap()["scan_id"].clone();
    // Fix one finding, add another.
    let file = t.sample.join("acme/sync.py");
    let text = std::fs::read_to_string(&file).unwrap();
    let fixed = text.replacen("asyncio.gather(", "group_results(", 1);
    assert_ne!(fixed, text);
    std::fs::write(
        &file,
        format!("{fixed}\nimport collections\nbacklog = collections.deque()\n"),
    )
    .unwrap();
    let end = t.scan(project, false).last().unwrap().clone();
    assert_eq!(end["new"], 1, "{end}");
    assert_eq!(end["fixed"], 1, "{end}");

    let scans = t.ok("list_scans", json!({"projectId": project}));
    assert_eq!(scans.as_array().unwrap().len(), 2);
    assert_eq!(scans[0]["id"], end["scan_id"], "newest first");
    assert!(scans[1]["delta"].is_null());

    let comparison = t.ok(
        "compare_scans",
        json!({"projectId": project, "from": first, "to": end["scan_id"]}),
    );
    assert_eq!(comparison["new_total"], 1);
    assert_eq!(comparison["new"][0]["rule"], "MEM001");
    assert_eq!(comparison["fixed"][0]["rule"], "ASY001");
    assert!(comparison["unchanged"].as_u64().unwrap() > 10);

    let overview = t.ok("project_overview", json!({"projectId": project}));
    assert_eq!(overview["changes"]["new"], 1);
    assert_eq!(overview["changes"]["fixed"], 1);
}

#[test]
fn a_cancelled_scan_is_kept_as_interrupted() {
    let t = TestApp::new();
    let project = t.add_sample();
    let events = t.scan(project, true);
    assert_eq!(events.last().unwrap()["event"], "cancelled");
    let scans = t.ok("list_scans", json!({"projectId": project}));
    assert_eq!(scans[0]["interrupted"], true);
    let overview = t.ok("project_overview", json!({"projectId": project}));
    assert!(
        overview["scan"].is_null(),
        "an interrupted scan is not the overview's"
    );
}

#[test]
fn removing_a_project_keeps_or_deletes_its_history() {
    let t = TestApp::new();
    let project = t.add_sample();
    t.scan(project, false);
    t.ok(
        "remove_project",
        json!({"projectId": project, "keepHistory": true}),
    );
    assert_eq!(t.ok("list_projects", json!({})), json!([]));
    let again = t.add_sample();
    assert_eq!(again, project, "adding the folder again brings it back");
    assert_eq!(
        t.ok("list_scans", json!({"projectId": project}))
            .as_array()
            .unwrap()
            .len(),
        1
    );

    t.ok(
        "remove_project",
        json!({"projectId": project, "keepHistory": false}),
    );
    let gone = t
        .invoke("list_scans", json!({"projectId": project}))
        .unwrap_err();
    assert_eq!(gone["kind"], "not_found");
    let store = tenet_store::Store::open(&t.database).unwrap();
    assert!(store.integrity_check().unwrap().is_empty());
    assert!(store.projects().unwrap().is_empty());
}

#[test]
fn settings_round_trip_and_bad_values_are_refused_in_words() {
    let t = TestApp::new();
    let mut settings = t.ok("get_settings", json!({}));
    assert_eq!(settings["theme"], "system");
    assert_eq!(settings["single_key_shortcuts"], true);
    settings["theme"] = json!("contrast");
    settings["editor_command"] = json!("code -g {path}:{line}");
    t.ok("save_settings", json!({"settings": settings}));
    assert_eq!(t.ok("get_settings", json!({}))["theme"], "contrast");
    let saved = std::fs::read_to_string(t.folder.path().join("settings.json")).unwrap();
    assert!(saved.contains("contrast"));

    settings["fail_on"] = json!("sometimes");
    let refused = t
        .invoke("save_settings", json!({"settings": settings}))
        .unwrap_err();
    assert_eq!(refused["kind"], "invalid");
    assert!(refused["message"].as_str().unwrap().contains("sometimes"));
}

#[test]
fn rules_are_listed_with_their_docs() {
    let t = TestApp::new();
    let rules = t.ok("list_rules", json!({}));
    assert!(rules
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "MEM001" && r["item"] == "bounded-buffers"));
    let doc = t.ok("rule_doc", json!({"code": "MEM001"}));
    let headings: Vec<&str> = doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "heading")
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "What it does",
            "Why is this bad?",
            "Example",
            "Use instead",
            "How to fix it"
        ]
    );
    let unknown = t.invoke("rule_doc", json!({"code": "XYZ999"})).unwrap_err();
    assert_eq!(unknown["kind"], "not_found");
}

#[test]
fn exports_render_every_listed_format_from_the_stored_scan() {
    let t = TestApp::new();
    let project = t.add_sample();
    let scan = t.scan(project, false).last().unwrap()["scan_id"]
        .as_i64()
        .unwrap();
    let formats = t.ok("list_export_formats", json!({}));
    let store = tenet_store::Store::open(&t.database).unwrap();
    for format in formats.as_array().unwrap() {
        let id = format["id"].as_str().unwrap();
        let bytes =
            tenet_app::commands::export::render(&store, tenet_store::ScanId(scan), id, "error")
                .unwrap();
        if id == "pdf" {
            // Compressed text; the report crate's tests read it back.
            assert!(bytes.starts_with(b"%PDF-1.7"), "a PDF");
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        // Markdown escapes the dot; every other format names the file as is.
        let name = if id == "md" {
            "acme/sync\\.py"
        } else {
            "acme/sync.py"
        };
        assert!(text.contains(name), "{id} names the findings' files");
    }
    let target = t.folder.path().join("report.sarif");
    tenet_app::commands::export::write_file(&target, b"{}").unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"{}");
    // Written as made, straight into the file: the same bytes.
    use tenet_app::commands::export::{render, render_into, write_with};
    let report = t.folder.path().join("report.json");
    write_with(&report, |out| {
        render_into(&store, tenet_store::ScanId(scan), "json", "error", out)
    })
    .unwrap();
    assert_eq!(
        std::fs::read(&report).unwrap(),
        render(&store, tenet_store::ScanId(scan), "json", "error").unwrap()
    );
    // A report that fails half-way leaves the previous file as it was, no
    // temporary file beside it, and an error that names the file.
    let failed = write_with(&target, |out| {
        out.write_all(b"half").unwrap();
        Err(tenet_app::error::CommandError::io("disk full"))
    })
    .unwrap_err();
    assert!(
        failed.message.contains("report.sarif"),
        "{}",
        failed.message
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"{}");
    let left: Vec<_> = std::fs::read_dir(t.folder.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tenet-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn editor_templates_jump_to_the_line() {
    use tenet_app::commands::findings::editor_command;
    let path = std::path::Path::new("/work/my project/a.py");
    assert_eq!(
        editor_command("code -g {path}:{line}:{column}", path, 12, 3).unwrap(),
        ["code", "-g", "/work/my project/a.py:12:3"]
    );
    assert_eq!(
        editor_command("", path, 1, 1),
        None,
        "empty: the system's handler"
    );
}
