//! The display list as SVG: text as real `<text>` in the embedded font
//! (carried along as an `@font-face` data URI), patterns as `<pattern>`s
//! aligned with the GPU's, and every string escaped — file names are
//! untrusted input.

use crate::display::{Anchor, DisplayList, Fill, Item, MarkerShape, Pattern, Stroke};
use crate::palette::Color;
use crate::text::font::{FAMILY, FONT_BYTES};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Writes `list` as a standalone SVG document; `title` and `alt` become its
/// `<title>` and `<desc>`.
pub fn write(list: &DisplayList, title: &str, alt: &str) -> String {
    write_with(list, title, alt, true)
}

/// Like `write`; without `embed_font` the text names the font and falls
/// back to the reader's sans-serif (a megabyte smaller, for documents that
/// carry several charts; text widths were measured in the embedded font).
pub fn write_with(list: &DisplayList, title: &str, alt: &str, embed_font: bool) -> String {
    let font_len = if embed_font { font_data_uri().len() } else { 0 };
    let mut out = String::with_capacity(256 + list.items.len() * 80 + font_len);
    let (w, h) = (num(list.width), num(list.height));
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="chart-title chart-desc">"#
    );
    let _ = write!(
        out,
        r#"<title id="chart-title">{}</title><desc id="chart-desc">{}</desc>"#,
        escape(title),
        escape(alt)
    );
    out.push_str("<defs><style>");
    if embed_font {
        let _ = write!(
            out,
            "@font-face{{font-family:\"{FAMILY}\";src:url(data:font/ttf;base64,{}) format(\"truetype\");}}text{{font-family:\"{FAMILY}\";white-space:pre;}}",
            font_data_uri()
        );
    } else {
        let _ = write!(
            out,
            "text{{font-family:\"{FAMILY}\",\"Bitstream Vera Sans\",Verdana,sans-serif;white-space:pre;}}"
        );
    }
    out.push_str("</style>");
    let patterns = write_patterns(list, &mut out);
    out.push_str("</defs>");
    let _ = write!(
        out,
        r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
        list.background.css()
    );
    for item in &list.items {
        write_item(item, &patterns, &mut out);
    }
    out.push_str("</svg>\n");
    out
}

/// The font as base64, computed once per process.
fn font_data_uri() -> &'static str {
    static DATA: OnceLock<String> = OnceLock::new();
    DATA.get_or_init(|| base64(FONT_BYTES))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

type PatternKey = (Color, Color, Pattern);

/// One `<pattern>` per distinct patterned fill; returns their ids.
fn write_patterns(list: &DisplayList, out: &mut String) -> HashMap<PatternKey, String> {
    let mut ids = HashMap::new();
    for item in &list.items {
        let fill = match item {
            Item::Rect { fill, .. } | Item::Band { fill, .. } => fill,
            _ => continue,
        };
        let Fill::Pattern { base, ink, pattern } = *fill else {
            continue;
        };
        if pattern == Pattern::Plain || ids.contains_key(&(base, ink, pattern)) {
            continue;
        }
        let id = format!("pattern-{}", ids.len());
        let ink_attrs = paint("fill", ink);
        match pattern {
            Pattern::Diagonal => {
                let (p, i) = (Pattern::DIAGONAL_PERIOD, Pattern::DIAGONAL_INK);
                let _ = write!(
                    out,
                    r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="{p}" height="{p}"><rect width="{p}" height="{p}" {base}/><path d="M0 0H{i}L0 {i}Z M0 {p}L{p} 0V{i}L{i} {p}Z" {ink_attrs}/></pattern>"#,
                    base = paint("fill", base),
                    p = num(p),
                    i = num(i),
                );
            }
            Pattern::Dots => {
                let (c, r) = (Pattern::DOT_CELL, Pattern::DOT_RADIUS);
                let _ = write!(
                    out,
                    r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="{c}" height="{c}"><rect width="{c}" height="{c}" {base}/><circle cx="{m}" cy="{m}" r="{r}" {ink_attrs}/></pattern>"#,
                    base = paint("fill", base),
                    c = num(c),
                    m = num(c / 2.0),
                    r = num(r),
                );
            }
            Pattern::Plain => {}
        }
        ids.insert((base, ink, pattern), id);
    }
    ids
}

fn write_item(item: &Item, patterns: &HashMap<PatternKey, String>, out: &mut String) {
    match item {
        Item::Rect { rect, fill, stroke } => {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" {}{}/>"#,
                num(rect.x),
                num(rect.y),
                num(rect.w),
                num(rect.h),
                fill_attrs(fill, patterns),
                stroke.map_or(String::new(), |s| format!(" {}", stroke_attrs(s)))
            );
        }
        Item::Band {
            xs,
            lower,
            upper,
            fill,
        } => {
            out.push_str("<path d=\"");
            for (i, (x, y)) in xs.iter().zip(upper).enumerate() {
                let _ = write!(
                    out,
                    "{}{} {}",
                    if i == 0 { "M" } else { "L" },
                    num(*x),
                    num(*y)
                );
            }
            for (x, y) in xs.iter().zip(lower).rev() {
                let _ = write!(out, "L{} {}", num(*x), num(*y));
            }
            let _ = write!(out, "Z\" {}/>", fill_attrs(fill, patterns));
        }
        Item::Line { from, to, stroke } => {
            let _ = write!(
                out,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {}/>"#,
                num(from[0]),
                num(from[1]),
                num(to[0]),
                num(to[1]),
                stroke_attrs(*stroke)
            );
        }
        Item::Polyline { points, stroke } => {
            out.push_str("<polyline points=\"");
            for (i, p) in points.iter().enumerate() {
                let _ = write!(
                    out,
                    "{}{},{}",
                    if i == 0 { "" } else { " " },
                    num(p[0]),
                    num(p[1])
                );
            }
            let _ = write!(
                out,
                "\" fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\" {}/>",
                stroke_attrs(*stroke)
            );
        }
        Item::Marker {
            at,
            size,
            shape,
            fill,
            stroke,
        } => match shape {
            MarkerShape::Circle => {
                let _ = write!(
                    out,
                    r#"<circle cx="{}" cy="{}" r="{}" {} {}/>"#,
                    num(at[0]),
                    num(at[1]),
                    num(size / 2.0),
                    paint("fill", *fill),
                    stroke_attrs(*stroke)
                );
            }
            MarkerShape::Square => {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{s}" height="{s}" {} {}/>"#,
                    num(at[0] - size / 2.0),
                    num(at[1] - size / 2.0),
                    paint("fill", *fill),
                    stroke_attrs(*stroke),
                    s = num(*size),
                );
            }
        },
        Item::Text(run) => {
            let anchor = match run.anchor {
                Anchor::Start => "",
                Anchor::Middle => r#" text-anchor="middle""#,
                Anchor::End => r#" text-anchor="end""#,
            };
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" {}{anchor}>{}</text>"#,
                num(run.x),
                num(run.y),
                num(run.size),
                paint("fill", run.color),
                escape(&run.text)
            );
        }
    }
}

fn fill_attrs(fill: &Fill, patterns: &HashMap<PatternKey, String>) -> String {
    match *fill {
        Fill::Solid(color) => paint("fill", color),
        Fill::Pattern { base, ink, pattern } => match patterns.get(&(base, ink, pattern)) {
            Some(id) => format!(r#"fill="url(#{id})""#),
            None => paint("fill", base),
        },
    }
}

fn stroke_attrs(stroke: Stroke) -> String {
    format!(
        r#"{} stroke-width="{}""#,
        paint("stroke", stroke.color),
        num(stroke.width)
    )
}

/// `fill="#rrggbb"` plus an opacity when the colour is not opaque.
fn paint(attribute: &str, color: Color) -> String {
    if color.a == 255 {
        format!(r#"{attribute}="{}""#, color.css())
    } else {
        format!(
            r#"{attribute}="{}" {attribute}-opacity="{}""#,
            color.css(),
            num(f32::from(color.a) / 255.0)
        )
    }
}

/// A coordinate with at most two decimals, no trailing zeros.
fn num(x: f32) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    let mut text = format!("{rounded:.2}");
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    if text == "-0" {
        text = "0".into();
    }
    text
}
