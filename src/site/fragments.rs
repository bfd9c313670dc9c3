//! Shared fragments: a plan item as party and principle pages list it (template
//! `item.html`) is rendered once, the first time a page asks for it, and its HTML reused on
//! every other page that shows it. An item shows on its plan's parties' pages and its
//! principles' pages; rendering it there each time was a third of the build. Under `serve`
//! the last build's fragments are kept too, by a hash of all a fragment is made from; a
//! build that keeps nothing instead drops each fragment once the last page that shows it
//! has taken it.

use super::views::ItemView;
use crate::diagnostics::Diagnostic;
use crate::graph::ItemRef;
use crate::i18n::Strings;
use crate::memo::stage::{Hasher, Kept, Key};
use crate::model::Model;
use crate::theme::{template_error, Theme};
use std::sync::{Arc, Mutex};

/// A fragment as made or reused: its key, its HTML, and whether it was made in this build.
type Made = (Key, Arc<String>, bool);

pub(crate) struct Fragments<'a> {
    theme: &'a Theme,
    /// The template's context without the item: the interface strings, made once.
    base: tera::Context,
    /// Contexts made from `base` and handed back after a fragment: each holds the last
    /// item it rendered, which the next one replaces. Copying `base`'s hundreds of strings
    /// for each of a site's tens of thousands of items was a twentieth of the build.
    spare: Mutex<Vec<tera::Context>>,
    /// The theme and the interface strings: with the item's view, all a fragment depends on.
    salt: Key,
    /// Per document, the slot of its first plan item.
    first: Vec<usize>,
    items: Vec<Mutex<Slot>>,
    /// Drop each fragment after its last use ([`Fragments::release_after`]).
    release: bool,
    /// Fragments rendered in this build.
    rendered: std::sync::atomic::AtomicUsize,
    /// The last build's fragments, by key.
    kept: Kept<String>,
    /// The first template error, reported once for the whole run.
    error: Mutex<Option<Diagnostic>>,
}

/// One item's fragment, once made, and how many more pages will ask for it.
#[derive(Default)]
struct Slot {
    made: Option<Made>,
    uses_left: u32,
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
        let items = (0..total).map(|_| Mutex::default()).collect();
        Fragments {
            theme,
            base,
            spare: Mutex::default(),
            salt: salt.finish(),
            first,
            items,
            release: false,
            rendered: Default::default(),
            kept,
            error: Mutex::new(None),
        }
    }

    /// For a build that keeps nothing for the next: `uses` names every item once for each
    /// page that will show it, and each fragment is dropped when its last page has it (at
    /// 10,000 documents the fragments are 70 MB). An item asked for more often is rendered
    /// again, never wrong.
    pub(crate) fn release_after(&mut self, uses: impl Iterator<Item = ItemRef>) {
        self.release = true;
        for r in uses {
            let slot = self.items[self.first[r.plan] + r.item].get_mut().unwrap_or_else(|p| p.into_inner());
            slot.uses_left += 1;
        }
    }

    pub(crate) fn rendered(&self) -> usize {
        self.rendered.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Item `r`'s HTML, from its `view` the first time it is asked for (or the last build's,
    /// if that was made from the same view).
    pub(crate) fn item(&self, r: ItemRef, view: impl FnOnce() -> ItemView) -> String {
        let mut slot = self.items[self.first[r.plan] + r.item].lock().unwrap_or_else(|p| p.into_inner());
        let made = slot.made.get_or_insert_with(|| {
            let view = view();
            // Nothing to look up or keep: no key either.
            let key = if self.release {
                0
            } else {
                let mut h = Hasher::new();
                h.key(self.salt);
                h.serialized(&view)
            };
            if let Some(html) = self.kept.get(key) {
                return (key, html, false);
            }
            self.rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let spare = self.spare.lock().unwrap_or_else(|p| p.into_inner()).pop();
            let mut context = spare.unwrap_or_else(|| self.base.clone());
            context.insert("i", &view);
            let mut html = self.theme.tera.render(ITEM, &context).unwrap_or_else(|e| {
                self.error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert_with(|| template_error(&e));
                String::new()
            });
            // Tera starts every output at 2,000 bytes; an item is a few hundred, and tens of
            // thousands wait for their pages at once (40 MB of spare room at 10,000 documents).
            html.shrink_to_fit();
            self.spare.lock().unwrap_or_else(|p| p.into_inner()).push(context);
            (key, Arc::new(html), true)
        });
        let html = String::clone(&made.1);
        if self.release {
            slot.uses_left = slot.uses_left.saturating_sub(1);
            if slot.uses_left == 0 {
                slot.made = None;
            }
        }
        html
    }

    /// This build's fragments, to be kept for the next.
    pub(crate) fn into_made(self) -> impl Iterator<Item = Made> {
        self.items.into_iter().filter_map(|s| s.into_inner().unwrap_or_else(|p| p.into_inner()).made)
    }

    /// The last build's fragments and this build's, for a build that made only a few pages
    /// and so asked for only a few fragments: the others stay as they were.
    pub(crate) fn into_parts(self) -> (Kept<String>, impl Iterator<Item = Made>) {
        (self.kept, self.items.into_iter().filter_map(|s| s.into_inner().unwrap_or_else(|p| p.into_inner()).made))
    }

    /// The first template error met, if any.
    pub(crate) fn error(&self) -> Option<Diagnostic> {
        self.error.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}
