//! Control characters: a YAML escape (`"\x1b"`, `"\0"`) can put them into any field. Published
//! text drops them (a NUL in HTML, a form feed in `feed.xml` that makes it ill-formed), and the
//! terminal shows them visibly, so content cannot move the cursor or fake "0 error(s)".

/// True for characters no published text keeps: C0 controls other than tab, line feed and
/// carriage return (which formats use as line ends), and DEL.
fn is_dropped(c: char) -> bool {
    (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')) || ('\u{80}'..='\u{9f}').contains(&c)
}

/// The generated file without control characters; other bytes untouched.
pub(crate) fn drop_from_text(bytes: Vec<u8>) -> Vec<u8> {
    // C1 controls are 0xC2 0x80–0x9F in UTF-8; 0xC2 alone also starts `·` and the soft
    // hyphen, which nearly every page has, so the pair is what is looked for.
    let c0 = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f;
    let has_any =
        bytes.iter().copied().any(c0) || bytes.windows(2).any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]));
    if !has_any {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(text) => text.chars().filter(|&c| !is_dropped(c)).collect::<String>().into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// Text for the terminal: every control character but tab shown as `\u{1b}`.
pub(crate) fn visible(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() && c != '\t') {
        return s.to_string();
    }
    s.chars()
        .map(|c| if c.is_control() && c != '\t' { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_text_loses_controls_but_keeps_line_ends_and_letters() {
        assert_eq!(drop_from_text("a\0b\x1b[2Jc\x0cæ\u{85}\r\n\t".as_bytes().to_vec()), "ab[2Jcæ\r\n\t".as_bytes());
        assert_eq!(drop_from_text(vec![0xff, 0]), vec![0xff, 0], "not text: left alone");
    }

    #[test]
    fn terminal_sees_escapes_as_text() {
        assert_eq!(visible("0 error(s)\x1b[1A\rø\t"), "0 error(s)\\u{1b}[1A\\u{d}ø\t");
    }
}
