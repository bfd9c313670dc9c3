//! Party pages: one per party, whether it has a profile in `parter/` or is only declared
//! inline, gathering every document, duty and plan item that names it.

use super::common::Common;
use super::frame::{crumbs, Job, Jobs, Page, SiteView, ROOT};
use super::paginate;
use crate::model::{Kind, Responsible};
use crate::site::{list_of, Ctx, DocCard, Link, PartyView};
use serde::Serialize;

/// Parties declared only inline have no document, but get a page too.
pub(super) fn inline_party_page<'a>(ctx: &'a Ctx, site: &'a SiteView, id: &str) -> Jobs<'a> {
    let (Some(pages), Some(list)) = (pages(ctx, id, None), list_of(Kind::Party)) else {
        return Box::new(std::iter::empty());
    };
    let path = format!("parter/{id}.html");
    let count = pages.len();
    Box::new(pages.into_iter().enumerate().map(move |(k, page)| {
        let frame = Page {
            site,
            root: ROOT.into(),
            title: page.party.name.clone(),
            crumbs: crumbs(ctx, ROOT, &[((list.title)(ctx.t), list.path)]),
            section: list.section,
            pager: paginate::pager(&path, k + 1, count),
            page,
        };
        Job::new(paginate::path(&path, k + 1), "part.html", frame)
    }))
}

#[derive(Serialize)]
pub(super) struct PartyPage {
    party: PartyView,
    doc: Option<Common>,
    documents: Vec<DocCard>,
    duties: Vec<DutyGroup>,
    /// Plan items as HTML, each rendered once for every page that lists it.
    items: Vec<String>,
}

#[derive(Clone, Serialize)]
struct DutyGroup {
    agreement: Link,
    shared: bool,
    duties: Vec<String>,
}

/// A party's pages: its details and profile text on each, then its documents, duties and plan
/// items (and the documents that link to it), as many pages as the longest list needs.
pub(super) fn pages(ctx: &Ctx, id: &str, doc: Option<Common>) -> Option<Vec<PartyPage>> {
    let node = ctx.graph.party(id)?;
    let duties: Vec<DutyGroup> = node
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
    let documents = ctx.cards(ROOT, &node.docs);
    let items: Vec<String> = ctx.item_summaries(&node.items);
    let party = ctx.party_view(ROOT, &node.details);
    let count = paginate::count(&[
        (documents.len(), paginate::CARDS),
        (duties.len(), paginate::DUTIES),
        (items.len(), paginate::ITEMS),
        (doc.as_ref().map_or(0, Common::backlink_count), paginate::CARDS),
    ]);
    let page = |n| PartyPage {
        party: party.clone(),
        doc: doc.as_ref().map(|d| d.page(n)),
        documents: paginate::rows(&documents, paginate::CARDS, n),
        duties: paginate::rows(&duties, paginate::DUTIES, n),
        items: paginate::rows(&items, paginate::ITEMS, n),
    };
    Some((1..=count).map(page).collect())
}
