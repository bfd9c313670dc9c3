//! What an edit reaches. Most saves change the text of one document and nothing that any
//! other page shows of it; then only that document's pages (and the few pages that show
//! bodies: its redlines, the glossary's "used in", the search index) need making, and every
//! other page is the last build's, without even making its context to find that out.
//!
//! A build's [`Face`] is a key of everything a page may show except the documents' bodies,
//! and one key per document for its rendered body. If the face equals the last build's, the
//! documents whose body keys differ are all that changed. The face is kept on the safe side:
//! every source's front matter and place, the configuration, the theme, the rendering
//! environment, the graph's links, and what pages of other documents show of a body (its
//! counts of blanks and guidance, its redline's count). Anything else is a full build.

use super::stage::{Hasher, Key};
use crate::config::Config;
use crate::frontmatter::SplitSource;
use crate::graph::Graph;
use crate::redline::Redline;
use crate::render::SiteHtml;

/// What a build's pages show, as keys (see the module's text).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Face {
    key: Key,
    /// The sources' part of `key` ([`sources_key`]), to foresee a build's reach from its sources.
    sources: Key,
    /// Per document, in model order: its rendered Markdown's key.
    bodies: Vec<Key>,
}

/// What must be made again after the last build.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    Everything,
    /// Only these documents' bodies changed (indices into the model, ascending).
    Bodies(Vec<usize>),
}

/// The key of every source's front matter, path and lines, and the whole of the front page's
/// source (its body is the front page's text): everything of the sources but the bodies.
pub(crate) fn sources_key(sources: &[SplitSource]) -> Key {
    use rayon::prelude::*;
    let each: Vec<Key> = sources.par_iter().map(|s| s.shape_key(shape_key)).collect();
    let mut h = Hasher::new();
    each.iter().for_each(|&k| {
        h.key(k);
    });
    h.finish()
}

/// One source's part of [`sources_key`].
fn shape_key(s: &SplitSource) -> Key {
    let mut h = Hasher::new();
    h.field(s.rel.as_os_str().as_encoded_bytes()).field(s.yaml().as_bytes());
    h.field(&(s.yaml_line as u64).to_le_bytes()).field(&(s.body_line as u64).to_le_bytes());
    if crate::model::kind_from_path(&s.rel) == Some(crate::model::Kind::Index) {
        h.field(s.body().as_bytes());
    }
    h.finish()
}

/// The inputs of a [`Face`], each made by its own stage.
pub(crate) struct Inputs<'a> {
    pub sources: Key,
    pub config: &'a Config,
    pub html: &'a SiteHtml,
    pub graph: &'a Graph,
    pub redlines: &'a [Redline],
    pub t: &'static crate::i18n::Strings,
    pub theme: Key,
}

impl Face {
    pub(crate) fn new(x: &Inputs) -> Face {
        use rayon::prelude::*;
        let mut h = Hasher::new();
        h.key(x.sources).key(x.theme).key(x.html.env);
        h.field(format!("{:?}", x.config).as_bytes());
        let docs: Vec<Key> = (x.html.docs.par_iter().zip(&x.graph.backlinks))
            .map(|(d, links)| {
                let mut h = Hasher::new();
                h.field(&(d.blank_count() as u64).to_le_bytes()).field(&(d.guidance_count() as u64).to_le_bytes());
                h.field(&(links.len() as u64).to_le_bytes());
                links.iter().for_each(|&l| {
                    h.field(&(l as u64).to_le_bytes());
                });
                h.finish()
            })
            .collect();
        docs.iter().for_each(|&k| {
            h.key(k);
        });
        for r in x.redlines {
            h.field(&(r.old as u64).to_le_bytes()).field(&(r.new as u64).to_le_bytes());
            h.field(r.count_text(x.t).as_bytes());
        }
        Face { key: h.finish(), sources: x.sources, bodies: x.html.keys.clone() }
    }

    /// Whether `sources` are those this face was made from, but for the bodies: then a build
    /// of them will likely find only bodies changed (unless what they link to did).
    pub(crate) fn same_sources(&self, sources: Key) -> bool {
        self.sources == sources
    }

    /// What changed since the build whose face was `last`.
    pub(crate) fn reach(&self, last: Option<&Face>) -> Reach {
        match last {
            Some(last) if last.key == self.key && last.bodies.len() == self.bodies.len() => {
                Reach::Bodies((0..self.bodies.len()).filter(|&i| self.bodies[i] != last.bodies[i]).collect())
            }
            _ => Reach::Everything,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_body_keys_that_differ_are_reached() {
        let face = |key, bodies: &[Key]| Face { key, sources: 0, bodies: bodies.to_vec() };
        let now = face(1, &[10, 21, 30]);
        assert_eq!(now.reach(Some(&face(1, &[10, 20, 30]))), Reach::Bodies(vec![1]));
        assert_eq!(now.reach(Some(&now.clone())), Reach::Bodies(vec![]));
        assert_eq!(now.reach(Some(&face(2, &[10, 21, 30]))), Reach::Everything, "something besides a body");
        assert_eq!(now.reach(Some(&face(1, &[10, 21]))), Reach::Everything, "a document more");
        assert_eq!(now.reach(None), Reach::Everything, "no build before");
    }
}
