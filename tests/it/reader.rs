//! What a reader meets beyond the documents themselves: a 404 page that works wherever a
//! server shows it.

use crate::harness::fixture;

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
