//! Layout: empty data, one scan, a thousand scans, 50,000 files, very long
//! names, the treemap's geometry and the palette's contrast.

use crate::support::{checklist, dump, hotspots, rasterize_svg, trend, Lcg};
use tenet_charts::display::{DisplayList, Item, Rect};
use tenet_charts::palette::{contrast, Palette, Severity};
use tenet_charts::{
    layout, squarify, Backend, Chart, Format, HotspotFile, RenderOptions, Renderer, Theme,
};

fn texts(list: &DisplayList) -> Vec<String> {
    list.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) => Some(run.text.clone()),
            _ => None,
        })
        .collect()
}

fn inside(inner: Rect, outer: Rect) -> bool {
    inner.x >= outer.x - 0.01
        && inner.y >= outer.y - 0.01
        && inner.right() <= outer.right() + 0.01
        && inner.bottom() <= outer.bottom() + 0.01
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.x < b.right() - 0.01
        && b.x < a.right() - 0.01
        && a.y < b.bottom() - 0.01
        && b.y < a.bottom() - 0.01
}

fn picture(list: &DisplayList) -> Rect {
    Rect::new(0.0, 0.0, list.width, list.height)
}

#[test]
fn empty_charts_say_there_is_nothing_yet() {
    let options = RenderOptions::default();
    for (chart, message) in [
        (Chart::Trend(vec![]), "No scans recorded yet"),
        (Chart::Checklist(vec![]), "No checklist items"),
        (Chart::Hotspots(vec![]), "No files to show"),
    ] {
        let list = layout(&chart, &options);
        assert!(
            texts(&list).iter().any(|t| t == message),
            "{}: {:?}",
            chart.kind(),
            texts(&list)
        );
        let rendered = Renderer::new(Backend::SvgOnly)
            .render(&chart, &options)
            .unwrap();
        rasterize_svg(&rendered.bytes, 1.0);
    }
}

#[test]
fn one_scan_is_one_bar_and_a_score_marker() {
    let list = layout(&Chart::Trend(trend(1)), &RenderOptions::default());
    assert!(list.items.iter().any(|i| matches!(i, Item::Marker { .. })));
    assert!(!list.items.iter().any(|i| matches!(i, Item::Band { .. })));
    assert!(texts(&list).contains(&"2025-01-06".to_string()));
}

#[test]
fn a_thousand_scans_are_areas_with_dates_that_do_not_collide() {
    let points = trend(1000);
    let list = layout(
        &Chart::Trend(points),
        &RenderOptions {
            width: 1200,
            ..RenderOptions::default()
        },
    );
    let bands = list
        .items
        .iter()
        .filter(|i| matches!(i, Item::Band { .. }))
        .count();
    assert_eq!(bands, 3, "one band per severity");
    let dates: Vec<Rect> = list
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if run.text.starts_with("20") => Some(run.bounds()),
            _ => None,
        })
        .collect();
    assert!(
        dates.len() >= 5 && dates.len() < 40,
        "{} date labels",
        dates.len()
    );
    for (i, a) in dates.iter().enumerate() {
        assert!(
            inside(*a, picture(&list)),
            "date label {a:?} leaves the picture"
        );
        for b in &dates[i + 1..] {
            assert!(!overlap(*a, *b), "date labels {a:?} and {b:?} overlap");
        }
    }
    let svg = Renderer::new(Backend::SvgOnly)
        .render(
            &Chart::Trend(trend(1000)),
            &RenderOptions {
                format: Format::Svg,
                ..RenderOptions::default()
            },
        )
        .unwrap();
    dump("trend-1000.svg", &svg.bytes);
}

#[test]
fn every_text_stays_inside_the_picture() {
    for theme in [Theme::Light, Theme::Dark] {
        for (width, height) in [(800, 400), (320, 200), (1600, 1000)] {
            let options = RenderOptions {
                width,
                height,
                theme,
                ..RenderOptions::default()
            };
            for chart in [
                Chart::Trend(trend(12)),
                Chart::Checklist(checklist()),
                Chart::Hotspots(hotspots(500)),
            ] {
                let list = layout(&chart, &options);
                for bounds in list.text_bounds() {
                    assert!(
                        inside(bounds, picture(&list)),
                        "{} at {width}×{height}: text at {bounds:?} leaves the picture",
                        chart.kind()
                    );
                }
            }
        }
    }
}

#[test]
fn very_long_file_names_are_cut_with_an_ellipsis_inside_their_cells() {
    let long = "a_really_".repeat(40);
    let files = vec![
        HotspotFile {
            path: format!("src/{long}first.py"),
            lines: 5000,
            findings: 10,
        },
        HotspotFile {
            path: format!("{}/{long}second.py", "deep/".repeat(30)),
            lines: 3000,
            findings: 0,
        },
        HotspotFile {
            path: "small.py".into(),
            lines: 100,
            findings: 1,
        },
    ];
    let list = layout(&Chart::Hotspots(files), &RenderOptions::default());
    let labels = texts(&list);
    assert!(
        labels
            .iter()
            .any(|t| t.starts_with("a_really_") && t.ends_with('…')),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|t| t.starts_with('…') && t.ends_with("deep/")),
        "folder header keeps its tail: {labels:?}"
    );
    for bounds in list.text_bounds() {
        assert!(inside(bounds, picture(&list)));
    }
}

#[test]
fn squarify_fills_the_area_in_proportion_without_overlap() {
    let mut rng = Lcg::new(7);
    let mut values: Vec<f64> = (0..500).map(|_| 1.0 + rng.below(1000) as f64).collect();
    values.sort_by(|a, b| b.total_cmp(a));
    let area = Rect::new(10.0, 20.0, 900.0, 500.0);
    let rects = squarify(&values, area);
    let total: f64 = values.iter().sum();
    for (value, rect) in values.iter().zip(&rects) {
        assert!(inside(*rect, area), "{rect:?}");
        let expected = value / total * 900.0 * 500.0;
        let got = f64::from(rect.w) * f64::from(rect.h);
        assert!(
            (got - expected).abs() <= expected * 0.01 + 1.0,
            "{got} vs {expected}"
        );
    }
    for (i, a) in rects.iter().enumerate().take(60) {
        for b in &rects[i + 1..] {
            assert!(!overlap(*a, *b), "{a:?} overlaps {b:?}");
        }
    }
    // Squarified: the big ones are not slivers.
    for rect in &rects[..20] {
        assert!(rect.w / rect.h < 4.0 && rect.h / rect.w < 4.0, "{rect:?}");
    }
}

#[test]
fn fifty_thousand_files_lay_out_quickly_with_labels_that_do_not_collide() {
    let files = hotspots(50_000);
    let options = RenderOptions {
        width: 1600,
        height: 1000,
        ..RenderOptions::default()
    };
    let started = std::time::Instant::now();
    let list = layout(&Chart::Hotspots(files), &options);
    let took = started.elapsed();
    let cells = list
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rect { .. }))
        .count();
    // Cells snap to whole pixels, so the few files smaller than a pixel
    // may vanish; nearly every file is a rectangle.
    assert!(cells >= 49_950, "{cells} rectangles");
    // A loose bound for a debug build; the benchmark measures release.
    assert!(took.as_secs_f64() < 5.0, "layout took {took:?}");
    let labels = list.text_bounds();
    assert!(labels.len() > 20, "some files and folders are named");
}

#[test]
fn marks_have_3_to_1_and_text_4_5_to_1_in_both_themes() {
    for theme in [Theme::Light, Theme::Dark] {
        let p = Palette::of(theme);
        for severity in Severity::ALL {
            let ratio = contrast(p.severity(severity), p.background);
            assert!(ratio >= 3.0, "{theme:?} {severity:?}: {ratio:.2}");
        }
        assert!(contrast(p.score, p.background) >= 3.0);
        assert!(contrast(p.axis, p.background) >= 3.0);
        for color in std::iter::once(p.heat_none).chain(p.heat) {
            assert!(
                contrast(color, p.background) >= 3.0,
                "{theme:?} heat {color:?}"
            );
            assert!(
                contrast(p.text_on(color), color) >= 4.5,
                "{theme:?} label on {color:?}"
            );
        }
        for text in [p.text, p.muted, p.pass, p.fail, p.review] {
            assert!(
                contrast(text, p.background) >= 4.5,
                "{theme:?} text {text:?}"
            );
            assert!(
                contrast(text, p.surface) >= 4.5,
                "{theme:?} text {text:?} on surface"
            );
        }
        // Heat rises monotonically in lightness away from the background.
        let lum: Vec<f64> = p.heat.iter().map(|c| c.luminance()).collect();
        let rising = lum.windows(2).all(|w| w[1] > w[0]);
        let falling = lum.windows(2).all(|w| w[1] < w[0]);
        assert!(
            if theme == Theme::Light {
                falling
            } else {
                rising
            },
            "{theme:?} {lum:?}"
        );
    }
}

#[test]
fn absurd_counts_do_not_overflow() {
    let huge = u64::MAX / 2;
    let points = vec![
        tenet_charts::TrendPoint {
            at: i64::MIN / 4,
            error: huge,
            warning: huge,
            info: huge,
            score: Some(u32::MAX),
        },
        tenet_charts::TrendPoint {
            at: i64::MAX / 4,
            error: 0,
            warning: 0,
            info: 0,
            score: None,
        },
    ];
    let bars = vec![tenet_charts::ChecklistBar {
        id: "x".into(),
        title: "x".into(),
        status: tenet_charts::ItemStatus::Fail,
        error: huge,
        warning: huge,
        info: huge,
    }];
    let files = vec![HotspotFile {
        path: "/".into(),
        lines: u64::MAX,
        findings: u64::MAX,
    }];
    let renderer = Renderer::new(Backend::SvgOnly);
    for chart in [
        Chart::Trend(points),
        Chart::Checklist(bars),
        Chart::Hotspots(files),
    ] {
        renderer.render(&chart, &RenderOptions::default()).unwrap();
    }
}
