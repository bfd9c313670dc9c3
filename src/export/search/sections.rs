//! Long documents are found section by section: each top-level section becomes an entry of
//! its own that links to its heading, so a hit in § 7 of a 20-page agreement takes the reader
//! to § 7.

use crate::render::markdown::Rendered;

/// Documents shorter than this (characters of text) stay one entry.
const LONG: usize = 2000;

pub(super) struct Section {
    pub heading: String,
    pub id: String,
    /// The section's text after its heading.
    pub text: String,
}

pub(super) struct Split {
    /// The text before the first section.
    pub intro: String,
    pub sections: Vec<Section>,
}

/// A long text cut at its top-level headings; `None` for short texts or texts with fewer
/// than two such headings.
pub(super) fn split(body: &Rendered) -> Option<Split> {
    let top = body.headings.iter().map(|h| h.level).min()?;
    let heads: Vec<_> = body.headings.iter().filter(|h| h.level == top).collect();
    // Fewer bytes than `LONG` are fewer characters too: no need to collapse such a text.
    if heads.len() < 2 || body.text.len() < LONG {
        return None;
    }
    let text = collapse(&body.text, usize::MAX);
    if text.chars().count() < LONG {
        return None;
    }
    // Headings appear in the text in order; find each after the previous one. A heading not
    // found (its text was split oddly) stays part of the section before it.
    let mut starts = Vec::new();
    let mut from = 0;
    for h in heads {
        let wanted = collapse(&h.text, usize::MAX);
        if let Some(at) = text[from..].find(&wanted).map(|at| at + from) {
            starts.push((at, at + wanted.len(), h));
            from = at + wanted.len();
        }
    }
    let first = starts.first()?.0;
    let mut sections = Vec::new();
    for (k, (_, after, h)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |n| n.0);
        sections.push(Section {
            heading: h.text.clone(),
            id: h.id.clone(),
            text: text[*after..end].trim().to_string(),
        });
    }
    Some(Split { intro: text[..first].trim().to_string(), sections })
}

/// A text's words with one space between them, in one pass, stopping after the word that
/// takes it past `at_most` characters (a snippet needs only its start). Characters are
/// counted only once the bytes pass the limit: no text has more characters than bytes.
pub(super) fn collapse(text: &str, at_most: usize) -> String {
    let mut out = String::with_capacity(text.len().min(at_most.saturating_mul(2)));
    let mut chars = None;
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > at_most {
            let n = chars.map_or_else(|| out.chars().count(), |n: usize| n + 1 + word.chars().count());
            if n > at_most {
                break;
            }
            chars = Some(n);
        }
    }
    out
}

/// `text.split_whitespace()`, a byte at a time: ASCII whitespace is known by its byte, and a
/// character is decoded only where it begins with a byte that Unicode whitespace past ASCII
/// begins with (0xC2, 0xE1, 0xE2, 0xE3). A word's letters, Danish ones too, are only stepped over.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < bytes.len() {
            let (blank, width) = match bytes[at] {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => (true, 1),
                0xc2 | 0xe1 | 0xe2 | 0xe3 => {
                    let c = text[at..].chars().next().unwrap_or(' ');
                    (c.is_whitespace(), c.len_utf8())
                }
                _ => (false, 1),
            };
            match (blank, start) {
                (true, Some(from)) => {
                    let word = &text[from..at];
                    at += width;
                    return Some(word);
                }
                (false, None) => start = Some(at),
                _ => {}
            }
            at += width;
        }
        start.map(|from| &text[from..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn words_are_split_where_split_whitespace_splits(
            text in "([a-zæøå§·–]{0,4}[ \t\n\r\u{b}\u{c}\u{1c}\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]{0,2}){0,12}"
        ) {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        }
    }

    #[test]
    fn collapse_stops_after_the_word_that_passes_the_limit() {
        assert_eq!(collapse("  Aftale\u{a0} om\n\n samarbejde  ", usize::MAX), "Aftale om samarbejde");
        assert_eq!(collapse("én to tre fire", 5), "én to tre");
    }
}
