// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tenet_alloc::configure();
    // Before any thread starts: growing the descriptor table later, with
    // threads sharing it, waits for the kernel each time.
    tenet_engine::source::reserve_descriptor_table();
    tenet_app::run();
}
