//! Output paths claimed twice. An attachment under `content/` that lands where a document's
//! page or a generated file goes (`content/index.html`, `content/sitemap.xml`) would be dropped
//! or would replace it; names that differ only in capitals (`Basis.pdf`, `basis.pdf`) are one
//! file on Windows shares. Each is an error naming both sources, so nothing is lost unseen.

use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Pos};
use crate::model::Model;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Who writes an output path: a source file, or the build itself.
enum Owner {
    File(PathBuf),
    Generated(String),
}

impl Owner {
    fn describe(&self) -> String {
        match self {
            Owner::File(p) => format!("`{}`", display_path(p)),
            Owner::Generated(path) => format!("the generated file `{path}`"),
        }
    }
}

/// Reports every attachment whose output path (compared without regard to case) is already
/// taken by a document's page, a generated file or another attachment. True if any was found.
pub(crate) fn check<'a>(model: &Model, generated: impl IntoIterator<Item = &'a str>, diags: &mut Diagnostics) -> bool {
    if model.assets().is_empty() {
        return false;
    }
    // Only a path that may equal an attachment's needs folding: most sites have a few
    // attachments and tens of thousands of pages. An ASCII path keeps its length in
    // lower case, so one of a length no attachment has cannot be one of theirs.
    let lengths: HashSet<usize> = model.assets().iter().map(|a| output_path(a).to_lowercase().len()).collect();
    let maybe_taken = |path: &str| !path.is_ascii() || lengths.contains(&path.len());
    let mut owners: HashMap<String, Owner> = HashMap::new();
    for d in &model.docs {
        let url = d.url();
        if maybe_taken(&url) {
            owners.entry(url.to_lowercase()).or_insert_with(|| Owner::File(d.source.clone()));
        }
    }
    for path in generated.into_iter().filter(|p| maybe_taken(p)) {
        owners.entry(path.to_lowercase()).or_insert_with(|| Owner::Generated(path.to_string()));
    }
    let mut found = false;
    for source in model.assets() {
        let out = output_path(source);
        let Some(other) = owners.get(&out.to_lowercase()) else {
            owners.insert(out.to_lowercase(), Owner::File(source.to_path_buf()));
            continue;
        };
        found = true;
        let hint = "rename or move one of them; names that differ only in capitals are one file on Windows shares";
        let message = format!("`{out}` would be written twice: by this file and by {}", other.describe());
        diags.push(Diagnostic::error(source, Pos::default(), message).with_hint(hint));
        if let Owner::File(other) = other {
            let message = format!("`{out}` would be written twice: by this file and by `{}`", display_path(source));
            diags.push(Diagnostic::error(other, Pos::default(), message).with_hint(hint));
        }
    }
    found
}

/// Where an attachment goes in the output: its path under `content/`.
pub(crate) fn output_path(rel: &Path) -> String {
    display_path(rel.strip_prefix("content").unwrap_or(rel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn model(assets: &[&str]) -> Model {
        let sources =
            vec![Source { rel: "content/dokumenter/oevelse.md".into(), text: "---\ntitle: Ø\n---\n".into() }];
        let mut d = Diagnostics::default();
        let split = crate::frontmatter::split_all(sources, &mut d);
        crate::model::build(&split, assets.iter().map(PathBuf::from).collect(), false, &mut d)
    }

    fn found(assets: &[&str], generated: &[&str]) -> Vec<String> {
        let mut d = Diagnostics::default();
        check(&model(assets), generated.iter().copied(), &mut d);
        d.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn capitals_beyond_ascii_collide_too() {
        // A generated path that is not ASCII, and an ASCII path that a sign beyond ASCII
        // folds to (the Kelvin sign's lower case is `k`).
        let by_topic = found(&["content/emner/Æble.html"], &["emner/æble.html"]);
        assert_eq!(
            by_topic,
            ["`emner/Æble.html` would be written twice: by this file and by the generated file `emner/æble.html`"]
        );
        let by_page = found(&["content/dokumenter/Oevelse.html"], &[]);
        assert_eq!(by_page.len(), 2, "a document's page, named at both: {by_page:?}");
        let by_generated = found(&["content/\u{212A}.html"], &["k.html"]);
        assert_eq!(
            by_generated,
            ["`\u{212A}.html` would be written twice: by this file and by the generated file `k.html`"]
        );
        assert!(found(&["content/bilag/a.pdf"], &["index.html", "b.pdf"]).is_empty());
    }
}
