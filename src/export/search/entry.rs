//! What the index holds about each entry (a document, section, party or plan item) besides
//! its terms: title, kind, address, snippet text, parent and status, and the label lists that
//! kinds and statuses are numbers into; and an entry as prepared, with its terms, before the
//! index numbers it.

use super::terms::{Keys, Order};
use crate::memo::stage::{Hasher, Key};
use crate::model::Kind;
use crate::site::Ctx;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::Arc;

/// What an entry is, as the results list names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum EntryKind {
    Doc(Kind),
    /// A section of a long document, linking to its heading.
    Section,
    /// A plan item, linking to its anchor in the plan.
    Item,
    /// A defined term, linking to its definition on `begreber.html`.
    Term,
}

impl EntryKind {
    /// The kinds in the order of the index's `kinds` list.
    const ALL: [EntryKind; 9] = [
        EntryKind::Doc(Kind::Agreement),
        EntryKind::Doc(Kind::Plan),
        EntryKind::Doc(Kind::Principle),
        EntryKind::Doc(Kind::Document),
        EntryKind::Doc(Kind::Party),
        EntryKind::Doc(Kind::Index),
        EntryKind::Section,
        EntryKind::Item,
        EntryKind::Term,
    ];

    pub(super) fn number(self) -> usize {
        EntryKind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    pub(super) fn from_number(n: usize) -> Option<EntryKind> {
        EntryKind::ALL.get(n).copied()
    }

    pub(super) fn label(self, ctx: &Ctx) -> &'static str {
        match self {
            EntryKind::Doc(k) => ctx.kind_label(k),
            EntryKind::Section => ctx.t.kind_section,
            EntryKind::Item => ctx.t.kind_item,
            EntryKind::Term => ctx.t.kind_term,
        }
    }
}

/// How a status ranks: documents in force first, then drafts and coming ones, then those a
/// reader should no longer rely on (expired, superseded, archived).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(into = "u8")]
pub enum Standing {
    Current,
    Pending,
    Past,
}

impl From<Standing> for u8 {
    fn from(s: Standing) -> u8 {
        s as u8
    }
}

impl Standing {
    pub(super) fn from_number(n: u8) -> Option<Standing> {
        [Standing::Current, Standing::Pending, Standing::Past].get(usize::from(n)).copied()
    }
}

/// A status as the index lists it: the pill's CSS classes, label, standing. The label is
/// the build's own, or one read back from `build`'s cache ([`super::saved`]).
pub(super) type StatusRow = (String, Cow<'static, str>, Standing);

#[derive(Clone)]
pub(super) struct Entry {
    pub title: String,
    pub kind: EntryKind,
    pub url: String,
    /// The text snippets are cut from.
    pub text: String,
    pub parent: Option<usize>,
    /// Position in `Labels::statuses`; 0 is none.
    pub status: usize,
}

/// The index's lists of labels, which entries refer to by position.
#[derive(PartialEq)]
pub(super) struct Labels {
    pub kinds: Vec<&'static str>,
    pub statuses: Vec<StatusRow>,
}

impl Labels {
    pub(super) fn new(ctx: &Ctx) -> Labels {
        Labels {
            kinds: EntryKind::ALL.iter().map(|k| k.label(ctx)).collect(),
            statuses: vec![(String::new(), Cow::Borrowed(""), Standing::Current)],
        }
    }

    pub(super) fn status(&mut self, row: Option<StatusRow>) -> usize {
        let Some(row) = row else { return 0 };
        match self.statuses.iter().position(|s| s.0 == row.0 && s.2 == row.2) {
            Some(n) => n,
            None => {
                self.statuses.push(row);
                self.statuses.len() - 1
            }
        }
    }
}

/// An entry before numbering: its status row and its terms (title and text, no repeats; in
/// the order it was prepared with).
pub(super) struct Prepared {
    pub entry: Entry,
    pub status: Option<StatusRow>,
    pub terms: Vec<Arc<str>>,
}

/// An entry with the text it is found by, before stemming: what its terms are made from, so
/// that a document whose drafts are the last build's has the last build's terms too.
pub(super) struct Draft {
    pub entry: Entry,
    pub status: Option<StatusRow>,
    pub found_by: String,
}

impl Draft {
    pub(super) fn new(entry: Entry, status: Option<StatusRow>, found_by: String) -> Draft {
        Draft { entry, status, found_by }
    }

    pub(super) fn prepare(self, keys: &mut Keys, order: Order) -> Prepared {
        let terms = keys.distinct_terms(&[&self.entry.title, &self.found_by], order);
        Prepared { entry: self.entry, status: self.status, terms }
    }
}

/// The key of a group of drafts: everything its entries are, show and are found by.
pub(super) fn drafts_key(drafts: &[Draft]) -> Key {
    let mut h = Hasher::new();
    for d in drafts {
        let e = &d.entry;
        h.field(e.title.as_bytes()).field(&[e.kind.number() as u8]).field(e.url.as_bytes()).field(e.text.as_bytes());
        match &d.status {
            Some((classes, label, standing)) => {
                h.field(classes.as_bytes()).field(label.as_bytes()).field(&[*standing as u8 + 1]);
            }
            None => {
                h.field(&[0]);
            }
        }
        h.field(d.found_by.as_bytes());
    }
    h.finish()
}

/// Each term with the entries it is in, ascending.
pub(super) type Vocabulary = FxHashMap<Arc<str>, Vec<u32>>;

/// Entries numbered in order, each group's first entry the parent of the rest; and every
/// term with the entries it is in, ascending. A hash map: the site has tens of thousands of
/// terms and millions of postings, and the order only matters once, when it is written.
pub(super) struct Numbered {
    pub labels: Labels,
    pub entries: Vec<Entry>,
    pub vocabulary: Vocabulary,
}

impl Numbered {
    pub(super) fn new(labels: Labels) -> Numbered {
        Numbered { labels, entries: Vec::new(), vocabulary: FxHashMap::default() }
    }

    /// One group's entries, with their status rows and terms, numbered after the last group's.
    pub(super) fn add<T: AsRef<[Arc<str>]>>(&mut self, group: impl Iterator<Item = (Entry, Option<StatusRow>, T)>) {
        let first = self.entries.len();
        for (k, (mut entry, status, terms)) in group.enumerate() {
            entry.parent = (k > 0).then_some(first);
            entry.status = self.labels.status(status);
            let n = self.entries.len() as u32;
            for term in terms.as_ref() {
                // Looked up first: most terms are known, and a key handed to `entry` is a
                // reference count taken and given back.
                match self.vocabulary.get_mut(term) {
                    Some(postings) => postings.push(n),
                    None => {
                        self.vocabulary.insert(term.clone(), vec![n]);
                    }
                }
            }
            self.entries.push(entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_number() {
        for (n, k) in EntryKind::ALL.iter().enumerate() {
            assert_eq!(k.number(), n);
        }
    }
}
