//! The status a reader sees (SPEC §2.8), worked out once from the front matter, the
//! supersession graph and today, so that every page and export shows the same status and
//! none of them re-derives it. Expiry and review dates are deadlines too.

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::model::{Model, Status};

/// What a document is, as far as a reader is concerned, in SPEC §2.8's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Shown {
    Arkiveret,
    /// A non-draft document `supersedes` it.
    Erstattet,
    /// `expires` is before today, or the front matter says `udløbet`.
    Udloebet,
    /// `gældende`, but its `effective` date is after today.
    Kommende,
    /// The status as written: `gældende`, `udkast` or `skabelon`.
    Written(Status),
}

impl Shown {
    /// Reading order on the front page and in the status filter.
    pub(crate) const ORDER: [Shown; 7] = [
        Shown::Written(Status::Gaeldende),
        Shown::Kommende,
        Shown::Written(Status::Udkast),
        Shown::Written(Status::Skabelon),
        Shown::Udloebet,
        Shown::Erstattet,
        Shown::Arkiveret,
    ];

    /// A stable ASCII key for CSS classes, filters and the search index.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Shown::Arkiveret => "arkiveret",
            Shown::Erstattet => "erstattet",
            Shown::Udloebet => "udloebet",
            Shown::Kommende => "kommende",
            Shown::Written(s) => s.key(),
        }
    }

    pub(crate) fn label(self, t: &Strings) -> &'static str {
        match self {
            Shown::Arkiveret | Shown::Written(Status::Arkiveret) => t.status_arkiveret,
            Shown::Erstattet => t.status_erstattet,
            Shown::Udloebet | Shown::Written(Status::Udloebet) => t.status_udloebet,
            Shown::Kommende => t.status_kommende,
            Shown::Written(Status::Gaeldende) => t.status_gaeldende,
            Shown::Written(Status::Udkast) => t.status_udkast,
            Shown::Written(Status::Skabelon) => t.status_skabelon,
        }
    }
}

/// One document's status on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Lifecycle {
    pub shown: Shown,
    /// The document that replaced it, when `shown` is `Erstattet`.
    pub superseded_by: Option<usize>,
    /// When it expired, for `Udloebet` from the dates.
    pub expired: Option<Date>,
    /// When it comes into force, for `Kommende`.
    pub effective: Option<Date>,
    /// The review date, when it is today or past: "Skal genbesøges" beside the status.
    pub review_due: Option<Date>,
}

/// Every document's lifecycle (`None` for documents with no status that nothing replaced),
/// and a warning for each `gældende` agreement past its expiry date.
pub(crate) fn build(
    model: &Model,
    superseded_by: &[Option<usize>],
    today: Date,
    diags: &mut Diagnostics,
) -> Vec<Option<Lifecycle>> {
    model
        .docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let a = doc.agreement();
            let expires = a.and_then(|a| a.expires);
            if doc.status == Some(Status::Gaeldende) {
                if let Some(x) = expires.filter(|x| *x < today) {
                    let pos = doc.locator.key("status").unwrap_or(doc.locator.start());
                    diags.push(
                        Diagnostic::warning(&doc.source, pos, format!("`gældende`, but the agreement expired on {x}"))
                            .with_hint("readers see it as expired; write `status: udløbet`, or a later `expires:`"),
                    );
                }
            }
            // A draft that supersedes a document does not replace it yet.
            let replaced = superseded_by[i].filter(|&j| model.docs[j].status != Some(Status::Udkast));
            let expired = expires.filter(|x| *x < today);
            let effective = a.and_then(|a| a.effective).filter(|e| *e > today);
            let shown = match doc.status {
                Some(Status::Arkiveret) => Shown::Arkiveret,
                _ if replaced.is_some() => Shown::Erstattet,
                _ if expired.is_some() => Shown::Udloebet,
                Some(Status::Udloebet) => Shown::Udloebet,
                Some(Status::Gaeldende) if effective.is_some() => Shown::Kommende,
                Some(s) => Shown::Written(s),
                None => return None,
            };
            Some(Lifecycle {
                shown,
                superseded_by: replaced.filter(|_| shown == Shown::Erstattet),
                expired: expired.filter(|_| shown == Shown::Udloebet),
                effective: effective.filter(|_| shown == Shown::Kommende),
                review_due: a.and_then(|a| a.review).filter(|r| *r <= today),
            })
        })
        .collect()
}

/// Which date of an agreement a deadline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DateKind {
    Expires,
    Review,
}

/// An agreement's expiry or review date, as a deadline with the agreement as its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct AgreementDate {
    pub date: Date,
    pub doc: usize,
    pub kind: DateKind,
}

/// Every agreement's expiry and review dates, by date. Archived and superseded agreements
/// have no deadlines left.
pub(crate) fn agreement_dates(model: &Model, lifecycle: &[Option<Lifecycle>]) -> Vec<AgreementDate> {
    let mut out: Vec<AgreementDate> = model
        .docs
        .iter()
        .enumerate()
        .filter(|(i, _)| !lifecycle[*i].is_some_and(|l| matches!(l.shown, Shown::Arkiveret | Shown::Erstattet)))
        .filter_map(|(i, d)| d.agreement().map(|a| (i, a)))
        .flat_map(|(doc, a)| {
            let expires = a.expires.map(|date| AgreementDate { date, doc, kind: DateKind::Expires });
            let review = a.review.map(|date| AgreementDate { date, doc, kind: DateKind::Review });
            expires.into_iter().chain(review)
        })
        .collect();
    out.sort();
    out
}
