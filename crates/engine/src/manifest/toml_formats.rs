//! TOML manifests: pyproject.toml (PEP 621, PEP 735, Poetry), Pipfile and
//! the lock files uv.lock, poetry.lock and pylock.toml.

use super::{from_requirement, normalize, Dependency, ManifestError};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, ManifestError> {
    DeTable::parse(text).map_err(|e| ManifestError {
        message: format!("invalid TOML: {}", e.message()),
        offset: e.span().map_or(0, |s| s.start) as u32,
    })
}

fn get<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

fn table_at<'t, 'i>(table: &'t DeTable<'i>, path: &[&str]) -> Option<&'t DeTable<'i>> {
    let mut current = table;
    for key in path {
        current = get(current, key)?.get_ref().as_table()?;
    }
    Some(current)
}

/// Requirement strings in an array, each at its span (inside the quotes).
fn requirement_array(value: &Spanned<DeValue<'_>>, text: &str, deps: &mut Vec<Dependency>) {
    let Some(items) = value.get_ref().as_array() else {
        return;
    };
    for item in items.iter() {
        if let Some(requirement) = item.get_ref().as_str() {
            let span = item.span();
            let literal = &text[span.clone()];
            let quote = literal.find(['"', '\'']).map_or(0, |q| q + 1);
            // Multi-quote strings and escapes are rare in requirements; fall back to the literal's start.
            let at = if literal[quote..].starts_with(requirement.trim_start()) {
                span.start + quote
            } else {
                span.start
            };
            if let Some(mut dep) = from_requirement(requirement, at) {
                if at == span.start {
                    dep.end = span.end as u32;
                }
                deps.push(dep);
            }
        }
    }
}

/// Keys of a table as package names (Poetry, Pipfile).
fn key_packages(table: &DeTable<'_>, deps: &mut Vec<Dependency>) {
    for (key, _) in table.iter() {
        let name = normalize(key.get_ref().as_ref());
        if name == "python" {
            continue;
        }
        let span = key.span();
        deps.push(Dependency {
            name,
            start: span.start as u32,
            end: span.end as u32,
        });
    }
}

pub fn pyproject(text: &str) -> Result<Vec<Dependency>, ManifestError> {
    let root = parse(text)?;
    let root = root.get_ref();
    let mut deps = Vec::new();
    if let Some(project) = table_at(root, &["project"]) {
        if let Some(list) = get(project, "dependencies") {
            requirement_array(list, text, &mut deps);
        }
        if let Some(optional) = table_at(project, &["optional-dependencies"]) {
            for (_, list) in optional.iter() {
                requirement_array(list, text, &mut deps);
            }
        }
    }
    if let Some(groups) = table_at(root, &["dependency-groups"]) {
        for (_, list) in groups.iter() {
            requirement_array(list, text, &mut deps);
        }
    }
    if let Some(build) = table_at(root, &["build-system"]) {
        if let Some(list) = get(build, "requires") {
            requirement_array(list, text, &mut deps);
        }
    }
    if let Some(poetry) = table_at(root, &["tool", "poetry"]) {
        for key in ["dependencies", "dev-dependencies"] {
            if let Some(table) = table_at(poetry, &[key]) {
                key_packages(table, &mut deps);
            }
        }
        if let Some(groups) = table_at(poetry, &["group"]) {
            for (_, group) in groups.iter() {
                if let Some(table) = group
                    .get_ref()
                    .as_table()
                    .and_then(|g| table_at(g, &["dependencies"]))
                {
                    key_packages(table, &mut deps);
                }
            }
        }
    }
    Ok(deps)
}

pub fn pipfile(text: &str) -> Result<Vec<Dependency>, ManifestError> {
    let root = parse(text)?;
    let mut deps = Vec::new();
    for key in ["packages", "dev-packages"] {
        if let Some(table) = table_at(root.get_ref(), &[key]) {
            key_packages(table, &mut deps);
        }
    }
    Ok(deps)
}

/// `[[package]]` (uv, Poetry) or `[[packages]]` (PEP 751) entries' names:
/// every locked package, including those that arrive transitively.
pub fn lock(text: &str, array_key: &str) -> Result<Vec<Dependency>, ManifestError> {
    let root = parse(text)?;
    let mut deps = Vec::new();
    let Some(packages) = get(root.get_ref(), array_key).and_then(|v| v.get_ref().as_array()) else {
        return Ok(deps);
    };
    for package in packages.iter() {
        let Some(table) = package.get_ref().as_table() else {
            continue;
        };
        let Some(name) = get(table, "name") else {
            continue;
        };
        if let Some(text_name) = name.get_ref().as_str() {
            let span = name.span();
            deps.push(Dependency {
                name: normalize(text_name),
                start: span.start as u32 + 1,
                end: span.end as u32 - 1,
            });
        }
    }
    Ok(deps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(deps: &[Dependency]) -> Vec<&str> {
        deps.iter().map(|d| d.name.as_str()).collect()
    }

    #[test]
    fn pyproject_reads_every_dependency_table() {
        let text = r#"
[project]
dependencies = ["requests", "torch>=2"]
[project.optional-dependencies]
gpu = ["cupy-cuda12x"]
[dependency-groups]
dev = ["pytest", {include-group = "x"}]
[tool.poetry.dependencies]
python = "^3.11"
Torch_Vision = "*"
[tool.poetry.group.ml.dependencies]
triton = "*"
"#;
        let deps = pyproject(text).unwrap();
        assert_eq!(
            names(&deps),
            [
                "requests",
                "torch",
                "cupy-cuda12x",
                "pytest",
                "torch-vision",
                "triton"
            ]
        );
        let torch = &deps[1];
        assert_eq!(&text[torch.start as usize..torch.end as usize], "torch");
    }

    #[test]
    fn locks_list_transitive_packages() {
        let text = "version = 1\n[[package]]\nname = \"sentence-transformers\"\n[[package]]\nname = \"torch\"\n";
        let deps = lock(text, "package").unwrap();
        assert_eq!(names(&deps), ["sentence-transformers", "torch"]);
        assert_eq!(&text[deps[1].start as usize..deps[1].end as usize], "torch");
    }

    #[test]
    fn invalid_toml_is_an_error_with_a_place() {
        let err = pyproject("[project\nname = 1").unwrap_err();
        assert!(err.message.contains("invalid TOML"));
    }
}
