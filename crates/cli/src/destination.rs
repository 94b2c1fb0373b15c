//! Where a rendering goes: `--output FILE`, written beside the file and
//! renamed into place, or standard output. Reports are written as they are
//! made, so a 40 MB JSON report is never also a 40 MB buffer.

use crate::UsageError;
use anyhow::{Context, Result};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Runs `render` with a writer to `file` (atomically) or standard output.
/// A failure to write names the destination; one of `render`'s own (a PDF
/// that cannot be laid out) is passed on as it is.
pub fn write_output(
    file: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match file {
        Some(file) => write_atomically(file, render),
        None => {
            match Watched::new(io::stdout().lock()).run(render) {
                // A closed pipe (`tenet scan . | head`) is not an error worth a trace.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(UsageError(format!("cannot write to standard output: {e}")).into()),
                Ok(rendered) => rendered,
            }
        }
    }
}

/// Writes to a temporary file beside the target, then renames it, so a
/// crash or a failed rendering never leaves a half-written report.
fn write_atomically(file: &Path, render: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let cannot = |e: &dyn std::fmt::Display| -> anyhow::Error {
        UsageError(format!("cannot write {}: {e}", file.display())).into()
    };
    // A device or pipe (`/dev/stdout`, `/dev/full`, a FIFO) is written as
    // it is: there is nothing to replace, and no temporary file belongs
    // beside it.
    if std::fs::metadata(file).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let device = std::fs::OpenOptions::new()
            .write(true)
            .open(file)
            .map_err(|e| cannot(&e))?;
        return Watched::new(device).run(render).map_err(|e| cannot(&e))?;
    }
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file
        .file_name()
        .with_context(|| format!("{}: not a file name", file.display()))
        .map_err(|e| UsageError(format!("{e:#}")))?;
    // Unique per process and call: two exports to one file never share it.
    static CALLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(
        ".{}.{}-{call}.tenet-tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let created = std::fs::File::create(&temp).map_err(|e| cannot(&e))?;
    let mut out = Watched::new(created);
    let result = match out.run(render) {
        Err(e) => Err(cannot(&e)),
        Ok(Err(e)) => Err(e),
        Ok(Ok(())) => {
            // The whole report is in the temporary file, not yet in place.
            tenet_engine::failpoint::hit("export");
            out.inner
                .into_inner()
                .map_err(|e| e.into_error())
                .and_then(|written| written.sync_all())
                .and_then(|()| std::fs::rename(&temp, file))
                .map_err(|e| cannot(&e))
        }
    };
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// A buffered writer that keeps the first error it met, so the caller can
/// tell a destination that failed from a rendering that did.
struct Watched<W: Write> {
    inner: BufWriter<W>,
    failed: Option<io::Error>,
}

impl<W: Write> Watched<W> {
    fn new(inner: W) -> Self {
        Watched {
            inner: BufWriter::with_capacity(64 * 1024, inner),
            failed: None,
        }
    }

    /// Runs `render` into this writer and flushes it: `Err` with the
    /// destination's first failure, else what `render` returned.
    fn run(&mut self, render: impl FnOnce(&mut dyn Write) -> Result<()>) -> io::Result<Result<()>> {
        let rendered = render(self).and_then(|()| Ok(self.flush()?));
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(rendered),
        }
    }

    fn watch<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result {
            // An interrupted write is retried by `write_all`, not a failure.
            if self.failed.is_none() && e.kind() != io::ErrorKind::Interrupted {
                self.failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
        }
        result
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(bytes);
        self.watch(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}
