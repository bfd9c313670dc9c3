//! Agreements as legal documents (SPEC 2.9): what a reader sees of changes between versions,
//! defined terms, numbered clauses and references, and signatures; and what an editor is told
//! when these are written wrong.

use crate::harness::{fixture, visible_text, Run, Site};

const TODAY: &str = "2025-06-01";

fn versions() -> Site {
    let site = fixture("legal", "versions");
    site.build(TODAY);
    site
}

/// The HTML of the redline section whose heading starts with `heading`.
fn redline_section<'a>(html: &'a str, heading: &str) -> &'a str {
    let start = html
        .find(&format!(">{heading} <span class=\"redline-state\">"))
        .unwrap_or_else(|| panic!("no section {heading:?} in {html}"));
    let from = html[..start].rfind("redline-section").unwrap();
    let end = html[start..].find("redline-section").map_or(html.len(), |e| start + e);
    &html[from..end]
}

fn assert_reports(run: &Run, message: &str, location: &str) {
    let err = &run.stderr;
    let at = err.find(message).unwrap_or_else(|| panic!("no {message:?} in:\n{err}"));
    let next = &err[at..];
    let loc = &next[next.find("--> ").expect("location") + 4..];
    assert!(loc.starts_with(location), "{message:?} at {}, expected {location}", loc.lines().next().unwrap());
}

#[test]
fn redline_marks_changed_words_in_their_sections_and_opens_with_the_count() {
    let site = versions();
    let html = site.page("aendringer/samarbejde-2025.html");
    let text = visible_text(&html);
    assert!(text.contains("Ændringer i Samarbejdsaftale 2025 6 ændringer i 5 afsnit"), "{text}");
    let del = |w: &str| format!("<del><span class=\"visually-hidden\">slettet: </span>{w}</del>");
    let ins = |w: &str| format!("<ins><span class=\"visually-hidden\">tilføjet: </span>{w}</ins>");
    let formaal = redline_section(&html, "Formål");
    assert!(formaal.contains(&format!("hver {}{} i Vejle", del("måned"), ins("uge"))), "{formaal}");
    assert!(formaal.contains("(2 ændringer)"), "{formaal}");
    // The new reference to a clause reads as its heading, not as link syntax.
    assert!(formaal.contains("Se Styregruppe om møderne"), "{formaal}");
    let ophoer = redline_section(&html, "Ophør");
    assert!(ophoer.contains(&format!("med {}{} måneders", del("tre"), ins("seks"))), "{ophoer}");
    // Økonomi moved below Ophør: matched by its heading, unchanged and folded.
    let oekonomi = redline_section(&html, "Økonomi");
    assert!(oekonomi.starts_with("redline-section state-unchanged\">\n    <summary>"), "{oekonomi}");
    assert!(oekonomi.contains("(uændret, flyttet)") && !oekonomi.contains("<del>"), "{oekonomi}");
    assert!(redline_section(&html, "Overgangsordning").contains(&del("Denne ordning gælder kun i 2023.")));
    assert!(redline_section(&html, "Tvister").contains("(nyt afsnit)"));
    assert!(html.contains("<details class=\"redline-section state-unchanged\">\n    <summary>Samarbejdsfora"));
}

#[test]
fn redline_table_shows_the_changed_front_matter() {
    let site = versions();
    let text = visible_text(&site.page("aendringer/samarbejde-2025.html"));
    for row in [
        "Version slettet: 1.0 tilføjet: 2.0",
        "Ikrafttræden slettet: 1. januar 2023 tilføjet: 1. januar 2025",
        "Parter – tilføjet: Testhospitalet",
        "Målgruppekriterier slettet: Aldersgruppe 18-64 tilføjet: Aldersgruppe 18+",
        "Ansvarsfordeling: Testkommune slettet: Ansætte to IPS-konsulenter. tilføjet: Ansætte tre IPS-konsulenter.",
    ] {
        assert!(text.contains(row), "missing {row:?} in {text}");
    }
    assert!(!text.contains("Ansvarsfordeling: Region Test"), "unchanged duties are not listed: {text}");
}

#[test]
fn both_versions_and_the_front_page_link_to_the_redline() {
    let site = versions();
    let link = "href=\"../aendringer/samarbejde-2025.html\"";
    let new = site.page("aftaler/samarbejde-2025.html");
    assert!(new.contains(&format!("{link}>Ændringer fra den version, den erstatter</a> (6 ændringer i 5 afsnit)")));
    let old = site.page("aftaler/samarbejde-2023.html");
    assert!(old.contains(&format!("{link}>Se hvad der er ændret</a>")), "{old}");
    let front = visible_text(&site.page("index.html"));
    assert!(front.contains("Senest ændret Ændringer i Samarbejdsaftale 2025 6 ændringer i 5 afsnit"), "{front}");
}

#[test]
fn terms_are_linked_at_first_use_in_each_section_and_never_in_headings() {
    let site = versions();
    let notat = site.page("dokumenter/notat.html");
    assert!(notat.contains("<h2 id=\"epikriser\">Epikriser</h2>"), "{notat}");
    assert_eq!(notat.matches("class=\"term-link\"").count(), 2, "{notat}");
    assert!(notat.contains(
        "href=\"../begreber.html#epikrise\" aria-describedby=\"begreb-epikrise\" data-definition=\"Epikrise: Lægens skriftlige"
    ));
    assert!(notat.contains("<dd id=\"begreb-epikrise\">Lægens skriftlige"), "described by the list of terms used");
    assert!(notat.contains(">IPS-konsulenten</a>") && notat.contains(", og epikrisen gemmes."), "{notat}");
    // In the agreement its own definition wins; a new section links the term again.
    let aftale = site.page("aftaler/samarbejde-2025.html");
    let local = "href=\"../begreber.html#samarbejde-2025--epikrise\"";
    assert_eq!(aftale.matches(local).count(), 3, "Formål, Styregruppe and the list of terms: {aftale}");
    assert!(aftale.contains("data-definition=\"Epikrise: I denne aftale et kort notat"));
    assert!(aftale.contains(", og en ny epikrise sendes"), "second use in a section is plain: {aftale}");
    // Print gets the terms as a list of notes.
    let text = visible_text(&aftale);
    assert!(text.contains("Begreber brugt i teksten Epikrise I denne aftale et kort notat"), "{text}");
}

#[test]
fn begreber_lists_every_term_with_its_definition_place_and_users() {
    let site = versions();
    let text = visible_text(&site.page("begreber.html"));
    let order: Vec<usize> =
        ["Caseload Antal", "Epikrise Lægens", "Epikrise I denne aftale", "IPS-konsulent Medarbejder"]
            .iter()
            .map(|t| text.find(t).unwrap_or_else(|| panic!("no {t:?} in {text}")))
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "alphabetical: {order:?} {text}");
    assert!(text
        .contains("Defineret i Samarbejdsaftale 2025 (gælder kun i dette dokument) Bruges i: Samarbejdsaftale 2025"));
    assert!(text.contains("udskrivning. Defineret i Definitioner Bruges i: Notat om styregruppen"), "{text}");
    assert!(text
        .contains("Defineret i Definitioner Bruges i: Samarbejdsaftale 2025 , Definitioner , Notat om styregruppen"));
    assert!(text.contains("Caseload Antal deltagere, en IPS-konsulent arbejder med ad gangen. Defineret i Definitioner Bruges i: Rammeaftale , Definitioner"), "{text}");
}

#[test]
fn term_pages_are_in_search() {
    let site = versions();
    let index = site.page("search-index.js");
    assert!(index.contains("\"Begreb\""), "the kind is named: {index}");
    let chunks: String = std::fs::read_dir(site.path("public/search"))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .collect();
    assert!(chunks.contains("begreber.html#samarbejde-2025--epikrise"), "local term in search");
    assert!(chunks.contains("begreber.html#caseload"), "site-wide term in search");
}

#[test]
fn numbered_clauses_show_in_headings_contents_references_and_print() {
    let site = versions();
    let html = site.page("aftaler/samarbejde-2025.html");
    assert!(html.contains("<h3 id=\"styregruppe\"><span class=\"clause-no\">2.1</span> Styregruppe</h3>"), "{html}");
    assert!(html.contains("<a href=\"#styregruppe\"><span class=\"clause-no\">2.1</span> Styregruppe</a>"), "TOC");
    assert!(html.contains("<a href=\"#styregruppe\">pkt. 2.1 Styregruppe</a> om møderne"), "{html}");
    assert!(html.contains("<a href=\"#ophoer\">reglerne om ophør</a>"), "given text kept");
    // Print must not number the headings a second time.
    assert!(html.contains("<section id=\"tekst\" class=\"body\""), "{html}");
    let notat = site.page("dokumenter/notat.html");
    assert!(
        notat.contains("<a href=\"../aftaler/samarbejde-2025.html#styregruppe\">Samarbejdsaftale 2025, pkt. 2.1</a>")
    );
}

#[test]
fn clause_references_read_section_in_english() {
    let site = fixture("legal", "versions");
    site.write("site.yaml", "title: Legal\nlanguage: en\n");
    site.build(TODAY);
    let html = site.page("aftaler/samarbejde-2025.html");
    assert!(html.contains(">section 2.1 Styregruppe</a>"), "{html}");
    let text = visible_text(&site.page("aendringer/samarbejde-2025.html"));
    assert!(text.contains("Changes in Samarbejdsaftale 2025 6 changes in 5 sections"), "{text}");
}

#[test]
fn signature_status_on_the_agreement_the_list_and_the_front_page() {
    let site = versions();
    let text = visible_text(&site.page("aftaler/samarbejde-2025.html"));
    assert!(text.contains("Mangler underskrift fra Region Test, Testhospitalet"), "{text}");
    let text = visible_text(&site.page("aftaler/rammeaftale.html"));
    assert!(text.contains("Underskrevet af alle parter 3. januar 2024"), "{text}");
    let unsigned = "Gældende aftaler, der mangler underskrifter Samarbejdsaftale 2025 : Mangler underskrift fra Region Test, Testhospitalet";
    for page in ["aftaler.html", "index.html"] {
        let text = visible_text(&site.page(page));
        assert!(text.contains(unsigned), "{page}: {text}");
        assert!(!text.contains("Rammeaftale : Mangler"), "{page}");
    }
}

#[test]
fn check_warns_on_unsigned_signatories_of_an_agreement_in_force() {
    let run = fixture("legal", "versions").run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_reports(
        &run,
        "warning: `regionen` has not signed this `gældende` agreement",
        "content/aftaler/samarbejde-2025.md:10:11",
    );
    assert_reports(&run, "warning: `hospitalet` has not signed", "content/aftaler/samarbejde-2025.md:11:11");
}

#[test]
fn reference_to_a_missing_clause_is_an_error_at_the_link() {
    let site = fixture("legal", "versions");
    site.write("content/dokumenter/notat.md", "---\ntitle: Notat\n---\nSe [[samarbejde-2025#styregrupen]].\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_reports(&run, "error: no heading `#styregrupen` in `samarbejde-2025`", "content/dokumenter/notat.md:4:4");
    assert!(run.stderr.contains("did you mean `#styregruppe`?"), "{}", run.stderr);
}

#[test]
fn a_term_defined_twice_differently_warns_at_both_places() {
    let site = fixture("legal", "versions");
    site.write("content/dokumenter/ordliste.md", "---\ntitle: Ordliste\nterms:\n  caseload: Noget helt andet.\n---\n");
    let run = site.run(&["check"]);
    assert_reports(
        &run,
        "warning: the term `caseload` has two different definitions",
        "content/dokumenter/ordliste.md:4:3",
    );
    assert!(run.stderr.contains("also defined at content/dokumenter/definitioner.md:7"), "{}", run.stderr);
    assert_reports(
        &run,
        "warning: the term `Caseload` has two different definitions",
        "content/dokumenter/definitioner.md:7:3",
    );
}

#[test]
fn supersedes_itself_or_in_a_circle_is_an_error() {
    let site = fixture("legal", "versions");
    let text = std::fs::read_to_string(site.path("content/aftaler/rammeaftale.md")).unwrap();
    site.write(
        "content/aftaler/rammeaftale.md",
        &text.replace("status: gældende\n", "status: gældende\nsupersedes: rammeaftale\n"),
    );
    let old = std::fs::read_to_string(site.path("content/aftaler/samarbejde-2023.md")).unwrap();
    site.write(
        "content/aftaler/samarbejde-2023.md",
        &old.replace("numbered: true\n", "numbered: true\nsupersedes: samarbejde-2025\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_reports(&run, "error: a document cannot supersede itself", "content/aftaler/rammeaftale.md:4:13");
    assert_reports(
        &run,
        "error: `supersedes` goes round in a circle: samarbejde-2023 → samarbejde-2025 → samarbejde-2023",
        "content/aftaler/samarbejde-2023.md:5:13",
    );
    assert_reports(
        &run,
        "error: `supersedes` goes round in a circle: samarbejde-2025",
        "content/aftaler/samarbejde-2025.md:5:13",
    );
}
