// One pipeline draws every chart: flat fills, patterned fills (computed
// per pixel from the logical position, so they line up with the SVG
// writer's <pattern>s) and glyphs from the coverage atlas.

struct Globals {
    // Target size in device pixels.
    size: vec2<f32>,
    // Device pixels per logical pixel.
    scale: f32,
    _pad: f32,
};

@group(0) @binding(0) var<uniform> globals: Globals;
@group(0) @binding(1) var atlas: texture_2d<f32>;

const KIND_FILL: u32 = 0u;
const KIND_GLYPH: u32 = 1u;
const KIND_DIAGONAL: u32 = 2u;
const KIND_DOTS: u32 = 3u;

// Must match display::Pattern's constants.
const DIAGONAL_PERIOD: f32 = 6.0;
const DIAGONAL_INK: f32 = 2.4;
const DOT_CELL: f32 = 6.0;
const DOT_RADIUS: f32 = 1.3;

struct VertexOut {
    @builtin(position) position: vec4<f32>,
    @location(0) uv: vec2<f32>,
    @location(1) color: vec4<f32>,
    @location(2) ink: vec4<f32>,
    @location(3) @interpolate(flat) kind: u32,
};

@vertex
fn vs_main(
    @location(0) position: vec2<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) color: vec4<f32>,
    @location(3) ink: vec4<f32>,
    @location(4) kind: u32,
) -> VertexOut {
    var out: VertexOut;
    let ndc = vec2<f32>(position.x / globals.size.x * 2.0 - 1.0, 1.0 - position.y / globals.size.y * 2.0);
    out.position = vec4<f32>(ndc, 0.0, 1.0);
    out.uv = uv;
    out.color = color;
    out.ink = ink;
    out.kind = kind;
    return out;
}

fn positive_mod(x: f32, m: f32) -> f32 {
    return x - m * floor(x / m);
}

// How much of this pixel the pattern's ink covers, anti-aliased over one
// device pixel (1 / scale logical pixels).
fn diagonal_coverage(p: vec2<f32>) -> f32 {
    let s = positive_mod(p.x + p.y, DIAGONAL_PERIOD);
    // Signed distance along x + y into the ink band [0, DIAGONAL_INK).
    let inside = min(s, DIAGONAL_INK - s);
    let outside = -min(s - DIAGONAL_INK, DIAGONAL_PERIOD - s);
    let signed = select(outside, inside, s < DIAGONAL_INK);
    // x + y changes by sqrt(2) / scale across a pixel along its gradient.
    let pixel = 1.41421356 / globals.scale;
    return clamp(signed / pixel + 0.5, 0.0, 1.0);
}

fn dot_coverage(p: vec2<f32>) -> f32 {
    let q = vec2<f32>(positive_mod(p.x, DOT_CELL), positive_mod(p.y, DOT_CELL)) - vec2<f32>(DOT_CELL * 0.5);
    let distance = length(q) - DOT_RADIUS;
    return clamp(0.5 - distance * globals.scale, 0.0, 1.0);
}

@fragment
fn fs_main(in: VertexOut) -> @location(0) vec4<f32> {
    let logical = in.position.xy / globals.scale;
    switch in.kind {
        case KIND_GLYPH: {
            let coverage = textureLoad(atlas, vec2<i32>(floor(in.uv)), 0).r;
            return vec4<f32>(in.color.rgb, in.color.a * coverage);
        }
        case KIND_DIAGONAL: {
            let a = in.ink.a * diagonal_coverage(logical);
            return vec4<f32>(mix(in.color.rgb, in.ink.rgb, a), in.color.a);
        }
        case KIND_DOTS: {
            let a = in.ink.a * dot_coverage(logical);
            return vec4<f32>(mix(in.color.rgb, in.ink.rgb, a), in.color.a);
        }
        default: {
            return in.color;
        }
    }
}

// Flat fills only: the simplest shader, which software rasterizers can
// take fast paths for.
@fragment
fn fs_solid(in: VertexOut) -> @location(0) vec4<f32> {
    return in.color;
}
