//! `# noqa` suppression comments: parsing, matching findings to them, and
//! reporting those that suppress nothing.
//!
//! Codes are kept per directive. A code of another tool (`E501`, `F401`) is
//! ignored: teams run Tenet beside Ruff or Flake8 and share comments with them.
//! A code that looks like one of Tenet's families but names no rule (`ASY009`)
//! is reported as unknown.

use crate::rules;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directive {
    /// 0-based line the comment sits on.
    pub line: usize,
    /// Byte offsets of the `noqa` comment in the file text.
    pub start: u32,
    pub end: u32,
    /// `None` for a bare `# noqa` (suppresses everything on the line).
    pub codes: Option<Vec<String>>,
    pub reason: Option<String>,
    /// Codes of this directive that suppressed something (or `*` for bare).
    pub used: Vec<String>,
    /// `# tenet: noqa` at the top of a file: applies to the whole file.
    pub file_level: bool,
    /// An HTML `<!-- noqa -->` covers its own line and the next one (the
    /// comment usually sits just above the start tag).
    pub covers_next_line: bool,
}

/// How many leading lines may hold a file-level `# tenet: noqa`.
pub const FILE_LEVEL_LINES: usize = 10;

/// Parses the directive in one comment's text (starting at `#`), if any.
/// `offset` is the comment's byte offset in the file.
pub fn parse_comment(comment: &str, line: usize, offset: u32) -> Option<Directive> {
    let lower = comment.to_ascii_lowercase();
    let mut search_from = 0;
    while let Some(found) = lower[search_from..].find("noqa") {
        let at = search_from + found;
        search_from = at + 4;
        // Must follow `#` (optionally `# tenet:`) and whitespace.
        let before = lower[..at].trim_end();
        let file_level =
            before.ends_with("tenet:") && before[..before.len() - 6].trim_end().ends_with('#');
        if !(before.ends_with('#') || file_level) {
            continue;
        }
        let hash = if file_level {
            before[..before.len() - 6].trim_end().len() - 1
        } else {
            before.len() - 1
        };
        let rest = &comment[at + 4..];
        let (codes_text, reason) = match rest.find("--") {
            Some(dash) => (
                &rest[..dash],
                Some(rest[dash + 2..].trim().to_string()).filter(|r| !r.is_empty()),
            ),
            None => (rest, None),
        };
        let codes = match codes_text.trim_start().strip_prefix(':') {
            Some(list) => {
                let codes: Vec<String> = list
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .map(str::trim)
                    .take_while(|code| code.is_empty() || looks_like_code(code))
                    .filter(|code| !code.is_empty())
                    .map(str::to_string)
                    .collect();
                if codes.is_empty() {
                    None
                } else {
                    Some(codes)
                }
            }
            None => {
                // `# noqa` must be followed by nothing, whitespace or a reason.
                if !codes_text.trim().is_empty() {
                    continue;
                }
                None
            }
        };
        return Some(Directive {
            line,
            start: offset + hash as u32,
            end: offset + comment.trim_end().len() as u32,
            codes,
            reason,
            used: Vec::new(),
            file_level,
            covers_next_line: false,
        });
    }
    None
}

fn looks_like_code(text: &str) -> bool {
    let letters = text.chars().take_while(|c| c.is_ascii_uppercase()).count();
    letters > 0
        && letters < text.len()
        && text[letters..].chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether a code belongs to Tenet (a real rule, or a typo in one of its
/// families), as opposed to another linter's code.
pub fn is_tenet_family(code: &str) -> bool {
    rules::is_family(rules::family_of(code))
}

/// Finds `#` comments in a non-Python text file (requirements, TOML, cfg,
/// YAML) and the directives in them.
pub fn scan_hash_comments(text: &str) -> Vec<Directive> {
    let mut directives = Vec::new();
    let mut offset = 0u32;
    for (line, content) in text.split('\n').enumerate() {
        if let Some(hash) = content.find('#') {
            if content[hash..].to_ascii_lowercase().contains("noqa") {
                if let Some(d) = parse_comment(&content[hash..], line, offset + hash as u32) {
                    directives.push(d);
                }
            }
        }
        offset += content.len() as u32 + 1;
    }
    directives
}

/// Parses the directive in an HTML comment's body (`<!-- noqa: CODE -->`,
/// `<!-- tenet: noqa -->`); `start`/`end` span the whole comment.
pub fn parse_html_comment(body: &str, line: usize, start: u32, end: u32) -> Option<Directive> {
    let text = format!("#{}", body.trim_start());
    let mut directive = parse_comment(&text, line, start)?;
    directive.start = start;
    directive.end = end;
    directive.covers_next_line = true;
    Some(directive)
}

/// Suppression state for one file's findings.
pub struct Suppressions {
    pub directives: Vec<Directive>,
}

impl Suppressions {
    pub fn new(mut directives: Vec<Directive>) -> Suppressions {
        for d in &mut directives {
            d.file_level = d.file_level && d.line < FILE_LEVEL_LINES;
        }
        Suppressions { directives }
    }

    /// If a finding of `code` on 0-based `line` is suppressed, marks the
    /// directive used and returns the reason (`Some(None)` with no reason).
    pub fn check(&mut self, code: &str, line: usize) -> Option<Option<String>> {
        for d in self.directives.iter_mut() {
            let next_line = d.covers_next_line && d.line + 1 == line;
            if !(d.file_level || d.line == line || next_line) {
                continue;
            }
            let matches = match &d.codes {
                None => true,
                Some(codes) => codes.iter().any(|c| c == code),
            };
            if matches {
                let mark = if d.codes.is_none() { "*" } else { code };
                if !d.used.iter().any(|u| u == mark) {
                    d.used.push(mark.to_string());
                }
                return Some(d.reason.clone());
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_reason() {
        let d = parse_comment("# noqa: ASY001, MEM001 -- legacy API until v3", 4, 10).unwrap();
        assert_eq!(d.codes, Some(vec!["ASY001".into(), "MEM001".into()]));
        assert_eq!(d.reason.as_deref(), Some("legacy API until v3"));
        assert_eq!(d.start, 10);
        assert!(!d.file_level);
    }

    #[test]
    fn parses_bare_and_file_level() {
        assert_eq!(parse_comment("# noqa", 0, 0).unwrap().codes, None);
        assert_eq!(
            parse_comment("#NOQA -- generated", 0, 0)
                .unwrap()
                .reason
                .as_deref(),
            Some("generated")
        );
        let file = parse_comment("# tenet: noqa: TRC001", 0, 0).unwrap();
        assert!(file.file_level);
        assert_eq!(file.codes, Some(vec!["TRC001".into()]));
    }

    #[test]
    fn ignores_lookalikes() {
        assert!(parse_comment("# this is not noqa-related", 0, 0).is_none());
        assert!(parse_comment("# noqanope", 0, 0).is_none());
        assert!(parse_comment("# see docs about noqa", 0, 0).is_none());
    }

    #[test]
    fn html_comments_cover_their_line_and_the_next() {
        let d = parse_html_comment(" noqa: A11Y001 -- decorative sprite ", 3, 40, 80).unwrap();
        assert_eq!(d.codes, Some(vec!["A11Y001".into()]));
        assert_eq!(d.reason.as_deref(), Some("decorative sprite"));
        assert_eq!((d.start, d.end), (40, 80));
        let mut suppressions = Suppressions::new(vec![d]);
        assert!(suppressions.check("A11Y001", 4).is_some());
        assert!(suppressions.check("A11Y001", 5).is_none());
        assert!(parse_html_comment(" see the noqa docs ", 0, 0, 1).is_none());
    }

    #[test]
    fn foreign_codes_are_not_tenet() {
        assert!(is_tenet_family("ASY009"));
        assert!(is_tenet_family("A11Y001"));
        assert!(!is_tenet_family("E501"));
        assert!(!is_tenet_family("F401"));
    }
}
