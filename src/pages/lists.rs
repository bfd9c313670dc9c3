//! Site-level pages: the front page, one list per kind, the principles crosswalk, all
//! deadlines, topics and the 404 page.

use super::deadlines::{deadlines, front_page, DeadlineRow};
use super::frame::{crumbs, Job, Jobs, Page, SiteView};
use super::paginate;
use super::party;
use crate::graph::Shown;
use crate::model::Kind;
use crate::site::{href, Ctx, DocCard, FilterOption, Link, PartyView, StatusView, TopPage, TopPageKind, TOP_PAGES};
use serde::Serialize;

/// A builder of one or more pages (a long list is paginated), run on its own rayon task.
pub(super) type Maker<'a> = Box<dyn Fn(&'a SiteView) -> Jobs<'a> + Send + Sync + 'a>;

/// The site-level pages: one builder per row of the table (some list every item of the site),
/// then one per topic and per party declared only inline.
pub(super) fn makers<'a>(ctx: &'a Ctx) -> Vec<Maker<'a>> {
    let mut makers: Vec<Maker<'a>> =
        TOP_PAGES.iter().map(|row| Box::new(move |site: &'a SiteView| top_page(ctx, site, row)) as Maker<'a>).collect();
    makers.extend(
        ctx.graph.tags.values().map(|tag| Box::new(move |site: &'a SiteView| topic(ctx, site, tag)) as Maker<'a>),
    );
    makers.extend(
        ctx.graph
            .parties
            .iter()
            .filter(|p| p.profile.is_none())
            .map(|p| Box::new(move |site: &'a SiteView| party::inline_party_page(ctx, site, &p.id)) as Maker<'a>),
    );
    makers
}

fn top_page<'a>(ctx: &'a Ctx, site: &'a SiteView, row: &'a TopPage) -> Jobs<'a> {
    match row.kind {
        TopPageKind::Front => job(site, ctx, row, vec![index(ctx)]),
        TopPageKind::Agreements => job(site, ctx, row, agreements(ctx)),
        TopPageKind::Plans => job(site, ctx, row, plans(ctx)),
        TopPageKind::Principles => job(site, ctx, row, principles(ctx)),
        TopPageKind::Deadlines => job(site, ctx, row, deadlines(ctx)),
        TopPageKind::Parties => job(site, ctx, row, parties(ctx)),
        TopPageKind::Documents => job(site, ctx, row, documents(ctx)),
        TopPageKind::Topics => job(site, ctx, row, topics(ctx)),
        TopPageKind::Terms => job(site, ctx, row, vec![super::glossary::page(ctx)]),
        TopPageKind::Search | TopPageKind::NotFound => job(site, ctx, row, vec![Empty {}]),
    }
}

/// The glossary (`begreber.html`), which lists the documents that use each term.
pub(super) fn glossary<'a>(ctx: &'a Ctx, site: &'a SiteView) -> Jobs<'a> {
    Box::new(
        TOP_PAGES.iter().filter(|row| row.kind == TopPageKind::Terms).flat_map(move |row| top_page(ctx, site, row)),
    )
}

fn topic<'a>(ctx: &'a Ctx, site: &'a SiteView, tag: &'a crate::graph::Tag) -> Jobs<'a> {
    let path = format!("emner/{}.html", tag.slug);
    let cards = ctx.cards("../", &tag.docs);
    let pages = paginate::chunks(cards, paginate::CARDS);
    let count = pages.len();
    Box::new(pages.into_iter().enumerate().map(move |(k, docs)| {
        let page = TopicPage { name: tag.name.clone(), docs };
        let crumbs = crumbs(ctx, "../", &[(ctx.t.emner, "emner.html")]);
        let pager = paginate::pager(&path, k + 1, count);
        let frame = Page { site, root: "../".into(), title: tag.name.clone(), crumbs, section: "emner", pager, page };
        Job::new(paginate::path(&path, k + 1), "emne.html", frame)
    }))
}

/// A top-level page from its row, one job per page of it: the front page is titled with the
/// site's name and is where the breadcrumb starts, so it has none of its own.
fn job<'a, T: Serialize + Send + 'a>(site: &'a SiteView, ctx: &'a Ctx, row: &'a TopPage, pages: Vec<T>) -> Jobs<'a> {
    let front = row.kind == TopPageKind::Front;
    let title = if front { ctx.config.title.clone() } else { (row.title)(ctx.t).to_string() };
    // The 404 page is served for missing pages at any depth: with a `base_url` its links
    // are absolute; without, a script in its template resolves them.
    let root: std::borrow::Cow<'static, str> = match &ctx.config.base_url {
        Some(base) if row.kind == TopPageKind::NotFound => format!("{}/", base.trim_end_matches('/')).into(),
        _ => "".into(),
    };
    let crumbs = if front { Vec::new() } else { crumbs(ctx, &root, &[]) };
    let count = pages.len();
    Box::new(pages.into_iter().enumerate().map(move |(k, page)| {
        let (title, crumbs, pager) = (title.clone(), crumbs.clone(), paginate::pager(row.path, k + 1, count));
        let frame = Page { site, root: root.clone(), title, crumbs, section: row.section, pager, page };
        Job::new(paginate::path(row.path, k + 1), row.template, frame)
    }))
}

/// A plain list in pages.
fn list_pages<T: Serialize>(rows: Vec<T>, per: usize) -> Vec<ListPage<T>> {
    paginate::chunks(rows, per).into_iter().map(|rows| ListPage { rows }).collect()
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
    /// The first few; `aftaler.html` lists them all.
    docs: Vec<DocCard>,
    total: usize,
}

#[derive(Serialize)]
struct IndexPage {
    front: Option<String>,
    /// `_index.md`'s `title` (SPEC §2), else the site's title.
    heading: String,
    counts: Vec<KindCount>,
    by_status: Vec<StatusGroup>,
    upcoming: Vec<DeadlineRow>,
    overdue: Vec<DeadlineRow>,
    /// All overdue items, when more than the front page lists.
    overdue_total: usize,
    recently_changed: Vec<super::changes::ChangeItem>,
    unsigned: Vec<Unsigned>,
    has_terms: bool,
}

/// An agreement in force that lacks a signature, with who has yet to sign.
#[derive(Clone, Serialize)]
struct Unsigned {
    doc: DocCard,
    text: String,
}

fn unsigned(ctx: &Ctx, root: &str) -> Vec<Unsigned> {
    of_kind(ctx, Kind::Agreement)
        .into_iter()
        .filter(|&i| ctx.in_force(i))
        .filter_map(|i| {
            let s = ctx.signature_status(&ctx.model.docs[i]).filter(|s| !s.complete)?;
            Some(Unsigned { doc: ctx.card(root, i), text: s.text })
        })
        .collect()
}

/// How many deadlines the front page lists; `frister.html` has them all.
const FRONT_PAGE_ITEMS: usize = 10;

fn of_kind(ctx: &Ctx, k: Kind) -> Vec<usize> {
    (0..ctx.model.docs.len()).filter(|&i| ctx.model.docs[i].kind() == k).collect()
}

fn index(ctx: &Ctx) -> IndexPage {
    let t = ctx.t;
    let counts = TOP_PAGES
        .iter()
        .filter_map(|row| {
            let count = match row.lists? {
                // Parties declared only inline have pages too, so count the graph's parties.
                Kind::Party => ctx.graph.parties.len(),
                k => of_kind(ctx, k).len(),
            };
            Some(KindCount { title: (row.title)(t), href: row.path.to_string(), count })
        })
        .collect();
    let agreements = of_kind(ctx, Kind::Agreement);
    let by_status = Shown::ORDER
        .iter()
        .map(|&s| {
            let all: Vec<usize> = agreements.iter().copied().filter(|&i| ctx.graph.shown(i) == Some(s)).collect();
            let shown = &all[..all.len().min(FRONT_PAGE_ITEMS)];
            let status = StatusView { key: s.key(), label: s.label(ctx.t) };
            StatusGroup { status, docs: ctx.cards("", shown), total: all.len() }
        })
        .filter(|g| g.total > 0)
        .collect();
    let due = front_page(ctx, FRONT_PAGE_ITEMS);
    IndexPage {
        front: ctx.html.front.as_ref().map(|f| f.html.clone()),
        heading: ctx.model.front.as_ref().map_or_else(|| ctx.config.title.clone(), |d| d.title.clone()),
        counts,
        by_status,
        overdue_total: due.overdue_total,
        upcoming: due.upcoming,
        overdue: due.overdue,
        recently_changed: super::changes::recent(ctx, ""),
        unsigned: unsigned(ctx, ""),
        has_terms: !ctx.glossary.is_empty(),
    }
}

#[derive(Clone, Serialize)]
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
    parties: Vec<FilterOption>,
    statuses: Vec<StatusView>,
    unsigned: Vec<Unsigned>,
}

fn agreements(ctx: &Ctx) -> Vec<AgreementsPage> {
    let rows: Vec<AgreementRow> = of_kind(ctx, Kind::Agreement)
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
    let mut parties: Vec<FilterOption> = ctx
        .graph
        .parties
        .iter()
        .filter(|p| rows.iter().any(|r| r.party_keys.split(' ').any(|k| k == p.id)))
        .map(|p| FilterOption { value: p.id.clone(), label: p.details.name.clone() })
        .collect();
    parties.dedup_by(|a, b| a.value == b.value);
    let statuses: Vec<StatusView> = Shown::ORDER
        .iter()
        .filter(|s| rows.iter().any(|r| r.doc.status.as_ref().is_some_and(|x| x.key == s.key())))
        .map(|s| StatusView { key: s.key(), label: s.label(ctx.t) })
        .collect();
    let unsigned = unsigned(ctx, "");
    let pages = paginate::chunks(rows, paginate::TABLE_ROWS);
    pages
        .into_iter()
        .map(|rows| AgreementsPage {
            rows,
            parties: parties.clone(),
            statuses: statuses.clone(),
            unsigned: unsigned.clone(),
        })
        .collect()
}

#[derive(Clone, Serialize)]
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

fn plans(ctx: &Ctx) -> Vec<ListPage<PlanRow>> {
    let rows: Vec<PlanRow> = of_kind(ctx, Kind::Plan)
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
    list_pages(rows, paginate::TABLE_ROWS)
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

#[derive(Clone, Serialize)]
struct Cell {
    number: Option<u32>,
    wording: Option<String>,
}

/// The crosswalk: principles × the documents that state them, each cell in the document's
/// own numbering and words.
fn principles(ctx: &Ctx) -> Vec<PrinciplesPage> {
    let mut columns: Vec<usize> =
        ctx.graph.principles.values().flat_map(|n| n.statements.iter().map(|s| s.doc)).collect();
    columns.sort_by_key(|&i| (ctx.model.docs[i].kind(), ctx.model.docs[i].title.clone(), i));
    columns.dedup();
    // Each principle's statements by document, so a cell is a lookup, not a search.
    let stated: Vec<(usize, std::collections::HashMap<usize, Cell>)> = ctx
        .graph
        .principle_order
        .iter()
        .map(|&p| {
            let cells = ctx.graph.principles[&p]
                .statements
                .iter()
                .rev() // the first statement of a document wins, as before
                .map(|s| (s.doc, Cell { number: s.number, wording: s.wording.clone() }))
                .collect();
            (p, cells)
        })
        .collect();
    paginate::chunks(columns, paginate::COLUMNS)
        .into_iter()
        .map(|page| PrinciplesPage {
            principles: stated
                .iter()
                .map(|(p, cells)| PrincipleRow {
                    doc: ctx.card("", *p),
                    number: ctx.model.docs[*p].principle_number(),
                    cells: page.iter().map(|c| cells.get(c).cloned()).collect(),
                })
                .collect(),
            columns: ctx.cards("", &page),
        })
        .collect()
}

#[derive(Clone, Serialize)]
struct PartyRow {
    party: PartyView,
    documents: usize,
    duties: usize,
    items: usize,
}

fn parties(ctx: &Ctx) -> Vec<ListPage<PartyRow>> {
    let rows: Vec<PartyRow> = ctx
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
    list_pages(rows, paginate::TABLE_ROWS)
}

fn documents(ctx: &Ctx) -> Vec<ListPage<DocCard>> {
    list_pages(ctx.cards("", &of_kind(ctx, Kind::Document)), paginate::CARDS)
}

#[derive(Clone, Serialize)]
struct TopicRow {
    link: Link,
    count: usize,
}

fn topics(ctx: &Ctx) -> Vec<ListPage<TopicRow>> {
    let rows: Vec<TopicRow> = ctx
        .graph
        .tags
        .values()
        .map(|t| TopicRow {
            link: Link { title: t.name.clone(), href: href("", &format!("emner/{}.html", t.slug)) },
            count: t.docs.len(),
        })
        .collect();
    list_pages(rows, paginate::TABLE_ROWS)
}

#[derive(Serialize)]
struct TopicPage {
    name: String,
    docs: Vec<DocCard>,
}
