//! `specver log` on a real history: the 20 Vapi versions of ../shared/corpus committed in
//! date order to a temporary git repository as one file, `openapi.json`, with the commit
//! dates taken from the file names. Every commit must be named, and the bump of each step
//! must be what `specver bump` says for the same two corpus files.
//!
//! Skips with a message when ../shared/corpus or git is absent.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn vapi_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/vapi");
    if !dir.is_dir() {
        common::skip_without_shared("../shared/corpus/vapi");
        return None;
    }
    if !Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        println!("skipping: git not found");
        return None;
    }
    Some(std::path::absolute(&dir).unwrap_or(dir))
}

/// One corpus version: the file and the date its name starts with.
struct Version {
    file: PathBuf,
    name: String,
    date: String,
}

fn versions(dir: &Path) -> Vec<Version> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read vapi")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let name = file.file_stem().unwrap().to_string_lossy().into_owned();
            let date = name[..10].to_string();
            Version { file, name, date }
        })
        .collect()
}

#[test]
fn log_names_every_commit_and_agrees_with_bump() {
    let Some(vapi) = vapi_dir() else { return };
    let start = Instant::now();
    let versions = versions(&vapi);
    assert_eq!(versions.len(), 20, "the manifest lists 20 Vapi versions");

    let repo = TempDir::new("vapi");
    git(&repo.0, &["init", "-q"], None);
    let mut commits = Vec::new();
    for v in &versions {
        std::fs::copy(&v.file, repo.0.join("openapi.json")).expect("copy version");
        let date = format!("{}T12:00:00+00:00", v.date);
        git(&repo.0, &["add", "openapi.json"], None);
        git(
            &repo.0,
            &[
                "commit",
                "-q",
                "--allow-empty",
                "-m",
                &format!("Vapi {}", v.name),
            ],
            Some(&date),
        );
        commits.push(git(&repo.0, &["rev-parse", "HEAD"], None));
    }
    // A commit that does not touch the spec is not part of its history.
    std::fs::write(repo.0.join("README.md"), "not the spec\n").unwrap();
    git(&repo.0, &["add", "README.md"], None);
    git(&repo.0, &["commit", "-q", "-m", "readme"], None);
    let built = start.elapsed();

    let out = specver_in(&repo.0, &["log", "openapi.json", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = json(&out);
    let entries = log.as_array().expect("a JSON array");
    let logged = start.elapsed();

    // Every commit, oldest first, named by hash, date and subject.
    assert_eq!(entries.len(), versions.len(), "{log:#}");
    for ((entry, v), hash) in entries.iter().zip(&versions).zip(&commits) {
        assert_eq!(entry["commit"], hash.as_str());
        assert_eq!(entry["date"], v.date.as_str());
        assert_eq!(entry["subject"], format!("Vapi {}", v.name));
        assert!(entry["declared"].is_string());
    }
    assert_eq!(entries[0]["bump"], "none");
    assert_eq!(entries[0]["errors"], 0);

    // Each step's bump is the one `specver bump` computes for the same two files.
    let mut mismatches = Vec::new();
    let mut bumps = Vec::new();
    for (i, pair) in versions.windows(2).enumerate() {
        let out = specver_in(
            &repo.0,
            &[
                "bump",
                &pair[0].file.to_string_lossy(),
                &pair[1].file.to_string_lossy(),
                "--format",
                "json",
            ],
        );
        let report = json(&out);
        let entry = &entries[i + 1];
        bumps.push(entry["bump"].as_str().unwrap_or("?").to_string());
        if entry["bump"] != report["bump"] {
            mismatches.push(format!(
                "{} -> {}: log says {}, bump says {}",
                pair[0].name, pair[1].name, entry["bump"], report["bump"]
            ));
        }
        // The counts add up to the changes `bump` weighed (policy problems aside).
        let reasons = report["reasons"].as_array().unwrap().len() as u64;
        let total = ["errors", "warnings", "infos"]
            .iter()
            .map(|k| entry[k].as_u64().unwrap())
            .sum::<u64>();
        assert!(total >= reasons, "{}: {entry:#}", pair[1].name);
        if report["bump"] != "none" {
            assert!(
                !entry["highlights"].as_array().unwrap().is_empty(),
                "{}: {entry:#}",
                pair[1].name
            );
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));

    // Vapi declares `1.0` throughout: a lenient version, so the sequence has numbers and
    // only goes up.
    let sequence: Vec<semver::Version> = entries
        .iter()
        .map(|e| {
            semver::Version::parse(e["version"].as_str().expect("a version"))
                .expect("a semantic version")
        })
        .collect();
    assert_eq!(sequence[0], semver::Version::new(1, 0, 0));
    assert!(sequence.windows(2).all(|w| w[0] <= w[1]), "{sequence:?}");
    println!(
        "bumps: {}\nversions: {} -> {}\nrepository built in {built:.1?}, log in {:.1?}, total {:.1?}",
        bumps.join(" "),
        sequence[0],
        sequence[sequence.len() - 1],
        logged - built,
        start.elapsed()
    );

    // Markdown and text name every commit too.
    let out = specver_in(&repo.0, &["log", "openapi.json", "--since", &commits[17]]);
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# History of `openapi.json`"), "{md}");
    assert!(md.contains("_Levels of the `wire` profile._"), "{md}");
    for hash in &commits[18..] {
        assert!(md.contains(&format!("`{}`", &hash[..8])), "{md}");
    }
    assert!(!md.contains(&format!("`{}`", &commits[17][..8])), "{md}");
}

#[test]
fn log_outside_git_or_without_history_exits_2() {
    let dir = TempDir::new("nogit");
    std::fs::write(dir.0.join("openapi.json"), "{}").unwrap();
    // Outside a repository (unless the temp dir is inside one, which it should not be).
    if Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(&dir.0)
        .output()
        .is_ok_and(|o| o.status.success())
    {
        println!("skipping: the temp dir is inside a git work tree");
        return;
    }
    let out = specver_in(&dir.0, &["log", "openapi.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
}
