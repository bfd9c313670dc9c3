//! Diagnostics: every problem found in a run, with file, line and a hint, rendered for the
//! terminal, as JSON and (through `serve`) as the browser overlay. Collected, never thrown,
//! so one run reports everything an editor has to fix.

use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file: 1-based line and column; 0 means "the file as a whole".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators (e.g. `content/aftaler/x.md`).
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, pos, message)
    }

    pub fn warning(file: impl AsRef<Path>, pos: Pos, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, pos, message)
    }

    fn new(severity: Severity, file: impl AsRef<Path>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            file: display_path(file.as_ref()),
            line: pos.line,
            column: pos.column,
            severity,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A relative path with forward slashes, the same on every platform.
pub fn display_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// All diagnostics of one run, kept in a stable order.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Sorts by file and position and drops exact duplicates, so output is deterministic
    /// whatever order the parallel stages finished in.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.0.dedup();
    }

    /// Turns every warning into an error (`check --strict`).
    pub fn promote_warnings(&mut self) {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

/// Renders like a compiler: message, `--> file:line:col`, the source line, a caret, a hint.
/// `root` is where the source files are read from to quote the offending line.
pub fn render_human(diags: &Diagnostics, root: &Path, color: bool) -> String {
    let mut out = String::new();
    for d in diags.iter() {
        render_one(&mut out, d, root, color);
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, root: &Path, color: bool) {
    let (label, code) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let paint = |s: &str, code: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    // Content reaches the terminal only through `visible`: an escape sequence in a file must
    // not be able to repaint the report.
    let visible = crate::control::visible;
    let _ = writeln!(out, "{}: {}", paint(label, code), visible(&d.message));
    let location = match (d.line, d.column) {
        (0, _) => visible(&d.file),
        (l, 0) => format!("{}:{l}", visible(&d.file)),
        (l, c) => format!("{}:{l}:{c}", visible(&d.file)),
    };
    let _ = writeln!(out, "  {} {location}", paint("-->", "1;34"));
    if let Some(text) = source_line(root, &d.file, d.line) {
        let num = d.line.to_string();
        let pad = " ".repeat(num.len());
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{num} | {}", visible(&text));
        if d.column > 0 {
            let indent: String = text.chars().take(d.column - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            let _ = writeln!(out, "{pad} | {indent}{}", paint("^", code));
        }
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "  = {}: {}", paint("hint", "1;36"), visible(hint));
    }
    out.push('\n');
}

fn source_line(root: &Path, file: &str, line: usize) -> Option<String> {
    if line == 0 {
        return None;
    }
    let bytes = std::fs::read(root.join(PathBuf::from(file))).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.lines().nth(line - 1).map(|l| l.trim_end_matches('\r').to_string())
}

pub fn render_json(diags: &Diagnostics) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        errors: usize,
        warnings: usize,
        diagnostics: &'a Diagnostics,
    }
    let report = Report { errors: diags.error_count(), warnings: diags.warning_count(), diagnostics: diags };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

/// The closest candidate to `wanted` by edit distance, if close enough to be a likely typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_l = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&wanted_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(wanted.chars().count()) / 3).max(2))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typo_and_rejects_unrelated() {
        let keys = ["målgruppe", "title", "responsibilities"];
        assert_eq!(closest("målgrupe", keys), Some("målgruppe"));
        assert_eq!(closest("responsibilites", keys), Some("responsibilities"));
        assert_eq!(closest("zzzzzzzz", keys), None);
    }

    #[test]
    fn human_rendering_points_at_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), "---\ntitle: x\nfoo: 1\n---\n").unwrap();
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::error("content/a.md", Pos::new(3, 1), "unknown field `foo`").with_hint("remove it"));
        let text = render_human(&ds, dir.path(), false);
        assert!(text.contains("error: unknown field `foo`"), "{text}");
        assert!(text.contains("--> content/a.md:3:1"), "{text}");
        assert!(text.contains("3 | foo: 1"), "{text}");
        assert!(text.contains("  | ^"), "{text}");
        assert!(text.contains("= hint: remove it"), "{text}");
    }
}
