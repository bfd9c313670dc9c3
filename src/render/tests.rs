use super::links::{Labels, LinkCtx};
use super::markdown::{render, Origin};
use crate::diagnostics::Diagnostics;
use crate::model::{self, Model};
use crate::source::Source;
use std::path::{Path, PathBuf};

const LABELS: Labels = Labels { blank: "udfyldes", guidance: "Vejledning", table: "Tabel", clause: "pkt." };

fn site() -> Model {
    let files = [
        ("content/aftaler/a.md", "---\ntitle: Aftale <A>\n---\n## Formål\n"),
        ("content/principper/ingen-eksklusion.md", "---\ntitle: Ingen eksklusion\n---\n"),
    ];
    let sources: Vec<Source> = files.iter().map(|(p, t)| Source { rel: PathBuf::from(p), text: (*t).into() }).collect();
    let mut d = Diagnostics::default();
    let split = crate::frontmatter::split_all(sources, &mut d);
    model::build(&split, vec![PathBuf::from("content/aftaler/bilag.pdf")], false, &mut d)
}

fn render_in_a(md: &str) -> super::markdown::Rendered {
    let m = site();
    let glossary = crate::terms::Glossary::default();
    let outlines = Default::default();
    let ctx = LinkCtx {
        model: &m,
        source: Path::new("content/aftaler/a.md"),
        self_id: "a",
        prefix: "../",
        labels: &LABELS,
        doc: m.index_of("a"),
        numbered: false,
        glossary: &glossary,
        outlines: &outlines,
        reserved_ids: &[],
        html: true,
    };
    render(md, &ctx, Origin::Body { line: 4 })
}

/// Renders every document of a small site as the build does, returning one's body.
fn render_site(files: &[(&str, &str)], id: &str) -> super::markdown::Rendered {
    let sources: Vec<Source> = files.iter().map(|(p, t)| Source { rel: PathBuf::from(p), text: (*t).into() }).collect();
    let mut d = Diagnostics::default();
    let split = crate::frontmatter::split_all(sources, &mut d);
    let m = model::build(&split, Vec::new(), false, &mut d);
    let g = crate::terms::build(&m, &mut d);
    let html = super::render_all(&m, &g, &LABELS, &super::sanitize::HtmlPolicy::new(false), &mut d);
    assert!(d.is_empty(), "{d:?}");
    html.docs[m.index_of(id).unwrap()].body.clone()
}

#[test]
fn numbered_headings_show_clause_numbers_and_references_render_them() {
    let a = "---\ntitle: Aftale A\nnumbered: true\n---\n## Formål\nSe [[#fora]] og [[#fora|her]].\n## Samarbejde\n### Fora {#fora}\nTekst.\n";
    let b = "---\ntitle: B\n---\n## Om\nJf. [[a#fora]].\n";
    let r = render_site(&[("content/aftaler/a.md", a), ("content/dokumenter/b.md", b)], "a");
    assert!(r.html.contains(r#"<h3 id="fora"><span class="clause-no">2.1</span> Fora</h3>"#), "{}", r.html);
    assert!(r.html.contains(r##"<a href="#fora">pkt. 2.1 Fora</a>"##), "{}", r.html);
    assert!(r.html.contains(r##"<a href="#fora">her</a>"##), "{}", r.html);
    let r = render_site(&[("content/aftaler/a.md", a), ("content/dokumenter/b.md", b)], "b");
    assert!(r.html.contains(r#"<a href="../aftaler/a.html#fora">Aftale A, pkt. 2.1</a>"#), "{}", r.html);
}

#[test]
fn terms_link_once_per_section_and_never_in_headings_links_or_code() {
    let d = "---\ntitle: D\nterms:\n  Epikrise: Lægens sammenfatning.\n---\n";
    let a = "---\ntitle: A\n---\n## Epikrise\nEpikrisen sendes. En epikrise igen. `epikrise` [epikrise](https://x.dk)\n## Næste\nTo epikriser.\n";
    let r = render_site(&[("content/dokumenter/d.md", d), ("content/aftaler/a.md", a)], "a");
    assert_eq!(r.html.matches("class=\"term-link\"").count(), 2, "{}", r.html);
    assert!(r.html.contains("<h2 id=\"epikrise\">Epikrise</h2>"), "{}", r.html);
    assert!(r.html.contains(
        r#"href="../begreber.html#epikrise" aria-describedby="begreb-epikrise" data-definition="Epikrise: Lægens sammenfatning.">Epikrisen</a>"#
    ));
    assert!(r.html.contains("<code>epikrise</code>"));
    assert!(r.html.contains(r#"<a href="https://x.dk">epikrise</a>"#));
    assert_eq!(r.terms, [0]);
}

#[test]
fn wiki_links_resolve_with_title_as_default_text() {
    let r = render_in_a("Se [[ingen-eksklusion]] og [[ingen-eksklusion#elementer|elementerne]].\n");
    assert!(r.html.contains(r#"<a href="../principper/ingen-eksklusion.html">Ingen eksklusion</a>"#), "{}", r.html);
    assert!(
        r.html.contains(r#"<a href="../principper/ingen-eksklusion.html#elementer">elementerne</a>"#),
        "{}",
        r.html
    );
    assert_eq!(r.links.len(), 2);
    assert_eq!(r.links[1].anchor.as_deref(), Some("elementer"));
}

#[test]
fn relative_source_links_are_rewritten() {
    let r = render_in_a("[x](../principper/ingen-eksklusion.md#a) [y](https://star.dk)\n");
    assert!(r.html.contains(r#"href="../principper/ingen-eksklusion.html#a""#), "{}", r.html);
    assert!(r.html.contains(r#"href="https://star.dk""#));
    assert!(r.errors.is_empty());
}

#[test]
fn broken_link_error_has_line_column_and_suggestion() {
    let r = render_in_a("Tekst\n\nSe [[ingen-ekslusion]] her\n");
    let e = &r.errors[0];
    assert_eq!((e.line, e.column), (6, 4), "{e:?}");
    assert_eq!(e.message, "link to unknown id `ingen-ekslusion`");
    assert!(e.hint.as_deref().unwrap().contains("`ingen-eksklusion`"));
}

#[test]
fn blanks_and_guidance_are_marked_and_counted() {
    let r = render_in_a("Fra den \\_\\_\\_\\_\\_ gælder.\n\n[Her beskrives opstarten.]\n");
    assert_eq!(r.blanks.len(), 1);
    assert_eq!(r.guidance.len(), 1);
    assert!(r.html.contains("class=\"blank\""), "{}", r.html);
    assert!(
        r.html.contains("<strong class=\"guidance-label\">Vejledning:</strong> [Her beskrives opstarten.]"),
        "{}",
        r.html
    );
}

#[test]
fn headings_get_ids_and_h1_is_demoted() {
    let r = render_in_a("# Bilag 1\n\n## Målgruppe\n\n## Målgruppe\n");
    let ids: Vec<_> = r.headings.iter().map(|h| (h.level, h.id.as_str())).collect();
    assert_eq!(ids, [(2, "bilag-1"), (3, "maalgruppe"), (3, "maalgruppe-2")]);
    assert!(r.html.contains(r#"<h2 id="bilag-1">Bilag 1</h2>"#), "{}", r.html);
}

#[test]
fn tables_scroll_in_their_own_region() {
    let r = render_in_a("| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert!(r.html.starts_with("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\""), "{}", r.html);
    assert!(r.html.contains("<th>a</th>"));
}

#[test]
fn each_table_region_has_its_own_name_and_empty_header_cells_are_plain() {
    let r = render_in_a("| | b | |\n|---|---|---|\n| 1 | 2 | 3 |\n\n| c |\n|---|\n| 4 |\n");
    assert!(r.html.contains("aria-label=\"Tabel 1\""), "{}", r.html);
    assert!(r.html.contains("aria-label=\"Tabel 2\""), "{}", r.html);
    assert!(r.html.contains("<thead><tr><td></td><th>b</th><td></td></tr></thead>"), "{}", r.html);
    assert!(!r.html.contains("<th></th>"), "{}", r.html);
}

#[test]
fn html_in_wiki_link_title_is_escaped() {
    let r = render_in_a("[[a]]\n");
    assert!(r.html.contains("Aftale &lt;A&gt;"), "{}", r.html);
}

#[test]
fn attachments_are_linked_and_missing_files_reported() {
    let r = render_in_a("[Bilag](bilag.pdf) ![Logo](logo.png) [frister](../frister.html)\n");
    assert!(r.html.contains(r#"<a href="../aftaler/bilag.pdf">Bilag</a>"#), "{}", r.html);
    assert!(r.html.contains(r#"href="../frister.html""#), "links to built pages are left alone");
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(r.errors[0].message, "link to missing file `logo.png`");
}

#[test]
fn texts_that_number_their_own_sections_are_recognised() {
    assert!(render_in_a("## 1. Formål\n\n## 2. Varighed\n").self_numbered);
    assert!(!render_in_a("## Formål\n\n## Varighed\n").self_numbered);
}

#[test]
fn blank_columns_count_source_characters() {
    let r = render_in_a("Intro\n\nFra den \\_\\_\\_\\_ og \\_\\_\\_.\n");
    assert_eq!(r.blanks, vec![crate::diagnostics::Pos::new(6, 9), crate::diagnostics::Pos::new(6, 21)]);
}

#[test]
fn the_renderers_own_markup_is_cleaned_without_a_parser_as_ammonia_cleans_it() {
    let policy = super::sanitize::HtmlPolicy::new(false);
    let md =
        "## Formål {#formaal}\n\nSe [[a#formaal|her]], [bilag](bilag.pdf) og *vigtigt* **meget** `kode` ~~slet~~.\n\n\
              | Venstre | Midt | Højre |\n|:---|:---:|---:|\n| a & b | \"c\" | 'd' \\<e> |\n\n\
              1. en\n2. to\n   - tre\n\n> citat med [[ingen-eksklusion]]\n";
    let html = render_in_a(md).html;
    assert!(super::plain_html::clean(&html).is_some(), "{html}");
    assert_eq!(policy.clean(&html), policy.clean_slowly(&html));
    // A link to the web, a footnote and a task list go through ammonia, with the same result.
    let html = render_in_a("Se [her](https://example.dk)[^1].\n\n- [x] gjort\n\n[^1]: Note.\n").html;
    assert!(super::plain_html::clean(&html).is_none(), "{html}");
    assert_eq!(policy.clean(&html), policy.clean_slowly(&html));
}
