//! Words into index terms, the same way `search.js` turns query words into them: split into
//! runs of letters and digits, folded (`letters::fold`), Snowball Danish stemmed, loosened
//! (`letters::loosen`, so `hillerod` meets `Hillerød`); and compound words into their parts.

use crate::letters::{fold, loosen};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The words of a text: runs of letters and digits (`search.js` splits on the same classes,
/// `\p{Alphabetic}` and `\p{N}`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// One word's index term.
pub fn key(stemmer: &Stemmer, word: &str) -> String {
    loosen(&stemmer.stem(&fold(word)))
}

/// The index terms of a text.
pub fn terms<'a>(stemmer: &'a Stemmer, text: &'a str) -> impl Iterator<Item = String> + 'a {
    words(text).map(move |w| key(stemmer, w))
}

/// Words into terms, remembering each word's term: a site repeats the same few thousand
/// words millions of times, and stemming them is most of the index's cost. One per thread.
pub(crate) struct Keys {
    stemmer: Stemmer,
    /// Shared, not copied: an entry's terms are mostly words the site has used before.
    known: FxHashMap<String, Arc<str>>,
    /// Every term made so far, so that words with the same term share one allocation.
    made: rustc_hash::FxHashSet<Arc<str>>,
}

impl Keys {
    pub(crate) fn new() -> Keys {
        Keys { stemmer: Stemmer::create(Algorithm::Danish), known: FxHashMap::default(), made: Default::default() }
    }

    /// The distinct terms of the texts, sorted.
    pub(crate) fn distinct_terms(&mut self, texts: &[&str]) -> Vec<Arc<str>> {
        let mut out: Vec<Arc<str>> = texts.iter().flat_map(|t| words(t)).map(|w| self.key(w)).collect();
        // One term is one allocation here: repeats go by address, and only the distinct
        // terms are compared as text.
        out.sort_unstable_by_key(|t| Arc::as_ptr(t).cast::<u8>() as usize);
        out.dedup_by(|a, b| Arc::ptr_eq(a, b));
        out.sort_unstable();
        out
    }

    fn key(&mut self, word: &str) -> Arc<str> {
        if let Some(term) = self.known.get(word) {
            return term.clone();
        }
        let term = key(&self.stemmer, word);
        let term = match self.made.get(term.as_str()) {
            Some(made) => made.clone(),
            None => {
                let made: Arc<str> = term.into();
                self.made.insert(made.clone());
                made
            }
        };
        self.known.insert(word.to_string(), term.clone());
        term
    }
}

/// Shortest part of a compound that is found on its own (in characters).
const MIN_PART: usize = 5;

/// The parts of compound terms: `udskrivningsepikris` → `epikris`, so `epikrise` finds
/// `udskrivningsepikrise`. A split counts only where both sides are five letters or more and
/// one side is a term of the site by itself (the first part may end in a linking `s` or `e`):
/// that keeps `samarbejd` from being found by `arbejde`, and chance splits out.
pub fn compound_parts(vocabulary: &FxHashMap<Arc<str>, Vec<u32>>) -> BTreeMap<String, BTreeSet<u32>> {
    let mut parts: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for (term, entries) in vocabulary {
        for tail in tails(term, vocabulary) {
            parts.entry(tail.to_string()).or_default().extend(entries);
        }
    }
    parts
}

/// The compound parts `term` is found by (see [`compound_parts`]). Whether a split counts
/// depends on which terms the site has, not on where they are.
pub(super) fn tails<'a>(term: &'a str, vocabulary: &'a FxHashMap<Arc<str>, Vec<u32>>) -> impl Iterator<Item = &'a str> {
    let chars: Vec<usize> = term.char_indices().map(|(at, _)| at).collect();
    let splits = (chars.len() + 1).saturating_sub(2 * MIN_PART);
    chars.into_iter().skip(MIN_PART).take(splits).filter_map(move |at| {
        let (head, tail) = term.split_at(at);
        let linked = head.strip_suffix(['s', 'e']).is_some_and(|h| vocabulary.contains_key(h));
        (vocabulary.contains_key(head) || linked || vocabulary.contains_key(tail)).then_some(tail)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::Algorithm;

    #[test]
    fn danish_forms_share_a_term() {
        let s = Stemmer::create(Algorithm::Danish);
        let stems: Vec<String> = terms(&s, "aftale aftalen aftaler aftalerne Aftalen").collect();
        assert!(stems.iter().all(|x| x == &stems[0]), "{stems:?}");
    }

    #[test]
    fn ascii_spellings_meet_the_danish_letters() {
        let s = Stemmer::create(Algorithm::Danish);
        assert_eq!(key(&s, "Hillerød"), key(&s, "hillerod"));
        assert_eq!(key(&s, "Gødstrup"), key(&s, "godstrup"));
        assert_eq!(key(&s, "Jobsøgning"), key(&s, "jobsogning"));
        assert_eq!(key(&s, "Jobsøgning"), key(&s, "jobsoegning"));
    }

    #[test]
    fn compounds_split_where_a_side_is_a_word() {
        let s = Stemmer::create(Algorithm::Danish);
        let vocab: FxHashMap<Arc<str>, Vec<u32>> = ["udskrivningsepikrise", "udskrivning", "samarbejde", "arbejde"]
            .iter()
            .enumerate()
            .map(|(i, w)| (key(&s, w).into(), vec![i as u32]))
            .collect();
        let parts = compound_parts(&vocab);
        assert_eq!(parts.get(&key(&s, "epikrise")).map(|e| e.iter().copied().collect()), Some(vec![0]));
        assert!(!parts.contains_key(&key(&s, "arbejde")), "{parts:?}");
    }
}
