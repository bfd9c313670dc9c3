//! Writes a synthetic site of N documents for benchmarks, with the same generator as the
//! search benchmark (Danish words from the bundled site, deterministic):
//! `cargo run --release --example generate_site -- DIR 10000`.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(args.get(1).map(String::as_str).unwrap_or("bench-site"));
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    synthetic::write_site(dir, Path::new(env!("CARGO_MANIFEST_DIR")), n);
    println!("wrote {n} documents to {}", dir.display());
}
