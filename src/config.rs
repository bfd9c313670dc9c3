//! Site configuration: `site.yaml` parsed raw (unknown keys are errors) and resolved with the
//! command line's options into one `Config` that every later stage reads.

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Pos};
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    organisation: Option<String>,
    language: Option<Language>,
    #[serde(default, deserialize_with = "crate::safe_url::optional_web")]
    base_url: Option<String>,
    theme: Option<String>,
    today: Option<Date>,
    #[serde(default)]
    menu: Vec<MenuLink>,
    #[serde(default, deserialize_with = "crate::safe_url::optional_link")]
    accessibility_statement: Option<String>,
    /// Let raw HTML in Markdown through unsanitized (scripts included): only for sites whose
    /// every editor is trusted. See docs/security.md.
    #[serde(default)]
    unsafe_html: bool,
    /// Files in the output folder that the build carries over (`web.config`, `.htaccess`).
    #[serde(default)]
    keep: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Da,
    En,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuLink {
    pub title: String,
    #[serde(deserialize_with = "crate::safe_url::link")]
    pub url: String,
}

/// What the command line may set over `site.yaml`.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Render pages and exports (false for `check`, which stops after the checks).
    pub pages: bool,
    pub drafts: bool,
    pub today: Option<Date>,
    pub base_url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    pub organisation: Option<String>,
    pub language: Language,
    /// Without a trailing slash; `None` means no sitemap or feed.
    pub base_url: Option<String>,
    pub theme: String,
    pub today: Date,
    pub menu: Vec<MenuLink>,
    pub accessibility_statement: Option<String>,
    pub drafts: bool,
    /// Raw HTML in Markdown is published as written (`unsafe_html: true`).
    pub unsafe_html: bool,
    /// Names of files in the output folder that every build carries over.
    pub keep: Vec<String>,
}

pub use crate::source::CONFIG_FILE;

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions { pages: true, drafts: false, today: None, base_url: None }
    }
}

/// Reads `root/site.yaml` (optional: a site without one gets defaults).
pub fn load(root: &Path, opts: &BuildOptions) -> Result<Config, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    let raw: RawConfig = match std::fs::read(&path) {
        Ok(bytes) => {
            let text = crate::source::decode(bytes)
                .map_err(|pos| Diagnostic::error(CONFIG_FILE, pos, "site.yaml is not valid UTF-8"))?;
            yaml::parse(Path::new(CONFIG_FILE), &text, 1)?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => RawConfig::default(),
        Err(e) => return Err(Diagnostic::error(CONFIG_FILE, Pos::default(), format!("cannot read site.yaml: {e}"))),
    };
    let today = opts.today.or_else(source_date_epoch).or(raw.today).unwrap_or_else(Date::now);
    if let Some(u) = &opts.base_url {
        crate::safe_url::check_web(u).map_err(|e| Diagnostic::error("--base-url", Pos::default(), e))?;
    }
    let base_url =
        opts.base_url.clone().or(raw.base_url).map(|u| u.trim_end_matches('/').to_string()).filter(|u| !u.is_empty());
    Ok(Config {
        root: root.to_path_buf(),
        title: raw.title.unwrap_or_else(|| "Aftalebog".to_string()),
        organisation: raw.organisation,
        language: raw.language.unwrap_or_default(),
        base_url,
        theme: raw.theme.unwrap_or_else(|| "default".to_string()),
        today,
        menu: raw.menu,
        accessibility_statement: raw.accessibility_statement,
        drafts: opts.drafts,
        unsafe_html: raw.unsafe_html,
        keep: raw.keep,
    })
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for a fixed build time.
fn source_date_epoch() -> Option<Date> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse::<i64>().ok().and_then(Date::from_unix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_an_error_with_suggestion() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "title: X\nlanguge: en\n").unwrap();
        let e = load(dir.path(), &BuildOptions::default()).unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (2, "unknown field `languge`"));
        assert_eq!(e.hint.as_deref(), Some("did you mean `language`?"));
    }

    #[test]
    fn unsafe_urls_are_errors_at_their_line() {
        let dir = tempfile::tempdir().unwrap();
        for (yaml, line) in [
            ("title: X\nmenu:\n  - title: Hjem\n    url: javascript:alert(1)\n", 4),
            ("title: X\naccessibility_statement: data:text/html,x\n", 2),
            ("base_url: mailto:a@b.dk\n", 1),
        ] {
            std::fs::write(dir.path().join("site.yaml"), yaml).unwrap();
            let e = load(dir.path(), &BuildOptions::default()).unwrap_err();
            assert_eq!(e.line, line, "{yaml}: {e:?}");
        }
    }

    #[test]
    fn command_line_today_wins() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "today: 2020-01-01\nbase_url: https://x.dk/a/\n").unwrap();
        let opts = BuildOptions { today: Date::parse("2024-05-06"), ..Default::default() };
        let c = load(dir.path(), &opts).unwrap();
        assert_eq!(c.today.to_string(), "2024-05-06");
        assert_eq!(c.base_url.as_deref(), Some("https://x.dk/a"));
    }
}
