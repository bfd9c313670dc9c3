//! What the preview refuses: traversal and encoded tricks, foreign hosts, links out of the site, malformed and huge requests, reads by other sites.

use super::client::{atomic_write, Server};
use super::{page_text, PAGE};
use crate::harness;
use std::time::Duration;

#[test]
fn traversal_encoded_tricks_and_foreign_hosts_are_refused() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/..%2fsite.yaml",
        "/..%5csite.yaml",
        "/a%00.html",
        "//etc/passwd",
        "/dokumenter/../../site.yaml",
        "/..\\site.yaml",
    ] {
        let r = server.get(path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.text().contains("title: Prøvesite"), "{path} leaked site.yaml");
    }
    for path in ["/site.yaml", "/content/dokumenter/vejledning.md"] {
        assert_eq!(server.get(path).status, 404, "{path}: only the built site is served");
    }
    // CR/LF smuggled through the path never reaches a response header.
    let r = server.get("/x%0d%0aSet-Cookie:%20evil=1.html");
    assert_eq!(r.status, 400);
    assert!(r.header("Set-Cookie").is_none(), "{}", r.head);
    for host in ["evil.example", "evil.example:80", &format!("rebind.evil.example:{}", server.port), "127.0.0.1:1"] {
        let r = server.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        assert_eq!(r.status, 403, "Host {host}");
    }
    for host in [format!("localhost:{}", server.port), format!("127.0.0.1:{}", server.port), "localhost".into()] {
        let r = server.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        assert_eq!(r.status, 200, "Host {host}");
    }
}

#[test]
fn symlinks_leading_out_of_the_site_are_not_served() {
    let site = harness::fixture("serve", "basic");
    let outside = site.root.parent().unwrap().join("hemmelig.md");
    std::fs::write(&outside, "---\ntitle: Hemmelig\n---\nHEMMELIGT INDHOLD\n").unwrap();
    let server = Server::start(&site, &[]);
    let g = server.generation();
    std::fs::create_dir_all(site.path("themes/default/static")).unwrap();
    std::os::unix::fs::symlink(&outside, site.path("content/dokumenter/ude.md")).unwrap();
    std::os::unix::fs::symlink(&outside, site.path("themes/default/static/ude.css")).unwrap();
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Efter symlinks."));
    server.wait_past(g);
    for path in ["/dokumenter/ude.html", "/assets/ude.css"] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.text().contains("HEMMELIGT"), "{path}");
    }
}

#[test]
fn huge_and_malformed_requests_are_refused_without_taking_the_server_down() {
    use std::io::{Read, Write};
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let huge = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Fill: {}\r\n\r\n", server.port, "a".repeat(100_000));
    let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(huge.as_bytes());
    let mut answer = vec![0u8; 64];
    let n = s.read(&mut answer).unwrap_or(0);
    assert!(
        String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 431"),
        "{:?}",
        String::from_utf8_lossy(&answer[..n])
    );
    for bad in ["GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/1.1\r\nNo colon here\r\n\r\n"]
    {
        assert_eq!(server.raw(bad).status, 400, "{bad:?}");
    }
    let no_host = server.raw("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(no_host.status, 400);
    // Two requests on one kept-alive connection.
    let two = format!("GET /assets/site.js HTTP/1.1\r\nHost: localhost:{p}\r\n\r\nGET / HTTP/1.1\r\nHost: localhost:{p}\r\nConnection: close\r\n\r\n", p = server.port);
    let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.write_all(two.as_bytes()).unwrap();
    let mut all = String::new();
    s.read_to_string(&mut all).unwrap();
    assert_eq!(all.matches("HTTP/1.1 200 OK").count(), 2, "{}", &all[..all.len().min(400)]);
    assert_eq!(server.get("/").status, 200, "still up");
}

#[test]
fn other_sites_cannot_read_the_preview_but_links_to_it_still_open() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let own = |path: &str, fetch: &[(&str, &str)]| {
        let extra: String = fetch.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
        server
            .raw(&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{extra}Connection: close\r\n\r\n", server.port))
    };
    let index = own("/search-index.js", &[]).text();
    let shards = index.split("\"shards\":[").nth(1).expect("a shard list").split(']').next().unwrap();
    let shard = format!("/search/t-{}.js", shards.split(',').next().unwrap());
    assert_eq!(own(&shard, &[]).status, 200, "{shard} exists");
    let script = [("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "script")];
    let fetch = [("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty")];
    let frame = [("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "iframe")];
    let other_port = [("Sec-Fetch-Site", "same-site"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "script")];
    for path in ["/search-index.js", shard.as_str(), "/dokumenter/vejledning.html", "/__aftalebog/livereload"] {
        for headers in [&script[..], &fetch, &frame, &other_port] {
            let r = own(path, headers);
            assert_eq!(r.status, 403, "{path} {headers:?}");
            assert!(!r.text().contains("Vejledning"), "{path}: nothing of the site in the refusal");
        }
    }
    // A link from another site opens the preview in a tab, and the page loads its own files.
    let navigate = [("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document")];
    assert_eq!(own("/dokumenter/vejledning.html", &navigate).status, 200);
    let same = [("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "script")];
    let r = own("/search-index.js", &same);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Cross-Origin-Resource-Policy").as_deref(), Some("same-origin"), "{}", r.head);
    let typed = [("Sec-Fetch-Site", "none"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document")];
    assert_eq!(own("/", &typed).status, 200);
}
