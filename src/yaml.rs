//! YAML: the one module that talks to serde_yaml. Parses front matter and `site.yaml` into raw
//! structs, turns serde's errors into positioned diagnostics with a "did you mean" hint, and
//! locates keys and values for errors found after parsing.

use crate::diagnostics::{closest, Diagnostic, Pos};
use crate::text::SourceText;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `yaml`, which starts on line `first_line` of `file`.
pub(crate) fn parse<T: DeserializeOwned>(file: &Path, yaml: &str, first_line: usize) -> Result<T, Diagnostic> {
    crate::limits::check_yaml(file, yaml, first_line)?;
    let verbatim = quote_verbatim(yaml);
    let source = if yaml.trim().is_empty() { "{}" } else { &verbatim };
    serde_yaml::from_str(source).map_err(|e| {
        let pos =
            e.location().map(|l| Pos::new(l.line() + first_line - 1, l.column())).unwrap_or(Pos::new(first_line, 0));
        let (message, hint) = explain(&e.to_string());
        let pos = refine_position(yaml, first_line, &message).unwrap_or(pos);
        Diagnostic::error(file, pos, message).with_hint_opt(hint)
    })
}

/// Keys whose values keep their text as written even when YAML would read a number.
const VERBATIM_KEYS: [&str; 4] = ["version", "cvr", "phone", "id"];

/// Quotes number-like values of `VERBATIM_KEYS` in block style, so `version: 1.10` stays
/// "1.10" (not 1.1) and `phone: +45 12 34` stays text. Everything else is left as written.
fn quote_verbatim(yaml: &str) -> std::borrow::Cow<'_, str> {
    let quoted = |line: &str| -> Option<String> {
        let body = line.trim_start_matches([' ', '-']);
        let key = VERBATIM_KEYS.into_iter().find(|k| body.strip_prefix(k).is_some_and(|r| r.starts_with(": ")))?;
        let value = body[key.len() + 2..].split(" #").next()?.trim();
        let number_like = value.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '.')
            && value.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | ' ' | '/'));
        number_like.then(|| {
            let at = line.len() - body.len() + key.len() + 2;
            format!("{}\"{value}\"", &line[..at])
        })
    };
    if !crate::text::lines(yaml).any(|l| quoted(l).is_some()) {
        return yaml.into();
    }
    let mut out = String::with_capacity(yaml.len() + 16);
    for line in yaml.split_inclusive('\n') {
        let (text, end) = line.strip_suffix('\n').map_or((line, ""), |t| (t, "\n"));
        out.push_str(&quoted(text).unwrap_or_else(|| text.to_string()));
        out.push_str(end);
    }
    out.into()
}

const CONTROL: &str = "an invisible control character, which YAML does not allow";

/// Rewrites serde's wording into a message and a hint an editor can act on.
fn explain(raw: &str) -> (String, Option<String>) {
    // serde_yaml appends " at line L column C"; the position is shown separately.
    let text = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    // serde_yaml prefixes the field's path (`status: `, `sections[0].items[1]: `); the
    // position already says where, so keep only the message.
    let text = text.split_once(": ").filter(|(p, _)| !p.contains([' ', '`'])).map_or(text, |(_, t)| t);
    for (kind, noun) in [("unknown field", "field"), ("unknown variant", "value")] {
        if let Some(rest) = text.strip_prefix(kind) {
            let found = between_ticks(rest).unwrap_or_default();
            let expected = expected_list(rest);
            let hint = match closest(&found, expected.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None if expected.is_empty() => format!("remove this {noun}"),
                None => format!("allowed: {}", expected.join(", ")),
            };
            return (format!("{kind} `{found}`"), Some(hint));
        }
    }
    if text.starts_with("control characters are not allowed") {
        return (
            CONTROL.into(),
            Some("delete it and type the text again; such characters come in when text is pasted".into()),
        );
    }
    if let Some(rest) = text.strip_prefix("missing field ") {
        let field = between_ticks(rest).unwrap_or_default();
        return (format!("missing field `{field}`"), Some(format!("add `{field}: …`")));
    }
    if text.starts_with("invalid type") {
        return (
            text.to_string(),
            Some("check the value's form: text, a list (`- …` lines) or fields (`key: value`)".into()),
        );
    }
    if text.contains("did not find expected")
        || text.contains("mapping values are not allowed")
        || text.contains("found character")
    {
        return (
            format!("YAML syntax error: {text}"),
            Some("check indentation, and quote values that contain `: ` or start with `[`, `{`, `*` or `#`".into()),
        );
    }
    (text.to_string(), None)
}

/// What YAML refuses in a text: control characters other than tab, line feed, carriage
/// return and NEL, and the non-characters U+FFFE and U+FFFF.
fn refused(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

fn between_ticks(s: &str) -> Option<String> {
    let start = s.find('`')? + 1;
    let end = s[start..].find('`')? + start;
    Some(s[start..end].to_string())
}

fn expected_list(s: &str) -> Vec<String> {
    let Some(i) = s.find("expected") else { return Vec::new() };
    s[i..].split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// serde_yaml points unknown-field errors at the mapping; move them to the key itself.
/// Likewise an unsafe link, reported at the mapping that holds it: move it to the link.
/// A character YAML refuses (a control character) is reported by its byte offset: point at it.
fn refine_position(yaml: &str, first_line: usize, message: &str) -> Option<Pos> {
    if message == CONTROL {
        let (line, text) = yaml.lines().enumerate().find(|(_, l)| l.chars().any(refused))?;
        let column = text.chars().take_while(|&c| !refused(c)).count() + 1;
        return Some(Pos::new(line + first_line, column));
    }
    if let Some(rest) = message.strip_prefix("unsafe link `") {
        let url = &rest[..rest.rfind("`: ")?];
        let at = Locator::new(yaml, first_line);
        return at
            .value(url, None)
            .or_else(|| ["url", "accessibility_statement", "base_url"].iter().find_map(|k| at.key(k)));
    }
    let key = message.strip_prefix("unknown field `")?.strip_suffix('`')?;
    Locator::new(yaml, first_line).key(key)
}

/// Finds where keys and values stand in a YAML text, for errors found after parsing
/// (an unknown party id, a duplicate id). The first match is good enough: ids are unique
/// words in front matter.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Locator {
    /// Not kept in `build`'s cache: the source it came from is read anyway ([`Locator::restore`]).
    #[serde(skip)]
    text: SourceText,
    first_line: usize,
    /// Where each line starts in `text`: a plan looks up each item from the item before on,
    /// and walking its front matter from the top each time was a twentieth of `check`. Found
    /// when first asked: most documents are never asked where anything stands.
    #[serde(skip)]
    starts: std::sync::OnceLock<Vec<usize>>,
}

impl Locator {
    pub(crate) fn new(yaml: impl Into<SourceText>, first_line: usize) -> Self {
        Locator { text: yaml.into(), first_line, starts: std::sync::OnceLock::new() }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|at| at + 1)).collect()
        })
    }

    /// Position of `key:` at the start of a line (after indentation or `- `).
    pub(crate) fn key(&self, key: &str) -> Option<Pos> {
        self.lines().find_map(|(n, line)| {
            let trimmed = line.trim_start_matches([' ', '-', '\t']);
            let col = line.len() - trimmed.len();
            let rest = trimmed.strip_prefix(key)?;
            let rest = rest.trim_start_matches(['"', '\'']);
            (rest.starts_with(':')).then(|| Pos::new(n, line[..col].chars().count() + 1))
        })
    }

    /// Position of `value` as a whole word, searching after the line of `after_key` if given.
    pub(crate) fn value(&self, value: &str, after_key: Option<&str>) -> Option<Pos> {
        self.value_from(value, after_key.and_then(|k| self.key(k)).map_or(0, |p| p.line))
    }

    /// The first place of `value` on line `from` or after.
    pub(crate) fn value_from(&self, value: &str, from: usize) -> Option<Pos> {
        let on_line =
            |(n, line): (usize, &str)| find_word(line, value).map(|b| Pos::new(n, line[..b].chars().count() + 1));
        if value.is_empty() || value.contains('\n') {
            // Rare, and found only within a line: line by line.
            return self.lines_from(from).find_map(on_line);
        }
        // One search of the rest of the text, not one per line: a plan looks up each of its
        // items, and setting up a search per line was most of that.
        let start = self.line_start(from);
        let at = start + find_word(&self.text[start..], value)?;
        let starts = self.starts();
        let line = starts.partition_point(|&s| s <= at).checked_sub(1)?;
        let column = self.text[starts[line]..at].chars().count() + 1;
        Some(Pos::new(line + self.first_line, column))
    }

    /// Like [`Locator::find`], but first from line `from` on (0: the whole front matter).
    pub(crate) fn find_from(&self, key: &str, value: &str, from: usize) -> Pos {
        (from > 0).then(|| self.value_from(value, from)).flatten().unwrap_or_else(|| self.find(key, value))
    }

    /// Best position for a problem with `value` under `key`: the value, else the key, else
    /// the start of the front matter.
    pub(crate) fn find(&self, key: &str, value: &str) -> Pos {
        self.value(value, Some(key))
            .or_else(|| self.value(value, None))
            .or_else(|| self.key(key))
            .unwrap_or(Pos::new(self.first_line.saturating_sub(1).max(1), 1))
    }

    /// Whether it holds `yaml`, the very text it was made from.
    pub(crate) fn holds(&self, yaml: &SourceText) -> bool {
        self.text.is(yaml)
    }

    /// The text again, from the front matter it was made from.
    pub(crate) fn restore(&mut self, yaml: SourceText) {
        *self = Locator::new(yaml, self.first_line);
    }

    /// Forgets the text, keeping only the line it starts at: for documents whose checks are done.
    pub(crate) fn forget_text(&mut self) {
        self.text = SourceText::default();
        self.starts = std::sync::OnceLock::new();
    }

    pub(crate) fn start(&self) -> Pos {
        Pos::new(self.first_line.saturating_sub(1).max(1), 1)
    }

    fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines_from(0)
    }

    /// The lines from line `from` on (numbered as in the file).
    fn lines_from(&self, from: usize) -> impl Iterator<Item = (usize, &str)> {
        let skip = from.saturating_sub(self.first_line);
        crate::text::lines(&self.text[self.line_start(from)..])
            .enumerate()
            .map(move |(i, l)| (i + self.first_line + skip, l))
    }

    /// Where line `from` (numbered as in the file) starts in `text`; its end after the last line.
    fn line_start(&self, from: usize) -> usize {
        let skip = from.saturating_sub(self.first_line);
        if skip == 0 {
            0
        } else {
            self.starts().get(skip).map_or(self.text.len(), |&at| at)
        }
    }
}

/// Where `word` first stands in `text` as a whole word. One searcher for the whole text.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        #[serde(alias = "malgruppe")]
        målgruppe: Option<String>,
    }

    #[test]
    fn unknown_field_gets_position_and_suggestion() {
        let e = parse::<T>(Path::new("c/a.md"), "title: x\nmålgrupe: y\n", 2).unwrap_err();
        assert_eq!(e.message, "unknown field `målgrupe`");
        assert_eq!(e.hint.as_deref(), Some("did you mean `målgruppe`?"));
        assert_eq!((e.line, e.column), (3, 1));
    }

    #[test]
    fn numbers_in_verbatim_fields_keep_their_text() {
        #[derive(Deserialize)]
        struct V {
            version: String,
            phone: String,
            history: Vec<std::collections::BTreeMap<String, String>>,
        }
        let v: V = parse(Path::new("a"), "version: 1.10 # ny\nphone: +45 12 34 56 78\nhistory:\n  - version: 2.0\n", 2)
            .unwrap();
        assert_eq!((v.version.as_str(), v.phone.as_str()), ("1.10", "+45 12 34 56 78"));
        assert_eq!(v.history[0]["version"], "2.0");
    }

    /// Long front matter goes through the parser's 16 KB buffer several times, in runs of
    /// ASCII copied whole between characters decoded one by one (vendor/README.md).
    #[test]
    fn long_front_matter_reads_whole_and_a_control_character_is_placed_exactly() {
        #[derive(Deserialize, Debug)]
        struct Long {
            title: String,
            notes: Vec<String>,
        }
        let notes: Vec<String> = (0..2000).map(|n| format!("Note {n}: åbent møde, tab\t og € i {n}")).collect();
        let mut yaml = String::from("title: Aftale om ø\nnotes:\n");
        notes.iter().for_each(|n| yaml.push_str(&format!("  - \"{n}\"\n")));
        assert!(yaml.len() > 3 * 16384);
        let long: Long = parse(Path::new("a.md"), &yaml, 2).unwrap();
        assert_eq!(long.title, "Aftale om ø");
        assert_eq!(long.notes.len(), 2000);
        assert_eq!(long.notes[1999], "Note 1999: åbent møde, tab\t og € i 1999");
        // Line 1,500 of the front matter (file line 1,501): `  - "Note 1497: å` then U+0001.
        let mut bad = yaml.lines().map(str::to_string).collect::<Vec<_>>();
        bad[1499] = "  - \"Note 1497: å\u{1}\"".to_string();
        let e = parse::<Long>(Path::new("a.md"), &(bad.join("\n") + "\n"), 2).unwrap_err();
        assert_eq!(e.message, "an invisible control character, which YAML does not allow");
        assert_eq!((e.line, e.column), (1501, 18), "{e:?}");
    }

    #[test]
    fn ascii_alias_accepted() {
        let t: T = parse(Path::new("a"), "title: x\nmalgruppe: y\n", 2).unwrap();
        assert_eq!(t.målgruppe.as_deref(), Some("y"));
    }

    #[test]
    fn syntax_error_is_shifted_by_front_matter_start() {
        let e = parse::<T>(Path::new("a"), "title: [x\n", 5).unwrap_err();
        assert!(e.line >= 5, "{e:?}");
    }

    #[test]
    fn a_search_from_a_line_starts_there() {
        let l = Locator::new("items:\n  - title: Mål\n  - title: Mål\n\n  - title: Mål\n", 4);
        assert_eq!(l.value_from("Mål", 0), Some(Pos::new(5, 12)));
        assert_eq!(l.value_from("Mål", 6), Some(Pos::new(6, 12)));
        assert_eq!(l.value_from("Mål", 7), Some(Pos::new(8, 12)), "past the blank line");
        assert_eq!(l.value_from("Mål", 9), None, "after the last line");
        assert_eq!(l.key("items"), Some(Pos::new(4, 1)));
    }

    #[test]
    fn a_value_is_found_as_a_whole_word_on_its_own_line_and_column() {
        let l = Locator::new("målgruppe: Målene\nitems:\n  - title: \"Øl, Mål\"\n", 2);
        assert_eq!(l.value_from("Mål", 0), Some(Pos::new(4, 17)), "columns count letters, not bytes");
        assert_eq!(l.value_from("Mål\"", 0), Some(Pos::new(4, 17)));
        assert_eq!(l.value_from("Mål", 5), None);
        assert_eq!(l.value_from("", 4), Some(Pos::new(4, 1)), "an empty value: where no word is");
        assert_eq!(l.value_from("items\n", 0), None, "a value is found within a line");
    }

    #[test]
    fn locator_finds_values_as_words() {
        let l = Locator::new("title: x\nparties:\n  - kommune-x\n  - kommune\n", 2);
        assert_eq!(l.find("parties", "kommune"), Pos::new(5, 5));
        assert_eq!(l.key("parties"), Some(Pos::new(3, 1)));
    }
}
