//! Every kind of bad input gives exit code 1 and a message naming the file and the line of
//! the fault, with a hint where one helps; several faults are reported in one run. Each case
//! in `tests/fixtures/check/` is the clean `ok/` site plus the files it changes, and the full
//! report of every case is a reviewed snapshot in `tests/it/snapshots/`.

use crate::harness::{cases, fixture, Run};

fn check(case: &str) -> Run {
    let run = fixture("check", case).run(&["check"]);
    assert_eq!(run.code, 1, "{case}: expected exit 1\n{}", run.stderr);
    run
}

/// Asserts that the report has `message` at `location` (`file:line` or `file:line:col`).
fn assert_reports(run: &Run, message: &str, location: &str) {
    let err = &run.stderr;
    let at = err.find(message).unwrap_or_else(|| panic!("no {message:?} in:\n{err}"));
    let next = &err[at..];
    let arrow = next.find("--> ").expect("location line");
    let loc = next[arrow + 4..].lines().next().unwrap();
    assert!(loc.starts_with(location), "{message:?} at {loc}, expected {location}\n{err}");
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let run = check("unknown-field");
    assert_reports(&run, "error: unknown field `målgrupe`", "content/aftaler/aftale.md:4:1");
    assert!(run.stderr.contains("4 | målgrupe:"), "quotes the line: {}", run.stderr);
    assert!(run.stderr.contains("hint: did you mean `målgruppe`?"));
}

#[test]
fn broken_wiki_link_points_at_the_link() {
    let run = check("broken-wiki-link");
    assert_reports(&run, "error: link to unknown id `aftalen`", "content/dokumenter/notat.md:6:4");
    assert!(run.stderr.contains("did you mean `aftale` (content/aftaler/aftale.md)?"), "{}", run.stderr);
}

#[test]
fn missing_anchor_in_relative_and_wiki_links() {
    let run = check("missing-anchor");
    assert_reports(&run, "error: no heading `#formal` in `aftale`", "content/dokumenter/notat.md:4:4");
    assert_reports(&run, "error: no heading `#maal` in `aftale`", "content/dokumenter/notat.md:4:47");
    assert!(run.stderr.contains("did you mean `#formaal`?"), "{}", run.stderr);
    // A fixed section is an anchor only where the page shows it: `aftale` has parties but
    // no history.
    assert_reports(&run, "error: no heading `#historik` in `aftale`", "content/dokumenter/notat.md:6:49");
    assert!(!run.stderr.contains("`#parter`"), "{}", run.stderr);
    assert!(run.stderr.contains("anchors in `aftale`: #indhold, #parter, #tekst, #underskrifter, #formaal"));
}

#[test]
fn missing_attachment_is_reported_where_linked() {
    let run = check("missing-file");
    assert_reports(&run, "error: link to missing file `bilag.pdf`", "content/dokumenter/notat.md:4:4");
    assert_reports(&run, "error: link to missing file `figur.png`", "content/dokumenter/notat.md:6:1");
    assert!(run.stderr.contains("put the file in content/"));
}

#[test]
fn unknown_references() {
    assert_reports(&check("unknown-party"), "error: unknown party `kommunen`", "content/aftaler/aftale.md:5:5");
    let run = check("unknown-principle");
    assert_reports(&run, "error: unknown principle `ingen-ekslusion`", "content/dokumenter/notat.md:4:");
    assert!(run.stderr.contains("did you mean `ingen-eksklusion`?"));
    assert_reports(
        &check("unknown-agreement"),
        "error: unknown agreement `aftalen`",
        "content/handleplaner/plan.md:3:12",
    );
    assert_reports(
        &check("unknown-responsible"),
        "error: unknown party `psykiatrien`",
        "content/handleplaner/plan.md:8:",
    );
}

#[test]
fn invalid_date_and_bad_status() {
    assert_reports(&check("invalid-date"), "error: invalid date `2024-02-30`", "content/aftaler/aftale.md:4:");
    let run = check("bad-status");
    assert_reports(&run, "error: unknown variant `gaeldnde`", "content/aftaler/aftale.md:4:");
    assert!(
        run.stderr.contains("hint: did you mean `gaeldende`?") || run.stderr.contains("hint: did you mean `gældende`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn yaml_and_front_matter_structure() {
    assert_reports(&check("malformed-yaml"), "error: YAML syntax error", "content/aftaler/aftale.md:4:");
    let run = check("unclosed-front-matter");
    assert_reports(&run, "error: front matter is not closed", "content/aftaler/aftale.md:1");
    assert!(run.stderr.contains("add a line `---`"));
}

#[test]
fn duplicate_id_names_both_files() {
    let run = check("duplicate-id");
    assert_reports(&run, "error: duplicate id `aftale`", "content/aftaler/aftale.md:1");
    assert_reports(&run, "also has this id", "content/dokumenter/aftale.md:1");
    assert!(run.stderr.contains("`content/dokumenter/aftale.md` also has this id"));
    assert!(run.stderr.contains("`content/aftaler/aftale.md` also has this id"));
}

#[test]
fn non_utf8_file_points_at_the_first_bad_byte() {
    let run = check("non-utf8");
    assert_reports(&run, "error: file is not valid UTF-8 text", "content/dokumenter/latin1.md:4:2");
    assert!(run.stderr.contains("UTF-8"));
}

#[test]
fn blank_in_a_gaeldende_agreement_is_an_error_elsewhere_a_warning() {
    assert_reports(
        &check("blank-in-gaeldende"),
        "error: blank or guidance note in an agreement that is `gældende`",
        "content/aftaler/aftale.md:8:",
    );
    let site = fixture("check", "blank-in-gaeldende");
    let text = std::fs::read_to_string(site.path("content/aftaler/aftale.md")).unwrap().replace("gældende", "udkast");
    site.write("content/aftaler/aftale.md", &text);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning: 1 blank(s) and 0 guidance note(s) still to fill in"));
    assert_eq!(site.run(&["check", "--strict"]).code, 1, "--strict makes warnings errors");
}

#[test]
fn all_faults_of_all_files_in_one_run() {
    let run = check("many-faults");
    assert_reports(&run, "error: unknown field `stauts`", "content/aftaler/aftale.md:4:1");
    assert_reports(&run, "error: link to unknown id `findes-ikke`", "content/dokumenter/a.md:4:1");
    assert_reports(&run, "error: invalid date `i går`", "content/dokumenter/b.md:3:");
    assert_reports(&run, "error: unknown agreement `ukendt`", "content/handleplaner/c.md:3:");
    assert!(run.stderr.contains("4 error(s), 0 warning(s)"), "{}", run.stderr);
}

#[test]
fn json_format_for_editors_and_ci() {
    let run = fixture("check", "many-faults").run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(v["errors"], 4);
    let first = &v["diagnostics"][0];
    assert_eq!(first["file"], "content/aftaler/aftale.md");
    assert_eq!(first["line"], 4);
    assert_eq!(first["severity"], "error");
    assert_eq!(first["hint"], "did you mean `status`?");
}

#[test]
fn build_with_errors_leaves_the_last_site_untouched() {
    let site = fixture("check", "ok");
    site.build("2025-01-01");
    let before = std::fs::read(site.path("public/aftaler/aftale.html")).unwrap();
    site.write("content/aftaler/aftale.md", "---\ntitle: Ny\nparties: [ukendt]\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("was left as it was"), "{}", run.stderr);
    assert_eq!(before, std::fs::read(site.path("public/aftaler/aftale.html")).unwrap());
}

/// What an editor reads for every bad-input case, word for word. A change in wording shows
/// up here as one snapshot to review (`cargo insta review`).
#[test]
fn every_bad_input_case_reports_as_reviewed() {
    let all = cases("check");
    assert!(all.len() >= 16, "cases: {all:?}");
    for case in all {
        let site = fixture("check", &case);
        let run = site.run(&["check"]);
        assert_eq!(run.code, 1, "{case}: expected exit 1\n{}", run.stderr);
        let report = format!("exit code: {}\n{}", run.code, site.redact(&run.stderr));
        insta::assert_snapshot!(format!("check-{case}"), report);
    }
}

#[test]
fn json_report_as_reviewed() {
    let site = fixture("check", "many-faults");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    insta::assert_snapshot!("check-many-faults-json", site.redact(&serde_json::to_string_pretty(&v).unwrap()));
}

#[test]
fn the_ok_site_is_clean() {
    let site = fixture("check", "ok");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("0 error(s), 0 warning(s)"), "{}", run.stderr);
}

/// `check` renders no pages, so it leaves the HTML uncleaned except where a check reads it:
/// the footnotes a link's anchor may name. A footnote written as raw HTML with single quotes
/// is an anchor only once cleaned (the cleaner writes double quotes), in both commands alike.
#[test]
fn check_finds_the_anchors_the_built_page_has() {
    let site = fixture("check", "ok");
    site.write(
        "content/dokumenter/noter.md",
        "---\ntitle: Noter\n---\nTekst.[^kilde]\n\n[^kilde]: Kilden.\n\n<div class='footnote-definition' id='raa'>Rå.</div>\n",
    );
    // Raw HTML alone, without a footnote of Markdown's own.
    site.write(
        "content/dokumenter/raa.md",
        "---\ntitle: Rå\n---\n<div class='footnote-definition' id='alene'>Rå.</div>\n",
    );
    site.write(
        "content/dokumenter/notat.md",
        "---\ntitle: Notat\n---\nSe [[noter#kilde]], [[noter#raa]], [[raa#alene]] og [[noter#ingen]].\n",
    );
    let check = site.run(&["check"]);
    let build = site.run(&["build"]);
    let errors =
        |stderr: &str| stderr.lines().filter(|l| l.starts_with("error")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(errors(&check.stderr), ["error: no heading `#ingen` in `noter`"], "{}", check.stderr);
    assert_eq!(errors(&check.stderr), errors(&build.stderr), "{}", build.stderr);
}
