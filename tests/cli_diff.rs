//! `specver diff`, `breaking` and `changelog` through the built binary: exit codes, the
//! JSON contract, YAML and Markdown, `--per-operation`, the filters, `.specver.yaml` (level
//! overrides, oasdiff severity files, ignores with reasons), and `--base REV` against a git
//! repository, one file and several.
//!
//! Inputs are the small specs in fixtures/versioning/ and variants of them written to
//! temporary directories.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/versioning")
        .join(name)
}

fn fx(name: &str) -> String {
    fixture(name).to_string_lossy().into_owned()
}

fn ids(report: &Value) -> Vec<String> {
    report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn change<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no `{id}` in {report:#}"))
}

/// base.yaml declaring `version`, with textual edits, each of which must apply once.
fn variant(version: &str, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(fixture("base.yaml"))
        .unwrap()
        .replacen("version: 1.2.0", &format!("version: {version}"), 1);
    for (old, new) in edits {
        assert_eq!(text.matches(old).count(), 1, "edit `{old}`");
        text = text.replacen(old, new, 1);
    }
    text
}

/// Removes the optional `limit` query parameter of GET /pets: a warning
/// (request-parameter-removed), nothing at error level.
const REMOVE_LIMIT: (&str, &str) = (
    "      parameters:
        - name: limit
          in: query
          required: false
          description: How many pets to return.
          schema:
            type: integer
            format: int32
",
    "",
);

/// `Pet` (a response in three operations) loses its optional property `kind`.
const PET_LOSES_KIND: (&str, &str) = (
    "        name:
          type: string
        kind:
          type: string
          enum: [cat, dog]
",
    "        name:
          type: string
",
);

fn assert_one_error_line(out: &Output, needle: &str) {
    assert_eq!(code(out), 2, "stderr: {}", stderr(out));
    assert!(out.stdout.is_empty(), "stdout: {}", stdout(out));
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    assert!(lines[0].contains(needle), "`{needle}` not in {err}");
}

// Exit codes.

#[test]
fn identical_specs_exit_0_and_say_so() {
    for cmd in ["diff", "breaking", "changelog"] {
        let out = specver(&[cmd, &fx("base.yaml"), &fx("base.yaml")]);
        assert_eq!(code(&out), 0, "{cmd}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{cmd}: {}", stderr(&out));
    }
    let out = specver(&["breaking", &fx("base.yaml"), &fx("base.yaml")]);
    assert!(
        stdout(&out).contains("no breaking changes: 0 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
    let out = specver(&["diff", &fx("base.yaml"), &fx("none-reformatted.json")]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).starts_with("0 changes"), "{}", stdout(&out));
}

#[test]
fn breaking_fails_on_errors_by_default() {
    let out = specver(&[
        "breaking",
        &fx("base.yaml"),
        &fx("major-endpoint-removed.yaml"),
    ]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "error[api-removed-without-deprecation]: endpoint removed without deprecation"
        ),
        "{text}"
    );
    assert!(
        text.contains("= 1 operation: DELETE /pets/{petId}"),
        "{text}"
    );
    assert!(
        text.contains("breaking changes: 1 error, 0 warnings in 1 operation"),
        "{text}"
    );
    // Info changes are not shown by `breaking`, but counted.
    assert!(text.contains("1 info change not shown"), "{text}");
    assert!(!text.contains("api-version-changed"), "{text}");
}

#[test]
fn breaking_with_warnings_only_passes_unless_fail_on_warning() {
    let dir = TempDir::new("warn");
    let rev = dir.write("rev.yaml", &variant("1.3.0", &[REMOVE_LIMIT]));
    let out = specver(&["breaking", &fx("base.yaml"), &rev]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("warning[request-parameter-removed]"),
        "{}",
        stdout(&out)
    );
    let out = specver(&["breaking", &fx("base.yaml"), &rev, "--fail-on", "warning"]);
    assert_eq!(code(&out), 1);
    let out = specver(&["breaking", &fx("base.yaml"), &rev, "--fail-on", "info"]);
    assert_eq!(code(&out), 1);
}

#[test]
fn diff_fails_only_when_asked() {
    let (base, major, minor) = (
        fx("base.yaml"),
        fx("major-endpoint-removed.yaml"),
        fx("minor-endpoint-added.yaml"),
    );
    let cases: [(&[&str], i32); 8] = [
        (&["diff", &base, &major], 0),
        (&["diff", &base, &major, "--fail-on", "error"], 1),
        (&["diff", &base, &minor, "--fail-on", "warning"], 0),
        (&["diff", &base, &minor, "--fail-on", "info"], 1),
        (&["diff", &base, &minor, "--fail-on", "never"], 0),
        (&["breaking", &base, &major, "--fail-on", "never"], 0),
        (&["breaking", &base, &minor], 0),
        (&["changelog", &base, &major], 0),
    ];
    for (args, expected) in cases {
        let out = specver(args);
        assert_eq!(code(&out), expected, "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_missing_file_exits_2_with_one_line() {
    let out = specver(&["diff", &fx("base.yaml"), "no-such-file.yaml"]);
    assert_one_error_line(&out, "no-such-file.yaml");
    let out = specver(&["breaking", "no-such-file.yaml", &fx("base.yaml")]);
    assert_one_error_line(&out, "no-such-file.yaml");
}

#[test]
fn an_unparsable_file_exits_2_with_file_line_and_column() {
    let dir = TempDir::new("bad");
    let bad = dir.write("bad.yaml", "openapi: 3.0.3\ninfo: {title: x\npaths: {}\n");
    for cmd in ["diff", "breaking", "changelog", "bump"] {
        let out = specver(&[cmd, &fx("base.yaml"), &bad]);
        assert_one_error_line(&out, "bad.yaml:");
        let line = stderr(&out);
        // `error: <file>:<line>:<col>: <message>`
        let after = &line[line.find("bad.yaml:").unwrap() + "bad.yaml:".len()..];
        let mut parts = after.splitn(3, ':');
        let l: usize = parts.next().unwrap().parse().expect("line number");
        let c: usize = parts.next().unwrap().parse().expect("column number");
        assert!(l >= 2 && c >= 1, "{line}");
        assert!(!parts.next().unwrap().trim().is_empty(), "{line}");
    }
}

#[test]
fn bad_usage_exits_2_with_nothing_on_stdout() {
    let base = fx("base.yaml");
    let our_errors: [(&[&str], &str); 5] = [
        (&["diff", &base], "missing REVISION"),
        (
            &["diff", &base, &base, "--base", "HEAD"],
            "either BASE and REVISION",
        ),
        (&["diff", &base, &base, "--date", "2024-13-01"], "--date"),
        (&["diff", &base, &base, "--match-path", "("], "--match-path"),
        (
            &[
                "diff",
                &base,
                &base,
                "--severity-levels",
                "no-such-levels.txt",
            ],
            "no-such-levels.txt",
        ),
    ];
    for (args, needle) in our_errors {
        let out = specver(args);
        assert_one_error_line(&out, needle);
    }
    let clap_errors: [&[&str]; 4] = [
        &["diff"],
        &["diff", &base, &base, "--format", "xml"],
        &["diff", &base, &base, "--no-such-flag"],
        &["breaking", &base, &base, "--fail-on", "sometimes"],
    ];
    for args in clap_errors {
        let out = specver(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
        assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    }
}

// Formats.

/// A revision with several kinds of change: an endpoint removed (error), a required
/// parameter added (error), `Pet.kind` removed (warning), an endpoint added and a
/// description changed (info).
fn several_changes(dir: &TempDir) -> String {
    let mut text = std::fs::read_to_string(fixture("major-required-parameter.yaml")).unwrap();
    for (old, new) in [
        PET_LOSES_KIND,
        (
            "    delete:
      operationId: deletePet
      summary: Delete a pet
      responses:
        '204':
          description: Deleted.
",
            "",
        ),
        (
            "description: Returns every pet.",
            "description: Returns all pets.",
        ),
        (
            "components:",
            "  /owners:
    get:
      operationId: listOwners
      responses:
        '200':
          description: Owners.
components:",
        ),
    ] {
        assert_eq!(text.matches(old).count(), 1, "edit `{old}`");
        text = text.replacen(old, new, 1);
    }
    dir.write("several.yaml", &text)
}

fn check_position(value: &Value, what: &str) {
    if value.is_null() {
        return;
    }
    let obj = value
        .as_object()
        .unwrap_or_else(|| panic!("{what}: {value}"));
    for key in ["file", "pointer"] {
        assert!(obj[key].is_string(), "{what}.{key}: {value}");
    }
    for key in ["line", "column"] {
        assert!(
            obj[key].as_u64().is_some_and(|n| n >= 1),
            "{what}.{key}: {value}"
        );
    }
    let allowed = [
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "pointer",
    ];
    for key in obj.keys() {
        assert!(
            allowed.contains(&key.as_str()),
            "{what}: unexpected `{key}`"
        );
    }
}

#[test]
fn json_report_follows_the_contract() {
    let dir = TempDir::new("json");
    let rev = several_changes(&dir);
    let out = specver(&["diff", &fx("base.yaml"), &rev, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    let top: Vec<&String> = report.as_object().unwrap().keys().collect();
    assert_eq!(top, ["changes", "profile", "summary"]);
    assert_eq!(report["profile"], "wire", "the default profile is named");
    let changes = report["changes"].as_array().unwrap();
    assert!(changes.len() >= 5, "{report:#}");
    let mut counts = (0, 0, 0);
    for c in changes {
        let obj = c.as_object().unwrap();
        for key in ["id", "level", "message", "base", "revision", "operations"] {
            assert!(obj.contains_key(key), "`{key}` missing: {c}");
        }
        for key in obj.keys() {
            assert!(
                [
                    "id",
                    "level",
                    "message",
                    "base",
                    "revision",
                    "operations",
                    "also"
                ]
                .contains(&key.as_str()),
                "unexpected `{key}`: {c}"
            );
        }
        match c["level"].as_str().unwrap() {
            "error" => counts.0 += 1,
            "warning" => counts.1 += 1,
            "info" => counts.2 += 1,
            other => panic!("level `{other}`"),
        }
        assert!(!c["message"].as_str().unwrap().is_empty());
        assert!(c["base"].is_object() || c["revision"].is_object(), "{c}");
        check_position(&c["base"], "base");
        check_position(&c["revision"], "revision");
        for op in c["operations"].as_array().unwrap() {
            assert!(op["method"].is_string() && op["path"].is_string(), "{op}");
            assert!(
                ["request", "response", "none"].contains(&op["direction"].as_str().unwrap()),
                "{op}"
            );
        }
    }
    assert_eq!(report["summary"]["error"], counts.0);
    assert_eq!(report["summary"]["warning"], counts.1);
    assert_eq!(report["summary"]["info"], counts.2);
    assert!(
        counts.0 >= 2 && counts.1 >= 1 && counts.2 >= 2,
        "{counts:?}"
    );

    // Most severe first.
    let rank = |c: &Value| match c["level"].as_str().unwrap() {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    assert!(changes.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));

    // Places: a removal points at the base, an addition at the revision.
    let removed = change(&report, "api-removed-without-deprecation");
    assert_eq!(removed["level"], "error");
    assert!(
        removed["base"]["file"]
            .as_str()
            .unwrap()
            .ends_with("base.yaml")
    );
    assert_eq!(removed["base"]["pointer"], "/paths/~1pets~1{petId}/delete");
    assert_eq!(
        removed["operations"],
        serde_json::json!([{"method": "delete", "path": "/pets/{petId}", "direction": "none",
            "id": "api-removed-without-deprecation", "level": "error"}])
    );
    let param = change(&report, "new-required-request-parameter");
    assert!(
        param["revision"]["file"]
            .as_str()
            .unwrap()
            .ends_with("several.yaml")
    );
    assert_eq!(param["operations"][0]["direction"], "request");
    let added = change(&report, "endpoint-added");
    assert!(added["base"].is_null(), "{added}");
    assert_eq!(added["revision"]["pointer"], "/paths/~1owners/get");

    // `breaking` writes the same records, errors and warnings only.
    let out = specver(&["breaking", &fx("base.yaml"), &rev, "--format", "json"]);
    assert_eq!(code(&out), 1);
    let breaking = json(&out);
    assert_eq!(breaking["summary"]["info"], 0);
    assert_eq!(breaking["summary"]["error"], counts.0);
    assert_eq!(breaking["summary"]["warning"], counts.1);
}

/// One annotation per change, at the place the JSON report gives (the revision's; the base's
/// when the revision has none), with the level, the id and the operations.
#[test]
fn github_actions_annotations_sit_where_the_json_report_places_changes() {
    let dir = TempDir::new("gha");
    let rev = several_changes(&dir);
    let report = json(&specver(&[
        "diff",
        &fx("base.yaml"),
        &rev,
        "--format",
        "json",
    ]));
    let out = specver(&["diff", &fx("base.yaml"), &rev, "--format", "github-actions"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(lines.len(), changes.len(), "{text}");
    for (line, c) in lines.iter().zip(changes) {
        let at = if c["revision"].is_null() {
            &c["base"]
        } else {
            &c["revision"]
        };
        let level = match c["level"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let file = at["file"].as_str().unwrap().replace(':', "%3A");
        let head = format!(
            "::{level} file={file},line={},col={},endLine={},endColumn={},title={}::",
            at["line"],
            at["column"],
            at["end_line"],
            at["end_column"],
            c["id"].as_str().unwrap()
        );
        assert!(line.starts_with(&head), "{line}\n  expected {head}");
        let message = c["message"].as_str().unwrap().replace('%', "%25");
        assert!(line.contains(&message), "{line}");
        if let Some(op) = c["operations"].as_array().and_then(|o| o.first()) {
            let name = format!(
                "{} {}",
                op["method"].as_str().unwrap().to_uppercase(),
                op["path"].as_str().unwrap()
            );
            assert!(line.contains("%0A") && line.contains(&name), "{line}");
        }
    }
    assert!(lines.iter().any(|l| l.starts_with("::error ")), "{text}");
}

#[test]
fn yaml_report_reads_back_as_the_json_report() {
    let dir = TempDir::new("yaml");
    let rev = several_changes(&dir);
    let out = specver(&["diff", &fx("base.yaml"), &rev, "--format", "json"]);
    let from_json = json(&out);
    let out = specver(&["diff", &fx("base.yaml"), &rev, "--format", "yaml"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let parsed = specver::tree::yaml::parse(&text, &specver::tree::Limits::default())
        .unwrap_or_else(|e| panic!("YAML report does not parse: {e:?}\n{text}"));
    assert_eq!(parsed.root.to_json(), from_json, "{text}");

    // The same through `bump`, whose report has strings that look like other types.
    let out = specver(&[
        "bump",
        &fx("base.yaml"),
        &fx("patch-documentation.yaml"),
        "--format",
        "yaml",
    ]);
    let text = stdout(&out);
    let parsed = specver::tree::yaml::parse(&text, &specver::tree::Limits::default())
        .unwrap_or_else(|e| panic!("YAML report does not parse: {e:?}\n{text}"));
    let value = parsed.root.to_json();
    assert_eq!(value["current"], "1.2.0");
    assert_eq!(value["next"], "1.2.1");
    assert_eq!(value["bump"], "patch");
}

#[test]
fn changelog_is_markdown_with_headings() {
    let dir = TempDir::new("md");
    let rev = several_changes(&dir);
    let out = specver(&["changelog", &fx("base.yaml"), &rev]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# Changes from 1.2.0 ("), "{md}");
    for heading in [
        "\n## Breaking changes (",
        "\n## Changes that may break clients (",
        "\n## Other changes (",
        "\n### `DELETE /pets/{petId}`\n",
        "\n### `GET /pets`\n",
        "\n### Shared components\n",
        "\n### Document\n",
    ] {
        assert!(md.contains(heading), "`{heading}` missing:\n{md}");
    }
    assert!(
        md.contains("- endpoint removed without deprecation (`api-removed-without-deprecation`)"),
        "{md}"
    );
    // Breaking first.
    assert!(md.find("## Breaking changes").unwrap() < md.find("## Other changes").unwrap());
    // `diff --format markdown` writes the same document.
    let out = specver(&["diff", &fx("base.yaml"), &rev, "--format", "markdown"]);
    assert_eq!(stdout(&out), md);

    let out = specver(&["changelog", &fx("base.yaml"), &fx("base.yaml")]);
    assert!(stdout(&out).contains("No changes."), "{}", stdout(&out));
}

// Per operation and the filters.

#[test]
fn per_operation_expands_a_change_into_one_per_operation() {
    let dir = TempDir::new("perop");
    let rev = dir.write("rev.yaml", &variant("1.3.0", &[PET_LOSES_KIND]));
    let out = specver(&["diff", &fx("base.yaml"), &rev, "--format", "json"]);
    let grouped = json(&out);
    let removed: Vec<&Value> = grouped["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["message"].as_str().unwrap().contains("`kind` removed"))
        .collect();
    assert_eq!(removed.len(), 1, "{grouped:#}");
    let ops = removed[0]["operations"].as_array().unwrap();
    assert_eq!(
        ops.len(),
        3,
        "GET /pets, POST /pets, GET /pets/{{petId}}: {ops:?}"
    );

    let out = specver(&[
        "diff",
        &fx("base.yaml"),
        &rev,
        "--format",
        "json",
        "--per-operation",
    ]);
    let expanded = json(&out);
    let each: Vec<&Value> = expanded["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["message"].as_str().unwrap().contains("`kind` removed"))
        .collect();
    assert_eq!(each.len(), 3, "{expanded:#}");
    let mut paths: Vec<String> = each
        .iter()
        .map(|c| {
            let ops = c["operations"].as_array().unwrap();
            assert_eq!(ops.len(), 1);
            assert_eq!(c["id"], ops[0]["id"]);
            format!(
                "{} {}",
                ops[0]["method"].as_str().unwrap(),
                ops[0]["path"].as_str().unwrap()
            )
        })
        .collect();
    paths.sort();
    assert_eq!(paths, ["get /pets", "get /pets/{petId}", "post /pets"]);

    // Text: the grouped change names its operations in one note; expanded, one each.
    let text = stdout(&specver(&["diff", &fx("base.yaml"), &rev]));
    assert!(text.contains("= 3 operations: "), "{text}");
    let text = stdout(&specver(&[
        "diff",
        &fx("base.yaml"),
        &rev,
        "--per-operation",
    ]));
    assert_eq!(text.matches("= 1 operation: ").count(), 3, "{text}");
}

#[test]
fn match_path_keeps_only_matching_operations() {
    let dir = TempDir::new("match");
    let rev = several_changes(&dir);
    let out = specver(&[
        "breaking",
        &fx("base.yaml"),
        &rev,
        "--format",
        "json",
        "--match-path",
        r"^/pets/\{",
    ]);
    let report = json(&out);
    for c in report["changes"].as_array().unwrap() {
        for op in c["operations"].as_array().unwrap() {
            assert!(op["path"].as_str().unwrap().starts_with("/pets/{"), "{c}");
        }
    }
    let found = ids(&report);
    assert!(
        found.contains(&"api-removed-without-deprecation".to_string()),
        "{found:?}"
    );
    assert!(
        !found.contains(&"new-required-request-parameter".to_string()),
        "{found:?}"
    );
    // The text summary says what was left out.
    let out = specver(&[
        "breaking",
        &fx("base.yaml"),
        &rev,
        "--match-path",
        "^/owners",
    ]);
    let text = stdout(&out);
    assert!(text.contains("filtered out"), "{text}");
}

#[test]
fn exclude_extension_leaves_out_marked_operations() {
    let dir = TempDir::new("exclude");
    let mark = (
        "      operationId: deletePet\n",
        "      operationId: deletePet\n      x-internal: true\n",
    );
    let base = dir.write("base.yaml", &variant("1.2.0", &[mark]));
    let rev = fx("major-endpoint-removed.yaml");
    let out = specver(&["breaking", &base, &rev]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let out = specver(&["breaking", &base, &rev, "--exclude-extension", "x-internal"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("no breaking changes"),
        "{}",
        stdout(&out)
    );
    let out = specver(&["breaking", &base, &rev, "--exclude-extension", "x-other"]);
    assert_eq!(code(&out), 1);
}

// Settings.

#[test]
fn specver_yaml_overrides_levels() {
    let dir = TempDir::new("levels");
    let (base, major) = (fx("base.yaml"), fx("major-endpoint-removed.yaml"));
    dir.write(
        ".specver.yaml",
        "changes:\n  levels:\n    api-removed-without-deprecation: warning\n",
    );
    let out = specver_in(dir.path(), &["breaking", &base, &major, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    let c = change(&report, "api-removed-without-deprecation");
    assert_eq!(c["level"], "warning");
    assert_eq!(c["operations"][0]["level"], "warning");

    dir.write(
        ".specver.yaml",
        "changes:\n  levels:\n    api-removed-without-deprecation: off\n",
    );
    let out = specver_in(dir.path(), &["breaking", &base, &major, "--format", "json"]);
    assert_eq!(code(&out), 0);
    assert!(ids(&json(&out)).is_empty());

    // Raised: an added endpoint fails `breaking`.
    dir.write(
        ".specver.yaml",
        "changes:\n  levels:\n    endpoint-added: error\n",
    );
    let out = specver_in(
        dir.path(),
        &["breaking", &base, &fx("minor-endpoint-added.yaml")],
    );
    assert_eq!(code(&out), 1, "{}", stdout(&out));

    // --config names the file explicitly, from anywhere.
    let out = specver(&[
        "breaking",
        &base,
        &fx("minor-endpoint-added.yaml"),
        "--config",
        &dir.path().join(".specver.yaml").to_string_lossy(),
    ]);
    assert_eq!(code(&out), 1);

    // A bad settings file is an error that names its place.
    dir.write(
        ".specver.yaml",
        "changes:\n  levels:\n    endpoint-added: loud\n",
    );
    let out = specver_in(dir.path(), &["breaking", &base, &major]);
    assert_one_error_line(&out, ".specver.yaml:3:");
}

#[test]
fn oasdiff_severity_files_set_levels() {
    let dir = TempDir::new("severity");
    let (base, major) = (fx("base.yaml"), fx("major-endpoint-removed.yaml"));
    let levels = dir.write(
        "levels.txt",
        "# oasdiff severity levels\napi-removed-without-deprecation info\nendpoint-added err\n",
    );
    let out = specver(&["breaking", &base, &major, "--severity-levels", &levels]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = specver(&[
        "breaking",
        &base,
        &fx("minor-endpoint-added.yaml"),
        "--severity-levels",
        &levels,
    ]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));

    // Through .specver.yaml, relative to it; explicit `levels` win.
    dir.write(
        ".specver.yaml",
        "changes:\n  severity-file: levels.txt\n  levels:\n    endpoint-added: info\n",
    );
    let out = specver_in(dir.path(), &["breaking", &base, &major]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = specver_in(
        dir.path(),
        &["breaking", &base, &fx("minor-endpoint-added.yaml")],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));

    let bad = dir.write("bad.txt", "api-removed-without-deprecation loud\n");
    let out = specver(&["breaking", &base, &major, "--severity-levels", &bad]);
    assert_one_error_line(&out, "bad.txt:1:");
}

#[test]
fn ignores_need_a_reason_and_match_id_and_operation() {
    let dir = TempDir::new("ignore");
    let base = fx("base.yaml");
    let rev = several_changes(&dir);
    dir.write(
        ".specver.yaml",
        "changes:
  ignore:
    - id: api-removed-*
      operation: DELETE /pets/*
      reason: deleting pets was never supported
    - id: new-required-request-parameter
      operation: POST /pets
      reason: does not match GET /pets, so it stays
",
    );
    let out = specver_in(dir.path(), &["breaking", &base, &rev, "--format", "json"]);
    let found = ids(&json(&out));
    assert!(
        !found.contains(&"api-removed-without-deprecation".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"new-required-request-parameter".to_string()),
        "{found:?}"
    );
    let out = specver_in(dir.path(), &["breaking", &base, &rev]);
    assert!(
        stdout(&out).contains("1 ignored by settings"),
        "{}",
        stdout(&out)
    );

    dir.write(
        ".specver.yaml",
        "changes:\n  ignore:\n    - id: api-removed-*\n",
    );
    let out = specver_in(dir.path(), &["breaking", &base, &rev]);
    assert_one_error_line(&out, "reason");
    assert!(stderr(&out).contains(".specver.yaml:"), "{}", stderr(&out));
}

// Git.

#[test]
fn base_rev_compares_the_working_file_with_a_git_revision() {
    if !git_available() {
        return;
    }
    let repo = TempDir::new("git");
    git(repo.path(), &["init", "-q"], None);
    repo.write(
        "openapi.yaml",
        &std::fs::read_to_string(fixture("base.yaml")).unwrap(),
    );
    git(repo.path(), &["add", "openapi.yaml"], None);
    git(repo.path(), &["commit", "-q", "-m", "base"], None);
    // The working file loses DELETE /pets/{petId}.
    repo.write(
        "openapi.yaml",
        &std::fs::read_to_string(fixture("major-endpoint-removed.yaml")).unwrap(),
    );
    let out = specver_in(
        repo.path(),
        &[
            "breaking",
            "openapi.yaml",
            "--base",
            "HEAD",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let report = json(&out);
    let c = change(&report, "api-removed-without-deprecation");
    assert_eq!(c["base"]["file"], "HEAD:openapi.yaml");
    assert_eq!(c["revision"]["file"], "openapi.yaml");
    assert_eq!(c["operations"][0]["path"], "/pets/{petId}");
    // Annotations name files as a pull request shows them: the path, not `HEAD:path`.
    let out = specver_in(
        repo.path(),
        &[
            "breaking",
            "HEAD:openapi.yaml",
            "openapi.yaml",
            "--format",
            "github-actions",
        ],
    );
    assert!(
        stdout(&out)
            .lines()
            .all(|l| l.contains(" file=openapi.yaml,")),
        "{}",
        stdout(&out)
    );

    // The same with `REV:path` arguments, and nothing to report against the working file
    // once it is committed.
    let out = specver_in(
        repo.path(),
        &["breaking", "HEAD:openapi.yaml", "openapi.yaml"],
    );
    assert_eq!(code(&out), 1);
    git(repo.path(), &["commit", "-q", "-am", "remove delete"], None);
    let out = specver_in(repo.path(), &["breaking", "openapi.yaml", "--base", "HEAD"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = specver_in(
        repo.path(),
        &["breaking", "openapi.yaml", "--base", "HEAD~1"],
    );
    assert_eq!(code(&out), 1, "{}", stdout(&out));

    // An unknown revision is a load error.
    let out = specver_in(
        repo.path(),
        &["breaking", "openapi.yaml", "--base", "no-such-rev"],
    );
    assert_one_error_line(&out, "no-such-rev");
}

#[test]
fn base_rev_follows_refs_into_other_files_of_the_revision() {
    if !git_available() {
        return;
    }
    let repo = TempDir::new("git-multi");
    git(repo.path(), &["init", "-q"], None);
    repo.write(
        "openapi.yaml",
        "openapi: 3.0.3
info:
  title: Multi-file
  version: 1.0.0
paths:
  /pets:
    get:
      responses:
        '200':
          description: Pets.
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: './schemas.yaml#/Pet'
",
    );
    let schemas = "Pet:
  type: object
  required: [id, name]
  properties:
    id:
      type: integer
    name:
      type: string
";
    repo.write("schemas.yaml", schemas);
    git(repo.path(), &["add", "."], None);
    git(repo.path(), &["commit", "-q", "-m", "two files"], None);
    // Only schemas.yaml changes: `name` is no longer sent.
    repo.write(
        "schemas.yaml",
        &schemas
            .replace("required: [id, name]", "required: [id]")
            .replace("    name:\n      type: string\n", ""),
    );
    let out = specver_in(
        repo.path(),
        &[
            "breaking",
            "openapi.yaml",
            "--base",
            "HEAD",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let report = json(&out);
    let c = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["message"].as_str().unwrap().contains("`name`"))
        .unwrap_or_else(|| panic!("no change about `name`: {report:#}"));
    assert_eq!(c["level"], "error", "{c}");
    assert_eq!(c["base"]["file"], "HEAD:schemas.yaml", "{c}");
    assert_eq!(c["operations"][0]["path"], "/pets");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

// Known bugs.

#[test]
fn messages_have_no_unrendered_placeholders() {
    let out = specver(&[
        "diff",
        &fx("base.yaml"),
        &fx("patch-documentation.yaml"),
        "--format",
        "json",
    ]);
    let report = json(&out);
    let c = change(&report, "request-parameter-description-changed");
    let message = c["message"].as_str().unwrap();
    assert!(!message.contains('{'), "{message}");
    assert!(message.contains("`limit`"), "{message}");
}

#[test]
fn text_report_of_a_minified_document_stays_small() {
    let dir = TempDir::new("minified");
    let long = "x".repeat(200_000);
    let spec = |extra: &str| {
        format!(
            r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1.0.0","description":"{long}"}},"paths":{{"/a":{{"get":{{"responses":{{"200":{{"description":"ok"}}}}}}}}{extra}}}}}"#
        )
    };
    let base = dir.write(
        "base.json",
        &spec(r#","/b":{"get":{"responses":{"200":{"description":"ok"}}}}"#),
    );
    let rev = dir.write("rev.json", &spec(""));
    let out = specver(&["diff", &base, &rev]);
    assert_eq!(code(&out), 0);
    let longest = stdout(&out).lines().map(str::len).max().unwrap_or(0);
    assert!(
        out.stdout.len() < 20_000 && longest < 2_000,
        "{} bytes, longest line {longest}",
        out.stdout.len()
    );
}

#[test]
fn paths_are_shown_as_written_absolute_or_relative() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = root.join("fixtures/petstore.yaml");
    let revision = root.join("fixtures/petstore-v2.yaml");
    let (b, r) = (base.to_str().unwrap(), revision.to_str().unwrap());
    // From the repository, where the relative form is shorter: absolute all the same.
    let out = specver_in(root, &["diff", b, r]);
    let text = stdout(&out);
    assert!(text.contains(&format!("┌─ {b}:")), "{text}");
    assert!(text.contains(&format!("┌─ {r}:")), "{text}");
    assert!(!text.contains("┌─ fixtures/"), "{text}");
    let report = json(&specver_in(root, &["diff", b, r, "--format", "json"]));
    let change = &report["changes"][0];
    let file = change["revision"]["file"]
        .as_str()
        .or(change["base"]["file"].as_str())
        .unwrap();
    assert!(file == b || file == r, "{file}");
    // GitHub and GitLab place only paths relative to the checkout: those stay relative.
    let out = specver_in(root, &["breaking", b, r, "--format", "github-actions"]);
    let text = stdout(&out);
    assert!(
        text.contains("::error file=fixtures/petstore-v2.yaml,line="),
        "{text}"
    );
    assert!(
        !text.contains(&format!("file={}", root.display())),
        "{text}"
    );
    let issues = json(&specver_in(root, &["breaking", b, r, "--format", "gitlab"]));
    let paths: Vec<&str> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    assert!(
        !paths.is_empty() && paths.iter().all(|p| p.starts_with("fixtures/petstore")),
        "{paths:?}"
    );
    // Relative stays relative, even from far below where `../../..` is longer.
    let deep = root.join("src/diff/schema");
    let out = specver_in(
        &deep,
        &[
            "diff",
            "../../../fixtures/petstore.yaml",
            "../../../fixtures/petstore-v2.yaml",
        ],
    );
    let text = stdout(&out);
    assert!(
        text.contains("┌─ ../../../fixtures/petstore-v2.yaml:"),
        "{text}"
    );
    assert!(!text.contains(&format!("┌─ {r}")), "{text}");
}
