//! One page per document: agreement, action plan, principle, background document, party.

use super::common::{common, Common};
use super::frame::{crumbs, Job, Jobs, Page, SiteView, ROOT};
use super::paginate;
use crate::graph::ItemRef;
use crate::model::KindData;
use crate::site::{list_of, Ctx, Detail, DocCard, FilterOption, ItemView, Link};
use serde::Serialize;

pub(super) fn page<'a>(ctx: &'a Ctx, site: &'a SiteView, i: usize) -> Jobs<'a> {
    let doc = &ctx.model.docs[i];
    let common = common(ctx, i);
    let Some(list) = list_of(doc.kind()) else { return Box::new(std::iter::empty()) };
    let frame = Frame {
        site,
        title: doc.title.clone(),
        path: doc.url(),
        section: list.section,
        crumbs: crumbs(ctx, ROOT, &[((list.title)(ctx.t), list.path)]),
    };
    match &doc.data {
        KindData::Agreement(_) => frame.jobs("aftale.html", vec![agreement(ctx, i, common)]),
        KindData::Plan(_) => frame.jobs("handleplan.html", vec![plan(ctx, i, common)]),
        KindData::Principle { number } => frame.jobs("princip.html", principle(ctx, i, *number, common)),
        KindData::Party(_) => {
            frame.jobs("part.html", super::party::pages(ctx, &doc.id, Some(common)).unwrap_or_default())
        }
        KindData::Document | KindData::Index => frame.jobs("dokument.html", vec![DocumentPage { doc: common }]),
    }
}

/// What a document page's frame needs, so each kind only supplies its own context.
struct Frame<'a> {
    site: &'a SiteView,
    title: String,
    path: String,
    section: &'static str,
    crumbs: Vec<Link>,
}

impl<'a> Frame<'a> {
    /// One job per page: a document's page is one, unless it lists more than fits.
    fn jobs<T: Serialize + Send + 'a>(self, template: &'static str, pages: Vec<T>) -> Jobs<'a> {
        let count = pages.len();
        Box::new(pages.into_iter().enumerate().map(move |(k, page)| {
            let frame = Page {
                site: self.site,
                root: ROOT.into(),
                title: self.title.clone(),
                crumbs: self.crumbs.clone(),
                section: self.section,
                pager: paginate::pager(&self.path, k + 1, count),
                page,
            };
            Job::new(paginate::path(&self.path, k + 1), template, frame)
        }))
    }
}

#[derive(Serialize)]
struct AgreementPage {
    doc: Common,
    effective: Option<String>,
    expires: Option<String>,
    review: Option<String>,
    version: Option<String>,
    target_group: Option<TargetGroupView>,
    matrix: Vec<DutyRow>,
    plans: Vec<DocCard>,
    history: Vec<HistoryView>,
    blanks: usize,
    guidance: usize,
    signatures: Option<crate::site::SignatureStatus>,
}

#[derive(Serialize)]
struct TargetGroupView {
    description: Option<String>,
    criteria: Vec<String>,
}

#[derive(Serialize)]
struct DutyRow {
    who: Link,
    duties: Vec<String>,
}

#[derive(Serialize)]
struct HistoryView {
    version: Option<String>,
    date: Option<String>,
    note: Option<String>,
}

fn agreement(ctx: &Ctx, i: usize, doc: Common) -> AgreementPage {
    let d = &ctx.model.docs[i];
    let h = &ctx.html.docs[i];
    let a = d.agreement().cloned().unwrap_or_default();
    let matrix = a
        .responsibilities
        .iter()
        .zip(&h.duties)
        .map(|(r, html)| DutyRow {
            who: ctx.responsible_link(ROOT, &r.who),
            duties: html.iter().map(|x| x.html.clone()).collect(),
        })
        .collect();
    let target_group = a.target_group.as_ref().map(|_| TargetGroupView {
        description: h.target_group_description.as_ref().map(|x| x.html.clone()),
        criteria: h.criteria.iter().map(|x| x.html.clone()).collect(),
    });
    AgreementPage {
        doc,
        effective: a.effective.map(|x| ctx.date(x)),
        expires: a.expires.map(|x| ctx.date(x)),
        review: a.review.map(|x| ctx.date(x)),
        version: a.version.clone(),
        target_group,
        matrix,
        plans: ctx.cards(ROOT, &ctx.graph.plans[i]),
        history: a
            .history
            .iter()
            .map(|e| HistoryView {
                version: e.version.clone(),
                date: e.date.map(|x| ctx.date(x)),
                note: e.note.clone(),
            })
            .collect(),
        blanks: h.blank_count(),
        guidance: h.guidance_count(),
        signatures: ctx.signature_status(d),
    }
}

#[derive(Serialize)]
struct PlanPage {
    doc: Common,
    agreement: Option<Link>,
    sections: Vec<SectionView>,
    done: usize,
    total: usize,
    percent: usize,
    overdue: usize,
    csv: String,
    filter_parties: Vec<FilterOption>,
}

#[derive(Serialize)]
struct SectionView {
    anchor: String,
    title: String,
    intro: Option<String>,
    items: Vec<ItemView>,
}

fn plan(ctx: &Ctx, i: usize, doc: Common) -> PlanPage {
    let d = &ctx.model.docs[i];
    let p = d.plan().cloned().unwrap_or_default();
    let mut sections = Vec::new();
    let mut first = 0; // items are numbered across sections, in document order
    for (n, s) in p.sections.iter().enumerate() {
        let items = (first..first + s.items.len())
            .map(|k| ctx.item(ROOT, ItemRef { plan: i, item: k }, Detail::Full))
            .collect();
        first += s.items.len();
        let intro = ctx.html.docs[i].section_intros.get(n).cloned().flatten().map(|r| r.html);
        sections.push(SectionView { anchor: format!("afsnit-{}", n + 1), title: s.title.clone(), intro, items });
    }
    let total = p.items().count();
    let done = p.items().filter(|x| x.status == crate::model::ItemStatus::Faerdig).count();
    let overdue = p.items().filter(|x| ctx.is_overdue(x)).count();
    let name = |id: &str| ctx.graph.party(id).map_or(id.to_string(), |p| p.details.name.clone());
    let mut filter_parties: Vec<FilterOption> =
        d.parties.iter().map(|r| FilterOption { value: r.id.clone(), label: name(&r.id) }).collect();
    filter_parties.push(FilterOption { value: "faelles".into(), label: ctx.t.faelles.into() });
    PlanPage {
        agreement: p.agreement.as_ref().and_then(|a| ctx.model.get(&a.id)).map(|a| ctx.doc_link(ROOT, a)),
        doc,
        sections,
        done,
        total,
        percent: (done * 100).checked_div(total).unwrap_or(0),
        overdue,
        csv: format!("{}.csv", d.id),
        filter_parties,
    }
}

#[derive(Serialize)]
struct PrinciplePage {
    doc: Common,
    number: Option<u32>,
    statements: Vec<StatementView>,
    /// Plan items as HTML, each rendered once for every page that lists it.
    items: Vec<String>,
}

#[derive(Clone, Serialize)]
struct StatementView {
    doc: DocCard,
    number: Option<u32>,
    wording: Option<String>,
}

/// A principle's pages: the documents that state it, the plan items under it and the
/// documents that link to it, paginated.
fn principle(ctx: &Ctx, i: usize, number: Option<u32>, doc: Common) -> Vec<PrinciplePage> {
    let node = ctx.graph.principles.get(&i);
    let statements: Vec<StatementView> = node
        .map(|n| {
            n.statements
                .iter()
                .map(|s| StatementView { doc: ctx.card(ROOT, s.doc), number: s.number, wording: s.wording.clone() })
                .collect()
        })
        .unwrap_or_default();
    let items: Vec<String> = node.map(|n| ctx.item_summaries(&n.items)).unwrap_or_default();
    let count = paginate::count(&[
        (statements.len(), paginate::CARDS),
        (items.len(), paginate::ITEMS),
        (doc.backlink_count(), paginate::CARDS),
    ]);
    (1..=count)
        .map(|n| PrinciplePage {
            doc: doc.page(n),
            number,
            statements: paginate::rows(&statements, paginate::CARDS, n),
            items: paginate::rows(&items, paginate::ITEMS, n),
        })
        .collect()
}

#[derive(Serialize)]
struct DocumentPage {
    doc: Common,
}
