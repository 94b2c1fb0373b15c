//! A project whose file names and code are hostile, scanned, for the
//! report tests: every writer must keep it inert.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use tenet_engine::config::{Config, Overrides, Settings};
use tenet_engine::{Finding, FsSource, ScanOptions, ScanResult, Sink, Skip};
use tenet_report::ReportInput;

#[derive(Default)]
pub struct Collect {
    pub findings: Vec<Finding>,
    pub skips: Vec<Skip>,
}

impl Sink for Collect {
    fn finding(&mut self, finding: &Finding) {
        self.findings.push(finding.clone());
    }
    fn skip(&mut self, skip: &Skip) {
        self.skips.push(skip.clone());
    }
}

pub const HOSTILE_NAMES: &[&str] = &[
    "<img src=x onerror=alert(1)>.py",
    "x</script><script>alert(1)</script>.py",
    "quote\"and'apostrophe.py",
    "{{ curly }}.py",
    "=HYPERLINK(\"evil.example\",\"x\").py",
    "ctrl\u{1}\u{1b}[31m.py",
    "two\nlines.py",
    "rtl\u{202E}yp.py",
    "comma,colon:percent%.py",
    "名前\u{FEFF}.py",
];

pub const CODE: &str = "import asyncio\n\nasync def main():\n    await asyncio.gather(a(), b())  # </script><img src=x onerror=alert(1)> =1+1 ::error::x\n    print(\"\\u202e =cmd|' /C calc'!A0\")\n";

pub fn hostile_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in HOSTILE_NAMES {
        // A `/` in a name makes folders, so the relative path reads as given.
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, CODE).unwrap();
    }
    std::fs::write(dir.path().join(OsStr::from_bytes(b"latin\xe9.py")), CODE).unwrap();
    std::fs::write(
        dir.path().join("suppressed.py"),
        "import asyncio\nasyncio.gather()  # noqa: ASY001 -- <b>legacy</b> \"reason\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("blob.py"), b"\x00\x01binary").unwrap();
    dir
}

pub fn scan(root: &Path) -> (Collect, ScanResult, Settings) {
    let settings = Settings::resolve(&Config::default(), &Overrides::default());
    let mut collect = Collect::default();
    let result = tenet_engine::scan(
        &FsSource::new(root),
        &settings,
        &mut collect,
        &ScanOptions::default(),
    );
    collect
        .findings
        .sort_by(|a, b| (&a.path, a.span.start, a.rule).cmp(&(&b.path, b.span.start, b.rule)));
    (collect, result, settings)
}

pub fn input<'a>(
    root: &'a Path,
    collect: &'a Collect,
    result: &'a ScanResult,
    settings: &'a Settings,
) -> ReportInput<'a> {
    ReportInput {
        root,
        findings: &collect.findings,
        skips: &collect.skips,
        result,
        config_hash: &settings.config_hash,
        fail_on: settings.fail_on.as_str(),
        gate_failures: 1,
        baseline: None,
        repository_prefix: "",
    }
}
