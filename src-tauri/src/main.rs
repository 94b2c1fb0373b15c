// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// Linked for its global allocator and the options compiled into it.
use tenet_alloc as _;

fn main() {
    // Before any thread starts: see the function's doc.
    tenet_engine::source::reserve_descriptor_table();
    tenet_app::run();
}
