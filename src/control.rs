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
    if !has_any(&bytes) {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(text) => text.chars().filter(|&c| !is_dropped(c)).collect::<String>().into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// Whether `bytes` holds a dropped C0 control, DEL or the start of a C1 pair. Every page goes
/// through here: over blocks of a fixed size, branch-free, so the compiler compares many bytes
/// at once (a tenth of the instructions of a loop of unknown length), and only a block with a
/// hit ends the search.
fn has_any(bytes: &[u8]) -> bool {
    // C1 controls are 0xC2 0x80–0x9F; a pair may straddle two blocks, so blocks overlap by one.
    const BLOCK: usize = 64;
    let mut start = 0;
    while let Some(block) = bytes.get(start..start + BLOCK + 1) {
        let Ok(block) = <&[u8; BLOCK + 1]>::try_from(block) else { break };
        let mut hits = 0u8;
        for i in 0..BLOCK {
            hits |= u8::from(c0(block[i]) | c1(block[i], block[i + 1]));
        }
        if hits != 0 {
            return true;
        }
        start += BLOCK;
    }
    let tail = &bytes[start.min(bytes.len())..];
    tail.iter().any(|&b| c0(b)) || tail.windows(2).any(|w| c1(w[0], w[1]))
}

/// A dropped C0 control or DEL.
fn c0(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0x7f)
}

/// The two bytes of a C1 control.
fn c1(a: u8, b: u8) -> bool {
    (a == 0xc2) & (b & 0xe0 == 0x80)
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
    fn controls_are_found_anywhere_in_a_long_page() {
        let page = "æ·ø\u{ad} ".repeat(40).into_bytes();
        assert!(!has_any(&page), "the middle dot and the soft hyphen are letters, not controls");
        for at in 0..=page.len() {
            let mut with = page.clone();
            with.insert(at, 0x1b);
            assert!(has_any(&with), "escape at {at}");
            let mut pair = page.clone();
            pair.splice(at..at, [0xc2, 0x85]);
            assert!(has_any(&pair), "C1 pair at {at}");
        }
        let mut straddling = vec![b'a'; 63];
        straddling.extend([0xc2, 0x9f]);
        assert!(has_any(&straddling), "a pair across two blocks");
    }

    #[test]
    fn terminal_sees_escapes_as_text() {
        assert_eq!(visible("0 error(s)\x1b[1A\rø\t"), "0 error(s)\\u{1b}[1A\\u{d}ø\t");
    }
}
