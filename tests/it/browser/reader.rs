//! In Chromium, what a reader relies on: the status a page shows follows the dates, in the
//! pill, the banner and every list; axe finds nothing on those pages.

use super::{built, node, public, require};
use crate::harness;
use serde_json::{json, Value};

fn texts<'a>(report: &'a Value, page: &str, selector: &str) -> Vec<&'a str> {
    report["pages"][page][selector]["text"]
        .as_array()
        .unwrap_or_else(|| panic!("no {selector} on {page}: {report}"))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn status_pill_and_lists_follow_the_dates_in_a_browser() {
    require("status", true);
    let site = built(harness::fixture("lifecycle", "dates"));
    let pages = ["aftaler/udloebet.html", "aftaler/gammel.html", "aftaler/kommende.html", "aftaler.html", "index.html"];
    let selectors = [".eyebrow .status", ".banner", "#aftaler-tabel tbody tr", ".page-index h3", ".status-gaeldende"];
    let report = node("read.mjs", &json!({ "site": public(&site), "pages": pages, "selectors": selectors }));
    assert_eq!(report["errors"], json!([]), "console errors");
    for (page, pill, banner) in [
        ("aftaler/udloebet.html", "Udløbet", "Udløbet Aftalen udløb 1. januar 2023."),
        ("aftaler/gammel.html", "Erstattet", "Erstattet af Ny aftale"),
        ("aftaler/kommende.html", "Kommende", "Kommende Aftalen træder i kraft 1. marts 2027."),
    ] {
        assert_eq!(texts(&report, page, ".eyebrow .status"), [pill], "{page}");
        assert_eq!(texts(&report, page, ".banner"), [banner], "{page}: one banner, agreeing with the pill");
        let color = &report["pages"][page][".eyebrow .status"]["color"];
        let green = &report["pages"]["index.html"][".status-gaeldende"]["color"];
        assert!(green.is_string() && color != green, "{page}: not the green of an agreement in force: {color}");
    }
    let rows = texts(&report, "aftaler.html", "#aftaler-tabel tbody tr");
    for (title, status) in [
        ("Aftale der er udløbet", "Udløbet"),
        ("Gammel aftale", "Erstattet"),
        ("Kommende aftale", "Kommende Træder i kraft 1. marts 2027"),
    ] {
        let row = rows.iter().find(|r| r.starts_with(title)).unwrap_or_else(|| panic!("{title}: {rows:?}"));
        assert!(row.contains(&format!("Sydby Kommune {status}")), "{row}");
    }
    assert_eq!(
        texts(&report, "index.html", ".page-index h3"),
        ["Gældende", "Kommende", "Udkast", "Udløbet", "Erstattet", "Arkiveret"],
        "front page groups by the status a reader sees"
    );
    // The status filter picks exactly the rows with that status.
    let filters = node("filters.mjs", &json!({ "site": public(&site), "pages": ["aftaler.html"] }));
    let choices = filters["pages"]["aftaler.html"]["choices"].as_array().unwrap();
    for value in ["udloebet", "erstattet", "kommende", "gaeldende"] {
        let c = choices.iter().find(|c| c["filter"] == "status" && c["value"] == value).expect(value);
        assert_eq!(c["shown"], 1, "{value}: {c}");
    }
    let axe = node(
        "a11y.mjs",
        &json!({ "site": public(&site), "pages": ["aftaler/udloebet.html", "aftaler/gammel.html", "aftaler/kommende.html", "aftaler.html", "index.html", "frister.html"] }),
    );
    let bad: Vec<&Value> = axe["results"].as_array().unwrap().iter().filter(|r| r["violations"] != json!([])).collect();
    assert!(bad.is_empty(), "axe: {}", serde_json::to_string_pretty(&bad).unwrap());
}

#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn not_found_page_is_styled_and_its_links_work_at_any_depth() {
    require("404", true);
    let site = built(harness::fixture("browser", "da"));
    for (prefix, path) in [("/sub/", "/sub/a/b/c/missing"), ("/", "/a/b/c/missing"), ("/sub/", "/sub/missing")] {
        let r = node("notfound.mjs", &json!({ "site": public(&site), "prefix": prefix, "path": path }));
        assert_eq!(r["errors"], json!([]), "{path}: {r}");
        assert_eq!(r["missing"], json!([]), "{path}: nothing the page loads is missing: {r}");
        assert_eq!(r["styled"], true, "{path}: the stylesheet applies: {r}");
        let links = r["links"].as_array().unwrap();
        assert!(links.len() >= 7, "{path}: menu and front page links: {r}");
        for l in links {
            assert_eq!(l["status"], 200, "{path}: {l}");
            assert!(l["href"].as_str().unwrap().starts_with(prefix), "{path}: {l}");
        }
    }
}
