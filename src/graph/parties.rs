//! Parties across the site: one party per id, however many documents name it. Its details
//! come from its profile in `parter/`, else from the fullest inline declaration; other
//! declarations that disagree are warned about, since readers would see two truths.

use super::nodes::{unknown, Graph, ItemRef, PartyNode};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Pos};
use crate::model::{Document, Model, Party, Responsible};
use std::collections::BTreeMap;

struct Declaration<'a> {
    doc: usize,
    pos: Pos,
    party: &'a Party,
}

pub(super) fn build(model: &Model, g: &mut Graph, diags: &mut Diagnostics) {
    let mut decls: BTreeMap<&str, Vec<Declaration>> = BTreeMap::new();
    let mut profiles: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, doc) in model.docs.iter().enumerate() {
        if let Some(p) = doc.party() {
            profiles.insert(doc.id.as_str(), i);
            decls
                .entry(doc.id.as_str())
                .or_default()
                .insert(0, Declaration { doc: i, pos: doc.locator.start(), party: p });
        }
        for r in &doc.parties {
            if let Some(p) = &r.inline {
                decls.entry(r.id.as_str()).or_default().push(Declaration { doc: i, pos: r.pos, party: p });
            }
        }
    }
    for (id, ds) in &decls {
        let node = node(model, id, ds, profiles.get(id).copied(), diags);
        g.party_index.insert(node.id.clone(), g.parties.len());
        g.parties.push(node);
    }
    let known: Vec<&str> = decls.keys().copied().collect();
    for (i, doc) in model.docs.iter().enumerate() {
        link_document(g, i, doc, &known, diags);
    }
    g.parties.sort_by_key(|p| (p.details.name.to_lowercase(), p.id.clone()));
    g.party_index = g.parties.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
}

fn node(model: &Model, id: &str, ds: &[Declaration], profile: Option<usize>, diags: &mut Diagnostics) -> PartyNode {
    let chosen = profile.unwrap_or_else(|| {
        ds.iter().max_by_key(|d| (d.party.fullness(), std::cmp::Reverse(d.doc))).map_or(0, |d| d.doc)
    });
    let source = ds.iter().find(|d| d.doc == chosen).unwrap_or(&ds[0]);
    let mut details = source.party.clone();
    details.id = id.to_string();
    if details.name.trim().is_empty() {
        details.name =
            ds.iter().map(|d| d.party.name.clone()).find(|n| !n.trim().is_empty()).unwrap_or_else(|| id.to_string());
    }
    for d in ds.iter().filter(|d| d.doc != source.doc) {
        if let Some(field) = conflict(&details, d.party) {
            let origin = display_path(&model.docs[source.doc].source);
            diags.push(
                Diagnostic::warning(
                    &model.docs[d.doc].source,
                    d.pos,
                    format!("party `{id}`: `{field}` differs from {origin}"),
                )
                .with_hint(
                    "write the party's details once, in its profile content/parter/<id>.md, and name it here by id",
                ),
            );
        }
    }
    PartyNode { id: id.to_string(), details, profile, docs: Vec::new(), duties: Vec::new(), items: Vec::new() }
}

/// The first field both declarations fill in with different values.
fn conflict(a: &Party, b: &Party) -> Option<&'static str> {
    let differs = |x: &Option<String>, y: &Option<String>| matches!((x, y), (Some(x), Some(y)) if x.trim() != y.trim());
    if !b.name.is_empty() && a.name.trim() != b.name.trim() {
        return Some("name");
    }
    [
        ("short", &a.short, &b.short),
        ("address", &a.address, &b.address),
        ("cvr", &a.cvr, &b.cvr),
        ("phone", &a.phone, &b.phone),
        ("email", &a.email, &b.email),
        ("url", &a.url, &b.url),
    ]
    .into_iter()
    .find(|(_, x, y)| differs(x, y))
    .map(|(name, _, _)| name)
}

fn link_document(g: &mut Graph, i: usize, doc: &Document, known: &[&str], diags: &mut Diagnostics) {
    let mut own: Vec<usize> = Vec::new();
    for r in &doc.parties {
        match g.party_index.get(&r.id) {
            Some(&p) => {
                own.push(p);
                g.parties[p].docs.push(i);
            }
            None => diags.push(unknown_party(doc, r.pos, &r.id, known)),
        }
    }
    if let Some(a) = doc.agreement() {
        for (k, resp) in a.responsibilities.iter().enumerate() {
            for p in who(g, &resp.who, &own, doc, resp.pos, known, diags) {
                g.parties[p].duties.push((i, k));
            }
        }
    }
    if let Some(plan) = doc.plan() {
        for (k, item) in plan.items().enumerate() {
            for who_ in &item.responsible {
                for p in who(g, who_, &own, doc, item.pos, known, diags) {
                    g.parties[p].items.push(ItemRef { plan: i, item: k });
                }
            }
        }
    }
}

/// The parties a duty or item falls to: one, or for `fælles` all of the document's parties.
fn who(
    g: &Graph,
    w: &Responsible,
    own: &[usize],
    doc: &Document,
    pos: Pos,
    known: &[&str],
    diags: &mut Diagnostics,
) -> Vec<usize> {
    match w {
        Responsible::Faelles => own.to_vec(),
        Responsible::Party(id) => match g.party_index.get(id) {
            Some(&p) => vec![p],
            None => {
                let pos = doc.locator.value(id, None).unwrap_or(pos);
                diags.push(unknown_party(doc, pos, id, known));
                Vec::new()
            }
        },
    }
}

fn unknown_party(doc: &Document, pos: Pos, id: &str, known: &[&str]) -> Diagnostic {
    let d = unknown(doc, pos, "party", id, known.to_vec());
    if d.hint.as_deref().is_some_and(|h| h.starts_with("did you mean")) {
        return d;
    }
    d.with_hint(format!("declare it in this document's `parties:` with `id`, `name` …, or add content/parter/{id}.md (`fælles` means all parties)"))
}
