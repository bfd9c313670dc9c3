//! The integration tests: each copies a fixture site, runs the real binary and checks what a
//! reader, an editor or IT would see.

mod harness;
#[path = "../../examples/support/synthetic.rs"]
mod synthetic;

mod browser;
mod build_pages;
mod check_errors;
mod cli;
mod default_site;
mod docs_examples;
mod imports;
mod incremental;
mod key_pages;
mod legal;
mod lifecycle;
mod link_check;
mod print;
mod reader;
mod safety;
mod scale;
mod search;
mod serve;
mod synthetic_site;
mod ui_language;
