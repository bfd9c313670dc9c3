//! Cost bounded for any input: each pathological input that once took quadratic time or
//! gigabytes runs at size n and 2n; the time roughly doubles (ratio under 3) and memory stays
//! small. The ones past a limit end in a clear error at their line.

use crate::harness::{fixture, Site};
use std::process::Command;
use std::time::Duration;

/// Peak memory allowed for `check` on any of these inputs.
const MAX_RSS_KB: u64 = 300 * 1024;

struct Measure {
    time: Duration,
    rss_kb: u64,
    stderr: String,
}

/// `aftalebog check` under GNU time: the lower CPU time (user + system) of two runs, and peak
/// memory. CPU time rather than wall time, so that other work on the machine does not count.
fn measure(site: &Site) -> Measure {
    let mut best: Option<Measure> = None;
    for _ in 0..2 {
        let out = Command::new("/usr/bin/time")
            .args(["-f", "cpu-seconds=%U %S peak-rss-kb=%M"])
            .arg(crate::harness::bin())
            .arg("check")
            .current_dir(&site.root)
            .output()
            .expect("GNU time (/usr/bin/time) runs aftalebog");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let rss_kb = stderr.rsplit("peak-rss-kb=").next().and_then(|s| s.trim().parse().ok()).expect("peak RSS");
        let cpu = stderr.rsplit("cpu-seconds=").next().and_then(|s| s.split(" peak").next()).expect("CPU time");
        let seconds: f64 = cpu.split(' ').map(|x| x.parse::<f64>().expect("seconds")).sum();
        let time = Duration::from_secs_f64(seconds);
        if best.as_ref().is_none_or(|b| time < b.time) {
            best = Some(Measure { time, rss_kb, stderr });
        }
    }
    best.unwrap()
}

/// Runs the input made by `make(n)` at n and 2n; returns the larger run's diagnostics.
fn roughly_linear(name: &str, n: usize, make: impl Fn(usize) -> (String, String)) -> String {
    let run = |n: usize| {
        let site = fixture("check", "ok");
        let (path, text) = make(n);
        site.write(&path, &text);
        measure(&site)
    };
    let (a, b) = (run(n), run(2 * n));
    // Below 0.2 s of CPU the start-up of the process dominates and the ratio says nothing.
    let floor = Duration::from_millis(200);
    let ratio = b.time.as_secs_f64() / a.time.max(floor).as_secs_f64();
    assert!(ratio < 3.0, "{name}: {:?} at n, {:?} at 2n (ratio {ratio:.1})", a.time, b.time);
    for m in [&a, &b] {
        assert!(m.rss_kb < MAX_RSS_KB, "{name}: peak memory {} MB", m.rss_kb / 1024);
    }
    b.stderr
}

fn doc(body: &str) -> (String, String) {
    ("content/dokumenter/x.md".into(), format!("---\ntitle: X\n---\n{body}\n"))
}

#[test]
fn one_long_line_of_code_spans() {
    roughly_linear("code spans", 20_000, |n| doc(&"`a` ".repeat(n)));
}

#[test]
fn unclosed_emphasis_repeated_on_one_line() {
    roughly_linear("*a", 20_000, |n| doc(&"*a ".repeat(n)));
}

#[test]
fn deep_yaml_flow_nesting_is_refused() {
    let err = roughly_linear("[[[", 40_000, |n| {
        ("content/dokumenter/x.md".into(), format!("---\ntitle: X\ntags: {}\n---\n", "[".repeat(n)))
    });
    assert!(err.contains("YAML nested deeper than 64 levels") && err.contains("content/dokumenter/x.md:3:1"), "{err}");
}

#[test]
fn alias_bomb_is_refused() {
    let err = roughly_linear("aliases", 4_000, |n| {
        let tags = vec!["*t"; n].join(", ");
        let text = format!("---\ntitle: X\nsummary: &t {}\ntags: [{tags}]\n---\n", "x".repeat(100_000));
        ("content/dokumenter/x.md".into(), text)
    });
    assert!(err.contains("expand to more than") && err.contains("content/dokumenter/x.md:4:1"), "{err}");
}

#[test]
fn huge_table_is_refused() {
    // n rows of a fixed 1,000 columns, so that the input doubles from n to 2n.
    let err = roughly_linear("table", 1_000, |n| {
        let row = format!("{}|\n", "x|".repeat(1_000));
        doc(&format!("{row}{}\n{}", "-|".repeat(1_000), row.repeat(n)))
    });
    assert!(err.contains("more than 100000 table cells"), "{err}");
}
