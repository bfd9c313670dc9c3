//! Plain fragments, cleaned without a parser. Most fragments a site renders are a plan item's
//! question or answer: a paragraph or a list of plain text with emphasis. Running each of them
//! through ammonia (an HTML parser, a tree and a serializer) was a fifth of `check`. A fragment
//! of only those few tags, without attributes, properly nested, with only the escapes
//! pulldown-cmark writes, holds nothing to remove: ammonia gives it back as it is, but for
//! how its serializer writes two characters, which [`clean`] writes the same way. Anything
//! else (an attribute, another tag, another entity, a tag out of place) is `None`, and goes
//! to ammonia.

/// Phrase tags: allowed in paragraphs and in each other.
const INLINE: [&str; 4] = ["em", "strong", "del", "code"];
/// Block tags, which the HTML parser moves or closes when they stand inside a phrase.
const BLOCK: [&str; 5] = ["p", "ul", "ol", "li", "blockquote"];

/// `html` as ammonia would clean it, if it is plain; `None` otherwise.
pub(super) fn clean(html: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len() + 8);
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    // By bytes, not chars: the no-break space is the only one of these past ASCII (0xC2 0xA0),
    // and a 0xC2 that starts another letter is copied on as text.
    while let Some(at) = rest.bytes().position(|b| matches!(b, b'<' | b'&' | b'>' | 0xc2 | b'\r' | 0)) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let end = rest.find('>')?;
            tag(&rest[1..end], &mut open)?;
            out.push_str(&rest[..=end]);
            rest = &rest[end + 1..];
        } else if rest.starts_with('&') {
            let entity = ["&amp;", "&lt;", "&gt;", "&quot;"].into_iter().find(|e| rest.starts_with(e))?;
            // The serializer writes a quote in text as it is.
            out.push_str(if entity == "&quot;" { "\"" } else { entity });
            rest = &rest[entity.len()..];
        } else if rest.starts_with('\u{a0}') {
            out.push_str("&nbsp;");
            rest = &rest['\u{a0}'.len_utf8()..];
        } else if let Some(c) = rest.chars().next().filter(|&c| c as u32 >= 0x80) {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        } else {
            // A bare `>`, a carriage return or a NUL: the parser has its own ways with them.
            return None;
        }
    }
    out.push_str(rest);
    open.is_empty().then_some(out)
}

/// Checks one tag (what stands between `<` and `>`) against those open, and opens or closes it.
fn tag<'a>(inner: &'a str, open: &mut Vec<&'a str>) -> Option<()> {
    if let Some(name) = inner.strip_prefix('/') {
        return (open.pop()? == name).then_some(());
    }
    let inline = INLINE.contains(&inner);
    if !inline && !BLOCK.contains(&inner) {
        return None;
    }
    let fits = match open.last().copied() {
        Some("ul" | "ol") => inner == "li",
        // A list item belongs in a list (one inside another closes the first).
        _ if inner == "li" => false,
        None | Some("blockquote" | "li") => true,
        // A paragraph or phrase holds phrases only.
        Some(_) => inline,
    };
    fits.then(|| open.push(inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sanitize::HtmlPolicy;
    use proptest::prelude::*;

    fn ammonia(html: &str) -> String {
        HtmlPolicy::new(false).clean_slowly(html)
    }

    #[test]
    fn plain_fragments_come_out_as_ammonia_writes_them() {
        for html in [
            "<p>Kommunen &amp; regionen</p>\n",
            "<p>Han sagde &quot;ja&quot; &lt;3 og 2&gt;1</p>\n",
            "<ul>\n<li>en</li>\n<li><p>to <em>x</em></p>\n<ol>\n<li>a</li>\n</ol>\n</li>\n</ul>\n",
            "<blockquote>\n<p><strong><code>kode</code></strong> <del>slet</del></p>\n</blockquote>\n",
            "<p>uden\u{a0}brud · § 3 fælles\u{ad}skab</p>",
            "",
            "tekst uden tags",
        ] {
            assert_eq!(clean(html).as_deref(), Some(ammonia(html).as_str()), "{html}");
        }
    }

    #[test]
    fn anything_else_goes_to_ammonia() {
        for html in [
            "<p class=\"x\">a</p>",
            "<a href=\"x\">a</a>",
            "<script>x</script>",
            "<p>a<ul><li>b</li></ul></p>",
            "<em>a<p>b</p></em>",
            "<li>a</li>",
            "<ul><li>a<li>b</li></li></ul>",
            "<p>a",
            "<p>a</em>",
            "<p>&#39;</p>",
            "<p>a > b</p>",
            "<p>a\r\nb</p>",
            "<br />",
            "<p>a</p",
        ] {
            assert_eq!(clean(html), None, "{html}");
        }
    }

    /// Text with the characters and escapes that matter.
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                "[a-zæøå·§\u{ad} \"'<>]{0,5}",
                Just("&amp;".into()),
                Just("&quot;".into()),
                Just("&lt;".into()),
                Just("&gt;".into()),
                Just("&#39;".into()),
                Just("\n".into()),
                Just("\u{a0}".into())
            ],
            0..4,
        )
        .prop_map(|v| v.concat().replace(['<', '>'], "").replace('\u{0}', ""))
    }

    /// Properly nested trees of the plain tags and a few others, in any order of nesting,
    /// so some are plain and some are out of place.
    fn fragment() -> impl Strategy<Value = String> {
        let tags = prop::sample::select(vec![
            "p",
            "ul",
            "ol",
            "li",
            "blockquote",
            "em",
            "strong",
            "del",
            "code",
            "span",
            "h2",
        ]);
        text().prop_recursive(4, 24, 4, move |inner| {
            (tags.clone(), prop::collection::vec(inner, 0..4), text())
                .prop_map(|(tag, children, tail)| format!("<{tag}>{}</{tag}>{tail}", children.concat()))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn whatever_is_taken_for_plain_is_what_ammonia_makes_of_it(html in fragment()) {
            if let Some(fast) = clean(&html) {
                prop_assert_eq!(fast, ammonia(&html));
            }
        }

        #[test]
        fn the_policy_gives_what_ammonia_gives(html in fragment()) {
            prop_assert_eq!(HtmlPolicy::new(false).clean(&html), ammonia(&html));
        }
    }
}
