//! No sideways scrolling at 320 px on any page, clean printed documents, and screenshots
//! under `target/screenshots/` for people to look at.

use super::{all_pages, node, public, query_for, require, screenshots, sites};
use serde_json::{json, Value};

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

#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn layout_fits_320px_and_prints_clean_documents() {
    require("layout", true);
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
