//! `tenet backfill`: a trend from the first minute. Scans past commits of
//! the current branch's first-parent line straight from git objects and
//! records each as a scan at its commit's time.

use crate::scan_cmd::root_folder;
use crate::{open_store, UsageError};
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;
use tenet_engine::config::{Overrides, Settings};
use tenet_engine::{FileCache, ScanOptions};
use tenet_git::{CommitInfo, GitRepo};
use tenet_store::{CommitMeta, ScanMeta};

pub struct BackfillArgs<'a> {
    pub path: &'a Path,
    pub commits: usize,
    pub since: Option<&'a str>,
    pub weekly: bool,
}

const WEEK: i64 = 7 * 24 * 3600;

/// `YYYY-MM-DD` as seconds since the Unix epoch (midnight UTC).
fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days_in_month = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if !(1..=9999).contains(&y) || !(1..=days_in_month).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// The commits to scan, oldest first.
fn choose(repo: &GitRepo, args: &BackfillArgs) -> Result<(Vec<CommitInfo>, bool)> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let since =
        match args.since {
            Some(text) => Some(parse_date(text).ok_or_else(|| {
                UsageError(format!("--since {text}: expected a date as YYYY-MM-DD"))
            })?),
            None if args.weekly => Some(now - 365 * 24 * 3600),
            None => None,
        };
    let limit = if args.weekly || args.since.is_some() {
        usize::MAX
    } else {
        args.commits
    };
    let history = repo.first_parent_line(limit, since)?;
    let mut commits = history.commits;
    if args.weekly {
        // The newest commit of each week.
        let mut weeks: BTreeMap<i64, CommitInfo> = BTreeMap::new();
        for commit in commits {
            weeks.entry(commit.time.div_euclid(WEEK)).or_insert(commit);
        }
        commits = weeks.into_values().rev().collect();
    }
    commits.reverse();
    Ok((commits, history.shallow))
}

pub fn backfill(args: &BackfillArgs, db: Option<&Path>) -> Result<u8> {
    let root = root_folder(args.path)?;
    let repo = GitRepo::open(&root).map_err(|e| UsageError(e.to_string()))?;
    let store = open_store(db)?;
    let project = store.project(&root)?;
    let (commits, shallow) = choose(&repo, args)?;
    let total = commits.len();
    let started = Instant::now();
    let (mut recorded, mut known, mut broken) = (0usize, 0usize, 0usize);
    for (n, commit) in commits.iter().enumerate() {
        let short = &commit.id[..commit.id.len().min(10)];
        let tree = repo.tree(&commit.id)?;
        let config = match tree.config() {
            Ok(config) => config,
            Err(error) => {
                eprintln!("backfill: {short}: skipped, its configuration is broken: {error}");
                broken += 1;
                continue;
            }
        };
        let settings = Settings::resolve(&config, &Overrides::default());
        if store.backfilled(project, &commit.id, &settings.config_hash)? {
            known += 1;
            continue;
        }
        let at = tenet_store::format_time(commit.time);
        // A verdict applies to scans from its time on: the one current then.
        let reviews = store.reviews_as_of(project, Some(&at))?;
        let cache = store.git_cache(project, &settings.config_hash)?;
        let options = ScanOptions {
            cache: Some(&cache as &dyn FileCache),
            reviews,
            ..ScanOptions::default()
        };
        let meta = ScanMeta {
            git_commit: Some(commit.id.clone()),
            backfilled: Some(CommitMeta {
                time: commit.time,
                author: commit.author.clone(),
                subject: commit.subject.clone(),
            }),
            ..ScanMeta::new(&settings)
        };
        let mut recorder = store.begin_scan(project, &meta)?;
        let result = tenet_engine::scan(&tree, &settings, &mut recorder, &options);
        let scan = match recorder.finish(&result) {
            Ok(scan) => scan,
            // Another backfill recorded this commit meanwhile (the unique
            // key on project, commit, engine and configuration).
            Err(_) if store.backfilled(project, &commit.id, &settings.config_hash)? => {
                known += 1;
                continue;
            }
            Err(error) => return Err(error.into()),
        };
        recorded += 1;
        let submodules = tree.submodules();
        let note = if submodules.is_empty() {
            String::new()
        } else {
            format!("; {} submodule(s) not scanned", submodules.len())
        };
        eprintln!(
            "backfill: {}/{total} {short} {} — scan {}: {} findings, score {}{note}",
            n + 1,
            &at[..10],
            scan.0,
            result.summary.findings,
            result
                .checklist
                .score
                .map_or("n/a".into(), |s| s.to_string()),
        );
    }
    println!(
        "Backfilled {recorded} commit(s) in {:.1} s; {known} already recorded{}.",
        started.elapsed().as_secs_f64(),
        if broken > 0 {
            format!("; {broken} skipped for a broken configuration")
        } else {
            String::new()
        }
    );
    if shallow {
        println!(
            "The clone is shallow: older history is not in it (git fetch --unshallow to reach it)."
        );
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_are_midnight_utc() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2000-03-01"), Some(951_868_800));
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("2026-02-31"), None);
        assert_eq!(parse_date("2024-02-29"), Some(1_709_164_800));
        assert_eq!(parse_date("99999999999999-01-01"), None);
        assert_eq!(parse_date("yesterday"), None);
    }
}
