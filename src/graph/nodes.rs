//! The site graph's data, and what its builders share: each builder (`mod.rs`, `parties.rs`)
//! fills in its part of one `Graph`.

use super::lifecycle::{Lifecycle, Shown};
use crate::diagnostics::{closest, Diagnostic, Pos};
use crate::model::{Document, Party};
use std::collections::{BTreeMap, HashMap};

/// A plan item by position: `model.docs[plan]`, its `item`-th item in document order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ItemRef {
    pub plan: usize,
    pub item: usize,
}

/// How one document states a principle.
#[derive(Clone, Debug)]
pub(crate) struct Statement {
    pub doc: usize,
    pub number: Option<u32>,
    pub wording: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct PrincipleNode {
    pub statements: Vec<Statement>,
    pub items: Vec<ItemRef>,
}

#[derive(Clone, Debug)]
pub(crate) struct Tag {
    pub name: String,
    pub slug: String,
    pub docs: Vec<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Graph {
    /// Per document: the documents whose text links to it.
    pub backlinks: Vec<Vec<usize>>,
    /// Per document: `related` from either side.
    pub related: Vec<Vec<usize>>,
    pub superseded_by: Vec<Option<usize>>,
    /// Per agreement: the plans that carry it out.
    pub plans: Vec<Vec<usize>>,
    /// Per principle document (by index into `model.docs`).
    pub principles: HashMap<usize, PrincipleNode>,
    /// Principle documents in canonical order (by `number`, then title).
    pub principle_order: Vec<usize>,
    pub parties: Vec<PartyNode>,
    pub party_index: HashMap<String, usize>,
    pub tags: BTreeMap<String, Tag>,
    /// Per document: the status a reader sees today (SPEC §2.8).
    pub lifecycle: Vec<Option<Lifecycle>>,
}

impl Graph {
    pub(crate) fn party(&self, id: &str) -> Option<&PartyNode> {
        self.party_index.get(id).map(|&i| &self.parties[i])
    }

    /// What a reader sees as document `i`'s status, if it has one.
    pub(crate) fn shown(&self, i: usize) -> Option<Shown> {
        self.lifecycle.get(i).copied().flatten().map(|l| l.shown)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct PartyNode {
    pub id: String,
    pub details: Party,
    /// The profile document (`parter/<id>.md`), if there is one.
    pub profile: Option<usize>,
    /// Documents that name the party, in site order.
    pub docs: Vec<usize>,
    /// (agreement, responsibility index): its own duties and the shared (`fælles`) ones.
    pub duties: Vec<(usize, usize)>,
    /// Plan items it is responsible for, alone or together with the others.
    pub items: Vec<ItemRef>,
}

/// An unknown id, with the closest known one (or the known ones) as a hint.
pub(super) fn unknown(doc: &Document, pos: Pos, what: &str, id: &str, candidates: Vec<&str>) -> Diagnostic {
    let hint = match closest(id, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if candidates.is_empty() => format!("there is no {what} in this site yet"),
        None => format!("known: {}", candidates.iter().take(12).copied().collect::<Vec<_>>().join(", ")),
    };
    Diagnostic::error(&doc.source, pos, format!("unknown {what} `{id}`")).with_hint(hint)
}
