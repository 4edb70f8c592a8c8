//! Endpoint-level defects found by the audit of 50 corpus findings, each pinned on a small
//! fixture pair in fixtures/audit/ (id, level, base and revision pointers, operations) and
//! checked again on the corpus pair that showed it (skipped when ../shared is absent).
//!
//! - a path parameter whose `{name}` is in the template on both sides was on the wire on
//!   both: declaring it, or no longer declaring it, is documentation (info);
//! - a Swagger 2.0 `basePath` change is located at `/basePath`, and adding one to a
//!   document served at the root moves every URL;
//! - a `produces` change is one change at the `produces` list, and a 2.0 response's
//!   `examples` make no media type;
//! - a security scheme renamed with the same wire parameters is the same scheme;
//! - a scope replaced in one requirement is one change naming both scopes;
//! - a primitive query parameter that became an array of such values, written alike for
//!   one value, widened its type (and the value compares with the items);
//! - a style changes nothing for a primitive in the query; in the path it adds a prefix;
//! - a Swagger 2.0 nullability change is located at its `x-nullable`.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One change: id, level, base pointer, revision pointer, operations (`GET /path`, sorted).
type Row = (String, String, String, String, Vec<String>);

fn changes(base: &Path, revision: &Path) -> Vec<Value> {
    let out = specver(&[
        "diff",
        base.to_str().unwrap(),
        revision.to_str().unwrap(),
        "--format",
        "json",
    ]);
    json(&out)["changes"].as_array().expect("changes").clone()
}

fn row_of(c: &Value) -> Row {
    let pointer = |side: &Value| side["pointer"].as_str().unwrap_or("-").to_string();
    let mut ops: Vec<String> = c["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            format!(
                "{} {}",
                o["method"].as_str().unwrap().to_uppercase(),
                o["path"].as_str().unwrap()
            )
        })
        .collect();
    ops.sort();
    (
        c["id"].as_str().unwrap().to_string(),
        c["level"].as_str().unwrap().to_string(),
        pointer(&c["base"]),
        pointer(&c["revision"]),
        ops,
    )
}

/// The changes of a fixture pair, without the version-policy ones.
fn report(pair: &str) -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/audit");
    let (base, revision) = (
        dir.join(format!("{pair}-base.yaml")),
        dir.join(format!("{pair}-revision.yaml")),
    );
    let mut rows: Vec<Row> = changes(&base, &revision)
        .iter()
        .filter(|c| !c["id"].as_str().unwrap().starts_with("api-version"))
        .map(row_of)
        .collect();
    rows.sort();
    rows
}

fn row(id: &str, level: &str, base: &str, revision: &str, ops: &[&str]) -> Row {
    (
        id.to_string(),
        level.to_string(),
        base.to_string(),
        revision.to_string(),
        ops.iter().map(|s| s.to_string()).collect(),
    )
}

fn messages(pair: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/audit");
    changes(
        &dir.join(format!("{pair}-base.yaml")),
        &dir.join(format!("{pair}-revision.yaml")),
    )
    .iter()
    .map(|c| c["message"].as_str().unwrap().to_string())
    .collect()
}

#[test]
fn declaring_a_template_variable_is_no_wire_change() {
    let certs = "/paths/~1certs~1{certificate_id}/get";
    let projects = "/paths/~1projects~1{project_id}~1certs/get";
    let calls = "/paths/~1calls~1{id}/delete";
    assert_eq!(
        report("path-params"),
        [
            row(
                "request-path-parameter-declared",
                "info",
                certs,
                &format!("{certs}/parameters/0"),
                &["GET /certs/{certificate_id}"],
            ),
            row(
                "request-path-parameter-declared",
                "info",
                projects,
                &format!("{projects}/parameters/0"),
                &["GET /projects/{project_id}/certs"],
            ),
            row(
                "request-path-parameter-undeclared",
                "info",
                &format!("{calls}/parameters/0"),
                calls,
                &["DELETE /calls/{id}"],
            ),
            row(
                "request-path-parameter-undeclared",
                "info",
                &format!("{certs}/parameters/0"),
                certs,
                &["GET /certs/{certificate_id}"],
            ),
        ]
    );
}

#[test]
fn a_base_path_added_to_a_document_served_at_the_root_moves_every_url() {
    assert_eq!(
        report("root"),
        [row(
            "api-server-base-path-changed",
            "error",
            "",
            "/basePath",
            &["DELETE /sites/{id}", "GET /sites"],
        )]
    );
}

#[test]
fn a_produces_change_is_one_change_at_the_produces_list() {
    let logs = "/paths/~1logs/get/produces";
    assert_eq!(
        report("produces"),
        [
            // The 404's `examples: application/json` is no media type: no schema removed.
            row(
                "response-media-type-added",
                "info",
                logs,
                logs,
                &["GET /logs"],
            ),
            row(
                "response-media-type-name-generalized",
                "error",
                "/produces",
                "/produces",
                &["GET /hooks", "GET /sites"],
            ),
            row(
                "response-media-type-removed",
                "error",
                logs,
                logs,
                &["GET /logs"],
            ),
            row(
                "response-media-type-removed",
                "error",
                logs,
                logs,
                &["GET /logs"],
            ),
        ]
    );
}

#[test]
fn a_scheme_renamed_with_the_same_wire_parameters_is_compared_not_removed() {
    assert_eq!(
        report("scheme-rename"),
        [
            // GET /sites still requires a scope the renamed scheme no longer defines.
            row(
                "api-global-security-scope-removed",
                "info",
                "/security/0",
                "/security/0",
                &["GET /hooks"],
            ),
            row(
                "api-security-component-oauth-scope-removed",
                "error",
                "/securityDefinitions/site_auth",
                "/securityDefinitions/siteAuth",
                &["GET /sites"],
            ),
        ]
    );
}

#[test]
fn a_scope_replaced_in_a_requirement_is_one_change_naming_both() {
    let op = "/paths/~1projects~1{id}~1resources/post/security/0";
    assert_eq!(
        report("scope-swap"),
        [row(
            "api-security-scope-added",
            "error",
            op,
            op,
            &["POST /projects/{id}/resources"],
        )]
    );
    assert!(
        messages("scope-swap").iter().any(|m| m
            == "security requirement of `oauth`: scopes added: `project:assign`; \
                scopes removed: `project:update`"),
        "{:?}",
        messages("scope-swap")
    );
}

// The corpus pairs the audit reproduced each defect on.

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_without_shared("../shared/corpus");
        None
    }
}

#[test]
fn a_primitive_parameter_that_became_an_array_of_it_widened() {
    let op = "/paths/~1images/get/parameters";
    let at = |i: usize, k: &str| format!("{op}/{i}/{k}");
    let get = ["GET /images"];
    // A change at parameter `i`'s `type` on both sides.
    let typed =
        |id: &str, level: &str, i: usize| row(id, level, &at(i, "type"), &at(i, "type"), &get);
    assert_eq!(
        report("one-value"),
        [
            row(
                "request-parameter-enum-value-added",
                "info",
                &at(0, "enum"),
                &at(0, "items/enum"),
                &get,
            ),
            typed("request-parameter-type-changed", "error", 2),
            typed("request-parameter-type-changed", "error", 4),
            typed("request-parameter-type-generalized", "info", 0),
            typed("request-parameter-type-generalized", "info", 1),
            typed("request-parameter-type-specialized", "error", 3),
        ]
    );
    let said = messages("one-value");
    for m in [
        "query parameter `platform`: type widened from string to array",
        "query parameter `id`: type widened from integer to array",
        "query parameter `label`: type narrowed from array to string",
        "query parameter `tag`: type changed from string to array",
    ] {
        assert!(said.iter().any(|s| s == m), "{m} not in {said:#?}");
    }
}

#[test]
fn a_query_style_changes_nothing_for_a_primitive() {
    let op = "/paths/~1invoices~1{id}/get/parameters";
    let at = |i: usize| format!("{op}/{i}");
    let get = ["GET /invoices/{id}"];
    assert_eq!(
        report("style"),
        [
            row(
                "request-parameter-any-of-added",
                "info",
                &format!("{}/schema", at(1)),
                &format!("{}/schema/anyOf", at(1)),
                &get,
            ),
            row(
                "request-parameter-style-changed",
                "error",
                &at(0),
                &at(0),
                &get,
            ),
            row(
                "request-parameter-style-changed",
                "error",
                &at(2),
                &at(2),
                &get,
            ),
        ]
    );
}

#[test]
fn corpus_stripe_a_string_in_the_query_keeps_its_form_under_deep_object() {
    let s = "stripe";
    let Some(c) = corpus_changes(
        &format!("{s}/2019-09-05_dfc9ff40.json"),
        &format!("{s}/2021-06-07_fd1e5f8f.json"),
    ) else {
        return;
    };
    let styles: Vec<&str> = ids_of(&c, "request-parameter-style-changed")
        .iter()
        .map(|x| x["message"].as_str().unwrap())
        .collect();
    assert!(
        !styles.iter().any(|m| m.contains("`status`")),
        "{styles:#?}"
    );
}

#[test]
fn a_swagger_2_nullability_change_is_located_at_x_nullable() {
    let created = "/definitions/Container/properties/Created";
    assert_eq!(
        report("x-nullable"),
        [row(
            "response-property-became-nullable",
            "error",
            created,
            &format!("{created}/x-nullable"),
            &["GET /containers/{id}"],
        )]
    );
}

#[test]
fn corpus_docker_platform_became_an_array_of_itself() {
    let d = "docker-engine";
    let Some(c) = corpus_changes(&format!("{d}/v1.48.yaml"), &format!("{d}/v1.54.yaml")) else {
        return;
    };
    let widened = ids_of(&c, "request-parameter-type-generalized");
    assert_eq!(widened.len(), 1);
    assert_eq!(
        widened[0]["message"],
        "query parameter `platform`: type widened from string to array"
    );
    assert_eq!(widened[0]["level"], "info");
    assert_eq!(widened[0]["operations"][0]["path"], "/images/{name}/get");
    assert!(ids_of(&c, "request-parameter-type-changed").is_empty());
    assert!(ids_of(&c, "request-parameter-style-changed").is_empty());
}

fn corpus_changes(base: &str, revision: &str) -> Option<Vec<Value>> {
    let dir = corpus()?;
    Some(changes(&dir.join(base), &dir.join(revision)))
}

fn ids_of<'c>(changes: &'c [Value], id: &str) -> Vec<&'c Value> {
    changes.iter().filter(|c| c["id"] == id).collect()
}

#[test]
fn corpus_openai_path_parameter_declarations_are_info() {
    let Some(c) = corpus_changes(
        "openai/2025-04-29_498c71dd.yaml",
        "openai/2026-05-13_5162af98.yaml",
    ) else {
        return;
    };
    let declared: Vec<String> = ids_of(&c, "request-path-parameter-declared")
        .iter()
        .map(|c| c["message"].as_str().unwrap().to_string())
        .collect();
    assert!(declared.iter().any(|m| m.contains("`certificate_id`")));
    assert!(declared.iter().any(|m| m.contains("`project_id`")));
    assert!(
        !c.iter().any(|x| x["id"] == "new-request-path-parameter"),
        "no path parameter is new on the wire"
    );
    assert!(!c.iter().any(|x| x["id"] == "request-parameter-removed"
        && x["message"].as_str().unwrap().contains("`cert_id`")));
}

#[test]
fn corpus_vapi_undeclared_path_parameter_is_info() {
    let Some(c) = corpus_changes(
        "vapi/2025-08-07_4f16438e.json",
        "vapi/2025-11-03_b9218b4d.json",
    ) else {
        return;
    };
    let undeclared = ids_of(&c, "request-path-parameter-undeclared");
    assert!(undeclared.iter().any(|x| x["level"] == "info"
        && x["base"]["pointer"] == "/paths/~1call~1{id}/delete/parameters/0"));
    assert!(
        !c.iter().any(|x| x["id"] == "request-parameter-removed"
            && x["message"] == "path parameter `id` removed")
    );
}

#[test]
fn corpus_docker_base_path_is_located_at_base_path() {
    for (b, r) in [
        ("docker-engine/v1.54.yaml", "docker-engine/v1.55.yaml"),
        ("docker-engine/v1.40.yaml", "docker-engine/v1.41.yaml"),
    ] {
        let Some(c) = corpus_changes(b, r) else {
            return;
        };
        let moved = ids_of(&c, "api-server-base-path-changed");
        assert_eq!(moved.len(), 1, "{b} -> {r}");
        assert_eq!(moved[0]["base"]["pointer"], "/basePath");
        assert_eq!(moved[0]["revision"]["pointer"], "/basePath");
        assert!(moved[0]["operations"].as_array().unwrap().len() > 50);
    }
}

#[test]
fn corpus_docker_produces_and_examples() {
    let Some(c) = corpus_changes("docker-engine/v1.41.yaml", "docker-engine/v1.44.yaml") else {
        return;
    };
    let removed = ids_of(&c, "response-media-type-removed");
    // application/json and text/plain, each at the `produces` of the operation.
    assert_eq!(removed.len(), 2);
    for r in &removed {
        assert_eq!(r["base"]["pointer"], "/produces");
        assert!(
            r["revision"]["pointer"]
                .as_str()
                .unwrap()
                .ends_with("/get/produces")
        );
    }
    assert!(ids_of(&c, "response-body-media-type-schema-removed").is_empty());
}

#[test]
fn corpus_netlify_root_produces_and_renamed_scheme() {
    let Some(c) = corpus_changes(
        "netlify/2016-04-24_d6527b14.yml",
        "netlify/2017-12-18_b941e7b5.yml",
    ) else {
        return;
    };
    let moved = ids_of(&c, "api-server-base-path-changed");
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["level"], "error");
    assert_eq!(moved[0]["revision"]["pointer"], "/basePath");
    let produces = ids_of(&c, "response-media-type-name-generalized");
    assert_eq!(produces.len(), 1);
    assert_eq!(produces[0]["base"]["pointer"], "/produces");
    assert_eq!(produces[0]["revision"]["pointer"], "/produces");
    assert!(ids_of(&c, "api-global-security-alternative-removed").is_empty());
    assert!(ids_of(&c, "api-security-component-removed").is_empty());
    assert_eq!(ids_of(&c, "api-global-security-scope-removed").len(), 1);
}

#[test]
fn corpus_digitalocean_scope_swap_names_both() {
    let d = "digitalocean-multifile";
    let Some(c) = corpus_changes(
        &format!("{d}/2026-07-09_e0a34c35/specification/DigitalOcean-public.v2.yaml"),
        &format!("{d}/2026-08-07_7c1300c4/specification/DigitalOcean-public.v2.yaml"),
    ) else {
        return;
    };
    let added = ids_of(&c, "api-security-scope-added");
    assert!(added.iter().any(|x| {
        let m = x["message"].as_str().unwrap();
        m.contains("`project:assign_resource`") && m.contains("scopes removed: `project:update`")
    }));
}
