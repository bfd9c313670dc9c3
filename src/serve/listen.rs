//! Which connections to take: one thread per connection, at most [`MAX_CONNECTIONS`] in
//! all and [`MAX_PER_CLIENT`] from one client address, so that one client (a stuck script,
//! a slow-loris attack from the network) cannot lock the others out. One over a cap gets a
//! 503 and is closed at once. The wire itself is [`super::http`]'s.

use super::http::{self, Handler};
use super::message::Response;
use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Open connections at once.
pub(super) const MAX_CONNECTIONS: usize = 512;
/// Open connections from one client address. A browser opens at most six per server, plus
/// one long poll per open tab; this leaves room for many tabs and still three quarters of
/// the connections for everyone else.
pub(super) const MAX_PER_CLIENT: usize = 128;
const STACK: usize = 256 * 1024;

/// What the acceptor and the connection threads share.
struct Shared {
    handler: Arc<Handler>,
    stopping: AtomicBool,
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    total: usize,
    by_client: HashMap<IpAddr, usize>,
}

/// The accept loop, running until [`Accepting::stop`] (or drop).
pub(super) struct Accepting {
    shared: Arc<Shared>,
    /// The address actually bound (port 0 becomes a real port).
    pub addr: SocketAddr,
    thread: Option<JoinHandle<()>>,
}

/// Accepts connections on `listener` and answers them with `handler`.
pub(super) fn start(listener: TcpListener, handler: Arc<Handler>) -> io::Result<Accepting> {
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared { handler, stopping: AtomicBool::new(false), open: Mutex::default() });
    let acceptor = shared.clone();
    let thread = std::thread::Builder::new().name("aftalebog-accept".into()).spawn(move || {
        for stream in listener.incoming() {
            if acceptor.stopping.load(Ordering::SeqCst) {
                return;
            }
            match stream {
                Ok(stream) => start_connection(&acceptor, stream),
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment instead of spinning.
                    log::warn!("cannot accept a connection: {e}");
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    })?;
    Ok(Accepting { shared, addr, thread: Some(thread) })
}

impl Accepting {
    /// Stops accepting; open connections finish their current request and close.
    pub(super) fn stop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            wake(self.addr);
            let _ = thread.join();
        }
    }
}

impl Drop for Accepting {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Unblocks the accept loop by connecting to it once.
fn wake(addr: SocketAddr) {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let _ = TcpStream::connect_timeout(&SocketAddr::new(ip, addr.port()), Duration::from_secs(1));
}

/// A connection's place under the caps, given back however the connection ends.
struct Slot {
    shared: Arc<Shared>,
    client: IpAddr,
}

impl Slot {
    /// A place for a connection from `client`, or the reason there is none.
    fn take(shared: &Arc<Shared>, client: IpAddr) -> Result<Slot, &'static str> {
        let mut open = shared.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.total >= MAX_CONNECTIONS {
            return Err("too many connections\n");
        }
        let mine = open.by_client.entry(client).or_insert(0);
        if *mine >= MAX_PER_CLIENT {
            return Err("too many connections from your address\n");
        }
        *mine += 1;
        open.total += 1;
        Ok(Slot { shared: shared.clone(), client })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.shared.open.lock().unwrap_or_else(|p| p.into_inner());
        open.total -= 1;
        if let Some(n) = open.by_client.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                open.by_client.remove(&self.client);
            }
        }
    }
}

fn start_connection(shared: &Arc<Shared>, mut stream: TcpStream) {
    // An IPv4 client on an IPv6 socket counts as its IPv4 address.
    let client = stream.peer_addr().map(|a| a.ip().to_canonical()).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let slot = match Slot::take(shared, client) {
        Ok(slot) => slot,
        Err(why) => {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = http::write_response(&mut stream, Response::text(503, why).with("Retry-After", "5"), false, false);
            return;
        }
    };
    let spawned = std::thread::Builder::new().name("aftalebog-conn".into()).stack_size(STACK).spawn(move || {
        let shared = slot.shared.clone();
        if let Err(e) = http::connection(stream, &*shared.handler, &shared.stopping) {
            log::debug!("connection ended: {e}");
        }
        drop(slot);
    });
    if let Err(e) = spawned {
        log::warn!("cannot start a connection thread: {e}");
    }
}
