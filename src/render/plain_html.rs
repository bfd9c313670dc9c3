//! Plain fragments, cleaned without a parser. Nearly every fragment a site renders is the
//! renderer's own markup: paragraphs, lists, headings with ids, relative links, tables. Running
//! each through ammonia (an HTML parser, a tree and a serializer) was a fifth of `check` and a
//! twentieth of a build. A fragment of only the tags and attributes the policy allows,
//! properly nested so the HTML parser moves nothing, with only relative links and the escapes
//! pulldown-cmark writes, holds nothing to remove: ammonia gives it back as it is, but for how
//! its serializer writes a few characters, which [`clean`] writes the same way. Anything else
//! (another tag or attribute, a link with a scheme, another entity, a tag out of place) is
//! `None`, and goes to ammonia.

use super::policy::{is_alignment, GENERIC_ATTRIBUTES};

/// Phrase tags: allowed in paragraphs, headings, cells and in each other.
const INLINE: [&str; 8] = ["em", "strong", "del", "code", "a", "span", "sup", "sub"];
/// Tags that hold phrases only: the HTML parser closes them before a block.
const PHRASE_ONLY: [&str; 7] = ["p", "h1", "h2", "h3", "h4", "h5", "h6"];
/// Block tags that stand where blocks may (not inside a phrase or a paragraph).
const BLOCK: [&str; 12] = ["p", "ul", "ol", "blockquote", "div", "table", "h1", "h2", "h3", "h4", "h5", "h6"];
/// Table parts, which hold nothing but the next part down and whitespace.
const TABLE: [&str; 4] = ["table", "thead", "tbody", "tr"];

/// `html` as ammonia would clean it, if it is plain; `None` otherwise.
pub(super) fn clean(html: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len() + 8);
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    // By bytes, not chars: the no-break space is the only one of these past ASCII (0xC2 0xA0),
    // and a 0xC2 that starts another letter is copied on as text.
    while let Some(at) = special(rest.as_bytes()) {
        text(&rest[..at], &open)?;
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let end = rest.find('>')?;
            tag(&rest[1..end], &mut open, &mut out)?;
            rest = &rest[end + 1..];
            continue;
        }
        // What follows is text, which a table part may not hold.
        if in_table(&open) {
            return None;
        }
        if rest.starts_with('&') {
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
    text(rest, &open)?;
    out.push_str(rest);
    open.is_empty().then_some(out)
}

/// Where the next byte is that [`clean`] looks at: `<`, `&`, `>`, 0xC2, a carriage return or
/// a NUL. Two vectorised searches, not a test of every byte: most of a fragment is the text
/// between its tags.
fn special(bytes: &[u8]) -> Option<usize> {
    let markup = memchr::memchr3(b'<', b'&', b'>', bytes);
    let before = &bytes[..markup.unwrap_or(bytes.len())];
    memchr::memchr3(0xc2, b'\r', 0, before).or(markup)
}

/// Text where it stands: anything but line breaks and spaces inside a table part is moved
/// out of the table by the parser.
fn text(text: &str, open: &[&str]) -> Option<()> {
    (!in_table(open) || text.bytes().all(|b| b == b' ' || b == b'\n')).then_some(())
}

fn in_table(open: &[&str]) -> bool {
    open.last().is_some_and(|t| TABLE.contains(t))
}

/// Checks one tag (what stands between `<` and `>`) against those open, opens or closes it,
/// and writes it as the serializer would.
fn tag<'a>(inner: &'a str, open: &mut Vec<&'a str>, out: &mut String) -> Option<()> {
    if let Some(name) = inner.strip_prefix('/') {
        (open.pop()? == name).then_some(())?;
        out.push_str("</");
        out.push_str(name);
        out.push('>');
        return Some(());
    }
    let (name, attributes) = inner.split_once(' ').unwrap_or((inner, ""));
    fits(name, open).then_some(())?;
    out.push('<');
    out.push_str(name);
    write_attributes(name, attributes, out)?;
    out.push('>');
    open.push(name);
    Some(())
}

/// Whether `name` opens where the parser leaves it, inside the tags open.
fn fits(name: &str, open: &[&str]) -> bool {
    let parent = open.last().copied();
    let holds_blocks = matches!(parent, None | Some("blockquote" | "li" | "div" | "td" | "th"));
    match name {
        "li" => matches!(parent, Some("ul" | "ol")),
        "thead" | "tbody" => parent == Some("table"),
        "tr" => matches!(parent, Some("thead" | "tbody")),
        "th" | "td" => parent == Some("tr"),
        // A link inside a link closes the first.
        "a" if open.contains(&"a") => false,
        _ if INLINE.contains(&name) => {
            holds_blocks || parent.is_some_and(|p| PHRASE_ONLY.contains(&p) || INLINE.contains(&p))
        }
        _ => BLOCK.contains(&name) && holds_blocks,
    }
}

/// Writes the attributes (`name="value"`, one space apart) the way the serializer does, if
/// the policy keeps every one of them as it is.
fn write_attributes(tag: &str, mut rest: &str, out: &mut String) -> Option<()> {
    let mut seen: Vec<&str> = Vec::new();
    while !rest.is_empty() {
        let (name, after) = rest.split_once("=\"")?;
        let (raw, after) = after.split_once('"')?;
        rest = match after {
            "" => "",
            _ => after.strip_prefix(' ')?,
        };
        // The parser keeps only the first of a name written twice.
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') || seen.contains(&name) {
            return None;
        }
        seen.push(name);
        let value = unescape(raw)?;
        kept(tag, name, &value).then_some(())?;
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        for c in value.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\u{a0}' => out.push_str("&nbsp;"),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    Some(())
}

/// An attribute's value with the escapes pulldown-cmark writes undone; `None` for any other
/// character reference, a carriage return or a NUL.
fn unescape(raw: &str) -> Option<String> {
    if raw.bytes().any(|b| b == b'\r' || b == 0) {
        return None;
    }
    let mut value = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        value.push_str(&rest[..at]);
        rest = &rest[at..];
        let (entity, c) =
            [("&amp;", '&'), ("&quot;", '"'), ("&lt;", '<'), ("&gt;", '>'), ("&#39;", '\''), ("&#x27;", '\'')]
                .into_iter()
                .find(|(e, _)| rest.starts_with(e))?;
        value.push(c);
        rest = &rest[entity.len()..];
    }
    value.push_str(rest);
    Some(value)
}

/// Whether the policy keeps this attribute as it is. A link may not name a scheme: one
/// without a colon is relative, which ammonia keeps; any other goes to ammonia to be judged.
fn kept(tag: &str, name: &str, value: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&name)
        || match (tag, name) {
            ("a", "href") => !value.contains(':'),
            ("th", "scope") | ("ol", "start") => true,
            ("th" | "td", "style") => is_alignment(value),
            _ => false,
        }
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
            "<p class=\"x\">a</p>",
            "<a href=\"x\">a</a>",
            "<h2 id=\"formaal\"><span class=\"clause-no\">1</span> Formål</h2>\n<p>Se <a href=\"../aftaler/b.html#fora\">pkt. 2</a>.</p>",
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Tabel 1\"><table><thead><tr>\
             <th style=\"text-align: center\" scope=\"col\">a</th></tr></thead><tbody>\n<tr><td style=\"text-align: right\">\
             <p>b</p><table><tbody><tr><td>c</td></tr></tbody></table></td></tr>\n</tbody></table>\n</div>",
            "<p title=\"&quot;x&quot; &amp; &#39;y&#x27; &lt;z&gt; ø\u{a0}å\">a</p><ol start=\"3\"><li>b</li></ol>",
            "<p><sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup> <sub>2</sub></p>",
        ] {
            assert_eq!(clean(html).as_deref(), Some(ammonia(html).as_str()), "{html}");
        }
    }

    #[test]
    fn anything_else_goes_to_ammonia() {
        for html in [
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
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"javascript&#58;alert(1)\">x</a>",
            // Allowed, but its scheme is ammonia's to judge.
            "<a href=\"https://example.dk\">x</a>",
            "<p onclick=\"x\">a</p>",
            "<p id=\"a\" id=\"b\">a</p>",
            "<p title=x>a</p>",
            "<p  id=\"a\">a</p>",
            "<p id=\"a\"/>",
            "<P>a</P>",
            "<h2><h3>a</h3></h2>",
            "<p><div>a</div></p>",
            "<a href=\"a\"><a href=\"b\">x</a></a>",
            "<table><tr><td>a</td></tr></table>",
            "<table>x<tbody></tbody></table>",
            "<table><tbody>&amp;</tbody></table>",
            "<table><tbody><tr><td style=\"color: red\">a</td></tr></tbody></table>",
            "<td>a</td>",
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

    /// Up to two attributes: some the policy keeps as they are, some it drops or judges.
    fn attributes() -> impl Strategy<Value = String> {
        let one = prop::sample::select(vec![
            " id=\"x\"",
            " class=\"a b\"",
            " title=\"&quot;ø&quot; &amp; &#39;\u{a0}&lt;\"",
            " href=\"../a.html#b\"",
            " href=\"javascript:x\"",
            " href=\"https://a.dk\"",
            " style=\"text-align: left\"",
            " style=\"color: red\"",
            " scope=\"col\"",
            " start=\"3\"",
            " onclick=\"x\"",
            " data-x=\"1\"",
        ]);
        prop::collection::vec(one, 0..3).prop_map(|v| v.concat())
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
            "h3",
            "a",
            "div",
            "sup",
            "td",
            "abbr",
        ]);
        text().prop_recursive(4, 24, 4, move |inner| {
            (tags.clone(), attributes(), prop::collection::vec(inner, 0..4), text()).prop_map(
                |(tag, attributes, children, tail)| format!("<{tag}{attributes}>{}</{tag}>{tail}", children.concat()),
            )
        })
    }

    /// A table around a fragment, with text where it may and may not stand.
    fn table() -> impl Strategy<Value = String> {
        let part = prop::sample::select(vec!["thead", "tbody"]);
        let cell = prop::sample::select(vec!["th", "td"]);
        let gap = prop::sample::select(vec!["", "\n", " \n", "x"]);
        (part, cell, attributes(), fragment(), gap).prop_map(|(part, cell, attributes, inner, gap)| {
            format!("<table>{gap}<{part}>\n<tr><{cell}{attributes}>{inner}</{cell}></tr>{gap}</{part}></table>")
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn whatever_is_taken_for_plain_is_what_ammonia_makes_of_it(html in prop_oneof![fragment(), table()]) {
            if let Some(fast) = clean(&html) {
                prop_assert_eq!(fast, ammonia(&html));
            }
        }

        #[test]
        fn the_policy_gives_what_ammonia_gives(html in prop_oneof![fragment(), table()]) {
            prop_assert_eq!(HtmlPolicy::new(false).clean(&html), ammonia(&html));
        }
    }
}
