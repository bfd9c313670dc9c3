//! `begreber.html`: every defined term in Danish alphabetical order, with its definition,
//! where it is defined (and whether it holds only there) and the documents that use it.

use crate::site::{href, Ctx, Link};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct GlossaryPage {
    terms: Vec<TermView>,
}

#[derive(Serialize)]
struct TermView {
    name: String,
    anchor: String,
    definition: String,
    defined_in: Link,
    local: bool,
    used_in: Vec<Link>,
}

pub(super) fn page(ctx: &Ctx) -> GlossaryPage {
    let g = ctx.glossary;
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); g.entries.len()];
    for (i, h) in ctx.html.docs.iter().enumerate() {
        for &e in &h.body.terms {
            users[e].push(i);
        }
    }
    let terms = g
        .alphabetical()
        .into_iter()
        .map(|e| {
            let entry = &g.entries[e];
            TermView {
                name: entry.name.clone(),
                anchor: entry.anchor.clone(),
                definition: entry.definition.clone(),
                defined_in: ctx.doc_link("", &ctx.model.docs[entry.doc]),
                local: entry.local,
                used_in: users[e]
                    .iter()
                    .map(|&i| Link { title: ctx.model.docs[i].title.clone(), href: href("", &ctx.model.docs[i].url()) })
                    .collect(),
            }
        })
        .collect();
    GlossaryPage { terms }
}
