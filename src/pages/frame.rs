//! The frame around every page: the site-wide values, breadcrumb and menu key that every
//! template sees beside the page's own context, and the render job that pairs them.

use crate::diagnostics::{Diagnostic, Pos};
use crate::i18n::Strings;
use crate::memo::pages::{KeptPage, Pages};
use crate::memo::stage::{self, Hasher, Key};
use crate::site::{Ctx, Link, TOP_PAGES};
use crate::theme::{template_error, Theme};
use bytes::Bytes;
use serde::Serialize;
use std::sync::Arc;

/// From a page one folder down (documents, topics, parties) to the site root.
pub(super) const ROOT: &str = "../";

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub organisation: Option<String>,
    pub lang: &'static str,
    /// The main menu: the top-level pages marked `in_menu`, in table order.
    pub nav: Vec<NavLink>,
    /// Extra links from `site.yaml`, after the main menu.
    pub menu: Vec<crate::config::MenuLink>,
    pub accessibility_statement: Option<String>,
    pub today: String,
    pub base_url: Option<String>,
    /// Whether pages get keys: only when something keeps them for a later build. A key is
    /// the whole context serialised once more (a twentieth of a build that keeps nothing).
    #[serde(skip)]
    pub keyed: bool,
}

/// A main-menu entry; `key` is compared with a page's `section` to mark the current one.
#[derive(Serialize)]
pub(crate) struct NavLink {
    pub key: &'static str,
    pub title: &'static str,
    pub href: &'static str,
}

/// The frame of every page; `page` is the page's own typed context. A template sees each
/// field by its name, and `t`, the interface strings: those and `site` from [`Contexts`],
/// the others from [`Page::own`].
pub(crate) struct Page<'a, T: Serialize> {
    pub site: &'a SiteView,
    /// From this page to the site root: `""` or `"../"`; the 404 page, served at any depth,
    /// has the absolute `base_url/` when there is one.
    pub root: std::borrow::Cow<'static, str>,
    pub title: String,
    pub crumbs: Vec<Link>,
    /// The main-menu entry this page belongs to.
    pub section: &'static str,
    /// Page n of a long list, with links to the others; `None` on a page of one.
    pub pager: Option<super::paginate::Pager>,
    pub page: T,
}

/// Puts a page's own values into its template's context, once.
type FillContext<'a> = Box<dyn FnOnce(&mut tera::Context) -> tera::Result<()> + Send + 'a>;

/// A page ready to render: its output path, template and page, made into its template's
/// context only if it is rendered (a page that is the last build's needs only its key).
pub(super) struct Job<'a> {
    pub path: String,
    pub template: &'static str,
    /// Puts the page's own values into a context that holds the shared ones ([`Contexts`]),
    /// or says why it could not (reported instead of rendering an empty page).
    context: FillContext<'a>,
    /// The template and the page's own values as JSON; with the theme's key and the shared
    /// values' ([`Contexts`]), all the page's HTML depends on. `None` when nothing keeps
    /// pages ([`SiteView::keyed`]).
    pub key: Option<Key>,
}

/// A builder's pages, each made into a job only when the renderer takes it, so a list of
/// hundreds of pages never has all their contexts in memory at once.
pub(super) type Jobs<'a> = Box<dyn Iterator<Item = Job<'a>> + Send + 'a>;

/// What to keep of a rendered page, under which key, and whether it was made now.
pub(super) type Kept = (Key, Arc<KeptPage>, bool);

/// A page's HTML: as an earlier build sent it out, or made now (to be filtered and kept).
pub(super) enum Rendered {
    Kept { path: String, html: Bytes, key: Key, page: Arc<KeptPage> },
    Made { path: String, html: Vec<u8>, key: Key },
}

impl<'a> Job<'a> {
    pub(super) fn new<T: Serialize + Send + 'a>(path: String, template: &'static str, page: Page<'a, T>) -> Job<'a> {
        let key = page.site.keyed.then(|| Hasher::new().field(template.as_bytes()).serialized(&page.own()));
        let context = Box::new(move |c: &mut tera::Context| page.fill(c));
        Job { path, template, context, key }
    }

    /// The page's HTML: the kept one if an earlier build rendered the same template and context.
    pub(super) fn render(
        self,
        (theme, contexts): (&Theme, &Contexts),
        memo: (&Pages, &stage::Kept<KeptPage>),
    ) -> Result<Rendered, Diagnostic> {
        let key = self.key.map_or(0, |k| Hasher::new().key(theme.key).key(contexts.key).key(k).finish());
        let (pages, kept) = memo;
        if let Some(page) = self.key.and_then(|_| kept.get(key)) {
            if let Some(html) = pages.reuse(&page) {
                return Ok(Rendered::Kept { path: self.path, html, key, page });
            }
        }
        let (path, template) = (self.path, self.template);
        let html = contexts.with(|context| {
            (self.context)(context).map_err(|e| {
                Diagnostic::error(&path, Pos::default(), format!("cannot prepare the page for its template: {e}"))
                    .with_hint("this is a bug in aftalebog; please report it with the site that causes it")
            })?;
            // Straight into bytes: `render` would check the whole page is UTF-8 once more.
            let mut html = Vec::with_capacity(2000);
            theme.tera.render_to(template, context, &mut html).map_err(|e| template_error(&e))?;
            Ok(html)
        })?;
        Ok(Rendered::Made { path, html, key })
    }
}

/// What of a page is its own: every field but those all pages share. None may be skipped
/// when serialised: in a pooled context, each must replace the last page's.
#[derive(Serialize)]
struct Own<'p, T: Serialize> {
    root: &'p str,
    title: &'p str,
    crumbs: &'p [Link],
    section: &'static str,
    pager: &'p Option<super::paginate::Pager>,
    page: &'p T,
}

impl<T: Serialize> Page<'_, T> {
    fn own(&self) -> Own<'_, T> {
        let Page { site: _, root, title, crumbs, section, pager, page } = self;
        Own { root, title, crumbs, section, pager, page }
    }

    /// Puts the page's own values into `c`, which holds the shared ones already.
    fn fill(&self, c: &mut tera::Context) -> tera::Result<()> {
        c.extend(tera::Context::from_serialize(self.own())?);
        Ok(())
    }
}

/// Template contexts that hold what every page shares, `site` and the interface strings
/// (`t`, hundreds of them), handed from one page to the next: each page's own values replace
/// the last page's. Making the shared values anew for every page was 3 % of a build.
pub(super) struct Contexts {
    /// The key of the shared values, part of every page's key.
    key: Key,
    base: tera::Context,
    spare: std::sync::Mutex<Vec<tera::Context>>,
}

impl Contexts {
    pub(super) fn new(site: &SiteView, t: &'static Strings) -> Result<Contexts, Diagnostic> {
        let mut base = tera::Context::new();
        base.try_insert("site", site).and_then(|()| base.try_insert("t", t)).map_err(|e| {
            Diagnostic::error("", Pos::default(), format!("cannot prepare the pages for their templates: {e}"))
        })?;
        let key = Hasher::new().serialized(&(site, t));
        Ok(Contexts { key, base, spare: Default::default() })
    }

    fn with<R>(&self, f: impl FnOnce(&mut tera::Context) -> R) -> R {
        let spare = self.spare.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let mut context = spare.unwrap_or_else(|| self.base.clone());
        let out = f(&mut context);
        self.spare.lock().unwrap_or_else(|p| p.into_inner()).push(context);
        out
    }
}

pub(super) fn site_view(ctx: &Ctx, keyed: bool) -> SiteView {
    let c = ctx.config;
    SiteView {
        title: c.title.clone(),
        organisation: c.organisation.clone(),
        lang: ctx.t.lang,
        nav: TOP_PAGES
            .iter()
            .filter(|p| p.in_menu)
            .map(|p| NavLink { key: p.section, title: (p.title)(ctx.t), href: p.path })
            .collect(),
        menu: c.menu.clone(),
        accessibility_statement: c.accessibility_statement.clone(),
        today: ctx.date(c.today),
        base_url: c.base_url.clone(),
        keyed,
    }
}

/// Breadcrumb from the home page: home, then the given steps.
pub(super) fn crumbs(ctx: &Ctx, root: &str, steps: &[(&str, &str)]) -> Vec<Link> {
    std::iter::once(Link { title: ctx.t.home.to_string(), href: format!("{root}index.html") })
        .chain(steps.iter().map(|(t, u)| Link { title: t.to_string(), href: format!("{root}{u}") }))
        .collect()
}
