//! The ready-made integrations, run as their hosts run them: the GitHub Action's script steps
//! under bash with a fake event, `GITHUB_*` files and a fake `gh`; the pre-commit hooks with
//! the `pre-commit` tool on a temporary repository.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// A repository with the petstore committed as `openapi.yaml` on `main`, and its v2 (which
/// breaks clients) committed on the checked-out branch.
fn pull_request_repo() -> TempDir {
    let dir = TempDir::new("action");
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"], None);
    std::fs::copy(fixture("petstore.yaml"), d.join("openapi.yaml")).unwrap();
    git(d, &["add", "."], None);
    git(d, &["commit", "-qm", "base"], Some("2026-01-01T00:00:00Z"));
    git(d, &["checkout", "-qb", "feature"], None);
    std::fs::copy(fixture("petstore-v2.yaml"), d.join("openapi.yaml")).unwrap();
    git(d, &["commit", "-qam", "v2"], Some("2026-01-02T00:00:00Z"));
    dir
}

fn bash(script: &str, dir: &Path, env: &[(&str, String)]) -> std::process::Output {
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("scripts/action").join(script))
        .current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run bash")
}

#[test]
fn the_action_check_step_annotates_summarises_and_records_the_exit_code() {
    if !git_available() {
        println!("skipping: git not found");
        return;
    }
    let repo = pull_request_repo();
    let tmp = TempDir::new("runner");
    let output = tmp.path().join("output");
    let summary = tmp.path().join("summary.md");
    let out = bash(
        "check.sh",
        repo.path(),
        &[
            ("SPECVER", BIN.to_string()),
            ("SPECS", "openapi.yaml".into()),
            ("RUNNER_TEMP", tmp.path().display().to_string()),
            ("GITHUB_OUTPUT", output.display().to_string()),
            ("GITHUB_STEP_SUMMARY", summary.display().to_string()),
        ],
    );
    // The step itself passes: the verdict step fails the job after the comment.
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let log = stdout(&out);
    assert!(log.contains("::error file=openapi.yaml,line="), "{log}");
    assert!(log.contains("::error title=specver check::"), "{log}");
    let outputs = std::fs::read_to_string(&output).unwrap();
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    let markdown = tmp.path().join("specver-check.md");
    assert!(
        outputs.contains(&format!("markdown={}\n", markdown.display())),
        "{outputs}"
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.starts_with("### ❌ specver check failed"),
        "{summary}"
    );
    assert_eq!(summary, std::fs::read_to_string(&markdown).unwrap());

    // Bad input is not a verdict: the step fails at once with 2.
    let out = bash(
        "check.sh",
        repo.path(),
        &[
            ("SPECVER", BIN.to_string()),
            ("SPECS", "openapi.yaml".into()),
            ("BASE", "no-such-branch".into()),
            ("RUNNER_TEMP", tmp.path().display().to_string()),
        ],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

/// A `gh` that records its arguments, lists `EXISTING` as the id of an earlier comment, and
/// fails when `FAIL` is set.
fn fake_gh(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let gh = bin.join("gh");
    std::fs::write(
        &gh,
        "#!/usr/bin/env bash\n\
         printf '%s\\n' \"$*\" >> \"$GH_LOG\"\n\
         if [ \"$2\" != -X ]; then echo \"${EXISTING:-}\"; exit 0; fi\n\
         exit \"${FAIL:-0}\"\n",
    )
    .unwrap();
    Command::new("chmod").arg("+x").arg(&gh).status().unwrap();
    bin
}

#[test]
fn the_action_comment_step_posts_once_then_updates_and_falls_back_without_permission() {
    let tmp = TempDir::new("comment");
    let bin = fake_gh(tmp.path());
    let event = tmp.write("event.json", r#"{"pull_request": {"number": 7}}"#);
    let push = tmp.write("push.json", r#"{"ref": "refs/heads/main"}"#);
    let markdown = tmp.write("report.md", "### ✅ specver check passed\n");
    let log = tmp.path().join("gh.log");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |event: &str, extra: &[(&str, &str)]| {
        let _ = std::fs::remove_file(&log);
        let mut env = vec![
            ("PATH", path.clone()),
            ("GH_LOG", log.display().to_string()),
            ("GITHUB_EVENT_PATH", event.to_string()),
            ("GITHUB_REPOSITORY", "acme/api".to_string()),
            ("MARKDOWN", markdown.clone()),
        ];
        env.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
        let out = bash("comment.sh", tmp.path(), &env);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        (
            stdout(&out),
            std::fs::read_to_string(&log).unwrap_or_default(),
        )
    };
    // First run: no comment yet, so one is posted, marked to be found again.
    let (_, calls) = run(&event, &[]);
    let lines: Vec<&str> = calls.lines().collect();
    assert!(
        lines[0].starts_with("api repos/acme/api/issues/7/comments --paginate"),
        "{calls}"
    );
    assert!(
        lines[1].starts_with(
            "api -X POST repos/acme/api/issues/7/comments -f body=<!-- specver-check -->"
        ),
        "{calls}"
    );
    assert!(calls.contains("### ✅ specver check passed"), "{calls}");
    // Later runs update that comment instead of adding another.
    let (_, calls) = run(&event, &[("EXISTING", "42")]);
    assert!(
        calls.contains(
            "api -X PATCH repos/acme/api/issues/comments/42 -f body=<!-- specver-check -->"
        ),
        "{calls}"
    );
    assert!(!calls.contains("-X POST"), "{calls}");
    // A fork's read-only token: a notice, and the step still passes.
    let (said, _) = run(&event, &[("FAIL", "1")]);
    assert!(
        said.contains("::notice title=specver::cannot comment on pull request #7"),
        "{said}"
    );
    // Not a pull request: nothing is posted.
    let (said, calls) = run(&push, &[]);
    assert!(said.contains("not a pull request"), "{said}");
    assert!(calls.is_empty(), "{calls}");
}

#[test]
fn the_action_runs_its_scripts_with_inputs_it_declares() {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let action: yaml_serde::Value = yaml_serde::from_str(&text).unwrap();
    let inputs = action["inputs"].as_mapping().unwrap();
    for used in text.split("inputs.").skip(1) {
        let name: String = used
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        assert!(
            inputs.contains_key(yaml_serde::Value::String(name.clone())),
            "action.yml uses undeclared input `{name}`"
        );
    }
    for script in ["check.sh", "comment.sh"] {
        assert!(
            text.contains(&format!("scripts/action/{script}")),
            "{script}"
        );
        assert!(root().join("scripts/action").join(script).is_file());
    }
    // It installs specver at the action's own ref, with a cache.
    assert!(text.contains("cargo install --locked --git"), "{text}");
    assert!(text.contains("actions/cache@"), "{text}");
}

/// `pre-commit` is installed by .ci/run; elsewhere the test says it skipped.
fn pre_commit() -> Option<()> {
    let found = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is not installed (CI=true): .ci/run installs it with pip"
        );
        println!("skipping: pre-commit not found (`python3 -m pip install pre-commit`)");
        return None;
    }
    git_available().then_some(())
}

/// Our hook definitions as a local repository config, with `language: system` and the built
/// binary in place of the `specver` that `language: rust` would build.
fn local_hooks_config() -> String {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: yaml_serde::Value = yaml_serde::from_str(&text).unwrap();
    let mut out = String::from("repos:\n  - repo: local\n    hooks:\n");
    for hook in hooks.as_sequence().unwrap() {
        let entry = hook["entry"].as_str().unwrap();
        let entry = entry.strip_prefix("specver ").expect("entry runs specver");
        out.push_str(&format!(
            "      - id: {}\n        name: {}\n        entry: {} {entry}\n        language: system\n        files: '{}'\n        require_serial: true\n",
            hook["id"].as_str().unwrap(),
            hook["name"].as_str().unwrap(),
            BIN,
            hook["files"].as_str().unwrap(),
        ));
    }
    out
}

#[test]
fn the_pre_commit_hooks_block_breaking_changes_and_new_lint_errors() {
    if pre_commit().is_none() {
        return;
    }
    let repo = TempDir::new("pre-commit");
    let d = repo.path();
    git(d, &["init", "-q", "-b", "main"], None);
    std::fs::copy(fixture("petstore.yaml"), d.join("openapi.yaml")).unwrap();
    std::fs::write(d.join(".pre-commit-config.yaml"), local_hooks_config()).unwrap();
    git(d, &["add", "."], None);
    git(d, &["commit", "-qm", "base"], Some("2026-01-01T00:00:00Z"));
    let home = TempDir::new("pre-commit-home");
    let hook = |id: &str| {
        Command::new("pre-commit")
            .args(["run", id])
            .current_dir(d)
            .env("PRE_COMMIT_HOME", home.path())
            .output()
            .expect("run pre-commit")
    };

    // A staged breaking revision: the breaking hook fails, naming the check.
    std::fs::copy(fixture("petstore-v2.yaml"), d.join("openapi.yaml")).unwrap();
    git(d, &["add", "openapi.yaml"], None);
    let out = hook("specver-breaking");
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(stdout(&out).contains("check failed"), "{}", stdout(&out));
    git(d, &["checkout", "-q", "HEAD", "--", "openapi.yaml"], None);

    // A new spec with lint errors: the lint hook fails, the breaking hook passes (a new
    // spec breaks nobody).
    std::fs::copy(
        fixture("lint/defects-3.0-a.yaml"),
        d.join("openapi-new.yaml"),
    )
    .unwrap();
    git(d, &["add", "openapi-new.yaml"], None);
    let out = hook("specver-lint");
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("lint findings at or above error"),
        "{}",
        stdout(&out)
    );
    let out = hook("specver-breaking");
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}
