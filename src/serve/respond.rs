//! What to answer a request: the `Host` and method checks, the target's file from the
//! in-memory site (HTML with the live-reload script), the site's `404.html`, and the
//! live-reload state, waiting for the next generation when asked to (on the connection's own
//! thread, at most [`MAX_LONG_POLLS`] at once).

use super::http::{Ctx, Head};
use super::inject;
use super::route::{self, Refusal, Target};
use super::state::{livereload_json, Snapshot};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How long a long poll waits for a new generation before answering with the same one.
pub const LONG_POLL: Duration = Duration::from_secs(25);
/// Concurrent long polls; one per open browser tab.
pub const MAX_LONG_POLLS: usize = 256;

/// An answer. Header names and values are constants or our own numbers, never request text.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, &'static str)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response { status, content_type, headers: Vec::new(), body }
    }

    pub fn text(status: u16, body: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", body.as_bytes().to_vec())
    }

    fn with(mut self, name: &'static str, value: &'static str) -> Response {
        self.headers.push((name, value));
        self
    }
}

/// Answers one request. `alive` tells whether the client is still connected; a long poll
/// checks it every second, so that a closed tab frees its connection at once.
pub fn answer(ctx: &Ctx, head: &Head, alive: &dyn Fn() -> bool) -> Response {
    let target = match check(ctx, head) {
        Ok(target) => target,
        Err(refusal) => return refusal,
    };
    let snapshot = ctx.state.snapshot();
    match target {
        Target::LiveReload { since: Some(since) } if since == snapshot.generation => long_poll(ctx, since, alive),
        Target::LiveReload { .. } => json(&snapshot),
        Target::Script => Response::new(200, "text/javascript; charset=utf-8", inject::SCRIPT.as_bytes().to_vec()),
        Target::File(key) => file(&snapshot, &key),
    }
}

/// Method, `Host` and target checks; a refusal is the response to send.
fn check(ctx: &Ctx, head: &Head) -> Result<Target, Response> {
    if head.method != "GET" && head.method != "HEAD" {
        return Err(Response::text(405, "method not allowed\n").with("Allow", "GET, HEAD"));
    }
    match head.header("Host") {
        Some(host) if route::host_allowed(host, ctx.bind, ctx.port) => {}
        Some(_) => {
            return Err(Response::text(403, "forbidden: this preview answers only to localhost and its own address\n"))
        }
        None if head.http10 => {}
        None => return Err(Response::text(400, "bad request: no Host header\n")),
    }
    route::resolve(&head.target).map_err(|refusal| match refusal {
        Refusal::BadRequest => Response::text(400, "bad request\n"),
        Refusal::NotFound => Response::text(404, "not found\n"),
    })
}

/// Waits for a generation other than `since`, the timeout, or the client leaving.
fn long_poll(ctx: &Ctx, since: u64, alive: &dyn Fn() -> bool) -> Response {
    if ctx.long_polls.fetch_add(1, Ordering::SeqCst) >= MAX_LONG_POLLS {
        ctx.long_polls.fetch_sub(1, Ordering::SeqCst);
        return Response::text(503, "too many live-reload connections\n").with("Retry-After", "5");
    }
    let deadline = Instant::now() + LONG_POLL;
    let snapshot = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let snapshot = ctx.state.wait_for_change(since, left.min(Duration::from_secs(1)));
        if snapshot.generation != since || left.is_zero() || ctx.state.is_stopping() || !alive() {
            break snapshot;
        }
    };
    ctx.long_polls.fetch_sub(1, Ordering::SeqCst);
    json(&snapshot)
}

/// A site file; HTML gets the live-reload script. Unknown paths get the site's `404.html`.
fn file(snapshot: &Snapshot, key: &str) -> Response {
    let tag = inject::script_tag(snapshot.generation, snapshot.language);
    let Some(site) = &snapshot.site else {
        // No build has succeeded yet: a page whose overlay shows the errors.
        return Response::new(503, "text/html; charset=utf-8", inject::placeholder(&tag, snapshot.language));
    };
    if let Some(body) = site.files.get(key) {
        let ctype = route::content_type(key);
        let body = if ctype.starts_with("text/html") { inject::inject(body, &tag) } else { body.clone() };
        return Response::new(200, ctype, body);
    }
    match site.files.get("404.html") {
        Some(page) => Response::new(404, "text/html; charset=utf-8", inject::inject(page, &tag)),
        None => Response::text(404, "not found\n"),
    }
}

fn json(snapshot: &Snapshot) -> Response {
    Response::new(200, "application/json", livereload_json(snapshot).into_bytes())
}
