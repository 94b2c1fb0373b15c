//! Text: the embedded font (measuring, fitting labels) and the glyph atlas
//! the GPU draws text from.

pub mod atlas;
pub mod font;
