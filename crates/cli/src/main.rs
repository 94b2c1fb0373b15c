//! `tenet`: the headless face of the engine, for terminals and CI.

mod output;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tenet_engine::config::{self, Config, FailOn, Overrides, Settings};
use tenet_engine::rules::{self, RuleSet};
use tenet_engine::{FsSource, ScanOptions};

#[derive(Parser)]
#[command(
    name = "tenet",
    version,
    about = "Review a project against the team's coding standard"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan a folder and print its findings and checklist.
    Scan(ScanArgs),
    /// List every rule: code, name, severity and checklist item.
    Rules {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print a rule's documentation: what, why, examples and the fix.
    Rule { code: String },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
struct ScanArgs {
    /// The project folder to scan.
    path: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
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
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => run_scan(&args),
        Command::Rules { format } => print_rules(format).map(|_| 0),
        Command::Rule { code } => print_rule(&code).map(|_| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("tenet: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn check_codes(flag: &str, codes: &[String]) -> Result<()> {
    for code in codes {
        if RuleSet::from_selector(code).is_none() {
            return Err(UsageError(format!("{flag}: {}", config::unknown_code(code))).into());
        }
    }
    Ok(())
}

fn run_scan(args: &ScanArgs) -> Result<u8> {
    let root = &args.path;
    if !root.is_dir() {
        let why = if root.exists() {
            "is not a folder"
        } else {
            "no such folder"
        };
        return Err(UsageError(format!("{}: {why}", root.display())).into());
    }
    if let Some(select) = &args.select {
        check_codes("--select", select)?;
    }
    check_codes("--ignore", &args.ignore)?;
    let config = match &args.config {
        Some(file) => Config::load(file),
        None => Config::discover(root),
    }
    .map_err(|e| UsageError(e.to_string()))?;
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.as_deref().and_then(FailOn::parse),
    };
    let settings = Settings::resolve(&config, &overrides);
    let source = FsSource::new(root);
    let mut collected = output::Collected::default();
    let result = tenet_engine::scan(&source, &settings, &mut collected, &ScanOptions::default());
    collected.sort();

    let mut buffer = Vec::new();
    match args.format {
        Format::Text => output::text(
            &mut buffer,
            &collected,
            &result,
            &settings,
            args.show_suppressed,
        )?,
        Format::Json => output::json(&mut buffer, root, &collected, &result, &settings)?,
    }
    match &args.output {
        Some(file) => write_atomically(file, &buffer).map_err(|e| UsageError(format!("{e:#}")))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`tenet scan . | head`) is not an error worth a trace.
            if let Err(e) = stdout.write_all(&buffer).and_then(|_| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(UsageError(format!("cannot write to standard output: {e}")).into());
                }
            }
        }
    }
    Ok(if result.gate_failures > 0 { 1 } else { 0 })
}

/// Writes to a temporary file beside the target, then renames it, so a
/// crash never leaves a half-written report.
fn write_atomically(file: &Path, bytes: &[u8]) -> Result<()> {
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file
        .file_name()
        .with_context(|| format!("{}: not a file name", file.display()))?;
    let temp = dir.join(format!(".{}.tenet-tmp", name.to_string_lossy()));
    let write = || -> std::io::Result<()> {
        let mut out = std::fs::File::create(&temp)?;
        out.write_all(bytes)?;
        out.sync_all()?;
        std::fs::rename(&temp, file)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        anyhow::anyhow!("cannot write {}: {e}", file.display())
    })
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
