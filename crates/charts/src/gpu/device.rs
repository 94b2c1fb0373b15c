//! Finding an adapter through wgpu's default backends (Vulkan on Linux,
//! Metal on macOS, DX12 or Vulkan on Windows — `WGPU_BACKEND` overrides),
//! and the one pipeline every chart is drawn with.

use super::tessellate::Vertex;

/// The picture's format: 8-bit RGBA holding sRGB values as they are, with
/// blending in that space — as SVG renderers blend — so GPU and SVG agree.
pub const TARGET_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

/// The pipelines for one sample count.
pub struct Pipeline {
    pub samples: u32,
    /// Fills, patterns and glyphs.
    pub general: wgpu::RenderPipeline,
    /// Flat fills only (see `tessellate::Batch`).
    pub solid: wgpu::RenderPipeline,
}

pub struct Gpu {
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    pub triangle_layout: wgpu::BindGroupLayout,
    /// Single-sampled: for pictures of axis-aligned, pixel-snapped shapes.
    pub single: Pipeline,
    /// 4× MSAA where the adapter allows it, so slanted lines, curves, areas
    /// and edges between pixels are anti-aliased.
    pub multi: Option<Pipeline>,
    pub max_side: u32,
    info: wgpu::AdapterInfo,
}

impl Gpu {
    /// The device, or why there is none (in words, for `describe`).
    pub fn new() -> Result<Gpu, String> {
        let instance =
            wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
        let adapter =
            pollster::block_on(
                instance.request_adapter(&wgpu::RequestAdapterOptions {
                    power_preference: wgpu::PowerPreference::from_env()
                        .unwrap_or(wgpu::PowerPreference::HighPerformance),
                    ..Default::default()
                }),
            )
            .map_err(|e| format!("no GPU adapter: {e}"))?;
        let info = adapter.get_info();
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("tenet-charts"),
            required_limits: wgpu::Limits::downlevel_defaults().using_resolution(adapter.limits()),
            ..Default::default()
        }))
        .map_err(|e| format!("{}: no device: {e}", info.name))?;
        let msaa = adapter
            .get_texture_format_features(TARGET_FORMAT)
            .flags
            .sample_count_supported(4);
        let triangle_layout = triangle_bind_group_layout(&device);
        let pipelines = |samples| Pipeline {
            samples,
            general: triangle_pipeline(&device, &triangle_layout, samples, "fs_main"),
            solid: triangle_pipeline(&device, &triangle_layout, samples, "fs_solid"),
        };
        let single = pipelines(1);
        let multi = msaa.then(|| pipelines(4));
        let max_side = device.limits().max_texture_dimension_2d;
        Ok(Gpu {
            device,
            queue,
            triangle_layout,
            single,
            multi,
            max_side,
            info,
        })
    }

    /// "llvmpipe (LLVM 15.0.6, 256 bits) (Vulkan)".
    pub fn describe(&self) -> String {
        format!("{} ({:?})", self.info.name, self.info.backend)
    }
}

fn triangle_bind_group_layout(device: &wgpu::Device) -> wgpu::BindGroupLayout {
    device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some("chart globals and glyph atlas"),
        entries: &[
            wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX_FRAGMENT,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            },
            wgpu::BindGroupLayoutEntry {
                binding: 1,
                visibility: wgpu::ShaderStages::FRAGMENT,
                ty: wgpu::BindingType::Texture {
                    sample_type: wgpu::TextureSampleType::Float { filterable: false },
                    view_dimension: wgpu::TextureViewDimension::D2,
                    multisampled: false,
                },
                count: None,
            },
        ],
    })
}

fn target(blend: bool) -> [Option<wgpu::ColorTargetState>; 1] {
    [Some(wgpu::ColorTargetState {
        format: TARGET_FORMAT,
        blend: blend.then_some(wgpu::BlendState::ALPHA_BLENDING),
        write_mask: wgpu::ColorWrites::ALL,
    })]
}

fn multisample(samples: u32) -> wgpu::MultisampleState {
    wgpu::MultisampleState {
        count: samples,
        mask: !0,
        alpha_to_coverage_enabled: false,
    }
}

fn triangle_pipeline(
    device: &wgpu::Device,
    bind_group_layout: &wgpu::BindGroupLayout,
    samples: u32,
    fragment_entry: &str,
) -> wgpu::RenderPipeline {
    let shader = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some("chart shader"),
        source: wgpu::ShaderSource::Wgsl(include_str!("shader.wgsl").into()),
    });
    let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
        label: Some("chart pipeline layout"),
        bind_group_layouts: &[Some(bind_group_layout)],
        immediate_size: 0,
    });
    let attributes = wgpu::vertex_attr_array![
        0 => Float32x2,
        1 => Float32x2,
        2 => Unorm8x4,
        3 => Unorm8x4,
        4 => Uint32
    ];
    device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some("chart pipeline"),
        layout: Some(&layout),
        vertex: wgpu::VertexState {
            module: &shader,
            entry_point: Some("vs_main"),
            compilation_options: Default::default(),
            buffers: &[Some(wgpu::VertexBufferLayout {
                array_stride: std::mem::size_of::<Vertex>() as u64,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &attributes,
            })],
        },
        primitive: wgpu::PrimitiveState {
            topology: wgpu::PrimitiveTopology::TriangleList,
            // Lines and bands come in either winding.
            cull_mode: None,
            ..Default::default()
        },
        depth_stencil: None,
        multisample: multisample(samples),
        fragment: Some(wgpu::FragmentState {
            module: &shader,
            entry_point: Some(fragment_entry),
            compilation_options: Default::default(),
            targets: &target(true),
        }),
        multiview_mask: None,
        cache: None,
    })
}
