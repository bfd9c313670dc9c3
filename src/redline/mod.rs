//! Changes between versions: when a document `supersedes` another in the site, its body is
//! compared with its predecessor's word by word within each section (sections matched by
//! heading, even when moved), and its front matter field by field. `aendringer/<id>.html`
//! shows the result; the count opens it and the front page lists it.

mod front;
pub(crate) mod sections;
pub(crate) mod words;

pub(crate) use front::FieldChange;

use crate::graph::Graph;
use crate::i18n::Strings;
use crate::model::Model;
use rayon::prelude::*;
use sections::Pair;
use words::Marks;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum State {
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// One section of the comparison, in the new version's order.
#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct SectionChange {
    /// The heading (the new one where both have it); `None` before the first heading.
    pub heading: Option<String>,
    pub state: State,
    /// Matched by heading but standing elsewhere among the sections.
    pub moved: bool,
    /// Paragraphs with `<del>` and `<ins>`, escaped.
    pub html: String,
    pub changes: usize,
}

/// The comparison of `model.docs[new]` with `model.docs[old]`, which it supersedes.
#[derive(Clone, Debug)]
pub(crate) struct Redline {
    pub new: usize,
    pub old: usize,
    pub sections: Vec<SectionChange>,
    pub fields: Vec<FieldChange>,
    /// Changes in the text: changed passages, plus added and removed sections.
    pub changes: usize,
    /// Sections with at least one change.
    pub changed_sections: usize,
}

impl Redline {
    /// "7 ændringer i 3 afsnit".
    pub(crate) fn count_text(&self, t: &Strings) -> String {
        let c = if self.changes == 1 { t.count_one } else { t.count_many };
        let s = if self.changed_sections == 1 { t.section_one } else { t.section_many };
        format!("{} {c} {} {s}", self.changes, self.changed_sections)
    }
}

/// Every redline of the site, ordered by the new document's index.
pub(crate) fn all(model: &Model, graph: &Graph, t: &Strings) -> Vec<Redline> {
    let pairs: Vec<(usize, usize)> =
        graph.superseded_by.iter().enumerate().filter_map(|(old, new)| new.map(|n| (n, old))).collect();
    let mut out: Vec<Redline> = pairs.par_iter().map(|&(new, old)| compare(model, new, old, t)).collect();
    out.sort_by_key(|r| r.new);
    out
}

pub(crate) fn compare(model: &Model, new: usize, old: usize, t: &Strings) -> Redline {
    let (a, b) = (&model.docs[old], &model.docs[new]);
    let marks = Marks { deleted: t.deleted, inserted: t.inserted };
    let (so, sn) = (sections::split(&a.body.text), sections::split(&b.body.text));
    let sections: Vec<SectionChange> = sections::pair(&so, &sn)
        .into_iter()
        .map(|p| match p {
            Pair::Both { old, new, moved } => {
                let (html, changes) = words::redline(&so[old].text(), &sn[new].text(), marks);
                let state = if changes == 0 { State::Unchanged } else { State::Changed };
                let html = if changes == 0 { words::plain(&sn[new].text()) } else { html };
                SectionChange { heading: sn[new].heading.clone(), state, moved, html, changes }
            }
            Pair::Added(n) => SectionChange {
                heading: sn[n].heading.clone(),
                state: State::Added,
                moved: false,
                html: words::whole(&sn[n].text(), "ins", t.inserted),
                changes: 1,
            },
            Pair::Removed(o) => SectionChange {
                heading: so[o].heading.clone(),
                state: State::Removed,
                moved: false,
                html: words::whole(&so[o].text(), "del", t.deleted),
                changes: 1,
            },
        })
        .collect();
    let changes = sections.iter().map(|s| s.changes).sum();
    let changed_sections = sections.iter().filter(|s| s.changes > 0).count();
    Redline { new, old, fields: front::diff(model, a, b, t), sections, changes, changed_sections }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;
    use std::path::PathBuf;

    #[test]
    fn a_successor_is_compared_section_by_section_with_its_predecessor() {
        let old = "---\ntitle: V1\nversion: \"1\"\n---\n## Formål\nVi mødes hver måned.\n## Ophør\nMed tre måneders varsel.\n## Økonomi\nHver part betaler sit.\n";
        let new = "---\ntitle: V2\nversion: \"2\"\nsupersedes: v1\n---\n## Formål\nVi mødes hver uge.\n## Økonomi\nHver part betaler sit.\n## Ophør\nMed seks måneders varsel.\n## Tvister\nLøses i fællesskab.\n";
        let files = [("content/aftaler/v1.md", old), ("content/aftaler/v2.md", new)];
        let sources: Vec<Source> =
            files.iter().map(|(p, t)| Source { rel: PathBuf::from(p), text: (*t).into() }).collect();
        let mut d = crate::Diagnostics::default();
        let split = crate::frontmatter::split_all(sources, &mut d);
        let m = crate::model::build(&split, Vec::new(), false, &mut d);
        let g = crate::terms::build(&m, &mut d);
        let html = crate::render::render_all(
            &m,
            &g,
            &crate::i18n::DA.labels(),
            &crate::render::sanitize::HtmlPolicy::new(false),
            &mut d,
        );
        let graph = crate::graph::build(&m, &html, crate::date::Date::parse("2025-06-01").unwrap(), &mut d);
        let r = all(&m, &graph, &crate::i18n::DA);
        assert_eq!(r.len(), 1);
        let r = &r[0];
        let states: Vec<_> = r.sections.iter().map(|s| (s.heading.clone().unwrap(), s.state, s.moved)).collect();
        assert_eq!(
            states,
            [
                ("Formål".to_string(), State::Changed, false),
                ("Økonomi".to_string(), State::Unchanged, false),
                ("Ophør".to_string(), State::Changed, true),
                ("Tvister".to_string(), State::Added, false),
            ]
        );
        assert_eq!(r.count_text(&crate::i18n::DA), "3 ændringer i 3 afsnit");
        assert!(r.sections[2].html.contains("slettet: </span>tre</del>"));
        assert!(r.fields.iter().any(|f| f.field == "Version" && f.before == ["1"] && f.after == ["2"]));
    }
}
