//! What a reader sees on each kind of page of a site that uses every field of the format.

use crate::harness::{fixture, visible_text, Site};

const TODAY: &str = "2025-06-01";

fn full() -> Site {
    let site = fixture("build", "full");
    site.build(TODAY);
    site
}

#[test]
fn agreement_page_shows_parties_target_group_matrix_and_history() {
    let site = full();
    let html = site.page("aftaler/samarbejde.html");
    let text = visible_text(&html);
    // Party cards with address and CVR, from the profile and from the inline declaration.
    for s in [
        "Testkommune (TK)",
        "Rådhustorvet 1, 7100 Vejle",
        "29189641",
        "Region <Syd> (RS)",
        "Regionsvej 1, 7000 Fredericia",
        "29190909",
    ] {
        assert!(text.contains(s), "missing {s:?} in {text}");
    }
    // Målgruppe with its criteria.
    assert!(text.contains("Målgruppe Borgere med svær psykisk sygdom."), "{text}");
    assert!(text.contains("Målgruppekriterier Aldersgruppe 18-64 Motiverede for job eller uddannelse"), "{text}");
    // The responsibility matrix: one row per party, fælles included.
    assert!(text.contains("Testkommune Ansætte to IPS-konsulenter. Sikre ledelsesopbakning."), "{text}");
    assert!(text.contains("Region <Syd> Give IPS-konsulenterne kontorplads."), "{text}");
    assert!(text.contains("Fælles Holde styregruppemøde hvert kvartal."), "{text}");
    // Key dates, the review banner (review date passed), history and signatures.
    assert!(text.contains("Ikrafttræden 15. januar 2024"), "{text}");
    assert!(text.contains("Skal genbesøges Fristen for at genbesøge aftalen var 1. marts 2025."), "{text}");
    assert!(text.contains("2.1 15. januar 2024 Revideret"), "{text}");
    assert!(text.contains("Underskrifter"), "{text}");
    assert!(text.contains("Bo Regionsen Navn Direktør Titel"), "{text}");
    // Principles it states, in its own wording; its plan; backlinks from the note.
    assert!(text.contains("2. Målet er et ordinært job."), "{text}");
    assert!(html.contains(r#"href="../handleplaner/handleplan-for-ips.html""#));
    assert!(text.contains("Henvisninger hertil Handleplan for IPS Handleplan Gældende Notat om principper"), "{text}");
    // Table of contents and body with a footnote.
    assert!(html.contains(r##"<a href="#formaal">Formål</a>"##), "{html}");
    assert!(text.contains("Første møde holdes i januar."));
    // An attachment beside the source is copied and linked.
    assert!(html.contains(r#"<a href="../aftaler/underskrevet.pdf">underskrevet.pdf</a>"#));
    assert!(std::fs::read(site.path("public/aftaler/underskrevet.pdf")).unwrap().starts_with(b"%PDF"));
}

#[test]
fn superseded_and_expired_agreements_get_banners() {
    let site = full();
    let text = visible_text(&site.page("aftaler/gammel.html"));
    // Replaced and expired: "Erstattet" comes first (SPEC §2.8) and says what replaced it.
    assert!(text.contains("Aftale Erstattet Gammel aftale Erstattet af Samarbejde <b>om</b> IPS & job"), "{text}");
    assert!(!text.contains("Udløbet"), "one status, not two: {text}");
}

#[test]
fn plan_page_shows_progress_items_and_overdue_flag() {
    let site = full();
    let html = site.page("handleplaner/handleplan-for-ips.html");
    let text = visible_text(&html);
    assert!(text.contains("1 af 3 punkter færdige"), "{text}");
    assert!(text.contains("Udmønter aftalen: Samarbejde <b>om</b> IPS & job"), "{text}");
    // The item due 2025-03-01 is open and past today: overdue. The done one is not flagged.
    let overdue_item = html.split("<article").find(|a| a.contains("Aftale om målgruppe")).unwrap();
    assert!(
        overdue_item.contains("is-overdue") && visible_text(overdue_item).contains("Overskredet"),
        "{overdue_item}"
    );
    let done_item = html.split("<article").find(|a| a.contains("Ansæt konsulenter")).unwrap();
    assert!(!visible_text(done_item).contains("Overskredet"));
    assert!(visible_text(done_item).contains("To konsulenter; begge starter 1. februar."));
    assert!(text.contains("Anbefaling Caseload bør ikke overstige 25 deltagere."), "{text}");
    assert!(text.contains("Tovholder Anna Andersen"), "{text}");
    // An unanswered item invites an answer.
    assert!(visible_text(overdue_item).contains("Ikke besvaret endnu"));
    assert!(html.contains(r#"id="ansaet""#));
}

#[test]
fn deadlines_page_orders_by_date_and_flags_overdue() {
    let site = full();
    let text = visible_text(&site.page("frister.html"));
    let a = text.find("15. januar 2025").expect("done item listed");
    let b = text.find("1. marts 2025 Overskredet Aftale om målgruppe").expect("overdue item flagged");
    let c = text.find("1. september 2025").expect("future item listed");
    assert!(a < b && b < c, "{text}");
    // The open item and the agreement's review date, both past.
    assert!(
        text.contains("1. marts 2025 Overskredet Aftalen skal genbesøges Samarbejde <b>om</b> IPS & job"),
        "{text}"
    );
    assert_eq!(text.matches("Overskredet").count(), 2, "two flags in the table: {text}");
    assert!(text.contains("2 overskredet"), "the count line: {text}");
    assert!(text.contains("1. januar 2027 Aftalen udløber Samarbejde <b>om</b> IPS & job"), "{text}");
    // With a later today, the September item is overdue too.
    let later = fixture("build", "full");
    later.build("2025-12-01");
    assert!(visible_text(&later.page("frister.html")).contains("1. september 2025 Overskredet"));
}

#[test]
fn principles_page_has_crosswalk_in_each_documents_own_words() {
    let site = full();
    let html = site.page("principper.html");
    let text = visible_text(&html);
    let table = &html[html.find("<table class=\"crosswalk\"").expect("crosswalk table")..];
    let header = visible_text(&table[..table.find("</thead>").unwrap()]);
    assert_eq!(header, "Princip Samarbejde <b>om</b> IPS & job Gældende Skal genbesøges Notat om principper");
    assert!(text.contains("1. Ingen eksklusion ✓ 3. Alle kan være med."), "{text}");
    assert!(
        text.contains("2. Ordinært arbejde 2. Målet er et ordinært job. 1. Job på det ordinære arbejdsmarked."),
        "{text}"
    );
    let principle = visible_text(&site.page("principper/ingen-eksklusion.html"));
    assert!(principle.contains("Notat om principper Dokument 3. Alle kan være med."), "{principle}");
    assert!(principle.contains("Aftale om målgruppe Handleplan: Handleplan for IPS"), "{principle}");
}

#[test]
fn party_pages_gather_documents_duties_and_items() {
    let site = full();
    let kommune = visible_text(&site.page("parter/kommune.html"));
    assert!(kommune.contains("Kommunen står for beskæftigelsesindsatsen."), "{kommune}");
    assert!(kommune.contains("Ansætte to IPS-konsulenter."));
    assert!(kommune.contains("Holde styregruppemøde hvert kvartal."), "shared duty shown: {kommune}");
    for item in ["Aftale om målgruppe", "Visitation", "Ansæt konsulenter"] {
        assert!(kommune.contains(item), "{item} in {kommune}");
    }
    // A party declared only inline still gets its page.
    let region = visible_text(&site.page("parter/region.html"));
    assert!(
        region.contains("Regionsvej 1, 7000 Fredericia") && region.contains("Give IPS-konsulenterne kontorplads."),
        "{region}"
    );
    assert!(!region.contains("Ansæt konsulenter"), "kommune's own item is not the region's");
    let list = visible_text(&site.page("parter.html"));
    assert!(list.contains("Region <Syd> (RS)") && list.contains("Testkommune (TK)"));
}

#[test]
fn csv_is_excel_friendly() {
    let site = full();
    let bytes = std::fs::read(site.path("public/handleplaner/handleplan-for-ips.csv")).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let rows: Vec<&str> = text.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows[0], "Afsnit;Titel;Spørgsmål;Anbefaling;Ansvarlig;Tovholder;Frist;Status;Svar");
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1], "Målgruppe og visitation;Aftale om målgruppe;Hvilke borgere er omfattet af indsatsen?;Caseload bør ikke overstige 25 deltagere.;Testkommune, Region <Syd>;Anna Andersen;2025-03-01;Åben;");
    assert_eq!(rows[3], "Organisering;Ansæt konsulenter;Hvor mange konsulenter ansættes?;;Testkommune;;2025-01-15;Færdig;\"To konsulenter; begge starter 1. februar.\"");
}

#[test]
fn ics_has_one_event_per_dated_item_and_agreement_date() {
    let site = full();
    let ics = site.page("frister.ics").replace("\r\n ", "");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    // Three items, and the agreement's expiry and review dates.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5);
    assert!(ics.contains("UID:samarbejde.udloeber@aftalebog"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20250301\r\n"));
    assert!(ics.contains("UID:handleplan-for-ips.ansaet@aftalebog"));
    assert!(ics.contains("SUMMARY:Frist: Ansæt konsulenter (Færdig)"));
    assert!(ics.contains("URL:https://intra.example.dk/aftaler/handleplaner/handleplan-for-ips.html#ansaet"));
}

#[test]
fn html_in_titles_and_names_is_escaped_everywhere() {
    let site = full();
    for entry in walkdir::WalkDir::new(site.path("public")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if !(name.ends_with(".html") || name.ends_with(".js") || name.ends_with(".xml")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for raw in ["<b>om</b>", "<Syd>", "<Q&A>"] {
            assert!(!text.contains(raw), "unescaped {raw} in {}", entry.path().display());
        }
    }
    let index = site.page("search-index.js");
    assert!(index.contains(r"Samarbejde \u003cb\u003eom\u003c/b\u003e IPS \u0026 job"), "{index}");
}

#[test]
fn topics_sitemap_feed_and_front_page() {
    let site = full();
    assert!(visible_text(&site.page("emner/ips.html")).contains("Notat om principper"));
    assert!(site.page("sitemap.xml").contains("<loc>https://intra.example.dk/aftaler/aftaler/samarbejde.html</loc>"));
    assert!(site.page("feed.xml").contains("<title>Samarbejde &lt;b&gt;om&lt;/b&gt; IPS &amp; job</title>"));
    assert!(site.page("feed.xml").contains("<author><name>Testkommune</name></author>"), "RFC 4287 §4.1.1");
    let index = visible_text(&site.page("index.html"));
    assert!(index.contains("Velkommen til testsitet."), "{index}");
    assert!(index.contains("Overskredne frister Aftale om målgruppe"), "{index}");
    assert!(index.contains("3 Aftaler"), "{index}");
    let footer = site.page("index.html");
    assert!(footer.contains(r#"<a href="https://was.digst.dk/intra-example-dk">Tilgængelighedserklæring</a>"#));
}

#[test]
fn sitemap_lists_every_page_but_the_404_page() {
    let site = full();
    let base = "https://intra.example.dk/aftaler/";
    let mut listed: Vec<String> = site
        .page("sitemap.xml")
        .split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap().strip_prefix(base).expect("absolute URL").to_string())
        .collect();
    let mut pages: Vec<String> =
        tree(&site).into_iter().map(|(p, _)| p).filter(|p| p.ends_with(".html") && p != "404.html").collect();
    listed.sort();
    pages.sort();
    assert_eq!(listed, pages);
    for page in ["emner.html", "emner/ips.html", "parter/region.html", "index.html"] {
        assert!(pages.iter().any(|p| p == page), "{page} is a page of the site");
    }
}

#[test]
fn a_theme_can_override_the_feed_and_the_sitemap() {
    let site = fixture("build", "full");
    site.write("templates/feed.xml", "feed of {{ feed.title }}: {{ feed.entries | length }}\n");
    site.write("templates/sitemap.xml", "{% for url in urls %}{{ url }}\n{% endfor %}");
    site.build(TODAY);
    assert_eq!(site.page("feed.xml"), "feed of Testaftaler &lt;Q&amp;A&gt;: 2\n");
    // In path order: the redline of the agreement (`aendringer/`) comes before the list.
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.starts_with("https://intra.example.dk/aftaler/aendringer/samarbejde.html\n"), "{sitemap}");
    assert!(sitemap.contains("\nhttps://intra.example.dk/aftaler/aftaler.html\n"), "{sitemap}");
}

/// Every output file and its bytes.
fn tree(site: &Site) -> Vec<(String, Vec<u8>)> {
    let public = site.path("public");
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(&public).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn drafts_only_with_flag_and_output_is_reproducible() {
    let site = full();
    assert!(!site.path("public/dokumenter/kladde.html").exists());
    let first = tree(&site);
    site.build(TODAY);
    assert_eq!(first, tree(&site), "same input, same today, same bytes in every file");
    let run = site.run(&["build", "--today", TODAY, "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("public/dokumenter/kladde.html").exists());
}

#[test]
fn type_overrides_the_folder_and_id_overrides_the_file_name() {
    let site = full();
    let text = visible_text(&site.page("dokumenter/moedebilag.html"));
    assert!(text.contains("Et bilag, der ligger i aftaler/, men er et dokument."), "{text}");
    assert!(!site.path("public/aftaler/moedebilag.html").exists());
    let agreement = visible_text(&site.page("aftaler/samarbejde.html"));
    assert!(agreement.contains("Relaterede dokumenter Bilag om møder"), "related shows both ways: {agreement}");
}

#[test]
fn english_switches_the_interface() {
    let site = fixture("build", "full");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap().replace("language: da", "language: en");
    site.write("site.yaml", &yaml);
    site.build(TODAY);
    let plan = visible_text(&site.page("handleplaner/handleplan-for-ips.html"));
    assert!(plan.contains("Overdue") && !plan.contains("Overskredet"), "{plan}");
    assert!(plan.contains("1 of 3 items done"), "{plan}");
    assert!(site.page("index.html").starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
}
