//! The filter boxes over plain tables: without JavaScript every row shows and no box; with it,
//! each choice shows exactly the rows that the fixture's Markdown says it should. The expected
//! counts are worked out here from the fixture's front matter, never read from the page.

use super::{built, node, public, require, TODAY};
use crate::harness::{self, fixtures_dir};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// One table row as the content describes it: filter name → the values it matches.
type Row = BTreeMap<&'static str, Vec<String>>;

/// `åben` → `aaben`, `i gang` → `i-gang`: the documented slug rule for values in URLs.
fn slug(s: &str) -> String {
    s.to_lowercase().replace('å', "aa").replace('æ', "ae").replace('ø', "oe").replace(' ', "-")
}

fn front_matter(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = text.split("\n---").next().unwrap().trim_start_matches("---");
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The documents in `content/<dir>/` that are published, with their ids (`id:`, else the file
/// name, which the fixture writes as a slug already).
fn docs(content: &Path, dir: &str) -> Vec<(String, serde_yaml::Value)> {
    let mut files: Vec<_> = std::fs::read_dir(content.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .iter()
        .map(|p| (p, front_matter(p)))
        .filter(|(_, d)| d["draft"].as_bool() != Some(true))
        .map(|(p, d)| {
            (d["id"].as_str().map_or_else(|| p.file_stem().unwrap().to_string_lossy().into(), String::from), d)
        })
        .collect()
}

fn ids(list: &serde_yaml::Value) -> Vec<String> {
    let list = list.as_sequence().map_or(&[][..], Vec::as_slice);
    list.iter().map(|p| p.as_str().or_else(|| p["id"].as_str()).unwrap().to_string()).collect()
}

/// The rows of the agreements list, and the plan items of every plan (page → rows).
fn rows_from_content(content: &Path) -> BTreeMap<String, Vec<Row>> {
    let mut pages: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for (_, a) in docs(content, "aftaler") {
        let status = slug(a["status"].as_str().unwrap_or("udkast"));
        let row = Row::from([("parties", ids(&a["parties"])), ("status", vec![status.clone()])]);
        pages.entry("aftaler.html".into()).or_default().push(row);
        // Its expiry and review dates are deadlines too (SPEC §2.8); a passed review is overdue.
        for (key, overdue) in [("expires", false), ("review", true)] {
            if let Some(date) = a[key].as_str() {
                let shown = if key == "expires" && date < TODAY { "udloebet".to_string() } else { status.clone() };
                let late = overdue && date < TODAY;
                let row = Row::from([
                    ("responsible", ids(&a["parties"])),
                    ("status", vec![shown]),
                    ("overdue", if late { vec!["true".into()] } else { vec![] }),
                ]);
                pages.entry("frister.html".into()).or_default().push(row);
            }
        }
    }
    for (id, plan) in docs(content, "handleplaner") {
        let parties = ids(&plan["parties"]);
        let page = format!("handleplaner/{id}.html");
        for item in plan["sections"].as_sequence().unwrap().iter().flat_map(|s| s["items"].as_sequence().unwrap()) {
            let status = item["status"].as_str().unwrap_or("åben");
            let deadline = item["deadline"].as_str();
            let overdue = deadline.is_some_and(|d| d < TODAY) && status != "færdig";
            // `fælles` means all the plan's parties, and is a choice of its own.
            let mut responsible: Vec<String> = ids(&item["responsible"]).iter().map(|r| slug(r)).collect();
            if responsible.contains(&"faelles".to_string()) {
                responsible.extend(parties.iter().cloned());
            }
            let row = Row::from([
                ("responsible", responsible),
                ("status", vec![slug(status)]),
                ("overdue", if overdue { vec!["true".into()] } else { vec![] }),
            ]);
            if deadline.is_some() {
                pages.entry("frister.html".into()).or_default().push(row.clone());
            }
            pages.entry(page.clone()).or_default().push(row);
        }
    }
    pages
}

#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn filters_show_the_rows_the_content_says() {
    require("filters", true);
    let site = built(harness::fixture("browser", "da"));
    let expected = rows_from_content(&fixtures_dir().join("browser/da/content"));
    let pages: Vec<&String> = expected.keys().collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    let report = node("filters.mjs", &json!({ "site": public(&site), "pages": pages }));
    assert_eq!(report["errors"], json!([]));
    for (page, rows) in &expected {
        let r = &report["pages"][page.as_str()];
        assert_eq!(r["rows"], json!(rows.len()), "{page}: one row per entry in the content: {r}");
        assert_eq!(r["no_js"]["rows_shown"], json!(rows.len()), "{page}: without JavaScript every row shows: {r}");
        assert_eq!(r["no_js"]["box_shown"], false, "{page}: without JavaScript no filter box: {r}");
        assert_eq!(r["box_shown"], true, "{page}: {r}");
        let choices = r["choices"].as_array().unwrap();
        for c in choices {
            let filter = c["filter"].as_str().unwrap();
            let value = match &c["value"] {
                Value::Bool(true) => "true".to_string(),
                v => v.as_str().unwrap().to_string(),
            };
            let want = rows.iter().filter(|row| row[filter].contains(&value)).count();
            assert_eq!(c["shown"], json!(want), "{page}: {filter} = {value} shows {want} row(s): {c}");
        }
        // Every value the content uses is offered as a choice.
        for row in rows {
            for (filter, values) in row {
                for v in values {
                    let offered = choices.iter().any(|c| c["filter"] == *filter && (c["value"] == *v || v == "true"));
                    assert!(offered, "{page}: no choice {filter} = {v}: {choices:?}");
                }
            }
        }
    }
    let overdue = |page: &str| expected[page].iter().filter(|r| !r["overdue"].is_empty()).count();
    assert_eq!(overdue("frister.html"), 2, "the fixture has two overdue deadlines on {TODAY}");
}
