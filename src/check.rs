//! Check: what needs every page's headings at once (links to anchors), and what depends on a
//! document's status (blanks and guidance notes left in a `gældende` agreement).

use crate::anchors;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Document, Kind, Model, Status};
use crate::render::links::LinkTarget;
use crate::render::{Cleaning, DocHtml, SiteHtml};
use rayon::prelude::*;

/// Every anchor a link may name on `doc`'s page: its body's headings, the sections the page
/// renders, a plan's sections and items, and footnotes (in the body's HTML as cleaned).
fn page_anchors(doc: &Document, h: &DocHtml, cleaning: Cleaning) -> Vec<String> {
    let toc = anchors::has_toc(h.body.headings.iter().map(|x| x.level));
    let mut a: Vec<String> = vec![anchors::MAIN.to_string()];
    a.extend(anchors::sections(doc, toc).into_iter().map(|s| s.id().to_string()));
    a.extend(anchors::generated(doc));
    a.extend(h.body.headings.iter().map(|x| x.id.clone()));
    match cleaning {
        Cleaning::Now(_) => a.extend(footnote_ids(&h.body.html)),
        Cleaning::Deferred(policy) => a.extend(footnote_ids(&policy.clean(&h.body.html))),
    }
    a
}

/// Runs the checks on `html`, rendered with `cleaning`.
pub(crate) fn run(model: &Model, html: &SiteHtml, cleaning: Cleaning, diags: &mut Diagnostics) {
    let anchored =
        || html.docs.iter().filter(|h| h.marks.anchored).flat_map(|h| h.fragments().flat_map(|f| f.links.iter()));
    // Only the pages that links name an anchor of: working out every page's anchors (its
    // whole HTML searched for footnotes) took longer than all the rest of the checks.
    let targets: std::collections::BTreeSet<usize> =
        anchored().filter(|l| l.anchor.is_some()).filter_map(|l| model.index_of(&l.id)).collect();
    let anchors: std::collections::HashMap<usize, Vec<String>> =
        targets.into_par_iter().map(|t| (t, page_anchors(&model.docs[t], &html.docs[t], cleaning))).collect();
    let found: Vec<Diagnostics> = (model.docs.par_iter().zip(&html.docs))
        .filter(|(_, h)| h.marks.anchored || h.marks.blanks + h.marks.guidance > 0)
        .map(|(doc, h)| {
            let mut found = Diagnostics::default();
            for link in h.fragments().flat_map(|f| f.links.iter()) {
                let (Some(anchor), Some(target)) = (&link.anchor, model.index_of(&link.id)) else { continue };
                let on_page = &anchors[&target];
                if !on_page.contains(anchor) {
                    found.push(missing_anchor(&doc.source, link, on_page));
                }
            }
            blanks(doc, h, &mut found);
            found
        })
        .collect();
    for f in found {
        diags.extend(f.iter().cloned());
    }
}

/// A link to an anchor its page does not have, with the anchors it does have.
fn missing_anchor(file: &std::path::Path, link: &LinkTarget, existing: &[String]) -> Diagnostic {
    let anchor = link.anchor.as_deref().unwrap_or_default();
    let list = existing.iter().take(15).map(|a| format!("#{a}")).collect::<Vec<_>>().join(", ");
    let more = if existing.len() > 15 { ", …" } else { "" };
    let hint = match crate::diagnostics::closest(anchor, existing.iter().map(String::as_str)) {
        Some(b) => format!("did you mean `#{b}`?"),
        None => format!("anchors in `{}`: {list}{more}", link.id),
    };
    Diagnostic::error(file, link.pos, format!("no heading `#{anchor}` in `{}`", link.id)).with_hint(hint)
}

/// pulldown-cmark gives footnote definitions their label as id.
fn footnote_ids(html: &str) -> impl Iterator<Item = String> + '_ {
    html.match_indices("<div class=\"footnote-definition\" id=\"").filter_map(|(i, m)| {
        let rest = &html[i + m.len()..];
        rest.find('"').map(|e| rest[..e].to_string())
    })
}

fn blanks(doc: &Document, h: &DocHtml, diags: &mut Diagnostics) {
    let (nb, ng) = (h.blank_count(), h.guidance_count());
    if nb + ng == 0 {
        return;
    }
    let positions = h.fragments().flat_map(|f| f.blanks.iter().chain(f.guidance.iter()));
    if doc.kind() == Kind::Agreement && doc.status == Some(Status::Gaeldende) {
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
