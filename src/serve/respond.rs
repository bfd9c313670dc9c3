//! What to answer a request: the `Host`, method and cross-site checks, the target's file from
//! the in-memory site (HTML with the live-reload script; attachments streamed from their
//! source), the site's `404.html`, and the live-reload state, waiting for the next generation
//! when asked to (on the connection's own thread, at most [`MAX_LONG_POLLS`] at once).

use super::inject;
use super::message::{Body, Request, Response};
use super::route::{self, Refusal, Target};
use super::state::{livereload_json, Snapshot, State};
use crate::Attachment;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a long poll waits for a new generation before answering with the same one.
pub(super) const LONG_POLL: Duration = Duration::from_secs(25);
/// Concurrent long polls; one per open browser tab. More than one client may hold
/// ([`super::listen::MAX_PER_CLIENT`]), so one client cannot take them all.
pub(super) const MAX_LONG_POLLS: usize = 256;

/// Answers requests for one server.
pub(super) struct Responder {
    pub state: Arc<State>,
    /// The bound address, for the `Host` check.
    pub addr: SocketAddr,
    /// The site's `content/` folder, canonical: attachments are served only from inside it.
    pub content: PathBuf,
    long_polls: AtomicUsize,
}

impl Responder {
    pub(super) fn new(state: Arc<State>, addr: SocketAddr, content: PathBuf) -> Responder {
        Responder { state, addr, content, long_polls: AtomicUsize::new(0) }
    }

    /// Answers one request. `alive` tells whether the client is still connected; a long poll
    /// checks it every second, so that a closed tab frees its connection at once.
    pub(super) fn answer(&self, request: &Request, alive: &dyn Fn() -> bool) -> Response {
        let target = match self.check(request) {
            Ok(target) => target,
            Err(refusal) => return refusal,
        };
        let snapshot = self.state.snapshot();
        match target {
            Target::LiveReload { since: Some(since) } if since == snapshot.generation => self.long_poll(since, alive),
            Target::LiveReload { .. } => json(&snapshot),
            Target::Script => Response::new(200, "text/javascript; charset=utf-8", inject::SCRIPT.as_bytes().to_vec()),
            Target::File(key) => self.file(&snapshot, &key),
        }
    }

    /// Method, cross-site, `Host` and target checks; a refusal is the response to send.
    fn check(&self, request: &Request) -> Result<Target, Response> {
        if request.method != "GET" && request.method != "HEAD" {
            return Err(Response::text(405, "method not allowed\n").with("Allow", "GET, HEAD"));
        }
        if cross_site_read(request) {
            return Err(Response::text(403, "forbidden: other sites may not read this preview\n"));
        }
        match request.header("Host") {
            Some(host) if route::host_allowed(host, self.addr.ip(), self.addr.port()) => {}
            Some(_) => {
                return Err(Response::text(
                    403,
                    "forbidden: this preview answers only to localhost and its own address\n",
                ))
            }
            None if request.http10 => {}
            None => return Err(Response::text(400, "bad request: no Host header\n")),
        }
        route::resolve(&request.target).map_err(|refusal| match refusal {
            Refusal::BadRequest => Response::text(400, "bad request\n"),
            Refusal::NotFound => Response::text(404, "not found\n"),
        })
    }

    /// Waits for a generation other than `since`, the timeout, or the client leaving.
    fn long_poll(&self, since: u64, alive: &dyn Fn() -> bool) -> Response {
        if self.long_polls.fetch_add(1, Ordering::SeqCst) >= MAX_LONG_POLLS {
            self.long_polls.fetch_sub(1, Ordering::SeqCst);
            return Response::text(503, "too many live-reload connections\n").with("Retry-After", "5");
        }
        let deadline = Instant::now() + LONG_POLL;
        let snapshot = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let snapshot = self.state.wait_for_change(since, left.min(Duration::from_secs(1)));
            if snapshot.generation != since || left.is_zero() || self.state.is_stopping() || !alive() {
                break snapshot;
            }
        };
        self.long_polls.fetch_sub(1, Ordering::SeqCst);
        json(&snapshot)
    }

    /// A site file; HTML gets the live-reload script. Unknown paths get the site's `404.html`.
    fn file(&self, snapshot: &Snapshot, key: &str) -> Response {
        let tag = inject::script_tag(snapshot.generation, snapshot.language);
        let Some(site) = &snapshot.site else {
            // No build has succeeded yet: a page whose overlay shows the errors.
            return Response::new(503, "text/html; charset=utf-8", inject::placeholder(&tag, snapshot.language));
        };
        let ctype = route::content_type(key);
        if let Some(body) = site.files.get(key) {
            let body = if ctype.starts_with("text/html") { inject::inject(body, &tag) } else { body.to_vec() };
            return Response::new(200, ctype, body);
        }
        if let Some(body) = site.attachments.get(key).and_then(|a| self.attachment(a)) {
            return Response { status: 200, content_type: ctype, headers: Vec::new(), body };
        }
        match site.files.get("404.html") {
            Some(page) => Response::new(404, "text/html; charset=utf-8", inject::inject(page, &tag)),
            None => Response::text(404, "not found\n"),
        }
    }

    /// An attachment's file as it is on disk now, if it is still a file inside `content/`
    /// (not replaced by a link to elsewhere since the build).
    fn attachment(&self, a: &Attachment) -> Option<Body> {
        let real = std::fs::canonicalize(&a.source).ok()?;
        if !real.starts_with(&self.content) {
            return None;
        }
        let file = std::fs::File::open(&real).ok()?;
        let meta = file.metadata().ok()?;
        meta.is_file().then(|| Body::File { file, len: meta.len() })
    }
}

/// A read by another site's page (Fetch Metadata, sent by every current browser): anything
/// but our own pages, an address typed by the user, or a top-level navigation (a link to the
/// preview that opens it in a tab). Without it, any page could include `search-index.js`
/// and read the drafts. Clients that send no such header (curl, old browsers) pass.
fn cross_site_read(request: &Request) -> bool {
    let site = request.header("Sec-Fetch-Site").unwrap_or("none").to_ascii_lowercase();
    if site == "same-origin" || site == "none" {
        return false;
    }
    let mode = request.header("Sec-Fetch-Mode").unwrap_or("").to_ascii_lowercase();
    let dest = request.header("Sec-Fetch-Dest").unwrap_or("").to_ascii_lowercase();
    let top_level = mode == "navigate" && dest == "document" && request.method == "GET";
    !top_level
}

fn json(snapshot: &Snapshot) -> Response {
    Response::new(200, "application/json", livereload_json(snapshot).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request {
        let headers = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Request { method: "GET".into(), target: "/search-index.js".into(), http10: false, headers }
    }

    #[test]
    fn cross_site_reads_are_told_from_own_pages_and_navigations() {
        for ok in [
            &[][..],
            &[("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "script")],
            &[("Sec-Fetch-Site", "none"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document")],
            &[("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document")],
        ] {
            assert!(!cross_site_read(&request(ok)), "{ok:?}");
        }
        for bad in [
            &[("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "script")][..],
            &[("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty")],
            &[("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "iframe")],
            &[("Sec-Fetch-Site", "same-site"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "script")],
            &[("Sec-Fetch-Site", "Cross-Site")],
        ] {
            assert!(cross_site_read(&request(bad)), "{bad:?}");
        }
    }
}
