//! The shared build state: the last good site, the errors of the last build and a generation
//! counter, behind one mutex, with a condition variable that wakes the waiting long polls.
//! A new generation is published only once a build is complete.

use crate::config::Language;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::Site;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// One error of the last build, as the live-reload protocol sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorEntry {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl From<&Diagnostic> for ErrorEntry {
    fn from(d: &Diagnostic) -> Self {
        ErrorEntry {
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

/// What the server shows right now. Cheap to clone: the site and the errors are shared.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub generation: u64,
    /// The last good site; `None` until a build has succeeded.
    pub site: Option<Arc<Site>>,
    /// The error-severity diagnostics of the last build; empty when it was good.
    pub errors: Arc<Vec<ErrorEntry>>,
    /// The site's language, for the overlay's labels.
    pub language: Language,
}

/// The outcome of one build, ready to publish.
#[derive(Debug)]
pub struct Outcome {
    pub site: Option<Site>,
    pub diagnostics: Diagnostics,
    pub language: Language,
    pub elapsed: Duration,
}

/// The same paths with the same bytes. A page kept from the last build is the same buffer in
/// both sites and is not compared byte by byte: on a large site most of them are.
fn same_files(
    a: &std::collections::BTreeMap<String, bytes::Bytes>,
    b: &std::collections::BTreeMap<String, bytes::Bytes>,
) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|((pa, x), (pb, y))| {
            pa == pb && x.len() == y.len() && (std::ptr::eq(x.as_ptr(), y.as_ptr()) || x == y)
        })
}

/// Shared by the HTTP workers, the long polls and the watcher through an `Arc`.
#[derive(Debug)]
pub struct State {
    current: Mutex<Snapshot>,
    changed: Condvar,
    stopping: AtomicBool,
}

impl State {
    /// The state before any build: generation 0, nothing to serve.
    pub fn new() -> State {
        let empty = Snapshot { generation: 0, site: None, errors: Arc::new(Vec::new()), language: Language::default() };
        State { current: Mutex::new(empty), changed: Condvar::new(), stopping: AtomicBool::new(false) }
    }

    fn lock(&self) -> MutexGuard<'_, Snapshot> {
        // A panic elsewhere must not take the server down with it: the snapshot is always
        // replaced whole, so it is consistent even if a holder panicked.
        self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn snapshot(&self) -> Snapshot {
        self.lock().clone()
    }

    /// Publishes a finished build as a new generation and wakes every waiting long poll.
    /// A failed build keeps the last good site and carries its errors. Returns the new
    /// generation, or `None` when nothing a browser would see has changed (then no page
    /// reloads, e.g. after a save without changes). The site moves out of the outcome.
    ///
    /// One publisher at a time (see [`super::rebuild`]): the comparison with the served site
    /// runs outside the lock, so that requests are not held up by it on a big site.
    pub fn publish(&self, outcome: &mut Outcome) -> Option<u64> {
        let errors: Vec<ErrorEntry> =
            outcome.diagnostics.iter().filter(|d| d.is_error()).map(ErrorEntry::from).collect();
        let served = self.snapshot();
        let same_site = match (&outcome.site, &served.site) {
            (Some(new), Some(old)) => same_files(&new.files, &old.files) && new.attachments == old.attachments,
            (None, _) => true,
            (Some(_), None) => false,
        };
        if served.generation > 0 && same_site && *served.errors == errors && served.language == outcome.language {
            return None;
        }
        let site = match outcome.site.take() {
            Some(site) => Some(Arc::new(site)),
            None => served.site,
        };
        let mut current = self.lock();
        let generation = current.generation + 1;
        *current = Snapshot { generation, site, errors: Arc::new(errors), language: outcome.language };
        drop(current);
        self.changed.notify_all();
        Some(generation)
    }

    /// Waits until the generation differs from `since`, the timeout passes or the server
    /// stops, and returns what is current then.
    pub fn wait_for_change(&self, since: u64, timeout: Duration) -> Snapshot {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation == since && !self.is_stopping())
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.clone()
    }

    /// Tells everything to finish: long polls answer at once, workers leave their loops.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Take the lock so that no waiter can miss the wake-up between its check and its wait.
        drop(self.lock());
        self.changed.notify_all();
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

/// The live-reload answer: `{"generation": G, "errors": [{file, line, column, message, hint}]}`.
pub fn livereload_json(snapshot: &Snapshot) -> String {
    #[derive(Serialize)]
    struct Answer<'a> {
        generation: u64,
        errors: &'a [ErrorEntry],
    }
    serde_json::to_string(&Answer { generation: snapshot.generation, errors: &snapshot.errors }).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Pos;
    use std::time::Instant;

    fn site(page: &str) -> Site {
        let mut s = Site::default();
        s.files.insert("index.html".into(), bytes::Bytes::copy_from_slice(page.as_bytes()));
        s
    }

    fn good(page: &str) -> Outcome {
        Outcome {
            site: Some(site(page)),
            diagnostics: Diagnostics::default(),
            language: Language::Da,
            elapsed: Duration::ZERO,
        }
    }

    fn bad(message: &str) -> Outcome {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(Diagnostic::error("content/a.md", Pos::new(3, 1), message).with_hint("fix it"));
        diagnostics.push(Diagnostic::warning("content/b.md", Pos::new(1, 1), "only a warning"));
        Outcome { site: None, diagnostics, language: Language::Da, elapsed: Duration::ZERO }
    }

    #[test]
    fn failed_build_keeps_last_good_site_and_carries_errors() {
        let state = State::new();
        assert_eq!(state.publish(&mut good("one")), Some(1));
        assert_eq!(state.publish(&mut bad("broken")), Some(2));
        let s = state.snapshot();
        assert_eq!(s.site.unwrap().files["index.html"], b"one".as_slice());
        assert_eq!(s.errors.len(), 1, "warnings are not errors");
        assert_eq!(s.errors[0].file, "content/a.md");
        assert_eq!(state.publish(&mut good("two")), Some(3));
        assert!(state.snapshot().errors.is_empty());
    }

    #[test]
    fn unchanged_build_publishes_nothing() {
        let state = State::new();
        assert_eq!(state.publish(&mut good("one")), Some(1));
        assert_eq!(state.publish(&mut good("one")), None);
        assert_eq!(state.publish(&mut bad("x")), Some(2));
        assert_eq!(state.publish(&mut bad("x")), None);
        assert_eq!(state.publish(&mut bad("y")), Some(3));
    }

    #[test]
    fn first_build_is_published_even_when_it_fails() {
        let state = State::new();
        assert_eq!(state.publish(&mut bad("x")), Some(1));
        assert!(state.snapshot().site.is_none());
    }

    #[test]
    fn json_matches_the_protocol() {
        let state = State::new();
        state.publish(&mut bad("broken"));
        let json: serde_json::Value = serde_json::from_str(&livereload_json(&state.snapshot())).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"generation": 1, "errors": [
                {"file": "content/a.md", "line": 3, "column": 1, "message": "broken", "hint": "fix it"}
            ]})
        );
    }

    #[test]
    fn waiters_wake_on_a_new_generation_and_on_stop() {
        let state = Arc::new(State::new());
        state.publish(&mut good("one"));
        let s2 = state.clone();
        let waiter = std::thread::spawn(move || s2.wait_for_change(1, Duration::from_secs(10)).generation);
        std::thread::sleep(Duration::from_millis(50));
        state.publish(&mut good("two"));
        assert_eq!(waiter.join().unwrap(), 2);
        let s3 = state.clone();
        let start = Instant::now();
        let waiter = std::thread::spawn(move || s3.wait_for_change(2, Duration::from_secs(10)).generation);
        std::thread::sleep(Duration::from_millis(50));
        state.stop();
        assert_eq!(waiter.join().unwrap(), 2);
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn wait_times_out_with_the_same_generation() {
        let state = State::new();
        state.publish(&mut good("one"));
        assert_eq!(state.wait_for_change(1, Duration::from_millis(30)).generation, 1);
        assert_eq!(
            state.wait_for_change(7, Duration::from_secs(10)).generation,
            1,
            "a different generation answers at once"
        );
    }
}
