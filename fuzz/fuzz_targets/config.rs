#![no_main]

use std::path::Path;
use tenet_engine::config::{Config, Overrides, Settings};

// Any text: a configuration or an error that names the file.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(Path::new("tenet.toml"), text, false) {
        Ok(config) => drop(Settings::resolve(&config, &Overrides::default())),
        Err(error) => assert!(error.to_string().contains("tenet.toml")),
    }
    let _ = Config::parse(Path::new("pyproject.toml"), text, true);
});
