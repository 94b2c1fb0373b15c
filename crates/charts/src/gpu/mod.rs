//! The display list drawn by wgpu into an offscreen texture and read back:
//! the device is made once per renderer ([`device`]), each chart is one
//! render pass of a few draws ([`frame`]) and one copy back to memory
//! ([`readback`]).

mod device;
mod frame;
mod readback;
mod tessellate;

pub use device::Gpu;
