//! `aftalebog serve`: a live-reload preview. The site is built in memory (never into
//! `public/`) and served on loopback; a watcher rebuilds on every saved change and publishes a
//! new generation, which the script injected into each page learns about through a long poll
//! and answers by reloading (keeping the scroll position) or by showing the build's errors.
//!
//! The pieces share one explicit [`Arc<State>`](state::State): the connection threads read it, the
//! build threads publish into it, the long polls wait on its condition variable. Nothing is
//! global. The library only logs; the command line prints, through [`Options::on_build`].

mod classify;
mod http;
mod inject;
mod listen;
mod message;
pub mod rebuild;
mod respond;
mod route;
pub mod state;
pub mod watch;

use crate::config::BuildOptions;
pub use rebuild::OnBuild;
use rebuild::{Builder, Rebuilds};
use respond::Responder;
use state::State;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

pub struct Options {
    pub root: PathBuf,
    pub addr: SocketAddr,
    /// Poll the files instead of waiting for events (network drives).
    pub poll: bool,
    pub build: BuildOptions,
    /// The build to run: `Arc::new(aftalebog::build)`.
    pub builder: Builder,
    pub on_build: OnBuild,
}

/// A running server. [`Running::stop`] (or dropping it) shuts it down.
pub struct Running {
    pub state: Arc<State>,
    /// The address actually bound (port 0 becomes a real port).
    pub addr: SocketAddr,
    pub watch_mode: watch::Mode,
    accepting: listen::Accepting,
    watch: Option<watch::Watch>,
}

#[derive(Debug)]
pub enum Error {
    /// The root has no such folder.
    Root(std::io::Error),
    /// The address could not be bound (port in use, no permission).
    Bind(std::io::Error),
    Watch(notify::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Root(e) => write!(f, "cannot open the site folder: {e}"),
            Error::Bind(e) => write!(
                f,
                "cannot listen on that address: {e} (is another server using the port? try --port 0 for a free one)"
            ),
            Error::Watch(e) => write!(f, "cannot watch the site's files: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// True when `addr` can be reached from other machines: drafts and unpublished text then
/// become visible to the network, which the command line warns about.
pub fn beyond_loopback(addr: SocketAddr) -> bool {
    !addr.ip().is_loopback()
}

/// Binds, starts watching, builds once, then accepts connections. Returns as soon as the
/// first build is published and the address is listening.
pub fn start(opts: Options) -> Result<Running, Error> {
    let root = std::fs::canonicalize(&opts.root).map_err(Error::Root)?;
    let state = Arc::new(State::new());
    // Fail fast on a taken port, before the first build.
    let listener = TcpListener::bind(opts.addr).map_err(Error::Bind)?;
    let addr = listener.local_addr().map_err(Error::Bind)?;
    let rebuilds = Rebuilds::new(root.clone(), opts.build, opts.builder, state.clone(), opts.on_build);
    // Watch before the first build, so that no change made during it is missed.
    let watch = watch::start(root.clone(), opts.poll, {
        let rebuilds = rebuilds.clone();
        move || rebuilds.request()
    })
    .map_err(Error::Watch)?;
    rebuilds.run_now();
    let watch_mode = watch.mode.clone();
    let content = std::fs::canonicalize(root.join("content")).unwrap_or_else(|_| root.join("content"));
    let responder = Responder::new(state.clone(), addr, content);
    let accepting = listen::start(listener, Arc::new(move |request, alive| responder.answer(request, alive)))
        .map_err(Error::Bind)?;
    Ok(Running { state, addr, watch_mode, accepting, watch: Some(watch) })
}

impl Running {
    /// `http://127.0.0.1:1111/`
    pub fn url(&self) -> String {
        match self.addr {
            SocketAddr::V4(a) => format!("http://{}:{}/", a.ip(), a.port()),
            SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
        }
    }

    /// Stops watching and accepting, and answers the waiting long polls. Connections that
    /// are mid-request finish it and close.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.watch.take();
        self.state.stop();
        self.accepting.stop();
        log::debug!("stopped serving port {}", self.addr.port());
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}
