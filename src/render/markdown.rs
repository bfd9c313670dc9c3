//! Markdown → HTML with pulldown-cmark, plus what the site needs from each text: heading ids
//! and a table of contents, internal links rewritten to built pages (and recorded with their
//! source position for checking), blanks and guidance notes marked up and counted.

use super::clauses;
use super::links::{LinkCtx, LinkTarget, Resolved};
pub(crate) use super::position::Origin;
use super::position::{blank_columns, LineIndex};
use super::termlinks::TermLinker;
use crate::diagnostics::{Diagnostic, Pos};
use crate::slug::{slugify, UniqueSlugs};
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use thin_vec::ThinVec;

pub(crate) use super::clauses::Heading;

/// One rendered text. A site has hundreds of thousands (three per plan item), most with none
/// of the lists a body has: `ThinVec`, one word each while empty, not three.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Rendered {
    #[serde(with = "crate::utf8::serde")]
    pub html: String,
    pub headings: ThinVec<Heading>,
    pub links: ThinVec<LinkTarget>,
    pub blanks: ThinVec<Pos>,
    pub guidance: ThinVec<Pos>,
    /// Plain text, for the search index.
    #[serde(with = "crate::utf8::serde")]
    pub text: String,
    /// The text numbers its own sections (`## 1. Formål`), so print must not number them again.
    pub self_numbered: bool,
    /// Glossary entries whose terms are linked in this text, in first-use order.
    pub terms: ThinVec<usize>,
    pub errors: ThinVec<Diagnostic>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_TASKLISTS
}

type Ev<'a> = (Event<'a>, Range<usize>);

/// The headings of a text with their ids and clause numbers, without rendering it: what other
/// documents' references to a numbered document need before it is rendered.
pub(crate) fn outline(md: &str, reserved: &[String], numbered: bool) -> Vec<Heading> {
    let mut headings = Vec::new();
    assign_heading_ids(coalesce_text(Parser::new_ext(md, options()).into_offset_iter()), reserved, &mut headings);
    if numbered {
        let own = headings.iter().any(|h| h.text.starts_with(|c: char| c.is_ascii_digit()));
        clauses::number(&mut headings, own);
    }
    headings
}

pub(crate) fn render(md: &str, ctx: &LinkCtx, origin: Origin) -> Rendered {
    let mut out = Rendered::default();
    if let Some(n) = crate::limits::too_many_cells(md) {
        let pos = match origin {
            Origin::Body { line } => Pos::new(line + n, 1),
            Origin::Field(p) => p,
        };
        let message = format!("more than {} table cells in one text", crate::limits::MAX_TABLE_CELLS);
        out.errors
            .push(Diagnostic::error(ctx.source, pos, message).with_hint("split the table, or attach it as a file"));
        return out;
    }
    let lines = LineIndex::new(md, origin);
    let events = coalesce_text(Parser::new_ext(md, options()).into_offset_iter());
    let mut headings = Vec::new();
    let events = assign_heading_ids(events, ctx.reserved_ids, &mut headings);
    out.headings = headings.into();
    out.self_numbered = out.headings.iter().any(|h| h.text.starts_with(|c: char| c.is_ascii_digit()));
    if ctx.numbered {
        clauses::number(&mut out.headings, out.self_numbered);
    }
    let mut terms = match origin {
        Origin::Body { .. } => ctx.doc.and_then(|d| TermLinker::new(ctx.glossary, d, ctx.prefix)),
        Origin::Field(_) => None,
    };
    let mut html_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut heading = 0;
    let mut tables = 0;
    let mut plain_head = false;
    let mut in_head = false;
    let mut i = 0;
    while i < events.len() {
        let (ev, range) = &events[i];
        // Found only for the events that report or record where they stand.
        let pos = || lines.pos(range.start);
        if let Some(t) = terms.as_mut() {
            t.event(ev);
        }
        match ev {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            _ => {}
        }
        match ev {
            Event::Start(Tag::Heading { .. }) => {
                html_events.push(ev.clone());
                if let Some(n) = out.headings.get(heading).and_then(|h| h.number.as_ref()) {
                    html_events.push(Event::Html(format!("<span class=\"clause-no\">{n}</span> ").into()));
                }
                heading += 1;
            }
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                i = link(&events, i, (*link_type, dest_url, title), pos(), ctx, &mut out, &mut html_events);
                continue;
            }
            Event::Start(Tag::Paragraph) if is_guidance(&events[i..]) => {
                out.guidance.push(pos());
                html_events.push(Event::Html(
                    format!(
                        "<div class=\"guidance\" role=\"note\"><p><strong class=\"guidance-label\">{}:</strong> ",
                        ctx.labels.guidance
                    )
                    .into(),
                ));
                let end = paragraph_end(&events, i);
                let mut j = i + 1;
                while j < end {
                    let (e, r) = &events[j];
                    if let Some(t) = terms.as_mut() {
                        t.event(e);
                    }
                    let at = || lines.pos(r.start);
                    // A link inside a note is resolved like any other, never passed through raw.
                    if let Event::Start(Tag::Link { link_type, dest_url, title, .. }) = e {
                        j = link(&events, j, (*link_type, dest_url, title), at(), ctx, &mut out, &mut html_events);
                        continue;
                    }
                    push_text_aware(e.clone(), (&at, &md[r.clone()]), ctx, &mut out, &mut html_events, &mut terms);
                    j += 1;
                }
                html_events.push(Event::Html("</p></div>\n".into()));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = match ctx.resolve(dest_url, false, pos()) {
                    super::links::Resolved::File { href } => href.into(),
                    super::links::Resolved::Broken(d) => {
                        out.errors.push(*d);
                        dest_url.clone()
                    }
                    _ => dest_url.clone(),
                };
                html_events.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Table(alignments)) => {
                // Numbered, so that each scrolling region has a name of its own.
                tables += 1;
                plain_head = alignments.iter().all(|a| *a == pulldown_cmark::Alignment::None);
                html_events.push(Event::Html(
                    format!(
                        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{} {tables}\">",
                        ctx.labels.table
                    )
                    .into(),
                ));
                html_events.push(ev.clone());
            }
            // An empty header cell names no column: a plain cell, not a header with no text.
            // (Only without alignments, which pulldown-cmark applies by the cells' count.)
            Event::Start(Tag::TableCell)
                if plain_head && in_head && matches!(events.get(i + 1), Some((Event::End(TagEnd::TableCell), _))) =>
            {
                html_events.push(Event::Html("<td></td>".into()));
                i += 2;
                continue;
            }
            Event::End(TagEnd::Table) => {
                html_events.push(ev.clone());
                html_events.push(Event::Html("</div>\n".into()));
            }
            other => {
                push_text_aware(other.clone(), (&pos, &md[range.clone()]), ctx, &mut out, &mut html_events, &mut terms)
            }
        }
        i += 1;
    }
    if ctx.html {
        let html_events = super::hyphenate::in_headings_and_cells(html_events);
        pulldown_cmark::html::push_html(&mut out.html, html_events.into_iter());
    }
    out.terms = terms.map(|t| t.used.into()).unwrap_or_default();
    // Grown word by word, the text has spare room of about two fifths of its length, for as
    // long as the index needs it (43 MB at 10,000 documents): a copy of the right size has none.
    out.text = out.text.as_str().into();
    out
}

/// Renders a short front matter text (a duty, a criterion) without its wrapping `<p>`.
pub(crate) fn render_inline(md: &str, ctx: &LinkCtx, pos: Pos) -> Rendered {
    let mut r = render(md, ctx, Origin::Field(pos));
    let trimmed = r.html.trim_end();
    if trimmed.starts_with("<p>") && trimmed.ends_with("</p>") && trimmed.matches("<p>").count() == 1 {
        r.html = trimmed[3..trimmed.len() - 4].to_string();
    }
    r
}

/// Text events as one, so runs like `\_\_\_` (split by escapes) are seen whole.
/// A run is joined in one growing buffer: linear in its length, however many pieces it has.
fn coalesce_text<'a>(events: impl Iterator<Item = Ev<'a>>) -> Vec<Ev<'a>> {
    let mut out: Vec<Ev<'a>> = Vec::new();
    let mut run: Option<String> = None;
    let flush = |out: &mut Vec<Ev<'a>>, run: &mut Option<String>| {
        if let (Some(joined), Some((Event::Text(last), _))) = (run.take(), out.last_mut()) {
            *last = CowStr::from(joined);
        }
    };
    for (ev, range) in events {
        if let (Event::Text(t), Some((Event::Text(prev), prev_range))) = (&ev, out.last_mut()) {
            run.get_or_insert_with(|| prev.to_string()).push_str(t);
            prev_range.end = range.end;
            continue;
        }
        flush(&mut out, &mut run);
        out.push((ev, range));
    }
    flush(&mut out, &mut run);
    out
}

/// Gives every heading an id (its own `{#id}` or a slug of its text) and records it; demotes
/// all headings one level if the body uses `#`, since the page title is the only `h1`.
fn assign_heading_ids<'a>(mut events: Vec<Ev<'a>>, reserved: &[String], headings: &mut Vec<Heading>) -> Vec<Ev<'a>> {
    let has_h1 = events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })));
    // Made at the first heading: most texts (a duty, a plan item's answer) have none.
    let mut slugs: Option<UniqueSlugs> = None;
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { level, id, classes, attrs }) = &events[i].0 else { continue };
        let text: String = events[i + 1..]
            .iter()
            .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_))))
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let level = if has_h1 { demote(*level) } else { *level };
        let slugs = slugs.get_or_insert_with(|| UniqueSlugs::reserving(reserved.iter().cloned()));
        let anchor = slugs.next(&id.as_deref().map(str::to_string).unwrap_or_else(|| slugify(&text)));
        let text = text.trim().to_string();
        headings.push(Heading {
            level: level as u8,
            title: text.clone(),
            text,
            id: anchor.clone(),
            number: None,
            clause: None,
        });
        let (classes, attrs) = (classes.clone(), attrs.clone());
        events[i].0 = Event::Start(Tag::Heading { level, id: Some(anchor.into()), classes, attrs });
        if let Some(end) = events[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_)))) {
            events[i + end].0 = Event::End(TagEnd::Heading(level));
        }
    }
    events
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    use HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        H4 => H5,
        _ => H6,
    }
}

fn paragraph_end(events: &[Ev], start: usize) -> usize {
    events[start..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len() - 1, |p| start + p)
}

/// A paragraph that is wholly bracketed text: `[Her beskrives …]`.
fn is_guidance(events: &[Ev]) -> bool {
    let end = paragraph_end(events, 0);
    let inner = &events[1..end];
    let first = inner.iter().find_map(|(e, _)| if let Event::Text(t) = e { Some(t) } else { None });
    let last = inner.iter().rev().find_map(|(e, _)| if let Event::Text(t) = e { Some(t) } else { None });
    let starts =
        matches!(inner.first(), Some((Event::Text(_), _))) && first.is_some_and(|t| t.trim_start().starts_with('['));
    let ends = matches!(inner.last(), Some((Event::Text(_), _))) && last.is_some_and(|t| t.trim_end().ends_with(']'));
    starts && ends
}

/// Adds `piece` and `then` to the plain text, in a run that wants it ([`LinkCtx::html`]).
fn plain(out: &mut Rendered, ctx: &LinkCtx, piece: &str, then: &str) {
    if ctx.html {
        out.text.push_str(piece);
        out.text.push_str(then);
    }
}

/// Pushes an event, splitting blanks (`___`) out of text, linking terms (when given) and
/// collecting plain text. `at` gives where it stands (asked only if it holds a blank), and
/// `src` is its source text (empty where unknown), so that a blank's column counts the
/// characters as written, escapes included.
fn push_text_aware<'a>(
    ev: Event<'a>,
    at: (&dyn Fn() -> Pos, &str),
    ctx: &LinkCtx,
    out: &mut Rendered,
    html: &mut Vec<Event<'a>>,
    terms: &mut Option<TermLinker>,
) {
    let (pos, src) = at;
    let mut text = |piece: &str, html: &mut Vec<Event<'a>>| match terms.as_mut().and_then(|t| t.link(piece)) {
        Some(linked) => html.push(Event::Html(linked.into())),
        None => html.push(Event::Text(piece.to_string().into())),
    };
    match ev {
        Event::Text(t) => {
            plain(out, ctx, &t, " ");
            // Most text has no blank: it goes out as it came, not searched again or copied.
            if !has_blank(&t) {
                match terms.as_mut().and_then(|terms| terms.link(&t)) {
                    Some(linked) => html.push(Event::Html(linked.into())),
                    None => html.push(Event::Text(t)),
                }
                return;
            }
            let mut rest: &str = &t;
            let mut col = 0;
            let source_cols = blank_columns(src);
            let pos = pos();
            let blanks_before = out.blanks.len();
            while let Some(start) = rest.find("___") {
                let len = rest[start..].find(|c| c != '_').unwrap_or(rest.len() - start);
                text(&rest[..start], html);
                col += rest[..start].chars().count();
                let written = source_cols.get(out.blanks.len() - blanks_before).copied().unwrap_or(col);
                out.blanks.push(Pos::new(pos.line, if pos.column == 0 { 0 } else { pos.column + written }));
                html.push(Event::Html(
                    format!("<span class=\"blank\"><span class=\"blank-label\">{}</span></span>", ctx.labels.blank)
                        .into(),
                ));
                col += len;
                rest = &rest[start + len..];
            }
            text(rest, html);
        }
        Event::Code(t) => {
            plain(out, ctx, &t, " ");
            html.push(Event::Code(t));
        }
        Event::SoftBreak | Event::HardBreak => {
            plain(out, ctx, " ", "");
            html.push(ev);
        }
        other => html.push(other),
    }
}

/// Whether a text holds a blank (`___`): searched byte by byte, since most texts are short
/// and setting up a substring search for each was more work than the search.
fn has_blank(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'_', bytes).any(|at| bytes[at..].starts_with(b"___"))
}

/// Handles a link starting at `i`; returns the index after its end.
fn link<'a>(
    events: &[Ev<'a>],
    i: usize,
    (link_type, dest, title): (LinkType, &CowStr<'a>, &CowStr<'a>),
    pos: Pos,
    ctx: &LinkCtx,
    out: &mut Rendered,
    html: &mut Vec<Event<'a>>,
) -> usize {
    let end = i + events[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Link))).unwrap_or(0);
    let wiki = matches!(link_type, LinkType::WikiLink { .. });
    let resolved = ctx.resolve(dest, wiki, pos);
    let inner = &events[i + 1..end];
    match resolved {
        Resolved::File { href } => {
            html.push(Event::Start(Tag::Link {
                link_type,
                dest_url: href.into(),
                title: title.clone(),
                id: CowStr::Borrowed(""),
            }));
            inner.iter().for_each(|(e, _)| push_text_aware(e.clone(), (&|| pos, ""), ctx, out, html, &mut None));
            html.push(Event::End(TagEnd::Link));
        }
        Resolved::External => {
            html.push(events[i].0.clone());
            inner.iter().for_each(|(e, _)| push_text_aware(e.clone(), (&|| pos, ""), ctx, out, html, &mut None));
            html.push(Event::End(TagEnd::Link));
        }
        Resolved::Internal { href, target, title: doc_title } => {
            out.links.push(target.clone());
            let tag = Tag::Link { link_type, dest_url: href.into(), title: title.clone(), id: CowStr::Borrowed("") };
            html.push(Event::Start(tag));
            if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                let shown = reference_text(ctx, out, &target, doc_title);
                plain(out, ctx, &shown, "");
                html.push(Event::Text(shown.into()));
            } else {
                inner.iter().for_each(|(e, _)| push_text_aware(e.clone(), (&|| pos, ""), ctx, out, html, &mut None));
            }
            html.push(Event::End(TagEnd::Link));
        }
        Resolved::Broken(diag) => {
            out.errors.push(*diag);
            html.push(Event::Html("<span class=\"broken-link\">".into()));
            inner.iter().for_each(|(e, _)| push_text_aware(e.clone(), (&|| pos, ""), ctx, out, html, &mut None));
            html.push(Event::Html("</span>".into()));
        }
    }
    end + 1
}

/// What a wiki link with no text of its own shows: the title, or for a link to a heading the
/// clause number and title (`pkt. 4.2 Samarbejdsfora`, `<title>, pkt. 4.2`).
fn reference_text(ctx: &LinkCtx, out: &Rendered, target: &LinkTarget, title: String) -> String {
    let Some(anchor) = &target.anchor else { return title };
    let heading = if target.id == ctx.self_id {
        out.headings.iter().find(|h| &h.id == anchor).map(|h| clauses::reference_text(h, None, ctx.labels.clause))
    } else {
        let other = ctx.outlines.get(&target.id).and_then(|hs| hs.iter().find(|h| &h.id == anchor));
        other.map(|h| clauses::reference_text(h, Some(&title), ctx.labels.clause))
    };
    heading.unwrap_or(title)
}
