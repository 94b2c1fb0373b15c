//! The engine's integration tests: one binary, a module per concern.

mod bad_input;
mod common;
mod html_rules;
mod project_rules;
mod properties;
mod python_rules;
mod scan_behaviour;
mod walk;
