//! Render Markdown: every document's body and its Markdown front matter fields, in parallel,
//! into HTML fragments that the pages stage places into templates.

pub(crate) mod clauses;
mod events;
pub(crate) mod hyphenate;
pub(crate) mod links;
pub(crate) mod markdown;
mod plain_html;
mod policy;
mod position;
pub(crate) mod sanitize;
mod termlinks;

use crate::diagnostics::{Diagnostics, Pos};
use crate::memo::stage::{Hasher, Key, Stage};
use crate::model::{Document, KindData, Model};
use crate::terms::Glossary;
use links::{Labels, LinkCtx};
use markdown::{render, render_inline, Origin, Rendered};
use rayon::prelude::*;
use sanitize::HtmlPolicy;

/// One document's rendered Markdown.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct DocHtml {
    pub body: Rendered,
    /// Agreement: the target group's (`målgruppe`) description and criteria.
    pub target_group_description: Option<Rendered>,
    pub criteria: Vec<Rendered>,
    /// Agreement: duties, parallel to `Agreement::responsibilities`.
    pub duties: Vec<Vec<Rendered>>,
    /// Plan: per item in document order, its question, guidance and answer.
    pub items: Vec<ItemHtml>,
    pub section_intros: Vec<Option<Rendered>>,
    /// The key of the titles of the documents it links to, as they were when it was
    /// rendered: a link shows its target's title, and no other document's.
    pub linked_titles: Key,
    /// What its fragments hold, counted when it was rendered.
    pub marks: Marks,
}

/// What a document's fragments hold, counted once when it is rendered: the checks, the
/// diagnostics and the face read these for every document on every rebuild, and walking all
/// fragments of 10,000 documents for them was a fifth of a save's rebuild.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Marks {
    pub blanks: usize,
    pub guidance: usize,
    /// Some fragment has an error or warning to report.
    pub errors: bool,
    /// Some link names an anchor on its target's page.
    pub anchored: bool,
}

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct ItemHtml {
    pub question: Option<Rendered>,
    pub guidance: Option<Rendered>,
    pub answer: Option<Rendered>,
}

impl DocHtml {
    /// Every fragment, for counting blanks and gathering links and errors.
    pub(crate) fn fragments(&self) -> impl Iterator<Item = &Rendered> {
        std::iter::once(&self.body)
            .chain(self.target_group_description.iter())
            .chain(self.criteria.iter())
            .chain(self.duties.iter().flatten())
            .chain(self.items.iter().flat_map(|i| i.question.iter().chain(i.guidance.iter()).chain(i.answer.iter())))
            .chain(self.section_intros.iter().flatten())
    }

    fn fragments_mut(&mut self) -> impl Iterator<Item = &mut Rendered> {
        std::iter::once(&mut self.body)
            .chain(self.target_group_description.iter_mut())
            .chain(self.criteria.iter_mut())
            .chain(self.duties.iter_mut().flatten())
            .chain(
                self.items
                    .iter_mut()
                    .flat_map(|i| i.question.iter_mut().chain(i.guidance.iter_mut()).chain(i.answer.iter_mut())),
            )
            .chain(self.section_intros.iter_mut().flatten())
    }

    pub(crate) fn blank_count(&self) -> usize {
        self.marks.blanks
    }

    pub(crate) fn guidance_count(&self) -> usize {
        self.marks.guidance
    }

    fn mark(&mut self) {
        let mut marks = Marks::default();
        for f in self.fragments() {
            marks.blanks += f.blanks.len();
            marks.guidance += f.guidance.len();
            marks.errors |= !f.errors.is_empty();
            marks.anchored |= f.links.iter().any(|l| l.anchor.is_some());
        }
        self.marks = marks;
    }
}

/// Rendered Markdown of the whole site: `docs[i]` belongs to `model.docs[i]`.
#[derive(Debug, Default)]
pub(crate) struct SiteHtml {
    /// Shared with the memo of the last build, which hands an unchanged document's HTML on.
    pub docs: Vec<std::sync::Arc<DocHtml>>,
    pub front: Option<Rendered>,
    /// The key of everything rendering read besides each document's own source.
    pub env: Key,
    /// Per document, the key its HTML was made (or kept) under: equal keys, equal HTML.
    /// Empty when nothing is kept between builds.
    pub keys: Vec<Key>,
}

/// What rendering needs besides the model: the words it writes, the glossary, and the
/// numbered documents' outlines (for references to their clauses).
struct Shared<'a> {
    labels: &'a Labels,
    glossary: &'a Glossary,
    outlines: clauses::Outlines,
    /// Pages will show the HTML; for `check`, only what the checks read is made.
    pages: bool,
}

/// Renders every document; each fragment is cleaned by `policy` before any page sees it.
#[cfg(test)]
pub(crate) fn render_all(
    model: &Model,
    glossary: &Glossary,
    labels: &Labels,
    policy: &HtmlPolicy,
    diags: &mut Diagnostics,
) -> SiteHtml {
    let mut memo = (&[][..], &mut Stage::default(), &mut None);
    render_with(model, (glossary, labels, Cleaning::Now(policy)), &mut memo, diags)
}

/// Each document's source key ([`crate::model::Loads`]), the HTML kept from the last build,
/// and the key of every document's title then ([`titles_key`]).
pub(crate) type Memo<'a> = (&'a [Key], &'a mut Stage<DocHtml>, &'a mut Option<Key>);

/// When fragments pass through the [`HtmlPolicy`].
#[derive(Clone, Copy)]
pub(crate) enum Cleaning<'a> {
    /// As they are rendered: their HTML goes on pages.
    Now(&'a HtmlPolicy),
    /// Left to whoever reads the HTML: only the diagnostics are wanted (`check`), and cleaning
    /// reports nothing. The checks clean what they read of a page (its footnote ids) first
    /// ([`crate::check::run`]).
    Deferred(&'a HtmlPolicy),
}

/// [`render_all`], reusing a document's HTML when neither its source nor its environment changed.
pub(crate) fn render_with(
    model: &Model,
    (glossary, labels, cleaning): (&Glossary, &Labels, Cleaning),
    (sources, kept, last_titles): &mut Memo,
    diags: &mut Diagnostics,
) -> SiteHtml {
    let cleaned = |mut html: DocHtml| {
        if let Cleaning::Now(policy) = cleaning {
            html.fragments_mut().for_each(|f| f.html = policy.clean(&f.html));
        }
        html
    };
    let pages = matches!(cleaning, Cleaning::Now(_));
    let shared = Shared { labels, glossary, outlines: outlines(model), pages };
    let env = environment_key(model, &shared, cleaning);
    let key = |i: usize, d: &Document| {
        let mut h = Hasher::new();
        h.key(env).field(&(i as u64).to_le_bytes());
        match sources.get(i) {
            Some(&k) => h.key(k),
            None => h.field(format!("{d:?}").as_bytes()),
        };
        h.finish()
    };
    let keeps = kept.wants_keys();
    let keys: Vec<Key> =
        if keeps { model.docs.par_iter().enumerate().map(|(i, d)| key(i, d)).collect() } else { Vec::new() };
    // Every kept HTML showed the last build's titles; while no title changed, it still does.
    let titles = keeps.then(|| titles_key(model));
    let same_titles = titles.is_some() && titles == **last_titles;
    **last_titles = titles;
    // Every result `build`'s cache holds must show this build's titles: kept results are
    // trusted to while no title changes.
    if !same_titles {
        kept.spill_anew();
    }
    let docs = kept.map_checked(
        &model.docs,
        |i, _| keys[i],
        |_, html| same_titles || html.linked_titles == linked_titles(model, html),
        |i, d| {
            let mut html = cleaned(render_doc(model, (Some(i), d), &shared, "../"));
            // Only a build whose HTML is kept checks it again.
            if keeps {
                html.linked_titles = linked_titles(model, &html);
            }
            html
        },
    );
    kept.spill(&keys, &docs);
    // A document's key says all its HTML is made from: the titles it shows too.
    let keys = keys.iter().zip(&docs).map(|(&k, html)| Hasher::new().key(k).key(html.linked_titles).finish()).collect();
    let front = model.front.as_ref().map(|d| cleaned(render_doc(model, (None, d), &shared, "")).body);
    let fragments = docs.iter().filter(|d| d.marks.errors).flat_map(|d| d.fragments());
    for f in fragments.chain(front.as_ref()) {
        diags.extend(f.errors.iter().cloned());
    }
    SiteHtml { docs, front, env, keys }
}

/// The numbered documents' headings, for references to their clauses.
fn outlines(model: &Model) -> clauses::Outlines {
    let numbered = model.docs.par_iter().filter(|d| d.numbered);
    numbered.map(|d| (d.id.clone(), markdown::outline(&d.body.text, &crate::anchors::reserved(d), true))).collect()
}

/// Everything a document's rendering reads besides its own source and the titles of the
/// documents it links to ([`DocHtml::linked_titles`]), kept on the safe side: every
/// document's path, id and kind (links and their hints), the attachments, the glossary, the
/// numbered documents' outlines, the labels and the HTML policy. Not the titles: a title
/// edit would make every document's HTML again, where only those that link to it show it.
fn environment_key(model: &Model, shared: &Shared, cleaning: Cleaning) -> Key {
    let mut h = Hasher::new();
    for d in &model.docs {
        h.field(d.source.as_os_str().as_encoded_bytes()).field(d.id.as_bytes());
        h.field(d.kind().dir().as_bytes());
    }
    for a in model.assets() {
        h.field(a.as_os_str().as_encoded_bytes());
    }
    h.field(format!("{:?}", shared.glossary.entries).as_bytes());
    let outlines: std::collections::BTreeMap<_, _> = shared.outlines.iter().collect();
    let policy = match cleaning {
        Cleaning::Now(policy) if policy.is_safe() => "safe",
        Cleaning::Now(_) => "raw",
        Cleaning::Deferred(_) => "uncleaned",
    };
    h.field(format!("{outlines:?}|{:?}|{policy}", shared.labels).as_bytes());
    h.finish()
}

/// The key of every document's id and title.
fn titles_key(model: &Model) -> Key {
    let mut h = Hasher::new();
    for d in &model.docs {
        h.field(d.id.as_bytes()).field(d.title.as_bytes());
    }
    h.finish()
}

/// The key of the titles of the documents `html` links to, as they are in `model`.
fn linked_titles(model: &Model, html: &DocHtml) -> Key {
    let mut h = Hasher::new();
    for link in html.fragments().flat_map(|f| f.links.iter()) {
        h.field(model.get(&link.id).map_or(&[][..], |d| d.title.as_bytes()));
    }
    h.finish()
}

fn render_doc(model: &Model, (index, doc): (Option<usize>, &Document), shared: &Shared, prefix: &str) -> DocHtml {
    let reserved_ids = crate::anchors::reserved(doc);
    let mut ctx = LinkCtx {
        model,
        source: &doc.source,
        self_id: &doc.id,
        prefix,
        labels: shared.labels,
        reserved_ids: &reserved_ids,
        doc: index,
        numbered: doc.numbered,
        glossary: shared.glossary,
        outlines: &shared.outlines,
        // The checks read a body's footnote ids from its HTML, and nothing else of it: made by
        // `[^1]` or written as raw HTML (`<div class="footnote-definition" id=…>`).
        html: shared.pages || doc.body.text.contains("[^") || doc.body.text.contains('<'),
    };
    let body = render(&doc.body.text, &ctx, Origin::Body { line: doc.body.line });
    ctx.html = shared.pages;
    // A field's place in the file is only looked up when the field has something to report:
    // searching the front matter for every plan item would be quadratic in the plan's size.
    let field = |md: &str, key: &str| {
        let r = render_inline(md, &ctx, Pos::default());
        let reportable = !r.errors.is_empty() || !r.blanks.is_empty() || !r.guidance.is_empty();
        if !reportable && r.links.iter().all(|l| l.anchor.is_none()) {
            return r;
        }
        let pos = doc.locator.value(md.lines().next().unwrap_or(""), None).or_else(|| doc.locator.key(key));
        render_inline(md, &ctx, pos.unwrap_or(Pos::new(1, 0)))
    };
    let mut html = DocHtml { body, ..DocHtml::default() };
    match &doc.data {
        KindData::Agreement(a) => {
            if let Some(m) = &a.target_group {
                html.target_group_description = m.description.as_deref().map(|t| field(t, "description"));
                html.criteria = m.criteria.iter().map(|c| field(c, "criteria")).collect();
            }
            html.duties = a
                .responsibilities
                .iter()
                .map(|r| r.duties.iter().map(|t| field(t, "responsibilities")).collect())
                .collect();
        }
        KindData::Plan(p) => {
            html.section_intros = p.sections.iter().map(|s| s.intro.as_deref().map(|t| field(t, "intro"))).collect();
            // Counted first: grown one by one, the list would keep up to as much room again
            // as it holds, for the whole build.
            html.items = Vec::with_capacity(p.items().count());
            html.items.extend(p.items().map(|i| ItemHtml {
                question: i.question.as_deref().map(|t| field(t, "question")),
                guidance: i.guidance.as_deref().map(|t| field(t, "guidance")),
                answer: i.answer.as_deref().map(|t| field(t, "answer")),
            }));
        }
        _ => {}
    }
    html.mark();
    html
}

#[cfg(test)]
mod tests;
