//! Typed model: every source file split, parsed and resolved into a `Document`, in parallel;
//! then ids made unique across the site. Drafts are left out here unless asked for.

mod raw;
mod resolve;
mod types;

pub(crate) use raw::RawDoc;
pub use types::Kind;
pub(crate) use types::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::frontmatter::SplitSource;
use crate::memo::stage::{Hasher, Key, Stage};
use crate::yaml::{self, Locator};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// All documents of the site, with lookups by id and by source path.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// Sorted by kind, then id: the order lists show them in unless they sort otherwise.
    /// Shared with the memo of the last build, which hands an unchanged file's document on.
    pub docs: Vec<Arc<Document>>,
    /// The front page text (`content/_index.md`), if any.
    pub front: Option<Arc<Document>>,
    by_id: FxHashMap<String, usize>,
    by_source: FxHashMap<PathBuf, usize>,
    /// Attachments under `content/` (relative to the site root), in path order.
    assets: Vec<PathBuf>,
    asset_set: FxHashSet<PathBuf>,
}

impl Model {
    /// Drops the sources' text that no stage after the checks and redlines reads (the front
    /// matter kept for positions, the Markdown source), from every document no memo shares.
    /// A build that keeps nothing then holds the site's text once, as HTML, rather than three
    /// times (at 10,000 documents, a fifth of its memory).
    pub(crate) fn shed_sources(&mut self) {
        for doc in self.docs.iter_mut().chain(self.front.iter_mut()) {
            if let Some(doc) = Arc::get_mut(doc) {
                doc.locator.forget_text();
                doc.body.text = Default::default();
            }
        }
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).map(|&i| &*self.docs[i])
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub(crate) fn by_source(&self, rel: &Path) -> Option<&Document> {
        self.by_source.get(rel).map(|&i| &*self.docs[i])
    }

    pub(crate) fn has_asset(&self, rel: &Path) -> bool {
        self.asset_set.contains(rel)
    }

    pub(crate) fn assets(&self) -> &[PathBuf] {
        &self.assets
    }

    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> {
        self.docs.iter().map(|d| d.id.as_str())
    }

    pub(crate) fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Document> {
        self.docs.iter().map(|d| &**d).filter(move |d| d.kind() == kind)
    }
}

/// Builds the model from loaded sources.
#[cfg(test)]
pub(crate) fn build(
    sources: &[SplitSource],
    assets: Vec<PathBuf>,
    include_drafts: bool,
    diags: &mut Diagnostics,
) -> Model {
    build_with(sources, assets, include_drafts, &mut Loads::default(), diags)
}

/// The documents of the last build's source files, and each document's source key, in the
/// model's order (for later stages; none when the stage keeps nothing).
#[derive(Default)]
pub(crate) struct Loads {
    pub stage: Stage<Loaded>,
    pub keys: Vec<Key>,
}

/// [`build`], reusing the documents of unchanged files from `memo`.
pub(crate) fn build_with(
    sources: &[SplitSource],
    assets: Vec<PathBuf>,
    include_drafts: bool,
    memo: &mut Loads,
    diags: &mut Diagnostics,
) -> Model {
    // A stage that keeps nothing needs no keys (and later stages then look up none).
    let keys: Vec<Key> =
        if memo.stage.wants_keys() { sources.par_iter().map(|s| s.load_key(source_key)).collect() } else { Vec::new() };
    let mut results = memo.stage.map(sources, |i, _| keys[i], |_, s| load_one(s));
    results.par_iter_mut().zip(sources).for_each(|(loaded, src)| with_text(loaded, src));
    // After the texts are back in place: the spill holds the results while it writes, and a
    // result it holds would be copied to take its text.
    memo.stage.spill(&keys, &results);
    let mut docs = Vec::with_capacity(results.len());
    let mut front = None;
    for (i, loaded) in results.iter().enumerate() {
        let (doc, ds) = &**loaded;
        diags.extend(ds.iter().cloned());
        match doc {
            Some((d, _)) if d.kind() == Kind::Index => front = Some(d.clone()),
            Some((d, draft)) if include_drafts || !draft => docs.push((d.clone(), keys.get(i).copied())),
            _ => {}
        }
    }
    docs.sort_by(|(a, _), (b, _)| (a.kind(), &a.id).cmp(&(b.kind(), &b.id)));
    memo.keys = docs.iter().filter_map(|(_, k)| *k).collect();
    let docs = docs.into_iter().map(|(d, _)| d).collect();
    let asset_set = assets.iter().cloned().collect();
    let mut model = Model { docs, front, assets, asset_set, ..Model::default() };
    index(&mut model, diags);
    model
}

fn index(model: &mut Model, diags: &mut Diagnostics) {
    let mut dupes = Vec::new();
    model.by_source.reserve(model.docs.len());
    model.by_id.reserve(model.docs.len());
    for (i, d) in model.docs.iter().enumerate() {
        model.by_source.insert(d.source.clone(), i);
        if let Some(&first) = model.by_id.get(&d.id) {
            dupes.push((first, i));
        } else {
            model.by_id.insert(d.id.clone(), i);
        }
    }
    for (first, second) in dupes {
        let (a, b) = (&model.docs[first], &model.docs[second]);
        for (this, other) in [(b, a), (a, b)] {
            let pos = this.locator.key("id").unwrap_or(this.locator.start());
            diags.push(Diagnostic::error(&this.source, pos, format!("duplicate id `{}`", this.id)).with_hint(format!(
                "`{}` also has this id; give one of them another `id:`",
                crate::diagnostics::display_path(&other.source)
            )));
        }
    }
}

/// The kind a file's folder gives it: `content/aftaler/x.md` → aftale.
pub(crate) fn kind_from_path(rel: &Path) -> Option<Kind> {
    let mut parts = rel.components().skip(1);
    let first = parts.next()?.as_os_str().to_str()?;
    if parts.next().is_none() {
        return (first == "_index.md").then_some(Kind::Index);
    }
    Kind::from_dir(first)
}

/// One file's document (with its `draft` flag) and the problems found in it.
pub(crate) type Loaded = (Option<(Arc<Document>, bool)>, Vec<Diagnostic>);

/// Everything [`load_one`] reads: the file's path (its folder gives the kind) and its text.
fn source_key(src: &SplitSource) -> Key {
    let mut h = Hasher::new();
    h.field(src.rel.as_os_str().as_encoded_bytes()).field(src.yaml().as_bytes()).field(src.body().as_bytes());
    h.field(&(src.yaml_line as u64).to_le_bytes()).field(&(src.body_line as u64).to_le_bytes());
    h.finish()
}

/// A document read back from `build`'s cache without its texts gets them from `src`, the
/// source it was made from (its key says so). One kept in memory has them already.
fn with_text(loaded: &mut Arc<Loaded>, src: &SplitSource) {
    let (body, yaml) = (src.body_text(), src.yaml_text());
    let lacks = |d: &Document| !d.body.text.is(&body) || !d.locator.holds(&yaml);
    if loaded.0.as_ref().is_some_and(|(d, _)| lacks(d)) {
        if let Some((doc, _)) = &mut Arc::make_mut(loaded).0 {
            let doc = Arc::make_mut(doc);
            doc.body.text = body;
            doc.locator.restore(yaml);
        }
    }
}

fn load_one(src: &SplitSource) -> Loaded {
    let split = src;
    let raw: RawDoc = match yaml::parse(&src.rel, split.yaml(), split.yaml_line) {
        Ok(r) => r,
        Err(d) => return (None, vec![d]),
    };
    let locator = Locator::new(split.yaml_text(), split.yaml_line);
    let Some(kind) = raw.doc_type.or_else(|| kind_from_path(&src.rel)) else {
        let d = Diagnostic::error(&src.rel, Pos::new(1, 1), "cannot tell what kind of document this is").with_hint(
            "put it in aftaler/, handleplaner/, principper/, dokumenter/ or parter/, or add `type: dokument`",
        );
        return (None, vec![d]);
    };
    let draft = raw.draft;
    let body = Body { text: split.body_text(), line: split.body_line };
    let mut r = resolve::Resolver { file: &src.rel, loc: &locator, diags: Vec::new(), from: 0 };
    let doc = resolve::resolve(&mut r, kind, raw, body);
    (doc.map(|d| (Arc::new(d), draft)), r.diags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn model_of(files: &[(&str, &str)]) -> (Model, Diagnostics) {
        let sources: Vec<Source> =
            files.iter().map(|(p, t)| Source { rel: PathBuf::from(p), text: (*t).into() }).collect();
        let mut diags = Diagnostics::default();
        let split = crate::frontmatter::split_all(sources, &mut diags);
        let m = build(&split, Vec::new(), false, &mut diags);
        (m, diags)
    }

    #[test]
    fn kind_comes_from_folder_and_type_overrides() {
        let (m, d) = model_of(&[
            ("content/aftaler/a.md", "---\ntitle: A\n---\n"),
            ("content/dokumenter/b.md", "---\ntitle: B\ntype: princip\nnumber: 3\n---\n"),
            ("content/_index.md", "---\ntitle: Forside\n---\nHej"),
        ]);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.get("a").unwrap().kind(), Kind::Agreement);
        assert_eq!(m.get("a").unwrap().status, Some(Status::Udkast));
        assert_eq!(m.get("b").unwrap().principle_number(), Some(3));
        assert_eq!(m.front.as_ref().unwrap().title, "Forside");
    }

    #[test]
    fn duplicate_ids_name_both_files() {
        let (_, d) = model_of(&[
            ("content/aftaler/a.md", "---\ntitle: A\n---\n"),
            ("content/dokumenter/x.md", "---\ntitle: X\nid: a\n---\n"),
        ]);
        let msgs: Vec<_> = d.iter().map(|d| (d.file.as_str(), d.line, d.hint.clone().unwrap())).collect();
        assert_eq!(d.error_count(), 2, "{msgs:?}");
        assert!(msgs
            .iter()
            .any(|(f, l, h)| *f == "content/dokumenter/x.md" && *l == 3 && h.contains("content/aftaler/a.md")));
    }

    #[test]
    fn drafts_are_left_out() {
        let (m, _) = model_of(&[("content/aftaler/a.md", "---\ntitle: A\ndraft: true\n---\n")]);
        assert!(m.get("a").is_none());
    }

    #[test]
    fn misplaced_field_names_its_kind() {
        let (_, d) = model_of(&[("content/principper/p.md", "---\ntitle: P\nsections:\n  - title: S\n---\n")]);
        let e = d.iter().next().unwrap();
        assert_eq!(e.message, "field `sections` does not belong in a princip");
        assert_eq!(e.line, 3);
    }

    #[test]
    fn plan_items_get_unique_ids_and_bad_status_is_an_error() {
        let plan = "---\ntitle: P\nsections:\n  - title: S\n    items:\n      - title: Aftale om målgruppe\n      - title: Aftale om målgruppe\n---\n";
        let (m, d) = model_of(&[("content/handleplaner/p.md", plan)]);
        assert!(d.is_empty(), "{d:?}");
        let ids: Vec<_> = m.get("p").unwrap().plan().unwrap().items().map(|i| i.id.clone()).collect();
        assert_eq!(ids, ["aftale-om-maalgruppe", "aftale-om-maalgruppe-2"]);
        let bad = "---\ntitle: P\nsections:\n  - title: S\n    items:\n      - title: X\n        status: færdg\n---\n";
        let (_, d) = model_of(&[("content/handleplaner/p.md", bad)]);
        let e = d.iter().next().unwrap();
        assert_eq!((e.line, e.message.as_str()), (7, "unknown variant `færdg`"));
        assert_eq!(e.hint.as_deref(), Some("did you mean `færdig`?"));
    }
}
