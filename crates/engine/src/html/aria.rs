//! WAI-ARIA 1.2 vocabulary as axe-core knows it: the roles (with DPUB-ARIA
//! and Graphics-ARIA), the abstract roles that must not be used, the
//! `aria-*` attributes, and which of them are global.

use super::tree::Element;

/// The concrete roles axe-core 4.14 accepts: WAI-ARIA 1.2's, the ARIA 1.3
/// additions it knows (`image`, `text`, `sectionheader`, `sectionfooter`…),
/// Graphics-ARIA, and DPUB-ARIA without `doc-pageheader`/`doc-pagefooter`
/// (which axe reports as invalid).
const ROLES: &[&str] = &[
    "alert",
    "alertdialog",
    "application",
    "article",
    "banner",
    "blockquote",
    "button",
    "caption",
    "cell",
    "checkbox",
    "code",
    "columnheader",
    "combobox",
    "comment",
    "complementary",
    "contentinfo",
    "definition",
    "deletion",
    "dialog",
    "directory",
    "document",
    "emphasis",
    "feed",
    "figure",
    "form",
    "generic",
    "grid",
    "gridcell",
    "group",
    "heading",
    // axe-core 4.14 accepts ARIA 1.3's synonym of `img`.
    "image",
    "img",
    "insertion",
    "link",
    "list",
    "listbox",
    "listitem",
    "log",
    "main",
    "mark",
    "marquee",
    "math",
    "menu",
    "menubar",
    "menuitem",
    "menuitemcheckbox",
    "menuitemradio",
    "meter",
    "navigation",
    "none",
    "note",
    "option",
    "paragraph",
    "presentation",
    "progressbar",
    "radio",
    "radiogroup",
    "region",
    "row",
    "rowgroup",
    "rowheader",
    "scrollbar",
    "search",
    "searchbox",
    "sectionfooter",
    "sectionheader",
    "separator",
    "slider",
    "spinbutton",
    "status",
    "strong",
    "subscript",
    "suggestion",
    "superscript",
    "switch",
    "tab",
    "table",
    "tablist",
    "tabpanel",
    "term",
    "text",
    "textbox",
    "time",
    "timer",
    "toolbar",
    "tooltip",
    "tree",
    "treegrid",
    "treeitem",
    // Graphics-ARIA
    "graphics-document",
    "graphics-object",
    "graphics-symbol",
    // DPUB-ARIA
    "doc-abstract",
    "doc-acknowledgments",
    "doc-afterword",
    "doc-appendix",
    "doc-backlink",
    "doc-biblioentry",
    "doc-bibliography",
    "doc-biblioref",
    "doc-chapter",
    "doc-colophon",
    "doc-conclusion",
    "doc-cover",
    "doc-credit",
    "doc-credits",
    "doc-dedication",
    "doc-endnote",
    "doc-endnotes",
    "doc-epigraph",
    "doc-epilogue",
    "doc-errata",
    "doc-example",
    "doc-footnote",
    "doc-foreword",
    "doc-glossary",
    "doc-glossref",
    "doc-index",
    "doc-introduction",
    "doc-noteref",
    "doc-notice",
    "doc-pagebreak",
    "doc-pagelist",
    "doc-part",
    "doc-preface",
    "doc-prologue",
    "doc-pullquote",
    "doc-qna",
    "doc-subtitle",
    "doc-tip",
    "doc-toc",
];

/// Roles that exist only to organise the taxonomy; authors must not use them.
const ABSTRACT_ROLES: &[&str] = &[
    "command",
    "composite",
    "input",
    "landmark",
    "range",
    "roletype",
    "section",
    "sectionhead",
    "select",
    "structure",
    "widget",
    "window",
];

/// The `aria-*` attributes axe-core 4.14 knows: WAI-ARIA 1.2's, plus
/// `aria-actions`, `aria-braillelabel`, `aria-brailleroledescription` and
/// `aria-description` from 1.3 — but not 1.3's `aria-colindextext` and
/// `aria-rowindextext`, which axe reports as invalid.
const ATTRIBUTES: &[&str] = &[
    "aria-actions",
    "aria-activedescendant",
    "aria-atomic",
    "aria-autocomplete",
    "aria-braillelabel",
    "aria-brailleroledescription",
    "aria-busy",
    "aria-checked",
    "aria-colcount",
    "aria-colindex",
    "aria-colspan",
    "aria-controls",
    "aria-current",
    "aria-describedby",
    "aria-description",
    "aria-details",
    "aria-disabled",
    "aria-dropeffect",
    "aria-errormessage",
    "aria-expanded",
    "aria-flowto",
    "aria-grabbed",
    "aria-haspopup",
    "aria-hidden",
    "aria-invalid",
    "aria-keyshortcuts",
    "aria-label",
    "aria-labelledby",
    "aria-level",
    "aria-live",
    "aria-modal",
    "aria-multiline",
    "aria-multiselectable",
    "aria-orientation",
    "aria-owns",
    "aria-placeholder",
    "aria-posinset",
    "aria-pressed",
    "aria-readonly",
    "aria-relevant",
    "aria-required",
    "aria-roledescription",
    "aria-rowcount",
    "aria-rowindex",
    "aria-rowspan",
    "aria-selected",
    "aria-setsize",
    "aria-sort",
    "aria-valuemax",
    "aria-valuemin",
    "aria-valuenow",
    "aria-valuetext",
];

/// Attributes allowed on every role; one of them on an element overrides
/// `role="presentation"`/`"none"` (ARIA's presentational role conflict).
/// axe-core 4.14 counts the ARIA 1.1 globals that ARIA 1.2 deprecated as
/// global (`aria-disabled`, `aria-errormessage`, `aria-haspopup`,
/// `aria-invalid`), and `aria-actions` from ARIA 1.3.
const GLOBAL_ATTRIBUTES: &[&str] = &[
    "aria-actions",
    "aria-atomic",
    "aria-braillelabel",
    "aria-brailleroledescription",
    "aria-busy",
    "aria-controls",
    "aria-current",
    "aria-describedby",
    "aria-description",
    "aria-details",
    "aria-disabled",
    "aria-dropeffect",
    "aria-errormessage",
    "aria-flowto",
    "aria-grabbed",
    "aria-haspopup",
    "aria-hidden",
    "aria-invalid",
    "aria-keyshortcuts",
    "aria-label",
    "aria-labelledby",
    "aria-live",
    "aria-owns",
    "aria-relevant",
    "aria-roledescription",
];

/// Attributes whose value is a list of ids.
pub(crate) const IDREF_ATTRIBUTES: &[&str] = &[
    "aria-activedescendant",
    "aria-controls",
    "aria-describedby",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
    "aria-labelledby",
    "aria-owns",
];

pub(crate) fn is_role(role: &str) -> bool {
    ROLES.contains(&role)
}

pub(crate) fn is_abstract_role(role: &str) -> bool {
    ABSTRACT_ROLES.contains(&role)
}

pub(crate) fn is_attribute(name: &str) -> bool {
    ATTRIBUTES.contains(&name)
}

/// The element's explicit role: the first token of `role` that is a real
/// (non-abstract) role, lower-cased, as browsers pick from a fallback list.
pub(crate) fn explicit_role(e: &Element) -> Option<String> {
    let attr = e.attr("role")?;
    if attr.template {
        return None;
    }
    attr.value()
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .find(|role| is_role(role))
}

/// Whether the element carries a global ARIA attribute.
pub(crate) fn has_global_attribute(e: &Element) -> bool {
    e.attrs
        .iter()
        .any(|a| GLOBAL_ATTRIBUTES.contains(&a.name.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary() {
        assert!(is_role("doc-chapter") && is_role("switch") && is_role("none"));
        assert!(!is_role("buton") && !is_role("widget"));
        assert!(is_abstract_role("landmark"));
        assert!(is_attribute("aria-describedby") && !is_attribute("aria-lable"));
        assert!(is_attribute("aria-actions") && !is_attribute("aria-colindextext"));
        assert!(is_role("sectionheader") && !is_role("doc-pageheader"));
    }
}
