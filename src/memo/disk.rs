//! `build`'s cache on disk, in a folder beside the output (`public/` → `.public.cache/`, never
//! inside it), so that a rebuild after an edit redoes only what the edit reached:
//! - `pages`: the key, hash and file stamp of every page the last build wrote. A page whose
//!   template and context did not change is taken from the output it replaces: linked when
//!   its file's stamp is unchanged, else read and checked against its hash.
//! - `documents` and `markdown`: each source's document and each document's rendered
//!   Markdown, by their keys ([`Spill`]), so unchanged files are neither parsed nor rendered.
//! - `face`: what the last build's pages showed ([`super::reach::Face`]), its exports made
//!   from front matter and the search index's files, so that an edit of bodies alone makes
//!   only the pages that show them.
//! - `search`: the search index's state ([`crate::export::search::OnDisk`]), so that such an
//!   edit patches the index instead of making it anew.
//! - `graph`: the site graph with what it found, under the key of all it was made from
//!   ([`crate::graph::Kept`]), so that an edit that changes no links keeps it.
//!
//! It is keyed by the program's version and build and by the options; anything wrong with
//! it means a clean build, never an error.

use super::pages::{KeptPage, Stamp};
use super::reach::Face;
use super::spill::{encode, read_entries, record, records, Spill};
use super::stage::{Key, Stage};
use super::Memo;
use crate::config::BuildOptions;
use crate::export::search::OnDisk;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const INDEX: &str = "pages";
const DOCUMENTS: &str = "documents";
const MARKDOWN: &str = "markdown";
const FACE: &str = "face";
const SEARCH: &str = "search";
const GRAPH: &str = "graph";

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

/// A memo that keeps pages as files of `out` and spills documents and Markdown to the
/// cache, filled from the cache if there is a valid one.
pub(super) fn load(out: &Path, opts: &BuildOptions) -> Memo {
    let mut memo = Memo::one_off();
    memo.pages.folder = Some(out.to_path_buf());
    let Some(dir) = folder(out) else { return memo };
    let fingerprint = fingerprint(opts);
    let spill = |name| Spill::new(dir.clone(), name, fingerprint.clone());
    let ((pages, (face, graph)), (documents, markdown)) = rayon::join(
        || {
            (
                read(&dir.join(INDEX), &fingerprint),
                (read_one::<Kept>(&dir.join(FACE), &fingerprint), read_one(&dir.join(GRAPH), &fingerprint)),
            )
        },
        || {
            rayon::join(
                || read_entries(&dir.join(DOCUMENTS), &fingerprint),
                || read_entries(&dir.join(MARKDOWN), &fingerprint),
            )
        },
    );
    let pages = pages.unwrap_or_default();
    memo.pages.by_path =
        pages.iter().filter_map(|(key, page)| Some((page.path()?.to_string(), (*key, page.clone())))).collect();
    memo.pages.stage = Stage::with(pages);
    memo.loads.stage = spilling(documents, spill(DOCUMENTS));
    memo.html = spilling(markdown, spill(MARKDOWN));
    memo.indexed = Some(OnDisk::new(spill(SEARCH), Vec::new()));
    memo.graph = graph;
    if let Some((face, exports, titles, search)) = face {
        // Only the Markdown written beside it was checked against those titles.
        memo.titles = titles.filter(|_| memo.html.len() > 0);
        if !memo.pages.by_path.is_empty() {
            memo.face = Some(face);
            memo.exports = exports;
            memo.indexed = Some(OnDisk::new(spill(SEARCH), search));
        }
    }
    memo
}

/// A stage filled with the `entries` read back, if they were, spilling to `spill`.
fn spilling<V>(entries: Option<Vec<(Key, Arc<V>)>>, spill: Spill) -> Stage<V> {
    match entries {
        Some(entries) => {
            let spill = spill.holding(&entries);
            Stage::spilling(entries, spill)
        }
        None => Stage::spilling(Vec::new(), spill),
    }
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
            let mut parts = line.splitn(4, ' ');
            let key = Key::from_str_radix(parts.next()?, 16).ok()?;
            let hash = Key::from_str_radix(parts.next()?, 16).ok()?;
            let stamp = Stamp::parse(parts.next()?);
            let path = parts.next()?.to_string();
            Some((key, Arc::new(KeptPage::Written { path, hash, stamp })))
        })
        .collect()
}

/// The face, the exports as files, the titles key the Markdown was checked against, and the
/// search index's files.
type Kept = (Face, Vec<(String, KeptPage)>, Option<Key>, Vec<(String, KeptPage)>);

/// The value of a file of one record, if it is whole and of this program.
fn read_one<T: serde::de::DeserializeOwned>(path: &Path, fingerprint: &str) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    let (found, kept): (String, T) = postcard::from_bytes(records(&bytes)?.first()?).ok()?;
    (found == fingerprint).then_some(kept)
}

/// Writes the cache for the pages `memo` holds (after the output was written, so each
/// page's stamp is its file's there) and puts this build's spilled stages in place; on
/// failure removes the cache's files, so no stale or mismatched cache is left.
pub(super) fn save(memo: &Memo, out: &Path, opts: &BuildOptions) -> std::io::Result<()> {
    memo.loads.stage.wait_for_spill();
    memo.html.wait_for_spill();
    let dir = folder(out).ok_or_else(|| std::io::Error::other("the output folder has no name"))?;
    let fingerprint = fingerprint(opts);
    let pages: Vec<(&Key, &String, &Key)> = memo
        .pages
        .stage
        .entries()
        .filter_map(|(key, page)| match &**page {
            KeptPage::Written { path, hash, .. } => Some((key, path, hash)),
            _ => None,
        })
        .collect();
    let lines: Vec<String> = pages
        .par_iter()
        .map(|(key, path, hash)| {
            let stamp = Stamp::of(&out.join(path)).map_or_else(|| "-".to_string(), |s| s.to_string());
            format!("{key:032x} {hash:032x} {stamp} {path}\n")
        })
        .collect();
    let mut text = fingerprint.clone();
    text.push('\n');
    lines.iter().for_each(|l| text.push_str(l));
    let written = std::fs::create_dir_all(&dir).and_then(|()| {
        let tmp = dir.join(format!("{INDEX}.tmp"));
        std::fs::write(&tmp, text)?;
        for name in [DOCUMENTS, MARKDOWN, SEARCH] {
            let new = dir.join(format!("{name}.new"));
            if new.exists() {
                std::fs::rename(new, dir.join(name))?;
            }
        }
        let search = memo.indexed.as_ref().map_or(&[][..], |i| i.files.as_slice());
        match &memo.face {
            Some(face) => {
                let exports = stamped(&memo.exports, out);
                let kept = encode(&(&fingerprint, face, exports, memo.titles, stamped(search, out)))?;
                write_records(&dir.join(FACE), &[&kept])?
            }
            None => remove(&dir.join(FACE))?,
        }
        match &memo.graph {
            Some(graph) if graph.made => write_records(&dir.join(GRAPH), &[&encode(&(&fingerprint, graph))?])?,
            Some(_) => {}
            None => remove(&dir.join(GRAPH))?,
        }
        std::fs::rename(&tmp, dir.join(INDEX))
    });
    if written.is_err() {
        // What did go in place may not match the rest: none of it is used.
        for name in [INDEX, FACE, SEARCH, DOCUMENTS, MARKDOWN, GRAPH] {
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
    written
}

/// Files kept as they are in `out`, each with the stamp it has there.
fn stamped(files: &[(String, KeptPage)], out: &Path) -> Vec<(String, KeptPage)> {
    let stamp = |file: &KeptPage| match file {
        KeptPage::Written { path, hash, .. } => {
            KeptPage::Written { path: path.clone(), hash: *hash, stamp: Stamp::of(&out.join(path)) }
        }
        other => other.clone(),
    };
    files.par_iter().map(|(path, file)| (path.clone(), stamp(file))).collect()
}

fn write_records(path: &Path, records: &[&[u8]]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    for r in records {
        record(&mut file, r)?;
    }
    file.into_inner().map_err(|e| e.into_error())?;
    std::fs::rename(tmp, path)
}

fn remove(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
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

    #[test]
    fn a_stamp_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a"), "x").unwrap();
        let stamp = Stamp::of(&dir.path().join("a")).unwrap();
        assert_eq!(Stamp::parse(&stamp.to_string()), Some(stamp));
        assert_eq!(Stamp::parse("-"), None);
    }
}
