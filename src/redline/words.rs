//! Word-by-word comparison of one section's text with `similar`, as HTML: removed words in
//! `<del>`, added words in `<ins>`, each opening with a word for screen readers ("slettet:",
//! "tilføjet:") so the change is not told by colour or strike-through alone.

use crate::theme::escape_html;
use similar::{Algorithm, ChangeTag, TextDiff};
use std::time::Duration;

/// The words announcing a change to assistive technology.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Marks<'a> {
    pub deleted: &'a str,
    pub inserted: &'a str,
}

#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Same(String),
    Change { del: String, ins: String },
}

/// The diff as pieces, with whitespace between two changes folded into them, so that a
/// rewritten phrase reads as one change ("de to parter" → "alle tre parter").
fn pieces(old: &str, new: &str) -> Vec<Piece> {
    // The timeout bounds the work on hostile input; past it `similar` gives a coarser diff.
    let diff =
        TextDiff::configure().algorithm(Algorithm::Patience).timeout(Duration::from_secs(2)).diff_words(old, new);
    let mut out: Vec<Piece> = Vec::new();
    for c in diff.iter_all_changes() {
        let v = c.value();
        match (c.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Piece::Same(s))) => s.push_str(v),
            (ChangeTag::Equal, _) => out.push(Piece::Same(v.to_string())),
            (ChangeTag::Delete, Some(Piece::Change { del, .. })) => del.push_str(v),
            (ChangeTag::Insert, Some(Piece::Change { ins, .. })) => ins.push_str(v),
            (ChangeTag::Delete, _) => out.push(Piece::Change { del: v.into(), ins: String::new() }),
            (ChangeTag::Insert, _) => out.push(Piece::Change { del: String::new(), ins: v.into() }),
        }
    }
    absorb_gaps(out)
}

fn absorb_gaps(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut it = pieces.into_iter().peekable();
    while let Some(p) = it.next() {
        let gap = matches!(&p, Piece::Same(s) if !s.is_empty() && s.chars().all(|c| c == ' '));
        let between =
            gap && matches!(out.last(), Some(Piece::Change { .. })) && matches!(it.peek(), Some(Piece::Change { .. }));
        if between {
            let (Piece::Same(space), Some(Piece::Change { del: d2, ins: i2 })) = (p, it.next()) else { continue };
            if let Some(Piece::Change { del, ins }) = out.last_mut() {
                for (acc, more) in [(del, d2), (ins, i2)] {
                    match (acc.is_empty(), more.is_empty()) {
                        (false, false) => acc.push_str(&(space.clone() + &more)),
                        (true, _) => *acc = more,
                        (false, true) => {}
                    }
                }
            }
            continue;
        }
        out.push(p);
    }
    out
}

/// The compared section as paragraphs of HTML, and how many changes it holds.
pub(crate) fn redline(old: &str, new: &str, marks: Marks) -> (String, usize) {
    let pieces = pieces(old, new);
    let changes = pieces.iter().filter(|p| matches!(p, Piece::Change { .. })).count();
    let mut html = String::from("<p>");
    for p in &pieces {
        match p {
            Piece::Same(s) => html.push_str(&escape_html(s).replace('\n', "</p>\n<p>")),
            Piece::Change { del, ins } => {
                html.push_str(&marked("del", marks.deleted, del));
                html.push_str(&marked("ins", marks.inserted, ins));
            }
        }
    }
    html.push_str("</p>");
    (html.replace("<p></p>", ""), changes)
}

/// A whole section's text as removed or added.
pub(crate) fn whole(text: &str, tag: &str, mark: &str) -> String {
    text.lines().filter(|l| !l.is_empty()).map(|l| format!("<p>{}</p>\n", marked(tag, mark, l))).collect()
}

/// The section as it stands, for an unchanged section.
pub(crate) fn plain(text: &str) -> String {
    text.lines().filter(|l| !l.is_empty()).map(|l| format!("<p>{}</p>\n", escape_html(l))).collect()
}

/// A change in its tag; spaces at its edges stay outside, so only words are marked.
fn marked(tag: &str, mark: &str, text: &str) -> String {
    let inner = text.trim();
    if inner.is_empty() {
        return String::new();
    }
    let lead = if text.starts_with(char::is_whitespace) { " " } else { "" };
    let trail = if text.ends_with(char::is_whitespace) { " " } else { "" };
    let body = escape_html(inner).replace('\n', "<br>");
    format!("{lead}<{tag}><span class=\"visually-hidden\">{mark} </span>{body}</{tag}>{trail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Marks = Marks { deleted: "slettet:", inserted: "tilføjet:" };

    #[test]
    fn changed_words_are_marked_and_counted() {
        let (html, n) = redline("Mødet holdes hver måned i Hillerød.", "Mødet holdes hver uge i Hillerød.", M);
        assert_eq!(n, 1);
        assert_eq!(
            html,
            "<p>Mødet holdes hver <del><span class=\"visually-hidden\">slettet: </span>måned</del>\
             <ins><span class=\"visually-hidden\">tilføjet: </span>uge</ins> i Hillerød.</p>"
        );
    }

    #[test]
    fn a_rewritten_phrase_is_one_change() {
        let (html, n) = redline("De to parter mødes.", "Alle tre parter mødes.", M);
        assert_eq!(n, 1, "{html}");
        assert!(html.contains("slettet: </span>De to</del>"), "{html}");
        assert!(html.contains("tilføjet: </span>Alle tre</ins>"), "{html}");
    }

    #[test]
    fn separate_changes_count_separately_and_paragraphs_stay() {
        let (html, n) = redline("a b c\nd e f", "a x c\nd e f g", M);
        assert_eq!(n, 2);
        assert!(html.contains("</p>\n<p>d e f <ins>"), "{html}");
        assert!(!html.contains("<p></p>"));
    }

    #[test]
    fn text_is_escaped() {
        let (html, _) = redline("<b>", "<i>", M);
        assert!(html.contains("&lt;i&gt;") && !html.contains("<i>"), "{html}");
    }
}
