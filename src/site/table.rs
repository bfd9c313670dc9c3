//! The table of top-level pages: one row per page at the site root. The list pages, their
//! titles and breadcrumbs, the front page's counts and the main menu are all made from it, so
//! a new top-level page is one row here, one template and one builder in `pages/lists.rs`.

use crate::i18n::Strings;
use crate::model::Kind;

/// Which builder in `pages/lists.rs` makes a top-level page's context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TopPageKind {
    Front,
    Agreements,
    Plans,
    Principles,
    Deadlines,
    Parties,
    Documents,
    Topics,
    Terms,
    /// Search results for `?q=…`, filled in by the theme's `search.js`.
    Search,
    NotFound,
}

/// One top-level page.
#[derive(Debug)]
pub(crate) struct TopPage {
    pub kind: TopPageKind,
    /// Output path, relative to the site root.
    pub path: &'static str,
    pub template: &'static str,
    /// The menu key: pages under this one mark it as current (`aria-current`); empty for none.
    pub section: &'static str,
    /// Listed in the main menu (in table order).
    pub in_menu: bool,
    /// The page's title in the site's language.
    pub title: fn(&Strings) -> &'static str,
    /// The documents it lists: their pages sit under it in the breadcrumb and menu, and the
    /// front page counts them.
    pub lists: Option<Kind>,
}

const fn row(
    kind: TopPageKind,
    path: &'static str,
    section: &'static str,
    in_menu: bool,
    title: fn(&Strings) -> &'static str,
    lists: Option<Kind>,
) -> TopPage {
    TopPage { kind, path, template: path, section, in_menu, title, lists }
}

/// Every top-level page, in menu order.
pub(crate) const TOP_PAGES: &[TopPage] = &[
    row(TopPageKind::Front, "index.html", "", false, |t| t.home, None),
    row(TopPageKind::Agreements, "aftaler.html", "aftaler", true, |t| t.aftaler, Some(Kind::Agreement)),
    row(TopPageKind::Plans, "handleplaner.html", "handleplaner", true, |t| t.handleplaner, Some(Kind::Plan)),
    row(TopPageKind::Principles, "principper.html", "principper", true, |t| t.principper, Some(Kind::Principle)),
    row(TopPageKind::Deadlines, "frister.html", "frister", true, |t| t.frister, None),
    row(TopPageKind::Parties, "parter.html", "parter", true, |t| t.parter, Some(Kind::Party)),
    row(TopPageKind::Documents, "dokumenter.html", "dokumenter", true, |t| t.dokumenter, Some(Kind::Document)),
    row(TopPageKind::Topics, "emner.html", "emner", false, |t| t.emner, None),
    row(TopPageKind::Terms, "begreber.html", "begreber", false, |t| t.begreber, None),
    row(TopPageKind::Search, "soeg.html", "", false, |t| t.search, None),
    row(TopPageKind::NotFound, "404.html", "", false, |t| t.not_found, None),
];

/// The top-level page that lists documents of `kind`.
pub(crate) fn list_of(kind: Kind) -> Option<&'static TopPage> {
    TOP_PAGES.iter().find(|p| p.lists == Some(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_unique_and_every_listed_kind_has_one_list() {
        let mut paths: Vec<_> = TOP_PAGES.iter().map(|p| p.path).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), TOP_PAGES.len());
        for k in Kind::ALL {
            assert_eq!(TOP_PAGES.iter().filter(|p| p.lists == Some(k)).count(), 1, "{k:?}");
            // A list page sits beside the folder of the pages it lists.
            assert_eq!(list_of(k).map(|p| p.path), Some(format!("{}.html", k.dir())).as_deref());
        }
    }

    #[test]
    fn every_template_is_embedded() {
        for p in TOP_PAGES {
            assert!(crate::theme::TEMPLATES.iter().any(|(n, _)| *n == p.template), "{}", p.template);
        }
    }
}
