//! The process allocator of Tenet's binaries: linking this crate sets the
//! global allocator and its options; there is nothing to call.
//!
//! A scan parses every file into an AST and frees it again, on every core
//! at once. With glibc's allocator a cold scan spends about a tenth of its
//! CPU time in malloc and free; jemalloc's thread caches and per-core arenas
//! take that back. jemalloc also returns freed pages to the system on a
//! clock that work does not hold off, so peak RSS stays flat however large
//! the project — mimalloc, used before, postponed the return of pages while
//! a thread kept allocating, and its peak grew with the length of the scan
//! (homeassistant 1×, 4×, 8×: 16.6, 20.2, 22.9 MiB against jemalloc's 14.2,
//! 14.9, 15.4, at the same speed). Windows keeps mimalloc v2 with its own
//! settings (see `Cargo.toml`).

#[cfg(unix)]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(not(unix))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How long a freed page stays with the process before it goes back to the
/// system, unless it is used again (jemalloc's default: 10 s, which a
/// one-minute scan never reaches). At 100 ms, pages a checker frees and
/// takes back file after file stay, and a large file's pages go back soon
/// after it is done; 1 s gave 5% more RSS at 4×, 0 cost page faults on
/// every file.
#[cfg(unix)]
pub const DIRTY_DECAY_MS: isize = 100;

/// The variable jemalloc reads options from (prefixed, as this build of
/// jemalloc names its symbols): `_RJEM_MALLOC_CONF=dirty_decay_ms:1000`.
/// It is read after the options compiled in below, and wins for each
/// option it names.
#[cfg(unix)]
pub const CONF_VARIABLE: &str = "_RJEM_MALLOC_CONF";

/// The options compiled into the program (jemalloc's `malloc_conf`, a
/// `const char *` it reads at its first allocation, before `main`): every
/// arena, the main thread's first one included, starts with them. Setting
/// them later through `mallctl` reaches only arenas made afterwards, since
/// jemalloc has no control that sets the decay of all arenas at once.
#[cfg(unix)]
#[repr(transparent)]
pub struct CompiledOptions(*const std::ffi::c_char);

// SAFETY: the pointer is to a string constant that nothing writes.
#[cfg(unix)]
unsafe impl Sync for CompiledOptions {}

/// Replaces the weak, empty `malloc_conf` jemalloc defines for itself.
#[cfg(unix)]
#[used]
#[export_name = "_rjem_malloc_conf"]
pub static MALLOC_CONF: CompiledOptions = CompiledOptions(c"dirty_decay_ms:100".as_ptr());

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// Reads one of jemalloc's `ssize_t` controls, such as
    /// `arena.0.dirty_decay_ms`.
    fn read_control(name: &std::ffi::CStr) -> Option<isize> {
        let mut value: isize = 0;
        let mut size = std::mem::size_of::<isize>();
        // SAFETY: a NUL-terminated control name and room for its value.
        let status = unsafe {
            tikv_jemalloc_sys::mallctl(
                name.as_ptr(),
                (&mut value as *mut isize).cast(),
                &mut size,
                std::ptr::null_mut(),
                0,
            )
        };
        (status == 0 && size == std::mem::size_of::<isize>()).then_some(value)
    }

    /// The test binary runs on this crate's allocator too. The decay is in
    /// force for the arena made at the first allocation (the main thread's),
    /// for arenas made later, and as the option jemalloc read — unless
    /// `_RJEM_MALLOC_CONF` names another, which then wins; a thread on a
    /// fresh arena allocates and frees under it.
    #[test]
    fn every_arena_returns_pages_after_the_decay() {
        let given = std::env::var(CONF_VARIABLE).ok().and_then(|options| {
            options
                .split(',')
                .find_map(|option| option.strip_prefix("dirty_decay_ms:")?.parse().ok())
        });
        let expected = Some(given.unwrap_or(DIRTY_DECAY_MS));
        assert_eq!(read_control(c"opt.dirty_decay_ms"), expected);
        assert_eq!(read_control(c"arena.0.dirty_decay_ms"), expected);
        assert_eq!(read_control(c"arenas.dirty_decay_ms"), expected);
        let total: usize = std::thread::spawn(|| (0..1000).map(|n| vec![0u8; n].len()).sum())
            .join()
            .expect("a thread on a fresh arena");
        assert_eq!(total, 499_500);
    }

    /// The compiled-in string says what the constant says.
    #[test]
    fn the_compiled_options_name_the_decay() {
        // SAFETY: the pointer is to a NUL-terminated constant.
        let options = unsafe { std::ffi::CStr::from_ptr(MALLOC_CONF.0) };
        assert_eq!(
            options.to_str().unwrap(),
            format!("dirty_decay_ms:{DIRTY_DECAY_MS}")
        );
    }
}
