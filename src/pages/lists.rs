//! Site-level pages: the front page, one list per kind, the principles crosswalk, all
//! deadlines, topics and the 404 page.

use super::views::{href, Ctx, DocCard, ItemView, Link, PartyView, StatusView};
use super::{crumbs, docs, Job, Page, SiteView};
use crate::graph::ItemRef;
use crate::model::{Kind, Status};
use serde::Serialize;

pub fn pages(ctx: &Ctx, site: &SiteView) -> Vec<Job> {
    let frame = |title: &str, section: &'static str, steps: &[(&str, &str)]| (title.to_string(), section, crumbs(ctx, "", steps));
    let mut jobs = vec![
        job(site, ctx, "index.html", "index.html", frame(&ctx.config.title, "", &[]), index(ctx)),
        job(site, ctx, "aftaler.html", "aftaler.html", frame(ctx.t.aftaler, "aftaler", &[(ctx.t.aftaler, "aftaler.html")]), agreements(ctx)),
        job(site, ctx, "handleplaner.html", "handleplaner.html", frame(ctx.t.handleplaner, "handleplaner", &[(ctx.t.handleplaner, "handleplaner.html")]), plans(ctx)),
        job(site, ctx, "principper.html", "principper.html", frame(ctx.t.principper, "principper", &[(ctx.t.principper, "principper.html")]), principles(ctx)),
        job(site, ctx, "frister.html", "frister.html", frame(ctx.t.frister, "frister", &[(ctx.t.frister, "frister.html")]), deadlines(ctx)),
        job(site, ctx, "parter.html", "parter.html", frame(ctx.t.parter, "parter", &[(ctx.t.parter, "parter.html")]), parties(ctx)),
        job(site, ctx, "dokumenter.html", "dokumenter.html", frame(ctx.t.dokumenter, "dokumenter", &[(ctx.t.dokumenter, "dokumenter.html")]), documents(ctx)),
        job(site, ctx, "emner.html", "emner.html", frame(ctx.t.emner, "emner", &[(ctx.t.emner, "emner.html")]), topics(ctx)),
        job(site, ctx, "404.html", "404.html", frame(ctx.t.not_found, "", &[]), Empty {}),
    ];
    for tag in ctx.graph.tags.values() {
        let page = TopicPage { name: tag.name.clone(), docs: ctx.cards("../", &tag.docs) };
        let frame = Page {
            site,
            t: ctx.t,
            root: "../",
            title: tag.name.clone(),
            crumbs: crumbs(ctx, "../", &[(ctx.t.emner, "emner.html")]),
            section: "emner",
            page,
        };
        jobs.push(Job::new(format!("emner/{}.html", tag.slug), "emne.html", &frame));
    }
    for p in ctx.graph.parties.iter().filter(|p| p.profile.is_none()) {
        jobs.extend(docs::inline_party_page(ctx, site, &p.id));
    }
    jobs
}

fn job<T: Serialize>(site: &SiteView, ctx: &Ctx, path: &str, template: &'static str, frame: (String, &'static str, Vec<Link>), page: T) -> Job {
    let (title, section, crumbs) = frame;
    Job::new(path.to_string(), template, &Page { site, t: ctx.t, root: "", title, crumbs, section, page })
}

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
struct KindCount {
    title: &'static str,
    href: String,
    count: usize,
}

#[derive(Serialize)]
struct StatusGroup {
    status: StatusView,
    docs: Vec<DocCard>,
}

#[derive(Serialize)]
struct IndexPage {
    front: Option<String>,
    counts: Vec<KindCount>,
    by_status: Vec<StatusGroup>,
    upcoming: Vec<ItemView>,
    overdue: Vec<ItemView>,
}

fn of_kind(ctx: &Ctx, k: Kind) -> Vec<usize> {
    (0..ctx.model.docs.len()).filter(|&i| ctx.model.docs[i].kind == k).collect()
}

fn index(ctx: &Ctx) -> IndexPage {
    let t = ctx.t;
    let count = |title, url: &str, k| KindCount { title, href: url.to_string(), count: of_kind(ctx, k).len() };
    let mut counts = vec![
        count(t.aftaler, "aftaler.html", Kind::Aftale),
        count(t.handleplaner, "handleplaner.html", Kind::Handleplan),
        count(t.principper, "principper.html", Kind::Princip),
        count(t.dokumenter, "dokumenter.html", Kind::Dokument),
    ];
    counts.push(KindCount { title: t.parter, href: "parter.html".into(), count: ctx.graph.parties.len() });
    let agreements = of_kind(ctx, Kind::Aftale);
    let by_status = Status::ALL
        .iter()
        .map(|&s| StatusGroup { status: ctx.status(s), docs: ctx.cards("", &agreements.iter().copied().filter(|&i| ctx.model.docs[i].status == Some(s)).collect::<Vec<_>>()) })
        .filter(|g| !g.docs.is_empty())
        .collect();
    let dated = dated_items(ctx);
    let (overdue, rest): (Vec<ItemView>, Vec<ItemView>) = dated.into_iter().filter(|v| v.status.key != "faerdig").partition(|v| v.overdue);
    IndexPage {
        front: ctx.html.front.as_ref().map(|f| f.html.clone()),
        counts,
        by_status,
        upcoming: rest.into_iter().take(10).collect(),
        overdue,
    }
}

/// Every plan item with a deadline, by date (then plan and position), for the root pages.
fn dated_items(ctx: &Ctx) -> Vec<ItemView> {
    let mut refs: Vec<(crate::date::Date, usize, usize)> = Vec::new();
    for i in of_kind(ctx, Kind::Handleplan) {
        for (k, item) in ctx.model.docs[i].plan().into_iter().flat_map(|p| p.items()).enumerate() {
            if let Some(d) = item.deadline {
                refs.push((d.0, i, k));
            }
        }
    }
    refs.sort();
    refs.into_iter().map(|(_, plan, item)| ctx.item("", ItemRef { plan, item })).collect()
}

#[derive(Serialize)]
struct AgreementRow {
    doc: DocCard,
    parties: Vec<Link>,
    party_keys: String,
    effective: Option<String>,
    expires: Option<String>,
    blanks: usize,
}

#[derive(Serialize)]
struct AgreementsPage {
    rows: Vec<AgreementRow>,
    parties: Vec<Link>,
    statuses: Vec<StatusView>,
}

fn agreements(ctx: &Ctx) -> AgreementsPage {
    let rows: Vec<AgreementRow> = of_kind(ctx, Kind::Aftale)
        .into_iter()
        .map(|i| {
            let d = &ctx.model.docs[i];
            let a = d.agreement().cloned().unwrap_or_default();
            let parties: Vec<PartyView> = ctx.doc_parties("", d);
            AgreementRow {
                doc: ctx.card("", i),
                party_keys: parties.iter().map(|p| p.id.clone()).collect::<Vec<_>>().join(" "),
                parties: parties.into_iter().map(|p| Link { title: p.name, href: p.href }).collect(),
                effective: a.effective.map(|x| ctx.date(x)),
                expires: a.expires.map(|x| ctx.date(x)),
                blanks: ctx.html.docs[i].blank_count(),
            }
        })
        .collect();
    let mut parties: Vec<Link> = ctx
        .graph
        .parties
        .iter()
        .filter(|p| rows.iter().any(|r| r.party_keys.split(' ').any(|k| k == p.id)))
        .map(|p| Link { title: p.details.name.clone(), href: p.id.clone() })
        .collect();
    parties.dedup_by(|a, b| a.href == b.href);
    let statuses = Status::ALL.iter().filter(|s| rows.iter().any(|r| r.doc.status.as_ref().is_some_and(|x| x.key == s.key()))).map(|&s| ctx.status(s)).collect();
    AgreementsPage { rows, parties, statuses }
}

#[derive(Serialize)]
struct PlanRow {
    doc: DocCard,
    agreement: Option<Link>,
    done: usize,
    total: usize,
    overdue: usize,
}

#[derive(Serialize)]
struct ListPage<T: Serialize> {
    rows: Vec<T>,
}

fn plans(ctx: &Ctx) -> ListPage<PlanRow> {
    let rows = of_kind(ctx, Kind::Handleplan)
        .into_iter()
        .map(|i| {
            let d = &ctx.model.docs[i];
            let p = d.plan().cloned().unwrap_or_default();
            PlanRow {
                doc: ctx.card("", i),
                agreement: p.agreement.as_ref().and_then(|a| ctx.model.get(&a.id)).map(|a| ctx.doc_link("", a)),
                done: p.items().filter(|x| x.status == crate::model::ItemStatus::Faerdig).count(),
                total: p.items().count(),
                overdue: p.items().filter(|x| ctx.is_overdue(x)).count(),
            }
        })
        .collect();
    ListPage { rows }
}

#[derive(Serialize)]
struct PrinciplesPage {
    principles: Vec<PrincipleRow>,
    columns: Vec<DocCard>,
}

#[derive(Serialize)]
struct PrincipleRow {
    doc: DocCard,
    number: Option<u32>,
    cells: Vec<Option<Cell>>,
}

#[derive(Serialize)]
struct Cell {
    number: Option<u32>,
    wording: Option<String>,
}

/// The crosswalk: principles × the documents that state them, each cell in the document's
/// own numbering and words.
fn principles(ctx: &Ctx) -> PrinciplesPage {
    let mut columns: Vec<usize> = ctx.graph.principles.values().flat_map(|n| n.statements.iter().map(|s| s.doc)).collect();
    columns.sort_by_key(|&i| (ctx.model.docs[i].kind, ctx.model.docs[i].title.clone()));
    columns.dedup();
    let principles = ctx
        .graph
        .principle_order
        .iter()
        .map(|&p| {
            let node = &ctx.graph.principles[&p];
            let cells = columns
                .iter()
                .map(|&c| node.statements.iter().find(|s| s.doc == c).map(|s| Cell { number: s.number, wording: s.wording.clone() }))
                .collect();
            PrincipleRow { doc: ctx.card("", p), number: ctx.model.docs[p].principle_number(), cells }
        })
        .collect();
    PrinciplesPage { principles, columns: ctx.cards("", &columns) }
}

#[derive(Serialize)]
struct DeadlinesPage {
    items: Vec<ItemView>,
    overdue: usize,
    parties: Vec<Link>,
}

fn deadlines(ctx: &Ctx) -> DeadlinesPage {
    let items = dated_items(ctx);
    let overdue = items.iter().filter(|i| i.overdue).count();
    let mut parties: Vec<Link> = ctx.graph.parties.iter().filter(|p| !p.items.is_empty()).map(|p| Link { title: p.details.name.clone(), href: p.id.clone() }).collect();
    parties.push(Link { title: ctx.t.faelles.into(), href: "faelles".into() });
    DeadlinesPage { items, overdue, parties }
}

#[derive(Serialize)]
struct PartyRow {
    party: PartyView,
    documents: usize,
    duties: usize,
    items: usize,
}

fn parties(ctx: &Ctx) -> ListPage<PartyRow> {
    let rows = ctx
        .graph
        .parties
        .iter()
        .map(|p| PartyRow {
            party: ctx.party_view("", &p.details),
            documents: p.docs.len(),
            duties: p.duties.iter().map(|&(a, k)| ctx.html.docs[a].duties[k].len()).sum(),
            items: p.items.len(),
        })
        .collect();
    ListPage { rows }
}

fn documents(ctx: &Ctx) -> ListPage<DocCard> {
    ListPage { rows: ctx.cards("", &of_kind(ctx, Kind::Dokument)) }
}

#[derive(Serialize)]
struct TopicRow {
    link: Link,
    count: usize,
}

fn topics(ctx: &Ctx) -> ListPage<TopicRow> {
    let rows = ctx
        .graph
        .tags
        .values()
        .map(|t| TopicRow { link: Link { title: t.name.clone(), href: href("", &format!("emner/{}.html", t.slug)) }, count: t.docs.len() })
        .collect();
    ListPage { rows }
}

#[derive(Serialize)]
struct TopicPage {
    name: String,
    docs: Vec<DocCard>,
}
