//! The search index as `build` keeps it in its cache beside the output, so that a rebuild
//! after an edit of bodies alone patches it ([`super::patch`]), as `serve` patches the one it
//! keeps in memory, instead of stemming every document's text again (two thirds of such a
//! rebuild at 10,000 documents). It keeps neither the entries' addresses and texts (the few
//! snippet files a patch writes get them from the documents again) nor the files' bytes:
//! of each file, what the cache keeps of a page ([`KeptPage`]), so an unchanged one is
//! linked from the last output.

use super::entry::{Entry, EntryKind, Labels, Prepared, Standing};
use super::packed::{Packed, Unpacked};
use super::patch::{Change, File, Index};
use super::prepare::{document, others};
use super::stream;
use super::terms::{distinct, Keys, Order, Parts};
use crate::diagnostics::Diagnostic;
use crate::memo::pages::{keep, linkable, send_kept, KeptPage};
use crate::memo::spill::Spill;
use crate::memo::stage::Key;
use crate::sink::Emit;
use crate::site::Ctx;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What `build`'s cache holds of the index: its state, in a file of its own (read only by a
/// rebuild that patches it), and its files as they went out (none: nothing to patch).
pub(crate) struct OnDisk {
    pub state: Spill,
    pub files: Vec<(String, KeptPage)>,
    /// The state being read on a thread of its own ([`OnDisk::read_ahead`]).
    ahead: Option<std::thread::JoinHandle<Option<State>>>,
    /// The index this build wrote, freed with the memo rather than on the build's path
    /// (`build` leaves the memo unfreed as the process ends).
    written: Option<Index<KeptPage>>,
}

impl OnDisk {
    pub(crate) fn new(state: Spill, files: Vec<(String, KeptPage)>) -> OnDisk {
        OnDisk { state, files, ahead: None, written: None }
    }

    /// Starts reading the state on a thread of its own, for a build likely to patch it: read
    /// while the stages before the pages run, mostly on one core, instead of after them.
    pub(crate) fn read_ahead(&mut self) {
        if self.ahead.is_none() && !self.files.is_empty() {
            let spill = self.state.clone();
            let reading = std::thread::Builder::new().name("aftalebog-search".into()).spawn(move || spill.read_one());
            // Without a thread to be had, the state is read when the patch needs it.
            self.ahead = reading.ok();
        }
    }

    /// Waits for a state being read ahead, if one is, and drops it: the build will not patch it.
    pub(crate) fn forget_ahead(&mut self) {
        if let Some(reading) = self.ahead.take() {
            let _ = reading.join();
        }
    }

    /// The state as read ahead, or read now.
    fn read(&mut self) -> Option<State> {
        match self.ahead.take() {
            Some(reading) => reading.join().ok().flatten(),
            None => self.state.read_one::<State>(),
        }
    }
}

impl Drop for OnDisk {
    /// A read still running is waited for: nothing of a build goes on after it.
    fn drop(&mut self) {
        self.forget_ahead();
    }
}

/// [`State`] as written, borrowed from the index: entries and terms are written as they
/// are walked, never gathered into lists of their own.
#[derive(serde::Serialize)]
struct StateRef<'a> {
    others: Key,
    statuses: Vec<(&'a str, &'a str, u8)>,
    entries: Entries<'a>,
    first: &'a [usize],
    others_from: usize,
    vocabulary: Lists<'a, FxHashMap<Arc<str>, Vec<u32>>>,
    parts: Lists<'a, Parts>,
    /// Each compound part with the terms it is a part of, by their place in `vocabulary`.
    sources: Vec<(&'a str, Packed)>,
}

/// Each entry's title, kind, status and parent.
struct Entries<'a>(&'a [Entry]);

impl serde::Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|e| (e.title.as_str(), e.kind.number() as u8, e.status, e.parent)))
    }
}

/// Each term (or compound part) with its entries, each list packed only as it is written.
struct Lists<'a, M>(&'a M);

impl<'a, M, T> serde::Serialize for Lists<'a, M>
where
    &'a M: IntoIterator<Item = (&'a T, &'a Vec<u32>)>,
    T: AsRef<str> + 'a,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.into_iter().map(|(t, list)| (t.as_ref(), Packed::of(list))))
    }
}

/// An index's state as read back; see [`StateRef`].
#[derive(serde::Deserialize)]
struct State {
    others: Key,
    statuses: Vec<(String, String, u8)>,
    entries: Vec<(String, u8, usize, Option<usize>)>,
    first: Vec<usize>,
    others_from: usize,
    vocabulary: Vec<(String, Unpacked)>,
    parts: Vec<(String, Unpacked)>,
    sources: Vec<(String, Unpacked)>,
}

/// Sends the index into `emit`: patched from `kept` when only the bodies of the documents
/// `changed` did change and it can be, else streamed anew. Leaves this build's index in
/// `kept`, and returns whether it was patched.
pub(super) fn send(
    ctx: &Ctx,
    emit: &Emit,
    folder: &Path,
    kept: &mut OnDisk,
    changed: Option<&[usize]>,
) -> Result<bool, Diagnostic> {
    let others = others_key(&others(ctx));
    let last = std::mem::take(&mut kept.files);
    if let Some(changed) = changed.filter(|_| !last.is_empty()) {
        let state = kept.read();
        if let Some((index, files)) = patched(ctx, emit, (folder, state, last), changed, others)? {
            kept.files = kept_if(write(&kept.state, &index, others), files);
            kept.written = Some(index);
            return Ok(true);
        }
    }
    kept.forget_ahead();
    let files = Mutex::new(Vec::new());
    let put = |path: String, bytes: Vec<u8>| {
        let sent = emit.put(path.clone(), bytes)?;
        let file = keep(Some(folder), &path, &sent);
        files.lock().unwrap_or_else(|e| e.into_inner()).push((path, file));
        Ok(())
    };
    let index = stream::send(ctx, &put)?;
    kept.files = kept_if(write(&kept.state, &index, others), files.into_inner().unwrap_or_else(|e| e.into_inner()));
    Ok(false)
}

/// The files, if the state they go with was written; else none, so the next build has
/// nothing to patch.
fn kept_if(written: bool, files: Vec<(String, KeptPage)>) -> Vec<(String, KeptPage)> {
    if written {
        files
    } else {
        Vec::new()
    }
}

/// The key of the entries after the documents' (parties without a profile, terms), drafted.
pub(super) fn others_key(drafts: &[Vec<super::entry::Draft>]) -> Key {
    let mut h = crate::memo::stage::Hasher::new();
    drafts.iter().for_each(|g| {
        h.key(super::entry::drafts_key(g));
    });
    h.finish()
}

/// A patched index and its files as they went out.
type Patched = (Index<KeptPage>, Vec<(String, KeptPage)>);

/// The last index with the documents `changed` patched in, sent out; `None` (and nothing
/// sent) if it cannot be: its state unreadable or of other documents, a file of it no
/// longer as it went out, an entry added or removed, or the statuses listed otherwise.
fn patched(
    ctx: &Ctx,
    emit: &Emit,
    (folder, state, files): (&Path, Option<State>, Vec<(String, KeptPage)>),
    changed: &[usize],
    others: Key,
) -> Result<Option<Patched>, Diagnostic> {
    let n = ctx.model.docs.len();
    if !files.par_iter().all(|(_, file)| linkable(Some(folder), file).is_some()) {
        return Ok(None);
    }
    let restored = state.and_then(|state| restore(ctx, state, files, others));
    let Some(mut index) = restored.filter(|i| i.first.len() == n) else { return Ok(None) };
    let now: Vec<Vec<Prepared>> = changed
        .par_iter()
        .map_init(Keys::new, |keys, &i| document(ctx, i).into_iter().map(|d| d.prepare(keys, Order::Sorted)).collect())
        .collect();
    let ends = |i: usize| index.first[i]..index.first.get(i + 1).copied().unwrap_or(index.others_from);
    let was = terms_of(&index, &changed.iter().map(|&i| ends(i)).collect::<Vec<_>>());
    let changes: Vec<Change> = (changed.iter().zip(&was).zip(&now))
        .map(|((&doc, was), now)| Change { doc, was: was.iter().map(Vec::as_slice).collect(), now })
        .collect();
    let (first, others_from) = (index.first.clone(), index.others_from);
    let texts = |range: Range<usize>| entry_texts(ctx, (&first, others_from), range);
    let Some(files) = index.patch(n, &changes, Some(&texts)) else { return Ok(None) };
    if !statuses_in_order(&index) {
        return Ok(None);
    }
    let mut kept = Vec::with_capacity(files.len());
    for (path, file) in files {
        let file = match file {
            File::New(bytes) => keep(Some(folder), &path, &emit.put(path.clone(), bytes)?),
            File::Same(file) => {
                send_kept(emit, Some(folder), (&path, &file), true)?;
                file
            }
        };
        kept.push((path, file));
    }
    Ok(Some((index, kept)))
}

/// For each of `ranges` (a document's entries), each entry's terms, sorted, as the index has them.
fn terms_of<F>(index: &Index<F>, ranges: &[Range<usize>]) -> Vec<Vec<Vec<Arc<str>>>> {
    let mut out: Vec<Vec<Vec<Arc<str>>>> = ranges.iter().map(|r| vec![Vec::new(); r.len()]).collect();
    for (term, list) in &index.vocabulary {
        for (r, terms) in ranges.iter().zip(&mut out) {
            let from = list.partition_point(|&n| (n as usize) < r.start);
            for &n in list[from..].iter().take_while(|&&n| (n as usize) < r.end) {
                terms[n as usize - r.start].push(term.clone());
            }
        }
    }
    out.iter_mut().flatten().for_each(|terms| terms.sort_unstable());
    out
}

/// The address and text of the entries in `range`, from the documents (each one's first
/// entry in `first`) and the entries after them, from `others_from` on. Short of `range`
/// if a document no longer has the entries the index numbered.
fn entry_texts(ctx: &Ctx, (first, others_from): (&[usize], usize), range: Range<usize>) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(range.len());
    let mut n = range.start;
    let mut doc = first.partition_point(|&f| f <= n).saturating_sub(1);
    while n < range.end.min(others_from) && doc < first.len() {
        let end = first.get(doc + 1).copied().unwrap_or(others_from).min(range.end);
        let before = out.len();
        let drafts = document(ctx, doc).into_iter().skip(n - first[doc]).take(end - n);
        out.extend(drafts.map(|d| (d.entry.url, d.entry.text)));
        if out.len() - before != end - n {
            return out;
        }
        (n, doc) = (end, doc + 1);
    }
    if n < range.end && n >= others_from {
        let rest = others(ctx).into_iter().flatten().skip(n - others_from).take(range.end - n);
        out.extend(rest.map(|d| (d.entry.url, d.entry.text)));
    }
    out
}

/// Whether the statuses are listed in the order the entries first show them, each shown:
/// as an index built anew lists them.
fn statuses_in_order<F>(index: &Index<F>) -> bool {
    let mut next = 1;
    for e in &index.entries {
        match e.status {
            s if s == next => next += 1,
            s if s > next => return false,
            _ => {}
        }
    }
    next == index.labels.statuses.len()
}

/// The index `state` describes, with its files as they went out; `None` if the state does
/// not hold together or the entries after the documents' changed.
fn restore(ctx: &Ctx, state: State, files: Vec<(String, KeptPage)>, others: Key) -> Option<Index<KeptPage>> {
    if state.others != others {
        return None;
    }
    let mut labels = Labels::new(ctx);
    let statuses = state.statuses.into_iter().map(|(c, l, s)| Some((c, Cow::Owned(l), Standing::from_number(s)?)));
    labels.statuses = statuses.collect::<Option<_>>()?;
    let len = state.entries.len();
    let entries = state.entries.into_iter().map(|(title, kind, status, parent)| {
        let kind = EntryKind::from_number(kind.into())?;
        let fits = status < labels.statuses.len() && parent.is_none_or(|p| p < len);
        fits.then(|| Entry { title, kind, url: String::new(), text: String::new(), parent, status })
    });
    let entries: Vec<Entry> = entries.collect::<Option<_>>()?;
    let ascending = state.first.windows(2).all(|w| w[0] < w[1]) && state.first.last().is_none_or(|&f| f < len);
    let postings_fit = state.vocabulary.iter().all(|(_, list)| list.0.iter().all(|&n| (n as usize) < len));
    if !ascending || !postings_fit || state.others_from > len {
        return None;
    }
    let terms: Vec<Arc<str>> = state.vocabulary.iter().map(|(t, _)| Arc::from(t.as_str())).collect();
    let vocabulary = terms.iter().cloned().zip(state.vocabulary.into_iter().map(|(_, list)| list.0)).collect();
    let parts = state.parts.into_iter().map(|(p, Unpacked(mut list))| {
        // As written, unless the file was changed: patching and the shards need them so.
        distinct(&mut list);
        (p, list)
    });
    let parts = parts.collect();
    let sources = state.sources.into_iter().map(|(p, of)| {
        let of: Option<Vec<Arc<str>>> = of.0.into_iter().map(|t| terms.get(t as usize).cloned()).collect();
        Some((p, of?))
    });
    let sources = sources.collect::<Option<_>>()?;
    let files = files.into_iter().collect();
    Some(Index {
        labels,
        entries,
        first: state.first,
        others_from: state.others_from,
        vocabulary,
        parts,
        sources,
        files,
    })
}

/// Writes `index`'s state as [`restore`] reads it, `others` the key of the entries after the
/// documents'; whether it was written.
fn write<F>(spill: &Spill, index: &Index<F>, others: Key) -> bool {
    // The terms' places in the order they are written: a map not changed meanwhile is
    // walked in the same order.
    let place: FxHashMap<&str, u32> = index.vocabulary.keys().enumerate().map(|(i, t)| (&**t, i as u32)).collect();
    let sources = index.sources.iter().map(|(p, of)| {
        let of: Option<Vec<u32>> = of.iter().map(|t| place.get(&**t).copied()).collect();
        Some((p.as_str(), Packed::of(&of?)))
    });
    let Some(sources) = sources.collect::<Option<_>>() else { return false };
    let state = StateRef {
        others,
        statuses: index.labels.statuses.iter().map(|(c, l, s)| (c.as_str(), &**l, u8::from(*s))).collect(),
        entries: Entries(&index.entries),
        first: &index.first,
        others_from: index.others_from,
        vocabulary: Lists(&index.vocabulary),
        parts: Lists(&index.parts),
        sources,
    };
    spill.write_one(&state)
}
