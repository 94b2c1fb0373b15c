//! `tenet backfill`: a trend from the first minute. Scans past commits of
//! the current branch's first-parent line straight from git objects and
//! records each as a scan at its commit's time.

use crate::scan_cmd::root_folder;
use crate::{open_store, UsageError};
use anyhow::Result;
use std::path::Path;
use std::time::Instant;
use tenet_backfill::{Choice, Step};
use tenet_git::GitRepo;

pub struct BackfillArgs<'a> {
    pub path: &'a Path,
    pub commits: usize,
    pub since: Option<&'a str>,
    pub weekly: bool,
}

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

pub fn backfill(args: &BackfillArgs, db: Option<&Path>) -> Result<u8> {
    let root = root_folder(args.path)?;
    let repo = GitRepo::open(&root).map_err(|e| UsageError(e.to_string()))?;
    let store = open_store(db)?;
    let project = store.project(&root)?;
    let choice =
        match (args.since, args.weekly) {
            (Some(text), _) => Choice::Since(parse_date(text).ok_or_else(|| {
                UsageError(format!("--since {text}: expected a date as YYYY-MM-DD"))
            })?),
            (None, true) => Choice::Weekly {
                now: std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64),
            },
            (None, false) => Choice::Commits(args.commits),
        };
    let plan = tenet_backfill::plan(&repo, choice)?;
    let started = Instant::now();
    let mut report = |event: tenet_backfill::Event| {
        let commit = event.commit;
        let short = &commit.id[..commit.id.len().min(10)];
        match event.step {
            Step::Recorded {
                scan,
                findings,
                score,
                submodules,
            } => {
                let note = if submodules == 0 {
                    String::new()
                } else {
                    format!("; {submodules} submodule(s) not scanned")
                };
                eprintln!(
                    "backfill: {}/{} {short} {} — scan {scan}: {findings} findings, score {}{note}",
                    event.done,
                    event.total,
                    &tenet_store::format_time(commit.time)[..10],
                    score.map_or("n/a".into(), |s| s.to_string()),
                );
            }
            Step::Known => {}
            Step::BrokenConfig(error) => {
                eprintln!("backfill: {short}: skipped, its configuration is broken: {error}");
            }
        }
    };
    let outcome = tenet_backfill::run(&store, project, &repo, &plan.commits, &mut report, None)?;
    println!(
        "Backfilled {} commit(s) in {:.1} s; {} already recorded{}.",
        outcome.recorded,
        started.elapsed().as_secs_f64(),
        outcome.known,
        if outcome.broken > 0 {
            format!("; {} skipped for a broken configuration", outcome.broken)
        } else {
            String::new()
        }
    );
    if plan.shallow {
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
