//! The event stream a text is rendered from: pulldown-cmark's events with the text runs
//! joined and every heading given its id, and the shapes the renderer looks for in it.

use super::clauses::Heading;
use crate::slug::{slugify, UniqueSlugs};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_TASKLISTS
}

pub(super) type Ev<'a> = (Event<'a>, Range<usize>);

/// A text's events with their source ranges, text runs joined.
pub(super) fn parse(md: &str) -> Vec<Ev<'_>> {
    coalesce_text(Parser::new_ext(md, options()).into_offset_iter())
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
pub(super) fn assign_heading_ids<'a>(
    mut events: Vec<Ev<'a>>,
    reserved: &[String],
    headings: &mut Vec<Heading>,
) -> Vec<Ev<'a>> {
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

pub(super) fn paragraph_end(events: &[Ev], start: usize) -> usize {
    events[start..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len() - 1, |p| start + p)
}

/// A paragraph that is wholly bracketed text: `[Her beskrives …]`.
pub(super) fn is_guidance(events: &[Ev]) -> bool {
    let end = paragraph_end(events, 0);
    let inner = &events[1..end];
    let first = inner.iter().find_map(|(e, _)| if let Event::Text(t) = e { Some(t) } else { None });
    let last = inner.iter().rev().find_map(|(e, _)| if let Event::Text(t) = e { Some(t) } else { None });
    let starts =
        matches!(inner.first(), Some((Event::Text(_), _))) && first.is_some_and(|t| t.trim_start().starts_with('['));
    let ends = matches!(inner.last(), Some((Event::Text(_), _))) && last.is_some_and(|t| t.trim_end().ends_with(']'));
    starts && ends
}
