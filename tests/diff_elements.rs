//! Parts of the model the diff compares beyond schemas and parameters: response links and
//! `x-` extensions. Uses the specification's own link example (skips when ../shared is
//! absent).

mod common;

use specver::compare::{self, Loaded, Settings};
use specver::load::{FileLocation, LoadOptions, Workspace};
use std::path::{Path, PathBuf};

fn example() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/openapi-spec/examples/link-example.yaml");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            common::skip_without_shared(&path.display().to_string());
            None
        }
    }
}

fn loaded(name: &str, text: &str) -> Loaded {
    let ws = Workspace::load_bytes(
        FileLocation::Path(PathBuf::from(name)),
        text.as_bytes().to_vec(),
        &LoadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    Loaded::new(ws)
}

fn ids(base: &str, revision: &str) -> Vec<(String, String)> {
    let c = compare::compare(
        loaded("base.yaml", base),
        loaded("revision.yaml", revision),
        &Settings::default(),
    );
    let mut found: Vec<(String, String)> = c
        .changes
        .iter()
        .filter(|c| !c.id.starts_with("api-version"))
        .map(|c| (c.id.clone(), c.level.as_str().to_string()))
        .collect();
    found.sort();
    found
}

#[test]
fn a_removed_link_may_break_clients_and_an_added_one_does_not() {
    let Some(base) = example() else { return };
    let without = base.replace(
        "          links:\n            userRepositories:\n              $ref: '#/components/links/UserRepositories'\n",
        "",
    );
    assert_ne!(without, base, "the example still has the link");
    assert_eq!(
        ids(&base, &without),
        [("response-link-removed".to_string(), "warning".to_string())]
    );
    assert_eq!(
        ids(&without, &base),
        [("response-link-added".to_string(), "info".to_string())]
    );
}

#[test]
fn a_link_that_leads_elsewhere_is_a_change() {
    let Some(base) = example() else { return };
    // `UserRepositories` (in components.links) now calls another operation.
    let moved = base.replacen(
        "      operationId: getRepositoriesByOwner\n      parameters:\n        username: $response.body#/username",
        "      operationId: getRepository\n      parameters:\n        username: $response.body#/username",
        1,
    );
    assert_ne!(moved, base, "the example still has the link");
    assert_eq!(
        ids(&base, &moved),
        [("response-link-changed".to_string(), "warning".to_string())]
    );
}

#[test]
fn extensions_of_operations_and_of_the_document_are_compared() {
    let Some(base) = example() else { return };
    let revision = base
        .replacen(
            "      operationId: getUserByName\n",
            "      operationId: getUserByName\n      x-rate-limit: 10\n",
            1,
        )
        .replacen("info: \n", "x-audience: public\ninfo:\n", 1);
    assert_eq!(
        ids(&base, &revision),
        [
            ("api-extension-changed".to_string(), "info".to_string()),
            ("endpoint-extension-changed".to_string(), "info".to_string()),
        ]
    );
}

/// Documentation around the API (info, tags, security schemes, examples) is compared and is
/// `info`; a server's variables decide where requests go and are a warning.
#[test]
fn documentation_servers_and_examples_are_compared() {
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/petstore.yaml"),
    )
    .unwrap();
    let with_variables = base.replace(
        "  - url: https://petstore.example.com/v1\n",
        "  - url: https://{region}.petstore.example.com/v1\n    variables:\n      region:\n        default: eu\n        enum: [eu, us]\n",
    );
    let revision = with_variables
        .replace("default: eu\n        enum: [eu, us]", "default: us\n        enum: [us]")
        .replace("  description: A sample API that uses a pet store as an example.", "  description: A sample API.")
        .replace("    description: Everything about pets", "    description: All about pets")
        .replace(
            "      type: apiKey\n      name: X-API-Key",
            "      type: apiKey\n      description: Ask us for a key.\n      name: X-API-Key",
        )
        .replace(
            "            schema:\n              $ref: '#/components/schemas/NewPet'\n",
            "            schema:\n              $ref: '#/components/schemas/NewPet'\n            example: {name: Rex}\n",
        );
    assert_eq!(
        ids(&with_variables, &revision),
        [
            ("api-info-changed".to_string(), "info".to_string()),
            (
                "api-security-component-description-changed".to_string(),
                "info".to_string()
            ),
            (
                "api-server-variables-changed".to_string(),
                "warning".to_string()
            ),
            ("api-tag-definition-changed".to_string(), "info".to_string()),
            (
                "request-body-media-type-examples-changed".to_string(),
                "info".to_string()
            ),
        ]
    );
}

#[test]
fn extensions_of_parameters_responses_and_headers_are_compared() {
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/petstore.yaml"),
    )
    .unwrap();
    let revision = base
        .replace(
            "          description: Only pets with this tag\n",
            "          description: Only pets with this tag\n          x-example: puppy\n",
        )
        .replace(
            "          description: A page of pets\n",
            "          description: A page of pets\n          x-cache: 60\n",
        )
        .replace(
            "              description: A link to the next page\n",
            "              description: A link to the next page\n              x-format: url\n",
        );
    let c = compare::compare(
        loaded("base.yaml", &base),
        loaded("revision.yaml", &revision),
        &Settings::default(),
    );
    let messages: Vec<(&str, &str)> = c
        .changes
        .iter()
        .filter(|c| !c.id.starts_with("api-version"))
        .map(|c| (c.id.as_str(), c.message.as_str()))
        .collect();
    assert!(
        messages.contains(&(
            "request-parameter-extension-changed",
            "query parameter `tag`: extension x-example changed"
        )),
        "{messages:?}"
    );
    assert!(
        messages.contains(&(
            "response-extension-changed",
            "response extension `x-cache` changed"
        )),
        "{messages:?}"
    );
    assert!(
        messages.contains(&(
            "response-header-extension-changed",
            "response 200 header `X-Next`: extension x-format changed"
        )),
        "{messages:?}"
    );
    assert_eq!(messages.len(), 3, "{messages:?}");
}
