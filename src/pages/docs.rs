//! One page per document: agreement, action plan, principle, background document, party.

use super::{crumbs, paginate, Job, Page, SiteView};
use crate::graph::ItemRef;
use crate::model::{Document, KindData, Status};
use crate::render::markdown::Heading;
use crate::site::{href, list_of, Ctx, Detail, DocCard, ItemView, Link, PartyView, StatusView};
use serde::Serialize;

pub(super) const ROOT: &str = "../";

/// What every document page shows around its own content.
#[derive(Clone, Serialize)]
pub(super) struct Common {
    id: String,
    title: String,
    summary: Option<String>,
    kind_label: &'static str,
    status: Option<StatusView>,
    date: Option<String>,
    updated: Option<String>,
    owner: Option<String>,
    tags: Vec<Link>,
    toc: Vec<Heading>,
    body: String,
    /// Print may number the body's headings (they carry no numbers of their own).
    numbered: bool,
    related: Vec<DocCard>,
    backlinks: Vec<DocCard>,
    principles: Vec<Stated>,
    parties: Vec<PartyView>,
    banners: Vec<Banner>,
}

#[derive(Clone, Serialize)]
struct Stated {
    number: Option<u32>,
    wording: Option<String>,
    link: Link,
}

#[derive(Clone, Serialize)]
struct Banner {
    key: &'static str,
    label: &'static str,
    text: Option<String>,
    link: Option<Link>,
}

pub fn page(ctx: &Ctx, site: &SiteView, i: usize) -> Vec<Job> {
    let doc = &ctx.model.docs[i];
    let common = common(ctx, i);
    let Some(list) = list_of(doc.kind) else { return Vec::new() };
    let frame = Frame {
        site,
        ctx,
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

impl Common {
    /// How many documents link here.
    pub(super) fn backlink_count(&self) -> usize {
        self.backlinks.len()
    }

    /// The same, showing only page `n` of the documents that link here: a principle or a
    /// party can be linked from thousands of documents.
    pub(super) fn page(&self, n: usize) -> Common {
        let mut c = self.clone();
        c.backlinks = paginate::rows(&self.backlinks, paginate::CARDS, n);
        c
    }
}

/// What a document page's frame needs, so each kind only supplies its own context.
struct Frame<'a> {
    site: &'a SiteView,
    ctx: &'a Ctx<'a>,
    title: String,
    path: String,
    section: &'static str,
    crumbs: Vec<Link>,
}

impl Frame<'_> {
    /// One job per page: a document's page is one, unless it lists more than fits.
    fn jobs<T: Serialize>(self, template: &'static str, pages: Vec<T>) -> Vec<Job> {
        let count = pages.len();
        pages
            .into_iter()
            .enumerate()
            .map(|(k, page)| {
                let frame = Page {
                    site: self.site,
                    t: self.ctx.t,
                    root: ROOT,
                    title: self.title.clone(),
                    crumbs: self.crumbs.clone(),
                    section: self.section,
                    pager: paginate::pager(&self.path, k + 1, count),
                    page,
                };
                Job::new(paginate::path(&self.path, k + 1), template, &frame)
            })
            .collect()
    }
}

pub(super) fn common(ctx: &Ctx, i: usize) -> Common {
    let d = &ctx.model.docs[i];
    let h = &ctx.html.docs[i];
    let principles = d
        .principles
        .iter()
        .filter_map(|r| {
            let p = ctx.model.get(&r.id)?;
            Some(Stated { number: r.number, wording: r.wording.clone(), link: ctx.doc_link(ROOT, p) })
        })
        .collect();
    Common {
        id: d.id.clone(),
        title: d.title.clone(),
        summary: d.summary.clone(),
        kind_label: ctx.kind_label(d.kind),
        status: d.status.map(|s| ctx.status(s)),
        date: d.date.map(|x| ctx.date(x)),
        updated: d.updated.map(|x| ctx.date(x)),
        owner: d.owner.clone(),
        tags: d
            .tags
            .iter()
            .map(|t| crate::slug::slugify(t))
            .filter(|s| !s.is_empty())
            .map(|s| {
                let name = ctx.graph.tags.get(&s).map_or(s.clone(), |t| t.name.clone());
                Link { title: name, href: href(ROOT, &format!("emner/{s}.html")) }
            })
            .collect(),
        toc: h.body.headings.iter().filter(|x| x.level <= 3).cloned().collect(),
        body: h.body.html.clone(),
        numbered: !h.body.self_numbered,
        related: ctx.cards(ROOT, &ctx.graph.related[i]),
        backlinks: ctx.cards(ROOT, &ctx.graph.backlinks[i]),
        principles,
        parties: ctx.doc_parties(ROOT, d),
        banners: banners(ctx, i, d),
    }
}

fn banners(ctx: &Ctx, i: usize, d: &Document) -> Vec<Banner> {
    let t = ctx.t;
    let today = ctx.config.today;
    let mut out = Vec::new();
    if let Some(j) = ctx.graph.superseded_by[i] {
        out.push(Banner {
            key: "superseded",
            label: t.banner_superseded,
            text: None,
            link: Some(ctx.doc_link(ROOT, &ctx.model.docs[j])),
        });
    }
    if let Some(a) = d.agreement() {
        if let Some(x) = a.expires.filter(|x| *x < today) {
            out.push(Banner {
                key: "expired",
                label: t.banner_expired,
                text: Some(format!("{} {}.", t.banner_expired_text, ctx.date(x))),
                link: None,
            });
        } else if let Some(r) = a.review.filter(|r| *r < today) {
            out.push(Banner {
                key: "review",
                label: t.banner_review,
                text: Some(format!("{} {}.", t.banner_review_text, ctx.date(r))),
                link: None,
            });
        }
    }
    match d.status {
        Some(Status::Skabelon) => out.push(Banner {
            key: "template",
            label: t.status_skabelon,
            text: Some(t.banner_template.into()),
            link: None,
        }),
        Some(Status::Udkast) => {
            out.push(Banner { key: "draft", label: t.status_udkast, text: Some(t.banner_draft.into()), link: None })
        }
        Some(Status::Udloebet) | Some(Status::Arkiveret) if out.iter().all(|b| b.key != "expired") => {
            let s = ctx.status(d.status.unwrap_or(Status::Arkiveret));
            out.push(Banner { key: s.key, label: s.label, text: None, link: None });
        }
        _ => {}
    }
    out
}

#[derive(Serialize)]
struct AgreementPage {
    doc: Common,
    effective: Option<String>,
    expires: Option<String>,
    review: Option<String>,
    version: Option<String>,
    malgruppe: Option<MalgruppeView>,
    matrix: Vec<DutyRow>,
    plans: Vec<DocCard>,
    history: Vec<HistoryView>,
    blanks: usize,
    guidance: usize,
}

#[derive(Serialize)]
struct MalgruppeView {
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
    let malgruppe = a.malgruppe.as_ref().map(|_| MalgruppeView {
        description: h.malgruppe_description.as_ref().map(|x| x.html.clone()),
        criteria: h.criteria.iter().map(|x| x.html.clone()).collect(),
    });
    AgreementPage {
        doc,
        effective: a.effective.map(|x| ctx.date(x)),
        expires: a.expires.map(|x| ctx.date(x)),
        review: a.review.map(|x| ctx.date(x)),
        version: a.version.clone(),
        malgruppe,
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
    filter_parties: Vec<Link>,
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
    // Filter options: the title is the party's name, the value its id.
    let name = |id: &str| ctx.graph.party(id).map_or(id.to_string(), |p| p.details.name.clone());
    let mut filter_parties: Vec<Link> =
        d.parties.iter().map(|r| Link { title: name(&r.id), href: r.id.clone() }).collect();
    filter_parties.push(Link { title: ctx.t.faelles.into(), href: "faelles".into() });
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
    items: Vec<ItemView>,
}

#[derive(Clone, Serialize)]
struct StatementView {
    doc: DocCard,
    number: Option<u32>,
    wording: Option<String>,
}

/// A principle's pages: the documents that state it and the plan items under it, paginated.
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
    let items: Vec<ItemView> =
        node.map(|n| n.items.iter().map(|&r| ctx.item(ROOT, r, Detail::Summary)).collect()).unwrap_or_default();
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
