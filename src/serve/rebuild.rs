//! Rebuilds after saves. Each save's build runs on a thread of its own, so a newer save does
//! not wait for a build still running (a slow or pathological one): whichever build started
//! last wins, and an older one that finishes after it is dropped. At most [`MAX_RUNNING`]
//! builds run at once; a save beyond that waits for one of them. A panic inside a build is
//! caught and shown in the browser like any other error, and the watcher carries on.

use super::state::{Outcome, State};
use crate::config::BuildOptions;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::{Build, Memo};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The build a preview runs: [`crate::build`], or a stand-in in tests.
pub type Builder = Arc<dyn Fn(&Path, &BuildOptions) -> Build + Send + Sync>;

/// Called after every published build with its outcome (the site itself has moved into the
/// state) and the generation it published (`None` when the result was identical to what is
/// served, so no page reloads).
pub type OnBuild = Box<dyn Fn(&Outcome, Option<u64>) + Send + Sync>;

/// Builds running at once: the one that is slow, and the save that fixes it.
pub const MAX_RUNNING: usize = 2;

/// Starts builds and publishes them in order; cheap to clone.
#[derive(Clone)]
pub struct Rebuilds {
    inner: Arc<Inner>,
}

struct Inner {
    root: PathBuf,
    opts: BuildOptions,
    builder: Builder,
    state: Arc<State>,
    on_build: OnBuild,
    turns: Mutex<Turns>,
    /// One publisher at a time (see [`State::publish`]).
    publishing: Mutex<()>,
}

#[derive(Default)]
struct Turns {
    /// The number of the next build; builds are numbered in the order they start.
    next: u64,
    /// The newest build published; an older one finishing later is dropped.
    published: u64,
    running: usize,
    /// A save came while [`MAX_RUNNING`] builds ran.
    waiting: bool,
}

impl Rebuilds {
    pub fn new(root: PathBuf, opts: BuildOptions, builder: Builder, state: Arc<State>, on_build: OnBuild) -> Rebuilds {
        let turns = Mutex::new(Turns { next: 1, ..Turns::default() });
        Rebuilds { inner: Arc::new(Inner { root, opts, builder, state, on_build, turns, publishing: Mutex::new(()) }) }
    }

    /// Builds on this thread and publishes (the first build, which `start` waits for).
    pub fn run_now(&self) {
        let number = self.inner.turns().next_number();
        self.inner.build_and_publish(number);
    }

    /// A change was saved: build it beside any build still running.
    pub fn request(&self) {
        let mut turns = self.inner.turns();
        if turns.running >= MAX_RUNNING {
            turns.waiting = true;
            return;
        }
        turns.running += 1;
        let number = turns.next_number();
        drop(turns);
        spawn(self.inner.clone(), number);
    }
}

impl Turns {
    fn next_number(&mut self) -> u64 {
        self.next += 1;
        self.next - 1
    }
}

fn spawn(inner: Arc<Inner>, number: u64) {
    let worker = inner.clone();
    let spawned = std::thread::Builder::new()
        .name("aftalebog-build".into())
        // The main thread's stack size, not the 2 MiB of a spawned thread.
        .stack_size(8 * 1024 * 1024)
        .spawn(move || worker.run(number));
    if let Err(e) = spawned {
        log::warn!("cannot start a build thread ({e}); building on the watcher's");
        inner.run(number);
    }
}

impl Inner {
    fn turns(&self) -> std::sync::MutexGuard<'_, Turns> {
        self.turns.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// One build on its own thread; then the save that waited for a free place, if any.
    fn run(self: Arc<Self>, number: u64) {
        self.build_and_publish(number);
        let mut turns = self.turns();
        if turns.waiting {
            turns.waiting = false;
            let next = turns.next_number();
            drop(turns);
            spawn(self.clone(), next);
        } else {
            turns.running -= 1;
        }
    }

    fn build_and_publish(&self, number: u64) {
        let mut outcome = guarded(&self.builder, &self.root, &self.opts);
        let _turn = self.publishing.lock().unwrap_or_else(|p| p.into_inner());
        {
            let mut turns = self.turns();
            if number < turns.published {
                log::info!("build {number} finished after a newer one and is dropped");
                return;
            }
            turns.published = number;
        }
        let published = self.state.publish(&mut outcome);
        (self.on_build)(&outcome, published);
    }
}

/// Builds the site in memory (never writes anything); a panic becomes an error diagnostic.
pub fn guarded(builder: &Builder, root: &Path, opts: &BuildOptions) -> Outcome {
    let start = Instant::now();
    let build = catch_unwind(AssertUnwindSafe(|| builder(root, opts))).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        log::error!("the build stopped on an internal error: {what}");
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(
            Diagnostic::error("content", Pos::default(), format!("the build stopped on an internal error: {what}"))
                .with_hint("this is a bug in aftalebog, not in your text; undo the last change to go on, and report the bug with the file you changed"),
        );
        Build { diagnostics, ..Build::default() }
    });
    // The language for the overlay; a broken site.yaml is already reported by the build.
    let language = build.config.as_ref().map(|c| c.language).unwrap_or_default();
    Outcome { site: build.site, diagnostics: build.diagnostics, language, elapsed: start.elapsed() }
}

/// The real pipeline with one [`Memo`] kept across builds, so a save redoes only what it
/// changed. A build takes the memo out while it runs: a second build running beside it starts
/// from an empty one (correct, only slower), and a build that panics leaves an empty one
/// behind, so nothing half-made is reused.
pub fn memoised() -> Builder {
    let memo: Arc<Mutex<Memo>> = Arc::default();
    Arc::new(move |root: &Path, opts: &BuildOptions| {
        let mut taken = std::mem::take(&mut *memo.lock().unwrap_or_else(|p| p.into_inner()));
        let build = crate::build_with(root, opts, &mut taken);
        *memo.lock().unwrap_or_else(|p| p.into_inner()) = taken;
        build
    })
}

/// One build with the real pipeline, guarded like every preview build.
pub fn rebuild(root: &Path, opts: &BuildOptions) -> Outcome {
    guarded(&(Arc::new(crate::build) as Builder), root, opts)
}
