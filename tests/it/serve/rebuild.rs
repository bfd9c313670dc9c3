//! Rebuilds that go wrong: a build that panics, and a build so slow that the next save must
//! not wait for it. The server runs in this process with a build function that misbehaves on
//! a marker word, and the real pipeline otherwise.

use super::client::{atomic_write, Client};
use super::{page_text, wait_for, PAGE};
use crate::harness::{self, Site};
use aftalebog::serve::{self, rebuild::Builder};
use aftalebog::BuildOptions;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn start(site: &Site, builder: Builder) -> (serve::Running, Client) {
    let opts = serve::Options {
        root: site.root.clone(),
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        poll: false,
        build: BuildOptions { today: aftalebog::date::Date::parse("2025-03-01"), ..BuildOptions::default() },
        builder,
        on_build: Box::new(|_, _| {}),
    };
    let running = serve::start(opts).expect("start the server");
    let client = Client { port: running.addr.port() };
    (running, client)
}

fn page_says(root: &Path, word: &str) -> bool {
    std::fs::read_to_string(root.join(PAGE)).is_ok_and(|t| t.contains(word))
}

#[test]
fn a_panicking_build_is_an_error_in_the_overlay_and_the_next_save_still_rebuilds() {
    let site = harness::fixture("serve", "basic");
    let builder: Builder = Arc::new(|root: &Path, opts: &BuildOptions| {
        if page_says(root, "PANIK") {
            panic!("a bug the test put there");
        }
        aftalebog::build(root, opts)
    });
    let (_running, client) = start(&site, builder);
    let g = client.generation();
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "PANIK"));
    let state = client.wait_past(g);
    let errors = state["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{state}");
    let message = errors[0]["message"].as_str().unwrap();
    assert!(message.contains("internal error") && message.contains("a bug the test put there"), "{message}");
    assert!(errors[0]["hint"].as_str().unwrap().contains("bug in aftalebog"), "{state}");
    let page = client.get("/dokumenter/vejledning.html").text();
    assert!(page.contains("Oprindelig tekst"), "the last good page stays");
    // The watcher survived: the next save is built and clears the error.
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Efter fejlen."));
    let fixed = client.wait_past(state["generation"].as_u64().unwrap());
    assert_eq!(fixed["errors"], serde_json::json!([]), "{fixed}");
    assert!(client.get("/dokumenter/vejledning.html").text().contains("Efter fejlen."));
}

#[test]
fn a_newer_save_does_not_wait_for_a_slow_build_and_wins_over_it() {
    const SLOW: Duration = Duration::from_secs(15);
    let site = harness::fixture("serve", "basic");
    let slow_started = Arc::new(AtomicBool::new(false));
    let flag = slow_started.clone();
    let builder: Builder = Arc::new(move |root: &Path, opts: &BuildOptions| {
        let slow = page_says(root, "LANGSOM");
        let build = aftalebog::build(root, opts);
        if slow {
            flag.store(true, Ordering::SeqCst);
            std::thread::sleep(SLOW);
        }
        build
    });
    let (_running, client) = start(&site, builder);
    let g = client.generation();
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "LANGSOM"));
    wait_for(|| slow_started.load(Ordering::SeqCst));
    let saved = Instant::now();
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Hurtig rettelse."));
    let state = client.wait_past(g);
    let shown_after = saved.elapsed();
    assert!(client.get("/dokumenter/vejledning.html").text().contains("Hurtig rettelse."));
    assert!(shown_after < SLOW / 2, "the newer save waited for the slow build: {shown_after:?}");
    // When the slow build ends, it is dropped: the newer text stays, no new generation.
    std::thread::sleep(SLOW + Duration::from_secs(1) - saved.elapsed().min(SLOW));
    let page = client.get("/dokumenter/vejledning.html").text();
    assert!(page.contains("Hurtig rettelse.") && !page.contains("LANGSOM"), "{page}");
    assert_eq!(client.generation(), state["generation"].as_u64().unwrap());
}
