//! Reading one folder: its entries' names and kinds, and on request their
//! metadata. On 64-bit Linux this is `getdents64` into one buffer and
//! `fstatat` relative to the open folder, with subfolders opened relative to
//! it too (`linux.rs`); elsewhere it is `std::fs::read_dir` (`portable.rs`).
//! Both give the same answers; a test holds them to it.
//!
//! A warm rescan is mostly this: on a 45,000-entry project every entry's
//! `stat` is a third of the CPU time. The Linux reader spares what the
//! standard library adds around the system calls (a name copy and a shared
//! handle per entry) and the lookups of every component of a folder's
//! absolute path when it is opened.

use super::EntryKind;

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod linux;
// Compiled on Linux too, for the test that holds the two readers to the
// same answers.
#[cfg_attr(
    all(target_os = "linux", target_pointer_width = "64"),
    allow(dead_code)
)]
mod portable;

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
pub(super) use linux::{reserve_descriptor_table, Folder, Parent};
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
pub(super) use portable::{Folder, Parent};

/// Elsewhere nothing is known to need reserving.
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
pub(super) fn reserve_descriptor_table() {}

/// What a `stat` says of an entry (the entry itself, not a link's target).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Meta {
    pub kind: EntryKind,
    /// Unix permission and type bits, where the platform has them.
    pub mode: Option<u32>,
    pub size: u64,
    /// Nanoseconds since the Unix epoch (negative before it), if known.
    pub mtime_ns: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a reader (either `Folder`: they share no trait) says of
    /// the folder it opened, sorted by name.
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    macro_rules! described {
        ($folder:expr) => {{
            let folder = $folder.expect("open");
            let mut lines: Vec<String> = (0..folder.len())
                .map(|i| {
                    let (name, kind, meta) = (folder.name(i), folder.kind(i), folder.metadata(i));
                    format!("{name:?} {kind:?} {meta:?}")
                })
                .collect();
            lines.sort();
            lines
        }};
    }

    /// Names that are not UTF-8, every kind of entry, modes with the
    /// sticky and set-id bits, a link to a folder, a time before 1970 and
    /// one with nanoseconds: the fast reader says exactly what the standard
    /// library says.
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    #[test]
    fn the_linux_reader_agrees_with_the_standard_library() {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::write(root.join("plain.py"), "x = 1\n").expect("write");
        std::fs::write(root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.py")), "y\n")
            .expect("write");
        std::fs::create_dir(root.join("sub")).expect("mkdir");
        std::fs::create_dir(root.join("shared")).expect("mkdir");
        std::fs::set_permissions(root.join("shared"), std::fs::Permissions::from_mode(0o1777))
            .expect("chmod");
        std::fs::write(root.join("open.sh"), "").expect("write");
        std::fs::set_permissions(
            root.join("open.sh"),
            std::fs::Permissions::from_mode(0o4777),
        )
        .expect("chmod");
        std::os::unix::fs::symlink("sub", root.join("to-sub")).expect("symlink");
        std::os::unix::fs::symlink("missing", root.join("dangling")).expect("symlink");
        let fifo = std::ffi::CString::new(root.join("pipe").as_os_str().as_bytes()).unwrap();
        // SAFETY: a NUL-terminated path and a mode.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let old = std::ffi::CString::new(root.join("plain.py").as_os_str().as_bytes()).unwrap();
        let times = [libc::timespec {
            tv_sec: -86_400,
            tv_nsec: 250_000_000,
        }; 2];
        // SAFETY: a NUL-terminated path and two timespecs.
        assert_eq!(
            unsafe { libc::utimensat(libc::AT_FDCWD, old.as_ptr(), times.as_ptr(), 0) },
            0
        );
        let linux = described!(Folder::open(root, None));
        assert_eq!(linux, described!(portable::Folder::open(root, None)));
        assert_eq!(linux.len(), 8, "{linux:#?}");
        assert!(
            linux
                .iter()
                .any(|l| l.contains("plain.py") && l.contains("Some(-86399750000000)")),
            "{linux:#?}"
        );
    }

    #[test]
    fn an_empty_folder_has_no_entries_and_a_missing_one_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(Folder::open(dir.path(), None).expect("open").len(), 0);
        let missing = Folder::open(&dir.path().join("missing"), None).err();
        assert_eq!(
            missing.map(|e| e.kind()),
            Some(std::io::ErrorKind::NotFound)
        );
    }

    /// A folder of more entries than one `getdents64` call returns.
    #[test]
    fn a_large_folder_is_listed_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        for i in 0..3000 {
            std::fs::write(
                dir.path()
                    .join(format!("a-rather-long-file-name-{i:05}.json")),
                "",
            )
            .expect("write");
        }
        let folder = Folder::open(dir.path(), None).expect("open");
        assert_eq!(folder.len(), 3000);
        let mut names: Vec<String> = (0..folder.len())
            .map(|i| folder.name(i).to_string_lossy().into_owned())
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 3000);
        assert_eq!(names[2999], "a-rather-long-file-name-02999.json");
    }

    /// Past the cap on folders held open for their subfolders, a subfolder
    /// is opened by its absolute path instead: the walk never runs out of
    /// file descriptors however many folders wait to be listed.
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    #[test]
    fn folders_held_open_are_capped() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("sub/inside.py"), "").expect("write");
        let held: Vec<Folder> = (0..linux::MAX_KEPT_OPEN + 10)
            .map(|_| Folder::open(dir.path(), None).expect("open"))
            .collect();
        assert!(held[0].keep().is_none());
        drop(held);
        let folder = Folder::open(dir.path(), None).expect("open");
        let parent = folder.keep().expect("kept below the cap");
        drop(folder);
        // The kept parent alone opens the subfolder, by its name there: the
        // absolute path given names a folder that does not exist.
        let sub =
            Folder::open(&dir.path().join("gone/sub"), Some(parent)).expect("open via parent");
        assert_eq!(sub.len(), 1);
        assert_eq!(sub.name(0), "inside.py");
    }
}
