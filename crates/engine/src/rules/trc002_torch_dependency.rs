//! TRC002: declared dependencies on torch and its family.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::manifest::{self, Dependency};
use crate::python::ast::{Expr, ExprCall};
use crate::python::Checker;
use ruff_text_size::Ranged;

pub static META: RuleMeta = RuleMeta {
    code: "TRC002",
    name: "torch-dependency",
    severity: Severity::Error,
    item: Some("torch-free"),
    scope: Scope::Manifest,
    summary: "a declared dependency on PyTorch, Triton, CUDA or a package built on them",
    doc: Doc {
        what: "Flags `torch`, `torchvision`, `torchaudio`, `triton`, `sentence-transformers`, `pycuda`, `cupy*` and `nvidia-*-cu*` declared in `requirements*.txt`, `pyproject.toml` (PEP 621 dependencies and optional-dependencies, PEP 735 dependency-groups, Poetry, build-system requires), `setup.cfg`, a literal `install_requires` in `setup.py`, `Pipfile`, `environment.yml` (conda's `pytorch` too) and lock files (`uv.lock`, `poetry.lock`, `Pipfile.lock`, `pylock.toml`), where a banned package also shows up when it arrives transitively. Names are compared after PEP 503 normalisation. `banned-packages` in the configuration adds to the list.",
        why: "The standard is torch-free. A dependency drags PyTorch's gigabytes and CUDA's vendor lock-in into every install even if no module imports it directly — and a lock file shows when another package brings it in.",
        bad: "# requirements.txt\nsentence-transformers==3.0.1",
        good: "# requirements.txt\nonnxruntime==1.19.2\nfastembed-gpu-free-alternative",
        fix: "Remove the dependency, or replace the package that pulls it in with one built on ONNX Runtime or GGUF models.",
    },
};

/// Whether a normalised distribution name is banned; returns the pattern.
pub fn banned_pattern(name: &str, extra: &[String]) -> Option<String> {
    const EXACT: &[&str] = &[
        "torch",
        "torchvision",
        "torchaudio",
        "triton",
        "sentence-transformers",
        "pycuda",
    ];
    if EXACT.contains(&name) {
        return Some(name.to_string());
    }
    if name.starts_with("cupy") {
        return Some("cupy*".to_string());
    }
    if name
        .strip_prefix("nvidia-")
        .is_some_and(|rest| rest.contains("-cu"))
    {
        return Some("nvidia-*-cu*".to_string());
    }
    extra
        .iter()
        .find(|pattern| glob_match(&manifest::normalize(pattern), name))
        .cloned()
}

/// `*` matches any run of characters; nothing else is special.
fn glob_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let mut rest = name;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    true
}

pub fn message(dep: &Dependency, pattern: &str, lock_file: bool) -> String {
    let how = if lock_file {
        "locked (directly or as a transitive dependency)"
    } else {
        "declared"
    };
    if dep.name == pattern {
        format!(
            "`{}` is {how}, but the torch-free constraint bans it",
            dep.name
        )
    } else {
        format!(
            "`{}` is {how}, but the torch-free constraint bans `{pattern}`",
            dep.name
        )
    }
}

/// `setup(install_requires=[...], extras_require={...})` with literal strings.
pub(crate) fn check_setup_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    let is_setup = matches!(qualified, Some("setuptools.setup" | "distutils.core.setup"))
        || matches!(call.func.as_ref(), Expr::Name(n) if n.id.as_str() == "setup");
    if !is_setup {
        return;
    }
    let mut literals = Vec::new();
    for keyword in call.arguments.keywords.iter() {
        match keyword.arg.as_ref().map(|a| a.as_str()) {
            Some("install_requires" | "setup_requires" | "tests_require") => {
                collect_strings(&keyword.value, &mut literals)
            }
            Some("extras_require") => {
                if let Expr::Dict(dict) = &keyword.value {
                    for item in dict.iter() {
                        collect_strings(&item.value, &mut literals);
                    }
                }
            }
            _ => {}
        }
    }
    for (requirement, range) in literals {
        let Some(dep) = manifest::from_requirement(&requirement, 0) else {
            continue;
        };
        if let Some(pattern) = banned_pattern(&dep.name, &checker.settings.banned_packages) {
            checker.report(META.code, range, message(&dep, &pattern, false));
        }
    }
}

fn collect_strings(expr: &Expr, out: &mut Vec<(String, ruff_text_size::TextRange)>) {
    let elements: &[Expr] = match expr {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        Expr::StringLiteral(_) => std::slice::from_ref(expr),
        _ => return,
    };
    for element in elements {
        if let Expr::StringLiteral(s) = element {
            out.push((s.value.to_str().to_string(), s.range()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banned_names_and_lookalikes() {
        for name in [
            "torch",
            "torchvision",
            "cupy-cuda12x",
            "nvidia-cublas-cu12",
            "sentence-transformers",
        ] {
            assert!(banned_pattern(name, &[]).is_some(), "{name}");
        }
        for name in [
            "torchmetrics-lite",
            "pytorch-lightning-docs",
            "nvidia-ml-py",
            "tritonclient",
            "transformers",
        ] {
            assert!(banned_pattern(name, &[]).is_none(), "{name}");
        }
        assert_eq!(
            banned_pattern("tensorflow-gpu", &["tensorflow*".into()]).as_deref(),
            Some("tensorflow*")
        );
    }
}
