//! Finding terms in running text the way search finds words: folded (case, `aa`, accents)
//! and stemmed with Snowball Danish, so `epikrisen` and `epikriser` are uses of `Epikrise`.
//! Words are runs of letters and digits, so a term is found inside a compound only where a
//! hyphen or space divides it (`IPS-konsulenten`), never in the middle of a word.

use crate::letters::fold;
use rust_stemmers::{Algorithm, Stemmer};

/// A term found in a text: byte range and glossary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

#[derive(Debug, Default)]
struct Pattern {
    entry: usize,
    stems: Vec<String>,
}

/// The terms that hold in one scope, longest first so `IPS-konsulent` wins over `IPS`.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    patterns: Vec<Pattern>,
}

fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::Danish)
}

/// Words with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Between two words of one term only spaces and hyphens may stand.
fn joins(between: &str) -> bool {
    !between.is_empty() && between.chars().all(|c| c.is_whitespace() || matches!(c, '-' | '‐' | '‑'))
}

impl Matcher {
    pub(crate) fn new<'a>(terms: impl Iterator<Item = (usize, &'a str)>) -> Matcher {
        let s = stemmer();
        let mut patterns: Vec<Pattern> = terms
            .map(|(entry, name)| Pattern {
                entry,
                stems: words(name).iter().map(|&(a, b)| s.stem(&fold(&name[a..b])).into_owned()).collect(),
            })
            .filter(|p| !p.stems.is_empty())
            .collect();
        patterns.sort_by_key(|p| std::cmp::Reverse(p.stems.len()));
        Matcher { patterns }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every term use in `text`, left to right, never overlapping (the longest term wins).
    pub(crate) fn find(&self, text: &str) -> Vec<Match> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let s = stemmer();
        let ws = words(text);
        let stems: Vec<String> = ws.iter().map(|&(a, b)| s.stem(&fold(&text[a..b])).into_owned()).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let hit = self.patterns.iter().find(|p| {
                let n = p.stems.len();
                i + n <= ws.len()
                    && p.stems.iter().zip(&stems[i..i + n]).all(|(a, b)| a == b)
                    && (1..n).all(|k| joins(&text[ws[i + k - 1].1..ws[i + k].0]))
            });
            match hit {
                Some(p) => {
                    let n = p.stems.len();
                    out.push(Match { start: ws[i].0, end: ws[i + n - 1].1, entry: p.entry });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(m: &Matcher, text: &'a str) -> Vec<(&'a str, usize)> {
        m.find(text).iter().map(|x| (&text[x.start..x.end], x.entry)).collect()
    }

    #[test]
    fn inflected_forms_and_case_match() {
        let m = Matcher::new([(0, "Epikrise")].into_iter());
        assert_eq!(found(&m, "Epikrisen sendes. To epikriser."), [("Epikrisen", 0), ("epikriser", 0)]);
    }

    #[test]
    fn compounds_match_only_at_a_word_boundary() {
        let m = Matcher::new([(0, "konsulent")].into_iter());
        assert_eq!(found(&m, "IPS-konsulenten og jobkonsulenten"), [("konsulenten", 0)]);
    }

    #[test]
    fn the_longest_term_wins_and_hides_the_shorter() {
        let m = Matcher::new([(0, "IPS"), (1, "IPS-konsulent")].into_iter());
        assert_eq!(found(&m, "En IPS-konsulent arbejder med IPS."), [("IPS-konsulent", 1), ("IPS", 0)]);
        // Words of a term must be next to each other.
        assert_eq!(found(&m, "IPS, konsulent"), [("IPS", 0)]);
    }

    #[test]
    fn multi_word_terms_match_across_spaces() {
        let m = Matcher::new([(0, "ordinært arbejde")].into_iter());
        assert_eq!(found(&m, "job på ordinært  arbejde."), [("ordinært  arbejde", 0)]);
    }
}
