//! Output formats across commands: GitLab Code Quality, `changelog --format text`, and
//! `bump` refusing formats it does not write.

mod common;
use common::*;

const BASE: &str = "fixtures/petstore.yaml";
const REVISION: &str = "fixtures/petstore-v2.yaml";
const DEFECTS: &str = "fixtures/lint/defects-3.0-a.yaml";

fn in_repo(args: &[&str]) -> std::process::Output {
    specver_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Every issue has what GitLab requires, and fingerprints are unique.
fn assert_code_quality(issues: &serde_json::Value) -> Vec<&serde_json::Value> {
    let issues: Vec<&serde_json::Value> = issues.as_array().expect("an array").iter().collect();
    assert!(!issues.is_empty());
    let mut prints = std::collections::HashSet::new();
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(
                issue[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key}: {issue}"
            );
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap()),
            "{issue}"
        );
        assert!(issue["location"]["path"].as_str().is_some(), "{issue}");
        assert!(
            issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1,
            "{issue}"
        );
        assert!(
            prints.insert(issue["fingerprint"].as_str().unwrap().to_string()),
            "duplicate fingerprint: {issue}"
        );
    }
    issues
}

/// Copies `fixtures/bad/missing-ref.yaml` (a spec with an unresolved `$ref`) to
/// `fixtures/missing-ref.yaml` in `dir`.
fn copy_missing_ref_fixture(dir: &TempDir) {
    std::fs::create_dir_all(dir.path().join("fixtures")).unwrap();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bad/missing-ref.yaml"),
        dir.path().join("fixtures/missing-ref.yaml"),
    )
    .unwrap();
}

#[test]
fn gitlab_code_quality_for_lint_and_diff() {
    let lint = in_repo(&["lint", DEFECTS, "--format", "gitlab"]);
    let lint_json = in_repo(&["lint", DEFECTS, "--format", "json"]);
    let issues = json(&lint);
    let issues = assert_code_quality(&issues);
    let findings = json(&lint_json);
    let findings = findings["findings"].as_array().unwrap();
    assert_eq!(issues.len(), findings.len());
    // Same order, same places; an error is `critical`.
    for (issue, finding) in issues.iter().zip(findings) {
        assert_eq!(issue["check_name"], finding["rule"]);
        assert_eq!(issue["location"]["path"], finding["file"]);
        assert_eq!(issue["location"]["lines"]["begin"], finding["line"]);
        if finding["severity"] == "error" {
            assert_eq!(issue["severity"], "critical");
        }
    }

    let diff = json(&in_repo(&[
        "breaking", BASE, REVISION, "--format", "gitlab",
    ]));
    let issues = assert_code_quality(&diff);
    let removed = issues
        .iter()
        .find(|i| i["check_name"] == "api-removed-without-deprecation")
        .expect("the removed operation");
    assert_eq!(removed["severity"], "critical");
    // At the path item the revision still has (the method is gone from it).
    assert_eq!(removed["location"]["path"], REVISION);
}

#[test]
fn changelog_as_text_is_text_and_bump_refuses_formats_it_does_not_write() {
    let out = in_repo(&["changelog", BASE, REVISION, "--format", "text"]);
    let text = stdout(&out);
    assert!(!text.starts_with('#'), "{text}");
    assert!(text.contains("help: specver explain"), "{text}");
    let markdown = stdout(&in_repo(&["changelog", BASE, REVISION]));
    assert!(markdown.starts_with('#'), "{markdown}");

    for format in ["github-actions", "html", "gitlab"] {
        let out = in_repo(&["bump", BASE, REVISION, "--format", format]);
        assert_eq!(code(&out), 2, "{format}");
        assert!(
            stderr(&out).contains(&format!(
                "bump --format {format}: bump writes text, json, yaml or markdown"
            )),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(
        code(&in_repo(&["bump", BASE, REVISION, "--format", "json"])),
        0
    );
}

#[test]
fn release_notes_list_each_added_endpoint_under_its_own_heading() {
    let vapi = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/vapi");
    if !vapi.is_dir() {
        common::skip_without_shared("../shared/corpus/vapi");
        return;
    }
    let base = vapi.join("2026-08-17_c8fa2154.json");
    let revision = vapi.join("2026-08-18_0494c2f3.json");
    let notes = stdout(&in_repo(&[
        "changelog",
        base.to_str().unwrap(),
        revision.to_str().unwrap(),
    ]));
    // Nine operations were added under /v2/knowledge-base: nine headings, one line each.
    let added: Vec<&str> = notes
        .split("\n### ")
        .filter(|section| section.contains("- endpoint added (`endpoint-added`)\n"))
        .map(|section| section.lines().next().unwrap())
        .collect();
    assert_eq!(added.len(), 9, "{notes}");
    assert!(
        added
            .iter()
            .all(|h| h.starts_with('`') && h.contains(" /v2/knowledge-base"))
    );
    assert!(
        !notes.contains("endpoint added (`endpoint-added`) — 9 operations"),
        "{notes}"
    );
}

#[test]
fn color_follows_the_option_and_quiet_silences_notes_and_warnings() {
    let coloured = stdout(&in_repo(&["breaking", BASE, REVISION, "--color", "always"]));
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    // Not a terminal (a pipe, here), or `never`: plain text.
    for args in [
        &["breaking", BASE, REVISION][..],
        &["breaking", BASE, REVISION, "--color", "never"][..],
    ] {
        let plain = stdout(&in_repo(args));
        assert!(!plain.contains('\u{1b}'), "{args:?}: {plain}");
        assert!(
            plain.contains("error[api-removed-without-deprecation]"),
            "{plain}"
        );
    }
    // A severity file naming an id specver does not report gives a warning; -q drops it.
    let dir = TempDir::new("quiet");
    let levels = dir.write("levels.txt", "no-such-change error\n");
    // A spec with a load problem: `inspect` exits 2 and its report is still written.
    copy_missing_ref_fixture(&dir);
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BASE);
    let revision = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(REVISION);
    let args = [
        "breaking",
        base.to_str().unwrap(),
        revision.to_str().unwrap(),
        "--severity-levels",
        &levels,
    ];
    let loud = specver_in(dir.path(), &args);
    assert!(stderr(&loud).contains("warning: "), "{}", stderr(&loud));
    let mut quiet_args = args.to_vec();
    quiet_args.push("-q");
    let quiet = specver_in(dir.path(), &quiet_args);
    assert_eq!(stderr(&quiet), "", "{}", stderr(&quiet));
    assert_eq!(stdout(&quiet), stdout(&loud));
    assert_eq!(code(&quiet), code(&loud));
}

#[test]
fn release_notes_show_a_changed_description_as_a_word_diff_at_the_description() {
    let notes = stdout(&in_repo(&["changelog", BASE, REVISION]));
    assert!(
        notes.contains(
            "- query parameter `tag`: description changed (`request-parameter-description-changed`): Only pets ~~with~~ **that carry** this tag"
        ),
        "{notes}"
    );
    // The change points at the `description` itself, in both documents.
    let report = json(&in_repo(&["diff", BASE, REVISION, "--format", "json"]));
    let change = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "request-parameter-description-changed")
        .unwrap();
    for side in ["base", "revision"] {
        assert!(
            change[side]["pointer"]
                .as_str()
                .unwrap()
                .ends_with("/description"),
            "{change}"
        );
    }
}

#[test]
fn warn_is_accepted_wherever_warning_is() {
    for args in [
        &["breaking", BASE, REVISION, "--fail-on", "warn"][..],
        &["breaking", BASE, REVISION, "--fail-on", "warning"][..],
        &["lint", DEFECTS, "--fail-severity", "warn"][..],
        &["lint", DEFECTS, "--fail-severity", "warning"][..],
    ] {
        let out = in_repo(args);
        assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn output_goes_to_a_file_whole_or_not_at_all() {
    let dir = TempDir::new("output");
    // A spec with a load problem: `inspect` exits 2 and its report is still written.
    copy_missing_ref_fixture(&dir);
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BASE);
    let revision = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(REVISION);
    let defects = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFECTS);
    let (b, r, d) = (
        base.to_str().unwrap(),
        revision.to_str().unwrap(),
        defects.to_str().unwrap(),
    );
    for (args, file) in [
        (
            vec!["breaking", b, r, "--format", "json", "-o", "breaking.json"],
            "breaking.json",
        ),
        (
            vec!["bump", b, r, "--format", "json", "-o", "bump.json"],
            "bump.json",
        ),
        (
            vec!["lint", d, "--format", "json", "-o", "lint.json"],
            "lint.json",
        ),
        (
            vec!["inspect", b, "--format", "json", "-o", "inspect.json"],
            "inspect.json",
        ),
        (
            vec!["inspect", "fixtures/missing-ref.yaml", "-o", "inspect.txt"],
            "inspect.txt",
        ),
    ] {
        let to_file = specver_in(dir.path(), &args);
        assert_eq!(stdout(&to_file), "", "{args:?}");
        let written = std::fs::read_to_string(dir.path().join(file)).unwrap();
        let without: Vec<&str> = args[..args.len() - 2].to_vec();
        let to_stdout = specver_in(dir.path(), &without);
        assert_eq!(written, stdout(&to_stdout), "{args:?}");
        assert_eq!(code(&to_file), code(&to_stdout), "{args:?}");
    }
    // A place that cannot be written: exit 2, and nothing left behind.
    std::fs::create_dir_all(dir.path().join("taken/inside")).unwrap();
    let out = specver_in(dir.path(), &["breaking", b, r, "-o", "taken"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot write taken"),
        "{}",
        stderr(&out)
    );
    let temporary = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(temporary, 0);
}

#[test]
fn log_writes_its_report_to_a_file() {
    if !git_available() {
        return;
    }
    let dir = TempDir::new("log-output");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    git(dir.path(), &["init", "-q"], None);
    for (file, date) in [
        (BASE, "2026-01-01T00:00:00Z"),
        (REVISION, "2026-02-01T00:00:00Z"),
    ] {
        std::fs::copy(root.join(file), dir.path().join("openapi.yaml")).unwrap();
        git(dir.path(), &["add", "openapi.yaml"], None);
        git(dir.path(), &["commit", "-q", "-m", file], Some(date));
    }
    for format in ["markdown", "json", "text"] {
        let to_file = specver_in(
            dir.path(),
            &["log", "openapi.yaml", "--format", format, "-o", "log.out"],
        );
        assert_eq!(code(&to_file), 0, "{format}: {}", stderr(&to_file));
        assert_eq!(stdout(&to_file), "", "{format}");
        let written = std::fs::read_to_string(dir.path().join("log.out")).unwrap();
        let to_stdout = specver_in(dir.path(), &["log", "openapi.yaml", "--format", format]);
        assert_eq!(written, stdout(&to_stdout), "{format}");
        assert!(written.contains("2.0.0"), "{format}: {written}");
    }
    // A directory in the way: exit 2, nothing written.
    std::fs::create_dir_all(dir.path().join("taken/inside")).unwrap();
    let out = specver_in(dir.path(), &["log", "openapi.yaml", "-o", "taken"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot write taken"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn markdown_for_inspect_and_bump_and_a_clear_error_for_a_misspelt_format() {
    let out = in_repo(&["inspect", BASE, "--format", "markdown"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("### ✅ `fixtures/petstore.yaml`: OpenAPI 3.0.3"),
        "{text}"
    );
    assert!(text.contains("| 1 | 3 | 0 | 5 | 4 |"), "{text}");

    let out = in_repo(&[
        "inspect",
        "fixtures/bad/missing-ref.yaml",
        "--format",
        "markdown",
    ]);
    assert_eq!(code(&out), 2);
    let text = stdout(&out);
    assert!(text.starts_with("### ❌"), "{text}");
    assert!(
        text.contains("- **error** `unresolved-ref`")
            && text.contains("(fixtures/bad/missing-ref.yaml:14)"),
        "{text}"
    );

    let out = in_repo(&["bump", BASE, REVISION, "--format", "markdown", "--check"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(
        text.starts_with("### ❌ specver bump: **major** (1.0.0 -> 2.0.0)"),
        "{text}"
    );
    assert!(text.contains("Because of 4 changes:"), "{text}");
    assert!(
        text.contains("Version check failed:") && text.contains("`api-major-version-not-bumped`"),
        "{text}"
    );

    // A misspelt format is refused, naming the nearest.
    for args in [
        vec!["inspect", BASE, "--format", "markdwn"],
        vec!["log", "openapi.yaml", "--format", "markdwn"],
        vec!["lint", BASE, "--format", "markdwn"],
    ] {
        let out = in_repo(&args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(
            stderr(&out).contains("a similar value exists: 'markdown'"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
