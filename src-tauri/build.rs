//! Declares the app's commands so the capability file governs each one:
//! a command not granted in `capabilities/` cannot be invoked.

const COMMANDS: &[&str] = &[
    "app_info",
    "get_settings",
    "save_settings",
    "list_projects",
    "add_project",
    "add_sample_project",
    "remove_project",
    "project_overview",
    "project_charts",
    "query_findings",
    "finding_detail",
    "open_in_editor",
    "record_review",
    "list_reviews",
    "list_scans",
    "compare_scans",
    "list_rules",
    "rule_doc",
    "start_scan",
    "cancel_scan",
    "backfill_offer",
    "start_backfill",
    "list_export_formats",
    "export_report",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build: the app manifest or configuration is invalid");
}
