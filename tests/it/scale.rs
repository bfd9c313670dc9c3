//! A generated site larger than one page of every list (the benchmarks' generator at small
//! N): no page grows past about 300 KB, long lists run over pages a reader can step through,
//! and every row is on exactly one of them.

use crate::harness;
use crate::link_check::check_links;

const LIMIT: u64 = 300 * 1024;

#[test]
fn long_lists_are_paginated_and_no_page_is_large() {
    let site = harness::generated(300);
    site.build("2026-11-23");
    for e in walkdir::WalkDir::new(site.path("public")).into_iter().map(Result::unwrap) {
        if e.path().extension().is_some_and(|x| x == "html") {
            let size = e.metadata().unwrap().len();
            assert!(size < LIMIT, "{} is {size} bytes", e.path().display());
        }
    }
    // Every dated plan item and every agreement's review or expiry date in the sources is one
    // row on exactly one deadline page.
    let mut deadlines = 0;
    for e in walkdir::WalkDir::new(site.path("content")).into_iter().map(Result::unwrap) {
        if e.file_type().is_file() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            deadlines += ["\n        deadline: ", "\nreview: ", "\nexpires: "]
                .iter()
                .map(|k| text.matches(k).count())
                .sum::<usize>();
        }
    }
    assert!(deadlines > 1000, "the generated site has many deadlines: {deadlines}");
    let mut rows = 0;
    let mut pages = 0;
    while let Ok(html) = std::fs::read_to_string(site.path("public").join(page(pages + 1))) {
        pages += 1;
        rows += html.matches("<tr class=").count();
        assert!(html.contains(&format!("Side {pages} af ")), "page {pages} says where it is");
        if pages > 1 {
            assert!(html.contains(&format!("href=\"{}\" rel=\"prev\"", page(pages - 1))), "page {pages} links back");
        }
    }
    assert!(pages > 1, "frister.html runs over several pages");
    assert_eq!(rows, deadlines, "each deadline once, over {pages} pages");
    assert!(!site.page(&page(pages)).contains("rel=\"next\""), "the last page has no next");
    // A region is party to many agreements: its page continues on further pages.
    assert!(site.path("public/parter/region-0.side-2.html").is_file());
    assert!(check_links(&site) > 10_000);
}

fn page(n: usize) -> String {
    if n == 1 {
        "frister.html".into()
    } else {
        format!("frister.side-{n}.html")
    }
}
