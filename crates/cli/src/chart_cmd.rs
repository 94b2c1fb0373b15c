//! `tenet chart trend|checklist|hotspots PATH --output FILE.png|FILE.svg`:
//! a project's recorded scans drawn as a chart, through the same library
//! the app and the report use. Which renderer ran goes to standard error.

use crate::history_cmd::project_of;
use crate::{open_store, write_output, UsageError};
use anyhow::Result;
use clap::ValueEnum;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tenet_charts::{
    Backend, Chart, ChecklistBar, Format, HotspotFile, ItemStatus, RenderOptions, Renderer, Theme,
    TrendPoint,
};
use tenet_engine::checklist::Status;
use tenet_store::{ScanRef, Store};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// Findings per scan by severity, with the checklist score.
    Trend,
    /// The latest scan's checklist items by findings.
    Checklist,
    /// The latest scan's files as a treemap, coloured by findings per 1,000 lines.
    Hotspots,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

pub struct ChartArgs<'a> {
    pub kind: ChartKind,
    pub path: &'a Path,
    pub output: &'a Path,
    pub width: u32,
    pub height: u32,
    pub scale: f32,
    pub theme: ThemeArg,
}

pub fn chart(args: &ChartArgs, db: Option<&Path>) -> Result<u8> {
    let format = match args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("png") => Format::Png,
        Some("svg") => Format::Svg,
        _ => {
            return Err(UsageError(format!(
                "--output {}: the file name must end in .png or .svg",
                args.output.display()
            ))
            .into())
        }
    };
    let store = open_store(db)?;
    let project = project_of(&store, args.path)?;
    let no_scans = || {
        UsageError(format!(
            "{}: no complete scan in {} yet; run `tenet scan` first",
            args.path.display(),
            store.path().display()
        ))
    };
    let chart = match args.kind {
        ChartKind::Trend => {
            let rows = store.trend(project)?;
            if rows.is_empty() {
                return Err(no_scans().into());
            }
            Chart::Trend(
                rows.into_iter()
                    .map(|r| TrendPoint {
                        at: r.at_unix,
                        error: r.error,
                        warning: r.warning,
                        info: r.info,
                        score: r.score,
                    })
                    .collect(),
            )
        }
        ChartKind::Checklist => {
            let scan = store
                .resolve_scan(project, ScanRef::Latest)
                .map_err(|_| no_scans())?;
            Chart::Checklist(checklist_bars(&store, scan)?)
        }
        ChartKind::Hotspots => {
            let scan = store
                .resolve_scan(project, ScanRef::Latest)
                .map_err(|_| no_scans())?;
            Chart::Hotspots(
                store
                    .hotspots(scan)?
                    .into_iter()
                    .map(|r| HotspotFile {
                        path: r.path,
                        lines: r.lines,
                        findings: r.findings,
                    })
                    .collect(),
            )
        }
    };
    let options = RenderOptions {
        width: args.width,
        height: args.height,
        scale: args.scale,
        theme: match args.theme {
            ThemeArg::Light => Theme::Light,
            ThemeArg::Dark => Theme::Dark,
        },
        format,
    };
    let renderer = Renderer::new(if format == Format::Svg {
        // An SVG needs no GPU; do not spend time creating a device.
        Backend::SvgOnly
    } else {
        Backend::Auto
    });
    let rendered = renderer
        .render(&chart, &options)
        .map_err(|e| UsageError(format!("{}: {e}", args.output.display())))?;
    // No adapter: the chart came out as SVG, so it goes to a .svg file
    // rather than into a .png name.
    let output: PathBuf = if rendered.format == format {
        args.output.to_path_buf()
    } else {
        args.output.with_extension("svg")
    };
    write_output(Some(&output), &rendered.bytes)?;
    eprintln!("tenet: chart rendered by {}", rendered.renderer);
    if output != args.output {
        eprintln!(
            "tenet: note: no GPU adapter, so the chart is SVG: wrote {} instead of {}",
            output.display(),
            args.output.display()
        );
    } else {
        eprintln!("tenet: wrote {}", output.display());
    }
    Ok(0)
}

/// The latest scan's checklist, each item with its unsuppressed findings
/// by severity.
fn checklist_bars(store: &Store, scan: tenet_store::ScanId) -> Result<Vec<ChecklistBar>> {
    let stored = store.load_scan(scan)?;
    let mut by_item: HashMap<&str, [u64; 3]> = HashMap::new();
    for finding in stored.findings.iter().filter(|f| !f.suppressed) {
        let Some(item) = tenet_engine::rules::find(finding.rule).and_then(|r| r.item) else {
            continue;
        };
        let counts = by_item.entry(item).or_default();
        match finding.severity.as_str() {
            "error" => counts[0] += 1,
            "warning" => counts[1] += 1,
            _ => counts[2] += 1,
        }
    }
    Ok(stored
        .result
        .checklist
        .items
        .iter()
        .map(|item| {
            let [error, warning, info] = by_item.get(item.id).copied().unwrap_or_default();
            ChecklistBar {
                id: item.id.to_string(),
                title: item.title.to_string(),
                status: match item.status {
                    Status::Pass => ItemStatus::Pass,
                    Status::Fail => ItemStatus::Fail,
                    Status::NeedsReview => ItemStatus::NeedsReview,
                    Status::NotApplicable => ItemStatus::NotApplicable,
                },
                error,
                warning,
                info,
            }
        })
        .collect())
}
