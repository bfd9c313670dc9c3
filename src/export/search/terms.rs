//! Words into index terms, the same way `search.js` turns query words into them: split into
//! runs of letters and digits, folded (`letters::fold`), Snowball Danish stemmed, loosened
//! (`letters::loosen`, so `hillerod` meets `Hillerød`); and compound words into their parts.

use crate::letters::{fold, loosen};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
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
    /// Each word as written, with its term's place in `terms`.
    known: FxHashMap<String, u32>,
    /// Every term made so far, with its place in `terms`: words with the same term share it.
    made: FxHashMap<Arc<str>, u32>,
    /// Shared, not copied: an entry's terms are mostly terms the site has used before.
    terms: Vec<Arc<str>>,
    /// For each term, the last call of `distinct_terms` that had it: a repeat within one
    /// entry is then a comparison of numbers, not a sort of the entry's words.
    seen: Vec<u32>,
    call: u32,
}

/// The order of an entry's terms: by text where a later build looks them up by binary
/// search, as found where they are only numbered.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    Sorted,
    AsFound,
}

impl Keys {
    pub(crate) fn new() -> Keys {
        Keys {
            stemmer: Stemmer::create(Algorithm::Danish),
            known: FxHashMap::default(),
            made: FxHashMap::default(),
            terms: Vec::new(),
            seen: Vec::new(),
            call: 0,
        }
    }

    /// The distinct terms of the texts, in `order`.
    pub(super) fn distinct_terms(&mut self, texts: &[&str], order: Order) -> Vec<Arc<str>> {
        self.call = self.call.wrapping_add(1);
        if self.call == 0 {
            // After 4 billion calls, a stamp could be mistaken for this call's.
            self.seen.fill(0);
            self.call = 1;
        }
        let mut out = Vec::new();
        for word in texts.iter().flat_map(|t| words(t)) {
            let id = self.id(word) as usize;
            if self.seen[id] != self.call {
                self.seen[id] = self.call;
                out.push(self.terms[id].clone());
            }
        }
        if order == Order::Sorted {
            out.sort_unstable();
        }
        out
    }

    /// The place in `terms` of `word`'s term.
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.known.get(word) {
            return id;
        }
        let term = key(&self.stemmer, word);
        let id = match self.made.get(term.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.terms.len() as u32;
                let term: Arc<str> = term.into();
                self.made.insert(term.clone(), id);
                self.terms.push(term);
                self.seen.push(0);
                id
            }
        };
        self.known.insert(word.to_string(), id);
        id
    }
}

/// Shortest part of a compound that is found on its own (in characters).
const MIN_PART: usize = 5;

/// The parts of compound terms: `udskrivningsepikris` → `epikris`, so `epikrise` finds
/// `udskrivningsepikrise`. A split counts only where both sides are five letters or more and
/// one side is a term of the site by itself (the first part may end in a linking `s` or `e`):
/// that keeps `samarbejd` from being found by `arbejde`, and chance splits out.
/// With each part, the terms it is a part of (a patch works a part out again from them).
pub(super) fn compound_parts(vocabulary: &FxHashMap<Arc<str>, Vec<u32>>) -> (Parts, Sources) {
    let mut parts = Parts::new();
    let mut sources = Sources::default();
    for (term, entries) in vocabulary {
        for tail in tails(term, vocabulary) {
            parts.entry(tail.to_string()).or_default().extend(entries);
            sources.entry(tail.to_string()).or_default().push(term.clone());
        }
    }
    parts.values_mut().for_each(distinct);
    (parts, sources)
}

/// Each compound part with the terms it is a part of.
pub(super) type Sources = FxHashMap<String, Vec<Arc<str>>>;

/// Each compound part with the entries of the terms it is a part of, ascending and each once.
/// A list, not a set: at 10,000 documents a tree set's nodes were 13 MB, three times the
/// numbers they held, at the moment the build needs the most memory.
pub type Parts = BTreeMap<String, Vec<u32>>;

/// `entries` ascending, each once, with no spare room.
pub(super) fn distinct(entries: &mut Vec<u32>) {
    entries.sort_unstable();
    entries.dedup();
    entries.shrink_to_fit();
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
    fn an_entrys_terms_come_once_and_sorted_where_asked() {
        let s = Stemmer::create(Algorithm::Danish);
        let (aftal, hiller) = (key(&s, "aftale"), key(&s, "Hillerød"));
        let mut keys = Keys::new();
        let texts = ["Hillerød-aftalen", "aftaler i hillerod, Aftale"];
        let sorted: Vec<String> = keys.distinct_terms(&texts, Order::Sorted).iter().map(|t| t.to_string()).collect();
        let mut expected = vec![aftal.clone(), key(&s, "i"), hiller.clone()];
        expected.sort();
        assert_eq!(sorted, expected);
        let found: Vec<String> = keys.distinct_terms(&texts, Order::AsFound).iter().map(|t| t.to_string()).collect();
        assert_eq!(found, [hiller, aftal, key(&s, "i")], "the second call sees the same terms afresh");
    }

    #[test]
    fn compounds_split_where_a_side_is_a_word() {
        let s = Stemmer::create(Algorithm::Danish);
        let vocab: FxHashMap<Arc<str>, Vec<u32>> = ["udskrivningsepikrise", "udskrivning", "samarbejde", "arbejde"]
            .iter()
            .enumerate()
            .map(|(i, w)| (key(&s, w).into(), vec![i as u32]))
            .collect();
        let (parts, _) = compound_parts(&vocab);
        assert_eq!(parts.get(&key(&s, "epikrise")), Some(&vec![0]));
        assert!(!parts.contains_key(&key(&s, "arbejde")), "{parts:?}");
    }
}
