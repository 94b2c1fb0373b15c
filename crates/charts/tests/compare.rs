//! The GPU's PNG against the same display list written as SVG and
//! rasterized by resvg with the same font. Text boxes are masked (two
//! rasterizers never agree on glyph pixels) and checked separately for
//! roughly the same amount of ink; everything else must match within a
//! tolerance, since driver updates shift edge pixels.
//!
//! Where no GPU adapter exists these tests check the fallback instead and
//! say so — unless `TENET_CHARTS_REQUIRE_GPU=1` (CI with Mesa's lavapipe),
//! where a missing adapter fails them.

use crate::support::{checklist, decode_png, dump, hotspots, rasterize_svg, renderer, trend};
use tenet_charts::display::Rect;
use tenet_charts::{layout, Backend, Chart, Format, RenderOptions, Renderer, Theme};

/// A pixel differs when a channel is off by more than this.
const CHANNEL_TOLERANCE: u8 = 48;
/// At most this share of unmasked pixels may differ (edges, hairlines).
const MAX_DIFFERING: f64 = 0.01;
// Dense area edges (a thousand scans in 1,200 pixels) are where MSAA and
// resvg's analytic coverage part most.
const MAX_MEAN_ERROR: f64 = 2.5;

fn gpu_or_fallback(name: &str, chart: &Chart, options: RenderOptions) -> Option<Vec<u8>> {
    let renderer = renderer();
    let rendered = renderer
        .render(
            chart,
            &RenderOptions {
                format: Format::Png,
                ..options
            },
        )
        .unwrap();
    if !renderer.has_gpu() {
        assert!(
            std::env::var("TENET_CHARTS_REQUIRE_GPU").as_deref() != Ok("1"),
            "TENET_CHARTS_REQUIRE_GPU=1 but there is no adapter: {}",
            renderer.describe()
        );
        assert_eq!(rendered.format, Format::Svg);
        assert!(rendered.renderer.starts_with("svg fallback"));
        eprintln!(
            "{name}: no GPU adapter ({}); checked the SVG fallback only",
            renderer.describe()
        );
        return None;
    }
    assert_eq!(rendered.format, Format::Png, "{}", rendered.renderer);
    assert_eq!(rendered.renderer, renderer.describe());
    assert_eq!(
        (rendered.width, rendered.height),
        (
            (options.width as f32 * options.scale).round() as u32,
            (options.height as f32 * options.scale).round() as u32
        )
    );
    assert!(rendered.bytes.starts_with(b"\x89PNG"));
    dump(&format!("{name}.png"), &rendered.bytes);
    Some(rendered.bytes)
}

fn in_any(x: u32, y: u32, boxes: &[(u32, u32, u32, u32)]) -> bool {
    boxes
        .iter()
        .any(|&(x0, y0, x1, y1)| x >= x0 && x < x1 && y >= y0 && y < y1)
}

fn compare(name: &str, chart: Chart, options: RenderOptions) {
    let Some(png) = gpu_or_fallback(name, &chart, options) else {
        return;
    };
    let svg = Renderer::new(Backend::SvgOnly)
        .render(
            &chart,
            &RenderOptions {
                format: Format::Svg,
                ..options
            },
        )
        .unwrap();
    dump(&format!("{name}.svg"), &svg.bytes);
    let (w, h, gpu) = decode_png(&png);
    let (sw, sh, reference) = rasterize_svg(&svg.bytes, options.scale);
    assert_eq!((w, h), (sw, sh));

    let scale = options.scale;
    let to_pixels = |r: Rect, grow: f32| {
        (
            ((r.x - grow) * scale).floor().max(0.0) as u32,
            ((r.y - grow) * scale).floor().max(0.0) as u32,
            ((r.right() + grow) * scale).ceil() as u32,
            ((r.bottom() + grow) * scale).ceil() as u32,
        )
    };
    let text = layout(&chart, &options).text_bounds();
    let masked: Vec<_> = text.iter().map(|r| to_pixels(*r, 2.0)).collect();
    let tight: Vec<_> = text.iter().map(|r| to_pixels(*r, 0.0)).collect();

    let background = [gpu[0], gpu[1], gpu[2]];
    let (mut compared, mut differing, mut error_sum) = (0u64, 0u64, 0u64);
    let (mut gpu_ink, mut svg_ink) = (0u64, 0u64);
    let mut diff_image = vec![0u8; (w * h * 4) as usize];
    for y in 0..h {
        for x in 0..w {
            let at = ((y * w + x) * 4) as usize;
            let a = &gpu[at..at + 3];
            let b = &reference[at..at + 3];
            let worst = a.iter().zip(b).map(|(p, q)| p.abs_diff(*q)).max().unwrap();
            if in_any(x, y, &tight) {
                let ink = |p: &[u8]| p.iter().zip(background).any(|(c, bg)| c.abs_diff(bg) > 64);
                gpu_ink += u64::from(ink(a));
                svg_ink += u64::from(ink(b));
            }
            if in_any(x, y, &masked) {
                diff_image[at + 2] = 80;
                diff_image[at + 3] = 255;
                continue;
            }
            compared += 1;
            error_sum += u64::from(worst);
            if worst > CHANNEL_TOLERANCE {
                differing += 1;
                diff_image[at] = 255;
            }
            diff_image[at + 3] = 255;
        }
    }
    let share = differing as f64 / compared.max(1) as f64;
    let mean = error_sum as f64 / compared.max(1) as f64;
    eprintln!(
        "{name}: {w}×{h}, {:.3}% of unmasked pixels differ, mean error {mean:.2}, text ink {gpu_ink} (GPU) vs {svg_ink} (SVG)",
        share * 100.0
    );
    if share > MAX_DIFFERING || mean > MAX_MEAN_ERROR {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgba);
        encoder
            .write_header()
            .unwrap()
            .write_image_data(&diff_image)
            .unwrap();
        dump(&format!("{name}-diff.png"), &out);
    }
    assert!(
        share <= MAX_DIFFERING,
        "{name}: {:.3}% of pixels differ",
        share * 100.0
    );
    assert!(mean <= MAX_MEAN_ERROR, "{name}: mean error {mean:.2}");
    // The glyphs are there, in about the same amount: not blank, not boxes.
    if svg_ink > 200 {
        let ratio = gpu_ink as f64 / svg_ink as f64;
        assert!(
            (0.7..1.4).contains(&ratio),
            "{name}: text ink {gpu_ink} vs {svg_ink}"
        );
    }
}

fn options(width: u32, height: u32, scale: f32, theme: Theme) -> RenderOptions {
    RenderOptions {
        width,
        height,
        scale,
        theme,
        format: Format::Png,
    }
}

#[test]
fn trend_of_twelve_scans() {
    compare(
        "trend-12-light",
        Chart::Trend(trend(12)),
        options(800, 400, 1.0, Theme::Light),
    );
}

#[test]
fn trend_of_a_thousand_scans_dark() {
    compare(
        "trend-1000-dark",
        Chart::Trend(trend(1000)),
        options(1200, 500, 1.0, Theme::Dark),
    );
}

#[test]
fn trend_of_one_scan_at_double_scale() {
    compare(
        "trend-1-2x",
        Chart::Trend(trend(1)),
        options(400, 300, 2.0, Theme::Light),
    );
}

#[test]
fn trend_of_no_scans() {
    compare(
        "trend-0",
        Chart::Trend(vec![]),
        options(600, 300, 1.0, Theme::Dark),
    );
}

#[test]
fn checklist_light_and_dark_hidpi() {
    compare(
        "checklist-light",
        Chart::Checklist(checklist()),
        options(800, 320, 1.0, Theme::Light),
    );
    compare(
        "checklist-dark-2x",
        Chart::Checklist(checklist()),
        options(640, 300, 2.0, Theme::Dark),
    );
}

#[test]
fn hotspots_of_three_thousand_files() {
    compare(
        "hotspots-3000",
        Chart::Hotspots(hotspots(3000)),
        options(1200, 800, 1.0, Theme::Light),
    );
}

#[test]
fn hotspots_of_no_files() {
    compare(
        "hotspots-0",
        Chart::Hotspots(vec![]),
        options(500, 300, 1.0, Theme::Light),
    );
}
