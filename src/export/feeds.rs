//! The Atom feed and the sitemap, for sites with a `base_url`. Both are templates of the theme
//! (`feed.xml`, `sitemap.xml`), so a theme can change them like any page.

use crate::diagnostics::Diagnostic;
use crate::site::Ctx;
use crate::theme::{template_error, Theme};
use serde::Serialize;

/// How many of the newest documents the feed carries.
const FEED_ENTRIES: usize = 50;

#[derive(Serialize)]
struct Feed {
    title: String,
    base: String,
    /// RFC 4287 requires an author for the feed: the organisation, else the site's title.
    author: String,
    updated: String,
    entries: Vec<Entry>,
}

#[derive(Serialize)]
struct Entry {
    title: String,
    url: String,
    updated: String,
    /// The status a reader sees, as on the page (SPEC §2.8).
    status: Option<Status>,
    summary: String,
}

#[derive(Serialize)]
struct Status {
    key: &'static str,
    label: &'static str,
}

/// `feed.xml`: dated documents, newest first.
pub(crate) fn feed(ctx: &Ctx, theme: &Theme) -> Result<Option<(String, Vec<u8>)>, Diagnostic> {
    let Some(base) = ctx.config.base_url.as_deref() else { return Ok(None) };
    let mut docs: Vec<_> =
        ctx.model.docs.iter().enumerate().filter_map(|(i, d)| d.updated.or(d.date).map(|x| (x, i, d))).collect();
    docs.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.id.cmp(&b.2.id)));
    let entries = docs
        .iter()
        .take(FEED_ENTRIES)
        .map(|(date, i, d)| Entry {
            title: d.title.clone(),
            url: format!("{base}/{}", d.url()),
            updated: date.to_string(),
            status: ctx.graph.shown(*i).map(|s| Status { key: s.key(), label: s.label(ctx.t) }),
            summary: d.summary.clone().unwrap_or_default(),
        })
        .collect();
    let c = ctx.config;
    let feed = Feed {
        title: c.title.clone(),
        base: base.to_string(),
        author: c.organisation.clone().unwrap_or_else(|| c.title.clone()),
        updated: docs.first().map_or(c.today, |d| d.0).to_string(),
        entries,
    };
    render(theme, "feed.xml", "feed", &feed)
}

/// `sitemap.xml`: every page of the built site (`paths` are all its files) but the 404 page.
pub(crate) fn sitemap<'a>(
    ctx: &Ctx,
    theme: &Theme,
    paths: impl Iterator<Item = &'a String>,
) -> Result<Option<(String, Vec<u8>)>, Diagnostic> {
    let Some(base) = ctx.config.base_url.as_deref() else { return Ok(None) };
    let mut urls: Vec<String> =
        paths.filter(|p| p.ends_with(".html") && *p != "404.html").map(|p| format!("{base}/{p}")).collect();
    urls.sort();
    render(theme, "sitemap.xml", "urls", &urls)
}

fn render<T: Serialize>(
    theme: &Theme,
    template: &str,
    name: &str,
    value: &T,
) -> Result<Option<(String, Vec<u8>)>, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert(name, value);
    let text = theme.tera.render(template, &context).map_err(|e| template_error(&e))?;
    Ok(Some((template.to_string(), text.into_bytes())))
}
