//! Pages: one typed context per page, rendered through the theme's Tera templates in
//! parallel. Content never passes through Tera: its HTML arrives ready and is inserted as is.

mod changes;
mod common;
mod deadlines;
mod docs;
mod frame;
mod glossary;
mod lists;
mod party;

pub use frame::{NavLink, Page, SiteView};

use crate::diagnostics::Diagnostic;
use crate::site::Ctx;
use crate::theme::Theme;
use frame::{site_view, Job};
use rayon::prelude::*;

/// Renders every page; returns (path, html) in path order.
pub fn render(ctx: &Ctx, theme: &Theme) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let site = site_view(ctx);
    let mut jobs: Vec<Job> =
        (0..ctx.model.docs.len()).into_par_iter().filter_map(|i| docs::page(ctx, &site, i)).collect();
    jobs.extend(lists::pages(ctx, &site));
    jobs.extend(changes::pages(ctx, &site));
    let mut out: Vec<(String, Vec<u8>)> = jobs.par_iter().map(|j| j.render(theme)).collect::<Result<_, _>>()?;
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}
