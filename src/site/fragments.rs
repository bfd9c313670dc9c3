//! Shared fragments: a plan item as party and principle pages list it (template
//! `item.html`) is rendered once, the first time a page asks for it, and its HTML reused on
//! every other page that shows it. An item shows on its plan's parties' pages and its
//! principles' pages; rendering it there each time was a third of the build. Under `serve`
//! the last build's fragments are kept too, by a hash of all a fragment is made from.

use super::views::ItemView;
use crate::diagnostics::Diagnostic;
use crate::graph::ItemRef;
use crate::i18n::Strings;
use crate::memo::stage::{Hasher, Kept, Key};
use crate::model::Model;
use crate::theme::{template_error, Theme};
use std::sync::{Arc, Mutex, OnceLock};

/// A fragment as made or reused: its key, its HTML, and whether it was made in this build.
type Made = (Key, Arc<String>, bool);

pub(crate) struct Fragments<'a> {
    theme: &'a Theme,
    /// The template's context without the item: the interface strings, made once.
    base: tera::Context,
    /// The theme and the interface strings: with the item's view, all a fragment depends on.
    salt: Key,
    /// Per document, the slot of its first plan item.
    first: Vec<usize>,
    items: Vec<OnceLock<Made>>,
    /// The last build's fragments, by key.
    kept: Kept<String>,
    /// The first template error, reported once for the whole run.
    error: Mutex<Option<Diagnostic>>,
}

/// The template every item fragment is rendered with.
const ITEM: &str = "item.html";

impl<'a> Fragments<'a> {
    pub(crate) fn new(model: &Model, t: &'static Strings, theme: &'a Theme, kept: Kept<String>) -> Fragments<'a> {
        let mut first = Vec::with_capacity(model.docs.len());
        let mut total = 0;
        for d in &model.docs {
            first.push(total);
            total += d.plan().map_or(0, |p| p.items().count());
        }
        let mut base = tera::Context::new();
        base.insert("t", t);
        let mut salt = Hasher::new();
        salt.key(theme.key).field(&serde_json::to_vec(t).unwrap_or_default());
        let items = (0..total).map(|_| OnceLock::new()).collect();
        Fragments { theme, base, salt: salt.finish(), first, items, kept, error: Mutex::new(None) }
    }

    /// Item `r`'s HTML, from its `view` the first time it is asked for (or the last build's,
    /// if that was made from the same view).
    pub(crate) fn item(&self, r: ItemRef, view: impl FnOnce() -> ItemView) -> String {
        let slot = &self.items[self.first[r.plan] + r.item];
        let (_, html, _) = slot.get_or_init(|| {
            let view = view();
            let mut h = Hasher::new();
            h.key(self.salt);
            let key = serde_json::to_writer(&mut h, &view).map_or(0, |()| h.finish());
            if let Some(html) = self.kept.get(key) {
                return (key, html, false);
            }
            let mut context = self.base.clone();
            context.insert("i", &view);
            let html = self.theme.tera.render(ITEM, &context).unwrap_or_else(|e| {
                self.error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert_with(|| template_error(&e));
                String::new()
            });
            (key, Arc::new(html), true)
        });
        String::clone(html)
    }

    /// This build's fragments, to be kept for the next.
    pub(crate) fn into_made(self) -> impl Iterator<Item = Made> {
        self.items.into_iter().filter_map(OnceLock::into_inner)
    }

    /// The last build's fragments and this build's, for a build that made only a few pages
    /// and so asked for only a few fragments: the others stay as they were.
    pub(crate) fn into_parts(self) -> (Kept<String>, impl Iterator<Item = Made>) {
        (self.kept, self.items.into_iter().filter_map(OnceLock::into_inner))
    }

    /// The first template error met, if any.
    pub(crate) fn error(&self) -> Option<Diagnostic> {
        self.error.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}
