//! Input limits: bounds on what one file may cost, checked before the expensive stage runs
//! (YAML parsing, Markdown rendering), so a hostile or broken file gives a clear error at its
//! line instead of minutes of work or gigabytes of memory. Values are in docs/security.md.

use crate::diagnostics::{Diagnostic, Pos};
use std::collections::HashMap;
use std::path::Path;

/// Front matter larger than this is refused (a long plan is about 10 KB).
pub(crate) const MAX_FRONT_MATTER_BYTES: usize = 1024 * 1024;
/// YAML nesting deeper than this is refused: indentation levels, `- ` and `[` / `{` together.
pub(crate) const MAX_YAML_DEPTH: usize = 64;
/// Aliases (`*name`) may make the front matter at most this large once expanded.
pub(crate) const MAX_ALIAS_EXPANSION_BYTES: usize = 4 * 1024 * 1024;
/// Table cells in one Markdown text.
pub(crate) const MAX_TABLE_CELLS: usize = 100_000;

/// Checks front matter that starts on line `first_line` before it is parsed.
pub(crate) fn check_yaml(file: &Path, yaml: &str, first_line: usize) -> Result<(), Diagnostic> {
    let at = |line: usize| Pos::new(line + first_line, 1);
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err(Diagnostic::error(
            file,
            at(0),
            format!("front matter is larger than {MAX_FRONT_MATTER_BYTES} bytes"),
        )
        .with_hint("move long text into the document's body, below the second `---`"));
    }
    if let Some(line) = too_deep(yaml) {
        return Err(Diagnostic::error(file, at(line), format!("YAML nested deeper than {MAX_YAML_DEPTH} levels"))
            .with_hint("front matter needs only a few levels; check the brackets and indentation"));
    }
    if let Some(line) = too_many_aliases(yaml) {
        return Err(Diagnostic::error(
            file,
            at(line),
            format!("YAML aliases (`*name`) expand to more than {MAX_ALIAS_EXPANSION_BYTES} bytes"),
        )
        .with_hint("write the text out where it is needed instead of repeating an alias"));
    }
    Ok(())
}

/// The 0-based line where nesting first exceeds the limit. Indentation levels, compact
/// sequences (`- - x`) and flow brackets count; brackets only where YAML reads them as flow
/// (at the start of a value, or inside a flow collection), not inside prose.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    for (n, line) in crate::text::lines(yaml).enumerate() {
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if flow == 0 && !body.is_empty() && !body.starts_with('#') {
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        // Bytes, not chars: every mark is ASCII, and no byte of a longer UTF-8 character is.
        let bytes = body.as_bytes();
        let mut dashes = 0;
        let mut token_start = true;
        let mut i = 0;
        while i < bytes.len() {
            // Prose outside brackets changes nothing until a `:` or `-` may start a token.
            if !token_start && flow == 0 {
                match memchr::memchr2(b':', b'-', &bytes[i..]) {
                    Some(skip) => i += skip,
                    None => break,
                }
            }
            let c = bytes[i];
            let next_is_space = bytes.get(i + 1).is_none_or(|n| *n == b' ');
            match c {
                b'-' if token_start && next_is_space => dashes += 1,
                b'[' | b'{' if token_start || flow > 0 => flow += 1,
                b']' | b'}' if flow > 0 => flow -= 1,
                b'#' if token_start => break,
                b'"' | b'\'' if token_start || flow > 0 => i = skip_quoted(bytes, i),
                _ => {}
            }
            // A new token starts after `: `, `- ` and, inside a flow collection, `,` `[` `{`;
            // spaces keep whatever came before them.
            token_start = match c {
                b' ' => token_start,
                b':' | b'-' => bytes.get(i + 1).is_none_or(|n| *n == b' '),
                b',' | b'[' | b'{' => flow > 0,
                _ => false,
            };
            if indents.len() + dashes + flow > MAX_YAML_DEPTH {
                return Some(n);
            }
            i += 1;
        }
    }
    None
}

/// The position of the quote that closes the one at `open` (or the end of the line).
fn skip_quoted(bytes: &[u8], open: usize) -> usize {
    let quote = bytes[open];
    let mut i = open + 1;
    // Only a double-quoted text has escapes: a backslash in it hides the byte after it.
    while i < bytes.len() {
        let rest = &bytes[i..];
        let found = if quote == b'"' { memchr::memchr2(b'"', b'\\', rest) } else { memchr::memchr(quote, rest) };
        match found {
            Some(at) if rest[at] == quote => return i + at,
            Some(at) => i += at + 2,
            None => return bytes.len(),
        }
    }
    bytes.len()
}

/// The 0-based line of the alias that takes the expanded size over the limit. An anchored
/// value is measured as the rest of its line plus the lines indented under it, with the
/// aliases inside it expanded; an overestimate, never an underestimate.
fn too_many_aliases(yaml: &str) -> Option<usize> {
    // Without an anchor no alias expands to anything.
    memchr::memchr(b'&', yaml.as_bytes())?;
    let lines: Vec<&str> = crate::text::lines(yaml).collect();
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    let mut total = yaml.len();
    for (n, line) in lines.iter().enumerate() {
        for (i, kind, name) in marks(line) {
            if kind == '&' {
                let indent = line.len() - line.trim_start().len();
                let below = lines[n + 1..]
                    .iter()
                    .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent);
                let text_len = line.len() - i + below.clone().map(|l| l.len() + 1).sum::<usize>();
                let inner: usize = std::iter::once(&line[i..])
                    .chain(below.copied())
                    .flat_map(marks)
                    .filter(|(_, k, _)| *k == '*')
                    .map(|(_, _, a)| sizes.get(a).copied().unwrap_or(0))
                    .sum();
                sizes.insert(name, text_len.saturating_add(inner));
            } else if let Some(size) = sizes.get(name) {
                total = total.saturating_add(*size);
                if total > MAX_ALIAS_EXPANSION_BYTES {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// Anchors (`&name`) and aliases (`*name`) at the start of a token: (byte, kind, name).
fn marks(line: &str) -> Vec<(usize, char, &str)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let starts_token = i == 0 || matches!(bytes[i - 1], b' ' | b'[' | b'{' | b',');
        if (b == b'&' || b == b'*') && starts_token {
            let rest = &line[i + 1..];
            let end = rest.find([' ', ',', '[', ']', '{', '}']).unwrap_or(rest.len());
            if end > 0 {
                out.push((i, b as char, &rest[..end]));
            }
        }
    }
    out
}

/// The 0-based line of a Markdown text where its tables pass `MAX_TABLE_CELLS`. A table row
/// has at most as many cells as its table's header, which has at most one more than its `|`.
pub(crate) fn too_many_cells(md: &str) -> Option<usize> {
    // No line counts more cells than there are `|` in the text, plus one: most texts are
    // far under the limit by that bound, without walking their lines.
    let pipes = memchr::memchr_iter(b'|', md.as_bytes()).count();
    let lines = memchr::memchr_iter(b'\n', md.as_bytes()).count() + 1;
    if pipes == 0 || lines.saturating_mul(pipes + 1) <= MAX_TABLE_CELLS {
        return None;
    }
    let mut cells = 0usize;
    let mut width = 0usize;
    for (n, line) in md.lines().enumerate() {
        if line.trim().is_empty() {
            width = 0;
            continue;
        }
        let pipes = line.bytes().filter(|&b| b == b'|').count();
        if pipes > 0 || width > 0 {
            width = width.max(pipes + 1);
            cells += width;
        }
        if cells > MAX_TABLE_CELLS {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_front_matter_passes() {
        let yaml = "title: \"A [b\"\nsummary: Se [kommune] og *vigtigt*\nparties: [a, {id: b, name: B}]\nsections:\n  - title: x\n    items:\n      - title: y\n        question: |\n          [Her beskrives {\n";
        assert!(check_yaml(Path::new("a.md"), yaml, 2).is_ok());
        let anchors = "a: &x tekst\nb: *x\nc: *x\n";
        assert!(check_yaml(Path::new("a.md"), anchors, 2).is_ok());
    }

    #[test]
    fn deep_nesting_and_alias_bombs_are_refused_at_their_line() {
        let deep = format!("title: x\ntags: {}\n", "[".repeat(1000));
        assert_eq!(check_yaml(Path::new("a.md"), &deep, 2).unwrap_err().line, 3);
        let dashes = format!("tags:\n  {}x\n", "- ".repeat(100));
        assert_eq!(check_yaml(Path::new("a.md"), &dashes, 2).unwrap_err().line, 3);
        let big = "x".repeat(100_000);
        let bomb = format!("title: &t {big}\ntags: [{}]\n", vec!["*t"; 100].join(", "));
        let e = check_yaml(Path::new("a.md"), &bomb, 2).unwrap_err();
        assert_eq!((e.line, e.message.contains("aliases")), (3, true));
        let laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        assert!(check_yaml(Path::new("a.md"), laughs, 2).is_err());
    }

    #[test]
    fn brackets_in_quotes_and_prose_do_not_nest() {
        let brackets = "[".repeat(100);
        let ok = |yaml: &str| check_yaml(Path::new("a.md"), yaml, 2).is_ok();
        assert!(ok(&format!("title: \"Æbleø {brackets} \\\" {brackets}\"\nsummary: 'Å {brackets}'\n")));
        assert!(ok(&format!("summary: Sundhed & omsorg {brackets}\n")), "prose, not a flow collection");
        assert!(!ok(&format!("title: \"ø\"\ntags: [\"æ\", {brackets}\n")), "after a quoted item in a flow");
    }

    #[test]
    fn table_cells_are_counted() {
        let small = "| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(too_many_cells(small), None);
        let row = format!("{}|\n", "x|".repeat(999));
        let big = format!("{row}{}\n{}", "-|".repeat(999), row.repeat(200));
        assert!(too_many_cells(&big).is_some());
    }
}
