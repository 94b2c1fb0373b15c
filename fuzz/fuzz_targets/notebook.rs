#![no_main]
#[path = "common.rs"]
mod common;

// The bytes become one code cell, so the fuzzer explores the IPython-mode
// parser rather than the JSON reader.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let cell = format!(
        "{{\"cells\":[{{\"cell_type\":\"code\",\"source\":{},\"metadata\":{{}},\"outputs\":[]}}],\"metadata\":{{}},\"nbformat\":4,\"nbformat_minor\":5}}",
        escape_json(&source)
    );
    common::check_twice("analysis.ipynb", cell.as_bytes());
});

fn escape_json(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
