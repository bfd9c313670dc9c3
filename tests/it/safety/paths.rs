//! Every document and attachment gets an output path of its own: an id that slugs to nothing
//! and two sources claiming one path (case-only included, as Windows shares see them) are
//! errors naming the sources, never a page called `.html` or a file silently dropped.

use crate::harness::{fixture, Run};

fn built_ok(site: &crate::harness::Site) -> Run {
    site.write("site.yaml", "title: Aftaler\nbase_url: https://aftaler.example.dk\n");
    site.build("2025-01-01")
}

#[test]
fn a_file_name_or_id_that_slugs_to_nothing_is_an_error() {
    let site = fixture("check", "ok");
    built_ok(&site);
    site.write("content/dokumenter/日本.md", "---\ntitle: Japan\n---\nTekst.\n");
    let run = site.run(&["build", "--today", "2025-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/dokumenter/日本.md"), "{}", run.stderr);
    assert!(run.stderr.contains("the file name `日本.md` has no letter or digit"), "{}", run.stderr);
    assert!(!site.path("public/dokumenter/.html").exists());

    site.write("content/dokumenter/日本.md", "---\ntitle: Japan\nid: \"日本\"\n---\nTekst.\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/dokumenter/日本.md:3"), "at the id line: {}", run.stderr);
    assert!(run.stderr.contains("the id `日本` has no letter or digit"), "{}", run.stderr);
}

#[test]
fn an_attachment_where_a_generated_file_goes_is_an_error_naming_both() {
    for (file, generated) in [
        ("content/index.html", "index.html"),
        ("content/aftaler.html", "aftaler.html"),
        ("content/soeg.html", "soeg.html"),
        ("content/Begreber.html", "begreber.html"),
        ("content/sitemap.xml", "sitemap.xml"),
    ] {
        let site = fixture("check", "ok");
        built_ok(&site);
        let good = site.page("index.html");
        site.write(file, "<p>Fra det gamle intranet</p>");
        let run = site.run(&["build", "--today", "2025-01-01"]);
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        assert!(run.stderr.contains(file), "{file}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("the generated file `{generated}`")), "{file}: {}", run.stderr);
        assert_eq!(site.page("index.html"), good, "the last good site stays");
    }
}

#[test]
fn case_only_collisions_are_errors_naming_both() {
    let site = fixture("check", "ok");
    built_ok(&site);
    site.write("content/bilag/Basis.pdf", "%PDF-1.4 a");
    site.write("content/bilag/basis.pdf", "%PDF-1.4 b");
    let run = site.run(&["build", "--today", "2025-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("by this file and by `content/bilag/Basis.pdf`"), "{}", run.stderr);
    assert!(run.stderr.contains("by this file and by `content/bilag/basis.pdf`"), "{}", run.stderr);

    // An attachment named like a document's page, capitals aside.
    let site = fixture("check", "ok");
    site.write("content/aftaler/Aftale.html", "<p>x</p>");
    let run = site.run(&["build", "--today", "2025-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("`aftaler/Aftale.html` would be written twice"), "{}", run.stderr);
    assert!(run.stderr.contains("content/aftaler/aftale.md"), "{}", run.stderr);

    // Two documents whose names differ only in capitals get one id, which is an error at both.
    let site = fixture("check", "ok");
    site.write("content/dokumenter/Basis.md", "---\ntitle: Basis A\n---\nA.\n");
    site.write("content/dokumenter/basis.md", "---\ntitle: Basis B\n---\nB.\n");
    let run = site.run(&["build", "--today", "2025-01-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("duplicate id `basis`"), "{}", run.stderr);
    assert!(run.stderr.contains("`content/dokumenter/Basis.md` also has this id"), "{}", run.stderr);
    assert!(run.stderr.contains("`content/dokumenter/basis.md` also has this id"), "{}", run.stderr);
}
