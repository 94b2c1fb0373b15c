//! A small semantic model: scopes, bindings, imports and aliases, so rules ask
//! "does this expression refer to `asyncio.gather`?" instead of matching
//! spellings. Built during the checker's single walk.

use super::ast::{self, Expr};
use super::Map;
use ruff_text_size::TextRange;

pub(crate) type ScopeId = usize;
pub(crate) type BindingId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Module,
    Class,
    Function { is_async: bool },
    Lambda,
    Comprehension,
}

/// What a binding's value is known to be, as far as rules care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    Unknown,
    /// The result of calling the given qualified name.
    Call(String),
    /// A list/dict/set display or a call of a mutable container constructor.
    MutableContainer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BindingKind {
    /// `import a.b as c` binds `c` to `a.b`; `import a.b` binds `a` to `a`.
    Import(String),
    /// `from a import b as c` binds `c` to `a.b`.
    FromImport(String),
    Assignment(Origin),
    /// A parameter, with the qualified name of its annotation if resolvable.
    Parameter(Option<String>),
    /// `def`, `class` and any other binding whose value rules do not track.
    Other,
}

#[derive(Debug)]
pub(crate) struct Binding {
    pub kind: BindingKind,
    pub range: TextRange,
    pub scope: ScopeId,
}

#[derive(Debug)]
pub(crate) struct Scope {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    names: Map<String, BindingId>,
    /// Names declared `global` in this scope.
    globals: Vec<String>,
    /// For a method: the class scope and the name of its first parameter.
    pub method_of: Option<(ScopeId, String)>,
    /// For a class: attributes assigned through `self.x = ...` in its methods.
    pub self_attrs: Map<String, (Origin, TextRange)>,
}

#[derive(Debug, Default)]
pub(crate) struct Semantic {
    pub scopes: Vec<Scope>,
    pub bindings: Vec<Binding>,
    pub current: ScopeId,
}

/// Canonical names for re-exports, so `from asyncio.tasks import gather`
/// resolves like `asyncio.gather`.
fn canonical(qualified: String) -> String {
    const ALIASES: &[(&str, &str)] = &[
        ("asyncio.tasks.", "asyncio."),
        ("asyncio.queues.", "asyncio."),
        ("asyncio.taskgroups.", "asyncio."),
        ("asyncio.events.", "asyncio."),
        ("concurrent.futures.thread.", "concurrent.futures."),
        ("concurrent.futures.process.", "concurrent.futures."),
        ("multiprocessing.queues.", "multiprocessing."),
    ];
    for (from, to) in ALIASES {
        if let Some(rest) = qualified.strip_prefix(from) {
            if !rest.contains('.') {
                return format!("{to}{rest}");
            }
        }
    }
    qualified
}

impl Semantic {
    pub fn new() -> Semantic {
        let mut semantic = Semantic::default();
        semantic.scopes.push(Scope::new(ScopeKind::Module, None));
        semantic
    }

    pub fn push_scope(&mut self, kind: ScopeKind) -> ScopeId {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, Some(self.current)));
        self.current = id;
        id
    }

    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id]
    }

    pub fn scope_mut(&mut self, id: ScopeId) -> &mut Scope {
        &mut self.scopes[id]
    }

    /// Binds `name` in the current scope (or the module scope if it was
    /// declared `global` here).
    pub fn bind(&mut self, name: &str, kind: BindingKind, range: TextRange) -> BindingId {
        let scope = if self.scopes[self.current].globals.iter().any(|g| g == name) {
            0
        } else {
            self.current
        };
        let id = self.bindings.len();
        self.bindings.push(Binding { kind, range, scope });
        self.scopes[scope].names.insert(name.to_string(), id);
        id
    }

    pub fn declare_global(&mut self, name: &str) {
        self.scopes[self.current].globals.push(name.to_string());
    }

    /// Finds the binding a name refers to from the current scope, following
    /// Python's rules: class scopes are invisible to nested functions.
    pub fn lookup(&self, name: &str) -> Option<BindingId> {
        let mut scope_id = self.current;
        let mut first = true;
        loop {
            let scope = &self.scopes[scope_id];
            if scope.globals.iter().any(|g| g == name) {
                return self.scopes[0].names.get(name).copied();
            }
            if first || scope.kind != ScopeKind::Class {
                if let Some(id) = scope.names.get(name) {
                    return Some(*id);
                }
            }
            first = false;
            scope_id = scope.parent?;
        }
    }

    pub fn binding(&self, id: BindingId) -> &Binding {
        &self.bindings[id]
    }

    /// The innermost function or lambda scope, skipping classes and
    /// comprehensions.
    pub fn enclosing_function(&self) -> Option<ScopeId> {
        let mut id = self.current;
        loop {
            match self.scopes[id].kind {
                ScopeKind::Function { .. } | ScopeKind::Lambda => return Some(id),
                ScopeKind::Module => return None,
                _ => id = self.scopes[id].parent?,
            }
        }
    }

    /// "Inside an `async def`": the innermost `def`/`lambda` is an `async def`.
    pub fn in_async(&self) -> bool {
        self.enclosing_function()
            .is_some_and(|id| self.scopes[id].kind == ScopeKind::Function { is_async: true })
    }

    pub fn in_function(&self) -> bool {
        self.enclosing_function().is_some()
    }

    /// The qualified name an expression refers to, e.g. `aio.gather` after
    /// `import asyncio as aio` is `asyncio.gather`; a name with no binding is
    /// a builtin (`builtins.print`). `None` when it refers to something local.
    pub fn resolve(&self, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Name(name) => match self.lookup(name.id.as_str()) {
                None => Some(format!("builtins.{}", name.id)),
                Some(id) => match &self.bindings[id].kind {
                    BindingKind::Import(q) | BindingKind::FromImport(q) => {
                        Some(canonical(q.clone()))
                    }
                    _ => None,
                },
            },
            Expr::Attribute(attr) => {
                let base = self.resolve(&attr.value)?;
                if base.starts_with("builtins.") {
                    return None;
                }
                Some(canonical(format!("{base}.{}", attr.attr.id)))
            }
            // `anyio.create_memory_object_stream[int](...)`: generic alias calls.
            Expr::Subscript(sub) => self.resolve(&sub.value),
            _ => None,
        }
    }

    /// Whether `expr` refers to one of the given qualified names.
    pub fn resolves_to(&self, expr: &Expr, names: &[&str]) -> bool {
        self.resolve(expr)
            .is_some_and(|q| names.contains(&q.as_str()))
    }

    /// What is known of the value of a plain name, at this point of the walk.
    pub fn origin_of_name(&self, name: &str) -> Option<(&Origin, BindingId)> {
        let id = self.lookup(name)?;
        match &self.bindings[id].kind {
            BindingKind::Assignment(origin) => Some((origin, id)),
            _ => None,
        }
    }

    /// If `expr` is `self.x` (or `cls.x`) inside a method, the class scope and
    /// the attribute name.
    pub fn self_attribute<'e>(&self, expr: &'e Expr) -> Option<(ScopeId, &'e str)> {
        let Expr::Attribute(ast::ExprAttribute { value, attr, .. }) = expr else {
            return None;
        };
        let Expr::Name(receiver) = value.as_ref() else {
            return None;
        };
        let function = self.enclosing_function()?;
        let (class, first_param) = self.scopes[function].method_of.as_ref()?;
        // The receiver must still be the method's own first parameter.
        let binding = self.lookup(receiver.id.as_str())?;
        if receiver.id.as_str() != first_param || self.bindings[binding].scope != function {
            return None;
        }
        Some((*class, attr.id.as_str()))
    }
}

impl Scope {
    fn new(kind: ScopeKind, parent: Option<ScopeId>) -> Scope {
        Scope {
            kind,
            parent,
            names: Map::default(),
            globals: Vec::new(),
            method_of: None,
            self_attrs: Map::default(),
        }
    }

    pub fn get(&self, name: &str) -> Option<BindingId> {
        self.names.get(name).copied()
    }
}
