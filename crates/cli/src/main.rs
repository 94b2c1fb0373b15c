//! `tenet`: the headless face of the engine, for terminals and CI.

mod backfill_cmd;
mod baseline;
mod chart_cmd;
mod destination;
mod history_cmd;
mod late_store;
mod output;
mod report_cmd;
mod scan_cmd;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
// Linked for its global allocator and the options compiled into it.
use tenet_alloc as _;
use tenet_engine::config;
use tenet_engine::rules;
use tenet_store::Store;

#[derive(Parser)]
#[command(
    name = "tenet",
    version,
    about = "Review a project against the team's coding standard"
)]
struct Cli {
    /// The history database (default: TENET_DB, else the per-user data folder).
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan a folder, print its findings and checklist, and record the scan.
    Scan(ScanArgs),
    /// A project's scans with totals and the change from the previous one.
    History {
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Findings new, fixed and unchanged between two scans of a project.
    Diff {
        path: PathBuf,
        /// Earlier scan (number, `latest` or `previous`); default: the complete scan before --to.
        #[arg(long)]
        from: Option<String>,
        /// Later scan (number or `latest`); default: the latest complete scan.
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Record a person's verdict on a checklist item.
    Review {
        path: PathBuf,
        /// The checklist item id, as in RULES.md (e.g. memory-limits).
        item: String,
        #[arg(long, value_parser = ["pass", "fail", "not_applicable"])]
        verdict: String,
        #[arg(long)]
        note: String,
        /// Who decides (default: git user.name, else the system user).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Export a recorded scan (the latest by default) in any format.
    Report {
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = ScanFormat::Json)]
        format: ScanFormat,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Which scan: a number from `tenet history`, or `latest`.
        #[arg(long)]
        scan: Option<String>,
        /// The gate level the report judges against.
        #[arg(long, value_parser = ["error", "warning", "info", "never"])]
        fail_on: Option<String>,
    },
    /// Scan past commits of the current branch from git objects (no checkout).
    Backfill {
        path: PathBuf,
        /// How many first-parent commits, newest first.
        #[arg(long, default_value_t = 50, conflicts_with_all = ["since", "weekly"])]
        commits: usize,
        /// Every first-parent commit since this date (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// One commit per week over the last year.
        #[arg(long)]
        weekly: bool,
    },
    /// Draw a project's trend, or its latest scan's checklist or hotspot map,
    /// as PNG (on the GPU) or SVG.
    Chart {
        #[arg(value_enum)]
        kind: chart_cmd::ChartKind,
        path: PathBuf,
        /// FILE.png or FILE.svg (a PNG request becomes FILE.svg where no GPU adapter exists).
        #[arg(long, short)]
        output: PathBuf,
        /// Width in logical pixels.
        #[arg(long, default_value_t = 800)]
        width: u32,
        /// Height in logical pixels.
        #[arg(long, default_value_t = 400)]
        height: u32,
        /// Device pixels per logical pixel (2 for HiDPI).
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        #[arg(long, value_enum, default_value_t = chart_cmd::ThemeArg::Light)]
        theme: chart_cmd::ThemeArg,
    },
    /// Every project in the database with its last scan and score.
    Projects {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Database maintenance.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// List every rule: code, name, severity and checklist item.
    Rules {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print a rule's documentation: what, why, examples and the fix.
    Rule { code: String },
}

#[derive(Subcommand)]
enum DbCommand {
    /// A full integrity check of the database file.
    Check,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// What `tenet scan` can write.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ScanFormat {
    Text,
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// One row per finding.
    Csv,
    /// A summary for a pull-request comment.
    Md,
    /// One test case per checklist item.
    Junit,
    /// GitHub Actions workflow commands (inline annotations).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// The compliance report: one self-contained, accessible HTML file.
    Html,
    /// The compliance report as a tagged, accessible PDF.
    Pdf,
}

impl ScanFormat {
    /// The compliance report's formats, which read the scan's history and
    /// the source files too.
    pub fn is_document(self) -> bool {
        matches!(self, ScanFormat::Html | ScanFormat::Pdf)
    }
}

#[derive(clap::Args)]
struct ScanArgs {
    /// The project folder to scan.
    path: PathBuf,
    #[arg(long, value_enum, default_value_t = ScanFormat::Text)]
    format: ScanFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Fail (exit 1) on findings at or above this level.
    #[arg(long, value_parser = ["error", "warning", "info", "never"])]
    fail_on: Option<String>,
    /// Only these rules (codes, families such as ASY, or ALL), comma-separated.
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Skip these rules, comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Read the configuration from FILE instead of the project's own.
    #[arg(long)]
    config: Option<PathBuf>,
    /// List suppressed findings in text output too.
    #[arg(long)]
    show_suppressed: bool,
    /// Do not record this scan in the database (and do not reuse earlier results).
    #[arg(long, conflicts_with = "db")]
    no_store: bool,
    /// Gate only on findings new against `latest`, a scan number, or an
    /// earlier JSON/SARIF result FILE.
    #[arg(long, value_name = "latest|SCAN|FILE")]
    baseline: Option<String>,
    /// Gate only on findings new against this git revision (`origin/main`,
    /// a tag, a commit), scanned from git objects without a checkout.
    #[arg(long, value_name = "GITREF", conflicts_with = "baseline")]
    baseline_ref: Option<String>,
}

/// A failure that ends the command with exit code 2.
#[derive(Debug)]
struct UsageError(String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn main() -> ExitCode {
    // Before any thread starts: see the function's doc.
    tenet_engine::source::reserve_descriptor_table();
    let cli = Cli::parse();
    let db = cli.db.as_deref();
    let result = match &cli.command {
        Command::Scan(args) => binary_needs_a_file(args.format, args.output.as_deref())
            .and_then(|()| scan_cmd::run(args, db)),
        Command::History { path, format } => history_cmd::history(path, *format, db),
        Command::Diff {
            path,
            from,
            to,
            format,
        } => history_cmd::diff(path, from.as_deref(), to.as_deref(), *format, db),
        Command::Review {
            path,
            item,
            verdict,
            note,
            reviewer,
        } => history_cmd::review(
            &history_cmd::ReviewArgs {
                path,
                item,
                verdict,
                note,
                reviewer: reviewer.as_deref(),
            },
            db,
        ),
        Command::Report {
            path,
            format,
            output,
            scan,
            fail_on,
        } => binary_needs_a_file(*format, output.as_deref()).and_then(|()| {
            report_cmd::report(
                &report_cmd::ReportArgs {
                    path,
                    format: *format,
                    output: output.as_deref(),
                    scan: scan.as_deref(),
                    fail_on: fail_on.as_deref(),
                },
                db,
            )
        }),
        Command::Backfill {
            path,
            commits,
            since,
            weekly,
        } => backfill_cmd::backfill(
            &backfill_cmd::BackfillArgs {
                path,
                commits: *commits,
                since: since.as_deref(),
                weekly: *weekly,
            },
            db,
        ),
        Command::Chart {
            kind,
            path,
            output,
            width,
            height,
            scale,
            theme,
        } => chart_cmd::chart(
            &chart_cmd::ChartArgs {
                kind: *kind,
                path,
                output,
                width: *width,
                height: *height,
                scale: *scale,
                theme: *theme,
            },
            db,
        ),
        Command::Projects { format } => history_cmd::projects(*format, db),
        Command::Db {
            command: DbCommand::Check,
        } => history_cmd::db_check(db),
        Command::Rules { format } => print_rules(*format).map(|_| 0),
        Command::Rule { code } => print_rule(code).map(|_| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("tenet: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Opens the database named by `--db`, `TENET_DB` or the platform default,
/// telling the user on standard error about anything recovered on the way.
fn open_store(db: Option<&Path>) -> Result<Store> {
    open_store_at(&db_path(db)?)
}

/// The database file `--db`, `TENET_DB` or the platform default names.
fn db_path(db: Option<&Path>) -> Result<PathBuf> {
    match db {
        Some(path) => Ok(path.to_path_buf()),
        None => tenet_store::default_path().ok_or_else(|| {
            UsageError(
                "no per-user data folder on this system; pass --db FILE or set TENET_DB".into(),
            )
            .into()
        }),
    }
}

/// [`open_store`] for a path already chosen.
fn open_store_at(path: &Path) -> Result<Store> {
    let store = Store::open(path).map_err(|e| UsageError(e.to_string()))?;
    for notice in store.notices() {
        eprintln!("tenet: note: {notice}");
    }
    Ok(store)
}

/// A PDF is binary: refused on a terminal before any work, not dumped on it.
fn binary_needs_a_file(format: ScanFormat, output: Option<&Path>) -> Result<()> {
    use std::io::IsTerminal;
    if format == ScanFormat::Pdf && output.is_none() && std::io::stdout().is_terminal() {
        return Err(UsageError(
            "--format pdf: a PDF is binary; write it with --output FILE (or redirect standard output)"
                .into(),
        )
        .into());
    }
    Ok(())
}

fn print_rules(format: Format) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let list: Vec<_> = rules::REGISTRY
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code, "name": r.name, "severity": r.severity.as_str(),
                        "checklist_item": r.item, "summary": r.summary,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        }
        Format::Text => {
            writeln!(
                out,
                "{:<8} {:<32} {:<8} {:<22} SUMMARY",
                "CODE", "NAME", "SEVERITY", "CHECKLIST ITEM"
            )?;
            for r in rules::REGISTRY {
                writeln!(
                    out,
                    "{:<8} {:<32} {:<8} {:<22} {}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.item.unwrap_or("-"),
                    r.summary
                )?;
            }
        }
    }
    Ok(())
}

fn print_rule(code: &str) -> Result<()> {
    let rule = rules::find(&code.to_ascii_uppercase())
        .ok_or_else(|| UsageError(config::unknown_code(code)))?;
    let mut out = std::io::stdout().lock();
    let indent = |text: &str| {
        text.lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    writeln!(out, "{} ({}) — {}", rule.code, rule.name, rule.summary)?;
    writeln!(
        out,
        "Severity: {}    Checklist item: {}\n",
        rule.severity,
        rule.item.unwrap_or("none (scanner-level)")
    )?;
    writeln!(out, "What it flags\n{}\n", indent(rule.doc.what))?;
    writeln!(
        out,
        "Why the standard forbids it\n{}\n",
        indent(rule.doc.why)
    )?;
    writeln!(out, "Bad\n{}\n", indent(rule.doc.bad))?;
    writeln!(out, "Good\n{}\n", indent(rule.doc.good))?;
    writeln!(out, "How to fix it\n{}", indent(rule.doc.fix))?;
    Ok(())
}
