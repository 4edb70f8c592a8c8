//! Reading the JSON report of `specver diff` in tests that assert verdicts on fixture pairs:
//! the changes, their (id, level), operations and places.

use serde_json::Value;
use std::path::Path;

/// `specver diff DIR/BASE.yaml DIR/REVISION.yaml --format json` (DIR under fixtures/).
pub fn fixture_diff(dir: &str, base: &str, revision: &str) -> Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir);
    let out = super::specver(&[
        "diff",
        &dir.join(format!("{base}.yaml")).to_string_lossy(),
        &dir.join(format!("{revision}.yaml")).to_string_lossy(),
        "--format",
        "json",
    ]);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{base}: {e}\n{}", String::from_utf8_lossy(&out.stderr)))
}

/// The pair `NAME-base` / `NAME-revision` of fixtures/DIR.
pub fn fixture_pair(dir: &str, name: &str) -> Value {
    fixture_diff(dir, &format!("{name}-base"), &format!("{name}-revision"))
}

/// The changes of a report but the version policy's and the component inventory's.
pub fn changes(report: &Value) -> Vec<&Value> {
    report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| {
            let id = c["id"].as_str().unwrap();
            !id.starts_with("api-version") && !id.starts_with("api-schema-")
        })
        .collect()
}

pub fn text(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

/// (id, level) of each change, sorted.
pub fn verdicts(report: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = changes(report)
        .iter()
        .map(|c| (text(&c["id"]), text(&c["level"])))
        .collect();
    v.sort();
    v
}

/// A sorted list of (id, level) to compare with [`verdicts`].
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = list
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    v.sort();
    v
}

/// (method path direction id level) of each operation of a change.
pub fn operations(change: &Value) -> Vec<String> {
    change["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            ["method", "path", "direction", "id", "level"]
                .map(|k| text(&o[k]))
                .join(" ")
        })
        .collect()
}

pub fn pointer(change: &Value, side: &str) -> String {
    text(&change[side]["pointer"])
}

/// The one change of `report` with this id.
pub fn only<'a>(report: &'a Value, id: &str) -> &'a Value {
    let found: Vec<&Value> = changes(report)
        .into_iter()
        .filter(|c| c["id"] == id)
        .collect();
    assert_eq!(found.len(), 1, "one {id}: {report:#}");
    found[0]
}
