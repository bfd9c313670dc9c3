//! What a reader meets beyond the documents themselves: a 404 page that works wherever a
//! server shows it.

use crate::harness::{fixture, visible_text};

#[test]
fn not_found_page_links_absolutely_when_the_site_has_a_base_url() {
    let site = fixture("lifecycle", "dates");
    site.build("2026-11-23");
    let html = site.page("404.html");
    let base = "https://intra.example.dk/aftaler/";
    for link in ["assets/style.css", "assets/site.js", "index.html", "aftaler.html", "frister.html"] {
        assert!(html.contains(&format!("\"{base}{link}\"")), "{link} is absolute: {html}");
    }
    assert!(!html.contains("href=\"aftaler.html\""), "no relative menu link: {html}");
}

#[test]
fn not_found_page_without_base_url_resolves_its_links_by_script() {
    let site = fixture("browser", "da");
    site.build("2026-11-23");
    let html = site.page("404.html");
    assert!(html.contains("assets/style.css\", { method: \"HEAD\" }"), "probes for the site's root: {html}");
    assert!(!html.contains("<link rel=\"stylesheet\""), "the style is linked once the root is known: {html}");
    // Every other page links its style directly.
    assert!(site.page("index.html").contains("<link rel=\"stylesheet\" href=\"assets/style.css\">"));
}

#[test]
fn default_site_has_one_signature_block_no_empty_table_and_paper_blanks() {
    let site = crate::harness::default_site();
    site.build("2026-11-23");
    let html = site.page("aftaler/ips-samarbejdsaftale.html");
    let template = visible_text(&html);
    assert!(!template.contains("Underskrift og dato"), "the generated block is the only signature section");
    assert_eq!(html.matches(">Underskrifter</h2>").count(), 1, "{template}");
    assert!(template.contains("Skabelonen er udgivet af Styrelsen for Arbejdsmarked og Rekruttering"), "{template}");
    let plan = site.page("handleplaner/aftale-og-handleplan-ips.html");
    let before_filters = &plan[..plan.find("class=\"filters\"").expect("filters")];
    assert!(!before_filters.contains("<table"), "no leftover table above the filters");
    let text = visible_text(&plan);
    assert!(!text.contains("Skriv svaret her"), "nobody can type into a static page");
    assert!(text.contains("Svar Ikke besvaret endnu"), "{text}");
}

#[test]
fn danish_words_read_as_a_caseworker_expects() {
    let site = crate::harness::default_site();
    site.build("2026-11-23");
    let index = visible_text(&site.page("index.html"));
    assert!(index.contains("Senest opdateret 23. november 2026"), "{index}");
    assert!(visible_text(&site.page("frister.html")).contains("Abonnér på fristerne i din kalender"));
    let agreements = visible_text(&site.page("aftaler.html"));
    assert!(agreements.contains("Titel Parter Status Ikrafttræden Udløber Tomme felter"), "{agreements}");
    let parties = visible_text(&site.page("parter.html"));
    assert!(parties.contains("Navn Type Dokumenter Opgaver Handleplanpunkter"), "{parties}");
    let topics = visible_text(&site.page("emner.html"));
    assert!(topics.contains("Hillerød") && topics.contains("Gødstrupklyngen"), "tags keep their capitals: {topics}");
    // Only overdue deadlines left: the front page says none are coming, not that none exist.
    let lifecycle = fixture("lifecycle", "dates");
    lifecycle.build("2031-01-01");
    let later = visible_text(&lifecycle.page("index.html"));
    assert!(later.contains("Næste frister Ingen kommende frister."), "{later}");
}

#[test]
fn english_words_read_as_an_english_reader_expects() {
    let site = fixture("browser", "en");
    site.build("2026-11-23");
    let agreement = visible_text(&site.page("aftaler/ips-northtown.html"));
    assert!(agreement.contains("Principles in this agreement"), "{agreement}");
    assert!(agreement.contains("Type Municipality") || agreement.contains("Type "), "{agreement}");
    assert!(!agreement.contains("Kind"), "{agreement}");
    assert!(agreement.contains("Last updated"), "{agreement}");
    let plan = visible_text(&site.page("handleplaner/plan-northtown.html"));
    assert!(plan.contains("Implements:"), "{plan}");
}

#[test]
fn pages_read_well_contents_near_the_top_front_heading_and_no_empty_sections() {
    let site = crate::harness::default_site();
    site.build("2026-11-23");
    let html = site.page("aftaler/forskningssamarbejdsaftale-hillerod.html");
    let toc = html.find("På denne side").expect("contents");
    assert!(toc < html.find("id=\"parter-title\"").expect("parties"), "contents before the first section");
    let contents = visible_text(&html[toc..html[toc..].find("</nav>").unwrap() + toc]);
    assert!(contents.starts_with("På denne side Parter Målgruppe Ansvarsfordeling Principper i aftalen"), "{contents}");
    assert!(contents.ends_with("Underskrifter"), "{contents}");
    let index = site.page("index.html");
    assert!(index.contains("<h1>IPS-aftalebogen</h1>"), "the front page heading is _index.md's title");
    // A party with no duties or plan items has no empty sections saying "Ingen".
    let core = visible_text(&site.page("parter/core.html"));
    assert!(!core.contains("Ingen"), "{core}");
    // Below 600 px each crosswalk cell says which document it comes from.
    let crosswalk = site.page("principper.html");
    assert!(crosswalk.contains("<td data-doc=\"Forskningssamarbejdsaftale om IPS i Hillerød\">"), "{crosswalk}");
}

#[test]
fn danish_content_in_an_english_site_carries_lang_da() {
    let site = fixture("browser", "en");
    site.write(
        "content/dokumenter/notat.md",
        "---\ntitle: Notat om samarbejdet\nlanguage: da\nsummary: Et dansk notat.\n---\nSamarbejdsaftalen gælder.\n",
    );
    site.build("2026-11-23");
    let page = site.page("dokumenter/notat.html");
    assert!(page.contains("<html lang=\"en\">"), "the site stays English");
    assert!(page.contains("<article class=\"document\" lang=\"da\">"), "{page}");
    let list = site.page("dokumenter.html");
    assert!(list.contains("lang=\"da\">Notat om samarbejdet</a>"), "{list}");
    // A document in the site's own language needs no attribute.
    let own = site.page("aftaler/ips-northtown.html");
    assert!(own.contains("<article class=\"document agreement\">"), "{own}");
}

#[test]
fn long_danish_compounds_get_soft_hyphens_only_in_visible_text() {
    const SHY: char = '\u{ad}';
    let site = crate::harness::default_site();
    site.build("2026-11-23");
    let html = site.page("aftaler/forskningssamarbejdsaftale-hillerod.html");
    let h1 = &html[html.find("<h1").expect("h1")..html.find("</h1>").expect("h1 end")];
    assert!(h1.contains(&format!("Forsk{SHY}nings{SHY}sam{SHY}ar{SHY}bejds{SHY}af{SHY}ta{SHY}le")), "{h1}");
    let title = &html[html.find("<title>").expect("title")..html.find("</title>").expect("title end")];
    assert!(title.contains("Forskningssamarbejdsaftale") && !title.contains(SHY), "{title}");
    // No tag carries one: heading ids, hrefs, data attributes and aria labels stay as written.
    for page in ["aftaler/forskningssamarbejdsaftale-hillerod.html", "aftaler.html", "index.html"] {
        let html = site.page(page);
        let tags: Vec<&str> = html.split('<').map(|t| t.split('>').next().unwrap_or("")).collect();
        assert!(tags.iter().all(|t| !t.contains(SHY)), "{page}: {:?}", tags.iter().find(|t| t.contains(SHY)));
        assert!(html.contains(SHY), "{page} has long words in its titles");
    }
    // Nor any file that is not an HTML page: search index, feeds, CSV, calendar.
    for e in walkdir::WalkDir::new(site.path("public")).into_iter().filter_map(Result::ok) {
        let p = e.path();
        if p.is_file() && p.extension().is_none_or(|x| x != "html") {
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            assert!(!text.contains(SHY), "{} has a soft hyphen", p.display());
        }
    }
}
