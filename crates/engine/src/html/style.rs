//! Computed style, as far as a page's own markup decides it: `<style>` rules
//! with simple selectors (type, class, id, `:root`, descendant and child
//! combinators), inline `style`, presentational attributes and the browser's
//! defaults, cascaded by origin, importance, specificity and order, then
//! inherited top-down. A rule that might apply but cannot be evaluated
//! (attribute selectors, structural pseudo-classes, sibling combinators,
//! `@media` queries that depend on the device) makes the properties it sets
//! unknown rather than guessed. Nested rules (CSS nesting) are unnested;
//! print-only sheets and blocks are ignored.

use super::css::{self, ColorValue, Declaration, FontSize, Prop, Rgba, Value, Visibility, PROPS};
use super::tree::{Document, Element, NodeData, NodeId, Ns, NONE};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combinator {
    Descendant,
    Child,
}

#[derive(Debug, Default)]
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
    /// `[name]` and `[name="value"]`.
    attributes: Vec<(String, Option<String>)>,
    root: bool,
}

#[derive(Debug)]
struct Selector {
    /// Left to right; the combinator joins a compound to the one before it.
    compounds: Vec<(Combinator, Compound)>,
    /// Every part can be evaluated; otherwise a match of the checkable parts
    /// means "might apply".
    exact: bool,
    specificity: (u16, u16, u16),
}

struct Rule {
    selector: Selector,
    declarations: std::rc::Rc<Vec<Declaration>>,
    order: u32,
    /// Inside `@media` and the like, or in a style sheet with template logic.
    conditional: bool,
}

/// Pseudo-classes of states a static page is not in; rules using them do
/// not apply to the default rendering that axe and Lighthouse check.
const STATE_PSEUDO: &[&str] = &[
    "hover",
    "focus",
    "active",
    "visited",
    "focus-visible",
    "focus-within",
    "target",
];

/// Parses one selector of a list; `None` when it can never match the
/// element's own text (pseudo-elements, hover/focus states).
fn parse_selector(text: &str) -> Option<Selector> {
    let mut compounds: Vec<(Combinator, Compound)> = Vec::new();
    let mut exact = true;
    let mut specificity = (0u16, 0u16, 0u16);
    let mut combinator = Combinator::Descendant;
    let mut current = Compound::default();
    let mut has_current = false;
    let chars: Vec<char> = text.trim().chars().collect();
    let mut i = 0;
    let ident = |i: &mut usize| {
        let start = *i;
        while *i < chars.len()
            && (chars[*i].is_alphanumeric() || matches!(chars[*i], '-' | '_' | '\\'))
        {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>()
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' | '>' | '+' | '~' => {
                let mut next = Combinator::Descendant;
                while i < chars.len()
                    && matches!(chars[i], ' ' | '\t' | '\n' | '\r' | '>' | '+' | '~')
                {
                    match chars[i] {
                        '>' => next = Combinator::Child,
                        '+' | '~' => exact = false,
                        _ => {}
                    }
                    i += 1;
                }
                if has_current {
                    compounds.push((combinator, std::mem::take(&mut current)));
                    has_current = false;
                }
                combinator = next;
            }
            '#' => {
                i += 1;
                current.id = Some(ident(&mut i));
                specificity.0 += 1;
                has_current = true;
            }
            '.' => {
                i += 1;
                current.classes.push(ident(&mut i));
                specificity.1 += 1;
                has_current = true;
            }
            '*' => {
                i += 1;
                has_current = true;
            }
            '[' => {
                let start = i + 1;
                while i < chars.len() && chars[i] != ']' {
                    i += 1;
                }
                let inside: String = chars[start.min(i)..i].iter().collect();
                i += 1;
                match attribute_selector(&inside) {
                    Some(attribute) => current.attributes.push(attribute),
                    None => exact = false,
                }
                specificity.1 += 1;
                has_current = true;
            }
            ':' => {
                i += 1;
                if chars.get(i) == Some(&':') {
                    return None;
                }
                let name = ident(&mut i).to_ascii_lowercase();
                if matches!(
                    name.as_str(),
                    "before"
                        | "after"
                        | "first-line"
                        | "first-letter"
                        | "placeholder"
                        | "selection"
                ) || STATE_PSEUDO.contains(&name.as_str())
                {
                    return None;
                }
                if chars.get(i) == Some(&'(') {
                    let mut depth = 0;
                    while i < chars.len() {
                        match chars[i] {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    i += 1;
                                    break;
                                }
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                }
                if name == "root" {
                    current.root = true;
                } else {
                    exact = false;
                }
                specificity.1 += 1;
                has_current = true;
            }
            _ if c.is_alphabetic() => {
                current.tag = Some(ident(&mut i).to_ascii_lowercase());
                specificity.2 += 1;
                has_current = true;
            }
            _ => return None,
        }
    }
    if has_current {
        compounds.push((combinator, current));
    }
    if compounds.is_empty() {
        return None;
    }
    // Long chains are cheap to get wrong and rare: treat as "might apply".
    if compounds.len() > 6 {
        exact = false;
    }
    Some(Selector {
        compounds,
        exact,
        specificity,
    })
}

/// `name` or `name="value"`; `None` for the other operators and flags.
fn attribute_selector(inside: &str) -> Option<(String, Option<String>)> {
    let (name, value) = match inside.split_once('=') {
        None => (inside, None),
        Some((name, value)) => {
            if name.ends_with(['~', '|', '^', '$', '*']) {
                return None;
            }
            let value = value.trim();
            let unquoted = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value);
            if unquoted.contains(char::is_whitespace) && unquoted.len() == value.len() {
                return None;
            }
            (name, Some(unquoted.to_string()))
        }
    };
    let name = name.trim().to_ascii_lowercase();
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_'))
    .then_some((name, value))
}

fn compound_matches(compound: &Compound, e: &Element, is_root: bool) -> bool {
    if compound.root && !is_root {
        return false;
    }
    if let Some(tag) = &compound.tag {
        if e.ns != Ns::Html || e.name != *tag {
            return false;
        }
    }
    if let Some(id) = &compound.id {
        if e.value("id") != Some(id.as_str()) {
            return false;
        }
    }
    for (name, value) in &compound.attributes {
        match (e.attr(name), value) {
            (None, _) => return false,
            (Some(a), Some(v)) if a.value() != v => return false,
            _ => {}
        }
    }
    if !compound.classes.is_empty() {
        let classes = e.value("class").unwrap_or("");
        if !compound
            .classes
            .iter()
            .all(|c| classes.split_ascii_whitespace().any(|have| have == c))
        {
            return false;
        }
    }
    true
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    No,
    Yes,
    Maybe,
}

/// Steps a selector may take over the ancestors before it counts as unknown.
const MATCH_BUDGET: u32 = 4096;

impl Selector {
    fn matches(&self, doc: &Document, id: NodeId, root: NodeId) -> Match {
        let Some(e) = doc.element(id) else {
            return Match::No;
        };
        let (_, subject) = self.compounds.last().expect("selectors are not empty");
        if !compound_matches(subject, e, id == root) {
            return Match::No;
        }
        if !self.exact {
            return Match::Maybe;
        }
        let mut budget = MATCH_BUDGET;
        match self.match_left(doc, self.compounds.len() - 1, id, root, &mut budget) {
            Some(true) => Match::Yes,
            Some(false) => Match::No,
            None => Match::Maybe,
        }
    }

    /// Whether compounds `..=index` match ending at `id` (whose compound
    /// `index` already matched); `None` when the budget runs out.
    fn match_left(
        &self,
        doc: &Document,
        index: usize,
        id: NodeId,
        root: NodeId,
        budget: &mut u32,
    ) -> Option<bool> {
        if index == 0 {
            return Some(true);
        }
        let (combinator, _) = self.compounds[index];
        let (_, left) = &self.compounds[index - 1];
        for (ancestor, e) in doc.ancestors(id) {
            *budget = budget.checked_sub(1)?;
            if compound_matches(left, e, ancestor == root)
                && self.match_left(doc, index - 1, ancestor, root, budget)?
            {
                return Some(true);
            }
            if combinator == Combinator::Child {
                break;
            }
        }
        Some(false)
    }
}

/// The author style sheets of one document.
pub(crate) struct Sheets {
    rules: Vec<Rule>,
    /// The page loads CSS the scanner cannot see (`<link rel=stylesheet>`,
    /// `@import`).
    pub external: bool,
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// The block starting after the `{` at `open`: (its text, offset after `}`).
fn block(css: &str, open: usize) -> (&str, usize) {
    let mut depth = 0;
    for (i, c) in css[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return (&css[open + 1..open + i], open + i + 1);
                }
            }
            _ => {}
        }
    }
    (&css[(open + 1).min(css.len())..], css.len())
}

/// Whether a media query list applies to the screen rendering that axe and
/// Lighthouse check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Media {
    /// Always on a screen (`all`, `screen`, or no query).
    Always,
    /// Only for other media (`print`, `speech`): never affects the check.
    Never,
    /// Depends on the device (`(min-width: …)`, `not print`, …).
    Maybe,
}

/// Reads a media query list (a `media` attribute or an `@media` prelude).
pub(crate) fn media(list: &str) -> Media {
    let list = list.trim().to_ascii_lowercase();
    if list.is_empty() {
        return Media::Always;
    }
    let mut result = Media::Never;
    for query in css::split_outside_parens(&list, ',') {
        let query = query.trim();
        let query = query.strip_prefix("only ").unwrap_or(query).trim();
        let fit = match query {
            "all" | "screen" => Media::Always,
            _ if query.starts_with("not ") => Media::Maybe,
            _ => {
                let media_type = query.split([' ', '(']).next().unwrap_or("");
                let other = [
                    "print",
                    "speech",
                    "aural",
                    "braille",
                    "embossed",
                    "handheld",
                    "projection",
                    "tty",
                    "tv",
                ];
                if other.contains(&media_type) {
                    Media::Never
                } else {
                    Media::Maybe
                }
            }
        };
        match fit {
            Media::Always => return Media::Always,
            Media::Maybe => result = Media::Maybe,
            Media::Never => {}
        }
    }
    result
}

/// Offset of the first `;`, `{` or `}` in `text` outside parentheses,
/// quotes and template syntax.
fn next_delimiter(text: &str) -> Option<(usize, u8)> {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut quote = None;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'(') => depth += 1,
            (None, b')') => depth -= 1,
            (None, b'{') if matches!(bytes.get(i + 1), Some(b'{' | b'%')) => {
                let closer = if bytes[i + 1] == b'{' { "}}" } else { "%}" };
                match text[i + 2..].find(closer) {
                    Some(end) => {
                        i += 2 + end + 2;
                        continue;
                    }
                    None => return None,
                }
            }
            (None, b';' | b'{' | b'}') if depth <= 0 => return Some((i, c)),
            _ => {}
        }
        i += 1;
    }
    None
}

/// `text` without `{% … %}` and `{# … #}` (a sheet with template logic is
/// conditional already; the tags must not hide the selector after them).
fn without_template_tags(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{%") && !text.contains("{#") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(['{']) {
        let closer = match rest.as_bytes().get(start + 1) {
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                out.push_str(&rest[..start + 1]);
                rest = &rest[start + 1..];
                continue;
            }
        };
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find(closer)
            .map_or("", |end| &rest[start + 2 + end + 2..]);
        out.push(' ');
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The selectors of a rule nested in rules with `parents` (CSS nesting):
/// `&` stands for each parent, and a selector without `&` is a descendant
/// (or `>`/`+`/`~` relative) of it.
fn nested_selectors(prelude: &str, parents: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for nested in css::split_outside_parens(prelude, ',') {
        let nested = nested.trim();
        for parent in parents {
            out.push(if nested.contains('&') {
                nested.replace('&', parent)
            } else {
                format!("{parent} {nested}")
            });
        }
    }
    out
}

impl Sheets {
    pub fn new() -> Sheets {
        Sheets {
            rules: Vec::new(),
            external: false,
        }
    }

    /// Adds a style sheet; `media` is its `media` attribute, if any.
    pub fn add(&mut self, css: &str, media: Option<&str>) {
        let fit = media.map_or(Media::Always, self::media);
        if fit == Media::Never {
            return;
        }
        let conditional = fit == Media::Maybe || css.contains("{%") || css.contains("{{");
        let css = strip_comments(css);
        self.add_rules(&css, &[], conditional);
    }

    /// Rules and at-rules of `css`; inside a rule's block (`parents` not
    /// empty) declarations and nested rules may mix.
    fn add_rules(&mut self, css: &str, parents: &[String], conditional: bool) {
        let mut at = 0;
        let mut pending = String::new();
        while at < css.len() {
            let rest = &css[at..];
            let trimmed = rest.trim_start();
            at += rest.len() - trimmed.len();
            if trimmed.is_empty() {
                break;
            }
            let Some((offset, delimiter)) = next_delimiter(trimmed) else {
                // A last declaration without `;`, or a rule without a block.
                if !parents.is_empty() {
                    pending.push_str(trimmed);
                }
                break;
            };
            match delimiter {
                b'{' => {
                    let prelude = without_template_tags(&trimmed[..offset]);
                    let prelude = prelude.trim();
                    let (body, after) = block(css, at + offset);
                    // Declarations before a nested rule come before it in
                    // the cascade, those after it after it.
                    self.flush(&mut pending, parents, conditional);
                    if let Some(at_rule) = prelude.strip_prefix('@') {
                        self.at_rule(at_rule, body, parents, conditional);
                    } else if parents.is_empty() {
                        let selectors: Vec<String> = css::split_outside_parens(prelude, ',')
                            .into_iter()
                            .map(|s| s.trim().to_string())
                            .collect();
                        self.add_rules(body, &selectors, conditional);
                    } else {
                        let selectors = nested_selectors(prelude, parents);
                        self.add_rules(body, &selectors, conditional);
                    }
                    at = after;
                }
                b';' => {
                    let statement = &trimmed[..offset];
                    if statement.trim_start().starts_with('@') {
                        if statement.to_ascii_lowercase().starts_with("@import") {
                            self.external = true;
                        }
                    } else if !parents.is_empty() {
                        pending.push_str(statement);
                        pending.push(';');
                    }
                    at += offset + 1;
                }
                _ => at += offset + 1, // a stray `}`
            }
        }
        self.flush(&mut pending, parents, conditional);
    }

    /// A block at-rule: conditional groups hold rules (or, nested in a rule,
    /// declarations) that may apply; others (`@font-face`, `@keyframes`,
    /// `@page`) style no element's text.
    fn at_rule(&mut self, at_rule: &str, body: &str, parents: &[String], conditional: bool) {
        let keyword = at_rule
            .split(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let fit = match keyword.as_str() {
            "media" => media(&at_rule[keyword.len()..]),
            "supports" | "container" | "layer" | "document" | "scope" | "starting-style" => {
                Media::Maybe
            }
            _ => Media::Never,
        };
        if fit != Media::Never {
            self.add_rules(body, parents, conditional || fit == Media::Maybe);
        }
    }

    /// Turns the declarations gathered for `selectors` into rules.
    fn flush(&mut self, pending: &mut String, selectors: &[String], conditional: bool) {
        if pending.trim().is_empty() || selectors.is_empty() {
            pending.clear();
            return;
        }
        let declarations = std::rc::Rc::new(css::parse_declarations(pending));
        pending.clear();
        if declarations.is_empty() {
            return;
        }
        for text in selectors {
            if let Some(selector) = parse_selector(text) {
                let order = self.rules.len() as u32 + 1;
                self.rules.push(Rule {
                    selector,
                    declarations: declarations.clone(),
                    order,
                    conditional,
                });
            }
        }
    }
}

/// What the contrast check and the semantics need of one node's style.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Computed {
    /// Text colour, possibly translucent; `None` when unknown.
    pub color: Option<Rgba>,
    /// The element's own background, not composited; `None` when unknown.
    own_background: Option<Rgba>,
    /// The opaque colour behind the element's text; `None` when unknown.
    pub background: Option<Rgba>,
    pub font_px: Option<f64>,
    pub weight: Option<u16>,
    /// Not rendered: `display: none` here or above, or an effective
    /// `visibility: hidden`.
    pub hidden: bool,
    /// `display: none` here or above: nothing in the subtree can show.
    pub display_none: bool,
    /// The inherited `visibility` is `hidden` (a descendant may set `visible`).
    invisible: bool,
    /// Opacity, filters, shadows, clipping or unknown display here or above.
    pub obscured: bool,
}

/// Cascade key: importance, origin (UA 0, hints 1, sheet 2, inline 3),
/// specificity, order.
type Key = (bool, u8, (u16, u16, u16), u32);

struct Cascade {
    winners: [Option<(Key, Value)>; PROPS],
    /// The browser's own values, for `revert`.
    user_agent: [Option<Value>; PROPS],
}

impl Cascade {
    fn offer(&mut self, key: Key, declaration: &Declaration, might_apply: bool) {
        let index = declaration.prop.index();
        let value = match declaration.value {
            _ if might_apply => unknown_value(declaration.prop),
            // `revert` rolls back to the browser's value; without one, an
            // inherited property (`color`) inherits and a background is
            // transparent.
            Value::Color(ColorValue::Revert) => {
                self.user_agent[index].unwrap_or(Value::Color(ColorValue::Inherit))
            }
            Value::Background(ColorValue::Revert) => {
                self.user_agent[index].unwrap_or(Value::Background(ColorValue::Initial))
            }
            value => value,
        };
        if key.1 == 0 {
            self.user_agent[index] = Some(value);
        }
        let slot = &mut self.winners[index];
        if slot.as_ref().is_none_or(|(best, _)| key >= *best) {
            *slot = Some((key, value));
        }
    }

    fn get(&self, prop: Prop) -> Option<Value> {
        self.winners[prop.index()].map(|(_, v)| v)
    }
}

fn unknown_value(prop: Prop) -> Value {
    match prop {
        Prop::Color => Value::Color(ColorValue::Unknown),
        Prop::Background => Value::Background(ColorValue::Unknown),
        Prop::BackgroundImage => Value::BackgroundImage(None),
        Prop::FontSize => Value::FontSize(FontSize::Unknown),
        Prop::FontWeight => Value::FontWeight(None),
        Prop::Display => Value::Hidden(None),
        Prop::Visibility => Value::Visibility(Visibility::Unknown),
        _ => Value::Obscured(true),
    }
}

/// The browser's defaults that matter here (Chromium's UA style sheet).
fn user_agent(e: &Element, parent: Option<&Element>) -> Vec<Declaration> {
    let mut out = Vec::new();
    let mut push = |prop, value| {
        out.push(Declaration {
            prop,
            value,
            important: false,
        })
    };
    if e.ns != Ns::Html {
        return out;
    }
    let name = e.name.as_ref();
    let color = |hex: &str| ColorValue::Color(css::parse_color(hex).unwrap_or(Rgba::BLACK));
    let heading = match name {
        "h1" => Some(2.0),
        "h2" => Some(1.5),
        "h3" => Some(1.17),
        "h4" => Some(1.0),
        "h5" => Some(0.83),
        "h6" => Some(0.67),
        _ => None,
    };
    if let Some(scale) = heading {
        push(Prop::FontSize, Value::FontSize(FontSize::Scale(scale)));
        push(Prop::FontWeight, Value::FontWeight(Some(700)));
    }
    match name {
        "b" | "strong" | "th" => push(Prop::FontWeight, Value::FontWeight(Some(700))),
        "small" | "sub" | "sup" => {
            push(Prop::FontSize, Value::FontSize(FontSize::Scale(1.0 / 1.2)))
        }
        "a" if e.has_attr("href") => push(Prop::Color, Value::Color(color("#0000ee"))),
        "mark" => {
            push(Prop::Color, Value::Color(color("#000")));
            push(Prop::Background, Value::Background(color("#ff0")));
        }
        "button" => {
            push(Prop::Color, Value::Color(color("#000")));
            push(Prop::Background, Value::Background(color("#efefef")));
        }
        "input" | "select" | "textarea" => {
            push(Prop::Color, Value::Color(color("#000")));
            push(Prop::Background, Value::Background(color("#fff")));
        }
        _ => {}
    }
    let never_rendered = matches!(
        name,
        "head"
            | "script"
            | "style"
            | "template"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "noscript"
            | "datalist"
    );
    let closed = (name == "dialog" && !e.has_attr("open"))
        || parent.is_some_and(|p| p.is("details") && !p.has_attr("open") && name != "summary");
    let hidden_input = name == "input"
        && e.value("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden"));
    if never_rendered || closed || hidden_input || e.has_attr("hidden") {
        push(Prop::Display, Value::Hidden(Some(true)));
    }
    out
}

/// Presentational attributes (`bgcolor`, `<font color>`, `<body text>`).
fn hints(e: &Element) -> Vec<Declaration> {
    let mut out = Vec::new();
    let mut colour = |attr: &str, background: bool| {
        if let Some(a) = e.attr(attr) {
            let value = if a.template {
                ColorValue::Unknown
            } else {
                css::parse_color(a.value()).map_or(ColorValue::Unknown, ColorValue::Color)
            };
            out.push(Declaration {
                prop: if background {
                    Prop::Background
                } else {
                    Prop::Color
                },
                value: if background {
                    Value::Background(value)
                } else {
                    Value::Color(value)
                },
                important: false,
            });
        }
    };
    if e.ns == Ns::Html {
        match e.name.as_ref() {
            "body" => {
                colour("bgcolor", true);
                colour("text", false);
            }
            "table" | "tr" | "td" | "th" => colour("bgcolor", true),
            "font" => colour("color", false),
            _ => {}
        }
    }
    out
}

/// Computes styles for every node of `doc`; `defaults_known` when the page
/// is a full document without external CSS (a white canvas, black text,
/// 16px type).
pub(crate) fn compute(doc: &Document, sheets: &Sheets, defaults_known: bool) -> Vec<Computed> {
    let root = doc.html.unwrap_or(NONE);
    // Rules by the subject's id, first class, or tag; the rest in `any`.
    let mut by_key: HashMap<&str, Vec<&Rule>> = HashMap::new();
    let mut any: Vec<&Rule> = Vec::new();
    for rule in &sheets.rules {
        let (_, subject) = rule.selector.compounds.last().expect("not empty");
        let key = subject
            .id
            .as_deref()
            .map(|id| ("#", id))
            .or_else(|| subject.classes.first().map(|c| (".", c.as_str())))
            .or_else(|| subject.tag.as_deref().map(|t| ("", t)));
        match key {
            Some((_, k)) => by_key.entry(k).or_default().push(rule),
            None => any.push(rule),
        }
    }
    let canvas = Computed {
        color: defaults_known.then_some(Rgba::BLACK),
        own_background: defaults_known.then_some(Rgba::WHITE),
        background: defaults_known.then_some(Rgba::WHITE),
        font_px: defaults_known.then_some(16.0),
        weight: defaults_known.then_some(400),
        hidden: false,
        display_none: false,
        invisible: false,
        obscured: false,
    };
    let mut computed: Vec<Computed> = Vec::with_capacity(doc.nodes.len());
    let mut root_font = canvas.font_px;
    let mut candidates: Vec<&Rule> = Vec::new();
    for (i, node) in doc.nodes.iter().enumerate() {
        let parent = if node.parent == NONE {
            canvas
        } else {
            computed[node.parent as usize]
        };
        let NodeData::Element(e) = &node.data else {
            computed.push(if node.parent == NONE { canvas } else { parent });
            continue;
        };
        let id = i as NodeId;
        let mut cascade = Cascade {
            winners: [None; PROPS],
            user_agent: [None; PROPS],
        };
        for d in user_agent(e, doc.element(node.parent)) {
            let keeps_default = matches!(d.prop, Prop::Display | Prop::Visibility);
            cascade.offer(
                (false, 0, (0, 0, 0), 0),
                &d,
                !defaults_known && !keeps_default,
            );
        }
        for d in hints(e) {
            cascade.offer((false, 1, (0, 0, 0), 0), &d, false);
        }
        candidates.clear();
        candidates.extend(any.iter().copied());
        for key in e
            .value("id")
            .into_iter()
            .chain(e.value("class").unwrap_or("").split_ascii_whitespace())
            .chain(std::iter::once(e.name.as_ref()))
        {
            if let Some(rules) = by_key.get(key) {
                candidates.extend(rules.iter().copied());
            }
        }
        candidates.sort_by_key(|r| r.order);
        candidates.dedup_by_key(|r| r.order);
        for rule in &candidates {
            let found = rule.selector.matches(doc, id, root);
            if found == Match::No {
                continue;
            }
            let might = found == Match::Maybe || rule.conditional;
            for d in rule.declarations.iter() {
                let key = (d.important, 2, rule.selector.specificity, rule.order);
                cascade.offer(key, d, might);
            }
        }
        if let Some(style) = e.attr("style") {
            for d in css::parse_declarations(style.value()) {
                cascade.offer((d.important, 3, (0, 0, 0), 0), &d, false);
            }
        }
        let style = resolve(&cascade, &parent, root_font, defaults_known);
        if id == root {
            root_font = style.font_px;
        }
        computed.push(style);
    }
    computed
}

/// Turns the cascade's winners into computed values, inheriting from `parent`.
fn resolve(
    cascade: &Cascade,
    parent: &Computed,
    root_font: Option<f64>,
    defaults_known: bool,
) -> Computed {
    let color = match cascade.get(Prop::Color) {
        Some(Value::Color(ColorValue::Color(c))) => Some(c),
        Some(Value::Color(ColorValue::Unknown)) => None,
        Some(Value::Color(ColorValue::Initial)) => defaults_known.then_some(Rgba::BLACK),
        _ => parent.color,
    };
    let own_background = match cascade.get(Prop::Background) {
        None | Some(Value::Background(ColorValue::Initial)) => Some(Rgba {
            a: 0.0,
            ..Rgba::BLACK
        }),
        Some(Value::Background(ColorValue::Color(c))) => Some(c),
        Some(Value::Background(ColorValue::Inherit)) => parent.own_background,
        Some(Value::Background(ColorValue::CurrentColor)) => color,
        _ => None,
    };
    let image = match cascade.get(Prop::BackgroundImage) {
        Some(Value::BackgroundImage(painted)) => painted.unwrap_or(true),
        _ => false,
    };
    let background = match own_background {
        _ if image => None,
        None => None,
        Some(own) if own.a >= 1.0 => Some(own),
        Some(own) if own.a <= 0.0 => parent.background,
        Some(own) => parent.background.map(|below| own.over(below)),
    };
    let font_px = match cascade.get(Prop::FontSize) {
        Some(Value::FontSize(FontSize::Px(px))) => Some(px),
        Some(Value::FontSize(FontSize::Scale(f))) => parent.font_px.map(|p| p * f),
        Some(Value::FontSize(FontSize::Rem(f))) => root_font.or(parent.font_px).map(|r| r * f),
        Some(Value::FontSize(FontSize::Unknown)) => None,
        _ => parent.font_px,
    };
    let weight = match cascade.get(Prop::FontWeight) {
        Some(Value::FontWeight(w)) => w,
        _ => parent.weight,
    };
    let mut obscured = parent.obscured;
    // `display: none` hides the whole subtree for good; `visibility`
    // inherits, and a descendant's `visibility: visible` shows it again.
    let display_none = parent.display_none
        || match cascade.get(Prop::Display) {
            Some(Value::Hidden(Some(true))) => true,
            Some(Value::Hidden(None)) => {
                obscured = true;
                false
            }
            _ => false,
        };
    let invisible = match cascade.get(Prop::Visibility) {
        Some(Value::Visibility(Visibility::Hidden)) => true,
        Some(Value::Visibility(Visibility::Visible)) => false,
        Some(Value::Visibility(Visibility::Unknown)) => {
            obscured = true;
            parent.invisible
        }
        _ => parent.invisible,
    };
    for prop in [
        Prop::Opacity,
        Prop::Filter,
        Prop::BlendMode,
        Prop::TextShadow,
        Prop::Clip,
    ] {
        if let Some(Value::Obscured(true)) = cascade.get(prop) {
            obscured = true;
        }
    }
    Computed {
        color,
        own_background,
        background,
        font_px,
        weight,
        hidden: display_none || invisible,
        display_none,
        invisible,
        obscured,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::tree;

    fn styles(html: &str) -> (Vec<Computed>, Vec<String>) {
        let doc = tree::build(html);
        let mut sheets = Sheets::new();
        for (i, e) in doc.elements() {
            if e.is("style") {
                for child in doc.children(i) {
                    if let NodeData::Text { start, end, .. } = doc.nodes[child as usize].data {
                        sheets.add(doc.text(start, end), e.value("media"));
                    }
                }
            }
        }
        let computed = compute(&doc, &sheets, true);
        let names = doc
            .nodes
            .iter()
            .map(|n| match &n.data {
                NodeData::Element(e) => e
                    .value("id")
                    .map_or(e.name.to_string(), |id| format!("#{id}")),
                _ => String::new(),
            })
            .collect();
        (computed, names)
    }

    fn of<'c>(styles: &'c (Vec<Computed>, Vec<String>), name: &str) -> &'c Computed {
        let i = styles.1.iter().position(|n| n == name).unwrap();
        &styles.0[i]
    }

    #[test]
    fn cascade_by_specificity_order_and_inline() {
        let s = styles(
            "<style>p { color: #111 } .a { color: #222 } #x { color: #333 } p.a { color: #444 }</style>\
             <p id=x class=a>1</p><p class=a id=y>2</p><p id=z style='color: red'>3</p>",
        );
        assert_eq!(of(&s, "#x").color.unwrap().hex(), "#333333");
        assert_eq!(of(&s, "#y").color.unwrap().hex(), "#444444");
        assert_eq!(of(&s, "#z").color.unwrap().hex(), "#ff0000");
    }

    #[test]
    fn inheritance_backgrounds_and_unknowns() {
        let s = styles(
            "<style>.dark p { color: #eee } @media (min-width: 600px) { #m { color: #000 } } .x > b { color: blue }\
             [data-x] { color: #010101 } li:first-child { color: #020202 }</style>\
             <div class=dark style='background: rgba(0,0,0,.5)'><p id=p>t</p></div>\
             <p id=d data-x>d</p><ul><li id=li>l</li></ul>\
             <p id=m>m</p><div class=x><b id=b>b</b><i><b id=c>c</b></i></div>\
             <div style='background-image: url(a.png)'><span id=s>s</span></div>",
        );
        let p = of(&s, "#p");
        assert_eq!(p.color.unwrap().hex(), "#eeeeee");
        assert_eq!(p.background.unwrap().hex(), "#808080");
        assert_eq!(of(&s, "#m").color, None, "@media rules are unknown");
        assert_eq!(of(&s, "#b").color.unwrap().hex(), "#0000ff");
        assert_eq!(of(&s, "#c").color.unwrap().hex(), "#000000");
        assert_eq!(of(&s, "#s").background, None);
        assert_eq!(of(&s, "#d").color.unwrap().hex(), "#010101");
        assert_eq!(
            of(&s, "#li").color,
            None,
            "structural pseudo-classes might apply"
        );
        assert_eq!(of(&s, "#m").background.unwrap().hex(), "#ffffff");
    }

    #[test]
    fn defaults_for_headings_links_and_hidden() {
        let s = styles("<h1 id=h>x</h1><a id=a href=#>l</a><div hidden><p id=in>x</p></div>");
        assert_eq!(of(&s, "#h").font_px, Some(32.0));
        assert_eq!(of(&s, "#h").weight, Some(700));
        assert_eq!(of(&s, "#a").color.unwrap().hex(), "#0000ee");
        assert!(of(&s, "#in").hidden);
    }

    #[test]
    fn visibility_inherits_and_can_be_overridden_but_display_cannot() {
        let s = styles(
            "<div style='visibility: hidden'><p id=a>x</p><p id=b style='visibility: visible'>y</p>\
             <div style='visibility: visible'><p id=c style='visibility: inherit'>z</p></div></div>\
             <div style='display: none'><p id=d style='visibility: visible; display: block'>w</p></div>",
        );
        assert!(of(&s, "#a").hidden);
        assert!(!of(&s, "#b").hidden);
        assert!(!of(&s, "#c").hidden);
        assert!(of(&s, "#d").hidden && of(&s, "#d").display_none);
    }

    #[test]
    fn media_that_never_shows_on_screen_is_ignored() {
        let s = styles(
            "<style media=print>#a { color: #aaa }</style><style media='screen'>#b { color: #bbb }</style>\
             <style media='(min-width: 600px)'>#c { color: #ccc }</style>\
             <style>@media print { #d { color: #ddd } } @media screen, print { #e { color: #eee } }</style>\
             <p id=a>a</p><p id=b>b</p><p id=c>c</p><p id=d>d</p><p id=e>e</p>",
        );
        assert_eq!(of(&s, "#a").color.unwrap().hex(), "#000000");
        assert_eq!(of(&s, "#b").color.unwrap().hex(), "#bbbbbb");
        assert_eq!(of(&s, "#c").color, None);
        assert_eq!(of(&s, "#d").color.unwrap().hex(), "#000000");
        assert_eq!(of(&s, "#e").color.unwrap().hex(), "#eeeeee");
    }

    #[test]
    fn unset_and_revert_inherit_colour() {
        let s = styles(
            "<div style='color: #fff; background: #333'>\
             <p id=u style='color: unset'>u</p><p id=r style='color: revert'>r</p>\
             <a id=a href=# style='color: revert'>a</a><p id=i style='color: initial'>i</p>\
             <p id=b style='background-color: unset'>b</p></div>",
        );
        assert_eq!(of(&s, "#u").color.unwrap().hex(), "#ffffff");
        assert_eq!(of(&s, "#r").color.unwrap().hex(), "#ffffff");
        assert_eq!(of(&s, "#a").color.unwrap().hex(), "#0000ee");
        assert_eq!(of(&s, "#i").color.unwrap().hex(), "#000000");
        assert_eq!(of(&s, "#b").background.unwrap().hex(), "#333333");
        assert_eq!(media("not print"), Media::Maybe);
        assert_eq!(media("only screen and (max-width: 10px)"), Media::Maybe);
    }

    #[test]
    fn nested_rules_apply_in_order() {
        let s = styles(
            "<style>p { color: #aaa } .card { & p { color: #111 } > b { color: #222 } }\
             .x { color: #333; &.y { color: #444 } color: #555 }\
             i { color: #666; @media (min-width: 0) { color: #000 } }\
             </style><style>{% if dark %}u { color: #777 }{% endif %}</style>\
             <div class=card><p id=p>p</p><b id=b>b</b></div><p id=q>q</p>\
             <div class='x y' id=xy>xy</div><div class=x id=x>x</div><i id=i>i</i><u id=u>u</u>",
        );
        assert_eq!(of(&s, "#p").color.unwrap().hex(), "#111111");
        assert_eq!(of(&s, "#q").color.unwrap().hex(), "#aaaaaa");
        assert_eq!(of(&s, "#b").color.unwrap().hex(), "#222222");
        assert_eq!(of(&s, "#x").color.unwrap().hex(), "#555555");
        assert_eq!(of(&s, "#xy").color.unwrap().hex(), "#444444");
        assert_eq!(of(&s, "#i").color, None, "nested @media might apply");
        assert_eq!(
            of(&s, "#u").color,
            None,
            "template logic makes it conditional"
        );
    }
}
