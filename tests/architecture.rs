//! The shape of the source: which module may import which, where files are touched, how long
//! a function may grow. Read from the source text itself, so a change that breaks a rule fails
//! here with the file and line that broke it.
//!
//! # Layers
//! The top-level modules of `src/`, lowest first ([`LAYERS`]). A module imports (`crate::x`)
//! only modules of lower layers, so there is no cycle between top-level modules:
//!
//! | layer | modules | what they are |
//! |---|---|---|
//! | 0 | `error`, `text`, `calendar` | the error type, hostile text, working days |
//! | 1 | `model`, `table`, `config` | the record and its rules; plain-text tables; where things are, and reading the user's own files |
//! | 2 | `clock`, `templates`, `search`, `people` | built on the record |
//! | 3 | `quick_action`, `document` | built on the people and the clock (names, times) |
//! | 4 | `store`, `followup`, `deadlines`, `report` | record files; rules across records |
//! | 5 | `tracker` | actions across a listing |
//! | 6 | `service` | the use cases, over store, templates, holidays, config and clock |
//! | 7 | `tui` | the screens |
//! | 8 | `cli` | the command line, which starts the screens |
//!
//! Besides: the command line reaches the records only through the service (`cli` never
//! imports `store`), and the files of `cli/` and `service/` import each other without a cycle.
//!
//! # Files
//! Only the store (`src/store/`) and the config (`src/config.rs`) read or write files or look
//! at the file system ([`FILE_ACCESS`]); everything else is given their text or data.
//!
//! Test modules (`#[cfg(test)] mod ...`) and comments are left out: tests make temp folders,
//! and doc comments link across the crate.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers of top-level modules, lowest first (see the module docs).
const LAYERS: &[&[&str]] = &[
    &["error", "text", "calendar"],
    &["model", "table", "config"],
    &["clock", "templates", "search", "people"],
    &["quick_action", "document"],
    &["store", "followup", "deadlines", "report"],
    &["tracker"],
    &["service"],
    &["tui"],
    &["cli"],
];

/// Imports that the layers would allow but that are not wanted, and why.
const FORBIDDEN: &[(&str, &str, &str)] = &[(
    "cli",
    "store",
    "the command line reaches the records through the service",
)];

/// What in a line of code touches the file system.
const FILE_ACCESS: &[&str] = &[
    "std::fs",
    "fs_err",
    "File::",
    "OpenOptions",
    "DirBuilder",
    "read_dir",
    "metadata(",
    "canonicalize",
    ".is_file()",
    ".is_dir()",
    ".exists()",
    "tempfile",
    "rustix::fs",
];

/// Whether `code` holds `what` not as the end of a longer name (`File::` is not `ThemeFile::`).
fn mentions(code: &str, what: &str) -> bool {
    code.match_indices(what).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        what.starts_with('.') || !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Where file access is allowed: the store and the config.
fn may_touch_files(file: &Path) -> bool {
    file.starts_with("src/store") || file == Path::new("src/config.rs")
}

/// Longest a function may be, in lines from `fn` to its closing brace.
const MAX_FUNCTION_LINES: usize = 120;

/// Functions allowed to be longer, and why (none in code that has been reworked).
const LONG_FUNCTIONS: &[(&str, &str, &str)] = &[];

/// One line of code (comments and test modules left out), where it is.
struct Line {
    file: PathBuf,
    number: usize,
    text: String,
}

/// Every `.rs` file under `src/`, relative to the crate root, sorted.
fn source_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, root: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, files);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path.strip_prefix(root).unwrap().to_owned());
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), root, &mut files);
    files.sort();
    files
}

/// The code of a file: each line without its comment, and without test modules.
fn code_lines(file: &Path) -> Vec<Line> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    let mut lines = Vec::new();
    let mut test_module_end: Option<String> = None;
    let mut after_cfg_test = false;
    for (index, raw) in text.lines().enumerate() {
        if let Some(end) = &test_module_end {
            if raw == end {
                test_module_end = None;
            }
            continue;
        }
        let trimmed = raw.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            after_cfg_test = true;
            continue;
        }
        if after_cfg_test && !trimmed.starts_with("#[") {
            after_cfg_test = false;
            if trimmed.starts_with("mod ") && trimmed.ends_with('{') {
                // rustfmt closes a module at the indentation it opened it.
                let indent = &raw[..raw.len() - trimmed.len()];
                test_module_end = Some(format!("{indent}}}"));
                continue;
            }
        }
        let code = raw.find("//").map_or(raw, |at| &raw[..at]);
        lines.push(Line {
            file: file.to_owned(),
            number: index + 1,
            text: code.to_owned(),
        });
    }
    lines
}

/// The top-level module a file belongs to (`None` for the crate root and `main.rs`).
fn top_module(file: &Path) -> Option<String> {
    let inside = file.strip_prefix("src").ok()?;
    let first = inside.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// An identifier at the start of `text`.
fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The names that follow `prefix` in a line (`crate::` gives the top-level modules used),
/// including each name of a group: `use crate::{a, b::c}` gives `a` and `b`.
fn names_after(line: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in line.match_indices(prefix) {
        let rest = &line[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or(group);
            names.extend(
                group
                    .split(',')
                    .map(|part| identifier(part.trim()).to_owned())
                    .filter(|name| !name.is_empty()),
            );
        } else {
            let name = identifier(rest);
            if !name.is_empty() {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// Imports between the given modules: (from, to) and the first line that makes each.
type Edges = BTreeMap<(String, String), String>;

/// Imports between top-level modules.
fn top_level_edges() -> Edges {
    let modules: BTreeSet<String> = source_files()
        .iter()
        .filter_map(|f| top_module(f))
        .collect();
    let mut edges = Edges::new();
    for file in source_files() {
        let Some(from) = top_module(&file) else {
            continue;
        };
        for line in code_lines(&file) {
            for to in names_after(&line.text, "crate::") {
                if to != from && modules.contains(&to) {
                    edges
                        .entry((from.clone(), to))
                        .or_insert_with(|| where_(&line));
                }
            }
        }
    }
    edges
}

/// Imports between the files of one folder module (`src/cli`): its `mod.rs` and each
/// child file, as `mod` and the child's name.
fn folder_edges(folder: &str) -> Edges {
    let prefix = Path::new("src").join(folder);
    let files: Vec<PathBuf> = source_files()
        .into_iter()
        .filter(|f| f.parent() == Some(prefix.as_path()))
        .collect();
    let name_of = |file: &Path| file.file_stem().unwrap().to_str().unwrap().to_owned();
    let children: BTreeSet<String> = files
        .iter()
        .map(|f| name_of(f))
        .filter(|n| n != "mod")
        .collect();
    let mut edges = Edges::new();
    for file in &files {
        let from = name_of(file);
        for line in code_lines(file) {
            let mut targets = Vec::new();
            let in_crate = format!("crate::{folder}::");
            for name in names_after(&line.text, "super::")
                .into_iter()
                .chain(names_after(&line.text, &in_crate))
            {
                targets.push(if children.contains(&name) {
                    name
                } else {
                    "mod".to_owned()
                });
            }
            if from == "mod" {
                for child in &children {
                    let used = line.text.contains(&format!("{child}::"))
                        && !line.text.trim_start().starts_with("mod ")
                        && !line.text.trim_start().starts_with("pub mod ");
                    if used {
                        targets.push(child.clone());
                    }
                }
            }
            for to in targets {
                if to != from {
                    edges
                        .entry((from.clone(), to))
                        .or_insert_with(|| where_(&line));
                }
            }
        }
    }
    edges
}

fn where_(line: &Line) -> String {
    format!(
        "{}:{}: {}",
        line.file.display(),
        line.number,
        line.text.trim()
    )
}

/// Every cycle's modules (strongly connected components of more than one module).
fn cycles(edges: &Edges) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.keys().flat_map(|(a, b)| [a, b]).collect();
    let reaches = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(node) = stack.pop() {
            for (a, b) in edges.keys() {
                if *a == node && seen.insert(b.clone()) {
                    stack.push(b.clone());
                }
            }
        }
        seen
    };
    let reach: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reaches(n))).collect();
    let mut found: BTreeSet<Vec<String>> = BTreeSet::new();
    for node in &nodes {
        let mut cycle: Vec<String> = nodes
            .iter()
            .filter(|other| reach[node].contains(**other) && reach[**other].contains(*node))
            .map(|n| (*n).clone())
            .collect();
        cycle.sort();
        if cycle.len() > 1 {
            found.insert(cycle);
        }
    }
    found.into_iter().collect()
}

/// The imports inside each cycle, one per line, to say what to break.
fn describe(cycles: &[Vec<String>], edges: &Edges) -> String {
    let mut text = String::new();
    for cycle in cycles {
        text.push_str(&format!("cycle {}:\n", cycle.join(" <-> ")));
        for ((a, b), at) in edges {
            if cycle.contains(a) && cycle.contains(b) {
                text.push_str(&format!("  {a} -> {b}: {at}\n"));
            }
        }
    }
    text
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

#[test]
fn every_top_level_module_has_a_layer() {
    let modules: BTreeSet<String> = source_files()
        .iter()
        .filter_map(|f| top_module(f))
        .collect();
    let unplaced: Vec<&String> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "put these modules in a layer of tests/architecture.rs: {unplaced:?}"
    );
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let edges = top_level_edges();
    let cycles = cycles(&edges);
    assert!(cycles.is_empty(), "{}", describe(&cycles, &edges));
}

#[test]
fn modules_import_only_lower_layers() {
    let mut wrong = Vec::new();
    for ((from, to), at) in &top_level_edges() {
        let (Some(low), Some(high)) = (layer_of(to), layer_of(from)) else {
            continue;
        };
        if low >= high {
            wrong.push(format!(
                "{from} (layer {high}) imports {to} (layer {low}): {at}"
            ));
        }
        if let Some((_, _, why)) = FORBIDDEN.iter().find(|(f, t, _)| f == from && t == to) {
            wrong.push(format!("{from} imports {to}, but {why}: {at}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_files_of_the_command_line_and_the_service_import_each_other_without_a_cycle() {
    for folder in ["cli", "service"] {
        let edges = folder_edges(folder);
        let cycles = cycles(&edges);
        assert!(
            cycles.is_empty(),
            "src/{folder}: {}",
            describe(&cycles, &edges)
        );
    }
}

#[test]
fn only_the_store_and_the_config_touch_files() {
    let mut found = Vec::new();
    for file in source_files() {
        if may_touch_files(&file) {
            continue;
        }
        for line in code_lines(&file) {
            if let Some(what) = FILE_ACCESS.iter().find(|what| mentions(&line.text, what)) {
                found.push(format!("{what}: {}", where_(&line)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "file access outside src/store and src/config.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_service_prints_nothing() {
    let mut found = Vec::new();
    for file in source_files() {
        if !file.starts_with("src/service") {
            continue;
        }
        for line in code_lines(&file) {
            let prints = ["print!(", "println!(", "eprint", "io::stdout", "io::stderr"]
                .iter()
                .any(|what| line.text.contains(what));
            if prints {
                found.push(where_(&line));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the service prints:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_function_is_longer_than_the_limit() {
    let mut long = Vec::new();
    let mut still_long: Vec<(PathBuf, String)> = Vec::new();
    for file in source_files() {
        let lines = code_lines(&file);
        for (start, line) in lines.iter().enumerate() {
            let trimmed = line.text.trim_start();
            let after_qualifiers = trimmed
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub(super) ")
                .trim_start_matches("pub ")
                .trim_start_matches("const ");
            let Some(rest) = after_qualifiers.strip_prefix("fn ") else {
                continue;
            };
            if line.text.trim_end().ends_with(';') {
                continue;
            }
            let name = identifier(rest);
            let indent = &line.text[..line.text.len() - trimmed.len()];
            let end = format!("{indent}}}");
            let Some(close) = lines[start..].iter().find(|l| l.text.trim_end() == end) else {
                continue;
            };
            let length = close.number - line.number + 1;
            let allowed = LONG_FUNCTIONS
                .iter()
                .any(|(f, n, _)| Path::new(f) == file && *n == name);
            if length > MAX_FUNCTION_LINES && !allowed {
                long.push(format!("{}: {name}: {length} lines", where_(line)));
            }
            if length > MAX_FUNCTION_LINES && allowed {
                still_long.push((file.clone(), name.to_owned()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines (split them):\n{}",
        long.join("\n")
    );
    for (file, name, _) in LONG_FUNCTIONS {
        assert!(
            still_long
                .iter()
                .any(|(f, n)| f == Path::new(file) && n == name),
            "{file}: {name} is no longer over {MAX_FUNCTION_LINES} lines: take it off LONG_FUNCTIONS"
        );
    }
}

#[test]
fn the_reader_of_imports_sees_groups_and_skips_comments_and_tests() {
    assert_eq!(
        names_after(
            "use crate::{model::Record, store, text::for_terminal};",
            "crate::"
        ),
        ["model", "store", "text"]
    );
    assert_eq!(
        names_after("let x = crate::store::load(p);", "crate::"),
        ["store"]
    );
    let edges: Edges = [
        (("a".to_owned(), "b".to_owned()), String::new()),
        (("b".to_owned(), "c".to_owned()), String::new()),
        (("c".to_owned(), "a".to_owned()), String::new()),
        (("c".to_owned(), "d".to_owned()), String::new()),
    ]
    .into_iter()
    .collect();
    assert_eq!(cycles(&edges), [["a", "b", "c"]]);
    // This very file: its test-module-free code still has the constant, no comment text.
    let lines = code_lines(Path::new("tests/architecture.rs"));
    assert!(lines.iter().any(|l| l.text.contains("const LAYERS")));
    let comment = ["lowest first", " (see the module docs)"].concat();
    assert!(!lines.iter().any(|l| l.text.contains(&comment)));
    assert!(mentions("fs_err::read(p)", "fs_err") && !mentions("ThemeFile::parse", "File::"));
}
