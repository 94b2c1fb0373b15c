//! `tenet-bench-measure OUT -- COMMAND [ARGS…]`: runs COMMAND and writes
//! `wall_seconds user_seconds system_seconds peak_rss_kib exit_code` to OUT.
//!
//! Why not time the command from Python: a process started by another one
//! inherits, at `exec`, the peak RSS its parent had reached, and the kernel
//! reports the larger of the two. Spawned from the benchmark's Python, every
//! command "peaked" at Python's 13.8 MiB however little it used; spawned
//! from this small program it starts from about 2 MiB, below anything
//! measured. The clock runs from just before the spawn to the reaping, so
//! neither this program's start nor Python's is counted.

#[cfg(unix)]
use std::io::Write;
#[cfg(unix)]
use std::time::Instant;

/// The peak RSS `wait4` reports, in KiB: macOS counts it in bytes.
#[cfg(unix)]
fn rss_kib(usage: &libc::rusage) -> i64 {
    #[allow(clippy::useless_conversion)] // c_long is i32 on 32-bit Unix
    let reported = i64::from(usage.ru_maxrss);
    if cfg!(target_os = "macos") {
        reported / 1024
    } else {
        reported
    }
}

#[cfg(not(unix))]
fn main() {
    eprintln!("tenet-bench-measure: needs wait4, which only Unix has");
    std::process::exit(2);
}

#[cfg(unix)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, command) = match args.as_slice() {
        [out, dash, command @ ..] if dash == "--" && !command.is_empty() => (out, command),
        _ => {
            eprintln!("usage: tenet-bench-measure OUT -- COMMAND [ARGS...]");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let child = match std::process::Command::new(&command[0])
        .args(&command[1..])
        .spawn()
    {
        Ok(child) => child,
        Err(error) => {
            eprintln!("tenet-bench-measure: {}: {error}", command[0]);
            std::process::exit(2);
        }
    };
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: our own child's pid, and room for its status and usage.
    let reaped = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed().as_secs_f64();
    if reaped < 0 {
        eprintln!(
            "tenet-bench-measure: wait4: {}",
            std::io::Error::last_os_error()
        );
        std::process::exit(2);
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    let line = format!(
        "{wall:.6} {:.6} {:.6} {} {code}\n",
        seconds(usage.ru_utime),
        seconds(usage.ru_stime),
        rss_kib(&usage)
    );
    if let Err(error) = std::fs::File::create(out).and_then(|mut f| f.write_all(line.as_bytes())) {
        eprintln!("tenet-bench-measure: {out}: {error}");
        std::process::exit(2);
    }
}
