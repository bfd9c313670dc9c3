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
use crate::memo::reach::Reach;
use crate::memo::stage;
use crate::sink::Emit;
use crate::site::{Ctx, Fragments};
use crate::theme::Theme;
use frame::{site_view, Contexts, Job, Kept, Rendered};
use rayon::prelude::*;
use std::collections::HashSet;

/// Renders every page into `emit` as it is made. Each page's own values go into a template
/// context on the task that renders it (one that holds the shared values already,
/// [`frame::Contexts`]), and its HTML leaves at once, so neither contexts nor pages pile up
/// in memory. A page whose template and context equal one of the last build's is not
/// rendered again; when only some documents' bodies changed (`reach`), only the pages that
/// show them are made at all, and the rest are the last build's.
pub(crate) fn render(ctx: &Ctx, theme: &Theme, emit: &Emit, memo: &mut Pages, reach: &Reach) -> Result<(), Diagnostic> {
    match reach {
        Reach::Bodies(changed) if !memo.by_path.is_empty() => render_bodies(ctx, theme, emit, memo, changed),
        _ => render_everything(ctx, theme, emit, memo),
    }
}

fn render_everything(ctx: &Ctx, theme: &Theme, emit: &Emit, memo: &mut Pages) -> Result<(), Diagnostic> {
    let site = site_view(ctx, !memo.stage.forgets());
    let contexts = Contexts::new(&site, ctx.t)?;
    let mut fragments = Fragments::new(ctx.model, ctx.t, theme, memo.fragments.take());
    if memo.fragments.forgets() {
        let parties = ctx.graph.parties.iter().flat_map(|p| &p.items);
        fragments.release_after(parties.chain(ctx.graph.principles.values().flat_map(|p| &p.items)).copied());
    }
    let ctx = &Ctx { fragments: Some(&fragments), ..*ctx };
    let old = memo.stage.take();
    // Party pages first: they ask for most item fragments, which can then go soon after.
    let (parties, others): (Vec<usize>, Vec<usize>) =
        (0..ctx.model.docs.len()).partition(|&i| ctx.model.docs[i].kind() == crate::model::Kind::Party);
    let docs = parties.into_par_iter().chain(others).flat_map_iter(|i| docs::page(ctx, &site, i));
    let lists = lists::makers(ctx).into_par_iter().flat_map_iter(|make| make(&site));
    let changes = changes::pages(ctx, &site, |_| true).into_par_iter();
    let jobs = docs.chain(lists).chain(changes);
    let kept = render_jobs(jobs, (theme, &contexts, emit), (memo, &old));
    let error = fragments.error();
    let rendered = fragments.rendered();
    memo.fragments.keep(fragments.into_made());
    let kept = kept?;
    memo.contexts = kept.len();
    memo.by_path = if memo.stage.forgets() {
        Default::default()
    } else {
        kept.iter().map(|(path, (key, page, _))| (path.clone(), (*key, page.clone()))).collect()
    };
    memo.stage.keep(kept.into_iter().map(|(_, k)| k));
    log::debug!("pages rendered afresh: {} of {}", memo.stage.made, memo.stage.len());
    log::debug!("item fragments rendered afresh: {rendered}");
    error.map_or(Ok(()), Err)
}

/// Only the pages that show the `changed` documents' bodies: their own pages, their redlines
/// and the glossary (which lists where terms are used); the last build's for every other.
fn render_bodies(ctx: &Ctx, theme: &Theme, emit: &Emit, memo: &mut Pages, changed: &[usize]) -> Result<(), Diagnostic> {
    let site = site_view(ctx, !memo.stage.forgets());
    let contexts = Contexts::new(&site, ctx.t)?;
    let fragments = Fragments::new(ctx.model, ctx.t, theme, memo.fragments.take());
    let ctx = &Ctx { fragments: Some(&fragments), ..*ctx };
    let old = memo.stage.take();
    let touched: HashSet<usize> = changed.iter().copied().collect();
    let docs = changed.par_iter().flat_map_iter(|&i| docs::page(ctx, &site, i));
    let changes = changes::pages(ctx, &site, |r| touched.contains(&r.new) || touched.contains(&r.old));
    let jobs =
        docs.chain(changes.into_par_iter()).chain(lists::glossary(ctx, &site).collect::<Vec<_>>().into_par_iter());
    let kept = render_jobs(jobs, (theme, &contexts, emit), (memo, &old));
    let error = fragments.error();
    let (old_fragments, made) = fragments.into_parts();
    memo.fragments.restore(old_fragments, [], made);
    let kept = kept?;
    memo.contexts = kept.len();
    let made: HashSet<&str> = kept.iter().map(|(path, _)| path.as_str()).collect();
    let folder = memo.folder.as_deref();
    memo.by_path
        .par_iter()
        .filter(|(path, _)| !made.contains(path.as_str()))
        .try_for_each(|(path, (_, page))| crate::memo::pages::send_kept(emit, folder, (path, page), memo.checked))?;
    let replaced = kept.iter().filter_map(|(path, _)| memo.by_path.get(path).map(|(key, _)| *key)).collect::<Vec<_>>();
    for (path, (key, page, _)) in &kept {
        memo.by_path.insert(path.clone(), (*key, page.clone()));
    }
    memo.stage.restore(old, replaced, kept.into_iter().map(|(_, k)| k));
    log::debug!("pages rendered afresh: {} (only the bodies of {} documents changed)", memo.stage.made, changed.len());
    error.map_or(Ok(()), Err)
}

/// Renders `jobs` (or takes them from the last build), sending each page out as it is done.
fn render_jobs<'a>(
    jobs: impl ParallelIterator<Item = Job<'a>>,
    (theme, contexts, emit): (&Theme, &Contexts, &Emit),
    memo: (&Pages, &stage::Kept<KeptPage>),
) -> Result<Vec<(String, Kept)>, Diagnostic> {
    jobs.map(|j: Job<'a>| match j.render((theme, contexts), memo)? {
        Rendered::Kept { path, html, key, page } => {
            emit.put_sent(path.clone(), html)?;
            Ok((path, (key, page, false)))
        }
        Rendered::Made { path, html, key } => {
            let sent = emit.put(path.clone(), html)?;
            let page = std::sync::Arc::new(memo.0.keep(&path, &sent));
            Ok((path, (key, page, true)))
        }
    })
    .collect()
}
