//! What assistive technology makes of the tree: which elements are hidden
//! from it, which are focusable, their roles (with ARIA's presentational
//! role conflict resolution), and whether an accessible name exists — the
//! subset of accname 1.2 that axe-core computes. The rules only need to know
//! whether a name is empty, so every name walk stops at the first text.

use super::aria;
use super::entities;
use super::style::Computed;
use super::tree::{Document, Element, NodeData, NodeId, Ns};
use std::collections::HashMap;

pub(crate) struct Semantics<'d, 'a> {
    pub doc: &'d Document<'a>,
    pub styles: &'d [Computed],
    /// Not rendered, under `aria-hidden="true"`, or inside an `inert` subtree.
    ax_hidden: Vec<bool>,
    /// Hidden with its whole subtree: `display: none`, `aria-hidden`,
    /// `inert` (unlike `visibility: hidden`, no descendant can undo it).
    subtree_hidden: Vec<bool>,
    /// The first element with each id (what `getElementById` returns).
    ids: HashMap<&'d str, NodeId>,
    /// `<label for=…>` elements by the id they name.
    labels_for: HashMap<&'d str, Vec<NodeId>>,
    /// Elements whose `aria-labelledby` names each id.
    labelled_by: HashMap<&'d str, Vec<NodeId>>,
}

/// Whether an attribute value names something: template syntax, or any
/// character that is not white space.
pub(crate) fn non_empty(e: &Element, attr: &str) -> bool {
    e.attr(attr)
        .is_some_and(|a| a.template || !a.value().trim().is_empty())
}

/// The `tabindex` as browsers parse it (leading integer), `None` if absent,
/// unparseable or templated.
pub(crate) fn tabindex(e: &Element) -> Option<i64> {
    let attr = e.attr("tabindex")?;
    if attr.template {
        return None;
    }
    let text = attr.value().trim();
    let sign_len = usize::from(text.starts_with(['-', '+']));
    let digits = text[sign_len..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 {
        return None;
    }
    text[..sign_len + digits.min(18)].parse().ok()
}

/// The lower-cased `type` of an `<input>` (`text` when absent or unknown to us).
pub(crate) fn input_type(e: &Element) -> String {
    e.value("type")
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "text".to_string())
}

/// Roles whose elements need a name (axe-core 4.14's WAI-ARIA roles with
/// `accessibleNameRequired`; its DPUB and Graphics-ARIA roles are not
/// consulted); other explicit roles exempt a non-focusable
/// `<img>`/`<button>`/`<a>` from the name rules, as in axe.
const NAME_REQUIRED: &[&str] = &[
    "alertdialog",
    "application",
    "button",
    "checkbox",
    "combobox",
    "dialog",
    "image",
    "img",
    "link",
    "listbox",
    "menuitem",
    "menuitemcheckbox",
    "menuitemradio",
    "meter",
    "option",
    "progressbar",
    "radio",
    "searchbox",
    "slider",
    "spinbutton",
    "switch",
    "textbox",
    "toolbar",
    "treeitem",
];

impl<'d, 'a> Semantics<'d, 'a> {
    pub fn new(doc: &'d Document<'a>, styles: &'d [Computed]) -> Semantics<'d, 'a> {
        let mut ax_hidden = vec![false; doc.nodes.len()];
        let mut subtree_hidden = vec![false; doc.nodes.len()];
        let mut ids: HashMap<&'d str, NodeId> = HashMap::new();
        let mut labels_for: HashMap<&'d str, Vec<NodeId>> = HashMap::new();
        let mut labelled_by: HashMap<&'d str, Vec<NodeId>> = HashMap::new();
        for (i, node) in doc.nodes.iter().enumerate() {
            // Only whole-subtree hiding is inherited here; the computed style
            // already carries `visibility`, which a descendant may override.
            let inherited =
                node.parent != super::tree::NONE && subtree_hidden[node.parent as usize];
            let NodeData::Element(e) = &node.data else {
                subtree_hidden[i] = inherited;
                ax_hidden[i] = inherited || styles[i].hidden;
                continue;
            };
            let aria_hidden = e
                .value("aria-hidden")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
            // The `inert` attribute removes its whole subtree from the
            // accessibility tree and the focus order (axe's `isInert`).
            let inert_attribute = e.has_attr("inert");
            subtree_hidden[i] =
                inherited || styles[i].display_none || aria_hidden || inert_attribute || e.inert;
            ax_hidden[i] = subtree_hidden[i] || styles[i].hidden;
            if e.inert {
                continue;
            }
            if let Some(id) = e.value("id").filter(|id| !id.is_empty()) {
                ids.entry(id).or_insert(i as NodeId);
            }
            if e.is("label") {
                if let Some(target) = e.value("for") {
                    labels_for.entry(target).or_default().push(i as NodeId);
                }
            }
            if let Some(refs) = e.attr("aria-labelledby").filter(|a| !a.template) {
                for target in refs.value().split_ascii_whitespace() {
                    labelled_by.entry(target).or_default().push(i as NodeId);
                }
            }
        }
        Semantics {
            doc,
            styles,
            ax_hidden,
            subtree_hidden,
            ids,
            labels_for,
            labelled_by,
        }
    }

    /// Hidden from assistive technology (rules skip such elements, as axe does).
    pub fn hidden(&self, id: NodeId) -> bool {
        self.ax_hidden[id as usize]
    }

    /// The elements whose `aria-labelledby` lists `id`.
    pub fn labelled_by_it(&self, id: &str) -> impl Iterator<Item = NodeId> + '_ {
        self.labelled_by.get(id).into_iter().flatten().copied()
    }

    pub fn element_by_id(&self, id: &str) -> Option<NodeId> {
        self.ids.get(id).copied()
    }

    pub fn disabled(&self, id: NodeId) -> bool {
        let Some(e) = self.doc.element(id) else {
            return false;
        };
        let form_control = |e: &Element| {
            e.ns == Ns::Html
                && matches!(
                    e.name.as_ref(),
                    "button" | "input" | "select" | "textarea" | "optgroup" | "option" | "fieldset"
                )
        };
        form_control(e)
            && (e.has_attr("disabled")
                || self
                    .doc
                    .ancestors(id)
                    .any(|(_, a)| a.is("fieldset") && a.has_attr("disabled")))
    }

    /// A native interactive element (link, button, form control, `summary`,
    /// media with `controls`), whether or not it is disabled right now.
    pub fn native_control(&self, id: NodeId) -> bool {
        let Some(e) = self.doc.element(id) else {
            return false;
        };
        if e.ns != Ns::Html {
            return false;
        }
        match e.name.as_ref() {
            "a" | "area" => e.has_attr("href"),
            "button" | "select" | "textarea" | "iframe" | "embed" => true,
            "input" => input_type(e) != "hidden",
            "summary" => self
                .doc
                .element(self.doc.parent(id))
                .is_some_and(|p| p.is("details")),
            "audio" | "video" => e.has_attr("controls"),
            _ => false,
        }
    }

    /// Reachable with the keyboard without any `tabindex`.
    pub fn natively_focusable(&self, id: NodeId) -> bool {
        let Some(e) = self.doc.element(id) else {
            return false;
        };
        if self.native_control(id) && !self.disabled(id) {
            return true;
        }
        e.value("contenteditable")
            .is_some_and(|v| !v.trim().eq_ignore_ascii_case("false"))
    }

    /// Focusable at all (`tabindex="-1"` included), as axe's `isFocusable`.
    pub fn focusable(&self, id: NodeId) -> bool {
        let Some(e) = self.doc.element(id) else {
            return false;
        };
        self.natively_focusable(id) || (tabindex(e).is_some() && !self.disabled(id))
    }

    /// The role assistive technology sees: the explicit role, unless it is
    /// `presentation`/`none` on a focusable element or one with global ARIA
    /// attributes (then the implicit role), else the implicit role.
    pub fn role(&self, id: NodeId) -> Option<String> {
        let e = self.doc.element(id)?;
        let conflict = || self.focusable(id) || aria::has_global_attribute(e);
        match aria::explicit_role(e) {
            Some(role) if role != "presentation" && role != "none" => Some(role),
            Some(role) if !conflict() => Some(role),
            _ => {
                let implicit = implicit_role(e)?;
                if implicit == "presentation" && conflict() {
                    return Some("img".to_string());
                }
                Some(implicit.to_string())
            }
        }
    }

    pub fn presentational(&self, id: NodeId) -> bool {
        self.role(id)
            .is_some_and(|r| r == "presentation" || r == "none")
    }

    /// Whether the element's explicit role exempts it from needing a name
    /// (axe's `no-explicit-name-required-matches`). Like axe, this reads the
    /// whole `role` value as one role (no fallback list: `role="tab foo"` is
    /// no role) and ignores DPUB (`doc-*`) roles.
    pub fn exempt_by_role(&self, id: NodeId) -> bool {
        let Some(attr) = self
            .doc
            .element(id)
            .and_then(|e| e.attr("role"))
            .filter(|a| !a.template)
        else {
            return false;
        };
        let role = attr.value().trim().to_ascii_lowercase();
        let counts = aria::is_role(&role)
            && !role.starts_with("doc-")
            && role != "presentation"
            && role != "none";
        counts && !NAME_REQUIRED.contains(&role.as_str()) && !self.focusable(id)
    }

    /// `aria-labelledby` names at least one existing element with text.
    pub fn labelledby(&self, id: NodeId) -> bool {
        let Some(attr) = self.doc.element(id).and_then(|e| e.attr("aria-labelledby")) else {
            return false;
        };
        if attr.template {
            return true;
        }
        attr.value().split_ascii_whitespace().any(|target| {
            self.element_by_id(target).is_some_and(|t| {
                let include_hidden = self.hidden(t);
                self.own_alternative(t, false) || self.content(t, include_hidden, None)
            })
        })
    }

    /// `aria-label` with text.
    pub fn aria_label(&self, id: NodeId) -> bool {
        self.doc
            .element(id)
            .is_some_and(|e| non_empty(e, "aria-label"))
    }

    pub fn title(&self, id: NodeId) -> bool {
        self.doc.element(id).is_some_and(|e| non_empty(e, "title"))
    }

    /// What an element says for itself, before its content: `aria-labelledby`
    /// (unless already following one), `aria-label`, `alt`, a button's value,
    /// an SVG `<title>`, `title`.
    fn own_alternative(&self, id: NodeId, follow_labelledby: bool) -> bool {
        let Some(e) = self.doc.element(id) else {
            return false;
        };
        if e.template || non_empty(e, "aria-label") || non_empty(e, "title") {
            return true;
        }
        if follow_labelledby && self.labelledby(id) {
            return true;
        }
        match (e.ns, e.name.as_ref()) {
            (Ns::Html, "img" | "area") => non_empty(e, "alt"),
            (Ns::Html, "input") => match input_type(e).as_str() {
                "image" => non_empty(e, "alt") || non_empty(e, "value"),
                "submit" | "reset" => !e.has_attr("value") || non_empty(e, "value"),
                "hidden" => false,
                _ => non_empty(e, "value"),
            },
            (Ns::Svg, "svg") => self.doc.children(id).any(|child| {
                self.doc
                    .element(child)
                    .is_some_and(|t| t.ns == Ns::Svg && t.name == "title")
                    && self.content(child, true, None)
            }),
            _ => false,
        }
    }

    /// Whether the text of `id`'s subtree (without `id` itself) is non-empty:
    /// text nodes and each descendant's own alternative, skipping hidden
    /// subtrees (unless `include_hidden`), embedded content and `skip`.
    pub fn content(&self, id: NodeId, include_hidden: bool, skip: Option<NodeId>) -> bool {
        let doc = self.doc;
        let end = doc.nodes[id as usize].subtree_end;
        let mut i = id + 1;
        while i < end {
            let node = &doc.nodes[i as usize];
            match &node.data {
                NodeData::Text {
                    start,
                    end,
                    template,
                } => {
                    // Text under `visibility: hidden` is not rendered.
                    let shown = include_hidden || !self.hidden(i);
                    let text = *template
                        || entities::decode(doc.text(*start, *end))
                            .chars()
                            .any(|c| !c.is_whitespace());
                    if shown && text {
                        return true;
                    }
                    i += 1;
                }
                NodeData::Element(e) => {
                    let skipped = Some(i) == skip
                        || e.inert
                        || (!include_hidden && self.subtree_hidden[i as usize])
                        || (include_hidden && self.styles[i as usize].hidden && never_text(e));
                    if skipped {
                        i = node.subtree_end;
                        continue;
                    }
                    // An element hidden only by `visibility` says nothing
                    // itself, but a `visibility: visible` descendant may.
                    let shown = include_hidden || !self.hidden(i);
                    if shown && self.own_alternative(i, true) {
                        return true;
                    }
                    i = if embedded(e) { node.subtree_end } else { i + 1 };
                }
                NodeData::Document => i += 1,
            }
        }
        false
    }

    /// A wrapping `<label>` with text (other than the control's own).
    pub fn implicit_label(&self, id: NodeId) -> bool {
        self.doc
            .ancestors(id)
            .find(|(_, a)| a.is("label"))
            .is_some_and(|(label, _)| {
                self.own_alternative(label, true) || self.content(label, false, Some(id))
            })
    }

    /// A visible `<label for=…>` naming the control's id, with text.
    pub fn explicit_label(&self, id: NodeId) -> bool {
        let Some(own_id) = self
            .doc
            .element(id)
            .and_then(|e| e.value("id"))
            .filter(|v| !v.is_empty())
        else {
            return false;
        };
        self.labels_for.get(own_id).is_some_and(|labels| {
            labels.iter().any(|&label| {
                !self.hidden(label)
                    && (self.own_alternative(label, true) || self.content(label, false, Some(id)))
            })
        })
    }
}

/// Content never rendered as text, even where hidden content counts.
fn never_text(e: &Element) -> bool {
    e.ns == Ns::Html && matches!(e.name.as_ref(), "script" | "style" | "template" | "head")
}

/// Replaced and form content: their subtree does not add to a name.
fn embedded(e: &Element) -> bool {
    match e.ns {
        Ns::Html => matches!(
            e.name.as_ref(),
            "img"
                | "input"
                | "select"
                | "textarea"
                | "iframe"
                | "object"
                | "embed"
                | "video"
                | "audio"
                | "canvas"
                | "script"
                | "style"
        ),
        Ns::Svg => e.name == "svg",
        Ns::Math => false,
    }
}

/// The implicit roles the rules consult.
fn implicit_role(e: &Element) -> Option<&'static str> {
    if e.ns != Ns::Html {
        return None;
    }
    Some(match e.name.as_ref() {
        "a" | "area" if e.has_attr("href") => "link",
        "button" => "button",
        "input" => match input_type(e).as_str() {
            "button" | "submit" | "reset" | "image" => "button",
            "checkbox" => "checkbox",
            "radio" => "radio",
            "range" => "slider",
            _ => "textbox",
        },
        "img" if e.value("alt") == Some("") => "presentation",
        "img" => "img",
        "main" => "main",
        "select" => "combobox",
        "textarea" => "textbox",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::{style, tree};

    fn with<T>(html: &str, f: impl FnOnce(&Semantics, &dyn Fn(&str) -> NodeId) -> T) -> T {
        let doc = tree::build(html);
        let styles = style::compute(&doc, &style::Sheets::new(), true);
        let sem = Semantics::new(&doc, &styles);
        let find = |id: &str| {
            doc.elements()
                .find(|(_, e)| e.value("id") == Some(id))
                .map(|(i, _)| i)
                .unwrap()
        };
        f(&sem, &find)
    }

    #[test]
    fn names_from_content_skip_hidden_and_use_alternatives() {
        with(
            "<button id=a><span aria-hidden=true>×</span></button>\
             <button id=b><img src=x alt='Close'></button>\
             <button id=c><svg><title>Close</title></svg></button>\
             <button id=d>&nbsp; </button>\
             <button id=e>{{ label }}</button>",
            |sem, find| {
                assert!(!sem.content(find("a"), false, None));
                assert!(sem.content(find("b"), false, None));
                assert!(sem.content(find("c"), false, None));
                assert!(!sem.content(find("d"), false, None));
                assert!(sem.content(find("e"), false, None));
            },
        );
    }

    #[test]
    fn labelledby_needs_existing_targets_with_text() {
        with(
            "<span id=t>Save</span><span id=blank> </span><div hidden id=h>Hidden name</div>\
             <button id=a aria-labelledby='missing t'></button>\
             <button id=b aria-labelledby='missing blank'></button>\
             <button id=c aria-labelledby=h></button>",
            |sem, find| {
                assert!(sem.labelledby(find("a")));
                assert!(!sem.labelledby(find("b")));
                assert!(sem.labelledby(find("c")), "a hidden target still names");
            },
        );
    }

    #[test]
    fn presentational_role_conflicts() {
        with(
            "<img id=a role=presentation><img id=b role=none tabindex=0>\
             <img id=c role=presentation aria-label=x><img id=d alt=''>",
            |sem, find| {
                assert!(sem.presentational(find("a")));
                assert!(!sem.presentational(find("b")));
                assert!(!sem.presentational(find("c")));
                assert!(sem.presentational(find("d")));
            },
        );
    }

    #[test]
    fn tabindex_parses_like_browsers() {
        let doc = tree::build("<i tabindex=' 3x'></i><i tabindex=-1></i><i tabindex=x></i>");
        let values: Vec<_> = doc.elements().map(|(_, e)| tabindex(e)).collect();
        assert_eq!(values, [Some(3), Some(-1), None]);
    }
}
