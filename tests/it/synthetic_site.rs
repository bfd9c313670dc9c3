//! The generator of the benchmarks' synthetic sites (`examples/support/synthetic.rs`) is
//! deterministic: it reads the bundled site's words in name order, whatever order the file
//! system lists them in, and the same size gives the same site.

use crate::synthetic;

use std::path::{Path, PathBuf};

fn files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(root).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn content_is_read_in_name_order_whatever_the_file_system_lists() {
    let dir = tempfile::tempdir().unwrap();
    // Created out of order, in two folders, so a plain directory listing is unlikely sorted.
    let names = ["q", "b", "x", "a", "m", "z", "c", "k", "e", "w", "d", "t", "h", "s", "f", "n"];
    for (i, name) in names.iter().enumerate() {
        let folder = if i % 2 == 0 { "aftaler" } else { "dokumenter" };
        let p = dir.path().join("content").join(folder).join(format!("{name}.md"));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "---\ntitle: x\n---\nord\n").unwrap();
    }
    let got = synthetic::content_files(dir.path());
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got.len(), names.len());
    assert_eq!(got, sorted, "walked in name order");
}

#[test]
fn the_same_size_gives_the_same_site() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    synthetic::write_site(a.path(), repo, 40);
    synthetic::write_site(b.path(), repo, 40);
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert!(fa.len() > 40, "{} files", fa.len());
    assert!(fa == fb, "two runs of the generator wrote different sites");
}
