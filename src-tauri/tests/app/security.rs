use serde_json::Value;

fn read_json(path: &str) -> Value {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap()
}

/// The commands `build.rs` declares, read from it.
fn declared_commands() -> Vec<String> {
    let build = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/build.rs")).unwrap();
    let list = &build[build.find("COMMANDS: &[&str] = &[").unwrap()..];
    let list = &list[..list.find("];").unwrap()];
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_capability_grants_core_defaults_and_our_commands_only() {
    let capability = read_json("capabilities/main-window.json");
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let mut expected = vec!["core:default".to_string()];
    expected.extend(
        declared_commands()
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-"))),
    );
    assert_eq!(granted, expected);
    assert!(!granted
        .iter()
        .any(|p| p.starts_with("fs:") || p.starts_with("shell:") || p.starts_with("http:")));
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
}

#[test]
fn the_content_security_policy_is_strict() {
    let config = read_json("tauri.conf.json");
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    for (directive, value) in csp.as_object().unwrap() {
        let value = value.as_str().unwrap();
        assert!(!value.contains("unsafe"), "{directive}: {value}");
        if directive != "img-src" {
            assert!(
                !value.contains("data:") && !value.contains("blob:"),
                "{directive}: {value}"
            );
        }
    }
    assert_eq!(config["app"]["security"]["freezePrototype"], true);
}

#[test]
fn every_declared_command_is_registered() {
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    for command in declared_commands() {
        assert!(
            lib.contains(&format!("::{command},")),
            "{command} is not in generate_handler!"
        );
    }
}
