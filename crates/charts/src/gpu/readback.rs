//! Copying the picture to a buffer the CPU can map. Buffer rows must be
//! padded to 256 bytes (`COPY_BYTES_PER_ROW_ALIGNMENT`); the padding is cut
//! off again when the pixels are read.

use crate::error::ChartError;

pub struct Staging {
    buffer: wgpu::Buffer,
    padded_row: u32,
}

fn padded_row(width: u32) -> u32 {
    let row = width * 4;
    row.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT
}

/// Records the copy of `texture` into a mappable buffer.
pub fn copy_out(
    device: &wgpu::Device,
    encoder: &mut wgpu::CommandEncoder,
    texture: &wgpu::Texture,
    width: u32,
    height: u32,
) -> Staging {
    let padded_row = padded_row(width);
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("chart readback"),
        size: u64::from(padded_row) * u64::from(height),
        usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
        mapped_at_creation: false,
    });
    encoder.copy_texture_to_buffer(
        wgpu::TexelCopyTextureInfo {
            texture,
            mip_level: 0,
            origin: wgpu::Origin3d::ZERO,
            aspect: wgpu::TextureAspect::All,
        },
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded_row),
                rows_per_image: Some(height),
            },
        },
        wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
    );
    Staging { buffer, padded_row }
}

/// Maps the buffer (after the copy was submitted) and returns tight RGBA rows.
pub fn read(
    device: &wgpu::Device,
    staging: &Staging,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ChartError> {
    let slice = staging.buffer.slice(..);
    let (sender, receiver) = std::sync::mpsc::channel();
    slice.map_async(wgpu::MapMode::Read, move |result| {
        let _ = sender.send(result);
    });
    device
        .poll(wgpu::PollType::wait_indefinitely())
        .map_err(|e| ChartError::Gpu(e.to_string()))?;
    receiver
        .recv()
        .map_err(|e| ChartError::Gpu(e.to_string()))?
        .map_err(|e| ChartError::Gpu(format!("mapping the picture: {e}")))?;
    let row = (width * 4) as usize;
    let mut pixels = Vec::with_capacity(row * height as usize);
    {
        let mapped = slice
            .get_mapped_range()
            .map_err(|e| ChartError::Gpu(format!("reading the picture: {e}")))?;
        for line in mapped.chunks_exact(staging.padded_row as usize) {
            pixels.extend_from_slice(&line[..row]);
        }
    }
    staging.buffer.unmap();
    Ok(pixels)
}
