//! `tenet chart`: a project's recorded scans drawn through tenet-charts,
//! and its errors (exit 2, naming what and where).

mod support;

use std::path::Path;
use support::{project, s, text, write, Env};

const GATHER: &str = "import asyncio\n\nasync def main():\n    await asyncio.gather(a(), b())\n";

/// Runs `tenet chart …` with Mesa quieted; returns (exit code, stderr).
fn chart(env: &Env, args: &[&str], runtime: &Path) -> (i32, String) {
    let mut full = vec!["chart"];
    full.extend_from_slice(args);
    let output = env
        .command(&full)
        .env("XDG_RUNTIME_DIR", runtime)
        .output()
        .unwrap();
    (output.status.code().unwrap_or(-1), text(&output.stderr))
}

fn runtime_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    dir
}

#[test]
fn trend_checklist_and_hotspots_are_drawn_from_the_history() {
    let env = Env::new();
    let runtime = runtime_dir();
    let dir = project(&[("app.py", GATHER), ("pkg/<b>&.py", "x = 1\n")]);
    let root = s(dir.path());
    env.run(&["scan", root]);
    write(dir.path(), "app.py", "async def main():\n    pass\n");
    env.run(&["scan", root]);
    let out = tempfile::tempdir().unwrap();

    let png = out.path().join("trend.png");
    let (code, stderr) = chart(&env, &["trend", root, "--output", s(&png)], runtime.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("tenet: chart rendered by "), "{stderr}");
    if stderr.contains("svg fallback") {
        // No GPU adapter here: the chart is SVG, beside the PNG name.
        let svg = std::fs::read_to_string(out.path().join("trend.svg")).unwrap();
        assert!(svg.starts_with("<svg "));
        assert!(!png.exists());
    } else {
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    }

    let svg = out.path().join("hotspots.svg");
    let (code, stderr) = chart(
        &env,
        &[
            "hotspots",
            root,
            "--output",
            s(&svg),
            "--width",
            "900",
            "--height",
            "500",
        ],
        runtime.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("rendered by svg"), "{stderr}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("viewBox=\"0 0 900 500\""));
    assert!(text.contains("&lt;b&gt;&amp;.py"), "the file name, escaped");

    let checklist = out.path().join("checklist.svg");
    let (code, stderr) = chart(
        &env,
        &[
            "checklist",
            root,
            "--output",
            s(&checklist),
            "--theme",
            "dark",
            "--scale",
            "2",
        ],
        runtime.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&checklist).unwrap();
    assert!(
        text.contains("Checklist: "),
        "{}",
        &text[..200.min(text.len())]
    );
    assert!(text.contains("fill=\"#0d1117\""), "dark background");
}

#[test]
fn errors_name_what_and_where() {
    let env = Env::new();
    let runtime = runtime_dir();
    let dir = project(&[("app.py", GATHER)]);
    let root = s(dir.path());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("c.svg");

    // Never scanned.
    let (code, stderr) = chart(
        &env,
        &["trend", root, "--output", s(&target)],
        runtime.path(),
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("has not been scanned") && stderr.contains("tenet scan"),
        "{stderr}"
    );

    env.run(&["scan", root]);
    // Not an image name.
    let (code, stderr) = chart(
        &env,
        &["trend", root, "--output", "chart.txt"],
        runtime.path(),
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("chart.txt") && stderr.contains(".png or .svg"),
        "{stderr}"
    );

    // A folder that does not exist.
    let missing = out.path().join("no/such/folder/c.svg");
    let (code, stderr) = chart(
        &env,
        &["hotspots", root, "--output", s(&missing)],
        runtime.path(),
    );
    assert_eq!(code, 2);
    assert!(stderr.contains(s(&missing)), "{stderr}");

    // Scans recorded but none complete.
    let connection = rusqlite::Connection::open(&env.db).unwrap();
    connection
        .execute("UPDATE scans SET state = 'interrupted'", [])
        .unwrap();
    drop(connection);
    for kind in ["trend", "checklist", "hotspots"] {
        let (code, stderr) = chart(&env, &[kind, root, "--output", s(&target)], runtime.path());
        assert_eq!(code, 2, "{kind}");
        assert!(stderr.contains("no complete scan"), "{kind}: {stderr}");
        assert!(stderr.contains(s(&env.db)), "names the database: {stderr}");
    }
}
