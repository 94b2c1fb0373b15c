//! The display list as triangles, in device pixels: rectangles as quads,
//! bands as trapezoids, lines as quads with round joins and caps where SVG
//! has them, markers and joins as fans, text as glyph quads from the atlas.

use crate::display::{DisplayList, Fill, Item, MarkerShape, Pattern, Rect, Stroke};
use crate::palette::Color;
use crate::text::atlas::{self, Atlas};
use bytemuck::{Pod, Zeroable};

pub const KIND_FILL: u32 = 0;
pub const KIND_GLYPH: u32 = 1;
pub const KIND_DIAGONAL: u32 = 2;
pub const KIND_DOTS: u32 = 3;

#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
pub struct Vertex {
    pub position: [f32; 2],
    /// Atlas texel coordinates for glyphs.
    pub uv: [f32; 2],
    pub color: [u8; 4],
    /// The pattern's ink.
    pub ink: [u8; 4],
    pub kind: u32,
}

/// A run of indices drawn with one pipeline, in painting order.
pub struct Batch {
    pub indices: std::ops::Range<u32>,
    /// Flat fills only: drawn with the plain shader, for which software
    /// rasterizers such as lavapipe take fast paths (several times faster
    /// on the 50,000-cell hotspot map).
    pub solid: bool,
}

pub struct Mesh {
    pub vertices: Vec<Vertex>,
    pub indices: Vec<u32>,
    pub batches: Vec<Batch>,
    pub atlas: Atlas,
}

struct Builder {
    scale: f32,
    vertices: Vec<Vertex>,
    indices: Vec<u32>,
    batches: Vec<Batch>,
}

fn rgba(c: Color) -> [u8; 4] {
    [c.r, c.g, c.b, c.a]
}

/// The paint of a fill: base colour, ink and shader kind.
fn paint(fill: &Fill) -> ([u8; 4], [u8; 4], u32) {
    match *fill {
        Fill::Solid(color) => (rgba(color), [0; 4], KIND_FILL),
        Fill::Pattern { base, ink, pattern } => (
            rgba(base),
            rgba(ink),
            match pattern {
                Pattern::Diagonal => KIND_DIAGONAL,
                Pattern::Dots => KIND_DOTS,
                Pattern::Plain => KIND_FILL,
            },
        ),
    }
}

impl Builder {
    /// Adds a primitive's indices to the batch of its kind, starting a new
    /// batch when the kind changes.
    fn triangles(&mut self, indices: &[u32], solid: bool) {
        let at = self.indices.len() as u32;
        match self.batches.last_mut() {
            Some(batch) if batch.solid == solid => {}
            _ => self.batches.push(Batch {
                indices: at..at,
                solid,
            }),
        }
        self.indices.extend_from_slice(indices);
        let end = self.indices.len() as u32;
        if let Some(batch) = self.batches.last_mut() {
            batch.indices.end = end;
        }
    }

    fn vertex(
        &mut self,
        p: [f32; 2],
        uv: [f32; 2],
        color: [u8; 4],
        ink: [u8; 4],
        kind: u32,
    ) -> u32 {
        let index = self.vertices.len() as u32;
        self.vertices.push(Vertex {
            position: p,
            uv,
            color,
            ink,
            kind,
        });
        index
    }

    /// A quadrilateral from four corners in device pixels, in order.
    fn quad(&mut self, corners: [[f32; 2]; 4], color: [u8; 4], ink: [u8; 4], kind: u32) {
        let first = self.vertices.len() as u32;
        for corner in corners {
            self.vertex(corner, [0.0; 2], color, ink, kind);
        }
        self.triangles(
            &[first, first + 1, first + 2, first, first + 2, first + 3],
            kind == KIND_FILL,
        );
    }

    fn rect(&mut self, r: Rect, color: [u8; 4], ink: [u8; 4], kind: u32) {
        if r.w <= 0.0 || r.h <= 0.0 {
            return;
        }
        let s = self.scale;
        let (x0, y0, x1, y1) = (r.x * s, r.y * s, r.right() * s, r.bottom() * s);
        self.quad([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], color, ink, kind);
    }

    /// A segment of `width` logical pixels, butt-ended.
    fn segment(&mut self, a: [f32; 2], b: [f32; 2], stroke: Stroke) {
        let s = self.scale;
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let length = (dx * dx + dy * dy).sqrt();
        if length == 0.0 {
            return;
        }
        let half = stroke.width / 2.0;
        let (nx, ny) = (-dy / length * half, dx / length * half);
        let corner = |p: [f32; 2], sign: f32| [(p[0] + nx * sign) * s, (p[1] + ny * sign) * s];
        self.quad(
            [
                corner(a, 1.0),
                corner(b, 1.0),
                corner(b, -1.0),
                corner(a, -1.0),
            ],
            rgba(stroke.color),
            [0; 4],
            KIND_FILL,
        );
    }

    /// A filled disc of `radius` logical pixels.
    fn disc(&mut self, at: [f32; 2], radius: f32, color: [u8; 4]) {
        if radius <= 0.0 {
            return;
        }
        let s = self.scale;
        // Enough sides that the polygon's error stays under a tenth of a pixel.
        let sides = ((radius * s).sqrt() * 6.0).clamp(12.0, 64.0) as u32;
        let centre = self.vertex([at[0] * s, at[1] * s], [0.0; 2], color, [0; 4], KIND_FILL);
        let first = self.vertices.len() as u32;
        for i in 0..sides {
            let angle = i as f32 / sides as f32 * std::f32::consts::TAU;
            self.vertex(
                [
                    (at[0] + radius * angle.cos()) * s,
                    (at[1] + radius * angle.sin()) * s,
                ],
                [0.0; 2],
                color,
                [0; 4],
                KIND_FILL,
            );
        }
        for i in 0..sides {
            self.triangles(&[centre, first + i, first + (i + 1) % sides], true);
        }
    }

    /// A rectangle's outline, centred on its edges as SVG strokes are.
    fn outline(&mut self, r: Rect, stroke: Stroke) {
        let half = stroke.width / 2.0;
        let color = rgba(stroke.color);
        let edges = [
            Rect::new(r.x - half, r.y - half, r.w + stroke.width, stroke.width),
            Rect::new(
                r.x - half,
                r.bottom() - half,
                r.w + stroke.width,
                stroke.width,
            ),
            Rect::new(r.x - half, r.y + half, stroke.width, r.h - stroke.width),
            Rect::new(
                r.right() - half,
                r.y + half,
                stroke.width,
                r.h - stroke.width,
            ),
        ];
        for edge in edges {
            self.rect(edge, color, [0; 4], KIND_FILL);
        }
    }
}

/// Triangulates `list` at `scale` device pixels per logical pixel.
pub fn tessellate(list: &DisplayList, scale: f32) -> Mesh {
    let mut builder = Builder {
        scale,
        vertices: Vec::with_capacity(list.items.len() * 4),
        indices: Vec::with_capacity(list.items.len() * 6),
        batches: Vec::new(),
    };
    let runs = list.items.iter().filter_map(|item| match item {
        Item::Text(run) => Some(run),
        _ => None,
    });
    let (atlas, placed) = atlas::build(runs, scale);
    let mut placed = placed.into_iter();
    for item in &list.items {
        match item {
            Item::Rect { rect, fill, stroke } => {
                let (color, ink, kind) = paint(fill);
                builder.rect(*rect, color, ink, kind);
                if let Some(stroke) = stroke {
                    builder.outline(*rect, *stroke);
                }
            }
            Item::Band {
                xs,
                lower,
                upper,
                fill,
            } => {
                let (color, ink, kind) = paint(fill);
                for i in 1..xs.len() {
                    let p = |x: f32, y: f32| [x * scale, y * scale];
                    builder.quad(
                        [
                            p(xs[i - 1], upper[i - 1]),
                            p(xs[i], upper[i]),
                            p(xs[i], lower[i]),
                            p(xs[i - 1], lower[i - 1]),
                        ],
                        color,
                        ink,
                        kind,
                    );
                }
            }
            Item::Line { from, to, stroke } => builder.segment(*from, *to, *stroke),
            Item::Polyline { points, stroke } => {
                for pair in points.windows(2) {
                    builder.segment(pair[0], pair[1], *stroke);
                }
                // Round joins and caps, as the SVG writer asks for.
                for point in points {
                    builder.disc(*point, stroke.width / 2.0, rgba(stroke.color));
                }
            }
            Item::Marker {
                at,
                size,
                shape,
                fill,
                stroke,
            } => match shape {
                MarkerShape::Circle => {
                    let radius = size / 2.0;
                    builder.disc(*at, radius + stroke.width / 2.0, rgba(stroke.color));
                    builder.disc(*at, radius - stroke.width / 2.0, rgba(*fill));
                }
                MarkerShape::Square => {
                    let rect = Rect::new(at[0] - size / 2.0, at[1] - size / 2.0, *size, *size);
                    builder.rect(rect, rgba(*fill), [0; 4], KIND_FILL);
                    builder.outline(rect, *stroke);
                }
            },
            Item::Text(_) => {
                let Some((run, quads)) = placed.next() else {
                    continue;
                };
                let color = rgba(run.color);
                for q in quads {
                    let first = builder.vertices.len() as u32;
                    let corners = [
                        ([q.x, q.y], [q.u, q.v]),
                        ([q.x + q.w, q.y], [q.u + q.w, q.v]),
                        ([q.x + q.w, q.y + q.h], [q.u + q.w, q.v + q.h]),
                        ([q.x, q.y + q.h], [q.u, q.v + q.h]),
                    ];
                    for (position, uv) in corners {
                        builder.vertex(position, uv, color, [0; 4], KIND_GLYPH);
                    }
                    builder.triangles(
                        &[first, first + 1, first + 2, first, first + 2, first + 3],
                        false,
                    );
                }
            }
        }
    }
    Mesh {
        vertices: builder.vertices,
        indices: builder.indices,
        batches: builder.batches,
        atlas,
    }
}
