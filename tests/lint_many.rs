//! `specver lint` over several specs and patterns: one report naming every file, in each
//! format, and one exit code, the worst over the specs.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// Error-severity findings (exit 1 alone).
const DEFECTS: &str = "fixtures/lint/defects-3.0-a.yaml";
/// Warnings only (exit 0 alone).
const PETSTORE: &str = "fixtures/petstore.yaml";

fn in_repo(args: &[&str]) -> std::process::Output {
    specver_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// The specs a JSON report of several lists, in order.
fn spec_names(out: &std::process::Output) -> Vec<String> {
    json(out)["specs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["spec"].as_str().unwrap().to_string())
        .collect()
}

fn lint(extra: &[&str]) -> std::process::Output {
    let mut args = vec!["lint", DEFECTS, PETSTORE];
    args.extend_from_slice(extra);
    in_repo(&args)
}

#[test]
fn every_format_names_both_files_and_exits_with_the_worst() {
    // Alone, each spec exits as its findings say.
    assert_eq!(code(&in_repo(&["lint", PETSTORE])), 0);
    assert_eq!(code(&in_repo(&["lint", DEFECTS])), 1);

    let out = lint(&[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("┌─ {DEFECTS}:")), "{text}");
    assert!(text.contains(&format!("┌─ {PETSTORE}:")), "{text}");
    assert!(
        text.contains(&format!("{PETSTORE}: 7 problems (0 errors, 7 warnings")),
        "{text}"
    );
    let last = text.lines().last().unwrap();
    assert!(last.ends_with(" in 2 specs"), "{last}");
    assert!(
        last.starts_with("40 problems (13 errors, 27 warnings"),
        "{last}"
    );

    for format in [
        "json",
        "sarif",
        "junit",
        "github-actions",
        "markdown",
        "gitlab",
        "html",
    ] {
        // Every annotation (the default limit would fill up with the first file's).
        let out = lint(&["--format", format, "--max-annotations", "0"]);
        assert_eq!(code(&out), 1, "{format}: {}", stderr(&out));
        let report = stdout(&out);
        for file in [DEFECTS, PETSTORE] {
            assert!(report.contains(file), "{format} does not name {file}");
        }
    }
}

#[test]
fn json_keeps_the_one_spec_shape_and_adds_specs_for_several() {
    let one = json(&in_repo(&["lint", PETSTORE, "--format", "json"]));
    assert!(one.get("specs").is_none(), "{one}");
    assert_eq!(one["summary"]["warn"], 7);

    let both = json(&lint(&["--format", "json"]));
    let specs = both["specs"].as_array().unwrap();
    let names: Vec<&str> = specs.iter().map(|s| s["spec"].as_str().unwrap()).collect();
    assert_eq!(names, [DEFECTS, PETSTORE]);
    assert_eq!(specs[1]["summary"]["warn"], 7);
    assert_eq!(specs[1]["summary"]["error"], 0);
    // The totals are the sums, and every finding names its file.
    let findings = both["findings"].as_array().unwrap();
    let count = |file: &str| findings.iter().filter(|f| f["file"] == file).count();
    assert_eq!(count(PETSTORE), 7);
    assert_eq!(count(DEFECTS) + count(PETSTORE), findings.len());
    let error = specs[0]["summary"]["error"].as_u64().unwrap();
    assert_eq!(both["summary"]["error"].as_u64().unwrap(), error);
    assert_eq!(
        both["summary"]["warn"].as_u64().unwrap(),
        7 + specs[0]["summary"]["warn"].as_u64().unwrap()
    );
}

#[test]
fn sarif_is_one_run_whose_results_name_their_files() {
    let log = json(&lint(&["--format", "sarif"]));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let uris: std::collections::BTreeSet<&str> = runs[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris.into_iter().collect::<Vec<_>>(),
        [DEFECTS, PETSTORE],
        "relative to the top of the work tree"
    );
}

#[test]
fn the_annotation_limit_applies_to_the_whole_run() {
    let out = lint(&["--format", "github-actions", "--max-annotations", "2"]);
    let text = stdout(&out);
    let errors = text.lines().filter(|l| l.starts_with("::error ")).count();
    let warnings = text.lines().filter(|l| l.starts_with("::warning ")).count();
    // 13 errors and 27 warnings over the two files: two of each, then a notice.
    assert_eq!((errors, warnings), (2, 2), "{text}");
    assert!(text.contains("::notice"), "{text}");
}

#[test]
fn markdown_is_one_comment_for_all_the_specs() {
    let text = stdout(&lint(&["--format", "markdown"]));
    assert_eq!(text.matches("### ").count(), 1, "{text}");
    assert!(
        text.starts_with(&format!(
            "### ❌ specver lint `{DEFECTS}`, `{PETSTORE}`: 13 findings"
        )),
        "{text}"
    );
    assert!(text.contains("<summary>Findings: 40</summary>"), "{text}");
    assert!(text.len() < 60_000);
}

#[test]
fn a_spec_that_fails_to_load_is_reported_and_the_others_still_are() {
    let out = in_repo(&[
        "lint",
        PETSTORE,
        "fixtures/bad/truncated.json",
        DEFECTS,
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 2, "a load error outranks findings");
    assert!(
        stderr(&out).contains("error: fixtures/bad/truncated.json:12:13: string is not closed"),
        "{}",
        stderr(&out)
    );
    let report = json(&out);
    let specs = report["specs"].as_array().unwrap();
    assert_eq!(specs.len(), 3);
    assert_eq!(specs[0]["summary"]["warn"], 7);
    assert_eq!(
        specs[1]["error"],
        "fixtures/bad/truncated.json:12:13: string is not closed"
    );
    assert!(specs[1].get("summary").is_none());
    assert!(specs[2]["summary"]["error"].as_u64().unwrap() > 0);

    let text = stdout(&in_repo(&["lint", PETSTORE, "fixtures/bad/truncated.json"]));
    assert!(
        text.ends_with("7 problems (0 errors, 7 warnings, 0 info, 0 hints) in 1 spec; 1 could not be linted (see the errors above)\n"),
        "{text}"
    );
}

#[test]
fn patterns_expand_and_one_that_matches_nothing_is_an_error() {
    let out = in_repo(&["lint", "fixtures/lint/defects-3.?.yaml", "--format", "json"]);
    let names = spec_names(&out);
    assert_eq!(
        names,
        [
            "fixtures/lint/defects-3.1.yaml",
            "fixtures/lint/defects-3.2.yaml"
        ]
    );

    // `**/` also matches no directory at all, as in shells.
    let out = in_repo(&["lint", "fix*/**/petstore.yaml", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        json(&out)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == PETSTORE)
    );

    // `*` stays within a directory: `fixtures/bundle/versions/*/openapi.yaml` takes the two
    // roots, not the fragments under their `models/`, which are no documents and would fail
    // the run.
    let out = in_repo(&[
        "lint",
        "fixtures/bundle/versions/*/openapi.yaml",
        "fixtures/bundle/versions/v1/*.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let names = spec_names(&out);
    assert_eq!(
        names,
        [
            "fixtures/bundle/versions/v1/openapi.yaml",
            "fixtures/bundle/versions/v2/openapi.yaml"
        ]
    );

    let out = in_repo(&["lint", "fixtures/lint/defects-3.[12].yaml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out)
            .contains("no file matches (`[...]` classes are not supported: use `?` or `*`)"),
        "{}",
        stderr(&out)
    );

    let out = in_repo(&["lint", PETSTORE, "specs/**/*.yaml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("error: specs/**/*.yaml: no file matches"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        stdout(&out),
        "",
        "nothing is linted when an argument is wrong"
    );
}

#[test]
fn only_skip_and_the_baseline_apply_to_each_spec() {
    let out = lint(&["--only", "info-contact", "--format", "json"]);
    let findings = json(&out)["findings"].as_array().unwrap().clone();
    assert!(findings.iter().all(|f| f["rule"] == "info-contact"));
    assert!(
        findings.iter().any(|f| f["file"] == PETSTORE),
        "{findings:?}"
    );
    assert_eq!(code(&out), 0, "info-contact is a warning");

    // A baseline written for both files silences both; a new finding in one still counts.
    let dir = TempDir::new("lint-many-baseline");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join(DEFECTS), dir.path().join("a.yaml")).unwrap();
    std::fs::copy(root.join(PETSTORE), dir.path().join("b.yaml")).unwrap();
    let written = specver_in(
        dir.path(),
        &["lint", "a.yaml", "b.yaml", "--write-baseline"],
    );
    assert_eq!(code(&written), 0, "{}", stderr(&written));
    let after = specver_in(
        dir.path(),
        &["lint", "a.yaml", "b.yaml", "--format", "json"],
    );
    assert_eq!(code(&after), 0, "{}", stdout(&after));
    let report = json(&after);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    assert_eq!(report["specs"][1]["summary"]["ignored"], 7);
    let b = std::fs::read_to_string(dir.path().join("b.yaml")).unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        b.replace("  /pets:", "  /animals:"),
    )
    .unwrap();
    let changed = specver_in(
        dir.path(),
        &["lint", "a.yaml", "b.yaml", "--format", "json"],
    );
    let report = json(&changed);
    let files: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["file"])
        .collect();
    assert!(
        !files.is_empty() && files.iter().all(|f| *f == "b.yaml"),
        "{report}"
    );
}

#[test]
fn corpus_specs_at_once_match_separate_runs() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let specs = [
        "docker-engine/v1.25.yaml",
        "netlify/2016-04-24_d6527b14.yml",
        "discord/2023-07-14_fcaf8858.json",
    ];
    if specs.iter().any(|s| !corpus.join(s).is_file()) {
        skip_without_shared("../shared/corpus (docker-engine, netlify, discord)");
        return;
    }
    let mut args = vec!["lint", "--format", "json"];
    args.extend(specs);
    let together = specver_in(&corpus, &args);
    let report = json(&together);
    let mut worst = 0;
    for (k, spec) in specs.iter().enumerate() {
        let alone = specver_in(&corpus, &["lint", "--format", "json", spec]);
        worst = worst.max(code(&alone));
        let alone = json(&alone);
        assert_eq!(report["specs"][k]["spec"], *spec);
        assert_eq!(report["specs"][k]["summary"], alone["summary"], "{spec}");
        let of_spec: Vec<&Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["file"] == *spec)
            .collect();
        assert_eq!(
            of_spec.len(),
            alone["findings"].as_array().unwrap().len(),
            "{spec}"
        );
    }
    assert_eq!(code(&together), worst);
}

#[test]
fn new_since_applies_to_each_spec_at_the_revision() {
    if !git_available() {
        return;
    }
    let dir = TempDir::new("lint-many-since");
    let d = dir.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    git(d, &["init", "-q"], None);
    std::fs::copy(root.join(DEFECTS), d.join("a.yaml")).unwrap();
    std::fs::copy(root.join(PETSTORE), d.join("b.yaml")).unwrap();
    git(d, &["add", "."], None);
    git(d, &["commit", "-qm", "base"], Some("2026-01-01T00:00:00Z"));
    // b.yaml gains findings (a renamed path is new to every rule); a.yaml is unchanged.
    let b = std::fs::read_to_string(d.join("b.yaml")).unwrap();
    std::fs::write(d.join("b.yaml"), b.replace("  /pets:", "  /animals:")).unwrap();
    let out = specver_in(
        d,
        &[
            "lint",
            "a.yaml",
            "b.yaml",
            "--new-since",
            "HEAD",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    let specs = report["specs"].as_array().unwrap();
    assert_eq!(
        specs[0]["summary"]["old"], 33,
        "every finding of a.yaml is old"
    );
    assert_eq!(specs[0]["summary"]["warn"], 0);
    assert!(
        specs[1]["summary"]["warn"].as_u64().unwrap() > 0,
        "{report}"
    );
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["file"] == "b.yaml"),
        "{report}"
    );
    let text = stdout(&specver_in(
        d,
        &["lint", "a.yaml", "b.yaml", "--new-since", "HEAD"],
    ));
    assert!(text.contains("a.yaml: 0 problems"), "{text}");
    assert!(text.contains("more were already there at HEAD"), "{text}");
}

#[test]
fn one_spec_that_cannot_be_loaded_prints_only_its_error() {
    let out = in_repo(&["lint", "fixtures/bad/truncated.json", "--format", "json"]);
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("fixtures/bad/truncated.json:12:13:"),
        "{}",
        stderr(&out)
    );
}
