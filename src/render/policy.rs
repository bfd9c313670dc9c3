//! What the raw-HTML policy keeps besides ammonia's defaults, in one place for the two that
//! apply it: ammonia's builder ([`super::sanitize`]) and the parser-free path for the
//! renderer's own markup ([`super::plain_html`]), so the two cannot keep different things.

/// Attributes on any tag: ids (heading anchors, footnotes), classes (blanks, guidance notes,
/// footnotes), and the accessible names and roles the renderer writes.
pub(super) const GENERIC_ATTRIBUTES: [&str; 10] =
    ["id", "class", "title", "lang", "dir", "role", "aria-label", "aria-describedby", "tabindex", "data-definition"];

/// The one `style` kept: the table alignment pulldown-cmark writes on `th` and `td`.
pub(super) fn is_alignment(style: &str) -> bool {
    matches!(style.trim().trim_end_matches(';'), "text-align: left" | "text-align: center" | "text-align: right")
}
