//! `search-index.js`: the client-side search index, as a script so that search works from
//! `file://` too. Entries are documents and plan items; terms are folded (case, `aa` → `å`,
//! accents) and Danish-stemmed so `aftalerne` finds `aftale`. The theme's `search.js`
//! applies the same folding and stemmer to the query.

use crate::model::Kind;
use crate::pages::views::Ctx;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::BTreeMap;

/// Longest text kept per entry for result snippets.
const SNIPPET_TEXT: usize = 600;

#[derive(Serialize)]
struct Entry {
    /// title
    t: String,
    /// kind label
    k: &'static str,
    /// url relative to the site root
    u: String,
    /// text for the snippet
    x: String,
}

#[derive(Serialize)]
struct Index {
    entries: Vec<Entry>,
    /// folded, stemmed term → entry numbers
    terms: BTreeMap<String, Vec<u32>>,
}

/// Lowercase, `aa` → `å`, accents removed (Danish letters kept): what both sides compare.
pub fn fold(word: &str) -> String {
    let lower = word.to_lowercase().replace("aa", "å");
    lower
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'á' | 'à' | 'â' => 'a',
            'ó' | 'ò' | 'ô' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ä' => 'æ',
            'ö' => 'ø',
            other => other,
        })
        .collect()
}

/// The index terms of a text.
pub fn terms<'a>(stemmer: &'a Stemmer, text: &'a str) -> impl Iterator<Item = String> + 'a {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(move |w| stemmer.stem(&fold(w)).into_owned())
}

pub fn search_index(ctx: &Ctx) -> String {
    let stemmer = Stemmer::create(Algorithm::Danish);
    let mut index = Index { entries: Vec::new(), terms: BTreeMap::new() };
    let mut add = |entry: Entry, full: &str| {
        let n = index.entries.len() as u32;
        for term in terms(&stemmer, &format!("{} {full}", entry.t)) {
            let list = index.terms.entry(term).or_default();
            if list.last() != Some(&n) {
                list.push(n);
            }
        }
        index.entries.push(entry);
    };
    for (i, d) in ctx.model.docs.iter().enumerate() {
        let h = &ctx.html.docs[i];
        let headings: Vec<&str> = h.body.headings.iter().map(|x| x.text.as_str()).collect();
        let parties: Vec<String> = d.parties.iter().filter_map(|p| ctx.graph.party(&p.id)).map(|p| p.details.name.clone()).collect();
        let fields: String = h.fragments().skip(1).map(|f| f.text.as_str()).collect::<Vec<_>>().join(" ");
        let text = [d.summary.clone().unwrap_or_default(), headings.join(" "), parties.join(" "), h.body.text.clone(), fields].join(" ");
        let x = snippet_text(&text);
        add(Entry { t: d.title.clone(), k: ctx.kind_label(d.kind), u: d.url(), x }, &text);
        if d.kind == Kind::Handleplan {
            for (k, item) in d.plan().into_iter().flat_map(|p| p.items()).enumerate() {
                let ih = &h.items[k];
                let text: String = [&ih.question, &ih.guidance, &ih.answer].iter().filter_map(|r| r.as_ref().map(|r| r.text.clone())).collect::<Vec<_>>().join(" ");
                let label = ctx.t.plan;
                add(Entry { t: item.title.clone(), k: label, u: format!("{}#{}", d.url(), item.id), x: snippet_text(&text) }, &format!("{text} {}", d.title));
            }
        }
    }
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "{}".into());
    // Keep markup inert even if someone inlines the index into a page.
    let json = json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    format!("window.AFTALEBOG_SEARCH={json};\n")
}

fn snippet_text(text: &str) -> String {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(SNIPPET_TEXT) {
        Some((i, _)) => format!("{}…", &collapsed[..i]),
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
}
