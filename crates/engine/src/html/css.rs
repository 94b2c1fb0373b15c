//! Just enough CSS for static colour contrast: colours, the declarations that
//! decide text colour, background, size, weight and visibility, and style
//! sheets whose rules have simple selectors. Anything that cannot be known
//! without a browser (variables, images, template expressions, rules inside
//! `@media`) is kept as "unknown" so the contrast check can say nothing.

/// A colour with straight (non-premultiplied) alpha; channels 0–255.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgba {
    pub r: f64,
    pub g: f64,
    pub b: f64,
    pub a: f64,
}

impl Rgba {
    pub const WHITE: Rgba = Rgba::opaque(255.0, 255.0, 255.0);
    pub const BLACK: Rgba = Rgba::opaque(0.0, 0.0, 0.0);

    pub const fn opaque(r: f64, g: f64, b: f64) -> Rgba {
        Rgba { r, g, b, a: 1.0 }
    }

    /// This colour painted over an opaque `below`.
    pub fn over(self, below: Rgba) -> Rgba {
        let mix = |top: f64, bottom: f64| top * self.a + bottom * (1.0 - self.a);
        Rgba::opaque(
            mix(self.r, below.r),
            mix(self.g, below.g),
            mix(self.b, below.b),
        )
    }

    /// WCAG 2.x relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: f64| {
            let c = c / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    pub fn hex(self) -> String {
        format!(
            "#{:02x}{:02x}{:02x}",
            self.r.round() as u8,
            self.g.round() as u8,
            self.b.round() as u8
        )
    }
}

/// WCAG contrast ratio of two opaque colours.
pub(crate) fn contrast(a: Rgba, b: Rgba) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The CSS named colours, as `name hex` pairs.
const NAMED_COLOURS: &str = "aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff beige f5f5dc bisque ffe4c4 black 000000 blanchedalmond ffebcd blue 0000ff blueviolet 8a2be2 brown a52a2a burlywood deb887 cadetblue 5f9ea0 chartreuse 7fff00 chocolate d2691e coral ff7f50 cornflowerblue 6495ed cornsilk fff8dc crimson dc143c cyan 00ffff darkblue 00008b darkcyan 008b8b darkgoldenrod b8860b darkgray a9a9a9 darkgreen 006400 darkgrey a9a9a9 darkkhaki bdb76b darkmagenta 8b008b darkolivegreen 556b2f darkorange ff8c00 darkorchid 9932cc darkred 8b0000 darksalmon e9967a darkseagreen 8fbc8f darkslateblue 483d8b darkslategray 2f4f4f darkslategrey 2f4f4f darkturquoise 00ced1 darkviolet 9400d3 deeppink ff1493 deepskyblue 00bfff dimgray 696969 dimgrey 696969 dodgerblue 1e90ff firebrick b22222 floralwhite fffaf0 forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc ghostwhite f8f8ff gold ffd700 goldenrod daa520 gray 808080 green 008000 greenyellow adff2f grey 808080 honeydew f0fff0 hotpink ff69b4 indianred cd5c5c indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa lavenderblush fff0f5 lawngreen 7cfc00 lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff lightgoldenrodyellow fafad2 lightgray d3d3d3 lightgreen 90ee90 lightgrey d3d3d3 lightpink ffb6c1 lightsalmon ffa07a lightseagreen 20b2aa lightskyblue 87cefa lightslategray 778899 lightslategrey 778899 lightsteelblue b0c4de lightyellow ffffe0 lime 00ff00 limegreen 32cd32 linen faf0e6 magenta ff00ff maroon 800000 mediumaquamarine 66cdaa mediumblue 0000cd mediumorchid ba55d3 mediumpurple 9370db mediumseagreen 3cb371 mediumslateblue 7b68ee mediumspringgreen 00fa9a mediumturquoise 48d1cc mediumvioletred c71585 midnightblue 191970 mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5 navajowhite ffdead navy 000080 oldlace fdf5e6 olive 808000 olivedrab 6b8e23 orange ffa500 orangered ff4500 orchid da70d6 palegoldenrod eee8aa palegreen 98fb98 paleturquoise afeeee palevioletred db7093 papayawhip ffefd5 peachpuff ffdab9 peru cd853f pink ffc0cb plum dda0dd powderblue b0e0e6 purple 800080 rebeccapurple 663399 red ff0000 rosybrown bc8f8f royalblue 4169e1 saddlebrown 8b4513 salmon fa8072 sandybrown f4a460 seagreen 2e8b57 seashell fff5ee sienna a0522d silver c0c0c0 skyblue 87ceeb slateblue 6a5acd slategray 708090 slategrey 708090 snow fffafa springgreen 00ff7f steelblue 4682b4 tan d2b48c teal 008080 thistle d8bfd8 tomato ff6347 turquoise 40e0d0 violet ee82ee wheat f5deb3 white ffffff whitesmoke f5f5f5 yellow ffff00 yellowgreen 9acd32";

/// Parses a CSS colour: hex (3/4/6/8 digits), `rgb()`/`rgba()`,
/// `hsl()`/`hsla()`, a named colour or `transparent`.
pub(crate) fn parse_color(text: &str) -> Option<Rgba> {
    let text = text.trim().to_ascii_lowercase();
    if let Some(hex) = text.strip_prefix('#') {
        return parse_hex(hex);
    }
    if text == "transparent" {
        return Some(Rgba {
            a: 0.0,
            ..Rgba::BLACK
        });
    }
    if let Some((function, rest)) = text.split_once('(') {
        let args = rest.strip_suffix(')')?;
        return match function.trim() {
            "rgb" | "rgba" => parse_rgb(args),
            "hsl" | "hsla" => parse_hsl(args),
            _ => None,
        };
    }
    let mut words = NAMED_COLOURS.split(' ');
    while let (Some(name), Some(hex)) = (words.next(), words.next()) {
        if name == text {
            return parse_hex(hex);
        }
    }
    None
}

fn parse_hex(hex: &str) -> Option<Rgba> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize, len: usize| {
        let part = &hex[i * len..(i + 1) * len];
        let value = u8::from_str_radix(part, 16).ok()? as f64;
        Some(if len == 1 { value * 17.0 } else { value })
    };
    let (len, count) = match hex.len() {
        3 => (1, 3),
        4 => (1, 4),
        6 => (2, 3),
        8 => (2, 4),
        _ => return None,
    };
    let a = if count == 4 {
        digit(3, len)? / 255.0
    } else {
        1.0
    };
    Some(Rgba {
        r: digit(0, len)?,
        g: digit(1, len)?,
        b: digit(2, len)?,
        a,
    })
}

/// Splits function arguments, legacy (`1, 2, 3, .5`) or modern (`1 2 3 / .5`).
fn arguments(args: &str) -> Option<(Vec<&str>, Option<&str>)> {
    let (main, alpha) = match args.split_once('/') {
        Some((main, alpha)) => (main, Some(alpha.trim())),
        None => (args, None),
    };
    let parts: Vec<&str> = if main.contains(',') {
        main.split(',').map(str::trim).collect()
    } else {
        main.split_whitespace().collect()
    };
    match (parts.len(), alpha) {
        (3, _) => Some((parts, alpha)),
        (4, None) => Some((parts[..3].to_vec(), Some(parts[3]))),
        _ => None,
    }
}

fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

fn alpha(text: Option<&str>) -> Option<f64> {
    match text {
        None => Some(1.0),
        Some(t) => match t.strip_suffix('%') {
            Some(p) => number(p).map(|n| n / 100.0),
            None => number(t),
        }
        .map(|a| a.clamp(0.0, 1.0)),
    }
}

fn parse_rgb(args: &str) -> Option<Rgba> {
    let (parts, a) = arguments(args)?;
    let channel = |t: &str| {
        match t.strip_suffix('%') {
            Some(p) => number(p).map(|n| n * 2.55),
            None => number(t),
        }
        .map(|c| c.clamp(0.0, 255.0))
    };
    Some(Rgba {
        r: channel(parts[0])?,
        g: channel(parts[1])?,
        b: channel(parts[2])?,
        a: alpha(a)?,
    })
}

fn parse_hsl(args: &str) -> Option<Rgba> {
    let (parts, a) = arguments(args)?;
    let hue = parts[0];
    let degrees = if let Some(v) = hue.strip_suffix("deg") {
        number(v)?
    } else if let Some(v) = hue.strip_suffix("turn") {
        number(v)? * 360.0
    } else if let Some(v) = hue.strip_suffix("grad") {
        number(v)? * 0.9
    } else if let Some(v) = hue.strip_suffix("rad") {
        number(v)?.to_degrees()
    } else {
        number(hue)?
    };
    let percent =
        |t: &str| number(t.strip_suffix('%').unwrap_or(t)).map(|n| (n / 100.0).clamp(0.0, 1.0));
    let (s, l) = (percent(parts[1])?, percent(parts[2])?);
    let h = degrees.rem_euclid(360.0) / 30.0;
    let f = |n: f64| {
        let k = (n + h) % 12.0;
        let amount = s * l.min(1.0 - l);
        (l - amount * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0)) * 255.0
    };
    Some(Rgba {
        r: f(0.0),
        g: f(8.0),
        b: f(4.0),
        a: alpha(a)?,
    })
}

/// A colour-valued declaration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ColorValue {
    Color(Rgba),
    CurrentColor,
    Inherit,
    /// `initial` (and `unset` on a property that does not inherit).
    Initial,
    /// `revert`/`revert-layer`: the browser's own value, or inheritance.
    Revert,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum FontSize {
    Px(f64),
    /// Relative to the parent's size (`em`, `%`, `larger`, `smaller`).
    Scale(f64),
    /// Relative to the root's size.
    Rem(f64),
    Inherit,
    Unknown,
}

/// A declared value of one of the properties the contrast check reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Value {
    Color(ColorValue),
    Background(ColorValue),
    /// `background-image`: `true` when an image or gradient is painted.
    BackgroundImage(Option<bool>),
    FontSize(FontSize),
    /// Numeric weight; `None` when unknown.
    FontWeight(Option<u16>),
    /// `display: none` (`None`: unknown).
    Hidden(Option<bool>),
    /// `visibility`, which inherits and which a descendant can override.
    Visibility(Visibility),
    /// Something that changes how text paints over its background (opacity
    /// below 1, filters, blend modes, shadows, clipping): contrast unknown.
    Obscured(bool),
}

/// A declared `visibility`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Visibility {
    Visible,
    /// `hidden` or `collapse`.
    Hidden,
    /// `inherit`, and `unset`/`revert` (the property inherits).
    Inherit,
    Unknown,
}

/// Which longhand a [`Value`] sets, for the cascade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Prop {
    Color,
    Background,
    BackgroundImage,
    FontSize,
    FontWeight,
    Display,
    Visibility,
    Opacity,
    Filter,
    BlendMode,
    TextShadow,
    Clip,
}

pub(crate) const PROPS: usize = 12;

impl Prop {
    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Declaration {
    pub prop: Prop,
    pub value: Value,
    pub important: bool,
}

/// Whether a value depends on something only a browser knows.
fn opaque_to_us(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    [
        "var(",
        "calc(",
        "env(",
        "attr(",
        "{{",
        "{%",
        "color-mix(",
        "light-dark(",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

/// A colour value; `inherited` for `color`, where `unset` means `inherit`
/// (for `background-color` it means `initial`).
fn color_value(value: &str, inherited: bool) -> ColorValue {
    let lower = value.trim().to_ascii_lowercase();
    match lower.as_str() {
        "inherit" => ColorValue::Inherit,
        "unset" if inherited => ColorValue::Inherit,
        "initial" | "unset" => ColorValue::Initial,
        "revert" | "revert-layer" => ColorValue::Revert,
        "currentcolor" => ColorValue::CurrentColor,
        _ if opaque_to_us(&lower) => ColorValue::Unknown,
        _ => parse_color(&lower).map_or(ColorValue::Unknown, ColorValue::Color),
    }
}

fn font_size(value: &str) -> FontSize {
    let v = value.trim().to_ascii_lowercase();
    let keyword = match v.as_str() {
        "xx-small" => Some(9.0),
        "x-small" => Some(10.0),
        "small" => Some(13.0),
        "medium" => Some(16.0),
        "large" => Some(18.0),
        "x-large" => Some(24.0),
        "xx-large" => Some(32.0),
        "xxx-large" => Some(48.0),
        _ => None,
    };
    if let Some(px) = keyword {
        return FontSize::Px(px);
    }
    let unit = |suffix: &str| v.strip_suffix(suffix).and_then(number);
    match v.as_str() {
        "inherit" | "unset" => FontSize::Inherit,
        "larger" => FontSize::Scale(1.2),
        "smaller" => FontSize::Scale(1.0 / 1.2),
        "0" => FontSize::Px(0.0),
        _ => {
            if let Some(n) = unit("rem") {
                FontSize::Rem(n)
            } else if let Some(n) = unit("px") {
                FontSize::Px(n)
            } else if let Some(n) = unit("pt") {
                FontSize::Px(n * 4.0 / 3.0)
            } else if let Some(n) = unit("em") {
                FontSize::Scale(n)
            } else if let Some(n) = unit("%") {
                FontSize::Scale(n / 100.0)
            } else {
                FontSize::Unknown
            }
        }
    }
}

fn font_weight(value: &str) -> Option<u16> {
    match value.trim().to_ascii_lowercase().as_str() {
        "normal" => Some(400),
        "bold" | "bolder" => Some(700),
        "lighter" => Some(100),
        other => other
            .parse::<f64>()
            .ok()
            .map(|n| n.clamp(1.0, 1000.0) as u16),
    }
}

/// Expands one declaration into the longhands the check reads.
fn expand(name: &str, value: &str, important: bool, out: &mut Vec<Declaration>) {
    let unknown = opaque_to_us(value);
    let lower = value.trim().to_ascii_lowercase();
    let mut push = |prop: Prop, value: Value| {
        out.push(Declaration {
            prop,
            value,
            important,
        })
    };
    match name {
        "color" => push(Prop::Color, Value::Color(color_value(value, true))),
        "background-color" => push(
            Prop::Background,
            Value::Background(color_value(value, false)),
        ),
        "background-image" => push(
            Prop::BackgroundImage,
            Value::BackgroundImage(if unknown {
                None
            } else {
                Some(lower != "none" && lower != "initial" && lower != "unset")
            }),
        ),
        "background" => {
            let image = ["url(", "gradient(", "image-set(", "image(", "element("]
                .iter()
                .any(|f| lower.contains(f));
            let colour = if unknown {
                ColorValue::Unknown
            } else if matches!(lower.as_str(), "inherit") {
                ColorValue::Inherit
            } else if matches!(lower.as_str(), "revert" | "revert-layer") {
                ColorValue::Revert
            } else {
                // The colour is the last layer's colour token, if any.
                split_outside_parens(&lower, ' ')
                    .into_iter()
                    .rev()
                    .find_map(parse_color)
                    .map_or(ColorValue::Initial, ColorValue::Color)
            };
            push(Prop::Background, Value::Background(colour));
            push(
                Prop::BackgroundImage,
                Value::BackgroundImage((!unknown).then_some(image)),
            );
        }
        "font-size" => push(
            Prop::FontSize,
            Value::FontSize(if unknown {
                FontSize::Unknown
            } else {
                font_size(value)
            }),
        ),
        "font-weight" => push(
            Prop::FontWeight,
            Value::FontWeight(if lower == "inherit" {
                None
            } else {
                font_weight(value)
            }),
        ),
        "font" => {
            // `font: [style] [weight] size[/line-height] family`.
            let mut size = FontSize::Unknown;
            let mut weight = Some(400);
            if !unknown {
                for word in lower.split_whitespace() {
                    let first = word.split('/').next().unwrap_or(word);
                    match font_size(first) {
                        FontSize::Unknown | FontSize::Inherit => {}
                        found => {
                            size = found;
                            break;
                        }
                    }
                    if let Some(w) = font_weight(word).filter(|_| word != "normal") {
                        weight = Some(w);
                    }
                }
            }
            push(Prop::FontSize, Value::FontSize(size));
            push(
                Prop::FontWeight,
                Value::FontWeight(weight.filter(|_| !unknown)),
            );
        }
        "display" => push(
            Prop::Display,
            Value::Hidden((!unknown).then_some(lower == "none")),
        ),
        "visibility" => push(
            Prop::Visibility,
            Value::Visibility(match lower.as_str() {
                _ if unknown => Visibility::Unknown,
                "hidden" | "collapse" => Visibility::Hidden,
                "visible" | "initial" => Visibility::Visible,
                "inherit" | "unset" | "revert" | "revert-layer" => Visibility::Inherit,
                _ => Visibility::Unknown,
            }),
        ),
        "opacity" => {
            let visible = lower == "1" || lower == "100%" || lower == "1.0";
            push(Prop::Opacity, Value::Obscured(!visible))
        }
        "filter" | "backdrop-filter" => push(Prop::Filter, Value::Obscured(lower != "none")),
        "mix-blend-mode" => push(Prop::BlendMode, Value::Obscured(lower != "normal")),
        "text-shadow" => push(Prop::TextShadow, Value::Obscured(lower != "none")),
        "clip" | "clip-path" => push(
            Prop::Clip,
            Value::Obscured(lower != "auto" && lower != "none"),
        ),
        _ => {}
    }
}

/// Splits on `separator` outside parentheses and quotes.
pub(crate) fn split_outside_parens(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quote = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            (None, _) if c == separator && depth <= 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// Declarations standing for template syntax that may emit any of them:
/// every property the check reads is unknown.
fn all_unknown(important: bool, out: &mut Vec<Declaration>) {
    let values = [
        (Prop::Color, Value::Color(ColorValue::Unknown)),
        (Prop::Background, Value::Background(ColorValue::Unknown)),
        (Prop::BackgroundImage, Value::BackgroundImage(None)),
        (Prop::FontSize, Value::FontSize(FontSize::Unknown)),
        (Prop::FontWeight, Value::FontWeight(None)),
        (Prop::Display, Value::Hidden(None)),
    ];
    for (prop, value) in values {
        out.push(Declaration {
            prop,
            value,
            important,
        });
    }
}

fn has_template(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// The longhands declared by a `style` attribute or a rule's block.
pub(crate) fn parse_declarations(block: &str) -> Vec<Declaration> {
    let mut out = Vec::new();
    for declaration in split_outside_parens(block, ';') {
        let Some((name, value)) = declaration.split_once(':') else {
            if has_template(declaration) {
                all_unknown(true, &mut out);
            }
            continue;
        };
        if has_template(name) {
            all_unknown(true, &mut out);
            continue;
        }
        let name = name.trim().to_ascii_lowercase();
        let (value, important) = match value.to_ascii_lowercase().rfind("!important") {
            Some(at) => (&value[..at], true),
            None => (value, false),
        };
        expand(&name, value.trim(), important, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_in_every_notation() {
        let grey = Rgba::opaque(119.0, 119.0, 119.0);
        for text in [
            "#777",
            "#777f",
            "#777777",
            "#777777ff",
            "rgb(119, 119, 119)",
            "rgba(119 119 119 / 100%)",
            "hsl(0, 0%, 46.667%)",
        ] {
            let c = parse_color(text).unwrap_or_else(|| panic!("{text}"));
            assert!(
                (c.r - grey.r).abs() < 0.5 && (c.a - 1.0).abs() < 1e-9,
                "{text}: {c:?}"
            );
        }
        assert_eq!(parse_color("RebeccaPurple").unwrap().hex(), "#663399");
        assert_eq!(
            parse_color("hsl(120deg 100% 25%)").unwrap().hex(),
            "#008000"
        );
        assert_eq!(parse_color("#12").map(|c| c.a), None);
        assert_eq!(parse_color("transparent").unwrap().a, 0.0);
    }

    #[test]
    fn wcag_ratios() {
        let white = Rgba::WHITE;
        assert!((contrast(Rgba::BLACK, white) - 21.0).abs() < 1e-9);
        let ratio = contrast(parse_color("#777").unwrap(), white);
        assert!((ratio - 4.48).abs() < 0.01, "{ratio}");
        assert!(contrast(parse_color("#767676").unwrap(), white) >= 4.5);
    }

    #[test]
    fn declarations_expand_shorthands_and_mark_unknowns() {
        let d = parse_declarations(
            "background: #000 url(x.png); color: var(--fg) !important; font: bold 24px/1.2 serif",
        );
        assert!(d.contains(&Declaration {
            prop: Prop::BackgroundImage,
            value: Value::BackgroundImage(Some(true)),
            important: false
        }));
        assert!(d.contains(&Declaration {
            prop: Prop::Color,
            value: Value::Color(ColorValue::Unknown),
            important: true
        }));
        assert!(d.contains(&Declaration {
            prop: Prop::FontSize,
            value: Value::FontSize(FontSize::Px(24.0)),
            important: false
        }));
        assert!(d.contains(&Declaration {
            prop: Prop::FontWeight,
            value: Value::FontWeight(Some(700)),
            important: false
        }));
    }
}
