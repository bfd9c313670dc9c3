//! Slugs for ids and heading anchors: lowercase ASCII, Danish letters spelled out
//! (æ → ae, ø → oe, å → aa, from the table in `letters`), so URLs stay readable and safe on
//! every server.

/// `Målgruppe, måltal og visitation` → `maalgruppe-maaltal-og-visitation`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
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

/// True if `id` is already a slug (what `id:` fields must be).
pub fn is_slug(id: &str) -> bool {
    !id.is_empty() && slugify(id) == id
}

/// Hands out unique slugs within one page: a repeat gets `-2`, `-3`, …
#[derive(Default)]
pub struct UniqueSlugs {
    seen: std::collections::HashMap<String, usize>,
}

impl UniqueSlugs {
    pub fn next(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "afsnit" } else { base };
        let n = self.seen.entry(base.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        }
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
    }

    #[test]
    fn is_slug_rejects_capitals_and_spaces() {
        assert!(is_slug("ips-samarbejdsaftale"));
        assert!(!is_slug("IPS aftale"));
        assert!(!is_slug("målgruppe"));
    }
}
