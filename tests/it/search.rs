//! Search as a caseworker relies on it: realistic queries over the default site and a fixture
//! site (`tests/fixtures/search/sundby`), each with the result that must come first, run
//! through the same core the pages use (`node tools/search.mjs`). `docs/search.md` lists these
//! queries with the rule each one shows.

use crate::browser::require;
use crate::harness::{self, Site};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const TODAY: &str = "2026-11-23";

/// `(query, first result)`; `None` when nothing may be found.
const DEFAULT_SITE: &[(&str, Option<&str>)] = &[
    ("samtykke", None),
    ("STAR", Some("parter/star.html")),
    ("hillerod", Some("parter/hillerod-kommune.html")),
    ("Hillerød budget", Some("aftaler/forskningssamarbejdsaftale-hillerod.html")),
    ("godstrup", Some("dokumenter/godstrupklyngen-faelles-principper.html")),
    ("jobsogning", Some("principper/hurtig-jobsoegning.html")),
    ("jobsøgning", Some("principper/hurtig-jobsoegning.html")),
    ("psyk", Some("principper/integreret-behandling.html")),
    ("caseload", Some("dokumenter/minimumsdefinition-ips.html#caseload")),
    ("Maaltal", Some("handleplaner/aftale-og-handleplan-ips.html#aftale-om-maaltal")),
    ("ingen eksklusion", Some("principper/ingen-eksklusion.html")),
    ("tidsubegraenset stoette", Some("principper/tidsubegraenset-stoette.html")),
    ("praeferencer", Some("principper/deltagerens-praeferencer.html")),
    ("integreret behandling", Some("principper/integreret-behandling.html")),
    ("samarbjedsaftale", Some("aftaler/ips-samarbejdsaftale.html")),
    ("ringkobing skjern", Some("parter/ringkobing-skjern-kommune.html")),
    ("persongruppemarkering", Some("aftaler/ips-samarbejdsaftale.html#tildeling-af-persongruppermarkering")),
    ("pcn", Some("parter/pcn.html")),
    // The definition of "Ordinært job" holds the phrase as written; the principle is second.
    ("ordinært arbejde", Some("begreber.html#ordinaert-job")),
    ("ordinære arbejdsmarked", Some("principper/ordinaert-arbejde.html")),
    ("arbejdsgivere", Some("principper/arbejdsgiverkontakt.html")),
];

const FIXTURE_SITE: &[(&str, Option<&str>)] = &[
    ("epikrise", Some("aftaler/udskrivning-2024.html#2-udskrivningsepikrise-og-genoptraeningsplan")),
    ("udskrivningsepikrisen", Some("aftaler/udskrivning-2024.html#2-udskrivningsepikrise-og-genoptraeningsplan")),
    ("samtykke", Some("aftaler/udskrivning-2024.html#3-samtykke-og-videregivelse-af-oplysninger")),
    ("udskrivning", Some("aftaler/udskrivning-2024.html")),
    ("samarbejdsaftale udskrivning", Some("aftaler/udskrivning-2024.html")),
    ("udskrivning 2019", Some("aftaler/udskrivning-2019.html")),
    ("udskrvning", Some("aftaler/udskrivning-2024.html")),
    ("ostergaard", Some("handleplaner/handleplan-udskrivning.html#faelles-telefonliste")),
    ("søren kjær", Some("handleplaner/handleplan-udskrivning.html#elektroniske-meddelelser")),
    ("kaergard", Some("parter/kaergaard-bosted.html")),
    ("genoptraeningsplan", Some("aftaler/udskrivning-2024.html#2-udskrivningsepikrise-og-genoptraeningsplan")),
    ("opsigelse", Some("aftaler/udskrivning-2024.html#5-tvister-og-opsigelse")),
    ("indsatsplan", Some("aftaler/udskrivning-2024.html#4-koordinerende-indsatsplan")),
    ("genindlæggelser", Some("handleplaner/handleplan-udskrivning.html#opfoelgning-paa-genindlaeggelser")),
    ("telefonliste", Some("handleplaner/handleplan-udskrivning.html#faelles-telefonliste")),
    ("tavshedspligt", Some("dokumenter/vejledning-tavshedspligt.html")),
    ("Sundhedskoordinationsudvalget", Some("aftaler/udskrivning-2024.html")),
];

/// `node tools/search.mjs <site> <query> --json`.
fn search(public: &Path, query: &str) -> Value {
    let out = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/search.mjs"))
        .arg(public)
        .arg(query)
        .arg("--json")
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "tools/search.mjs {query:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{query:?}: no JSON ({e}): {stdout}"))
}

fn urls(found: &Value) -> Vec<&str> {
    found["results"].as_array().unwrap().iter().map(|r| r["url"].as_str().unwrap()).collect()
}

/// Every query's first result, all wrong ones reported at once.
fn check(site: &Site, cases: &[(&str, Option<&str>)]) -> Vec<String> {
    let public = site.path("public");
    let mut wrong = Vec::new();
    for (query, want) in cases {
        let found = search(&public, query);
        let got = urls(&found);
        if got.first().copied() != *want {
            wrong.push(format!("{query:?}: want {want:?} first, got {got:?}"));
        }
    }
    wrong
}

fn built(site: Site) -> Site {
    site.build(TODAY);
    site
}

#[test]
#[ignore = "needs node: run the README's test command"]
fn realistic_queries_find_the_right_document_first() {
    require("search queries", false);
    assert!(DEFAULT_SITE.len() + FIXTURE_SITE.len() >= 30);
    let mut wrong = check(&built(harness::default_site()), DEFAULT_SITE);
    wrong.extend(check(&built(harness::fixture("search", "sundby")), FIXTURE_SITE));
    assert!(wrong.is_empty(), "{} queries put the wrong result first:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
#[ignore = "needs node: run the README's test command"]
fn in_force_ranks_above_expired_and_typos_below_exact_hits() {
    require("search ranking", false);
    let site = built(harness::fixture("search", "sundby"));
    let public = site.path("public");
    let found = search(&public, "samarbejdsaftale udskrivning");
    let got = urls(&found);
    let at = |url: &str| got.iter().position(|u| *u == url).unwrap_or_else(|| panic!("{url} not in {got:?}"));
    assert!(at("aftaler/udskrivning-2024.html") < at("aftaler/udskrivning-2019.html"), "{got:?}");
    let results = found["results"].as_array().unwrap();
    let old = results.iter().find(|r| r["url"] == "aftaler/udskrivning-2019.html").unwrap();
    assert_eq!(old["status"], "Erstattet", "the 2024 agreement replaced it: {old}");
    // A typo is forgiven and named; a word spelled right is not "corrected".
    let typo = search(&public, "udskrvning");
    assert_eq!(typo["suggestion"], "udskrivning", "{typo}");
    assert_eq!(search(&public, "udskrivning")["suggestion"], Value::Null);
    // Four-letter words get no typo tolerance: `samt` is not `samtykke` and not `sant`.
    assert_eq!(search(&public, "sant")["total"], 0);
    // Compound parts find the compound without flooding the results.
    assert!(search(&public, "epikrise")["total"].as_u64().unwrap() <= 5);
    // A long agreement's sections link to their headings, at most three per document.
    let sections = urls(&search(&public, "udskrivning"))
        .iter()
        .filter(|u| u.starts_with("aftaler/udskrivning-2024.html#"))
        .count();
    assert!((1..=3).contains(&sections), "{sections} sections");
}
