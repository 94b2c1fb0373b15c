//! One module per screen of the app; each command is a thin adapter over
//! the engine, store and report crates.

pub mod app;
pub mod backfill;
pub mod export;
pub mod findings;
pub mod history;
pub mod overview;
pub mod projects;
pub mod review;
pub mod rules;
pub mod scan;
