//! What every document page shows around its own content: title, status, banners, dates,
//! tags, table of contents, body, related documents, backlinks, principles and parties.

use super::frame::ROOT;
use crate::model::{Document, Status};
use crate::render::markdown::Heading;
use crate::site::{href, Ctx, DocCard, Link, PartyView, StatusView};
use serde::Serialize;

/// What every document page shows around its own content.
#[derive(Serialize)]
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

#[derive(Serialize)]
struct Stated {
    number: Option<u32>,
    wording: Option<String>,
    link: Link,
}

#[derive(Serialize)]
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
