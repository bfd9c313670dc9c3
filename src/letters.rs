//! Letters beyond ASCII, in one table: how slugs spell them out (`ø` → `oe`) and how search
//! folds them (`é` → `e`, `ö` → `ø`). Search's loose form (`ø`, `oe` → `o`) lives here too.
//! The theme's `search.js` takes the search columns from the index the build writes, so the
//! browser folds a query with this very table.

/// A letter, its spelling in slugs and its form in search terms.
pub(crate) struct Letter {
    pub letter: char,
    pub slug: &'static str,
    pub search: &'static str,
}

const fn l(letter: char, slug: &'static str, search: &'static str) -> Letter {
    Letter { letter, slug, search }
}

/// Danish letters stay Danish in search (the stemmer knows them); foreign ones become their
/// Danish or ASCII cousin.
pub(crate) const LETTERS: [Letter; 26] = [
    l('æ', "ae", "æ"),
    l('ä', "ae", "æ"),
    l('ø', "oe", "ø"),
    l('ö', "oe", "ø"),
    l('å', "aa", "å"),
    l('é', "e", "e"),
    l('è', "e", "e"),
    l('ê', "e", "e"),
    l('ë', "e", "e"),
    l('á', "a", "a"),
    l('à', "a", "a"),
    l('â', "a", "a"),
    l('í', "i", "i"),
    l('ì', "i", "i"),
    l('î', "i", "i"),
    l('ï', "i", "i"),
    l('ó', "o", "o"),
    l('ò', "o", "o"),
    l('ô', "o", "o"),
    l('ú', "u", "u"),
    l('ù', "u", "u"),
    l('û', "u", "u"),
    l('ü', "u", "u"),
    l('ñ', "n", "n"),
    l('ç', "c", "c"),
    l('ß', "ss", "ss"),
];

/// Before stemming, the old spelling `aa` is the letter `å` (`Maal` is `mål`).
pub(crate) const SEARCH_DIGRAPHS: [(&str, &str); 1] = [("aa", "å")];

/// After stemming, each Danish letter and its ASCII spellings meet in one loose form, so
/// `hillerod`, `hilleroed` and `Hillerød` are one term: ø → o/oe, æ → ae/e, å → aa/a.
/// Longer patterns first; applied left to right.
pub(crate) const LOOSE: [(&str, &str); 6] = [("ae", "e"), ("oe", "o"), ("aa", "a"), ("æ", "e"), ("ø", "o"), ("å", "a")];

pub(crate) fn letter(c: char) -> Option<&'static Letter> {
    // None is ASCII: most characters of a text need no search of the table.
    if c.is_ascii() {
        return None;
    }
    LETTERS.iter().find(|x| x.letter == c)
}

/// Lowercase, `aa` → `å`, accents removed (Danish letters kept): a word as the stemmer wants it.
pub(crate) fn fold(word: &str) -> String {
    let mut lower = word.to_lowercase();
    for (from, to) in SEARCH_DIGRAPHS {
        lower = lower.replace(from, to);
    }
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        match letter(c) {
            Some(x) => out.push_str(x.search),
            None => out.push(c),
        }
    }
    out
}

/// The loose form of a stemmed term: Danish letters and their spellings made one.
pub(crate) fn loosen(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    let mut rest = term;
    'next: while let Some(c) = rest.chars().next() {
        for (from, to) in LOOSE {
            if let Some(after) = rest.strip_prefix(from) {
                out.push_str(to);
                rest = after;
                continue 'next;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_of_the_table_is_found_and_none_is_ascii() {
        for x in &LETTERS {
            assert!(!x.letter.is_ascii(), "{}", x.letter);
            assert_eq!(letter(x.letter).map(|found| found.letter), Some(x.letter));
        }
        assert!(letter('a').is_none() && letter('-').is_none());
    }

    #[test]
    fn folding_handles_aa_accents_and_case() {
        assert_eq!(fold("Maal"), "mål");
        assert_eq!(fold("MÅL"), "mål");
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("Öresund"), "øresund");
    }

    #[test]
    fn danish_letters_and_their_spellings_meet() {
        for w in ["hillerød", "hilleroed", "hillerod"] {
            assert_eq!(loosen(w), "hillerod");
        }
        assert_eq!(loosen("ændring"), loosen("aendring"));
        assert_eq!(loosen("ændring"), loosen("endring"));
        assert_eq!(loosen("gødstrup"), "godstrup");
        assert_eq!(loosen("mål"), "mal");
    }

    #[test]
    fn every_letter_is_lowercase_and_listed_once() {
        for (i, x) in LETTERS.iter().enumerate() {
            assert!(x.letter.is_lowercase(), "{}", x.letter);
            assert!(LETTERS[..i].iter().all(|y| y.letter != x.letter), "{} twice", x.letter);
        }
    }
}
