//! Theme: the default templates and assets are compiled into the binary, so an installed
//! aftalebog works anywhere; a site's `themes/<name>/` or `templates/` overrides them file by
//! file. Templates are compiled once per build and shared by every page.

use crate::diagnostics::{Diagnostic, Pos};
use std::path::Path;
use tera::Tera;

macro_rules! embedded {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/", $dir, "/", $name)))),*]
    };
}

pub(crate) const TEMPLATES: &[(&str, &str)] = embedded!("templates":
    "base.html", "macros.html", "index.html", "aftaler.html", "aftale.html", "handleplaner.html",
    "handleplan.html", "principper.html", "princip.html", "frister.html", "parter.html", "part.html",
    "dokumenter.html", "dokument.html", "emner.html", "emne.html", "404.html", "feed.xml", "sitemap.xml",
    "aendringer.html", "begreber.html", "soeg.html", "item.html",
);

pub(crate) const ASSETS: &[(&str, &str)] = embedded!("static": "style.css", "site.js", "search.js");

pub(crate) struct Theme {
    pub tera: std::sync::Arc<Tera>,
    /// Output path under `assets/` and contents.
    pub assets: Vec<(String, Vec<u8>)>,
    /// The templates' names and texts: a page rendered with an equal key and context is equal.
    pub key: crate::memo::stage::Key,
}

/// The templates as the last build compiled them, by their key.
pub(crate) type Compiled = Option<(crate::memo::stage::Key, std::sync::Arc<Tera>)>;

/// Loads the theme named in `site.yaml` over the embedded default: the built-in templates and
/// assets with the site's own over them. The templates are compiled only if they differ from
/// those `kept` was compiled from.
pub(crate) fn load_with(root: &Path, name: &str, kept: &mut Compiled) -> Result<Theme, Diagnostic> {
    let theme_dir = root.join("themes").join(name);
    if name != "default" && !theme_dir.is_dir() {
        return Err(Diagnostic::error("site.yaml", Pos::default(), format!("theme `{name}` not found"))
            .with_hint(format!("create themes/{name}/templates/, or remove `theme:` to use the built-in theme")));
    }
    let mut templates: Vec<(String, String)> = Vec::new();
    for (file, builtin) in TEMPLATES {
        let overrides = [root.join("templates").join(file), theme_dir.join("templates").join(file)];
        let text = match overrides.iter().find(|p| p.is_file()) {
            Some(p) => std::fs::read_to_string(p).map_err(|e| io_error(root, p, e))?,
            None => builtin.to_string(),
        };
        templates.push((file.to_string(), text));
    }
    let key = crate::memo::stage::key_of(templates.iter().flat_map(|(f, t)| [f.as_bytes(), t.as_bytes()]));
    let tera = match kept.as_ref().filter(|(k, _)| *k == key) {
        Some((_, tera)) => tera.clone(),
        None => {
            let tera = std::sync::Arc::new(compile(templates)?);
            *kept = Some((key, tera.clone()));
            tera
        }
    };
    let mut assets: Vec<(String, Vec<u8>)> =
        ASSETS.iter().map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())).collect();
    let static_dir = theme_dir.join("static");
    if static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&static_dir).follow_links(false).sort_by_file_name() {
            let entry =
                entry.map_err(|e| Diagnostic::error("site.yaml", Pos::default(), format!("cannot read theme: {e}")))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = crate::diagnostics::display_path(entry.path().strip_prefix(&static_dir).unwrap_or(entry.path()));
            let bytes = std::fs::read(entry.path()).map_err(|e| io_error(root, entry.path(), e))?;
            assets.retain(|(n, _)| *n != rel);
            assets.push((rel, bytes));
        }
    }
    Ok(Theme { tera, assets, key })
}

/// `{{ title | shy }}`: soft hyphens in a visible title's long words (never in attributes).
fn compile(templates: Vec<(String, String)>) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.register_filter("css_string", css_string);
    tera.register_filter("shy", shy);
    tera.add_raw_templates(templates).map_err(|e| template_error(&e))?;
    Ok(tera)
}

fn shy(value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    match value {
        tera::Value::String(s) => Ok(tera::Value::String(crate::render::hyphenate::soft_hyphens(s).into_owned())),
        other => Ok(other.clone()),
    }
}

/// The one HTML (and XML) escaper: `&`, `<`, `>` and `"`, for text and double-quoted
/// attribute values. Unlike Tera's default it leaves `/` alone, so URLs in `href` stay
/// readable in the page source.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// A quoted CSS string for `content:` in a `<style>` element (the printed page's running
/// title): every character but letters, digits and spaces as a hex escape, so no text can
/// end the string, the rule or the element. Use it with `| safe`.
fn css_string(value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let text = match value {
        tera::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    Ok(tera::Value::String(out))
}

fn io_error(root: &Path, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path.strip_prefix(root).unwrap_or(path), Pos::default(), format!("cannot read: {e}"))
}

/// Tera's error with its causes, which carry the template name and line.
pub(crate) fn template_error(e: &tera::Error) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::error("templates", Pos::default(), format!("template error: {message}"))
        .with_hint("fix the template named above (in templates/ or themes/<name>/templates/)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_break_out_of_the_style_element() {
        let v = tera::Value::String("Aftale \"x\" </style> æ\\".into());
        let out = css_string(&v, &Default::default()).unwrap();
        assert_eq!(out.as_str().unwrap(), "\"Aftale \\22 x\\22  \\3c \\2f style\\3e  æ\\5c \"");
    }
}
