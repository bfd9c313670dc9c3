//! Pagination for pages that list the whole site (deadlines, lists, parties, principles,
//! topics): a reader's page stays a few hundred kilobytes however large the site grows. Page 1
//! keeps the page's own path; page n is `<stem>.side-<n>.html` beside it (a `.` never occurs
//! in an id, so the name cannot collide with a document's page).

use serde::Serialize;

/// Rows per page of a list; each is sized so a page stays under about 300 KB of HTML.
pub(crate) const TABLE_ROWS: usize = 250;
pub(crate) const CARDS: usize = 150;
pub(crate) const ITEMS: usize = 100;
pub(crate) const DUTIES: usize = 100;
pub(crate) const COLUMNS: usize = 60;

/// Where a paginated page is and how to reach its neighbours; `None` on a page of one.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Pager {
    pub number: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Every page, for the numbered links (hrefs relative to this page's folder).
    pub pages: Vec<PageLink>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
}

/// The output path of page `n` (from 1) of the page at `path`.
pub(crate) fn path(path: &str, n: usize) -> String {
    if n <= 1 {
        return path.to_string();
    }
    let stem = path.strip_suffix(".html").unwrap_or(path);
    format!("{stem}.side-{n}.html")
}

/// The pager of page `n` of `count`, or `None` when there is one page.
pub(crate) fn pager(page: &str, n: usize, count: usize) -> Option<Pager> {
    if count <= 1 {
        return None;
    }
    let name = |k: usize| {
        let p = path(page, k);
        p.rsplit('/').next().unwrap_or(&p).to_string()
    };
    Some(Pager {
        number: n,
        count,
        prev: (n > 1).then(|| name(n - 1)),
        next: (n < count).then(|| name(n + 1)),
        pages: (1..=count).map(|k| PageLink { number: k, href: name(k), current: k == n }).collect(),
    })
}

/// How many pages lists of these (length, rows per page) need: at least one.
pub(crate) fn count(lists: &[(usize, usize)]) -> usize {
    lists.iter().map(|&(len, per)| len.div_ceil(per.max(1))).max().unwrap_or(0).max(1)
}

/// The rows of list `v` on page `n` (from 1), `per` to a page.
pub(crate) fn rows<T: Clone>(v: &[T], per: usize, n: usize) -> Vec<T> {
    v.iter().skip((n - 1) * per).take(per).cloned().collect()
}

/// `v` in pages of `per` rows; one empty page for an empty list. The rows move into their
/// pages: a copy of every row of `frister.html` was a tenth of a clean build's peak heap.
pub(crate) fn chunks<T>(v: Vec<T>, per: usize) -> Vec<Vec<T>> {
    let pages = count(&[(v.len(), per)]);
    let mut rows = v.into_iter();
    (0..pages).map(|_| rows.by_ref().take(per).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_one_keeps_its_path_and_the_rest_sit_beside_it() {
        assert_eq!(path("frister.html", 1), "frister.html");
        assert_eq!(path("frister.html", 3), "frister.side-3.html");
        assert_eq!(path("parter/region-1.html", 2), "parter/region-1.side-2.html");
        let p = pager("parter/region-1.html", 2, 3).unwrap();
        assert_eq!(p.prev.as_deref(), Some("region-1.html"));
        assert_eq!(p.next.as_deref(), Some("region-1.side-3.html"));
        assert!(p.pages[1].current);
        assert!(pager("frister.html", 1, 1).is_none());
    }

    #[test]
    fn every_row_is_on_exactly_one_page() {
        let v: Vec<usize> = (0..1001).collect();
        let pages = chunks(v.clone(), 250);
        assert_eq!(pages.len(), 5);
        assert_eq!(pages.concat(), v);
        assert_eq!(chunks::<usize>(Vec::new(), 250), vec![Vec::<usize>::new()]);
        assert_eq!(count(&[(10, 5), (301, 100), (0, 1)]), 4);
    }
}
