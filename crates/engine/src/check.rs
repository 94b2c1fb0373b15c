//! Checking one file: read, decode, run the rules for its kind, apply
//! suppressions, and turn byte offsets into positions and fingerprints.

use crate::config::Settings;
use crate::finding::{Finding, RelPath, Related, Skip, SkipReason, Span};
use crate::html::{self, estimate::AccessibilityEstimate};
use crate::manifest::{self, ManifestKind};
use crate::noqa::{self, Directive, Suppressions};
use crate::project::{self, FileFacts};
use crate::python::{self, FileContext, RawFinding};
use crate::rules::{
    self, nqa001_unused_noqa, nqa002_unknown_noqa_code, syn001_unreadable, trc002_torch_dependency,
};
use crate::scan::{BlobKey, CacheKey, CachedFile, FileCache, FileStat, StatKey};
use crate::source::Source;
use crate::text::LineIndex;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Python,
    Notebook,
    Manifest(ManifestKind),
    /// Read only for what it says about running tests.
    TestConfig,
    Html,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Python => "python",
            FileKind::Notebook => "notebook",
            FileKind::Manifest(_) => "manifest",
            FileKind::TestConfig => "config",
            FileKind::Html => "html",
        }
    }
}

/// Which files the engine reads, by name.
/// The identity of a file's content in caches and the store.
pub fn content_hash(bytes: &[u8]) -> String {
    crate::config::hex(&Sha256::digest(bytes)[..16])
}

pub fn classify(path: &RelPath) -> Option<FileKind> {
    // Called for every entry a scan lists (tens of thousands on a rescan
    // that checks nothing): no allocation on this path.
    let name = path.file_name();
    let ends = |suffix: &str| crate::text::ends_with_ignore_case(name, suffix);
    if ends(".py") || ends(".pyi") {
        return Some(FileKind::Python);
    }
    if ends(".ipynb") {
        return Some(FileKind::Notebook);
    }
    if ends(".html") || ends(".htm") {
        return Some(FileKind::Html);
    }
    let parent = path
        .display
        .rsplit_once('/')
        .map(|(folder, _)| folder.rsplit_once('/').map_or(folder, |(_, last)| last));
    if let Some(kind) = manifest::kind_of(name, parent) {
        return Some(FileKind::Manifest(kind));
    }
    project::is_test_config(path).then_some(FileKind::TestConfig)
}

/// Everything a worker learns about one file.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub path: RelPath,
    pub kind: FileKind,
    pub lines: u64,
    pub content_hash: String,
    pub findings: Vec<Finding>,
    pub facts: FileFacts,
    /// Unused directives that may still suppress a project-level finding.
    pub pending: Vec<Directive>,
    pub skip: Option<Skip>,
    /// Size and modification time as listed, where the source has them.
    pub stat: Option<FileStat>,
    /// Findings and facts came from the file cache, not a fresh check.
    pub reused: bool,
    /// The cache's id of the version reused, if it gave one.
    pub cache_id: Option<i64>,
    /// The content identity the source gave (a git blob id), for the cache
    /// to learn: unset when the version was found by it (nothing to learn).
    pub blob_id: Option<String>,
    /// For a full HTML document: its estimated Lighthouse accessibility score.
    pub accessibility_estimate: Option<AccessibilityEstimate>,
}

impl FileOutcome {
    fn from_cache(
        path: &RelPath,
        kind: FileKind,
        stat: Option<FileStat>,
        file: CachedFile,
    ) -> Self {
        FileOutcome {
            path: path.clone(),
            kind,
            lines: file.lines,
            content_hash: file.content_hash,
            findings: file.findings,
            facts: file.facts,
            pending: file.pending,
            skip: None,
            stat,
            reused: true,
            cache_id: file.cache_id,
            blob_id: None,
            accessibility_estimate: file.accessibility_estimate,
        }
    }

    /// What a cache keeps of this outcome; `None` for a skipped file.
    pub fn to_cached(&self) -> Option<CachedFile> {
        (self.skip.is_none() && !self.content_hash.is_empty()).then(|| CachedFile {
            content_hash: self.content_hash.clone(),
            lines: self.lines,
            findings: self.findings.clone(),
            facts: self.facts.clone(),
            pending: self.pending.clone(),
            cache_id: None,
            accessibility_estimate: self.accessibility_estimate.clone(),
        })
    }
}

const PROJECT_CODES: &[&str] = &["TST001", "TST002"];

/// A file as the walk listed it.
pub struct Listed<'a> {
    pub path: &'a RelPath,
    pub kind: FileKind,
    pub stat: Option<FileStat>,
    pub blob_id: Option<String>,
}

pub fn check_file(
    source: &dyn Source,
    listed: &Listed,
    settings: &Settings,
    cache: Option<&dyn FileCache>,
) -> FileOutcome {
    let (path, kind, stat) = (listed.path, listed.kind, listed.stat);
    // Caches key files by their readable name; a name that is not UTF-8
    // could share it with another, so such files are always checked.
    let cache = cache.filter(|_| path.bytes.is_none());
    if let (Some(cache), Some(blob_id)) = (cache, &listed.blob_id) {
        let key = BlobKey {
            path: path.display.clone(),
            blob_id: blob_id.clone(),
            config_hash: settings.config_hash.clone(),
            engine_version: crate::ENGINE_ID,
        };
        if let Some(file) = cache.get_by_blob(&key) {
            // Found by this blob id: the cache knows the version by it
            // already, so the outcome carries none to record.
            return FileOutcome::from_cache(path, kind, stat, file);
        }
    }
    if let (Some(cache), Some(stat)) = (cache, stat) {
        let key = StatKey {
            path: path.display.clone(),
            stat,
            config_hash: settings.config_hash.clone(),
            engine_version: crate::ENGINE_ID,
        };
        if let Some(file) = cache.get_unchanged(&key) {
            return FileOutcome::from_cache(path, kind, Some(stat), file);
        }
    }
    let mut outcome = FileOutcome {
        path: path.clone(),
        kind,
        lines: 0,
        content_hash: String::new(),
        findings: Vec::new(),
        facts: FileFacts::default(),
        pending: Vec::new(),
        skip: None,
        stat,
        reused: false,
        cache_id: None,
        blob_id: listed.blob_id.clone(),
        accessibility_estimate: None,
    };
    let rule_settings = settings.rules_for(&path.display);
    let bytes = match source.read(path, syn001_unreadable::MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(error) => {
            let reason = match error.into_skip() {
                Ok(reason) => reason,
                Err(size) => {
                    let message = format!(
                        "file is {:.1} MiB, over the {} MiB size cap; not checked",
                        size as f64 / 1048576.0,
                        syn001_unreadable::MAX_FILE_BYTES / 1048576
                    );
                    push_file_level(&mut outcome, settings, &rule_settings.enabled, message);
                    return outcome;
                }
            };
            outcome.skip = Some(Skip {
                path: path.clone(),
                reason,
            });
            return outcome;
        }
    };
    if bytes[..bytes.len().min(8192)].contains(&0) {
        outcome.skip = Some(Skip {
            path: path.clone(),
            reason: SkipReason::Binary,
        });
        return outcome;
    }
    outcome.content_hash = content_hash(&bytes);
    let key = CacheKey {
        path: path.display.clone(),
        content_hash: outcome.content_hash.clone(),
        config_hash: settings.config_hash.clone(),
        engine_version: crate::ENGINE_ID,
    };
    if let Some(file) = cache.and_then(|c| c.get(&key)) {
        let mut outcome = FileOutcome::from_cache(path, kind, stat, file);
        outcome.blob_id = listed.blob_id.clone();
        return outcome;
    }
    let outcome = check_text(outcome, &bytes, path, kind, settings, &rule_settings);
    if let (Some(cache), Some(file)) = (cache, outcome.to_cached()) {
        cache.put(&key, &file);
    }
    outcome
}

/// Decodes and checks a file's bytes once it is known not to be binary.
fn check_text(
    mut outcome: FileOutcome,
    bytes: &[u8],
    path: &RelPath,
    kind: FileKind,
    settings: &Settings,
    rule_settings: &crate::config::RuleSettings,
) -> FileOutcome {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let column = String::from_utf8_lossy(
                &valid[valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)..],
            )
            .chars()
            .count() as u32
                + 1;
            outcome.lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            if rule_settings.enabled.contains(syn001_unreadable::META.code) {
                outcome.findings.push(finding_at(
                    settings,
                    path,
                    syn001_unreadable::META.code,
                    Span::point(line, column),
                    format!(
                        "not valid UTF-8 (byte {} on line {line}); save the file as UTF-8",
                        error.valid_up_to()
                    ),
                    "",
                    0,
                ));
            }
            outcome.facts.is_python = matches!(kind, FileKind::Python | FileKind::Notebook);
            return outcome;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    let mut raw: Vec<RawFinding> = Vec::new();
    let mut directives: Vec<Directive> = Vec::new();
    let mut joined_notebook = None;
    let is_test = project::is_test_path(path);
    let file_context = FileContext {
        is_test,
        print_allowed: is_test
            || path.file_name() == "__main__.py"
            || path.components().rev().skip(1).any(|c| c == "scripts"),
        is_setup_py: path.file_name() == "setup.py",
    };
    match kind {
        FileKind::Python | FileKind::Notebook => {
            outcome.facts.is_python = true;
            outcome.facts.is_test = file_context.is_test;
            let (source_text, cells) = if kind == FileKind::Notebook {
                match python::notebook::read(text) {
                    Ok(notebook) => {
                        let cells = notebook.cells.clone();
                        joined_notebook = Some(notebook);
                        (
                            joined_notebook
                                .as_ref()
                                .map(|n| n.source.as_str())
                                .unwrap_or(""),
                            Some(cells),
                        )
                    }
                    Err(message) => {
                        outcome.lines = text.lines().count() as u64;
                        push_file_level(&mut outcome, settings, &rule_settings.enabled, message);
                        return outcome;
                    }
                }
            } else {
                (text, None)
            };
            if let Err(too_deep) = python::guard::check_nesting(source_text) {
                raw.push(RawFinding {
                    rule: syn001_unreadable::META.code,
                    start: too_deep.offset as u32,
                    end: too_deep.offset as u32,
                    message: format!("{}; not checked", too_deep.message),
                    related: Vec::new(),
                });
            } else {
                let index = LineIndex::new(source_text);
                let output = python::check(
                    source_text,
                    cells.as_deref(),
                    &index,
                    &file_context,
                    rule_settings,
                );
                raw = output.findings;
                directives = output.directives;
                let t = output.facts;
                outcome.facts.has_async_code = t.has_async_code;
                outcome.facts.imports_tracemalloc = t.imports_tracemalloc;
                outcome.facts.uses_anyio_plugin = t.uses_anyio_plugin;
                outcome.facts.async_tests = t.async_tests;
                outcome.facts.first_unmarked_async_test = t
                    .first_unmarked_async_test
                    .map(|o| index.span(source_text, o, o));
            }
            if path.file_name() == "noxfile.py" {
                project::scan_test_config(path, text, &mut outcome.facts);
            }
        }
        FileKind::Manifest(manifest_kind) => {
            outcome.facts.is_manifest = true;
            directives = noqa::scan_hash_comments(text);
            if rule_settings
                .enabled
                .contains(trc002_torch_dependency::META.code)
                || rule_settings.enabled.contains(syn001_unreadable::META.code)
            {
                match manifest::dependencies(manifest_kind, text) {
                    Ok(deps) => {
                        let lock = matches!(
                            manifest_kind,
                            ManifestKind::UvLock
                                | ManifestKind::PoetryLock
                                | ManifestKind::PipfileLock
                                | ManifestKind::Pylock
                        );
                        for dep in deps {
                            if let Some(pattern) = trc002_torch_dependency::banned_pattern(
                                &dep.name,
                                &rule_settings.banned_packages,
                            ) {
                                if rule_settings
                                    .enabled
                                    .contains(trc002_torch_dependency::META.code)
                                {
                                    raw.push(RawFinding {
                                        rule: trc002_torch_dependency::META.code,
                                        start: dep.start,
                                        end: dep.end,
                                        message: trc002_torch_dependency::message(
                                            &dep, &pattern, lock,
                                        ),
                                        related: Vec::new(),
                                    });
                                }
                            }
                        }
                    }
                    Err(error) => raw.push(RawFinding {
                        rule: syn001_unreadable::META.code,
                        start: error.offset,
                        end: error.offset,
                        message: error.message,
                        related: Vec::new(),
                    }),
                }
            }
            if project::is_test_config(path) {
                project::scan_test_config(path, text, &mut outcome.facts);
            }
        }
        FileKind::TestConfig => project::scan_test_config(path, text, &mut outcome.facts),
        FileKind::Html => {
            outcome.facts.is_html = true;
            let output = html::check(text, &LineIndex::new(text));
            raw = output.findings;
            directives = output.directives;
            outcome.accessibility_estimate = output.estimate;
        }
    }

    let (index_text, index) = match &joined_notebook {
        Some(notebook) => (
            notebook.source.as_str(),
            LineIndex::new(&notebook.source).with_cells(notebook.cell_lines.clone()),
        ),
        None => (text, LineIndex::new(text)),
    };
    outcome.lines = index.line_count() as u64 - u64::from(index_text.ends_with('\n'));
    raw.retain(|f| rule_settings.enabled.contains(f.rule));
    finish_findings(
        &mut outcome,
        settings,
        &rule_settings.enabled,
        raw,
        directives,
        index_text,
        &index,
    );
    outcome
}

/// A SYN001 for a file that could not be read as a whole.
fn push_file_level(
    outcome: &mut FileOutcome,
    settings: &Settings,
    enabled: &rules::RuleSet,
    message: String,
) {
    if enabled.contains(syn001_unreadable::META.code) {
        let finding = finding_at(
            settings,
            &outcome.path,
            syn001_unreadable::META.code,
            Span::file_start(),
            message,
            "",
            0,
        );
        outcome.findings.push(finding);
    }
}

/// A digest of a line's text with its whitespace normalised: what a
/// fingerprint remembers of the line, computed once per line however many
/// findings it holds (a minified page has thousands on one long line).
fn line_key(line_text: &str) -> String {
    if line_text.is_empty() {
        return String::new();
    }
    let mut hasher = Sha256::new();
    for (i, word) in line_text.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    crate::config::hex(&hasher.finalize()[..16])
}

fn fingerprint(rule: &str, path: &RelPath, line_key: &str, occurrence: u32) -> String {
    let mut hasher = Sha256::new();
    hasher.update(rule.as_bytes());
    hasher.update([0]);
    hasher.update(path.raw_bytes());
    hasher.update(format!("\u{0}{line_key}\u{0}{occurrence}"));
    crate::config::hex(&hasher.finalize()[..8])
}

pub(crate) fn finding_at(
    settings: &Settings,
    path: &RelPath,
    rule: &'static str,
    span: Span,
    message: String,
    line_key: &str,
    occurrence: u32,
) -> Finding {
    Finding {
        rule,
        severity: settings.severity_of(rule),
        path: path.clone(),
        span,
        message,
        suppressed: false,
        suppression_reason: None,
        fingerprint: fingerprint(rule, path, line_key, occurrence),
        related: Vec::new(),
    }
}

fn finish_findings(
    outcome: &mut FileOutcome,
    settings: &Settings,
    enabled: &rules::RuleSet,
    mut raw: Vec<RawFinding>,
    directives: Vec<Directive>,
    text: &str,
    index: &LineIndex,
) {
    raw.sort_by_key(|f| (f.start, f.rule));
    let mut suppressions = Suppressions::new(directives);
    let mut occurrences: HashMap<(&'static str, String), u32> = HashMap::new();
    let mut line_keys: HashMap<usize, String> = HashMap::new();
    for f in raw {
        let line = index.line_of(f.start);
        let key = line_keys
            .entry(line)
            .or_insert_with(|| line_key(index.line_text(text, line).trim()))
            .clone();
        let occurrence = occurrences.entry((f.rule, key.clone())).or_insert(0);
        let suppression = suppressions.check(f.rule, line);
        let mut finding = finding_at(
            settings,
            &outcome.path,
            f.rule,
            index.span(text, f.start, f.end),
            f.message,
            &key,
            *occurrence,
        );
        *occurrence += 1;
        finding.related = f
            .related
            .into_iter()
            .map(|(start, end, message)| Related {
                span: index.span(text, start, end),
                message,
            })
            .collect();
        if let Some(reason) = suppression {
            finding.suppressed = true;
            finding.suppression_reason = reason;
        }
        outcome.findings.push(finding);
    }

    // Directives that suppressed nothing.
    for directive in suppressions.directives {
        let span = index.span(text, directive.start, directive.end);
        let line_text = index.line_text(text, directive.line).trim().to_string();
        let Some(codes) = &directive.codes else {
            if outcome.facts.is_test
                || outcome.facts.pytest_section.is_some()
                || directive.file_level
            {
                outcome.pending.push(directive.clone());
            }
            continue;
        };
        let mut may_be_pending = false;
        for code in codes
            .iter()
            .filter(|c| noqa::is_tenet_family(c) && !directive.used.contains(c))
        {
            let (rule, message) = match rules::find(code) {
                None => (
                    nqa002_unknown_noqa_code::META.code,
                    format!("`{code}` is not a Tenet rule; this suppresses nothing"),
                ),
                Some(_) if PROJECT_CODES.contains(&code.as_str()) => {
                    may_be_pending = true;
                    continue;
                }
                Some(known) if enabled.contains(known.code) && directive.covers_next_line => (
                    nqa001_unused_noqa::META.code,
                    format!("`<!-- noqa: {code} -->` suppresses nothing on this line or the next; remove it"),
                ),
                Some(known) if enabled.contains(known.code) => (
                    nqa001_unused_noqa::META.code,
                    format!("`# noqa: {code}` suppresses nothing on this line; remove it"),
                ),
                Some(_) => continue,
            };
            if enabled.contains(rule) {
                outcome.findings.push(finding_at(
                    settings,
                    &outcome.path,
                    rule,
                    span,
                    message,
                    &line_key(&line_text),
                    0,
                ));
            }
        }
        if may_be_pending {
            outcome.pending.push(directive.clone());
        }
    }
}
