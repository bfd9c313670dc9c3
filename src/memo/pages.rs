//! Rendered pages kept between builds: their HTML in memory (`serve`), or only the hash of
//! the file each was written to in the last output folder (`build`'s cache, so memory does
//! not hold the site twice), read back and checked before it is reused.

use super::stage::{Hasher, Key, Stage};
use crate::diagnostics::{Diagnostic, Pos};
use crate::sink::Emit;
use bytes::Bytes;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One page (or export) as kept.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum KeptPage {
    /// The page as it went out, shared with the site that holds it.
    Html(Bytes),
    /// A file under the last output folder whose bytes had this hash, and the stamp the file
    /// had once the output was in place (`None` if it could not be read).
    Written { path: String, hash: Key, stamp: Option<Stamp> },
    /// Nothing: a build whose pages no later build reuses.
    Forgotten,
}

#[derive(Default)]
pub(crate) struct Pages {
    pub stage: Stage<KeptPage>,
    /// Shared fragments (plan items as party and principle pages list them), in memory.
    pub fragments: Stage<String>,
    /// Where the last build's pages are, when they are kept as files rather than in memory.
    pub folder: Option<PathBuf>,
    /// The last build's pages by output path, with their keys.
    pub by_path: HashMap<String, (Key, Arc<KeptPage>)>,
    /// How many page contexts the last build made (a page whose context is not made is the
    /// last build's, see [`super::reach`]).
    pub contexts: usize,
    /// This build found every kept page and export linkable ([`Pages::all_there`]), so they
    /// are linked without a second look at each file.
    pub checked: bool,
}

/// What tells a written page's file unchanged without reading it: its size, modification
/// time and inode. A page taken over by a link keeps its inode and times, so the stamp
/// holds from one build to the next until someone changes the file. Unlike the sources'
/// stamp ([`crate::source`]) it leaves out the change time, which every link moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Stamp {
    len: u64,
    modified: (i64, u32),
    inode: (u64, u64),
}

impl Stamp {
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        let since = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino())
        };
        #[cfg(not(unix))]
        let inode = (0, 0);
        Some(Stamp { len: m.len(), modified: (since.as_secs() as i64, since.subsec_nanos()), inode })
    }

    /// As [`Stamp`]'s `Display` writes it; `None` for anything else (`-`: no stamp).
    pub(crate) fn parse(s: &str) -> Option<Stamp> {
        let n: Vec<u64> = s.split(':').map(str::parse).collect::<Result<_, _>>().ok()?;
        match n[..] {
            [len, secs, nanos, dev, ino] => {
                Some(Stamp { len, modified: (secs as i64, u32::try_from(nanos).ok()?), inode: (dev, ino) })
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Stamp { len, modified: (secs, nanos), inode: (dev, ino) } = self;
        write!(f, "{len}:{secs}:{nanos}:{dev}:{ino}")
    }
}

pub(crate) fn hash(bytes: &[u8]) -> Key {
    Hasher::new().field(bytes).finish()
}

impl KeptPage {
    /// The output path of a page kept as a file.
    pub(crate) fn path(&self) -> Option<&str> {
        match self {
            KeptPage::Written { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl Pages {
    /// The kept page's HTML as it went out, unless its file is gone or no longer what was written.
    pub(crate) fn reuse(&self, page: &KeptPage) -> Option<Bytes> {
        reuse(self.folder.as_deref(), page)
    }

    /// Whether every kept page and `exports` can be taken as they are: in memory, or files
    /// of the last output that nobody changed since (else everything is made again, and each
    /// file checked by its hash before it is reused).
    pub(crate) fn all_there(&mut self, exports: &[(String, KeptPage)]) -> bool {
        use rayon::prelude::*;
        let folder = self.folder.as_deref();
        let pages = || self.by_path.par_iter().all(|(_, (_, page))| linkable(folder, page).is_some());
        let exports = || exports.par_iter().all(|(_, page)| linkable(folder, page).is_some());
        let there = self.folder.is_none() || (pages() && exports());
        self.checked = there && self.folder.is_some();
        there
    }

    /// What to keep of a page just made and sent out as `sent`.
    pub(crate) fn keep(&self, path: &str, sent: &Bytes) -> KeptPage {
        if self.stage.forgets() {
            return KeptPage::Forgotten;
        }
        keep(self.folder.as_deref(), path, sent)
    }
}

/// What to keep of a file sent out as `sent`: the file itself, or under the output
/// `folder` only its hash.
pub(crate) fn keep(folder: Option<&Path>, path: &str, sent: &Bytes) -> KeptPage {
    match folder {
        Some(_) => KeptPage::Written { path: path.to_string(), hash: hash(sent), stamp: None },
        None => KeptPage::Html(sent.clone()),
    }
}

/// [`Pages::reuse`], for a file kept under `folder`.
pub(crate) fn reuse(folder: Option<&Path>, page: &KeptPage) -> Option<Bytes> {
    match page {
        KeptPage::Html(html) => Some(html.clone()),
        KeptPage::Written { path, hash: wanted, .. } => {
            let bytes = std::fs::read(folder?.join(path)).ok()?;
            (hash(&bytes) == *wanted).then(|| Bytes::from(bytes))
        }
        KeptPage::Forgotten => None,
    }
}

/// A file the last build sent out, linked from its output when it is unchanged there (or
/// `checked` to be, a moment ago: the file is not looked at again).
pub(crate) fn send_kept(
    emit: &Emit,
    folder: Option<&Path>,
    (path, file): (&str, &KeptPage),
    checked: bool,
) -> Result<(), Diagnostic> {
    let from = if checked { self::checked(folder, file) } else { linkable(folder, file) };
    if let Some(from) = from {
        return emit.link(path.to_string(), &from);
    }
    let bytes = reuse(folder, file).ok_or_else(|| Diagnostic::error(path, Pos::default(), "a kept file was lost"))?;
    emit.put_sent(path.to_string(), bytes)
}

/// The file of a page kept under `folder` that was found linkable.
fn checked(folder: Option<&Path>, page: &KeptPage) -> Option<PathBuf> {
    match page {
        KeptPage::Written { path, stamp: Some(_), .. } => Some(folder?.join(path)),
        _ => None,
    }
}

/// The file of the last output a page kept under `folder` can be linked from as it is: one
/// whose stamp is still the one it had when that output was written.
pub(crate) fn linkable(folder: Option<&Path>, page: &KeptPage) -> Option<PathBuf> {
    match page {
        KeptPage::Written { path, stamp: Some(stamp), .. } => {
            let file = folder?.join(path);
            (Stamp::of(&file).as_ref() == Some(stamp)).then_some(file)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_page_is_reused_only_while_its_file_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let pages = Pages { folder: Some(dir.path().to_path_buf()), ..Pages::default() };
        let kept = pages.keep("a.html", &Bytes::from_static(b"<p>a</p>"));
        assert_eq!(pages.reuse(&kept), None, "not written yet");
        std::fs::write(dir.path().join("a.html"), b"<p>a</p>").unwrap();
        assert_eq!(pages.reuse(&kept).as_deref(), Some(b"<p>a</p>".as_slice()));
        std::fs::write(dir.path().join("a.html"), b"<p>b</p>").unwrap();
        assert_eq!(pages.reuse(&kept), None, "changed by someone else");
    }
}
