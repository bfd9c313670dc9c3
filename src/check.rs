//! Check: what needs every page's headings at once (links to anchors), and what depends on a
//! document's status (blanks and guidance notes left in a `gældende` agreement).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Document, Kind, KindData, Model, Status};
use crate::render::SiteHtml;
use std::collections::HashSet;

/// Anchors the page templates add beside the body's headings.
pub fn page_anchors(doc: &Document) -> Vec<String> {
    let mut a: Vec<String> = ["indhold", "toc"].map(String::from).to_vec();
    match &doc.data {
        KindData::Agreement(_) => a.extend(
            ["parter", "maalgruppe", "ansvar", "principper", "tekst", "historik", "underskrifter"].map(String::from),
        ),
        KindData::Plan(p) => {
            a.push("punkter".into());
            a.extend(p.items().map(|i| i.id.clone()));
            a.extend((1..=p.sections.len()).map(|n| format!("afsnit-{n}")));
        }
        KindData::Principle { .. } => a.extend(["dokumenter", "punkter"].map(String::from)),
        _ => {}
    }
    a
}

pub fn run(model: &Model, html: &SiteHtml, diags: &mut Diagnostics) {
    let anchors: Vec<HashSet<String>> = model
        .docs
        .iter()
        .zip(&html.docs)
        .map(|(d, h)| {
            h.body
                .headings
                .iter()
                .map(|x| x.id.clone())
                .chain(page_anchors(d))
                .chain(footnote_ids(&h.body.html))
                .collect()
        })
        .collect();
    for (doc, h) in model.docs.iter().zip(&html.docs) {
        for link in h.fragments().flat_map(|f| f.links.iter()) {
            let (Some(anchor), Some(target)) = (&link.anchor, model.index_of(&link.id)) else { continue };
            if !anchors[target].contains(anchor) {
                let best = crate::diagnostics::closest(anchor, anchors[target].iter().map(String::as_str));
                let hint = match best {
                    Some(b) => format!("did you mean `#{b}`?"),
                    None => format!("headings in `{}`: {}", link.id, heading_list(&html.docs[target].body.headings)),
                };
                diags.push(
                    Diagnostic::error(&doc.source, link.pos, format!("no heading `#{anchor}` in `{}`", link.id))
                        .with_hint(hint),
                );
            }
        }
        blanks(doc, h, diags);
    }
}

fn heading_list(hs: &[crate::render::markdown::Heading]) -> String {
    if hs.is_empty() {
        return "none".into();
    }
    hs.iter().take(10).map(|h| format!("#{}", h.id)).collect::<Vec<_>>().join(", ")
}

/// pulldown-cmark gives footnote definitions their label as id.
fn footnote_ids(html: &str) -> impl Iterator<Item = String> + '_ {
    html.match_indices("<div class=\"footnote-definition\" id=\"").filter_map(|(i, m)| {
        let rest = &html[i + m.len()..];
        rest.find('"').map(|e| rest[..e].to_string())
    })
}

fn blanks(doc: &Document, h: &crate::render::DocHtml, diags: &mut Diagnostics) {
    let (nb, ng) = (h.blank_count(), h.guidance_count());
    if nb + ng == 0 {
        return;
    }
    let positions = h.fragments().flat_map(|f| f.blanks.iter().chain(f.guidance.iter()));
    if doc.kind == Kind::Aftale && doc.status == Some(Status::Gaeldende) {
        for &pos in positions {
            diags.push(
                Diagnostic::error(&doc.source, pos, "blank or guidance note in an agreement that is `gældende`")
                    .with_hint("write the agreed text here, or set `status: udkast` until it is agreed"),
            );
        }
        return;
    }
    let first = h.fragments().flat_map(|f| f.blanks.iter().chain(f.guidance.iter())).min().copied().unwrap_or_default();
    diags.push(
        Diagnostic::warning(&doc.source, first, format!("{nb} blank(s) and {ng} guidance note(s) still to fill in"))
            .with_hint("fine in a template or draft; they become errors when the status is `gældende`"),
    );
}
