//! Where a build's files go as they are made: kept in memory (`serve`, tests), or written
//! straight into the new output folder (`build`, [`crate::output::Staging`]), so a large
//! site is never held whole in memory. Every generated text file passes the control
//! character filter on its way, and every path is remembered for the checks and the
//! sitemap that need them all.

use crate::diagnostics::{Diagnostic, Pos};
use bytes::Bytes;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Receives each file of the site once, from any thread. The bytes are shared, not copied:
/// a page kept from the last build goes into the next site as the same buffer.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: Bytes) -> std::io::Result<()>;

    /// `from`, a file an earlier build sent out, as `path`: by default read and put.
    fn link(&self, path: &str, from: &std::path::Path) -> std::io::Result<()> {
        self.put(path, Bytes::from(std::fs::read(from)?))
    }
}

/// The site held in memory.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Bytes>>,
}

impl MemorySink {
    pub fn into_files(self) -> BTreeMap<String, Bytes> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: Bytes) -> std::io::Result<()> {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_string(), bytes);
        Ok(())
    }
}

/// A sink as the pipeline uses it: filters text, remembers paths, reports failures as
/// diagnostics.
pub(crate) struct Emit<'a> {
    sink: &'a dyn Sink,
    paths: Mutex<Vec<String>>,
}

impl<'a> Emit<'a> {
    pub(crate) fn new(sink: &'a dyn Sink) -> Emit<'a> {
        Emit { sink, paths: Mutex::new(Vec::new()) }
    }

    /// Generated text loses its control characters; the theme's assets (`assets/`) are the
    /// site's own files and are copied as they are. Returns the bytes as they went out.
    pub(crate) fn put(&self, path: String, bytes: Vec<u8>) -> Result<Bytes, Diagnostic> {
        let bytes = if path.starts_with("assets/") { bytes } else { crate::control::drop_from_text(bytes) };
        let bytes = Bytes::from(bytes);
        self.put_sent(path, bytes.clone())?;
        Ok(bytes)
    }

    /// A file as an earlier [`Emit::put`] sent it out (a page kept from the last build):
    /// already filtered, so it goes out as it is.
    pub(crate) fn put_sent(&self, path: String, bytes: Bytes) -> Result<(), Diagnostic> {
        self.sink
            .put(&path, bytes)
            .map_err(|e| Diagnostic::error(&path, Pos::default(), format!("cannot write: {e}")))?;
        self.paths.lock().unwrap_or_else(|e| e.into_inner()).push(path);
        Ok(())
    }

    /// A file of the last output, unchanged since an earlier [`Emit::put`] sent it out.
    pub(crate) fn link(&self, path: String, from: &std::path::Path) -> Result<(), Diagnostic> {
        self.sink
            .link(&path, from)
            .map_err(|e| Diagnostic::error(&path, Pos::default(), format!("cannot write: {e}")))?;
        self.paths.lock().unwrap_or_else(|e| e.into_inner()).push(path);
        Ok(())
    }

    /// Every path put so far, sorted.
    pub(crate) fn paths(&self) -> Vec<String> {
        let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner()).clone();
        paths.sort();
        paths
    }
}
