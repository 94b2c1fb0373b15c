//! TRC001: importing torch and its family.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::ast::{Expr, ExprCall, StmtImportFrom};
use crate::python::Checker;
use ruff_text_size::{Ranged, TextRange};

pub static META: RuleMeta = RuleMeta {
    code: "TRC001",
    name: "torch-import",
    severity: Severity::Error,
    item: Some("torch-free"),
    scope: Scope::Python,
    summary: "an import of PyTorch, Triton, CUDA or a package built on them",
    doc: Doc {
        what: "Flags any import of `torch`, `torchvision`, `torchaudio`, `triton`, `sentence_transformers`, `pycuda`, `cupy`, `numba.cuda`, `cuda` or their submodules — `import`, `from … import`, inside functions, `try` blocks and `if TYPE_CHECKING:`, and `importlib.import_module(\"…\")`/`__import__(\"…\")` with a literal name. Relative imports are never flagged. `banned-modules` in the configuration adds to the list.",
        why: "The standard is torch-free: PyTorch and CUDA pull gigabytes of native code and a GPU vendor lock-in into every environment that installs the project.",
        bad: "import torch\n\nscores = torch.softmax(torch.tensor(logits), dim=0)",
        good: "import onnxruntime as ort\n\nsession = ort.InferenceSession(\"model.onnx\")",
        fix: "Use ONNX Runtime, GGUF models or Vulkan acceleration as the standard suggests; export trained models to ONNX once, outside the project.",
    },
};

pub const BANNED_MODULES: &[&str] = &[
    "torch",
    "torchvision",
    "torchaudio",
    "triton",
    "sentence_transformers",
    "pycuda",
    "cupy",
    "numba.cuda",
    "cuda",
];

fn banned<'s>(checker: &'s Checker, module: &str) -> Option<&'s str> {
    let matches = |root: &str| {
        module == root
            || module
                .strip_prefix(root)
                .is_some_and(|rest| rest.starts_with('.'))
    };
    BANNED_MODULES
        .iter()
        .copied()
        .find(|root| matches(root))
        .or_else(|| {
            checker
                .settings
                .banned_modules
                .iter()
                .map(String::as_str)
                .find(|root| matches(root))
        })
}

fn report(checker: &mut Checker, module: &str, root: &str, range: TextRange) {
    let message = if module == root {
        format!("`{module}` is banned by the torch-free constraint")
    } else {
        format!("`{module}` is part of `{root}`, banned by the torch-free constraint")
    };
    checker.report(META.code, range, message);
}

pub(crate) fn check_import(checker: &mut Checker, module: &str, range: TextRange) {
    if let Some(root) = banned(checker, module).map(str::to_string) {
        report(checker, module, &root, range);
    }
}

pub(crate) fn check_import_from(checker: &mut Checker, import: &StmtImportFrom, module: &str) {
    if let Some(root) = banned(checker, module).map(str::to_string) {
        let range = import.module.as_ref().map_or(import.range(), |m| m.range);
        report(checker, module, &root, range);
        return;
    }
    // `from numba import cuda` imports the banned `numba.cuda`.
    for alias in &import.names {
        let full = format!("{module}.{}", alias.name.as_str());
        if let Some(root) = banned(checker, &full).map(str::to_string) {
            report(checker, &full, &root, alias.range);
        }
    }
}

/// `importlib.import_module("torch")`, `__import__("torch.nn")`.
pub(crate) fn check_call(checker: &mut Checker, call: &ExprCall, qualified: Option<&str>) {
    if !matches!(
        qualified,
        Some("importlib.import_module" | "builtins.__import__")
    ) {
        return;
    }
    let Some(Expr::StringLiteral(name)) = call.arguments.find_argument_value("name", 0) else {
        return;
    };
    let module = name.value.to_str();
    if module.starts_with('.') {
        return;
    }
    check_import(checker, module, call.func.range());
}
