//! The request and response types that the wire ([`super::http`]) and the answers
//! ([`super::respond`]) share, so that neither imports the other.

use std::fs::File;

/// A parsed request head. The target is raw (still percent-encoded).
#[derive(Debug)]
pub(super) struct Request {
    pub method: String,
    pub target: String,
    pub http10: bool,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub(super) fn has_body(&self) -> bool {
        self.header("Transfer-Encoding").is_some() || self.header("Content-Length").is_some_and(|l| l.trim() != "0")
    }

    pub(super) fn keep_alive(&self) -> bool {
        let connection = self.header("Connection").unwrap_or("").to_ascii_lowercase();
        !self.http10 && !connection.split(',').any(|t| t.trim() == "close")
    }
}

/// An answer. Header names and values are constants or our own numbers, never request text.
#[derive(Debug)]
pub(super) struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, &'static str)>,
    pub body: Body,
}

/// A body in memory, or a file streamed from disk (an attachment of any size).
#[derive(Debug)]
pub(super) enum Body {
    Bytes(Vec<u8>),
    File { file: File, len: u64 },
}

impl Body {
    pub(super) fn len(&self) -> u64 {
        match self {
            Body::Bytes(b) => b.len() as u64,
            Body::File { len, .. } => *len,
        }
    }
}

impl Response {
    pub(super) fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response { status, content_type, headers: Vec::new(), body: Body::Bytes(body) }
    }

    pub(super) fn text(status: u16, body: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", body.as_bytes().to_vec())
    }

    pub(super) fn with(mut self, name: &'static str, value: &'static str) -> Response {
        self.headers.push((name, value));
        self
    }
}
