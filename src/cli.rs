//! The command line: one clap `Args` struct per subcommand, each with its `run()`; shared
//! options are flattened in. Only this module prints. Exit codes: 0 ok, 1 content errors,
//! 2 usage or I/O errors.

use aftalebog::{config::BuildOptions, date::Date, diagnostics, model::Kind, output, scaffold, serve, Build};
use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(name = "aftalebog", version, about = "Agreements, principles and action plans as a cross-linked static site")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into a folder (default: public/)
    Build(BuildArgs),
    /// Check the content and report every problem, without writing anything
    Check(CheckArgs),
    /// Preview the site in the browser; it rebuilds and reloads on every save
    Serve(ServeArgs),
    /// Create a new document from a starter text or a template
    New(NewArgs),
    /// Create a new site skeleton in a folder
    Init(InitArgs),
}

/// Options every command that reads the site shares.
#[derive(Args, Debug, Clone)]
struct SiteArgs {
    /// The site's folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include documents marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// The date that decides what is overdue or expired (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD"))
}

impl SiteArgs {
    /// The site folder must exist and hold something to publish; a typo in `--root` or an
    /// unmounted drive is a usage error (exit 2), never an empty site over a good one.
    fn checked_root(&self) -> anyhow::Result<&Path> {
        if !self.root.is_dir() {
            anyhow::bail!("site folder {} does not exist", self.root.display());
        }
        if let Err(d) = aftalebog::source::require_content(&self.root) {
            let hint = d.hint.map(|h| format!("\n  = hint: {h}")).unwrap_or_default();
            anyhow::bail!("{} (in {}); nothing was built or replaced{hint}", d.message, self.root.display());
        }
        Ok(&self.root)
    }

    fn options(&self) -> BuildOptions {
        BuildOptions { drafts: self.drafts, today: self.today, ..BuildOptions::default() }
    }
}

#[derive(Args, Debug)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output folder (default: <root>/public)
    #[arg(long)]
    out: Option<PathBuf>,
    /// Absolute URL the site is published at; enables sitemap.xml and feed.xml
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Treat warnings as errors
    #[arg(long)]
    strict: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Args, Debug)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; keep the loopback address unless others must see the preview
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Open the preview in the default browser
    #[arg(long)]
    open: bool,
    /// Watch by polling the files (for network drives, where change events do not arrive)
    #[arg(long)]
    poll: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum NewKind {
    Aftale,
    Handleplan,
    Princip,
    Dokument,
}

#[derive(Args, Debug)]
struct NewArgs {
    /// What kind of document
    #[arg(value_enum)]
    kind: NewKind,
    /// Its title
    title: String,
    /// Start from this template (a document with `status: skabelon`)
    #[arg(long)]
    from: Option<String>,
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Args, Debug)]
struct InitArgs {
    /// The folder to create the site in
    dir: PathBuf,
}

pub fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn,html5ever=error")).init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => a.run(),
        Command::Check(a) => a.run(),
        Command::Serve(a) => a.run(),
        Command::New(a) => a.run(),
        Command::Init(a) => a.run(),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn print_diagnostics(build: &Build, root: &Path) {
    let color = std::io::stderr().is_terminal();
    eprint!("{}", diagnostics::render_human(&build.diagnostics, root, color));
}

fn summary(build: &Build) -> String {
    let (e, w) = (build.diagnostics.error_count(), build.diagnostics.warning_count());
    format!("{e} error(s), {w} warning(s)")
}

impl BuildArgs {
    fn run(self) -> anyhow::Result<ExitCode> {
        let start = Instant::now();
        let root = self.site.checked_root()?;
        let out = self.out.clone().unwrap_or_else(|| root.join("public"));
        let opts = BuildOptions { base_url: self.base_url.clone(), ..self.site.options() };
        let keep = aftalebog::config::load(root, &opts).map(|c| c.keep).unwrap_or_default();
        output::ensure_outside_content(&out, root)?;
        // Pages go straight into a new folder beside the output; it replaces the output only
        // if the build succeeds, and is removed otherwise.
        let staging = output::Staging::begin(&out, &keep)?;
        // The cache beside the output: pages whose context did not change are copied from it.
        let mut memo = aftalebog::Memo::for_output(&out, &opts);
        let mut build = aftalebog::build_into(root, &opts, &staging, &mut memo);
        print_diagnostics(&build, root);
        let Some(site) = build.site.take() else {
            drop(staging);
            eprintln!("build failed: {}; {} was left as it was", summary(&build), out.display());
            return Ok(ExitCode::from(1));
        };
        for (path, a) in &site.attachments {
            staging.copy(path, &a.source).context("cannot copy an attachment")?;
        }
        if let Err(e) = staging.commit_then(|| memo.save_for_output(&out, &opts))? {
            log::warn!("cannot write the build cache beside {}: {e}", out.display());
        }
        let pages = site.paths.iter().filter(|k| k.ends_with(".html")).count();
        println!(
            "built {pages} pages ({} files) into {} in {} ms; {}",
            site.paths.len() + site.attachments.len(),
            out.display(),
            start.elapsed().as_millis(),
            summary(&build)
        );
        // The process ends here: freeing the cache's hundreds of megabytes and the build's
        // model one value at a time would only keep the user waiting (a twentieth of a
        // one-edit rebuild each).
        std::mem::forget(memo);
        build.leftovers.forget();
        Ok(ExitCode::SUCCESS)
    }
}

impl CheckArgs {
    fn run(self) -> anyhow::Result<ExitCode> {
        let root = self.site.checked_root()?;
        let opts = BuildOptions { pages: false, ..self.site.options() };
        let mut build = aftalebog::build(root, &opts);
        if self.strict {
            build.diagnostics.promote_warnings();
        }
        match self.format {
            Format::Json => println!("{}", diagnostics::render_json(&build.diagnostics)),
            Format::Human => {
                print_diagnostics(&build, root);
                eprintln!("{}", summary(&build));
            }
        }
        Ok(if build.diagnostics.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
    }
}

impl ServeArgs {
    fn run(self) -> anyhow::Result<ExitCode> {
        let root = self.site.checked_root()?.to_path_buf();
        let opts = serve::Options {
            root: root.clone(),
            addr: SocketAddr::new(self.bind, self.port),
            poll: self.poll,
            build: self.site.options(),
            builder: aftalebog::serve::rebuild::memoised(),
            on_build: Box::new(move |outcome, generation| report_rebuild(&root, outcome, generation)),
        };
        let running = serve::start(opts)?;
        let url = running.url();
        println!("serving {} at {url}", self.site.root.display());
        println!("press Ctrl-C to stop");
        std::io::stdout().flush()?;
        if serve::beyond_loopback(running.addr) {
            eprintln!(
                "warning: listening on {} makes this preview, drafts and unpublished text included, readable by \
                 other machines on the network; use --bind 127.0.0.1 to keep it on this computer",
                running.addr.ip()
            );
        }
        match &running.watch_mode {
            serve::watch::Mode::Events => {}
            serve::watch::Mode::Polling { fallback_reason: Some(reason) } => eprintln!("note: {reason}"),
            serve::watch::Mode::Polling { fallback_reason: None } => {
                eprintln!("watching by polling the files every half second")
            }
        }
        if self.open {
            open_browser(&url);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        ctrlc::set_handler(move || {
            let _ = tx.send(());
        })?;
        let _ = rx.recv();
        eprintln!("stopping");
        running.stop();
        println!("stopped");
        Ok(ExitCode::SUCCESS)
    }
}

/// The terminal's account of each build: its diagnostics once, then one line.
fn report_rebuild(root: &Path, outcome: &serve::state::Outcome, generation: Option<u64>) {
    let ms = outcome.elapsed.as_millis();
    let Some(generation) = generation else {
        eprintln!("rebuilt in {ms} ms: nothing changed");
        return;
    };
    let color = std::io::stderr().is_terminal();
    eprint!("{}", diagnostics::render_human(&outcome.diagnostics, root, color));
    let (e, w) = (outcome.diagnostics.error_count(), outcome.diagnostics.warning_count());
    if e > 0 {
        eprintln!("build {generation} failed in {ms} ms: {e} error(s), {w} warning(s); the browser shows them, and the last good version stays served");
    } else {
        eprintln!("build {generation} done in {ms} ms: {w} warning(s)");
    }
}

/// Opens `url` in the default browser; a failure only means the user opens it by hand.
fn open_browser(url: &str) {
    if open::that_detached(url).is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
}

impl NewArgs {
    fn run(self) -> anyhow::Result<ExitCode> {
        let kind = match self.kind {
            NewKind::Aftale => Kind::Agreement,
            NewKind::Handleplan => Kind::Plan,
            NewKind::Princip => Kind::Principle,
            NewKind::Dokument => Kind::Document,
        };
        let rel = scaffold::new_document(&self.root, kind, &self.title, self.from.as_deref())?;
        println!("{}", rel.display());
        Ok(ExitCode::SUCCESS)
    }
}

impl InitArgs {
    fn run(self) -> anyhow::Result<ExitCode> {
        let files = scaffold::init_site(&self.dir)?;
        for f in files {
            println!("{}", self.dir.join(f).display());
        }
        println!("next: cd {} && aftalebog build", self.dir.display());
        Ok(ExitCode::SUCCESS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
