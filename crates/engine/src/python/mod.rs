//! Python support. This module is the only place that names the `ruff_*`
//! crates (their API is unstable by policy): parsing, the semantic model and
//! the checker live here, and everything outside sees `RawFinding`s.

pub(crate) use ruff_python_ast as ast;

pub(crate) mod checker;
pub(crate) use checker::Checker;
pub(crate) mod guard;
pub(crate) mod notebook;
pub(crate) mod semantic;

use crate::config::RuleSettings;
use crate::noqa::{self, Directive};
use crate::rules::syn001_unreadable;
use crate::text::LineIndex;
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::PythonVersion;
use ruff_python_parser::{parse_cells_unchecked, parse_unchecked, Mode, ParseOptions};
use ruff_text_size::{Ranged, TextRange, TextSize};

pub(crate) type Settings = RuleSettings;

/// The checker's maps (names per scope, ids to classes and functions):
/// looked up for every name in every file, so hashed with aHash rather than
/// SipHash (4% of a cold scan's CPU went to hashing), still seeded at
/// random so a file of crafted names cannot make them quadratic.
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;

/// A finding before positions are computed: byte offsets into the text.
#[derive(Debug, Clone)]
pub struct RawFinding {
    pub rule: &'static str,
    pub start: u32,
    pub end: u32,
    pub message: String,
    pub related: Vec<(u32, u32, String)>,
}

/// What rules need to know about the file being checked.
pub struct FileContext {
    pub is_test: bool,
    /// QLT002 does not apply (tests, `__main__.py`, under `scripts/`).
    pub print_allowed: bool,
    pub is_setup_py: bool,
}

/// Per-file facts the project-level rules (TST001, TST002) and the checklist
/// need, so they are decided without parsing again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestFacts {
    pub imports_tracemalloc: bool,
    /// Uses the AnyIO pytest plugin (`pytest.mark.anyio`, `anyio_backend`).
    pub uses_anyio_plugin: bool,
    pub async_tests: u32,
    /// Byte offset of the first async test no marker or base class runs.
    pub first_unmarked_async_test: Option<u32>,
    pub first_async_test: Option<u32>,
    /// Any `async def`, or an import of asyncio, anyio or trio.
    pub has_async_code: bool,
}

pub struct PythonOutput {
    pub findings: Vec<RawFinding>,
    pub directives: Vec<Directive>,
    pub facts: TestFacts,
}

/// The file could not be parsed because the parser itself failed.
fn parser_failure(payload: &(dyn std::any::Any + Send), settings: &Settings) -> PythonOutput {
    let why = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".into());
    let mut findings = Vec::new();
    if settings.enabled.contains(syn001_unreadable::META.code) {
        findings.push(RawFinding {
            rule: syn001_unreadable::META.code,
            start: 0,
            end: 0,
            message: format!(
                "the Python parser failed on this file and it was not checked ({why})"
            ),
            related: Vec::new(),
        });
    }
    PythonOutput {
        findings,
        directives: Vec::new(),
        facts: TestFacts::default(),
    }
}

/// The newest syntax the parser knows, so no valid code is rejected.
const TARGET: PythonVersion = PythonVersion::PY314;

/// Parses and checks one Python source (or the joined code cells of a
/// notebook, given as byte ranges of `text`). Runs on a large-stack thread.
pub fn check(
    text: &str,
    cells: Option<&[(u32, u32)]>,
    index: &LineIndex,
    file: &FileContext,
    settings: &Settings,
) -> PythonOutput {
    // The parser has panicking paths on some malformed input (found by the
    // property tests: `aio.gather(}}` in IPython mode). A panic unwinds, so
    // it is caught here and the file becomes a SYN001 instead of a crash.
    let parse = || match cells {
        None => parse_unchecked(
            text,
            ParseOptions::from(Mode::Module).with_target_version(TARGET),
        )
        .try_into_module()
        .expect("module mode yields a module"),
        Some(cells) => {
            let ranges = cells
                .iter()
                .map(|&(s, e)| TextRange::new(TextSize::new(s), TextSize::new(e)));
            parse_cells_unchecked(
                text,
                ranges,
                &ParseOptions::from(Mode::Ipython).with_target_version(TARGET),
            )
        }
    };
    let parsed = match std::panic::catch_unwind(parse) {
        Ok(parsed) => parsed,
        Err(payload) => return parser_failure(&*payload, settings),
    };

    let mut directives = Vec::new();
    let mut prose_comments = Vec::new();
    for token in parsed
        .tokens()
        .iter()
        .filter(|t| t.kind() == TokenKind::Comment)
    {
        let range = token.range();
        let comment = &text[range];
        let line = index.line_of(range.start().to_u32());
        if let Some(directive) = noqa::parse_comment(comment, line, range.start().to_u32()) {
            directives.push(directive);
        }
        let body = comment
            .trim_start_matches('#')
            .trim_start()
            .to_ascii_lowercase();
        let pragma = ["noqa", "type:", "pragma:", "tenet:"]
            .iter()
            .any(|p| body.starts_with(p));
        if !pragma {
            prose_comments.push(range);
        }
    }

    let mut findings = Vec::new();
    if let Some(first) = parsed.errors().first() {
        if settings.enabled.contains(syn001_unreadable::META.code) {
            let more = parsed.errors().len() - 1;
            let suffix = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            findings.push(RawFinding {
                rule: syn001_unreadable::META.code,
                start: first.location.start().to_u32(),
                end: first.location.end().to_u32(),
                message: format!("syntax error: {}{suffix}", first.error),
                related: Vec::new(),
            });
        }
    }

    let mut checker = checker::Checker::new(settings, file, &prose_comments, text);
    checker.check_module(&parsed.syntax().body);
    findings.append(&mut checker.findings);
    let facts = std::mem::take(&mut checker.facts);
    drop(checker);
    // The tree is dropped here, on the caller's large-stack thread.
    drop(parsed);
    PythonOutput {
        findings,
        directives,
        facts,
    }
}
