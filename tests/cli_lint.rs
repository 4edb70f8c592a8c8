//! `specver lint` through the binary: the output formats and exit codes.

use std::path::Path;
use std::process::Command;

/// `specver lint ARGS` from the top of the repository.
fn run_lint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_specver"))
        .arg("lint")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// Exit code and standard output of `specver lint ARGS`.
fn lint(args: &[&str]) -> (i32, String) {
    let out = run_lint(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

const DEFECTS: &str = "fixtures/lint/defects-3.0-a.yaml";

fn json_findings() -> Vec<serde_json::Value> {
    let (_, text) = lint(&[DEFECTS, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    report["findings"].as_array().unwrap().clone()
}

/// The SARIF 2.1.0 properties code-scanning services require, checked on every result.
#[test]
fn sarif_output_has_one_result_per_finding_with_rules_and_regions() {
    let findings = json_findings();
    assert!(!findings.is_empty());
    let (code, text) = lint(&[DEFECTS, "--format", "sarif"]);
    assert_eq!(code, 1, "the fixture has error-severity findings");
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "specver");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(&findings) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], finding["rule"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], finding["file"]);
        assert_eq!(location["region"]["startLine"], finding["line"]);
        assert_eq!(location["region"]["startColumn"], finding["column"]);
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert_eq!(
            result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            finding["pointer"]
        );
    }
    for rule in rules {
        assert!(
            ["error", "warning", "note"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
}

#[test]
fn junit_output_has_a_failing_test_case_per_finding() {
    let findings = json_findings();
    let (_, xml) = lint(&[DEFECTS, "--format", "junit"]);
    assert!(xml.starts_with("<?xml"));
    assert_eq!(xml.matches("<testcase ").count(), findings.len());
    assert_eq!(xml.matches("<failure ").count(), findings.len());
    assert!(xml.contains(&format!(r#"tests="{}""#, findings.len())));
    // Quotes in messages are escaped, so attributes stay well formed.
    assert!(
        !xml.lines().any(|l| l.matches('"').count() % 2 == 1),
        "{xml}"
    );
}

#[test]
fn github_annotations_name_file_line_and_rule() {
    let findings = json_findings();
    let (_, text) = lint(&[
        DEFECTS,
        "--format",
        "github-actions",
        "--max-annotations",
        "0",
    ]);
    assert_eq!(text.lines().count(), findings.len());
    // The most severe first; within a level, in the report's order.
    let rank = |f: &serde_json::Value| match f["severity"].as_str().unwrap() {
        "error" => 3,
        "warn" => 2,
        "info" => 1,
        _ => 0,
    };
    let top = findings.iter().map(rank).max().unwrap();
    let first = findings.iter().find(|f| rank(f) == top).unwrap();
    assert!(text.lines().next().unwrap().contains(&format!(
        "file={},line={},col={}",
        first["file"].as_str().unwrap(),
        first["line"],
        first["column"]
    )));
    // By default at most 10 per level, then one notice saying how many more.
    let (_, limited) = lint(&[DEFECTS, "--format", "github-actions"]);
    for level in ["::error ", "::warning ", "::notice "] {
        assert!(
            limited.lines().filter(|l| l.starts_with(level)).count() <= 10,
            "{limited}"
        );
    }
    if findings.len() > 30 || limited.lines().count() < findings.len() {
        let last = limited.lines().last().unwrap();
        assert!(
            last.starts_with("::notice title=specver::") && last.contains("more finding"),
            "{last}"
        );
    }
}

#[test]
fn a_clean_document_passes_and_fail_severity_decides_the_exit_code() {
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/lint/clean-3.0.yaml")
            .is_file()
    );
    assert_eq!(
        lint(&["fixtures/lint/clean-3.0.yaml", "--rules", "all"]).0,
        0
    );
    assert_eq!(lint(&[DEFECTS]).0, 1);
    // The fixture's trailing-slash server URL is a warning: it fails only at `warn`.
    let (code, text) = lint(&[
        DEFECTS,
        "--only",
        "oas3-server-trailing-slash",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("\"oas3-server-trailing-slash\""), "{text}");
    assert_eq!(
        lint(&[
            DEFECTS,
            "--only",
            "oas3-server-trailing-slash",
            "--fail-severity",
            "warn"
        ])
        .0,
        1
    );
    assert_eq!(lint(&[DEFECTS, "--fail-severity", "loud"]).0, 2);
}

/// The text report ends with each rule's count, most first, matching the findings.
#[test]
fn text_report_counts_findings_per_rule() {
    let findings = json_findings();
    let (_, text) = lint(&[DEFECTS]);
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "by rule:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    let mut rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    rules.sort_unstable();
    rules.dedup();
    assert_eq!(block.len(), rules.len(), "{text}");
    let mut last = usize::MAX;
    for line in block {
        let mut words = line.split_whitespace();
        let n: usize = words.next().unwrap().parse().unwrap();
        let rule = words.next().unwrap();
        assert_eq!(
            n,
            findings.iter().filter(|f| f["rule"] == rule).count(),
            "{line}"
        );
        assert!(n <= last, "most first: {line}");
        last = n;
    }
    assert!(text.trim_end().ends_with("hints)"), "the totals come last");
}

/// Exit code and standard error of `specver lint ARGS`.
fn lint_err(args: &[&str]) -> (i32, String) {
    let out = run_lint(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_misspelt_rule_in_only_or_skip_is_an_error_naming_the_nearest() {
    let (code, err) = lint_err(&[DEFECTS, "--only", "operation-descriptio"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "--only operation-descriptio: no such lint rule; did you mean `operation-description`?"
        ),
        "{err}"
    );
    let (code, err) = lint_err(&[DEFECTS, "--skip", "no-such-rule"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--skip no-such-rule: no such lint rule"),
        "{err}"
    );
    // A real rule still narrows the run.
    let (_, text) = lint(&[DEFECTS, "--only", "path-params", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rules: std::collections::BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules.into_iter().collect::<Vec<_>>(), ["path-params"]);
}

#[test]
fn markdown_is_a_pull_request_comment_within_the_size_limit() {
    let (code, md) = lint(&[DEFECTS, "--format", "markdown"]);
    assert_eq!(code, 1);
    let findings = json_findings();
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    let warnings = findings.iter().filter(|f| f["severity"] == "warn").count();
    assert!(
        md.starts_with(&format!(
            "### ❌ specver lint `{DEFECTS}`: {errors} findings at or above error\n"
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!("| {errors} | {warnings} | 0 | 0 |")),
        "{md}"
    );
    assert!(md.contains("<details><summary>Findings: "), "{md}");
    // Thousands of findings (the newest Vapi document): still one comment.
    let vapi = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/vapi/2026-08-18_0494c2f3.json");
    if !vapi.is_file() {
        return;
    }
    let (_, md) = lint(&[vapi.to_str().unwrap(), "--format", "markdown"]);
    assert!(md.len() <= 60_000, "{}", md.len());
    assert!(md.contains("not shown here (size limit)"), "{md}");
    assert!(md.contains("| `no-$ref-siblings` |"), "{md}");
}

/// The report is written to standard output as it is rendered; a reader that stops early
/// (`specver lint ... | head`) closes the pipe mid-report. That is no failure: the exit code
/// stays the verdict and nothing is said on standard error.
#[test]
fn a_closed_stdout_keeps_the_verdict_and_says_nothing() {
    use std::process::Stdio;
    for format in ["text", "json", "sarif", "github-actions"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_specver"))
            .args(["lint", DEFECTS, "--format", format])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
}

/// `-o FILE` gets the same bytes as standard output (the file is written whole at the end).
#[test]
fn the_output_file_holds_what_standard_output_shows() {
    let dir = std::env::temp_dir().join(format!("specver-lint-o-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for format in ["text", "json"] {
        let file = dir.join(format!("report.{format}"));
        let (_, shown) = lint(&[DEFECTS, "--format", format]);
        let (code, quiet) = lint(&[DEFECTS, "--format", format, "-o", file.to_str().unwrap()]);
        assert_eq!((code, quiet.as_str()), (1, ""), "{format}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), shown, "{format}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
