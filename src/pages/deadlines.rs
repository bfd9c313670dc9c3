//! Deadlines: every dated plan item and every agreement's expiry and review date, in date
//! order, for `frister.html` and the front page, so a coordinator sees in one place what
//! falls due and when.

use crate::date::Date;
use crate::graph::lifecycle::{agreement_dates, AgreementDate, DateKind};
use crate::graph::ItemRef;
use crate::model::{ItemStatus, Kind};
use crate::site::{Ctx, Detail, FilterOption, Link, StatusView};
use serde::Serialize;

/// One deadline: a plan item's, or an agreement's expiry or review date.
#[derive(Clone, Serialize)]
pub(super) struct DeadlineRow {
    date: String,
    date_long: String,
    title: String,
    href: String,
    /// The plan or agreement it comes from.
    source: Link,
    responsible: Vec<Link>,
    /// Party ids, for the filter.
    responsible_keys: String,
    status: StatusView,
    overdue: bool,
    /// An agreement's date rather than a plan item's.
    agreement: bool,
}

#[derive(Serialize)]
pub(super) struct DeadlinesPage {
    rows: Vec<DeadlineRow>,
    overdue: usize,
    parties: Vec<FilterOption>,
    /// The agreements' statuses among the rows, as extra choices in the status filter.
    statuses: Vec<StatusView>,
}

/// A deadline before it gets a view: cheap to sort and filter however many items there are.
#[derive(Clone, Copy)]
enum Due {
    Item(ItemRef, Date, bool),
    Agreement(AgreementDate),
}

impl Due {
    fn date(&self) -> Date {
        match self {
            Due::Item(_, d, _) => *d,
            Due::Agreement(a) => a.date,
        }
    }

    /// Still to be done: an open plan item, or any agreement date not yet passed, or a
    /// review date that has (a review left undone).
    fn open(&self, today: Date) -> bool {
        match self {
            Due::Item(_, _, done) => !done,
            Due::Agreement(a) => a.kind == DateKind::Review || a.date >= today,
        }
    }

    fn overdue(&self, ctx: &Ctx) -> bool {
        let today = ctx.config.today;
        match self {
            Due::Item(r, _, _) => {
                ctx.model.docs[r.plan].plan().and_then(|p| p.items().nth(r.item)).is_some_and(|i| ctx.is_overdue(i))
            }
            // A review date that has passed is a task left undone; an expiry date is a fact.
            Due::Agreement(a) => a.kind == DateKind::Review && a.date < today,
        }
    }

    fn row(self, ctx: &Ctx) -> DeadlineRow {
        match self {
            Due::Item(r, _, _) => {
                let i = ctx.item("", r, Detail::Summary);
                DeadlineRow {
                    date: i.deadline.unwrap_or_default(),
                    date_long: i.deadline_long.unwrap_or_default(),
                    title: i.title,
                    href: i.href,
                    source: i.plan,
                    responsible: i.responsible,
                    responsible_keys: i.responsible_keys,
                    status: i.status,
                    overdue: i.overdue,
                    agreement: false,
                }
            }
            Due::Agreement(a) => agreement_row(ctx, a),
        }
    }
}

/// Every deadline of the site by date; on the same day items keep their plan order and
/// agreements follow them.
fn all_due(ctx: &Ctx) -> Vec<Due> {
    let mut due: Vec<Due> = Vec::new();
    for (i, d) in ctx.model.docs.iter().enumerate().filter(|(_, d)| d.kind() == Kind::Plan) {
        for (k, item) in d.plan().into_iter().flat_map(|p| p.items()).enumerate() {
            if let Some(date) = item.deadline {
                due.push(Due::Item(ItemRef { plan: i, item: k }, date.0, item.status == ItemStatus::Faerdig));
            }
        }
    }
    due.extend(agreement_dates(ctx.model, &ctx.graph.lifecycle).into_iter().map(Due::Agreement));
    due.sort_by_key(|d| d.date());
    due
}

/// All deadlines, by date, in pages.
pub(super) fn deadlines(ctx: &Ctx) -> Vec<DeadlinesPage> {
    let rows: Vec<DeadlineRow> = all_due(ctx).into_iter().map(|d| d.row(ctx)).collect();
    let overdue = rows.iter().filter(|r| r.overdue).count();
    let mut parties: Vec<FilterOption> = ctx
        .graph
        .parties
        .iter()
        .filter(|p| rows.iter().any(|r| r.responsible_keys.split(' ').any(|k| k == p.id)))
        .map(|p| FilterOption { value: p.id.clone(), label: p.details.name.clone() })
        .collect();
    parties.push(FilterOption { value: "faelles".into(), label: ctx.t.faelles.into() });
    let mut statuses: Vec<StatusView> = Vec::new();
    for r in rows.iter().filter(|r| r.agreement) {
        if !statuses.iter().any(|s| s.key == r.status.key) {
            statuses.push(r.status.clone());
        }
    }
    let pages = super::paginate::chunks(rows, super::paginate::TABLE_ROWS);
    pages
        .into_iter()
        .map(|rows| DeadlinesPage { rows, overdue, parties: parties.clone(), statuses: statuses.clone() })
        .collect()
}

/// The front page's deadlines: the first `limit` overdue ones (with how many there are) and
/// the next `limit` upcoming ones; only those get a view.
pub(super) struct FrontPage {
    pub overdue: Vec<DeadlineRow>,
    pub overdue_total: usize,
    pub upcoming: Vec<DeadlineRow>,
}

pub(super) fn front_page(ctx: &Ctx, limit: usize) -> FrontPage {
    let today = ctx.config.today;
    let (overdue, upcoming): (Vec<Due>, Vec<Due>) =
        all_due(ctx).into_iter().filter(|d| d.open(today)).partition(|d| d.overdue(ctx));
    let view = |due: &[Due]| due.iter().take(limit).map(|d| d.row(ctx)).collect::<Vec<_>>();
    FrontPage { overdue: view(&overdue), overdue_total: overdue.len(), upcoming: view(&upcoming) }
}

fn agreement_row(ctx: &Ctx, a: AgreementDate) -> DeadlineRow {
    let doc = &ctx.model.docs[a.doc];
    let link = ctx.doc_link("", doc);
    let parties = ctx.doc_parties("", doc);
    let status =
        ctx.doc_status(a.doc).map_or(StatusView { key: "", label: "" }, |s| StatusView { key: s.key, label: s.label });
    let title = match a.kind {
        DateKind::Expires => ctx.t.deadline_expires,
        DateKind::Review => ctx.t.deadline_review,
    };
    DeadlineRow {
        date: a.date.to_string(),
        date_long: ctx.date(a.date),
        title: title.to_string(),
        href: link.href.clone(),
        responsible_keys: parties.iter().map(|p| p.id.clone()).collect::<Vec<_>>().join(" "),
        responsible: parties.into_iter().map(|p| Link { title: p.name, href: p.href }).collect(),
        source: link,
        status,
        overdue: Due::Agreement(a).overdue(ctx),
        agreement: true,
    }
}
