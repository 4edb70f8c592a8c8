//! Verdicts of issue 10 through the built binary: security and servers compared per
//! operation, and the precise checks (integer formats within bounds, discriminators,
//! uniqueItems, a response header's `deprecated`). Each fixture pair in fixtures/security/,
//! fixtures/servers/ and fixtures/precise/ changes one class of thing, and the report must
//! give each change once, with its id, level, place (JSON pointers in the base and the
//! revision) and the operations it reaches.

mod common;

use common::*;
use std::path::Path;

/// One change as the JSON report gives it: id, level, base pointer, revision pointer,
/// operations (`GET /path`), sorted.
type Row = (String, String, String, String, Vec<String>);

fn report(pair: &str) -> Vec<Row> {
    report_in("fixtures/security", pair)
}

fn report_in(fixtures: &str, pair: &str) -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixtures);
    let side = |name: &str| match pair {
        "" => dir.join(format!("{name}.yaml")),
        _ => dir.join(format!("{pair}-{name}.yaml")),
    };
    let (base, revision) = (side("base"), side("revision"));
    let out = specver(&[
        "diff",
        base.to_str().unwrap(),
        revision.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report = json(&out);
    let pointer = |side: &serde_json::Value| {
        side["pointer"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| "-".into())
    };
    let mut rows: Vec<Row> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| !c["id"].as_str().unwrap().starts_with("api-version"))
        .map(|c| {
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
        })
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

#[test]
fn operation_overrides_are_compared_by_what_a_client_must_send() {
    let mut expected = vec![
        // `security: []` removed: the operation now inherits the document's api_key.
        row(
            "api-security-added",
            "error",
            "/paths/~1public/get/security",
            "/security",
            &["GET /public"],
        ),
        row(
            "api-security-alternative-removed",
            "error",
            "/paths/~1either/get/security/1",
            "/paths/~1either/get/security",
            &["GET /either"],
        ),
        row(
            "api-security-requirement-scheme-added",
            "error",
            "/paths/~1key-only/get/security/0",
            "/paths/~1key-only/get/security/0",
            &["GET /key-only"],
        ),
        row(
            "api-security-scope-added",
            "error",
            "/paths/~1scoped/get/security/0",
            "/paths/~1scoped/get/security/0",
            &["GET /scoped"],
        ),
        row(
            "api-security-alternative-added",
            "info",
            "/paths/~1more-ways/get/security",
            "/paths/~1more-ways/get/security/1",
            &["GET /more-ways"],
        ),
        row(
            "api-security-removed",
            "info",
            "/paths/~1opened/get/security",
            "/paths/~1opened/get/security",
            &["GET /opened"],
        ),
        row(
            "api-security-scope-removed",
            "info",
            "/paths/~1widened/get/security/0",
            "/paths/~1widened/get/security/0",
            &["GET /widened"],
        ),
    ];
    expected.sort();
    // GET /same-as-global lost an override identical to the document's security: no change.
    assert_eq!(report("requirements"), expected);
}

#[test]
fn a_global_requirement_is_one_change_listing_the_operations_that_inherit_it() {
    assert_eq!(
        report("global"),
        [row(
            "api-global-security-added",
            "error",
            "",
            "/security",
            &["GET /inherits"],
        )]
    );
}

#[test]
fn swagger2_security_definitions_are_resolved_and_compared() {
    let mut expected = vec![
        row(
            "api-security-component-oauth-scope-removed",
            "error",
            "/securityDefinitions/oauth",
            "/securityDefinitions/oauth",
            &["GET /admin"],
        ),
        row(
            "api-security-component-type-changed",
            "error",
            "/securityDefinitions/api_key/type",
            "/securityDefinitions/api_key/type",
            &["GET /items"],
        ),
        row(
            "api-security-component-oauth-token-url-changed",
            "warning",
            "/securityDefinitions/oauth",
            "/securityDefinitions/oauth",
            &["GET /admin", "GET /reports"],
        ),
        // `basic` renamed `basicAuth` with the same definition is the same scheme: neither
        // POST /login's requirement nor the scheme changed, so nothing is reported.
        // No operation requires `legacy`: nobody breaks.
        row(
            "api-security-component-oauth-scope-removed",
            "info",
            "/securityDefinitions/oauth",
            "/securityDefinitions/oauth",
            &[],
        ),
    ];
    expected.sort();
    assert_eq!(report("swagger2"), expected);
}

#[test]
fn scheme_changes_list_the_operations_that_use_the_scheme() {
    let mut expected = vec![
        row(
            "api-security-component-type-changed",
            "error",
            "/components/securitySchemes/bearer/type",
            "/components/securitySchemes/bearer/type",
            &["GET /tokens"],
        ),
        row(
            "api-security-component-oauth-refresh-url-changed",
            "warning",
            "/components/securitySchemes/oauth",
            "/components/securitySchemes/oauth",
            &["GET /calendar"],
        ),
        row(
            "api-security-component-oauth-url-changed",
            "warning",
            "/components/securitySchemes/oauth",
            "/components/securitySchemes/oauth",
            &["GET /calendar"],
        ),
        // A scheme no operation uses breaks nobody, whatever changed in it.
        row(
            "api-security-component-type-changed",
            "info",
            "/components/securitySchemes/unused/type",
            "/components/securitySchemes/unused/type",
            &[],
        ),
    ];
    expected.sort();
    assert_eq!(report("schemes"), expected);
}

#[test]
fn swapping_sides_swaps_what_is_required() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/security");
    let out = specver(&[
        "diff",
        dir.join("global-revision.yaml").to_str().unwrap(),
        dir.join("global-base.yaml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report = json(&out);
    let found: Vec<(&str, &str)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["id"].as_str().unwrap().starts_with("api-version"))
        .map(|c| (c["id"].as_str().unwrap(), c["level"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("api-global-security-removed", "info")]);
}

#[test]
fn servers_whose_path_moved_move_every_url_that_inherits_them() {
    let mut expected = vec![
        // /files keeps its own server: not listed.
        row(
            "api-server-base-path-changed",
            "error",
            "/servers/0",
            "/servers/0",
            &["GET /pets", "POST /pets"],
        ),
        // Another host, the same path: a warning and a note, for that operation only.
        row(
            "api-server-removed",
            "warning",
            "/paths/~1own/get/servers/0",
            "/paths/~1own/get",
            &["GET /own"],
        ),
        row(
            "api-server-added",
            "info",
            "/paths/~1own/get",
            "/paths/~1own/get/servers/0",
            &["GET /own"],
        ),
    ];
    expected.sort();
    assert_eq!(report_in("fixtures/servers", "moved"), expected);
}

#[test]
fn a_swagger2_base_path_changed_moves_every_url() {
    assert_eq!(
        report_in("fixtures/servers", "swagger2"),
        [row(
            "api-server-base-path-changed",
            "error",
            "/basePath",
            "/basePath",
            &["DELETE /items/{id}", "GET /items"],
        )]
    );
}

#[test]
fn a_server_added_beside_the_old_one_moves_nothing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/servers");
    let base = std::fs::read_to_string(dir.join("moved-base.yaml")).unwrap();
    let revision = base.replace(
        "  - url: https://api.example.com/v1\n",
        "  - url: https://api.example.com/v1\n  - url: https://eu.example.com/v2\n",
    );
    assert_ne!(base, revision);
    let tmp = TempDir::new("servers");
    let out = specver(&[
        "diff",
        &tmp.write("base.yaml", &base),
        &tmp.write("revision.yaml", &revision),
        "--format",
        "json",
    ]);
    let report = json(&out);
    let found: Vec<(&str, &str, usize)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["id"].as_str().unwrap().starts_with("api-version"))
        .map(|c| {
            (
                c["id"].as_str().unwrap(),
                c["level"].as_str().unwrap(),
                c["operations"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(found, [("api-server-added", "info", 2)]);
}

#[test]
fn precise_checks_have_their_own_ids_and_levels() {
    let schema = "/components/schemas/";
    let p = |rest: &str| format!("{schema}{rest}");
    let op = &["POST /orders"];
    let mut expected = vec![
        // A request that says `transfer` no longer selects a schema.
        row(
            "request-property-discriminator-mapping-deleted",
            "error",
            &p("NewOrder/properties/payment/discriminator"),
            &p("NewOrder/properties/payment/discriminator"),
            op,
        ),
        row(
            "request-property-discriminator-mapping-added",
            "info",
            &p("NewOrder/properties/payment/discriminator"),
            &p("NewOrder/properties/payment/discriminator"),
            op,
        ),
        // No bounds: int32 takes values away.
        row(
            "request-property-format-added",
            "error",
            &p("NewOrder/properties/reference"),
            &p("NewOrder/properties/reference/format"),
            op,
        ),
        // 1..1000 already fits int32.
        row(
            "request-property-format-added-within-bounds",
            "info",
            &p("NewOrder/properties/quantity"),
            &p("NewOrder/properties/quantity/format"),
            op,
        ),
        row(
            "request-property-unique-items-added",
            "error",
            &p("NewOrder/properties/tags"),
            &p("NewOrder/properties/tags"),
            op,
        ),
        row(
            "response-body-discriminator-property-name-changed",
            "warning",
            &p("Receipt/discriminator"),
            &p("Receipt/discriminator"),
            op,
        ),
        row(
            "response-header-deprecated",
            "info",
            "/paths/~1orders/post/responses/201/headers/X-Legacy-Id",
            "/paths/~1orders/post/responses/201/headers/X-Legacy-Id",
            op,
        ),
    ];
    expected.sort();
    assert_eq!(report_in("fixtures/precise", ""), expected);
}

#[test]
fn a_webhook_requirement_is_not_asked_of_clients() {
    let doc = |security: &str| {
        format!(
            "openapi: 3.1.0
info: {{title: Hooks, version: 1.0.0}}
webhooks:
  paid:
    post:
{security}      responses:
        '200': {{description: OK}}
components:
  securitySchemes:
    signature: {{type: apiKey, in: header, name: X-Signature}}
"
        )
    };
    let tmp = TempDir::new("webhook");
    let out = specver(&[
        "diff",
        &tmp.write("base.yaml", &doc("")),
        &tmp.write(
            "revision.yaml",
            &doc("      security:\n        - signature: []\n"),
        ),
        "--format",
        "json",
    ]);
    let report = json(&out);
    let ids: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .filter(|id| !id.starts_with("api-version"))
        .collect();
    assert!(ids.is_empty(), "{ids:?}");
}

#[test]
fn a_mapping_key_that_leaves_with_its_branch_is_the_branch_removed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/precise");
    let base = std::fs::read_to_string(dir.join("base.yaml")).unwrap();
    let mut revision = base.clone();
    for line in [
        "            - $ref: '#/components/schemas/Transfer'\n",
        "              transfer: '#/components/schemas/Transfer'\n",
    ] {
        assert_eq!(revision.matches(line).count(), 1, "{line}");
        revision = revision.replacen(line, "", 1);
    }
    let tmp = TempDir::new("mapping");
    let out = specver(&[
        "diff",
        &tmp.write("base.yaml", &base),
        &tmp.write("revision.yaml", &revision),
        "--format",
        "json",
    ]);
    let report = json(&out);
    let ids: Vec<(&str, &str)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["id"].as_str().unwrap().starts_with("api-version"))
        .map(|c| (c["id"].as_str().unwrap(), c["level"].as_str().unwrap()))
        .collect();
    assert_eq!(ids, [("request-property-one-of-removed", "error")]);
}
