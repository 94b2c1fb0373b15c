//! Sample data, the shared renderer, and rasterizing SVG with resvg using
//! the same embedded font.

use std::path::PathBuf;
use std::sync::{Once, OnceLock};
use tenet_charts::{
    Backend, ChecklistBar, HotspotFile, ItemStatus, Renderer, TrendPoint, FONT_BYTES,
};

/// Quiets Mesa's warning about a missing runtime folder, once per process.
pub fn quiet_mesa() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("XDG_RUNTIME_DIR").is_none() {
            let dir = std::env::temp_dir().join(format!("tenet-charts-xdg-{}", std::process::id()));
            let _ = std::fs::create_dir_all(&dir);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
            }
            // SAFETY: set once, before any thread of this process reads the
            // environment (the renderer is created after).
            unsafe { std::env::set_var("XDG_RUNTIME_DIR", dir) };
        }
    });
}

/// One renderer for the whole test binary: creating a device is slow.
pub fn renderer() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| {
        quiet_mesa();
        Renderer::new(Backend::Auto)
    })
}

/// Where to leave rendered pictures for a person to look at, if anywhere
/// (`TENET_CHARTS_DUMP=folder`).
pub fn dump(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("TENET_CHARTS_DUMP") {
        let dir = PathBuf::from(dir);
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(name), bytes);
        if name.ends_with(".svg") {
            let (w, h, rgba) = rasterize_svg(bytes, 1.0);
            let mut out = Vec::new();
            let mut encoder = png::Encoder::new(&mut out, w, h);
            encoder.set_color(png::ColorType::Rgba);
            encoder
                .write_header()
                .unwrap()
                .write_image_data(&rgba)
                .unwrap();
            let _ = std::fs::write(dir.join(format!("{name}.png")), out);
        }
    }
}

/// A small deterministic generator, so samples are the same every run.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

pub const DAY: i64 = 86_400;
/// 2025-01-06 00:00 UTC.
pub const START: i64 = 1_736_121_600;

/// `n` daily scans: findings falling slowly with a little noise, the score
/// rising; the first scans predate the checklist and have no score.
pub fn trend(n: usize) -> Vec<TrendPoint> {
    let mut rng = Lcg::new(n as u64);
    (0..n)
        .map(|i| {
            let left = (n - i) as f64 / n.max(1) as f64;
            TrendPoint {
                at: START + i as i64 * DAY,
                error: (4.0 * left) as u64 + rng.below(2),
                warning: (20.0 * left) as u64 + 2 + rng.below(3),
                info: (10.0 * left) as u64 + rng.below(3),
                score: (i >= 2 || n < 3).then(|| 40 + (i * 50 / n.max(1)) as u32),
            }
        })
        .collect()
}

pub fn checklist() -> Vec<ChecklistBar> {
    let items = [
        (
            "async-anyio",
            "Async code uses AnyIO task groups",
            ItemStatus::Fail,
            3,
            1,
            0,
        ),
        (
            "bounded-buffers",
            "Buffers and queues are bounded",
            ItemStatus::Fail,
            1,
            4,
            2,
        ),
        (
            "cleanup",
            "Resources are cleaned up explicitly",
            ItemStatus::Pass,
            0,
            0,
            0,
        ),
        (
            "dependency-injection",
            "Dependencies are injected",
            ItemStatus::NeedsReview,
            0,
            2,
            5,
        ),
        (
            "torch-free",
            "The service does not import torch",
            ItemStatus::Pass,
            0,
            0,
            0,
        ),
        (
            "memory-tests",
            "Tests profile memory",
            ItemStatus::NotApplicable,
            0,
            0,
            0,
        ),
        (
            "permissions",
            "Files have safe permissions",
            ItemStatus::Fail,
            2,
            0,
            0,
        ),
        (
            "accessibility",
            "HTML meets WCAG 2.2 AA",
            ItemStatus::NeedsReview,
            5,
            9,
            3,
        ),
    ];
    items
        .iter()
        .map(|(id, title, status, e, w, i)| ChecklistBar {
            id: id.to_string(),
            title: title.to_string(),
            status: *status,
            error: *e,
            warning: *w,
            info: *i,
        })
        .collect()
}

/// `n` files in nested folders, sizes and findings spread like a real repository.
pub fn hotspots(n: usize) -> Vec<HotspotFile> {
    let mut rng = Lcg::new(42);
    let top = ["src", "tests", "docs", "tools", "web"];
    (0..n)
        .map(|i| {
            let a = top[rng.below(top.len() as u64) as usize];
            let depth = rng.below(3);
            let mut path = a.to_string();
            for d in 0..depth {
                path.push_str(&format!("/pkg{}_{}", d, rng.below(12)));
            }
            path.push_str(&format!("/module_{i}.py"));
            let lines = 10
                + rng.below(400)
                + if rng.below(20) == 0 {
                    rng.below(3000)
                } else {
                    0
                };
            let findings = if rng.below(3) == 0 {
                rng.below(lines / 20 + 2)
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

/// The embedded font in a resvg font database, and nothing else.
pub fn usvg_options() -> resvg::usvg::Options<'static> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_font_data(FONT_BYTES.to_vec());
    options
}

/// Rasterizes SVG text at `scale` to RGBA pixels (width, height, pixels).
pub fn rasterize_svg(svg: &[u8], scale: f32) -> (u32, u32, Vec<u8>) {
    let tree = resvg::usvg::Tree::from_data(svg, &usvg_options()).expect("the SVG parses");
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).round() as u32,
        (size.height() * scale).round() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).expect("a pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // tiny-skia keeps premultiplied alpha; the picture is opaque, so the
    // bytes are plain RGBA already.
    (w, h, pixmap.take())
}

/// Decodes a PNG to RGBA pixels.
pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buffer).expect("a PNG frame");
    let pixels = &buffer[..info.buffer_size()];
    let rgba = match info.color_type {
        png::ColorType::Rgb => pixels
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::Rgba => pixels.to_vec(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, rgba)
}
