//! The commands as a new user meets them: init, new, build's output folder rules, exit codes.

use crate::harness::{bin, copy_site, fixture};
use std::process::Command;

#[test]
fn init_makes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(bin()).args(["init", "mit-site"]).current_dir(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let site = copy_site(&dir.path().join("mit-site"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("public/aftaler/samarbejdsaftale.html").exists());
    // A second init refuses to overwrite.
    let again = Command::new(bin()).args(["init", "mit-site"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn new_document_from_a_template_keeps_its_blanks_as_a_draft() {
    let site = fixture("build", "full");
    let run = site.run(&["new", "aftale", "Aftale med Vejle Kommune", "--from", "skabelon"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "content/aftaler/aftale-med-vejle-kommune.md");
    let text = std::fs::read_to_string(site.path("content/aftaler/aftale-med-vejle-kommune.md")).unwrap();
    assert!(text.contains("title: \"Aftale med Vejle Kommune\"") && text.contains("status: udkast"), "{text}");
    assert!(text.contains("Aftalen gælder fra den \\_\\_\\_\\_\\_."), "{text}");
    let check = site.run(&["check", "--today", "2025-06-01"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // Only templates can be copied.
    assert_eq!(site.run(&["new", "aftale", "X", "--from", "samarbejde"]).code, 2);
}

#[test]
fn new_document_of_each_kind_builds() {
    let site = fixture("check", "ok");
    for (kind, title) in
        [("aftale", "Ny aftale"), ("handleplan", "Ny plan"), ("princip", "Nyt princip"), ("dokument", "Nyt notat")]
    {
        let run = site.run(&["new", kind, title]);
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
    }
    site.write("content/parter/psykiatrien.md", "---\ntitle: Psykiatrien\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("public/handleplaner/ny-plan.html").exists());
}

#[test]
fn build_never_replaces_a_folder_it_did_not_make() {
    let site = fixture("check", "ok");
    site.write("mine/notes.txt", "important");
    let run = site.run(&["build", "--out", "mine"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not made by aftalebog"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(site.path("mine/notes.txt")).unwrap(), "important");
    // Its own output folder is replaced, and stale pages disappear.
    site.build("2025-01-01");
    std::fs::remove_file(site.path("content/aftaler/aftale.md")).unwrap();
    site.build("2025-01-01");
    assert!(!site.path("public/aftaler/aftale.html").exists());
}

#[test]
fn usage_errors_exit_2() {
    let site = fixture("check", "ok");
    assert_eq!(site.run(&["build", "--today", "1. marts"]).code, 2);
    assert_eq!(site.run(&["frobnicate"]).code, 2);
    let missing = site.run(&["build", "--root", "findes-ikke"]);
    assert_eq!(missing.code, 2, "a missing site folder is a usage error");
    assert!(missing.stderr.contains("findes-ikke"), "{}", missing.stderr);
}

#[test]
fn a_sites_own_templates_and_theme_override_the_built_in_ones_file_by_file() {
    let site = fixture("check", "ok");
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Væk!</h1>{% endblock %}");
    site.build("2025-01-01");
    assert!(site.page("404.html").contains("<h1>Væk!</h1>"));
    assert!(site.page("aftaler/aftale.html").contains("class=\"skip-link\""), "other templates stay built in");
    // A named theme: its templates and its static files.
    site.write("site.yaml", "theme: kommune\n");
    site.write(
        "themes/kommune/templates/dokumenter.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Vores dokumenter</h1>{% endblock %}",
    );
    site.write("themes/kommune/static/style.css", "body { color: black; }");
    site.build("2025-01-01");
    assert!(site.page("dokumenter.html").contains("<h1>Vores dokumenter</h1>"));
    assert_eq!(site.page("assets/style.css"), "body { color: black; }");
    assert!(site.page("assets/search.js").len() > 1000, "unreplaced assets stay built in");
    // A theme that does not exist is an error naming site.yaml.
    site.write("site.yaml", "theme: findes-ikke\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("theme `findes-ikke` not found") && run.stderr.contains("site.yaml"), "{}", run.stderr);
}
