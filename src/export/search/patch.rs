//! The last index, patched after a save that changed only some documents' bodies. While
//! each changed document keeps its number of entries (no section added or removed), every
//! entry keeps its number: the changed entries' terms move in and out of the posting lists,
//! the compound parts of the terms that moved are worked out again, and only the files
//! those touch are written anew; every other file is the one the last build sent out. When a
//! term comes or goes, so do the splits of the terms it begins or ends (all compound parts
//! are worked out anew when many do), and when a document's number of entries changes, the
//! index is built from scratch.

use super::entry::{Entry, Labels, Prepared};
use super::format::{self, CHUNK};
use super::terms::{compound_parts, distinct, tails, Parts, Sources};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeSet;
use std::sync::Arc;

/// An index as built, with the files it was sent out as: their bytes (`serve`), or what
/// `build`'s cache keeps of them ([`super::saved`]).
pub(super) struct Index<F> {
    pub labels: Labels,
    /// Without their address and text when read back from `build`'s cache ([`Texts`]).
    pub entries: Vec<Entry>,
    /// Each document's first entry.
    pub first: Vec<usize>,
    /// The first entry after the documents' (parties without a profile, terms).
    pub others_from: usize,
    pub vocabulary: FxHashMap<Arc<str>, Vec<u32>>,
    pub parts: Parts,
    /// For each compound part, the terms it is a part of.
    pub sources: Sources,
    /// Each file by path, as it went out.
    pub files: FxHashMap<String, F>,
}

/// A file of the patched index: written anew, or the same as last time.
pub(super) enum File<F> {
    New(Vec<u8>),
    Same(F),
}

/// One document patched in: its entries' terms as they were, and its entries now.
pub(super) struct Change<'a> {
    pub doc: usize,
    pub was: Vec<&'a [Arc<str>]>,
    pub now: &'a [Prepared],
}

/// Where the address and text of entries a patch did not change come from, for the snippet
/// files it writes anew: the index's own entries, or for an index without them, a function
/// from a range of entry numbers to their `(url, text)`.
pub(super) type Texts<'a> = Option<&'a (dyn Fn(std::ops::Range<usize>) -> Vec<(String, String)> + Sync)>;

/// The most terms a patch lets come or go before it works every compound part out anew:
/// each is a pass over the vocabulary.
const RESPLIT_MAX: usize = 64;

/// What a patch changed.
#[derive(Default)]
struct Dirty {
    terms: FxHashSet<Arc<str>>,
    chunks: BTreeSet<usize>,
    main: bool,
    /// The terms that came or went.
    vocabulary: Vec<Arc<str>>,
}

impl<F: Clone> Index<F> {
    /// Patches in `changes` (the model has `docs` documents) and returns every file of the
    /// index; `None` if the index must be built from scratch.
    pub(super) fn patch(&mut self, docs: usize, changes: &[Change], texts: Texts) -> Option<Vec<(String, File<F>)>> {
        let same_shape = changes.iter().all(|c| c.was.len() == c.now.len());
        if !same_shape || self.first.len() != docs {
            return None;
        }
        let mut dirty = Dirty::default();
        for c in changes {
            let first = self.first[c.doc];
            for (k, (was, now)) in c.was.iter().zip(c.now).enumerate() {
                self.entry(first + k, (k > 0).then_some(first), (was, now), &mut dirty)?;
            }
        }
        let tails = self.parts_again(&dirty);
        if let Some(texts) = texts {
            self.fill(&dirty.chunks, texts)?;
        }
        Some(self.files(&dirty, &tails))
    }

    /// The address and text of the entries in `chunks` that the patch did not set.
    fn fill(
        &mut self,
        chunks: &BTreeSet<usize>,
        texts: &(dyn Fn(std::ops::Range<usize>) -> Vec<(String, String)> + Sync),
    ) -> Option<()> {
        for &k in chunks {
            let range = k * CHUNK..((k + 1) * CHUNK).min(self.entries.len());
            let texts = texts(range.clone());
            if texts.len() != range.len() {
                return None;
            }
            for (e, (url, text)) in self.entries[range].iter_mut().zip(texts) {
                if e.url.is_empty() {
                    (e.url, e.text) = (url, text);
                }
            }
        }
        Some(())
    }

    /// Entry `n`, whose terms were `was` and which is `now`.
    fn entry(
        &mut self,
        n: usize,
        parent: Option<usize>,
        (was, now): (&[Arc<str>], &Prepared),
        dirty: &mut Dirty,
    ) -> Option<()> {
        let statuses = self.labels.statuses.len();
        let mut entry = now.entry.clone();
        entry.parent = parent;
        entry.status = self.labels.status(now.status.clone());
        if self.labels.statuses.len() != statuses {
            return None;
        }
        let old = &self.entries[n];
        dirty.main |=
            (&old.title, old.kind, old.status, old.parent) != (&entry.title, entry.kind, entry.status, entry.parent);
        if (&old.url, &old.text) != (&entry.url, &entry.text) {
            dirty.chunks.insert(n / CHUNK);
        }
        self.entries[n] = entry;
        let n = n as u32;
        for term in was.iter().filter(|t| now.terms.binary_search(t).is_err()) {
            let list = self.vocabulary.get_mut(term)?;
            list.remove(list.binary_search(&n).ok()?);
            if list.is_empty() {
                self.vocabulary.remove(term);
                dirty.vocabulary.push(term.clone());
            }
            dirty.terms.insert(term.clone());
        }
        for term in now.terms.iter().filter(|t| was.binary_search(t).is_err()) {
            let list = self.vocabulary.entry(term.clone()).or_insert_with(|| {
                dirty.vocabulary.push(term.clone());
                Vec::new()
            });
            let at = list.binary_search(&n).err()?;
            list.insert(at, n);
            dirty.terms.insert(term.clone());
        }
        Some(())
    }

    /// The compound parts again: those of the terms whose entries changed, and where a term
    /// came or went, those of the terms whose splits it decides; all of them when many terms
    /// came or went. Returns the parts worked out again, or `None` for all.
    fn parts_again(&mut self, dirty: &Dirty) -> Option<FxHashSet<String>> {
        let Some(mut touched) = self.resplit(&dirty.vocabulary) else {
            (self.parts, self.sources) = compound_parts(&self.vocabulary);
            return None;
        };
        touched.extend(dirty.terms.iter().flat_map(|t| tails(t, &self.vocabulary).map(str::to_string)));
        for tail in &touched {
            let entries = self.sources.get(tail).into_iter().flatten().filter_map(|t| self.vocabulary.get(t));
            let mut entries: Vec<u32> = entries.flatten().copied().collect();
            if entries.is_empty() {
                // No term has this part any more.
                self.parts.remove(tail);
                self.sources.remove(tail);
                continue;
            }
            distinct(&mut entries);
            self.parts.insert(tail.clone(), entries);
        }
        Some(touched)
    }

    /// After the terms `came_or_went` came or went: each term's splits as they are now, where
    /// they may have changed, and the parts gained or lost; `None` if too many terms changed
    /// for that to beat working every part out anew. A split counts by whether its head (less
    /// a linking `s` or `e`) or its tail is a term, so only a term that begins or ends with a
    /// changed one, or is one, can split otherwise than before.
    fn resplit(&mut self, came_or_went: &[Arc<str>]) -> Option<FxHashSet<String>> {
        let mut touched = FxHashSet::default();
        if came_or_went.is_empty() {
            return Some(touched);
        }
        if came_or_went.len() > RESPLIT_MAX {
            return None;
        }
        let changed = |t: &str| came_or_went.iter().any(|c| t.starts_with(&**c) || t.ends_with(&**c));
        let mut affected: Vec<Arc<str>> = self.vocabulary.keys().filter(|t| changed(t)).cloned().collect();
        affected.extend(came_or_went.iter().filter(|c| !self.vocabulary.contains_key(*c)).cloned());
        for term in affected {
            // Its parts before: the ends of it that list it.
            let was: FxHashSet<&str> = term
                .char_indices()
                .map(|(at, _)| &term[at..])
                .filter(|tail| self.sources.get(*tail).is_some_and(|of| of.contains(&term)))
                .collect();
            let now: FxHashSet<&str> = match self.vocabulary.contains_key(&term) {
                true => tails(&term, &self.vocabulary).collect(),
                false => FxHashSet::default(),
            };
            for &tail in was.difference(&now) {
                if let Some(of) = self.sources.get_mut(tail) {
                    of.retain(|t| *t != term);
                }
                touched.insert(tail.to_string());
            }
            for &tail in now.difference(&was) {
                self.sources.entry(tail.to_string()).or_default().push(term.clone());
                touched.insert(tail.to_string());
            }
        }
        Some(touched)
    }

    /// Every file of the index: anew where the patch touched it, else as it went out.
    fn files(&self, dirty: &Dirty, tails: &Option<FxHashSet<String>>) -> Vec<(String, File<F>)> {
        let shard_dirty: Option<FxHashSet<u32>> = tails.as_ref().map(|tails| {
            dirty.terms.iter().map(|t| format::shard_of(t)).chain(tails.iter().map(|t| format::shard_of(t))).collect()
        });
        let shards = format::shard_files(&self.vocabulary, &self.parts, |key| {
            shard_dirty.as_ref().is_none_or(|d| d.contains(&key))
        });
        let mut out: Vec<(String, File<F>)> = Vec::new();
        let mut fresh: FxHashMap<String, Vec<u8>> =
            shards.into_iter().map(|(key, bytes)| (format::shard_path(key), bytes)).collect();
        fresh.extend(format::chunk_files(&self.entries, dirty.chunks.iter().copied().collect()));
        let keys = self.shard_keys();
        let shard_paths: FxHashSet<String> = keys.iter().map(|&k| format::shard_path(k)).collect();
        // Of what terms came or went, the main file shows only which shards there are.
        let shards_as_were = shard_paths.iter().all(|p| self.files.contains_key(p))
            && self.files.keys().filter(|p| p.starts_with("search/t-")).count() == shard_paths.len();
        if dirty.main || !shards_as_were {
            let (path, bytes) = format::main_file(&self.labels, &self.entries, &keys);
            fresh.insert(path, bytes);
        }
        for (path, bytes) in &self.files {
            let gone = path.starts_with("search/t-") && !shard_paths.contains(path);
            if !gone && !fresh.contains_key(path) {
                out.push((path.clone(), File::Same(bytes.clone())));
            }
        }
        out.extend(fresh.into_iter().map(|(path, bytes)| (path, File::New(bytes))));
        out
    }

    /// The keys of the shards there are: the first letters of all terms and parts.
    fn shard_keys(&self) -> Vec<u32> {
        let keys: BTreeSet<u32> = self
            .vocabulary
            .keys()
            .map(|t| format::shard_of(t))
            .chain(self.parts.keys().map(|t| format::shard_of(t)))
            .collect();
        keys.into_iter().collect()
    }
}
