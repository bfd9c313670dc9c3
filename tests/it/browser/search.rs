//! Offline search in the browser: the same Danish stems as the index, plan items and Danish
//! word forms found over HTTP and from `file://`, and the keyboard.

use super::{built, node, public, require};
use crate::harness::{self, Site};
use serde_json::{json, Value};

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
        "Hilleroed",
        "jobsøgning",
        "jobsoegning",
        "ændring",
        "aendring",
        "Gødstrup",
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
#[ignore = "needs node: run the README's test command"]
fn search_js_stems_exactly_like_the_index() {
    require("stemmer", false);
    let site = built(harness::default_site());
    let words = site_words(&site);
    assert!(words.len() > 500, "only {} words", words.len());
    let file = site.path("words.txt");
    std::fs::write(&file, words.join("\n")).unwrap();
    let js = node("stem.mjs", &json!({ "site": public(&site), "words": file.display().to_string() }));
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
#[ignore = "needs Chromium: run the README's test command"]
fn search_finds_plan_items_and_danish_forms_over_http_and_file() {
    require("search", true);
    let site = built(harness::default_site());
    let from = ["index.html", "aftaler/ips-samarbejdsaftale.html"];
    let report = node(
        "search.mjs",
        &json!({
            "site": public(&site),
            "queries": ["aftalerne", "caseload", "Maaltal", "Hillerød"],
            "from": from,
            "page_queries": ["hillerod", "samtykke", "samarbjedsaftale"],
        }),
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
            let agreements = forms.iter().filter(|r| r["href"].as_str().unwrap().contains("/aftaler/")).count();
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
    assert_eq!(keys["hidden_after_focus_left"], true, "{keys}");
    assert_eq!(keys["enter_on_result_opens_it"], true, "{keys}");
    assert_eq!(keys["enter_opens"], "soeg.html?q=aftalerne", "{keys}");
    for how in ["http", "file"] {
        results_page_shows_kind_status_and_suggestion(&report["page"][how], how);
    }
}

/// The results page `soeg.html?q=…`: every result with kind and status, nothing for a word no
/// document has, and "Mente du …?" for a typo.
fn results_page_shows_kind_status_and_suggestion(page: &Value, how: &str) {
    let hillerod = &page["hillerod"];
    assert_eq!(hillerod["input"], "hillerod", "{how}: the box keeps the query: {hillerod}");
    assert!(hillerod["query_shown"].as_str().unwrap().contains("»hillerod«"), "{how}: {hillerod}");
    let found = hillerod["results"].as_array().unwrap();
    assert!(found[0]["href"].as_str().unwrap().ends_with("parter/hillerod-kommune.html"), "{how}: {hillerod}");
    let agreement = found
        .iter()
        .find(|r| r["href"].as_str().unwrap().ends_with("aftaler/forskningssamarbejdsaftale-hillerod.html"))
        .unwrap_or_else(|| panic!("{how}: the Hillerød agreement is found: {hillerod}"));
    assert!(agreement["kind"].as_str().unwrap().starts_with("Aftale"), "{agreement}");
    assert_eq!(agreement["status"], "Udløbet", "{how}: the status a reader sees: {agreement}");
    assert!(agreement["marks"].as_array().unwrap().iter().any(|m| m == "Hillerød"), "{agreement}");
    assert!(found.iter().all(|r| !r["kind"].as_str().unwrap().is_empty()), "{how}: every result has a kind");
    assert_eq!(page["samtykke"]["results"], json!([]), "{how}: `samt` is not found inside `samtykke`");
    assert_eq!(page["samtykke"]["status"], "Ingen resultater", "{how}");
    let typo = &page["samarbjedsaftale"];
    assert_eq!(typo["suggestion"], "Mente du samarbejdsaftale?", "{how}: {typo}");
    assert!(typo["suggestion_href"].as_str().unwrap().ends_with("soeg.html?q=samarbejdsaftale"), "{how}: {typo}");
    assert!(
        typo["results"][0]["href"].as_str().unwrap().ends_with("aftaler/ips-samarbejdsaftale.html"),
        "{how}: {typo}"
    );
}
