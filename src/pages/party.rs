//! Party pages: one per party, whether it has a profile in `parter/` or is only declared
//! inline, gathering every document, duty and plan item that names it.

use super::common::Common;
use super::frame::{crumbs, Job, Page, SiteView, ROOT};
use crate::model::{Kind, Responsible};
use crate::site::{list_of, Ctx, Detail, DocCard, ItemView, Link, PartyView};
use serde::Serialize;

/// Parties declared only inline have no document, but get a page too.
pub fn inline_party_page(ctx: &Ctx, site: &SiteView, id: &str) -> Option<Job> {
    let page = page(ctx, id, None)?;
    let list = list_of(Kind::Party)?;
    let frame = Page {
        site,
        t: ctx.t,
        root: ROOT.into(),
        title: page.party.name.clone(),
        crumbs: crumbs(ctx, ROOT, &[((list.title)(ctx.t), list.path)]),
        section: list.section,
        page,
    };
    Some(Job::new(format!("parter/{id}.html"), "part.html", &frame))
}

#[derive(Serialize)]
pub(super) struct PartyPage {
    party: PartyView,
    doc: Option<Common>,
    documents: Vec<DocCard>,
    duties: Vec<DutyGroup>,
    items: Vec<ItemView>,
}

#[derive(Serialize)]
struct DutyGroup {
    agreement: Link,
    shared: bool,
    duties: Vec<String>,
}

/// A party's page: its details, profile text, documents, duties and plan items.
pub(super) fn page(ctx: &Ctx, id: &str, doc: Option<Common>) -> Option<PartyPage> {
    let node = ctx.graph.party(id)?;
    let duties = node
        .duties
        .iter()
        .map(|&(a, k)| {
            let d = &ctx.model.docs[a];
            DutyGroup {
                agreement: ctx.doc_link(ROOT, d),
                shared: d.agreement().is_some_and(|x| x.responsibilities[k].who == Responsible::Faelles),
                duties: ctx.html.docs[a].duties[k].iter().map(|x| x.html.clone()).collect(),
            }
        })
        .collect();
    Some(PartyPage {
        party: ctx.party_view(ROOT, &node.details),
        doc,
        documents: ctx.cards(ROOT, &node.docs),
        duties,
        items: node.items.iter().map(|&r| ctx.item(ROOT, r, Detail::Summary)).collect(),
    })
}
