//! How a chart is asked for, and what comes back.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Theme {
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Png,
    Svg,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderOptions {
    /// Size in logical (CSS) pixels.
    pub width: u32,
    pub height: u32,
    /// Device pixels per logical pixel (2.0 on a HiDPI screen). A PNG is
    /// `width × scale` by `height × scale` pixels; an SVG keeps the logical size.
    pub scale: f32,
    pub theme: Theme,
    pub format: Format,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 800,
            height: 400,
            scale: 1.0,
            theme: Theme::Light,
            format: Format::Png,
        }
    }
}

/// A chart's data as rows, for an HTML table beside the picture.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataTable {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Where the time of one render went. Stages that did not run are zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timings {
    /// Chart model to display list.
    pub layout: Duration,
    /// Display list to vertices, with the glyph atlas.
    pub tessellation: Duration,
    /// Upload, draw and wait for the GPU.
    pub gpu: Duration,
    /// Copying the picture back from the GPU.
    pub readback: Duration,
    /// PNG compression, or writing the SVG text.
    pub encode: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.layout + self.tessellation + self.gpu + self.readback + self.encode
    }
}

/// A rendered chart with everything a `<figure>` needs.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// What `bytes` are: SVG when PNG was asked for but no GPU adapter exists.
    pub format: Format,
    pub bytes: Vec<u8>,
    /// Pixels for a PNG; logical pixels (the `viewBox`) for an SVG.
    pub width: u32,
    pub height: u32,
    pub title: String,
    /// One sentence that states the point of the chart.
    pub alt: String,
    pub table: DataTable,
    /// Which renderer ran: "llvmpipe (…) (Vulkan)", "svg", "svg fallback (…)".
    pub renderer: String,
    pub timings: Timings,
}
