//! Fault injection for the reliability suite. A test sets
//! `TENET_FAILPOINT=<name>` and the process dies abruptly (as from
//! `SIGKILL`: no unwinding, no destructors) when it reaches that point, so
//! the suite can prove that history survives a crash at the worst moment.
//! `TENET_FAILPOINT_MAX_PAGES=<n>` caps the database's size in pages to
//! make it "full". Unset — always, outside tests — each check is one load
//! of a value read once.

use std::sync::OnceLock;

fn configured() -> Option<&'static str> {
    static NAME: OnceLock<Option<String>> = OnceLock::new();
    NAME.get_or_init(|| {
        std::env::var("TENET_FAILPOINT")
            .ok()
            .filter(|n| !n.is_empty())
    })
    .as_deref()
}

/// Dies here if the reliability suite asked for it.
pub fn hit(name: &str) {
    if configured() == Some(name) {
        eprintln!("tenet: failpoint `{name}` reached; stopping abruptly");
        std::process::abort();
    }
}

/// The page limit to impose on the database, if a test asked for a full disk.
pub fn max_pages() -> Option<u64> {
    static PAGES: OnceLock<Option<u64>> = OnceLock::new();
    *PAGES.get_or_init(|| {
        std::env::var("TENET_FAILPOINT_MAX_PAGES")
            .ok()
            .and_then(|n| n.parse().ok())
    })
}
