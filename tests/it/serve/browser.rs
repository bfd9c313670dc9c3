//! `serve` in headless Chromium: live reload (`tests/browser/livereload.mjs`, with node),
//! and another site's page that tries to read the preview. Ignored in a plain `cargo test`; the README's test command runs
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

/// Serves a page of "another site" at `http://localhost:PORT/` that includes a harmless
/// control script from `127.0.0.1:PORT` and the preview's search index, then tells in its
/// title what ran.
fn other_site(preview_port: u16) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            // A thread each: Chromium may open a connection and send nothing on it.
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                    head.push(byte[0]);
                }
                let (ctype, body) = if head.starts_with(b"GET /control.js") {
                    ("text/javascript", "window.CONTROL = 1;".to_string())
                } else {
                    let page = format!(
                        "<!doctype html><title>start</title>\
                     <script src=\"http://127.0.0.1:{port}/control.js\"></script>\
                     <script src=\"http://127.0.0.1:{preview_port}/search-index.js\"></script>\
                     <script>document.title = (window.CONTROL ? 'control-ran' : 'control-blocked') + ' ' + \
                     (window.AFTALEBOG_SEARCH ? 'LEAKED' : 'safe');</script>"
                    );
                    ("text/html", page)
                };
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(answer.as_bytes());
            });
        }
    });
    port
}

#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn another_sites_page_cannot_read_the_preview_in_chromium() {
    assert!(chromium().exists(), "no Chromium at {}: run ./test.sh, which installs it", chromium().display());
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let port = other_site(server.port);
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--virtual-time-budget=5000")
        .arg("--dump-dom")
        .arg(format!("http://localhost:{port}/"))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("<title>control-ran safe</title>"), "{dom}\n{}", String::from_utf8_lossy(&out.stderr));
}
