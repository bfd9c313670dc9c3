//! What each document, party and defined term is found by in the search index, and what
//! its results show: one entry per document, section of a long document and plan item, with
//! their terms (stemmed) and status, ready to be numbered ([`super::entry::Numbered`]).

use super::entry::{Draft, Entry, EntryKind, Standing, StatusRow};
use super::sections;
use crate::graph::Shown;
use crate::model::{Document, Kind, Status};
use crate::render::DocHtml;
use crate::site::Ctx;
use std::fmt::Write as _;

/// Longest text kept per entry for result snippets (characters): enough to show the words
/// around a hit in most sections and items.
const SNIPPET_TEXT: usize = 1200;

/// The entries after the documents': each party without a profile of its own, then each
/// defined term, one group each.
pub(super) fn others(ctx: &Ctx) -> Vec<Vec<Draft>> {
    let parties = ctx
        .graph
        .parties
        .iter()
        .filter(|p| p.profile.is_none())
        .map(|p| {
            let details = [p.details.short.as_deref(), p.details.address.as_deref(), p.details.cvr.as_deref()];
            let text = details.iter().flatten().copied().collect::<Vec<_>>().join(" ");
            let url = format!("parter/{}.html", p.id);
            let entry = entry(&p.details.name, EntryKind::Doc(Kind::Party), url, &text);
            vec![Draft::new(entry, None, text)]
        })
        .collect::<Vec<_>>();
    let terms = ctx.glossary.entries.iter().map(|e| {
        let entry = entry(&e.name, EntryKind::Term, format!("begreber.html#{}", e.anchor), &e.definition);
        vec![Draft::new(entry, None, e.definition.clone())]
    });
    parties.into_iter().chain(terms.collect::<Vec<_>>()).collect()
}

fn entry(title: &str, kind: EntryKind, url: String, text: &str) -> Entry {
    Entry { title: title.to_string(), kind, url, text: snippet(text), parent: None, status: 0 }
}

/// A document's entries: itself first, then its sections (long documents) or items (plans).
pub(super) fn document(ctx: &Ctx, i: usize) -> Vec<Draft> {
    let (d, h) = (&ctx.model.docs[i], &ctx.html.docs[i]);
    let status = doc_status(ctx, i);
    let split = sections::split(&h.body);
    let body = split.as_ref().map_or(h.body.text.as_str(), |s| s.intro.as_str());
    let shown = [d.summary.as_deref().unwrap_or(""), body].join(" ");
    let found_by = format!("{shown} {}", doc_fields(ctx, d, h));
    let mut group =
        vec![Draft::new(entry(&d.title, EntryKind::Doc(d.kind()), d.url(), &shown), status.clone(), found_by)];
    // Each section's text is what finds it: moved into its draft, not copied.
    for s in split.into_iter().flat_map(|s| s.sections) {
        let e = entry(&s.heading, EntryKind::Section, format!("{}#{}", d.url(), s.id), &s.text);
        group.push(Draft::new(e, status.clone(), s.text));
    }
    if d.kind() == Kind::Plan {
        let standing = status.map_or(Standing::Current, |s| s.2);
        group.extend(items(ctx, d, h, standing));
    }
    group
}

/// The status a reader sees (SPEC §2.8, worked out in `graph::lifecycle`), as the pill's CSS
/// classes, label and how it ranks.
fn doc_status(ctx: &Ctx, i: usize) -> Option<StatusRow> {
    let shown = ctx.graph.shown(i)?;
    let standing = match shown {
        Shown::Written(Status::Gaeldende) => Standing::Current,
        Shown::Kommende | Shown::Written(Status::Udkast | Status::Skabelon) => Standing::Pending,
        _ => Standing::Past,
    };
    Some((format!("status status-{}", shown.key()), shown.label(ctx.t).into(), standing))
}

/// What a document is found by besides its title, summary and body: owner, a party's own
/// details (short name, address, CVR), the parties it names, and its
/// Markdown fields (målgruppe, duties, section intros), plan section titles.
fn doc_fields(ctx: &Ctx, d: &Document, h: &DocHtml) -> String {
    let mut text = d.owner.clone().unwrap_or_default();
    if let Some(p) = d.party() {
        let details = [&p.short, &p.address, &p.cvr, &p.phone, &p.email];
        for x in details.into_iter().flatten() {
            let _ = write!(text, " {x}");
        }
    }
    for p in d.parties.iter().filter_map(|p| ctx.graph.party(&p.id)) {
        let _ = write!(text, " {} {}", p.details.name, p.details.short.as_deref().unwrap_or(""));
    }
    let fields = h
        .target_group_description
        .iter()
        .chain(&h.criteria)
        .chain(h.duties.iter().flatten())
        .chain(h.section_intros.iter().flatten());
    for r in fields {
        text.push(' ');
        text.push_str(&r.text);
    }
    for s in d.plan().into_iter().flat_map(|p| &p.sections) {
        text.push(' ');
        text.push_str(&s.title);
    }
    text
}

/// A plan's items as entries of their own, found by every text they have: title, question,
/// guidance, answer, who is responsible, owner, status and the principles they serve.
/// Items rank by their plan's standing and show their own status.
fn items(ctx: &Ctx, d: &Document, h: &DocHtml, standing: Standing) -> Vec<Draft> {
    let mut out = Vec::new();
    for (k, item) in d.plan().into_iter().flat_map(|p| p.items()).enumerate() {
        let ih = &h.items[k];
        let shown: Vec<&str> =
            [&ih.question, &ih.guidance, &ih.answer].into_iter().flatten().map(|r| r.text.as_str()).collect();
        let shown = shown.join(" ");
        let mut found_by = shown.clone();
        for r in &item.responsible {
            let _ = write!(found_by, " {}", ctx.responsible_link("", r).title);
        }
        for p in item.principles.iter().filter_map(|p| ctx.model.get(&p.id)) {
            let _ = write!(found_by, " {}", p.title);
        }
        let status = ctx.item_status(item.status);
        let _ = write!(found_by, " {} {}", item.owner.as_deref().unwrap_or(""), status.label);
        let e = entry(&item.title, EntryKind::Item, format!("{}#{}", d.url(), item.id), &shown);
        let row = (format!("item-status item-status-{}", status.key), status.label.into(), standing);
        out.push(Draft::new(e, Some(row), found_by));
    }
    out
}

/// The start of a text, whitespace collapsed, cut at a word boundary with `…`. Words are
/// collapsed only up to the cut: a 4 KB text is shown by its first 1,200 characters.
fn snippet(text: &str) -> String {
    let collapsed = sections::collapse(text, SNIPPET_TEXT);
    match collapsed.char_indices().nth(SNIPPET_TEXT) {
        Some((i, _)) => {
            let cut = collapsed[..i].rfind(' ').filter(|&j| j > i / 2).unwrap_or(i);
            format!("{}…", &collapsed[..cut])
        }
        None => collapsed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_cut_at_a_word() {
        let long = "ord ".repeat(800);
        let s = snippet(&long);
        assert!(s.ends_with("ord…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_TEXT + 1);
        assert_eq!(snippet("  kort   tekst "), "kort tekst");
        // Exactly the limit is shown whole; one character more is cut.
        let exact = format!("{} b", "a".repeat(SNIPPET_TEXT - 2));
        assert_eq!(snippet(&format!("  {exact}  ")), exact);
        assert!(snippet(&format!("{exact}c")).ends_with('…'));
        // Counted in characters, not bytes: 700 `ø` are 1,400 bytes and shown whole.
        let danish = "ø".repeat(700);
        assert_eq!(snippet(&danish), danish);
        assert_eq!(snippet(&format!("{danish} {}", "æ".repeat(600))), format!("{danish}…"));
    }
}
