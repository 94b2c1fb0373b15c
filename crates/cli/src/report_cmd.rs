//! `tenet report`: any recorded scan (the latest by default), in any format
//! `tenet scan` writes, read back from the database.

use crate::destination::write_output;
use crate::history_cmd::project_of;
use crate::output::{self, Collected, Gate, Report};
use crate::{open_store, ScanFormat, UsageError};
use anyhow::Result;
use std::path::Path;
use tenet_engine::FailOn;
use tenet_store::ScanRef;

pub struct ReportArgs<'a> {
    pub path: &'a Path,
    pub format: ScanFormat,
    pub output: Option<&'a Path>,
    pub scan: Option<&'a str>,
    pub fail_on: Option<&'a str>,
}

pub fn report(args: &ReportArgs, db: Option<&Path>) -> Result<u8> {
    let store = open_store(db)?;
    let project = project_of(&store, args.path)?;
    let reference = match args.scan {
        None => ScanRef::Latest,
        Some(text) => ScanRef::parse(text).ok_or_else(|| {
            UsageError(format!("--scan {text}: expected a scan number or `latest`"))
        })?,
    };
    let scan = store
        .resolve_scan(project, reference)
        .map_err(|e| UsageError(e.to_string()))?;
    let stored = store.load_scan(scan)?;
    let fail_on = args
        .fail_on
        .and_then(FailOn::parse)
        .unwrap_or(FailOn::Level(tenet_engine::Severity::Error));
    let collected = Collected {
        findings: stored.findings,
        skips: stored.skips,
    };
    let gate = Gate::judge(&collected, fail_on, None);
    let root = Path::new(&stored.project_root);
    let report = Report {
        root,
        collected: &collected,
        result: &stored.result,
        config_hash: &stored.entry.config_hash,
        fail_on,
        gate: &gate,
        stored_as: Some(scan.0),
        context: if args.format.is_document() {
            Some(tenet_report::compliance::Context::recorded(&store, scan)?)
        } else {
            None
        },
    };
    write_output(args.output, |out| {
        output::render(args.format, &report, false, out)
    })?;
    Ok(0)
}
