//! The index on disk, split so a query loads little: `search-index.js` (loaded when a reader
//! first uses the search box) holds the kind and status labels, the folding tables, the list
//! of term shards, and each entry's title, kind, status and parent: enough to rank results.
//! `search/t-<code point>.js` holds the terms that start with that letter, sorted (the script
//! finds prefixes by binary search), with posting lists of entry numbers as base-32 gaps, and
//! the compound parts that start with it. `search/e-<n>.js` holds address and text of
//! `CHUNK` entries, for the snippets of the results on screen.

use super::entry::{Entry, EntryKind, Labels};
use super::terms::Parts;
use crate::letters::{LETTERS, LOOSE, SEARCH_DIGRAPHS};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Entries per snippet file.
pub(super) const CHUNK: usize = 50;

/// Terms and compound parts of one shard, with their posting lists. Each list is encoded
/// only as its shard is written, so the encoded lists are never all in memory at once.
#[derive(Default)]
struct Shard<'a> {
    terms: Vec<(&'a str, &'a [u32])>,
    parts: Vec<(&'a str, &'a [u32])>,
}

/// The whole index: `(path, bytes)` for each file.
pub(super) fn files(
    labels: &Labels,
    entries: &[Entry],
    terms: &FxHashMap<Arc<str>, Vec<u32>>,
    parts: &Parts,
) -> Vec<(String, Vec<u8>)> {
    let mut out = shard_files(terms, parts, |_| true);
    let keys: Vec<u32> = out.iter().map(|(key, _)| *key).collect();
    let mut out: Vec<(String, Vec<u8>)> = out.drain(..).map(|(key, bytes)| (shard_path(key), bytes)).collect();
    out.push(main_file(labels, entries, &keys));
    out.par_extend(chunk_files(entries, (0..entries.len().div_ceil(CHUNK)).collect()));
    out
}

/// The shard a term or compound part is in: its first letter.
pub(super) fn shard_of(t: &str) -> u32 {
    t.chars().next().map(u32::from).unwrap_or(0)
}

pub(super) fn shard_path(key: u32) -> String {
    format!("search/t-{key}.js")
}

/// `search-index.js`, which lists the shards by key.
pub(super) fn main_file(labels: &Labels, entries: &[Entry], shards: &[u32]) -> (String, Vec<u8>) {
    ("search-index.js".to_string(), main(labels, entries, shards).into_bytes())
}

/// The shards `which` picks, by key, ascending.
pub(super) fn shard_files(
    terms: &FxHashMap<Arc<str>, Vec<u32>>,
    parts: &Parts,
    which: impl Fn(u32) -> bool,
) -> Vec<(u32, Vec<u8>)> {
    shards(terms, parts, which).into_par_iter().map(|(key, s)| (key, shard_file(key, s))).collect()
}

/// Every shard, each passed to `send` as soon as it is written; returns their keys, ascending.
pub(super) fn send_shards<E: Send>(
    terms: &FxHashMap<Arc<str>, Vec<u32>>,
    parts: &Parts,
    send: impl Fn(u32, Vec<u8>) -> Result<(), E> + Sync,
) -> Result<Vec<u32>, E> {
    let shards = shards(terms, parts, |_| true);
    let keys = shards.iter().map(|(key, _)| *key).collect();
    shards.into_par_iter().try_for_each(|(key, s)| send(key, shard_file(key, s)))?;
    Ok(keys)
}

/// The terms and parts of the shards `which` picks, by key, ascending.
fn shards<'a>(
    terms: &'a FxHashMap<Arc<str>, Vec<u32>>,
    parts: &'a Parts,
    which: impl Fn(u32) -> bool,
) -> Vec<(u32, Shard<'a>)> {
    let mut shards: BTreeMap<u32, Shard> = BTreeMap::new();
    for (t, list) in terms {
        let key = shard_of(t);
        if which(key) {
            shards.entry(key).or_default().terms.push((t, list));
        }
    }
    for (t, list) in parts {
        let key = shard_of(t);
        if which(key) {
            shards.entry(key).or_default().parts.push((t, list));
        }
    }
    shards.into_iter().collect()
}

/// The snippet files of the given chunks of `CHUNK` entries.
pub(super) fn chunk_files(entries: &[Entry], chunks: Vec<usize>) -> Vec<(String, Vec<u8>)> {
    chunks.into_par_iter().map(|k| chunk_file(k, &entries[k * CHUNK..((k + 1) * CHUNK).min(entries.len())])).collect()
}

/// Snippet file `k`, of its entries `list`.
pub(super) fn chunk_file(k: usize, list: &[Entry]) -> (String, Vec<u8>) {
    let rows: Vec<[&str; 2]> = list.iter().map(|e| [e.url.as_str(), e.text.as_str()]).collect();
    (format!("search/e-{k}.js"), part(&format!("e{k}"), &json(&rows)).into_bytes())
}

fn shard_file(key: u32, mut s: Shard) -> Vec<u8> {
    // The script finds prefixes by binary search: terms in code point order.
    s.terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let (t, p): (Vec<&str>, Vec<String>) = s.terms.iter().map(|(t, p)| (*t, gaps(p))).unzip();
    let (ct, cp): (Vec<&str>, Vec<String>) = s.parts.iter().map(|(t, p)| (*t, gaps(p))).unzip();
    let body = format!(
        "{{\"terms\":{},\n\"postings\":{},\n\"parts\":{},\n\"partPostings\":{}}}",
        json(&t),
        json(&p),
        json(&ct),
        json(&cp)
    );
    part(&format!("t{key}"), &body).into_bytes()
}

/// The part loaded first. Each entry is `[title, kind, status, parent?]`; kind and status
/// are positions in `kinds` and `statuses`; status 0 is none; `section` is the kind of
/// sections.
fn main(labels: &Labels, entries: &[Entry], shards: &[u32]) -> String {
    let fold: BTreeMap<String, &str> = LETTERS
        .iter()
        .filter(|x| x.search != x.letter.to_string())
        .map(|x| (x.letter.to_string(), x.search))
        .chain(SEARCH_DIGRAPHS.iter().map(|(from, to)| (from.to_string(), *to)))
        .collect();
    let mut out = format!(
        "window.AFTALEBOG_SEARCH={{\"kinds\":{},\"statuses\":{},\"fold\":{},\"loose\":{},\"section\":{},\"chunk\":{CHUNK},\"shards\":{},\n\"entries\":[",
        json(&labels.kinds),
        json(&labels.statuses),
        json(&fold),
        json(&LOOSE),
        EntryKind::Section.number(),
        json(shards)
    );
    // Straight into `out`: a string and a formatting call per entry were most of a patch's
    // time here (200,000 entries at 10,000 documents).
    let mut scratch = Vec::new();
    for (n, e) in entries.iter().enumerate() {
        out.push_str(if n == 0 { "[" } else { ",\n[" });
        push_json(&mut out, &e.title, &mut scratch);
        for number in [Some(e.kind.number()), Some(e.status), e.parent].into_iter().flatten() {
            out.push(',');
            push_decimal(&mut out, number);
        }
        out.push(']');
    }
    out.push_str("]};\n");
    out
}

/// A script that files `body` under `name` for `search.js` to pick up.
fn part(name: &str, body: &str) -> String {
    format!("(window.AFTALEBOG_PARTS=window.AFTALEBOG_PARTS||{{}})[\"{name}\"]={body};\n")
}

/// JSON that stays inert even if someone inlines the index into a page.
pub(super) fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    let mut out = String::new();
    push_json(&mut out, v, &mut Vec::new());
    out
}

/// [`json`] appended to `out`, made in `scratch`.
fn push_json<T: serde::Serialize + ?Sized>(out: &mut String, v: &T, scratch: &mut Vec<u8>) {
    scratch.clear();
    let made = serde_json::to_writer(&mut *scratch, v).ok().and_then(|()| simdutf8::basic::from_utf8(scratch).ok());
    let mut rest = made.unwrap_or("null");
    while let Some(at) = rest.find(['<', '>', '&']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[at..].iter().for_each(|&d| out.push(d as char));
}

/// Digits of the posting encoding: a number's last digit from `LAST`, any before it from
/// `MORE` (base 32, most significant first), so numbers need no separator.
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const MORE: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";

/// Ascending entry numbers as gaps, each a base-32 number: `[3, 5, 36]` → `"32v"`.
fn gaps(list: &[u32]) -> String {
    let mut out = String::new();
    let mut prev = 0;
    for &n in list {
        push_number(&mut out, n - prev);
        prev = n;
    }
    out
}

fn push_number(out: &mut String, mut n: u32) {
    // Written from the end: a u32 has at most seven base-32 digits.
    let mut digits = [0u8; 7];
    let mut at = digits.len() - 1;
    digits[at] = LAST[(n % 32) as usize];
    n /= 32;
    while n > 0 {
        at -= 1;
        digits[at] = MORE[(n % 32) as usize];
        n /= 32;
    }
    digits[at..].iter().for_each(|&d| out.push(d as char));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_base32_gaps_without_separators() {
        assert_eq!(gaps(&[3, 5, 36]), "32v");
        assert_eq!(gaps(&[0, 32, 1056]), "0B0BA0");
        assert_eq!(gaps(&[40_000]), "BHC0");
        assert_eq!(gaps(&[u32::MAX]), "D_____v");
    }

    #[test]
    fn json_stays_inert_in_a_page_and_numbers_are_decimal() {
        assert_eq!(json("a<b>&\"c\""), r#""a\u003cb\u003e\u0026\"c\"""#);
        assert_eq!(json(&["<"]), r#"["\u003c"]"#);
        let mut out = String::new();
        [0, 7, 10, 4_294_967_296].into_iter().for_each(|n| push_decimal(&mut out, n));
        assert_eq!(out, "07104294967296");
    }
}
