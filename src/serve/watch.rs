//! Watching the site: `content/`, `themes/`, `templates/` (recursively) and the root folder
//! itself for `site.yaml` — folders, not files, because editors replace files on save. Events
//! go through the pure [`classify`](super::classify) step, are debounced (one rebuild for a burst such as a
//! `git checkout`), and then the rebuild callback runs. File events come from the OS
//! (inotify); `--poll`, or a too low inotify limit, switches to polling.

pub use super::classify::{classify, Action, WATCHED_DIRS};
use notify::{Event, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A rebuild waits until the files have been quiet this long... An editor's save (a write, or
/// a temporary file renamed over the document) and a `git checkout` make their events within
/// a millisecond or two of each other; each millisecond more is one the editor waits for.
pub const QUIET: Duration = Duration::from_millis(20);
/// ...but never longer than this after the first change, however busy the folder is.
pub const MAX_DELAY: Duration = Duration::from_secs(2);
/// How often `--poll` looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// How the files are watched, for the command line to tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Events,
    /// Polling; with the reason when it was not asked for.
    Polling {
        fallback_reason: Option<String>,
    },
}

enum Msg {
    Fs(notify::Result<Event>),
    Stop,
}

/// The running watcher; dropping it stops the watch thread.
pub struct Watch {
    tx: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
    pub mode: Mode,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts watching `root` (absolute) and calls `on_change` after each debounced burst of
/// relevant changes, on the watch thread.
pub fn start(root: PathBuf, poll: bool, on_change: impl FnMut() + Send + 'static) -> notify::Result<Watch> {
    let (tx, rx) = channel();
    let (watching, mode) = Watching::new(root, tx.clone(), poll)?;
    let thread = std::thread::Builder::new()
        .name("aftalebog-watch".into())
        // A build runs here when no build thread can be started: the main thread's stack.
        .stack_size(8 * 1024 * 1024)
        .spawn(move || run(watching, rx, on_change))
        .map_err(notify::Error::io)?;
    Ok(Watch { tx, thread: Some(thread), mode })
}

/// The watcher and what is needed to replace it by a polling one.
struct Watching {
    root: PathBuf,
    tx: Sender<Msg>,
    watcher: Box<dyn Watcher + Send>,
    polling: bool,
}

impl Watching {
    fn new(root: PathBuf, tx: Sender<Msg>, poll: bool) -> notify::Result<(Watching, Mode)> {
        if poll {
            let w = Watching::polling(root, tx)?;
            return Ok((w, Mode::Polling { fallback_reason: None }));
        }
        let handler = handler(&tx);
        let attempt = RecommendedWatcher::new(handler, notify::Config::default()).and_then(|watcher| {
            let mut w = Watching { root: root.clone(), tx: tx.clone(), watcher: Box::new(watcher), polling: false };
            w.add_watches().map(|()| w)
        });
        match attempt {
            Ok(w) => Ok((w, Mode::Events)),
            Err(e) => {
                let reason = fallback_reason(&e);
                let w = Watching::polling(root, tx)?;
                Ok((w, Mode::Polling { fallback_reason: Some(reason) }))
            }
        }
    }

    fn polling(root: PathBuf, tx: Sender<Msg>) -> notify::Result<Watching> {
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let watcher = PollWatcher::new(handler(&tx), config)?;
        let mut w = Watching { root, tx, watcher: Box::new(watcher), polling: true };
        w.add_watches()?;
        Ok(w)
    }

    /// The root (not recursive: `site.yaml` and the watched folders appearing) and each
    /// watched folder that exists (recursive).
    fn add_watches(&mut self) -> notify::Result<()> {
        self.watcher.watch(&self.root, RecursiveMode::NonRecursive)?;
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            if path.is_dir() {
                self.watcher.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        Ok(())
    }

    /// Runs out of inotify watches while running (a big new folder): poll from now on.
    fn fall_back_to_polling(&mut self, error: &notify::Error) {
        if self.polling {
            return;
        }
        log::warn!("{}; watching by polling from now on", fallback_reason(error));
        match Watching::polling(self.root.clone(), self.tx.clone()) {
            Ok(w) => *self = w,
            Err(e) => {
                log::error!("cannot poll the files either: {e}; changes are no longer seen, restart `aftalebog serve`")
            }
        }
    }
}

fn handler(tx: &Sender<Msg>) -> impl FnMut(notify::Result<Event>) + Send + 'static {
    let tx = tx.clone();
    move |event| {
        let _ = tx.send(Msg::Fs(event));
    }
}

/// A message that says what happened and what to do about it.
pub fn fallback_reason(error: &notify::Error) -> String {
    let limit = matches!(error.kind, notify::ErrorKind::MaxFilesWatch)
        || matches!(&error.kind, notify::ErrorKind::Io(e) if e.raw_os_error() == Some(24) || e.raw_os_error() == Some(28));
    if limit {
        "the system's limit on watched folders (inotify) is too low for this site, so aftalebog polls the files \
         every half second instead; to get instant updates, raise it, e.g. \
         `sudo sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=1024`"
            .to_string()
    } else {
        format!(
            "file change events are not available ({error}), so aftalebog polls the files every half second instead"
        )
    }
}

/// The watch thread: wait for a relevant change, let the burst settle, rebuild; repeat until
/// stopped.
fn run(mut watching: Watching, rx: Receiver<Msg>, mut on_change: impl FnMut()) {
    loop {
        match next_action(&mut watching, &rx, None) {
            Next::Stop => return,
            Next::Timeout | Next::Event(Action::Ignore) => continue,
            Next::Event(action) => {
                let mut rewatch = action == Action::Rewatch;
                match settle(&mut watching, &rx) {
                    Some(r) => rewatch |= r,
                    None => return,
                }
                if rewatch {
                    if let Err(e) = watching.add_watches() {
                        log::warn!("cannot watch a new folder: {e}");
                        watching.fall_back_to_polling(&e);
                    }
                }
                on_change();
            }
        }
    }
}

/// Waits until no relevant change came for [`QUIET`] (at most [`MAX_DELAY`]). Returns
/// whether a rewatch was asked for, or `None` when stopped.
fn settle(watching: &mut Watching, rx: &Receiver<Msg>) -> Option<bool> {
    let first = Instant::now();
    let mut last = first;
    let mut rewatch = false;
    loop {
        let quiet_left = QUIET.saturating_sub(last.elapsed());
        let budget_left = MAX_DELAY.saturating_sub(first.elapsed());
        let wait = quiet_left.min(budget_left);
        if wait.is_zero() {
            return Some(rewatch);
        }
        match next_action(watching, rx, Some(wait)) {
            Next::Stop => return None,
            Next::Timeout => return Some(rewatch),
            Next::Event(Action::Ignore) => {}
            Next::Event(action) => {
                rewatch |= action == Action::Rewatch;
                last = Instant::now();
            }
        }
    }
}

enum Next {
    Event(Action),
    Timeout,
    Stop,
}

fn next_action(watching: &mut Watching, rx: &Receiver<Msg>, wait: Option<Duration>) -> Next {
    let msg = match wait {
        None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        Some(wait) => rx.recv_timeout(wait),
    };
    match msg {
        Ok(Msg::Fs(Ok(event))) => {
            let action = classify(&watching.root, &event);
            log::trace!("{action:?} for {event:?}");
            Next::Event(action)
        }
        Ok(Msg::Fs(Err(e))) => {
            if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) {
                watching.fall_back_to_polling(&e);
                // Changes may have been missed while switching: rebuild to be sure.
                return Next::Event(Action::Rebuild);
            }
            log::warn!("file watching: {e}");
            Next::Event(Action::Ignore)
        }
        Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => Next::Stop,
        Err(RecvTimeoutError::Timeout) => Next::Timeout,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_message_is_clear() {
        let m = fallback_reason(&notify::Error::new(notify::ErrorKind::MaxFilesWatch));
        assert!(m.contains("max_user_watches") && m.contains("polls"), "{m}");
    }
}
