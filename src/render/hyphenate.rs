//! Soft hyphens (U+00AD) in long words of titles, headings and table cells, so a narrow screen
//! breaks a Danish compound at a syllable with a visible hyphen: browsers without a Danish
//! hyphenation dictionary otherwise cut it anywhere, without one.

use std::borrow::Cow;
use std::sync::LazyLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use pulldown_cmark::{Event, Tag, TagEnd};

/// Words shorter than this fit any column; hyphenating them only adds noise.
const MIN_LETTERS: usize = 14;

/// The soft hyphen: invisible unless the line breaks there.
const SHY: char = '\u{AD}';

/// Only the Danish Knuth–Liang patterns (TeX hyph-utf8 `hyph-da`, as compiled by the
/// `hyphenation` crate 0.8.4): 6.5 kB, where embedding every language would add 2.9 MB.
static DANISH_DICT: &[u8] = include_bytes!("dict/da.standard.bincode");

static DANISH: LazyLock<Option<Standard>> =
    LazyLock::new(|| Standard::from_reader(Language::Danish, &mut &DANISH_DICT[..]).ok());

/// `text` with soft hyphens at the syllable boundaries of its words of `MIN_LETTERS` or more.
pub(crate) fn soft_hyphens(text: &str) -> Cow<'_, str> {
    let Some(dict) = DANISH.as_ref() else { return Cow::Borrowed(text) };
    let long = |w: &str| w.chars().count() >= MIN_LETTERS;
    if !words(text).any(|(_, w)| long(w)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = 0;
    for (start, word) in words(text).filter(|(_, w)| long(w)) {
        out.push_str(&text[done..start]);
        let mut from = 0;
        for b in dict.hyphenate(word).breaks {
            out.push_str(&word[from..b]);
            out.push(SHY);
            from = b;
        }
        out.push_str(&word[from..]);
        done = start + word.len();
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// The runs of letters in `text`, with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Soft hyphens in the text of headings and table cells, never in attributes (heading ids are
/// attributes of the start tag, so they stay as they were).
pub(crate) fn in_headings_and_cells(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut depth = 0usize;
    events
        .into_iter()
        .map(|ev| match ev {
            Event::Start(Tag::Heading { .. } | Tag::TableCell) => {
                depth += 1;
                ev
            }
            Event::End(TagEnd::Heading(_) | TagEnd::TableCell) => {
                depth = depth.saturating_sub(1);
                ev
            }
            Event::Text(t) if depth > 0 => match soft_hyphens(&t) {
                Cow::Owned(s) => Event::Text(s.into()),
                Cow::Borrowed(_) => Event::Text(t),
            },
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_compounds_break_at_danish_syllables() {
        let out = soft_hyphens("Forskningssamarbejdsaftale om IPS i Hillerød");
        // The compound's joints (forsknings|samarbejds|aftale) are among the breaks.
        assert_eq!(out.replace(SHY, "·"), "Forsk·nings·sam·ar·bejds·af·ta·le om IPS i Hillerød");
    }

    #[test]
    fn short_words_and_attributes_are_left_alone() {
        assert!(matches!(soft_hyphens("Samarbejdsaftale om IPS"), Cow::Owned(_)));
        assert!(matches!(soft_hyphens("Aftale om udskrivning"), Cow::Borrowed(_)));
        let events = vec![
            Event::Start(Tag::Paragraph),
            Event::Text("Udskrivningsepikrisen".into()),
            Event::End(TagEnd::Paragraph),
            Event::Start(Tag::TableCell),
            Event::Text("Udskrivningsepikrisen".into()),
            Event::End(TagEnd::TableCell),
        ];
        let out = in_headings_and_cells(events);
        assert_eq!(out[1], Event::Text("Udskrivningsepikrisen".into()), "body text is left to the browser");
        assert!(matches!(&out[4], Event::Text(t) if t.contains(SHY)));
    }
}
