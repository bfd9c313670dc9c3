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
use crate::memo::pages::{KeptPage, Pages};
use crate::memo::stage;
use crate::sink::Emit;
use crate::site::{Ctx, Fragments};
use crate::theme::Theme;
use frame::{site_view, Job, Kept};
use rayon::prelude::*;

/// Renders every page into `emit` as it is made. Each page's context is made on the task
/// that renders it and dropped right after, and its HTML leaves at once, so neither contexts
/// nor pages pile up in memory. A page whose template and context equal one of the last
/// build's is not rendered again.
pub(crate) fn render(ctx: &Ctx, theme: &Theme, emit: &Emit, memo: &mut Pages) -> Result<(), Diagnostic> {
    let fragments = Fragments::new(ctx.model, ctx.t, theme, memo.fragments.take());
    let old = memo.stage.take();
    let kept = render_all(&Ctx { fragments: Some(&fragments), ..*ctx }, theme, emit, (memo, &old));
    let error = fragments.error();
    memo.fragments.keep(fragments.into_made());
    memo.stage.keep(kept?.into_iter());
    log::debug!("pages rendered afresh: {} of {}", memo.stage.made, memo.stage.len());
    log::debug!("item fragments rendered afresh: {}", memo.fragments.made);
    error.map_or(Ok(()), Err)
}

fn render_all(
    ctx: &Ctx,
    theme: &Theme,
    emit: &Emit,
    memo: (&Pages, &stage::Kept<KeptPage>),
) -> Result<Vec<Kept>, Diagnostic> {
    let site = site_view(ctx);
    let docs = (0..ctx.model.docs.len()).into_par_iter().flat_map_iter(|i| docs::page(ctx, &site, i));
    let lists = lists::makers(ctx).into_par_iter().flat_map_iter(|make| make(&site));
    let changes = changes::pages(ctx, &site).into_par_iter();
    docs.chain(lists)
        .chain(changes)
        .map(|j: Job| {
            let (path, html, kept) = j.render(theme, memo)?;
            emit.put(path, html)?;
            Ok(kept)
        })
        .collect()
}
