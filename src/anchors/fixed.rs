//! The ids every page may write, whatever its document: section ids, their `-title` headings
//! and the templates' other ids. Apart from the document model, so that the model can keep
//! the ids it makes (plan items) clear of them.

/// A section of a document page that a link may point to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    Parties,
    TargetGroup,
    Responsibilities,
    Principles,
    Text,
    History,
    Signatures,
    StatedIn,
    Items,
    Toc,
}

impl Section {
    pub(crate) const ALL: [Section; 10] = [
        Section::Parties,
        Section::TargetGroup,
        Section::Responsibilities,
        Section::Principles,
        Section::Text,
        Section::History,
        Section::Signatures,
        Section::StatedIn,
        Section::Items,
        Section::Toc,
    ];

    /// The id in the page, and so the anchor in a link.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Section::Parties => "parter",
            Section::TargetGroup => "maalgruppe",
            Section::Responsibilities => "ansvar",
            Section::Principles => "principper",
            Section::Text => "tekst",
            Section::History => "historik",
            Section::Signatures => "underskrifter",
            Section::StatedIn => "dokumenter",
            Section::Items => "punkter",
            Section::Toc => "toc",
        }
    }
}

/// The main landmark every page has; the skip link points to it, and so may any link.
pub(crate) const MAIN: &str = "indhold";

/// Ids the templates write besides the sections: the main landmark, the search form and the
/// headings that label sections. A unit test keeps this list and the templates in step.
const OTHER_IDS: &[&str] = &[
    MAIN,
    "search-input",
    "search-keys",
    "search-status",
    "search-results",
    "search-page",
    "search-page-query",
    "search-page-status",
    "search-page-suggestion",
    "search-page-results",
    "toc-title",
    "plans-title",
    "related-title",
    "backlinks-title",
    "doc-parter",
    "plan-parter",
    "stated-title",
    "items-title",
    "party-docs",
    "party-duties",
    "party-items",
    "counts-title",
    "overdue-title",
    "upcoming-title",
    "status-title",
    "crosswalk-title",
    "aftaler-tabel",
    "frister-tabel",
    "terms-used-title",
    "unsigned-title",
    "changed-title",
    "felter-title",
    "redline-text-title",
];

/// Every fixed id: each section's id and its `-title`, and the templates' other ids.
pub(crate) fn all() -> impl Iterator<Item = String> {
    Section::ALL
        .iter()
        .flat_map(|s| [s.id().to_string(), format!("{}-title", s.id())])
        .chain(OTHER_IDS.iter().map(|s| s.to_string()))
}

/// The anchor of a plan's `n`-th section (from 1).
pub(crate) fn plan_section(n: usize) -> String {
    format!("afsnit-{n}")
}
