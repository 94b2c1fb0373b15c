//! The compliance report as a tagged PDF (PDF/UA-1, checked by krilla's
//! validator as it writes): fonts embedded, every line of text in the
//! structure tree (headings, paragraphs, tables with header cells, lists,
//! code), charts drawn as vectors from their display lists and tagged as
//! figures with alt text, decoration marked as artifacts, and bookmarks
//! for every heading.

mod chart;
mod content;
mod flow;
mod fonts;
mod table;

use flow::{Flow, Kind, Node, Op, MARGIN_X, MUTED, PAGE_HEIGHT, PAGE_WIDTH};
use fonts::Face;
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document as PdfDocument, SerializeSettings};
use std::collections::{HashMap, HashSet};
use std::num::NonZeroU16;

use super::Document;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

fn color((r, g, b): (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }
}

fn leaves(nodes: &[Node], into: &mut HashSet<usize>) {
    for node in nodes {
        match node {
            Node::Leaf(id) => {
                into.insert(*id);
            }
            Node::Group(_, children) => leaves(children, into),
        }
    }
}

fn tag_of(kind: &Kind) -> TagKind {
    match kind {
        Kind::Heading(level, title) => Tag::Hn(
            NonZeroU16::new((*level).max(1)).expect("at least 1"),
            Some(title.clone()),
        )
        .into(),
        Kind::P => Tag::P.into(),
        Kind::Table => Tag::Table.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeaderCell { row_header } => Tag::TH(if *row_header {
            TableHeaderScope::Row
        } else {
            TableHeaderScope::Column
        })
        .into(),
        Kind::Cell => Tag::TD.into(),
        Kind::List { numbered } => Tag::L(if *numbered {
            ListNumbering::Decimal
        } else {
            ListNumbering::Disc
        })
        .into(),
        Kind::Item => Tag::LI.into(),
        Kind::Label => Tag::Lbl.into(),
        Kind::Body => Tag::LBody.into(),
        Kind::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Kind::Caption => Tag::Caption.into(),
        Kind::Code => Tag::Code.into(),
        Kind::Quote => Tag::BlockQuote.into(),
        Kind::Section => Tag::Section.into(),
    }
}

fn build_tree(nodes: Vec<Node>, ids: &HashMap<usize, Identifier>) -> Vec<krilla::tagging::Node> {
    nodes
        .into_iter()
        .filter_map(|node| match node {
            Node::Leaf(id) => ids.get(&id).map(|i| (*i).into()),
            Node::Group(kind, children) => {
                let children = build_tree(children, ids);
                (!children.is_empty())
                    .then(|| TagGroup::with_children(tag_of(&kind), children).into())
            }
        })
        .collect()
}

struct Fonts {
    regular: Font,
    bold: Font,
    mono: Font,
}

impl Fonts {
    fn load() -> Result<Fonts, PdfError> {
        let load = |face: Face| {
            Font::new(face.bytes().into(), 0)
                .ok_or_else(|| PdfError::Write(format!("the embedded font {face:?} is unusable")))
        };
        Ok(Fonts {
            regular: load(Face::Regular)?,
            bold: load(Face::Bold)?,
            mono: load(Face::Mono)?,
        })
    }

    fn get(&self, face: Face) -> Font {
        match face {
            Face::Regular => self.regular.clone(),
            Face::Bold => self.bold.clone(),
            Face::Mono => self.mono.clone(),
        }
    }
}

fn artifact(surface: &mut Surface, kind: ArtifactType, draw: impl FnOnce(&mut Surface)) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
    draw(surface);
    surface.end_tagged();
}

fn fill_rect(surface: &mut Surface, x: f32, y: f32, w: f32, h: f32, rgb: (u8, u8, u8)) {
    let Some(rect) = Rect::from_xywh(x, y, w.max(0.01), h.max(0.01)) else {
        return;
    };
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    if let Some(path) = path.finish() {
        surface.set_stroke(None);
        surface.set_fill(Some(color(rgb)));
        surface.draw_path(&path);
    }
}

fn draw_text(surface: &mut Surface, fonts: &Fonts, op: &Op) {
    if let Op::Text {
        x,
        y,
        face,
        size,
        color: rgb,
        text,
        ..
    } = op
    {
        surface.set_stroke(None);
        surface.set_fill(Some(color(*rgb)));
        surface.draw_text(
            Point::from_xy(*x, *y),
            fonts.get(*face),
            *size,
            text,
            false,
            TextDirection::Auto,
        );
    }
}

/// Writes `doc` as a tagged PDF.
pub fn pdf(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let (flow, tree) = content::lay_out(doc);
    let Flow {
        pages, bookmarks, ..
    } = flow;
    let mut tagged = HashSet::new();
    leaves(&tree, &mut tagged);

    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);
    pdf.set_metadata(
        Metadata::new()
            .title(doc.cover.title.clone())
            .language("en".into())
            .creator(format!("Tenet {}", doc.cover.tenet_version))
            .producer("Tenet (krilla)".into()),
    );
    let fonts = Fonts::load()?;
    let mut ids: HashMap<usize, Identifier> = HashMap::new();
    let total = pages.len();
    for (index, ops) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| PdfError::Write("the page size is invalid".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Rect { x, y, w, h, color } => {
                    artifact(&mut surface, ArtifactType::Layout, |s| {
                        fill_rect(s, *x, *y, *w, *h, *color)
                    });
                }
                Op::Text { id, .. } => match id.filter(|id| tagged.contains(id)) {
                    Some(id) => {
                        let identifier = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                        draw_text(&mut surface, &fonts, op);
                        surface.end_tagged();
                        ids.insert(id, identifier);
                    }
                    None => artifact(&mut surface, ArtifactType::Layout, |s| {
                        draw_text(s, &fonts, op)
                    }),
                },
                Op::Chart {
                    id,
                    x,
                    y,
                    scale,
                    list,
                } => {
                    if tagged.contains(id) {
                        let identifier = surface.start_tagged(ContentTag::Other);
                        chart::draw(&mut surface, &fonts.regular, list, *x, *y, *scale);
                        surface.end_tagged();
                        ids.insert(*id, identifier);
                    } else {
                        artifact(&mut surface, ArtifactType::Layout, |s| {
                            chart::draw(s, &fonts.regular, list, *x, *y, *scale)
                        });
                    }
                }
            }
        }
        let footer = Op::Text {
            id: None,
            x: MARGIN_X,
            y: PAGE_HEIGHT - 32.0,
            face: Face::Regular,
            size: 8.0,
            color: MUTED,
            text: Face::Regular.printable(&format!(
                "{} · page {} of {total}",
                doc.cover.title,
                index + 1
            )),
        };
        artifact(&mut surface, ArtifactType::PageNumber, |s| {
            draw_text(s, &fonts, &footer)
        });
        surface.finish();
        page.finish();
    }

    let mut tag_tree = TagTree::new().with_lang(Some("en".into()));
    for node in build_tree(tree, &ids) {
        tag_tree.push(node);
    }
    pdf.set_tag_tree(tag_tree);
    pdf.set_outline(outline(&bookmarks));
    pdf.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

/// Bookmarks: level-2 headings at the top, level 3 under the one before.
fn outline(bookmarks: &[flow::Bookmark]) -> Outline {
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    let node = |b: &flow::Bookmark| {
        OutlineNode::new(
            b.title.clone(),
            XyzDestination::new(b.page, Point::from_xy(MARGIN_X, b.y)),
        )
    };
    for bookmark in bookmarks {
        if bookmark.level <= 2 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node(bookmark));
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node(bookmark));
        } else {
            outline.push_child(node(bookmark));
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    outline
}
