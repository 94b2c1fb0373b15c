//! The SVG writer: valid, self-contained, and safe with untrusted names.

use crate::support::{dump, hotspots, rasterize_svg, trend, usvg_options};
use tenet_charts::{Backend, Chart, Format, HotspotFile, RenderOptions, Renderer, Theme};

fn svg(chart: &Chart, options: RenderOptions) -> String {
    let rendered = Renderer::new(Backend::SvgOnly)
        .render(
            chart,
            &RenderOptions {
                format: Format::Svg,
                ..options
            },
        )
        .unwrap();
    assert_eq!(rendered.format, Format::Svg);
    assert_eq!(
        rendered.renderer, "svg",
        "an SVG asked for is not a fallback"
    );
    String::from_utf8(rendered.bytes).unwrap()
}

#[test]
fn hostile_file_names_are_escaped_in_text_title_and_description() {
    let names = [
        "<script>alert(1)</script>.py",
        "a&b.py",
        "say \"hi\" & 'bye'.py",
        "]]><!--.py",
        "ctrl\u{1}char.py",
    ];
    let files: Vec<HotspotFile> = names
        .iter()
        .map(|n| HotspotFile {
            path: format!("src/{n}"),
            lines: 500,
            findings: 40,
        })
        .collect();
    let text = svg(&Chart::Hotspots(files), RenderOptions::default());
    dump("hostile.svg", text.as_bytes());
    assert!(!text.contains("<script"), "a raw <script> tag got through");
    assert!(!text.contains("a&b"), "a raw ampersand got through");
    assert!(!text.contains("<!--"), "a raw comment opener got through");
    assert!(!text.contains('\u{1}'), "a control character got through");
    assert!(
        text.contains("&lt;script&gt;"),
        "labels or the description name the file"
    );
    assert!(text.contains("say &quot;hi&quot; &amp; &apos;bye&apos;"));
    // Well-formed: resvg's XML parser accepts it.
    resvg::usvg::Tree::from_str(&text, &usvg_options()).expect("the SVG parses");
}

#[test]
fn text_is_real_text_in_the_embedded_font() {
    let text = svg(&Chart::Trend(trend(6)), RenderOptions::default());
    dump("trend-6.svg", text.as_bytes());
    dump(
        "checklist.svg",
        svg(
            &Chart::Checklist(crate::support::checklist()),
            RenderOptions::default(),
        )
        .as_bytes(),
    );
    dump(
        "hotspots-2000.svg",
        svg(
            &Chart::Hotspots(hotspots(2000)),
            RenderOptions {
                width: 1200,
                height: 700,
                theme: Theme::Dark,
                ..RenderOptions::default()
            },
        )
        .as_bytes(),
    );
    assert!(text.contains("<text "), "labels are <text> elements");
    assert!(text.contains("@font-face{font-family:\"DejaVu Sans\";src:url(data:font/ttf;base64,"));
    assert!(text.contains("<title id=\"chart-title\">Findings and score per scan</title>"));
    assert!(text.contains("<desc id=\"chart-desc\">Findings "));
    assert!(text.contains("role=\"img\""));
    assert!(
        text.contains("2025-01-06"),
        "the first scan's date is on the x axis"
    );
}

#[test]
fn severities_have_patterns_not_only_colours() {
    let text = svg(&Chart::Trend(trend(6)), RenderOptions::default());
    assert!(text.contains("<pattern id=\"pattern-0\""));
    assert!(text.contains("<pattern id=\"pattern-1\""));
    assert!(text.contains("fill=\"url(#pattern-0)\""));
}

#[test]
fn svg_keeps_the_logical_size_whatever_the_scale() {
    let options = RenderOptions {
        width: 640,
        height: 360,
        scale: 2.0,
        theme: Theme::Dark,
        format: Format::Svg,
    };
    let rendered = Renderer::new(Backend::SvgOnly)
        .render(&Chart::Hotspots(hotspots(300)), &options)
        .unwrap();
    assert_eq!((rendered.width, rendered.height), (640, 360));
    let (w, h, pixels) = rasterize_svg(&rendered.bytes, 2.0);
    assert_eq!((w, h), (1280, 720));
    // The dark background shows at the corner.
    assert_eq!(&pixels[..3], &[0x0d, 0x11, 0x17]);
}
