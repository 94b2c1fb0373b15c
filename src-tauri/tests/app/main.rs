//! The app's commands driven through Tauri's IPC on the mock runtime, as the
//! webview calls them, against a real database and a copy of the sample
//! project; and the security settings the shell ships with.

mod backfill;
mod commands;
mod security;
mod support;
