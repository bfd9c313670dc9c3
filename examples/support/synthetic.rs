//! The one generator of synthetic sites, for benchmarks and tests at any size: agreements of
//! about 4 KB (headings, lists, a table, 5–10 links, 2–4 parties, målgruppe, responsibilities,
//! principle references), action plans of 20–30 items, documents, tags. Text is drawn from the
//! bundled site's own Danish words (so word frequencies look real) plus a long tail of made-up
//! compounds (so the vocabulary keeps growing with the site, as real text does).
//!
//! Deterministic: the same size and seed give the same site on every machine. The site is
//! generated once as data ([`Synthetic`]); [`write_site`] writes it for aftalebog, and the
//! example's `peers` module writes the same text for Hugo and mdBook. Links in bodies are held
//! in aftalebog's `[[id|text]]` form and rewritten into each tool's own syntax by [`map_links`].
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

#[path = "words.rs"]
mod words;
// What the generator tests compare the bundled site with; the examples leave it unused.
#[allow(unused_imports)]
pub use words::content_files;
use words::{Rng, Words, TAGS};

pub const DEFAULT_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

pub const KOMMUNER: usize = 98;
pub const REGIONER: usize = 5;
pub const PRINCIPLES: usize = 12;

/// A party: `parter/<id>.md`.
pub struct PartyDoc {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub body: String,
}

/// A principle: `principper/<id>.md`.
pub struct PrincipleDoc {
    pub id: String,
    pub number: usize,
    pub title: String,
    pub summary: String,
    pub body: String,
}

pub struct Item {
    pub title: String,
    pub question: String,
    pub guidance: String,
    pub responsible: String,
    pub deadline: String,
    pub status: &'static str,
    pub answer: String,
    pub principle: Option<String>,
}

pub struct Section {
    pub title: String,
    pub items: Vec<Item>,
}

pub enum Extra {
    Agreement {
        malgruppe: String,
        criteria: Vec<String>,
        responsibilities: Vec<(String, Vec<String>)>,
        principles: Vec<String>,
    },
    Plan {
        agreement: String,
        sections: Vec<Section>,
    },
    Document,
}

/// An agreement, plan or document: `<dir>/<id>.md`.
pub struct Doc {
    pub id: String,
    pub dir: &'static str,
    pub title: String,
    pub summary: String,
    pub tags: Vec<&'static str>,
    pub parties: Vec<String>,
    /// Markdown with links as `[[id|text]]`.
    pub body: String,
    pub extra: Extra,
}

pub struct Synthetic {
    pub parties: Vec<PartyDoc>,
    pub principles: Vec<PrincipleDoc>,
    pub docs: Vec<Doc>,
}

/// The folder of document `n` of `total`: 60 % agreements, 25 % plans, 15 % documents.
pub fn dir_of(n: usize, total: usize) -> &'static str {
    if n < total * 60 / 100 {
        "aftaler"
    } else if n < total * 85 / 100 {
        "handleplaner"
    } else {
        "dokumenter"
    }
}

/// The folder of any id the generator makes.
pub fn dir_of_id(id: &str, total: usize) -> &'static str {
    if let Some(n) = id.strip_prefix("doc-").and_then(|n| n.parse().ok()) {
        dir_of(n, total)
    } else if id.starts_with("princip-") {
        "principper"
    } else {
        "parter"
    }
}

/// Rewrites every `[[id|text]]` with `f(id, text)`.
pub fn map_links(body: &str, f: impl Fn(&str, &str) -> String) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    let mut rest = body;
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start..].find("]]") else { break };
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..start + len];
        let (id, text) = inner.split_once('|').unwrap_or((inner, inner));
        out.push_str(&f(id, text));
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

pub fn generate(repo: &Path, docs: usize, seed: u64) -> Synthetic {
    let mut rng = Rng::new(seed);
    let words = Words::new(repo, &mut rng);
    let party =
        |id: String, title: String, kind, rng: &mut Rng| PartyDoc { id, title, kind, body: words.paragraph(rng, 2) };
    let mut parties: Vec<PartyDoc> = (0..KOMMUNER)
        .map(|k| party(format!("kommune-{k:03}"), format!("Kommune {k:03}"), "kommune", &mut rng))
        .collect();
    parties.extend(
        (0..REGIONER).map(|r| party(format!("region-{r}"), format!("Region {r} Psykiatri"), "psykiatri", &mut rng)),
    );
    let principles = (0..PRINCIPLES)
        .map(|p| PrincipleDoc {
            id: format!("princip-{:02}", p + 1),
            number: p + 1,
            title: format!("Princip {}: {}", p + 1, words.words(&mut rng, 4)),
            summary: words.sentence(&mut rng),
            body: (0..4).map(|_| format!("- {}\n", words.sentence(&mut rng))).collect(),
        })
        .collect();
    let docs = (0..docs).map(|n| doc(&words, &mut rng, n, docs)).collect();
    Synthetic { parties, principles, docs }
}

fn doc(words: &Words, rng: &mut Rng, n: usize, total: usize) -> Doc {
    let dir = dir_of(n, total);
    let title = format!("{} {n}", words.some(rng, 3, 6));
    let mut tags: Vec<&'static str> = (0..rng.range(1, 3)).map(|_| TAGS[rng.skewed(TAGS.len())]).collect();
    tags.sort();
    tags.dedup();
    let mut parties = vec![format!("region-{}", rng.below(REGIONER))];
    let wanted = if dir == "dokumenter" { rng.range(0, 2) } else { rng.range(2, 4) };
    while parties.len() < wanted {
        let k = format!("kommune-{:03}", rng.below(KOMMUNER));
        if !parties.contains(&k) {
            parties.push(k);
        }
    }
    parties.truncate(wanted);
    let extra = match dir {
        "aftaler" => agreement(words, rng, &parties),
        "handleplaner" => plan(words, rng, &parties, n - total * 60 / 100),
        _ => Extra::Document,
    };
    let body = if dir == "handleplaner" { words.paragraph(rng, 3) + "\n" } else { body(words, rng, n, total) };
    Doc { id: format!("doc-{n:05}"), dir, title, summary: words.sentence(rng), tags, parties, body, extra }
}

/// A link to another document or a principle, with a few words as its text.
fn link(words: &Words, rng: &mut Rng, n: usize, total: usize) -> String {
    let target = if rng.below(4) == 0 {
        format!("princip-{:02}", rng.range(1, PRINCIPLES))
    } else {
        format!("doc-{:05}", (n + 1 + rng.below(total.max(2) - 1)) % total)
    };
    format!("[[{target}|{}]]", words.some(rng, 1, 3))
}

/// About 4 KB: headed sections of paragraphs, a list, a table, 5–10 links.
fn body(words: &Words, rng: &mut Rng, n: usize, total: usize) -> String {
    let mut out = String::new();
    let mut links = rng.range(5, 10);
    let sections = rng.range(4, 6);
    for s in 0..sections {
        // Two words or more: a heading never takes a page's fixed anchor (`#parter`, `#tekst`).
        let _ = writeln!(out, "## {} {}\n", words.word(rng), words.some(rng, 1, 3));
        for _ in 0..rng.range(1, 2) {
            let mut para = {
                let k = rng.range(2, 4);
                words.paragraph(rng, k)
            };
            if links > 0 && total > 1 {
                para = format!("{para} Se også {}.", link(words, rng, n, total));
                links -= 1;
            }
            let _ = writeln!(out, "{para}\n");
        }
        match s {
            1 => {
                for _ in 0..rng.range(3, 6) {
                    let mut line = words.sentence(rng);
                    if links > 0 && total > 1 && rng.below(2) == 0 {
                        line = format!("{line} ({})", link(words, rng, n, total));
                        links -= 1;
                    }
                    let _ = writeln!(out, "- {line}");
                }
                out.push('\n');
            }
            2 => {
                out.push_str("| Opgave | Ansvarlig | Frist |\n|---|---|---|\n");
                for _ in 0..rng.range(3, 5) {
                    let due = format!("2026-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
                    let _ = writeln!(out, "| {} | {} | {due} |", words.words(rng, 4), words.words(rng, 2));
                }
                out.push('\n');
            }
            _ => {}
        }
    }
    while links > 0 && total > 1 {
        let _ = writeln!(out, "- {}", link(words, rng, n, total));
        links -= 1;
    }
    out
}

fn agreement(words: &Words, rng: &mut Rng, parties: &[String]) -> Extra {
    let criteria = (0..rng.range(2, 4)).map(|_| words.sentence(rng)).collect();
    let responsibilities =
        parties.iter().map(|p| (p.clone(), (0..rng.range(1, 3)).map(|_| words.sentence(rng)).collect())).collect();
    let mut principles: Vec<String> =
        (0..rng.range(1, 3)).map(|_| format!("princip-{:02}", rng.range(1, PRINCIPLES))).collect();
    principles.sort();
    principles.dedup();
    Extra::Agreement { malgruppe: words.paragraph(rng, 2), criteria, responsibilities, principles }
}

fn plan(words: &Words, rng: &mut Rng, parties: &[String], p: usize) -> Extra {
    let total = rng.range(20, 30);
    let count = rng.range(3, 5);
    let sections = (0..count)
        .map(|s| {
            let items = (0..total / count + usize::from(s < total % count))
                .map(|i| {
                    let status = ["åben", "i gang", "færdig"][rng.below(3)];
                    Item {
                        title: format!("{} {}", words.some(rng, 3, 6), s * 100 + i),
                        question: words.sentence(rng),
                        guidance: words.paragraph(rng, 2),
                        responsible: if rng.below(4) == 0 {
                            "fælles".into()
                        } else {
                            parties[rng.below(parties.len())].clone()
                        },
                        deadline: format!("2026-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28)),
                        status,
                        answer: if status == "åben" { String::new() } else { words.sentence(rng) },
                        principle: (rng.below(3) == 0).then(|| format!("princip-{:02}", rng.range(1, PRINCIPLES))),
                    }
                })
                .collect();
            Section { title: format!("Afsnit {} {}", s + 1, words.word(rng)), items }
        })
        .collect();
    // There are more agreements than plans, so each plan carries out one.
    Extra::Plan { agreement: format!("doc-{p:05}"), sections }
}

/// Writes `site.yaml` and the documents under `root` for aftalebog.
pub fn write_site(root: &Path, repo: &Path, docs: usize) {
    write_aftalebog(&generate(repo, docs, DEFAULT_SEED), root);
}

pub fn write_aftalebog(s: &Synthetic, root: &Path) {
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(root.join("site.yaml"), "title: Syntetisk aftalebog\norganisation: Benchmark\nlanguage: da\n")
        .unwrap();
    let write = |rel: String, text: String| {
        let p = root.join("content").join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    for p in &s.parties {
        write(format!("parter/{}.md", p.id), format!("---\ntitle: {}\nkind: {}\n---\n{}\n", p.title, p.kind, p.body));
    }
    for p in &s.principles {
        let fm = format!("title: \"{}\"\nnumber: {}\nsummary: \"{}\"", p.title, p.number, p.summary);
        write(format!("principper/{}.md", p.id), format!("---\n{fm}\n---\n{}", p.body));
    }
    for d in &s.docs {
        write(format!("{}/{}.md", d.dir, d.id), format!("---\n{}---\n{}", front_matter(d), d.body));
    }
}

fn front_matter(d: &Doc) -> String {
    let mut y = format!("title: \"{}\"\nsummary: \"{}\"\n", d.title, d.summary);
    let list = |v: &[String]| v.iter().map(|x| format!("\"{x}\"")).collect::<Vec<_>>().join(", ");
    let tags: Vec<String> = d.tags.iter().map(|t| t.to_string()).collect();
    let _ = writeln!(y, "tags: [{}]", list(&tags));
    if !d.parties.is_empty() {
        let _ = writeln!(y, "parties: [{}]", d.parties.join(", "));
    }
    match &d.extra {
        Extra::Agreement { malgruppe, criteria, responsibilities, principles } => {
            y.push_str("status: gældende\neffective: 2024-01-01\nreview: 2027-01-01\n");
            let _ = writeln!(y, "målgruppe:\n  description: \"{malgruppe}\"\n  criteria:");
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
            let _ = writeln!(y, "principles: [{}]", principles.join(", "));
        }
        Extra::Plan { agreement, sections } => {
            let _ = writeln!(y, "status: gældende\nagreement: {agreement}\nsections:");
            for s in sections {
                let _ = writeln!(y, "  - title: \"{}\"\n    items:", s.title);
                for i in &s.items {
                    let _ = writeln!(
                        y,
                        "      - title: \"{}\"\n        question: \"{}\"\n        guidance: \"{}\"\n        responsible: [{}]\n        deadline: {}\n        status: {}\n        answer: \"{}\"",
                        i.title, i.question, i.guidance, i.responsible, i.deadline, i.status, i.answer
                    );
                    if let Some(p) = &i.principle {
                        let _ = writeln!(y, "        principles: [{p}]");
                    }
                }
            }
        }
        Extra::Document => {}
    }
    y
}
