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
/// Asked of every file in the project, so it compares in place rather than
/// lowercasing a copy of each name.
pub fn is_secret_name(name: &str) -> bool {
    let name = name.as_bytes();
    let starts = |prefix: &str| {
        name.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    let ends = |suffix: &str| {
        name.len() >= suffix.len()
            && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    name.eq_ignore_ascii_case(b".env")
        || starts(".env.")
        || starts("id_rsa")
        || starts("id_ed25519")
        || [".pem", ".key", ".p12", ".pfx"].into_iter().any(ends)
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
            ".ENV",
            ".Env.Local",
            "ID_RSA",
            "Server.Key",
            "ключ.pem",
            ".pem",
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
            "",
            "key",
            "ключ",
            "id_rs",
            "x.pem.bak",
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
