//! A cheap pre-parse scan that refuses input nested deeper than the parser
//! and the checker can recurse through. A stack overflow aborts the process
//! and `catch_unwind` cannot save it, so this runs before parsing.

/// CPython itself refuses more than 200 nested brackets.
pub const MAX_BRACKET_DEPTH: usize = 200;
/// CPython refuses more than 100 indentation levels.
pub const MAX_INDENT_LEVELS: usize = 100;
/// `a+a+…` has no brackets but nests one level per operator.
pub const MAX_OPERATOR_CHAIN: usize = 10_000;

/// The bytes `check_nesting` acts on; every other byte passes unexamined.
const INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"#\"'([{)]},;.+-*/%@|&^\\\n";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Why a file is too deeply nested to check, and the byte offset where the
/// limit was crossed.
#[derive(Debug, PartialEq, Eq)]
pub struct TooDeep {
    pub offset: usize,
    pub message: String,
}

/// Scans bracket depth, indentation levels and operator chains per logical
/// line, skipping strings and comments.
pub fn check_nesting(text: &str) -> Result<(), TooDeep> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut operators = 0usize;
    let mut indents: Vec<usize> = vec![0];
    let mut at_line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if at_line_start && depth == 0 {
            let mut width = 0;
            while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
                width += if bytes[i] == b'\t' { 8 } else { 1 };
                i += 1;
            }
            at_line_start = false;
            if i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r' | b'#') {
                while indents.last().is_some_and(|&top| top > width) {
                    indents.pop();
                }
                if indents.last().is_some_and(|&top| top < width) {
                    indents.push(width);
                    if indents.len() > MAX_INDENT_LEVELS + 1 {
                        return Err(TooDeep {
                            offset: i,
                            message: format!("more than {MAX_INDENT_LEVELS} levels of indentation"),
                        });
                    }
                }
            }
            continue;
        }
        if !INTERESTING[b as usize] {
            // Most bytes are names, numbers and spaces: skip their run at
            // once instead of going through the match a byte at a time.
            i += 1;
            while i < bytes.len() && !INTERESTING[bytes[i] as usize] {
                i += 1;
            }
            continue;
        }
        match b {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKET_DEPTH {
                    return Err(TooDeep {
                        offset: i,
                        message: format!("brackets nested more than {MAX_BRACKET_DEPTH} deep"),
                    });
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            // Commas separate sibling expressions; chains never contain one.
            b',' | b';' => operators = 0,
            b'.' if !bytes
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'_') => {}
            b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'|' | b'&' | b'^' | b'.' => {
                operators += 1;
                if operators > MAX_OPERATOR_CHAIN {
                    return Err(TooDeep {
                        offset: i,
                        message: format!(
                            "an expression chains more than {MAX_OPERATOR_CHAIN} operators"
                        ),
                    });
                }
            }
            b'\\' => i += 1,
            b'\n' if depth == 0 => {
                operators = 0;
                at_line_start = true;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Returns the index just past the string literal starting at `start`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.len() >= start + 3 && bytes[start + 1] == quote && bytes[start + 2] == quote;
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => {
                if !triple {
                    return i + 1;
                }
                if i + 2 < bytes.len() && bytes[i + 1] == quote && bytes[i + 2] == quote {
                    return i + 3;
                }
                i += 1;
            }
            b'\n' if !triple => return i,
            _ => i += 1,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_code() {
        assert!(check_nesting("def f(x):\n    return [(x + 1) * 2 for y in '(((']\n").is_ok());
    }

    #[test]
    fn refuses_deep_brackets_and_long_chains() {
        let deep = format!("x = {}1{}\n", "(".repeat(300), ")".repeat(300));
        assert!(check_nesting(&deep)
            .unwrap_err()
            .message
            .contains("brackets"));
        let chain = format!("x = {}a\n", "a+".repeat(20_000));
        assert!(check_nesting(&chain)
            .unwrap_err()
            .message
            .contains("operators"));
    }

    #[test]
    fn refuses_deep_indentation() {
        let mut code = String::new();
        for level in 0..150 {
            code.push_str(&format!("{}if x:\n", " ".repeat(level)));
        }
        code.push_str(&format!("{}pass\n", " ".repeat(150)));
        assert!(check_nesting(&code)
            .unwrap_err()
            .message
            .contains("indentation"));
    }
}
