//! aftalebog: agreements, principles and action plans written as Markdown with YAML front
//! matter, compiled into a cross-linked static site.

pub mod config;
pub mod date;
pub mod diagnostics;
pub mod frontmatter;
pub mod model;
pub mod render;
pub mod slug;
pub mod source;
pub mod yaml;
