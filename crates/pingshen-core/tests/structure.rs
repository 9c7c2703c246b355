//! The layering the compiler does not enforce inside one crate, checked here (ARCHITECTURE.md,
//! "Invariants"): no two modules of the core import each other, directly or round a circle —
//! neither the top-level modules (`desk` → `export` and back was one such circle) nor the files of
//! one folder (`desk/*.rs`, `store/*.rs`, …). And no source file reaches 700 lines.
//!
//! The imports are read from the source text (`use super::x`, `super::x::f`, `crate::x::y`): a
//! module path in code is what the compiler resolves, so reading it is exact for this purpose.
#![allow(clippy::unwrap_used)] // a test: a failure should stop it loudly

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module a file is: `desk/score_sheet.rs` → ["desk", "score_sheet"], `desk/rows/mod.rs` →
/// ["desk", "rows"], `lib.rs` → [].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts
}

/// The module paths a file names, resolved to absolute paths (crate-relative segments).
fn imports(text: &str, me: &[String]) -> Vec<Vec<String>> {
    let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    for (prefix, base) in [("super::", true), ("crate::", false)] {
        let mut rest = code.as_str();
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().last();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue; // part of a longer path (super::super::, a::crate::)
            }
            // `super`: the parent of the module the file is (for desk/rows/mod.rs, desk)
            let root: Vec<String> = if base { me[..me.len().saturating_sub(1)].to_vec() } else { Vec::new() };
            let groups: Vec<String> = if rest.starts_with('{') {
                let end = rest.find('}').unwrap_or(rest.len());
                // `a as b` names the module `a`
                rest[1..end].split(',').map(|s| s.split(" as ").next().unwrap_or("").trim().to_string()).collect()
            } else {
                vec![rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect()]
            };
            for g in groups {
                let mut path = root.clone();
                path.extend(g.split("::").filter(|s| !s.is_empty() && *s != "self").map(str::to_string));
                out.push(path);
            }
        }
    }
    out
}

/// The longest known module that is a prefix of `path`.
fn resolve(known: &BTreeSet<Vec<String>>, path: &[String]) -> Option<Vec<String>> {
    (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| known.contains(p))
}

fn cycle(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    fn visit(
        n: &Vec<String>,
        g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(1) => {
                let from = stack.iter().position(|x| x == n).unwrap();
                return Some(stack[from..].iter().chain([n]).map(|p| p.join("::")).collect());
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(n.clone(), 1);
        stack.push(n.clone());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_module_imports_another_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let known: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    // siblings: files of one folder; a folder's mod.rs re-exports its children and is left out
    let mut siblings: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut top: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for f in &files {
        let me = module_of(&src, f);
        if me.is_empty() {
            continue;
        }
        let is_mod = f.file_name().is_some_and(|n| n == "mod.rs");
        let text = std::fs::read_to_string(f).unwrap();
        // tests inside a file may reach anywhere
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for path in imports(text, &me) {
            let Some(target) = resolve(&known, &path) else { continue };
            if target.is_empty() || target == me {
                continue;
            }
            if target[0] != me[0] {
                top.entry(vec![me[0].clone()]).or_default().insert(vec![target[0].clone()]);
            }
            // a file and its siblings (a folder's mod.rs re-exports its children: left out)
            let parent = &me[..me.len() - 1];
            if !is_mod && target.len() > parent.len() && target[..parent.len()] == *parent {
                let sibling = target[..parent.len() + 1].to_vec();
                if sibling != me {
                    siblings.entry(me.clone()).or_default().insert(sibling);
                }
            }
        }
    }
    assert_eq!(
        (cycle(&top), cycle(&siblings)),
        (None, None),
        "modules of the core import each other round a circle (top-level modules; files of one folder)"
    );
    // the check sees real edges (so that it can fail): desk's use cases use the row layer
    assert!(siblings
        .get(&vec!["desk".to_string(), "score_sheet".to_string()])
        .is_some_and(|t| t.contains(&vec!["desk".to_string(), "rows".to_string()])));
    assert!(top.get(&vec!["export".to_string()]).is_some_and(|t| t.contains(&vec!["desk".to_string()])));
}

#[test]
fn no_source_file_reaches_700_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["crates/pingshen-core/src", "crates/pingshen-cli/src", "src-tauri/src"] {
        sources(&root.join(dir), &mut files);
    }
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n >= 700).then(|| format!("{} ({n} lines)", f.strip_prefix(&root).unwrap_or(f).display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files (one concern each): {long:?}");
}
