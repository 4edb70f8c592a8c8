//! `specver lint` configured by a project: the `lint` section of `.specver.yaml` (extends,
//! severities, declarative rules, overrides per file and pointer) and the ignore file with
//! `--write-baseline`.

mod common;

use common::{TempDir, code, json, specver_in, stderr};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const DEFECTS: &str = include_str!("../fixtures/lint/defects-3.0-a.yaml");

/// A project directory with the seeded-defects spec as `api.yaml`. An empty `.git` stops
/// the search for `.specver.yaml` from leaving it.
fn project(tag: &str) -> TempDir {
    let dir = TempDir::new(tag);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir.write("api.yaml", DEFECTS);
    dir
}

/// (rule, line, pointer) of each finding, and the report's summary.
fn lint(dir: &Path, extra: &[&str]) -> (i32, Vec<(String, u64, String)>, Value) {
    let mut args = vec!["lint", "api.yaml", "--format", "json"];
    args.extend_from_slice(extra);
    let out = specver_in(dir, &args);
    let report = json(&out);
    let findings = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (code(&out), findings, report["summary"].clone())
}

/// Lints `../api.yaml` from a new subdirectory `sub` of `dir`: (exit code, JSON report).
fn lint_from_subdirectory(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    let mut args = vec!["lint", "../api.yaml", "--format", "json"];
    args.extend_from_slice(extra);
    let out = specver_in(&sub, &args);
    (code(&out), json(&out))
}

fn rules(findings: &[(String, u64, String)]) -> BTreeSet<&str> {
    findings.iter().map(|f| f.0.as_str()).collect()
}

fn severity_of(dir: &Path, rule: &str) -> Vec<String> {
    let out = specver_in(dir, &["lint", "api.yaml", "--format", "json"]);
    json(&out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["severity"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn config_section_adjusts_the_recommended_rules() {
    let dir = project("config-adjusts");
    let (_, defaults, _) = lint(dir.path(), &[]);
    assert!(rules(&defaults).contains("no-eval-in-markdown"));
    assert!(rules(&defaults).contains("oas3-unused-component"));
    assert!(
        !rules(&defaults).contains("operation-4xx-response"),
        "not recommended"
    );
    assert_eq!(severity_of(dir.path(), "no-eval-in-markdown"), ["warn"]);

    dir.write(
        ".specver.yaml",
        "lint:\n  rules:\n    no-eval-in-markdown: error\n    oas3-unused-component: off\n    operation-4xx-response: hint\n",
    );
    let (_, findings, _) = lint(dir.path(), &[]);
    let names = rules(&findings);
    assert!(!names.contains("oas3-unused-component"));
    assert!(names.contains("operation-4xx-response"));
    assert_eq!(severity_of(dir.path(), "no-eval-in-markdown"), ["error"]);
    assert_eq!(severity_of(dir.path(), "operation-4xx-response"), ["hint"]);
    // Everything else is as recommended.
    let others = |f: &[(String, u64, String)]| -> BTreeSet<String> {
        f.iter()
            .filter(|f| {
                !matches!(
                    f.0.as_str(),
                    "oas3-unused-component" | "operation-4xx-response"
                )
            })
            .map(|f| format!("{} {} {}", f.0, f.1, f.2))
            .collect()
    };
    assert_eq!(others(&findings), others(&defaults));
}

#[test]
fn config_section_adds_rules_and_overrides_them_per_file_and_pointer() {
    let dir = project("config-rules");
    dir.write(
        ".specver.yaml",
        r#"lint:
  extends: [off]
  rules:
    no-operation-ids:
      description: ids come from the generator
      severity: error
      given: $.paths[*][get,post]
      then: {field: operationId, function: falsy}
  overrides:
    - files: ["api.yaml#/paths/~1pets"]
      rules: {no-operation-ids: off}
    - files: ["api.yaml#/paths/~1toys~1mine"]
      rules: {no-operation-ids: info}
"#,
    );
    let (exit, findings, _) = lint(dir.path(), &[]);
    assert_eq!(exit, 1, "the rule is an error");
    assert!(
        findings.iter().all(|f| f.0 == "no-operation-ids"),
        "`extends: [off]` leaves only the project's rule: {findings:?}"
    );
    let pointers: Vec<&str> = findings.iter().map(|f| f.2.as_str()).collect();
    assert!(
        !pointers.iter().any(|p| p.starts_with("/paths/~1pets/")),
        "turned off under /paths/~1pets: {pointers:?}"
    );
    assert!(pointers.contains(&"/paths/~1pets~1{petId}/get/operationId"));
    assert!(pointers.contains(&"/paths/~1toys~1mine/get/operationId"));
    let out = specver_in(dir.path(), &["lint", "api.yaml", "--format", "json"]);
    let mine = json(&out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["pointer"] == "/paths/~1toys~1mine/get/operationId")
        .cloned()
        .unwrap();
    assert_eq!(mine["severity"], "info");
}

#[test]
fn config_section_extends_a_spectral_ruleset_file() {
    let dir = project("config-extends");
    std::fs::create_dir(dir.path().join("style")).unwrap();
    dir.write(
        "style/.spectral.yaml",
        "extends: [[spectral:oas, off]]\nrules:\n  operation-singular-tag: error\n",
    );
    dir.write(
        ".specver.yaml",
        "lint:\n  extends: [style/.spectral.yaml]\n  rules:\n    no-eval-in-markdown: warn\n",
    );
    let (_, findings, _) = lint(dir.path(), &[]);
    let names = rules(&findings);
    assert_eq!(
        names,
        BTreeSet::from(["operation-singular-tag", "no-eval-in-markdown"]),
        "only the rules the two files turn on"
    );
    // `--ruleset` wins over the project's section.
    let out = specver_in(
        dir.path(),
        &["lint", "api.yaml", "--format", "json", "--rules", "all"],
    );
    assert!(json(&out)["findings"].as_array().unwrap().len() > findings.len());
}

#[test]
fn config_mistakes_name_the_file_line_and_column() {
    let dir = project("config-mistakes");
    dir.write(".specver.yaml", "lint:\n  rules:\n    info-contact: loud\n");
    let out = specver_in(dir.path(), &["lint", "api.yaml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains(".specver.yaml:3:19: rule `info-contact` must be a severity"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty(), "no partial report");

    // A misspelt member is a warning naming it, not silence.
    dir.write("./.specver.yaml", "lint:\n  rule:\n    info-contact: off\n");
    let out = specver_in(dir.path(), &["lint", "api.yaml"]);
    assert!(
        stderr(&out).contains(".specver.yaml:2:3: unknown ruleset member `rule`")
            || stderr(&out).contains("unknown ruleset member `rule`"),
        "{}",
        stderr(&out)
    );
    dir.write(
        ".specver.yaml",
        "lint:\n  rules:\n    no-such-rule: error\n",
    );
    let out = specver_in(dir.path(), &["lint", "api.yaml"]);
    assert!(
        stderr(&out).contains("unknown rule `no-such-rule`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn baseline_adopts_a_legacy_spec_and_new_problems_still_fail() {
    let dir = project("baseline");
    let (exit, before, _) = lint(dir.path(), &[]);
    assert_eq!(exit, 1);
    assert!(before.len() > 20);

    let out = specver_in(dir.path(), &["lint", "api.yaml", "--write-baseline"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join(".specver-lint-ignore.yaml")).unwrap();
    // Redocly's layout: file (relative) -> rule -> '#/pointer'.
    assert!(written.contains("\napi.yaml:\n") || written.contains("\n\"api.yaml\":\n"));
    assert!(written.contains("  no-eval-in-markdown:\n  - \"#/info/description\"\n"));

    let (exit, after, summary) = lint(dir.path(), &[]);
    assert_eq!((exit, after.len()), (0, 0), "{after:?}");
    assert_eq!(summary["ignored"], before.len());

    // One problem fixed, one new: the new one fails, the fixed entry is noted as stale.
    let changed = DEFECTS
        .replace("Never eval(input) here.", "Plain.")
        .replace("description: Zoo.", "description: Zoo eval(x).");
    assert_ne!(changed, DEFECTS);
    dir.write("api.yaml", &changed);
    let out = specver_in(dir.path(), &["lint", "api.yaml", "--format", "json"]);
    let report = json(&out);
    let left: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(left, ["/tags/0/description"]);
    assert!(
        stderr(&out).contains("1 entry of .specver-lint-ignore.yaml no longer matches"),
        "{}",
        stderr(&out)
    );

    // Rewriting the baseline drops the stale entry and takes the new finding.
    specver_in(dir.path(), &["lint", "api.yaml", "--write-baseline"]);
    let rewritten = std::fs::read_to_string(dir.path().join(".specver-lint-ignore.yaml")).unwrap();
    assert!(!rewritten.contains("#/info/description"));
    assert!(rewritten.contains("#/tags/0/description"));
    let out = specver_in(dir.path(), &["lint", "api.yaml"]);
    assert_eq!(code(&out), 0);
    assert!(
        !stderr(&out).contains("no longer match"),
        "{}",
        stderr(&out)
    );

    // `--no-ignore` shows everything again.
    let (_, all, _) = lint(dir.path(), &["--no-ignore"]);
    assert_eq!(all.len(), before.len());
}

#[test]
fn baseline_keeps_other_files_and_works_from_another_directory() {
    let dir = project("baseline-shared");
    dir.write(
        "lint-ignore.yaml",
        "other.yaml:\n  operation-description:\n    - '#/paths/~1a/get'\n",
    );
    dir.write(".specver.yaml", "lint:\n  ignore-file: lint-ignore.yaml\n");
    let out = specver_in(dir.path(), &["lint", "api.yaml", "--write-baseline"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("lint-ignore.yaml")).unwrap();
    assert!(text.contains("other.yaml"), "{text}");
    assert!(text.contains("#/paths/~1a/get"), "{text}");
    assert!(text.contains("api.yaml"), "{text}");

    // From a subdirectory, naming the files by other paths: the keys still match, since
    // they are relative to the ignore file.
    let (exit, report) =
        lint_from_subdirectory(dir.path(), &["--ignore-file", "../lint-ignore.yaml"]);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(exit, 0);
}

#[test]
fn ignore_files_in_redocly_spelling_and_broken_ones() {
    let dir = project("ignore-forms");
    // Pointers with or without `#`, and Redocly's rule names.
    dir.write(
        "ignore.yaml",
        "api.yaml:\n  no-unused-components:\n    - '#/components/schemas/Unused'\n  no-eval-in-markdown:\n    - /info/description\n",
    );
    let (_, findings, summary) = lint(dir.path(), &["--ignore-file", "ignore.yaml"]);
    assert_eq!(summary["ignored"], 2, "{findings:?}");
    assert!(!rules(&findings).contains("oas3-unused-component"));

    dir.write(
        "ignore.yaml",
        "api.yaml:\n  no-eval-in-markdown: '#/info'\n",
    );
    let out = specver_in(
        dir.path(),
        &["lint", "api.yaml", "--ignore-file", "ignore.yaml"],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("ignore.yaml:2:24: expected a list of JSON pointers"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    let out = specver_in(
        dir.path(),
        &["lint", "api.yaml", "--ignore-file", "missing.yaml"],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("missing.yaml: no such ignore file"));

    // A baseline that cannot be written leaves nothing behind and says why.
    let out = specver_in(
        dir.path(),
        &[
            "lint",
            "api.yaml",
            "--write-baseline",
            "--ignore-file",
            "no-dir/ignore.yaml",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot write no-dir/ignore.yaml"));
    assert!(!dir.path().join("no-dir").exists());
}

/// `--new-since REV`: only what the working file adds to the file at the revision, by rule
/// and pointer, from any directory of the work tree; a file the revision lacks is all new.
#[test]
fn new_since_a_revision_reports_only_what_was_added() {
    if !common::git_available() {
        return;
    }
    let dir = TempDir::new("new-since");
    common::git(dir.path(), &["init", "-q"], None);
    dir.write("api.yaml", DEFECTS);
    common::git(dir.path(), &["add", "api.yaml"], None);
    common::git(dir.path(), &["commit", "-q", "-m", "base"], None);
    let (exit, all, _) = lint(dir.path(), &[]);
    assert_eq!(exit, 1);

    let (exit, findings, summary) = lint(dir.path(), &["--new-since", "HEAD"]);
    assert_eq!((exit, findings.len()), (0, 0), "{findings:?}");
    assert_eq!(summary["old"], all.len());

    // A new problem is reported; a fixed one is simply gone.
    let changed = DEFECTS
        .replace("Never eval(input) here.", "Plain.")
        .replace("description: Zoo.", "description: Zoo eval(x).");
    dir.write("api.yaml", &changed);
    let (_, findings, summary) = lint(dir.path(), &["--new-since", "HEAD"]);
    assert_eq!(
        findings,
        [(
            "no-eval-in-markdown".to_string(),
            22,
            "/tags/0/description".to_string()
        )]
    );
    assert_eq!(summary["old"], all.len() - 1);

    // From a subdirectory, naming the spec by another path.
    let (_, report) = lint_from_subdirectory(dir.path(), &["--new-since", "HEAD"]);
    assert_eq!(report["findings"].as_array().unwrap().len(), 1);

    // A spec the revision does not have: every finding is new, and the note says why.
    dir.write("other.yaml", DEFECTS);
    let out = specver_in(
        dir.path(),
        &[
            "lint",
            "other.yaml",
            "--new-since",
            "HEAD",
            "--format",
            "json",
        ],
    );
    assert_eq!(json(&out)["findings"].as_array().unwrap().len(), all.len());
    assert!(
        stderr(&out).contains("every finding counts as new"),
        "{}",
        stderr(&out)
    );
}

/// A rule defined inside `overrides` runs only where the override applies (Spectral's
/// semantics); redefining a rule that exists elsewhere there is a warning.
#[test]
fn overrides_can_define_rules_for_some_places_only() {
    let dir = project("override-rules");
    dir.write(
        ".specver.yaml",
        r#"lint:
  extends: [off]
  overrides:
    - files: ["api.yaml#/paths/~1toys~1mine"]
      rules:
        toys-have-no-ids:
          severity: error
          given: $.paths[*][get,post]
          then: {field: operationId, function: falsy}
        operation-tags: {given: $, then: {function: truthy}}
"#,
    );
    let out = specver_in(dir.path(), &["lint", "api.yaml", "--format", "json"]);
    let report = json(&out);
    let found: Vec<(&str, &str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["pointer"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "toys-have-no-ids",
            "/paths/~1toys~1mine/get/operationId",
            "error"
        )]
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("rule `operation-tags` in `overrides`: a rule defined outside"),
        "{}",
        stderr(&out)
    );
}
