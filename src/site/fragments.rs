//! Shared fragments: a plan item as party and principle pages list it (template
//! `item.html`) is rendered once, the first time a page asks for it, and its HTML reused on
//! every other page that shows it. An item shows on its plan's parties' pages and its
//! principles' pages; rendering it there each time was a third of the build.

use super::views::ItemView;
use crate::diagnostics::Diagnostic;
use crate::graph::ItemRef;
use crate::i18n::Strings;
use crate::model::Model;
use crate::theme::{template_error, Theme};
use std::sync::{Mutex, OnceLock};

pub(crate) struct Fragments<'a> {
    theme: &'a Theme,
    /// The template's context without the item: the interface strings, made once.
    base: tera::Context,
    /// Per document, the slot of its first plan item.
    first: Vec<usize>,
    items: Vec<OnceLock<String>>,
    /// The first template error, reported once for the whole run.
    error: Mutex<Option<Diagnostic>>,
}

/// The template every item fragment is rendered with.
const ITEM: &str = "item.html";

impl<'a> Fragments<'a> {
    pub(crate) fn new(model: &Model, t: &'static Strings, theme: &'a Theme) -> Fragments<'a> {
        let mut first = Vec::with_capacity(model.docs.len());
        let mut total = 0;
        for d in &model.docs {
            first.push(total);
            total += d.plan().map_or(0, |p| p.items().count());
        }
        let mut base = tera::Context::new();
        base.insert("t", t);
        Fragments { theme, base, first, items: (0..total).map(|_| OnceLock::new()).collect(), error: Mutex::new(None) }
    }

    /// Item `r`'s HTML, from its `view` the first time it is asked for.
    pub(crate) fn item(&self, r: ItemRef, view: impl FnOnce() -> ItemView) -> String {
        let slot = &self.items[self.first[r.plan] + r.item];
        slot.get_or_init(|| {
            let mut context = self.base.clone();
            context.insert("i", &view());
            self.theme.tera.render(ITEM, &context).unwrap_or_else(|e| {
                self.error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert_with(|| template_error(&e));
                String::new()
            })
        })
        .clone()
    }

    /// The first template error met, if any.
    pub(crate) fn error(&self) -> Option<Diagnostic> {
        self.error.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}
