//! The display list drawn by wgpu into an offscreen texture and read back.

use crate::display::DisplayList;
use crate::error::ChartError;
use crate::options::Timings;

pub struct Gpu {}

impl Gpu {
    pub fn new() -> Result<Gpu, String> {
        Err("not built yet".into())
    }

    pub fn describe(&self) -> String {
        String::new()
    }

    pub fn render(
        &self,
        _list: &DisplayList,
        _scale: f32,
        _timings: &mut Timings,
    ) -> Result<(Vec<u8>, u32, u32), ChartError> {
        Err(ChartError::Gpu("not built yet".into()))
    }
}
