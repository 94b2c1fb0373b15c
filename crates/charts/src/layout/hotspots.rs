//! Hotspot map: the repository as a squarified treemap, grouped by folder,
//! each file sized by its lines and coloured by findings per 1,000 lines.
//! Labels only where they fit, cut with an ellipsis.

use super::{empty_message, legend_swatch, text, title, MARGIN, SMALL_SIZE};
use crate::display::{Anchor, DisplayList, Fill, Item, Rect, Stroke};
use crate::fmt;
use crate::layout::squarify;
use crate::model::HotspotFile;
use crate::palette::{Palette, HEAT_LABELS};
use crate::text::font;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The folder map's hash: folder names are short and trusted not to be
/// adversarial here (a collision only costs time), and SipHash was a third
/// of the layout time at 50,000 files.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Folders at least this big get a header with their name.
const HEADER_MIN: (f32, f32) = (60.0, 40.0);
const HEADER: f32 = 15.0;
/// Files at least this big get their name.
const LABEL_MIN: (f32, f32) = (34.0, 15.0);

/// A folder or a file in the tree built from the paths.
struct Node<'a> {
    name: &'a str,
    lines: f64,
    /// Index into `files` for a file; `None` for a folder.
    file: Option<usize>,
    children: Vec<usize>,
}

/// `scale` is the target's device pixels per logical pixel: cells snap to
/// whole device pixels, so their edges are crisp (and exact on the GPU
/// without multisampling) and hairline gaps stay one pixel wide.
pub fn layout(files: &[HotspotFile], scale: f32, palette: &Palette, list: &mut DisplayList) {
    let with_findings = files.iter().filter(|f| f.findings > 0).count() as u64;
    title(
        list,
        palette,
        &format!(
            "Hotspots: {} sized by lines, {} with findings",
            fmt::plural(files.len() as u64, "file", "files"),
            fmt::count(with_findings)
        ),
    );
    let legend_y = list.height - MARGIN - 12.0;
    heat_legend(list, palette, legend_y);
    let area = Rect::new(
        MARGIN,
        MARGIN + 26.0,
        list.width - 2.0 * MARGIN,
        (legend_y - MARGIN - 34.0).max(1.0),
    );
    let nodes = build_tree(files);
    // One cell per file, a few folder frames and labels: grow once.
    list.items.reserve(files.len() + nodes.len() / 8 + 64);
    if nodes[0].lines <= 0.0 {
        empty_message(list, palette, area, "No files to show");
        return;
    }
    let mut place = Place {
        nodes: &nodes,
        files,
        palette,
        scale,
        labels: Vec::new(),
    };
    place.folder(0, snap(area, scale), true, list);
    let labels = place.labels;
    list.pixel_snapped = true;
    // Labels go last so no cell covers them.
    list.items.extend(labels.into_iter().map(Item::Text));
}

/// The folder tree; node 0 is the root. Files of zero lines count as one
/// line so that every file has some area.
fn build_tree(files: &[HotspotFile]) -> Vec<Node<'_>> {
    let mut nodes = Vec::with_capacity(files.len() + files.len() / 4 + 1);
    nodes.push(Node {
        name: "",
        lines: 0.0,
        file: None,
        children: Vec::new(),
    });
    let mut folders: HashMap<(usize, &str), usize, BuildHasherDefault<FxHasher>> =
        HashMap::default();
    for (index, file) in files.iter().enumerate() {
        let lines = file.lines.max(1) as f64;
        let mut parent = 0;
        nodes[0].lines += lines;
        // A path with no name in it ("", "/") still gets its cell.
        let unnamed = !file.path.split('/').any(|p| !p.is_empty());
        let mut parts = file
            .path
            .split('/')
            .filter(|p| !p.is_empty())
            .chain(unnamed.then_some("(no name)"))
            .peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                let id = nodes.len();
                nodes.push(Node {
                    name: part,
                    lines,
                    file: Some(index),
                    children: Vec::new(),
                });
                nodes[parent].children.push(id);
            } else {
                let id = *folders.entry((parent, part)).or_insert_with(|| {
                    nodes.push(Node {
                        name: part,
                        lines: 0.0,
                        file: None,
                        children: Vec::new(),
                    });
                    let id = nodes.len() - 1;
                    nodes[parent].children.push(id);
                    id
                });
                nodes[id].lines += lines;
                parent = id;
            }
        }
    }
    for id in 0..nodes.len() {
        let mut children = std::mem::take(&mut nodes[id].children);
        children.sort_unstable_by(|a, b| nodes[*b].lines.total_cmp(&nodes[*a].lines));
        nodes[id].children = children;
    }
    nodes
}

/// Rounds a rectangle's edges to whole device pixels.
fn snap(rect: Rect, scale: f32) -> Rect {
    let x0 = (rect.x * scale).round() / scale;
    let y0 = (rect.y * scale).round() / scale;
    let x1 = (rect.right() * scale).round() / scale;
    let y1 = (rect.bottom() * scale).round() / scale;
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// What placing cells needs besides the display list.
struct Place<'a> {
    nodes: &'a [Node<'a>],
    files: &'a [HotspotFile],
    palette: &'a Palette,
    scale: f32,
    /// Labels, drawn after every cell so none is covered.
    labels: Vec<crate::display::TextRun>,
}

impl Place<'_> {
    fn folder(&mut self, folder: usize, area: Rect, root: bool, list: &mut DisplayList) {
        let (nodes, palette) = (self.nodes, self.palette);
        // A folder holding only one folder is shown as one: "src/tenet".
        let mut folder = folder;
        let mut name = nodes[folder].name.to_string();
        while let [only] = nodes[folder].children[..] {
            if nodes[only].file.is_some() {
                break;
            }
            folder = only;
            name = if name.is_empty() {
                nodes[only].name.to_string()
            } else {
                format!("{name}/{}", nodes[only].name)
            };
        }

        let mut content = area;
        if !root || !name.is_empty() {
            if area.w >= HEADER_MIN.0 && area.h >= HEADER_MIN.1 {
                list.items.push(Item::Rect {
                    rect: area.inset(0.5),
                    fill: Fill::Solid(palette.surface),
                    stroke: Some(Stroke {
                        color: palette.grid,
                        width: 1.0,
                    }),
                });
                if let Some(fitted) = font::fit_tail(&format!("{name}/"), SMALL_SIZE, area.w - 8.0)
                {
                    self.labels.push(text(
                        area.x + 4.0,
                        area.y + 11.5,
                        SMALL_SIZE,
                        palette.text,
                        Anchor::Start,
                        fitted,
                    ));
                }
                content = Rect::new(
                    area.x + 2.0,
                    area.y + HEADER,
                    area.w - 4.0,
                    area.h - HEADER - 2.0,
                );
            } else if area.w >= 6.0 && area.h >= 6.0 {
                content = area.inset(1.0);
            }
        }

        // Children are sorted largest first when the tree is built.
        let children = &nodes[folder].children;
        let sizes: Vec<f64> = children.iter().map(|c| nodes[*c].lines).collect();
        let rects = squarify(&sizes, content);
        for (&child, rect) in children.iter().zip(rects) {
            let rect = snap(rect, self.scale);
            if rect.w <= 0.0 || rect.h <= 0.0 {
                continue;
            }
            match nodes[child].file {
                Some(index) => file_cell(
                    &self.files[index],
                    nodes[child].name,
                    rect,
                    palette,
                    list,
                    &mut self.labels,
                ),
                None => self.folder(child, rect, false, list),
            }
        }
    }
}

fn file_cell(
    file: &HotspotFile,
    name: &str,
    rect: Rect,
    palette: &Palette,
    list: &mut DisplayList,
    labels: &mut Vec<crate::display::TextRun>,
) {
    let color = palette.heat_for(file.density());
    // A hairline gap between cells where there is room for one.
    let cell = if rect.w > 3.0 && rect.h > 3.0 {
        Rect::new(rect.x, rect.y, rect.w - 1.0, rect.h - 1.0)
    } else {
        rect
    };
    list.rect(cell, Fill::Solid(color));
    if cell.w >= LABEL_MIN.0 && cell.h >= LABEL_MIN.1 {
        let ink = palette.text_on(color);
        // A label cut to a letter or two names nothing; leave it out.
        let fitted = font::fit(name, SMALL_SIZE, cell.w - 6.0)
            .filter(|f| f == name || f.chars().count() >= 5);
        if let Some(fitted) = fitted {
            labels.push(text(
                cell.x + 3.0,
                cell.y + 12.0,
                SMALL_SIZE,
                ink,
                Anchor::Start,
                fitted,
            ));
        }
        if cell.h >= 30.0 && file.findings > 0 {
            let density = format!("{}/1k", fmt::decimal(file.density()));
            if font::measure(&density, SMALL_SIZE) <= cell.w - 6.0 {
                labels.push(text(
                    cell.x + 3.0,
                    cell.y + 25.0,
                    SMALL_SIZE,
                    ink,
                    Anchor::Start,
                    density,
                ));
            }
        }
    }
}

/// "Findings per 1,000 lines:" and a swatch per bin.
fn heat_legend(list: &mut DisplayList, palette: &Palette, y: f32) {
    let caption = "Findings per 1,000 lines:";
    list.text(text(
        MARGIN,
        y + 10.5,
        SMALL_SIZE + 1.0,
        palette.text,
        Anchor::Start,
        caption.into(),
    ));
    let mut x = MARGIN + font::measure(caption, SMALL_SIZE + 1.0) + 10.0;
    let colors = std::iter::once(palette.heat_none).chain(palette.heat);
    for (color, label) in colors.zip(HEAT_LABELS) {
        x = legend_swatch(list, palette, x, y, Fill::Solid(color), label);
    }
}
