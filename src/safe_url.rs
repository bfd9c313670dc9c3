//! URLs written by editors (`url`, `menu`, `accessibility_statement`, `base_url`): only the
//! schemes a page may safely link to. `javascript:`, `data:` and the like run code in the
//! reader's browser, so they are refused where they are written, at their line.

use serde::{Deserialize, Deserializer};

/// Schemes a link may use; a URL without a scheme is relative and always allowed.
const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The scheme as a browser reads it, lowercased; `None` for a relative URL. Browsers drop
/// tabs and newlines anywhere and control characters and spaces at the ends, so
/// `java\tscript:` is `javascript:` to them and must be to us.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c.is_ascii_control() || c == ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if !cleaned[end..].starts_with(':') {
        return None;
    }
    Some(cleaned[..end].to_ascii_lowercase())
}

/// Checks a link target: http(s), mailto, tel or relative.
pub fn check_link(url: &str) -> Result<(), String> {
    if url.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return Err(format!("unsafe link `{}`: a link must not contain control characters", url.escape_debug()));
    }
    match scheme(url) {
        None => Ok(()),
        Some(s) if LINK_SCHEMES.contains(&s.as_str()) => Ok(()),
        Some(_) => Err(format!(
            "unsafe link `{}`: only http://, https://, mailto:, tel: or relative links are allowed",
            url.escape_debug()
        )),
    }
}

/// Checks an absolute web address (`base_url`): http or https only.
pub fn check_web(url: &str) -> Result<(), String> {
    check_link(url)?;
    match scheme(url).as_deref() {
        Some("http" | "https") => Ok(()),
        _ => Err(format!("unsafe link `{}`: the address must start with https:// (or http://)", url.escape_debug())),
    }
}

/// serde `deserialize_with` for an optional link field: the error carries the field's position.
pub fn optional_link<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let url = Option::<String>::deserialize(d)?;
    if let Some(u) = &url {
        check_link(u).map_err(serde::de::Error::custom)?;
    }
    Ok(url)
}

/// serde `deserialize_with` for a required link field.
pub fn link<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let url = String::deserialize(d)?;
    check_link(&url).map_err(serde::de::Error::custom)?;
    Ok(url)
}

/// serde `deserialize_with` for `base_url`.
pub fn optional_web<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let url = Option::<String>::deserialize(d)?;
    if let Some(u) = &url {
        check_web(u).map_err(serde::de::Error::custom)?;
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_schemes_and_relative_links_pass() {
        for u in [
            "https://x.dk/a?b#c",
            "HTTP://x.dk",
            "mailto:a@b.dk",
            "tel:+4512345678",
            "side.html",
            "/a/b",
            "#top",
            "a/b:c",
        ] {
            assert_eq!(check_link(u), Ok(()), "{u}");
        }
    }

    #[test]
    fn script_schemes_are_refused_however_disguised() {
        for u in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            assert!(check_link(u).is_err(), "{u:?}");
        }
    }

    #[test]
    fn base_url_must_be_a_web_address() {
        assert!(check_web("https://intra.kommune.dk/aftaler").is_ok());
        assert!(check_web("mailto:a@b.dk").is_err());
        assert!(check_web("aftaler").is_err());
    }
}
