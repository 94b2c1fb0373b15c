//! The report's charts as pictures for HTML: drawn by the charts crate
//! (PNG on a GPU adapter, SVG where there is none), each with the title,
//! alt sentence and data table its `<figure>` carries.

use tenet_charts::{Chart, DataTable, Format, RenderOptions, Renderer, Theme};

/// Without a GPU: SVG that names its font instead of embedding it, since a
/// report carries several charts and the font is most of each one.
fn plain_svg(chart: &Chart, options: &RenderOptions) -> Figure {
    let described = tenet_charts::describe(chart);
    let list = tenet_charts::layout(chart, options);
    Figure {
        mime: "image/svg+xml",
        bytes: tenet_charts::svg::write_with(&list, &described.title, &described.alt, false)
            .into_bytes(),
        width: options.width,
        height: options.height,
        title: described.title,
        alt: described.alt,
        table: described.table,
    }
}

#[derive(Debug, Clone)]
pub struct Figure {
    /// `image/png` or `image/svg+xml`.
    pub mime: &'static str,
    pub bytes: Vec<u8>,
    /// The size it is shown at, in CSS pixels.
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub alt: String,
    pub table: DataTable,
}

/// Logical size of a report chart: the width of the report's text column.
pub const WIDTH: u32 = 720;
pub const HEIGHT: u32 = 320;

/// The logical size a report draws `chart` at, in HTML and PDF alike: the
/// checklist grows with its items, the rest are one height.
pub fn size(chart: &Chart) -> (u32, u32) {
    let height = match chart {
        Chart::Checklist(bars) => (bars.len() as u32 * 28 + 80).max(HEIGHT),
        _ => HEIGHT,
    };
    (WIDTH, height)
}

/// Draws `charts` at twice their logical size, sharp on paper and on HiDPI
/// screens. A chart that cannot be drawn is left out with its reason, and
/// the report says so rather than failing.
pub fn render(renderer: &Renderer, charts: &[Chart]) -> (Vec<Figure>, Vec<String>) {
    let mut figures = Vec::new();
    let mut problems = Vec::new();
    for chart in charts {
        let (width, height) = size(chart);
        let options = RenderOptions {
            width,
            height,
            scale: 2.0,
            theme: Theme::Light,
            format: Format::Png,
        };
        if !renderer.has_gpu() {
            figures.push(plain_svg(chart, &options));
            continue;
        }
        match renderer.render(chart, &options) {
            Ok(rendered) => figures.push(Figure {
                mime: match rendered.format {
                    Format::Png => "image/png",
                    Format::Svg => "image/svg+xml",
                },
                bytes: rendered.bytes,
                width,
                height,
                title: rendered.title,
                alt: rendered.alt,
                table: rendered.table,
            }),
            Err(e) => problems.push(format!("A chart could not be drawn: {e}.")),
        }
    }
    (figures, problems)
}
