//! The reader's view in a real browser: headless Chromium (Debian's `chromium`) driven by
//! playwright-core from `tests/browser/*.mjs` on sites built by the real binary. axe-core at
//! WCAG 2.1 A/AA, search over HTTP and `file://`, no sideways scrolling at 320 px, print,
//! filters, and screenshots under `target/screenshots/`. Without Chromium or
//! `tests/browser/node_modules` the tests say SKIPPED loudly; under `CI=true` they fail.

use crate::harness::{self, Site};
use crate::synthetic;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-11-23";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scripts() -> PathBuf {
    repo().join("tests/browser")
}

fn chromium() -> PathBuf {
    PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
}

/// What is missing for a test: node always, Chromium and the npm packages when `browser`.
fn missing(browser: bool) -> Vec<String> {
    let mut out = Vec::new();
    if Command::new("node").arg("--version").output().map_or(true, |o| !o.status.success()) {
        out.push("node".to_string());
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

/// `true` when the test can run; otherwise fails under `CI=true`, or skips loudly.
fn ready(test: &str, browser: bool) -> bool {
    let missing = missing(browser);
    if missing.is_empty() {
        return true;
    }
    let what = missing.join(", ");
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("browser test `{test}` cannot run under CI=true: missing {what}");
    }
    eprintln!("\n{0}\nSKIPPED: browser test `{test}`: missing {what}\n{0}\n", "!".repeat(78));
    false
}

/// Runs `node tests/browser/<script> '<spec>'` and parses the JSON it prints.
fn node(script: &str, spec: &Value) -> Value {
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

fn screenshots(label: &str) -> PathBuf {
    let dir = repo().join("target/screenshots").join(label);
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    dir
}

fn built(site: Site) -> Site {
    site.build(TODAY);
    site
}

fn public(site: &Site) -> String {
    site.path("public").display().to_string()
}

/// The sites every check runs on: the bundled one and the fixtures.
fn sites() -> Vec<(&'static str, Site)> {
    vec![
        ("default", built(harness::default_site())),
        ("fixture-da", built(harness::fixture("browser", "da"))),
        ("fixture-en", built(harness::fixture("browser", "en"))),
    ]
}

/// One page of each kind, plus the front page with search results open.
fn page_kinds(site: &Site, query: &str) -> Vec<String> {
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
    pages.push(format!("search:{query}"));
    pages
}

/// A word every site's search finds.
fn query_for(label: &str) -> &'static str {
    if label.ends_with("-en") {
        "agreement"
    } else {
        "aftale"
    }
}

#[test]
fn axe_finds_no_wcag_21_aa_violations() {
    if !ready("axe", true) {
        return;
    }
    for (label, site) in sites() {
        let report = node("a11y.mjs", &json!({ "site": public(&site), "pages": page_kinds(&site, query_for(label)) }));
        let results = report["results"].as_array().expect("results");
        assert!(results.len() >= 2 * 16, "{label}: too few pages audited: {report}");
        let bad: Vec<&Value> =
            results.iter().filter(|r| r["violations"].as_array().is_some_and(|v| !v.is_empty())).collect();
        assert!(bad.is_empty(), "{label}: axe violations:\n{}", serde_json::to_string_pretty(&bad).unwrap());
        assert_eq!(report["errors"], json!([]), "{label}: console errors");
    }
}

/// The search benchmark: `AFTALEBOG_BENCH_DOCS` (default 10,000) synthetic documents, built
/// by the real binary, then the index's size and query times in Chromium. Run with
/// `cargo test --release --test it -- --ignored search_at_scale --nocapture`.
#[test]
#[ignore = "benchmark: builds a site of 10,000 documents"]
fn search_at_scale() {
    if !ready("search_at_scale", true) {
        return;
    }
    let docs: usize = std::env::var("AFTALEBOG_BENCH_DOCS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    // AFTALEBOG_BENCH_OUT keeps the site for a closer look.
    let root = std::env::var("AFTALEBOG_BENCH_OUT").map_or_else(|_| dir.path().join("site"), PathBuf::from);
    let _ = std::fs::remove_dir_all(&root);
    synthetic::write_site(&root, repo(), docs);
    let started = std::time::Instant::now();
    let out = Command::new(harness::bin()).args(["build", "--today", TODAY]).current_dir(&root).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let build = started.elapsed();
    let index = std::fs::metadata(root.join("public/search-index.js")).unwrap().len();
    eprintln!("{docs} documents built in {build:?}; search-index.js is {index} bytes");
    let report = node(
        "bench.mjs",
        &json!({ "site": root.join("public").display().to_string(), "queries": ["aftalerne", "samarbejde", "kommunen psykiatri", "ips", "borgerens", "sa", "implementeringsplan", "uddannelse job"] }),
    );
    eprintln!("{}", serde_json::to_string_pretty(&report).unwrap());
    assert_eq!(report["errors"], json!([]));
    assert!(index < 4_000_000, "search-index.js stays small: {index} bytes");
    assert!(report["median_query_ms"].as_f64().unwrap() < 50.0, "queries stay fast: {report}");
}

/// Every distinct word of the default site's pages, plus hand-picked hard cases.
fn site_words(site: &Site) -> Vec<String> {
    let mut words = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(site.path("public")).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|x| x == "html") {
            let text = harness::visible_text(&std::fs::read_to_string(entry.path()).unwrap());
            words.extend(aftalebog::export::search::words(&text).map(str::to_string));
        }
    }
    let hard = [
        "vigtigst",
        "løst",
        "frihedens",
        "kærlighed",
        "Aaen",
        "AFTALERNE",
        "maaltal",
        "skønnest",
        "hoppede",
        "Ærø",
        "ØRESUND",
        "café",
        "naïve",
        "2024",
        "x²",
        "IPS-konsulenterne",
        "mødes",
        "bestemmelse",
        "lykkeligst",
        "sejlede",
    ];
    words.extend(hard.map(String::from));
    words.into_iter().collect()
}

#[test]
fn search_js_stems_exactly_like_the_index() {
    if !ready("stemmer", false) {
        return;
    }
    let site = built(harness::default_site());
    let words = site_words(&site);
    assert!(words.len() > 500, "only {} words", words.len());
    let file = site.path("words.txt");
    std::fs::write(&file, words.join("\n")).unwrap();
    let js = node("stem.mjs", &json!(file.display().to_string()));
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Danish);
    let differ: Vec<String> = words
        .iter()
        .zip(js.as_array().expect("array"))
        .filter_map(|(w, j)| {
            let rust = aftalebog::export::search::terms(&stemmer, w).collect::<Vec<_>>().join(" ");
            (Some(rust.as_str()) != j.as_str()).then(|| format!("{w}: rust {rust:?}, js {j}"))
        })
        .collect();
    assert!(differ.is_empty(), "{} of {} words stem differently:\n{}", differ.len(), words.len(), differ.join("\n"));
}

/// A result of `search.mjs` for one starting page and query.
fn results<'a>(report: &'a Value, how: &str, from: &str, q: &str) -> &'a Vec<Value> {
    report[how][from][q]["results"].as_array().unwrap_or_else(|| panic!("no results for {how} {from} {q}: {report}"))
}

#[test]
fn search_finds_plan_items_and_danish_forms_over_http_and_file() {
    if !ready("search", true) {
        return;
    }
    let site = built(harness::default_site());
    let from = ["index.html", "aftaler/ips-samarbejdsaftale.html"];
    let report = node(
        "search.mjs",
        &json!({ "site": public(&site), "queries": ["aftalerne", "caseload", "Maaltal", "Hillerød"], "from": from }),
    );
    assert_eq!(report["errors"], json!([]), "console errors");
    for how in ["http", "file"] {
        for page in from {
            let item = results(&report, how, page, "caseload");
            let hit = item
                .iter()
                .find(|r| r["title"] == "Aftale om måltal")
                .unwrap_or_else(|| panic!("{how} {page}: no plan item for `caseload`: {item:?}"));
            assert!(hit["kind"].as_str().unwrap().starts_with("Handleplanpunkt"), "{hit}");
            assert!(
                hit["href"].as_str().unwrap().ends_with("handleplaner/aftale-og-handleplan-ips.html#aftale-om-maaltal"),
                "{hit}"
            );
            assert!(
                hit["marks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|m| m.as_str().is_some_and(|m| m.eq_ignore_ascii_case("caseload"))),
                "hit marked: {hit}"
            );
            let forms = results(&report, how, page, "aftalerne");
            let agreements = forms.iter().filter(|r| r["kind"] == "Aftale").count();
            assert!(agreements >= 2, "{how} {page}: `aftalerne` finds the agreements: {forms:?}");
            assert!(
                forms
                    .iter()
                    .flat_map(|r| r["marks"].as_array().unwrap())
                    .any(|m| m.as_str().is_some_and(|m| m.to_lowercase().starts_with("aftale"))),
                "{forms:?}"
            );
            assert!(
                results(&report, how, page, "Maaltal").iter().any(|r| r["title"] == "Aftale om måltal"),
                "aa folds to å"
            );
            assert!(results(&report, how, page, "Hillerød").iter().any(|r| r["kind"] == "Part"), "parties are found");
        }
    }
    let keys = &report["keyboard"];
    assert_eq!(keys["down1"], "search-result-0", "{keys}");
    assert_eq!(keys["down2"], "search-result-1", "{keys}");
    assert_eq!(keys["up2"], "search-input", "{keys}");
    assert_eq!(keys["hidden_after_escape"], true, "{keys}");
    assert_eq!(keys["cleared"], true, "{keys}");
    assert_eq!(keys["live_region"], "status", "{keys}");
    assert_eq!(keys["enter_opens_first"], true, "{keys}");
}

/// Screenshots for people to look at: the main page kinds wide, at 320 px, dark, in print.
fn shot_list(agreement: &str, plan: &str, query: &str) -> Value {
    json!([
        { "name": "index", "page": "index.html" },
        { "name": "agreement", "page": agreement },
        { "name": "plan", "page": plan },
        { "name": "deadlines", "page": "frister.html" },
        { "name": "search", "search": query, "viewport": true },
        { "name": "index-320", "page": "index.html", "width": 320, "height": 640 },
        { "name": "agreement-320", "page": agreement, "width": 320, "height": 640 },
        { "name": "plan-320", "page": plan, "width": 320, "height": 640 },
        { "name": "search-320", "search": query, "width": 320, "height": 640, "viewport": true },
        { "name": "agreement-dark", "page": agreement, "scheme": "dark" },
        { "name": "agreement-print", "page": agreement, "media": "print", "width": 794 },
        { "name": "plan-print", "page": plan, "media": "print", "width": 794 }
    ])
}

fn all_pages(site: &Site) -> Vec<String> {
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

#[test]
fn layout_fits_320px_and_prints_clean_documents() {
    if !ready("layout", true) {
        return;
    }
    let agreements = [
        ("default", "aftaler/forskningssamarbejdsaftale-hillerod.html", "handleplaner/aftale-og-handleplan-ips.html"),
        ("fixture-da", "aftaler/ips-nordby.html", "handleplaner/handleplan-nordby.html"),
        ("fixture-en", "aftaler/ips-northtown.html", "handleplaner/plan-northtown.html"),
    ];
    for ((label, site), (_, agreement, plan)) in sites().into_iter().zip(agreements) {
        let shots = screenshots(label);
        let spec = json!({ "site": public(&site), "shots": shots.display().to_string(), "pages": all_pages(&site), "agreement": agreement, "plan": plan, "screenshots": shot_list(agreement, plan, query_for(label)), "query": query_for(label) });
        let report = node("layout.mjs", &spec);
        assert_eq!(report["errors"], json!([]), "{label}: console errors");
        let wide: Vec<&Value> = report["narrow"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["scrollWidth"].as_u64() > p["clientWidth"].as_u64() || p["offenders"] != json!([]))
            .collect();
        assert!(wide.is_empty(), "{label}: pages wider than 320 px:\n{}", serde_json::to_string_pretty(&wide).unwrap());
        assert!(report["narrow"].as_array().unwrap().len() > 10, "{label}: {report}");
        check_print(label, &report["print"]);
        assert_eq!(report["shots"].as_array().unwrap().len(), 12, "{label}: screenshots");
    }
}

fn check_print(label: &str, print: &Value) {
    let a = &print["agreement"];
    for part in ["header", "nav", "breadcrumb", "search", "footer", "toc"] {
        assert_eq!(a["hidden"][part], true, "{label}: print shows {part}: {a}");
    }
    for part in ["title", "parties", "malgruppe", "responsibilities", "text", "signatures"] {
        assert_eq!(a["shown"][part], true, "{label}: print hides {part}: {a}");
    }
    assert_eq!(a["signatures"], a["parties"], "{label}: a signature block per party: {a}");
    assert_eq!(a["sign_lines"], a["parties"], "{label}: a signature line per party: {a}");
    assert_eq!(a["address_shown"], true, "{label}: {a}");
    // Headings are numbered in print, unless the text numbers its own sections
    // (`1. PROJEKTANSVARLIG`): then the text's numbers stand alone.
    let own_number = a["own_numbers"] == true;
    let numbered = a["heading_number"].as_str().is_some_and(|c| c.starts_with("counter(h2)"));
    assert_eq!(numbered, !own_number, "{label}: headings numbered exactly once in print: {a}");
    if label != "fixture-en" {
        assert!(
            a["link_target"].as_str().is_some_and(|c| c.starts_with("\" (http")),
            "{label}: link targets printed: {a}"
        );
    }
    assert_eq!(a["signatures_start_page"], "page", "{label}: {a}");
    let p = &print["plan"];
    assert_eq!(p["display"], "grid", "{label}: {p}");
    assert_eq!(p["columns"], 5, "{label}: {p}");
    assert_eq!(p["nav_hidden"], true, "{label}: {p}");
    let left = &p["left"];
    let xs: Vec<u64> =
        ["title", "responsible", "deadline", "status", "answer"].iter().map(|k| left[k].as_u64().unwrap()).collect();
    assert!(
        xs.windows(2).all(|w| w[0] < w[1]),
        "{label}: plan prints as columns item, responsible, deadline, status, answer: {p}"
    );
}

#[test]
fn filters_enhance_plain_tables() {
    if !ready("filters", true) {
        return;
    }
    let site = built(harness::fixture("browser", "da"));
    let report = node(
        "filters.mjs",
        &json!({ "site": public(&site), "pages": ["aftaler.html", "frister.html", "handleplaner/handleplan-nordby.html"] }),
    );
    assert_eq!(report["errors"], json!([]));
    for (page, r) in report["pages"].as_object().unwrap() {
        assert!(r["rows"].as_u64().unwrap() >= 2, "{page}: {r}");
        assert_eq!(r["no_js"]["rows_shown"], r["rows"], "{page}: without JavaScript every row shows: {r}");
        assert_eq!(r["no_js"]["box_shown"], false, "{page}: without JavaScript no filter box: {r}");
        assert_eq!(r["box_shown"], true, "{page}: {r}");
        let choices = r["choices"].as_array().unwrap();
        assert!(choices.iter().all(|c| c["shown"] == c["expected"]), "{page}: {choices:?}");
        assert!(
            choices.iter().any(|c| c["shown"].as_u64() < r["rows"].as_u64()),
            "{page}: some choice narrows: {choices:?}"
        );
    }
    let overdue = |page: &str| {
        report["pages"][page]["choices"].as_array().unwrap().iter().find(|c| c["filter"] == "overdue").cloned()
    };
    assert_eq!(overdue("frister.html").map(|c| c["shown"].clone()), Some(json!(2)), "two overdue deadlines");
    assert!(overdue("handleplaner/handleplan-nordby.html").is_some());
}

/// `text` has `word` with no letter or digit right before or after it.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        let after = text[i + word.len()..].chars().next().is_some_and(char::is_alphanumeric);
        !before && !after
    })
}

/// The values of the attributes that carry UI text: labels, titles and the search box's
/// `data-` messages.
fn ui_attributes(html: &str) -> String {
    let mut out = String::new();
    let names = [
        "aria-label",
        "title",
        "placeholder",
        "alt",
        "data-hint",
        "data-none",
        "data-one",
        "data-results",
        "data-more",
        "data-loading",
        "data-failed",
        "data-shown",
    ];
    for name in names.map(|n| format!(" {n}=\"")) {
        for (i, _) in html.match_indices(&name) {
            out.push_str(html[i + name.len()..].split('"').next().unwrap_or(""));
            out.push(' ');
        }
    }
    out
}

#[test]
fn english_site_has_no_danish_ui_text() {
    let site = built(harness::fixture("browser", "en"));
    let da = serde_json::to_value(&aftalebog::i18n::DA).unwrap();
    let en = serde_json::to_value(&aftalebog::i18n::EN).unwrap();
    let danish: Vec<(String, String)> = da
        .as_object()
        .unwrap()
        .iter()
        // `Type` is Danish for "Kind", and an English word too.
        .filter(|(k, v)| !["lang", "kind"].contains(&k.as_str()) && en[k.as_str()] != **v)
        .map(|(k, v)| {
            (k.clone(), v.as_str().unwrap().replace('&', "&amp;").replace('\'', "&#x27;").replace('/', "&#x2F;"))
        })
        .collect();
    let mut found = Vec::new();
    for page in
        all_pages(&site).iter().map(String::as_str).chain(["assets/search.js", "assets/site.js", "search-index.js"])
    {
        let raw = site.page(page);
        let html = if page.ends_with(".html") {
            format!("{} {}", harness::visible_text(&raw), ui_attributes(&raw))
        } else {
            raw
        };
        found.extend(danish.iter().filter(|(_, v)| has_word(&html, v)).map(|(k, v)| format!("{page}: t.{k} = {v:?}")));
    }
    assert!(found.is_empty(), "Danish UI text on the English site:\n{}", found.join("\n"));
    assert!(site.page("index.html").contains("<html lang=\"en\">"));
}
