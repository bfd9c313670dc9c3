//! The raw-HTML policy: every HTML fragment made from Markdown (bodies and front matter
//! fields) passes through ammonia, which keeps what documents need and drops scripts, event
//! attributes and unsafe URL schemes. A site opts out with `unsafe_html: true`.

use super::policy::{is_alignment, GENERIC_ATTRIBUTES};
use std::collections::{HashMap, HashSet};

/// Tags a document may use beyond ammonia's defaults: task list boxes.
const EXTRA_TAGS: [&str; 1] = ["input"];

/// Link schemes that may stay; relative links always stay.
const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// How Markdown-made HTML is cleaned before it reaches a page.
pub(crate) struct HtmlPolicy {
    cleaner: Option<ammonia::Builder<'static>>,
}

impl HtmlPolicy {
    /// Whether HTML is cleaned at all (a part of every rendered document's cache key).
    pub(crate) fn is_safe(&self) -> bool {
        self.cleaner.is_some()
    }

    /// The safe policy, or none at all when the site opted in to raw HTML.
    pub(crate) fn new(unsafe_html: bool) -> HtmlPolicy {
        if unsafe_html {
            return HtmlPolicy { cleaner: None };
        }
        let mut b = ammonia::Builder::default();
        b.add_tags(EXTRA_TAGS)
            .add_generic_attributes(GENERIC_ATTRIBUTES)
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("th", ["style", "scope"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("ol", ["start"])
            .url_schemes(URL_SCHEMES.into_iter().collect::<HashSet<_>>())
            // Links are written by the organisation's own editors, to its own pages mostly:
            // no `rel` is added, so the pages stay as they were.
            .link_rel(None)
            .tag_attribute_values(HashMap::from([("input", HashMap::from([("type", HashSet::from(["checkbox"]))]))]))
            .attribute_filter(|_tag, attr, value| match attr {
                // Table alignment is the only style pulldown-cmark writes; nothing else may pass.
                "style" => is_alignment(value).then_some(value.into()),
                _ => Some(value.into()),
            });
        HtmlPolicy { cleaner: Some(b) }
    }

    /// The fragment as it may appear on a page.
    pub(crate) fn clean(&self, html: &str) -> String {
        match &self.cleaner {
            Some(b) => super::plain_html::clean(html).unwrap_or_else(|| b.clean(html).to_string()),
            None => html.to_string(),
        }
    }

    /// [`HtmlPolicy::clean`] with every fragment through ammonia, to check the plain path by.
    #[cfg(test)]
    pub(crate) fn clean_slowly(&self, html: &str) -> String {
        match &self.cleaner {
            Some(b) => b.clean(html).to_string(),
            None => html.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_document_markup() {
        let p = HtmlPolicy::new(false);
        for html in [
            "<h2 id=\"formaal\">Formål</h2>",
            "<p><span class=\"blank\"><span class=\"blank-label\">udfyldes</span></span></p>",
            "<div class=\"guidance\" role=\"note\"><p><strong class=\"guidance-label\">Vejledning:</strong> x</p></div>",
            "<details><summary>Mere</summary><p>x</p></details>",
            "<p><abbr title=\"Praktiserende læge\">PL</abbr> H<sub>2</sub>O x<sup>2</sup><br></p>",
            "<table><thead><tr><th style=\"text-align: center\">a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>",
            "<p><img src=\"bilag/figur.png\" alt=\"Figur\"></p>",
            "<p><a href=\"../aftaler/a.html#formaal\">a</a> <a href=\"mailto:a@b.dk\">b</a></p>",
            "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\">\nx</li>\n</ul>",
        ] {
            assert_eq!(p.clean(html), html);
        }
    }

    #[test]
    fn drops_scripts_events_and_unsafe_urls() {
        let p = HtmlPolicy::new(false);
        let out = p.clean(
            "<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a>\
             <td style=\"background:url(javascript:alert(1))\">",
        );
        assert!(!out.contains("script") && !out.contains("onerror") && !out.contains("style"), "{out}");
    }

    #[test]
    fn opting_in_keeps_raw_html() {
        assert_eq!(HtmlPolicy::new(true).clean("<script>x</script>"), "<script>x</script>");
    }
}
