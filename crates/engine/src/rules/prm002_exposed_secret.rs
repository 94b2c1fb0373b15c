//! PRM002: secret files readable by others.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;

pub static META: RuleMeta = RuleMeta {
    code: "PRM002",
    name: "exposed-secret-file",
    severity: Severity::Error,
    item: Some("permissions"),
    scope: Scope::Project,
    summary: "a secret-looking file readable by group or others",
    doc: Doc {
        what: "Flags `.env`, `.env.*`, `*.pem`, `*.key`, `id_rsa*`, `id_ed25519*`, `*.p12` and `*.pfx` files whose mode lets the group or others read them — checked even where `.gitignore` hides them, because secrets usually are ignored.",
        why: "Private keys and environment files hold credentials; on a shared machine or a container image with other users, group- or world-readable secrets are exposed secrets.",
        bad: "$ ls -l .env\n-rw-r--r-- 1 app app 120 .env",
        good: "$ ls -l .env\n-rw------- 1 app app 120 .env",
        fix: "Restrict the file to its owner: `chmod 600 FILE`; rotate the secret if others may already have read it.",
    },
};

/// Whether a file name looks like it holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == ".env"
        || lower.starts_with(".env.")
        || lower.starts_with("id_rsa")
        || lower.starts_with("id_ed25519")
        || [".pem", ".key", ".p12", ".pfx"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

pub fn check(name: &str, mode: u32) -> Option<String> {
    const GROUP_OR_OTHERS_READ: u32 = 0o044;
    if !is_secret_name(name) || mode & GROUP_OR_OTHERS_READ == 0 {
        return None;
    }
    Some(format!(
        "secret-looking file is readable by {} (mode {:04o}); run `chmod 600`",
        match (mode & 0o040 != 0, mode & 0o004 != 0) {
            (true, true) => "group and others",
            (true, false) => "its group",
            _ => "others",
        },
        mode & 0o7777
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_and_lookalikes() {
        for name in [
            ".env",
            ".env.production",
            "server.pem",
            "tls.key",
            "id_rsa",
            "id_rsa.pub",
            "id_ed25519",
            "cert.p12",
            "a.PFX",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "env.py",
            "environment.yml",
            "keys.py",
            "monkey.txt",
            ".envrc",
            "pem.md",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn only_group_or_other_read_counts() {
        assert!(check(".env", 0o600).is_none());
        assert!(check(".env", 0o640).unwrap().contains("its group"));
        assert!(check(".env", 0o644).unwrap().contains("group and others"));
    }
}
