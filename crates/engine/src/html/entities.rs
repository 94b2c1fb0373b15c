//! Character references in text and attribute values. Numeric references are
//! decoded in full; named ones for the references that occur in real pages
//! (an unknown name stays as written, which is what a browser shows too).

use std::borrow::Cow;

const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("zwnj", "\u{200c}"),
    ("zwj", "\u{200d}"),
    ("shy", "\u{ad}"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("bull", "•"),
    ("middot", "·"),
    ("times", "×"),
    ("divide", "÷"),
    ("deg", "°"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("sect", "§"),
    ("para", "¶"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("harr", "↔"),
    ("check", "✓"),
    ("star", "☆"),
    ("hearts", "♥"),
    ("plusmn", "±"),
    ("frac12", "½"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("auml", "ä"),
    ("ouml", "ö"),
    ("uuml", "ü"),
    ("Auml", "Ä"),
    ("Ouml", "Ö"),
    ("Uuml", "Ü"),
    ("szlig", "ß"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("agrave", "à"),
    ("ccedil", "ç"),
    ("ntilde", "ñ"),
];

/// Decodes the character references in `text`; borrows when there are none.
pub(crate) fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((decoded, used)) => {
                out.push_str(&decoded);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The reference at the start of `text` (which starts with `&`): its
/// expansion and how many bytes it used.
fn reference(text: &str) -> Option<(Cow<'static, str>, usize)> {
    let body = &text[1..];
    if let Some(numeric) = body.strip_prefix('#') {
        let (digits, radix, skip) = match numeric.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (numeric, 10, 2),
        };
        let len = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(0xFFFD);
        let c = char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((Cow::Owned(c.to_string()), skip + len + semicolon));
    }
    let len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &body[..len];
    let (_, expansion) = NAMED.iter().find(|(n, _)| *n == name)?;
    let semicolon = usize::from(body[len..].starts_with(';'));
    Some((Cow::Borrowed(expansion), 1 + len + semicolon))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(decode("a &amp; b"), "a & b");
        assert_eq!(decode("&#65;&#x42;&nbsp;"), "AB\u{a0}");
        assert_eq!(decode("&unknown; & &#;"), "&unknown; & &#;");
        assert!(matches!(decode("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
