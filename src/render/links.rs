//! Link resolution inside Markdown: `[[id]]`, `[[id|tekst]]`, `[[id#anker]]` and relative
//! links to source files (`../principper/x.md#anker`) become relative links to built pages;
//! anything with a scheme is left alone. A link to a missing document is an error here;
//! anchors are checked once every page's headings are known.

use crate::diagnostics::{closest, Diagnostic, Pos};
use crate::model::{Document, Model};
use std::path::{Component, Path, PathBuf};

/// An internal link to check once every document's headings are known.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct LinkTarget {
    pub id: String,
    pub anchor: Option<String>,
    pub pos: Pos,
}

/// Words the renderer writes into the HTML, in the site's language.
#[derive(Clone, Copy, Debug)]
pub struct Labels {
    pub blank: &'static str,
    pub guidance: &'static str,
    pub table: &'static str,
    /// `pkt.` / `section`, before a clause number.
    pub clause: &'static str,
}

/// What the renderer needs to resolve links for one document.
pub(crate) struct LinkCtx<'a> {
    pub model: &'a Model,
    pub source: &'a Path,
    pub self_id: &'a str,
    /// From the page the HTML appears on to the site root: `""` or `"../"`.
    pub prefix: &'a str,
    pub labels: &'a Labels,
    /// This document's index in the model (`None` for the front page text).
    pub doc: Option<usize>,
    /// This document numbers its headings as clauses.
    pub numbered: bool,
    pub glossary: &'a crate::terms::Glossary,
    pub outlines: &'a super::clauses::Outlines,
    /// Ids the page has besides its body's headings; a heading never takes one of them.
    pub reserved_ids: &'a [String],
    /// The HTML is wanted: a run without pages (`check`) wants only the diagnostics and what
    /// the checks read, and leaves [`super::markdown::Rendered::html`] and the plain text
    /// the search index reads ([`super::markdown::Rendered::text`]) empty otherwise.
    pub html: bool,
}

pub(crate) enum Resolved {
    External,
    /// An attachment under `content/`, with its href from this page.
    File {
        href: String,
    },
    Internal {
        href: String,
        target: LinkTarget,
        title: String,
    },
    Broken(Box<Diagnostic>),
}

fn split_anchor(dest: &str) -> (&str, Option<String>) {
    match dest.split_once('#') {
        Some((p, a)) if !a.is_empty() => (p, Some(a.to_string())),
        Some((p, _)) => (p, None),
        None => (dest, None),
    }
}

fn is_external(dest: &str) -> bool {
    let scheme = dest
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)));
    scheme || dest.starts_with("//") || dest.starts_with('/')
}

impl LinkCtx<'_> {
    pub(crate) fn resolve(&self, dest: &str, wiki: bool, pos: Pos) -> Resolved {
        if wiki {
            let (id, anchor) = split_anchor(dest.trim());
            // `[[#clause]]` is a heading of this document.
            let id = if id.is_empty() && anchor.is_some() { self.self_id } else { id };
            return match self.model.get(id) {
                Some(doc) => self.internal(doc, anchor, pos),
                None => self.broken(pos, format!("link to unknown id `{id}`"), id),
            };
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            let target = LinkTarget { id: self.self_id.to_string(), anchor: Some(anchor.to_string()), pos };
            return Resolved::Internal { href: dest.to_string(), target, title: String::new() };
        }
        if is_external(dest) {
            return Resolved::External;
        }
        let (path, anchor) = split_anchor(dest);
        let decoded = path.replace("%20", " ");
        let wanted = normalize(&self.source.parent().unwrap_or(Path::new("")).join(&decoded));
        if !path.ends_with(".md") {
            return self.attachment(dest, path, &wanted, pos);
        }
        match self.model.by_source(&wanted) {
            Some(doc) => self.internal(doc, anchor, pos),
            None => {
                let stem = Path::new(&decoded).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
                self.broken(pos, format!("link to missing file `{path}`"), &stem)
            }
        }
    }

    /// A relative link to another file: an attachment under `content/` (copied to the same
    /// place in the output), or a page of the built site (`../frister.html`), left alone.
    fn attachment(&self, dest: &str, path: &str, wanted: &Path, pos: Pos) -> Resolved {
        if path.is_empty() || path.ends_with(".html") {
            return Resolved::External;
        }
        if !self.model.has_asset(wanted) {
            let d = Diagnostic::error(self.source, pos, format!("link to missing file `{path}`"))
                .with_hint("put the file in content/ (e.g. beside this document) and link to it relative to this file");
            return Resolved::Broken(Box::new(d));
        }
        let in_site = wanted.strip_prefix("content").unwrap_or(wanted);
        let fragment = dest.split_once('#').map(|(_, a)| format!("#{a}")).unwrap_or_default();
        let href =
            format!("{}{}{fragment}", self.prefix, crate::diagnostics::display_path(in_site)).replace(' ', "%20");
        Resolved::File { href }
    }

    fn internal(&self, doc: &Document, anchor: Option<String>, pos: Pos) -> Resolved {
        let fragment = anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default();
        let href = if doc.id == self.self_id && anchor.is_some() {
            fragment
        } else {
            format!("{}{}{fragment}", self.prefix, doc.url())
        };
        let target = LinkTarget { id: doc.id.clone(), anchor, pos };
        Resolved::Internal { href, target, title: doc.title.clone() }
    }

    fn broken(&self, pos: Pos, message: String, wanted: &str) -> Resolved {
        let hint = match closest(wanted, self.model.ids()) {
            Some(best) => {
                let doc = self.model.get(best).map(|d| crate::diagnostics::display_path(&d.source)).unwrap_or_default();
                format!("did you mean `{best}` ({doc})?")
            }
            None => "check the id or path; `aftalebog check` lists every document's id in its error hints".to_string(),
        };
        Resolved::Broken(Box::new(Diagnostic::error(self.source, pos, message).with_hint(hint)))
    }
}

/// Resolves `.` and `..` without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
