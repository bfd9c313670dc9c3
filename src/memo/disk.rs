//! `build`'s cache on disk, in a folder beside the output (`public/` → `.public.cache/`, never
//! inside it): the key and hash of every page the last build wrote, so the next build renders
//! again only the pages whose template or context changed and copies the rest from the output
//! it replaces, after checking each file's hash. It is keyed by the program's version and
//! build and by the options; anything wrong with it means a clean build, never an error.

use super::pages::KeptPage;
use super::stage::Key;
use super::Memo;
use crate::config::BuildOptions;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const INDEX: &str = "pages";

/// The cache folder of an output folder.
pub(crate) fn folder(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?.to_string_lossy();
    Some(out.parent()?.join(format!(".{name}.cache")))
}

/// What must equal for the cache to hold: this program (version, and the executable's size
/// and time, so a rebuilt binary starts clean) and the build options.
fn fingerprint(opts: &BuildOptions) -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
    let id = exe.map(|m| (m.len(), m.modified().ok()));
    format!("aftalebog {} {id:?} {opts:?}", env!("CARGO_PKG_VERSION")).replace('\n', " ")
}

/// A memo that keeps pages as files of `out`, filled from the cache if there is a valid one.
pub(super) fn load(out: &Path, opts: &BuildOptions) -> Memo {
    // Only the pages outlive this build: the other stages keep nothing.
    let mut memo = Memo::one_off();
    memo.pages.folder = Some(out.to_path_buf());
    let entries = folder(out).and_then(|dir| read(&dir.join(INDEX), &fingerprint(opts)));
    memo.pages.stage = super::stage::Stage::with(entries.unwrap_or_default());
    memo
}

fn read(index: &Path, fingerprint: &str) -> Option<Vec<(Key, Arc<KeptPage>)>> {
    let text = std::fs::read_to_string(index).ok()?;
    let mut lines = text.lines();
    if lines.next()? != fingerprint {
        log::info!("the build cache is from another version or other options; building everything");
        return None;
    }
    lines
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let key = Key::from_str_radix(parts.next()?, 16).ok()?;
            let hash = Key::from_str_radix(parts.next()?, 16).ok()?;
            let path = parts.next()?.to_string();
            Some((key, Arc::new(KeptPage::Written { path, hash })))
        })
        .collect()
}

/// Writes the cache for the pages `memo` holds (after the output was written), replacing the
/// old one at once; on failure removes it, so no stale cache is left.
pub(super) fn save(memo: &Memo, out: &Path, opts: &BuildOptions) -> std::io::Result<()> {
    let dir = folder(out).ok_or_else(|| std::io::Error::other("the output folder has no name"))?;
    let mut text = fingerprint(opts);
    text.push('\n');
    for (key, page) in memo.pages.stage.entries() {
        if let KeptPage::Written { path, hash } = &**page {
            let _ = writeln!(text, "{key:032x} {hash:032x} {path}");
        }
    }
    let written = std::fs::create_dir_all(&dir).and_then(|()| {
        let tmp = dir.join(format!("{INDEX}.tmp"));
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, dir.join(INDEX))
    });
    if written.is_err() {
        let _ = std::fs::remove_file(dir.join(INDEX));
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_of_other_options_or_damaged_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        assert_eq!(folder(&out), Some(dir.path().join(".public.cache")));
        let opts = BuildOptions::default();
        let mut memo = load(&out, &opts);
        let page = Arc::new(memo.pages.keep("a.html", &bytes::Bytes::from_static(b"x")));
        memo.pages.stage.keep(std::iter::once((7, page, true)));
        save(&memo, &out, &opts).unwrap();
        assert_eq!(load(&out, &opts).pages.stage.entries().count(), 1);
        let other = BuildOptions { drafts: true, ..BuildOptions::default() };
        assert_eq!(load(&out, &other).pages.stage.entries().count(), 0);
        let index = folder(&out).unwrap().join(INDEX);
        let damaged = std::fs::read_to_string(&index).unwrap().replace(" a.html", "");
        std::fs::write(&index, damaged).unwrap();
        assert_eq!(load(&out, &opts).pages.stage.entries().count(), 0);
    }
}
