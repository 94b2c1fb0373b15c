//! Property tests: arbitrary input never panics the checkers or the
//! configuration loader, and the same input always gives the same findings.
//! Inputs are drawn from vocabularies of the constructs the rules look at
//! (so they reach deep into the checkers) mixed with arbitrary bytes.

use crate::common::Collect;
use proptest::prelude::*;
use std::path::Path;
use tenet_engine::config::{Config, Overrides, Settings};
use tenet_engine::memory::MemorySource;
use tenet_engine::{Finding, ScanOptions};

const PYTHON: &[&str] = &[
    "import asyncio",
    "import asyncio as aio",
    "from asyncio import gather as g",
    "import torch",
    "async def f():",
    "def g(x):",
    "class C:",
    "lambda x: x",
    "await ",
    "aio.gather(",
    "g(",
    "asyncio.create_task(",
    "collections.deque(",
    "queue.Queue(",
    "open(p)",
    "global x",
    "x = []",
    "x.append(1)",
    "try:",
    "except:",
    "except Exception:",
    "pass",
    "raise",
    "print(",
    "if __name__ == '__main__':",
    "with ",
    " as f:",
    "yield",
    "return",
    "for i in x:",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "=",
    ".",
    "\n",
    "    ",
    "\t",
    "'",
    "\"",
    "\"\"\"",
    "f'{",
    "}'",
    "# noqa",
    "# noqa: ASY001",
    "# noqa: ZZZ999",
    "# tenet: noqa",
    "\\",
    "@",
    "match x:",
    "case _:",
    "é",
    "\u{202E}",
    "\0",
    "\r\n",
];

const HTML: &[&str] = &[
    "<!doctype html>",
    "<html lang=en>",
    "<html>",
    "<head>",
    "<title>",
    "</title>",
    "<body>",
    "<main>",
    "</main>",
    "<div",
    "<div>",
    "</div>",
    "<img src=x",
    " alt=",
    "\"\"",
    "\"a\"",
    ">",
    "<",
    "/>",
    "<a href=x>",
    "</a>",
    "<button>",
    "</button>",
    "<input id=i>",
    "<label for=i>",
    "</label>",
    "<select>",
    "<option>",
    "role=\"presentation\"",
    " role=bogus",
    " aria-hidden=true",
    " aria-labelledby=\"l\"",
    " id=l",
    " id=l2",
    " tabindex=3",
    " onclick=\"go()\"",
    "<span",
    "<style>",
    "</style>",
    "p { color: #777; background: rgb(250 250 250) }",
    ".x{color:red}",
    " class=x",
    " style=\"color:#fff;background-color:#fefefe\"",
    "<script>",
    "</script>",
    "<meta name=viewport content=\"width=device-width, maximum-scale=1\">",
    "{{ caption }}",
    "{% if a %}",
    "{% else %}",
    "{% endif %}",
    "{# c #}",
    "<!--",
    "-->",
    "<!-- noqa: A11Y001 -->",
    "&amp;",
    "&#x41;",
    "&#xFFFFFF;",
    "&bogus;",
    "<svg>",
    "<title>t</title>",
    "</svg>",
    "<template>",
    "</template>",
    "<textarea>",
    "</textarea>",
    "text",
    "\n",
    "é",
    "\u{202E}",
];

const CONFIG: &[&str] = &[
    "select = ",
    "ignore = ",
    "fail-on = ",
    "exclude = ",
    "[per-file-ignores]",
    "[severity]",
    "[tool.tenet]",
    "banned-modules = ",
    "\"ASY\"",
    "\"ASY001\"",
    "\"ALL\"",
    "\"X9\"",
    "\"*.py\"",
    "\"src/[\"",
    "\"error\"",
    "\"warning\"",
    "ASY001 = ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "=",
    "\n",
    "1",
    "true",
    "1979-05-27",
    "\"",
    "'",
    "#",
    "a.b = 1",
    "[[x]]",
];

fn from_vocabulary(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(words), 0..120).prop_map(|w| w.concat())
}

/// Text from the vocabulary, or (sometimes) arbitrary bytes.
fn input(words: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => from_vocabulary(words).prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..400),
    ]
}

fn check(files: Vec<(&str, Vec<u8>)>) -> Vec<Finding> {
    let settings = Settings::resolve(&Config::default(), &Overrides::default());
    let source = MemorySource::new(files);
    let mut collect = Collect::default();
    tenet_engine::scan(
        &source,
        &settings,
        &mut collect,
        &ScanOptions {
            threads: 1,
            ..ScanOptions::default()
        },
    );
    collect.findings.sort_by(|a, b| {
        (&a.path, a.span, a.rule, &a.message).cmp(&(&b.path, b.span, b.rule, &b.message))
    });
    collect.findings
}

fn positions_are_sane(findings: &[Finding]) {
    for f in findings {
        assert!(f.span.start.line >= 1 && f.span.start.column >= 1, "{f:?}");
        assert!(f.span.start <= f.span.end, "{f:?}");
        assert!(!f.fingerprint.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn python_checker_never_panics_and_is_deterministic(text in input(PYTHON)) {
        let first = check(vec![("pkg/mod.py", text.clone()), ("tests/test_mod.py", text.clone())]);
        positions_are_sane(&first);
        prop_assert_eq!(first, check(vec![("pkg/mod.py", text.clone()), ("tests/test_mod.py", text)]));
    }

    #[test]
    fn notebook_checker_never_panics(text in from_vocabulary(PYTHON)) {
        let notebook = serde_json::json!({
            "cells": [{"cell_type": "code", "source": text, "metadata": {}, "outputs": []}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
        });
        let findings = check(vec![("nb.ipynb", notebook.to_string().into_bytes())]);
        positions_are_sane(&findings);
    }

    #[test]
    fn html_checker_never_panics_and_is_deterministic(text in input(HTML)) {
        let first = check(vec![("page.html", text.clone())]);
        positions_are_sane(&first);
        prop_assert_eq!(first, check(vec![("page.html", text)]));
    }

    #[test]
    fn config_loader_never_panics_and_names_the_file(text in from_vocabulary(CONFIG)) {
        let file = Path::new("proj/tenet.toml");
        match Config::parse(file, &text, false) {
            Ok(config) => {
                Settings::resolve(&config, &Overrides::default());
            }
            Err(error) => prop_assert!(error.to_string().contains("tenet.toml"), "{}", error),
        }
        let pyproject = format!("[tool.tenet]\n{text}");
        let _ = Config::parse(Path::new("pyproject.toml"), &pyproject, true);
    }

    #[test]
    fn manifests_never_panic(text in from_vocabulary(CONFIG)) {
        for name in ["requirements.txt", "pyproject.toml", "Pipfile", "Pipfile.lock", "uv.lock", "environment.yml", "setup.cfg", "poetry.lock"] {
            positions_are_sane(&check(vec![(name, text.clone().into_bytes())]));
        }
    }
}
