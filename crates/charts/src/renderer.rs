//! The entry point: a renderer that owns the GPU device (created once — it
//! is the expensive part) or knows it has none, and renders charts.

use crate::alt::describe;
use crate::error::ChartError;
use crate::gpu::Gpu;
use crate::layout::layout;
use crate::model::Chart;
use crate::options::{Format, RenderOptions, Rendered, Timings};
use crate::png_encode;
use crate::svg;
use std::time::Instant;

/// Set to `svg` to force the no-adapter path (as if no GPU existed).
pub const BACKEND_ENV: &str = "TENET_CHARTS_BACKEND";

/// The largest chart side, in logical pixels.
const MAX_SIDE: u32 = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// wgpu's default backends for the platform (Vulkan, Metal, DX12), unless
    /// `TENET_CHARTS_BACKEND=svg`; SVG when no adapter is found.
    Auto,
    /// Never touch the GPU: PNG requests come back as SVG.
    SvgOnly,
}

/// Renders charts. `Send + Sync`: keep one and render from any thread.
pub struct Renderer {
    gpu: Option<Gpu>,
    /// Why there is no GPU, for `describe`.
    fallback_reason: String,
}

impl Renderer {
    /// Finds an adapter and creates the device (`Auto`), or settles for SVG.
    /// Never fails: a machine without a GPU still gets charts.
    pub fn new(backend: Backend) -> Renderer {
        let forced = std::env::var(BACKEND_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("svg"));
        if backend == Backend::SvgOnly || forced {
            let reason = if forced {
                format!("{BACKEND_ENV}=svg")
            } else {
                "GPU rendering switched off".to_string()
            };
            return Renderer {
                gpu: None,
                fallback_reason: reason,
            };
        }
        match Gpu::new() {
            Ok(gpu) => Renderer {
                gpu: Some(gpu),
                fallback_reason: String::new(),
            },
            Err(reason) => Renderer {
                gpu: None,
                fallback_reason: reason,
            },
        }
    }

    /// The renderer in words, for an about box or a report's colophon:
    /// "llvmpipe (LLVM 15.0.6, 256 bits) (Vulkan)" or "svg fallback (…)".
    pub fn describe(&self) -> String {
        match &self.gpu {
            Some(gpu) => gpu.describe(),
            None => format!("svg fallback ({})", self.fallback_reason),
        }
    }

    /// Whether PNG requests are rendered by a GPU adapter.
    pub fn has_gpu(&self) -> bool {
        self.gpu.is_some()
    }

    pub fn render(&self, chart: &Chart, options: &RenderOptions) -> Result<Rendered, ChartError> {
        if options.width == 0
            || options.height == 0
            || options.width > MAX_SIDE
            || options.height > MAX_SIDE
        {
            return Err(ChartError::Size {
                width: options.width,
                height: options.height,
                max: MAX_SIDE,
            });
        }
        if !(0.25..=8.0).contains(&options.scale) {
            return Err(ChartError::Scale(options.scale));
        }
        let mut timings = Timings::default();
        let started = Instant::now();
        let list = layout(chart, options);
        let described = describe(chart);
        timings.layout = started.elapsed();

        let gpu = match (options.format, &self.gpu) {
            (Format::Png, Some(gpu)) => Some(gpu),
            _ => None,
        };
        let (format, bytes, width, height, renderer) = match gpu {
            Some(gpu) => {
                let (rgba, width, height) = gpu.render(&list, options.scale, &mut timings)?;
                let started = Instant::now();
                let png = png_encode::encode(&rgba, width, height)?;
                timings.encode = started.elapsed();
                (Format::Png, png, width, height, gpu.describe())
            }
            None => {
                let started = Instant::now();
                let text = svg::write(&list, &described.title, &described.alt);
                timings.encode = started.elapsed();
                let renderer = match options.format {
                    Format::Svg => "svg".to_string(),
                    Format::Png => self.describe(),
                };
                (
                    Format::Svg,
                    text.into_bytes(),
                    options.width,
                    options.height,
                    renderer,
                )
            }
        };
        Ok(Rendered {
            format,
            bytes,
            width,
            height,
            title: described.title,
            alt: described.alt,
            table: described.table,
            renderer,
            timings,
        })
    }
}
