//! The bundled default site: the five source documents, converted faithfully. Checks that
//! the sources' sentences, figures and addresses reach the built pages, that the OCR damage
//! of the action plan is repaired, and that the structure (22 plan items, the crosswalk of
//! four documents × eight principles, the research parties' duties) is there.

mod ocr;

use crate::harness::{default_site, fixtures_dir, visible_text, Site};
use std::collections::BTreeMap;

const TODAY: &str = "2026-11-23";

fn built() -> Site {
    let site = default_site();
    site.build(TODAY);
    site
}

/// Visible text of every page, keyed by path.
fn all_text(site: &Site) -> BTreeMap<String, String> {
    let public = site.path("public");
    walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (
                e.path().strip_prefix(&public).unwrap().display().to_string(),
                visible_text(&std::fs::read_to_string(e.path()).unwrap()),
            )
        })
        .collect()
}

/// Whitespace collapsed; Markdown emphasis, escapes and typographic variants folded, so a
/// source sentence and its rendering compare equal.
fn norm(s: &str) -> String {
    let s = s.replace(['*', '\\', '"', '“', '”', '\u{ad}'], "").replace(['–', '—'], "-");
    // Inline links (defined terms) end words with a tag, which the text extraction spaces.
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",").replace("( ", "(").replace(" :", ":")
}

/// The sentences of a Markdown/plain source with at least six words, one table cell or list
/// item at a time.
fn sentences(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in source.lines() {
        let line = strip_inline_html(line);
        for cell in line.split(['\t', '|']) {
            let cell = cell.trim().trim_start_matches(['#', '-', '>', ' ']).trim();
            let cell = cell.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim();
            for sentence in cell.split(". ") {
                let s = norm(sentence.trim_end_matches('.'));
                if s.split(' ').count() >= 6 && !s.contains("\\_") && !s.contains("_____") && !s.contains("$") {
                    out.push(s);
                }
            }
        }
    }
    out
}

fn strip_inline_html(line: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    link_text(&out)
}

/// `[text](url)` → `text`, as the reader sees a Markdown link.
fn link_text(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|m| open + m) else { break };
        let Some(close) = rest[mid..].find(')').map(|c| mid + c) else { break };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..mid]);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Letters lost in the sources that the conversion restored on purpose.
const REPAIRS: [(&str, &str); 1] = [("MALET ER JOB", "MÅLET ER JOB")];

#[test]
fn check_reports_only_the_templates_blanks() {
    let site = default_site();
    let run = site.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("0 error(s), 1 warning(s)"), "{}", run.stderr);
    assert!(run.stderr.contains("warning: 11 blank(s) and 5 guidance note(s) still to fill in\n  --> content/aftaler/ips-samarbejdsaftale.md"), "{}", run.stderr);
}

/// Each clean source and the page it became.
const SOURCES: [(&str, &str); 4] = [
    ("samarbejdsaftale-ips-skabelon.md", "aftaler/ips-samarbejdsaftale.html"),
    ("minimumsdefinition-ips.md", "dokumenter/minimumsdefinition-ips.html"),
    ("godstrupklyngen-faelles-principper.txt", "dokumenter/godstrupklyngen-faelles-principper.html"),
    ("forskningssamarbejdsaftale-hillerod.md", "aftaler/forskningssamarbejdsaftale-hillerod.html"),
];

#[test]
fn every_sentence_of_each_clean_source_is_on_its_own_page() {
    let site = built();
    let pages = all_text(&site);
    let seeds = fixtures_dir().join("seeds");
    for (file, page) in SOURCES {
        let text = norm(pages.get(page).unwrap_or_else(|| panic!("no page {page}"))).to_lowercase();
        let mut source = std::fs::read_to_string(seeds.join(file)).unwrap();
        for (wrong, right) in REPAIRS {
            source = source.replace(wrong, right);
        }
        let all = sentences(&source);
        let missing: Vec<&String> = all.iter().filter(|s| !text.contains(&s.to_lowercase())).collect();
        assert!(all.len() > 20, "{file}: too few sentences found ({})", all.len());
        assert!(
            missing.is_empty(),
            "{file}: {} of {} sentences missing from {page}:\n{}",
            missing.len(),
            all.len(),
            missing.iter().map(|s| format!("  {s}")).collect::<Vec<_>>().join("\n")
        );
    }
}

#[test]
fn distinctive_sentences_and_figures_per_document() {
    let site = built();
    let pages = all_text(&site);
    let expect = [
        ("handleplaner/aftale-og-handleplan-ips.html", vec![
            "Caseload for en fuldtids IPS-konsulent bør ikke overstige 25 deltagere.",
            "I forskningsprojektet Inklusion kom 59,5 % af deltagerne i job eller uddannelse.",
            "Elementerne i planen er ikke nødvendigvis udtømmende og kan suppleres med elementer, der aftales lokalt.",
            "Skal IPS-konsulenterne have nøgler og adgangskort og bære alarm m.m.?",
            "Det anbefales at mødes mindst to gange om året for at gøre status på IPS-samarbejdet og drøfte eventuelle barrierer.",
        ]),
        ("aftaler/ips-samarbejdsaftale.html", vec![
            "Formålet med samarbejdsaftalen er at beskrive de overordnede aftaler og rammer for det tværsektorielle samarbejde ved opstart af en IPS-indsats i kommune og psykiatri.",
            "Vermundsgade 38", "2100 København Ø", "T. 7221 7440",
            "Indsatsen – og kontakten til arbejdsgiverne i lokalområdet - baseres på IPS-deltagerens præferencer og valg",
        ]),
        ("aftaler/forskningssamarbejdsaftale-hillerod.html", vec![
            "Den årlige gevinst vil være 7,5 · 96.300 = 722.000 kr.",
            "Aktivitetsparate kontant- og uddannelseshjælpsmodtagere med varighed over 12 måneder udgør 235 personer.",
            "Trollesminde Alle 27, 3400 Hillerød", "29189366", "29190623", "Gentofte Hospitalsvej 15",
            "59,5 %", "Region H – Psykiatrien i Nordsjælland",
        ]),
        ("dokumenter/minimumsdefinition-ips.html", vec![
            "af IPS-Ambassadørkorpsset",
            "En IPS-konsulent, der arbejder fuld tid og har 10 IPS-sager, bør ikke have mere end 20 andre sager.",
            "typisk inden for 30 dage",
        ]),
        ("dokumenter/godstrupklyngen-faelles-principper.html", vec![
            "23-018595", "Mads Laursen", "99 74 12 75",
            "Det kunne overvejes at udvide målgruppen til også at omfatte unge i alderen 15-17 år.",
        ]),
        ("principper/ordinaert-arbejde.html", vec!["Fleksjob og privat løntilskud vil i IPS også betragtes som ordinært arbejde."]),
    ];
    for (page, strings) in expect {
        let text = pages.get(page).unwrap_or_else(|| panic!("no page {page}"));
        for s in strings {
            assert!(text.contains(s), "{page}: missing {s:?}");
        }
    }
}

#[test]
fn action_plan_has_22_items_in_5_sections() {
    let site = built();
    let csv = site.page("handleplaner/aftale-og-handleplan-ips.csv");
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 1 + 22, "header + 22 items");
    let sections: std::collections::BTreeSet<&str> = rows[1..].iter().map(|r| r.split(';').next().unwrap()).collect();
    assert_eq!(sections.len(), 5, "{sections:?}");
    let html = site.page("handleplaner/aftale-og-handleplan-ips.html");
    assert_eq!(html.matches("<article class=\"item").count(), 22);
    assert!(visible_text(&html).contains("0 af 22 punkter færdige"));
}

#[test]
fn crosswalk_has_four_documents_and_eight_principles() {
    let site = built();
    let html = site.page("principper.html");
    let table = &html[html.find("<table class=\"crosswalk\"").expect("crosswalk")..];
    let table = &table[..table.find("</table>").unwrap()];
    let head = &table[..table.find("</thead>").unwrap()];
    assert_eq!(head.matches("<th scope=\"col\">").count(), 1 + 4, "principle column + four documents");
    for title in ["Samarbejdsaftale", "Forskningssamarbejdsaftale", "Minimumsdefinition", "Gødstrupklyngen"] {
        assert!(visible_text(head).contains(title), "column for {title}: {}", visible_text(head));
    }
    assert_eq!(table.matches("<th scope=\"row\">").count(), 8);
    assert!(!table.contains("not-stated"), "every document states all eight principles");
    let text = visible_text(table);
    assert!(text.contains("3. Deltagernes egne ønsker, håb og drømme tilgodeses."), "Gødstrup's own numbering: {text}");
}

#[test]
fn research_parties_have_pages_with_their_obligations() {
    let site = built();
    let pages = all_text(&site);
    for (page, duty) in [
        ("parter/hillerod-kommune.html", "Bære omkostningerne til fidelity målinger"),
        (
            "parter/pcn.html",
            "Etablere mulighed for ugentlige (eller hver anden uge) møder mellem IPS konsulenter og behandlere",
        ),
        ("parter/core.html", "Ledelsessparring i opstart."),
    ] {
        let text = &pages[page];
        assert!(text.contains(duty), "{page}: {duty}");
        assert!(text.contains("Forskningssamarbejdsaftale om IPS i Hillerød"), "{page} lists the agreement");
    }
    let kommune = &pages["parter/kommune.html"];
    assert!(
        kommune.contains("Aftale om målgruppe") && kommune.contains("Samarbejdsaftale"),
        "the template's generic party: {kommune}"
    );
}

/// Version numbers are facts a reader relies on: every one in the bundled content's front
/// matter (`version`, and each `history` entry's) is in the source it was converted from.
#[test]
fn no_version_that_the_sources_lack() {
    let seeds = fixtures_dir().join("seeds");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan = ("aftale-og-handleplan-ips.ocr.txt", "handleplaner/aftale-og-handleplan-ips.html");
    for (file, page) in SOURCES.into_iter().chain([plan]) {
        let source = std::fs::read_to_string(seeds.join(file)).unwrap();
        let md = repo.join("content").join(page.replace(".html", ".md"));
        let text = std::fs::read_to_string(&md).unwrap();
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(text.split("\n---").next().unwrap().trim_start_matches("---"))
                .unwrap_or_else(|e| panic!("{}: {e}", md.display()));
        let history = yaml["history"].as_sequence().cloned().unwrap_or_default();
        for version in std::iter::once(&yaml["version"]).chain(history.iter().map(|h| &h["version"])) {
            if let Some(v) = version.as_str().map(String::from).or_else(|| version.as_f64().map(|f| f.to_string())) {
                assert!(source.contains(&v), "{}: version {v:?} is not in {file}", md.display());
            }
        }
    }
    let site = built();
    let hillerod = visible_text(&site.page("aftaler/forskningssamarbejdsaftale-hillerod.html"));
    assert!(!hillerod.contains("Version 1.0"), "{hillerod}");
}
