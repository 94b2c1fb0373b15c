//! A chart's display list drawn as PDF vectors: the same picture the GPU
//! and SVG renderers draw, severity patterns included (clipped stripes and
//! dots), text in the embedded font so it stays selectable.

use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Rect as PdfRect, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill as PdfFill, FillRule, Stroke as PdfStroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use tenet_charts::display::{Anchor, DisplayList, Fill, Item, MarkerShape, Pattern, Rect, Stroke};
use tenet_charts::palette::Color;

fn paint(color: Color) -> PdfFill {
    PdfFill {
        paint: rgb::Color::new(color.r, color.g, color.b).into(),
        opacity: NormalizedF32::new(color.a as f32 / 255.0).unwrap_or(NormalizedF32::ONE),
        rule: FillRule::NonZero,
    }
}

fn stroke(s: Stroke) -> PdfStroke {
    PdfStroke {
        paint: rgb::Color::new(s.color.r, s.color.g, s.color.b).into(),
        width: s.width,
        opacity: NormalizedF32::new(s.color.a as f32 / 255.0).unwrap_or(NormalizedF32::ONE),
        ..PdfStroke::default()
    }
}

fn rect_path(r: &Rect) -> Option<Path> {
    let mut path = PathBuilder::new();
    path.push_rect(PdfRect::from_xywh(r.x, r.y, r.w.max(0.01), r.h.max(0.01))?);
    path.finish()
}

fn polygon(points: impl IntoIterator<Item = [f32; 2]>) -> Option<Path> {
    let mut path = PathBuilder::new();
    for (i, [x, y]) in points.into_iter().enumerate() {
        if i == 0 {
            path.move_to(x, y);
        } else {
            path.line_to(x, y);
        }
    }
    path.close();
    path.finish()
}

fn circle(path: &mut PathBuilder, cx: f32, cy: f32, r: f32) {
    // Four cubic arcs; 0.5523 places the control points of a quarter circle.
    let k = 0.5523 * r;
    path.move_to(cx + r, cy);
    path.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    path.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    path.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    path.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    path.close();
}

/// The pattern's ink over `bounds`, in the picture's coordinates (so
/// neighbouring shapes continue each other's stripes, as on screen).
fn ink(pattern: Pattern, bounds: &Rect) -> Option<Path> {
    let mut path = PathBuilder::new();
    match pattern {
        Pattern::Plain => return None,
        Pattern::Diagonal => {
            let (p, i) = (Pattern::DIAGONAL_PERIOD, Pattern::DIAGONAL_INK);
            // Bands where (x + y) mod p < i, as parallelograms wide enough
            // to cover the bounds; the clip trims them.
            let first = ((bounds.x + bounds.y) / p).floor() * p;
            let last = bounds.right() + bounds.bottom();
            let (top, bottom) = (bounds.y, bounds.bottom());
            let mut c = first;
            while c <= last {
                path.move_to(c - top, top);
                path.line_to(c + i - top, top);
                path.line_to(c + i - bottom, bottom);
                path.line_to(c - bottom, bottom);
                path.close();
                c += p;
            }
        }
        Pattern::Dots => {
            let (cell, r) = (Pattern::DOT_CELL, Pattern::DOT_RADIUS);
            let mut y = (bounds.y / cell).floor() * cell;
            while y < bounds.bottom() {
                let mut x = (bounds.x / cell).floor() * cell;
                while x < bounds.right() {
                    circle(&mut path, x + cell / 2.0, y + cell / 2.0, r);
                    x += cell;
                }
                y += cell;
            }
        }
    }
    path.finish()
}

fn fill_shape(surface: &mut Surface, shape: &Path, bounds: &Rect, fill: &Fill) {
    surface.set_stroke(None);
    match *fill {
        Fill::Solid(color) => {
            surface.set_fill(Some(paint(color)));
            surface.draw_path(shape);
        }
        Fill::Pattern {
            base,
            ink: color,
            pattern,
        } => {
            surface.set_fill(Some(paint(base)));
            surface.draw_path(shape);
            if let Some(ink) = ink(pattern, bounds) {
                surface.push_clip_path(shape, &FillRule::NonZero);
                surface.set_fill(Some(paint(color)));
                surface.draw_path(&ink);
                surface.pop();
            }
        }
    }
}

fn draw_stroke(surface: &mut Surface, path: &Path, s: Stroke) {
    surface.set_fill(None);
    surface.set_stroke(Some(stroke(s)));
    surface.draw_path(path);
    surface.set_stroke(None);
}

/// Draws `list` with its top-left corner at (`x`, `y`), scaled by `scale`.
pub fn draw(surface: &mut Surface, font: &Font, list: &DisplayList, x: f32, y: f32, scale: f32) {
    surface.push_transform(&Transform::from_row(scale, 0.0, 0.0, scale, x, y));
    let whole = Rect::new(0.0, 0.0, list.width, list.height);
    if let Some(background) = rect_path(&whole) {
        fill_shape(surface, &background, &whole, &Fill::Solid(list.background));
    }
    for item in &list.items {
        match item {
            Item::Rect {
                rect,
                fill,
                stroke: outline,
            } => {
                if let Some(path) = rect_path(rect) {
                    fill_shape(surface, &path, rect, fill);
                    if let Some(outline) = outline {
                        draw_stroke(surface, &path, *outline);
                    }
                }
            }
            Item::Band {
                xs,
                lower,
                upper,
                fill,
            } => {
                let top = xs.iter().zip(upper).map(|(x, y)| [*x, *y]);
                let bottom = xs.iter().zip(lower).rev().map(|(x, y)| [*x, *y]);
                if let Some(path) = polygon(top.chain(bottom)) {
                    let min_y = upper.iter().chain(lower).copied().fold(f32::MAX, f32::min);
                    let max_y = upper.iter().chain(lower).copied().fold(f32::MIN, f32::max);
                    let min_x = xs.first().copied().unwrap_or(0.0);
                    let max_x = xs.last().copied().unwrap_or(0.0);
                    let bounds = Rect::new(min_x, min_y, max_x - min_x, max_y - min_y);
                    fill_shape(surface, &path, &bounds, fill);
                }
            }
            Item::Line {
                from,
                to,
                stroke: s,
            } => {
                let mut path = PathBuilder::new();
                path.move_to(from[0], from[1]);
                path.line_to(to[0], to[1]);
                if let Some(path) = path.finish() {
                    draw_stroke(surface, &path, *s);
                }
            }
            Item::Polyline { points, stroke: s } => {
                let mut path = PathBuilder::new();
                for (i, [px, py]) in points.iter().enumerate() {
                    if i == 0 {
                        path.move_to(*px, *py);
                    } else {
                        path.line_to(*px, *py);
                    }
                }
                if let Some(path) = path.finish() {
                    draw_stroke(surface, &path, *s);
                }
            }
            Item::Marker {
                at,
                size,
                shape,
                fill,
                stroke: s,
            } => {
                let half = size / 2.0;
                let path = match shape {
                    MarkerShape::Square => {
                        rect_path(&Rect::new(at[0] - half, at[1] - half, *size, *size))
                    }
                    MarkerShape::Circle => {
                        let mut path = PathBuilder::new();
                        circle(&mut path, at[0], at[1], half);
                        path.finish()
                    }
                };
                if let Some(path) = path {
                    surface.set_stroke(Some(stroke(*s)));
                    surface.set_fill(Some(paint(*fill)));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
            }
            Item::Text(run) => {
                let text = super::fonts::Face::Regular.printable(&run.text);
                let width = super::fonts::Face::Regular.width(&text, run.size);
                let start = match run.anchor {
                    Anchor::Start => run.x,
                    Anchor::Middle => run.x - width / 2.0,
                    Anchor::End => run.x - width,
                };
                surface.set_stroke(None);
                surface.set_fill(Some(paint(run.color)));
                surface.draw_text(
                    Point::from_xy(start, run.y),
                    font.clone(),
                    run.size,
                    &text,
                    false,
                    TextDirection::Auto,
                );
            }
        }
    }
    surface.pop();
}
