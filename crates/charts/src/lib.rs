//! Tenet's charts: a trend of findings per scan, the checklist as bars, and
//! the repository as a hotspot treemap. A chart is laid out into a display
//! list, rendered offscreen by wgpu and read back as PNG — or written as
//! SVG, from the same display list, where no GPU adapter exists. Every
//! chart also comes with a title, a one-sentence alt text and its data as a
//! table, for the `<figure>` it sits in.
//!
//! Depends on no other Tenet crate: callers map their rows to the models.

mod alt;
pub mod display;
mod error;
mod fmt;
mod gpu;
mod layout;
mod model;
mod options;
pub mod palette;
mod png_encode;
mod renderer;
pub mod svg;
mod text;

pub use alt::{describe, Described, HOTSPOT_ROWS};
pub use error::ChartError;
pub use layout::{layout, squarify};
pub use model::{Chart, ChecklistBar, HotspotFile, ItemStatus, TrendPoint};
pub use options::{DataTable, Format, RenderOptions, Rendered, Theme, Timings};
pub use renderer::{Backend, Renderer, BACKEND_ENV};
pub use text::font::{FAMILY as FONT_FAMILY, FONT_BYTES};
