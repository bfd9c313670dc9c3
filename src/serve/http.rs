//! The HTTP/1.1 wire of one connection, on std's `TcpStream`: request heads read with a size
//! cap and one deadline for the whole head, no request body ever read, every answer with an
//! exact `Content-Length`, files streamed from disk. What to answer is the [`Handler`]'s
//! business; which connections to take is [`super::listen`]'s.
//!
//! Why not tiny_http or hyper: see `docs/architecture.md` ("serve: why std networking").

use super::message::{Body, Request, Response};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The request line and headers together.
pub(super) const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 100;
/// How long a connection may stay idle before (or between) requests.
pub(super) const IDLE: Duration = Duration::from_secs(30);
/// How long the whole head of a request may take once its first byte has arrived: a client
/// that trickles a byte at a time is cut off here, not after every line.
pub(super) const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long one write may block (a client that stops reading).
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Answers one request. The second argument tells whether the client is still connected,
/// for answers that wait (long polls).
pub(super) type Handler = dyn Fn(&Request, &dyn Fn() -> bool) -> Response + Send + Sync;

/// Serves requests on one connection until it closes, idles out, asks to close or `stopping`
/// is set.
pub(super) fn connection(stream: TcpStream, handler: &Handler, stopping: &AtomicBool) -> io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::with_capacity(4096, stream);
    while !stopping.load(Ordering::SeqCst) {
        let request = match read_head(&mut reader) {
            Ok(request) => request,
            Err(HeadError::Closed | HeadError::Late) => return Ok(()),
            Err(HeadError::Refuse(status)) => {
                let why = if status == 408 { "the request took too long\n" } else { "bad request\n" };
                write_response(&mut writer, Response::text(status, why), false, false)?;
                linger(&mut reader, &writer);
                return Ok(());
            }
        };
        let response = handler(&request, &|| peer_open(&writer));
        // A request body is never read: answer, then close, so it cannot be taken for the
        // next request.
        let keep = request.keep_alive() && !request.has_body() && !stopping.load(Ordering::SeqCst);
        write_response(&mut writer, response, request.method == "HEAD", keep)?;
        if !keep {
            return Ok(());
        }
    }
    Ok(())
}

/// Closes after a refusal without losing the answer: closing a socket with unread request
/// bytes resets the connection, and the client may then never see the answer. So: stop
/// writing, and read (and drop) what the client still sends, for a bounded time and amount.
pub(super) fn linger(reader: &mut BufReader<TcpStream>, writer: &TcpStream) {
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
    /// The client closed, idled out, or sent something unusable.
    Closed,
    /// The head took longer than [`HEAD_TIME`].
    Late,
    /// Answer with this status, then close.
    Refuse(u16),
}

/// Reads a request head: at most [`MAX_HEAD`] bytes, the first within [`IDLE`], all of it
/// within [`HEAD_TIME`] of the first.
fn read_head(reader: &mut BufReader<TcpStream>) -> Result<Request, HeadError> {
    fill(reader, Instant::now() + IDLE).map_err(|_| HeadError::Closed)?;
    let deadline = Instant::now() + HEAD_TIME;
    read_request(reader, deadline).map_err(|e| match e {
        HeadError::Late => HeadError::Refuse(408),
        other => other,
    })
}

fn read_request(reader: &mut BufReader<TcpStream>, deadline: Instant) -> Result<Request, HeadError> {
    let mut budget = MAX_HEAD;
    let mut line = read_line(reader, &mut budget, deadline)?;
    while line.is_empty() {
        // Stray empty lines before a request are allowed (RFC 9112 §2.2).
        line = read_line(reader, &mut budget, deadline)?;
    }
    let mut request = parse_request_line(&line).ok_or(HeadError::Refuse(400))?;
    loop {
        let line = read_line(reader, &mut budget, deadline).map_err(|e| match e {
            HeadError::Closed => HeadError::Refuse(400),
            other => other,
        })?;
        if line.is_empty() {
            return Ok(request);
        }
        if request.headers.len() == MAX_HEADERS || line.starts_with([' ', '\t']) {
            return Err(HeadError::Refuse(431));
        }
        let (name, value) = line.split_once(':').ok_or(HeadError::Refuse(400))?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
            return Err(HeadError::Refuse(400));
        }
        request.headers.push((name.to_string(), value.trim().to_string()));
    }
}

/// Waits until the reader has bytes, the client closed, or `deadline` passed; every wait
/// is bounded by the deadline, however slowly the bytes come.
fn fill(reader: &mut BufReader<TcpStream>, deadline: Instant) -> Result<usize, HeadError> {
    if !reader.buffer().is_empty() {
        return Ok(reader.buffer().len());
    }
    loop {
        let left = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()).ok_or(HeadError::Late)?;
        reader.get_ref().set_read_timeout(Some(left)).map_err(|_| HeadError::Closed)?;
        match reader.fill_buf() {
            Ok([]) => return Err(HeadError::Closed),
            Ok(bytes) => return Ok(bytes.len()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                return Err(HeadError::Late)
            }
            Err(_) => return Err(HeadError::Closed),
        }
    }
}

/// One line without its CR LF; ASCII only.
fn read_line(reader: &mut BufReader<TcpStream>, budget: &mut usize, deadline: Instant) -> Result<String, HeadError> {
    let mut buf = Vec::new();
    loop {
        if *budget == 0 {
            return Err(HeadError::Refuse(431));
        }
        fill(reader, deadline)?;
        let available = reader.buffer();
        let take = available.len().min(*budget);
        let (used, done) = match available[..take].iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (take, false),
        };
        buf.extend_from_slice(&available[..used]);
        reader.consume(used);
        *budget -= used;
        if done {
            break;
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

fn parse_request_line(line: &str) -> Option<Request> {
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || method.is_empty()
        || target.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || target.bytes().any(|b| b.is_ascii_control())
    {
        return None;
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return None,
    };
    Some(Request { method: method.to_string(), target: target.to_string(), http10, headers: Vec::new() })
}

/// Writes status line and headers, then (unless `HEAD`) the body: bytes in the same write,
/// a file streamed in small pieces, so a big attachment never sits in memory.
pub(super) fn write_response(w: &mut impl Write, r: Response, head_only: bool, keep_alive: bool) -> io::Result<()> {
    let mut out = Vec::with_capacity(512);
    let _ = write!(out, "HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    let connection = if keep_alive { "keep-alive" } else { "close" };
    let fixed = [
        ("Content-Type", r.content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Connection", connection),
    ];
    for (name, value) in fixed.iter().chain(r.headers.iter()) {
        // Header values are constants of this program, never text from the request.
        debug_assert!(!value.contains(['\r', '\n']));
        let _ = write!(out, "{name}: {value}\r\n");
    }
    let _ = write!(out, "Content-Length: {}\r\n\r\n", r.body.len());
    match r.body {
        Body::Bytes(bytes) if !head_only => out.extend_from_slice(&bytes),
        Body::File { file, len } if !head_only => {
            w.write_all(&out)?;
            let sent = io::copy(&mut file.take(len), w)?;
            if sent < len {
                // The file shrank while being sent: the promised length cannot be kept.
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "file shorter than announced"));
            }
            return w.flush();
        }
        _ => {}
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
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

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
        let mut out = Vec::new();
        write_response(&mut out, Response::text(404, "nope\n"), false, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        assert!(
            text.contains("Content-Length: 5\r\n")
                && text.contains("Connection: keep-alive\r\n")
                && text.ends_with("\r\n\r\nnope\n")
        );
        let mut out = Vec::new();
        write_response(&mut out, Response::text(404, "nope\n"), true, false).unwrap();
        assert!(String::from_utf8(out).unwrap().ends_with("Content-Length: 5\r\n\r\n"));
    }

    #[test]
    fn files_are_streamed_with_their_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        std::fs::write(&path, b"%PDF-1.7 body").unwrap();
        let body = Body::File { file: File::open(&path).unwrap(), len: 13 };
        let r = Response { status: 200, content_type: "application/pdf", headers: Vec::new(), body };
        let mut out = Vec::new();
        write_response(&mut out, r, false, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Content-Length: 13\r\n") && text.ends_with("\r\n\r\n%PDF-1.7 body"), "{text}");
    }
}
