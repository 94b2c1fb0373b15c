//! The store's commands: `history`, `diff`, `review`, `projects`, `db check`.

use crate::scan_cmd::root_folder;
use crate::{open_store, Format, UsageError};
use anyhow::Result;
use std::io::Write;
use std::path::Path;
use tenet_engine::checklist::Status;
use tenet_engine::Finding;
use tenet_store::{HistoryEntry, ProjectId, ReviewInput, ScanRef, Store};

pub fn project_of(store: &Store, path: &Path) -> Result<ProjectId> {
    let root = root_folder(path)?;
    store.find_project(&root)?.ok_or_else(|| {
        UsageError(format!(
            "{} has not been scanned into {}; run `tenet scan` first",
            root.display(),
            store.path().display()
        ))
        .into()
    })
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

fn print(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

fn history_line(entry: &HistoryEntry) -> String {
    let change = entry
        .findings_change
        .map_or(String::new(), |c| format!("({})", signed(c)));
    let score = entry.score.map_or("n/a".into(), |s| s.to_string());
    let commit = entry
        .git_commit
        .as_deref()
        .map_or(String::new(), |c| format!(" {}", &c[..c.len().min(10)]));
    let markers = if entry.markers.is_empty() {
        String::new()
    } else {
        format!("  [{}]", entry.markers.join("; "))
    };
    // A backfilled scan sits in the trend at its commit's time.
    let at = entry.commit_time.as_deref().unwrap_or(&entry.started_at);
    let state = if entry.backfilled && entry.state == "complete" {
        "backfilled"
    } else {
        entry.state.as_str()
    };
    format!(
        "{:>5}  {}  {:<11} {:>6} {:<7} {:>4}E {:>4}W {:>4}I  score {:>3}{}{}",
        entry.scan,
        &at[..at.len().min(19)].replace('T', " "),
        state,
        entry.findings,
        change,
        entry.errors,
        entry.warnings,
        entry.infos,
        score,
        commit,
        markers
    )
}

pub fn history(path: &Path, format: Format, db: Option<&Path>) -> Result<u8> {
    let store = open_store(db)?;
    let project = project_of(&store, path)?;
    let entries = store.history(project)?;
    if format == Format::Json {
        print(&entries)?;
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:>5}  {:<19}  {:<11} {:>14}  {:>17}  {:>9}",
        "SCAN", "WHEN (UTC)", "STATE", "FINDINGS (Δ)", "BY SEVERITY", "SCORE"
    )?;
    for entry in &entries {
        writeln!(out, "{}", history_line(entry))?;
    }
    Ok(0)
}

pub fn projects(format: Format, db: Option<&Path>) -> Result<u8> {
    let store = open_store(db)?;
    let projects = store.projects()?;
    if format == Format::Json {
        print(&projects)?;
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    if projects.is_empty() {
        writeln!(out, "No projects in {} yet.", store.path().display())?;
    }
    for project in &projects {
        let last = project
            .last_scan
            .as_ref()
            .map_or("never scanned".to_string(), |s| {
                format!(
                    "last scan {} on {}: {} findings, score {}",
                    s.scan,
                    &s.started_at[..s.started_at.len().min(10)],
                    s.findings,
                    s.score.map_or("n/a".into(), |v| v.to_string())
                )
            });
        writeln!(
            out,
            "{}  {}  ({} scans; {last})",
            project.name, project.root, project.scans
        )?;
    }
    Ok(0)
}

fn finding_line(f: &Finding) -> String {
    format!(
        "{}:{}:{} {} [{}] {}",
        f.path, f.span.start.line, f.span.start.column, f.rule, f.severity, f.message
    )
}

pub fn diff(
    path: &Path,
    from: Option<&str>,
    to: Option<&str>,
    format: Format,
    db: Option<&Path>,
) -> Result<u8> {
    let store = open_store(db)?;
    let project = project_of(&store, path)?;
    let parse = |flag: &str, text: Option<&str>, default: ScanRef| -> Result<ScanRef> {
        match text {
            None => Ok(default),
            Some(text) => ScanRef::parse(text).ok_or_else(|| {
                UsageError(format!("{flag} {text}: expected a scan number or `latest`")).into()
            }),
        }
    };
    let to = store.resolve_scan(project, parse("--to", to, ScanRef::Latest)?)?;
    let from = match from {
        Some(_) => store.resolve_scan(project, parse("--from", from, ScanRef::Previous)?)?,
        // The complete scan before `to` in the trend's order (a backfilled
        // scan has a later id but an earlier place).
        None => {
            let history = store.history(project)?;
            let position = history.iter().position(|e| e.scan == to.0).unwrap_or(0);
            history[..position]
                .iter()
                .rev()
                .find(|e| e.state == "complete")
                .map(|e| tenet_store::ScanId(e.scan))
                .ok_or_else(|| UsageError(format!("no complete scan before scan {}", to.0)))?
        }
    };
    let diff = store.diff(from, to)?;
    if format == Format::Json {
        print(&serde_json::json!({
            "from": diff.from,
            "to": diff.to,
            "new": diff.new.iter().map(tenet_report::finding_json).collect::<Vec<_>>(),
            "fixed": diff.fixed.iter().map(tenet_report::finding_json).collect::<Vec<_>>(),
            "unchanged": diff.unchanged,
        }))?;
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Scan {} → scan {}: {} new, {} fixed, {} unchanged",
        diff.from,
        diff.to,
        diff.new.len(),
        diff.fixed.len(),
        diff.unchanged
    )?;
    for (title, findings) in [("New", &diff.new), ("Fixed", &diff.fixed)] {
        if !findings.is_empty() {
            writeln!(out, "\n{title}:")?;
            for finding in findings {
                writeln!(out, "  {}", finding_line(finding))?;
            }
        }
    }
    Ok(0)
}

pub struct ReviewArgs<'a> {
    pub path: &'a Path,
    pub item: &'a str,
    pub verdict: &'a str,
    pub note: &'a str,
    pub reviewer: Option<&'a str>,
}

pub fn review(args: &ReviewArgs, db: Option<&Path>) -> Result<u8> {
    let store = open_store(db)?;
    let project = project_of(&store, args.path)?;
    let verdict = Status::parse(args.verdict)
        .filter(|s| *s != Status::NeedsReview)
        .ok_or_else(|| {
            UsageError(format!(
                "--verdict {}: expected pass, fail or not_applicable",
                args.verdict
            ))
        })?;
    let root = root_folder(args.path)?;
    let reviewer = args
        .reviewer
        .map(str::to_string)
        .unwrap_or_else(|| tenet_store::git::default_reviewer(&root));
    let input = ReviewInput {
        item: args.item.to_string(),
        verdict,
        reviewer,
        note: args.note.to_string(),
    };
    let stored = store
        .add_review(project, &input)
        .map_err(|e| UsageError(e.to_string()))?;
    let item = tenet_engine::checklist::item(&stored.item).expect("validated by the store");
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Recorded: {} — {} by {} on scan {}.",
        item.title,
        stored.verdict.as_str(),
        stored.reviewer,
        stored.scan.unwrap_or_default()
    )?;
    if item.review_part.is_none() {
        writeln!(
            out,
            "Note: this item is decided by its rules; the verdict is shown beside the automated status and does not change it."
        )?;
    }
    Ok(0)
}

pub fn db_check(db: Option<&Path>) -> Result<u8> {
    let store = open_store(db)?;
    let problems = store.integrity_check()?;
    let mut out = std::io::stdout().lock();
    if problems.is_empty() {
        writeln!(out, "{}: ok", store.path().display())?;
        Ok(0)
    } else {
        for problem in &problems {
            writeln!(out, "{}: {problem}", store.path().display())?;
        }
        Ok(1)
    }
}
