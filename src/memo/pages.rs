//! Rendered pages kept between builds: their HTML in memory (`serve`), or only the hash of
//! the file each was written to in the last output folder (`build`'s cache, so memory does
//! not hold the site twice), read back and checked before it is reused.

use super::stage::{Hasher, Key, Stage};
use bytes::Bytes;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One page as kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeptPage {
    /// The page as it went out, shared with the site that holds it.
    Html(Bytes),
    /// A file under the last output folder whose bytes had this hash.
    Written { path: String, hash: Key },
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
}

pub(crate) fn hash(bytes: &[u8]) -> Key {
    Hasher::new().field(bytes).finish()
}

impl Pages {
    /// The kept page's HTML as it went out, unless its file is gone or no longer what was written.
    pub(crate) fn reuse(&self, page: &KeptPage) -> Option<Bytes> {
        match page {
            KeptPage::Html(html) => Some(html.clone()),
            KeptPage::Written { path, hash: wanted } => {
                let bytes = std::fs::read(self.folder.as_ref()?.join(path)).ok()?;
                (hash(&bytes) == *wanted).then(|| Bytes::from(bytes))
            }
            KeptPage::Forgotten => None,
        }
    }

    /// What to keep of a page just made and sent out as `sent`.
    pub(crate) fn keep(&self, path: &str, sent: &Bytes) -> KeptPage {
        if self.stage.forgets() {
            return KeptPage::Forgotten;
        }
        match self.folder {
            Some(_) => KeptPage::Written { path: path.to_string(), hash: hash(sent) },
            None => KeptPage::Html(sent.clone()),
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
        let kept = pages.keep("a.html", &Bytes::from_static(b"<p>a</p>"));
        assert_eq!(pages.reuse(&kept), None, "not written yet");
        std::fs::write(dir.path().join("a.html"), b"<p>a</p>").unwrap();
        assert_eq!(pages.reuse(&kept).as_deref(), Some(b"<p>a</p>".as_slice()));
        std::fs::write(dir.path().join("a.html"), b"<p>b</p>").unwrap();
        assert_eq!(pages.reuse(&kept), None, "changed by someone else");
    }
}
