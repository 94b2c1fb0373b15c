//! Pages laid out before anything is written: text lines, rules and charts
//! placed on A4 pages, and beside them the structure tree that says what
//! each line is (heading, paragraph, table cell, list item, code). Every
//! drawn line of text is one marked-content leaf; rules, backgrounds and
//! page numbers are artifacts.

use super::fonts::Face;
use tenet_charts::display::DisplayList;

pub const PAGE_WIDTH: f32 = 595.276;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN_X: f32 = 50.0;
pub const TOP: f32 = 56.0;
pub const BOTTOM: f32 = PAGE_HEIGHT - 60.0;
pub const WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

pub type Rgb = (u8, u8, u8);
pub const TEXT: Rgb = (0x1f, 0x23, 0x28);
pub const MUTED: Rgb = (0x59, 0x63, 0x6e);
pub const BORDER: Rgb = (0x81, 0x8b, 0x98);
pub const SURFACE: Rgb = (0xf6, 0xf8, 0xfa);
pub const MARK: Rgb = (0xff, 0xf8, 0xc5);
pub const ACCENT: Rgb = (0x09, 0x69, 0xda);
pub const PASS: Rgb = (0x1a, 0x7f, 0x37);
pub const FAIL: Rgb = (0xd1, 0x24, 0x2f);
pub const REVIEW: Rgb = (0x9a, 0x67, 0x00);

/// What a structure element is.
#[derive(Debug, Clone)]
pub enum Kind {
    Heading(u16, String),
    P,
    Table,
    Row,
    HeaderCell { row_header: bool },
    Cell,
    List { numbered: bool },
    Item,
    Label,
    Body,
    Figure(String),
    Caption,
    Code,
    Quote,
    Section,
}

#[derive(Debug, Clone)]
pub enum Node {
    Group(Kind, Vec<Node>),
    /// Content drawn under this id.
    Leaf(usize),
}

#[derive(Debug, Clone)]
pub enum Op {
    Text {
        /// `None` for text that repeats what is already read (a table's
        /// header on its next page): drawn as an artifact.
        id: Option<usize>,
        x: f32,
        /// Baseline.
        y: f32,
        face: Face,
        size: f32,
        color: Rgb,
        text: String,
    },
    /// A decoration: never read aloud.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Chart {
        id: usize,
        x: f32,
        y: f32,
        scale: f32,
        list: Box<DisplayList>,
    },
}

/// A heading for the outline (bookmarks).
#[derive(Debug, Clone)]
pub struct Bookmark {
    pub level: u16,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

pub struct Flow {
    pub pages: Vec<Vec<Op>>,
    pub bookmarks: Vec<Bookmark>,
    pub y: f32,
    next_id: usize,
}

/// A styled run of text to wrap.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub color: Rgb,
}

impl Style {
    pub const BODY: Style = Style {
        face: Face::Regular,
        size: 10.0,
        color: TEXT,
    };
    pub const SMALL: Style = Style {
        face: Face::Regular,
        size: 8.5,
        color: MUTED,
    };
    pub const STRONG: Style = Style {
        face: Face::Bold,
        size: 10.0,
        color: TEXT,
    };
    pub const CODE: Style = Style {
        face: Face::Mono,
        size: 8.0,
        color: TEXT,
    };

    pub fn line_height(self) -> f32 {
        self.size * 1.35
    }

    pub fn colored(self, color: Rgb) -> Style {
        Style { color, ..self }
    }
}

/// Breaks `text` into lines no wider than `width`: at spaces where it
/// can, inside a word that is wider than a line by itself.
pub fn wrap(text: &str, style: Style, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_inclusive(' ') {
            let candidate = format!("{line}{word}");
            if style.face.width(candidate.trim_end(), style.size) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
            // A single word longer than the line: cut it by characters.
            while style.face.width(line.trim_end(), style.size) > width && line.chars().count() > 1
            {
                let mut cut = String::new();
                for c in line.chars() {
                    if style.face.width(&format!("{cut}{c}"), style.size) > width && !cut.is_empty()
                    {
                        break;
                    }
                    cut.push(c);
                }
                let rest = line[cut.len()..].to_string();
                lines.push(cut);
                line = rest;
            }
        }
        lines.push(line);
    }
    lines
}

impl Flow {
    pub fn new() -> Flow {
        Flow {
            pages: vec![Vec::new()],
            bookmarks: Vec::new(),
            y: TOP,
            next_id: 0,
        }
    }

    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id - 1
    }

    pub fn page(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more fits on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.push(Op::Rect { x, y, w, h, color });
    }

    /// One line of text at the current position; returns its leaf.
    pub fn line(&mut self, x: f32, text: &str, style: Style) -> Node {
        self.printable_line(x, style.face.printable(text), style)
    }

    /// A line already made printable for its face.
    fn printable_line(&mut self, x: f32, text: String, style: Style) -> Node {
        let id = self.id();
        let baseline = self.y + style.size;
        self.push(Op::Text {
            id: Some(id),
            x,
            y: baseline,
            face: style.face,
            size: style.size,
            color: style.color,
            text,
        });
        Node::Leaf(id)
    }

    /// `text` made printable for the style's face and broken to `width`.
    pub fn wrapped(text: &str, style: Style, width: f32) -> Vec<String> {
        wrap(&style.face.printable(text), style, width)
    }

    /// Lines from `wrapped`, one under the other from `x`, moving down; one
    /// leaf per line.
    pub fn lines(&mut self, x: f32, lines: Vec<String>, style: Style) -> Vec<Node> {
        lines
            .into_iter()
            .map(|line| {
                self.ensure(style.line_height());
                let node = self.printable_line(x, line, style);
                self.y += style.line_height();
                node
            })
            .collect()
    }

    /// Wrapped text from `x` over `width`, moving down; one leaf per line.
    pub fn text(&mut self, x: f32, width: f32, text: &str, style: Style) -> Vec<Node> {
        self.lines(x, Flow::wrapped(text, style, width), style)
    }

    /// Wrapped text that is decoration only (no leaves), moving down.
    pub fn artifact_text(&mut self, x: f32, width: f32, text: &str, style: Style) {
        for line in Flow::wrapped(text, style, width) {
            let baseline = self.y + style.size;
            self.push(Op::Text {
                id: None,
                x,
                y: baseline,
                face: style.face,
                size: style.size,
                color: style.color,
                text: line,
            });
            self.y += style.line_height();
        }
    }

    /// A paragraph across the full width.
    pub fn paragraph(&mut self, text: &str, style: Style) -> Node {
        let lines = self.text(MARGIN_X, WIDTH, text, style);
        self.space(4.0);
        Node::Group(Kind::P, lines)
    }

    pub fn heading(&mut self, level: u16, text: &str) -> Node {
        let size = match level {
            1 => 22.0,
            2 => 15.0,
            _ => 12.0,
        };
        let style = Style {
            face: Face::Bold,
            size,
            color: TEXT,
        };
        // Keep a heading with a few lines of what follows it.
        self.ensure(style.line_height() + 40.0);
        self.space(if level == 1 { 0.0 } else { size * 0.6 });
        let (page, y) = (self.page(), self.y);
        let lines = self.text(MARGIN_X, WIDTH, text, style);
        if level == 2 {
            self.rect(MARGIN_X, self.y, WIDTH, 0.75, BORDER);
        }
        self.space(size * 0.4);
        self.bookmarks.push(Bookmark {
            level,
            title: text.to_string(),
            page,
            y,
        });
        Node::Group(Kind::Heading(level, text.to_string()), lines)
    }

    /// A chart's display list scaled to `width`, as one figure leaf.
    pub fn chart(&mut self, list: DisplayList, width: f32) -> Node {
        let scale = width / list.width;
        let height = list.height * scale;
        self.ensure(height);
        let id = self.id();
        self.push(Op::Chart {
            id,
            x: MARGIN_X,
            y: self.y,
            scale,
            list: Box::new(list),
        });
        self.y += height + 4.0;
        Node::Leaf(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_character_and_respects_the_width() {
        let text = "An unbounded deque grows without limit when producers outpace consumers; give it a maxlen.";
        let lines = wrap(text, Style::BODY, 120.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), text);
        for line in &lines {
            assert!(
                Style::BODY.face.width(line.trim_end(), 10.0) <= 120.0,
                "{line}"
            );
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let word = "a".repeat(300);
        let lines = wrap(&word, Style::CODE, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn text_moves_to_a_new_page_at_the_bottom() {
        let mut flow = Flow::new();
        for _ in 0..200 {
            flow.paragraph("Line of text.", Style::BODY);
        }
        assert!(flow.pages.len() > 2);
        assert!(flow.y <= BOTTOM);
    }
}
