//! Byte offsets to 1-based line/column positions (columns in Unicode scalar
//! values), for every kind of text file the engine reads.

use crate::finding::{Position, Span};

pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<u32>,
    /// Characters before each 64-byte block of the text, built on the first
    /// position asked for: a column then costs at most 64 bytes of counting,
    /// however long the line (minified HTML puts megabytes on one line).
    chars_before_block: std::sync::OnceLock<Vec<u32>>,
    /// For notebooks: (0-based line in the joined source where a code cell
    /// starts, the cell's 1-based number in the notebook); positions are then
    /// reported per cell.
    cell_starts: Option<Vec<(u32, u32)>>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        // memchr scans a word or a vector at a time: this runs on every file.
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        LineIndex {
            starts,
            chars_before_block: std::sync::OnceLock::new(),
            cell_starts: None,
        }
    }

    /// Reports positions relative to code cells starting at these 0-based lines.
    pub fn with_cells(mut self, cell_starts: Vec<(u32, u32)>) -> LineIndex {
        self.cell_starts = Some(cell_starts);
        self
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The text of a 0-based line, without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.starts[line] as usize;
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&e| e as usize);
        text[start.min(text.len())..end.min(text.len())].trim_end_matches(['\n', '\r'])
    }

    /// Characters (Unicode scalars) in `text[..offset]`.
    fn chars_upto(&self, text: &str, offset: usize) -> u32 {
        const BLOCK: usize = 64;
        let is_char_start = |b: &u8| (b & 0xC0) != 0x80;
        let blocks = self.chars_before_block.get_or_init(|| {
            let mut before = Vec::with_capacity(text.len() / BLOCK + 1);
            let mut count = 0u32;
            for chunk in text.as_bytes().chunks(BLOCK) {
                before.push(count);
                count += chunk.iter().filter(|b| is_char_start(b)).count() as u32;
            }
            before.push(count);
            before
        });
        let block = offset / BLOCK;
        blocks[block]
            + text.as_bytes()[block * BLOCK..offset]
                .iter()
                .filter(|b| is_char_start(b))
                .count() as u32
    }

    /// Position of a byte offset in the joined text (1-based line, column).
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let offset = offset.min(text.len() as u32) as usize;
        let line = self.line_of(offset as u32);
        let start = self.starts[line] as usize;
        let mut column = self.chars_upto(text, offset) - self.chars_upto(text, start);
        if line == 0 && offset >= 3 && text.starts_with('\u{feff}') {
            column -= 1;
        }
        Position {
            line: line as u32 + 1,
            column: column + 1,
        }
    }

    /// The span of a byte range, per notebook cell when the text is one.
    pub fn span(&self, text: &str, start: u32, end: u32) -> Span {
        let mut span = Span {
            start: self.position(text, start),
            end: self.position(text, end.max(start)),
            cell: None,
        };
        if let Some(cells) = &self.cell_starts {
            let line0 = span.start.line - 1;
            let cell = match cells.binary_search_by_key(&line0, |&(start, _)| start) {
                Ok(i) => i,
                Err(next) => next.saturating_sub(1),
            };
            let (first, number) = cells.get(cell).copied().unwrap_or((0, 1));
            span.cell = Some(number);
            span.start.line -= first;
            span.end.line = span.end.line.saturating_sub(first).max(1);
        }
        span
    }
}

/// Whether `text` ends with `suffix`, ASCII letters matched in either case.
pub fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

pub fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    let (text, prefix) = (text.as_bytes(), prefix.as_bytes());
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_unicode_scalars_and_skip_bom() {
        let text = "\u{feff}x = 1\né = 'ü'; y\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 3), Position { line: 1, column: 1 });
        let y = text.find('y').unwrap() as u32;
        assert_eq!(
            index.position(text, y),
            Position {
                line: 2,
                column: 10
            }
        );
    }

    #[test]
    fn notebook_positions_are_per_cell() {
        let text = "import a\nx = 1\ny = 2\n";
        let index = LineIndex::new(text).with_cells(vec![(0, 1), (2, 3)]);
        let y = text.find('y').unwrap() as u32;
        let span = index.span(text, y, y + 1);
        assert_eq!(span.cell, Some(3));
        assert_eq!(span.start, Position { line: 1, column: 1 });
    }

    #[test]
    fn names_compare_without_case() {
        use super::{ends_with_ignore_case, starts_with_ignore_case};
        assert!(ends_with_ignore_case("Setup.PY", ".py"));
        assert!(!ends_with_ignore_case("py", ".py"));
        assert!(!ends_with_ignore_case("é.pyx", ".py"));
        assert!(starts_with_ignore_case(
            "Requirements-DEV.txt",
            "requirements"
        ));
        assert!(!starts_with_ignore_case("req", "requirements"));
        // A multi-byte character is compared byte for byte, never split.
        assert!(!starts_with_ignore_case("É.toml", "e"));
        assert!(starts_with_ignore_case("ÉTÉ.TXT", "ÉT"));
    }
}
