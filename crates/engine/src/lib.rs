//! Tenet's scanning engine: walks a project, checks Python, notebooks,
//! dependency manifests and HTML against the rules of the coding standard, and emits
//! findings through a [`Sink`]. It knows nothing of storage, the app or
//! report formats.

pub mod check;
pub mod checklist;
pub mod config;
pub mod failpoint;
pub mod finding;
pub mod html;
pub mod manifest;
pub mod memory;
pub mod noqa;
pub mod project;
pub(crate) mod python;
pub mod rules;
pub mod scan;
pub mod source;
pub mod text;

pub use check::FileOutcome;
pub use checklist::{Checklist, ItemResult, Review, Status};
pub use config::{Config, ConfigError, FailOn, Overrides, Settings};
pub use finding::{Finding, RelPath, Severity, Skip, SkipReason, Span};
pub use html::estimate::{AccessibilityEstimate, DocumentEstimate};
pub use scan::{
    scan, BlobKey, CacheKey, CachedFile, FileCache, FileStat, Progress, ScanOptions, ScanResult,
    Sink, StatKey, Summary,
};
pub use source::{FsSource, Source};

/// The engine's version, as reports show it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The version plus a fingerprint of the engine's source: recorded with
/// every scan and part of every file-cache key, so findings are reused only
/// from the very same rule code.
pub const ENGINE_ID: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("TENET_ENGINE_SOURCE_HASH")
);
/// The version of the rule catalogue (RULES.md) this engine implements.
pub const STANDARD_VERSION: &str = "1.0";
