//! Incremental rebuilds give the site a clean build gives: a generated site goes through a
//! series of edits (body, title, plan item, party, rename, delete, add, a broken link and its
//! fix) and after each one the build that reuses earlier work (in memory, as under `serve`,
//! and `build` with its cache on disk) is compared with a clean build, file by file and byte
//! by byte, diagnostics included.

use crate::harness;
use aftalebog::{BuildOptions, Memo};
use std::path::{Path, PathBuf};

const DOCS: usize = 80;

fn opts() -> BuildOptions {
    BuildOptions { today: aftalebog::date::Date::parse("2026-11-23"), ..BuildOptions::default() }
}

/// Compares the build with `memo` and a clean build of the same sources, which make a site
/// unless `fails`.
fn assert_same(step: &str, root: &Path, memo: &mut Memo) {
    compare(step, root, memo, false)
}

fn compare(step: &str, root: &Path, memo: &mut Memo, fails: bool) {
    compare_cli(step, root, fails);
    compare_in_memory(step, root, memo, fails)
}

fn compare_in_memory(step: &str, root: &Path, memo: &mut Memo, fails: bool) {
    let incremental = aftalebog::build_with(root, &opts(), memo);
    let clean = aftalebog::build(root, &opts());
    assert_eq!(
        format!("{:?}", incremental.diagnostics),
        format!("{:?}", clean.diagnostics),
        "{step}: diagnostics differ"
    );
    let (a, b) = match (incremental.site, clean.site) {
        (Some(a), Some(b)) => (a, b),
        (None, None) if fails => return,
        (a, b) => panic!("{step}: one build made a site, the other not ({} / {})", a.is_some(), b.is_some()),
    };
    assert_eq!(a.attachments, b.attachments, "{step}: attachments differ");
    for (path, bytes) in &b.files {
        let same = a.files.get(path).is_some_and(|other| other == bytes);
        assert!(same, "{step}: {path} differs from a clean build's");
    }
    let extra: Vec<&String> = a.files.keys().filter(|p| !b.files.contains_key(*p)).collect();
    assert!(extra.is_empty(), "{step}: files a clean build does not make: {extra:?}");
}

/// `build` into `public/` with the cache beside it, and a clean `build` elsewhere.
fn compare_cli(step: &str, root: &Path, fails: bool) {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(harness::bin()).args(args).current_dir(root).output().unwrap();
        assert_eq!(out.status.success(), !fails, "{step}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let cached = run(&["build", "--today", "2026-11-23"]);
    let clean = root.parent().unwrap().join("clean");
    let _ = std::fs::remove_dir_all(&clean);
    let _ = std::fs::remove_dir_all(root.parent().unwrap().join(".clean.cache"));
    let fresh = run(&["build", "--today", "2026-11-23", "--out", clean.to_str().unwrap()]);
    // The last line names the output folder.
    let without_out = |s: &str| s.lines().filter(|l| !l.starts_with("build failed")).collect::<Vec<_>>().join("\n");
    assert_eq!(without_out(&cached), without_out(&fresh), "{step}: the diagnostics, with their lines, differ");
    if fails {
        return;
    }
    assert!(root.join(".public.cache/pages").is_file(), "the cache is beside the output");
    let files = |dir: &Path| -> Vec<PathBuf> {
        let mut all: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
            .collect();
        all.sort();
        all
    };
    let public = root.join("public");
    assert_eq!(files(&public), files(&clean), "{step}: the same files");
    for rel in files(&clean) {
        let same = std::fs::read(public.join(&rel)).unwrap() == std::fs::read(clean.join(&rel)).unwrap();
        assert!(same, "{step}: public/{} differs from a clean build's", rel.display());
    }
}

fn edit(root: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let new = f(text.clone());
    assert_ne!(new, text, "the edit of {rel} changes it");
    std::fs::write(path, new).unwrap();
}

/// An agreement no other file mentions, so it can move or go without breaking a link.
fn unmentioned(root: &Path, skip: usize) -> String {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let texts: Vec<String> = files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    (0..DOCS)
        .map(|n| format!("doc-{n:05}"))
        .filter(|id| crate::synthetic::dir_of_id(id, DOCS) == "aftaler")
        .filter(|id| files.iter().any(|p| p.ends_with(format!("{id}.md"))))
        .filter(|id| !texts.iter().any(|t| t.contains(id.as_str())))
        .nth(skip)
        .expect("an agreement nobody links to")
}

fn body_edit(text: String) -> String {
    text.replacen("\n---\n", "\n---\nEn ny indledning.\n\n", 1)
}

#[test]
fn every_edit_gives_a_clean_builds_site() {
    let site = harness::generated(DOCS);
    let root = site.path("");
    let mut memo = Memo::default();
    assert_same("first build", &root, &mut memo);
    edit(&root, "content/aftaler/doc-00003.md", body_edit);
    assert_same("body edit", &root, &mut memo);
    let new =
        "---\ntitle: \"En ny aftale\"\nparties: [region-0, kommune-001]\nstatus: gældende\n---\nSe [[doc-00004]].\n";
    std::fs::write(root.join("content/aftaler/ny.md"), new).unwrap();
    assert_same("add", &root, &mut memo);
    edit(&root, "content/aftaler/doc-00004.md", |t| t.replacen("title: \"", "title: \"Nyt navn ", 1));
    assert_same("title edit", &root, &mut memo);
    assert!(memo.made().index_patched, "a title edit patches the search index");
    edit(&root, "content/handleplaner/doc-00050.md", |t| t.replacen("status: i gang", "status: færdig", 1));
    assert_same("plan item edit", &root, &mut memo);
    assert!(memo.made().index_patched, "so does an item's status");
    // The index lists the statuses in the order entries first show them: one no entry had,
    // then none with it again, are each an index made anew.
    edit(&root, "content/aftaler/doc-00004.md", |t| t.replacen("status: gældende", "status: arkiveret", 1));
    assert_same("a status no document had", &root, &mut memo);
    assert!(!memo.made().index_patched, "a status no document had");
    edit(&root, "content/aftaler/doc-00004.md", |t| t.replacen("status: arkiveret", "status: gældende", 1));
    assert_same("that status gone again", &root, &mut memo);
    assert!(!memo.made().index_patched, "a status gone");
    edit(&root, "content/parter/region-0.md", |t| t.replacen("title: ", "title: Nye ", 1));
    assert_same("party edit", &root, &mut memo);
    edit(&root, "content/aftaler/doc-00005.md", |t| t.replacen("parties: [", "parties: [region-1, ", 1));
    assert_same("parties of an agreement", &root, &mut memo);
    let moved = unmentioned(&root, 0);
    let from = root.join(format!("content/aftaler/{moved}.md"));
    std::fs::rename(&from, root.join("content/aftaler/flyttet.md")).unwrap();
    assert_same("rename", &root, &mut memo);
    std::fs::remove_file(root.join(format!("content/aftaler/{}.md", unmentioned(&root, 0)))).unwrap();
    assert_same("delete", &root, &mut memo);
    edit(&root, "content/aftaler/ny.md", |t| t.replace("[[doc-00004]]", "[[findes-ikke]]"));
    compare("broken link", &root, &mut memo, true);
    edit(&root, "content/aftaler/ny.md", |t| t.replace("[[findes-ikke]]", "[[doc-00003]]"));
    assert_same("broken link fixed", &root, &mut memo);
    // The cache keeps the Markdown of a text no longer there; that text back after the title
    // it links to changed shows the new title.
    edit(&root, "content/aftaler/ny.md", |t| t + "\nEt afsnit mere.\n");
    assert_same("a paragraph added", &root, &mut memo);
    edit(&root, "content/aftaler/doc-00003.md", |t| t.replacen("title: \"", "title: \"Endnu et navn ", 1));
    assert_same("the linked title edited", &root, &mut memo);
    edit(&root, "content/aftaler/ny.md", |t| t.replace("\nEt afsnit mere.\n", ""));
    assert_same("the paragraph removed again", &root, &mut memo);
}

/// A site, what the edit is, the file, the edit, and whether it changes only what the
/// document's own pages show.
type BodyEdit<'a> = (&'a harness::Site, &'a str, &'a str, fn(String) -> String, bool);

/// Edits of bodies only, of every kind of document and of what other pages show of a body
/// (its links, the terms it uses, its redline, the front page's text), each compared with a
/// clean build. Those that change nothing but the document's own text make only the pages
/// that show it.
#[test]
fn body_edits_give_a_clean_builds_site() {
    let default = harness::default_site();
    let sundby = harness::fixture("search", "sundby");
    let edits: &[BodyEdit] = &[
        // A warning placed by the front matter's text (`status:`'s line), which the cache
        // does not keep: every later build reuses this document and must place it the same.
        (
            &default,
            "an expired agreement in force",
            "content/aftaler/forskningssamarbejdsaftale-hillerod.md",
            |t| t.replace("status: udløbet", "status: gældende"),
            false,
        ),
        (&default, "front page", "content/_index.md", |t| t + "\nEt nyt afsnit på forsiden.\n", false),
        (&default, "principle", "content/principper/ingen-eksklusion.md", body_edit, true),
        (
            &default,
            "a word no document had",
            "content/principper/ingen-eksklusion.md",
            |t| t + "\nOrdet xyzzyplugh.\n",
            true,
        ),
        (
            &default,
            "a word of a letter no word began with (a shard more)",
            "content/principper/ingen-eksklusion.md",
            |t| t + "\nEn zebra.\n",
            true,
        ),
        (
            &default,
            "that letter's word gone (the shard with it)",
            "content/principper/ingen-eksklusion.md",
            |t| t.replace("En zebra.", "En hest."),
            true,
        ),
        (
            &default,
            "a compound word other documents have",
            "content/principper/ingen-eksklusion.md",
            |t| t + "\nEn samarbejdsaftale.\n",
            true,
        ),
        (
            &default,
            "a section retitled",
            "content/aftaler/forskningssamarbejdsaftale-hillerod.md",
            |t| t.replace("## 7. TVISTER", "## 7. TVISTER OG UENIGHED"),
            true,
        ),
        (
            &default,
            "that word gone again",
            "content/principper/ingen-eksklusion.md",
            |t| t.replace("xyzzyplugh", "arbejde"),
            true,
        ),
        // A term that comes or goes decides how the terms it begins or ends split: the
        // compound is found by its part only while the part is a word of the site.
        (
            &default,
            "a compound whose part no document has",
            "content/principper/ingen-eksklusion.md",
            |t| t + "\nEn plumbingsxyzzyepikrise.\n",
            true,
        ),
        (
            &default,
            "that part as a word",
            "content/principper/ingen-eksklusion.md",
            |t| t.replace("En plumbingsxyzzyepikrise.", "En plumbingsxyzzyepikrise og en xyzzyepikrise."),
            true,
        ),
        (
            &default,
            "the part gone again",
            "content/principper/ingen-eksklusion.md",
            |t| t.replace(" og en xyzzyepikrise.", "."),
            true,
        ),
        (&default, "party", "content/parter/kommune.md", |t| t + "\nEn ny linje om kommunen.\n", true),
        (&default, "plan", "content/handleplaner/aftale-og-handleplan-ips.md", body_edit, true),
        (&default, "agreement", "content/aftaler/ips-samarbejdsaftale.md", body_edit, true),
        (&default, "heading", "content/principper/ingen-eksklusion.md", |t| t + "\n## Nyt afsnit\n\nTekst.\n", true),
        (&default, "a term used", "content/aftaler/ips-samarbejdsaftale.md", |t| t + "\nEt caseload er lille.\n", true),
        (
            &default,
            "a link added",
            "content/aftaler/ips-samarbejdsaftale.md",
            |t| t + "\nSe [[ingen-eksklusion]].\n",
            false,
        ),
        (
            &default,
            "a link removed",
            "content/aftaler/ips-samarbejdsaftale.md",
            |t| t.replace("\nSe [[ingen-eksklusion]].\n", ""),
            false,
        ),
        (&sundby, "a new version", "content/aftaler/udskrivning-2024.md", body_edit, false),
        (&sundby, "an old version", "content/aftaler/udskrivning-2019.md", body_edit, false),
        (
            &sundby,
            "a word in a new version",
            "content/aftaler/udskrivning-2024.md",
            |t| t.replacen("borger", "borgeren", 1),
            false,
        ),
    ];
    let mut memos = [Memo::default(), Memo::default()];
    for site in [&default, &sundby] {
        let memo = &mut memos[usize::from(std::ptr::eq(site, &sundby))];
        compare_in_memory("first build", &site.path(""), memo, false);
    }
    for &(site, step, file, change, only_its_pages) in edits {
        let memo = &mut memos[usize::from(std::ptr::eq(site, &sundby))];
        edit(&site.path(""), file, change);
        compare_in_memory(step, &site.path(""), memo, false);
        compare_cli(step, &site.path(""), false);
        let made = memo.made();
        if only_its_pages {
            assert!(made.contexts <= 3, "{step}: only the pages that show the body are made: {made:?}");
            assert!(made.index_patched || step == "heading", "{step}: the search index is patched: {made:?}");
        }
    }
}

/// The memo is used: a body edit renders one document's Markdown and a few pages again.
#[test]
fn a_body_edit_redoes_little() {
    let site = harness::generated(DOCS);
    let root = site.path("");
    let mut memo = Memo::default();
    assert!(aftalebog::build_with(&root, &opts(), &mut memo).site.is_some());
    let first = memo.made();
    assert!(first.pages > DOCS, "{first:?}");
    edit(&root, "content/aftaler/doc-00003.md", body_edit);
    assert!(aftalebog::build_with(&root, &opts(), &mut memo).site.is_some());
    let made = memo.made();
    assert_eq!((made.documents, made.markdown), (1, 1), "{made:?}");
    assert!(made.pages <= 3, "only the document's own pages: {made:?}");
    assert!(made.contexts <= 3, "no other page's context is made: {made:?}");
}

/// `build` uses its cache: after a body edit it renders only the document's own pages again.
#[test]
fn build_with_its_cache_renders_little() {
    let site = harness::generated(DOCS);
    let rendered = || {
        let out = std::process::Command::new(harness::bin())
            .args(["build", "--today", "2026-11-23"])
            .env("RUST_LOG", "aftalebog=debug")
            .current_dir(site.path(""))
            .output()
            .unwrap();
        let log = String::from_utf8_lossy(&out.stderr).to_string();
        // "N of M", or "N (only the bodies of K documents changed)" when no other page's
        // context was even made.
        let line = log.lines().find_map(|l| l.split_once("pages rendered afresh: ")).map(|(_, r)| r.to_string());
        let line = line.expect("the count in the log");
        let made = line.split(' ').next().unwrap().parse::<usize>().unwrap();
        let patched = log.contains("search index patched");
        assert!(patched || log.contains("search index built anew"), "{log}");
        (made, line, patched && log.contains("site graph kept from the last build"))
    };
    let (first, line, _) = rendered();
    assert!(first > DOCS && line == format!("{first} of {first}"), "the first build renders every page: {line}");
    edit(&site.path(""), "content/aftaler/doc-00003.md", body_edit);
    let (again, line, patched) = rendered();
    assert!(again <= 3, "{again} of {first} pages rendered again");
    assert!(line.ends_with("(only the bodies of 1 documents changed)"), "from the cache on disk: {line}");
    assert!(patched, "the search index and the site graph kept in the cache are used");
    // Someone changed a file of the search index: the index is made anew, that file with it.
    let shard = site.path("public/search-index.js");
    std::fs::write(&shard, "changed by hand").unwrap();
    edit(&site.path(""), "content/aftaler/doc-00003.md", |t| t + "\nEt ord mere.\n");
    let (_, line, patched) = rendered();
    assert!(line.ends_with("(only the bodies of 1 documents changed)"), "{line}");
    assert!(!patched, "an index whose files changed is not patched");
    assert!(std::fs::read_to_string(&shard).unwrap().starts_with("window.AFTALEBOG_SEARCH="), "written anew");
    // Someone changed a page in the output: the next build makes every page's context again,
    // finds that page's file no longer what it wrote, and writes it anew.
    let page = site.path("public/aftaler/doc-00003.html");
    let own = std::fs::read(&page).unwrap();
    let about = site.path("public/frister.html");
    std::fs::write(&about, "changed by hand").unwrap();
    edit(&site.path(""), "content/aftaler/doc-00003.md", |t| t.replace("En ny indledning.", "En anden indledning."));
    let (again, line, _) = rendered();
    assert!(again <= 4 && line == format!("{again} of {first}"), "every context made, few pages: {line}");
    assert_ne!(std::fs::read(&page).unwrap(), own, "the edited document's page is new");
    assert!(std::fs::read_to_string(&about).unwrap().contains("<html"), "the changed page is written anew");
}
