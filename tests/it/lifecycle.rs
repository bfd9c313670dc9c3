//! The status a reader sees is worked out from the dates (SPEC §2.8) and is the same on every
//! page and export: an agreement past its expiry is "Udløbet" even when its front matter says
//! `gældende`, a replaced one is "Erstattet", a future one "Kommende"; review and expiry
//! dates are deadlines.

use crate::harness::{fixture, visible_text, Site};

const TODAY: &str = "2026-11-23";

fn dates() -> Site {
    let site = fixture("lifecycle", "dates");
    site.build(TODAY);
    site
}

/// The status pill(s) in a page's header.
fn pill(html: &str) -> String {
    let eyebrow = &html[html.find("<p class=\"eyebrow\">").expect("eyebrow")..];
    visible_text(&eyebrow[..eyebrow.find("</p>").unwrap()])
}

#[test]
fn pill_and_banner_follow_the_dates_not_the_written_status() {
    let site = dates();
    let expired = site.page("aftaler/udloebet.html");
    assert_eq!(pill(&expired), "Aftale Udløbet");
    assert!(!expired.contains("status-gaeldende"), "no green pill on an expired agreement");
    assert!(visible_text(&expired).contains("Udløbet Aftalen udløb 1. januar 2023."));

    let old = site.page("aftaler/gammel.html");
    assert_eq!(pill(&old), "Aftale Erstattet");
    assert!(visible_text(&old).contains("Erstattet af Ny aftale"));

    let future = site.page("aftaler/kommende.html");
    assert_eq!(pill(&future), "Aftale Kommende Træder i kraft 1. marts 2027");
    assert!(visible_text(&future).contains("Kommende Aftalen træder i kraft 1. marts 2027."));
    // A draft that supersedes it does not replace it.
    assert!(!visible_text(&future).contains("Erstattet"));

    let new = site.page("aftaler/ny.html");
    assert_eq!(pill(&new), "Aftale Gældende Skal genbesøges");
    assert!(visible_text(&new).contains("Skal genbesøges Fristen for at genbesøge aftalen var 1. september 2026."));
    assert_eq!(pill(&site.page("aftaler/arkiveret.html")), "Aftale Arkiveret");
}

#[test]
fn lists_front_page_party_and_principle_pages_show_the_same_status() {
    let site = dates();
    let index = visible_text(&site.page("index.html"));
    let groups = &index[index.find("Aftaler efter status").expect("status groups")..];
    assert!(
        groups.starts_with(
            "Aftaler efter status Gældende Ny aftale Aftale Gældende Skal genbesøges \
             Kommende Kommende aftale Aftale Kommende Træder i kraft 1. marts 2027 \
             Udkast Udkast der erstatter den kommende Aftale Udkast \
             Udløbet Aftale der er udløbet Aftale Udløbet \
             Erstattet Gammel aftale Aftale Erstattet \
             Arkiveret Arkiveret aftale Aftale Arkiveret"
        ),
        "{groups}"
    );
    let list = site.page("aftaler.html");
    assert!(list.contains(r#"<tr data-parties="sydby" data-status="udloebet">"#), "filter by shown status");
    let select = &list[list.find("data-filter=\"status\"").unwrap()..];
    let options = visible_text(&select[..select.find("</select>").unwrap()]);
    assert!(options.contains("Alle Gældende Kommende Udkast Udløbet Erstattet Arkiveret"), "{options}");
    let party = visible_text(&site.page("parter/sydby.html"));
    assert!(party.contains("Aftale der er udløbet Aftale Udløbet"), "{party}");
    let principle = visible_text(&site.page("principper/ordinaert-job.html"));
    assert!(principle.contains("Gammel aftale Aftale Erstattet"), "{principle}");
    assert!(principle.contains("Aftale der er udløbet Aftale Udløbet"), "{principle}");
    let crosswalk = site.page("principper.html");
    let head = visible_text(&crosswalk[crosswalk.find("<thead>").unwrap()..crosswalk.find("</thead>").unwrap()]);
    assert!(head.contains("Aftale der er udløbet Udløbet"), "{head}");
    let feed = site.page("feed.xml");
    assert!(feed.contains(r#"<category term="udloebet" label="Udløbet"/>"#), "{feed}");
}

#[test]
fn expiry_and_review_dates_are_deadlines() {
    let site = dates();
    let text = visible_text(&site.page("frister.html"));
    let rows = &text[text.find("Frist Titel Kilde Ansvarlig Status").expect("table")..];
    assert!(
        rows.contains(
            "1. januar 2023 Aftalen udløber Aftale der er udløbet Sydby Kommune Udløbet \
             1. september 2026 Overskredet Aftalen skal genbesøges Ny aftale Sydby Kommune Gældende \
             30. juni 2028 Aftalen udløber Ny aftale Sydby Kommune Gældende \
             31. december 2030 Aftalen udløber Kommende aftale Sydby Kommune Kommende"
        ),
        "{rows}"
    );
    // A replaced or archived agreement has no deadlines left.
    assert!(!rows.contains("Gammel aftale") && !rows.contains("Arkiveret aftale"), "{rows}");
    let ics = site.page("frister.ics");
    assert!(ics.contains("UID:ny.genbesoeges@aftalebog\r\n"), "{ics}");
    assert!(ics.contains("DTSTART;VALUE=DATE:20280630\r\n"), "{ics}");
    assert!(ics.contains("SUMMARY:Aftalen udløber: Kommende aftale\r\n"), "{ics}");
    assert!(!ics.contains("gammel."), "{ics}");
    // The front page lists what is still to come, and the review left undone as overdue.
    let index = visible_text(&site.page("index.html"));
    assert!(index.contains("Overskredne frister Aftalen skal genbesøges Ny aftale · 1. september 2026"), "{index}");
    assert!(index.contains("Næste frister Aftalen udløber Ny aftale · 30. juni 2028"), "{index}");
}

#[test]
fn check_warns_at_the_status_line_of_an_expired_gaeldende_agreement() {
    let site = fixture("lifecycle", "dates");
    let run = site.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 0, "a warning does not fail the check: {}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: `gældende`, but the agreement expired on 2023-01-01\n  --> content/aftaler/udloebet.md:3:1"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("0 error(s), 1 warning(s)"), "only that one: {}", run.stderr);
}
