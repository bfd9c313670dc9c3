//! Load sources: walk `content/` for Markdown files and read them as UTF-8 text, with a BOM
//! removed and CRLF folded to LF so every later stage sees one kind of text.

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The site's settings, at its root.
pub const CONFIG_FILE: &str = "site.yaml";

/// One Markdown file of the site, its text normalised.
#[derive(Clone, Debug)]
pub struct Source {
    /// Relative to the site root, e.g. `content/aftaler/x.md`.
    pub rel: PathBuf,
    /// Shared: a file a save did not touch is handed from build to build without a copy.
    pub text: std::sync::Arc<str>,
}

/// True for names that editors write beside the real file during a save: swap files, backups,
/// lock files and hidden files. They are never content.
pub fn is_editor_artifact(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with('~')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

/// The site's files: Markdown documents, read, and attachments (PDFs, images), listed.
#[derive(Debug, Default)]
pub struct Sources {
    pub docs: Vec<Source>,
    /// Other files under `content/`, relative to the site root; copied to the output.
    pub assets: Vec<PathBuf>,
}

/// Refuses a site with nothing to publish, before anything is built or replaced: a root with
/// neither `site.yaml` nor `content/`, a missing `content/` (a network drive not mounted over
/// its empty mount point) or one without a single document. Publishing an empty site over a
/// good one is worse than publishing nothing.
pub fn require_content(root: &Path) -> Result<(), Diagnostic> {
    let content = root.join("content");
    let nothing =
        |message: &str, hint: &str| Err(Diagnostic::error("content", Pos::default(), message).with_hint(hint));
    if !content.is_dir() && !root.join(CONFIG_FILE).is_file() {
        return nothing(
            "nothing to publish: this folder has neither site.yaml nor content/",
            "run aftalebog in the site's folder, or name it with --root",
        );
    }
    if !content.is_dir() {
        return nothing(
            "nothing to publish: the folder content/ is missing",
            "if content/ is on a network drive, check that the drive is connected",
        );
    }
    let has_doc = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_artifact(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .any(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"));
    if !has_doc {
        return nothing(
            "nothing to publish: content/ holds no document (.md file)",
            "if content/ is on a network drive, check that the drive is connected; `aftalebog new` starts a document",
        );
    }
    Ok(())
}

/// Every file under `root/content`: `.md` files read in parallel, in path order.
pub(crate) fn load(root: &Path, diags: &mut Diagnostics, kept: &mut Kept) -> Sources {
    let content = root.join("content");
    if !content.is_dir() {
        return Sources::default();
    }
    let (paths, assets) = list_files(&content, root, diags);
    let results: Vec<Result<Source, Diagnostic>> = match kept.keep {
        false => paths.par_iter().map(|rel| read_one(root, rel)).collect(),
        true => {
            let read: Vec<_> = paths.par_iter().map(|rel| kept.read(root, rel)).collect();
            let listed: rustc_hash::FxHashSet<&PathBuf> = paths.iter().collect();
            kept.files.retain(|rel, _| listed.contains(rel));
            read.into_iter()
                .map(|(source, fresh)| {
                    match fresh {
                        Some(Fresh::Keep(rel, kept_as)) => kept.files.insert(rel, kept_as),
                        Some(Fresh::Forget(rel)) => kept.files.remove(&rel),
                        None => None,
                    };
                    source
                })
                .collect()
        }
    };
    let mut docs = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(s) => docs.push(s),
            Err(d) => diags.push(d),
        }
    }
    Sources { docs, assets }
}

fn list_files(content: &Path, root: &Path, diags: &mut Diagnostics) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut paths = Vec::new();
    let mut assets = Vec::new();
    // Symlinks are not followed: content must live inside the tree it is published from.
    let walker = walkdir::WalkDir::new(content).follow_links(false).sort_by_file_name();
    let walker =
        walker.into_iter().filter_entry(|e| e.depth() == 0 || !is_editor_artifact(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().and_then(|p| p.strip_prefix(root).ok()).unwrap_or(Path::new("content"));
                diags.push(Diagnostic::error(path, Pos::default(), format!("cannot read: {err}")));
                continue;
            }
        };
        let is_md = entry.path().extension().is_some_and(|e| e == "md");
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        if entry.file_type().is_symlink() {
            diags.push(
                Diagnostic::warning(&rel, Pos::default(), "symbolic link skipped")
                    .with_hint("copy the file into content/ instead of linking to it"),
            );
            continue;
        }
        match (entry.file_type().is_file(), is_md) {
            (true, true) => paths.push(rel),
            (true, false) => assets.push(rel),
            _ => {}
        }
    }
    (paths, assets)
}

/// The files of the last load under `serve`, each with the [`Stamp`] it had, so that a save
/// reads the saved file and not the ten thousand others. `build` and `check` read every file.
pub(crate) struct Kept {
    keep: bool,
    files: rustc_hash::FxHashMap<PathBuf, (Stamp, Source)>,
}

impl Default for Kept {
    fn default() -> Kept {
        Kept { keep: true, files: Default::default() }
    }
}

/// What a load learnt of a file it read.
enum Fresh {
    Keep(PathBuf, (Stamp, Source)),
    /// Changed too recently for its stamp to be trusted.
    Forget(PathBuf),
}

/// What tells a file's contents without reading them: its size, times and inode. Trusted only
/// for a file last changed well before it was read ([`SETTLED`]): a file saved twice within
/// the file system's clock tick keeps its times, but is then read again anyway.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Stamp {
    len: u64,
    modified: std::time::SystemTime,
    #[cfg(unix)]
    changed: (i64, i64),
    #[cfg(unix)]
    inode: (u64, u64),
}

/// How long before it was read a file must have last changed for its stamp to be trusted.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok()?,
            #[cfg(unix)]
            changed: (m.ctime(), m.ctime_nsec()),
            #[cfg(unix)]
            inode: (m.dev(), m.ino()),
        })
    }

    fn settled(&self, now: std::time::SystemTime) -> bool {
        now.duration_since(self.modified).is_ok_and(|age| age > SETTLED)
    }
}

impl Kept {
    /// Keeps nothing: every load reads every file.
    pub(crate) fn nothing() -> Kept {
        Kept { keep: false, files: Default::default() }
    }

    /// A file's source: the kept one if its stamp is unchanged, else read, with what to
    /// keep of it instead of what is kept (`None`: what is kept stays).
    fn read(&self, root: &Path, rel: &Path) -> (Result<Source, Diagnostic>, Option<Fresh>) {
        // The stamp is taken before reading: a change in between shows in the next stamp.
        let stamp = Stamp::of(&root.join(rel));
        if let (Some(stamp), Some((kept, source))) = (stamp, self.files.get(rel)) {
            if *kept == stamp {
                return (Ok(source.clone()), None);
            }
        }
        let read = read_one(root, rel);
        let fresh = match (&read, stamp) {
            (Ok(source), Some(stamp)) if stamp.settled(std::time::SystemTime::now()) => {
                Fresh::Keep(rel.to_path_buf(), (stamp, source.clone()))
            }
            _ => Fresh::Forget(rel.to_path_buf()),
        };
        (read, Some(fresh))
    }
}

fn read_one(root: &Path, rel: &Path) -> Result<Source, Diagnostic> {
    let bytes = std::fs::read(root.join(rel))
        .map_err(|e| Diagnostic::error(rel, Pos::default(), format!("cannot read file: {e}")))?;
    let text = decode(bytes).map_err(|pos| {
        Diagnostic::error(rel, pos, "file is not valid UTF-8 text").with_hint(
            "save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8; in Word: Plain text, Unicode UTF-8)",
        )
    })?;
    Ok(Source { rel: rel.to_path_buf(), text: text.into() })
}

/// UTF-8 with an optional BOM; CRLF and lone CR become LF. On failure, the position of the
/// first invalid byte.
pub fn decode(bytes: Vec<u8>) -> Result<String, Pos> {
    let text = match crate::utf8::string(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = &bytes[..e.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Pos::new(line, column));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    // memchr's SIMD search: the standard library's goes a word at a time, and every source
    // is searched whole.
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_crlf() {
        let t = decode(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n".to_vec()).unwrap();
        assert_eq!(t, "---\ntitle: x\n---\n");
    }

    #[test]
    fn decode_reports_first_bad_byte() {
        let pos = decode(b"ok\nab\xe6c".to_vec()).unwrap_err();
        assert_eq!(pos, Pos::new(2, 3));
    }

    #[test]
    fn editor_artifacts() {
        for n in [".x.md.swp", "4913", "x.md~", ".#x.md", "#x.md#"] {
            assert!(is_editor_artifact(n), "{n}");
        }
        assert!(!is_editor_artifact("x.md"));
    }

    /// A site with one document whose file was last changed at `when`.
    fn site_with(text: &str, when: std::time::SystemTime) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("content/aftaler/a.md");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        write_at(&file, text, when);
        (dir, file)
    }

    fn write_at(file: &Path, text: &str, when: std::time::SystemTime) {
        std::fs::write(file, text).unwrap();
        let f = std::fs::File::options().write(true).open(file).unwrap();
        f.set_modified(when).unwrap();
    }

    fn load_text(root: &Path, kept: &mut Kept) -> String {
        let sources = load(root, &mut Diagnostics::default(), kept);
        sources.docs[0].text.to_string()
    }

    #[test]
    fn a_settled_file_is_not_read_again_until_it_changes() {
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let (dir, file) = site_with("---\ntitle: A\n---\nen\n", an_hour_ago);
        let mut kept = Kept::default();
        assert_eq!(load_text(dir.path(), &mut kept), "---\ntitle: A\n---\nen\n");
        assert_eq!(kept.files.len(), 1, "kept: it was last changed an hour ago");
        // The same length and the same modification time, as a tool that keeps times leaves
        // it: the change time still tells.
        write_at(&file, "---\ntitle: A\n---\nto\n", an_hour_ago);
        assert_eq!(load_text(dir.path(), &mut kept), "---\ntitle: A\n---\nto\n");
        std::fs::remove_file(&file).unwrap();
        assert!(load(dir.path(), &mut Diagnostics::default(), &mut kept).docs.is_empty());
        assert!(kept.files.is_empty(), "a deleted file is forgotten");
    }

    #[test]
    fn a_file_changed_just_now_is_read_every_time() {
        let (dir, file) = site_with("---\ntitle: A\n---\nen\n", std::time::SystemTime::now());
        let mut kept = Kept::default();
        load_text(dir.path(), &mut kept);
        assert!(kept.files.is_empty(), "a second save within the clock's tick could keep its times");
        std::fs::write(&file, "---\ntitle: A\n---\nto\n").unwrap();
        assert_eq!(load_text(dir.path(), &mut kept), "---\ntitle: A\n---\nto\n");
    }
}
