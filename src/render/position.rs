//! Source positions for Markdown: byte offset → line and column in O(log n), whatever the
//! length of a line, so that reporting stays linear on pathological input (one line of
//! 100,000 code spans). Columns count characters, as editors do.

use crate::diagnostics::Pos;
use std::cell::Cell;

/// Where a text came from: a body (positions counted from `line`), or a front matter field
/// (every position is the field's own).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Origin {
    Body { line: usize },
    Field(Pos),
}

/// Bytes per block of the character-count index.
const BLOCK: usize = 256;

/// Byte offset → line and column in the source file.
pub(super) struct LineIndex<'a> {
    text: &'a [u8],
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// Characters before each block of `BLOCK` bytes.
    chars_before_block: Vec<usize>,
    origin: Origin,
    /// The last offset asked for, with the characters before it, and the last line with the
    /// characters before its start: a text's events are asked for in order, mostly several
    /// on one line, so counting on from the last answer is a few bytes, not up to a block.
    last: Cell<(usize, usize)>,
    line: Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(text: &'a str, origin: Origin) -> Self {
        let (last, line) = (Cell::new((0, 0)), Cell::new((0, 0)));
        if let Origin::Field(_) = origin {
            // Every position in a field is the field's own: nothing to index.
            return LineIndex {
                text: text.as_bytes(),
                starts: Vec::new(),
                chars_before_block: Vec::new(),
                origin,
                last,
                line,
            };
        }
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut total = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before_block.push(total);
            total += block.iter().filter(|&&b| is_char_start(b)).count();
        }
        LineIndex { text: text.as_bytes(), starts, chars_before_block, origin, last, line }
    }

    pub(super) fn pos(&self, offset: usize) -> Pos {
        match self.origin {
            Origin::Field(p) => p,
            Origin::Body { line } => {
                let offset = offset.min(self.text.len());
                let idx = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
                let col = self.chars_before(offset) - self.chars_before_line(idx) + 1;
                Pos::new(line + idx, col)
            }
        }
    }

    /// Characters in `text[..offset]`: counted on from the last offset asked for if that is
    /// at most a block before, else a block's count plus at most `BLOCK` bytes.
    fn chars_before(&self, offset: usize) -> usize {
        let (at, chars) = self.last.get();
        let n = if (at..=at + BLOCK).contains(&offset) {
            chars + count_chars(&self.text[at..offset])
        } else {
            self.chars_before_by_block(offset)
        };
        self.last.set((offset, n));
        n
    }

    /// Characters before line `idx`'s start.
    fn chars_before_line(&self, idx: usize) -> usize {
        match self.line.get() {
            (i, chars) if i == idx => chars,
            _ => {
                let chars = self.chars_before_by_block(self.starts[idx]);
                self.line.set((idx, chars));
                chars
            }
        }
    }

    fn chars_before_by_block(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let base = self.chars_before_block.get(block).copied().unwrap_or(0);
        base + count_chars(&self.text[block * BLOCK..offset])
    }
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| is_char_start(b)).count()
}

fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// Where the blanks (three or more `_`, each possibly escaped as `\_`) start in a source
/// text, in characters from its start: `Fra den \_\_\_\_ og \_\_\_.` → 8 and 20.
pub(super) fn blank_columns(src: &str) -> Vec<usize> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, mut underscores) = (i, 0);
        loop {
            match (chars.get(i), chars.get(i + 1)) {
                (Some('_'), _) => i += 1,
                (Some('\\'), Some('_')) => i += 2,
                _ => break,
            }
            underscores += 1;
        }
        if underscores >= 3 {
            out.push(start);
        }
        if i == start {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_in_characters() {
        let text = "æøå\nab".repeat(200);
        let idx = LineIndex::new(&text, Origin::Body { line: 10 });
        assert_eq!(idx.pos(0), Pos::new(10, 1));
        assert_eq!(idx.pos(2), Pos::new(10, 2));
        assert_eq!(idx.pos(7), Pos::new(11, 1));
        let last = text.rfind('\n').unwrap() + 2;
        assert_eq!(idx.pos(last), Pos::new(10 + 200, 2));
        let long = "ø".repeat(1000);
        assert_eq!(LineIndex::new(&long, Origin::Body { line: 1 }).pos(1998), Pos::new(1, 1000));
    }

    #[test]
    fn positions_asked_in_any_order_are_the_same() {
        let text = format!("æb\n{}\nø{}x\n\nend", "ø".repeat(300), "a".repeat(600));
        let naive = |offset: usize| {
            let before = &text[..offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            Pos::new(1 + before.matches('\n').count(), before[line_start..].chars().count() + 1)
        };
        let offsets: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let idx = LineIndex::new(&text, Origin::Body { line: 1 });
        let orders =
            [offsets.clone(), offsets.iter().rev().copied().collect(), offsets.iter().step_by(97).copied().collect()];
        for offset in orders.iter().flatten().copied() {
            assert_eq!(idx.pos(offset), naive(offset), "at {offset}");
        }
    }

    #[test]
    fn blanks_counted_in_source_characters() {
        assert_eq!(blank_columns(r"Fra den \_\_\_\_ og \_\_\_."), vec![8, 20]);
        assert_eq!(blank_columns("a ___ b __ c _____"), vec![2, 13]);
    }
}
