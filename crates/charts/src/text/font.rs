//! The one font every chart uses, embedded so that output is the same on
//! every machine: DejaVu Sans (see `fonts/LICENSE`). No system font lookups.

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont};
use std::sync::OnceLock;

/// The font file, as embedded in SVG output and loaded by tests into resvg.
pub const FONT_BYTES: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

/// The family name inside the font file; SVG text asks for it by this name.
pub const FAMILY: &str = "DejaVu Sans";

pub fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).expect("the embedded font parses"))
}

/// ab_glyph scales by the font's height (ascent − descent); CSS and SVG
/// sizes are em sizes. This converts an em size in pixels.
pub fn px_scale(em_size: f32) -> PxScale {
    let font = font();
    let units_per_em = font.units_per_em().unwrap_or(2048.0);
    PxScale::from(em_size * font.height_unscaled() / units_per_em)
}

/// Ascent and descent (both positive) at an em size.
pub fn vertical_metrics(em_size: f32) -> (f32, f32) {
    let scaled = font().as_scaled(px_scale(em_size));
    (scaled.ascent(), -scaled.descent())
}

/// Glyphs of `text` and the pen position of each (from 0), with kerning.
pub fn layout(text: &str, em_size: f32) -> (Vec<(GlyphId, f32)>, f32) {
    let scaled = font().as_scaled(px_scale(em_size));
    let mut glyphs = Vec::with_capacity(text.len());
    let mut pen = 0.0;
    let mut previous: Option<GlyphId> = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(previous) = previous {
            pen += scaled.kern(previous, id);
        }
        glyphs.push((id, pen));
        pen += scaled.h_advance(id);
        previous = Some(id);
    }
    (glyphs, pen)
}

/// The advance width of `text` at an em size, in the same units.
pub fn measure(text: &str, em_size: f32) -> f32 {
    layout(text, em_size).1
}

/// `text` as it fits in `max_width`: whole, or cut with an ellipsis; `None`
/// when not even the first character and the ellipsis fit.
pub fn fit(text: &str, em_size: f32, max_width: f32) -> Option<String> {
    if measure(text, em_size) <= max_width {
        return Some(text.to_string());
    }
    let ellipsis = measure("…", em_size);
    let scaled = font().as_scaled(px_scale(em_size));
    let mut width = 0.0;
    let mut cut = 0;
    for (index, c) in text.char_indices() {
        width += scaled.h_advance(scaled.glyph_id(c));
        if width + ellipsis > max_width {
            break;
        }
        cut = index + c.len_utf8();
    }
    (cut > 0).then(|| format!("{}…", text[..cut].trim_end()))
}

/// Like [`fit`], but keeps the end of the text (a file name's tail tells
/// more than its head): "…/deep/path/name.py".
pub fn fit_tail(text: &str, em_size: f32, max_width: f32) -> Option<String> {
    if measure(text, em_size) <= max_width {
        return Some(text.to_string());
    }
    let ellipsis = measure("…", em_size);
    let scaled = font().as_scaled(px_scale(em_size));
    let mut width = 0.0;
    let mut start = text.len();
    for (index, c) in text.char_indices().rev() {
        width += scaled.h_advance(scaled.glyph_id(c));
        if width + ellipsis > max_width {
            break;
        }
        start = index;
    }
    (start < text.len()).then(|| format!("…{}", &text[start..]))
}
