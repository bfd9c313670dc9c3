//! Publishing safety (issue 10): nothing is published emptier, staler or more dangerous than
//! what was written. One file per protection.

mod cost;
mod exports;
mod html_policy;
mod nothing_to_publish;
mod output_folder;
mod paths;
mod property;
