//! Connections under load and attack: many clients, capped long polls, slow request heads, one client with hundreds of connections.

use super::client::{atomic_write, connect_from, send, send_on, Server};
use super::{page_text, PAGE};
use crate::harness;
use std::time::{Duration, Instant};

#[test]
fn load_long_polls_and_parallel_clients_with_disconnects_all_succeed() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let (port, g) = (server.port, server.generation());
    let polls = open_long_polls(port, g, 50);
    disconnect_midway(port, g);
    let start = Instant::now();
    let failures = run_clients(port, 64, 32);
    let elapsed = start.elapsed();
    eprintln!("load: 2048 requests from 64 clients beside 50 long polls in {elapsed:?}");
    assert!(failures.is_empty(), "{} failed: {:?}", failures.len(), &failures[..failures.len().min(10)]);
    assert!(elapsed < Duration::from_secs(60), "too slow: {elapsed:?}");
    // The long polls were waiting all along; a save answers every one of them.
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Efter belastningen."));
    let answers: Vec<_> = polls.into_iter().map(|p| p.join().unwrap()).collect();
    assert!(answers.iter().all(|a| *a == Ok(Some(g + 1))), "{answers:?}");
    assert_eq!(server.get("/").status, 200, "still up");
}

type Poll = std::thread::JoinHandle<Result<Option<u64>, String>>;

/// `n` long polls waiting for a generation after `g`, each on its own thread. They come from
/// 127.0.0.2, as other editors' browsers would: on the clients' own address they would take
/// 50 of its 128 places, and a slow machine's lingering connections would fill the rest.
fn open_long_polls(port: u16, g: u64, n: usize) -> Vec<Poll> {
    (0..n)
        .map(|_| {
            std::thread::spawn(move || {
                let req = format!("GET /__aftalebog/livereload?since={g} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
                let r = connect_from([127, 0, 0, 2], port)
                    .and_then(|s| send_on(s, req.as_bytes(), false))
                    .map_err(|e| e.to_string())?;
                Ok::<_, String>(serde_json::from_slice::<serde_json::Value>(&r.body).map_err(|e| e.to_string())?["generation"].as_u64())
            })
        })
        .collect()
}

/// `clients` threads sending `each` requests, every one on a new connection; the failures.
fn run_clients(port: u16, clients: usize, each: usize) -> Vec<String> {
    let paths = [
        "/",
        "/dokumenter/vejledning.html",
        "/assets/style.css",
        "/frister.ics",
        "/search-index.js",
        "/findes-ikke.html",
    ];
    let clients: Vec<_> = (0..clients)
        .map(|c| {
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..each {
                    let path = paths[(c + i) % paths.len()];
                    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
                    let expected = if path.starts_with("/findes") { 404 } else { 200 };
                    match send(port, req.as_bytes(), false) {
                        Ok(r) if r.status == expected && !r.body.is_empty() => {}
                        Ok(r) => failures.push(format!("{path}: {}", r.status)),
                        Err(e) => failures.push(format!("{path}: {e}")),
                    }
                }
                failures
            })
        })
        .collect();
    clients.into_iter().flat_map(|c| c.join().unwrap()).collect()
}

/// Clients that give up halfway: a request cut off, a long poll abandoned, an answer unread.
fn disconnect_midway(port: u16, g: u64) {
    use std::io::Write;
    for i in 0..30 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let text = match i % 3 {
            0 => "GET /dokumenter/vejl".to_string(),
            1 => format!("GET /__aftalebog/livereload?since={g} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
            _ => format!("GET /dokumenter/lang-vejledning.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
        };
        let _ = s.write_all(text.as_bytes());
        drop(s);
    }
}

#[test]
fn long_polls_are_capped_and_closed_tabs_free_their_place() {
    use std::io::{Read, Write};
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let (port, g) = (server.port, server.generation());
    let poll = format!("GET /__aftalebog/livereload?since={g} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    // 256 tabs (the long-poll cap), from two client addresses because one address may hold
    // only 128 connections.
    let open = |from: [u8; 4], n: usize| -> Vec<std::net::TcpStream> {
        (0..n)
            .map(|_| {
                let mut s = connect_from(from, port).unwrap();
                s.write_all(poll.as_bytes()).unwrap();
                s
            })
            .collect()
    };
    let mut tabs = open([127, 0, 0, 1], 128);
    tabs.extend(open([127, 0, 0, 2], 128));
    std::thread::sleep(Duration::from_millis(1500));
    for mut extra in open([127, 0, 0, 3], 3) {
        extra.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut answer = String::new();
        let _ = extra.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 503") && answer.contains("too many live-reload"), "{answer:?}");
    }
    // Closing the tabs frees their places within about a second, long before the 25 s poll ends.
    drop(tabs);
    std::thread::sleep(Duration::from_millis(2500));
    let waiting = std::thread::spawn(move || {
        let req = format!(
            "GET /__aftalebog/livereload?since={g} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        );
        send(port, req.as_bytes(), false).unwrap()
    });
    std::thread::sleep(Duration::from_millis(300));
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Efter lukkede faner."));
    let r = waiting.join().unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains(&format!("\"generation\":{}", g + 1)), "{}", r.text());
}

#[test]
fn a_request_head_trickled_a_byte_at_a_time_is_cut_off() {
    use std::io::{Read, Write};
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
    let start = Instant::now();
    // One header line that never ends: the old per-line deadline never fired on it.
    s.write_all(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Slow: ", server.port).as_bytes()).unwrap();
    let closed_after = loop {
        let mut buf = [0u8; 256];
        match s.read(&mut buf) {
            Ok(0) => break start.elapsed(),
            Ok(n) => {
                let answer = String::from_utf8_lossy(&buf[..n]);
                assert!(answer.starts_with("HTTP/1.1 408 Request Timeout\r\n"), "{answer:?}");
                break start.elapsed();
            }
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => break start.elapsed(),
        }
        assert!(start.elapsed() < Duration::from_secs(40), "still open after 40 s of one byte a second");
        if s.write_all(b"a").is_err() {
            break start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    eprintln!("slow head cut off after {closed_after:?}");
    assert!(closed_after >= Duration::from_secs(9), "not before the head's time is up: {closed_after:?}");
    assert_eq!(server.get("/").status, 200, "still up");
}

#[test]
fn one_client_with_hundreds_of_slow_connections_does_not_lock_out_another() {
    use std::io::{Read, Write};
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let port = server.port;
    // 600 connections from 127.0.0.1, each with a request head that does not end.
    let slow: Vec<std::net::TcpStream> = (0..600)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
            let _ = s.write_all(b"GET / HTTP/1.1\r\n");
            s
        })
        .collect();
    // The last of them is over the per-client cap and refused at once.
    let mut last = slow.last().unwrap().try_clone().unwrap();
    last.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut answer = String::new();
    let _ = last.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 503") && answer.contains("from your address"), "{answer:?}");
    // Another client is served at once.
    let start = Instant::now();
    let req =
        format!("GET /dokumenter/vejledning.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    let r = send_on(connect_from([127, 0, 0, 2], port).unwrap(), req.as_bytes(), false).unwrap();
    let took = start.elapsed();
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(took < Duration::from_secs(1), "answered in {took:?}");
    drop(slow);
}
