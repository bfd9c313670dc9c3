//! `aftalebog serve`: the real binary on a free port against a temporary copy of
//! `tests/fixtures/serve/basic`, driven over raw HTTP/1.1 on 127.0.0.1.

mod browser;
mod client;

use crate::harness;
use client::{atomic_write, send, Server};
use std::time::{Duration, Instant};

const PAGE: &str = "content/dokumenter/vejledning.md";

fn page_text(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: En kort vejledning.\n---\n{body}\n")
}

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
fn a_waiting_long_poll_answers_after_an_atomic_save_and_the_new_page_is_served() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let g = server.generation();
    let port = server.port;
    let waiting = std::thread::spawn(move || {
        let start = Instant::now();
        let req = format!(
            "GET /__aftalebog/livereload?since={g} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        );
        let r = send(port, req.as_bytes(), false).unwrap();
        (serde_json::from_slice::<serde_json::Value>(&r.body).unwrap(), start.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Ny tekst efter gemning."));
    let (state, waited) = waiting.join().unwrap();
    assert_eq!(state["generation"], g + 1, "{state}");
    assert_eq!(state["errors"], serde_json::json!([]));
    assert!(waited < Duration::from_secs(20), "answered by the save, not by the timeout: {waited:?}");
    let page = server.get("/dokumenter/vejledning.html").text();
    assert!(page.contains("Ny tekst efter gemning.") && !page.contains("Oprindelig"), "{page}");
    assert!(page.contains(&format!("data-generation=\"{}\"", g + 1)));
}

#[test]
fn a_file_briefly_empty_during_a_save_ends_in_the_saved_state() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let g = server.generation();
    std::fs::write(site.path(PAGE), "").unwrap();
    std::thread::sleep(Duration::from_millis(5));
    std::fs::write(site.path(PAGE), page_text("Vejledning", "Skrevet i to trin.")).unwrap();
    let mut state = server.wait_past(g);
    // If the empty moment was built on its own, the next generation repairs it.
    while !state["errors"].as_array().unwrap().is_empty() {
        state = server.wait_past(state["generation"].as_u64().unwrap());
    }
    assert!(server.get("/dokumenter/vejledning.html").text().contains("Skrevet i to trin."));
}

#[test]
fn build_errors_reach_the_live_reload_state_and_the_terminal_and_clear_after_the_fix() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let g = server.generation();
    // Line 3 holds an unknown field.
    atomic_write(&site.path(PAGE), "---\ntitle: Vejledning\nstatsu: udkast\n---\nTekst.\n");
    let state = server.wait_past(g);
    let errors = state["errors"].as_array().unwrap();
    assert!(!errors.is_empty(), "{state}");
    let e = &errors[0];
    assert_eq!((e["file"].as_str(), e["line"].as_u64()), (Some(PAGE), Some(3)), "{state}");
    assert!(e["message"].as_str().unwrap().contains("statsu"), "{e}");
    assert!(e["hint"].as_str().unwrap().contains("status"), "a hint: {e}");
    assert!(e["column"].as_u64().is_some());
    // The last good page stays served, and carries the script that shows the overlay.
    let page = server.get("/dokumenter/vejledning.html");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Oprindelig tekst") && page.text().contains("/__aftalebog/livereload.js"));
    let bad = state["generation"].as_u64().unwrap();
    wait_for(|| server.stderr().contains("statsu"));
    assert_eq!(server.stderr().matches("unknown field `statsu`").count(), 1, "printed once:\n{}", server.stderr());
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Rettet."));
    let fixed = server.wait_past(bad);
    assert_eq!(fixed["errors"], serde_json::json!([]), "{fixed}");
    assert!(server.get("/dokumenter/vejledning.html").text().contains("Rettet."));
}

#[test]
fn a_deleted_document_is_gone_and_a_renamed_one_moves() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/dokumenter/slettes.html").status, 200);
    let g = server.generation();
    std::fs::remove_file(site.path("content/dokumenter/slettes.md")).unwrap();
    let state = server.wait_past(g);
    assert_eq!(state["errors"], serde_json::json!([]), "{state}");
    assert_eq!(server.get("/dokumenter/slettes.html").status, 404);
    let g = state["generation"].as_u64().unwrap();
    std::fs::rename(site.path(PAGE), site.path("content/dokumenter/vejledning-ny.md")).unwrap();
    server.wait_past(g);
    wait_for(|| server.get("/dokumenter/vejledning-ny.html").status == 200);
    assert_eq!(server.get("/dokumenter/vejledning.html").status, 404);
}

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
fn swap_backup_output_and_git_files_trigger_no_new_generation() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let g = server.generation();
    for rel in [
        "content/dokumenter/.vejledning.md.swp",
        "content/dokumenter/4913",
        "content/dokumenter/vejledning.md~",
        "content/dokumenter/.#vejledning.md",
        "public/index.html",
        "target/debug/x.md",
        ".git/index",
        "noter.txt",
    ] {
        site.write(rel, "---\ntitle: [\n");
    }
    std::fs::remove_file(site.path("content/dokumenter/4913")).unwrap();
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(server.generation(), g, "stderr:\n{}", server.stderr());
    // The watcher is alive: a real change still counts.
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Efter swap-filerne."));
    assert_eq!(server.wait_past(g)["generation"], g + 1);
}

#[test]
fn a_burst_of_changes_is_one_rebuild() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let g = server.generation();
    // Like a `git checkout`: many files at once.
    for i in 0..150 {
        site.write(
            &format!("content/dokumenter/ny-{i:03}.md"),
            &format!("---\ntitle: Nyt dokument {i}\n---\nTekst {i}.\n"),
        );
    }
    let state = server.wait_past(g);
    std::thread::sleep(Duration::from_millis(500));
    let after = server.generation();
    // One rebuild; a second is tolerated only if the machine stalled mid-burst for longer
    // than the quiet period.
    assert!(after - g <= 2, "{} rebuilds for one burst", after - g);
    assert_eq!(state["errors"], serde_json::json!([]));
    assert_eq!(server.get("/dokumenter/ny-149.html").status, 200);
}

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

/// `n` long polls waiting for a generation after `g`, each on its own thread.
fn open_long_polls(port: u16, g: u64, n: usize) -> Vec<Poll> {
    (0..n)
        .map(|_| {
            std::thread::spawn(move || {
                let req = format!("GET /__aftalebog/livereload?since={g} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
                let r = send(port, req.as_bytes(), false).map_err(|e| e.to_string())?;
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
fn long_polls_are_capped_and_closed_tabs_free_their_place() {
    use std::io::{Read, Write};
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &[]);
    let (port, g) = (server.port, server.generation());
    let poll = format!("GET /__aftalebog/livereload?since={g} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let open = |n: usize| -> Vec<std::net::TcpStream> {
        (0..n)
            .map(|_| {
                let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
                s.write_all(poll.as_bytes()).unwrap();
                s
            })
            .collect()
    };
    let tabs = open(256);
    std::thread::sleep(Duration::from_millis(1500));
    for mut extra in open(3) {
        extra.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut answer = vec![0u8; 64];
        let n = extra.read(&mut answer).unwrap();
        assert!(
            String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 503"),
            "{:?}",
            String::from_utf8_lossy(&answer[..n])
        );
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
fn ctrl_c_stops_cleanly() {
    let site = harness::fixture("serve", "basic");
    let mut server = Server::start(&site, &[]);
    assert_eq!(server.get("/").status, 200);
    let status = std::process::Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let code = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s.code();
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code, Some(0));
    wait_for(|| server.stdout().contains("stopped"));
}

#[test]
fn polling_mode_sees_changes_too() {
    let site = harness::fixture("serve", "basic");
    let server = Server::start(&site, &["--poll"]);
    let g = server.generation();
    // Poll watchers compare modification times; make sure the new one differs.
    std::thread::sleep(Duration::from_millis(1100));
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Set ved polling."));
    server.wait_past(g);
    assert!(server.get("/dokumenter/vejledning.html").text().contains("Set ved polling."));
}

#[test]
fn a_too_low_inotify_limit_falls_back_to_polling_with_a_clear_message() {
    // A user namespace of our own has its own inotify limit, which we may lower; where user
    // namespaces are not available, there is nothing to lower.
    let setup = "echo 2 > /proc/sys/user/max_inotify_watches";
    let probe = std::process::Command::new("unshare").args(["-Ur", "sh", "-c", setup]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("\n*** SKIPPED inotify-limit test: cannot lower the limit in a user namespace here ***\n");
        return;
    }
    let site = harness::fixture("serve", "basic");
    let server = Server::start_after(setup, &["unshare", "-Ur"], &site, &[]);
    wait_for(|| server.stderr().contains("polls the files"));
    assert!(server.stderr().contains("max_user_watches"), "{}", server.stderr());
    let g = server.generation();
    std::thread::sleep(Duration::from_millis(1100));
    atomic_write(&site.path(PAGE), &page_text("Vejledning", "Set trods grænsen."));
    server.wait_past(g);
    assert!(server.get("/dokumenter/vejledning.html").text().contains("Set trods grænsen."));
}

/// Waits up to 20 s for `cond`.
fn wait_for(cond: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !cond() {
        assert!(Instant::now() < deadline, "condition not met in time");
        std::thread::sleep(Duration::from_millis(50));
    }
}
