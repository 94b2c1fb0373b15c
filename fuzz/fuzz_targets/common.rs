//! Shared by the targets: check files held in memory with every rule, twice,
//! and require the same findings (determinism) and sane positions.

use tenet_engine::config::{Config, Overrides, Settings};
use tenet_engine::memory::MemorySource;
use tenet_engine::{Finding, ScanOptions, Sink};

#[derive(Default)]
struct Collect(Vec<Finding>);

impl Sink for Collect {
    fn finding(&mut self, finding: &Finding) {
        self.0.push(finding.clone());
    }
}

fn once(path: &str, bytes: &[u8]) -> Vec<Finding> {
    let settings = Settings::resolve(&Config::default(), &Overrides::default());
    let source = MemorySource::new([(path, bytes.to_vec())]);
    let mut collect = Collect::default();
    let options = ScanOptions {
        threads: 1,
        ..ScanOptions::default()
    };
    tenet_engine::scan(&source, &settings, &mut collect, &options);
    collect
        .0
        .sort_by(|a, b| (a.span, a.rule, &a.message).cmp(&(b.span, b.rule, &b.message)));
    collect.0
}

pub fn check_twice(path: &str, bytes: &[u8]) {
    let first = once(path, bytes);
    for finding in &first {
        assert!(finding.span.start.line >= 1 && finding.span.start <= finding.span.end);
    }
    assert_eq!(first, once(path, bytes), "same input, same findings");
}
