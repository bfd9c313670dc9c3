//! A link checker over built sites: every relative `href`/`src` resolves to a file, every
//! `#anchor` exists on its page, no page has an id twice, and nothing is loaded from another
//! host.

use crate::harness::{default_site, fixture, Site};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle).filter_map(|(i, m)| html[i + m.len()..].split('"').next()).collect()
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => assert!(out.pop(), "link leaves the site: {}", p.display()),
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Checks every HTML page of `site/public`; returns the number of links checked.
pub fn check_links(site: &Site) -> usize {
    let public = site.path("public");
    let mut pages: HashMap<PathBuf, String> = HashMap::new();
    for e in walkdir::WalkDir::new(&public) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            pages.insert(
                e.path().strip_prefix(&public).unwrap().to_path_buf(),
                std::fs::read_to_string(e.path()).unwrap(),
            );
        }
    }
    let ids: HashMap<&PathBuf, HashSet<&str>> = pages.iter().map(|(p, h)| (p, unique_ids(p, h))).collect();
    let mut checked = 0;
    for (page, html) in &pages {
        if page == Path::new("404.html") {
            continue; // served at any depth; links are absolute when base_url is set
        }
        for src in attr_values(html, "src") {
            assert!(!src.contains("//"), "{}: loads {src} from another host", page.display());
        }
        for (i, _) in html.match_indices("<link ") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            let href = attr_values(tag, "href")[0];
            let external_alternate = tag.contains("rel=\"alternate\"");
            assert!(external_alternate || !href.contains("//"), "{}: loads {href} from another host", page.display());
        }
        for href in attr_values(html, "href").into_iter().chain(attr_values(html, "src")) {
            if href.contains(':') || href.is_empty() {
                continue; // external links (https:, mailto:) are links, not loads
            }
            let (path, anchor) = href.split_once('#').map_or((href, None), |(p, a)| (p, Some(a)));
            let target = if path.is_empty() { page.clone() } else { normalize(&page.parent().unwrap().join(path)) };
            assert!(public.join(&target).is_file(), "{}: broken link {href}", page.display());
            if let (Some(a), Some(ids)) = (anchor, ids.get(&target)) {
                assert!(ids.contains(a), "{}: no #{a} in {}", page.display(), target.display());
            }
            checked += 1;
        }
    }
    checked
}

/// The ids of a page, which must each be there once: a link to a repeated id jumps to the first.
fn unique_ids<'a>(page: &Path, html: &'a str) -> HashSet<&'a str> {
    let mut ids = HashSet::new();
    for id in attr_values(html, "id") {
        assert!(ids.insert(id), "{}: id `{id}` is on the page twice", page.display());
    }
    ids
}

#[test]
fn fixture_site_links_all_resolve() {
    let site = fixture("build", "full");
    site.build("2025-06-01");
    assert!(check_links(&site) > 300);
}

#[test]
fn default_site_links_all_resolve() {
    let site = default_site();
    site.build("2026-11-23");
    assert!(check_links(&site) > 300);
}

#[test]
fn body_headings_never_take_a_section_id() {
    let site = fixture("build", "full");
    site.write(
        "content/aftaler/overskrifter.md",
        "---\ntitle: Overskrifter\nparties: [kommune]\nmålgruppe:\n  description: Borgere.\n---\n\
         ## Parter\n\nTekst.\n\n## Målgruppe\n\nTekst.\n\n## Tekst\n\nTekst.\n",
    );
    site.build("2025-06-01");
    assert!(check_links(&site) > 300);
    let page = site.page("aftaler/overskrifter.html");
    for (section, heading) in [("parter", "Parter"), ("maalgruppe", "Målgruppe"), ("tekst", "Tekst")] {
        assert!(page.contains(&format!("<section id=\"{section}\"")), "the page keeps its {section} section");
        assert!(page.contains(&format!("<h2 id=\"{section}-2\">{heading}</h2>")), "{page}");
        assert!(page.contains(&format!("<a href=\"#{section}-2\">{heading}</a>")), "contents link to the heading");
    }
}

#[test]
fn plan_items_never_take_an_id_of_their_page() {
    let site = fixture("build", "full");
    site.write(
        "content/handleplaner/navne.md",
        "---\ntitle: Navne\nparties: [kommune]\nsections:\n  - title: Første\n    items:\n      \
         - title: Punkter\n      - title: Afsnit 1\n      - title: Party kommune\n      - title: Indhold\n      \
         - title: Eget\n  - title: Anden\n    items:\n      - title: Noget\n        id: eget\n---\nTekst.\n",
    );
    let run = site.build("2025-06-01");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(check_links(&site) > 300);
    let page = site.page("handleplaner/navne.html");
    for id in ["punkter", "afsnit-1", "party-kommune", "indhold", "eget"] {
        assert!(page.contains(&format!(" id=\"{id}\"")), "the page keeps its own `{id}`: {page}");
    }
    for id in ["punkter-2", "afsnit-1-2", "party-kommune-2", "indhold-2", "eget-2"] {
        assert!(page.contains(&format!(" id=\"{id}\"")), "an item takes `{id}`: {page}");
    }
}
