//! The index for a build that keeps nothing for the next (`build`): documents are prepared a
//! slice at a time and numbered at once, each snippet file goes out as soon as its entries
//! are numbered, and their text is dropped then. So a build never holds every entry's terms
//! and snippets at once (at 10,000 documents they were half of its memory). The files are
//! the same, byte for byte, as those of an index built whole.

use super::entry::{Draft, Labels, Numbered, Prepared};
use super::format::{self, CHUNK};
use super::patch::Index;
use super::prepare::{document, others};
use super::terms::compound_parts;
use super::terms::{Keys, Order};
use crate::diagnostics::Diagnostic;
use crate::site::Ctx;
use rayon::prelude::*;
use std::sync::Mutex;

/// Documents prepared at once: enough to keep both cores busy, few enough that their terms
/// are a small part of the build's memory.
const SLICE: usize = 256;

/// Sends one file of the index out.
pub(super) type Put<'a> = &'a (dyn Fn(String, Vec<u8>) -> Result<(), Diagnostic> + Sync);

/// Every file of the index to `put`; returns the index, its entries without their address
/// and text, and no files.
pub(super) fn send(ctx: &Ctx, put: Put) -> Result<Index<()>, Diagnostic> {
    let pool = Pool::default();
    let mut numbered = Numbered::new(Labels::new(ctx));
    let mut sent = 0;
    let n = ctx.model.docs.len();
    let mut first = Vec::with_capacity(n);
    for start in (0..n).step_by(SLICE) {
        let groups: Vec<Vec<Prepared>> = (start..(start + SLICE).min(n))
            .into_par_iter()
            .map_init(|| pool.lease(), |keys, i| prepare(document(ctx, i), keys.get()))
            .collect();
        add(&mut numbered, groups, &mut first);
        sent = send_chunks(&mut numbered, sent, false, put)?;
    }
    let others_from = numbered.entries.len();
    let mut keys = pool.lease();
    add(&mut numbered, others(ctx).into_iter().map(|group| prepare(group, keys.get())).collect(), &mut Vec::new());
    send_chunks(&mut numbered, sent, true, put)?;
    let (parts, sources) = compound_parts(&numbered.vocabulary);
    let keys = format::send_shards(&numbered.vocabulary, &parts, |key, bytes| put(format::shard_path(key), bytes))?;
    let (path, main) = format::main_file(&numbered.labels, &numbered.entries, &keys);
    put(path, main)?;
    let Numbered { labels, entries, vocabulary } = numbered;
    Ok(Index { labels, entries, first, others_from, vocabulary, parts, sources, files: Default::default() })
}

fn prepare(drafts: Vec<Draft>, keys: &mut Keys) -> Vec<Prepared> {
    // Numbered at once and dropped: nothing looks their terms up later.
    drafts.into_iter().map(|d| d.prepare(keys, Order::AsFound)).collect()
}

/// Numbers `groups` after the last, each group's first entry into `first`.
fn add(numbered: &mut Numbered, groups: Vec<Vec<Prepared>>, first: &mut Vec<usize>) {
    for group in groups {
        first.push(numbered.entries.len());
        numbered.add(group.into_iter().map(|p| (p.entry, p.status, p.terms)));
    }
}

/// Sends the snippet files from chunk `sent` on whose entries are all numbered (`last`: the
/// one not full too) and empties those entries' text and address; returns the next chunk to send.
fn send_chunks(numbered: &mut Numbered, sent: usize, last: bool, put: Put) -> Result<usize, Diagnostic> {
    let len = numbered.entries.len();
    let ready = if last { len.div_ceil(CHUNK) } else { len / CHUNK };
    let entries = &numbered.entries;
    (sent..ready).into_par_iter().try_for_each(|k| {
        let (path, bytes) = format::chunk_file(k, &entries[k * CHUNK..((k + 1) * CHUNK).min(len)]);
        put(path, bytes)
    })?;
    for e in &mut numbered.entries[sent * CHUNK..(ready * CHUNK).min(len)] {
        // The main file needs neither.
        e.text = String::new();
        e.url = String::new();
    }
    Ok(ready.max(sent))
}

/// Stemmers with what they have learnt, handed from one slice to the next: a new one per
/// slice would stem the site's common words again each time.
#[derive(Default)]
struct Pool(Mutex<Vec<Keys>>);

struct Lease<'a> {
    keys: Option<Keys>,
    pool: &'a Pool,
}

impl Pool {
    fn lease(&self) -> Lease<'_> {
        let keys = self.0.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_else(Keys::new);
        Lease { keys: Some(keys), pool: self }
    }
}

impl Lease<'_> {
    fn get(&mut self) -> &mut Keys {
        self.keys.get_or_insert_with(Keys::new)
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(keys) = self.keys.take() {
            self.pool.0.lock().unwrap_or_else(|e| e.into_inner()).push(keys);
        }
    }
}
