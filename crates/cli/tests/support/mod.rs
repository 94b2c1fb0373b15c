//! Helpers shared by the CLI suites: a private database per test, project
//! folders, and running `tenet` as an unprivileged user.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Env {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("history.db");
        Env { _dir: dir, db }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tenet"));
        command.args(args).env("TENET_DB", &self.db);
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run tenet")
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let output = self.run(args);
        assert!(
            output.status.code().is_some_and(|c| c < 2),
            "{args:?}: {}",
            text(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("JSON output")
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn write(root: &Path, path: &str, body: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, body).unwrap();
}

pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, body) in files {
        write(dir.path(), path, body);
    }
    dir
}

pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

pub fn many_files(root: &Path, count: usize) {
    for i in 0..count {
        write(
            root,
            &format!("pkg{}/module_{i}.py", i % 20),
            &format!("import asyncio\n\n\nasync def run_{i}(items):\n    results = []\n    for item in items:\n        results.append(await asyncio.gather(item()))\n    return results\n"),
        );
    }
}

/// Runs tenet as an unprivileged user when the tests run as root (root
/// ignores permission bits), so a read-only folder really is read-only.
pub fn as_unprivileged(env: &Env, args: &[&str]) -> Output {
    let is_root = unsafe { libc_geteuid() } == 0;
    let mut command = if is_root {
        assert!(
            Path::new("/usr/bin/setpriv").exists(),
            "running as root needs setpriv (util-linux) to drop privileges"
        );
        let mut command = Command::new("/usr/bin/setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_tenet"));
        command
    } else {
        Command::new(env!("CARGO_BIN_EXE_tenet"))
    };
    command
        .args(args)
        .env("TENET_DB", &env.db)
        .output()
        .unwrap()
}

extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}
