use thiserror::Error;

#[derive(Debug, Error)]
pub enum ChartError {
    #[error("chart size {width}×{height} is out of range (1 to {max} logical pixels a side)")]
    Size { width: u32, height: u32, max: u32 },
    #[error("scale {0} is out of range (0.25 to 8)")]
    Scale(f32),
    #[error("chart of {width}×{height} device pixels exceeds the GPU's limit of {limit}")]
    TooLarge { width: u32, height: u32, limit: u32 },
    #[error("GPU rendering failed: {0}")]
    Gpu(String),
    #[error("PNG encoding failed: {0}")]
    Png(String),
}
