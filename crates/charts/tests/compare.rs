//! GPU against SVG: filled in with the wgpu renderer.
