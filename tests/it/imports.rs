//! The import graph of `src/` has no cycles: no file uses a file that uses it back, directly
//! or through others. A file uses another when it names one of its items by path (`use
//! crate::a::b`, `super::x`, or a child module declared with `mod`); code under `#[cfg(test)]`
//! at the end of a file is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `src/a/b.rs` → `a::b`; `src/a/mod.rs` → `a`; `src/lib.rs` → `` (the crate root).
fn module_of(rel: &str) -> String {
    let rel = rel.trim_end_matches(".rs").trim_end_matches("/mod");
    if rel == "lib" || rel == "main" {
        return String::new();
    }
    rel.replace('/', "::")
}

fn join(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_string()
    } else {
        format!("{base}::{name}")
    }
}

fn parent(module: &str) -> String {
    module.rsplit_once("::").map_or(String::new(), |(p, _)| p.to_string())
}

/// Identifier paths starting at `at` in `code`: `a::b::{c, d::e}` gives `a::b::c`, `a::b::d::e`.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let words: Vec<&str> = code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).collect();
    for w in words {
        if w.contains("::") {
            out.push(w.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect());
        }
    }
    // `use x::{a, b}` groups: each name joins the prefix before the brace.
    for (i, _) in code.match_indices("::{") {
        let start = code[..i].rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).map_or(0, |s| s + 1);
        let prefix: Vec<String> = code[start..i].split("::").map(str::to_string).collect();
        let end = code[i..].find('}').map_or(code.len(), |e| i + e);
        for item in code[i + 3..end].split(',') {
            let mut p = prefix.clone();
            p.extend(item.trim().split("::").filter(|s| !s.is_empty() && *s != "{").map(str::to_string));
            out.push(p);
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for e in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "rs") {
            let rel = e.path().strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(e.path()).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            let code: String =
                code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            files.insert(module_of(&rel), code);
        }
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &files {
        let children: BTreeSet<String> = code
            .lines()
            .filter_map(|l| l.trim().trim_start_matches("pub ").strip_prefix("mod "))
            .map(|l| l.trim_end_matches(';').trim().to_string())
            .collect();
        let used = edges.entry(module.clone()).or_default();
        for path in paths(code) {
            let mut at = match path[0].as_str() {
                "crate" => String::new(),
                "super" => parent(module),
                "self" => module.clone(),
                child if children.contains(child) => join(module, child),
                _ => continue,
            };
            let mut target = at.clone();
            for seg in &path[1..] {
                match seg.as_str() {
                    "super" => at = parent(&at),
                    name => at = join(&at, name),
                }
                if files.contains_key(&at) {
                    target = at.clone();
                }
            }
            if files.contains_key(&target) && &target != module {
                used.insert(target);
            }
        }
    }
    edges
}

/// Cycles as the files on them, found by walking from every file.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<Vec<String>> {
    fn walk(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        found: &mut BTreeSet<Vec<String>>,
    ) {
        if let Some(i) = stack.iter().position(|s| s == node) {
            let mut cycle = stack[i..].to_vec();
            cycle.sort();
            found.insert(cycle);
            return;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            walk(next, edges, stack, found);
        }
        stack.pop();
    }
    let mut found = BTreeSet::new();
    for start in edges.keys() {
        walk(start, edges, &mut Vec::new(), &mut found);
    }
    found
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let edges = graph();
    assert!(edges["pages::docs"].contains("site"), "the scanner sees `use crate::site::…`: {edges:?}");
    let found = cycles(&edges);
    let name = |m: &String| if m.is_empty() { "lib".to_string() } else { m.clone() };
    let shown: Vec<String> = found.iter().map(|c| c.iter().map(name).collect::<Vec<_>>().join(" ↔ ")).collect();
    assert!(shown.is_empty(), "import cycles:\n{}", shown.join("\n"));
}
