//! Versioning through the built binary on the specs in fixtures/versioning/: every bump rule
//! (`specver bump BASE REV --format json`), 0.x, lenient `info.version`s, every version-policy
//! rule (`--check`), and the lifecycle policy (`x-sunset` with `--date`, `x-stability-level`,
//! `versioning.min-deprecation-days` in `.specver.yaml`).

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/versioning")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Fixture copies with another `info.version`.
trait TempDirExt {
    fn with_version(&self, fixture_name: &str, version: &str) -> String;
}

impl TempDirExt for TempDir {
    /// A copy of a fixture that declares `version` instead.
    fn with_version(&self, fixture_name: &str, version: &str) -> String {
        let text = std::fs::read_to_string(fixture(fixture_name)).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("  version: "))
            .expect("info.version line");
        let text = text.replacen(line, &format!("  version: '{version}'"), 1);
        self.write(&format!("{version}-{fixture_name}"), &text)
    }
}

/// `specver bump BASE REV --format json [--check] [extra]`: exit code and report.
fn bump(base: &str, revision: &str, check: bool, extra: &[&str]) -> (i32, Value) {
    bump_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        base,
        revision,
        check,
        extra,
    )
}

fn bump_in(dir: &Path, base: &str, revision: &str, check: bool, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["bump", base, revision, "--format", "json"];
    if check {
        args.push("--check");
    }
    args.extend_from_slice(extra);
    let out = specver_in(dir, &args);
    (code(&out), json(&out))
}

fn ids_of(list: &Value) -> Vec<String> {
    let mut ids: Vec<String> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

// Bump rules.

#[test]
fn every_bump_rule_gives_its_bump_and_next_version() {
    let cases: [(&str, &str, &str, &[&str]); 9] = [
        ("base.yaml", "none", "1.2.0", &[]),
        ("none-reformatted.json", "none", "1.2.0", &[]),
        (
            "major-endpoint-removed.yaml",
            "major",
            "2.0.0",
            &["api-removed-without-deprecation"],
        ),
        (
            "major-required-parameter.yaml",
            "major",
            "2.0.0",
            &["new-required-request-parameter"],
        ),
        (
            "minor-endpoint-added.yaml",
            "minor",
            "1.3.0",
            &["endpoint-added"],
        ),
        (
            "minor-optional-parameter.yaml",
            "minor",
            "1.3.0",
            &["new-optional-request-parameter"],
        ),
        (
            "minor-response-property.yaml",
            "minor",
            "1.3.0",
            &["response-optional-property-added"],
        ),
        (
            "minor-request-enum-value.yaml",
            "minor",
            "1.3.0",
            &["request-property-enum-value-added"],
        ),
        (
            "patch-documentation.yaml",
            "patch",
            "1.2.1",
            &[
                "endpoint-summary-changed",
                "request-parameter-description-changed",
                "request-property-examples-changed",
            ],
        ),
    ];
    for (revision, expected_bump, next, reasons) in cases {
        let (code, report) = bump(&fixture("base.yaml"), &fixture(revision), true, &[]);
        assert_eq!(code, 0, "{revision}: {report:#}");
        assert_eq!(report["bump"], expected_bump, "{revision}: {report:#}");
        assert_eq!(report["current"], "1.2.0", "{revision}");
        assert_eq!(report["next"], next, "{revision}");
        // Each fixture declares the version its rule calls for.
        assert_eq!(report["declared"], next, "{revision}");
        assert_eq!(
            ids_of(&report["reasons"]),
            reasons.to_vec(),
            "{revision}: {report:#}"
        );
        assert_eq!(
            ids_of(&report["problems"]),
            Vec::<String>::new(),
            "{revision}"
        );
        for r in report["reasons"].as_array().unwrap() {
            assert!(r["base"].is_object() || r["revision"].is_object(), "{r}");
        }
    }
}

#[test]
fn the_most_severe_change_decides_and_only_its_peers_are_reasons() {
    // Endpoint removed (major) and a documentation change (patch) together.
    let dir = TempDir::new("mixed");
    let text = std::fs::read_to_string(fixture("major-endpoint-removed.yaml"))
        .unwrap()
        .replace("summary: List pets", "summary: List all pets");
    let rev = dir.write("rev.yaml", &text);
    let (code, report) = bump(&fixture("base.yaml"), &rev, true, &[]);
    assert_eq!(code, 0);
    assert_eq!(report["bump"], "major");
    assert_eq!(
        ids_of(&report["reasons"]),
        ["api-removed-without-deprecation"]
    );
}

#[test]
fn warnings_need_a_minor_release_unless_settings_say_major() {
    let dir = TempDir::new("warnings");
    // `limit` removed from GET /pets: request-parameter-removed, a warning.
    let text = std::fs::read_to_string(fixture("base.yaml")).unwrap();
    let start = text
        .find("      parameters:\n        - name: limit")
        .unwrap();
    let end = text[start..].find("      responses:").unwrap() + start;
    let rev = dir.write(
        "rev.yaml",
        &format!("{}{}", &text[..start], &text[end..]).replace("version: 1.2.0", "version: 1.3.0"),
    );
    let (code, report) = bump(&fixture("base.yaml"), &rev, true, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["bump"], "minor");
    assert_eq!(ids_of(&report["reasons"]), ["request-parameter-removed"]);

    dir.write(".specver.yaml", "versioning:\n  warnings: major\n");
    let (code, report) = bump_in(dir.path(), &fixture("base.yaml"), &rev, true, &[]);
    assert_eq!(report["bump"], "major", "{report:#}");
    assert_eq!(report["next"], "2.0.0");
    assert_eq!(code, 1, "1.3.0 is too small now");
    assert_eq!(
        ids_of(&report["problems"]),
        ["api-major-version-not-bumped"]
    );
}

#[test]
fn zero_major_versions_take_breaking_changes_in_a_minor_release() {
    let (code, report) = bump(
        &fixture("zero-base.yaml"),
        &fixture("zero-breaking.yaml"),
        true,
        &[],
    );
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["current"], "0.3.0");
    assert_eq!(
        report["bump"], "minor",
        "a breaking change under 0.x is a minor release"
    );
    assert_eq!(report["next"], "0.4.0");
    assert_eq!(report["declared"], "0.4.0");
    assert_eq!(ids_of(&report["problems"]), Vec::<String>::new());
    assert_eq!(
        ids_of(&report["reasons"]),
        ["api-removed-without-deprecation"]
    );

    // An addition under 0.x is a patch release.
    let dir = TempDir::new("zero");
    let rev = dir.with_version("minor-endpoint-added.yaml", "0.3.1");
    let (code, report) = bump(&fixture("zero-base.yaml"), &rev, true, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["bump"], "patch");
    assert_eq!(report["next"], "0.3.1");

    // 0.3.0 -> 1.0.0 is always enough; 0.3.0 -> 0.3.1 is not for a breaking change.
    let rev = dir.with_version("zero-breaking.yaml", "1.0.0");
    assert_eq!(bump(&fixture("zero-base.yaml"), &rev, true, &[]).0, 0);
    let rev = dir.with_version("zero-breaking.yaml", "0.3.1");
    let (code, report) = bump(&fixture("zero-base.yaml"), &rev, true, &[]);
    assert_eq!(code, 1);
    assert_eq!(ids_of(&report["problems"]), ["api-version-bump-too-small"]);
}

#[test]
fn lenient_versions_are_completed_and_calendar_versions_get_no_number() {
    let dir = TempDir::new("lenient");
    // (base version, revision fixture, expected bump, next)
    let cases: [(&str, &str, &str, Option<&str>); 6] = [
        ("v2", "major-endpoint-removed.yaml", "major", Some("3.0.0")),
        ("v2", "minor-endpoint-added.yaml", "minor", Some("2.1.0")),
        ("1.0", "major-endpoint-removed.yaml", "major", Some("2.0.0")),
        ("1.0", "patch-documentation.yaml", "patch", Some("1.0.1")),
        ("2024-10-01", "major-endpoint-removed.yaml", "major", None),
        ("2024-10-01", "minor-endpoint-added.yaml", "minor", None),
    ];
    for (version, revision, expected_bump, next) in cases {
        let base = dir.with_version("base.yaml", version);
        let rev = dir.with_version(revision, version);
        let (_, report) = bump(&base, &rev, false, &[]);
        assert_eq!(report["current"], version, "{version} {revision}");
        assert_eq!(report["declared"], version, "{version} {revision}");
        assert_eq!(
            report["bump"], expected_bump,
            "{version} {revision}: {report:#}"
        );
        match next {
            Some(n) => assert_eq!(report["next"], n, "{version} {revision}"),
            None => assert!(report["next"].is_null(), "{version}: {report:#}"),
        }
    }

    // Lenient versions are checked as the versions they complete to ...
    let base = dir.with_version("base.yaml", "v2");
    let (code, report) = bump(
        &base,
        &dir.with_version("major-endpoint-removed.yaml", "v3"),
        true,
        &[],
    );
    assert_eq!(code, 0, "{report:#}");
    let (code, report) = bump(
        &base,
        &dir.with_version("major-endpoint-removed.yaml", "v2.1"),
        true,
        &[],
    );
    assert_eq!(code, 1);
    assert_eq!(
        ids_of(&report["problems"]),
        ["api-major-version-not-bumped"]
    );
    // ... and calendar versions carry no bump size: a later date passes, the same date
    // after a change does not (it once passed, unlike every other version style).
    let base = dir.with_version("base.yaml", "2024-10-01");
    let later = dir.with_version("major-endpoint-removed.yaml", "2024-10-02");
    let (code, report) = bump(&base, &later, true, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(ids_of(&report["problems"]), Vec::<String>::new());
    let rev = dir.with_version("major-endpoint-removed.yaml", "2024-10-01");
    let (code, report) = bump(&base, &rev, true, &[]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(ids_of(&report["problems"]), ["api-version-not-bumped"]);

    // Text output says why there is no number.
    let out = specver(&["bump", &base, &rev]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("major: `2024-10-01` is not a semantic version"),
        "{text}"
    );
}

// Version policy.

#[test]
fn every_version_policy_rule_fails_the_check() {
    let dir = TempDir::new("policy");
    // (revision fixture, declared version, expected problems)
    let cases: [(&str, &str, &[&str]); 9] = [
        (
            "minor-endpoint-added.yaml",
            "1.1.0",
            &["api-version-decreased"],
        ),
        (
            "major-endpoint-removed.yaml",
            "0.9.0",
            &["api-version-decreased"],
        ),
        (
            "patch-documentation.yaml",
            "1.2.0",
            &["api-version-not-bumped"],
        ),
        (
            "minor-endpoint-added.yaml",
            "1.2.0",
            &["api-version-not-bumped"],
        ),
        (
            "major-endpoint-removed.yaml",
            "1.3.0",
            &["api-major-version-not-bumped"],
        ),
        (
            "major-required-parameter.yaml",
            "1.2.5",
            &["api-major-version-not-bumped"],
        ),
        (
            "minor-endpoint-added.yaml",
            "1.2.1",
            &["api-version-bump-too-small"],
        ),
        (
            "minor-response-property.yaml",
            "1.2.1",
            &["api-version-bump-too-small"],
        ),
        (
            "patch-documentation.yaml",
            "1.1.9",
            &["api-version-decreased"],
        ),
    ];
    for (revision, declared, problems) in cases {
        let rev = dir.with_version(revision, declared);
        let (code, report) = bump(&fixture("base.yaml"), &rev, true, &[]);
        assert_eq!(code, 1, "{revision}@{declared}: {report:#}");
        assert_eq!(report["declared"], declared);
        assert_eq!(
            ids_of(&report["problems"]),
            problems.to_vec(),
            "{revision}@{declared}"
        );
        let p = &report["problems"][0];
        assert_eq!(p["level"], "error");
        assert_eq!(p["revision"]["pointer"], "/info/version", "{p}");
        assert_eq!(p["base"]["pointer"], "/info/version", "{p}");
        // Without --check the problems are listed but do not fail the command.
        let (code, report) = bump(&fixture("base.yaml"), &rev, false, &[]);
        assert_eq!(code, 0);
        assert_eq!(ids_of(&report["problems"]), problems.to_vec());
    }
}

#[test]
fn a_big_enough_version_passes_the_check() {
    let dir = TempDir::new("ok");
    let cases = [
        ("major-endpoint-removed.yaml", "2.0.0"),
        ("major-endpoint-removed.yaml", "3.0.0"),
        ("minor-endpoint-added.yaml", "1.3.0"),
        ("minor-endpoint-added.yaml", "2.0.0"),
        ("patch-documentation.yaml", "1.2.1"),
        ("patch-documentation.yaml", "1.3.0"),
        // Identical documents need no new version, and may have one.
        ("base.yaml", "1.2.0"),
        ("base.yaml", "1.2.1"),
        ("none-reformatted.json", "1.2.0"),
    ];
    for (revision, declared) in cases {
        let rev = if revision.ends_with(".json") {
            fixture(revision)
        } else {
            dir.with_version(revision, declared)
        };
        let (code, report) = bump(&fixture("base.yaml"), &rev, true, &[]);
        assert_eq!(code, 0, "{revision}@{declared}: {report:#}");
        assert!(report["problems"].as_array().unwrap().is_empty());
    }
    let out = specver(&[
        "bump",
        &fixture("base.yaml"),
        &fixture("minor-endpoint-added.yaml"),
        "--check",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("minor: 1.2.0 -> 1.3.0 (revision declares `1.3.0`; profile: wire)"),
        "{text}"
    );
    assert!(text.contains("version check: ok"), "{text}");
}

#[test]
fn policy_problems_are_info_notes_in_the_diff_commands() {
    // An endpoint added with info.version left alone: nothing breaks a client, so `breaking`
    // passes; the note is in `diff`, and `bump --check` is what fails.
    let dir = TempDir::new("policy-diff");
    let rev = dir.with_version("minor-endpoint-added.yaml", "1.2.0");
    let out = specver(&["breaking", &fixture("base.yaml"), &rev, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(ids_of(&json(&out)["changes"]).is_empty());
    let out = specver(&["diff", &fixture("base.yaml"), &rev, "--format", "json"]);
    let report = json(&out);
    let note = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "api-version-not-bumped")
        .expect("the policy note is in `diff`");
    assert_eq!(note["level"], "info");
    let out = specver(&["bump", &fixture("base.yaml"), &rev, "--check"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("api-version-not-bumped"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn enforced_versioning_makes_policy_problems_fail_breaking() {
    let dir = TempDir::new("policy-enforce");
    let rev = dir.with_version("minor-endpoint-added.yaml", "1.2.0");
    dir.write(".specver.yaml", "versioning:\n  enforce: true\n");
    let out = specver_in(
        dir.path(),
        &["breaking", &fixture("base.yaml"), &rev, "--format", "json"],
    );
    assert_eq!(code(&out), 1);
    assert_eq!(ids_of(&json(&out)["changes"]), ["api-version-not-bumped"]);
}

#[test]
fn settings_levels_apply_to_version_policy_ids() {
    let dir = TempDir::new("policy-levels");
    let rev = dir.with_version("minor-endpoint-added.yaml", "1.2.0");
    dir.write(
        ".specver.yaml",
        "versioning:\n  enforce: true\nchanges:\n  levels:\n    api-version-not-bumped: off\n",
    );
    let out = specver_in(dir.path(), &["breaking", &fixture("base.yaml"), &rev]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    let out = specver_in(
        dir.path(),
        &["bump", &fixture("base.yaml"), &rev, "--check"],
    );
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    dir.write(
        ".specver.yaml",
        "versioning:\n  enforce: true\nchanges:\n  levels:\n    api-version-not-bumped: warning\n",
    );
    let out = specver_in(
        dir.path(),
        &["diff", &fixture("base.yaml"), &rev, "--format", "json"],
    );
    let report = json(&out);
    assert_eq!(report["changes"][0]["id"], "api-version-not-bumped");
    assert_eq!(report["changes"][0]["level"], "warning", "{report:#}");
}

// Lifecycle policy.

/// `specver diff BASE REV --format json --date DATE` run in `dir`: (id, level) of each change.
fn lifecycle(dir: &Path, revision: &str, date: &str) -> Vec<(String, String)> {
    let out = specver_in(
        dir,
        &[
            "diff",
            &fixture("lifecycle-base.yaml"),
            &fixture(revision),
            "--format",
            "json",
            "--date",
            date,
        ],
    );
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    json(&out)["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] != "api-version-changed")
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["level"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn removal_before_the_sunset_is_an_error_and_after_it_is_not() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    // /legacy: deprecated, sunset 2025-01-01.
    assert_eq!(
        lifecycle(here, "lifecycle-removed-legacy.yaml", "2024-06-01"),
        pairs(&[("api-removed-before-sunset", "error")])
    );
    assert_eq!(
        lifecycle(here, "lifecycle-removed-legacy.yaml", "2025-01-01"),
        pairs(&[("api-path-removed-with-deprecation", "info")])
    );
    assert_eq!(
        lifecycle(here, "lifecycle-removed-legacy.yaml", "2026-01-01"),
        pairs(&[("api-path-removed-with-deprecation", "info")])
    );
    // /old: deprecated, sunset 2030-01-01.
    assert_eq!(
        lifecycle(here, "lifecycle-removed-old.yaml", "2026-01-01"),
        pairs(&[("api-removed-before-sunset", "error")])
    );
    assert_eq!(
        lifecycle(here, "lifecycle-removed-old.yaml", "2030-01-02"),
        pairs(&[("api-path-removed-with-deprecation", "info")])
    );

    // `breaking` and `bump` follow.
    let base = fixture("lifecycle-base.yaml");
    let old = fixture("lifecycle-removed-old.yaml");
    let out = specver(&["breaking", &base, &old, "--date", "2026-01-01"]);
    assert_eq!(code(&out), 1);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("error[api-removed-before-sunset]: endpoint removed before its sunset date"),
        "{text}"
    );
    let out = specver(&["breaking", &base, &old, "--date", "2031-01-01"]);
    assert_eq!(code(&out), 0);
    let (_, report) = bump(&base, &old, false, &["--date", "2026-01-01"]);
    assert_eq!(report["bump"], "major");
    let (_, report) = bump(&base, &old, false, &["--date", "2031-01-01"]);
    assert_ne!(report["bump"], "major", "{report:#}");
}

#[test]
fn changes_to_draft_operations_are_not_breaking() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = lifecycle(here, "lifecycle-draft-changed.yaml", "2026-01-01");
    let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    assert!(ids.contains(&"new-required-request-parameter"), "{found:?}");
    assert!(
        ids.contains(&"response-optional-property-removed"),
        "{found:?}"
    );
    assert!(found.iter().all(|(_, level)| level == "info"), "{found:?}");
    let out = specver(&[
        "breaking",
        &fixture("lifecycle-base.yaml"),
        &fixture("lifecycle-draft-changed.yaml"),
    ]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    let (_, report) = bump(
        &fixture("lifecycle-base.yaml"),
        &fixture("lifecycle-draft-changed.yaml"),
        false,
        &[],
    );
    assert_eq!(report["bump"], "minor", "{report:#}");
}

#[test]
fn lowering_the_stability_level_is_an_error() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        lifecycle(here, "lifecycle-stability-lowered.yaml", "2026-01-01"),
        pairs(&[("api-stability-decreased", "error")])
    );
    // The other way round it is raised: info.
    let out = specver(&[
        "diff",
        &fixture("lifecycle-stability-lowered.yaml"),
        &fixture("lifecycle-base.yaml"),
        "--format",
        "json",
    ]);
    let report = json(&out);
    let ids: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"api-stability-increased"), "{ids:?}");
}

#[test]
fn deprecation_needs_a_sunset_when_the_settings_ask_for_notice() {
    let dir = TempDir::new("deprecation");
    // Without settings a deprecation is just that.
    assert_eq!(
        lifecycle(
            dir.path(),
            "lifecycle-deprecated-no-sunset.yaml",
            "2026-01-01"
        ),
        pairs(&[("endpoint-deprecated", "info")])
    );
    assert_eq!(
        lifecycle(
            dir.path(),
            "lifecycle-deprecated-short-sunset.yaml",
            "2026-01-01"
        ),
        pairs(&[("endpoint-deprecated", "info")])
    );

    dir.write(
        ".specver.yaml",
        "versioning:\n  min-deprecation-days: {beta: 30, stable: 180}\n",
    );
    assert_eq!(
        lifecycle(
            dir.path(),
            "lifecycle-deprecated-no-sunset.yaml",
            "2026-01-01"
        ),
        pairs(&[
            ("api-deprecated-sunset-missing", "error"),
            ("endpoint-deprecated", "info")
        ])
    );
    // x-sunset 2026-02-01 is 31 days after 2026-01-01: too little for 180 days ...
    assert_eq!(
        lifecycle(
            dir.path(),
            "lifecycle-deprecated-short-sunset.yaml",
            "2026-01-01"
        ),
        pairs(&[
            ("api-sunset-date-too-small", "error"),
            ("endpoint-deprecated", "info")
        ])
    );
    // ... but enough for 30.
    dir.write(
        ".specver.yaml",
        "versioning:\n  min-deprecation-days: {stable: 30}\n",
    );
    assert_eq!(
        lifecycle(
            dir.path(),
            "lifecycle-deprecated-short-sunset.yaml",
            "2026-01-01"
        ),
        pairs(&[("endpoint-deprecated", "info")])
    );
    // /plain has no x-stability-level: a policy for beta only does not reach it.
    dir.write(
        ".specver.yaml",
        "versioning:\n  min-deprecation-days: {beta: 30}\n",
    );
    assert_eq!(
        lifecycle(
            dir.path(),
            "lifecycle-deprecated-no-sunset.yaml",
            "2026-01-01"
        ),
        pairs(&[("endpoint-deprecated", "info")])
    );
}

/// Deprecated parameters and properties follow their `x-sunset` as operations do.
#[test]
fn removing_deprecated_parameters_and_properties_follows_their_sunset() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |date: &str| {
        let out = specver_in(
            here,
            &[
                "diff",
                &fixture("lifecycle-elements-base.yaml"),
                &fixture("lifecycle-elements-removed.yaml"),
                "--format",
                "json",
                "--date",
                date,
            ],
        );
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        let mut found: Vec<(String, String)> = json(&out)["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| !c["id"].as_str().unwrap().starts_with("api-version"))
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_string(),
                    c["level"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        found.sort();
        found
    };
    // Both sunsets are 2027-01-01.
    assert_eq!(
        run("2026-06-01"),
        pairs(&[
            ("request-parameter-removed-before-sunset", "error"),
            ("response-property-removed-before-sunset", "error"),
        ])
    );
    assert_eq!(
        run("2027-06-01"),
        pairs(&[
            ("request-parameter-removed-with-deprecation", "info"),
            ("response-property-removed-with-deprecation", "info"),
        ])
    );
}

#[test]
fn a_version_at_the_largest_number_has_no_next_one() {
    let dir = TempDir::new("max-version");
    let max = u64::MAX;
    let base = dir.with_version("base.yaml", &format!("{max}.0.0"));
    let rev = dir.with_version("major-endpoint-removed.yaml", &format!("{max}.0.0"));
    let (code, report) = bump(&base, &rev, true, &[]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(report["next"], Value::Null, "{report:#}");
    assert_eq!(ids_of(&report["problems"]), ["api-version-not-bumped"]);
    let out = specver(&["bump", &base, &rev]);
    assert!(
        stdout(&out).contains("has no next version"),
        "{}",
        stdout(&out)
    );
}
