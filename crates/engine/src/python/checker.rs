//! The checker: walks each tree once, keeps the semantic model current and
//! hands each node to the enabled rules that want it (as Ruff does). Function
//! bodies are deferred until the enclosing scope is complete, so a name used
//! in a function resolves to what it is bound to when the function runs.

use super::ast::visitor::{self, Visitor};
use super::ast::{self, Expr, ExprContext, Stmt};
use super::semantic::{BindingId, BindingKind, Origin, ScopeId, ScopeKind, Semantic};
use super::Map;
use super::{FileContext, RawFinding, Settings, TestFacts};
use crate::rules::*;
use ruff_text_size::{Ranged, TextRange};
use std::collections::VecDeque;

/// A self-attribute use whose meaning is known only once every method of
/// the class has been walked.
pub(crate) enum PendingSelf {
    /// `self.x.create_task(...)`: ASY002 if `self.x` is an event loop.
    CreateTask {
        class: ScopeId,
        attr: String,
        range: TextRange,
    },
    /// `with self.x:` / `self.x.acquire()` in async code: ASY004 if a thread lock.
    LockUse {
        class: ScopeId,
        attr: String,
        range: TextRange,
    },
}

/// What MEM003 and TST002 need to know about a class.
pub(crate) struct ClassInfo {
    pub name_range: TextRange,
    /// Indices of same-module base classes; `None` if a base is not visible.
    pub bases: Option<Vec<usize>>,
    pub defines_cleanup: bool,
    pub registers_finalizer: bool,
    /// `self.x = <resource>` in `__init__`: (attribute, constructor).
    pub init_resources: Vec<(String, String)>,
    /// Async tests in it are run by a marker or `IsolatedAsyncioTestCase`.
    pub runs_async_tests: bool,
}

pub(crate) struct FunctionRecord {
    pub scope: ScopeId,
    pub name_range: TextRange,
    pub body_range: TextRange,
    pub has_docstring: bool,
    pub complexity: u32,
    pub is_init: bool,
}

struct OpenHandler {
    function: Option<ScopeId>,
    reraised: bool,
}

pub(crate) struct Checker<'a> {
    pub semantic: Semantic,
    pub settings: &'a Settings,
    pub file: &'a FileContext,
    pub findings: Vec<RawFinding>,
    pub facts: TestFacts,
    deferred: VecDeque<(&'a ast::StmtFunctionDef, ScopeId)>,
    // Rule state, settled in `finish`.
    pub pending_self: Vec<PendingSelf>,
    pub pending_prints: Vec<TextRange>,
    pub has_main_guard: bool,
    pub container_mutations: Map<BindingId, Vec<TextRange>>,
    pub classes: Vec<ClassInfo>,
    pub class_by_scope: Map<ScopeId, usize>,
    pub class_by_binding: Map<BindingId, usize>,
    pub functions: Vec<FunctionRecord>,
    function_by_scope: Map<ScopeId, usize>,
    handlers: Vec<OpenHandler>,
    /// Module-level `pytestmark` marks every test of the file.
    pub module_marks_async: bool,
    pub unmarked_async_tests: Vec<TextRange>,
    /// Byte ranges of comments that document (not `noqa`/`type:`/`pragma:`).
    pub prose_comments: &'a [TextRange],
    source: &'a str,
}

impl<'a> Checker<'a> {
    pub fn new(
        settings: &'a Settings,
        file: &'a FileContext,
        prose_comments: &'a [TextRange],
        source: &'a str,
    ) -> Self {
        Checker {
            semantic: Semantic::new(),
            settings,
            file,
            findings: Vec::new(),
            facts: TestFacts::default(),
            deferred: VecDeque::new(),
            pending_self: Vec::new(),
            pending_prints: Vec::new(),
            has_main_guard: false,
            container_mutations: Map::default(),
            classes: Vec::new(),
            class_by_scope: Map::default(),
            class_by_binding: Map::default(),
            functions: Vec::new(),
            function_by_scope: Map::default(),
            handlers: Vec::new(),
            module_marks_async: false,
            unmarked_async_tests: Vec::new(),
            prose_comments,
            source,
        }
    }

    pub fn enabled(&self, code: &str) -> bool {
        self.settings.enabled.contains(code)
    }

    pub fn report(&mut self, code: &'static str, range: TextRange, message: impl Into<String>) {
        self.findings.push(RawFinding {
            rule: code,
            start: range.start().to_u32(),
            end: range.end().to_u32(),
            message: message.into(),
            related: Vec::new(),
        });
    }

    /// Walks a whole module, then every deferred function body.
    pub fn check_module(&mut self, body: &'a [Stmt]) {
        self.visit_body(body);
        while let Some((function, scope)) = self.deferred.pop_front() {
            self.semantic.current = scope;
            self.bind_parameters(&function.parameters);
            self.visit_body(&function.body);
        }
        self.semantic.current = 0;
        self.finish();
    }

    /// Settles the rules that needed the whole file.
    fn finish(&mut self) {
        asy002_orphan_task::finish(self);
        asy004_thread_lock::finish(self);
        mem003_resource_without_cleanup::finish(self);
        di002_mutated_module_container::finish(self);
        qlt002_print::finish(self);
        qlt003_complex_undocumented::finish(self);
        tst002_async_tests_unrun::finish(self);
    }

    fn bind_parameters(&mut self, parameters: &ast::Parameters) {
        for param in parameters.iter() {
            let param = param.as_parameter();
            let annotation = param.annotation().and_then(|a| self.semantic.resolve(a));
            self.semantic.bind(
                param.name.as_str(),
                BindingKind::Parameter(annotation),
                param.name.range,
            );
        }
    }

    /// What the value of an assignment is known to be.
    fn origin(&self, value: &Expr) -> Origin {
        match value {
            Expr::List(_)
            | Expr::Dict(_)
            | Expr::Set(_)
            | Expr::ListComp(_)
            | Expr::DictComp(_)
            | Expr::SetComp(_) => Origin::MutableContainer,
            Expr::Call(call) => match self.semantic.resolve(&call.func) {
                Some(q) if di002_mutated_module_container::is_container_constructor(&q) => {
                    Origin::MutableContainer
                }
                Some(q) => Origin::Call(q),
                None => Origin::Unknown,
            },
            _ => Origin::Unknown,
        }
    }

    fn bind_target(&mut self, target: &'a Expr, origin: Origin) {
        match target {
            Expr::Name(name) => {
                self.semantic.bind(
                    name.id.as_str(),
                    BindingKind::Assignment(origin),
                    name.range,
                );
            }
            Expr::Attribute(_) => {
                if let Some((class, attr)) = self.semantic.self_attribute(target) {
                    let attr = attr.to_string();
                    let range = target.range();
                    self.semantic
                        .scope_mut(class)
                        .self_attrs
                        .insert(attr.clone(), (origin.clone(), range));
                    if let Origin::Call(constructor) = &origin {
                        mem003_resource_without_cleanup::on_self_assignment(
                            self,
                            class,
                            attr,
                            constructor.clone(),
                        );
                    }
                }
                self.visit_expr(target);
            }
            _ => self.visit_expr(target),
        }
    }

    fn visit_function_def(&mut self, function: &'a ast::StmtFunctionDef) {
        for decorator in &function.decorator_list {
            self.visit_decorator(decorator);
            if self.enabled(mem004_unbounded_cache::META.code) {
                mem004_unbounded_cache::check_decorator(self, decorator);
            }
        }
        if let Some(type_params) = &function.type_params {
            self.visit_type_params(type_params);
        }
        self.visit_parameters(&function.parameters);
        if let Some(returns) = &function.returns {
            self.visit_annotation(returns);
        }
        let enclosing = self.semantic.current;
        self.semantic.bind(
            function.name.as_str(),
            BindingKind::Other,
            function.name.range,
        );
        tst002_async_tests_unrun::on_function(self, function);
        if let Some(&class) = self.class_by_scope.get(&enclosing) {
            mem003_resource_without_cleanup::on_method(self, class, function.name.as_str());
        }

        let scope = self.semantic.push_scope(ScopeKind::Function {
            is_async: function.is_async,
        });
        if self.semantic.scope(enclosing).kind == ScopeKind::Class {
            if let Some(first) = function.parameters.iter_non_variadic_params().next() {
                self.semantic.scope_mut(scope).method_of =
                    Some((enclosing, first.name().to_string()));
            }
        }
        self.semantic.current = enclosing;
        let has_docstring = matches!(
            function.body.first(),
            Some(Stmt::Expr(ast::StmtExpr { value, .. })) if value.is_string_literal_expr()
        );
        // The body starts after the `def` line, so a comment on that line
        // (often a pragma or a marker) does not count as documentation.
        let header_end = function.parameters.range.end().to_usize();
        let body_start = self.source[header_end..]
            .find('\n')
            .map_or(function.range.end(), |i| {
                ruff_text_size::TextSize::new((header_end + i) as u32)
            })
            .min(function.range.end());
        self.function_by_scope.insert(scope, self.functions.len());
        self.functions.push(FunctionRecord {
            scope,
            name_range: function.name.range,
            body_range: TextRange::new(body_start, function.range.end()),
            has_docstring,
            complexity: 1,
            is_init: function.name.as_str() == "__init__",
        });
        self.deferred.push_back((function, scope));
    }

    fn visit_class_def(&mut self, class: &'a ast::StmtClassDef) {
        for decorator in &class.decorator_list {
            self.visit_decorator(decorator);
        }
        if let Some(type_params) = &class.type_params {
            self.visit_type_params(type_params);
        }
        let mut bases = Some(Vec::new());
        let mut runs_async_tests = class
            .decorator_list
            .iter()
            .any(|d| tst002_async_tests_unrun::is_async_marker(self, &d.expression));
        if let Some(arguments) = &class.arguments {
            self.visit_arguments(arguments);
            for base in arguments.args.iter() {
                if tst002_async_tests_unrun::is_async_test_case(self, base) {
                    runs_async_tests = true;
                }
                let local = match base {
                    Expr::Name(name) => self
                        .semantic
                        .lookup(name.id.as_str())
                        .and_then(|b| self.class_by_binding.get(&b).copied()),
                    _ => None,
                };
                match (local, bases.as_mut()) {
                    (Some(index), Some(list)) => list.push(index),
                    (None, _) if self.semantic.resolves_to(base, &["builtins.object"]) => {}
                    _ => bases = None,
                }
                if runs_async_tests {
                    continue;
                }
                if let Some(index) = local {
                    runs_async_tests |= self.classes[index].runs_async_tests;
                }
            }
        }
        let binding = self
            .semantic
            .bind(class.name.as_str(), BindingKind::Other, class.name.range);
        let enclosing = self.semantic.current;
        let scope = self.semantic.push_scope(ScopeKind::Class);
        let index = self.classes.len();
        self.classes.push(ClassInfo {
            name_range: class.name.range,
            bases,
            defines_cleanup: false,
            registers_finalizer: false,
            init_resources: Vec::new(),
            runs_async_tests,
        });
        self.class_by_scope.insert(scope, index);
        self.class_by_binding.insert(binding, index);
        self.visit_body(&class.body);
        self.semantic.current = enclosing;
    }

    fn add_complexity(&mut self, amount: u32) {
        if let Some(function) = self.semantic.enclosing_function() {
            if let Some(&index) = self.function_by_scope.get(&function) {
                self.functions[index].complexity += amount;
            }
        }
    }

    fn visit_import(&mut self, import: &'a ast::StmtImport) {
        for alias in &import.names {
            let module = alias.name.as_str();
            if self.enabled(trc001_torch_import::META.code) {
                trc001_torch_import::check_import(self, module, alias.range);
            }
            tst001_no_tracemalloc::on_import(self, module);
            match &alias.asname {
                Some(asname) => {
                    self.semantic.bind(
                        asname.as_str(),
                        BindingKind::Import(module.to_string()),
                        alias.range,
                    );
                }
                None => {
                    let top = module.split('.').next().unwrap_or(module);
                    self.semantic
                        .bind(top, BindingKind::Import(top.to_string()), alias.range);
                }
            }
        }
    }

    fn visit_import_from(&mut self, import: &'a ast::StmtImportFrom) {
        let module = import.module.as_ref().map(|m| m.as_str());
        for alias in &import.names {
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            let kind = match (import.level, module) {
                (0, Some(module)) => BindingKind::FromImport(format!("{module}.{}", alias.name)),
                _ => BindingKind::Other,
            };
            if bound.as_str() != "*" {
                self.semantic.bind(bound.as_str(), kind, alias.range);
            }
        }
        if import.level != 0 {
            return;
        }
        let Some(module) = module else { return };
        tst001_no_tracemalloc::on_import(self, module);
        if self.enabled(trc001_torch_import::META.code) {
            trc001_torch_import::check_import_from(self, import, module);
        }
    }
}

impl<'a> Visitor<'a> for Checker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(function) => return self.visit_function_def(function),
            Stmt::ClassDef(class) => return self.visit_class_def(class),
            Stmt::Import(import) => return self.visit_import(import),
            Stmt::ImportFrom(import) => return self.visit_import_from(import),
            Stmt::Global(global) => {
                for name in &global.names {
                    self.semantic.declare_global(name.as_str());
                }
                if self.enabled(di001_global_statement::META.code) {
                    di001_global_statement::check(self, global);
                }
                return;
            }
            Stmt::Assign(assign) => {
                self.visit_expr(&assign.value);
                let origin = self.origin(&assign.value);
                for target in &assign.targets {
                    self.bind_target(target, origin.clone());
                }
                tst002_async_tests_unrun::on_assign(self, assign);
                return;
            }
            Stmt::AnnAssign(assign) => {
                self.visit_annotation(&assign.annotation);
                let origin = match &assign.value {
                    Some(value) => {
                        self.visit_expr(value);
                        self.origin(value)
                    }
                    None => Origin::Unknown,
                };
                if assign.value.is_some() || !matches!(assign.target.as_ref(), Expr::Name(_)) {
                    self.bind_target(&assign.target, origin);
                }
                return;
            }
            Stmt::AugAssign(assign) => {
                // A rebinding of a name keeps what is known of its value.
                self.visit_expr(&assign.value);
                if !matches!(assign.target.as_ref(), Expr::Name(_)) {
                    self.visit_expr(&assign.target);
                }
                return;
            }
            Stmt::If(if_stmt) => {
                self.add_complexity(
                    1 + if_stmt
                        .elif_else_clauses
                        .iter()
                        .filter(|c| c.test.is_some())
                        .count() as u32,
                );
                if self.semantic.current == 0 && qlt002_print::is_main_guard(&if_stmt.test) {
                    self.has_main_guard = true;
                }
            }
            Stmt::For(_) | Stmt::While(_) => self.add_complexity(1),
            Stmt::Try(try_stmt) => {
                self.add_complexity(
                    try_stmt.handlers.len() as u32 + u32::from(!try_stmt.orelse.is_empty()),
                );
            }
            Stmt::Match(match_stmt) => {
                let irrefutable_last = match_stmt
                    .cases
                    .last()
                    .is_some_and(|case| case.pattern.is_irrefutable() && case.guard.is_none());
                self.add_complexity(match_stmt.cases.len() as u32 - u32::from(irrefutable_last));
            }
            Stmt::With(with) if self.enabled(asy004_thread_lock::META.code) && !with.is_async => {
                for item in &with.items {
                    asy004_thread_lock::check_lock_use(
                        self,
                        &item.context_expr,
                        item.context_expr.range(),
                    );
                }
            }
            Stmt::Raise(_) => {
                let function = self.semantic.enclosing_function();
                for handler in self.handlers.iter_mut().filter(|h| h.function == function) {
                    handler.reraised = true;
                }
            }
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(inner) = handler;
        if let Some(name) = &inner.name {
            self.semantic
                .bind(name.as_str(), BindingKind::Other, name.range);
        }
        self.handlers.push(OpenHandler {
            function: self.semantic.enclosing_function(),
            reraised: false,
        });
        visitor::walk_except_handler(self, handler);
        let open = self.handlers.pop().expect("handler pushed above");
        if self.enabled(qlt001_swallowed_error::META.code) {
            qlt001_swallowed_error::check(self, inner, open.reraised);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Call(call) => {
                let qualified = self.semantic.resolve(&call.func);
                let q = qualified.as_deref();
                let s = self.settings.enabled;
                if s.contains(asy001_gather::META.code) {
                    asy001_gather::check_call(self, call, q);
                }
                if s.contains(asy002_orphan_task::META.code) {
                    asy002_orphan_task::check_call(self, call, q);
                }
                if s.contains(asy003_wait::META.code) {
                    asy003_wait::check_call(self, call, q);
                }
                if s.contains(asy004_thread_lock::META.code) {
                    asy004_thread_lock::check_call(self, call, q);
                }
                if s.contains(asy005_not_anyio::META.code) {
                    asy005_not_anyio::check_call(self, call, q);
                }
                if s.contains(mem001_unbounded_deque::META.code) {
                    mem001_unbounded_deque::check_call(self, call, q);
                }
                if s.contains(mem002_unbounded_queue::META.code) {
                    mem002_unbounded_queue::check_call(self, call, q);
                }
                if s.contains(trc001_torch_import::META.code) {
                    trc001_torch_import::check_call(self, call, q);
                }
                if s.contains(trc002_torch_dependency::META.code) && self.file.is_setup_py {
                    trc002_torch_dependency::check_setup_call(self, call, q);
                }
                if s.contains(qlt002_print::META.code) {
                    qlt002_print::check_call(self, call, q);
                }
                mem003_resource_without_cleanup::on_call(self, q);
                di002_mutated_module_container::on_call(self, call);
                tst002_async_tests_unrun::on_reference(self, &call.func);
            }
            Expr::Subscript(sub) if matches!(sub.ctx, ExprContext::Store | ExprContext::Del) => {
                di002_mutated_module_container::on_item_write(self, sub);
            }
            Expr::Attribute(_) => tst002_async_tests_unrun::on_reference(self, expr),
            Expr::Name(name) if name.ctx == ExprContext::Store => {
                self.semantic.bind(
                    name.id.as_str(),
                    BindingKind::Assignment(Origin::Unknown),
                    name.range,
                );
                return;
            }
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameters(parameters);
                }
                let enclosing = self.semantic.current;
                self.semantic.push_scope(ScopeKind::Lambda);
                if let Some(parameters) = &lambda.parameters {
                    self.bind_parameters(parameters);
                }
                self.visit_expr(&lambda.body);
                self.semantic.current = enclosing;
                return;
            }
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                let enclosing = self.semantic.current;
                self.semantic.push_scope(ScopeKind::Comprehension);
                visitor::walk_expr(self, expr);
                self.semantic.current = enclosing;
                return;
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}
