//! An unmounted drive or a wrong `--root` must never replace a good site with an empty one.

use crate::harness::fixture;
use aftalebog::serve::{rebuild::rebuild, state::State};
use aftalebog::BuildOptions;

#[test]
fn missing_or_empty_content_is_refused_and_the_last_site_stays() {
    let site = fixture("check", "ok");
    site.write("site.yaml", "title: Aftaler\n");
    site.build("2025-01-01");
    let good = site.page("aftaler/aftale.html");

    // content/ gone, its empty mount point left behind.
    std::fs::remove_dir_all(site.path("content")).unwrap();
    std::fs::create_dir(site.path("content")).unwrap();
    for args in [&["build"][..], &["check"]] {
        let run = site.run(args);
        assert_eq!(run.code, 2, "{args:?} must refuse: {}", run.stderr);
        assert!(run.stderr.contains("nothing to publish: content/ holds no document"), "{}", run.stderr);
    }
    assert_eq!(site.page("aftaler/aftale.html"), good, "the last good site stays");

    std::fs::remove_dir(site.path("content")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the folder content/ is missing"), "{}", run.stderr);
    assert_eq!(site.page("aftaler/aftale.html"), good);
}

#[test]
fn a_root_with_neither_site_yaml_nor_content_is_refused() {
    let site = fixture("check", "ok");
    let elsewhere = tempfile::tempdir().unwrap();
    let root = elsewhere.path().to_str().unwrap();
    for args in [&["build", "--root", root][..], &["check", "--root", root], &["serve", "--root", root, "--port", "0"]]
    {
        let run = site.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("neither site.yaml nor content/"), "{}", run.stderr);
    }
    assert!(std::fs::read_dir(elsewhere.path()).unwrap().next().is_none(), "nothing written there");
}

#[test]
fn serve_keeps_the_last_preview_when_content_disappears() {
    let site = fixture("check", "ok");
    site.write("site.yaml", "title: Aftaler\n");
    let opts = BuildOptions::default();
    let state = State::new();
    let mut first = rebuild(&site.root, &opts);
    state.publish(&mut first).expect("first build published");
    std::fs::remove_dir_all(site.path("content")).unwrap();
    let mut second = rebuild(&site.root, &opts);
    assert!(second.site.is_none());
    let messages: Vec<&str> = second.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("content/ is missing")), "{messages:?}");
    state.publish(&mut second);
    let shown = state.snapshot();
    assert!(shown.site.expect("still served").files.contains_key("aftaler/aftale.html"));
    assert!(!shown.errors.is_empty(), "the overlay shows why");
}
