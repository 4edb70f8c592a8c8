//! oasdiff's checker fixtures (`../shared/peer-fixtures/oasdiff/data/checker`), each a pair
//! named after the change it contains, diffed by specver and held against
//! `tests/expected/oasdiff_checker.tsv`.
//!
//! Each row of the expected file names a pair, the ids and levels oasdiff 1.15.0 reports for
//! it (`oasdiff changelog BASE REV`, recorded offline: oasdiff is never run here), the ids
//! and levels specver must report, and a verdict:
//!
//! * `same`: specver reports exactly oasdiff's ids and levels;
//! * `ours-differs: <reason>`: specver deliberately differs; the row's own column is what it
//!   must report;
//! * `todo: <note>`: not handled yet; the row is diffed (it must load and compare) and what
//!   specver reports is printed, nothing more.
//!
//! The ids compared are the per-operation ids (a change to a schema shared by a request and
//! a response has one id in each context, as oasdiff reports it) and the ids of
//! document-level changes. Levels come from the catalogue and are checked against the row.
//!
//! `SPECVER_ORACLE_DUMP=1 cargo test --test oasdiff_checker -- --nocapture` prints what
//! specver reports for every row, in the file's column format.

mod common;

use specver::load::{FileLocation, LoadOptions, Workspace};
use specver::rules::changes::{Catalogue, Level};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const EXPECTED: &str = include_str!("expected/oasdiff_checker.tsv");

struct Row {
    line: usize,
    fixture: String,
    base: String,
    revision: String,
    oasdiff: BTreeSet<String>,
    ours: BTreeSet<String>,
    verdict: String,
}

fn fixtures() -> Option<PathBuf> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer-fixtures/oasdiff/data/checker");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_without_shared(&format!("{} (oasdiff's checker fixtures)", dir.display()));
        None
    }
}

fn id_set(column: &str) -> BTreeSet<String> {
    if column.trim() == "-" {
        return BTreeSet::new();
    }
    column.split_whitespace().map(str::to_string).collect()
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in EXPECTED.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("fixture\t") {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            f.len(),
            6,
            "line {}: expected 6 tab-separated fields",
            i + 1
        );
        rows.push(Row {
            line: i + 1,
            fixture: f[0].to_string(),
            base: f[1].to_string(),
            revision: f[2].to_string(),
            oasdiff: id_set(f[3]),
            ours: id_set(f[4]),
            verdict: f[5].to_string(),
        });
    }
    rows
}

/// One side of a pair: a fixture file, or a fixture file with edits (`FILE | OLD => NEW |
/// ...`, `\\n` for a line break) for the fixtures oasdiff's own tests change in code.
fn load(dir: &Path, spec: &str) -> specver::model::Api {
    let mut parts = spec.split(" | ");
    let file = parts.next().unwrap();
    let path = dir.join(file);
    let ws = if spec.contains(" | ") {
        let mut text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .replace("\r\n", "\n");
        for edit in parts {
            let (old, new) = edit
                .split_once(" => ")
                .unwrap_or_else(|| panic!("`{edit}` is not `OLD => NEW`"));
            let (old, new) = (old.replace("\\n", "\n"), new.replace("\\n", "\n"));
            assert!(text.contains(&old), "{file}: `{old}` not found");
            text = text.replacen(&old, &new, 1);
        }
        Workspace::load_bytes(
            FileLocation::Path(path),
            text.into_bytes(),
            &LoadOptions::default(),
        )
    } else {
        Workspace::load_arg(path.to_str().unwrap(), &LoadOptions::default())
    };
    let ws = ws.unwrap_or_else(|e| panic!("{spec}: {e}"));
    specver::model::build(&ws).0
}

/// What specver reports for a pair: `id:level` for every operation context and every
/// document-level change.
fn reported(dir: &Path, base: &str, revision: &str) -> BTreeSet<String> {
    let (a, b) = (load(dir, base), load(dir, revision));
    let mut out = BTreeSet::new();
    for change in specver::diff::compare(&a, &b, specver::rules::Profile::Wire) {
        if change.operations.is_empty() {
            out.insert(format!("{}:{}", change.id, change.level.as_str()));
        }
        for op in &change.operations {
            out.insert(format!("{}:{}", op.id, op.level.as_str()));
        }
    }
    out
}

fn show(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "-".into()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(" ")
    }
}

#[test]
fn expected_file_is_consistent_with_the_catalogue() {
    let catalogue = Catalogue::builtin();
    let rows = rows();
    assert!(rows.len() >= 100, "only {} rows", rows.len());
    let mut seen = BTreeSet::new();
    for row in &rows {
        assert!(
            seen.insert(row.fixture.clone()),
            "{} listed twice",
            row.fixture
        );
        let v = row.verdict.as_str();
        assert!(
            v == "same" || v.starts_with("ours-differs: ") || v.starts_with("todo: "),
            "line {}: unknown verdict `{v}`",
            row.line
        );
        if v == "same" {
            assert_eq!(
                row.ours, row.oasdiff,
                "line {} ({}): a `same` row lists other ids than oasdiff's",
                row.line, row.fixture
            );
        }
        if v.starts_with("ours-differs") {
            assert_ne!(
                row.ours, row.oasdiff,
                "line {} ({}): `ours-differs` but the ids are oasdiff's",
                row.line, row.fixture
            );
        }
        if v.starts_with("todo") {
            continue;
        }
        for entry in &row.ours {
            let (id, level) = entry
                .rsplit_once(':')
                .unwrap_or_else(|| panic!("line {}: `{entry}` is not id:level", row.line));
            let rule = catalogue
                .get(id)
                .unwrap_or_else(|| panic!("line {}: {id} is not in rules/changes.yaml", row.line));
            assert_eq!(
                Some(rule.level),
                Level::parse_level(level),
                "line {}: {id} has level {} in the catalogue",
                row.line,
                rule.level.as_str()
            );
        }
    }
}

#[test]
fn oasdiff_checker_fixtures() {
    let Some(dir) = fixtures() else { return };
    let dump = std::env::var_os("SPECVER_ORACLE_DUMP").is_some();
    let mut failures = Vec::new();
    let (mut same, mut differs, mut todo) = (0, 0, 0);
    for row in rows() {
        let got = reported(&dir, &row.base, &row.revision);
        if dump {
            println!("{}\t{}", row.fixture, show(&got));
        }
        if row.verdict.starts_with("todo") {
            todo += 1;
            if !dump {
                println!("todo {}: specver reports {}", row.fixture, show(&got));
            }
            continue;
        }
        if row.verdict == "same" {
            same += 1;
        } else {
            differs += 1;
        }
        if got != row.ours {
            let missing: Vec<_> = row.ours.difference(&got).cloned().collect();
            let extra: Vec<_> = got.difference(&row.ours).cloned().collect();
            failures.push(format!(
                "{} (line {}, {}): missing [{}], unexpected [{}]",
                row.fixture,
                row.line,
                row.verdict,
                missing.join(" "),
                extra.join(" ")
            ));
        }
    }
    println!("oasdiff checker fixtures: {same} same, {differs} ours-differs, {todo} todo");
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ from tests/expected/oasdiff_checker.tsv:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
