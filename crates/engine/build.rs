//! Fingerprints the engine's own source, so a file cache never serves
//! findings computed by different rule code under the same version number
//! (a development build, or a rule fixed without a release).

use std::path::Path;

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            visit(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

fn main() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    println!("cargo:rerun-if-changed={}", src.display());
    let mut files = Vec::new();
    visit(&src, &mut files);
    files.sort();
    // FNV-1a over names and contents: deterministic across machines.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        let name = file
            .strip_prefix(&src)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read(&file).unwrap_or_default();
        for byte in name
            .bytes()
            .chain([0])
            .chain(text.into_iter().filter(|&b| b != b'\r'))
        {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=TENET_ENGINE_SOURCE_HASH={hash:016x}");
}
