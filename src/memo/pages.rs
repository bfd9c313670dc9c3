//! Rendered pages kept between builds: their HTML in memory (`serve`), or only the hash of
//! the file each was written to in the last output folder (`build`'s cache, so memory does
//! not hold the site twice), read back and checked before it is reused.

use super::stage::{Hasher, Key, Stage};
use std::path::PathBuf;
use std::sync::Arc;

/// One page as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeptPage {
    Html(Arc<Vec<u8>>),
    /// A file under the last output folder whose bytes had this hash.
    Written {
        path: String,
        hash: Key,
    },
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
}

pub(crate) fn hash(bytes: &[u8]) -> Key {
    Hasher::new().field(bytes).finish()
}

impl Pages {
    /// The kept page's HTML, unless its file is gone or no longer what was written.
    pub(crate) fn reuse(&self, page: &KeptPage) -> Option<Vec<u8>> {
        match page {
            KeptPage::Html(html) => Some(Vec::clone(html)),
            KeptPage::Written { path, hash: wanted } => {
                let bytes = std::fs::read(self.folder.as_ref()?.join(path)).ok()?;
                (hash(&bytes) == *wanted).then_some(bytes)
            }
            KeptPage::Forgotten => None,
        }
    }

    /// What to keep of a page just made.
    pub(crate) fn keep(&self, path: &str, html: &[u8]) -> KeptPage {
        if self.stage.forgets() {
            return KeptPage::Forgotten;
        }
        match self.folder {
            Some(_) => KeptPage::Written { path: path.to_string(), hash: hash(html) },
            None => KeptPage::Html(Arc::new(html.to_vec())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_page_is_reused_only_while_its_file_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let pages = Pages { folder: Some(dir.path().to_path_buf()), ..Pages::default() };
        let kept = pages.keep("a.html", b"<p>a</p>");
        assert_eq!(pages.reuse(&kept), None, "not written yet");
        std::fs::write(dir.path().join("a.html"), b"<p>a</p>").unwrap();
        assert_eq!(pages.reuse(&kept).as_deref(), Some(b"<p>a</p>".as_slice()));
        std::fs::write(dir.path().join("a.html"), b"<p>b</p>").unwrap();
        assert_eq!(pages.reuse(&kept), None, "changed by someone else");
    }
}
