//! Jupyter notebooks: the code cells, joined into one source so that later
//! cells see earlier definitions, with positions reported per cell.

use serde_json::Value;

#[derive(Debug)]
pub struct Notebook {
    /// The code cells joined by single `\n` separators.
    pub source: String,
    /// Byte range of each code cell in `source`.
    pub cells: Vec<(u32, u32)>,
    /// (0-based line where each code cell starts, its 1-based cell number).
    pub cell_lines: Vec<(u32, u32)>,
}

/// Reads the code cells of an `.ipynb` document; an error names what is wrong.
pub fn read(text: &str) -> Result<Notebook, String> {
    let document: Value =
        serde_json::from_str(text).map_err(|e| format!("not a valid notebook: {e}"))?;
    let cells = document
        .get("cells")
        .and_then(Value::as_array)
        .ok_or_else(|| "not a valid notebook: no `cells` list".to_string())?;
    let mut notebook = Notebook {
        source: String::new(),
        cells: Vec::new(),
        cell_lines: Vec::new(),
    };
    let mut line = 0u32;
    for (number, cell) in cells.iter().enumerate() {
        if cell.get("cell_type").and_then(Value::as_str) != Some("code") {
            continue;
        }
        let code = match cell.get("source") {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Array(parts)) => parts.iter().filter_map(Value::as_str).collect(),
            _ => String::new(),
        };
        // The parser wants exactly one `\n` between cells.
        let code = code.strip_suffix('\n').unwrap_or(&code).replace('\r', "");
        if !notebook.cells.is_empty() {
            notebook.source.push('\n');
            line += 1;
        }
        let start = notebook.source.len() as u32;
        notebook.source.push_str(&code);
        notebook.cells.push((start, notebook.source.len() as u32));
        notebook.cell_lines.push((line, number as u32 + 1));
        line += code.matches('\n').count() as u32;
    }
    Ok(notebook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_code_cells_and_numbers_them_in_the_notebook() {
        let nb = r##"{"cells": [
            {"cell_type": "markdown", "source": ["# Title"]},
            {"cell_type": "code", "source": ["import asyncio\n", "x = 1\n"]},
            {"cell_type": "code", "source": "asyncio.gather()"}
        ]}"##;
        let notebook = read(nb).unwrap();
        assert_eq!(notebook.source, "import asyncio\nx = 1\nasyncio.gather()");
        assert_eq!(notebook.cell_lines, vec![(0, 2), (2, 3)]);
        assert_eq!(notebook.cells.len(), 2);
    }

    #[test]
    fn rejects_non_notebooks_with_a_reason() {
        assert!(read("{}").unwrap_err().contains("cells"));
        assert!(read("not json")
            .unwrap_err()
            .contains("not a valid notebook"));
    }
}
