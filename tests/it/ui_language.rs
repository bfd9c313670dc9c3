//! An English site speaks English: no Danish UI text in any page, label or script.

use crate::browser::{all_pages, built};
use crate::harness;

/// `text` has `word` with no letter or digit right before or after it.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        let after = text[i + word.len()..].chars().next().is_some_and(char::is_alphanumeric);
        !before && !after
    })
}

/// The values of the attributes that carry UI text: labels, titles and the search box's
/// `data-` messages.
fn ui_attributes(html: &str) -> String {
    let mut out = String::new();
    let names = [
        "aria-label",
        "title",
        "placeholder",
        "alt",
        "data-hint",
        "data-none",
        "data-one",
        "data-results",
        "data-more",
        "data-loading",
        "data-failed",
        "data-shown",
    ];
    for name in names.map(|n| format!(" {n}=\"")) {
        for (i, _) in html.match_indices(&name) {
            out.push_str(html[i + name.len()..].split('"').next().unwrap_or(""));
            out.push(' ');
        }
    }
    out
}

#[test]
fn english_site_has_no_danish_ui_text() {
    let site = built(harness::fixture("browser", "en"));
    let da = serde_json::to_value(&aftalebog::i18n::DA).unwrap();
    let en = serde_json::to_value(&aftalebog::i18n::EN).unwrap();
    let danish: Vec<(String, String)> = da
        .as_object()
        .unwrap()
        .iter()
        // `Type` is Danish for "Kind", and an English word too.
        .filter(|(k, v)| !["lang", "kind"].contains(&k.as_str()) && en[k.as_str()] != **v)
        .map(|(k, v)| {
            (k.clone(), v.as_str().unwrap().replace('&', "&amp;").replace('\'', "&#x27;").replace('/', "&#x2F;"))
        })
        .collect();
    let mut found = Vec::new();
    for page in
        all_pages(&site).iter().map(String::as_str).chain(["assets/search.js", "assets/site.js", "search-index.js"])
    {
        let raw = site.page(page);
        let html = if page.ends_with(".html") {
            format!("{} {}", harness::visible_text(&raw), ui_attributes(&raw))
        } else {
            raw
        };
        found.extend(danish.iter().filter(|(_, v)| has_word(&html, v)).map(|(k, v)| format!("{page}: t.{k} = {v:?}")));
    }
    assert!(found.is_empty(), "Danish UI text on the English site:\n{}", found.join("\n"));
    assert!(site.page("index.html").contains("<html lang=\"en\">"));
}
