//! Chart models to display lists: one module per chart, and the pieces
//! they share (title, legend, axis ticks).

mod checklist;
mod hotspots;
mod treemap;
mod trend;

pub use treemap::squarify;

use crate::display::{Anchor, DisplayList, Fill, Item, Pattern, Rect, Stroke, TextRun};
use crate::model::Chart;
use crate::options::RenderOptions;
use crate::palette::{Color, Palette, Severity};
use crate::text::font;

/// Outer margin, logical pixels.
pub(crate) const MARGIN: f32 = 12.0;
pub(crate) const TITLE_SIZE: f32 = 15.0;
pub(crate) const LABEL_SIZE: f32 = 12.0;
pub(crate) const SMALL_SIZE: f32 = 11.0;

/// Lays out `chart` at the options' logical size and theme.
pub fn layout(chart: &Chart, options: &RenderOptions) -> DisplayList {
    let palette = Palette::of(options.theme);
    let (width, height) = (options.width as f32, options.height as f32);
    let mut list = DisplayList::new(width, height, palette.background);
    match chart {
        Chart::Trend(points) => trend::layout(points, &palette, &mut list),
        Chart::Checklist(bars) => checklist::layout(bars, &palette, &mut list),
        Chart::Hotspots(files) => hotspots::layout(files, options.scale, &palette, &mut list),
    }
    list
}

/// A severity's fill: its colour with its pattern.
pub(crate) fn severity_fill(palette: &Palette, severity: Severity) -> Fill {
    Fill::Pattern {
        base: palette.severity(severity),
        ink: palette.pattern_ink,
        pattern: match severity {
            Severity::Error => Pattern::Diagonal,
            Severity::Warning => Pattern::Dots,
            Severity::Info => Pattern::Plain,
        },
    }
}

pub(crate) fn text(
    x: f32,
    y: f32,
    size: f32,
    color: Color,
    anchor: Anchor,
    text: String,
) -> TextRun {
    TextRun {
        x,
        y,
        size,
        color,
        anchor,
        text,
    }
}

/// The title on the first line, cut to the width.
pub(crate) fn title(list: &mut DisplayList, palette: &Palette, title: &str) {
    let width = (list.width - 2.0 * MARGIN).max(0.0);
    if let Some(fitted) = font::fit(title, TITLE_SIZE, width) {
        list.text(text(
            MARGIN,
            MARGIN + TITLE_SIZE,
            TITLE_SIZE,
            palette.text,
            Anchor::Start,
            fitted,
        ));
    }
}

/// The severities' legend on the second line, from `x`; returns where it ended.
pub(crate) fn severity_legend(list: &mut DisplayList, palette: &Palette, y: f32) -> f32 {
    let mut x = MARGIN;
    for severity in Severity::ALL {
        x = legend_swatch(
            list,
            palette,
            x,
            y,
            severity_fill(palette, severity),
            severity.label(),
        );
    }
    x
}

/// One legend entry: a 12 × 12 swatch outlined in the axis colour, then its label.
pub(crate) fn legend_swatch(
    list: &mut DisplayList,
    palette: &Palette,
    x: f32,
    y: f32,
    fill: Fill,
    label: &str,
) -> f32 {
    // An entry that would leave the picture is left out (narrow charts).
    if x + 17.0 + font::measure(label, LABEL_SIZE) > list.width - MARGIN {
        return x;
    }
    list.items.push(Item::Rect {
        rect: Rect::new(x, y, 12.0, 12.0),
        fill,
        stroke: Some(Stroke {
            color: palette.axis,
            width: 1.0,
        }),
    });
    let label_x = x + 17.0;
    list.text(text(
        label_x,
        y + 10.5,
        LABEL_SIZE,
        palette.text,
        Anchor::Start,
        label.to_string(),
    ));
    label_x + font::measure(label, LABEL_SIZE) + 16.0
}

/// A message in the middle of an area with nothing to draw.
pub(crate) fn empty_message(list: &mut DisplayList, palette: &Palette, area: Rect, message: &str) {
    let fitted = font::fit(message, 14.0, area.w.max(0.0));
    if let Some(fitted) = fitted {
        list.text(text(
            area.x + area.w / 2.0,
            area.y + area.h / 2.0 + 5.0,
            14.0,
            palette.muted,
            Anchor::Middle,
            fitted,
        ));
    }
}
