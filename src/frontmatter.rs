//! Split front matter: the YAML between a first line `---` and the next line `---`, and the
//! Markdown body after it, each with the line it starts on so later errors can point there.

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::memo::stage::Key;
use crate::source::Source;
use crate::text::SourceText;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// A source file cut into front matter and body, sharing its text.
#[derive(Clone, Debug)]
pub(crate) struct SplitSource {
    pub rel: PathBuf,
    text: Arc<str>,
    yaml: std::ops::Range<usize>,
    pub yaml_line: usize,
    body: std::ops::Range<usize>,
    pub body_line: usize,
    /// The keys later stages hash from it, worked out once per text and shared by its
    /// clones: a source split last time is handed on with them ([`Kept`]).
    keys: Arc<Keys>,
}

#[derive(Debug, Default)]
struct Keys {
    load: OnceLock<Key>,
    shape: OnceLock<Key>,
}

impl SplitSource {
    pub(crate) fn yaml(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    pub(crate) fn body(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// The front matter as a part of the file's text, shared with it.
    pub(crate) fn yaml_text(&self) -> SourceText {
        SourceText::new(&self.text, self.yaml.clone())
    }

    /// The body as a part of the file's text, shared with it.
    pub(crate) fn body_text(&self) -> SourceText {
        SourceText::new(&self.text, self.body.clone())
    }

    /// The key of all the model reads from it, `of` it the first time.
    pub(crate) fn load_key(&self, of: impl FnOnce(&SplitSource) -> Key) -> Key {
        *self.keys.load.get_or_init(|| of(self))
    }

    /// The key of all of it but the body ([`crate::memo::reach`]), `of` it the first time.
    pub(crate) fn shape_key(&self, of: impl FnOnce(&SplitSource) -> Key) -> Key {
        *self.keys.shape.get_or_init(|| of(self))
    }
}

/// The sources as last split (only under `serve`), by their text's address: a file a save did
/// not touch comes back with the very text it had ([`crate::source::Kept`]), so it is not split
/// or hashed again. Holding the text keeps its address from being reused by another.
pub(crate) struct Kept {
    keep: bool,
    last: FxHashMap<usize, SplitSource>,
}

impl Default for Kept {
    fn default() -> Kept {
        Kept { keep: true, last: FxHashMap::default() }
    }
}

impl Kept {
    /// Keeps nothing: every source is split.
    pub(crate) fn nothing() -> Kept {
        Kept { keep: false, last: FxHashMap::default() }
    }
}

fn address(text: &Arc<str>) -> usize {
    Arc::as_ptr(text) as *const u8 as usize
}

/// Where `part` (a slice of `whole`) starts and ends in it.
fn range_in(whole: &str, part: &str) -> std::ops::Range<usize> {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    start..start + part.len()
}

/// Splits every source in parallel; files without valid front matter become diagnostics.
#[cfg(test)]
pub(crate) fn split_all(sources: Vec<Source>, diags: &mut Diagnostics) -> Vec<SplitSource> {
    split_with(sources, diags, &mut Kept::nothing())
}

/// [`split_all`], handing on what `kept` holds of a source with the same text and path.
pub(crate) fn split_with(sources: Vec<Source>, diags: &mut Diagnostics, kept: &mut Kept) -> Vec<SplitSource> {
    let results: Vec<Result<SplitSource, Diagnostic>> = sources
        .into_par_iter()
        .map(|s| match kept.last.get(&address(&s.text)).filter(|k| k.rel == s.rel) {
            Some(k) => Ok(k.clone()),
            None => split_one(s),
        })
        .collect();
    if kept.keep {
        let split = results.iter().filter_map(|r| r.as_ref().ok());
        kept.last = split.map(|s| (address(&s.text), s.clone())).collect();
    }
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(s) => out.push(s),
            Err(d) => diags.push(d),
        }
    }
    out
}

fn split_one(s: Source) -> Result<SplitSource, Diagnostic> {
    match split(&s.text) {
        Ok(x) => Ok(SplitSource {
            yaml: range_in(&s.text, x.yaml),
            yaml_line: x.yaml_line,
            body: range_in(&s.text, x.body),
            body_line: x.body_line,
            keys: Arc::default(),
            rel: s.rel,
            text: s.text,
        }),
        Err(e) => Err(Diagnostic::error(&s.rel, e.pos, e.message).with_hint(e.hint)),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SplitError {
    pub pos: Pos,
    pub message: &'static str,
    pub hint: &'static str,
}

/// Splits `text` (already LF-normalised). A file without a first `---` line is an error:
/// every document needs at least a title.
pub(crate) fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError {
            pos: Pos::new(1, 1),
            message: "missing front matter",
            hint: "start the file with a line `---`, then `title: …`, then a line `---`",
        });
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, l) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if l.trim_end() == "---" {
            let body_start = offset + l.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(SplitError {
        pos: Pos::new(1, 1),
        message: "front matter is not closed",
        hint: "add a line `---` after the last front matter field, before the text",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: A\nid: a\n---\n# Body\n").unwrap();
        assert_eq!(s.yaml, "title: A\nid: a\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn empty_body_and_no_trailing_newline() {
        let s = split("---\ntitle: A\n---").unwrap();
        assert_eq!(s.body, "");
    }

    fn source(rel: &str, text: &str) -> Source {
        Source { rel: rel.into(), text: text.into() }
    }

    #[test]
    fn a_source_with_last_times_text_keeps_its_split_and_keys() {
        let mut kept = Kept::default();
        let mut d = Diagnostics::default();
        let a = source("content/a.md", "---\ntitle: A\n---\nen\n");
        let first = split_with(vec![a.clone()], &mut d, &mut kept);
        assert_eq!(first[0].load_key(|_| 7), 7);
        // The same text, as `serve` hands an unchanged file on: its key is not worked out again.
        let again = split_with(vec![a.clone()], &mut d, &mut kept);
        assert_eq!(again[0].load_key(|_| unreachable!("kept")), 7);
        // The same text under another path, and an equal text read anew, are split afresh.
        let moved = Source { rel: "content/b.md".into(), text: a.text.clone() };
        assert_eq!(split_with(vec![moved, a], &mut d, &mut kept)[0].load_key(|_| 8), 8);
        let reread = source("content/a.md", "---\ntitle: A\n---\nen\n");
        assert_eq!(split_with(vec![reread], &mut d, &mut kept)[0].load_key(|_| 9), 9);
        assert!(d.is_empty());
    }

    #[test]
    fn unclosed_and_missing() {
        assert_eq!(split("---\ntitle: A\n").unwrap_err().message, "front matter is not closed");
        assert_eq!(split("title: A\n").unwrap_err().message, "missing front matter");
    }
}
