//! Live reload in headless Chromium: runs `tests/browser/livereload.mjs` with node against a
//! running `aftalebog serve`. Ignored in a plain `cargo test`; the README's test command runs
//! it, and then a missing Chromium, node or playwright-core is a failure that says so.

use super::client::Server;
use crate::harness;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// What is missing to run the browser test, if anything.
fn missing(browser_dir: &Path) -> Option<String> {
    if !chromium().exists() {
        return Some(format!("no Chromium at {} (apt-get install -y chromium)", chromium().display()));
    }
    if !browser_dir.join("node_modules/playwright-core").is_dir() {
        return Some("no tests/browser/node_modules/playwright-core (npm ci --prefix tests/browser)".into());
    }
    if Command::new("node").arg("--version").stdout(Stdio::null()).status().map(|s| !s.success()).unwrap_or(true) {
        return Some("no node".into());
    }
    None
}

#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn browser_page_reloads_itself_on_save_keeps_scroll_and_shows_errors() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if let Some(what) = missing(&browser_dir) {
        panic!("browser live-reload test cannot run: {what}.\nRun the README's test command, `./test.sh`, which installs it.");
    }
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let mut child = Command::new("node")
        .arg(browser_dir.join("livereload.mjs"))
        .arg(&server.url)
        .arg(&site.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node");
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the browser test did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("browser live reload: {stdout}");
    assert!(
        out.status.success(),
        "browser test failed:\n{stdout}\n{}\nserver stderr:\n{}",
        String::from_utf8_lossy(&out.stderr),
        server.stderr()
    );
}
