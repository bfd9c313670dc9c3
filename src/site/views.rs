//! View types: the typed pieces page contexts are made of (links, cards, parties, plan items),
//! shared by the pages and the exports.

use crate::model::Signatory;
use serde::Serialize;

/// An option of a filter's `<select>`: what it filters on and what the reader sees.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct FilterOption {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Link {
    pub title: String,
    pub href: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct StatusView {
    pub key: &'static str,
    pub label: &'static str,
}

/// A document's status as a reader sees it (SPEC §2.8), from `graph.lifecycle`.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct DocStatus {
    pub key: &'static str,
    pub label: &'static str,
    /// "Træder i kraft 1. marts 2027", for an upcoming agreement.
    pub note: Option<String>,
    /// "Skal genbesøges", shown beside the status when the review date has come.
    pub review: Option<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct DocCard {
    pub id: String,
    pub title: String,
    pub href: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub summary: Option<String>,
    pub status: Option<DocStatus>,
    /// Set when the document is not in the site's language.
    pub lang: Option<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct PartyView {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub kind_label: Option<&'static str>,
    pub address: Option<String>,
    pub cvr: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub href: String,
    pub signatory: Option<Signatory>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ItemView {
    pub id: String,
    pub title: String,
    pub href: String,
    pub plan: Link,
    pub section: String,
    pub question: Option<String>,
    pub guidance: Option<String>,
    pub answer: Option<String>,
    pub responsible: Vec<Link>,
    /// Party ids, for the filter.
    pub responsible_keys: String,
    pub owner: Option<String>,
    pub deadline: Option<String>,
    pub deadline_long: Option<String>,
    pub overdue: bool,
    pub status: StatusView,
}

/// How much of a plan item a page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Detail {
    Full,
    Summary,
}

/// Whether an agreement is signed by all its signatories, as one line for the reader.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct SignatureStatus {
    pub complete: bool,
    pub text: String,
}
