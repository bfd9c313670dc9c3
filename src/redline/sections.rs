//! A body as sections to compare: each heading opens one, holding the plain text of its
//! blocks. Sections of two versions are matched by heading, wherever they stand, so a moved
//! clause is compared with itself and not shown as deleted and added.

use crate::letters::fold;
use crate::render::clauses::leading_number;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Section {
    /// The heading as written; `None` for the text before the first heading.
    pub heading: Option<String>,
    /// What sections are matched by: the heading without its number, folded.
    pub key: String,
    /// Paragraphs, list items, table rows … as plain text.
    pub blocks: Vec<String>,
}

impl Section {
    pub(crate) fn text(&self) -> String {
        self.blocks.join("\n")
    }
}

fn key(heading: &str) -> String {
    let title = leading_number(heading).map_or(heading, |(_, rest)| rest);
    title.split_whitespace().map(fold).collect::<Vec<_>>().join(" ")
}

pub(crate) fn split(md: &str) -> Vec<Section> {
    let mut out = vec![Section::default()];
    let mut block = String::new();
    let mut in_heading = false;
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events: Vec<Event> = Parser::new_ext(md, opts).collect();
    let headings = heading_titles(&events);
    // A wiki link with no text shows its target: the heading it points to, else the id.
    let mut wiki_target: Option<String> = None;
    for ev in events {
        match ev {
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { has_pothole: false }, dest_url, .. }) => {
                let (id, anchor) = dest_url.split_once('#').unwrap_or((&dest_url, ""));
                let own = id.is_empty().then(|| headings.iter().find(|(s, _)| s == anchor)).flatten();
                wiki_target = Some(own.map_or_else(|| id.to_string(), |(_, h)| h.clone()));
            }
            Event::Text(_) if wiki_target.is_some() => {}
            Event::End(TagEnd::Link) if wiki_target.is_some() => {
                block.push_str(&wiki_target.take().unwrap_or_default())
            }
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut out, &mut block);
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                let heading = std::mem::take(&mut block).trim().to_string();
                out.push(Section { key: key(&heading), heading: Some(heading), blocks: Vec::new() });
            }
            Event::Text(t) | Event::Code(t) => block.push_str(&t),
            Event::SoftBreak | Event::HardBreak => block.push(' '),
            Event::End(TagEnd::TableCell) => block.push_str(" | "),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableRow | TagEnd::TableHead)
                if !in_heading =>
            {
                flush(&mut out, &mut block)
            }
            _ => {}
        }
    }
    flush(&mut out, &mut block);
    if out[0].blocks.is_empty() {
        out.remove(0);
    }
    out
}

/// Each heading's slug and text, for wiki links to headings of the same text.
fn heading_titles(events: &[Event]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for ev in events {
        match ev {
            Event::Start(Tag::Heading { id, .. }) => current = Some(id.as_deref().unwrap_or("").to_string() + "\u{0}"),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, text)) = current.take().as_deref().and_then(|c| c.split_once('\u{0}')) {
                    let slug = if id.is_empty() { crate::slug::slugify(text) } else { id.to_string() };
                    out.push((slug, text.trim().to_string()));
                }
            }
            _ => {}
        }
    }
    out
}

fn flush(out: &mut [Section], block: &mut String) {
    let text = block.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_end_matches(" |").to_string();
    block.clear();
    if let (false, Some(last)) = (text.is_empty(), out.last_mut()) {
        last.blocks.push(text);
    }
}

/// How the sections of two versions pair up, in the new version's order with removed
/// sections placed after the section they followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pair {
    Both { old: usize, new: usize, moved: bool },
    Added(usize),
    Removed(usize),
}

pub(crate) fn pair(old: &[Section], new: &[Section]) -> Vec<Pair> {
    let mut taken = vec![false; old.len()];
    let mut match_of_new: Vec<Option<usize>> = Vec::with_capacity(new.len());
    for n in new {
        let hit = (0..old.len()).find(|&o| !taken[o] && old[o].key == n.key);
        if let Some(o) = hit {
            taken[o] = true;
        }
        match_of_new.push(hit);
    }
    let matched: Vec<usize> = match_of_new.iter().flatten().copied().collect();
    let stay = longest_increasing(&matched);
    // Where each removed old section goes: after the new place of the old section before it.
    let mut new_of_old = vec![None; old.len()];
    for (n, o) in match_of_new.iter().enumerate() {
        if let Some(o) = o {
            new_of_old[*o] = Some(n);
        }
    }
    let mut removed_after: Vec<Vec<usize>> = vec![Vec::new(); new.len() + 1];
    let mut last_new = 0; // slot 0 = before the first new section
    for (o, placed) in new_of_old.iter().enumerate() {
        match placed {
            Some(n) => last_new = n + 1,
            None => removed_after[last_new].push(o),
        }
    }
    let mut out: Vec<Pair> = removed_after[0].iter().map(|&o| Pair::Removed(o)).collect();
    for (n, o) in match_of_new.iter().enumerate() {
        out.push(match o {
            Some(o) => Pair::Both { old: *o, new: n, moved: !stay.contains(o) },
            None => Pair::Added(n),
        });
        out.extend(removed_after[n + 1].iter().map(|&o| Pair::Removed(o)));
    }
    out
}

/// The values of a longest increasing subsequence: the sections that kept their order.
fn longest_increasing(xs: &[usize]) -> Vec<usize> {
    let n = xs.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if xs[j] < xs[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let Some(mut i) = (0..n).max_by_key(|&i| (len[i], std::cmp::Reverse(i))) else { return Vec::new() };
    let mut out = vec![xs[i]];
    while prev[i] != usize::MAX {
        i = prev[i];
        out.push(xs[i]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_hold_their_blocks() {
        let s = split("Indledning.\n\n## 1. Formål\nAt *samarbejde*.\n\n- a\n- b\n## Ophør\nSlut.\n");
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].heading, None);
        assert_eq!(s[1].heading.as_deref(), Some("1. Formål"));
        assert_eq!(s[1].key, "formål");
        assert_eq!(s[1].blocks, ["At samarbejde.", "a", "b"]);
        let s = split("## Fora {#fora}\nSe [[#fora]], [[#fora|her]] og [[b#x]].\n");
        assert_eq!(s[0].blocks, ["Se Fora, her og b."]);
    }

    #[test]
    fn moved_sections_are_matched_by_heading_and_only_they_are_moved() {
        let old = split("## A\na\n## B\nb\n## C\nc\n## D\nd\n");
        let new = split("## A\na\n## C\nc\n## D\nd\n## 4. B\nb\n## E\ne\n");
        let p = pair(&old, &new);
        assert_eq!(
            p,
            [
                Pair::Both { old: 0, new: 0, moved: false },
                Pair::Both { old: 2, new: 1, moved: false },
                Pair::Both { old: 3, new: 2, moved: false },
                Pair::Both { old: 1, new: 3, moved: true },
                Pair::Added(4),
            ]
        );
    }

    #[test]
    fn removed_sections_stay_where_they_were() {
        let old = split("## A\na\n## X\nx\n## B\nb\n");
        let new = split("## A\na\n## B\nb\n");
        assert_eq!(
            pair(&old, &new),
            [
                Pair::Both { old: 0, new: 0, moved: false },
                Pair::Removed(1),
                Pair::Both { old: 2, new: 1, moved: false }
            ]
        );
    }
}
