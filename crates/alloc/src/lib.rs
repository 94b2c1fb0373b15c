//! The process allocator of Tenet's binaries: linking this crate sets the
//! global allocator; call [`configure`] first thing in `main`.
//!
//! A scan parses every file into an AST and frees it again, on every core
//! at once. With glibc's allocator a cold scan spends about a tenth of its
//! CPU time in malloc and free; jemalloc's thread caches and per-core arenas
//! take that back. jemalloc also returns freed pages to the system on a
//! clock that work does not hold off, so peak RSS stays flat however large
//! the project — mimalloc, used before, postponed the return of pages while
//! a thread kept allocating, and its peak grew with the length of the scan
//! (homeassistant 1×, 4×, 8×: 16.6, 20.2, 22.9 MiB against jemalloc's 14.2,
//! 14.9, 15.4, at the same speed).

#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(target_env = "msvc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How long a freed page stays with the process before it goes back to the
/// system, unless it is used again (jemalloc's default: 10 s, which a
/// one-minute scan never reaches). At 100 ms, pages a checker frees and
/// takes back file after file stay, and a large file's pages go back soon
/// after it is done; 1 s gave 5% more RSS at 4×, 0 cost page faults on
/// every file.
#[cfg(not(target_env = "msvc"))]
pub const DIRTY_DECAY_MS: isize = 100;

/// The variable jemalloc reads its options from (prefixed, as this build
/// of jemalloc names its symbols): `_RJEM_MALLOC_CONF=dirty_decay_ms:1000`.
#[cfg(not(target_env = "msvc"))]
pub const CONF_VARIABLE: &str = "_RJEM_MALLOC_CONF";

/// Sets the allocator's options; call it first thing in `main`. Applies to
/// the arenas already made and to those made later. Options given in
/// `_RJEM_MALLOC_CONF` win.
pub fn configure() {
    #[cfg(not(target_env = "msvc"))]
    if std::env::var_os(CONF_VARIABLE).is_none() {
        // Failure leaves jemalloc's own default: slower to return memory,
        // never wrong.
        let _ = set_decay(b"arenas.dirty_decay_ms\0", DIRTY_DECAY_MS);
        // 4096 is MALLCTL_ARENAS_ALL: every arena made so far.
        let _ = set_decay(b"arena.4096.dirty_decay_ms\0", DIRTY_DECAY_MS);
    }
}

#[cfg(not(target_env = "msvc"))]
fn set_decay(name: &[u8], milliseconds: isize) -> Result<(), i32> {
    let mut value = milliseconds;
    // SAFETY: a NUL-terminated control name and a value of the type the
    // control takes (ssize_t); no old value is asked for.
    let status = unsafe {
        tikv_jemalloc_sys::mallctl(
            name.as_ptr().cast(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            (&mut value as *mut isize).cast(),
            std::mem::size_of::<isize>(),
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(status)
    }
}

/// The decay the allocator uses now for arenas it makes.
#[cfg(not(target_env = "msvc"))]
pub fn dirty_decay_ms() -> Option<isize> {
    let mut value: isize = 0;
    let mut size = std::mem::size_of::<isize>();
    // SAFETY: a NUL-terminated control name and room for its value.
    let status = unsafe {
        tikv_jemalloc_sys::mallctl(
            c"arenas.dirty_decay_ms".as_ptr(),
            (&mut value as *mut isize).cast(),
            &mut size,
            std::ptr::null_mut(),
            0,
        )
    };
    (status == 0).then_some(value)
}

#[cfg(all(test, not(target_env = "msvc")))]
mod tests {
    use super::*;

    /// The test binary runs on this crate's allocator too: configuring it
    /// takes the decay from jemalloc's 10 s to ours, and a thread started
    /// afterwards allocates and frees under it without trouble.
    #[test]
    fn configure_sets_the_decay_for_every_arena() {
        if std::env::var_os(CONF_VARIABLE).is_some() {
            return;
        }
        configure();
        assert_eq!(dirty_decay_ms(), Some(DIRTY_DECAY_MS));
        let total: usize = std::thread::spawn(|| (0..1000).map(|n| vec![0u8; n].len()).sum())
            .join()
            .expect("a thread on a fresh arena");
        assert_eq!(total, 499_500);
    }
}
