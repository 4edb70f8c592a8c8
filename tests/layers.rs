//! The library's modules form straight layers: each top-level module of `src/` names only
//! modules below it. A back-edge (the diff reading settings, the diagnostic type reaching
//! into the loader, a reporter called by the linter) makes a cycle that this test names.
//!
//! Dependencies are read from the source: every `crate::module` path outside comments and
//! outside `#[cfg(test)]` modules (tests may use anything).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom first. A module may name only modules before it.
const LAYERS: &[&str] = &[
    // Leaves: text and data structures with no knowledge of OpenAPI documents.
    "tree",
    "edit_distance",
    "parallel",
    "yaml_writer",
    "atomic_write",
    // The file store, then the diagnostic type that points into it.
    "files",
    "diagnostic",
    // The pipeline: load -> model -> rules (catalogue) -> diff -> version -> policy.
    "load",
    "model",
    "rules",
    "diff",
    "version",
    "policy",
    "compare",
    "history",
    // One document at a time.
    "lint",
    "linting",
    "check",
    "bundle",
    // Rendering, then the command line on top.
    "report",
    "cli",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// The modules `text` names as `crate::x`, outside comments and unit-test modules.
fn named_modules(text: &str) -> BTreeSet<String> {
    let code = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut named = BTreeSet::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            // `$crate::` in macros and `specver_crate::` are not paths of this crate.
            let before = rest[..at].chars().last();
            if !matches!(before, Some('$' | '_')) {
                named.extend(first_segments(after));
            }
            rest = after;
        }
    }
    named
}

/// The module names a path starts with: `load::X` gives `load`, a group `{load::X, model}`
/// (on one line) gives both.
fn first_segments(path: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let names = match path.strip_prefix('{') {
        Some(group) => group
            .split('}')
            .next()
            .unwrap_or("")
            .split(',')
            .map(ident)
            .collect(),
        None => vec![ident(path)],
    };
    names.into_iter().filter(|n| !n.is_empty()).collect()
}

fn dependencies() -> BTreeMap<String, BTreeSet<(String, String)>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut deps: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let rel = file.strip_prefix(&src).unwrap().display().to_string();
        for named in named_modules(&text) {
            if named != module {
                deps.entry(module.clone())
                    .or_default()
                    .insert((named, rel.clone()));
            }
        }
    }
    deps
}

#[test]
fn every_module_names_only_modules_below_it() {
    let deps = dependencies();
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut problems = Vec::new();
    for (module, named) in &deps {
        if matches!(module.as_str(), "lib" | "main") {
            continue;
        }
        let Some(own) = rank(module) else {
            problems.push(format!("`src/{module}` is in no layer: add it to LAYERS"));
            continue;
        };
        for (target, file) in named {
            match rank(target) {
                Some(r) if r < own => {}
                Some(_) => problems.push(format!(
                    "src/{file} names `crate::{target}`, which is not below `{module}`"
                )),
                None => problems.push(format!(
                    "src/{file} names `crate::{target}`, which is in no layer"
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_sees_the_back_edges_it_must_catch() {
    // The check above is only as good as this reader: a path in code counts, one in a
    // comment or in unit tests does not.
    let text = "use crate::load::Workspace;\nuse crate::{model::Api, rules};\n// crate::cli in a comment\nfn f() { crate::report::x(); }\n#[cfg(test)]\nmod tests { use crate::cli; }\n";
    let named = named_modules(text);
    assert_eq!(
        named.into_iter().collect::<Vec<_>>(),
        ["load", "model", "report", "rules"]
    );
    // And the real tree has dependencies to check at all.
    let deps = dependencies();
    assert!(
        deps.get("diff")
            .is_some_and(|d| d.iter().any(|(m, _)| m == "model"))
    );
}
