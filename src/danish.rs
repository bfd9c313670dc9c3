//! Danish words as the site compares them, the same for the search index, defined terms and
//! redlines: lowercase, `aa` → `å`, accents removed (Danish letters kept). The table behind
//! it is `letters`, the one source that slugs and the browser's search use too.

pub use crate::letters::fold;
