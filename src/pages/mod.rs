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
use crate::memo::pages::Pages;
use crate::site::Ctx;
use crate::theme::Theme;
use frame::{site_view, Job, Rendered};
use rayon::prelude::*;

/// Renders every page; returns (path, html) in path order. Each page's context is made on
/// the task that renders it and dropped right after, so contexts never pile up in memory.
/// A page whose template and context equal one of the last build's is not rendered again.
pub(crate) fn render(ctx: &Ctx, theme: &Theme, memo: &mut Pages) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let site = site_view(ctx);
    let kept = memo.stage.take();
    let docs = (0..ctx.model.docs.len()).into_par_iter().flat_map_iter(|i| docs::page(ctx, &site, i));
    let lists = lists::makers(ctx).into_par_iter().flat_map_iter(|make| make(&site));
    let changes = changes::pages(ctx, &site).into_par_iter();
    let mut rendered: Vec<Rendered> =
        docs.chain(lists).chain(changes).map(|j: Job| j.render(theme, (memo, &kept))).collect::<Result<_, _>>()?;
    rendered.sort_by(|a, b| a.0.cmp(&b.0));
    let (out, kept): (Vec<_>, Vec<_>) = rendered.into_iter().map(|(path, html, kept)| ((path, html), kept)).unzip();
    memo.stage.keep(kept.into_iter());
    Ok(out)
}
