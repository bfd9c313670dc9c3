//! The output folder is the user's: links followed, IT's folder and files kept, leftovers of
//! a killed build cleaned up, and never an output inside content/.

use crate::harness::fixture;
use std::os::unix::fs::PermissionsExt;

#[test]
fn a_symlinked_out_is_followed_and_the_link_stays() {
    let site = fixture("check", "ok");
    let www = tempfile::tempdir().unwrap();
    let target = www.path().join("aftaler");
    std::os::unix::fs::symlink(&target, site.path("public")).unwrap();
    std::fs::create_dir(&target).unwrap();
    site.build("2025-01-01");
    site.build("2025-01-02");
    assert!(std::fs::symlink_metadata(site.path("public")).unwrap().file_type().is_symlink(), "the link stays");
    assert!(target.join("aftaler/aftale.html").is_file(), "the site is where the link points");
    let beside: Vec<_> = std::fs::read_dir(www.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside, vec![std::ffi::OsString::from("aftaler")], "nothing left beside it");
}

#[test]
fn a_prepared_folder_keeps_its_mode_and_the_keep_files() {
    let site = fixture("check", "ok");
    std::fs::create_dir(site.path("public")).unwrap();
    std::fs::set_permissions(site.path("public"), std::fs::Permissions::from_mode(0o750)).unwrap();
    site.build("2025-01-01");
    let mode = std::fs::metadata(site.path("public")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o750, "mode kept");

    // IT's folder with its own web.config: accepted once site.yaml names it, and kept.
    let it = fixture("check", "ok");
    it.write("public/web.config", "<configuration/>");
    it.write("public/noter.txt", "IT's notes");
    it.write("site.yaml", "title: X\nkeep: [web.config, .htaccess]\n");
    let run = it.run(&["build"]);
    assert_eq!(run.code, 2, "a foreign file not named in keep: is still refused: {}", run.stderr);
    assert!(it.path("public/noter.txt").exists());
    std::fs::remove_file(it.path("public/noter.txt")).unwrap();
    it.build("2025-01-02");
    it.build("2025-01-03");
    assert_eq!(it.page("web.config"), "<configuration/>", "carried over, build after build");
    assert!(it.path("public/aftaler/aftale.html").is_file());
}

#[test]
fn leftovers_of_a_killed_build_are_cleaned_up() {
    let site = fixture("check", "ok");
    site.build("2025-01-01");
    // A build killed between writing and swapping: a marked folder from a process long gone.
    for left in [".public.new-999999999", ".public.old-999999999"] {
        site.write(&format!("{left}/.aftalebog-output"), "");
        site.write(&format!("{left}/x.html"), "old");
    }
    site.build("2025-01-02");
    assert!(!site.path(".public.new-999999999").exists() && !site.path(".public.old-999999999").exists());
}

#[test]
fn out_inside_content_is_refused() {
    let site = fixture("check", "ok");
    let run = site.run(&["build", "--out", "content/public"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("must not be inside content/"), "{}", run.stderr);
    assert!(!site.path("content/public").exists());
}
