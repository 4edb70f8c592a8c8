//! Numbers compare and print exactly: integers past 2^53 are not rounded into each other,
//! int64 bounds print as written, and a keyword with an invalid value is a diagnostic, not
//! the keyword removed.

mod common;
use common::*;

/// A spec whose `POST /a` request body is `schema` (YAML flow text).
fn spec(schema: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: n, version: '1'}}\npaths:\n  /a:\n    post:\n      \
         requestBody:\n        content:\n          application/json:\n            schema: {schema}\n      \
         responses:\n        '200': {{description: ok}}\n"
    )
}

fn diff(base: &str, revision: &str) -> serde_json::Value {
    let dir = TempDir::new("numbers");
    let b = dir.write("base.yaml", &spec(base));
    let r = dir.write("revision.yaml", &spec(revision));
    let out = specver(&["diff", &b, &r, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)
}

fn ids_and_messages(report: &serde_json::Value) -> Vec<(String, String)> {
    report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn integers_past_two_to_the_53_stay_distinct() {
    let report = diff(
        "{type: integer, enum: [1, 9007199254740993]}",
        "{type: integer, enum: [1, 9007199254740992]}",
    );
    let found = ids_and_messages(&report);
    assert!(
        found.iter().any(
            |(id, m)| id == "request-body-enum-value-removed" && m.contains("9007199254740993")
        ),
        "{found:?}"
    );
    let report = diff(
        "{type: integer, default: 9007199254740993}",
        "{type: integer, default: 9007199254740992}",
    );
    assert!(
        ids_and_messages(&report)
            .iter()
            .any(|(id, _)| id == "request-body-default-value-changed"),
        "{report:#}"
    );
    // 1 and 1.0 are one number.
    let report = diff(
        "{type: number, enum: [1, 2]}",
        "{type: number, enum: [1.0, 2]}",
    );
    assert!(ids_and_messages(&report).is_empty(), "{report:#}");
}

#[test]
fn int64_bounds_print_as_written() {
    let report = diff(
        "{type: integer, format: int64, maximum: 9223372036854775807}",
        "{type: integer, format: int64, maximum: 9223372036854775806}",
    );
    let found = ids_and_messages(&report);
    assert!(
        found
            .iter()
            .any(|(id, m)| id == "request-body-max-decreased"
                && m.contains("9223372036854775807")
                && m.contains("9223372036854775806")),
        "{found:?}"
    );
}

#[test]
fn an_invalid_limit_is_a_diagnostic_not_a_removal() {
    for invalid in ["-1", "10.5", "'5'"] {
        let report = diff(
            "{type: string, maxLength: 10}",
            &format!("{{type: string, maxLength: {invalid}}}"),
        );
        assert!(
            ids_and_messages(&report).is_empty(),
            "maxLength: {invalid}: {report:#}"
        );
    }
    let report = diff("{type: number, maximum: 5}", "{type: number, maximum: '5'}");
    assert!(ids_and_messages(&report).is_empty(), "{report:#}");
    let dir = TempDir::new("numbers-inspect");
    let r = dir.write("revision.yaml", &spec("{type: string, maxLength: -1}"));
    let out = specver(&["inspect", &r]);
    assert!(
        stdout(&out).contains("`maxLength` must be a non-negative integer; `-1` is not"),
        "{}",
        stdout(&out)
    );
}
