//! Markdown → HTML with pulldown-cmark, plus what the site needs from each text: heading ids
//! and a table of contents, internal links rewritten to built pages (and recorded with their
//! source position for checking), blanks and guidance notes marked up and counted.

use super::clauses;
use super::events::{self, Ev};
use super::links::{LinkCtx, LinkTarget, Resolved};
pub(crate) use super::position::Origin;
use super::position::{blank_columns, LineIndex};
use super::termlinks::TermLinker;
use crate::diagnostics::{Diagnostic, Pos};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
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

/// The headings of a text with their ids and clause numbers, without rendering it: what other
/// documents' references to a numbered document need before it is rendered.
pub(crate) fn outline(md: &str, reserved: &[String], numbered: bool) -> Vec<Heading> {
    let mut headings = Vec::new();
    events::assign_heading_ids(events::parse(md), reserved, &mut headings);
    if numbered {
        let own = headings.iter().any(|h| h.text.starts_with(|c: char| c.is_ascii_digit()));
        clauses::number(&mut headings, own);
    }
    headings
}

pub(crate) fn render(md: &str, ctx: &LinkCtx, origin: Origin) -> Rendered {
    if let Some(refused) = too_many_cells(md, ctx, origin) {
        return refused;
    }
    let mut headings = Vec::new();
    let events = events::assign_heading_ids(events::parse(md), ctx.reserved_ids, &mut headings);
    let mut walk = Walk::new(md, ctx, origin, headings, events.len());
    let mut i = 0;
    while i < events.len() {
        i = walk.step(&events, i);
    }
    walk.finish()
}

/// A text with a table too large to render safely: only the error that says so.
fn too_many_cells(md: &str, ctx: &LinkCtx, origin: Origin) -> Option<Rendered> {
    let n = crate::limits::too_many_cells(md)?;
    let pos = match origin {
        Origin::Body { line } => Pos::new(line + n, 1),
        Origin::Field(p) => p,
    };
    let message = format!("more than {} table cells in one text", crate::limits::MAX_TABLE_CELLS);
    let mut out = Rendered::default();
    out.errors.push(Diagnostic::error(ctx.source, pos, message).with_hint("split the table, or attach it as a file"));
    Some(out)
}

/// One walk over a text's events, in order: what it makes (the result and the HTML events)
/// and what it carries from one event to the next (terms linked so far, the table it is in).
struct Walk<'a, 'c> {
    md: &'a str,
    ctx: &'c LinkCtx<'c>,
    lines: LineIndex<'a>,
    out: Rendered,
    html: Vec<Event<'a>>,
    terms: Option<TermLinker<'c>>,
    /// Headings passed, so the next one's clause number is found.
    heading: usize,
    /// Tables passed, to number their scrolling regions.
    tables: usize,
    /// In a table's head row.
    in_head: bool,
    /// The table it is in has no column alignments.
    plain_head: bool,
}

impl<'a, 'c> Walk<'a, 'c> {
    fn new(md: &'a str, ctx: &'c LinkCtx<'c>, origin: Origin, headings: Vec<Heading>, events: usize) -> Self {
        let mut out = Rendered { headings: headings.into(), ..Rendered::default() };
        out.self_numbered = out.headings.iter().any(|h| h.text.starts_with(|c: char| c.is_ascii_digit()));
        if ctx.numbered {
            clauses::number(&mut out.headings, out.self_numbered);
        }
        let terms = match origin {
            Origin::Body { .. } => ctx.doc.and_then(|d| TermLinker::new(ctx.glossary, d, ctx.prefix)),
            Origin::Field(_) => None,
        };
        let lines = LineIndex::new(md, origin);
        let html = Vec::with_capacity(events);
        Walk { md, ctx, lines, out, html, terms, heading: 0, tables: 0, in_head: false, plain_head: false }
    }

    /// Handles the event at `i`; returns the index of the next one not yet handled.
    fn step(&mut self, events: &[Ev<'a>], i: usize) -> usize {
        let (ev, range) = &events[i];
        if let Some(t) = self.terms.as_mut() {
            t.event(ev);
        }
        match ev {
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => self.in_head = false,
            _ => {}
        }
        match ev {
            Event::Start(Tag::Heading { .. }) => {
                self.html.push(ev.clone());
                if let Some(n) = self.out.headings.get(self.heading).and_then(|h| h.number.as_ref()) {
                    self.html.push(Event::Html(format!("<span class=\"clause-no\">{n}</span> ").into()));
                }
                self.heading += 1;
            }
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let pos = self.lines.pos(range.start);
                return link(events, i, (*link_type, dest_url, title), pos, self.ctx, &mut self.out, &mut self.html);
            }
            Event::Start(Tag::Paragraph) if events::is_guidance(&events[i..]) => return self.guidance(events, i),
            Event::Start(Tag::Image { .. }) => self.image(ev, range.start),
            Event::Start(Tag::Table(alignments)) => self.table(ev, alignments),
            // An empty header cell names no column: a plain cell, not a header with no text.
            // (Only without alignments, which pulldown-cmark applies by the cells' count.)
            Event::Start(Tag::TableCell)
                if self.plain_head
                    && self.in_head
                    && matches!(events.get(i + 1), Some((Event::End(TagEnd::TableCell), _))) =>
            {
                self.html.push(Event::Html("<td></td>".into()));
                return i + 2;
            }
            Event::End(TagEnd::Table) => {
                self.html.push(ev.clone());
                self.html.push(Event::Html("</div>\n".into()));
            }
            other => {
                let pos = || self.lines.pos(range.start);
                let at: (&dyn Fn() -> Pos, &str) = (&pos, &self.md[range.clone()]);
                push_text_aware(other.clone(), at, self.ctx, &mut self.out, &mut self.html, &mut self.terms)
            }
        }
        i + 1
    }

    /// An image, its source resolved like a link's to an attached file.
    fn image(&mut self, ev: &Event<'a>, at: usize) {
        let Event::Start(Tag::Image { link_type, dest_url, title, id }) = ev else { return };
        let dest_url = match self.ctx.resolve(dest_url, false, self.lines.pos(at)) {
            Resolved::File { href } => href.into(),
            Resolved::Broken(d) => {
                self.out.errors.push(*d);
                dest_url.clone()
            }
            _ => dest_url.clone(),
        };
        let (link_type, title, id) = (*link_type, title.clone(), id.clone());
        self.html.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
    }

    /// A table's start, inside a scrolling region numbered so that each has a name of its own.
    fn table(&mut self, ev: &Event<'a>, alignments: &[pulldown_cmark::Alignment]) {
        self.tables += 1;
        self.plain_head = alignments.iter().all(|a| *a == pulldown_cmark::Alignment::None);
        let label = &self.ctx.labels.table;
        let wrap =
            format!("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{label} {}\">", self.tables);
        self.html.push(Event::Html(wrap.into()));
        self.html.push(ev.clone());
    }

    /// A guidance note, the paragraph starting at `i`; returns the index after its end.
    fn guidance(&mut self, events: &[Ev<'a>], i: usize) -> usize {
        self.out.guidance.push(self.lines.pos(events[i].1.start));
        let label = &self.ctx.labels.guidance;
        let open =
            format!("<div class=\"guidance\" role=\"note\"><p><strong class=\"guidance-label\">{label}:</strong> ");
        self.html.push(Event::Html(open.into()));
        let end = events::paragraph_end(events, i);
        let mut j = i + 1;
        while j < end {
            let (e, r) = &events[j];
            if let Some(t) = self.terms.as_mut() {
                t.event(e);
            }
            // A link inside a note is resolved like any other, never passed through raw.
            if let Event::Start(Tag::Link { link_type, dest_url, title, .. }) = e {
                let pos = self.lines.pos(r.start);
                j = link(events, j, (*link_type, dest_url, title), pos, self.ctx, &mut self.out, &mut self.html);
                continue;
            }
            let pos = || self.lines.pos(r.start);
            let at: (&dyn Fn() -> Pos, &str) = (&pos, &self.md[r.clone()]);
            push_text_aware(e.clone(), at, self.ctx, &mut self.out, &mut self.html, &mut self.terms);
            j += 1;
        }
        self.html.push(Event::Html("</p></div>\n".into()));
        end + 1
    }

    fn finish(mut self) -> Rendered {
        if self.ctx.html {
            let html = super::hyphenate::in_headings_and_cells(self.html);
            pulldown_cmark::html::push_html(&mut self.out.html, html.into_iter());
        }
        self.out.terms = self.terms.map(|t| t.used.into()).unwrap_or_default();
        // Grown word by word, the text has spare room of about two fifths of its length, for as
        // long as the index needs it (43 MB at 10,000 documents): a copy of the right size has none.
        self.out.text = self.out.text.as_str().into();
        self.out
    }
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
