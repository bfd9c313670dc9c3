//! Pages: one typed context per page, rendered through the theme's Tera templates in
//! parallel. Content never passes through Tera: its HTML arrives ready and is inserted as is.

mod deadlines;
mod docs;
mod lists;
mod party;
pub mod views;

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::theme::{template_error, Theme};
use rayon::prelude::*;
use serde::Serialize;
use views::{Ctx, Link};

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub organisation: Option<String>,
    pub lang: &'static str,
    pub menu: Vec<crate::config::MenuLink>,
    pub accessibility_statement: Option<String>,
    pub today: String,
    pub base_url: Option<String>,
}

/// The frame of every page; `page` is the page's own typed context.
#[derive(Serialize)]
pub struct Page<'a, T: Serialize> {
    pub site: &'a SiteView,
    pub t: &'static Strings,
    /// From this page to the site root: `""` or `"../"`.
    pub root: &'static str,
    pub title: String,
    pub crumbs: Vec<Link>,
    /// The main-menu entry this page belongs to.
    pub section: &'static str,
    pub page: T,
}

/// A page ready to render: its output path, template and context.
pub struct Job {
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
}

impl Job {
    pub fn new<T: Serialize>(path: String, template: &'static str, page: &Page<T>) -> Job {
        let context = tera::Context::from_serialize(page).unwrap_or_default();
        Job { path, template, context }
    }
}

pub fn site_view(ctx: &Ctx) -> SiteView {
    let c = ctx.config;
    SiteView {
        title: c.title.clone(),
        organisation: c.organisation.clone(),
        lang: ctx.t.lang,
        menu: c.menu.clone(),
        accessibility_statement: c.accessibility_statement.clone(),
        today: ctx.date(c.today),
        base_url: c.base_url.clone(),
    }
}

/// Renders every page; returns (path, html) in path order.
pub fn render(ctx: &Ctx, theme: &Theme) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let site = site_view(ctx);
    let mut jobs: Vec<Job> =
        (0..ctx.model.docs.len()).into_par_iter().filter_map(|i| docs::page(ctx, &site, i)).collect();
    jobs.extend(lists::pages(ctx, &site));
    let mut out: Vec<(String, Vec<u8>)> = jobs
        .par_iter()
        .map(|j| {
            theme
                .tera
                .render(j.template, &j.context)
                .map(|html| (j.path.clone(), html.into_bytes()))
                .map_err(|e| template_error(&e))
        })
        .collect::<Result<_, _>>()?;
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Breadcrumb from the home page: home, then the given steps.
pub fn crumbs(ctx: &Ctx, root: &str, steps: &[(&str, &str)]) -> Vec<Link> {
    std::iter::once(Link { title: ctx.t.home.to_string(), href: format!("{root}index.html") })
        .chain(steps.iter().map(|(t, u)| Link { title: t.to_string(), href: format!("{root}{u}") }))
        .collect()
}
