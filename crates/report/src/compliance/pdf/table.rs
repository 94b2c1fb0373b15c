//! Tables on PDF pages: columns as fractions of the text width, cells
//! wrapped, a row never split across pages, the header row repeated (as an
//! artifact) where a table continues on a new page.

use super::flow::{Flow, Kind, Node, Style, BORDER, MARGIN_X, SURFACE, WIDTH};

pub struct Column<'a> {
    pub title: &'a str,
    /// Share of the text width.
    pub share: f32,
}

pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: Style::BODY,
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

const PAD: f32 = 4.0;

fn header(flow: &mut Flow, columns: &[Column], artifact: bool) -> Vec<Node> {
    let style = Style::STRONG.colored(super::flow::TEXT);
    let height = style.line_height() + 2.0 * PAD;
    flow.ensure(height);
    flow.rect(MARGIN_X, flow.y, WIDTH, height, SURFACE);
    let top = flow.y;
    let mut x = MARGIN_X;
    let mut cells = Vec::new();
    for column in columns {
        flow.y = top + PAD;
        let width = column.share * WIDTH - 2.0 * PAD;
        let lines = if artifact {
            flow.artifact_text(x + PAD, width, column.title, style);
            Vec::new()
        } else {
            flow.text(x + PAD, width, column.title, style)
        };
        cells.push(Node::Group(Kind::HeaderCell { row_header: false }, lines));
        x += column.share * WIDTH;
    }
    flow.y = top + height;
    flow.rect(MARGIN_X, flow.y - 1.0, WIDTH, 1.0, super::flow::TEXT);
    cells
}

/// Lays out a table; the first column's cells are row headers when
/// `row_headers`. Returns the table's structure (its caption first).
pub fn table(
    flow: &mut Flow,
    caption: &str,
    columns: &[Column],
    rows: Vec<Vec<Cell>>,
    row_headers: bool,
) -> Node {
    flow.ensure(60.0);
    let caption_lines = flow.text(MARGIN_X, WIDTH, caption, Style::STRONG);
    flow.space(2.0);
    let mut children = vec![Node::Group(Kind::Caption, caption_lines)];
    let head = header(flow, columns, false);
    children.push(Node::Group(Kind::Row, head));
    for row in rows {
        // Each cell wrapped once: for the row's height, then drawn as is.
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .zip(columns)
            .map(|(cell, column)| {
                Flow::wrapped(&cell.text, cell.style, column.share * WIDTH - 2.0 * PAD)
            })
            .collect();
        let height = row
            .iter()
            .zip(&wrapped)
            .map(|(cell, lines)| lines.len() as f32 * cell.style.line_height())
            .fold(0.0, f32::max)
            + 2.0 * PAD;
        let page = flow.page();
        flow.ensure(height);
        if flow.page() != page {
            header(flow, columns, true);
        }
        let top = flow.y;
        let mut x = MARGIN_X;
        let mut cells = Vec::new();
        for (index, ((cell, column), cell_lines)) in
            row.iter().zip(columns).zip(wrapped).enumerate()
        {
            flow.y = top + PAD;
            let lines = flow.lines(x + PAD, cell_lines, cell.style);
            let kind = if index == 0 && row_headers {
                Kind::HeaderCell { row_header: true }
            } else {
                Kind::Cell
            };
            cells.push(Node::Group(kind, lines));
            x += column.share * WIDTH;
        }
        flow.y = top + height;
        flow.rect(MARGIN_X, flow.y - 0.5, WIDTH, 0.5, BORDER);
        children.push(Node::Group(Kind::Row, cells));
    }
    flow.space(8.0);
    Node::Group(Kind::Table, children)
}
