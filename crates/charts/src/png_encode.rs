//! RGBA pixels to PNG. The background is opaque, so the alpha channel is
//! dropped; fast compression keeps a 1600 × 1000 chart within a few
//! milliseconds (chart pictures are flat colour and compress well anyway).

use crate::error::ChartError;

pub fn encode(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let rgb: Vec<u8> = rgba
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder
            .write_header()
            .map_err(|e| ChartError::Png(e.to_string()))?;
        writer
            .write_image_data(&rgb)
            .map_err(|e| ChartError::Png(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| ChartError::Png(e.to_string()))?;
    }
    Ok(out)
}
