//! Settings can ignore every change, so where they are read from matters: a `.specver.yaml`
//! planted in a shared parent directory must not apply, the file that did apply is named in
//! every report, and settings or rulesets may not reach outside their project.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// specver in `dir` with `HOME` set to `home`.
fn specver_home(dir: &Path, home: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .stdin(Stdio::null())
        .output()
        .expect("run specver");
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    out
}

const IGNORE_ALL: &str = "changes:\n  ignore:\n    - id: \"*\"\n      reason: planted\n";

#[test]
fn a_settings_file_in_a_parent_outside_any_project_is_not_read() {
    let parent = TempDir::new("planted");
    if Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(parent.path())
        .output()
        .is_ok_and(|o| o.status.success())
    {
        println!("skipping: the temp dir is inside a git work tree");
        return;
    }
    parent.write(".specver.yaml", IGNORE_ALL);
    let work = parent.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let args = [
        "breaking",
        &fixture("petstore.yaml"),
        &fixture("petstore-v2.yaml"),
    ];
    let home = parent.path().join("home");
    let out = specver_home(&work, &home, &args);
    assert_eq!(
        code(&out),
        1,
        "the planted file hid the changes: {}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("settings:"), "{}", stdout(&out));

    // Under the user's home the walk goes up to home, and the report names the file.
    let out = specver_home(&work, parent.path(), &args);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let settings = parent.path().join(".specver.yaml");
    assert!(
        stdout(&out).contains(&format!("settings: {}", settings.display())),
        "{}",
        stdout(&out)
    );
    let json = json(&specver_home(
        &work,
        parent.path(),
        &[args[0], args[1], args[2], "--format", "json"],
    ));
    assert_eq!(json["settings"], settings.display().to_string());
}

#[test]
fn settings_stop_at_the_top_of_the_work_tree() {
    if !git_available() {
        return;
    }
    let outer = TempDir::new("outer");
    outer.write(".specver.yaml", IGNORE_ALL);
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join("api")).unwrap();
    git(&repo, &["init", "-q"], None);
    let args = [
        "breaking",
        &fixture("petstore.yaml"),
        &fixture("petstore-v2.yaml"),
    ];
    let out = specver_home(&repo.join("api"), outer.path(), &args);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    // Inside the work tree, the nearest file applies and is named.
    std::fs::write(repo.join(".specver.yaml"), IGNORE_ALL).unwrap();
    let out = specver_home(&repo.join("api"), outer.path(), &args);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("settings: "), "{}", stdout(&out));
}

#[test]
fn settings_and_rulesets_cannot_reach_outside_their_project() {
    let dir = TempDir::new("reach");
    let project = dir.path().join("project");
    std::fs::create_dir(&project).unwrap();
    std::fs::write(
        dir.path().join("outside.yaml"),
        "rules:\n  info-title:\n    given: $.info\n    then: {field: title, function: truthy}\n",
    )
    .unwrap();
    // lint.ignore-file pointing out of the project: refused before anything is written.
    std::fs::write(
        project.join(".specver.yaml"),
        "lint:\n  ignore-file: ../escaped-ignore.yaml\n",
    )
    .unwrap();
    let out = specver_home(
        &project,
        dir.path(),
        &["lint", &fixture("petstore.yaml"), "--write-baseline"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("must stay inside the project"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("escaped-ignore.yaml").exists());

    // A ruleset extending a file outside its project: refused.
    std::fs::write(project.join(".specver.yaml"), "").unwrap();
    std::fs::write(project.join("rules.yaml"), "extends: [../outside.yaml]\n").unwrap();
    let out = specver_home(
        &project,
        dir.path(),
        &["lint", &fixture("petstore.yaml"), "--ruleset", "rules.yaml"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot extend"), "{}", stderr(&out));
    // Inside the project it is fine.
    std::fs::copy(dir.path().join("outside.yaml"), project.join("inside.yaml")).unwrap();
    std::fs::write(project.join("rules.yaml"), "extends: [./inside.yaml]\n").unwrap();
    let out = specver_home(
        &project,
        dir.path(),
        &["lint", &fixture("petstore.yaml"), "--ruleset", "rules.yaml"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}
