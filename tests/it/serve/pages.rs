//! Serving the built site: pages with the live-reload script, types, the site's 404, methods, attachments.

use super::client::Server;
use crate::harness;

#[test]
fn serves_the_site_from_memory_with_types_and_the_script() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert_eq!(index.header("Content-Type").as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(index.header("Cache-Control").as_deref(), Some("no-store"));
    assert!(index.text().contains("En lille site til at prøve"), "{}", index.text());
    let page = server.get("/dokumenter/vejledning.html").text();
    assert!(page.contains("Oprindelig tekst i vejledningen."));
    let tag = page.find("<script src=\"/__aftalebog/livereload.js\" data-generation=\"1\"").expect("script injected");
    assert!(tag < page.rfind("</body>").unwrap(), "injected before </body>");
    assert!(page.contains("data-label=\"Fejl i indholdet\""), "Danish overlay label");
    for (path, ctype) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/search-index.js", "text/javascript; charset=utf-8"),
        ("/frister.ics", "text/calendar; charset=utf-8"),
        ("/__aftalebog/livereload.js", "text/javascript; charset=utf-8"),
        ("/__aftalebog/livereload", "application/json"),
    ] {
        let r = server.get(path);
        assert_eq!((r.status, r.header("Content-Type").as_deref()), (200, Some(ctype)), "{path}");
    }
    let css = server.get("/assets/style.css").text();
    assert!(!css.contains("livereload"), "only HTML gets the script");
    assert!(!site.path("public").exists(), "serve never writes public/");
}

#[test]
fn unknown_pages_get_the_sites_404_and_other_methods_are_refused() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let missing = server.get("/findes-ikke.html");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Siden findes ikke"), "the site's own 404 page");
    let head = server.raw(&format!("HEAD / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n", server.port));
    assert_eq!(head.status, 200);
    let post = server.raw(&format!(
        "POST / HTTP/1.1\r\nHost: localhost:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(post.status, 405);
    let state = server.livereload(None);
    assert_eq!(state, serde_json::json!({"generation": 1, "errors": []}));
}

#[test]
fn big_attachments_are_streamed_from_disk_in_bounded_memory() {
    use std::io::{Read, Write};
    const SIZE: u64 = 200 * 1024 * 1024;
    let site = harness::fixture("serve", "basic");
    // A sparse file: 200 MB to read, nothing to write.
    let pdf = std::fs::File::create(site.path("content/dokumenter/bilag.pdf")).unwrap();
    pdf.set_len(SIZE).unwrap();
    drop(pdf);
    let server = Server::start(&site, &[]);
    let port = server.port;
    let downloads: Vec<_> = (0..5)
        .map(|_| {
            std::thread::spawn(move || {
                let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
                let req = format!(
                    "GET /dokumenter/bilag.pdf HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
                );
                s.write_all(req.as_bytes()).unwrap();
                let (mut total, mut head) = (0u64, Vec::new());
                let mut buf = vec![0u8; 64 * 1024];
                loop {
                    let n = s.read(&mut buf).unwrap();
                    if n == 0 {
                        break;
                    }
                    if head.len() < 512 {
                        head.extend_from_slice(&buf[..n.min(512)]);
                    }
                    total += n as u64;
                }
                (String::from_utf8_lossy(&head).into_owned(), total)
            })
        })
        .collect();
    for d in downloads {
        let (head, total) = d.join().unwrap();
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(
            head.contains("Content-Type: application/pdf\r\n") && head.contains(&format!("Content-Length: {SIZE}\r\n"))
        );
        let body_start = head.find("\r\n\r\n").unwrap() as u64 + 4;
        assert_eq!(total - body_start, SIZE, "the whole file");
    }
    let peak = server.peak_memory();
    eprintln!("peak memory after five 200 MB downloads: {} MB", peak / (1024 * 1024));
    assert!(peak < 100 * 1024 * 1024, "the file must not be held in memory: peak {} MB", peak / (1024 * 1024));
}
