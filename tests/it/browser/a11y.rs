//! axe-core at WCAG 2.1 A/AA and its best-practice rules (landmark-unique, region,
//! heading-order, …) on one page of each kind of the bundled site and both fixture sites,
//! search results open, on the legal pages and on the later pages of paginated lists, with no
//! console errors.

use super::{node, page_kinds, public, query_for, require, sites};
use serde_json::{json, Value};

#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn axe_finds_no_wcag_21_aa_or_best_practice_violations() {
    require("axe", true);
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

/// The pages of agreements as legal documents — the redline, `begreber.html`, and agreements
/// and documents with term links and numbered clauses — in Danish and English, light and dark.
#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn axe_finds_nothing_on_the_redline_and_the_glossary() {
    require("axe", true);
    for lang in ["da", "en"] {
        let site = crate::harness::fixture("legal", "versions");
        site.write("site.yaml", &format!("title: Juridiske testaftaler\nlanguage: {lang}\n"));
        let site = super::built(site);
        let pages = [
            "aendringer/samarbejde-2025.html",
            "begreber.html",
            "aftaler/samarbejde-2025.html",
            "aftaler/samarbejde-2023.html",
            "dokumenter/notat.html",
            "aftaler.html",
            "index.html",
        ];
        let report = node("a11y.mjs", &json!({ "site": public(&site), "pages": pages }));
        let results = report["results"].as_array().expect("results");
        assert_eq!(results.len(), 2 * pages.len(), "{lang}: light and dark: {report}");
        let bad: Vec<&Value> =
            results.iter().filter(|r| r["violations"].as_array().is_some_and(|v| !v.is_empty())).collect();
        assert!(bad.is_empty(), "{lang}: axe violations:\n{}", serde_json::to_string_pretty(&bad).unwrap());
        assert_eq!(report["errors"], json!([]), "{lang}: console errors");
    }
}

/// The second pages of long lists (the deadlines and a party's documents) of a generated site.
#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn axe_finds_nothing_on_later_pages_of_long_lists() {
    require("axe", true);
    let site = crate::harness::generated(300);
    site.build(super::TODAY);
    let pages = ["frister.side-2.html", "parter/region-0.side-2.html"];
    for page in pages {
        assert!(site.path("public").join(page).is_file(), "{page} exists");
    }
    let report = node("a11y.mjs", &json!({ "site": public(&site), "pages": pages }));
    let results = report["results"].as_array().expect("results");
    assert_eq!(results.len(), 2 * pages.len(), "light and dark: {report}");
    let bad: Vec<&Value> =
        results.iter().filter(|r| r["violations"].as_array().is_some_and(|v| !v.is_empty())).collect();
    assert!(bad.is_empty(), "axe violations:\n{}", serde_json::to_string_pretty(&bad).unwrap());
    assert_eq!(report["errors"], json!([]), "console errors");
}
