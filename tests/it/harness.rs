//! Test harness: copy a fixture site (`tests/fixtures/<area>/<case>/`) into a fresh temporary
//! folder, run the real `aftalebog` binary on it, and read what it wrote. In an area with a
//! clean `ok/` site, a case folder holds only the files it adds or changes: the harness lays it
//! over a copy of `ok/`, so a new bad-input case is one or two small files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Site {
    dir: tempfile::TempDir,
    pub root: PathBuf,
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_aftalebog"))
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fresh copy of `tests/fixtures/<area>/<case>/`, laid over `<area>/ok/` when the area
/// has one.
pub fn fixture(area: &str, case: &str) -> Site {
    let src = fixtures_dir().join(area).join(case);
    assert!(src.is_dir(), "no fixture {}", src.display());
    let base = fixtures_dir().join(area).join("ok");
    if case == "ok" || !base.is_dir() {
        return copy_site(&src);
    }
    let site = copy_site(&base);
    copy_dir(&src, &site.root);
    site
}

/// The cases of an area: its folders except `ok/`, sorted.
pub fn cases(area: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(fixtures_dir().join(area))
        .expect("read fixture area")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir() && e.file_name() != "ok")
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// A fresh copy of any site folder (e.g. the bundled default site).
pub fn copy_site(src: &Path) -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    copy_dir(src, &root);
    Site { dir, root }
}

/// The repository's own default site (`site.yaml` + `content/`).
pub fn default_site() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    copy_dir(&repo.join("content"), &root.join("content"));
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
    Site { dir, root }
}

/// A site of `docs` documents from the benchmarks' generator (`examples/generate_site`).
pub fn generated(docs: usize) -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    crate::synthetic::write_site(&root, Path::new(env!("CARGO_MANIFEST_DIR")), docs);
    Site { dir, root }
}

fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Site {
    /// Runs `aftalebog <args>` with the site as working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(bin())
            .args(args)
            .current_dir(&self.root)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("run aftalebog");
        Run::from(out)
    }

    /// `build --today <today>`, asserting success.
    pub fn build(&self, today: &str) -> Run {
        let run = self.run(&["build", "--today", today]);
        assert_eq!(run.code, 0, "build failed:\n{}\n{}", run.stdout, run.stderr);
        run
    }

    /// `text` with this site's temporary folder written as `[SITE]`, so that a snapshot
    /// does not depend on where the test ran.
    pub fn redact(&self, text: &str) -> String {
        let root = self.root.display().to_string();
        text.replace(&root, "[SITE]").replace(&self.dir.path().display().to_string(), "[TMP]")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// A file under `public/`.
    pub fn page(&self, rel: &str) -> String {
        let p = self.root.join("public").join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// The page's text with tags removed and whitespace collapsed: what a reader sees.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut skip: Option<&str> = None;
    let lower = html.to_lowercase();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < bytes.len() {
        if let Some(end) = skip {
            match lower[i..].find(end) {
                Some(j) => {
                    i += j + end.len();
                    skip = None;
                    continue;
                }
                None => break,
            }
        }
        let c = bytes[i];
        if c == b'<' {
            if lower[i..].starts_with("<script") {
                skip = Some("</script>");
            } else if lower[i..].starts_with("<style") {
                skip = Some("</style>");
            }
            in_tag = true;
            out.push(' ');
        } else if c == b'>' && in_tag {
            in_tag = false;
        } else if !in_tag {
            let ch_len = html[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&html[i..i + ch_len]);
            i += ch_len;
            continue;
        }
        i += 1;
    }
    let decoded = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        // A soft hyphen is unseen unless a line breaks at it.
        .replace('\u{ad}', "");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's `<main>` as a reader scans it, one block per line: headings marked `#`, list
/// items `-`, table cells split by `|`. Snapshots of key pages use it so that a change in
/// what readers see is one reviewable diff, and a change in markup alone is none.
pub fn reader_text(html: &str) -> String {
    let start = html.find("<main").unwrap_or(0);
    let end = html[start..].find("</main>").map_or(html.len(), |e| start + e);
    let mut marked = String::new();
    let mut rest = &html[start..end];
    while let Some(open) = rest.find('<') {
        // Line breaks inside text are spaces to a reader; lines come from the markup.
        marked.push_str(&rest[..open].replace(['\n', '\r'], " "));
        let Some(close) = rest[open..].find('>').map(|c| open + c) else { break };
        let tag = &rest[open + 1..close];
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        let closing = tag.starts_with('/');
        let sep = match (name.as_str(), closing) {
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                format!("\n{} ", "#".repeat(name[1..].parse().unwrap_or(1)))
            }
            ("li" | "dt", false) => "\n- ".into(),
            ("td" | "th", false) => " | ".into(),
            (
                "p" | "div" | "section" | "article" | "header" | "footer" | "tr" | "table" | "ul" | "ol" | "dl" | "dd"
                | "br" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "figure" | "blockquote" | "nav" | "aside"
                | "details" | "summary",
                _,
            ) => "\n".into(),
            _ => " ".into(),
        };
        marked.push_str(&sep);
        rest = &rest[close + 1..];
        if !closing && (name == "script" || name == "style") {
            rest = rest.find(&format!("</{name}>")).map_or("", |e| &rest[e..]);
        }
    }
    marked.push_str(&rest.replace(['\n', '\r'], " "));
    marked.lines().map(visible_text).filter(|l| !l.is_empty() && l != "|").collect::<Vec<_>>().join("\n") + "\n"
}
