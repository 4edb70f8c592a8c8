//! `specver lint --format sarif` is valid SARIF 2.1.0 and what GitHub code scanning asks
//! for. Each log is validated against the SARIF 2.1.0 JSON Schema in `tests/schemas/` (see
//! its README for where it comes from) with specver's own validator
//! (`specver::lint::jsonschema`), and negative cases prove the validation can fail.
//! The Vapi case skips, saying so, when ../shared/corpus is absent.

mod common;

use common::{TempDir, code, specver_in, stderr, stdout};
use serde_json::{Value, json};
use specver::lint::jsonschema::{Dialect, Direction, TreeResolver, Validator};
use specver::tree::{Limits, json as json_tree};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

const SCHEMA: &str = include_str!("schemas/sarif-2.1.0.json");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every schema error of `log`, as `/instance/path keyword: message`.
fn schema_errors(log: &Value) -> Vec<String> {
    let schema = json_tree::parse(SCHEMA, &Limits::default())
        .expect("the SARIF schema parses")
        .root;
    let text = serde_json::to_string(log).unwrap();
    let instance = json_tree::parse(&text, &Limits::default()).unwrap().root;
    // Draft-07: a `$ref` stands for the whole schema object it is in.
    let dialect = Dialect {
        ref_overrides_siblings: true,
        nullable: false,
        formats: true,
    };
    let mut validator = Validator::new(
        TreeResolver {
            docs: vec![("", &schema)],
        },
        dialect,
    );
    let id = validator.compile(0, &schema);
    let errors: Vec<String> = validator
        .validate(id, &instance, Direction::None)
        .iter()
        .map(|e| format!("/{} {}: {}", e.path.join("/"), e.keyword, e.message))
        .collect();
    assert_eq!(
        validator.is_valid(id, &instance, Direction::None),
        errors.is_empty()
    );
    errors
}

fn assert_valid(log: &Value, what: &str) {
    let errors = schema_errors(log);
    assert!(
        errors.is_empty(),
        "{what}: not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
}

/// `specver lint --rules all --format <format> args...` in `dir`: the parsed output.
fn lint_in(dir: &Path, format: &str, args: &[&str]) -> Value {
    let mut all = vec!["lint", "--rules", "all", "--format", format];
    all.extend_from_slice(args);
    let out = specver_in(dir, &all);
    assert!(code(&out) <= 1, "specver {all:?} failed:\n{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| {
        panic!(
            "specver {all:?}: not JSON ({e}):\n{}\n{}",
            stdout(&out),
            stderr(&out)
        )
    })
}

fn sarif_in(dir: &Path, args: &[&str]) -> Value {
    lint_in(dir, "sarif", args)
}

/// The lint fixtures: each `defects-*.yaml` (`defects-multi.yaml` spans three files) and
/// `clean-3.0.yaml`.
fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("fixtures/lint"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && (n.starts_with("defects-") || n == "clean-3.0.yaml"))
        .map(|n| format!("fixtures/lint/{n}"))
        .collect();
    names.sort();
    assert!(names.len() >= 7, "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("defects-multi.yaml")));
    names
}

fn results(log: &Value) -> &[Value] {
    log["runs"][0]["results"].as_array().expect("results")
}

fn artifact(result: &Value) -> &Value {
    &result["locations"][0]["physicalLocation"]["artifactLocation"]
}

/// Whether `uri` is an RFC 3986 URI reference written the way it should be: only
/// characters a URI may hold, `%` only before two hex digits, and a scheme only where it
/// is meant as one.
fn is_uri_reference(uri: &str) -> bool {
    let bytes = uri.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if i + 2 >= bytes.len()
                || !(bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit())
            {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

/// Percent-decodes a URI path.
fn decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&uri[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// What GitHub code scanning requires of an uploaded SARIF file, and what it recommends
/// that specver does: rule descriptors with short and full descriptions, help and tags;
/// results with a rule, a message, a location with a start line and partial fingerprints;
/// artifact URIs relative to `%SRCROOT%` with forward slashes, or absolute.
fn assert_code_scanning_ready(log: &Value, what: &str) {
    assert_eq!(log["version"], "2.1.0", "{what}");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "{what}");
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "specver", "{what}");
    let rules = driver["rules"].as_array().expect("rules");
    let mut ids = HashSet::new();
    for rule in rules {
        let id = rule["id"].as_str().expect("rule id");
        assert!(ids.insert(id), "{what}: rule {id} twice");
        for field in ["shortDescription", "fullDescription", "help"] {
            let text = rule[field]["text"].as_str().unwrap_or("");
            assert!(!text.trim().is_empty(), "{what}: rule {id} has no {field}");
            assert!(
                text.chars().count() <= 1024 || field == "help",
                "{what}: {id}"
            );
        }
        assert!(
            rule["help"]["markdown"].as_str().is_some(),
            "{what}: rule {id} has no Markdown help"
        );
        let tags = rule["properties"]["tags"].as_array().expect("tags");
        assert!(
            !tags.is_empty() && tags.iter().all(Value::is_string),
            "{what}"
        );
        if let Some(uri) = rule.get("helpUri") {
            let uri = uri.as_str().unwrap();
            assert!(
                uri.starts_with("https://") || uri.starts_with("http://"),
                "{uri}"
            );
        }
        assert!(
            ["error", "warning", "note"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()),
            "{what}: {id}"
        );
    }
    let mut fingerprints = HashSet::new();
    for result in results(log) {
        let rule_id = result["ruleId"].as_str().expect("ruleId");
        assert!(!rule_id.is_empty(), "{what}");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], rule_id, "{what}");
        let message = result["message"]["text"].as_str().unwrap_or("");
        assert!(
            !message.trim().is_empty(),
            "{what}: {rule_id} has no message"
        );
        let locations = result["locations"].as_array().expect("locations");
        assert!(
            (1..=10).contains(&locations.len()),
            "{what}: {rule_id}: {} locations",
            locations.len()
        );
        let physical = &locations[0]["physicalLocation"];
        assert!(
            physical["region"]["startLine"].as_u64().unwrap() >= 1,
            "{what}"
        );
        let location = &physical["artifactLocation"];
        let uri = location["uri"].as_str().expect("uri");
        assert!(!uri.is_empty(), "{what}");
        assert!(
            is_uri_reference(uri),
            "{what}: {uri} is not a URI reference"
        );
        assert!(!uri.contains('\\'), "{what}: {uri}");
        match uri.split_once("://") {
            Some((scheme, rest)) => {
                assert!(["file", "http", "https"].contains(&scheme), "{what}: {uri}");
                if scheme == "file" {
                    assert!(rest.starts_with('/'), "{what}: {uri}");
                }
                assert!(location.get("uriBaseId").is_none(), "{what}: {uri}");
            }
            None => {
                assert_eq!(location["uriBaseId"], "%SRCROOT%", "{what}: {uri}");
                assert!(!uri.starts_with('/') && !uri.starts_with("../"), "{uri}");
            }
        }
        let partial = result["partialFingerprints"]
            .as_object()
            .expect("partialFingerprints");
        assert!(!partial.is_empty(), "{what}");
        for value in partial.values() {
            let value = value.as_str().expect("a fingerprint is a string");
            assert!(
                fingerprints.insert(value.to_string()),
                "{what}: fingerprint {value} twice"
            );
        }
    }
    let relative = results(log)
        .iter()
        .any(|r| artifact(r).get("uriBaseId").is_some());
    let base = &runs[0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    if relative {
        let base = base.as_str().expect("%SRCROOT% is defined");
        assert!(
            base.starts_with("file:///") && base.ends_with('/'),
            "{base}"
        );
    } else {
        assert!(base.is_null(), "{what}");
    }
}

#[test]
fn the_schema_validates_a_minimal_log_and_rejects_a_wrong_one() {
    assert_valid(&json!({"version": "2.1.0", "runs": []}), "a minimal log");
    let minimal = json!({
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}}]}],
    });
    assert_valid(&minimal, "a log with one result");
    assert!(!schema_errors(&json!({"version": "2.1.0"})).is_empty());
    assert!(!schema_errors(&json!({"version": "2.0.0", "runs": []})).is_empty());
    assert!(!schema_errors(&json!({"version": "2.1.0", "runs": [{}]})).is_empty());
}

#[test]
fn every_lint_fixture_gives_valid_sarif_ready_for_code_scanning() {
    for fixture in fixtures() {
        let log = sarif_in(repo(), &[&fixture]);
        assert_valid(&log, &fixture);
        assert_code_scanning_ready(&log, &fixture);
        // One result per finding, at the finding's file, line and pointer.
        let report = lint_in(repo(), "json", &[&fixture]);
        let findings = report["findings"].as_array().unwrap();
        assert_eq!(results(&log).len(), findings.len(), "{fixture}");
        if fixture.ends_with("clean-3.0.yaml") {
            assert!(findings.is_empty());
        } else {
            assert!(!findings.is_empty(), "{fixture}");
        }
        for (result, finding) in results(&log).iter().zip(findings) {
            assert_eq!(result["ruleId"], finding["rule"]);
            assert_eq!(artifact(result)["uri"], finding["file"], "{fixture}");
            assert_eq!(artifact(result)["uriBaseId"], "%SRCROOT%");
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert_eq!(region["startLine"], finding["line"]);
            assert_eq!(
                result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
                finding["pointer"]
            );
        }
        let base = format!(
            "file://{}/",
            repo().canonicalize().unwrap().to_string_lossy()
        );
        if !findings.is_empty() {
            assert_eq!(
                log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
                base.as_str()
            );
        }
    }
}

#[test]
fn a_multi_file_document_names_each_file_relative_to_the_top_of_the_work_tree() {
    // From fixtures/: the files are relative to %SRCROOT%, the top of the git work tree
    // (the working directory when there is none), as code scanning reads them.
    let log = sarif_in(&repo().join("fixtures"), &["lint/defects-multi.yaml"]);
    assert_valid(&log, "defects-multi.yaml");
    assert_code_scanning_ready(&log, "defects-multi.yaml");
    let uris: HashSet<&str> = results(&log)
        .iter()
        .map(|r| artifact(r)["uri"].as_str().unwrap())
        .collect();
    // Its findings are all in a file it refers to (see defects-multi.expected).
    assert_eq!(uris.len(), 1, "{uris:?}");
    let uri = *uris.iter().next().unwrap();
    assert!(uri.ends_with("lint/_multi-paths.yaml"), "{uri}");
    let base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    let resolved = format!("{base}{uri}");
    let resolved = Path::new(resolved.strip_prefix("file://").unwrap());
    assert_eq!(
        resolved.canonicalize().unwrap(),
        repo()
            .join("fixtures/lint/_multi-paths.yaml")
            .canonicalize()
            .unwrap()
    );
    // An absolute path under the working directory is relative too: the same places and
    // fingerprints. Only messages that quote a file name differ, since names are shown as
    // the user wrote the spec (absolute here).
    let absolute = repo().join("fixtures/lint/defects-multi.yaml");
    let log_abs = sarif_in(&repo().join("fixtures"), &[absolute.to_str().unwrap()]);
    let placed = |log: &Value| -> Vec<(Value, Value, Value)> {
        results(log)
            .iter()
            .map(|r| {
                (
                    r["ruleId"].clone(),
                    r["locations"].clone(),
                    r["partialFingerprints"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(placed(&log_abs), placed(&log));
    let messages: Vec<&str> = results(&log_abs)
        .iter()
        .filter_map(|r| r["message"]["text"].as_str())
        .collect();
    let absolute_dir = repo().join("fixtures/lint");
    assert!(
        messages
            .iter()
            .any(|m| m.contains(&format!("`{}/_multi-schemas.yaml`", absolute_dir.display()))),
        "{messages:?}"
    );
}

#[test]
fn a_file_outside_the_working_directory_is_an_absolute_file_uri() {
    let dir = TempDir::new("sarif-outside");
    let text = std::fs::read_to_string(repo().join("fixtures/lint/defects-3.0-a.yaml")).unwrap();
    let file = dir.write("my spec #1.yaml", &text);
    let log = sarif_in(repo(), &[&file]);
    assert_valid(&log, "a file outside the working directory");
    assert_code_scanning_ready(&log, "a file outside the working directory");
    assert!(!results(&log).is_empty());
    for result in results(&log) {
        let uri = artifact(result)["uri"].as_str().unwrap();
        let path = uri.strip_prefix("file://").expect(uri);
        assert!(uri.contains("my%20spec%20%231.yaml"), "{uri}");
        assert_eq!(
            PathBuf::from(decode(path)).canonicalize().unwrap(),
            PathBuf::from(&file).canonicalize().unwrap()
        );
    }
    assert!(log["runs"][0].get("originalUriBaseIds").is_none());
}

#[test]
fn fingerprints_stay_when_lines_move_and_change_with_the_finding() {
    let dir = TempDir::new("sarif-moved");
    let text = std::fs::read_to_string(repo().join("fixtures/lint/defects-3.0-a.yaml")).unwrap();
    dir.write("openapi.yaml", &text);
    let before = sarif_in(dir.path(), &["openapi.yaml"]);
    dir.write("openapi.yaml", &format!("# moved\n# down\n\n{text}"));
    let after = sarif_in(dir.path(), &["openapi.yaml"]);
    assert_valid(&after, "the moved document");
    let identity = |log: &Value| -> BTreeMap<String, (String, u64)> {
        results(log)
            .iter()
            .map(|r| {
                let print = r["partialFingerprints"]["specverFindingHash/v1"]
                    .as_str()
                    .unwrap()
                    .to_string();
                let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap();
                (print, (r["ruleId"].as_str().unwrap().to_string(), line))
            })
            .collect()
    };
    let (before, after) = (identity(&before), identity(&after));
    assert!(!before.is_empty());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (print, (rule, line)) in &before {
        assert_eq!(after[print], (rule.clone(), line + 3), "{print}");
    }
    // Another file name is another artifact: other fingerprints.
    dir.write("other.yaml", &text);
    let other = identity(&sarif_in(dir.path(), &["other.yaml"]));
    assert!(other.keys().all(|k| !before.contains_key(k)));
}

#[test]
fn a_file_at_a_git_revision_is_named_from_the_top_of_the_work_tree() {
    if !common::git_available() {
        return;
    }
    let repo_dir = TempDir::new("sarif-git");
    let text = std::fs::read_to_string(repo().join("fixtures/lint/defects-3.0-a.yaml")).unwrap();
    std::fs::create_dir_all(repo_dir.path().join("api")).unwrap();
    repo_dir.write("api/openapi.yaml", &text);
    common::git(repo_dir.path(), &["init", "-q"], None);
    common::git(repo_dir.path(), &["add", "api/openapi.yaml"], None);
    common::git(repo_dir.path(), &["commit", "-q", "-m", "spec"], None);
    // From api/: the path is still the one code scanning reads, from the top.
    let log = sarif_in(&repo_dir.path().join("api"), &["HEAD:openapi.yaml"]);
    assert_valid(&log, "HEAD:openapi.yaml");
    assert!(!results(&log).is_empty());
    for result in results(&log) {
        assert_eq!(artifact(result), &json!({"uri": "api/openapi.yaml"}));
    }
}

/// A valid log, then the same with one thing broken: each break must be caught, so the
/// tests above cannot pass by validating nothing.
#[test]
fn the_schema_rejects_broken_logs() {
    let log = sarif_in(repo(), &["fixtures/lint/defects-3.0-a.yaml"]);
    assert_valid(&log, "defects-3.0-a.yaml");
    let broken = |what: &str, change: &dyn Fn(&mut Value), expect: &str| {
        let mut bad = log.clone();
        change(&mut bad);
        let errors = schema_errors(&bad);
        assert!(
            errors.iter().any(|e| e.contains(expect)),
            "{what}: expected an error with `{expect}`, got {errors:?}"
        );
    };
    broken(
        "a level SARIF does not know",
        &|l| l["runs"][0]["results"][0]["level"] = json!("fatal"),
        "/runs/0/results/0/level enum",
    );
    broken(
        "a result without a message",
        &|l| {
            l["runs"][0]["results"][0]
                .as_object_mut()
                .unwrap()
                .remove("message");
        },
        "must have required property 'message'",
    );
    broken(
        "a message with neither text nor id",
        &|l| l["runs"][0]["results"][0]["message"] = json!({"markdown": "x"}),
        "/runs/0/results/0/message",
    );
    broken(
        "line 0",
        &|l| {
            l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                json!(0)
        },
        "startLine minimum",
    );
    broken(
        "a property results do not have",
        &|l| l["runs"][0]["results"][0]["severity"] = json!("error"),
        "/runs/0/results/0",
    );
    broken(
        "a rule default level SARIF does not know",
        &|l| {
            l["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] =
                json!("warn")
        },
        "defaultConfiguration/level enum",
    );
    broken(
        "a rule without an id",
        &|l| {
            l["runs"][0]["tool"]["driver"]["rules"][0]
                .as_object_mut()
                .unwrap()
                .remove("id");
        },
        "must have required property 'id'",
    );
    broken(
        "a fingerprint that is not a string",
        &|l| l["runs"][0]["results"][0]["partialFingerprints"]["x"] = json!(1),
        "partialFingerprints/x type",
    );
    broken(
        "a tool without a name",
        &|l| l["runs"][0]["tool"]["driver"] = json!({"version": "1"}),
        "must have required property 'name'",
    );
    broken(
        "another SARIF version",
        &|l| l["version"] = json!("2.0.0"),
        "/version enum",
    );
}

fn vapi_document() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus/vapi");
    if !dir.is_dir() {
        common::skip_without_shared("../shared/corpus/vapi (the Vapi SARIF check)");
        return None;
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    names.pop()
}

#[test]
fn a_vapi_document_gives_valid_sarif() {
    let Some(doc) = vapi_document() else { return };
    let doc = doc.to_str().unwrap();
    // From the repository: the corpus is outside, so its URIs are absolute.
    let log = sarif_in(repo(), &[doc]);
    assert_valid(&log, doc);
    assert_code_scanning_ready(&log, doc);
    assert!(!results(&log).is_empty(), "{doc}: no findings");
    assert!(
        results(&log)
            .iter()
            .all(|r| artifact(r)["uri"].as_str().unwrap().starts_with("file:///")),
        "{doc}"
    );
    // From the corpus: relative to it.
    let corpus = repo().join("../shared/corpus");
    let log = sarif_in(&corpus, &[doc]);
    assert_valid(&log, doc);
    assert_code_scanning_ready(&log, doc);
    assert!(
        results(&log)
            .iter()
            .all(|r| artifact(r)["uri"].as_str().unwrap().starts_with("vapi/")),
        "{doc}"
    );
}

/// Rules link their documentation: Spectral's page for `spectral:oas` rules, a ruleset's
/// `documentationUrl#rule` (or the rule's own `documentationUrl`) for the user's.
#[test]
fn rules_link_their_documentation() {
    let log = sarif_in(repo(), &["fixtures/lint/defects-3.0-a.yaml"]);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let uri = |id: &str| {
        rules
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no rule {id}"))["helpUri"]
            .clone()
    };
    assert_eq!(
        uri("array-items"),
        "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#array-items"
    );
    assert_eq!(
        uri("no-unresolved-refs"),
        Value::Null,
        "specver's own: no page"
    );

    let dir = TempDir::new("sarif-docs");
    dir.write(
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n",
    );
    dir.write(
        "rules.yaml",
        "documentationUrl: https://example.org/api-style\nrules:\n  need-summary:\n    given: $.paths[*].get\n    then: {field: summary, function: truthy}\n  need-id:\n    documentationUrl: https://example.org/ids\n    given: $.paths[*].get\n    then: {field: operationId, function: truthy}\n",
    );
    let log = sarif_in(dir.path(), &["api.yaml", "--ruleset", "rules.yaml"]);
    assert_valid(&log, "custom ruleset");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let uri = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap()["helpUri"].clone();
    assert_eq!(
        uri("need-summary"),
        "https://example.org/api-style#need-summary"
    );
    assert_eq!(uri("need-id"), "https://example.org/ids");
}
