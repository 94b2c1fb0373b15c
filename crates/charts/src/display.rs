//! A chart laid out as a display list: what to draw, in logical pixels,
//! back to front. The SVG writer and the GPU tessellator both read it, so
//! the two pictures agree.

use crate::palette::Color;

/// An axis-aligned rectangle in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Shrunk by `by` on every side (never below zero size).
    pub fn inset(&self, by: f32) -> Rect {
        Rect {
            x: self.x + by,
            y: self.y + by,
            w: (self.w - 2.0 * by).max(0.0),
            h: (self.h - 2.0 * by).max(0.0),
        }
    }
}

/// A fill pattern drawn in `ink` over the base colour; one per severity.
/// Defined in logical pixels from the picture's origin, so bars that touch
/// continue each other's stripes, and SVG and GPU draw the same stripes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pattern {
    /// Stripes along x + y = c: ink where (x + y) mod 6 < 2.4.
    Diagonal,
    /// Dots of radius 1.3 at the centre of every 6 × 6 cell.
    Dots,
    /// No ink: a plain fill is the third distinct look.
    Plain,
}

impl Pattern {
    pub const DIAGONAL_PERIOD: f32 = 6.0;
    pub const DIAGONAL_INK: f32 = 2.4;
    pub const DOT_CELL: f32 = 6.0;
    pub const DOT_RADIUS: f32 = 1.3;
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fill {
    Solid(Color),
    Pattern {
        base: Color,
        ink: Color,
        pattern: Pattern,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub color: Color,
    pub width: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A line of text, set in the embedded font.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    /// The baseline.
    pub y: f32,
    pub size: f32,
    pub color: Color,
    pub anchor: Anchor,
    pub text: String,
}

impl TextRun {
    /// The box the text's glyphs can touch (ascent to descent, measured width).
    pub fn bounds(&self) -> Rect {
        let width = crate::text::font::measure(&self.text, self.size);
        let x = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - width / 2.0,
            Anchor::End => self.x - width,
        };
        let (ascent, descent) = crate::text::font::vertical_metrics(self.size);
        Rect::new(x, self.y - ascent, width, ascent + descent)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerShape {
    Circle,
    Square,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Rect {
        rect: Rect,
        fill: Fill,
        stroke: Option<Stroke>,
    },
    /// A stacked-area band: between `lower` and `upper` at each `xs`.
    Band {
        xs: Vec<f32>,
        lower: Vec<f32>,
        upper: Vec<f32>,
        fill: Fill,
    },
    Line {
        from: [f32; 2],
        to: [f32; 2],
        stroke: Stroke,
    },
    Polyline {
        points: Vec<[f32; 2]>,
        stroke: Stroke,
    },
    Marker {
        at: [f32; 2],
        /// Width of the marker in logical pixels.
        size: f32,
        shape: MarkerShape,
        fill: Color,
        stroke: Stroke,
    },
    Text(TextRun),
}

/// A whole picture.
#[derive(Debug, Clone, PartialEq)]
pub struct DisplayList {
    pub width: f32,
    pub height: f32,
    pub background: Color,
    pub items: Vec<Item>,
    /// Every shape is an axis-aligned rectangle on whole device pixels (at
    /// the scale it was laid out for), so it needs no anti-aliasing: the
    /// GPU can skip multisampling, its largest cost on a software driver.
    pub pixel_snapped: bool,
}

impl DisplayList {
    pub fn new(width: f32, height: f32, background: Color) -> DisplayList {
        DisplayList {
            width,
            height,
            background,
            items: Vec::new(),
            pixel_snapped: false,
        }
    }

    pub fn rect(&mut self, rect: Rect, fill: Fill) {
        self.items.push(Item::Rect {
            rect,
            fill,
            stroke: None,
        });
    }

    pub fn line(&mut self, from: [f32; 2], to: [f32; 2], color: Color, width: f32) {
        self.items.push(Item::Line {
            from,
            to,
            stroke: Stroke { color, width },
        });
    }

    pub fn text(&mut self, run: TextRun) {
        if !run.text.is_empty() {
            self.items.push(Item::Text(run));
        }
    }

    /// The boxes of every text run: what tests mask when they compare two
    /// rasterizers, which never agree on glyph pixels.
    pub fn text_bounds(&self) -> Vec<Rect> {
        self.items
            .iter()
            .filter_map(|item| match item {
                Item::Text(run) => Some(run.bounds()),
                _ => None,
            })
            .collect()
    }
}
