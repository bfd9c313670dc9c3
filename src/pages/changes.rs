//! `aendringer/<id>.html`: a document's redline against the version it supersedes, and the
//! front page's "Senest ændret" list of them.

use super::frame::{crumbs, Job, Page, SiteView};
use crate::redline::{FieldChange, Redline, State};
use crate::site::{href, list_of, Ctx, Link};
use serde::Serialize;

const ROOT: &str = "../";

#[derive(Serialize)]
struct ChangesPage {
    doc: Link,
    previous: Link,
    count: String,
    fields: Vec<FieldChange>,
    sections: Vec<SectionView>,
}

#[derive(Serialize)]
struct SectionView {
    heading: String,
    state: State,
    /// What happened, as a reader reads it: "ændret", "nyt afsnit", "uændret, flyttet" …
    label: String,
    html: String,
}

/// A redline as the front page lists it.
#[derive(Serialize)]
pub(super) struct ChangeItem {
    link: Link,
    count: String,
}

/// How many redlines the front page lists.
const FRONT_PAGE_CHANGES: usize = 5;

/// The redline pages of the redlines `which` picks.
pub(super) fn pages<'a>(ctx: &Ctx, site: &'a SiteView, which: impl Fn(&Redline) -> bool) -> Vec<Job<'a>> {
    ctx.redlines.iter().filter(|r| which(r)).map(|r| page(ctx, site, r)).collect()
}

fn page<'a>(ctx: &Ctx, site: &'a SiteView, r: &Redline) -> Job<'a> {
    let t = ctx.t;
    let (new, old) = (&ctx.model.docs[r.new], &ctx.model.docs[r.old]);
    let sections = r
        .sections
        .iter()
        .map(|s| {
            let what = match s.state {
                State::Unchanged => t.unchanged,
                State::Changed => t.change_many,
                State::Added => t.section_added,
                State::Removed => t.section_removed,
            };
            let what = if s.state == State::Changed { format!("{} {what}", s.changes) } else { what.to_string() };
            let label = if s.moved { format!("{what}, {}", t.moved) } else { what };
            let label = if s.state == State::Changed && s.changes == 1 {
                label.replace(t.change_many, t.change_one)
            } else {
                label
            };
            SectionView {
                heading: s.heading.clone().unwrap_or_else(|| t.section_start.to_string()),
                state: s.state,
                label,
                html: s.html.clone(),
            }
        })
        .collect();
    let page = ChangesPage {
        doc: ctx.doc_link(ROOT, new),
        previous: ctx.doc_link(ROOT, old),
        count: r.count_text(t),
        fields: r.fields.clone(),
        sections,
    };
    let list = list_of(new.kind());
    let mut steps: Vec<(&str, &str)> = list.map(|l| ((l.title)(t), l.path)).into_iter().collect();
    let url = new.url();
    steps.push((&new.title, &url));
    let title = format!("{} {}", t.changes_in, new.title);
    let section = list.map_or("", |l| l.section);
    let frame = Page { site, root: ROOT.into(), title, crumbs: crumbs(ctx, ROOT, &steps), section, pager: None, page };
    Job::new(format!("aendringer/{}.html", new.id), "aendringer.html", frame)
}

/// The newest changes first: by the new version's effective date, else its date.
pub(super) fn recent(ctx: &Ctx, root: &str) -> Vec<ChangeItem> {
    let when = |r: &Redline| {
        let d = &ctx.model.docs[r.new];
        d.agreement().and_then(|a| a.effective).or(d.updated).or(d.date)
    };
    let mut all: Vec<&Redline> = ctx.redlines.iter().collect();
    all.sort_by(|a, b| when(b).cmp(&when(a)).then(a.new.cmp(&b.new)));
    all.into_iter()
        .take(FRONT_PAGE_CHANGES)
        .map(|r| ChangeItem {
            link: Link {
                title: ctx.model.docs[r.new].title.clone(),
                href: href(root, &format!("aendringer/{}.html", ctx.model.docs[r.new].id)),
            },
            count: r.count_text(ctx.t),
        })
        .collect()
}
