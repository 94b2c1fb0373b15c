//! A span-preserving HTML tokenizer that also understands Jinja/Django
//! template syntax. Every token carries byte offsets into the source, so a
//! finding can point at the exact `<` of a start tag.
//!
//! Template syntax is not markup: `{{ … }}` in text is text (it renders as
//! some), `{% … %}` becomes a [`Token::Template`] (the tree builder tracks
//! `if`/`else` branches with it), `{# … #}` and Django's
//! `{% comment %}…{% endcomment %}` disappear. Inside a start tag a
//! template construct outside any attribute value marks the tag, and inside a
//! value it marks the attribute (its value is unknown but present).

use super::entities;
use std::borrow::Cow;

#[derive(Debug, Clone)]
pub(crate) struct Attr<'a> {
    /// Lower-cased name.
    pub name: Cow<'a, str>,
    /// Decoded value; `None` for a bare attribute (`<input disabled>`).
    pub value: Option<Cow<'a, str>>,
    /// The value contains template syntax (`alt="{{ caption }}"`).
    pub template: bool,
}

impl Attr<'_> {
    pub fn value(&self) -> &str {
        self.value.as_deref().unwrap_or("")
    }
}

#[derive(Debug)]
pub(crate) struct StartTag<'a> {
    pub name: Cow<'a, str>,
    pub attrs: Vec<Attr<'a>>,
    /// Offset of the `<`.
    pub start: u32,
    /// Offset just past the `>`.
    pub end: u32,
    pub self_closing: bool,
    /// Template syntax outside attribute values (`<input {{ attrs }}>`).
    pub template: bool,
}

#[derive(Debug)]
pub(crate) enum Token<'a> {
    StartTag(StartTag<'a>),
    EndTag {
        name: Cow<'a, str>,
    },
    /// Character data, raw (undecoded); `template` when it holds `{{ … }}`.
    Text {
        start: u32,
        end: u32,
        template: bool,
    },
    /// `<!-- … -->`; `start`/`end` cover the whole comment.
    Comment {
        start: u32,
        end: u32,
        body: &'a str,
    },
    /// `{% … %}` outside tags: the trimmed statement inside, and where the
    /// whole tag sits.
    Template {
        statement: &'a str,
        start: u32,
        end: u32,
    },
}

pub(crate) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// After a raw-text start tag: read text up to `</name`.
    raw_text: Option<(&'static str, bool)>,
}

/// Where template syntax opened at `at` closes (offset past the closer).
fn template_end(src: &str, at: usize) -> Option<usize> {
    let closer = match src.as_bytes().get(at..at + 2)? {
        b"{{" => "}}",
        b"{%" => "%}",
        b"{#" => "#}",
        _ => return None,
    };
    src[at + 2..].find(closer).map(|i| at + 2 + i + 2)
}

/// The statement inside `{% … %}`, without white-space control marks.
fn statement(inside: &str) -> &str {
    inside
        .trim_matches(|c: char| c == '-' || c == '+' || c == '~')
        .trim()
}

/// A template statement's first word (`if`, `trans`, `endcomment`, …).
pub(crate) fn keyword(statement: &str) -> &str {
    statement.split(char::is_whitespace).next().unwrap_or("")
}

fn lower(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            src,
            pos: 0,
            raw_text: None,
        }
    }

    /// The next token reads the content of a raw-text element (`script`,
    /// `style`, …) up to its end tag. `template_aware` for RCDATA such as
    /// `title`, where `{{ … }}` is meaningful text.
    pub fn enter_raw_text(&mut self, name: &'static str, template_aware: bool) {
        self.raw_text = Some((name, template_aware));
    }

    pub fn next_token(&mut self) -> Option<Token<'a>> {
        if let Some((name, template_aware)) = self.raw_text.take() {
            if let Some(token) = self.raw_text_token(name, template_aware) {
                return Some(token);
            }
        }
        let bytes = self.src.as_bytes();
        loop {
            if self.pos >= bytes.len() {
                return None;
            }
            let start = self.pos;
            match bytes[start] {
                b'<' => {
                    if let Some(token) = self.markup(start) {
                        return Some(token);
                    }
                    // A literal `<`: text up to the next candidate.
                    return Some(self.text(start, start + 1));
                }
                b'{' => match bytes.get(start + 1) {
                    Some(b'%') | Some(b'#') => match template_end(self.src, start) {
                        Some(end) => {
                            self.pos = end;
                            if bytes[start + 1] == b'%' {
                                let statement = statement(&self.src[start + 2..end - 2]);
                                if keyword(statement) == "comment" {
                                    // Django's `{% comment %}…{% endcomment %}`
                                    // renders nothing: skip it like `{# … #}`.
                                    self.pos = self.end_of_comment_block(end);
                                    continue;
                                }
                                return Some(Token::Template {
                                    statement,
                                    start: start as u32,
                                    end: end as u32,
                                });
                            }
                            continue;
                        }
                        None => return Some(self.text(start, start + 1)),
                    },
                    _ => return Some(self.text(start, start)),
                },
                _ => return Some(self.text(start, start)),
            }
        }
    }

    /// Text from `start`, scanning for markup from `from`, up to the next `<`
    /// that opens markup or template statement/comment. `{{ … }}` is skipped
    /// whole, so a `<` inside an expression is not taken for a tag.
    fn text(&mut self, start: usize, from: usize) -> Token<'a> {
        let bytes = self.src.as_bytes();
        let mut i = from;
        let mut template = false;
        while i < bytes.len() {
            match bytes[i] {
                b'<' if i > start && self.opens_markup(i) => break,
                b'{' => match bytes.get(i + 1) {
                    Some(b'{') => {
                        if let Some(end) = template_end(self.src, i) {
                            template = true;
                            i = end;
                            continue;
                        }
                    }
                    Some(b'%') | Some(b'#') if i > start && template_end(self.src, i).is_some() => {
                        break;
                    }
                    _ => {}
                },
                _ => {}
            }
            i += 1;
        }
        self.pos = i;
        Token::Text {
            start: start as u32,
            end: i as u32,
            template,
        }
    }

    /// The offset past the `{% endcomment %}` that closes a comment block
    /// whose opening tag ends at `from` (the end of input if none does).
    fn end_of_comment_block(&self, from: usize) -> usize {
        let mut at = from;
        while let Some(found) = self.src[at..].find("{%") {
            let open = at + found;
            let Some(end) = template_end(self.src, open) else {
                break;
            };
            if statement(&self.src[open + 2..end - 2]) == "endcomment" {
                return end;
            }
            at = end;
        }
        self.src.len()
    }

    fn opens_markup(&self, at: usize) -> bool {
        let bytes = self.src.as_bytes();
        match bytes.get(at + 1) {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(b'!') | Some(b'?') => true,
            Some(b'/') => bytes.get(at + 2).is_some_and(|c| *c != b'>'),
            _ => false,
        }
    }

    /// A tag, comment or doctype at `start` (a `<`), or `None` for a literal `<`.
    fn markup(&mut self, start: usize) -> Option<Token<'a>> {
        let src = self.src;
        let bytes = src.as_bytes();
        let next = *bytes.get(start + 1)?;
        if next.is_ascii_alphabetic() {
            return Some(Token::StartTag(self.start_tag(start)));
        }
        match next {
            b'!' => {
                let rest = &src[start..];
                let (body_start, closer) = if rest.starts_with("<!--") {
                    (start + 4, "-->")
                } else if rest.starts_with("<![CDATA[") {
                    (start + 9, "]]>")
                } else {
                    (start + 2, ">")
                };
                // `<!-->` and `<!--->` are complete, empty comments in HTML
                // (the "abrupt closing of empty comment" rule).
                let abrupt = [">", "->"]
                    .into_iter()
                    .filter(|_| closer == "-->")
                    .find(|&tail| src[body_start..].starts_with(tail));
                let found = src[body_start..].find(closer);
                let (body_end, end) = match (abrupt, found) {
                    (Some(tail), _) => (body_start, body_start + tail.len()),
                    (None, Some(i)) => (body_start + i, body_start + i + closer.len()),
                    (None, None) => (src.len(), src.len()),
                };
                self.pos = end;
                Some(Token::Comment {
                    start: start as u32,
                    end: end as u32,
                    body: &src[body_start..body_end],
                })
            }
            b'?' => {
                let end = src[start..].find('>').map_or(src.len(), |i| start + i + 1);
                self.pos = end;
                Some(Token::Comment {
                    start: start as u32,
                    end: end as u32,
                    body: "",
                })
            }
            b'/' => {
                let after = *bytes.get(start + 2)?;
                if after == b'>' {
                    // `</>` is dropped.
                    self.pos = start + 3;
                    return self.next_token_or_empty_text(start + 3);
                }
                if !after.is_ascii_alphabetic() {
                    // `</3` and the like: a bogus comment up to `>`.
                    let end = src[start..].find('>').map_or(src.len(), |i| start + i + 1);
                    self.pos = end;
                    return Some(Token::Comment {
                        start: start as u32,
                        end: end as u32,
                        body: "",
                    });
                }
                let tag = self.start_tag(start + 1);
                Some(Token::EndTag { name: tag.name })
            }
            _ => None,
        }
    }

    fn next_token_or_empty_text(&mut self, at: usize) -> Option<Token<'a>> {
        Some(Token::Text {
            start: at as u32,
            end: at as u32,
            template: false,
        })
    }

    /// Reads a tag whose name starts at `lt + 1` (for end tags, `lt` is the
    /// `/`): the name, then attributes, up to `>` or the end of input.
    fn start_tag(&mut self, lt: usize) -> StartTag<'a> {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut i = lt + 1;
        while i < bytes.len()
            && !matches!(
                bytes[i],
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'
            )
        {
            i += 1;
        }
        let mut tag = StartTag {
            name: lower(&src[lt + 1..i]),
            attrs: Vec::new(),
            start: lt as u32,
            end: 0,
            self_closing: false,
            template: false,
        };
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let Some(&c) = bytes.get(i) else { break };
            match c {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    i += 1;
                    if bytes.get(i) == Some(&b'>') {
                        tag.self_closing = true;
                        i += 1;
                        break;
                    }
                    continue;
                }
                b'{' if template_end(src, i).is_some() => {
                    let end = template_end(src, i).unwrap_or(i + 1);
                    tag.template |= bytes[i + 1] != b'#';
                    i = end;
                    continue;
                }
                _ => {}
            }
            i = self.attribute(i, &mut tag);
        }
        tag.end = i as u32;
        self.pos = i;
        tag
    }

    /// One attribute starting at `i`; returns the offset after it.
    fn attribute(&self, mut i: usize, tag: &mut StartTag<'a>) -> usize {
        let src = self.src;
        let bytes = src.as_bytes();
        let name_start = i;
        let mut template = false;
        // The first character is part of the name even if it is `=`.
        i += 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>' | b'=' => break,
                b'{' => match template_end(src, i) {
                    Some(end) => {
                        template = true;
                        i = end;
                        continue;
                    }
                    None => i += 1,
                },
                _ => i += 1,
            }
        }
        let name = lower(&src[name_start..i]);
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = None;
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let (raw, after, has_template) = self.attribute_value(j);
            value = Some(entities::decode(raw));
            template |= has_template;
            i = after;
        }
        if !tag.attrs.iter().any(|a| a.name == name) {
            tag.attrs.push(Attr {
                name,
                value,
                template,
            });
        }
        i
    }

    /// A quoted or unquoted value at `i`: (raw text, offset after, has template).
    fn attribute_value(&self, i: usize) -> (&'a str, usize, bool) {
        let src = self.src;
        let bytes = src.as_bytes();
        let quote = match bytes.get(i) {
            Some(q @ (b'"' | b'\'')) => Some(*q),
            _ => None,
        };
        let start = i + usize::from(quote.is_some());
        let mut j = start;
        let mut template = false;
        while j < bytes.len() {
            let c = bytes[j];
            if c == b'{' {
                if let Some(end) = template_end(src, j) {
                    template |= bytes[j + 1] != b'#';
                    j = end;
                    continue;
                }
            }
            let ends = match quote {
                Some(q) => c == q,
                None => c.is_ascii_whitespace() || c == b'>',
            };
            if ends {
                break;
            }
            j += 1;
        }
        let raw = &src[start..j.min(src.len())];
        let after = if quote.is_some() && j < bytes.len() {
            j + 1
        } else {
            j
        };
        (raw, after, template)
    }

    /// The content of a raw-text element, up to `</name`.
    fn raw_text_token(&mut self, name: &str, template_aware: bool) -> Option<Token<'a>> {
        let src = self.src;
        let bytes = src.as_bytes();
        let start = self.pos;
        let mut i = start;
        let end = loop {
            let Some(found) = src[i..].find("</") else {
                break src.len();
            };
            let at = i + found;
            let after = at + 2 + name.len();
            let matches = src
                .get(at + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
                && bytes
                    .get(after)
                    .is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>');
            if matches {
                break at;
            }
            i = at + 2;
        };
        self.pos = end;
        if end == start {
            return None;
        }
        let template = template_aware && src[start..end].contains("{{");
        Some(Token::Text {
            start: start as u32,
            end: end as u32,
            template,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<String> {
        let mut t = Tokenizer::new(src);
        let mut out = Vec::new();
        while let Some(token) = t.next_token() {
            out.push(match token {
                Token::StartTag(tag) => {
                    if tag.name == "script" {
                        t.enter_raw_text("script", false);
                    }
                    let attrs: Vec<String> = tag
                        .attrs
                        .iter()
                        .map(|a| {
                            format!(
                                "{}={:?}{}",
                                a.name,
                                a.value.as_deref(),
                                if a.template { "T" } else { "" }
                            )
                        })
                        .collect();
                    format!(
                        "<{}@{}-{} {}{}{}>",
                        tag.name,
                        tag.start,
                        tag.end,
                        attrs.join(" "),
                        if tag.self_closing { " /" } else { "" },
                        if tag.template { " T" } else { "" }
                    )
                }
                Token::EndTag { name } => format!("</{name}>"),
                Token::Text {
                    start,
                    end,
                    template,
                } => format!(
                    "text {:?}{}",
                    &src[start as usize..end as usize],
                    if template { " T" } else { "" }
                ),
                Token::Comment { body, .. } => format!("comment {body:?}"),
                Token::Template { statement, .. } => format!("tpl {statement:?}"),
            });
        }
        out
    }

    #[test]
    fn tags_attributes_and_offsets() {
        assert_eq!(
            tokens("<IMG SRC=a.png Alt='x &amp; y' hidden><br/>"),
            [
                "<img@0-38 src=Some(\"a.png\") alt=Some(\"x & y\") hidden=None>",
                "<br@38-43  />"
            ]
        );
    }

    #[test]
    fn template_syntax_is_not_markup() {
        assert_eq!(
            tokens(
                "<img alt=\"{{ _(\"Caption\") }}\" {{ attrs }}>{% if a < b %}x{{ y < z }}{# <b> #}"
            ),
            [
                "<img@0-42 alt=Some(\"{{ _(\\\"Caption\\\") }}\")T T>",
                "tpl \"if a < b\"",
                "text \"x{{ y < z }}\" T",
            ]
        );
    }

    #[test]
    fn comments_raw_text_and_literal_angle_brackets() {
        assert_eq!(
            tokens("a < b<!-- noqa --><script>if (a<b) {}</p></script >"),
            [
                "text \"a < b\"",
                "comment \" noqa \"",
                "<script@18-26 >",
                "text \"if (a<b) {}</p>\"",
                "</script>"
            ]
        );
    }

    #[test]
    fn unterminated_input_ends_cleanly() {
        assert_eq!(tokens("<div class=\"x"), ["<div@0-13 class=Some(\"x\")>"]);
        assert_eq!(tokens("<!-- open"), ["comment \" open\""]);
        assert_eq!(
            tokens("<!--><b><!---><i><!---->"),
            [
                "comment \"\"",
                "<b@5-8 >",
                "comment \"\"",
                "<i@14-17 >",
                "comment \"\""
            ]
        );
        assert_eq!(tokens("{{ open"), ["text \"{{ open\""]);
        assert_eq!(
            tokens("a{% comment %}<img>{% if x %}{% endcomment %}b{% comment \"open\" %}<p>"),
            ["text \"a\"", "text \"b\""]
        );
    }
}
