//! MEM003: a class that acquires a resource and never releases it.

use super::{Doc, RuleMeta, Scope};
use crate::finding::Severity;
use crate::python::semantic::ScopeId;
use crate::python::Checker;

pub static META: RuleMeta = RuleMeta {
    code: "MEM003",
    name: "resource-without-cleanup",
    severity: Severity::Warning,
    item: Some("explicit-cleanup"),
    scope: Scope::Python,
    summary: "a class stores a resource in `__init__` but has no cleanup method",
    doc: Doc {
        what: "Flags a class whose `__init__` stores an acquired resource on `self` (`open()`, `socket.socket()`, `sqlite3.connect()`, `aiohttp.ClientSession()`, `httpx.Client()`/`AsyncClient()`, `threading.Thread()`, executors, `tempfile` objects) and that defines none of `close`, `aclose`, `cleanup`, `__exit__`, `__aexit__`, `__del__` and registers no `weakref.finalize`. A cleanup method inherited from a base class in the same module counts; a class with a base the scanner cannot see is not flagged.",
        why: "The standard asks for explicit cleanup. Without a method to release it, a file handle, socket or connection lives until the garbage collector happens to run — which under load means running out of descriptors or connections.",
        bad: "class Store:\n    def __init__(self, path):\n        self.db = sqlite3.connect(path)",
        good: "class Store:\n    def __init__(self, path):\n        self.db = sqlite3.connect(path)\n\n    def close(self):\n        self.db.close()\n\n    def __enter__(self):\n        return self\n\n    def __exit__(self, *exc):\n        self.close()",
        fix: "Add `close()` (or `aclose()` for async resources) and make the class a context manager so callers can use `with`; register `weakref.finalize(self, ...)` as a safety net.",
    },
};

const RESOURCES: &[&str] = &[
    "builtins.open",
    "io.open",
    "socket.socket",
    "socket.create_connection",
    "sqlite3.connect",
    "aiohttp.ClientSession",
    "httpx.Client",
    "httpx.AsyncClient",
    "threading.Thread",
    "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.ProcessPoolExecutor",
    "multiprocessing.Pool",
    "tempfile.TemporaryFile",
    "tempfile.NamedTemporaryFile",
    "tempfile.SpooledTemporaryFile",
    "tempfile.TemporaryDirectory",
];

const CLEANUP_METHODS: &[&str] = &[
    "close",
    "aclose",
    "cleanup",
    "__exit__",
    "__aexit__",
    "__del__",
];

/// `self.x = constructor(...)`, seen in some method of `class`.
pub(crate) fn on_self_assignment(
    checker: &mut Checker,
    class: ScopeId,
    attr: String,
    constructor: String,
) {
    if !RESOURCES.contains(&constructor.as_str()) {
        return;
    }
    let in_init = checker
        .semantic
        .enclosing_function()
        .is_some_and(|f| checker.functions.iter().any(|r| r.scope == f && r.is_init));
    if let (true, Some(&index)) = (in_init, checker.class_by_scope.get(&class)) {
        checker.classes[index]
            .init_resources
            .push((attr, constructor));
    }
}

/// A method defined in a class body.
pub(crate) fn on_method(checker: &mut Checker, class: usize, name: &str) {
    if CLEANUP_METHODS.contains(&name) {
        checker.classes[class].defines_cleanup = true;
    }
}

/// Any call: `weakref.finalize(...)` inside a method registers a finalizer.
pub(crate) fn on_call(checker: &mut Checker, qualified: Option<&str>) {
    if qualified != Some("weakref.finalize") {
        return;
    }
    let class = checker
        .semantic
        .enclosing_function()
        .and_then(|f| {
            checker
                .semantic
                .scope(f)
                .method_of
                .as_ref()
                .map(|(c, _)| *c)
        })
        .or(Some(checker.semantic.current));
    if let Some(index) = class.and_then(|c| checker.class_by_scope.get(&c).copied()) {
        checker.classes[index].registers_finalizer = true;
    }
}

fn has_cleanup(checker: &Checker, class: usize, depth: usize) -> Option<bool> {
    let info = &checker.classes[class];
    if info.defines_cleanup || info.registers_finalizer {
        return Some(true);
    }
    let bases = info.bases.as_ref()?;
    if depth > 64 {
        return None;
    }
    let mut found = false;
    for &base in bases {
        found |= has_cleanup(checker, base, depth + 1)?;
    }
    Some(found)
}

pub(crate) fn finish(checker: &mut Checker) {
    if !checker.enabled(META.code) {
        return;
    }
    for index in 0..checker.classes.len() {
        let Some((attr, constructor)) = checker.classes[index].init_resources.first().cloned()
        else {
            continue;
        };
        if has_cleanup(checker, index, 0) == Some(false) {
            let name = constructor.trim_start_matches("builtins.");
            let range = checker.classes[index].name_range;
            checker.report(
                META.code,
                range,
                format!("`self.{attr}` holds a `{name}()` resource but the class has no `close()`, `__exit__` or finalizer to release it"),
            );
        }
    }
}
