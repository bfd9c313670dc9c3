//! What every document page shows around its own content: title, status, banners, dates,
//! tags, table of contents, body, related documents, backlinks, principles and parties.

use super::frame::ROOT;
use crate::anchors::{has_toc, sections, SectionIds};
use crate::graph::Shown;
use crate::model::Status;
use crate::render::markdown::Heading;
use crate::site::{href, Ctx, DocCard, DocStatus, Link, PartyView};
use serde::Serialize;

/// What every document page shows around its own content.
#[derive(Clone, Serialize)]
pub(super) struct Common {
    id: String,
    title: String,
    summary: Option<String>,
    kind_label: &'static str,
    status: Option<DocStatus>,
    /// Set when the document is not in the site's language.
    lang: Option<&'static str>,
    date: Option<String>,
    updated: Option<String>,
    owner: Option<String>,
    tags: Vec<Link>,
    toc: Vec<Heading>,
    /// The page's sections that links may point to, with their ids.
    sections: SectionIds,
    body: String,
    /// Print may number the body's headings (they carry no numbers of their own).
    numbered: bool,
    related: Vec<DocCard>,
    backlinks: Vec<DocCard>,
    principles: Vec<Stated>,
    parties: Vec<PartyView>,
    banners: Vec<Banner>,
    /// The redline against the predecessor, or (on a superseded document) to its successor.
    changes: Option<ChangesLink>,
    /// Terms linked in the body, with their definitions: the list print shows as notes.
    terms: Vec<TermUse>,
}

#[derive(Clone, Serialize)]
struct ChangesLink {
    title: &'static str,
    href: String,
    count: String,
}

#[derive(Clone, Serialize)]
struct TermUse {
    anchor: String,
    name: String,
    definition: String,
    href: String,
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
        c.backlinks = super::paginate::rows(&self.backlinks, super::paginate::CARDS, n);
        c
    }
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
        kind_label: ctx.kind_label(d.kind()),
        status: ctx.doc_status(i),
        lang: ctx.lang(d),
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
        sections: SectionIds::of(&sections(d, has_toc(h.body.headings.iter().map(|x| x.level)))),
        body: h.body.html.clone(),
        numbered: !h.body.self_numbered && !d.numbered,
        related: ctx.cards(ROOT, &ctx.graph.related[i]),
        backlinks: ctx.cards(ROOT, &ctx.graph.backlinks[i]),
        principles,
        parties: ctx.doc_parties(ROOT, d),
        banners: banners(ctx, i),
        changes: changes_link(ctx, i),
        terms: terms_used(ctx, &h.body.terms),
    }
}

fn changes_link(ctx: &Ctx, i: usize) -> Option<ChangesLink> {
    let (r, title) = match ctx.redlines.iter().find(|r| r.new == i) {
        Some(r) => (r, ctx.t.changes_from_previous),
        None => (ctx.redlines.iter().find(|r| r.old == i)?, ctx.t.see_changes),
    };
    let id = &ctx.model.docs[r.new].id;
    Some(ChangesLink { title, href: href(ROOT, &format!("aendringer/{id}.html")), count: r.count_text(ctx.t) })
}

fn terms_used(ctx: &Ctx, used: &[usize]) -> Vec<TermUse> {
    used.iter()
        .map(|&e| {
            let e = &ctx.glossary.entries[e];
            TermUse {
                anchor: e.anchor.clone(),
                name: e.name.clone(),
                definition: e.definition.clone(),
                href: href(ROOT, &format!("begreber.html#{}", e.anchor)),
            }
        })
        .collect()
}

/// The notes under a document's title, from its lifecycle (SPEC §2.8): what replaced it,
/// when it expired or comes into force, that it is due for review, or that it is a draft.
fn banners(ctx: &Ctx, i: usize) -> Vec<Banner> {
    let t = ctx.t;
    let Some(l) = ctx.graph.lifecycle[i] else { return Vec::new() };
    let banner = |key, label, text: Option<String>, link| Banner { key, label, text, link };
    let mut out = Vec::new();
    match l.shown {
        Shown::Erstattet => out.push(banner(
            "superseded",
            t.banner_superseded,
            None,
            l.superseded_by.map(|j| ctx.doc_link(ROOT, &ctx.model.docs[j])),
        )),
        Shown::Udloebet => out.push(banner(
            "expired",
            t.status_udloebet,
            l.expired.map(|x| format!("{} {}.", t.banner_expired_text, ctx.date(x))),
            None,
        )),
        Shown::Kommende => out.push(banner(
            "upcoming",
            t.status_kommende,
            l.effective.map(|x| format!("{} {}.", t.banner_upcoming_text, ctx.date(x))),
            None,
        )),
        Shown::Arkiveret => out.push(banner("arkiveret", t.status_arkiveret, None, None)),
        Shown::Written(Status::Skabelon) => {
            out.push(banner("template", t.status_skabelon, Some(t.banner_template.into()), None))
        }
        Shown::Written(Status::Udkast) => out.push(banner("draft", t.status_udkast, Some(t.banner_draft.into()), None)),
        Shown::Written(_) => {}
    }
    if let Some(r) = l.review_due {
        out.push(banner("review", t.banner_review, Some(format!("{} {}.", t.banner_review_text, ctx.date(r))), None));
    }
    out
}
