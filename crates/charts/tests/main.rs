//! tenet-charts as the app, the report and the CLI use it. One test binary
//! (see DESIGN.md, "Build and CI time").

mod alt_text;
mod compare;
mod fallback;
mod layout;
mod support;
mod svg_output;
