//! Site graph: who links to whom. Backlinks, `related` both ways, supersession, agreement ↔
//! plans, principle ↔ documents ↔ plan items, party ↔ documents ↔ duties ↔ plan items, and
//! tags. Every reference by id is checked here, with the closest existing id as a hint.

pub(crate) mod lifecycle;
mod nodes;
mod parties;

pub(crate) use lifecycle::Shown;
pub(crate) use nodes::{Graph, ItemRef, PrincipleNode, Statement, Tag};

use nodes::unknown;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::memo::stage::{Hasher, Key};
use crate::model::{Kind, Model};
use crate::render::SiteHtml;
use crate::slug::slugify;

/// The last build's graph, under the key of everything it was made from, with what it found.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Kept {
    key: Key,
    graph: std::sync::Arc<Graph>,
    found: Vec<Diagnostic>,
    /// Made by this process, not read back from `build`'s cache: it fits the model it was
    /// made from by construction, and the cache has it not yet.
    #[serde(skip)]
    pub made: bool,
}

/// [`build`], or the last build's graph if nothing it reads changed: every source's front
/// matter and place (`shape`, see [`crate::memo::reach`]), the day, the model's documents
/// and which documents each of them links to. A save that changes a body's words and not its links keeps it.
pub(crate) fn build_with(
    model: &Model,
    html: &SiteHtml,
    (today, shape): (Date, Key),
    kept: &mut Option<Kept>,
    diags: &mut Diagnostics,
) -> std::sync::Arc<Graph> {
    use rayon::prelude::*;
    // The documents in the model's order (drafts may be in or out): the graph refers to them
    // by their place.
    let each: Vec<Key> = (model.docs.par_iter().zip(&html.docs))
        .map(|(doc, d)| {
            let mut h = Hasher::new();
            h.field(doc.source.as_os_str().as_encoded_bytes());
            for link in d.fragments().flat_map(|f| f.links.iter()) {
                h.field(link.id.as_bytes());
            }
            h.finish()
        })
        .collect();
    let mut h = Hasher::new();
    h.key(shape).field(today.to_string().as_bytes());
    each.iter().for_each(|&k| {
        h.key(k);
    });
    let key = h.finish();
    // Only a graph read back is checked: under `serve` the kept one is this process's own.
    if let Some(k) = kept.as_ref().filter(|k| k.key == key && (k.made || k.graph.fits(model))) {
        log::debug!("site graph kept from the last build");
        diags.extend(k.found.iter().cloned());
        return k.graph.clone();
    }
    let mut found = Diagnostics::default();
    let graph = std::sync::Arc::new(build(model, html, today, &mut found));
    let found: Vec<Diagnostic> = found.iter().cloned().collect();
    diags.extend(found.iter().cloned());
    *kept = Some(Kept { key, graph: graph.clone(), found, made: true });
    graph
}

pub(crate) fn build(model: &Model, html: &SiteHtml, today: Date, diags: &mut Diagnostics) -> Graph {
    let n = model.docs.len();
    let mut g = Graph {
        backlinks: vec![Vec::new(); n],
        related: vec![Vec::new(); n],
        superseded_by: vec![None; n],
        plans: vec![Vec::new(); n],
        ..Graph::default()
    };
    links(model, html, &mut g);
    references(model, &mut g, diags);
    supersession_cycles(model, &mut g, diags);
    principles(model, &mut g, diags);
    parties::build(model, &mut g, diags);
    tags(model, &mut g);
    g.lifecycle = lifecycle::build(model, &g.superseded_by, today, diags);
    for list in g.backlinks.iter_mut().chain(g.related.iter_mut()).chain(g.plans.iter_mut()) {
        list.sort_unstable();
        list.dedup();
    }
    g
}

fn links(model: &Model, html: &SiteHtml, g: &mut Graph) {
    for (from, doc_html) in html.docs.iter().enumerate() {
        for link in doc_html.fragments().flat_map(|f| f.links.iter()) {
            if let Some(to) = model.index_of(&link.id) {
                if to != from {
                    g.backlinks[to].push(from);
                }
            }
        }
    }
}

/// Reports an id that names nothing (or the wrong kind of thing), with the closest fit.
fn ids_of(model: &Model, kind: Option<Kind>) -> Vec<&str> {
    model.docs.iter().filter(|d| kind.is_none_or(|k| d.kind() == k)).map(|d| d.id.as_str()).collect()
}

fn references(model: &Model, g: &mut Graph, diags: &mut Diagnostics) {
    for (i, doc) in model.docs.iter().enumerate() {
        for r in &doc.related {
            match model.index_of(&r.id) {
                Some(j) if j != i => {
                    g.related[i].push(j);
                    g.related[j].push(i);
                }
                Some(_) => {}
                None => diags.push(unknown(doc, r.pos, "document", &r.id, ids_of(model, None))),
            }
        }
        if let Some(s) = &doc.supersedes {
            match model.index_of(&s.id) {
                Some(j) if j == i => diags.push(
                    Diagnostic::error(&doc.source, s.pos, "a document cannot supersede itself")
                        .with_hint("`supersedes:` names the earlier version this document replaces"),
                ),
                Some(j) => g.superseded_by[j] = Some(i),
                None => diags.push(unknown(doc, s.pos, "document", &s.id, ids_of(model, None))),
            }
        }
        if let Some(a) = doc.plan().and_then(|p| p.agreement.as_ref()) {
            match model.index_of(&a.id).filter(|&j| model.docs[j].kind() == Kind::Agreement) {
                Some(j) => g.plans[j].push(i),
                None => diags.push(unknown(doc, a.pos, "agreement", &a.id, ids_of(model, Some(Kind::Agreement)))),
            }
        }
    }
}

/// Versions that replace each other in a circle (a → b → a) have no first version: each is
/// reported at its `supersedes:` line, and the circle is cut so no page shows it.
fn supersession_cycles(model: &Model, g: &mut Graph, diags: &mut Diagnostics) {
    let next = |i: usize| model.docs[i].supersedes.as_ref().and_then(|s| model.index_of(&s.id)).filter(|&j| j != i);
    let in_cycle: Vec<bool> = (0..model.docs.len())
        .map(|start| {
            let (mut at, mut steps) = (start, 0);
            while let Some(j) = next(at) {
                at = j;
                steps += 1;
                if at == start || steps > model.docs.len() {
                    break;
                }
            }
            at == start && steps > 0
        })
        .collect();
    for (i, doc) in model.docs.iter().enumerate().filter(|(i, _)| in_cycle[*i]) {
        let mut chain = vec![doc.id.as_str()];
        let mut at = i;
        while let Some(j) = next(at) {
            chain.push(&model.docs[j].id);
            if j == i {
                break;
            }
            at = j;
        }
        let pos = doc.supersedes.as_ref().map(|s| s.pos).unwrap_or_default();
        diags.push(
            Diagnostic::error(&doc.source, pos, format!("`supersedes` goes round in a circle: {}", chain.join(" → ")))
                .with_hint("the oldest version must not name a successor in `supersedes:`; remove it there"),
        );
    }
    for (j, by) in g.superseded_by.iter_mut().enumerate() {
        if in_cycle[j] {
            *by = None;
        }
    }
}

fn principles(model: &Model, g: &mut Graph, diags: &mut Diagnostics) {
    let mut order: Vec<usize> = (0..model.docs.len()).filter(|&i| model.docs[i].kind() == Kind::Principle).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (&model.docs[a], &model.docs[b]);
        (da.principle_number().unwrap_or(u32::MAX), &da.title)
            .cmp(&(db.principle_number().unwrap_or(u32::MAX), &db.title))
    });
    for &p in &order {
        g.principles.insert(p, PrincipleNode::default());
    }
    g.principle_order = order;
    let known = ids_of(model, Some(Kind::Principle));
    let lookup = |id: &str| model.index_of(id).filter(|&j| model.docs[j].kind() == Kind::Principle);
    for (i, doc) in model.docs.iter().enumerate() {
        for r in &doc.principles {
            match lookup(&r.id) {
                Some(p) => g.principles.entry(p).or_default().statements.push(Statement {
                    doc: i,
                    number: r.number,
                    wording: r.wording.clone(),
                }),
                None => diags.push(unknown(doc, r.pos, "principle", &r.id, known.clone())),
            }
        }
        for (k, item) in doc.plan().into_iter().flat_map(|p| p.items()).enumerate() {
            for r in &item.principles {
                match lookup(&r.id) {
                    Some(p) => g.principles.entry(p).or_default().items.push(ItemRef { plan: i, item: k }),
                    None => diags.push(unknown(doc, r.pos, "principle", &r.id, known.clone())),
                }
            }
        }
    }
}

fn tags(model: &Model, g: &mut Graph) {
    for (i, doc) in model.docs.iter().enumerate() {
        for t in &doc.tags {
            let slug = slugify(t);
            if slug.is_empty() {
                continue;
            }
            let tag = g.tags.entry(slug.clone()).or_insert_with(|| Tag { name: t.clone(), slug, docs: Vec::new() });
            if !tag.docs.contains(&i) {
                tag.docs.push(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The `build/full` fixture's model (agreements, a plan, principles, parties) and graph.
    fn fixture() -> (Model, std::sync::Arc<Graph>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build/full");
        let mut memo = crate::Memo::one_off();
        assert!(crate::build_with(&root, &crate::BuildOptions::default(), &mut memo).site.is_some());
        let kept = memo.graph.take().expect("the build keeps its graph");
        assert!(kept.made);
        let model = crate::load_model(&root, false, &mut crate::Memo::one_off(), &mut Diagnostics::default()).model;
        (model, kept.graph)
    }

    #[test]
    fn a_graph_read_back_fits_its_model_and_a_damaged_one_does_not() {
        let (model, graph) = fixture();
        assert!(graph.fits(&model));
        let bytes = postcard::to_allocvec(&*graph).unwrap();
        let back = || postcard::from_bytes::<Graph>(&bytes).unwrap();
        // The maps compared in order: a map's own order is its random state's.
        let seen = |g: &Graph| {
            let principles: std::collections::BTreeMap<_, _> = g.principles.iter().collect();
            let parties: std::collections::BTreeMap<_, _> = g.party_index.iter().collect();
            let rest = (&g.backlinks, &g.related, &g.superseded_by, &g.plans, &g.principle_order, &g.tags);
            format!("{principles:?} {parties:?} {:?} {rest:?} {:?}", g.parties, g.lifecycle)
        };
        assert_eq!(seen(&back()), seen(&graph), "read back as written");
        assert!(back().fits(&model));
        let n = model.docs.len();
        type Damage = fn(&mut Graph, usize);
        let damaged: [(&str, Damage); 5] = [
            ("a backlink past the documents", |g, n| g.backlinks[0].push(n)),
            ("a document short", |g, _| g.lifecycle.truncate(g.lifecycle.len() - 1)),
            ("a plan item past its plan's", |g, _| {
                g.parties.iter_mut().flat_map(|p| &mut p.items).for_each(|i| i.item += 99)
            }),
            ("a duty past its agreement's", |g, _| {
                g.parties.iter_mut().flat_map(|p| &mut p.duties).for_each(|d| d.1 += 99)
            }),
            ("a party not listed", |g, _| g.party_index.values_mut().for_each(|p| *p += 99)),
        ];
        for (what, damage) in damaged {
            let mut g = back();
            damage(&mut g, n);
            assert!(!g.fits(&model), "{what}");
        }
    }
}
