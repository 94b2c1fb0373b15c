use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::{App, Manager, WebviewWindow};
use tenet_app::commands::scan::{run_scan, ScanEvent};
use tenet_app::Launch;

pub struct TestApp {
    pub folder: tempfile::TempDir,
    pub sample: PathBuf,
    pub database: PathBuf,
    pub app: App<MockRuntime>,
    pub webview: WebviewWindow<MockRuntime>,
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestApp {
    /// The app with a fresh database and a copy of the sample project
    /// (the tests edit it).
    pub fn new() -> TestApp {
        let folder = tempfile::tempdir().unwrap();
        let sample = folder.path().join("sample");
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample"),
            &sample,
        );
        let database = folder.path().join("tenet.db");
        let launch = Launch {
            database: database.clone(),
            settings: folder.path().join("settings.json"),
            open: None,
        };
        let app = tenet_app::app(mock_builder(), launch)
            .build(mock_context(noop_assets()))
            .unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        TestApp {
            folder,
            sample,
            database,
            app,
            webview,
        }
    }

    /// Calls a command as the webview does; `Err` is the `{kind, message}`.
    pub fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        tauri::test::get_ipc_response(
            &self.webview,
            tauri::webview::InvokeRequest {
                cmd: command.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
    }

    pub fn ok(&self, command: &str, args: Value) -> Value {
        self.invoke(command, args)
            .unwrap_or_else(|e| panic!("{command} failed: {e}"))
    }

    /// Adds the sample copy as a project (as a dropped folder would be).
    pub fn add_sample(&self) -> i64 {
        let state = self.app.state::<tenet_app::state::AppState>();
        let card = tenet_app::commands::projects::add_folder(&state, &self.sample).unwrap();
        card.id
    }

    /// Runs a scan as `start_scan`'s thread does and returns its events.
    pub fn scan(&self, project: i64, cancel: bool) -> Vec<Value> {
        let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = events.clone();
        let channel = tauri::ipc::Channel::<ScanEvent>::new(move |body| {
            if let tauri::ipc::InvokeResponseBody::Json(text) = body {
                sink.lock()
                    .unwrap()
                    .push(serde_json::from_str(&text).unwrap());
            }
            Ok(())
        });
        let root = std::fs::canonicalize(&self.sample).unwrap();
        let config = tenet_engine::Config::discover(&root).unwrap();
        let settings = tenet_engine::Settings::resolve(&config, &Default::default());
        let end = run_scan(
            &self.database,
            tenet_store::ProjectId(project),
            &root,
            &settings,
            &channel,
            &AtomicBool::new(cancel),
        );
        let mut events = events.lock().unwrap().clone();
        events.push(serde_json::to_value(end).unwrap());
        events
    }
}

pub fn query(extra: Value) -> Value {
    let mut query = json!({
        "severity": [], "rules": [], "item": null, "text": "", "suppressed": "hide",
        "group_by": "item", "sort": {"key": "severity", "direction": "ascending"},
        "offset": 0, "limit": 100
    });
    for (key, value) in extra.as_object().unwrap() {
        query[key] = value.clone();
    }
    query
}
