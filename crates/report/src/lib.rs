//! Reports a scan: the compliance report an auditor reads (HTML and PDF,
//! in `compliance`), and the formats other tools read: SARIF for code
//! scanning, CSV for spreadsheets, Markdown for a pull-request comment,
//! JUnit XML for CI dashboards, GitHub workflow annotations and GitLab Code
//! Quality.
//! Every writer treats file names and messages as hostile text: they come
//! from the scanned repository.

mod annotations;
pub mod chart_models;
pub mod compliance;
mod csv;
mod escape;
mod json;
mod junit;
mod lazy;
mod markdown;
mod sarif;
pub mod snippet;

pub use annotations::{github, gitlab, write_github};
pub use csv::{csv, write_csv};
pub use json::{finding_json, json, JsonExtras};
pub use junit::junit;
pub use lazy::Lazy;
pub use markdown::markdown;
pub use sarif::{sarif, SARIF_FINGERPRINT_KEY, SARIF_MAX_RESULTS};

use std::collections::HashSet;
use std::path::Path;
use tenet_engine::{Finding, ScanResult, Skip};

/// Everything a report is made from.
pub struct ReportInput<'a> {
    pub root: &'a Path,
    /// Sorted by path and position.
    pub findings: &'a [Finding],
    pub skips: &'a [Skip],
    pub result: &'a ScanResult,
    pub config_hash: &'a str,
    /// The gate's level, as configured (`error`, `warning`, `info`, `never`).
    pub fail_on: &'a str,
    pub gate_failures: u64,
    /// Fingerprints of a baseline, when the gate judged only new findings.
    pub baseline: Option<&'a HashSet<String>>,
    /// The scanned folder's path inside its repository (`"src/"`), for
    /// formats that name files from the repository's root (annotations).
    pub repository_prefix: &'a str,
}

impl ReportInput<'_> {
    fn is_new(&self, finding: &Finding) -> Option<bool> {
        self.baseline
            .map(|known| !known.contains(&finding.fingerprint))
    }

    fn gate_passed(&self) -> bool {
        self.gate_failures == 0
    }
}
