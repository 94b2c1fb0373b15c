//! A scan: walk a source, check files in parallel on large-stack worker
//! threads, and stream findings through a bounded channel to a sink. The
//! engine knows nothing of output formats or storage; memory stays flat
//! whatever the size of the repository.

use crate::check::{self, FileKind, FileOutcome};
use crate::checklist::{self, Checklist, Review};
use crate::config::Settings;
use crate::finding::{Finding, RelPath, Skip, SkipReason, Span};
use crate::html::estimate::{AccessibilityEstimate, DocumentEstimate};
use crate::noqa::{Directive, Suppressions};
use crate::project::{FileFacts, ProjectFacts, ProjectFinding};
use crate::rules::{
    nqa001_unused_noqa, prm001_world_writable, prm002_exposed_secret, tst001_no_tracemalloc,
    tst002_async_tests_unrun,
};
use crate::source::{EntryKind, Quiet, Source, Visit, WalkOptions};
use crossbeam_channel::bounded;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

/// Where findings go: the CLI prints them, the store writes them, the app
/// shows them. Called on the thread that runs the scan, never concurrently.
pub trait Sink {
    /// A file that was listed and checked (or skipped, with `skip` set).
    /// Its findings follow at once, one `finding` call each, before any
    /// other call; findings not tied to a checked file (permissions, the
    /// project-level test rules) arrive on their own.
    fn file(&mut self, _file: &FileOutcome) {}
    fn finding(&mut self, finding: &Finding);
    fn skip(&mut self, _skip: &Skip) {}
    fn progress(&mut self, _progress: &Progress) {}
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Progress {
    pub files_done: u64,
    /// Files found so far; final once `listing_done`.
    pub files_total: u64,
    pub listing_done: bool,
    pub findings: u64,
    /// Files whose findings came from the cache instead of a parse.
    pub files_reused: u64,
    pub current: String,
}

/// Size and modification time as listed: a file cache trusts these, as
/// Ruff's cache does, before it pays for reading and hashing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileStat {
    pub size: u64,
    pub mtime_ns: i64,
}

/// What a file cache keeps of one file version: everything a scan needs
/// from it, so neither the file rules nor the project rules parse it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CachedFile {
    pub content_hash: String,
    pub lines: u64,
    pub findings: Vec<Finding>,
    pub facts: FileFacts,
    /// `noqa` directives left for the project-level rules.
    pub pending: Vec<Directive>,
    /// The cache's own id for this version, handed back on the file's
    /// outcome so a cache that also records the scan need not look it up.
    pub cache_id: Option<i64>,
    /// For a full HTML document: its estimated Lighthouse accessibility score.
    pub accessibility_estimate: Option<AccessibilityEstimate>,
}

/// Remembers the outcome of files already checked. The store implements it;
/// PRM results are never cached (a `chmod` changes neither content nor size).
pub trait FileCache: Send + Sync {
    /// The outcome of a file whose size and modification time are those it
    /// had when last checked with the same settings and engine: no read.
    fn get_unchanged(&self, _key: &StatKey) -> Option<CachedFile> {
        None
    }
    /// The outcome of a file version already checked, by the identity its
    /// source gave it (a git blob id): no read.
    fn get_by_blob(&self, _key: &BlobKey) -> Option<CachedFile> {
        None
    }
    /// The outcome of a file version already checked, by content.
    fn get(&self, key: &CacheKey) -> Option<CachedFile>;
    /// Called after a fresh check. A cache that learns from the scan's
    /// sink instead (the store) leaves this empty.
    fn put(&self, _key: &CacheKey, _file: &CachedFile) {}
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    pub path: String,
    pub content_hash: String,
    pub config_hash: String,
    pub engine_version: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlobKey {
    pub path: String,
    pub blob_id: String,
    pub config_hash: String,
    pub engine_version: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatKey {
    pub path: String,
    pub stat: FileStat,
    pub config_hash: String,
    pub engine_version: &'static str,
}

#[derive(Default)]
pub struct ScanOptions<'a> {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub cancel: Option<&'a AtomicBool>,
    /// Outcomes of files already checked with the same content and settings.
    pub cache: Option<&'a dyn FileCache>,
    pub reviews: BTreeMap<String, Review>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: u64,
    pub lines: u64,
    pub findings: u64,
    pub suppressed: u64,
    pub skipped: u64,
    pub parse_errors: u64,
    pub by_rule: BTreeMap<String, u64>,
    pub by_severity: BTreeMap<String, u64>,
    pub duration_ms: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScanResult {
    pub summary: Summary,
    pub checklist: Checklist,
    pub interrupted: bool,
    /// Unsuppressed findings at or above the gate's level.
    pub gate_failures: u64,
    /// Estimated Lighthouse accessibility scores of full HTML documents, by path.
    pub accessibility_estimates: Vec<DocumentEstimate>,
}

/// Large enough for any nesting the guard lets through.
const WORKER_STACK: usize = 256 * 1024 * 1024;
const CHANNEL_BOUND: usize = 256;
/// Files listed and waiting for a checker. Deep enough that a warm rescan's
/// walk (and the permission rules' `stat` of every entry) runs on while the
/// cache's index is still being read and no checker can take a file: a
/// `Work` is a path and a stat, so 4,096 of them hold about half a MiB
/// (homeassistant warm: 98 → 93 ms against 256; no change cold).
const WORK_BOUND: usize = 4096;

/// A file handed from the walker to a checker.
struct Work {
    path: RelPath,
    kind: FileKind,
    stat: Option<FileStat>,
    blob_id: Option<String>,
}

enum Message {
    File(Box<FileOutcome>),
    Finding(Finding),
    Skip(Skip),
    Listed {
        total: u64,
        done: bool,
        excluded: u64,
        /// Entries of any kind listed (not excluded) so far.
        entries: u64,
    },
}

struct Accumulator<'s> {
    sink: &'s mut dyn Sink,
    settings: &'s Settings,
    summary: Summary,
    facts: ProjectFacts,
    pending: HashMap<RelPath, Vec<Directive>>,
    evidence: checklist::Evidence,
    progress: Progress,
    excluded: u64,
    /// Entries listed (not excluded), for the permission item's applicability.
    entries: u64,
    gate_failures: u64,
    last_progress: Instant,
    estimates: Vec<DocumentEstimate>,
}

impl Accumulator<'_> {
    fn finding(&mut self, finding: &Finding) {
        if finding.suppressed {
            self.summary.suppressed += 1;
        } else {
            self.summary.findings += 1;
            *self
                .summary
                .by_rule
                .entry(finding.rule.to_string())
                .or_default() += 1;
            *self
                .summary
                .by_severity
                .entry(finding.severity.as_str().to_string())
                .or_default() += 1;
            if finding.rule == "SYN001" {
                self.summary.parse_errors += 1;
            }
            if self.settings.fail_on.fails(finding.severity) {
                self.gate_failures += 1;
            }
            self.evidence
                .add_finding(finding.rule, &finding.fingerprint);
        }
        self.progress.findings = self.summary.findings;
        self.sink.finding(finding);
    }

    fn skip(&mut self, skip: &Skip) {
        self.summary.skipped += 1;
        self.sink.skip(skip);
    }

    fn file(&mut self, outcome: FileOutcome) {
        self.progress.files_done += 1;
        self.progress.files_reused += u64::from(outcome.reused);
        if let Some(skip) = &outcome.skip {
            self.summary.skipped += 1;
            self.sink.file(&outcome);
            self.sink.skip(skip);
        } else {
            self.summary.files += 1;
            self.summary.lines += outcome.lines;
            self.sink.file(&outcome);
        }
        self.facts.add(&outcome.path, &outcome.facts);
        self.evidence
            .add_file(&outcome.path, &outcome.content_hash, &outcome.facts);
        if let Some(estimate) = &outcome.accessibility_estimate {
            self.estimates.push(DocumentEstimate {
                path: outcome.path.clone(),
                estimate: estimate.clone(),
            });
        }
        for finding in &outcome.findings {
            self.finding(finding);
        }
        if !outcome.pending.is_empty() {
            self.pending.insert(outcome.path.clone(), outcome.pending);
        }
        if self.last_progress.elapsed().as_millis() >= 100 {
            self.progress.current = outcome
                .path
                .display
                .rsplit_once('/')
                .map_or(String::new(), |(dir, _)| dir.to_string());
            self.sink.progress(&self.progress);
            self.last_progress = Instant::now();
        }
    }

    /// Project-level rules, with any `noqa` left pending in their file.
    fn project_finding(&mut self, found: ProjectFinding) {
        if !self
            .settings
            .enabled_for(&found.path.display)
            .contains(found.rule)
        {
            return;
        }
        let mut finding = check::finding_at(
            self.settings,
            &found.path,
            found.rule,
            found.span,
            found.message,
            "",
            0,
        );
        if let Some(directives) = self.pending.remove(&found.path) {
            let mut suppressions = Suppressions::new(directives);
            if let Some(reason) = suppressions.check(found.rule, found.span.start.line as usize - 1)
            {
                finding.suppressed = true;
                finding.suppression_reason = reason;
            }
            self.pending
                .insert(found.path.clone(), suppressions.directives);
        }
        self.finding(&finding);
    }

    /// `noqa: TST00x` comments that, in the end, suppressed nothing.
    fn unused_project_directives(&mut self) {
        let mut pending: Vec<_> = std::mem::take(&mut self.pending).into_iter().collect();
        pending.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, directives) in pending {
            let enabled = self.settings.enabled_for(&path.display);
            if !enabled.contains(nqa001_unused_noqa::META.code) {
                continue;
            }
            for directive in directives {
                let line = directive.line;
                for code in directive.codes.iter().flatten() {
                    if ["TST001", "TST002"].contains(&code.as_str())
                        && !directive.used.contains(code)
                        && enabled.contains(code)
                    {
                        let message =
                            format!("`# noqa: {code}` suppresses nothing on this line; remove it");
                        let span = Span::point(line as u32 + 1, 1);
                        let finding = check::finding_at(
                            self.settings,
                            &path,
                            nqa001_unused_noqa::META.code,
                            span,
                            message,
                            "",
                            0,
                        );
                        self.finding(&finding);
                    }
                }
            }
        }
    }
}

/// What the permission rules say of an entry's mode, before the settings
/// for its path.
fn permission_candidates(
    path: &RelPath,
    kind: EntryKind,
    mode: u32,
) -> [(&'static str, Option<String>); 2] {
    let is_dir = kind == EntryKind::Dir;
    [
        (
            prm001_world_writable::META.code,
            prm001_world_writable::check(mode, is_dir),
        ),
        (
            prm002_exposed_secret::META.code,
            (!is_dir)
                .then(|| prm002_exposed_secret::check(path.file_name(), mode))
                .flatten(),
        ),
    ]
}

/// Asked of every entry in the project: the modes are judged first, and the
/// settings for the path (per-file ignores) only for an entry that fails.
fn permission_findings(
    settings: &Settings,
    path: &RelPath,
    kind: EntryKind,
    mode: u32,
) -> Vec<Finding> {
    let candidates = permission_candidates(path, kind, mode);
    if candidates.iter().all(|(_, message)| message.is_none()) {
        return Vec::new();
    }
    let enabled = settings.enabled_for(&path.display);
    candidates
        .into_iter()
        .filter(|(code, _)| enabled.contains(code))
        .filter_map(|(code, message)| {
            Some(check::finding_at(
                settings,
                path,
                code,
                Span::file_start(),
                message?,
                "",
                0,
            ))
        })
        .collect()
}

/// Runs a scan. Never fails: unreadable files become findings or skips.
pub fn scan(
    source: &dyn Source,
    settings: &Settings,
    sink: &mut dyn Sink,
    options: &ScanOptions,
) -> ScanResult {
    let started = Instant::now();
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        options.threads
    };
    let cancelled = || options.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    let check_permissions = source.has_permissions()
        && (settings
            .rules
            .enabled
            .contains(prm001_world_writable::META.code)
            || settings
                .rules
                .enabled
                .contains(prm002_exposed_secret::META.code));

    let (work_tx, work_rx) = bounded::<Work>(WORK_BOUND);
    let (result_tx, result_rx) = bounded::<Message>(CHANNEL_BOUND);
    let mut acc = Accumulator {
        sink,
        settings,
        summary: Summary::default(),
        facts: ProjectFacts::default(),
        pending: HashMap::new(),
        evidence: checklist::Evidence::default(),
        progress: Progress::default(),
        excluded: 0,
        entries: 0,
        gate_failures: 0,
        last_progress: Instant::now(),
        estimates: Vec::new(),
    };

    std::thread::scope(|scope| {
        // The walker lists entries, judges permissions and hands files out.
        let walker_results = result_tx.clone();
        scope.spawn(move || {
            let mut total = 0u64;
            let mut excluded = 0u64;
            let mut entries = 0u64;
            let wanted = |path: &RelPath| check::classify(path).is_some();
            // An entry hidden by `.gitignore` or not a file the scan reads
            // is only counted by `visit` below, unless the permission rules
            // flag it: the walk may count it instead. Exclusion globs need
            // every path, so with them every entry is visited.
            let flagged = |path: &RelPath, kind: EntryKind, mode: Option<u32>| {
                check_permissions
                    && kind != EntryKind::Symlink
                    && mode.is_some_and(|mode| {
                        permission_candidates(path, kind, mode)
                            .iter()
                            .any(|(_, message)| message.is_some())
                    })
            };
            let counted = AtomicU64::new(0);
            let walk_options = WalkOptions {
                include_ignored: check_permissions,
                modes: check_permissions,
                wanted: &wanted,
                quiet: (!settings.has_exclude).then_some(Quiet {
                    flagged: &flagged,
                    counted: &counted,
                }),
            };
            let counted = || counted.load(Ordering::Relaxed);
            source.walk(&walk_options, &mut |entry| {
                let sent = |ok: bool| if ok { Visit::Continue } else { Visit::Stop };
                if cancelled() {
                    return Visit::Stop;
                }
                if settings.has_exclude && settings.exclude.is_match(&entry.path.display) {
                    excluded += 1;
                    return Visit::SkipDir;
                }
                // A folder that could not be listed was counted as its
                // parent listed it.
                if let Some(error) = entry.unreadable {
                    let reason = error.into_skip().unwrap_or_else(|size| {
                        SkipReason::Unreadable(format!("{size} bytes, too large"))
                    });
                    let skip = Skip {
                        path: entry.path,
                        reason,
                    };
                    return sent(walker_results.send(Message::Skip(skip)).is_ok());
                }
                entries += 1;
                if check_permissions && entry.kind != EntryKind::Symlink {
                    if let Some(mode) = entry.mode {
                        for finding in permission_findings(settings, &entry.path, entry.kind, mode)
                        {
                            if walker_results.send(Message::Finding(finding)).is_err() {
                                return Visit::Stop;
                            }
                        }
                    }
                }
                if entry.ignored || entry.kind == EntryKind::Dir {
                    return Visit::Continue;
                }
                let Some(kind) = check::classify(&entry.path) else {
                    return Visit::Continue;
                };
                let reason = match entry.kind {
                    EntryKind::File => None,
                    EntryKind::Symlink => Some(SkipReason::Symlink),
                    EntryKind::Fifo => Some(SkipReason::Fifo),
                    EntryKind::Socket => Some(SkipReason::Socket),
                    EntryKind::Device | EntryKind::Dir => Some(SkipReason::Device),
                };
                if let Some(reason) = reason {
                    return sent(
                        walker_results
                            .send(Message::Skip(Skip {
                                path: entry.path,
                                reason,
                            }))
                            .is_ok(),
                    );
                }
                total += 1;
                if total.is_multiple_of(256) {
                    let _ = walker_results.send(Message::Listed {
                        total,
                        done: false,
                        excluded,
                        entries: entries + counted(),
                    });
                }
                let stat = entry.mtime_ns.map(|mtime_ns| FileStat {
                    size: entry.size,
                    mtime_ns,
                });
                let work = Work {
                    path: entry.path,
                    kind,
                    stat,
                    blob_id: entry.blob_id,
                };
                sent(work_tx.send(work).is_ok())
            });
            let _ = walker_results.send(Message::Listed {
                total,
                done: true,
                excluded,
                entries: entries + counted(),
            });
            drop(work_tx);
        });

        for _ in 0..threads {
            let work = work_rx.clone();
            let results = result_tx.clone();
            std::thread::Builder::new()
                .name("tenet-check".into())
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || {
                    for Work {
                        path,
                        kind,
                        stat,
                        blob_id,
                    } in work
                    {
                        if cancelled() {
                            break;
                        }
                        let outcome = check::check_file(
                            source,
                            &check::Listed {
                                path: &path,
                                kind,
                                stat,
                                blob_id,
                            },
                            settings,
                            options.cache,
                        );
                        if results.send(Message::File(Box::new(outcome))).is_err() {
                            break;
                        }
                    }
                })
                .expect("spawn a checker thread");
        }
        drop(work_rx);
        drop(result_tx);

        for message in result_rx {
            match message {
                Message::File(outcome) => acc.file(*outcome),
                Message::Finding(finding) => acc.finding(&finding),
                Message::Skip(skip) => acc.skip(&skip),
                Message::Listed {
                    total,
                    done,
                    excluded,
                    entries,
                } => {
                    acc.progress.files_total = total;
                    acc.progress.listing_done = done;
                    acc.excluded = excluded;
                    acc.entries = entries;
                }
            }
        }
    });

    let interrupted = cancelled();
    if !interrupted {
        for found in [
            tst001_no_tracemalloc::decide(&acc.facts),
            tst002_async_tests_unrun::decide(&acc.facts),
        ]
        .into_iter()
        .flatten()
        {
            acc.project_finding(found);
        }
        acc.unused_project_directives();
    }
    acc.summary.duration_ms = started.elapsed().as_millis() as u64;
    acc.sink.progress(&acc.progress);
    acc.estimates.sort_by(|a, b| a.path.cmp(&b.path));
    let checklist = checklist::evaluate(&checklist::Inputs {
        settings,
        facts: &acc.facts,
        by_rule: &acc.summary.by_rule,
        excluded_paths: acc.excluded,
        // Permissions apply where modes are real and something was listed.
        permissions_known: source.has_permissions() && acc.entries > 0,
        reviews: &options.reviews,
        evidence: &acc.evidence,
        accessibility_estimates: &acc.estimates,
    });
    ScanResult {
        summary: acc.summary,
        checklist,
        interrupted,
        gate_failures: acc.gate_failures,
        accessibility_estimates: acc.estimates,
    }
}
