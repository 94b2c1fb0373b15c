//! Helpers shared by the engine's tests.

use std::path::{Path, PathBuf};
use tenet_engine::config::{Config, Overrides, Settings};
use tenet_engine::{Finding, FsSource, ScanOptions, ScanResult, Sink, Skip};

#[derive(Default)]
pub struct Collect {
    pub findings: Vec<Finding>,
    pub skips: Vec<Skip>,
}

impl Sink for Collect {
    fn finding(&mut self, finding: &Finding) {
        self.findings.push(finding.clone());
    }
    fn skip(&mut self, skip: &Skip) {
        self.skips.push(skip.clone());
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Scans `root` with only the selected rules (all when empty) and returns the
/// findings in a stable order.
pub fn scan(root: &Path, select: &[&str]) -> (Collect, ScanResult) {
    let config = Config::discover(root).expect("fixture configuration is valid");
    let overrides = Overrides {
        select: (!select.is_empty()).then(|| select.iter().map(|s| s.to_string()).collect()),
        ..Overrides::default()
    };
    let settings = Settings::resolve(&config, &overrides);
    let mut collect = Collect::default();
    let result = tenet_engine::scan(
        &FsSource::new(root),
        &settings,
        &mut collect,
        &ScanOptions::default(),
    );
    collect
        .findings
        .sort_by(|a, b| (&a.path, a.span.start, a.rule).cmp(&(&b.path, b.span.start, b.rule)));
    collect.skips.sort_by(|a, b| a.path.cmp(&b.path));
    (collect, result)
}

/// One line per finding, as a reviewer would read them.
pub fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let cell = f.span.cell.map_or(String::new(), |c| format!("cell {c}:"));
            let suppressed = match (&f.suppressed, &f.suppression_reason) {
                (true, Some(reason)) => format!(" [suppressed: {reason}]"),
                (true, None) => " [suppressed]".to_string(),
                _ => String::new(),
            };
            let related: String = f
                .related
                .iter()
                .map(|r| {
                    format!(
                        "\n    related {}:{} {}",
                        r.span.start.line, r.span.start.column, r.message
                    )
                })
                .collect();
            format!(
                "{}:{cell}{}:{}-{}:{} {} {} {}{suppressed}{related}",
                f.path,
                f.span.start.line,
                f.span.start.column,
                f.span.end.line,
                f.span.end.column,
                f.rule,
                f.severity,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines marked `# flag` (or `<!-- flag -->` in HTML) in the files under
/// `root`: (path, 1-based line).
pub fn marked_lines(root: &Path) -> Vec<(String, u32)> {
    let mut marked = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for (i, line) in text.lines().enumerate() {
            if line.contains("# flag") || line.contains("<!-- flag -->") {
                marked.push((rel.clone(), i as u32 + 1));
            }
        }
    }
    marked.sort();
    marked
}

/// The (path, line) of each unsuppressed finding of `code`.
pub fn flagged_lines(findings: &[Finding], code: &str) -> Vec<(String, u32)> {
    let mut lines: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == code && !f.suppressed)
        .map(|f| (f.path.display.clone(), f.span.start.line))
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// The checklist item with this id.
pub fn item<'r>(result: &'r ScanResult, id: &str) -> &'r tenet_engine::ItemResult {
    result
        .checklist
        .items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no checklist item {id}"))
}
