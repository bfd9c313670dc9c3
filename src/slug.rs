//! Slugs for ids and heading anchors: lowercase ASCII, Danish letters spelled out
//! (æ → ae, ø → oe, å → aa, from the table in `letters`), so URLs stay readable and safe on
//! every server.

/// `Målgruppe, måltal og visitation` → `maalgruppe-maaltal-og-visitation`.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in lowered(text) {
        let mapped = crate::letters::letter(c).map_or("", |x| x.slug);
        if !mapped.is_empty() {
            out.push_str(mapped);
            dash = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `text`'s characters, each lowercased (`char::to_lowercase`): an ASCII one without the
/// iterator of its lowercase, which is always one character.
fn lowered(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = text.chars();
    let mut pending: Option<std::char::ToLowercase> = None;
    std::iter::from_fn(move || loop {
        if let Some(c) = pending.as_mut().and_then(Iterator::next) {
            return Some(c);
        }
        let c = chars.next()?;
        if c.is_ascii() {
            return Some(c.to_ascii_lowercase());
        }
        pending = Some(c.to_lowercase());
    })
}

/// True if `id` is already a slug (what `id:` fields must be).
pub(crate) fn is_slug(id: &str) -> bool {
    !id.is_empty() && slugify(id) == id
}

/// Hands out unique slugs within one page: a repeat, or a slug already reserved or taken,
/// gets the first free `-2`, `-3`, …
#[derive(Default)]
pub(crate) struct UniqueSlugs {
    taken: rustc_hash::FxHashSet<String>,
}

impl UniqueSlugs {
    /// Slugs that are taken before any is handed out (the page's own fixed ids).
    pub(crate) fn reserving(ids: impl IntoIterator<Item = String>) -> UniqueSlugs {
        UniqueSlugs { taken: ids.into_iter().collect() }
    }

    pub(crate) fn next(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "afsnit" } else { base };
        let mut slug = base.to_string();
        let mut n = 1;
        while self.taken.contains(&slug) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        self.taken.insert(slug.clone());
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_are_spelled_out() {
        assert_eq!(slugify("Målgruppe, måltal og visitation"), "maalgruppe-maaltal-og-visitation");
        assert_eq!(slugify("Ø-æble Café"), "oe-aeble-cafe");
        assert_eq!(slugify("  1. PROJEKTANSVARLIG  "), "1-projektansvarlig");
    }

    #[test]
    fn unique_slugs_number_repeats() {
        let mut u = UniqueSlugs::default();
        assert_eq!(u.next("a"), "a");
        assert_eq!(u.next("a"), "a-2");
        assert_eq!(u.next(""), "afsnit");
        assert_eq!(u.next("a-2"), "a-2-2", "a slug handed out already is never handed out again");
        let mut r = UniqueSlugs::reserving(["parter".to_string(), "parter-2".to_string()]);
        assert_eq!(r.next("parter"), "parter-3");
    }

    proptest::proptest! {
        #[test]
        fn characters_are_lowered_as_one_by_one(text in "[ -~ÆØÅæøåÉéÜüİẞßΣ\\u{130}\\u{1e9e}\t\n-]{0,40}|\\PC{0,20}") {
            proptest::prop_assert_eq!(lowered(&text).collect::<String>(), text.chars().flat_map(char::to_lowercase).collect::<String>());
        }
    }

    #[test]
    fn is_slug_rejects_capitals_and_spaces() {
        assert!(is_slug("ips-samarbejdsaftale"));
        assert!(!is_slug("IPS aftale"));
        assert!(!is_slug("målgruppe"));
    }
}
