//! Defined terms (`terms:`): the glossary of the whole site with its scopes. A `dokument`
//! defines terms for every page; any other document defines them for itself, and there its
//! own definition wins. The same term defined twice differently in one scope is a warning.

mod matcher;

pub(crate) use matcher::Matcher;

use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Pos};
use crate::letters::fold;
use crate::model::{Kind, Model};
use crate::slug::slugify;
use std::collections::HashMap;

/// One definition of a term, as `begreber.html` lists it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub name: String,
    pub definition: String,
    /// The anchor on `begreber.html`.
    pub anchor: String,
    /// The defining document (index into `model.docs`).
    pub doc: usize,
    /// Holds only inside `doc` (defined in an agreement, plan, …), not site-wide.
    pub local: bool,
    pub pos: Pos,
}

#[derive(Debug, Default)]
pub(crate) struct Glossary {
    pub entries: Vec<Entry>,
    site: Matcher,
    /// Per document with terms of its own: its terms, then the site's it does not redefine.
    local: HashMap<usize, Matcher>,
}

impl Glossary {
    /// The terms that hold in a document, ready for matching.
    pub(crate) fn matcher(&self, doc: usize) -> &Matcher {
        self.local.get(&doc).unwrap_or(&self.site)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entry indices in Danish alphabetical order (æ, ø, å after z).
    pub(crate) fn alphabetical(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.entries.len()).collect();
        idx.sort_by_cached_key(|&i| (sort_key(&self.entries[i].name), self.entries[i].local, self.entries[i].doc));
        idx
    }
}

/// Sort key that puts æ, ø, å after z, in that order.
pub(crate) fn sort_key(name: &str) -> String {
    fold(name)
        .chars()
        .map(|c| match c {
            'æ' => '{',
            'ø' => '|',
            'å' => '}',
            c => c,
        })
        .collect()
}

/// Whitespace-insensitive comparison of two definitions.
fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

pub(crate) fn build(model: &Model, diags: &mut Diagnostics) -> Glossary {
    let mut g = Glossary::default();
    // Site scope first, then each document's own: a term's first definition in a scope is the
    // one used; a different second one is reported at both places.
    let mut site_seen: HashMap<String, usize> = HashMap::new();
    for (i, doc) in model.docs.iter().enumerate().filter(|(_, d)| d.kind() == Kind::Document) {
        for t in &doc.terms {
            add(&mut g, &mut site_seen, model, (i, t, false), diags);
        }
    }
    let site: Vec<usize> = (0..g.entries.len()).collect();
    g.site = Matcher::new(site.iter().map(|&e| (e, g.entries[e].name.as_str())));
    for (i, doc) in model.docs.iter().enumerate().filter(|(_, d)| d.kind() != Kind::Document && !d.terms.is_empty()) {
        let mut seen = HashMap::new();
        let first = g.entries.len();
        for t in &doc.terms {
            add(&mut g, &mut seen, model, (i, t, true), diags);
        }
        let own: Vec<usize> = (first..g.entries.len()).collect();
        let inherited = site.iter().copied().filter(|&e| !seen.contains_key(&fold(&g.entries[e].name)));
        let all: Vec<usize> = own.into_iter().chain(inherited).collect();
        g.local.insert(i, Matcher::new(all.iter().map(|&e| (e, g.entries[e].name.as_str()))));
    }
    g
}

fn add(
    g: &mut Glossary,
    seen: &mut HashMap<String, usize>,
    model: &Model,
    (doc, t, local): (usize, &crate::model::TermDef, bool),
    diags: &mut Diagnostics,
) {
    let key = fold(&t.name);
    if let Some(&prev) = seen.get(&key) {
        let p = &g.entries[prev];
        if !same_text(&p.definition, &t.definition) {
            let (a, b) = (&model.docs[p.doc], &model.docs[doc]);
            let msg = |name: &str| format!("the term `{name}` has two different definitions");
            let at = |path: &std::path::Path, pos: Pos| format!("{}:{}", display_path(path), pos.line);
            diags.push(
                Diagnostic::warning(&b.source, t.pos, msg(&t.name))
                    .with_hint(format!("also defined at {}; keep one definition", at(&a.source, p.pos))),
            );
            diags.push(
                Diagnostic::warning(&a.source, p.pos, msg(&p.name))
                    .with_hint(format!("also defined at {}; keep one definition", at(&b.source, t.pos))),
            );
        }
        return;
    }
    seen.insert(key, g.entries.len());
    let slug = slugify(&t.name);
    let anchor = if local { format!("{}--{slug}", model.docs[doc].id) } else { slug };
    g.entries.push(Entry { name: t.name.clone(), definition: t.definition.clone(), anchor, doc, local, pos: t.pos });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;
    use std::path::PathBuf;

    fn glossary(files: &[(&str, &str)]) -> (Model, Glossary, Diagnostics) {
        let sources: Vec<Source> =
            files.iter().map(|(p, t)| Source { rel: PathBuf::from(p), text: (*t).into() }).collect();
        let mut diags = Diagnostics::default();
        let split = crate::frontmatter::split_all(sources, &mut diags);
        let m = crate::model::build(&split, Vec::new(), false, &mut diags);
        let g = build(&m, &mut diags);
        (m, g, diags)
    }

    #[test]
    fn local_definition_wins_inside_its_document_only() {
        let (m, g, d) = glossary(&[
            ("content/dokumenter/def.md", "---\ntitle: D\nterms:\n  Epikrise: Site-wide.\n  Caseload: Antal.\n---\n"),
            ("content/aftaler/a.md", "---\ntitle: A\nterms:\n  epikrise: Lokal.\n---\n"),
            ("content/aftaler/b.md", "---\ntitle: B\n---\n"),
        ]);
        assert!(d.is_empty(), "{d:?}");
        let a = m.index_of("a").unwrap();
        let b = m.index_of("b").unwrap();
        let def = |doc, word| {
            let hit = g.matcher(doc).find(word);
            g.entries[hit[0].entry].definition.clone()
        };
        assert_eq!(def(a, "epikrisen"), "Lokal.");
        assert_eq!(def(b, "epikrisen"), "Site-wide.");
        assert_eq!(def(a, "caseloaden"), "Antal.");
        assert_eq!(g.entries.iter().find(|e| e.local).unwrap().anchor, "a--epikrise");
    }

    #[test]
    fn two_different_definitions_in_one_scope_warn_at_both_places() {
        let (_, _, d) = glossary(&[
            ("content/dokumenter/x.md", "---\ntitle: X\nterms:\n  Fidelity: Troskab.\n---\n"),
            ("content/dokumenter/y.md", "---\ntitle: Y\nterms:\n  fidelity: Noget andet.\n---\n"),
            ("content/dokumenter/z.md", "---\ntitle: Z\nterms:\n  Fidelity: Troskab.\n---\n"),
        ]);
        let w: Vec<_> = d.iter().map(|x| (x.file.clone(), x.line, x.hint.clone().unwrap())).collect();
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w.iter().any(|(f, l, h)| f.ends_with("y.md") && *l == 4 && h.contains("content/dokumenter/x.md:4")));
        assert!(w.iter().any(|(f, _, h)| f.ends_with("x.md") && h.contains("content/dokumenter/y.md:4")));
    }

    #[test]
    fn danish_letters_sort_last() {
        let mut v = vec!["Åben", "Ø", "Æble", "Zebra", "abe"];
        v.sort_by_key(|s| sort_key(s));
        assert_eq!(v, ["abe", "Zebra", "Æble", "Ø", "Åben"]);
    }
}
