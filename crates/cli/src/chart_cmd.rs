//! `tenet chart trend|checklist|hotspots PATH --output FILE.png|FILE.svg`:
//! a project's recorded scans drawn as a chart, through the same library
//! the app and the report use. Which renderer ran goes to standard error.

use crate::destination::write_output;
use crate::history_cmd::project_of;
use crate::{open_store, UsageError};
use anyhow::Result;
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use tenet_charts::{Backend, Format, RenderOptions, Renderer, Theme};
use tenet_report::chart_models;
use tenet_store::ScanRef;

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
        ChartKind::Trend => chart_models::trend(&store, project)?.ok_or_else(no_scans)?,
        ChartKind::Checklist => {
            let scan = store
                .resolve_scan(project, ScanRef::Latest)
                .map_err(|_| no_scans())?;
            chart_models::checklist(&store.load_scan_summary(scan)?)
        }
        ChartKind::Hotspots => {
            let scan = store
                .resolve_scan(project, ScanRef::Latest)
                .map_err(|_| no_scans())?;
            chart_models::hotspots(&store, scan)?
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
    write_output(Some(&output), |out| Ok(out.write_all(&rendered.bytes)?))?;
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
