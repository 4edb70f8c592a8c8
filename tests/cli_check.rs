//! `specver check`: lint, breaking changes and the version policy in one run, in a real git
//! repository. The petstore pair of fixtures/ needs nothing else; the Vapi pair (the issue's
//! own acceptance case) needs ../shared/corpus and skips with a message without it.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A repository whose `main` holds `base` as `openapi.yaml` (plus `old.yaml`, which the
/// branch deletes), and whose checked-out branch `feature` holds `revision` and a new
/// `added.yaml`.
fn repo(base: &Path, revision: &Path, name: &str) -> TempDir {
    let dir = TempDir::new("check");
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"], None);
    std::fs::copy(base, d.join(name)).unwrap();
    std::fs::copy(fixture("petstore.yaml"), d.join("old.yaml")).unwrap();
    git(d, &["add", "."], None);
    git(d, &["commit", "-qm", "base"], Some("2026-01-01T00:00:00Z"));
    git(d, &["checkout", "-qb", "feature"], None);
    std::fs::copy(revision, d.join(name)).unwrap();
    std::fs::copy(fixture("petstore.yaml"), d.join("added.yaml")).unwrap();
    git(d, &["rm", "-q", "old.yaml"], None);
    git(d, &["add", "."], None);
    git(
        d,
        &["commit", "-qm", "revision"],
        Some("2026-01-02T00:00:00Z"),
    );
    dir
}

#[test]
fn breaking_changes_fail_and_the_base_is_the_merge_base_with_main() {
    if !git_available() {
        println!("skipping: git not found");
        return;
    }
    let dir = repo(
        &fixture("petstore.yaml"),
        &fixture("petstore-v2.yaml"),
        "openapi.yaml",
    );
    let out = specver_in(dir.path(), &["check", "openapi.yaml", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["base"]["rev"], "main");
    assert_eq!(report["base"]["how"], "merge base of HEAD and main");
    assert_eq!(report["verdict"]["passed"], false);
    let spec = &report["specs"][0];
    assert_eq!(spec["state"], "changed");
    assert_eq!(spec["bump"], "major");
    let errors: Vec<&str> = spec["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "error")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!errors.is_empty(), "{spec}");
    let reasons = report["verdict"]["reasons"].to_string();
    assert!(
        reasons.contains("openapi.yaml: ") && reasons.contains("at or above error"),
        "{reasons}"
    );
    // The same check with breaking changes allowed passes: the exit code follows the policy.
    let lenient = specver_in(
        dir.path(),
        &["check", "openapi.yaml", "--fail-on-breaking", "never"],
    );
    assert_eq!(code(&lenient), 0, "{}", stdout(&lenient));
    assert!(
        stdout(&lenient).ends_with("check passed\n"),
        "{}",
        stdout(&lenient)
    );
}

#[test]
fn a_new_spec_is_linted_only_and_a_deleted_one_removes_every_operation() {
    if !git_available() {
        println!("skipping: git not found");
        return;
    }
    let dir = repo(
        &fixture("petstore.yaml"),
        &fixture("petstore.yaml"),
        "openapi.yaml",
    );
    let out = specver_in(
        dir.path(),
        &["check", "added.yaml", "old.yaml", "--format", "json"],
    );
    let report = json(&out);
    let added = &report["specs"][0];
    assert_eq!(added["state"], "new");
    assert_eq!(added["changes"].as_array().unwrap().len(), 0);
    assert!(
        stderr(&out).contains("added.yaml is not in main"),
        "{}",
        stderr(&out)
    );
    let old = &report["specs"][1];
    assert_eq!(old["state"], "deleted");
    let removed: Vec<&str> = old["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(
        removed.contains(&"api-path-removed-without-deprecation")
            && !removed.iter().any(|id| id.contains("added")),
        "{removed:?}"
    );
    // Removing operations is an error: the deletion fails the check.
    assert_eq!(code(&out), 1);
}

#[test]
fn a_base_that_is_an_option_or_missing_is_an_error() {
    if !git_available() {
        println!("skipping: git not found");
        return;
    }
    let dir = repo(
        &fixture("petstore.yaml"),
        &fixture("petstore.yaml"),
        "openapi.yaml",
    );
    let out = specver_in(dir.path(), &["check", "openapi.yaml", "--base=--output=X"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot start with `-`"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("X").exists());
    let out = specver_in(dir.path(), &["check", "nowhere.yaml"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("nowhere.yaml: no such file here nor in main"));
}

fn vapi() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/vapi");
    if !dir.is_dir() || !git_available() {
        common::skip_without_shared("../shared/corpus/vapi or git");
        return None;
    }
    Some(dir)
}

/// The acceptance case: Vapi 2025-08-04 on main, 2025-08-07 on a branch.
#[test]
fn vapi_pull_request_markdown_annotations_and_exit_codes() {
    let Some(vapi) = vapi() else { return };
    let dir = repo(
        &vapi.join("2025-08-04_427b2153.json"),
        &vapi.join("2025-08-07_4f16438e.json"),
        "openapi.json",
    );
    let summary = dir.path().join("summary.md");
    let out = specver_in(
        dir.path(),
        &[
            "check",
            "openapi.json",
            "--format",
            "markdown",
            "--summary-file",
            summary.to_str().unwrap(),
        ],
    );
    let md = stdout(&out);
    // The verdict first, then the base, then the table.
    assert!(md.starts_with("### ❌ specver check failed\n"), "{md}");
    assert!(md.contains("new lint findings at or above error"), "{md}");
    assert!(md.contains("Compared with `main` ("), "{md}");
    let row = md
        .lines()
        .find(|l| l.starts_with("| `openapi.json` |"))
        .expect("a table row for the spec");
    // Four response enum additions are warnings (the values an array and its items both
    // list are told once, on the items); the version stayed 1.0.
    assert!(row.contains("| 0 / 4 |"), "{row}");
    assert!(row.contains("| minor | `1.0` → `1.0` ⚠️ |"), "{row}");
    assert!(md.contains("#### Breaking changes\n"), "{md}");
    assert!(
        md.contains("`response-property-enum-value-added` `GroqModel`.model"),
        "{md}"
    );
    assert!(md.contains("<details><summary>Other changes: "), "{md}");
    assert!(md.contains("api-version-not-bumped"), "{md}");
    assert!(md.len() < 65_536);
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), md);
    assert_eq!(code(&out), 1);

    // Lint findings allowed: only warnings remain, and the version is only reported.
    let out = specver_in(
        dir.path(),
        &["check", "openapi.json", "--fail-on-lint", "never"],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    // Enforced, the version left at 1.0 fails.
    let out = specver_in(
        dir.path(),
        &[
            "check",
            "openapi.json",
            "--fail-on-lint",
            "never",
            "--version-policy",
            "enforce",
        ],
    );
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("version-policy problem"),
        "{}",
        stdout(&out)
    );

    // Every finding (thousands): annotations stay within GitHub's 10 per level and say
    // how many more there are; the Markdown stays under the comment limit.
    let out = specver_in(
        dir.path(),
        &[
            "check",
            "openapi.json",
            "--all-findings",
            "--format",
            "github-actions",
        ],
    );
    let text = stdout(&out);
    let count = |prefix: &str| text.lines().filter(|l| l.starts_with(prefix)).count();
    let errors = count("::error file=");
    assert!(
        errors == 10 && count("::warning ") == 10 && count("::notice ") <= 10,
        "{text}"
    );
    let more = text
        .lines()
        .find(|l| l.starts_with("::notice title=specver::"))
        .expect("a notice counting what was left out");
    assert!(
        more.contains("more findings are not shown as annotations"),
        "{more}"
    );
    assert!(text.contains("::error title=specver check::"), "{text}");
    let out = specver_in(
        dir.path(),
        &[
            "check",
            "openapi.json",
            "--all-findings",
            "--format",
            "markdown",
        ],
    );
    let md = stdout(&out);
    assert!(md.len() <= 60_000, "{}", md.len());
    assert!(md.contains("not shown here (size limit)"), "{md}");
}

#[test]
fn a_glob_checks_every_spec_it_matches_in_order() {
    if !git_available() {
        println!("skipping: git not found");
        return;
    }
    let dir = repo(
        &fixture("petstore.yaml"),
        &fixture("petstore-v2.yaml"),
        "openapi.yaml",
    );
    let out = specver_in(dir.path(), &["check", "*.yaml", "--format", "json"]);
    let report = json(&out);
    let specs: Vec<(&str, &str)> = report["specs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["spec"].as_str().unwrap(), s["state"].as_str().unwrap()))
        .collect();
    // Sorted; the deleted old.yaml is not in the work tree, so no pattern can name it.
    assert_eq!(specs, [("added.yaml", "new"), ("openapi.yaml", "changed")]);
    assert_eq!(code(&out), 1);
    let out = specver_in(dir.path(), &["check", "nothing-*.yaml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("nothing-*.yaml: no file matches"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_base_is_named_by_the_revision_given_or_the_short_commit() {
    if !git_available() {
        println!("skipping: git not found");
        return;
    }
    let dir = repo(
        &fixture("petstore.yaml"),
        &fixture("petstore-v2.yaml"),
        "openapi.yaml",
    );
    let base_files = |report: &serde_json::Value| -> Vec<String> {
        report["specs"][0]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["base"]["file"].as_str().map(str::to_string))
            .collect()
    };
    let given = json(&specver_in(
        dir.path(),
        &[
            "check",
            "openapi.yaml",
            "--base",
            "main",
            "--format",
            "json",
        ],
    ));
    let files = base_files(&given);
    assert!(!files.is_empty(), "{given}");
    assert!(files.iter().all(|f| f == "main:openapi.yaml"), "{files:?}");
    // The merge base is no name the user gave: its short commit.
    let merged = json(&specver_in(
        dir.path(),
        &["check", "openapi.yaml", "--format", "json"],
    ));
    let short = merged["base"]["commit"].as_str().unwrap()[..8].to_string();
    let files = base_files(&merged);
    assert!(
        !files.is_empty() && files.iter().all(|f| *f == format!("{short}:openapi.yaml")),
        "{files:?}"
    );
    let text = stdout(&specver_in(
        dir.path(),
        &["check", "openapi.yaml", "--base", "main"],
    ));
    let full = merged["base"]["commit"].as_str().unwrap();
    assert!(!text.contains(full), "{text}");
}
