//! The overview's charts, rendered by the charts crate (wgpu offscreen, or
//! SVG where no adapter exists) and handed to the webview as data URIs with
//! their alt text and data table. One renderer for the app's life (creating
//! a GPU device is the slow part), warmed up at start; rendered charts are
//! kept per scan, theme and scale, since a scan never changes.

use crate::error::{CommandError, CommandResult, ErrorKind};
use base64::Engine;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use tenet_charts::{Backend, Format, RenderOptions, Renderer, Theme};
use tenet_report::chart_models;
use tenet_store::{ProjectId, ScanId, Store};

#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub image: String,
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub alt: String,
    pub renderer: String,
    pub table: DataTable,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Charts {
    pub trend: Option<Chart>,
    pub checklist: Option<Chart>,
    pub hotspots: Option<Chart>,
}

/// How the webview wants its charts drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub dark: bool,
    /// The screen's device pixels per CSS pixel, 1 to 3.
    pub scale: f32,
}

impl Look {
    pub fn new(theme: Option<&str>, scale: Option<f32>) -> Look {
        Look {
            dark: theme == Some("dark"),
            scale: scale
                .filter(|s| s.is_finite())
                .unwrap_or(1.0)
                .clamp(1.0, 3.0),
        }
    }
}

/// The app's one renderer (the overview's charts and exported reports).
pub fn renderer() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| Renderer::new(Backend::Auto))
}

/// Creates the renderer off the main thread, so the first overview is quick.
pub fn warm_up() {
    let _ = std::thread::Builder::new()
        .name("charts-warm-up".into())
        .spawn(|| {
            renderer();
        });
}

pub fn describe() -> String {
    renderer().describe()
}

type Key = (i64, &'static str, bool, u32);

fn cache() -> &'static Mutex<HashMap<Key, Chart>> {
    static CACHE: OnceLock<Mutex<HashMap<Key, Chart>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Charts kept at most; a few projects' worth of overviews.
const CACHED: usize = 60;

fn render(
    key: Key,
    model: impl FnOnce() -> CommandResult<Option<tenet_charts::Chart>>,
    (width, height): (u32, u32),
) -> CommandResult<Option<Chart>> {
    if let Some(chart) = cache().lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Some(chart.clone()));
    }
    let Some(model) = model()? else {
        return Ok(None);
    };
    let options = RenderOptions {
        width,
        height,
        scale: f32::from_bits(key.3),
        theme: if key.2 { Theme::Dark } else { Theme::Light },
        format: Format::Png,
    };
    let rendered = renderer().render(&model, &options).map_err(|e| {
        CommandError::new(
            ErrorKind::Internal,
            format!("the {} chart could not be drawn: {e}", key.1),
        )
    })?;
    let mime = match rendered.format {
        Format::Png => "image/png",
        Format::Svg => "image/svg+xml",
    };
    let chart = Chart {
        image: format!(
            "data:{mime};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&rendered.bytes)
        ),
        // Logical pixels: the webview scales a HiDPI picture down to these.
        width,
        height,
        title: rendered.title,
        alt: rendered.alt,
        renderer: rendered.renderer,
        table: DataTable {
            caption: rendered.table.caption,
            columns: rendered.table.columns,
            rows: rendered.table.rows,
        },
    };
    let mut cached = cache().lock().unwrap_or_else(|e| e.into_inner());
    if cached.len() >= CACHED {
        cached.clear();
    }
    cached.insert(key, chart.clone());
    Ok(Some(chart))
}

pub fn overview(
    store: &Store,
    project: ProjectId,
    scan: ScanId,
    look: Look,
) -> CommandResult<Charts> {
    let key = |kind| (scan.0, kind, look.dark, look.scale.to_bits());
    Ok(Charts {
        // The trend is the latest scan's too: a new scan is a new key.
        trend: render(
            key("trend"),
            || Ok(chart_models::trend(store, project)?),
            (720, 300),
        )?,
        checklist: render(
            key("checklist"),
            || {
                Ok(Some(chart_models::checklist(
                    &store.load_scan_summary(scan)?,
                )))
            },
            (720, 420),
        )?,
        hotspots: render(
            key("hotspots"),
            || Ok(Some(chart_models::hotspots(store, scan)?)),
            (960, 540),
        )?,
    })
}
