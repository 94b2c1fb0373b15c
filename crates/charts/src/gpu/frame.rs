//! One chart: tessellate, upload, draw into a multisampled texture,
//! resolve, and read the pixels back.

use super::device::{Gpu, TARGET_FORMAT};
use super::readback;
use super::tessellate::tessellate;
use crate::display::DisplayList;
use crate::error::ChartError;
use crate::options::Timings;
use std::time::Instant;
use wgpu::util::DeviceExt;

impl Gpu {
    /// RGBA pixels of `list` at `scale`, with their width and height.
    pub fn render(
        &self,
        list: &DisplayList,
        scale: f32,
        timings: &mut Timings,
    ) -> Result<(Vec<u8>, u32, u32), ChartError> {
        let width = (list.width * scale).round().max(1.0) as u32;
        let height = (list.height * scale).round().max(1.0) as u32;
        if width > self.max_side || height > self.max_side {
            return Err(ChartError::TooLarge {
                width,
                height,
                limit: self.max_side,
            });
        }

        let started = Instant::now();
        let mesh = tessellate(list, scale);
        timings.tessellation = started.elapsed();

        let started = Instant::now();
        let device = &self.device;
        let vertices = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("chart vertices"),
            contents: bytemuck::cast_slice(&mesh.vertices),
            usage: wgpu::BufferUsages::VERTEX,
        });
        let indices = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("chart indices"),
            contents: bytemuck::cast_slice(&mesh.indices),
            usage: wgpu::BufferUsages::INDEX,
        });
        let globals: [f32; 4] = [width as f32, height as f32, scale, 0.0];
        let globals = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("chart globals"),
            contents: bytemuck::cast_slice(&globals),
            usage: wgpu::BufferUsages::UNIFORM,
        });
        let atlas_size = wgpu::Extent3d {
            width: mesh.atlas.width,
            height: mesh.atlas.height,
            depth_or_array_layers: 1,
        };
        let atlas = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("glyph atlas"),
            size: atlas_size,
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::R8Unorm,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        });
        self.queue.write_texture(
            wgpu::TexelCopyTextureInfo {
                texture: &atlas,
                mip_level: 0,
                origin: wgpu::Origin3d::ZERO,
                aspect: wgpu::TextureAspect::All,
            },
            &mesh.atlas.coverage,
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(mesh.atlas.width),
                rows_per_image: Some(mesh.atlas.height),
            },
            atlas_size,
        );
        let atlas_view = atlas.create_view(&Default::default());
        let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("chart bindings"),
            layout: &self.triangle_layout,
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: globals.as_entire_binding(),
                },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: wgpu::BindingResource::TextureView(&atlas_view),
                },
            ],
        });

        // Multisampling pays only for edges off the pixel grid: a picture of
        // pixel-snapped cells and text is exact without it.
        let pipeline = match &self.multi {
            Some(multi) if !list.pixel_snapped => multi,
            _ => &self.single,
        };

        let size = wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        };
        let target = |label, sample_count, usage| {
            device.create_texture(&wgpu::TextureDescriptor {
                label: Some(label),
                size,
                mip_level_count: 1,
                sample_count,
                dimension: wgpu::TextureDimension::D2,
                format: TARGET_FORMAT,
                usage,
                view_formats: &[],
            })
        };
        let resolved = target(
            "chart picture",
            1,
            wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        );
        let resolved_view = resolved.create_view(&Default::default());
        let multisampled = (pipeline.samples > 1).then(|| {
            target(
                "chart samples",
                pipeline.samples,
                wgpu::TextureUsages::RENDER_ATTACHMENT,
            )
        });
        let multisampled_view = multisampled
            .as_ref()
            .map(|t| t.create_view(&Default::default()));

        let background = list.background;
        let clear = wgpu::Color {
            r: f64::from(background.r) / 255.0,
            g: f64::from(background.g) / 255.0,
            b: f64::from(background.b) / 255.0,
            a: 1.0,
        };
        let mut encoder = device.create_command_encoder(&Default::default());
        {
            let (view, resolve_target) = match &multisampled_view {
                Some(samples) => (samples, Some(&resolved_view)),
                None => (&resolved_view, None),
            };
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("chart pass"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view,
                    depth_slice: None,
                    resolve_target,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(clear),
                        // The samples are not needed once resolved.
                        store: if resolve_target.is_some() {
                            wgpu::StoreOp::Discard
                        } else {
                            wgpu::StoreOp::Store
                        },
                    },
                })],
                depth_stencil_attachment: None,
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            if !mesh.indices.is_empty() {
                pass.set_bind_group(0, &bind_group, &[]);
                pass.set_vertex_buffer(0, vertices.slice(..));
                pass.set_index_buffer(indices.slice(..), wgpu::IndexFormat::Uint32);
                for batch in &mesh.batches {
                    pass.set_pipeline(if batch.solid {
                        &pipeline.solid
                    } else {
                        &pipeline.general
                    });
                    pass.draw_indexed(batch.indices.clone(), 0, 0..1);
                }
            }
        }
        let staging = readback::copy_out(device, &mut encoder, &resolved, width, height);
        let submission = self.queue.submit([encoder.finish()]);
        device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(submission),
                timeout: None,
            })
            .map_err(|e| ChartError::Gpu(e.to_string()))?;
        timings.gpu = started.elapsed();

        let started = Instant::now();
        let pixels = readback::read(device, &staging, width, height)?;
        timings.readback = started.elapsed();
        Ok((pixels, width, height))
    }
}
