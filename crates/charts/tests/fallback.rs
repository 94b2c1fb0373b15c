//! The no-adapter path: forced by configuration, it still yields a chart,
//! as SVG, and says so.

use crate::support::{checklist, renderer, trend};
use std::process::Command;
use tenet_charts::{Backend, Chart, ChartError, Format, RenderOptions, Renderer, BACKEND_ENV};

#[test]
fn svg_only_answers_a_png_request_with_svg_and_says_so() {
    let renderer = Renderer::new(Backend::SvgOnly);
    assert!(!renderer.has_gpu());
    assert!(
        renderer.describe().starts_with("svg fallback"),
        "{}",
        renderer.describe()
    );
    let rendered = renderer
        .render(&Chart::Checklist(checklist()), &RenderOptions::default())
        .unwrap();
    assert_eq!(rendered.format, Format::Svg);
    assert!(
        rendered.renderer.starts_with("svg fallback"),
        "{}",
        rendered.renderer
    );
    assert!(rendered.bytes.starts_with(b"<svg "));
}

/// Run by `the_environment_forces_the_svg_path` in a child process with
/// the variable set; prints what the renderer says it is.
#[test]
#[ignore = "run in a child process by the_environment_forces_the_svg_path"]
fn child_reports_backend() {
    let renderer = Renderer::new(Backend::Auto);
    let rendered = renderer
        .render(&Chart::Trend(trend(3)), &RenderOptions::default())
        .unwrap();
    println!(
        "RENDERER={} FORMAT={:?}",
        rendered.renderer, rendered.format
    );
}

#[test]
fn the_environment_forces_the_svg_path() {
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "fallback::child_reports_backend",
            "--ignored",
            "--nocapture",
        ])
        .env(BACKEND_ENV, "svg")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "RENDERER=svg fallback ({BACKEND_ENV}=svg) FORMAT=Svg"
        )),
        "{stdout}"
    );
}

#[test]
fn the_renderer_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Renderer>();
    let renderer = renderer();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                scope.spawn(move || {
                    renderer
                        .render(&Chart::Trend(trend(5 + i)), &RenderOptions::default())
                        .unwrap()
                })
            })
            .collect();
        for handle in handles {
            let rendered = handle.join().unwrap();
            assert!(!rendered.bytes.is_empty());
        }
    });
}

#[test]
fn sizes_and_scales_out_of_range_are_refused() {
    let renderer = Renderer::new(Backend::SvgOnly);
    let chart = Chart::Trend(trend(2));
    let zero = RenderOptions {
        width: 0,
        ..RenderOptions::default()
    };
    assert!(matches!(
        renderer.render(&chart, &zero),
        Err(ChartError::Size { .. })
    ));
    let huge = RenderOptions {
        scale: 100.0,
        ..RenderOptions::default()
    };
    assert!(matches!(
        renderer.render(&chart, &huge),
        Err(ChartError::Scale(_))
    ));
}
