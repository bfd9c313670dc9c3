//! aftalebog: agreements, principles and action plans written as Markdown with YAML front
//! matter, compiled into a cross-linked static site.
//!
//! [`build`] is the whole pipeline, one call per stage. It reads from a site root and returns
//! the site in memory with every diagnostic of the run; writing it out is a separate step
//! ([`output::write_site`]), so tests need no disk and `serve` never touches `public/`.

pub mod check;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod export;
pub mod frontmatter;
pub mod graph;
pub mod i18n;
pub mod model;
pub mod output;
pub mod pages;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod slug;
pub mod source;
pub mod theme;
pub mod yaml;

pub use config::BuildOptions;
pub use diagnostics::{Diagnostic, Diagnostics, Severity};

use std::collections::BTreeMap;
use std::path::Path;

/// A built site: output path (relative, `/`-separated) → bytes.
#[derive(Debug, Default, Clone)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// The outcome of a run: the site if nothing was wrong, and everything that was found.
#[derive(Debug, Default)]
pub struct Build {
    pub site: Option<Site>,
    pub diagnostics: Diagnostics,
}

/// Load sources → split front matter → typed model → render Markdown → site graph → check →
/// pages and exports. With `pages: false` it stops after the checks (`aftalebog check`).
pub fn build(root: &Path, opts: &BuildOptions) -> Build {
    let mut diags = Diagnostics::default();
    if let Err(d) = source::require_content(root) {
        return Build::failed(d);
    }
    let config = match config::load(root, opts) {
        Ok(c) => c,
        Err(d) => return Build::failed(d),
    };
    let t = i18n::strings(config.language);
    let sources = source::load(root, &mut diags);
    let split = frontmatter::split_all(sources.docs, &mut diags);
    let model = model::build(&split, sources.assets, config.drafts, &mut diags);
    let html = render::render_all(&model, &t.labels(), &mut diags);
    let graph = graph::build(&model, &html, &mut diags);
    check::run(&model, &html, &mut diags);
    let ctx = site::Ctx { model: &model, html: &html, graph: &graph, config: &config, t };
    let site = (opts.pages && !diags.has_errors()).then(|| output_files(root, &ctx, &mut diags)).flatten();
    diags.sort();
    Build { site, diagnostics: diags }
}

/// Pages, exports, theme assets and attachments; then the sitemap of every page among them.
fn output_files(root: &Path, ctx: &site::Ctx, diags: &mut Diagnostics) -> Option<Site> {
    let theme = theme::load(root, &ctx.config.theme).map_err(|d| diags.push(d)).ok()?;
    let pages = pages::render(ctx, &theme).map_err(|d| diags.push(d)).ok()?;
    let mut files: BTreeMap<String, Vec<u8>> = pages.into_iter().collect();
    files.extend(export::all(ctx));
    files.extend(theme.assets.into_iter().map(|(name, bytes)| (format!("assets/{name}"), bytes)));
    for (path, bytes) in attachments(root, ctx.model, diags) {
        // A generated page wins over an attachment of the same name.
        files.entry(path).or_insert(bytes);
    }
    if let Some(sitemap) = export::sitemap(ctx, files.keys()) {
        files.insert("sitemap.xml".into(), sitemap.into_bytes());
    }
    Some(Site { files })
}

/// Attachments (PDFs, images) under `content/`, at the same path in the output.
fn attachments(root: &Path, model: &model::Model, diags: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    let read: Vec<Result<(String, Vec<u8>), Diagnostic>> = model
        .assets()
        .par_iter()
        .map(|rel| {
            let out = diagnostics::display_path(rel.strip_prefix("content").unwrap_or(rel));
            std::fs::read(root.join(rel))
                .map(|b| (out, b))
                .map_err(|e| Diagnostic::error(rel, diagnostics::Pos::default(), format!("cannot read: {e}")))
        })
        .collect();
    read.into_iter().filter_map(|r| r.map_err(|d| diags.push(d)).ok()).collect()
}

impl Build {
    fn failed(d: Diagnostic) -> Build {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(d);
        Build { site: None, diagnostics }
    }
}
