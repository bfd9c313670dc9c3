//! Work kept between builds: each stage's results by a hash of everything they were made
//! from, so that a rebuild (a save under `serve`, `build` with its cache) redoes only what a
//! change touched.

pub(crate) mod disk;
mod feed;
mod key;
pub(crate) mod pages;
pub(crate) mod reach;
pub(crate) mod spill;
pub(crate) mod stage;

use crate::config::BuildOptions;
use stage::Stage;
use std::path::Path;

/// Everything kept between builds of one site with the same options. [`crate::build`] starts
/// from an empty one; `serve` keeps one for its whole run.
#[derive(Default)]
pub struct Memo {
    /// The source files as last read, by path, with their stamps (only under `serve`).
    pub(crate) files: crate::source::Kept,
    /// Those files cut into front matter and body, by their text (only under `serve`).
    pub(crate) split: crate::frontmatter::Kept,
    /// Each source file's document and diagnostics, by its path and text.
    pub(crate) loads: crate::model::Loads,
    /// The theme's templates, compiled, by their text.
    pub(crate) theme: crate::theme::Compiled,
    /// The site graph, by all it is made from.
    pub(crate) graph: Option<crate::graph::Kept>,
    /// Each document's rendered Markdown, by its source, place and link environment.
    pub(crate) html: Stage<crate::render::DocHtml>,
    /// The key of every document's title when `html` was last checked against them.
    pub(crate) titles: Option<stage::Key>,
    /// Each page's HTML, by its template, the theme and its context.
    pub(crate) pages: pages::Pages,
    /// The exports made from front matter alone (plan CSVs, the calendar), as the last build
    /// sent them out, for a build that [`reach`] finds changed only bodies.
    pub(crate) exports: Vec<(String, pages::KeptPage)>,
    /// Each document's search entries, for the same kind of build (in memory, `serve`).
    pub(crate) search: crate::export::search::Kept,
    /// The search index as `build`'s cache keeps it, for the same kind of build.
    pub(crate) indexed: Option<crate::export::search::OnDisk>,
    /// What the last build that made pages showed, if `pages` and `exports` hold its files.
    pub(crate) face: Option<reach::Face>,
}

/// What the last build made afresh rather than reused (for tests and the debug log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    pub documents: usize,
    pub markdown: usize,
    pub pages: usize,
    /// Page contexts made: every page's, unless only bodies changed.
    pub contexts: usize,
    /// The search index was patched, not built anew.
    pub index_patched: bool,
}

impl Memo {
    /// For a single build: keeps nothing, since nothing will reuse it.
    pub fn one_off() -> Memo {
        Memo {
            files: crate::source::Kept::nothing(),
            split: crate::frontmatter::Kept::nothing(),
            loads: crate::model::Loads { stage: Stage::forgetful(), ..Default::default() },
            graph: None,
            theme: None,
            html: Stage::forgetful(),
            titles: None,
            pages: pages::Pages { stage: Stage::forgetful(), fragments: Stage::forgetful(), ..Default::default() },
            exports: Vec::new(),
            search: Default::default(),
            indexed: None,
            face: None,
        }
    }

    pub fn made(&self) -> Made {
        Made {
            documents: self.loads.stage.made,
            markdown: self.html.made,
            pages: self.pages.stage.made,
            contexts: self.pages.contexts,
            index_patched: self.search.patched,
        }
    }

    /// When `sources` differ from those of the last build in their bodies alone, that build's
    /// search index will likely be patched: its state is read ahead.
    pub(crate) fn read_ahead(&mut self, sources: stage::Key) {
        let likely = self.face.as_ref().is_some_and(|f| f.same_sources(sources));
        if let Some(indexed) = self.indexed.as_mut().filter(|_| likely) {
            indexed.read_ahead();
        }
    }

    /// For `build` into `out`: pages kept as its files, from the cache beside it if it is valid.
    pub fn for_output(out: &Path, opts: &BuildOptions) -> Memo {
        disk::load(out, opts)
    }

    /// Writes the cache beside `out` once the build's pages are there.
    pub fn save_for_output(&self, out: &Path, opts: &BuildOptions) -> std::io::Result<()> {
        disk::save(self, out, opts)
    }
}
