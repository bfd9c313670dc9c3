//! Numbered clauses (`numbered: true`): `##` headings are clauses 1, 2, 3 and `###` are 1.1,
//! 1.2, unless the text numbers them itself (`## 4. Samarbejdsfora`), in which case its own
//! numbers are the clause numbers. References to a clause (`[[#samarbejdsfora]]`) render
//! its number and title, so they stay right when clauses move.

use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Debug, Serialize, serde::Deserialize)]
/// A heading of a body: its anchor, and its clause number in a numbered document.
pub(crate) struct Heading {
    pub level: u8,
    pub text: String,
    /// The text without a number of its own (`4.2 Samarbejdsfora` → `Samarbejdsfora`).
    pub title: String,
    pub id: String,
    /// The clause number shown before the text (`numbered: true`, text not numbered itself).
    pub number: Option<String>,
    /// The clause number references use: `number`, or the text's own.
    pub clause: Option<String>,
}

/// Headings of the numbered documents, by document id, for references across documents.
pub(crate) type Outlines = HashMap<String, Vec<Heading>>;

/// A heading's own number, if its text starts with one: `4.2. Samarbejdsfora` → (`4.2`, `Samarbejdsfora`).
pub(crate) fn leading_number(text: &str) -> Option<(String, &str)> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let number = text[..end].trim_end_matches('.');
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) || number.contains("..") {
        return None;
    }
    let rest = text[end..].trim_start_matches([')', ' ', '\u{a0}']);
    Some((number.to_string(), rest))
}

/// Gives each heading its clause number. Numbers are shown (`number`) only when the text has
/// none of its own; `clause` is set either way, for references.
pub(crate) fn number(headings: &mut [Heading], self_numbered: bool) {
    if self_numbered {
        for h in headings.iter_mut() {
            if let Some((n, rest)) = leading_number(&h.text) {
                h.clause = Some(n);
                h.title = rest.to_string();
            }
        }
        return;
    }
    let Some(base) = headings.iter().map(|h| h.level).min() else { return };
    let mut counters: Vec<u32> = Vec::new();
    for h in headings.iter_mut() {
        let depth = usize::from(h.level - base) + 1;
        counters.resize(depth, 0);
        counters[depth - 1] += 1;
        let n = counters.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
        h.number = Some(n.clone());
        h.clause = Some(n);
    }
}

/// The text of a reference with no text of its own: `pkt. 4.2 Samarbejdsfora` in the same
/// document, `<title>, pkt. 4.2` in another.
pub(crate) fn reference_text(h: &Heading, other_title: Option<&str>, word: &str) -> String {
    match (&h.clause, other_title) {
        (Some(n), None) => format!("{word} {n} {}", h.title),
        (Some(n), Some(title)) => format!("{title}, {word} {n}"),
        (None, None) => h.text.clone(),
        (None, Some(title)) => format!("{title}, {}", h.text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, text: &str) -> Heading {
        Heading {
            level,
            text: text.into(),
            title: text.into(),
            id: crate::slug::slugify(text),
            number: None,
            clause: None,
        }
    }

    #[test]
    fn levels_number_as_clauses_and_restart_below() {
        let mut hs = vec![h(2, "Formål"), h(3, "Mål"), h(3, "Midler"), h(2, "Samarbejde"), h(3, "Fora")];
        number(&mut hs, false);
        let n: Vec<_> = hs.iter().map(|h| h.number.clone().unwrap()).collect();
        assert_eq!(n, ["1", "1.1", "1.2", "2", "2.1"]);
        assert_eq!(reference_text(&hs[4], None, "pkt."), "pkt. 2.1 Fora");
        assert_eq!(reference_text(&hs[4], Some("Aftalen"), "section"), "Aftalen, section 2.1");
    }

    #[test]
    fn the_texts_own_numbers_are_kept() {
        let mut hs = vec![h(2, "1. Formål"), h(3, "4.2 Samarbejdsfora"), h(2, "Bilag")];
        number(&mut hs, true);
        assert_eq!(hs[1].number, None);
        assert_eq!(reference_text(&hs[1], None, "pkt."), "pkt. 4.2 Samarbejdsfora");
        assert_eq!(reference_text(&hs[2], None, "pkt."), "Bilag");
    }

    #[test]
    fn leading_numbers_are_recognised() {
        assert_eq!(leading_number("12. Ophør"), Some(("12".into(), "Ophør")));
        assert_eq!(leading_number("2020 aftalen"), Some(("2020".into(), "aftalen")));
        assert_eq!(leading_number("Formål"), None);
        assert_eq!(leading_number(".5 x"), None);
    }
}
