//! The search benchmark: a synthetic site of N documents (default 10,000; the generator in
//! `support/synthetic.rs`), built by the library in this process, then the search index's
//! size and the query times in headless Chromium (`tests/browser/bench.mjs`; needs what the
//! README's test command installs).
//!
//! ```sh
//! cargo run --release --example search_bench            # 10,000 documents
//! cargo run --release --example search_bench -- 2000    # 2,000 documents
//! cargo run --release --example search_bench -- 10000 DIR  # keep the site in DIR
//! ```
//!
//! Not a test: the numbers depend on the machine. It exits with 1 when the index grows past
//! 4 MB or the median query takes 50 ms or more.

#[path = "support/synthetic.rs"]
mod synthetic;

use aftalebog::config::BuildOptions;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const QUERIES: [&str; 8] = [
    "aftalerne",
    "samarbejde",
    "kommunen psykiatri",
    "ips",
    "borgerens",
    "sa",
    "implementeringsplan",
    "uddannelse job",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let docs: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let root = args.get(1).map_or_else(|| dir.path().join("site"), PathBuf::from);
    let _ = std::fs::remove_dir_all(&root);
    synthetic::write_site(&root, repo, docs);

    let started = Instant::now();
    let opts =
        BuildOptions { pages: true, today: aftalebog::date::Date::parse("2026-11-23"), ..BuildOptions::default() };
    let build = aftalebog::build(&root, &opts);
    let Some(site) = build.site else {
        eprintln!("the synthetic site did not build: {:?}", build.diagnostics);
        std::process::exit(2);
    };
    aftalebog::output::write_site(&site.files, &root.join("public"), &[]).expect("write the site");
    let elapsed = started.elapsed();
    let index = std::fs::metadata(root.join("public/search-index.js")).expect("search-index.js").len();
    println!("{docs} documents built and written in {elapsed:.2?}; search-index.js is {index} bytes");

    let spec = serde_json::json!({ "site": root.join("public").display().to_string(), "queries": QUERIES });
    let out = Command::new("node")
        .arg(repo.join("tests/browser/bench.mjs"))
        .arg(spec.to_string())
        .current_dir(repo.join("tests/browser"))
        .output()
        .expect("run node (install it, Chromium and the npm packages with ./test.sh)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        eprintln!("bench.mjs failed:\n{}\n{stdout}", String::from_utf8_lossy(&out.stderr));
        std::process::exit(2);
    }
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("bench.mjs prints JSON");
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    let median = report["median_query_ms"].as_f64().unwrap_or(f64::INFINITY);
    if report["errors"] != serde_json::json!([]) || index >= 4_000_000 || median >= 50.0 {
        eprintln!("over budget: index {index} bytes (limit 4,000,000), median query {median} ms (limit 50)");
        std::process::exit(1);
    }
}
