//! Helpers for the `serve` tests: the real binary as a child process (killed on drop), and a
//! raw HTTP/1.1 client over `TcpStream`, so that tests can send any request line they like.
//! Only ever talks to 127.0.0.1 (from 127.0.0.x when a test needs other client addresses).

use crate::harness::{self, Site};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `aftalebog serve` on a free port; killed when dropped. Its requests are
/// [`Client`]'s.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub url: String,
    client: Client,
    stderr: Arc<Mutex<String>>,
    stdout: Arc<Mutex<String>>,
}

impl std::ops::Deref for Server {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

/// Requests to a server on 127.0.0.1:`port`.
pub struct Client {
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the binary on `site` with `--port 0` and waits for the address it prints.
    pub fn start(site: &Site, extra: &[&str]) -> Server {
        let server = Server::spawn(Command::new(harness::bin()), site, extra);
        assert!(server.url.starts_with("http://127.0.0.1:"), "{}", server.url);
        server
    }

    /// The same with a `--bind` address of the test's choosing (the URL printed may then
    /// name another address).
    pub fn start_bound(site: &Site, bind: &str) -> Server {
        Server::spawn(Command::new(harness::bin()), site, &["--bind", bind])
    }

    /// The same, run by `sh -c '<setup>; exec aftalebog serve …'` (the shell becomes the
    /// server, so killing the child kills the server).
    pub fn start_after(setup: &str, wrapper: &[&str], site: &Site, extra: &[&str]) -> Server {
        let mut cmd = Command::new(wrapper[0]);
        let script = format!("{setup} && exec \"$0\" \"$@\"");
        cmd.args(&wrapper[1..]).args(["sh", "-c", &script]).arg(harness::bin());
        Server::spawn(cmd, site, extra)
    }

    fn spawn(mut cmd: Command, site: &Site, extra: &[&str]) -> Server {
        let root = site.root.to_str().unwrap();
        cmd.args(["serve", "--root", root, "--port", "0", "--today", "2025-03-01"]).args(extra);
        let log = std::env::var("SERVE_TEST_LOG").unwrap_or_else(|_| "warn".into());
        cmd.env_remove("SOURCE_DATE_EPOCH").env("RUST_LOG", log);
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start aftalebog serve");
        let stderr = collect(child.stderr.take().unwrap(), None);
        let (tx, rx) = mpsc::channel();
        let stdout = collect(child.stdout.take().unwrap(), Some(tx));
        let Ok(url) = rx.recv_timeout(Duration::from_secs(60)) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve printed no address; stderr:\n{}", stderr.lock().unwrap());
        };
        let port = url.trim_end_matches('/').rsplit(':').next().unwrap().parse();
        let port = port.expect("a port in the URL");
        Server { child, port, url, client: Client { port }, stderr, stdout }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    /// The server's peak resident memory (`VmHWM`), in bytes.
    pub fn peak_memory(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM in /proc/PID/status");
        let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        kb * 1024
    }
}

impl Client {
    /// `GET path` with our own `Host`.
    pub fn get(&self, path: &str) -> Resp {
        self.raw(&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.port))
    }

    pub fn raw(&self, request: &str) -> Resp {
        let head = request.starts_with("HEAD ");
        send(self.port, request.as_bytes(), head).unwrap_or_else(|e| panic!("request failed: {e}\n{request}"))
    }

    /// The live-reload state, at once or (with `since`) after the next generation.
    pub fn livereload(&self, since: Option<u64>) -> serde_json::Value {
        let path = match since {
            Some(g) => format!("/__aftalebog/livereload?since={g}"),
            None => "/__aftalebog/livereload".to_string(),
        };
        let r = self.get(&path);
        assert_eq!(r.status, 200, "{}", r.text());
        serde_json::from_slice(&r.body).expect("live-reload JSON")
    }

    pub fn generation(&self) -> u64 {
        self.livereload(None)["generation"].as_u64().unwrap()
    }

    /// Waits (by long polls) until the generation is past `g`; returns the state then.
    pub fn wait_past(&self, g: u64) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let state = self.livereload(Some(g));
            if state["generation"].as_u64().unwrap() > g {
                return state;
            }
            assert!(Instant::now() < deadline, "no new generation after {g}");
        }
    }
}

/// Reads a child's output into a string; with `url`, sends the first `http://` address seen.
fn collect(pipe: impl Read + Send + 'static, url: Option<mpsc::Sender<String>>) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = text.clone();
    std::thread::spawn(move || {
        let mut url = url;
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if let (Some(tx), Some(at)) = (&url, line.find("http://")) {
                let _ = tx.send(line[at..].split_whitespace().next().unwrap().to_string());
                url = None;
            }
            let mut t = sink.lock().unwrap();
            t.push_str(&line);
            t.push('\n');
        }
    });
    text
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends raw bytes to 127.0.0.1:port and reads one response (by `Content-Length`).
pub fn send(port: u16, request: &[u8], head_only: bool) -> std::io::Result<Resp> {
    send_on(TcpStream::connect(("127.0.0.1", port))?, request, head_only)
}

/// A connection to 127.0.0.1:`port` from the loopback address `from` (e.g. 127.0.0.2), as
/// from another client machine.
pub fn connect_from(from: [u8; 4], port: u16) -> std::io::Result<TcpStream> {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
    socket.bind(&SocketAddr::from((from, 0)).into())?;
    socket.connect(&SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    Ok(socket.into())
}

/// Sends raw bytes on `s` and reads one response (by `Content-Length`).
pub fn send_on(mut s: TcpStream, request: &[u8], head_only: bool) -> std::io::Result<Resp> {
    s.set_read_timeout(Some(Duration::from_secs(45)))?;
    s.write_all(request)?;
    let mut reader = BufReader::new(s);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, format!("closed after {head:?}")));
        }
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut resp = Resp { status, head, body: Vec::new() };
    let length: Option<usize> = resp.header("Content-Length").and_then(|l| l.parse().ok());
    if !head_only {
        match length {
            Some(n) => {
                resp.body.resize(n, 0);
                reader.read_exact(&mut resp.body)?;
            }
            None => {
                reader.read_to_end(&mut resp.body)?;
            }
        }
    }
    Ok(resp)
}

/// An editor's atomic save: write a temporary file beside it, then rename it over.
pub fn atomic_write(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(".{}.tmp", path.file_name().unwrap().to_string_lossy()));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}
