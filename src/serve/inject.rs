//! The live-reload script and its injection: only `serve` adds it, to every HTML page it
//! sends, just before `</body>`; the built site never contains it.

use crate::config::Language;
use crate::i18n;
use crate::theme::escape_html;

/// The script served at [`super::route::SCRIPT`].
pub(super) const SCRIPT: &str = include_str!("livereload.js");

/// The `<script>` tag for a page served from `generation`, with the overlay's labels in the
/// site's language as data attributes (the script reads them; no inline code, so a page's
/// own Content-Security-Policy of `script-src 'self'` still lets it run).
pub(super) fn script_tag(generation: u64, language: Language) -> String {
    let t = i18n::strings(language);
    format!(
        "<script src=\"{}\" data-generation=\"{generation}\" data-label=\"{}\" data-close=\"{}\"></script>\n",
        super::route::SCRIPT,
        escape_html(t.reload_errors),
        escape_html(t.close),
    )
}

/// The page with the tag before its last `</body>` (any case), or at its end without one.
pub(super) fn inject(page: &[u8], tag: &str) -> Vec<u8> {
    let at = rfind_ascii_ci(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + tag.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The page shown while no build has succeeded yet: the overlay carries the errors.
pub(super) fn placeholder(tag: &str, language: Language) -> Vec<u8> {
    let t = i18n::strings(language);
    let (lang, title) = (t.lang, t.build_failed);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body><main><h1>{title}</h1></main>\n{tag}</body></html>\n"
    )
    .into_bytes()
}

fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).rev().find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goes_before_the_last_closing_body() {
        let page = b"<html><body><p>x</p><pre></body></pre></BODY></html>";
        let out = String::from_utf8(inject(page, "<script></script>")).unwrap();
        assert_eq!(out, "<html><body><p>x</p><pre></body></pre><script></script></BODY></html>");
    }

    #[test]
    fn appended_without_a_body_tag() {
        assert_eq!(inject(b"<p>x", "<s>"), b"<p>x<s>");
        assert_eq!(inject(b"", "<s>"), b"<s>");
    }

    #[test]
    fn tag_carries_generation_and_language() {
        let da = script_tag(7, Language::Da);
        assert!(da.contains("data-generation=\"7\"") && da.contains("Fejl i indholdet") && da.contains("Luk"), "{da}");
        let en = script_tag(1, Language::En);
        assert!(en.contains("Errors in the content") && en.contains("Close"), "{en}");
    }

    #[test]
    fn script_never_writes_html_from_data() {
        assert!(
            !SCRIPT.contains("innerHTML")
                && !SCRIPT.contains("insertAdjacentHTML")
                && !SCRIPT.contains("document.write")
        );
        assert!(SCRIPT.contains("textContent"));
    }
}
