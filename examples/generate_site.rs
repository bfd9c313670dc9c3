//! Writes a synthetic site of N documents (see `synthetic.rs`), deterministic for a seed, for
//! aftalebog, Hugo or mdBook, with the same text and pages for each:
//!
//! ```sh
//! cargo run --release --example generate_site -- DIR 10000                 # aftalebog
//! cargo run --release --example generate_site -- DIR 10000 --for hugo      # Hugo site
//! cargo run --release --example generate_site -- DIR 10000 --for mdbook    # mdBook book
//! cargo run --release --example generate_site -- DIR 10000 --seed 7        # another site
//! ```

#[path = "support/peers.rs"]
mod peers;
#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let positional: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")))
        .map(|(_, a)| a)
        .collect();
    let dir = Path::new(positional.first().map(|s| s.as_str()).unwrap_or("bench-site"));
    let n: usize = positional.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let seed: u64 = flag("--seed").and_then(|s| s.parse().ok()).unwrap_or(synthetic::DEFAULT_SEED);
    let tool = flag("--for").unwrap_or_else(|| "aftalebog".into());
    let site = synthetic::generate(Path::new(env!("CARGO_MANIFEST_DIR")), n, seed);
    match tool.as_str() {
        "aftalebog" => synthetic::write_aftalebog(&site, dir),
        "hugo" => peers::write_hugo(&site, dir),
        "mdbook" => peers::write_mdbook(&site, dir),
        other => {
            eprintln!("unknown --for {other}: aftalebog, hugo or mdbook");
            std::process::exit(2);
        }
    }
    println!("wrote {n} documents for {tool} to {}", dir.display());
}
