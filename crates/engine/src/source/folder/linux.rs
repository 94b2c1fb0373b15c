//! A folder read with the system calls themselves: `getdents64` into one
//! buffer (names are borrowed from it, never copied), `fstatat` relative to
//! the open folder, and subfolders opened relative to it.

use super::{EntryKind, Meta};
use std::ffi::{CStr, CString, OsStr};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Folders open at once (being listed, or kept for their subfolders' sake)
/// past which no more are kept: a subfolder is then opened by its absolute
/// path, so a deep tree never runs the process out of file descriptors (the
/// soft limit is often 1,024).
pub(super) const MAX_KEPT_OPEN: usize = 128;
static KEPT_OPEN: AtomicUsize = AtomicUsize::new(0);

/// Slots in the process's table of file descriptors that a scan may need
/// at once: the folders kept open, one being listed per thread, the files
/// being read, the database's, standard streams, with room to spare.
const DESCRIPTOR_SLOTS: u64 = 256;

/// Grows the process's table of file descriptors to [`DESCRIPTOR_SLOTS`]
/// now, while it is cheap. The kernel starts a process with room for 64 (or
/// as many as its parent had open when it was started) and, once threads
/// share the table, waits for an RCU grace period each time it grows it:
/// 10-20 ms here, twice on the way to 128 folders held open — as long as a
/// whole warm rescan of sympy + django, paid whenever Tenet was started by
/// a parent that had few descriptors open (CI runners, Python's
/// `subprocess` with `close_fds`). Call it before the process starts a
/// thread; later it still saves one of the waits.
pub fn reserve_descriptor_table() {
    reserve_slots(DESCRIPTOR_SLOTS)
}

/// The soft limit on open descriptors, where the system tells.
fn soft_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: room for one `rlimit`, which the call fills when it returns 0.
    (unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0).then_some(limit.rlim_cur)
}

/// Makes the table hold at least `slots` descriptors (or as many as the
/// soft limit allows) by taking the highest of them for a moment: a table
/// never shrinks.
fn reserve_slots(slots: u64) {
    let soft = soft_limit().unwrap_or(slots);
    let highest = slots.min(soft).saturating_sub(1);
    let highest = libc::c_int::try_from(highest).unwrap_or(libc::c_int::MAX);
    // SAFETY: a NUL-terminated path; the descriptors made here are closed
    // here and never handed out.
    unsafe {
        let base = libc::open(c"/".as_ptr(), libc::O_PATH | libc::O_CLOEXEC);
        if base >= 0 {
            let high = libc::fcntl(base, libc::F_DUPFD_CLOEXEC, highest);
            if high >= 0 {
                libc::close(high);
            }
            libc::close(base);
        }
    }
}

/// `FDSize` in `/proc/self/status`: how many descriptors the table holds.
#[cfg(test)]
fn table_slots() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("FDSize:"))?;
    line["FDSize:".len()..].trim().parse().ok()
}

/// An open folder, counted from its listing until the last subfolder
/// waiting to be opened through it lets go.
struct Kept(OwnedFd);

impl Drop for Kept {
    fn drop(&mut self) {
        KEPT_OPEN.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A listed folder held open for its subfolders' sake: opening one of them
/// then costs one lookup instead of one per component of its absolute path.
#[derive(Clone)]
pub(in crate::source) struct Parent(Arc<Kept>);

/// One entry in the buffer: where its NUL-terminated name starts, its
/// length, and `d_type`.
struct Raw {
    start: u32,
    len: u32,
    d_type: u8,
}

pub(in crate::source) struct Folder {
    fd: Arc<Kept>,
    names: Vec<u8>,
    entries: Vec<Raw>,
}

fn last_error() -> std::io::Error {
    std::io::Error::last_os_error()
}

const OPEN_FLAGS: libc::c_int =
    libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC | libc::O_NONBLOCK;

impl Folder {
    /// Opens and reads the folder at `absolute`: relative to its open
    /// `parent` where given, by the name it has there. A subfolder that has
    /// become a symbolic link fails (`ELOOP`) rather than leading the walk
    /// out of the project.
    pub fn open(absolute: &Path, parent: Option<Parent>) -> std::io::Result<Folder> {
        let invalid = || std::io::Error::from(std::io::ErrorKind::InvalidInput);
        let raw = match (&parent, absolute.file_name()) {
            (Some(parent), Some(name)) => {
                let name = CString::new(name.as_bytes()).map_err(|_| invalid())?;
                // SAFETY: an open folder and a NUL-terminated name.
                unsafe {
                    libc::openat(
                        parent.0 .0.as_raw_fd(),
                        name.as_ptr(),
                        OPEN_FLAGS | libc::O_NOFOLLOW,
                    )
                }
            }
            _ => {
                let path = CString::new(absolute.as_os_str().as_bytes()).map_err(|_| invalid())?;
                // SAFETY: a NUL-terminated path.
                unsafe { libc::open(path.as_ptr(), OPEN_FLAGS) }
            }
        };
        drop(parent);
        if raw < 0 {
            return Err(last_error());
        }
        KEPT_OPEN.fetch_add(1, Ordering::Relaxed);
        // SAFETY: `raw` is a descriptor just opened and owned by nobody else.
        let fd = Arc::new(Kept(unsafe { OwnedFd::from_raw_fd(raw) }));
        let names = read_all(&fd.0)?;
        let entries = parse(&names);
        Ok(Folder { fd, names, entries })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn name(&self, index: usize) -> &OsStr {
        OsStr::from_bytes(self.name_bytes(index))
    }

    fn name_bytes(&self, index: usize) -> &[u8] {
        let raw = &self.entries[index];
        &self.names[raw.start as usize..(raw.start + raw.len) as usize]
    }

    fn c_name(&self, index: usize) -> &CStr {
        let raw = &self.entries[index];
        let with_nul = &self.names[raw.start as usize..=(raw.start + raw.len) as usize];
        CStr::from_bytes_with_nul(with_nul).expect("getdents64 ends each name with a NUL")
    }

    /// The kind `getdents64` gives; `None` where the file system does not
    /// say (`DT_UNKNOWN`): then `metadata` tells.
    pub fn kind(&self, index: usize) -> Option<EntryKind> {
        Some(match self.entries[index].d_type {
            libc::DT_DIR => EntryKind::Dir,
            libc::DT_LNK => EntryKind::Symlink,
            libc::DT_FIFO => EntryKind::Fifo,
            libc::DT_SOCK => EntryKind::Socket,
            libc::DT_BLK | libc::DT_CHR => EntryKind::Device,
            libc::DT_REG => EntryKind::File,
            _ => return None,
        })
    }

    /// The entry's own metadata (a link is not followed); `None` if it is
    /// gone.
    pub fn metadata(&self, index: usize) -> Option<Meta> {
        let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: an open folder, a NUL-terminated name and room for one
        // `stat`, which the call fills when it returns 0.
        let stat = unsafe {
            if libc::fstatat(
                self.fd.0.as_raw_fd(),
                self.c_name(index).as_ptr(),
                stat.as_mut_ptr(),
                libc::AT_SYMLINK_NOFOLLOW,
            ) != 0
            {
                return None;
            }
            stat.assume_init()
        };
        let kind = match stat.st_mode & libc::S_IFMT {
            libc::S_IFDIR => EntryKind::Dir,
            libc::S_IFLNK => EntryKind::Symlink,
            libc::S_IFIFO => EntryKind::Fifo,
            libc::S_IFSOCK => EntryKind::Socket,
            libc::S_IFBLK | libc::S_IFCHR => EntryKind::Device,
            _ => EntryKind::File,
        };
        Some(Meta {
            kind,
            mode: Some(stat.st_mode),
            size: u64::try_from(stat.st_size).unwrap_or(0),
            mtime_ns: stat
                .st_mtime
                .checked_mul(1_000_000_000)
                .and_then(|ns| ns.checked_add(stat.st_mtime_nsec)),
        })
    }

    /// This folder, kept open for opening its subfolders relative to it,
    /// unless too many folders are held open already.
    pub fn keep(&self) -> Option<Parent> {
        if KEPT_OPEN.load(Ordering::Relaxed) >= MAX_KEPT_OPEN {
            return None;
        }
        Some(Parent(Arc::clone(&self.fd)))
    }
}

/// Every record `getdents64` gives for the folder, back to back.
fn read_all(fd: &OwnedFd) -> std::io::Result<Vec<u8>> {
    const CHUNK: usize = 32 * 1024;
    let mut buffer: Vec<u8> = Vec::with_capacity(CHUNK);
    loop {
        if buffer.capacity() - buffer.len() < CHUNK / 2 {
            buffer.reserve(CHUNK);
        }
        let spare = buffer.capacity() - buffer.len();
        // SAFETY: the kernel writes at most `spare` bytes into the spare
        // capacity, and returns how many it wrote.
        let written = unsafe {
            libc::syscall(
                libc::SYS_getdents64,
                fd.as_raw_fd(),
                buffer.as_mut_ptr().add(buffer.len()),
                spare,
            )
        };
        if written < 0 {
            return Err(last_error());
        }
        if written == 0 {
            return Ok(buffer);
        }
        // SAFETY: `written` bytes past the length were just initialized.
        unsafe { buffer.set_len(buffer.len() + written as usize) };
    }
}

/// The entries in `getdents64`'s records (`struct linux_dirent64`: inode,
/// offset, record length, type, name), without `.` and `..`.
fn parse(records: &[u8]) -> Vec<Raw> {
    const NAME_AT: usize = 19;
    let mut entries = Vec::new();
    let mut at = 0usize;
    while at + NAME_AT < records.len() {
        let length = u16::from_ne_bytes([records[at + 16], records[at + 17]]) as usize;
        if length <= NAME_AT || at + length > records.len() {
            break;
        }
        let d_type = records[at + 18];
        let field = &records[at + NAME_AT..at + length];
        let Some(len) = memchr::memchr(0, field) else {
            break;
        };
        let name = &field[..len];
        if name != b"." && name != b".." {
            entries.push(Raw {
                start: (at + NAME_AT) as u32,
                len: len as u32,
                d_type,
            });
        }
        at += length;
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table holds what was asked for afterwards, whatever it held
    /// before (a test process may inherit a large one, so the test asks
    /// for twice as many as it has).
    #[test]
    fn the_descriptor_table_grows_to_what_is_reserved() {
        let before = table_slots().expect("FDSize in /proc/self/status");
        let soft = soft_limit().expect("the soft limit on descriptors");
        if soft <= before {
            eprintln!("skipped: the table ({before}) already holds the soft limit ({soft})");
            return;
        }
        let wanted = (before * 2).min(soft);
        reserve_slots(wanted);
        let after = table_slots().expect("FDSize afterwards");
        assert!(
            after >= wanted,
            "{before} slots grew to {after}, not {wanted}"
        );
    }
}
