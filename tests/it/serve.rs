//! `aftalebog serve`: the real binary on a free port against a temporary copy of
//! `tests/fixtures/serve/basic`, driven over raw HTTP/1.1 on 127.0.0.1; one file per topic.

mod browser;
mod client;
mod lifecycle;
mod limits;
mod pages;
mod rebuild;
mod refusals;
mod reload;

use std::time::{Duration, Instant};

const PAGE: &str = "content/dokumenter/vejledning.md";

fn page_text(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: En kort vejledning.\n---\n{body}\n")
}

/// Waits up to 20 s for `cond`.
fn wait_for(cond: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !cond() {
        assert!(Instant::now() < deadline, "condition not met in time");
        std::thread::sleep(Duration::from_millis(50));
    }
}
