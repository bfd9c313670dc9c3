//! Links the first use of each defined term in each section of a body to its definition on
//! `begreber.html`, with the definition beside it as a tooltip that opens on hover and on
//! keyboard focus, and described (for screen readers) by the page's list of terms used. Headings, links, code and image text are never touched.

use crate::terms::{Glossary, Matcher};
use crate::theme::escape_html;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashSet;
use std::fmt::Write;

pub(super) struct TermLinker<'a> {
    matcher: &'a Matcher,
    glossary: &'a Glossary,
    prefix: &'a str,
    in_section: HashSet<usize>,
    /// Inside a heading, code block or image: no links here.
    blocked: usize,
    /// Entries linked in this text, in first-use order.
    pub used: Vec<usize>,
}

impl<'a> TermLinker<'a> {
    pub(super) fn new(glossary: &'a Glossary, doc: usize, prefix: &'a str) -> Option<TermLinker<'a>> {
        let matcher = glossary.matcher(doc);
        (!matcher.is_empty()).then(|| TermLinker {
            matcher,
            glossary,
            prefix,
            in_section: HashSet::new(),
            blocked: 0,
            used: Vec::new(),
        })
    }

    /// Follows the structure: a heading opens a new section.
    pub(super) fn event(&mut self, ev: &Event) {
        match ev {
            Event::Start(Tag::Heading { .. }) => {
                self.in_section.clear();
                self.blocked += 1;
            }
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock) => self.blocked += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock) => {
                self.blocked = self.blocked.saturating_sub(1)
            }
            _ => {}
        }
    }

    /// The text as HTML with its terms linked, or `None` when nothing in it is linked.
    pub(super) fn link(&mut self, text: &str) -> Option<String> {
        if self.blocked > 0 {
            return None;
        }
        let fresh: Vec<_> = self.matcher.find(text).into_iter().filter(|m| self.in_section.insert(m.entry)).collect();
        if fresh.is_empty() {
            return None;
        }
        let mut html = String::new();
        let mut at = 0;
        for m in fresh {
            let e = &self.glossary.entries[m.entry];
            if !self.used.contains(&m.entry) {
                self.used.push(m.entry);
            }
            // The definition is described by the page's list of terms used (`#begreb-<anchor>`),
            // and shown beside the link on hover and focus from `data-definition`.
            let _ = write!(
                html,
                "{}<a class=\"term-link\" href=\"{}begreber.html#{}\" aria-describedby=\"begreb-{}\" \
                 data-definition=\"{}: {}\">{}</a>",
                escape_html(&text[at..m.start]),
                self.prefix,
                e.anchor,
                e.anchor,
                escape_html(&e.name),
                escape_html(&e.definition),
                escape_html(&text[m.start..m.end]),
            );
            at = m.end;
        }
        html.push_str(&escape_html(&text[at..]));
        Some(html)
    }
}
