//! The process allocator of Tenet's binaries: linking this crate makes
//! mimalloc the global allocator; call [`configure`] first thing in `main`.
//! A scan parses every file into an AST and frees it again, on every core
//! at once; mimalloc's per-thread pages make that cheaper than the system
//! allocator (with glibc's, a cold scan spends about
//! a tenth of its CPU time in malloc and free).
//!
//! Two settings keep its peak RSS at the system allocator's level:
//! - `no_thp` (Cargo feature): mimalloc commits its arena up front, and where
//!   the kernel backs memory with transparent huge pages by default every
//!   touched 2 MiB becomes resident.
//! - a 1 ms purge delay (below): freed pages go back to the OS almost at
//!   once instead of after 10 ms, which on a scan that finishes a file every
//!   few dozen microseconds is the difference between 23 and 29 MiB.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay`: its index in mimalloc v2's `mi_option_e` (the
/// binding names no constant for it; the crate versions are pinned).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const PURGE_DELAY_MS: std::os::raw::c_long = 1;

/// Sets the allocator's options; call it first thing in `main`. The purge
/// delay is read each time memory is purged, so setting it here applies to
/// memory allocated before it too. `MIMALLOC_PURGE_DELAY` still wins.
pub fn configure() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set stores one integer; no threads exist yet.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards the hand-written index: purge_delay's default is 10 ms, its
    /// neighbours' (eager_commit_delay, use_numa_nodes) are 1 and 0.
    #[test]
    fn the_purge_delay_index_names_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 10);
        configure();
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) },
            PURGE_DELAY_MS
        );
    }
}
