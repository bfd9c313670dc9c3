//! Save-to-reload latency of `aftalebog serve`: the time from an editor's save (write a temp
//! file, rename it over the document) until a browser's waiting long poll on
//! `/__aftalebog/livereload?since=G` has the answer with generation G+1. That span holds the
//! file event, the debounce quiet period, the full in-memory rebuild and the publish.
//!
//! ```sh
//! cargo run --release --example reload_latency            # default site and 10,000 documents
//! cargo run --release --example reload_latency -- 2000 5  # 2,000 generated documents, 5 rounds
//! cargo run --release --example reload_latency -- --site DIR --doc content/aftaler/doc-00042.md --rounds 5
//! cargo run --release --example reload_latency -- --site DIR --title   # edit the title, not the text
//! ```
//!
//! A save changes the document's text (a new first paragraph), the common edit, which makes
//! only the pages that show that text; with `--title` it changes the title instead, which
//! every list that names the document shows, so every page's context is made again.
//!
//! Generated sites come from `examples/support/synthetic.rs` (the benchmarks' one generator).
//!
//! Talks to 127.0.0.1 only. Not a test: the numbers depend on the machine.

#[path = "support/synthetic.rs"]
mod synthetic;

use aftalebog::config::BuildOptions;
use aftalebog::serve::{self, state::Outcome};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// The allocator `aftalebog serve` runs with (src/main.rs), so the figures are the program's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // As `aftalebog` itself does (src/main.rs): no transparent huge pages.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only changes this process's policy.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // Stage timings of each rebuild with RUST_LOG=aftalebog=debug.
    let _ = env_logger::try_init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(site) = flag("--site") {
        let doc = flag("--doc").unwrap_or_else(|| "content/aftaler/doc-00042.md".into());
        let rounds = flag("--rounds").and_then(|a| a.parse().ok()).unwrap_or(5);
        let edit = if args.iter().any(|a| a == "--title") { Edit::Title } else { Edit::Text };
        measure(&site, Path::new(&site), &doc, (rounds, edit));
        return;
    }
    let docs: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5);

    let dir = tempfile::tempdir().expect("temp dir");
    let small = dir.path().join("default");
    copy_default_site(repo, &small);
    measure(
        "default site (5 documents + 18 principles/parties)",
        &small,
        "content/principper/ingen-eksklusion.md",
        (20, Edit::Text),
    );

    let big = dir.path().join("big");
    let start = Instant::now();
    synthetic::write_site(&big, repo, docs);
    println!("\ngenerated {docs} documents in {:.1} s", start.elapsed().as_secs_f64());
    measure(&format!("generated site ({docs} documents)"), &big, "content/aftaler/doc-00042.md", (rounds, Edit::Text));
}

/// What each save changes.
#[derive(Clone, Copy)]
enum Edit {
    Text,
    Title,
}

impl Edit {
    fn apply(self, original: &str, round: usize) -> String {
        match self {
            Edit::Text => original.replacen("\n---\n", &format!("\n---\nÆndring {round}.\n\n"), 1),
            Edit::Title => original.replacen("title: \"", &format!("title: \"Ændring {round}: "), 1),
        }
    }
}

/// Starts the server in this process, then saves `doc` `rounds` times, each while a long poll
/// waits, and prints the latencies.
fn measure(name: &str, root: &Path, doc: &str, (rounds, edit): (usize, Edit)) {
    let builds: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let sink = builds.clone();
    let opts = serve::Options {
        root: root.to_path_buf(),
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        poll: false,
        build: BuildOptions { today: aftalebog::date::Date::parse("2025-03-01"), ..BuildOptions::default() },
        builder: aftalebog::serve::rebuild::memoised(),
        on_build: Box::new(move |o: &Outcome, _| sink.lock().unwrap().push(o.elapsed)),
    };
    let running = serve::start(opts).expect("start the server");
    let port = running.addr.port();
    let first_build = builds.lock().unwrap()[0];
    let path = root.join(doc);
    let original = std::fs::read_to_string(&path).unwrap();
    let mut latencies = Vec::new();
    for round in 0..rounds {
        let g = generation(port, None);
        let poll = std::thread::spawn(move || {
            let g2 = generation(port, Some(g));
            (g2, Instant::now())
        });
        std::thread::sleep(Duration::from_millis(300));
        let saved = Instant::now();
        let edited = edit.apply(&original, round);
        assert_ne!(edited, original, "the edit changes {doc}");
        atomic_write(&path, &edited);
        let (g2, answered) = poll.join().unwrap();
        assert_eq!(g2, g + 1, "a new generation");
        latencies.push(answered - saved);
        std::thread::sleep(Duration::from_millis(150));
    }
    let rebuilds: Vec<Duration> = builds.lock().unwrap()[1..].to_vec();
    // The server runs in this process: its memory is this process's, less a few MB of client.
    let memory = resident();
    running.stop();
    // A site given with `--site` is someone's own: the document goes back as it was.
    atomic_write(&path, &original);
    println!("\n{name}");
    println!("  first build:            {:>7.1} ms", ms(first_build));
    report("  rebuild (in memory):   ", &rebuilds);
    report("  save → long poll:      ", &latencies);
    if let Some((now, peak)) = memory {
        println!("  resident after saves:  {now:>7} MB  (peak {peak} MB)");
    }
}

/// This process's resident memory and its peak, in MB (Linux; `None` elsewhere).
fn resident() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn report(label: &str, values: &[Duration]) {
    let mut v = values.to_vec();
    v.sort();
    if v.is_empty() {
        return;
    }
    let median = v[v.len() / 2];
    println!(
        "{label}min {:>7.1} ms  median {:>7.1} ms  max {:>7.1} ms  ({} runs)",
        ms(v[0]),
        ms(median),
        ms(*v.last().unwrap()),
        v.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One live-reload request over raw HTTP/1.1; with `since`, it waits for the next generation.
fn generation(port: u16, since: Option<u64>) -> u64 {
    let query = since.map(|g| format!("?since={g}")).unwrap_or_default();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET /__aftalebog/livereload{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(s);
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
        line.clear();
    }
    let mut body = String::new();
    reader.read_to_string(&mut body).unwrap();
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    json["generation"].as_u64().unwrap()
}

fn atomic_write(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(".{}.tmp", path.file_name().unwrap().to_string_lossy()));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn copy_default_site(repo: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(repo).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    std::fs::copy(repo.join("site.yaml"), to.join("site.yaml")).unwrap();
}
