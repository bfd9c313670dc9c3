//! The HTTP/1.1 wire, on std's `TcpListener`: one thread per connection (at most
//! [`MAX_CONNECTIONS`]), request heads read with a size cap and a deadline, no request body
//! ever read, every answer with an exact `Content-Length`. What to answer is
//! [`super::respond`]'s business.
//!
//! Why not tiny_http, which the issue suggested: tiny_http 0.12 runs each connection on a
//! shared pool thread for as long as the connection stays open, and its pool can lose the
//! wake-up for a connection that arrives in a burst (a browser opens six at once), which then
//! waits until some other connection closes: with a browser's idle keep-alive and preconnect
//! sockets that was tens of seconds, measured in the browser test. It also reads header lines
//! without a length limit and sets no timeouts. Owning the ~200 lines below fixes all three.

use super::respond::{self, Response};
use super::state::State;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Open connections at once; one more gets a 503 and is closed.
pub const MAX_CONNECTIONS: usize = 512;
/// The request line and headers together.
pub const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 100;
/// How long a client may take to send a request head, and stay idle between requests.
pub const IDLE: Duration = Duration::from_secs(30);
const STACK: usize = 256 * 1024;

/// What the connections share: the build state, the bound address (for the `Host` check)
/// and counters for the caps.
pub struct Ctx {
    pub state: Arc<State>,
    pub bind: IpAddr,
    pub port: u16,
    connections: AtomicUsize,
    pub(super) long_polls: AtomicUsize,
}

/// A parsed request head. The target is raw (still percent-encoded).
#[derive(Debug)]
pub struct Head {
    pub method: String,
    pub target: String,
    pub http10: bool,
    pub headers: Vec<(String, String)>,
}

impl Head {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn has_body(&self) -> bool {
        self.header("Transfer-Encoding").is_some() || self.header("Content-Length").is_some_and(|l| l.trim() != "0")
    }

    fn keep_alive(&self) -> bool {
        let connection = self.header("Connection").unwrap_or("").to_ascii_lowercase();
        !self.http10 && !connection.split(',').any(|t| t.trim() == "close")
    }
}

/// Binds (port 0 picks a free port).
pub fn bind(state: Arc<State>, addr: SocketAddr) -> io::Result<(Arc<Ctx>, TcpListener)> {
    let listener = TcpListener::bind(addr)?;
    let local = listener.local_addr()?;
    let ctx = Ctx {
        state,
        bind: local.ip(),
        port: local.port(),
        connections: AtomicUsize::new(0),
        long_polls: AtomicUsize::new(0),
    };
    Ok((Arc::new(ctx), listener))
}

/// Accepts connections until the state stops (see [`wake_acceptor`]).
pub fn spawn_acceptor(ctx: Arc<Ctx>, listener: TcpListener) -> io::Result<JoinHandle<()>> {
    std::thread::Builder::new().name("aftalebog-accept".into()).spawn(move || {
        for stream in listener.incoming() {
            if ctx.state.is_stopping() {
                return;
            }
            match stream {
                Ok(stream) => start_connection(&ctx, stream),
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment instead of spinning.
                    log::warn!("cannot accept a connection: {e}");
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    })
}

/// Unblocks the accept loop after the state was stopped, by connecting to it once.
pub fn wake_acceptor(ctx: &Ctx) {
    let ip = match ctx.bind {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let _ = TcpStream::connect_timeout(&SocketAddr::new(ip, ctx.port), Duration::from_secs(1));
}

/// Decrements the connection count however the connection ends.
struct Slot<'a>(&'a AtomicUsize);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn start_connection(ctx: &Arc<Ctx>, mut stream: TcpStream) {
    if ctx.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        let _slot = Slot(&ctx.connections);
        let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
        let _ = write_response(&mut stream, &Response::text(503, "too many connections\n"), false, false);
        return;
    }
    let conn_ctx = ctx.clone();
    let spawned = std::thread::Builder::new().name("aftalebog-conn".into()).stack_size(STACK).spawn(move || {
        let _slot = Slot(&conn_ctx.connections);
        if let Err(e) = connection(&conn_ctx, stream) {
            log::debug!("connection ended: {e}");
        }
    });
    if let Err(e) = spawned {
        ctx.connections.fetch_sub(1, Ordering::SeqCst);
        log::warn!("cannot start a connection thread: {e}");
    }
}

/// Serves requests on one connection until it closes, idles out or asks to close.
fn connection(ctx: &Ctx, stream: TcpStream) -> io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(IDLE))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::with_capacity(4096, stream);
    while !ctx.state.is_stopping() {
        let head = match read_head(&mut reader) {
            Ok(head) => head,
            Err(HeadError::Closed) => return Ok(()),
            Err(HeadError::Refuse(status)) => {
                write_response(&mut writer, &Response::text(status, "bad request\n"), false, false)?;
                linger(&mut reader, &writer);
                return Ok(());
            }
        };
        let response = respond::answer(ctx, &head, &|| peer_open(&writer));
        // A request body is never read: answer, then close, so it cannot be taken for the
        // next request.
        let keep = head.keep_alive() && !head.has_body() && !ctx.state.is_stopping();
        write_response(&mut writer, &response, head.method == "HEAD", keep)?;
        if !keep {
            return Ok(());
        }
    }
    Ok(())
}

/// Closes after a refusal without losing the answer: closing a socket with unread request
/// bytes resets the connection, and the client may then never see the answer. So: stop
/// writing, and read (and drop) what the client still sends, for a bounded time and amount.
fn linger(reader: &mut BufReader<TcpStream>, writer: &TcpStream) {
    let _ = writer.shutdown(std::net::Shutdown::Write);
    let _ = reader.get_ref().set_read_timeout(Some(Duration::from_millis(500)));
    let _ = io::copy(&mut reader.by_ref().take(4 * MAX_HEAD as u64), &mut io::sink());
}

/// False once the client has closed its side (checked without blocking or consuming data).
fn peer_open(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let open = match stream.peek(&mut [0u8; 1]) {
        Ok(0) => false,
        Ok(_) => true,
        Err(e) => e.kind() == io::ErrorKind::WouldBlock,
    };
    let _ = stream.set_nonblocking(false);
    open
}

enum HeadError {
    /// The client closed, timed out between requests, or sent something unusable.
    Closed,
    /// Answer with this status, then close.
    Refuse(u16),
}

/// Reads a request head: at most [`MAX_HEAD`] bytes within [`IDLE`].
fn read_head(reader: &mut BufReader<TcpStream>) -> Result<Head, HeadError> {
    let deadline = Instant::now() + IDLE;
    let mut budget = MAX_HEAD;
    let mut line = read_line(reader, &mut budget, deadline)?;
    while line.is_empty() {
        // Stray empty lines before a request are allowed (RFC 9112 §2.2).
        line = read_line(reader, &mut budget, deadline)?;
    }
    let mut head = parse_request_line(&line).ok_or(HeadError::Refuse(400))?;
    loop {
        let line = read_line(reader, &mut budget, deadline).map_err(|e| match e {
            HeadError::Closed => HeadError::Refuse(400),
            other => other,
        })?;
        if line.is_empty() {
            return Ok(head);
        }
        if head.headers.len() == MAX_HEADERS || line.starts_with([' ', '\t']) {
            return Err(HeadError::Refuse(431));
        }
        let (name, value) = line.split_once(':').ok_or(HeadError::Refuse(400))?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
            return Err(HeadError::Refuse(400));
        }
        head.headers.push((name.to_string(), value.trim().to_string()));
    }
}

/// One line without its CR LF; ASCII only.
fn read_line(reader: &mut BufReader<TcpStream>, budget: &mut usize, deadline: Instant) -> Result<String, HeadError> {
    let mut buf = Vec::new();
    loop {
        let left = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()).ok_or(HeadError::Closed)?;
        reader.get_ref().set_read_timeout(Some(left)).map_err(|_| HeadError::Closed)?;
        let n = reader.by_ref().take(*budget as u64).read_until(b'\n', &mut buf).map_err(|_| HeadError::Closed)?;
        *budget -= n;
        if buf.ends_with(b"\n") {
            break;
        }
        if n == 0 && *budget > 0 {
            return Err(HeadError::Closed);
        }
        if *budget == 0 {
            return Err(HeadError::Refuse(431));
        }
    }
    buf.pop();
    if buf.ends_with(b"\r") {
        buf.pop();
    }
    if !buf.is_ascii() || buf.iter().any(|&b| b == b'\r' || b == 0) {
        return Err(HeadError::Refuse(400));
    }
    String::from_utf8(buf).map_err(|_| HeadError::Refuse(400))
}

fn parse_request_line(line: &str) -> Option<Head> {
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || method.is_empty()
        || target.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    if target.bytes().any(|b| b.is_ascii_control()) {
        return None;
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return None,
    };
    Some(Head { method: method.to_string(), target: target.to_string(), http10, headers: Vec::new() })
}

/// Writes status line, headers and (unless `HEAD`) the body in one go.
fn write_response(w: &mut impl Write, r: &Response, head_only: bool, keep_alive: bool) -> io::Result<()> {
    let mut out = Vec::with_capacity(256 + if head_only { 0 } else { r.body.len() });
    let _ = write!(out, "HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    let connection = if keep_alive { "keep-alive" } else { "close" };
    let fixed = [
        ("Content-Type", r.content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Connection", connection),
    ];
    for (name, value) in fixed.iter().chain(r.headers.iter()) {
        // Header values are constants of this program, never text from the request.
        debug_assert!(!value.contains(['\r', '\n']));
        let _ = write!(out, "{name}: {value}\r\n");
    }
    let _ = write!(out, "Content-Length: {}\r\n\r\n", r.body.len());
    if !head_only {
        out.extend_from_slice(&r.body);
    }
    w.write_all(&out)?;
    w.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines() {
        let h = parse_request_line("GET /a?b=1 HTTP/1.1").unwrap();
        assert_eq!((h.method.as_str(), h.target.as_str(), h.http10), ("GET", "/a?b=1", false));
        for bad in [
            "GET /a",
            "GET  /a HTTP/1.1",
            "GET /a HTTP/2.0",
            "get /a HTTP/1.1",
            "GET /a b HTTP/1.1",
            "GET /\x7f HTTP/1.1",
        ] {
            assert!(parse_request_line(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn responses_have_exact_length_and_no_body_for_head() {
        let r = Response::text(404, "nope\n");
        let mut out = Vec::new();
        write_response(&mut out, &r, false, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        assert!(
            text.contains("Content-Length: 5\r\n")
                && text.contains("Connection: keep-alive\r\n")
                && text.ends_with("\r\n\r\nnope\n")
        );
        let mut out = Vec::new();
        write_response(&mut out, &r, true, false).unwrap();
        assert!(String::from_utf8(out).unwrap().ends_with("Content-Length: 5\r\n\r\n"));
    }
}
