//! The app crate's layers, checked: every `crate::…`, `super::…` and `self::…` path in `src/`
//! (in `use` trees and inline) is resolved to the file it reaches, and the test fails on an
//! upward import, on one view reaching into another, and on any cycle between files, naming file
//! and line. The layers come from the ```layers block of `src/README.md`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One layer: its name and the path prefixes of its rooms (a view folder is a room of its own).
#[derive(Debug)]
struct Layer {
    name: String,
    rooms: Vec<String>,
}

fn parse_layers(readme: &str) -> Vec<Layer> {
    let block = readme
        .split("```layers\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("src/README.md has a ```layers block");
    block
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut words = l.split_whitespace();
            Layer {
                name: words.next().unwrap().to_string(),
                rooms: words.map(str::to_string).collect(),
            }
        })
        .collect()
}

/// (layer index, room) of a file.
fn place(layers: &[Layer], file: &str) -> Option<(usize, String)> {
    layers.iter().enumerate().find_map(|(i, l)| {
        l.rooms
            .iter()
            .find(|r| file == r.as_str() || (r.ends_with('/') && file.starts_with(r.as_str())))
            .map(|r| (i, r.clone()))
    })
}

/// The code without comments and string literals (their text never imports anything).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    if b[i] == b'\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
                i += 2;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"') | Some(b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    out.push('r');
                    i += 1;
                    continue;
                }
                j += 1;
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                while j < b.len() && !b[j..].starts_with(&close) {
                    if b[j] == b'\n' {
                        out.push('\n');
                    }
                    j += 1;
                }
                i = j + close.len();
                out.push_str("\"\"");
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b'\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
                i += 1;
                out.push_str("\"\"");
            }
            // A char literal ('"'), not a lifetime ('a).
            b'\'' if b.get(i + 2) == Some(&b'\'') || b.get(i + 1) == Some(&b'\\') => {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            }
            c => {
                out.push(c as char);
                i += 1;
            }
        }
    }
    out
}

/// Every path that starts at `crate`, `super` or `self`, with its line, `use` trees expanded.
fn paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let line_of = |pos: usize| chars[..pos].iter().filter(|c| **c == '\n').count() + 1;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !(ident(chars[i - 1]) || chars[i - 1] == ':');
        let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
        let root = ["crate::", "super::", "self::"]
            .into_iter()
            .find(|r| rest.starts_with(r));
        if let (true, Some(_)) = (starts_word, root) {
            // Read the path (with a `use` tree's braces) up to where it ends.
            let start = i;
            let mut depth = 0usize;
            while i < chars.len() {
                let c = chars[i];
                if c == '{' {
                    depth += 1;
                } else if c == '}' {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                } else if depth == 0 && !(ident(c) || c == ':' || c == '*') {
                    break;
                }
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let line = line_of(start);
            for p in expand(&text) {
                out.push((line, p));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// `a::{b::C, d}` → `a::b::C`, `a::d`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![split(&tree)];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut last) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[last..i]);
                last = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[last..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            if p == "self" {
                vec![split(prefix.trim_end_matches("::"))]
            } else {
                expand(&format!("{prefix}{p}"))
            }
        })
        .collect()
}

fn split(path: &str) -> Vec<String> {
    path.split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A file's module path: `src/ui/list/table.rs` → `[ui, list, table]`, `mod.rs` → its folder.
fn module_of(file: &str) -> Vec<String> {
    let rel = file.trim_start_matches("src/").trim_end_matches(".rs");
    let mut m: Vec<String> = rel.split('/').map(str::to_string).collect();
    if matches!(m.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        m.pop();
    }
    m
}

/// The deepest file along `module` (a module path from the crate root).
fn resolve(files: &BTreeSet<String>, module: &[String]) -> Option<String> {
    for n in (0..=module.len()).rev() {
        let base = module[..n].join("/");
        let candidates = if n == 0 {
            vec!["src/lib.rs".to_string()]
        } else {
            vec![format!("src/{base}.rs"), format!("src/{base}/mod.rs")]
        };
        if let Some(f) = candidates.into_iter().find(|f| files.contains(f)) {
            return Some(f);
        }
    }
    None
}

/// The file a path written in `file` reaches.
fn target(files: &BTreeSet<String>, file: &str, path: &[String]) -> Option<String> {
    let mut module = module_of(file);
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            module.clear();
            rest = &rest[1..];
        }
        _ => {
            while let Some(seg) = rest.first().map(String::as_str) {
                match seg {
                    "self" => {}
                    "super" => {
                        module.pop();
                    }
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
    }
    module.extend(rest.iter().filter(|s| *s != "*").cloned());
    resolve(files, &module)
}

/// Every violation in `sources` (path → text) for these layers.
fn check(readme: &str, sources: &BTreeMap<String, String>) -> Vec<String> {
    let layers = parse_layers(readme);
    let files: BTreeSet<String> = sources.keys().cloned().collect();
    let mut problems = Vec::new();
    let mut edges: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (file, text) in sources {
        let Some((from_layer, from_room)) = place(&layers, file) else {
            problems.push(format!(
                "{file}: in no layer of src/README.md: add it to the map"
            ));
            continue;
        };
        for (line, path) in paths(&code_only(text)) {
            let Some(to) = target(&files, file, &path) else {
                continue;
            };
            if &to == file {
                continue;
            }
            let shown = path.join("::");
            let Some((to_layer, to_room)) = place(&layers, &to) else {
                continue;
            };
            if to_layer > from_layer {
                problems.push(format!(
                    "{file}:{line}: `{shown}` reaches {to} ({}), a layer above {} — nothing imports upward",
                    layers[to_layer].name, layers[from_layer].name
                ));
            } else if to_layer == from_layer
                && layers[to_layer].rooms.len() > 1
                && to_room != from_room
                && layers[to_layer].name == "views"
            {
                problems.push(format!(
                    "{file}:{line}: `{shown}` reaches {to}, another view — views never import each other (move what they share to ui/common or emr_core)"
                ));
            }
            edges
                .entry(file.clone())
                .or_default()
                .entry(to)
                .or_insert(line);
        }
    }
    problems.extend(cycles(&edges));
    problems
}

/// Every cycle between files, as "a.rs:3 → b.rs:7 → a.rs".
fn cycles(edges: &BTreeMap<String, BTreeMap<String, usize>>) -> Vec<String> {
    // Tarjan's strongly connected components; each component of two or more files is a cycle.
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeMap<String, usize>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        if let Some(out) = s.edges.get(v) {
            for w in out.keys() {
                let w = w.as_str();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let l = s.low[v].min(s.low[w]);
                    s.low.insert(v, l);
                } else if s.on_stack.contains(w) {
                    let l = s.low[v].min(s.index[w]);
                    s.low.insert(v, l);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
        .into_iter()
        .map(|component| {
            // Walk the cycle from its first file through files of the component.
            let members: BTreeSet<&str> = component.iter().copied().collect();
            let start = *members.iter().next().unwrap();
            let mut walk = vec![start.to_string()];
            let mut at = start;
            let mut seen = BTreeSet::new();
            loop {
                seen.insert(at);
                let Some((next, line)) = edges[at].iter().find(|(t, _)| {
                    members.contains(t.as_str())
                        && (!seen.contains(t.as_str()) || t.as_str() == start)
                }) else {
                    break;
                };
                let last = walk.pop().unwrap();
                walk.push(format!("{last}:{line}"));
                walk.push(next.clone());
                if next == start {
                    break;
                }
                at = next.as_str();
            }
            format!("import cycle: {}", walk.join(" → "))
        })
        .collect()
}

fn read_tree() -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = BTreeMap::new();
    walk(&root.join("src"), root, &mut out);
    out
}

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/README.md")).unwrap()
}

#[test]
fn the_app_crate_has_no_upward_import_no_view_to_view_import_and_no_cycle() {
    let problems = check(&readme(), &read_tree());
    assert!(
        problems.is_empty(),
        "the layers of src/README.md are not kept:\n{}",
        problems.join("\n")
    );
}

// The checker itself, on small trees that break each rule: it would pass a broken tree otherwise.

const MAP: &str = "```layers\nedge src/edge/\ntask src/task.rs\nviews src/ui/a/ src/ui/b/\napp src/lib.rs src/ui/mod.rs\n```\n";

fn tree(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

#[test]
fn an_upward_import_is_named_with_its_file_and_line() {
    let t = tree(&[
        ("src/lib.rs", "pub mod edge;\npub mod task;\n"),
        ("src/task.rs", ""),
        ("src/edge/mod.rs", "pub mod x;\n"),
        ("src/edge/x.rs", "// crate::task in a comment is fine\nfn f() {\n    let s = \"crate::task\";\n    crate::task::run();\n}\n"),
    ]);
    let p = check(MAP, &t);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("src/edge/x.rs:4: `crate::task::run` reaches src/task.rs"),
        "{p:?}"
    );
}

#[test]
fn a_view_importing_another_view_is_refused_even_through_super() {
    let t = tree(&[
        ("src/lib.rs", ""),
        ("src/ui/mod.rs", ""),
        ("src/ui/a/mod.rs", "mod s;\n"),
        (
            "src/ui/a/s.rs",
            "use super::super::b::{state::{X, Y}, self};\n",
        ),
        ("src/ui/b/mod.rs", ""),
        ("src/ui/b/state.rs", ""),
    ]);
    let p = check(MAP, &t);
    assert!(
        p.iter().any(|m| m.starts_with(
            "src/ui/a/s.rs:1: `super::super::b::state::X` reaches src/ui/b/state.rs, another view"
        )),
        "{p:?}"
    );
}

#[test]
fn a_cycle_within_a_layer_is_shown_edge_by_edge() {
    let t = tree(&[
        ("src/lib.rs", ""),
        ("src/edge/mod.rs", "use self::a::A;\n"),
        ("src/edge/a.rs", "\nuse super::b::B;\n"),
        ("src/edge/b.rs", "use crate::edge::a::A;\n"),
    ]);
    let p = check(MAP, &t);
    assert_eq!(
        p,
        vec!["import cycle: src/edge/a.rs:2 → src/edge/b.rs:1 → src/edge/a.rs".to_string()]
    );
}

#[test]
fn a_file_outside_the_map_is_named() {
    let t = tree(&[("src/lib.rs", ""), ("src/stray.rs", "")]);
    assert_eq!(
        check(MAP, &t),
        vec!["src/stray.rs: in no layer of src/README.md: add it to the map".to_string()]
    );
}
