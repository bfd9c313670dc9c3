//! The examples in `docs/content-format.md` are what the code does: a file name's default id
//! and headings' anchors, read from the docs and checked against a real build.

use crate::harness::fixture;

fn docs() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/content-format.md")).unwrap()
}

/// The two code spans of the first `` `a` → `b` `` after `marker` in the docs.
fn example(docs: &str, marker: &str) -> (String, String) {
    let at = docs.find(marker).unwrap_or_else(|| panic!("no {marker:?} in the docs"));
    let spans: Vec<&str> = docs[at..].split('`').skip(1).step_by(2).take(2).collect();
    (spans[0].to_string(), spans[1].to_string())
}

#[test]
fn the_documented_default_id_is_the_one_the_build_gives() {
    let (file, id) = example(&docs(), "default: the file name made into a slug");
    assert_eq!(file, "Aftale Hillerød.md", "the docs' example");
    let site = fixture("check", "ok");
    site.write(&format!("content/aftaler/{file}"), "---\ntitle: Aftale\nparties: [kommune]\n---\nTekst.\n");
    site.build("2025-01-01");
    let page = site.path(&format!("public/aftaler/{id}.html"));
    assert!(page.is_file(), "`{file}` → `{id}` as the docs say, but there is no {}", page.display());
}

#[test]
fn the_documented_heading_anchors_are_the_ones_the_page_has() {
    let docs = docs();
    for marker in ["`## Formål` is", "`## Målgruppe` in a body is"] {
        let at = docs.find(marker).unwrap_or_else(|| panic!("no {marker:?} in the docs"));
        let heading = docs[at..].split('`').nth(1).unwrap();
        let anchor = docs[at..].split('`').nth(3).unwrap();
        let site = fixture("check", "ok");
        site.write("content/dokumenter/notat.md", &format!("---\ntitle: Notat\n---\n{heading}\n\nTekst.\n"));
        site.build("2025-01-01");
        let id = anchor.trim_start_matches('#');
        let html = site.page("dokumenter/notat.html");
        assert!(
            html.contains(&format!("id=\"{id}\">")),
            "`{heading}` is `{anchor}` as the docs say, but not in:\n{html}"
        );
    }
}
