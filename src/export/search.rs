//! `search-index.js`: the client-side search index, as a script so that search works from
//! `file://` too. Entries are documents, parties and plan items; terms are folded (case,
//! `aa` → `å`, accents) and stemmed with Snowball Danish so `aftalerne` finds `aftale`. The
//! theme's `search.js` applies the same folding, word splitting and stemmer (a port of the
//! same algorithm) to the query.
//!
//! The format is compact because a site may hold thousands of documents:
//! `search-index.js` (loaded when a reader first uses the search box) holds the kind labels,
//! the list of term shards, and each entry's title and kind (plan items also their plan's
//! entry): enough to rank results. `search/t-<code point>.js` holds the terms that start with
//! that letter, sorted (the script finds prefixes by binary search), with posting lists of
//! entry numbers as base-32 gaps. `search/e-<n>.js` holds address and snippet (the start of
//! the entry's text, cut at a word) of 50 entries. A query loads one shard per word and the
//! snippet files of the results it shows.

use crate::model::{Document, Kind};
use crate::render::DocHtml;
use crate::site::Ctx;
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Longest text kept per entry for result snippets (characters).
const SNIPPET_TEXT: usize = 320;
/// Entries per snippet file.
const CHUNK: usize = 50;

/// Kinds by number in the index; items are the last.
const KINDS: [Kind; 6] = [Kind::Agreement, Kind::Plan, Kind::Principle, Kind::Document, Kind::Party, Kind::Index];
const ITEM_KIND: usize = KINDS.len();

struct Entry {
    title: String,
    kind: usize,
    url: String,
    snippet: String,
    parent: Option<usize>,
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    /// folded, stemmed term → entry numbers, ascending
    terms: BTreeMap<String, Vec<u32>>,
}

pub use crate::danish::fold;

/// The words of a text: runs of letters and digits (`search.js` splits on the same classes,
/// `\p{Alphabetic}` and `\p{N}`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The index terms of a text.
pub fn terms<'a>(stemmer: &'a Stemmer, text: &'a str) -> impl Iterator<Item = String> + 'a {
    words(text).map(move |w| stemmer.stem(&fold(w)).into_owned())
}

/// `search-index.js` and the parts it loads on demand under `search/`.
pub fn search_files(ctx: &Ctx) -> Vec<(String, Vec<u8>)> {
    let stemmer = Stemmer::create(Algorithm::Danish);
    // Stemming is the work: each document's entries are prepared in parallel, then numbered
    // in document order so the index is the same on every run.
    let prepared: Vec<Vec<Prepared>> = (0..ctx.model.docs.len())
        .into_par_iter()
        .map(|i| {
            let stemmer = Stemmer::create(Algorithm::Danish);
            let (d, h) = (&ctx.model.docs[i], &ctx.html.docs[i]);
            let mut group = vec![Prepared::new(&stemmer, doc_entry(d, h), &doc_text(ctx, d, h))];
            if d.kind() == Kind::Plan {
                group.extend(items(ctx, &stemmer, d, h));
            }
            group
        })
        .collect();
    let mut b = Builder::default();
    for group in prepared {
        let mut group = group.into_iter();
        let Some(doc) = group.next() else { continue };
        let parent = b.push(doc);
        for mut item in group {
            item.entry.parent = Some(parent);
            b.push(item);
        }
    }
    for p in ctx.graph.parties.iter().filter(|p| p.profile.is_none()) {
        let details = [p.details.short.as_deref(), p.details.address.as_deref(), p.details.cvr.as_deref()];
        let text = details.iter().flatten().copied().collect::<Vec<_>>().join(" ");
        let entry = Entry {
            title: p.details.name.clone(),
            kind: 4,
            url: format!("parter/{}.html", p.id),
            snippet: snippet(&text),
            parent: None,
        };
        b.push(Prepared::new(&stemmer, entry, &text));
    }
    let mut files = vec![("search-index.js".to_string(), b.main(ctx).into_bytes())];
    files.extend(b.shards());
    files.extend(b.chunks());
    files
}

fn kind_number(k: Kind) -> usize {
    KINDS.iter().position(|x| *x == k).unwrap_or(0)
}

fn doc_entry(d: &Document, h: &DocHtml) -> Entry {
    let text = [d.summary.as_deref().unwrap_or(""), h.body.text.as_str()].join(" ");
    Entry { title: d.title.clone(), kind: kind_number(d.kind()), url: d.url(), snippet: snippet(&text), parent: None }
}

/// What a document is found by besides its title: summary, headings, parties, body and its
/// Markdown fields (målgruppe, duties, section intros). Plan items are entries of their own.
fn doc_text(ctx: &Ctx, d: &Document, h: &DocHtml) -> String {
    let mut text = d.summary.clone().unwrap_or_default();
    for p in d.parties.iter().filter_map(|p| ctx.graph.party(&p.id)) {
        let _ = write!(text, " {} {}", p.details.name, p.details.short.as_deref().unwrap_or(""));
    }
    let fields = h
        .target_group_description
        .iter()
        .chain(&h.criteria)
        .chain(h.duties.iter().flatten())
        .chain(h.section_intros.iter().flatten());
    for r in std::iter::once(&h.body).chain(fields) {
        text.push(' ');
        text.push_str(&r.text);
    }
    for s in d.plan().into_iter().flat_map(|p| &p.sections) {
        text.push(' ');
        text.push_str(&s.title);
    }
    text
}

/// A plan's items as entries of their own (their parent is set when they are numbered).
fn items(ctx: &Ctx, stemmer: &Stemmer, d: &Document, h: &DocHtml) -> Vec<Prepared> {
    let mut out = Vec::new();
    for (k, item) in d.plan().into_iter().flat_map(|p| p.items()).enumerate() {
        let ih = &h.items[k];
        let shown: Vec<&str> =
            [&ih.question, &ih.guidance, &ih.answer].into_iter().flatten().map(|r| r.text.as_str()).collect();
        let shown = shown.join(" ");
        let who: Vec<String> = item.responsible.iter().map(|r| ctx.responsible_link("", r).title).collect();
        let owner = item.owner.as_deref().unwrap_or("");
        let found = format!("{shown} {} {owner} {}", who.join(" "), d.title);
        let entry = Entry {
            title: item.title.clone(),
            kind: ITEM_KIND,
            url: format!("{}#{}", d.url(), item.id),
            snippet: snippet(&shown),
            parent: None,
        };
        out.push(Prepared::new(stemmer, entry, &found));
    }
    out
}

/// An entry with its terms (title and text), sorted and without repeats.
struct Prepared {
    entry: Entry,
    terms: Vec<String>,
}

impl Prepared {
    fn new(stemmer: &Stemmer, entry: Entry, text: &str) -> Prepared {
        let mut terms: Vec<String> = terms(stemmer, &entry.title).chain(terms(stemmer, text)).collect();
        terms.sort_unstable();
        terms.dedup();
        Prepared { entry, terms }
    }
}

impl Builder {
    /// Numbers a prepared entry and files it under its terms; returns its number.
    fn push(&mut self, p: Prepared) -> usize {
        let n = self.entries.len();
        for term in p.terms {
            self.terms.entry(term).or_default().push(n as u32);
        }
        self.entries.push(p.entry);
        n
    }

    /// The part loaded first: kinds, the shard list, and each entry's title and kind (items
    /// also their plan's entry), enough to rank and list results.
    fn main(&self, ctx: &Ctx) -> String {
        let mut kinds: Vec<&str> = KINDS.iter().map(|&k| ctx.kind_label(k)).collect();
        kinds.push(ctx.t.kind_item);
        let shards: Vec<u32> = self.shard_keys().collect();
        let mut out = format!(
            "window.AFTALEBOG_SEARCH={{\"kinds\":{},\"chunk\":{CHUNK},\"shards\":{},\n\"entries\":[",
            json(&kinds),
            json(&shards)
        );
        for (n, e) in self.entries.iter().enumerate() {
            let sep = if n == 0 { "" } else { ",\n" };
            let _ = write!(out, "{sep}[{},{}", json(&e.title), e.kind);
            if let Some(p) = e.parent {
                let _ = write!(out, ",{p}");
            }
            out.push(']');
        }
        out.push_str("]};\n");
        out
    }

    fn shard_keys(&self) -> impl Iterator<Item = u32> + '_ {
        let mut keys: Vec<u32> = self.terms.keys().filter_map(|t| t.chars().next()).map(u32::from).collect();
        keys.dedup();
        keys.into_iter()
    }

    /// Terms by their first letter (`search/t-<code point>.js`), with their posting lists.
    fn shards(&self) -> Vec<(String, Vec<u8>)> {
        self.shard_keys()
            .map(|key| {
                let (terms, postings): (Vec<&String>, Vec<String>) = self
                    .terms
                    .iter()
                    .filter(|(t, _)| t.chars().next().map(u32::from) == Some(key))
                    .map(|(t, l)| (t, gaps(l)))
                    .unzip();
                let body = format!("{{\"terms\":{},\n\"postings\":{}}}", json(&terms), json(&postings));
                (format!("search/t-{key}.js"), part(&format!("t{key}"), &body).into_bytes())
            })
            .collect()
    }

    /// Each entry's address and snippet, `CHUNK` entries a file (`search/e-<n>.js`), loaded
    /// only for the results on screen.
    fn chunks(&self) -> Vec<(String, Vec<u8>)> {
        self.entries
            .chunks(CHUNK)
            .enumerate()
            .map(|(k, list)| {
                let rows: Vec<[&str; 2]> = list.iter().map(|e| [e.url.as_str(), e.snippet.as_str()]).collect();
                (format!("search/e-{k}.js"), part(&format!("e{k}"), &json(&rows)).into_bytes())
            })
            .collect()
    }
}

/// A script that files `body` under `name` for `search.js` to pick up.
fn part(name: &str, body: &str) -> String {
    format!("(window.AFTALEBOG_PARTS=window.AFTALEBOG_PARTS||{{}})[\"{name}\"]={body};\n")
}

/// JSON that stays inert even if someone inlines the index into a page.
fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    s.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Digits of the posting encoding: a number's last digit from `LAST`, any before it from
/// `MORE` (base 32, most significant first), so numbers need no separator.
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const MORE: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";

/// Ascending entry numbers as gaps, each a base-32 number: `[3, 5, 36]` → `"32v"`.
fn gaps(list: &[u32]) -> String {
    let mut out = String::new();
    let mut prev = 0;
    for &n in list {
        push_number(&mut out, n - prev);
        prev = n;
    }
    out
}

fn push_number(out: &mut String, mut n: u32) {
    let mut digits = vec![LAST[(n % 32) as usize]];
    n /= 32;
    while n > 0 {
        digits.push(MORE[(n % 32) as usize]);
        n /= 32;
    }
    out.extend(digits.iter().rev().map(|&d| d as char));
}

/// The start of a text, whitespace collapsed, cut at a word boundary with `…`.
fn snippet(text: &str) -> String {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(SNIPPET_TEXT) {
        Some((i, _)) => {
            let cut = collapsed[..i].rfind(' ').filter(|&j| j > i / 2).unwrap_or(i);
            format!("{}…", &collapsed[..cut])
        }
        None => collapsed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_forms_share_a_stem() {
        let s = Stemmer::create(Algorithm::Danish);
        let stems: Vec<String> = terms(&s, "aftale aftalen aftaler aftalerne Aftalen").collect();
        assert!(stems.iter().all(|x| x == &stems[0]), "{stems:?}");
    }

    #[test]
    fn folding_handles_aa_and_case() {
        assert_eq!(fold("Maal"), "mål");
        assert_eq!(fold("MÅL"), "mål");
        assert_eq!(fold("Café"), "cafe");
    }

    #[test]
    fn postings_are_base32_gaps_without_separators() {
        assert_eq!(gaps(&[3, 5, 36]), "32v");
        assert_eq!(gaps(&[0, 32, 1056]), "0B0BA0");
        assert_eq!(gaps(&[40_000]), "BHC0");
    }

    #[test]
    fn snippets_are_cut_at_a_word() {
        let long = "ord ".repeat(200);
        let s = snippet(&long);
        assert!(s.ends_with("ord…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_TEXT + 1);
        assert_eq!(snippet("  kort   tekst "), "kort tekst");
    }
}
