//! Split front matter: the YAML between a first line `---` and the next line `---`, and the
//! Markdown body after it, each with the line it starts on so later errors can point there.

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::source::Source;
use rayon::prelude::*;
use std::path::PathBuf;

/// A source file cut into front matter and body, sharing its text.
#[derive(Clone, Debug)]
pub(crate) struct SplitSource {
    pub rel: PathBuf,
    text: std::sync::Arc<str>,
    yaml: std::ops::Range<usize>,
    pub yaml_line: usize,
    body: std::ops::Range<usize>,
    pub body_line: usize,
}

impl SplitSource {
    pub(crate) fn yaml(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    pub(crate) fn body(&self) -> &str {
        &self.text[self.body.clone()]
    }
}

/// Where `part` (a slice of `whole`) starts and ends in it.
fn range_in(whole: &str, part: &str) -> std::ops::Range<usize> {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    start..start + part.len()
}

/// Splits every source in parallel; files without valid front matter become diagnostics.
pub(crate) fn split_all(sources: Vec<Source>, diags: &mut Diagnostics) -> Vec<SplitSource> {
    let results: Vec<Result<SplitSource, Diagnostic>> = sources
        .into_par_iter()
        .map(|s| match split(&s.text) {
            Ok(x) => Ok(SplitSource {
                yaml: range_in(&s.text, x.yaml),
                yaml_line: x.yaml_line,
                body: range_in(&s.text, x.body),
                body_line: x.body_line,
                rel: s.rel.clone(),
                text: s.text.clone(),
            }),
            Err(e) => Err(Diagnostic::error(&s.rel, e.pos, e.message).with_hint(e.hint)),
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(s) => out.push(s),
            Err(d) => diags.push(d),
        }
    }
    out
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

    #[test]
    fn unclosed_and_missing() {
        assert_eq!(split("---\ntitle: A\n").unwrap_err().message, "front matter is not closed");
        assert_eq!(split("title: A\n").unwrap_err().message, "missing front matter");
    }
}
