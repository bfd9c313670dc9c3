//! The reader's view in a real browser: headless Chromium (Debian's `chromium`) driven by
//! playwright-core from `tests/browser/*.mjs` on sites built by the real binary, one file per
//! topic. These tests are `#[ignore]`d, so a plain `cargo test` lists them as ignored; the
//! README's test command (`./test.sh`) installs Chromium and the npm packages and runs them
//! with `--include-ignored`. Run that way, a missing tool is a failure that says what to
//! install, never a quiet pass.

mod a11y;
mod filters;
mod layout;
mod reader;
mod search;

use crate::harness::{self, Site};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) const TODAY: &str = "2026-11-23";

pub(crate) fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn scripts() -> PathBuf {
    repo().join("tests/browser")
}

pub(crate) fn chromium() -> PathBuf {
    PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
}

/// What is missing for a test: node always, Chromium and the npm packages when `browser`.
fn missing(browser: bool) -> Vec<String> {
    let mut out = Vec::new();
    if Command::new("node").arg("--version").output().map_or(true, |o| !o.status.success()) {
        out.push("node (apt-get install -y nodejs npm)".to_string());
    }
    if browser && !chromium().is_file() {
        out.push(format!("{} (apt-get install -y chromium)", chromium().display()));
    }
    for pkg in ["playwright-core", "axe-core"].iter().filter(|_| browser) {
        if !scripts().join("node_modules").join(pkg).is_dir() {
            out.push(format!("tests/browser/node_modules/{pkg} (npm ci --prefix tests/browser)"));
        }
    }
    out
}

/// Fails the test, saying what to install, when a tool it needs is missing. The tests that
/// call it are `#[ignore]`d: they run only when asked for, and then a missing tool is a
/// failure, never a pass.
pub(crate) fn require(test: &str, browser: bool) {
    let missing = missing(browser);
    assert!(
        missing.is_empty(),
        "browser test `{test}` cannot run: missing {}.\nRun the README's test command, `./test.sh`, which installs them.",
        missing.join(", ")
    );
}

/// Runs `node tests/browser/<script> '<spec>'` and parses the JSON it prints.
pub(crate) fn node(script: &str, spec: &Value) -> Value {
    let out = Command::new("node")
        .arg(scripts().join(script))
        .arg(spec.to_string())
        .current_dir(scripts())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "node {script} failed ({}):\n{stderr}\n{stdout}", out.status);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("node {script} printed no JSON ({e}):\n{stdout}\n{stderr}"))
}

pub(crate) fn screenshots(label: &str) -> PathBuf {
    let dir = repo().join("target/screenshots").join(label);
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    dir
}

pub(crate) fn built(site: Site) -> Site {
    site.build(TODAY);
    site
}

pub(crate) fn public(site: &Site) -> String {
    site.path("public").display().to_string()
}

/// The sites every check runs on: the bundled one and the fixtures.
pub(crate) fn sites() -> Vec<(&'static str, Site)> {
    vec![
        ("default", built(harness::default_site())),
        ("fixture-da", built(harness::fixture("browser", "da"))),
        ("fixture-en", built(harness::fixture("browser", "en"))),
    ]
}

/// One page of each kind, plus the front page with search results open.
pub(crate) fn page_kinds(site: &Site, query: &str) -> Vec<String> {
    let first = |dir: &str| -> String {
        let mut names: Vec<String> = std::fs::read_dir(site.path("public").join(dir))
            .map(|r| {
                r.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".html"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        format!("{dir}/{}", names.first().unwrap_or_else(|| panic!("no page in {dir}/")))
    };
    let mut pages: Vec<String> = [
        "index.html",
        "aftaler.html",
        "handleplaner.html",
        "principper.html",
        "frister.html",
        "parter.html",
        "dokumenter.html",
        "emner.html",
        "404.html",
    ]
    .map(String::from)
    .into();
    pages.extend(["aftaler", "handleplaner", "principper", "parter", "dokumenter", "emner"].map(first));
    if site.path("public/begreber.html").is_file() {
        pages.push("begreber.html".into());
    }
    pages.push(format!("search:{query}"));
    pages.push(format!("soeg.html?q={query}"));
    pages
}

/// A word every site's search finds.
pub(crate) fn query_for(label: &str) -> &'static str {
    if label.ends_with("-en") {
        "agreement"
    } else {
        "aftale"
    }
}

/// Every page of the built site, sorted.
pub(crate) fn all_pages(site: &Site) -> Vec<String> {
    let public = site.path("public");
    let mut pages: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(&public).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    pages.sort();
    pages
}
