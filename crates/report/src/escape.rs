//! Escaping shared by the writers.

use tenet_engine::finding::is_bidi_control;

/// Characters that draw nothing yet change what a name is: zero-width
/// spaces and joiners, the word joiner, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Text for XML 1.0 content or attribute values: markup characters as
/// entities; characters XML cannot carry at all (most controls) as a
/// visible `\u{..}` escape; bidirectional overrides escaped so a name
/// cannot reorder what a reader sees.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control()
                || is_bidi_control(c)
                || is_invisible(c)
                || c == '\u{FFFE}'
                || c == '\u{FFFF}' =>
            {
                out.push_str(&c.escape_default().to_string())
            }
            c => out.push(c),
        }
    }
    out
}

/// One line of text for terminals and single-line formats: controls and
/// bidirectional overrides as visible escapes.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) || is_invisible(c) {
            out.push_str(&c.escape_default().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// A relative path as a URI reference: every byte outside RFC 3986's
/// unreserved set and `/` percent-encoded (raw bytes for non-UTF-8 names).
pub fn uri_path(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
