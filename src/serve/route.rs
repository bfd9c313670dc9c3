//! Pure request decisions, no I/O: which site file a request target names (refusing
//! traversal, encoded tricks and control characters), whether its `Host` is ours (DNS
//! rebinding), and the content type of a file.

use std::net::IpAddr;

/// The live-reload endpoint of SPEC §4.
pub(super) const LIVERELOAD: &str = "/__aftalebog/livereload";
/// The injected script.
pub(super) const SCRIPT: &str = "/__aftalebog/livereload.js";

/// Where a request target leads.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A key of the built site (e.g. `index.html`, `aftaler/x.html`).
    File(String),
    /// The live-reload state; with `since`, a long poll.
    LiveReload { since: Option<u64> },
    /// The live-reload script.
    Script,
}

/// Why a request target is refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// Malformed or dangerous: traversal, NUL, backslash, control characters, bad encoding.
    BadRequest,
    /// Well-formed, but not something this server has.
    NotFound,
}

/// Resolves a raw request target (path and query, still percent-encoded) to a site key.
/// Lookups are by key in memory, so nothing can escape the site; dangerous targets are still
/// refused explicitly, before any lookup.
pub(super) fn resolve(raw: &str) -> Result<Target, Refusal> {
    let (path, query) = match raw.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (raw, None),
    };
    let path = path.split_once('#').map_or(path, |(p, _)| p);
    // Origin form only: absolute URLs (`http://…`), `*` and `//host/…` are refused.
    if !path.starts_with('/') || path.starts_with("//") || path.contains('\\') {
        return Err(Refusal::BadRequest);
    }
    let decoded = percent_decode(path).ok_or(Refusal::BadRequest)?;
    let decoded = String::from_utf8(decoded).map_err(|_| Refusal::BadRequest)?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err(Refusal::BadRequest);
    }
    if decoded == LIVERELOAD {
        return Ok(Target::LiveReload { since: since(query)? });
    }
    if decoded == SCRIPT {
        return Ok(Target::Script);
    }
    let rel = &decoded[1..];
    let mut segments: Vec<&str> = rel.split('/').collect();
    let directory = rel.is_empty() || rel.ends_with('/');
    if directory {
        segments.pop();
    }
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == ".." || s.contains(':')) {
        return Err(Refusal::BadRequest);
    }
    if segments.first().is_some_and(|s| s.starts_with("__aftalebog")) {
        return Err(Refusal::NotFound);
    }
    let mut key = segments.join("/");
    if directory {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Ok(Target::File(key))
}

fn since(query: Option<&str>) -> Result<Option<u64>, Refusal> {
    let Some(query) = query else { return Ok(None) };
    for pair in query.split('&') {
        if let Some(value) = pair.strip_prefix("since=") {
            return value.parse().map(Some).map_err(|_| Refusal::BadRequest);
        }
    }
    Ok(None)
}

/// `%XX` decoding; `None` for a malformed escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// True when `host` (the `Host` header) names this server: `localhost`, a loopback address
/// or the bound address, with our port or none. A name that a DNS rebinding attack controls
/// (`evil.example:1111`) is refused. Bound to every interface (`0.0.0.0`), any IP literal is
/// allowed: it can only come from someone who typed the address.
pub(super) fn host_allowed(host: &str, bind: IpAddr, port: u16) -> bool {
    let host = host.trim();
    let (name, host_port) = split_host(host);
    if host_port.is_some_and(|p| p != port.to_string()) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let literal = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(name);
    match literal.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bind || bind.is_unspecified(),
        Err(_) => false,
    }
}

/// `name:port` → (`name`, `Some(port)`), IPv6 literals in brackets included.
fn split_host(host: &str) -> (&str, Option<&str>) {
    if host.starts_with('[') {
        return match host.rfind("]:") {
            Some(i) => (&host[..=i], Some(&host[i + 2..])),
            None => (host, None),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') => (name, Some(port)),
        _ => (host, None),
    }
}

/// The `Content-Type` of a site file, by extension.
pub(super) fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn file(key: &str) -> Result<Target, Refusal> {
        Ok(Target::File(key.to_string()))
    }

    #[test]
    fn directories_and_pages() {
        assert_eq!(resolve("/"), file("index.html"));
        assert_eq!(resolve("/aftaler/"), file("aftaler/index.html"));
        assert_eq!(resolve("/aftaler/x.html?a=1#top"), file("aftaler/x.html"));
        assert_eq!(resolve("/emner/s%C3%B8g.html"), file("emner/søg.html"));
    }

    #[test]
    fn traversal_and_tricks_are_bad_requests() {
        for t in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/..%5csite.yaml",
            "/a%00.html",
            "//etc/passwd",
            "/a/../../etc/passwd",
            "/./index.html",
            "/a\\b.html",
            "http://evil.example/index.html",
            "*",
            "/%zz",
            "/%c3",
            "/a%0d%0aSet-Cookie:x.html",
            "/C:/Windows/win.ini",
            "/a//b.html",
        ] {
            assert_eq!(resolve(t), Err(Refusal::BadRequest), "{t}");
        }
    }

    #[test]
    fn livereload_targets() {
        assert_eq!(resolve("/__aftalebog/livereload"), Ok(Target::LiveReload { since: None }));
        assert_eq!(resolve("/__aftalebog/livereload?since=12"), Ok(Target::LiveReload { since: Some(12) }));
        assert_eq!(resolve("/__aftalebog/livereload?x=1&since=3"), Ok(Target::LiveReload { since: Some(3) }));
        assert_eq!(resolve("/__aftalebog/livereload?since=abc"), Err(Refusal::BadRequest));
        assert_eq!(resolve("/__aftalebog/livereload.js"), Ok(Target::Script));
        assert_eq!(resolve("/__aftalebog/other"), Err(Refusal::NotFound));
    }

    #[test]
    fn hosts() {
        let lo = IpAddr::V4(Ipv4Addr::LOCALHOST);
        for h in ["127.0.0.1:1111", "localhost:1111", "localhost", "LOCALHOST:1111", "127.0.0.1", "[::1]:1111", "[::1]"]
        {
            assert!(host_allowed(h, lo, 1111), "{h}");
        }
        for h in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1:2222",
            "localhost:80",
            "",
            "127.0.0.1.evil.example:1111",
            "10.0.0.1:1111",
        ] {
            assert!(!host_allowed(h, lo, 1111), "{h}");
        }
        let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert!(host_allowed("192.168.1.5:1111", any, 1111));
        assert!(!host_allowed("evil.example:1111", any, 1111));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("handleplaner/x.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("frister.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("search-index.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("x.svg"), "image/svg+xml");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
