//! The whole pipeline on arbitrary bytes: the input is split at NUL bytes into documents
//! (front matter and Markdown as the fuzzer writes them) and `site.yaml`, and built with the
//! library's `build`. It must never panic; `tests/it/safety/property.rs` checks links too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let config = parts.next().unwrap_or_default();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/aftaler")).unwrap();
    std::fs::write(root.join("site.yaml"), config).unwrap();
    for (i, doc) in parts.take(8).enumerate() {
        std::fs::write(root.join(format!("content/aftaler/d{i}.md")), doc).unwrap();
    }
    let opts = aftalebog::BuildOptions {
        today: aftalebog::date::Date::parse("2025-01-01"),
        ..aftalebog::BuildOptions::default()
    };
    let _ = aftalebog::build(root, &opts);
});
