//! PRM001: files and folders anyone can write.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;

pub static META: RuleMeta = RuleMeta {
    code: "PRM001",
    name: "world-writable",
    severity: Severity::Error,
    item: Some("permissions"),
    scope: Scope::Project,
    summary: "a file or folder writable by every user",
    doc: Doc {
        what: "Flags a file or folder under the root whose mode lets others write (`o+w`). Symbolic links and folders with the sticky bit are not flagged. Files hidden by `.gitignore` are checked too; `.git`, virtual environments and `node_modules` are not. Not applicable on Windows or to scans of past commits.",
        why: "Any local user or compromised service can change a world-writable script, configuration or module and have it run with the project's privileges. The standard's verification section checks permissions (`ls -la`).",
        bad: "$ ls -l deploy.sh\n-rwxrwxrwx 1 app app 812 deploy.sh",
        good: "$ ls -l deploy.sh\n-rwxr-xr-x 1 app app 812 deploy.sh",
        fix: "Remove the write bit for others: `chmod o-w PATH` (`chmod -R o-w DIR` for a tree).",
    },
};

/// The message for a mode, if it is world-writable (and not a sticky folder).
pub fn check(mode: u32, is_dir: bool) -> Option<String> {
    const OTHERS_WRITE: u32 = 0o002;
    const STICKY: u32 = 0o1000;
    if mode & OTHERS_WRITE == 0 || (is_dir && mode & STICKY != 0) {
        return None;
    }
    let kind = if is_dir { "folder" } else { "file" };
    Some(format!(
        "{kind} is writable by others (mode {:04o}); run `chmod o-w`",
        mode & 0o7777
    ))
}
