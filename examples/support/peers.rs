//! The same synthetic site for Hugo and mdBook: the same text and pages, each tool's own link
//! syntax. Hugo gets the structured fields as front matter shown by a small layout (parties and
//! principles as taxonomies with their own pages, like aftalebog's); mdBook, which has no
//! front matter, gets them written out as Markdown in each chapter.

use crate::synthetic::{dir_of_id, map_links, Doc, Extra, Synthetic};
use std::fmt::Write as _;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const HUGO_CONFIG: &str = r#"baseURL = "http://example.org/"
languageCode = "da"
title = "Syntetisk aftalebog"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
paginate = 100
[taxonomies]
tag = "tags"
part = "parter"
princip = "principper"
"#;

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body><nav><a href="{{ "" | relURL }}">Forside</a>{{ range .Site.Sections }} <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
{{ with .GetTerms "parter" }}<h2 id="parter">Parter</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.malgruppe }}<h2 id="maalgruppe">Målgruppe</h2>{{ .description | markdownify }}<ul>{{ range .criteria }}<li>{{ . | markdownify }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.responsibilities }}<h2 id="ansvar">Ansvar</h2>{{ range $party, $duties := . }}<h3>{{ $party }}</h3><ul>{{ range $duties }}<li>{{ . | markdownify }}</li>{{ end }}</ul>{{ end }}{{ end }}
{{ with .GetTerms "principper" }}<h2 id="principper">Principper</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.sections }}<h2 id="punkter">Punkter</h2>{{ range . }}<h3>{{ .title }}</h3>{{ range .items }}<article><h4>{{ .title }}</h4>{{ .question | markdownify }}{{ .guidance | markdownify }}<p>{{ .responsible }} · {{ .deadline }} · {{ .status }}</p>{{ with .answer }}{{ . | markdownify }}{{ end }}</article>{{ end }}{{ end }}{{ end }}
<div id="tekst">{{ .Content }}</div>
{{ with .GetTerms "tags" }}<p>Emner: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
"#;

const HUGO_TERMS: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"#;

/// A Hugo site under `root`: `hugo -s root -d OUT`.
pub fn write_hugo(s: &Synthetic, root: &Path) {
    write(root, "hugo.toml", HUGO_CONFIG);
    write(root, "layouts/_default/baseof.html", HUGO_BASEOF);
    write(root, "layouts/_default/single.html", HUGO_SINGLE);
    write(root, "layouts/_default/list.html", HUGO_LIST);
    write(root, "layouts/_default/terms.html", HUGO_TERMS);
    write(root, "content/_index.md", "---\ntitle: Syntetisk aftalebog\n---\n");
    for (dir, title) in [("aftaler", "Aftaler"), ("handleplaner", "Handleplaner"), ("dokumenter", "Dokumenter")] {
        write(root, &format!("content/{dir}/_index.md"), &format!("---\ntitle: {title}\n---\n"));
    }
    let total = s.docs.len();
    // Parties and principles are taxonomy terms; their profile is the term page's text.
    for p in &s.parties {
        write(
            root,
            &format!("content/parter/{}/_index.md", p.id),
            &format!("---\ntitle: {}\n---\n{}\n", p.title, p.body),
        );
    }
    for p in &s.principles {
        let fm = format!("title: \"{}\"\nsummary: \"{}\"\nweight: {}", p.title, p.summary, p.number);
        write(root, &format!("content/principper/{}/_index.md", p.id), &format!("---\n{fm}\n---\n{}", p.body));
    }
    for d in &s.docs {
        let body = map_links(&d.body, |id, text| hugo_link(id, text, total));
        write(root, &format!("content/{}/{}.md", d.dir, d.id), &format!("---\n{}---\n{body}", hugo_front_matter(d)));
    }
}

fn hugo_link(id: &str, text: &str, total: usize) -> String {
    match dir_of_id(id, total) {
        "principper" | "parter" => format!("[{text}]({{{{< relref \"/{}/{id}\" >}}}})", dir_of_id(id, total)),
        dir => format!("[{text}]({{{{< relref \"/{dir}/{id}.md\" >}}}})"),
    }
}

fn hugo_front_matter(d: &Doc) -> String {
    let q = |v: &[String]| v.iter().map(|x| format!("\"{x}\"")).collect::<Vec<_>>().join(", ");
    let mut y = format!("title: \"{}\"\nsummary: \"{}\"\n", d.title, d.summary);
    let tags: Vec<String> = d.tags.iter().map(|t| t.to_string()).collect();
    let _ = writeln!(y, "tags: [{}]\nparter: [{}]", q(&tags), q(&d.parties));
    match &d.extra {
        Extra::Agreement { malgruppe, criteria, responsibilities, principles } => {
            let _ =
                writeln!(y, "principper: [{}]\nmalgruppe:\n  description: \"{malgruppe}\"\n  criteria:", q(principles));
            criteria.iter().for_each(|c| {
                let _ = writeln!(y, "    - \"{c}\"");
            });
            y.push_str("responsibilities:\n");
            for (party, duties) in responsibilities {
                let _ = writeln!(y, "  {party}:");
                duties.iter().for_each(|c| {
                    let _ = writeln!(y, "    - \"{c}\"");
                });
            }
        }
        Extra::Plan { agreement, sections } => {
            let _ = writeln!(y, "agreement: {agreement}\nsections:");
            for s in sections {
                let _ = writeln!(y, "  - title: \"{}\"\n    items:", s.title);
                for i in &s.items {
                    let _ = writeln!(
                        y,
                        "      - title: \"{}\"\n        question: \"{}\"\n        guidance: \"{}\"\n        responsible: \"{}\"\n        deadline: \"{}\"\n        status: \"{}\"\n        answer: \"{}\"",
                        i.title, i.question, i.guidance, i.responsible, i.deadline, i.status, i.answer
                    );
                }
            }
        }
        Extra::Document => {}
    }
    y
}

/// An mdBook book under `root`: `mdbook build root -d OUT`. The one-page print version is
/// off: at 10,000 chapters it would be a page of hundreds of megabytes that aftalebog does
/// not make.
pub fn write_mdbook(s: &Synthetic, root: &Path) {
    write(
        root,
        "book.toml",
        "[book]\ntitle = \"Syntetisk aftalebog\"\nlanguage = \"da\"\n\n[output.html.print]\nenable = false\n",
    );
    let total = s.docs.len();
    let mut summary = String::from("# Summary\n\n[Forside](README.md)\n\n");
    write(root, "src/README.md", "# Syntetisk aftalebog\n");
    let mut part = |title: &str, dir: &str, chapters: Vec<(String, String, String)>| {
        let _ = writeln!(summary, "- [{title}]({dir}/README.md)");
        write(root, &format!("src/{dir}/README.md"), &format!("# {title}\n"));
        for (id, title, text) in chapters {
            let _ = writeln!(summary, "  - [{title}]({dir}/{id}.md)");
            write(root, &format!("src/{dir}/{id}.md"), &text);
        }
    };
    let link = |id: &str, text: &str| format!("[{text}](../{}/{id}.md)", dir_of_id(id, total));
    for (title, dir) in [("Aftaler", "aftaler"), ("Handleplaner", "handleplaner"), ("Dokumenter", "dokumenter")] {
        let chapters = s
            .docs
            .iter()
            .filter(|d| d.dir == dir)
            .map(|d| (d.id.clone(), d.title.clone(), chapter(d, &link)))
            .collect();
        part(title, dir, chapters);
    }
    let principles = s
        .principles
        .iter()
        .map(|p| (p.id.clone(), p.title.clone(), format!("# {}\n\n*{}*\n\n{}", p.title, p.summary, p.body)))
        .collect();
    part("Principper", "principper", principles);
    let parties =
        s.parties.iter().map(|p| (p.id.clone(), p.title.clone(), format!("# {}\n\n{}\n", p.title, p.body))).collect();
    part("Parter", "parter", parties);
    write(root, "src/SUMMARY.md", &summary);
}

fn chapter(d: &Doc, link: &dyn Fn(&str, &str) -> String) -> String {
    let mut m = format!("# {}\n\n*{}*\n\n", d.title, d.summary);
    if !d.parties.is_empty() {
        m.push_str("## Parter\n\n");
        d.parties.iter().for_each(|p| {
            let _ = writeln!(m, "- {}", link(p, p));
        });
        m.push('\n');
    }
    match &d.extra {
        Extra::Agreement { malgruppe, criteria, responsibilities, principles } => {
            let _ = writeln!(m, "## Målgruppe\n\n{malgruppe}\n");
            criteria.iter().for_each(|c| {
                let _ = writeln!(m, "- {c}");
            });
            m.push_str("\n## Ansvar\n\n");
            for (party, duties) in responsibilities {
                let _ = writeln!(m, "### {party}\n");
                duties.iter().for_each(|c| {
                    let _ = writeln!(m, "- {c}");
                });
                m.push('\n');
            }
            m.push_str("## Principper\n\n");
            principles.iter().for_each(|p| {
                let _ = writeln!(m, "- {}", link(p, p));
            });
            m.push('\n');
        }
        Extra::Plan { agreement, sections } => {
            let _ = writeln!(m, "Aftale: {}\n\n## Punkter\n", link(agreement, agreement));
            for s in sections {
                let _ = writeln!(m, "### {}\n", s.title);
                for i in &s.items {
                    let _ = writeln!(
                        m,
                        "#### {}\n\n{}\n\n{}\n\n{} · {} · {}\n\n{}\n",
                        i.title, i.question, i.guidance, i.responsible, i.deadline, i.status, i.answer
                    );
                }
            }
        }
        Extra::Document => {}
    }
    m.push_str(&map_links(&d.body, link));
    if !d.tags.is_empty() {
        let _ = writeln!(m, "\nEmner: {}", d.tags.join(", "));
    }
    m
}
