//! The site graph's data, and what its builders share: each builder (`mod.rs`, `parties.rs`)
//! fills in its part of one `Graph`.

use super::lifecycle::{Lifecycle, Shown};
use crate::diagnostics::{closest, Diagnostic, Pos};
use crate::model::{Document, Model, Party};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A plan item by position: `model.docs[plan]`, its `item`-th item in document order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct ItemRef {
    pub plan: usize,
    pub item: usize,
}

/// How one document states a principle.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Statement {
    pub doc: usize,
    pub number: Option<u32>,
    pub wording: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct PrincipleNode {
    pub statements: Vec<Statement>,
    pub items: Vec<ItemRef>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Tag {
    pub name: String,
    pub slug: String,
    pub docs: Vec<usize>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
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
    /// Whether every place it names is one of `model`'s: a graph read back from `build`'s
    /// cache is used only if so, so a damaged one means a graph made anew, never a bad index.
    pub(crate) fn fits(&self, model: &Model) -> bool {
        let n = model.docs.len();
        let doc = |i: &usize| *i < n;
        let items: Vec<usize> = (model.docs.iter())
            .map(|d| d.plan().map_or(0, |p| p.sections.iter().map(|s| s.items.len()).sum()))
            .collect();
        let item = |r: &ItemRef| items.get(r.plan).is_some_and(|&count| r.item < count);
        let duty = |&(a, r): &(usize, usize)| {
            model.docs.get(a).and_then(|d| d.agreement()).is_some_and(|a| r < a.responsibilities.len())
        };
        let lists = [self.backlinks.len(), self.related.len(), self.superseded_by.len(), self.plans.len()];
        let party = |p: &PartyNode| {
            p.profile.is_none_or(|i| i < n)
                && p.docs.iter().all(doc)
                && p.duties.iter().all(duty)
                && p.items.iter().all(item)
        };
        let principle = |(at, p): (&usize, &PrincipleNode)| {
            *at < n && p.statements.iter().all(|s| s.doc < n) && p.items.iter().all(item)
        };
        lists.iter().chain([&self.lifecycle.len()]).all(|&len| len == n)
            && self.backlinks.iter().chain(&self.related).chain(&self.plans).flatten().all(doc)
            && self.superseded_by.iter().flatten().all(doc)
            && self.lifecycle.iter().flatten().all(|l| l.superseded_by.is_none_or(|i| i < n))
            && self.principles.iter().all(principle)
            && self.principle_order.iter().all(doc)
            && self.parties.iter().all(party)
            && self.party_index.values().all(|&i| i < self.parties.len())
            && self.tags.values().all(|t| t.docs.iter().all(doc))
    }

    pub(crate) fn party(&self, id: &str) -> Option<&PartyNode> {
        self.party_index.get(id).map(|&i| &self.parties[i])
    }

    /// What a reader sees as document `i`'s status, if it has one.
    pub(crate) fn shown(&self, i: usize) -> Option<Shown> {
        self.lifecycle.get(i).copied().flatten().map(|l| l.shown)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
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
