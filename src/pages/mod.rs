//! Pages: one typed context per page, rendered through the theme's Tera templates in
//! parallel. Content never passes through Tera: its HTML arrives ready and is inserted as is.

mod changes;
mod common;
mod deadlines;
mod docs;
mod frame;
mod glossary;
mod lists;
pub(crate) mod paginate;
mod party;

use crate::diagnostics::Diagnostic;
use crate::sink::Emit;
use crate::site::{Ctx, Fragments};
use crate::theme::Theme;
use frame::{site_view, Job};
use rayon::prelude::*;

/// Renders every page into `emit` as it is made. Each page's context is made on the task
/// that renders it and dropped right after, and its HTML leaves at once, so neither contexts
/// nor pages pile up in memory.
pub(crate) fn render(ctx: &Ctx, theme: &Theme, emit: &Emit) -> Result<(), Diagnostic> {
    let fragments = Fragments::new(ctx.model, ctx.t, theme);
    let ctx = &Ctx { fragments: Some(&fragments), ..*ctx };
    let site = site_view(ctx);
    let docs = (0..ctx.model.docs.len()).into_par_iter().flat_map_iter(|i| docs::page(ctx, &site, i));
    let lists = lists::makers(ctx).into_par_iter().flat_map_iter(|make| make(&site));
    let changes = changes::pages(ctx, &site).into_par_iter();
    docs.chain(lists).chain(changes).try_for_each(|j: Job| {
        let (path, html) = j.render(theme)?;
        emit.put(path, html)
    })?;
    fragments.error().map_or(Ok(()), Err)
}
