//! A glyph atlas for one render: every glyph the display list's text needs,
//! rasterized at device resolution into one coverage texture, and the quads
//! that place them. Glyphs snap to whole device pixels vertically and to a
//! quarter pixel horizontally, so sampling is one texel per pixel.

use super::font::{font, layout, px_scale};
use crate::display::{Anchor, TextRun};
use ab_glyph::{point, Font, GlyphId};
use std::collections::HashMap;

const SUBPIXEL_STEPS: f32 = 4.0;
const ATLAS_WIDTH: u32 = 1024;
const PADDING: u32 = 1;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct GlyphKey {
    id: GlyphId,
    /// Device em size in 1/16 pixels.
    size: u32,
    /// Horizontal offset in quarter pixels.
    subpixel: u8,
}

#[derive(Clone, Copy)]
struct Slot {
    /// Where in the atlas, in texels.
    x: u32,
    y: u32,
    w: u32,
    h: u32,
    /// From the pen position on the baseline to the bitmap's top left.
    left: i32,
    top: i32,
}

/// A glyph to draw: device-pixel rectangle and atlas texels.
#[derive(Debug, Clone, Copy)]
pub struct GlyphQuad {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub u: f32,
    pub v: f32,
}

/// Coverage bitmap (one byte per texel) and the quads per text run.
pub struct Atlas {
    pub width: u32,
    pub height: u32,
    pub coverage: Vec<u8>,
}

struct Packer {
    cursor_x: u32,
    cursor_y: u32,
    row_height: u32,
}

impl Packer {
    fn place(&mut self, w: u32, h: u32) -> (u32, u32) {
        if self.cursor_x + w + PADDING > ATLAS_WIDTH {
            self.cursor_x = 0;
            self.cursor_y += self.row_height + PADDING;
            self.row_height = 0;
        }
        let at = (self.cursor_x, self.cursor_y);
        self.cursor_x += w + PADDING;
        self.row_height = self.row_height.max(h);
        at
    }
}

/// Builds the atlas for `runs` at `scale` device pixels per logical pixel;
/// returns it with one list of glyph quads per run, in device pixels.
pub fn build<'a>(
    runs: impl Iterator<Item = &'a TextRun>,
    scale: f32,
) -> (Atlas, Vec<(&'a TextRun, Vec<GlyphQuad>)>) {
    let font = font();
    let mut slots: HashMap<GlyphKey, Option<Slot>> = HashMap::new();
    let mut bitmaps: Vec<(Slot, Vec<u8>)> = Vec::new();
    let mut packer = Packer {
        cursor_x: 0,
        cursor_y: 0,
        row_height: 0,
    };
    let mut placed = Vec::new();
    for run in runs {
        let size = run.size * scale;
        let (glyphs, width) = layout(&run.text, size);
        let start = match run.anchor {
            Anchor::Start => run.x * scale,
            Anchor::Middle => run.x * scale - width / 2.0,
            Anchor::End => run.x * scale - width,
        };
        let baseline = (run.y * scale).round();
        let size_key = (size * 16.0).round() as u32;
        let mut quads = Vec::with_capacity(glyphs.len());
        for (id, pen) in glyphs {
            let x = start + pen;
            let whole = x.floor();
            let subpixel = ((x - whole) * SUBPIXEL_STEPS).round() as u8;
            let (whole, subpixel) = if subpixel as f32 >= SUBPIXEL_STEPS {
                (whole + 1.0, 0)
            } else {
                (whole, subpixel)
            };
            let key = GlyphKey {
                id,
                size: size_key,
                subpixel,
            };
            let slot = *slots.entry(key).or_insert_with(|| {
                let glyph = id.with_scale_and_position(
                    px_scale(size),
                    point(f32::from(subpixel) / SUBPIXEL_STEPS, 0.0),
                );
                let outlined = font.outline_glyph(glyph)?;
                let bounds = outlined.px_bounds();
                let (w, h) = (bounds.width() as u32, bounds.height() as u32);
                if w == 0 || h == 0 {
                    return None;
                }
                let (ax, ay) = packer.place(w, h);
                let mut bitmap = vec![0u8; (w * h) as usize];
                outlined.draw(|gx, gy, c| {
                    if gx < w && gy < h {
                        bitmap[(gy * w + gx) as usize] = (c.clamp(0.0, 1.0) * 255.0).round() as u8;
                    }
                });
                let slot = Slot {
                    x: ax,
                    y: ay,
                    w,
                    h,
                    left: bounds.min.x as i32,
                    top: bounds.min.y as i32,
                };
                bitmaps.push((slot, bitmap));
                Some(slot)
            });
            if let Some(slot) = slot {
                quads.push(GlyphQuad {
                    x: whole + slot.left as f32,
                    y: baseline + slot.top as f32,
                    w: slot.w as f32,
                    h: slot.h as f32,
                    u: slot.x as f32,
                    v: slot.y as f32,
                });
            }
        }
        placed.push((run, quads));
    }
    let height = (packer.cursor_y + packer.row_height + PADDING).max(1);
    let mut coverage = vec![0u8; (ATLAS_WIDTH * height) as usize];
    for (slot, bitmap) in bitmaps {
        for row in 0..slot.h {
            let from = (row * slot.w) as usize;
            let to = ((slot.y + row) * ATLAS_WIDTH + slot.x) as usize;
            coverage[to..to + slot.w as usize]
                .copy_from_slice(&bitmap[from..from + slot.w as usize]);
        }
    }
    (
        Atlas {
            width: ATLAS_WIDTH,
            height,
            coverage,
        },
        placed,
    )
}
