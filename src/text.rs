//! A part of a source file's text, shared with the file rather than copied: the model keeps
//! each document's body and front matter for the later stages, and copies of them doubled
//! the sources' memory while a site was loaded (a fifth of a one-edit rebuild's peak heap).

use std::ops::Range;
use std::sync::Arc;

/// `range` of `whole`, which is valid UTF-8 at both ends (checked when it is made).
#[derive(Clone, Default)]
pub(crate) struct SourceText {
    whole: Option<Arc<str>>,
    range: Range<usize>,
}

impl SourceText {
    /// `range` of `whole`; empty if `range` does not fall on character boundaries within it.
    pub(crate) fn new(whole: &Arc<str>, range: Range<usize>) -> SourceText {
        match whole.get(range.clone()) {
            Some(_) => SourceText { whole: Some(whole.clone()), range },
            None => SourceText::default(),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        // `new` checked the range; an empty one has no text.
        self.whole.as_deref().and_then(|w| w.get(self.range.clone())).unwrap_or("")
    }

    /// Whether it is the very text `other` is (the same part of the same file's text).
    pub(crate) fn is(&self, other: &SourceText) -> bool {
        let same = match (&self.whole, &other.whole) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same && self.range == other.range
    }
}

/// A text of its own, for tests and for what is not part of a file.
impl From<&str> for SourceText {
    fn from(text: &str) -> SourceText {
        let whole: Arc<str> = Arc::from(text);
        SourceText { range: 0..whole.len(), whole: Some(whole) }
    }
}

impl std::ops::Deref for SourceText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for SourceText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// `text.lines()`, found with memchr's SIMD search: the standard library's finds each line
/// end a word at a time, and front matter is walked line by line several times per document.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            // As `str::lines`: the line end goes, and a `\r` before it.
            Some(at) => (rest[..at].strip_suffix('\r').unwrap_or(&rest[..at]), &rest[at + 1..]),
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn lines_are_the_standard_librarys(text in "[a-zæø \r\n]{0,30}") {
            proptest::prop_assert_eq!(lines(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_part_reads_as_its_range_of_the_file_and_shares_it() {
        let file: Arc<str> = Arc::from("---\ntitle: Ø\n---\nBrødtekst");
        let body = SourceText::new(&file, 18..28);
        assert_eq!(&*body, "Brødtekst");
        assert_eq!(Arc::strong_count(&file), 2, "shared, not copied");
        assert!(body.is(&SourceText::new(&file, 18..28)));
        assert!(!body.is(&SourceText::from("Brødtekst")), "equal text of another file is not the same part");
        // 'ø' is two bytes: a range ending inside it holds no text.
        assert_eq!(&*SourceText::new(&file, 18..21), "");
        assert_eq!(&*SourceText::new(&file, 18..99), "");
    }
}
