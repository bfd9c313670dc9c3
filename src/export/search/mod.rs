//! `search-index.js`: the client-side search index, as scripts so that search works from
//! `file://` too. Entries are documents, the sections of long documents, parties and plan
//! items, each with its kind and the status a reader sees; terms are what `terms` makes of
//! words (folded, stemmed, loosened) plus the parts of compound words. The theme's
//! `search.js` turns query words into terms the same way (its stemmer is a port of the same
//! Snowball algorithm; its folding tables come from this index), and ranks the entries.
//! `format` says how the files are split so a query loads little.

mod entry;
mod format;
mod packed;
mod patch;
mod prepare;
mod saved;
mod sections;
mod stream;
pub mod terms;

use entry::{Entry, Labels, Numbered, Prepared, Vocabulary};
use prepare::{document, others};

pub(crate) use saved::OnDisk;
pub use terms::{key, terms, words};

use crate::diagnostics::Diagnostic;
use crate::memo::stage::Key;
use crate::sink::Emit;
use crate::site::Ctx;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use terms::{Keys, Order};

/// What one build of the index leaves for the next: each document's entries as prepared,
/// by the document's place in the model (stemming them is most of the index's work), with
/// the key of what they were prepared from, and the index itself with its files, to be
/// patched ([`patch`]). A document whose body did not change has the same entries when
/// nothing else did either ([`crate::memo::reach`]); after any other edit, a document whose
/// drafts have the same key has them too.
#[derive(Default)]
pub(crate) struct Kept {
    docs: Vec<Arc<Vec<Prepared>>>,
    keys: Vec<Key>,
    /// The key of the entries after the documents' (parties without a profile, terms).
    others: Key,
    index: Option<patch::Index<bytes::Bytes>>,
    /// The last build patched the index rather than building it.
    pub patched: bool,
}

impl Kept {
    /// Whether it holds entries for a model of `n` documents.
    fn is_for(&self, n: usize) -> bool {
        self.docs.len() == n && self.keys.len() == n
    }
}

/// Where an index is kept for the next build.
pub(crate) enum Keep<'a> {
    /// Nowhere: no later build reuses it.
    Nothing,
    /// In memory, with each document's entries (`serve`).
    Memory(&'a mut Kept),
    /// In `build`'s cache, its files in the output folder ([`saved`]).
    Files(&'a std::path::Path, &'a mut OnDisk),
}

/// `search-index.js` and the parts it loads on demand under `search/`, each into `emit`.
/// Kept in memory, the documents whose entries are the last build's (all but `changed`,
/// when given) keep their stemmed terms, and the kept index is patched if it can be; this
/// build's are kept for the next. Kept in `build`'s cache, it is patched when only the
/// bodies of the documents `changed` did change. Otherwise the index is made a slice of
/// documents at a time ([`stream`]).
pub(crate) fn send(ctx: &Ctx, emit: &Emit, keep: Keep, changed: Option<&[usize]>) -> Result<(), Diagnostic> {
    match keep {
        Keep::Nothing => stream::send(ctx, &|path, bytes| emit.put(path, bytes).map(drop)).map(drop),
        Keep::Files(folder, kept) => {
            let patched = saved::send(ctx, emit, folder, kept, changed)?;
            log::debug!("search index {}", if patched { "patched" } else { "built anew" });
            Ok(())
        }
        Keep::Memory(kept) => send_kept(ctx, emit, kept, changed),
    }
}

/// The index kept in memory: patched where only documents' entries changed, else made anew.
fn send_kept(ctx: &Ctx, emit: &Emit, kept: &mut Kept, changed: Option<&[usize]>) -> Result<(), Diagnostic> {
    let n = ctx.model.docs.len();
    let same_docs = kept.is_for(n);
    let (prepared, keys) = prepare_all(ctx, kept, changed);
    let others = others(ctx);
    let others_key = saved::others_key(&others);
    // Those prepared afresh; patching them in is the same as building anew while nothing
    // else in the index changed: the entries after the documents', and the labels.
    let fresh: Vec<usize> = (0..n).filter(|&i| !same_docs || !Arc::ptr_eq(&prepared[i], &kept.docs[i])).collect();
    // Taken out while this build runs: an index that failed to patch halfway, or whose files
    // did not all go out, is not kept.
    let mut last = kept.index.take();
    let patched = match last.as_mut() {
        Some(last) if same_docs && others_key == kept.others && last.labels == labels_of(ctx, &prepared) => {
            let changes: Vec<patch::Change> = fresh
                .iter()
                .map(|&i| patch::Change {
                    doc: i,
                    was: kept.docs[i].iter().map(|p| p.terms.as_slice()).collect(),
                    now: &prepared[i],
                })
                .collect();
            last.patch(n, &changes, None)
        }
        _ => None,
    };
    kept.docs = prepared;
    kept.keys = keys;
    kept.others = others_key;
    kept.patched = patched.is_some();
    kept.index = Some(match (last, patched) {
        (Some(index), Some(files)) => put_patched(emit, index, files)?,
        _ => put_anew(ctx, emit, &kept.docs, others)?,
    });
    Ok(())
}

/// The index made from every document's entries, its files sent.
fn put_anew(
    ctx: &Ctx,
    emit: &Emit,
    docs: &[Arc<Vec<Prepared>>],
    others: Vec<Vec<entry::Draft>>,
) -> Result<patch::Index<bytes::Bytes>, Diagnostic> {
    let (labels, entries, vocabulary, first) = index(ctx, docs, others);
    let (parts, sources) = terms::compound_parts(&vocabulary);
    let out = format::files(&labels, &entries, &vocabulary, &parts);
    let mut files = FxHashMap::default();
    for (path, bytes) in out {
        files.insert(path.clone(), emit.put(path, bytes)?);
    }
    let others_from = docs.iter().map(|g| g.len()).sum();
    Ok(patch::Index { labels, entries, first, others_from, vocabulary, parts, sources, files })
}

/// A patched index's files sent: the new ones written, the unchanged ones as already sent.
fn put_patched(
    emit: &Emit,
    mut index: patch::Index<bytes::Bytes>,
    files: Vec<(String, patch::File<bytes::Bytes>)>,
) -> Result<patch::Index<bytes::Bytes>, Diagnostic> {
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
    Ok(index)
}

/// Every document's entries and the key of their drafts: the kept ones for the documents
/// not `changed` (when the kept ones are this model's), and for those whose drafts have the
/// kept key; stemming is the work, done in parallel for the rest.
fn prepare_all(ctx: &Ctx, kept: &Kept, changed: Option<&[usize]>) -> (Vec<Arc<Vec<Prepared>>>, Vec<Key>) {
    let same_docs = kept.is_for(ctx.model.docs.len());
    let changed = changed.filter(|_| same_docs);
    let prepared: Vec<(Arc<Vec<Prepared>>, Key)> = (0..ctx.model.docs.len())
        .into_par_iter()
        .map_init(Keys::new, |keys, i| {
            if changed.is_some_and(|c| c.binary_search(&i).is_err()) {
                return (kept.docs[i].clone(), kept.keys[i]);
            }
            let drafts = document(ctx, i);
            let key = entry::drafts_key(&drafts);
            if same_docs && kept.keys[i] == key {
                return (kept.docs[i].clone(), key);
            }
            (Arc::new(drafts.into_iter().map(|d| d.prepare(keys, Order::Sorted)).collect()), key)
        })
        .collect();
    prepared.into_iter().unzip()
}

/// The entries of the documents, parties and terms numbered, with their labels, each term's
/// entries, and each document's first entry.
fn index(
    ctx: &Ctx,
    prepared: &[Arc<Vec<Prepared>>],
    others: Vec<Vec<entry::Draft>>,
) -> (Labels, Vec<Entry>, Vocabulary, Vec<usize>) {
    let mut keys = Keys::new();
    // Numbered here and not kept: nothing looks their terms up later.
    let others: Vec<Vec<Prepared>> =
        others.into_iter().map(|g| g.into_iter().map(|d| d.prepare(&mut keys, Order::AsFound)).collect()).collect();
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

/// The labels an index of `prepared` has: the kinds, and the statuses in the order the
/// entries first show them (the entries after the documents' have none).
fn labels_of(ctx: &Ctx, prepared: &[Arc<Vec<Prepared>>]) -> Labels {
    let mut labels = Labels::new(ctx);
    for p in prepared.iter().flat_map(|g| g.iter()) {
        labels.status(p.status.clone());
    }
    labels
}
