//! Line-oriented manifests: requirements files, setup.cfg, conda
//! environment files, and Pipfile.lock (JSON).

use super::{from_requirement, normalize, Dependency, ManifestError};

/// Each line with its byte offset, without the line ending.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line.trim_end_matches('\r'))
    })
}

/// Cuts an inline ` #` comment (pip treats `#` after whitespace as a comment).
fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #").or_else(|| line.find("\t#")) {
        Some(i) => &line[..i],
        None => line,
    }
}

pub fn requirements(text: &str) -> Vec<Dependency> {
    let mut deps = Vec::new();
    for (offset, line) in lines(text) {
        let line = strip_comment(line);
        let trimmed = line.trim_start();
        if trimmed.starts_with('-') {
            // `-e git+https://…#egg=torch` names its package in the fragment.
            if let Some(egg) = trimmed.find("#egg=") {
                let at = line.len() - trimmed.len() + egg + 5;
                deps.extend(from_requirement(&line[at..], offset + at));
            }
            continue;
        }
        deps.extend(from_requirement(line, offset));
    }
    deps
}

pub fn setup_cfg(text: &str) -> Vec<Dependency> {
    let mut deps = Vec::new();
    let mut section = String::new();
    let mut in_list = false;
    for (offset, raw) in lines(text) {
        let line = strip_comment(raw);
        let trimmed = line.trim();
        if trimmed.starts_with('[') && trimmed.ends_with(']') {
            section = trimmed[1..trimmed.len() - 1].trim().to_ascii_lowercase();
            in_list = false;
            continue;
        }
        let continuation = line.starts_with([' ', '\t']);
        let value_at = if continuation {
            if !in_list {
                continue;
            }
            0
        } else if let Some(eq) = line.find('=') {
            let key = line[..eq].trim().to_ascii_lowercase();
            in_list = (section == "options"
                && matches!(
                    key.as_str(),
                    "install_requires" | "setup_requires" | "tests_require"
                ))
                || section == "options.extras_require";
            if !in_list {
                continue;
            }
            eq + 1
        } else {
            in_list = false;
            continue;
        };
        deps.extend(from_requirement(&line[value_at..], offset + value_at));
    }
    deps
}

/// `environment.yml`: conda packages under `dependencies:` and pip packages
/// in its nested `- pip:` list. Conda's own `pytorch` package counts as torch.
pub fn conda_environment(text: &str) -> Vec<Dependency> {
    let mut deps = Vec::new();
    let mut in_dependencies = false;
    for (offset, raw) in lines(text) {
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with([' ', '\t', '-']) {
            in_dependencies = line.trim_end().trim_end_matches(':') == "dependencies";
            continue;
        }
        if !in_dependencies {
            continue;
        }
        let trimmed = line.trim_start();
        let Some(item) = trimmed.strip_prefix('-') else {
            continue;
        };
        let item_at = line.len() - trimmed.len() + 1;
        let spec = item.trim_start();
        let spec_at = item_at + (item.len() - spec.len());
        if spec.trim_end() == "pip:" {
            continue;
        }
        // `conda-forge::pytorch=2.1` → `pytorch`.
        let (name_at, name_spec) = match spec.find("::") {
            Some(i) => (spec_at + i + 2, &spec[i + 2..]),
            None => (spec_at, spec),
        };
        if let Some(mut dep) = from_requirement(name_spec, offset + name_at) {
            if dep.name == "pytorch" || dep.name == "pytorch-cuda" {
                dep.name = "torch".to_string();
            }
            deps.push(dep);
        }
    }
    deps
}

/// `Pipfile.lock` (JSON): every package under `default` and `develop`.
pub fn pipfile_lock(text: &str) -> Result<Vec<Dependency>, ManifestError> {
    let document: serde_json::Value = serde_json::from_str(text).map_err(|e| ManifestError {
        message: format!("invalid JSON: {e}"),
        offset: line_col_offset(text, e.line(), e.column()),
    })?;
    let mut deps = Vec::new();
    for section in ["default", "develop"] {
        let Some(packages) = document.get(section).and_then(|v| v.as_object()) else {
            continue;
        };
        for name in packages.keys() {
            let needle = format!("\"{name}\"");
            let at = text.find(&needle).map_or(0, |i| i + 1);
            deps.push(Dependency {
                name: normalize(name),
                start: at as u32,
                end: (at + name.len()) as u32,
            });
        }
    }
    Ok(deps)
}

fn line_col_offset(text: &str, line: usize, column: usize) -> u32 {
    let line_start: usize = text
        .split('\n')
        .take(line.saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len()) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(deps: &[Dependency]) -> Vec<&str> {
        deps.iter().map(|d| d.name.as_str()).collect()
    }

    #[test]
    fn requirements_skip_options_and_comments() {
        let text = "# torch is banned\n--index-url https://x\nrequests==2\ntorch>=2 # gpu\n-e git+https://h/r.git#egg=triton\n";
        assert_eq!(names(&requirements(text)), ["requests", "torch", "triton"]);
    }

    #[test]
    fn setup_cfg_reads_install_requires_and_extras() {
        let text = "[metadata]\nname = torchy\n[options]\ninstall_requires =\n    numpy\n    torch>=2\n[options.extras_require]\ngpu = cupy-cuda12x\n";
        assert_eq!(names(&setup_cfg(text)), ["numpy", "torch", "cupy-cuda12x"]);
    }

    #[test]
    fn conda_reads_conda_and_pip_packages() {
        let text = "name: lab\ndependencies:\n  - python=3.11\n  - conda-forge::pytorch=2.1\n  - pip:\n    - sentence_transformers\nchannels:\n  - torch\n";
        assert_eq!(
            names(&conda_environment(text)),
            ["python", "torch", "sentence-transformers"]
        );
    }
}
