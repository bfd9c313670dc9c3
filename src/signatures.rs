//! Signatures: which parties of an agreement are to sign it (those with a `signatory`, given
//! in the agreement or in the party's profile), which have (`signed: YYYY-MM-DD`), and what
//! that means for the reader: signed by all on the last date, or who has yet to sign.

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::{Document, Kind, Model, Status};

/// A party that is to sign, with where the agreement names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Signer {
    pub party: String,
    pub pos: Pos,
    pub signed: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Signatures {
    /// No party has a signatory: nothing to show.
    NotTracked,
    /// Every signatory has signed; the date of the last signature.
    All(Date),
    /// Party ids still to sign, in the agreement's order.
    Missing(Vec<String>),
}

pub(crate) fn signers(model: &Model, doc: &Document) -> Vec<Signer> {
    doc.parties
        .iter()
        .filter_map(|p| {
            let own = p.inline.as_ref().and_then(|x| x.signatory.as_ref());
            let profile = || model.get(&p.id).and_then(|d| d.party()).and_then(|x| x.signatory.as_ref());
            let s = own.or_else(profile)?;
            Some(Signer { party: p.id.clone(), pos: p.pos, signed: s.signed })
        })
        .collect()
}

pub(crate) fn of(model: &Model, doc: &Document) -> Signatures {
    let signers = signers(model, doc);
    if signers.is_empty() || doc.kind() != Kind::Agreement {
        return Signatures::NotTracked;
    }
    let missing: Vec<String> = signers.iter().filter(|s| s.signed.is_none()).map(|s| s.party.clone()).collect();
    match signers.iter().filter_map(|s| s.signed).max() {
        Some(last) if missing.is_empty() => Signatures::All(last),
        _ => Signatures::Missing(missing),
    }
}

/// `check`: a `gældende` agreement with a signatory who has not signed.
pub(crate) fn check(model: &Model, diags: &mut Diagnostics) {
    for doc in model.of_kind(Kind::Agreement).filter(|d| d.status == Some(Status::Gaeldende)) {
        for s in signers(model, doc).into_iter().filter(|s| s.signed.is_none()) {
            diags.push(
                Diagnostic::warning(
                    &doc.source,
                    s.pos,
                    format!("`{}` has not signed this `gældende` agreement", s.party),
                )
                .with_hint("when it has signed, add `signed: YYYY-MM-DD` to the party's `signatory:`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;
    use std::path::PathBuf;

    fn model(text: &str) -> Model {
        let files = [
            ("content/aftaler/a.md", text),
            ("content/parter/p.md", "---\ntitle: P\nsignatory: { name: Ib, title: Chef }\n---\n"),
        ];
        let sources: Vec<Source> =
            files.iter().map(|(p, t)| Source { rel: PathBuf::from(p), text: (*t).into() }).collect();
        let mut d = Diagnostics::default();
        let split = crate::frontmatter::split_all(sources, &mut d);
        let m = crate::model::build(&split, Vec::new(), false, &mut d);
        assert!(d.is_empty(), "{d:?}");
        m
    }

    const PARTIES: &str =
        "parties:\n  - { id: k, name: K, signatory: { name: A, title: B, signed: 2024-03-01 } }\n  - p\n";

    #[test]
    fn missing_signatures_are_named_and_checked_in_force() {
        let m = model(&format!("---\ntitle: A\nstatus: gældende\n{PARTIES}---\n"));
        assert_eq!(of(&m, m.get("a").unwrap()), Signatures::Missing(vec!["p".into()]));
        let mut d = Diagnostics::default();
        check(&m, &mut d);
        let w = d.iter().next().unwrap();
        assert_eq!((w.line, w.message.as_str()), (6, "`p` has not signed this `gældende` agreement"));
    }

    #[test]
    fn all_signed_shows_the_last_date() {
        let text = "---\ntitle: A\nparties:\n  - { id: k, name: K, signatory: { name: A, title: B, signed: 2024-03-01 } }\n  - { id: l, name: L, signatory: { name: C, title: D, signed: 2024-03-09 } }\n---\n";
        let m = model(text);
        assert_eq!(of(&m, m.get("a").unwrap()), Signatures::All(Date::parse("2024-03-09").unwrap()));
    }
}
