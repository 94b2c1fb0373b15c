//! The 50,000-file hotspot map at 1600 × 1000: render + PNG encode on the
//! GPU adapter wgpu picks (lavapipe on a machine without a GPU), per stage,
//! against the SVG path measured in the same run. Not a timed test: run
//! `cargo bench -p tenet-charts` and read the numbers.
//!
//! Target (issue 5): ≤ 150 ms render + encode on lavapipe, release build.

use std::time::{Duration, Instant};
use tenet_charts::{Backend, Chart, Format, HotspotFile, RenderOptions, Renderer, Theme, Timings};

const FILES: usize = 50_000;
const RUNS: usize = 15;

/// Folders and sizes spread like a large repository, the same every run.
fn files() -> Vec<HotspotFile> {
    let mut state = 42u64;
    let mut next = move |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n.max(1)
    };
    let top = ["src", "tests", "docs", "tools", "web", "vendor", "scripts"];
    (0..FILES)
        .map(|i| {
            let mut path = top[next(top.len() as u64) as usize].to_string();
            for depth in 0..next(4) {
                path.push_str(&format!("/pkg{depth}_{}", next(15)));
            }
            path.push_str(&format!("/module_{i}.py"));
            let lines = 10 + next(400) + if next(20) == 0 { next(3000) } else { 0 };
            let findings = if next(3) == 0 {
                next(lines / 20 + 2)
            } else {
                0
            };
            HotspotFile {
                path,
                lines,
                findings,
            }
        })
        .collect()
}

fn ms(d: Duration) -> String {
    format!("{:7.2}", d.as_secs_f64() * 1000.0)
}

/// The median of each stage over the runs (each stage on its own).
fn median(runs: &[Timings]) -> (Timings, Duration) {
    let pick = |f: fn(&Timings) -> Duration| {
        let mut values: Vec<Duration> = runs.iter().map(f).collect();
        values.sort();
        values[values.len() / 2]
    };
    let mut totals: Vec<Duration> = runs.iter().map(Timings::total).collect();
    totals.sort();
    (
        Timings {
            layout: pick(|t| t.layout),
            tessellation: pick(|t| t.tessellation),
            gpu: pick(|t| t.gpu),
            readback: pick(|t| t.readback),
            encode: pick(|t| t.encode),
        },
        totals[totals.len() / 2],
    )
}

fn measure(
    renderer: &Renderer,
    chart: &Chart,
    options: &RenderOptions,
) -> (Timings, [Duration; 2], usize, String) {
    // Warm up: pipelines, allocator, font.
    let first = renderer.render(chart, options).expect("renders");
    renderer.render(chart, options).expect("renders");
    let mut runs = Vec::with_capacity(RUNS);
    let mut wall = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let rendered = renderer.render(chart, options).expect("renders");
        wall.push(started.elapsed());
        runs.push(rendered.timings);
    }
    wall.sort();
    let (stages, _) = median(&runs);
    (
        stages,
        [wall[wall.len() / 2], wall[0]],
        first.bytes.len(),
        first.renderer,
    )
}

fn main() {
    if std::env::var_os("XDG_RUNTIME_DIR").is_none() {
        let dir = std::env::temp_dir().join("tenet-charts-bench-xdg");
        let _ = std::fs::create_dir_all(&dir);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
        }
        // SAFETY: no other thread exists yet.
        unsafe { std::env::set_var("XDG_RUNTIME_DIR", dir) };
    }
    let chart = Chart::Hotspots(files());
    let started = Instant::now();
    let gpu = Renderer::new(Backend::Auto);
    let device_time = started.elapsed();
    println!("hotspot map, {FILES} files, 1600×1000, median of {RUNS} runs (ms)");
    println!(
        "renderer: {} (device created in {} ms)",
        gpu.describe(),
        ms(device_time).trim()
    );
    let options = RenderOptions {
        width: 1600,
        height: 1000,
        scale: 1.0,
        theme: Theme::Light,
        format: Format::Png,
    };
    println!(
        "{:<10} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>9}",
        "path", "layout", "tess", "gpu", "read", "encode", "total", "fastest", "bytes"
    );
    let row =
        |name: &str, (t, [wall, fastest], bytes, _): (Timings, [Duration; 2], usize, String)| {
            println!(
                "{name:<10} {} {} {} {} {} {} {} {bytes:>9}",
                ms(t.layout),
                ms(t.tessellation),
                ms(t.gpu),
                ms(t.readback),
                ms(t.encode),
                ms(wall),
                ms(fastest)
            );
        };
    if gpu.has_gpu() {
        row("png (gpu)", measure(&gpu, &chart, &options));
        let hidpi = RenderOptions {
            scale: 2.0,
            ..options
        };
        row("png @2x", measure(&gpu, &chart, &hidpi));
    } else {
        println!("no GPU adapter: PNG requests fall back to SVG");
    }
    let svg = RenderOptions {
        format: Format::Svg,
        ..options
    };
    row(
        "svg",
        measure(&Renderer::new(Backend::SvgOnly), &chart, &svg),
    );
}
