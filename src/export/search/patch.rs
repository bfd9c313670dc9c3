//! The last index, patched after a save that changed only some documents' bodies. While
//! each changed document keeps its number of entries (no section added or removed), every
//! entry keeps its number: the changed entries' terms move in and out of the posting lists,
//! the compound parts of the terms that moved are worked out again, and only the files
//! those touch are written anew; every other file is the one the last build sent out. When a
//! term comes or goes, the compound parts are worked out anew, and when a document's number
//! of entries changes, the index is built from scratch.

use super::entry::{Entry, Labels, Prepared};
use super::format::{self, CHUNK};
use super::terms::tails;
use bytes::Bytes;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// An index as built, with the files it was sent out as.
pub(super) struct Index {
    pub labels: Labels,
    pub entries: Vec<Entry>,
    /// Each document's first entry.
    pub first: Vec<usize>,
    pub vocabulary: FxHashMap<Arc<str>, Vec<u32>>,
    pub parts: BTreeMap<String, BTreeSet<u32>>,
    /// For each compound part, the terms it is a part of.
    pub sources: FxHashMap<String, Vec<Arc<str>>>,
    /// Each file by path, as it went out.
    pub files: FxHashMap<String, Bytes>,
}

/// A file of the patched index: written anew, or the same as last time.
pub(super) enum File {
    New(Vec<u8>),
    Same(Bytes),
}

/// What a patch changed.
#[derive(Default)]
struct Dirty {
    terms: FxHashSet<Arc<str>>,
    chunks: BTreeSet<usize>,
    main: bool,
    /// A term came or went.
    vocabulary: bool,
}

impl Index {
    /// Patches in the documents `changed`, now `prepared` (all documents, in order), and
    /// returns every file of the index; `None` if the index must be built from scratch.
    pub(super) fn patch(
        &mut self,
        old: &[Arc<Vec<Prepared>>],
        prepared: &[Arc<Vec<Prepared>>],
        changed: &[usize],
    ) -> Option<Vec<(String, File)>> {
        let same_shape = old.len() == prepared.len() && changed.iter().all(|&i| old[i].len() == prepared[i].len());
        if !same_shape || self.first.len() != prepared.len() {
            return None;
        }
        let mut dirty = Dirty::default();
        for &i in changed {
            for (k, (was, now)) in old[i].iter().zip(prepared[i].iter()).enumerate() {
                self.entry(self.first[i] + k, (k > 0).then_some(self.first[i]), (was, now), &mut dirty)?;
            }
        }
        let tails = self.parts_again(&dirty);
        Some(self.files(&dirty, &tails))
    }

    /// Entry `n`, which was `was` and is `now`.
    fn entry(
        &mut self,
        n: usize,
        parent: Option<usize>,
        (was, now): (&Prepared, &Prepared),
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
        for term in was.terms.iter().filter(|t| now.terms.binary_search(t).is_err()) {
            let list = self.vocabulary.get_mut(term)?;
            list.remove(list.binary_search(&n).ok()?);
            if list.is_empty() {
                self.vocabulary.remove(term);
                dirty.vocabulary = true;
            }
            dirty.terms.insert(term.clone());
        }
        for term in now.terms.iter().filter(|t| was.terms.binary_search(t).is_err()) {
            let list = self.vocabulary.entry(term.clone()).or_insert_with(|| {
                dirty.vocabulary = true;
                Vec::new()
            });
            let at = list.binary_search(&n).err()?;
            list.insert(at, n);
            dirty.terms.insert(term.clone());
        }
        Some(())
    }

    /// The compound parts again: all of them when a term came or went (a split counts by
    /// which terms exist), else those of the terms whose entries changed. Returns the parts
    /// worked out again, or `None` for all.
    fn parts_again(&mut self, dirty: &Dirty) -> Option<FxHashSet<String>> {
        if dirty.vocabulary {
            (self.parts, self.sources) = parts_with_sources(&self.vocabulary);
            return None;
        }
        let touched: FxHashSet<String> =
            dirty.terms.iter().flat_map(|t| tails(t, &self.vocabulary).map(str::to_string)).collect();
        for tail in &touched {
            let entries = self.sources.get(tail).into_iter().flatten().filter_map(|t| self.vocabulary.get(t));
            self.parts.insert(tail.clone(), entries.flatten().copied().collect());
        }
        Some(touched)
    }

    /// Every file of the index: anew where the patch touched it, else as it went out.
    fn files(&self, dirty: &Dirty, tails: &Option<FxHashSet<String>>) -> Vec<(String, File)> {
        let shard_dirty: Option<FxHashSet<u32>> = tails.as_ref().map(|tails| {
            dirty.terms.iter().map(|t| format::shard_of(t)).chain(tails.iter().map(|t| format::shard_of(t))).collect()
        });
        let shards = format::shard_files(&self.vocabulary, &self.parts, |key| {
            shard_dirty.as_ref().is_none_or(|d| d.contains(&key))
        });
        let mut out: Vec<(String, File)> = Vec::new();
        let mut fresh: FxHashMap<String, Vec<u8>> =
            shards.into_iter().map(|(key, bytes)| (format::shard_path(key), bytes)).collect();
        fresh.extend(format::chunk_files(&self.entries, dirty.chunks.iter().copied().collect()));
        let keys = self.shard_keys();
        if dirty.main || dirty.vocabulary {
            let (path, bytes) = format::main_file(&self.labels, &self.entries, &keys);
            fresh.insert(path, bytes);
        }
        let shard_paths: FxHashSet<String> = keys.iter().map(|&k| format::shard_path(k)).collect();
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

/// Each compound part with the entries of the terms it is a part of.
type Parts = BTreeMap<String, BTreeSet<u32>>;

/// [`super::terms::compound_parts`], and for each part the terms it is a part of.
pub(super) fn parts_with_sources(
    vocabulary: &FxHashMap<Arc<str>, Vec<u32>>,
) -> (Parts, FxHashMap<String, Vec<Arc<str>>>) {
    let mut parts: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut sources: FxHashMap<String, Vec<Arc<str>>> = FxHashMap::default();
    for (term, entries) in vocabulary {
        for tail in tails(term, vocabulary) {
            parts.entry(tail.to_string()).or_default().extend(entries);
            sources.entry(tail.to_string()).or_default().push(term.clone());
        }
    }
    (parts, sources)
}
