//! Colours per theme. Severities use the Okabe–Ito colour-blind-safe set,
//! darkened on the light theme until every mark has 3:1 against the plot
//! background; text has 4.5:1. Colour never carries meaning alone: every
//! severity also has a pattern, and every status a word.

use crate::options::Theme;

/// An sRGB colour with straight alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Color {
    pub const fn hex(rgb: u32) -> Color {
        Color {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
            a: 255,
        }
    }

    pub const fn with_alpha(self, a: u8) -> Color {
        Color { a, ..self }
    }

    /// `#rrggbb` (alpha is written separately in SVG).
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }
}

/// WCAG contrast ratio between two opaque colours.
pub fn contrast(a: Color, b: Color) -> f64 {
    let (x, y) = (a.luminance(), b.luminance());
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// A severity's mark: colour plus a pattern, so it reads without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Errors",
            Severity::Warning => "Warnings",
            Severity::Info => "Info",
        }
    }
}

/// Findings per 1,000 lines: the hotspot map's bins (lower bounds).
pub const HEAT_BINS: [f64; 5] = [0.0, 2.0, 5.0, 10.0, 25.0];

/// The legend's words for the zero bin and each of `HEAT_BINS`.
pub const HEAT_LABELS: [&str; 6] = ["none", "under 2", "2–5", "5–10", "10–25", "25+"];

#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// The whole picture's and the plot's background.
    pub background: Color,
    /// Panels and folder headers.
    pub surface: Color,
    pub text: Color,
    pub muted: Color,
    pub grid: Color,
    pub axis: Color,
    pub error: Color,
    pub warning: Color,
    pub info: Color,
    pub score: Color,
    /// Drawn over a severity's colour to make its pattern.
    pub pattern_ink: Color,
    pub pass: Color,
    pub fail: Color,
    pub review: Color,
    /// Hotspot cells: no findings, then one colour per `HEAT_BINS` entry,
    /// darker (light theme) or brighter (dark theme) as density rises.
    pub heat_none: Color,
    pub heat: [Color; 5],
    /// Text on hotspot cells: whichever of the two reads better on the cell.
    pub on_dark: Color,
    pub on_light: Color,
}

impl Palette {
    pub fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette {
                background: Color::hex(0xffffff),
                surface: Color::hex(0xf6f8fa),
                text: Color::hex(0x1f2328),
                muted: Color::hex(0x59636e),
                grid: Color::hex(0xd8dee4),
                axis: Color::hex(0x818b98),
                error: Color::hex(0xd55e00),
                warning: Color::hex(0xb07400),
                info: Color::hex(0x0072b2),
                score: Color::hex(0xaa4f87),
                pattern_ink: Color::hex(0xffffff).with_alpha(130),
                pass: Color::hex(0x1a7f37),
                fail: Color::hex(0xd1242f),
                review: Color::hex(0x9a6700),
                heat_none: Color::hex(0x8c959f),
                heat: [
                    Color::hex(0x2b97cd),
                    Color::hex(0x745fdd),
                    Color::hex(0x9725ae),
                    Color::hex(0x8c1e4c),
                    Color::hex(0x652315),
                ],
                on_dark: Color::hex(0xffffff),
                on_light: Color::hex(0x1f2328),
            },
            Theme::Dark => Palette {
                background: Color::hex(0x0d1117),
                surface: Color::hex(0x151b23),
                text: Color::hex(0xf0f6fc),
                muted: Color::hex(0x9198a1),
                grid: Color::hex(0x2a313c),
                axis: Color::hex(0x656c76),
                error: Color::hex(0xe8743b),
                warning: Color::hex(0xe69f00),
                info: Color::hex(0x56b4e9),
                score: Color::hex(0xcc79a7),
                pattern_ink: Color::hex(0x0d1117).with_alpha(120),
                pass: Color::hex(0x3fb950),
                fail: Color::hex(0xf85149),
                review: Color::hex(0xd29922),
                heat_none: Color::hex(0x6e7681),
                heat: [
                    Color::hex(0x166f9c),
                    Color::hex(0x8975eb),
                    Color::hex(0xda7eed),
                    Color::hex(0xf2a5c5),
                    Color::hex(0xf4d1af),
                ],
                on_dark: Color::hex(0xffffff),
                on_light: Color::hex(0x0d1117),
            },
        }
    }

    pub fn severity(&self, severity: Severity) -> Color {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }

    /// A hotspot cell's colour for findings per 1,000 lines.
    pub fn heat_for(&self, density: f64) -> Color {
        if density <= 0.0 {
            return self.heat_none;
        }
        let bin = HEAT_BINS
            .iter()
            .rposition(|low| density >= *low)
            .unwrap_or(0);
        self.heat[bin]
    }

    /// Label text on a cell of colour `fill`.
    pub fn text_on(&self, fill: Color) -> Color {
        if contrast(self.on_dark, fill) >= contrast(self.on_light, fill) {
            self.on_dark
        } else {
            self.on_light
        }
    }
}
