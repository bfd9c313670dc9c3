//! aftalebog: agreements, principles and action plans written as Markdown with YAML front
//! matter, compiled into a cross-linked static site.
//!
//! [`build`] is the whole pipeline, one call per stage. It reads from a site root and returns
//! the site in memory with every diagnostic of the run; writing it out is a separate step
//! ([`output::write_site`]), so tests need no disk and `serve` never touches `public/`.

#![warn(unreachable_pub)]

mod anchors;
mod check;
mod collisions;
pub mod config;
mod control;
pub mod date;
pub mod diagnostics;
pub mod export;
mod frontmatter;
mod graph;
pub mod i18n;
mod leftovers;
mod letters;
mod limits;
mod memo;
pub mod model;
pub mod output;
mod pages;
mod redline;
mod render;
pub mod safe_url;
pub mod scaffold;
pub mod serve;
mod signatures;
pub mod sink;
mod site;
mod slug;
pub mod source;
mod terms;
mod text;
mod theme;
mod utf8;
mod yaml;

pub use config::BuildOptions;
pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use leftovers::Leftovers;
pub use memo::{Made, Memo};
pub use sink::{MemorySink, Sink};

use rayon::iter::ParallelIterator as _;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A built site: output path (relative, `/`-separated) → bytes (empty when the files went
/// to another [`Sink`]), every generated path, and the attachments, which stay on disk (a
/// 200 MB PDF is not held in memory; `serve` streams it from its source).
#[derive(Debug, Default, Clone)]
pub struct Site {
    pub files: BTreeMap<String, bytes::Bytes>,
    pub paths: Vec<String>,
    pub attachments: BTreeMap<String, Attachment>,
}

/// An attachment's source file as the build saw it (size and time tell a changed file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub source: PathBuf,
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

/// The outcome of a run: the site if nothing was wrong, everything that was found, and the
/// configuration it ran with (`None` when `site.yaml` could not be read).
#[derive(Debug, Default)]
pub struct Build {
    pub site: Option<Site>,
    pub diagnostics: Diagnostics,
    pub config: Option<config::Config>,
    /// The model, Markdown and graph the pages were made from, freed when this is dropped.
    pub leftovers: Leftovers,
}

/// The documents of a site as the model stage leaves them, with the split sources they came from.
pub(crate) struct Loaded {
    pub sources: Vec<frontmatter::SplitSource>,
    pub model: model::Model,
    /// The key of everything in the sources but the documents' bodies ([`memo::reach`]).
    pub shape: memo::stage::Key,
}

/// [`build_into`] memory: the whole site in [`Site::files`], for tests.
pub fn build(root: &Path, opts: &BuildOptions) -> Build {
    build_with(root, opts, &mut Memo::one_off())
}

/// [`build`], reusing from `memo` what an earlier build of the same site made from the same
/// inputs, and leaving this build's results in it for the next. The result is the same as
/// [`build`]'s, byte for byte.
pub fn build_with(root: &Path, opts: &BuildOptions, memo: &mut Memo) -> Build {
    let sink = MemorySink::default();
    let mut build = build_into(root, opts, &sink, memo);
    if let Some(site) = &mut build.site {
        site.files = sink.into_files();
    }
    build
}

/// Load sources → split front matter → typed model → render Markdown → site graph → check →
/// pages and exports, each file into `sink` as it is made. With `pages: false` it stops
/// after the checks (`aftalebog check`). What `memo` holds from an earlier build is reused.
pub fn build_into(root: &Path, opts: &BuildOptions, sink: &dyn Sink, memo: &mut Memo) -> Build {
    let mut diags = Diagnostics::default();
    if let Err(d) = source::require_content(root) {
        return Build::failed(d);
    }
    let config = match config::load(root, opts) {
        Ok(c) => c,
        Err(d) => return Build::failed(d),
    };
    let t = i18n::strings(config.language);
    let Loaded { mut model, shape, .. } = timed("load", || load_model(root, config.drafts, memo, &mut diags));
    if opts.pages {
        memo.read_ahead(shape);
    }
    let glossary = terms::build(&model, &mut diags);
    let policy = render::sanitize::HtmlPolicy::new(config.unsafe_html);
    // Cleaning reports nothing: a run that makes no pages leaves it to the few checks that read HTML.
    let cleaning = if opts.pages { render::Cleaning::Now(&policy) } else { render::Cleaning::Deferred(&policy) };
    let html = timed("markdown", || {
        render::render_with(
            &model,
            (&glossary, &t.labels(), cleaning),
            &mut (&memo.loads.keys, &mut memo.html, &mut memo.titles),
            &mut diags,
        )
    });
    let (graph, theme) = rayon::join(
        || timed("graph", || graph::build_with(&model, &html, (config.today, shape), &mut memo.graph, &mut diags)),
        // Of the content it needs nothing: compiled on another core while the graph is made.
        || opts.pages.then(|| theme::load_with(root, &config.theme, &mut memo.theme)),
    );
    timed("check", || check::run(&model, &html, cleaning, &mut diags));
    signatures::check(&model, &mut diags);
    let pages = opts.pages && !diags.has_errors();
    let redlines = if pages { timed("redlines", || redline::all(&model, &graph, t)) } else { Vec::new() };
    // The documents' spill holds them while it writes, and a document held is not shed.
    memo.loads.stage.wait_for_spill();
    timed("shed", || model.shed_sources());
    let ctx = site::Ctx {
        model: &model,
        html: &html,
        graph: &graph,
        config: &config,
        t,
        glossary: &glossary,
        redlines: &redlines,
        fragments: None,
    };
    let site = match theme.filter(|_| pages) {
        Some(theme) => output_files((root, theme), &ctx, shape, (sink, memo), &mut diags),
        None => None,
    };
    diags.sort();
    let leftovers = Leftovers::new((model, html, graph, glossary, redlines));
    Build { site, diagnostics: diags, config: Some(config), leftovers }
}

/// The first stages of [`build`]: sources read, front matter split, the typed model made. For
/// commands that need the documents but no pages (`new --from`).
pub(crate) fn load_model(root: &Path, drafts: bool, memo: &mut Memo, diags: &mut Diagnostics) -> Loaded {
    let files = source::load(root, diags, &mut memo.files);
    let sources = frontmatter::split_with(files.docs, diags, &mut memo.split);
    let model = model::build_with(&sources, files.assets, drafts, &mut memo.loads, diags);
    let shape = memo::reach::sources_key(&sources);
    Loaded { sources, model, shape }
}

/// Pages, exports, theme assets and attachments; then the sitemap of every page among them.
fn output_files(
    (root, theme): (&Path, Result<theme::Theme, Diagnostic>),
    ctx: &site::Ctx,
    shape: memo::stage::Key,
    (sink, memo): (&dyn Sink, &mut Memo),
    diags: &mut Diagnostics,
) -> Option<Site> {
    let mut theme = theme.map_err(|d| diags.push(d)).ok()?;
    let emit = sink::Emit::new(sink);
    let face = face(ctx, shape, theme.key, memo);
    let reach = match face.as_ref().map(|f| f.reach(memo.face.take().as_ref())) {
        // A kept file someone changed or removed: made again with the rest.
        Some(memo::reach::Reach::Bodies(_)) if !memo.pages.all_there(&memo.exports) => memo::reach::Reach::Everything,
        reach => reach.unwrap_or(memo::reach::Reach::Everything),
    };
    if let (memo::reach::Reach::Everything, Some(indexed)) = (&reach, memo.indexed.as_mut()) {
        indexed.forget_ahead();
    }
    let Memo { pages: kept_pages, exports: kept_exports, search: kept_search, indexed, .. } = memo;
    let folder = kept_pages.folder.clone();
    let kept = face.is_some().then_some(KeptExports {
        files: kept_exports,
        folder: folder.as_deref(),
        checked: kept_pages.checked,
        search: match (folder.as_deref(), indexed.as_mut()) {
            (Some(folder), Some(indexed)) => export::search::Keep::Files(folder, indexed),
            (Some(_), None) => export::search::Keep::Nothing,
            (None, _) => export::search::Keep::Memory(kept_search),
        },
    });
    // Pages and exports share no state: made side by side, one's serial parts fill the
    // other's idle cores.
    let (pages, exports) = rayon::join(
        || timed("pages", || pages::render(ctx, &theme, &emit, kept_pages, &reach)),
        || timed("exports", || exports(ctx, &emit, &reach, kept)),
    );
    pages.and(exports).map_err(|d| diags.push(d)).ok()?;
    let assets = std::mem::take(&mut theme.assets).into_iter().map(|(name, bytes)| (format!("assets/{name}"), bytes));
    let feed = export::feed(ctx, &theme).map_err(|d| diags.push(d)).ok()?;
    put_all(&emit, assets.chain(feed), diags)?;
    let mut paths = emit.paths();
    let sitemap_path = ctx.config.base_url.is_some().then_some("sitemap.xml");
    if collisions::check(ctx.model, paths.iter().map(String::as_str).chain(sitemap_path), diags) {
        return None;
    }
    let attachments: BTreeMap<String, Attachment> = attachments(root, ctx.model, diags).collect();
    let sitemap =
        export::sitemap(ctx, &theme, paths.iter().chain(attachments.keys())).map_err(|d| diags.push(d)).ok()?;
    // The paths again, with the sitemap's among them: sorted already, so only it is placed.
    if let Some((path, _)) = &sitemap {
        let at = paths.binary_search(path).unwrap_or_else(|at| at);
        paths.insert(at, path.clone());
    }
    put_all(&emit, sitemap, diags)?;
    memo.face = face;
    Some(Site { files: BTreeMap::new(), paths, attachments })
}

/// This build's [`memo::reach::Face`], when its pages are kept for the next (in memory or as files).
fn face(ctx: &site::Ctx, sources: memo::stage::Key, theme: memo::stage::Key, memo: &Memo) -> Option<memo::reach::Face> {
    let kept = !memo.pages.stage.forgets() && !ctx.html.keys.is_empty();
    kept.then(|| {
        memo::reach::Face::new(&memo::reach::Inputs {
            sources,
            config: ctx.config,
            html: ctx.html,
            graph: ctx.graph,
            redlines: ctx.redlines,
            t: ctx.t,
            theme,
        })
    })
}

/// What the exports keep between builds: those made from front matter as they went out (in
/// memory, or as files of the output `folder`), and the search index.
struct KeptExports<'a> {
    files: &'a mut Vec<(String, memo::pages::KeptPage)>,
    folder: Option<&'a Path>,
    /// Found linkable a moment ago ([`memo::pages::Pages::all_there`]).
    checked: bool,
    search: export::search::Keep<'a>,
}

/// The exports: all of them, or when only bodies changed, the search index patched or
/// afresh and the rest (made from front matter alone) as the last build sent them out.
fn exports(
    ctx: &site::Ctx,
    emit: &sink::Emit,
    reach: &memo::reach::Reach,
    kept: Option<KeptExports>,
) -> Result<(), Diagnostic> {
    let changed = match reach {
        memo::reach::Reach::Bodies(changed) => Some(changed.as_slice()),
        memo::reach::Reach::Everything => None,
    };
    let (kept, search) =
        kept.map_or((None, export::search::Keep::Nothing), |k| (Some((k.files, k.folder, k.checked)), k.search));
    match kept {
        Some((files, folder, checked)) if changed.is_some() && !files.is_empty() => {
            files.iter().try_for_each(|(path, file)| memo::pages::send_kept(emit, folder, (path, file), checked))?
        }
        Some((files, folder, _)) => {
            let sent = export::front_matter(ctx).map(|(path, bytes)| {
                let sent = emit.put(path.clone(), bytes)?;
                Ok((path.clone(), memo::pages::keep(folder, &path, &sent)))
            });
            *files = sent.collect::<Result<_, Diagnostic>>()?;
        }
        None => export::front_matter(ctx).try_for_each(|(path, bytes)| emit.put(path, bytes).map(drop))?,
    }
    export::search::send(ctx, emit, search, changed)
}

fn put_all(
    emit: &sink::Emit,
    files: impl IntoIterator<Item = (String, Vec<u8>)>,
    diags: &mut Diagnostics,
) -> Option<()> {
    files.into_iter().try_for_each(|(path, bytes)| emit.put(path, bytes).map(drop)).map_err(|d| diags.push(d)).ok()
}

/// Runs one stage, logging how long it took and the process's resident memory after it
/// (`RUST_LOG=aftalebog=debug`).
fn timed<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    let start = std::time::Instant::now();
    let out = f();
    log::debug!("{stage}: {} ms{}", start.elapsed().as_millis(), memory());
    out
}

/// ", resident N MB, peak N MB" from `/proc/self/status` where there is one (Linux); read only
/// when debug logging is on.
fn memory() -> String {
    if !log::log_enabled!(log::Level::Debug) {
        return String::new();
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mb = |key: &str| {
        let line = status.lines().find(|l| l.starts_with(key))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024)
    };
    match (mb("VmRSS:"), mb("VmHWM:")) {
        (Some(now), Some(peak)) => format!(", resident {now} MB, peak {peak} MB"),
        _ => String::new(),
    }
}

/// Attachments (PDFs, images) under `content/`, at the same path in the output.
fn attachments<'a>(
    root: &'a Path,
    model: &'a model::Model,
    diags: &'a mut Diagnostics,
) -> impl Iterator<Item = (String, Attachment)> + 'a {
    model.assets().iter().filter_map(move |rel| {
        let out = collisions::output_path(rel);
        let source = root.join(rel);
        match std::fs::metadata(&source) {
            Ok(m) => Some((out, Attachment { source, len: m.len(), modified: m.modified().ok() })),
            Err(e) => {
                diags.push(Diagnostic::error(rel, diagnostics::Pos::default(), format!("cannot read: {e}")));
                None
            }
        }
    })
}

impl Build {
    fn failed(d: Diagnostic) -> Build {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(d);
        Build { site: None, diagnostics, config: None, leftovers: Leftovers::default() }
    }
}
