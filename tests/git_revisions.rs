//! Revisions a user types reach git only as revisions: never as options (`--since=--output=F`
//! once made git write F), and `--base` always reads git, whatever files the work tree holds
//! (a committed file named `v1:api/a.yaml` once stood in for the base).

mod common;
use common::*;
use std::path::Path;

/// A repository with `api/a.yaml` committed twice: the petstore at tag `v1`, then its v2
/// (which removes and narrows things: `breaking` against v1 finds errors).
fn repo() -> TempDir {
    let dir = TempDir::new("git-rev");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    git(dir.path(), &["init", "-q"], None);
    std::fs::create_dir(dir.path().join("api")).unwrap();
    let spec = dir.path().join("api/a.yaml");
    std::fs::copy(root.join("petstore.yaml"), &spec).unwrap();
    git(dir.path(), &["add", "."], None);
    git(
        dir.path(),
        &["commit", "-qm", "one"],
        Some("2026-01-01T00:00:00Z"),
    );
    git(dir.path(), &["tag", "v1"], None);
    std::fs::copy(root.join("petstore-v2.yaml"), &spec).unwrap();
    git(
        dir.path(),
        &["commit", "-qam", "two"],
        Some("2026-01-02T00:00:00Z"),
    );
    dir
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn option_like_revisions_are_refused_and_write_nothing() {
    if !git_available() {
        return;
    }
    let dir = repo();
    let before = entries(dir.path());
    let cases: [&[&str]; 5] = [
        &["log", "api/a.yaml", "--since=--output=INJECTED"],
        &["lint", "api/a.yaml", "--new-since=--output=INJECTED"],
        &["breaking", "api/a.yaml", "--base=--output=INJECTED"],
        &["diff", "--", "--output=INJECTED:api/a.yaml", "api/a.yaml"],
        &["bump", "api/a.yaml", "--base=-pINJECTED"],
    ];
    for args in cases {
        let out = specver_in(dir.path(), args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot start with `-`"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(entries(dir.path()), before, "{args:?} wrote a file");
    }
}

#[test]
fn an_unknown_revision_is_an_error_not_all_new() {
    if !git_available() {
        return;
    }
    let dir = repo();
    for args in [
        ["lint", "api/a.yaml", "--new-since=no-such-rev"],
        ["log", "api/a.yaml", "--since=no-such-rev"],
    ] {
        let out = specver_in(dir.path(), &args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("`no-such-rev` is not a git revision"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn base_reads_git_even_when_a_file_spells_the_revision() {
    if !git_available() {
        return;
    }
    let dir = repo();
    let honest = specver_in(dir.path(), &["breaking", "api/a.yaml", "--base", "v1"]);
    assert_eq!(code(&honest), 1, "{}", stderr(&honest));
    let lint_args = [
        "lint",
        "api/a.yaml",
        "--new-since",
        "v1",
        "--format",
        "json",
    ];
    let honest_lint = specver_in(dir.path(), &lint_args);
    // The attack: a directory `v1:api` holding the revision's copy of the spec.
    std::fs::create_dir(dir.path().join("v1:api")).unwrap();
    std::fs::copy(
        dir.path().join("api/a.yaml"),
        dir.path().join("v1:api/a.yaml"),
    )
    .unwrap();
    let spoofed = specver_in(dir.path(), &["breaking", "api/a.yaml", "--base", "v1"]);
    assert_eq!(code(&spoofed), 1, "{}", stdout(&spoofed));
    assert_eq!(stdout(&spoofed), stdout(&honest));
    // Had `--new-since` read the planted copy, every finding would count as old.
    let lint = specver_in(dir.path(), &lint_args);
    assert_eq!(stdout(&lint), stdout(&honest_lint));

    // A plain argument may still name the file, and then says that it did.
    let plain = specver_in(dir.path(), &["breaking", "v1:api/a.yaml", "api/a.yaml"]);
    assert_eq!(code(&plain), 0, "{}", stdout(&plain));
    assert!(
        stderr(&plain)
            .contains("`v1:api/a.yaml` is read from the file of that name in the working tree"),
        "{}",
        stderr(&plain)
    );
}

fn log_entries(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = specver_in(dir, args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out).as_array().expect("a list of entries").clone()
}

#[test]
fn log_since_a_tag_compares_the_first_commit_with_the_tag() {
    if !git_available() {
        return;
    }
    let dir = repo();
    let all = log_entries(dir.path(), &["log", "api/a.yaml", "--format", "json"]);
    let since = log_entries(
        dir.path(),
        &["log", "api/a.yaml", "--since", "v1", "--format", "json"],
    );
    assert_eq!(since.len(), 1);
    assert_eq!(since[0]["subject"], "two");
    // The same step as in the whole history: its changes against v1, and the version
    // sequence going on from v1's declared version rather than starting again.
    assert_eq!(since[0], all[1]);
    assert_ne!(since[0]["bump"], "none");
}

#[test]
fn log_skips_commits_where_the_spec_is_broken_or_gone() {
    if !git_available() {
        return;
    }
    let dir = repo();
    let spec = dir.path().join("api/a.yaml");
    let good = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, "openapi: 3.0.3\ninfo: [unclosed\n").unwrap();
    git(
        dir.path(),
        &["commit", "-qam", "broken"],
        Some("2026-01-03T00:00:00Z"),
    );
    git(dir.path(), &["rm", "-q", "api/a.yaml"], None);
    git(
        dir.path(),
        &["commit", "-qm", "gone"],
        Some("2026-01-04T00:00:00Z"),
    );
    std::fs::create_dir_all(dir.path().join("api")).unwrap();
    std::fs::write(&spec, &good).unwrap();
    git(dir.path(), &["add", "api/a.yaml"], None);
    git(
        dir.path(),
        &["commit", "-qm", "back"],
        Some("2026-01-05T00:00:00Z"),
    );
    let entries = log_entries(dir.path(), &["log", "api/a.yaml", "--format", "json"]);
    let subjects: Vec<&str> = entries
        .iter()
        .map(|e| e["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["one", "two", "broken", "gone", "back"]);
    assert!(entries[2]["skipped"].is_string(), "{:#}", entries[2]);
    assert!(entries[3]["skipped"].is_string(), "{:#}", entries[3]);
    // `back` restores `two`'s document: compared with `two`, nothing changed.
    assert!(entries[4].get("skipped").is_none());
    assert_eq!(entries[4]["bump"], "none", "{:#}", entries[4]);
    assert_eq!(entries[4]["version"], entries[1]["version"]);
    let text = specver_in(dir.path(), &["log", "api/a.yaml", "--format", "text"]);
    assert!(stdout(&text).contains("skipped: "), "{}", stdout(&text));
}

#[test]
fn a_spec_new_at_the_base_is_all_additions() {
    if !git_available() {
        return;
    }
    let dir = repo();
    std::fs::copy(
        dir.path().join("api/a.yaml"),
        dir.path().join("api/new.yaml"),
    )
    .unwrap();
    let out = specver_in(
        dir.path(),
        &["diff", "api/new.yaml", "--base", "HEAD", "--format", "json"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("not in `HEAD`"), "{}", stderr(&out));
    let report = json(&out);
    let changes = report["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    assert!(changes.iter().all(|c| c["level"] == "info"), "{report:#}");
    let breaking = specver_in(dir.path(), &["breaking", "api/new.yaml", "--base", "HEAD"]);
    assert_eq!(code(&breaking), 0, "{}", stdout(&breaking));
}

#[test]
fn a_remote_branch_not_fetched_says_how_to_fetch_it() {
    if !git_available() {
        return;
    }
    let dir = repo();
    git(
        dir.path(),
        &["remote", "add", "origin", "/nonexistent"],
        None,
    );
    let out = specver_in(
        dir.path(),
        &["breaking", "api/a.yaml", "--base", "origin/main"],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("git fetch origin main"),
        "{}",
        stderr(&out)
    );
}
