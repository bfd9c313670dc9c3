//! The domain: documents of five kinds, parties, responsibilities, plan items, principle
//! references and deadlines, as the rest of the build sees them once resolved.

use crate::date::Date;
use crate::diagnostics::Pos;
use crate::yaml::Locator;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What kind of document a file is: the `type:` field's value, or its folder's. The same
/// names as [`KindData`], which holds what only that kind has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Kind {
    #[serde(rename = "aftale")]
    Agreement,
    #[serde(rename = "handleplan")]
    Plan,
    #[serde(rename = "princip")]
    Principle,
    #[serde(rename = "dokument")]
    Document,
    #[serde(rename = "part")]
    Party,
    /// `content/_index.md`: the front page's own text.
    #[serde(skip_deserializing, rename = "index")]
    Index,
}

impl Kind {
    /// The folder under `content/` (and in the output) for this kind.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Agreement => "aftaler",
            Kind::Plan => "handleplaner",
            Kind::Principle => "principper",
            Kind::Document => "dokumenter",
            Kind::Party => "parter",
            Kind::Index => "",
        }
    }

    pub fn from_dir(dir: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.dir() == dir)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Agreement => "aftale",
            Kind::Plan => "handleplan",
            Kind::Principle => "princip",
            Kind::Document => "dokument",
            Kind::Party => "part",
            Kind::Index => "index",
        }
    }

    pub const ALL: [Kind; 5] = [Kind::Agreement, Kind::Plan, Kind::Principle, Kind::Document, Kind::Party];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub(crate) enum Status {
    #[serde(rename = "udkast")]
    Udkast,
    #[serde(rename = "skabelon")]
    Skabelon,
    #[serde(rename = "gældende", alias = "gaeldende")]
    Gaeldende,
    #[serde(rename = "udløbet", alias = "udloebet", alias = "udlobet")]
    Udloebet,
    #[serde(rename = "arkiveret")]
    Arkiveret,
}

impl Status {
    /// A stable ASCII key for CSS classes and filters.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Status::Udkast => "udkast",
            Status::Skabelon => "skabelon",
            Status::Gaeldende => "gaeldende",
            Status::Udloebet => "udloebet",
            Status::Arkiveret => "arkiveret",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub(crate) enum ItemStatus {
    #[default]
    #[serde(rename = "åben", alias = "aaben", alias = "aben")]
    Aaben,
    #[serde(rename = "i gang", alias = "i-gang")]
    IGang,
    #[serde(rename = "færdig", alias = "faerdig")]
    Faerdig,
}

impl ItemStatus {
    pub(crate) fn key(self) -> &'static str {
        match self {
            ItemStatus::Aaben => "aaben",
            ItemStatus::IGang => "i-gang",
            ItemStatus::Faerdig => "faerdig",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum PartyKind {
    Kommune,
    Region,
    Psykiatri,
    Forskning,
    Stat,
    Virksomhed,
    Andet,
}

/// A reference by id to another document, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Ref {
    pub id: String,
    pub pos: Pos,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Signatory {
    pub name: String,
    pub title: String,
    /// The name written over the signature line, where it differs from the party's name.
    pub for_party: Option<String>,
    /// The day this party signed (only meaningful on an agreement's own party list).
    pub signed: Option<Date>,
}

/// A defined term: its name as written, its definition, and where it is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TermDef {
    pub name: String,
    pub definition: String,
    pub pos: Pos,
}

/// A party's details as declared inline or in its profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Party {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub kind: Option<PartyKind>,
    pub address: Option<String>,
    pub cvr: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub signatory: Option<Signatory>,
}

impl Party {
    /// How many details are filled in: the fullest declaration describes a shared party.
    pub(crate) fn fullness(&self) -> usize {
        [&self.short, &self.address, &self.cvr, &self.phone, &self.email, &self.url]
            .iter()
            .filter(|f| f.is_some())
            .count()
            + usize::from(self.kind.is_some())
    }
}

/// A party named by a document: by id, with the inline details if it declared them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PartyRef {
    pub id: String,
    pub pos: Pos,
    pub inline: Option<Party>,
}

/// Who a duty or plan item falls to: one party, or all parties together.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Responsible {
    Party(String),
    Faelles,
}

impl Responsible {
    pub(crate) fn parse(s: &str) -> Responsible {
        match s.trim().to_lowercase().as_str() {
            "fælles" | "faelles" | "falles" => Responsible::Faelles,
            other => Responsible::Party(other.to_string()),
        }
    }
}

/// A principle a document states, with its own number and wording where it gives them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PrincipleRef {
    pub id: String,
    pub number: Option<u32>,
    pub wording: Option<String>,
    pub pos: Pos,
}

/// Duties of one party (or `fælles`) in an agreement, each Markdown.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Responsibility {
    pub who: Responsible,
    pub pos: Pos,
    pub duties: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct HistoryEntry {
    pub version: Option<String>,
    pub date: Option<Date>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct TargetGroup {
    pub description: Option<String>,
    pub criteria: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Agreement {
    pub effective: Option<Date>,
    pub expires: Option<Date>,
    pub review: Option<Date>,
    pub version: Option<String>,
    pub target_group: Option<TargetGroup>,
    pub responsibilities: Vec<Responsibility>,
    pub history: Vec<HistoryEntry>,
}

/// A plan item's deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct Deadline(pub Date);

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PlanItem {
    /// Unique within its plan; the anchor on the plan page.
    pub id: String,
    #[serde(with = "crate::utf8::serde")]
    pub title: String,
    #[serde(with = "crate::utf8::serde_opt")]
    pub question: Option<String>,
    #[serde(with = "crate::utf8::serde_opt")]
    pub guidance: Option<String>,
    pub responsible: Vec<Responsible>,
    pub owner: Option<String>,
    pub deadline: Option<Deadline>,
    pub status: ItemStatus,
    #[serde(with = "crate::utf8::serde_opt")]
    pub answer: Option<String>,
    pub principles: Vec<Ref>,
    pub pos: Pos,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PlanSection {
    #[serde(with = "crate::utf8::serde")]
    pub title: String,
    #[serde(with = "crate::utf8::serde_opt")]
    pub intro: Option<String>,
    pub items: Vec<PlanItem>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Plan {
    pub agreement: Option<Ref>,
    pub sections: Vec<PlanSection>,
}

impl Plan {
    pub(crate) fn items(&self) -> impl Iterator<Item = &PlanItem> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }
}

/// What only one kind of document has; its variant is the document's [`Kind`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) enum KindData {
    Agreement(Agreement),
    Plan(Plan),
    Principle { number: Option<u32> },
    Document,
    Party(Party),
    Index,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Body {
    /// Not kept in `build`'s cache: the source it came from is read anyway.
    #[serde(skip)]
    pub text: crate::text::SourceText,
    /// 1-based line in the source file where the body starts.
    pub line: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Document {
    pub id: String,
    /// Relative to the site root, e.g. `content/aftaler/x.md`.
    pub source: PathBuf,
    #[serde(with = "crate::utf8::serde")]
    pub title: String,
    #[serde(with = "crate::utf8::serde_opt")]
    pub summary: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub tags: Vec<String>,
    pub status: Option<Status>,
    pub related: Vec<Ref>,
    pub supersedes: Option<Ref>,
    pub owner: Option<String>,
    /// `language:` as written; the site's language when absent.
    pub language: Option<crate::config::Language>,
    pub principles: Vec<PrincipleRef>,
    pub parties: Vec<PartyRef>,
    /// Terms this document defines (site-wide for a `dokument`, local otherwise).
    pub terms: Vec<TermDef>,
    /// Headings are numbered as clauses (`numbered: true`).
    pub numbered: bool,
    pub body: Body,
    pub locator: Locator,
    pub data: KindData,
}

impl KindData {
    pub(crate) fn kind(&self) -> Kind {
        match self {
            KindData::Agreement(_) => Kind::Agreement,
            KindData::Plan(_) => Kind::Plan,
            KindData::Principle { .. } => Kind::Principle,
            KindData::Document => Kind::Document,
            KindData::Party(_) => Kind::Party,
            KindData::Index => Kind::Index,
        }
    }
}

impl Document {
    pub(crate) fn kind(&self) -> Kind {
        self.data.kind()
    }

    /// Output path relative to the site root, e.g. `aftaler/x.html`.
    pub(crate) fn url(&self) -> String {
        match self.kind() {
            Kind::Index => "index.html".to_string(),
            k => format!("{}/{}.html", k.dir(), self.id),
        }
    }

    pub(crate) fn agreement(&self) -> Option<&Agreement> {
        match &self.data {
            KindData::Agreement(a) => Some(a),
            _ => None,
        }
    }

    pub(crate) fn plan(&self) -> Option<&Plan> {
        match &self.data {
            KindData::Plan(p) => Some(p),
            _ => None,
        }
    }

    pub(crate) fn party(&self) -> Option<&Party> {
        match &self.data {
            KindData::Party(p) => Some(p),
            _ => None,
        }
    }

    pub(crate) fn principle_number(&self) -> Option<u32> {
        match &self.data {
            KindData::Principle { number } => *number,
            _ => None,
        }
    }
}
