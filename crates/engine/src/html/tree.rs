//! A lightweight tree builder: HTML's implied end tags for the common cases
//! (`p`, `li`, `dt`/`dd`, `option`, table rows and cells, nested `a` and
//! `button`, void elements), tolerant of stray end tags and unclosed
//! elements, with a nesting cap. Nodes are stored in document (pre-)order,
//! so a node's descendants are the contiguous range after it and a parent
//! always comes before its children: every walk is a loop, none recurses.
//!
//! Beyond [`MAX_DEPTH`] open elements, further elements are flattened into
//! the deepest one (as browsers do), so deep input costs linear time.

use super::tokenizer::{keyword, Attr, StartTag, Token, Tokenizer};
use std::borrow::Cow;

pub(crate) type NodeId = u32;
/// No node (the document's parent, an absent link).
pub(crate) const NONE: NodeId = u32::MAX;
/// Open elements beyond this depth are flattened.
pub(crate) const MAX_DEPTH: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Html,
    Svg,
    Math,
}

#[derive(Debug)]
pub(crate) struct Element<'a> {
    pub name: Cow<'a, str>,
    pub ns: Ns,
    pub attrs: Vec<Attr<'a>>,
    /// Offsets of the start tag: its `<` and just past its `>`.
    pub start: u32,
    pub end: u32,
    /// Template syntax outside attribute values in the start tag.
    pub template: bool,
    /// The template branch it sits in (index into `Document::branches`).
    pub branch: u32,
    /// Inside a `<template>`: not part of the rendered document.
    pub inert: bool,
}

impl Element<'_> {
    pub fn attr(&self, name: &str) -> Option<&Attr<'_>> {
        self.attrs.iter().find(|a| a.name == name)
    }

    pub fn has_attr(&self, name: &str) -> bool {
        self.attr(name).is_some()
    }

    /// The attribute's value, `""` for a bare attribute.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.attr(name).map(|a| a.value())
    }

    pub fn is(&self, name: &str) -> bool {
        self.ns == Ns::Html && self.name == name
    }
}

#[derive(Debug)]
pub(crate) enum NodeData<'a> {
    Document,
    Element(Element<'a>),
    /// Raw character data; `template` when it holds `{{ … }}`.
    Text {
        start: u32,
        end: u32,
        template: bool,
    },
}

#[derive(Debug)]
pub(crate) struct Node<'a> {
    pub parent: NodeId,
    /// One past the last descendant.
    pub subtree_end: NodeId,
    pub data: NodeData<'a>,
}

/// One arm of a template conditional: `{% if %}` … `{% else %}` … `{% endif %}`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Branch {
    pub parent: u32,
    pub block: u32,
    pub arm: u32,
}

pub(crate) struct Document<'a> {
    pub source: &'a str,
    pub nodes: Vec<Node<'a>>,
    /// The first `<html>` element: the file is a full document.
    pub html: Option<NodeId>,
    /// `<!-- … -->` comments: (start, end, body).
    pub comments: Vec<(u32, u32, &'a str)>,
    /// Branch 0 is "not inside any template conditional".
    pub branches: Vec<Branch>,
    /// Offset of the first element nested beyond `MAX_DEPTH`.
    pub too_deep: Option<u32>,
}

impl<'a> Document<'a> {
    pub fn element(&self, id: NodeId) -> Option<&Element<'a>> {
        match &self.nodes.get(id as usize)?.data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn parent(&self, id: NodeId) -> NodeId {
        self.nodes[id as usize].parent
    }

    pub fn children(&self, id: NodeId) -> Children<'_, 'a> {
        Children {
            doc: self,
            next: id + 1,
            end: self.nodes[id as usize].subtree_end,
        }
    }

    /// Element ids in document order.
    pub fn elements(&self) -> impl Iterator<Item = (NodeId, &Element<'a>)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match &n.data {
                NodeData::Element(e) => Some((i as NodeId, e)),
                _ => None,
            })
    }

    /// Ancestors of `id`, nearest first (elements only).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = (NodeId, &Element<'a>)> + '_ {
        let mut at = self.parent(id);
        std::iter::from_fn(move || {
            while at != NONE {
                let here = at;
                at = self.parent(here);
                if let Some(e) = self.element(here) {
                    return Some((here, e));
                }
            }
            None
        })
    }

    pub fn text(&self, start: u32, end: u32) -> &'a str {
        &self.source[start as usize..end as usize]
    }

    /// Whether two branches can never both render (different arms of one
    /// `{% if %}`/`{% for %}…{% empty %}` block).
    pub fn exclusive(&self, a: u32, b: u32) -> bool {
        let mut arms = Vec::new();
        let mut at = a;
        while at != 0 {
            let branch = self.branches[at as usize];
            arms.push((branch.block, branch.arm));
            at = branch.parent;
        }
        let mut at = b;
        while at != 0 {
            let branch = self.branches[at as usize];
            if arms
                .iter()
                .any(|&(block, arm)| block == branch.block && arm != branch.arm)
            {
                return true;
            }
            at = branch.parent;
        }
        false
    }
}

pub(crate) struct Children<'d, 'a> {
    doc: &'d Document<'a>,
    next: NodeId,
    end: NodeId,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.doc.nodes[id as usize].subtree_end;
        Some(id)
    }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Start tags that close an open `p`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
/// Elements that stop a search for an open element ("special" in HTML).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "li",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];
const SCOPE_BOUNDARY: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];
/// HTML start tags that end foreign (SVG/MathML) content.
const BREAKS_FOREIGN: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];
/// Raw text (`script`, …) and escapable raw text (`title`, `textarea`).
const RAW_TEXT: &[(&str, bool)] = &[
    ("script", false),
    ("style", false),
    ("xmp", false),
    ("iframe", false),
    ("noembed", false),
    ("noframes", false),
    ("noscript", false),
    ("title", true),
    ("textarea", true),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Default,
    Button,
    ListItem,
    Table,
}

struct Builder<'a> {
    doc: Document<'a>,
    open: Vec<NodeId>,
    /// Open template blocks: (block id, current branch index).
    blocks: Vec<(u32, u32)>,
    next_block: u32,
    branch: u32,
}

pub(crate) fn build(source: &str) -> Document<'_> {
    let mut builder = Builder {
        doc: Document {
            source,
            nodes: vec![Node {
                parent: NONE,
                subtree_end: 1,
                data: NodeData::Document,
            }],
            html: None,
            comments: Vec::new(),
            branches: vec![Branch {
                parent: 0,
                block: u32::MAX,
                arm: 0,
            }],
            too_deep: None,
        },
        open: Vec::new(),
        blocks: Vec::new(),
        next_block: 0,
        branch: 0,
    };
    let mut tokenizer = Tokenizer::new(source);
    while let Some(token) = tokenizer.next_token() {
        match token {
            Token::StartTag(tag) => {
                if let Some(raw) = builder.start_tag(tag) {
                    tokenizer.enter_raw_text(raw.0, raw.1);
                }
            }
            Token::EndTag { name } => builder.end_tag(&name),
            Token::Text {
                start,
                end,
                template,
            } if end > start => {
                builder.append(NodeData::Text {
                    start,
                    end,
                    template,
                });
            }
            Token::Text { .. } => {}
            Token::Comment { start, end, body } => builder.doc.comments.push((start, end, body)),
            Token::Template {
                statement,
                start,
                end,
            } => builder.template(statement, start, end),
        }
    }
    let mut doc = builder.doc;
    // Subtree ends, children before parents (ids grow in document order).
    for i in (1..doc.nodes.len()).rev() {
        let end = doc.nodes[i].subtree_end.max(i as NodeId + 1);
        doc.nodes[i].subtree_end = end;
        let parent = doc.nodes[i].parent as usize;
        doc.nodes[parent].subtree_end = doc.nodes[parent].subtree_end.max(end);
    }
    doc
}

impl<'a> Builder<'a> {
    fn current(&self) -> NodeId {
        self.open.last().copied().unwrap_or(0)
    }

    fn element(&self, id: NodeId) -> Option<&Element<'a>> {
        self.doc.element(id)
    }

    fn append(&mut self, data: NodeData<'a>) -> NodeId {
        let id = self.doc.nodes.len() as NodeId;
        self.doc.nodes.push(Node {
            parent: self.current(),
            subtree_end: 0,
            data,
        });
        id
    }

    /// Whether an open HTML element named `name` is in the given scope.
    fn in_scope(&self, names: &[&str], scope: Scope) -> Option<usize> {
        for (depth, &id) in self.open.iter().enumerate().rev() {
            let Some(e) = self.element(id) else { continue };
            if e.ns == Ns::Html && names.contains(&e.name.as_ref()) {
                return Some(depth);
            }
            let boundary = match e.ns {
                Ns::Html => {
                    let name = e.name.as_ref();
                    match scope {
                        Scope::Table => matches!(name, "html" | "table" | "template"),
                        _ => {
                            SCOPE_BOUNDARY.contains(&name)
                                || (scope == Scope::Button && name == "button")
                                || (scope == Scope::ListItem && matches!(name, "ol" | "ul"))
                        }
                    }
                }
                _ => is_integration_point(e),
            };
            if boundary {
                return None;
            }
        }
        None
    }

    fn close_through(&mut self, names: &[&str], scope: Scope) {
        if let Some(depth) = self.in_scope(names, scope) {
            self.open.truncate(depth);
        }
    }

    fn current_is(&self, names: &[&str]) -> bool {
        self.element(self.current())
            .is_some_and(|e| e.ns == Ns::Html && names.contains(&e.name.as_ref()))
    }

    /// Handles a start tag; returns the raw-text mode its content needs.
    fn start_tag(&mut self, tag: StartTag<'a>) -> Option<(&'static str, bool)> {
        let name = tag.name.as_ref();
        // HTML content inside SVG/MathML ends it.
        let in_foreign = self
            .element(self.current())
            .is_some_and(|e| e.ns != Ns::Html);
        if in_foreign && BREAKS_FOREIGN.contains(&name) {
            while let Some(e) = self.element(self.current()) {
                if e.ns == Ns::Html || is_integration_point(e) {
                    break;
                }
                self.open.pop();
            }
        }
        let ns = match self.element(self.current()) {
            Some(p) if p.ns != Ns::Html && !is_integration_point(p) => p.ns,
            _ => match name {
                "svg" => Ns::Svg,
                "math" => Ns::Math,
                _ => Ns::Html,
            },
        };
        if ns == Ns::Html {
            if matches!(name, "html" | "body" | "head") && self.merge_into_open(&tag) {
                return None;
            }
            self.implied_end_tags(name);
        }
        let inert = self
            .element(self.current())
            .is_some_and(|p| p.inert || p.is("template"));
        let is_html_root = ns == Ns::Html && name == "html";
        let void = if ns == Ns::Html {
            VOID.contains(&name)
        } else {
            tag.self_closing
        };
        let raw = (ns == Ns::Html)
            .then(|| RAW_TEXT.iter().find(|(n, _)| *n == name).copied())
            .flatten();
        let start = tag.start;
        let id = self.append(NodeData::Element(Element {
            name: tag.name,
            ns,
            attrs: tag.attrs,
            start: tag.start,
            end: tag.end,
            template: tag.template,
            branch: self.branch,
            inert,
        }));
        if is_html_root && self.doc.html.is_none() {
            self.doc.html = Some(id);
        }
        if void {
            return None;
        }
        if self.open.len() >= MAX_DEPTH {
            // Flattened: its content goes to the deepest open element.
            self.doc.too_deep.get_or_insert(start);
            return None;
        }
        self.open.push(id);
        raw
    }

    /// A second `<html>`/`<body>`/`<head>` adds its missing attributes to the
    /// open one instead of nesting.
    fn merge_into_open(&mut self, tag: &StartTag<'a>) -> bool {
        let name = tag.name.as_ref();
        let Some(&id) = self
            .open
            .iter()
            .find(|&&id| self.element(id).is_some_and(|e| e.is(name)))
        else {
            return false;
        };
        if let NodeData::Element(e) = &mut self.doc.nodes[id as usize].data {
            for attr in &tag.attrs {
                if !e.attrs.iter().any(|a| a.name == attr.name) {
                    e.attrs.push(attr.clone());
                }
            }
        }
        true
    }

    fn implied_end_tags(&mut self, name: &str) {
        match name {
            "li" => self.close_through(&["li"], Scope::ListItem),
            "dd" | "dt" => self.close_through(&["dd", "dt"], Scope::Default),
            "option" if self.current_is(&["option"]) => {
                self.open.pop();
            }
            "optgroup" => {
                if self.current_is(&["option"]) {
                    self.open.pop();
                }
                if self.current_is(&["optgroup"]) {
                    self.open.pop();
                }
            }
            "tr" => self.close_through(&["tr"], Scope::Table),
            "td" | "th" => self.close_through(&["td", "th"], Scope::Table),
            "tbody" | "thead" | "tfoot" => {
                self.close_through(&["tbody", "thead", "tfoot"], Scope::Table)
            }
            "a" => self.close_through(&["a"], Scope::Default),
            "button" => self.close_through(&["button"], Scope::Default),
            "select" => self.close_through(&["select"], Scope::Default),
            _ => {}
        }
        if CLOSES_P.contains(&name) {
            self.close_through(&["p"], Scope::Button);
        }
        if HEADINGS.contains(&name) && self.current_is(HEADINGS) {
            self.open.pop();
        }
    }

    fn end_tag(&mut self, name: &str) {
        // Foreign elements close by name, as long as no HTML element intervenes.
        for depth in (0..self.open.len()).rev() {
            let Some(e) = self.element(self.open[depth]) else {
                continue;
            };
            if e.ns == Ns::Html {
                break;
            }
            if e.name.eq_ignore_ascii_case(name) {
                self.open.truncate(depth);
                return;
            }
        }
        match name {
            "html" | "body" | "br" => {}
            "p" => self.close_through(&["p"], Scope::Button),
            "li" => self.close_through(&["li"], Scope::ListItem),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.close_through(HEADINGS, Scope::Default),
            "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" | "table" => {
                self.close_through(&[name], Scope::Table)
            }
            _ if SPECIAL.contains(&name) || name == "head" => {
                self.close_through(&[name], Scope::Default)
            }
            _ => {
                // Any other end tag closes the nearest open element of that
                // name, unless a special element sits above it.
                for depth in (0..self.open.len()).rev() {
                    let Some(e) = self.element(self.open[depth]) else {
                        continue;
                    };
                    if e.ns == Ns::Html && e.name == name {
                        self.open.truncate(depth);
                        return;
                    }
                    if e.ns == Ns::Html && SPECIAL.contains(&e.name.as_ref()) {
                        return;
                    }
                }
            }
        }
    }

    /// `{% if %}`, `{% elif %}`, `{% else %}`, `{% endif %}` (and `for`/`empty`):
    /// the arms of a block are exclusive. A tag that renders output
    /// (`{% trans "Save" %}`, `{% include %}`, `{% url %}`) becomes template
    /// text where it stands, so it names the element around it.
    fn template(&mut self, statement: &str, start: u32, end: u32) {
        let keyword = keyword(statement);
        if renders_output(statement) {
            self.append(NodeData::Text {
                start,
                end,
                template: true,
            });
            return;
        }
        match keyword {
            "if" | "for" | "ifequal" | "ifnotequal" | "ifchanged" => {
                let block = self.next_block;
                self.next_block += 1;
                let parent = self.branch;
                self.branch = self.new_branch(parent, block, 0);
                self.blocks.push((block, self.branch));
            }
            "elif" | "else" | "empty" => {
                if let Some(&(block, current)) = self.blocks.last() {
                    let Branch { parent, arm, .. } = self.doc.branches[current as usize];
                    self.branch = self.new_branch(parent, block, arm + 1);
                    if let Some(top) = self.blocks.last_mut() {
                        top.1 = self.branch;
                    }
                }
            }
            "endif" | "endfor" | "endifequal" | "endifnotequal" | "endifchanged" => {
                if let Some((_, current)) = self.blocks.pop() {
                    self.branch = self.doc.branches[current as usize].parent;
                }
            }
            _ => {}
        }
    }

    fn new_branch(&mut self, parent: u32, block: u32, arm: u32) -> u32 {
        self.doc.branches.push(Branch { parent, block, arm });
        self.doc.branches.len() as u32 - 1
    }
}

/// Django and Jinja tags that render nothing themselves: control flow,
/// inheritance, declarations and the closing halves of blocks.
/// `{% csrf_token %}` renders a hidden input, not text.
const SILENT_TAGS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "empty",
    "endfor",
    "ifequal",
    "endifequal",
    "ifnotequal",
    "endifnotequal",
    "ifchanged",
    "endifchanged",
    "block",
    "endblock",
    "extends",
    "load",
    "import",
    "from",
    "with",
    "endwith",
    "comment",
    "endcomment",
    "macro",
    "endmacro",
    "call",
    "endcall",
    "set",
    "endset",
    "do",
    "break",
    "continue",
    "filter",
    "endfilter",
    "autoescape",
    "endautoescape",
    "spaceless",
    "endspaceless",
    "verbatim",
    "endverbatim",
    "raw",
    "endraw",
    "regroup",
    "resetcycle",
    "csrf_token",
    "plural",
    "endtrans",
    "endblocktrans",
    "endblocktranslate",
    "partialdef",
    "endpartialdef",
];

/// Whether a `{% … %}` tag writes text into the page: any tag that is not
/// silent, unless it stores its result (`{% url "home" as home %}`,
/// `{% blocktrans asvar title %}`).
fn renders_output(statement: &str) -> bool {
    let words: Vec<&str> = statement.split_whitespace().collect();
    let stored = words.len() >= 3 && words[words.len() - 2] == "as" || words.contains(&"asvar");
    !words.is_empty() && !SILENT_TAGS.contains(&keyword(statement)) && !stored
}

/// Where HTML content may appear inside SVG or MathML.
fn is_integration_point(e: &Element) -> bool {
    match e.ns {
        Ns::Svg => matches!(e.name.as_ref(), "foreignobject" | "desc" | "title"),
        Ns::Math => matches!(
            e.name.as_ref(),
            "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml"
        ),
        Ns::Html => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested names, for assertions.
    fn outline(doc: &Document, id: NodeId) -> String {
        doc.children(id)
            .map(|child| match &doc.nodes[child as usize].data {
                NodeData::Element(e) => {
                    let inner = outline(doc, child);
                    if inner.is_empty() {
                        e.name.to_string()
                    } else {
                        format!("{}({inner})", e.name)
                    }
                }
                NodeData::Text { start, end, .. } => {
                    format!("'{}'", doc.text(*start, *end).trim())
                }
                NodeData::Document => String::new(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn implied_end_tags() {
        let doc =
            build("<ul><li>a<li>b</ul><p>x<div>y</div><table><tr><td>1<td>2<tr><td>3</table>");
        assert_eq!(
            outline(&doc, 0),
            "ul(li('a') li('b')) p('x') div('y') table(tr(td('1') td('2')) tr(td('3')))"
        );
        let doc = build("<select><option>a<option>b</select><img src=x><br>z");
        assert_eq!(
            outline(&doc, 0),
            "select(option('a') option('b')) img br 'z'"
        );
    }

    #[test]
    fn stray_and_unclosed_tags() {
        let doc = build("</div><span>a</div>b</span><div><p>c");
        assert_eq!(outline(&doc, 0), "span('a' 'b') div(p('c'))");
        let doc = build("<a href=1>one<a href=2>two");
        assert_eq!(outline(&doc, 0), "a('one') a('two')");
    }

    #[test]
    fn svg_is_foreign_and_title_there_is_not_raw_text() {
        let doc = build("<svg><title>Chart <b>x</b></title><rect/></svg><p>after");
        assert_eq!(
            outline(&doc, 0),
            "svg(title('Chart' b('x')) rect) p('after')"
        );
        let svg = doc.elements().next().unwrap().1;
        assert_eq!(svg.ns, Ns::Svg);
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let text = "<div>".repeat(MAX_DEPTH + 10);
        let doc = build(&text);
        assert_eq!(doc.nodes.len(), MAX_DEPTH + 11);
        assert_eq!(doc.too_deep, Some(5 * MAX_DEPTH as u32));
        let deepest = doc.nodes.len() as NodeId - 1;
        assert_eq!(doc.ancestors(deepest).count(), MAX_DEPTH);
    }

    #[test]
    fn template_branches_are_exclusive() {
        let doc = build("{% if a %}<i id=x>{% else %}<b id=x>{% endif %}<u id=x>");
        let branches: Vec<u32> = doc.elements().map(|(_, e)| e.branch).collect();
        assert!(doc.exclusive(branches[0], branches[1]));
        assert!(!doc.exclusive(branches[0], branches[2]));
        assert!(!doc.exclusive(branches[1], branches[2]));
    }
}
