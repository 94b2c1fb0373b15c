//! The PDF's three embedded faces (DejaVu Sans, its bold, DejaVu Sans Mono),
//! their advance widths for line breaking, and text made safe for them: a
//! character a face has no glyph for would print as an empty box (and break
//! PDF/UA), so it is written as a visible `\u{…}` escape instead.

use std::sync::OnceLock;
use ttf_parser::Face as Parsed;

const REGULAR: &[u8] = tenet_charts::FONT_BYTES;
const BOLD: &[u8] = include_bytes!("../../../fonts/DejaVuSans-Bold.ttf");
const MONO: &[u8] = include_bytes!("../../../fonts/DejaVuSansMono.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Mono,
}

impl Face {
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
            Face::Mono => MONO,
        }
    }

    fn parsed(self) -> &'static Parsed<'static> {
        static FACES: OnceLock<[Parsed<'static>; 3]> = OnceLock::new();
        let faces = FACES.get_or_init(|| {
            [REGULAR, BOLD, MONO]
                .map(|bytes| Parsed::parse(bytes, 0).expect("the embedded fonts parse"))
        });
        &faces[self as usize]
    }

    /// The width of `text` at `size` points, from the glyphs' advances.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let face = self.parsed();
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0) as u32
            })
            .sum();
        units as f32 * size / face.units_per_em() as f32
    }

    /// `text` with every character this face cannot draw, and the code
    /// points PDF text may not carry, written as visible escapes.
    pub fn printable(self, text: &str) -> String {
        let face = self.parsed();
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            let forbidden = matches!(c, '\u{0}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}');
            if !forbidden && !c.is_control() && face.glyph_index(c).is_some() {
                out.push(c);
            } else {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Face;

    #[test]
    fn characters_without_a_glyph_become_visible_escapes() {
        assert_eq!(Face::Regular.printable("a\u{4e2d}b"), "a\\u{4e2d}b");
        assert_eq!(Face::Mono.printable("x\u{feff}"), "x\\u{feff}");
        assert_eq!(Face::Bold.printable("é ✓"), "é ✓");
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        let one = Face::Regular.width("Tenet", 10.0);
        assert!(one > 0.0);
        assert!((Face::Regular.width("Tenet", 20.0) - 2.0 * one).abs() < 1e-3);
        // Monospace: every character as wide as the next.
        assert_eq!(
            Face::Mono.width("iiii", 10.0),
            Face::Mono.width("MMMM", 10.0)
        );
    }
}
