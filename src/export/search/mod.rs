//! `search-index.js`: the client-side search index, as scripts so that search works from
//! `file://` too. Entries are documents, the sections of long documents, parties and plan
//! items, each with its kind and the status a reader sees; terms are what `terms` makes of
//! words (folded, stemmed, loosened) plus the parts of compound words. The theme's
//! `search.js` turns query words into terms the same way (its stemmer is a port of the same
//! Snowball algorithm; its folding tables come from this index), and ranks the entries.
//! `format` says how the files are split so a query loads little.

mod entry;
mod format;
mod patch;
mod sections;
mod stream;
pub mod terms;

use entry::{Entry, EntryKind, Labels, Prepared, Standing, StatusRow};

pub use terms::{key, terms, words};

use crate::diagnostics::Diagnostic;
use crate::graph::Shown;
use crate::model::{Document, Kind, Status};
use crate::render::DocHtml;
use crate::sink::Emit;
use crate::site::Ctx;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::fmt::Write as _;
use std::sync::Arc;
use terms::Keys;

/// Longest text kept per entry for result snippets (characters): enough to show the words
/// around a hit in most sections and items.
const SNIPPET_TEXT: usize = 1200;

/// What one build of the index leaves for the next: each document's entries as prepared,
/// by the document's place in the model (stemming them is most of the index's work), and
/// the index itself with its files, to be patched ([`patch`]). A document whose body did not
/// change has the same entries when nothing else did either ([`crate::memo::reach`]).
#[derive(Default)]
pub(crate) struct Kept {
    docs: Vec<Arc<Vec<Prepared>>>,
    index: Option<patch::Index>,
    /// The last build patched the index rather than building it.
    pub patched: bool,
}

/// `search-index.js` and the parts it loads on demand under `search/`, each into `emit`.
/// With `kept` and `changed` (ascending), the other documents' entries are the kept ones and
/// the kept index is patched if it can be; with `kept`, this build's are kept for the next;
/// without, the index is made a slice of documents at a time ([`stream`]).
pub(crate) fn send(
    ctx: &Ctx,
    emit: &Emit,
    kept: Option<&mut Kept>,
    changed: Option<&[usize]>,
) -> Result<(), Diagnostic> {
    let Some(kept) = kept else { return stream::send(ctx, emit) };
    let n = ctx.model.docs.len();
    let old = Some(&*kept).filter(|k| k.docs.len() == n && changed.is_some());
    let reuse =
        |i: usize| old.filter(|_| changed.is_some_and(|c| c.binary_search(&i).is_err())).map(|k| k.docs[i].clone());
    // Stemming is the work: each document's entries are prepared in parallel, then numbered
    // in document order so the index is the same on every run.
    let prepared: Vec<Arc<Vec<Prepared>>> = (0..n)
        .into_par_iter()
        .map_init(Keys::new, |keys, i| reuse(i).unwrap_or_else(|| Arc::new(document(ctx, keys, i))))
        .collect();
    // Taken out while this build runs: an index that failed to patch halfway, or whose files
    // did not all go out, is not kept.
    let mut last = kept.index.take();
    let patched = match (last.as_mut(), changed) {
        (Some(last), Some(changed)) => last.patch(&kept.docs, &prepared, changed),
        _ => None,
    };
    kept.docs = prepared;
    kept.patched = patched.is_some();
    let (Some(mut index), Some(files)) = (last, patched) else {
        let (labels, entries, vocabulary, first) = index(ctx, &kept.docs);
        let (parts, sources) = patch::parts_with_sources(&vocabulary);
        let out = format::files(&labels, &entries, &vocabulary, &parts);
        let mut files = FxHashMap::default();
        for (path, bytes) in out {
            files.insert(path.clone(), emit.put(path, bytes)?);
        }
        kept.index = Some(patch::Index { labels, entries, first, vocabulary, parts, sources, files });
        return Ok(());
    };
    index.files.clear();
    for (path, file) in files {
        let bytes = match file {
            patch::File::New(bytes) => emit.put(path.clone(), bytes)?,
            patch::File::Same(bytes) => {
                emit.put_sent(path.clone(), bytes.clone())?;
                bytes
            }
        };
        index.files.insert(path, bytes);
    }
    kept.index = Some(index);
    Ok(())
}

/// The entries of the documents, parties and terms numbered, with their labels, each term's
/// entries, and each document's first entry.
fn index(ctx: &Ctx, prepared: &[Arc<Vec<Prepared>>]) -> (Labels, Vec<Entry>, Vocabulary, Vec<usize>) {
    let others = others(ctx, &mut Keys::new());
    let mut first = Vec::with_capacity(prepared.len());
    let mut at = 0;
    for group in prepared {
        first.push(at);
        at += group.len();
    }
    let mut numbered = Numbered::new(Labels::new(ctx));
    for group in prepared.iter().map(|g| g.as_slice()).chain(others.iter().map(Vec::as_slice)) {
        numbered.add(group.iter().map(|p| (p.entry.clone(), p.status.clone(), p.terms.as_slice())));
    }
    (numbered.labels, numbered.entries, numbered.vocabulary, first)
}

/// The entries after the documents': each party without a profile of its own, then each
/// defined term, one group each.
fn others(ctx: &Ctx, keys: &mut Keys) -> Vec<Vec<Prepared>> {
    let parties = ctx
        .graph
        .parties
        .iter()
        .filter(|p| p.profile.is_none())
        .map(|p| {
            let details = [p.details.short.as_deref(), p.details.address.as_deref(), p.details.cvr.as_deref()];
            let text = details.iter().flatten().copied().collect::<Vec<_>>().join(" ");
            let url = format!("parter/{}.html", p.id);
            let entry = entry(&p.details.name, EntryKind::Doc(Kind::Party), url, &text);
            vec![Prepared::new(keys, entry, None, &text)]
        })
        .collect::<Vec<_>>();
    let terms = ctx.glossary.entries.iter().map(|e| {
        let entry = entry(&e.name, EntryKind::Term, format!("begreber.html#{}", e.anchor), &e.definition);
        vec![Prepared::new(keys, entry, None, &e.definition)]
    });
    parties.into_iter().chain(terms.collect::<Vec<_>>()).collect()
}

/// Each term with the entries it is in, ascending.
type Vocabulary = FxHashMap<Arc<str>, Vec<u32>>;

/// Entries numbered in order, each group's first entry the parent of the rest; and every
/// term with the entries it is in, ascending. A hash map: the site has tens of thousands of
/// terms and millions of postings, and the order only matters once, when it is written.
struct Numbered {
    labels: Labels,
    entries: Vec<Entry>,
    vocabulary: Vocabulary,
}

impl Numbered {
    fn new(labels: Labels) -> Numbered {
        Numbered { labels, entries: Vec::new(), vocabulary: FxHashMap::default() }
    }

    /// One group's entries, with their status rows and terms, numbered after the last group's.
    fn add<T: AsRef<[Arc<str>]>>(&mut self, group: impl Iterator<Item = (Entry, Option<StatusRow>, T)>) {
        let first = self.entries.len();
        for (k, (mut entry, status, terms)) in group.enumerate() {
            entry.parent = (k > 0).then_some(first);
            entry.status = self.labels.status(status);
            for term in terms.as_ref() {
                self.vocabulary.entry(term.clone()).or_default().push(self.entries.len() as u32);
            }
            self.entries.push(entry);
        }
    }
}

fn entry(title: &str, kind: EntryKind, url: String, text: &str) -> Entry {
    Entry { title: title.to_string(), kind, url, text: snippet(text), parent: None, status: 0 }
}

/// A document's entries: itself first, then its sections (long documents) or items (plans).
fn document(ctx: &Ctx, keys: &mut Keys, i: usize) -> Vec<Prepared> {
    let (d, h) = (&ctx.model.docs[i], &ctx.html.docs[i]);
    let status = doc_status(ctx, i);
    let split = sections::split(&h.body);
    let body = split.as_ref().map_or(h.body.text.as_str(), |s| s.intro.as_str());
    let shown = [d.summary.as_deref().unwrap_or(""), body].join(" ");
    let found_by = format!("{shown} {}", doc_fields(ctx, d, h));
    let mut group = vec![Prepared::new(
        keys,
        entry(&d.title, EntryKind::Doc(d.kind()), d.url(), &shown),
        status.clone(),
        &found_by,
    )];
    for s in split.iter().flat_map(|s| &s.sections) {
        let e = entry(&s.heading, EntryKind::Section, format!("{}#{}", d.url(), s.id), &s.text);
        group.push(Prepared::new(keys, e, status.clone(), &s.text));
    }
    if d.kind() == Kind::Plan {
        let standing = status.map_or(Standing::Current, |s| s.2);
        group.extend(items(ctx, keys, d, h, standing));
    }
    group
}

/// The status a reader sees (SPEC §2.8, worked out in `graph::lifecycle`), as the pill's CSS
/// classes, label and how it ranks.
fn doc_status(ctx: &Ctx, i: usize) -> Option<StatusRow> {
    let shown = ctx.graph.shown(i)?;
    let standing = match shown {
        Shown::Written(Status::Gaeldende) => Standing::Current,
        Shown::Kommende | Shown::Written(Status::Udkast | Status::Skabelon) => Standing::Pending,
        _ => Standing::Past,
    };
    Some((format!("status status-{}", shown.key()), shown.label(ctx.t), standing))
}

/// What a document is found by besides its title, summary and body: owner, a party's own
/// details (short name, address, CVR), the parties it names, and its
/// Markdown fields (målgruppe, duties, section intros), plan section titles.
fn doc_fields(ctx: &Ctx, d: &Document, h: &DocHtml) -> String {
    let mut text = d.owner.clone().unwrap_or_default();
    if let Some(p) = d.party() {
        let details = [&p.short, &p.address, &p.cvr, &p.phone, &p.email];
        for x in details.into_iter().flatten() {
            let _ = write!(text, " {x}");
        }
    }
    for p in d.parties.iter().filter_map(|p| ctx.graph.party(&p.id)) {
        let _ = write!(text, " {} {}", p.details.name, p.details.short.as_deref().unwrap_or(""));
    }
    let fields = h
        .target_group_description
        .iter()
        .chain(&h.criteria)
        .chain(h.duties.iter().flatten())
        .chain(h.section_intros.iter().flatten());
    for r in fields {
        text.push(' ');
        text.push_str(&r.text);
    }
    for s in d.plan().into_iter().flat_map(|p| &p.sections) {
        text.push(' ');
        text.push_str(&s.title);
    }
    text
}

/// A plan's items as entries of their own, found by every text they have: title, question,
/// guidance, answer, who is responsible, owner, status and the principles they serve.
/// Items rank by their plan's standing and show their own status.
fn items(ctx: &Ctx, keys: &mut Keys, d: &Document, h: &DocHtml, standing: Standing) -> Vec<Prepared> {
    let mut out = Vec::new();
    for (k, item) in d.plan().into_iter().flat_map(|p| p.items()).enumerate() {
        let ih = &h.items[k];
        let shown: Vec<&str> =
            [&ih.question, &ih.guidance, &ih.answer].into_iter().flatten().map(|r| r.text.as_str()).collect();
        let shown = shown.join(" ");
        let mut found_by = shown.clone();
        for r in &item.responsible {
            let _ = write!(found_by, " {}", ctx.responsible_link("", r).title);
        }
        for p in item.principles.iter().filter_map(|p| ctx.model.get(&p.id)) {
            let _ = write!(found_by, " {}", p.title);
        }
        let status = ctx.item_status(item.status);
        let _ = write!(found_by, " {} {}", item.owner.as_deref().unwrap_or(""), status.label);
        let e = entry(&item.title, EntryKind::Item, format!("{}#{}", d.url(), item.id), &shown);
        let row = (format!("item-status item-status-{}", status.key), status.label, standing);
        out.push(Prepared::new(keys, e, Some(row), &found_by));
    }
    out
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
    fn snippets_are_cut_at_a_word() {
        let long = "ord ".repeat(800);
        let s = snippet(&long);
        assert!(s.ends_with("ord…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_TEXT + 1);
        assert_eq!(snippet("  kort   tekst "), "kort tekst");
    }
}
