//! Key pages of the full fixture site as a reader scans them, word for word: the agreement,
//! the action plan, the principles crosswalk, the deadlines and the front page. A change in
//! what readers see is one snapshot to review (`cargo insta review`) instead of many edits.

use crate::harness::{fixture, reader_text};

#[test]
fn key_pages_read_as_reviewed() {
    let site = fixture("build", "full");
    site.build("2025-06-01");
    for (name, page) in [
        ("agreement", "aftaler/samarbejde.html"),
        ("plan", "handleplaner/handleplan-for-ips.html"),
        ("crosswalk", "principper.html"),
        ("deadlines", "frister.html"),
        ("front", "index.html"),
    ] {
        let text = site.redact(&reader_text(&site.page(page)));
        insta::assert_snapshot!(format!("page-{name}"), text, page);
    }
}
