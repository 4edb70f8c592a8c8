//! Swagger 2.0 documents normalise into the model their OpenAPI 3.0 form gives.

mod common;

use serde_json::Value;
use specver::load::Workspace;
use specver::model;
use std::path::{Path, PathBuf};

fn manifest_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn load(path: &Path) -> Workspace {
    Workspace::load_arg(path.to_str().unwrap(), &Default::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn canonical(path: &Path) -> Value {
    let (api, problems) = model::build(&load(path));
    assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
    model::canonical_json(&api)
}

/// Every leaf where two JSON values differ, as `pointer: left != right`.
fn differences(a: &Value, b: &Value, at: String, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let here = format!("{at}/{k}");
                match y.get(k) {
                    Some(w) => differences(v, w, here, out),
                    None => out.push(format!("{here}: only in the first")),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(format!("{at}/{k}: only in the second"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                differences(v, w, format!("{at}/{i}"), out);
            }
        }
        _ if a == b => {}
        _ => out.push(format!("{at}: {a} != {b}")),
    }
}

#[test]
fn pets_as_swagger2_and_as_openapi30_give_one_model() {
    let mut two = canonical(&manifest_path("fixtures/swagger2/pets-2.0.yaml"));
    let mut three = canonical(&manifest_path("fixtures/swagger2/pets-3.0.yaml"));
    // The one difference: which version each is written in.
    assert_eq!(
        (&two["family"], &two["spec_version"]),
        (&"2.0".into(), &"2.0".into())
    );
    assert_eq!(
        (&three["family"], &three["spec_version"]),
        (&"3.0".into(), &"3.0.3".into())
    );
    for v in [&mut two, &mut three] {
        let top = v.as_object_mut().unwrap();
        top.remove("family");
        top.remove("spec_version");
    }
    let mut diffs = Vec::new();
    differences(&two, &three, String::new(), &mut diffs);
    assert!(diffs.is_empty(), "{diffs:#?}");
    // Not equal by being empty: the pieces the conversion makes are there.
    assert_eq!(
        two["servers"],
        serde_json::json!([
            {"url": "https://api.example.com/v1"},
            {"url": "http://api.example.com/v1"}
        ])
    );
    assert_eq!(two["security_schemes"].as_array().unwrap().len(), 6);
    assert_eq!(two["component_schemas"].as_object().unwrap().len(), 5);
}

fn build_yaml(yaml: &str) -> model::Api {
    let ws = Workspace::load_bytes(
        specver::load::FileLocation::Path(PathBuf::from("inline.yaml")),
        yaml.as_bytes().to_vec(),
        &Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (api, problems) = model::build(&ws);
    assert!(problems.is_empty(), "{problems:#?}");
    api
}

fn server_urls(servers: &[model::Server]) -> Vec<&str> {
    servers.iter().map(|s| s.url.as_str()).collect()
}

#[test]
fn servers_come_from_schemes_host_and_base_path() {
    let servers = |top: &str| {
        let api = build_yaml(&format!(
            "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\n{top}\npaths: {{}}\n"
        ));
        server_urls(&api.servers)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // No scheme written: https (a file has no "scheme it was fetched with").
    assert_eq!(
        servers("host: api.example.com"),
        ["https://api.example.com"]
    );
    assert_eq!(
        servers("host: api.example.com\nbasePath: /"),
        ["https://api.example.com"]
    );
    assert_eq!(
        servers("host: api.example.com:8443\nbasePath: /v2/\nschemes: [http, wss]"),
        [
            "http://api.example.com:8443/v2",
            "wss://api.example.com:8443/v2"
        ]
    );
    // No host: the URL is relative, as swagger2openapi writes it.
    assert_eq!(servers("basePath: /v2/"), ["/v2"]);
    assert_eq!(servers("basePath: /"), ["/"]);
    assert!(servers("schemes: [https]").is_empty());
    assert!(servers("").is_empty());
}

#[test]
fn operation_schemes_media_types_and_path_level_bodies() {
    let api = build_yaml(
        r#"
swagger: '2.0'
info: {title: t, version: '1'}
host: h.example
basePath: /api
schemes: [https]
consumes: [application/json, application/xml]
produces: [application/json]
paths:
  /a:
    parameters:
      - {name: shared, in: body, schema: {type: string}}
      - {name: f1, in: formData, type: string}
    get:
      schemes: [http]
      produces: []
      responses:
        '200': {description: ok, schema: {type: string}}
    put:
      schemes: [https]
      consumes: [text/plain]
      parameters:
        - {name: own, in: body, required: true, schema: {type: integer}}
      responses:
        default: {description: d}
  /b:
    parameters:
      - {name: f1, in: formData, type: string, description: path-level}
      - {name: f2, in: formData, type: integer, required: true}
    post:
      consumes: [multipart/form-data]
      parameters:
        - {name: f1, in: formData, type: string, description: own}
      responses:
        default: {description: d}
"#,
    );
    let op = |path: &str, method: &str| {
        api.operations()
            .find(|(p, o)| p.template == path && o.method == method)
            .unwrap()
            .1
    };
    let media = |content: &[model::MediaType]| {
        content
            .iter()
            .map(|m| m.media_type.clone())
            .collect::<Vec<_>>()
    };
    // An operation's schemes override the document's: its own servers when they differ.
    assert_eq!(
        server_urls(&op("/a", "get").servers),
        ["http://h.example/api"]
    );
    assert!(op("/a", "put").servers.is_empty());
    // An empty `produces` clears the document's: the default media type is left.
    assert_eq!(
        media(&op("/a", "get").responses[0].content),
        ["application/json"]
    );
    // The path-level body applies unless the operation has its own (whatever its name).
    let get_body = op("/a", "get").request_body.as_ref().unwrap();
    assert_eq!(
        media(&get_body.content),
        ["application/json", "application/xml"]
    );
    assert!(!get_body.required);
    let put_body = op("/a", "put").request_body.as_ref().unwrap();
    assert_eq!(media(&put_body.content), ["text/plain"]);
    assert!(put_body.required);
    let integer = api.schema(put_body.content[0].schema.unwrap());
    assert_eq!(integer.types.unwrap().names(), ["integer"]);
    // Form parameters merge like the others: the operation's `f1` replaces the path's.
    let form = op("/b", "post").request_body.as_ref().unwrap();
    assert!(form.required);
    assert_eq!(media(&form.content), ["multipart/form-data"]);
    let object = api.schema(form.content[0].schema.unwrap());
    let names: Vec<&str> = object.properties.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["f2", "f1"]);
    assert_eq!(object.required, ["f2"]);
    let f1 = api.schema(object.property("f1").unwrap());
    assert_eq!(f1.description.as_deref(), Some("own"));
    assert!(op("/b", "post").parameters.is_empty());
}

/// Found while writing the 2.0 builder, in code it does not own: a Swagger 2.0
/// `discriminator` is the property name itself (a string), and the schema builder reads
/// only the 3.x object form, so the 2.0 discriminator is dropped.
#[test]

fn swagger2_string_discriminator_is_the_property_name() {
    let api = build_yaml(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Pet:\n    type: object\n    discriminator: petType\n    required: [petType]\n    properties:\n      petType: {type: string}\n",
    );
    let pet = api.schema(api.component_schema("Pet").unwrap());
    assert_eq!(
        pet.discriminator.as_ref().map(|d| d.property_name.as_str()),
        Some("petType")
    );
}

/// Found while writing the 2.0 builder, in code it does not own: the `x-` members of a 2.0
/// query/path/header parameter (or response header) become extensions of its schema as well
/// as of the parameter, where the 3.0 form of the same parameter has them on the parameter
/// alone.
#[test]

fn swagger2_parameter_extensions_stay_on_the_parameter() {
    let api = build_yaml(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, type: string, x-internal: true}\n      responses:\n        default: {description: d}\n",
    );
    let q = &api.operations().next().unwrap().1.parameters[0];
    assert_eq!(q.extensions.len(), 1);
    assert!(api.schema(q.schema.unwrap()).extensions.is_empty());
}

fn corpus() -> Option<PathBuf> {
    let dir = manifest_path("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_without_shared("../shared/corpus");
        None
    }
}

/// The corpus documents MANIFEST.md lists as `swagger 2.0`, with their path item, operation
/// and schema counts.
fn swagger2_corpus(dir: &Path) -> Vec<(String, [usize; 3])> {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.md")).unwrap();
    manifest
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if cells.len() < 9 || cells[6] != "swagger 2.0" {
                return None;
            }
            let file = cells[1].trim_matches('`').to_string();
            let counts: Vec<usize> = cells[7].split('/').map(|n| n.parse().unwrap()).collect();
            Some((file, [counts[0], counts[1], counts[2]]))
        })
        .collect()
}

#[test]
fn every_swagger2_corpus_document_builds_with_the_manifest_counts() {
    let Some(dir) = corpus() else { return };
    let documents = swagger2_corpus(&dir);
    let dirs: std::collections::BTreeSet<&str> = documents
        .iter()
        .map(|(f, _)| f.split('/').next().unwrap())
        .collect();
    assert_eq!(
        dirs.into_iter().collect::<Vec<_>>(),
        ["docker-engine", "kubernetes", "netlify", "temporal"]
    );
    assert_eq!(documents.len(), 20);
    let mut failures = Vec::new();
    for (file, [paths, ops, schemas]) in &documents {
        let ws = load(&dir.join(file));
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| model::build(&ws)));
        let Ok((api, problems)) = built else {
            failures.push(format!("{file}: panicked"));
            continue;
        };
        let found = [
            api.paths.len(),
            api.operations().count(),
            api.component_schemas.len(),
        ];
        if found != [*paths, *ops, *schemas] {
            failures.push(format!(
                "{file}: paths/ops/schemas {found:?}, the manifest says {:?}",
                [paths, ops, schemas]
            ));
        }
        if !problems.is_empty() {
            failures.push(format!("{file}: {problems:#?}"));
        }
        // Nothing a 2.0 document cannot say.
        assert!(api.webhooks.is_empty());
        for (_, op) in api.operations() {
            assert!(!matches!(op.method.as_str(), "trace" | "query"), "{file}");
            if let Some(body) = &op.request_body {
                assert!(
                    !body.content.is_empty(),
                    "{file}: {} {}",
                    op.method,
                    op.path
                );
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// ---------------------------------------------------------------------------------------
// Temporal: the same API as Swagger 2.0 (protoc-gen-openapiv2) and OpenAPI 3.0.3 (gnostic's
// protoc-gen-openapi), generated from one commit's protos.
// ---------------------------------------------------------------------------------------

/// What a difference between the two Temporal models is. Every one is the documents', not
/// ours: a difference our normalisation made would be `UNEXPLAINED` (or change a count).
mod why {
    // The document as a whole.
    pub const INFO: &str = "info: each generator writes its own placeholder title and version";
    pub const TAG_DESCRIPTION: &str = "tag: only 3.0 describes the services";
    // Operations.
    pub const PATH_SNAKE_CASE: &str = "path template: 3.0 names the variables for nested fields in snake_case (`{deployment.series_name}`)";
    pub const OPERATION_ID_NUMBERED: &str = "operationId: 2.0 numbers the extra HTTP bindings of one RPC (`GetClusterInfo2`); 3.0 reuses the name";
    pub const SUMMARY_SPLIT: &str = "operation: 2.0 makes the comment's first paragraph the summary; 3.0 has it all as the description";
    pub const PATH_PARAMETER_SNAKE_CASE: &str = "path parameter: 3.0 names nested fields in snake_case (`deployment.build_id` for `deployment.buildId`)";
    pub const PATH_PARAMETER_UNDESCRIBED: &str =
        "path parameter: 3.0 leaves those for nested fields undescribed";
    pub const QUERY_REPEATS_PATH_FIELD: &str = "query parameter only in 3.0: gnostic also offers each path-bound nested field as a query parameter";
    pub const RESPONSE_DESCRIPTION: &str = "response description: boilerplate (`A successful response.` / `OK`, `An unexpected error response.` / `Default error response`)";
    // Text.
    pub const TEXT_LINE_SPACE: &str =
        "text: 3.0 keeps the space that starts each line of a proto comment";
    pub const TEXT_INTERNAL_COMMENT: &str = "text: 3.0 keeps the `(-- ... --)` internal comments 2.0 strips (a description of nothing else is only in 3.0)";
    pub const TEXT_ENUM_VALUES: &str =
        "text: 2.0 adds the enum's value docs (` - VALUE: ...`) to an enum parameter's description";
    pub const TEXT_DIFFERS: &str =
        "text: worded differently (gnostic's own text for google.protobuf.Any; `Payload`)";
    pub const TITLE_IS_DESCRIPTION: &str =
        "schema: 2.0 makes a comment with no final period a `title`; 3.0 makes it the description";
    pub const ANNOTATION_ONLY_3: &str = "description only in 3.0 (gnostic documents google.rpc.Status, protoc-gen-openapiv2 does not)";
    // Schemas.
    pub const REF_IN_ALL_OF: &str = "schema: 3.0 wraps a described `$ref` in `allOf`; 2.0 writes the description beside the `$ref`, where 2.0 ignores it";
    pub const NAMED_ENUM: &str = "schema: 2.0 refers to an enum definition; 3.0 writes the same values inline (`format: enum`)";
    pub const ENUM_STYLE: &str =
        "enum: 2.0 gives the `*_UNSPECIFIED` default; 3.0 writes `format: enum` instead";
    pub const FORMAT_BYTES: &str = "format: `byte` in 2.0, `bytes` in 3.0";
    pub const FORMAT_INT64_STRING: &str =
        "format: 2.0 marks 64-bit integers sent as strings `int64`/`uint64`; 3.0 drops the format";
    pub const FORMAT_UINT32: &str = "format: repeated uint32 is `int64` in 2.0, `uint32` in 3.0";
    pub const FORMAT_FIELD_MASK: &str = "format: only 3.0 marks a FieldMask string `field-mask`";
    pub const EMPTY_MESSAGE_FIELD: &str = "property only in 2.0: a `google.protobuf.Empty` field (an object with no properties), which gnostic leaves out";
    pub const DURATION_PATTERN: &str = "pattern: only 3.0 gives the pattern of a Duration string";
    pub const ADDITIONAL_PROPERTIES_EMPTY: &str = "additionalProperties: `{}` in 2.0, `true` in 3.0 (the same; the model folds `{}` into `true`, so none remain)";
    pub const BODY_OMITS_PATH_FIELD: &str = "request body: 2.0's `*Body` schema leaves out the fields bound to the path; 3.0 sends the whole request message";
    pub const BODY_INLINES_PARTIAL_MESSAGE: &str = "request body: 2.0 inlines what is left of a message part-bound to the path; 3.0 refers to the message";
    pub const UNRESOLVED_REF: &str = "schema: the 2.0 `$ref` does not resolve (`#/definitions/apiCommonV1Link`, `#/definitions/apiFailureV1Failure`: a defect of the 2.0 document)";
    pub const COLLISION_REF: &str =
        "schema: refers to a message gnostic lost on a name collision (3.0 refers to the survivor)";
    // Definitions.
    pub const ENUM_DEFINITION_ONLY_2: &str = "definition only in 2.0: an enum (3.0 inlines them)";
    pub const COLLISION_DEFINITION_ONLY_2: &str = "definition only in 2.0: a message of another package with the same name, or a message nested in one (gnostic keeps one `CallbackInfo`, one `OnConflictOptions`)";
    pub const UNUSED_DEFINITION_ONLY_2: &str =
        "definition only in 2.0: a message no schema refers to (its fields are query parameters)";
    // Anything else is a difference no rule explains.
    pub const UNEXPLAINED: &str = "unexplained";
}

/// The Temporal difference summary: how many of each kind. To see the differences of one
/// kind: `TEMPORAL_SHOW='<part of its text>' cargo test --test swagger2_model temporal`.
const TEMPORAL_EXPECTED: &[(&str, usize)] = &[
    (why::INFO, 2),
    (why::TAG_DESCRIPTION, 2),
    (why::PATH_SNAKE_CASE, 42),
    (why::OPERATION_ID_NUMBERED, 121),
    (why::SUMMARY_SPLIT, 226),
    (why::PATH_PARAMETER_SNAKE_CASE, 58),
    (why::PATH_PARAMETER_UNDESCRIBED, 36),
    (why::QUERY_REPEATS_PATH_FIELD, 24),
    (why::RESPONSE_DESCRIPTION, 452),
    (why::TEXT_LINE_SPACE, 404),
    (why::TEXT_INTERNAL_COMMENT, 43),
    (why::TEXT_ENUM_VALUES, 12),
    (why::TEXT_DIFFERS, 3),
    (why::TITLE_IS_DESCRIPTION, 250),
    (why::ANNOTATION_ONLY_3, 4),
    (why::REF_IN_ALL_OF, 292),
    (why::NAMED_ENUM, 107),
    (why::ENUM_STYLE, 14),
    (why::FORMAT_BYTES, 69),
    (why::FORMAT_INT64_STRING, 156),
    (why::FORMAT_UINT32, 3),
    (why::FORMAT_FIELD_MASK, 8),
    (why::EMPTY_MESSAGE_FIELD, 3),
    (why::DURATION_PATTERN, 86),
    (why::ADDITIONAL_PROPERTIES_EMPTY, 0),
    (why::BODY_OMITS_PATH_FIELD, 93),
    (why::BODY_INLINES_PARTIAL_MESSAGE, 15),
    (why::UNRESOLVED_REF, 9),
    (why::COLLISION_REF, 3),
    (why::ENUM_DEFINITION_ONLY_2, 59),
    (why::COLLISION_DEFINITION_ONLY_2, 8),
    (why::UNUSED_DEFINITION_ONLY_2, 2),
    (why::UNEXPLAINED, 0),
];

#[derive(Debug)]
struct Finding {
    why: &'static str,
    at: String,
    two: Value,
    three: Value,
}

/// Compares the canonical models of the 2.0 and the 3.0 document, knowing how the two
/// generators differ, and files each difference under what explains it.
struct Temporal<'a> {
    /// 2.0 component schemas by their 2.0 names.
    two_schemas: &'a serde_json::Map<String, Value>,
    /// 2.0 definition name -> the 3.0 name of the same message.
    renamed: std::collections::HashMap<String, String>,
    /// 2.0 definitions gnostic lost on a name collision.
    lost: std::collections::HashSet<String>,
    found: Vec<Finding>,
}

/// 2.0 definition names are the proto message's package's last part and its name
/// (`v1WorkflowExecution`), more of the package where that collides
/// (`apiCommonV1OnConflictOptions`), the parent's name for a nested message
/// (`CallbackNexus`), and for a body bound to a path, `{Service}{Rpc}Body`. 3.0 names are
/// the message name, `_` between parent and nested (`Callback_Nexus`), and the request
/// message for a body; well-known types are `GoogleProtobuf*`, google.rpc.Status `Status`.
fn temporal_name(
    two: &str,
    three_by_key: &std::collections::HashMap<String, String>,
) -> Option<String> {
    match two {
        "protobufAny" => return Some("GoogleProtobufAny".into()),
        "rpcStatus" => return Some("Status".into()),
        _ => {}
    }
    for service in ["WorkflowService", "OperatorService"] {
        if let Some(rpc) = two
            .strip_prefix(service)
            .and_then(|r| r.strip_suffix("Body"))
        {
            let request = format!("{rpc}Request");
            if three_by_key.contains_key(&request) {
                return Some(request);
            }
        }
    }
    let stripped = match two.strip_prefix("v1") {
        Some(rest) => rest,
        None => strip_package(two).unwrap_or(two),
    };
    three_by_key.get(stripped).cloned()
}

/// `apiCommonV1Link` -> `Link`.
fn strip_package(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("api")?;
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_uppercase() {
        return None;
    }
    let end = rest[1..].find(|c: char| !c.is_ascii_lowercase())? + 1;
    rest[end..].strip_prefix("V1")
}

/// 3.0's comment text without the one space that starts each continuation line.
fn unindent(text: &str) -> String {
    text.replace("\n ", "\n")
}

/// Text without `(-- ... --)` internal comments, trimmed.
fn without_internal_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("(--") {
        out.push_str(&rest[..open]);
        match rest[open..].find("--)") {
            Some(close) => rest = &rest[open + close + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn text_of(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

impl Temporal<'_> {
    fn note(&mut self, why: &'static str, at: &str, two: Option<&Value>, three: Option<&Value>) {
        self.found.push(Finding {
            why,
            at: at.to_string(),
            two: two.cloned().unwrap_or(Value::Null),
            three: three.cloned().unwrap_or(Value::Null),
        });
    }

    /// Values no rule knows about: equal, or unexplained.
    fn same(&mut self, at: &str, two: Option<&Value>, three: Option<&Value>) {
        if two != three {
            self.note(why::UNEXPLAINED, at, two, three);
        }
    }

    /// The members of two objects not in `handled`, compared as plain values.
    fn rest(&mut self, at: &str, x: &Value, y: &Value, handled: &[&str]) {
        let empty = serde_json::Map::new();
        let xo = x.as_object().unwrap_or(&empty);
        let yo = y.as_object().unwrap_or(&empty);
        let mut keys: Vec<&String> = xo.keys().chain(yo.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            if !handled.contains(&k.as_str()) {
                self.same(&format!("{at}/{k}"), xo.get(k), yo.get(k));
            }
        }
    }

    fn text(&mut self, at: &str, two: &str, three: &str) {
        if two == three {
            return;
        }
        let three = unindent(three);
        let why = if two == three {
            why::TEXT_LINE_SPACE
        } else if two
            .strip_prefix(three.as_str())
            .is_some_and(|rest| rest.starts_with("\n\n - "))
        {
            why::TEXT_ENUM_VALUES
        } else if without_internal_comments(two) == without_internal_comments(&three) {
            why::TEXT_INTERNAL_COMMENT
        } else {
            why::TEXT_DIFFERS
        };
        self.note(why, at, Some(&two.into()), Some(&three.into()));
    }

    fn same_text(two: &str, three: &str) -> bool {
        let three = unindent(three);
        two == three || without_internal_comments(two) == without_internal_comments(&three)
    }

    /// `title` and `description` of a schema.
    fn annotations(&mut self, at: &str, x: &Value, y: &Value) {
        let xt = text_of(x.get("title"));
        let xd = text_of(x.get("description"));
        let yt = text_of(y.get("title"));
        let yd = text_of(y.get("description"));
        if (xt, xd) == (yt, yd) {
            return;
        }
        let at = format!("{at}/description");
        let two = serde_json::json!({"title": xt, "description": xd});
        let three = serde_json::json!({"title": yt, "description": yd});
        match (xt, xd, yt, yd) {
            (None, Some(d2), None, Some(d3)) => self.text(&at, d2, d3),
            (Some(t2), d2, None, Some(d3)) => {
                let whole = match d2 {
                    Some(d2) => format!("{t2}\n\n{d2}"),
                    None => t2.to_string(),
                };
                let why = if Self::same_text(&whole, d3) {
                    why::TITLE_IS_DESCRIPTION
                } else {
                    why::TEXT_DIFFERS
                };
                self.note(why, &at, Some(&two), Some(&three));
            }
            (None, None, None, Some(d3)) if without_internal_comments(d3).is_empty() => {
                self.note(why::TEXT_INTERNAL_COMMENT, &at, None, Some(&three))
            }
            (None, None, None, Some(_)) => {
                self.note(why::ANNOTATION_ONLY_3, &at, None, Some(&three))
            }
            _ => self.note(why::UNEXPLAINED, &at, Some(&two), Some(&three)),
        }
    }

    fn is_enum_definition(&self, name: &str) -> bool {
        !self.renamed.contains_key(name)
            && self
                .two_schemas
                .get(name)
                .is_some_and(|s| s.get("enum").is_some())
    }

    /// Two schemas (component references by name, else inline). `body`: inside a 2.0
    /// `*Body` definition.
    fn schema(&mut self, at: &str, x: &Value, y: &Value, body: bool) {
        if x == y && x.get("$ref").is_none() {
            return;
        }
        if x.get("unresolved_ref").is_some() {
            self.note(why::UNRESOLVED_REF, at, Some(x), Some(y));
            return;
        }
        let x_ref = text_of(x.get("$ref"));
        let y_wrapped = match y.get("all_of").and_then(Value::as_array).map(Vec::as_slice) {
            Some([only]) if y.get("$ref").is_none() => text_of(only.get("$ref")),
            _ => None,
        };
        let y_ref = text_of(y.get("$ref")).or(y_wrapped);
        match (x_ref, y_ref) {
            (Some(a), Some(b)) => {
                if y_wrapped.is_some() {
                    self.note(why::REF_IN_ALL_OF, at, Some(x), Some(y));
                }
                if self.renamed.get(a).map(String::as_str) != Some(b) {
                    let why = if self.lost.contains(a) {
                        why::COLLISION_REF
                    } else {
                        why::UNEXPLAINED
                    };
                    self.note(why, &format!("{at}/$ref"), Some(x), Some(y));
                }
                return;
            }
            (Some(a), None) if self.is_enum_definition(a) && y.get("enum").is_some() => {
                let why = if self.two_schemas[a].get("enum") == y.get("enum") {
                    why::NAMED_ENUM
                } else {
                    why::UNEXPLAINED
                };
                self.note(why, at, Some(x), Some(y));
                return;
            }
            (None, Some(_)) if body => {
                self.note(why::BODY_INLINES_PARTIAL_MESSAGE, at, Some(x), Some(y));
                return;
            }
            (None, None) => {}
            _ => {
                self.note(why::UNEXPLAINED, at, Some(x), Some(y));
                return;
            }
        }
        self.annotations(at, x, y);
        let mut handled = vec!["title", "description"];
        if x.get("enum").is_some() && y.get("enum").is_some() {
            handled.push("enum");
            self.same(&format!("{at}/enum"), x.get("enum"), y.get("enum"));
            if x.get("format").is_none() && text_of(y.get("format")) == Some("enum") {
                handled.push("format");
                if x.get("default").is_some() && y.get("default").is_none() {
                    handled.push("default");
                }
                self.note(why::ENUM_STYLE, at, Some(x), Some(y));
            }
        }
        if !handled.contains(&"format") {
            handled.push("format");
            let string = x.get("type") == Some(&serde_json::json!(["string"]));
            let why = match (text_of(x.get("format")), text_of(y.get("format"))) {
                (a, b) if a == b => None,
                (Some("byte"), Some("bytes")) => Some(why::FORMAT_BYTES),
                (Some("int64" | "uint64"), None) if string => Some(why::FORMAT_INT64_STRING),
                (Some("int64"), Some("uint32")) => Some(why::FORMAT_UINT32),
                (None, Some("field-mask")) if string => Some(why::FORMAT_FIELD_MASK),
                _ => Some(why::UNEXPLAINED),
            };
            if let Some(why) = why {
                self.note(
                    why,
                    &format!("{at}/format"),
                    x.get("format"),
                    y.get("format"),
                );
            }
        }
        handled.push("pattern");
        match (x.get("pattern"), y.get("pattern")) {
            (None, Some(p)) if p.as_str().is_some_and(|p| p.ends_with("s$")) && string_type(y) => {
                self.note(
                    why::DURATION_PATTERN,
                    &format!("{at}/pattern"),
                    None,
                    Some(p),
                )
            }
            (a, b) => self.same(&format!("{at}/pattern"), a, b),
        }
        handled.push("properties");
        let empty = serde_json::Map::new();
        let xp = x
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let yp = y
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (name, xs) in xp {
            let here = format!("{at}/properties/{name}");
            match yp.get(name) {
                Some(ys) => self.schema(&here, xs, ys, body),
                None if is_empty_message(xs) => {
                    self.note(why::EMPTY_MESSAGE_FIELD, &here, Some(xs), None)
                }
                None => self.note(why::UNEXPLAINED, &here, Some(xs), None),
            }
        }
        for (name, ys) in yp.iter().filter(|(n, _)| !xp.contains_key(*n)) {
            let why = if body {
                why::BODY_OMITS_PATH_FIELD
            } else {
                why::UNEXPLAINED
            };
            self.note(why, &format!("{at}/properties/{name}"), None, Some(ys));
        }
        handled.push("items");
        match (x.get("items"), y.get("items")) {
            (Some(a), Some(b)) => self.schema(&format!("{at}/items"), a, b, body),
            (a, b) => self.same(&format!("{at}/items"), a, b),
        }
        handled.push("additional_properties");
        let here = format!("{at}/additional_properties");
        match (
            x.get("additional_properties"),
            y.get("additional_properties"),
        ) {
            (Some(Value::Object(a)), Some(Value::Bool(true))) if a.is_empty() => self.note(
                why::ADDITIONAL_PROPERTIES_EMPTY,
                &here,
                x.get("additional_properties"),
                y.get("additional_properties"),
            ),
            (Some(a @ Value::Object(_)), Some(b @ Value::Object(_))) => {
                self.schema(&here, a, b, body)
            }
            (a, b) => self.same(&here, a, b),
        }
        for key in ["all_of", "one_of", "any_of"] {
            handled.push(key);
            match (
                x.get(key).and_then(Value::as_array),
                y.get(key).and_then(Value::as_array),
            ) {
                (Some(a), Some(b)) if a.len() == b.len() => {
                    for (i, (a, b)) in a.iter().zip(b).enumerate() {
                        self.schema(&format!("{at}/{key}/{i}"), a, b, body);
                    }
                }
                _ => self.same(&format!("{at}/{key}"), x.get(key), y.get(key)),
            }
        }
        self.rest(at, x, y, &handled);
    }

    fn parameters(&mut self, at: &str, x: &[Value], y: &[Value]) {
        let key = |p: &Value| {
            format!(
                "{} {}",
                text_of(p.get("in")).unwrap_or_default(),
                text_of(p.get("name")).unwrap_or_default()
            )
        };
        let two_path_names: Vec<&str> = x
            .iter()
            .filter(|p| text_of(p.get("in")) == Some("path"))
            .filter_map(|p| text_of(p.get("name")))
            .collect();
        let mut matched = vec![false; x.len()];
        for q in y {
            let name = text_of(q.get("name")).unwrap_or_default();
            let location = text_of(q.get("in")).unwrap_or_default();
            let here = format!("{at}/{}", key(q));
            let exact = x.iter().position(|p| key(p) == key(q));
            let renamed = || {
                (location == "path" && camel_case(name) != name)
                    .then(|| {
                        x.iter()
                            .position(|p| key(p) == format!("path {}", camel_case(name)))
                    })
                    .flatten()
            };
            match exact.or_else(renamed) {
                Some(i) => {
                    matched[i] = true;
                    if exact.is_none() {
                        self.note(
                            why::PATH_PARAMETER_SNAKE_CASE,
                            &here,
                            x[i].get("name"),
                            q.get("name"),
                        );
                    }
                    self.parameter(&here, &x[i], q);
                }
                None if location == "query" && two_path_names.contains(&name) => {
                    self.note(why::QUERY_REPEATS_PATH_FIELD, &here, None, Some(q))
                }
                None => self.note(why::UNEXPLAINED, &here, None, Some(q)),
            }
        }
        for (p, _) in x.iter().zip(&matched).filter(|(_, m)| !**m) {
            self.note(why::UNEXPLAINED, &format!("{at}/{}", key(p)), Some(p), None);
        }
    }

    fn parameter(&mut self, at: &str, x: &Value, y: &Value) {
        match (text_of(x.get("description")), text_of(y.get("description"))) {
            (Some(a), Some(b)) => self.text(&format!("{at}/description"), a, b),
            (Some(_), None) if text_of(x.get("in")) == Some("path") => self.note(
                why::PATH_PARAMETER_UNDESCRIBED,
                &format!("{at}/description"),
                x.get("description"),
                None,
            ),
            (a, b) => self.same(
                &format!("{at}/description"),
                a.map(Value::from).as_ref(),
                b.map(Value::from).as_ref(),
            ),
        }
        match (x.get("schema"), y.get("schema")) {
            (Some(a), Some(b)) => self.schema(&format!("{at}/schema"), a, b, false),
            (a, b) => self.same(&format!("{at}/schema"), a, b),
        }
        self.rest(at, x, y, &["name", "description", "schema"]);
    }

    fn content(&mut self, at: &str, x: Option<&Value>, y: Option<&Value>) {
        let empty = Vec::new();
        let xs = x.and_then(Value::as_array).unwrap_or(&empty);
        let ys = y.and_then(Value::as_array).unwrap_or(&empty);
        let media = |m: &Value| text_of(m.get("media_type")).unwrap_or_default().to_string();
        for m in xs {
            let here = format!("{at}/{}", media(m));
            match ys.iter().find(|n| media(n) == media(m)) {
                Some(n) => {
                    match (m.get("schema"), n.get("schema")) {
                        (Some(a), Some(b)) => self.schema(&format!("{here}/schema"), a, b, false),
                        (a, b) => self.same(&format!("{here}/schema"), a, b),
                    }
                    self.rest(&here, m, n, &["schema"]);
                }
                None => self.note(why::UNEXPLAINED, &here, Some(m), None),
            }
        }
        for n in ys
            .iter()
            .filter(|n| !xs.iter().any(|m| media(m) == media(n)))
        {
            self.note(
                why::UNEXPLAINED,
                &format!("{at}/{}", media(n)),
                None,
                Some(n),
            );
        }
    }

    fn operation(&mut self, at: &str, x: &Value, y: &Value) {
        // `path` is the template, compared with the path item's.
        let here = format!("{at}/path");
        if x.get("path") != y.get("path") {
            let a = text_of(x.get("path")).unwrap_or_default();
            let b = text_of(y.get("path")).unwrap_or_default();
            let why = if model::path_key(a) == model::path_key(b)
                && model::path_parameter_names(a)
                    .iter()
                    .zip(model::path_parameter_names(b))
                    .all(|(a, b)| *a == camel_case(b))
            {
                why::PATH_SNAKE_CASE
            } else {
                why::UNEXPLAINED
            };
            self.note(why, &here, x.get("path"), y.get("path"));
        }
        let (a, b) = (
            text_of(x.get("operation_id")),
            text_of(y.get("operation_id")),
        );
        if a != b {
            let numbered = match (a, b) {
                (Some(a), Some(b)) => a
                    .strip_prefix(b)
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit())),
                _ => false,
            };
            let why = if numbered {
                why::OPERATION_ID_NUMBERED
            } else {
                why::UNEXPLAINED
            };
            self.note(
                why,
                &format!("{at}/operation_id"),
                x.get("operation_id"),
                y.get("operation_id"),
            );
        }
        let here = format!("{at}/description");
        match (
            text_of(x.get("summary")),
            text_of(x.get("description")),
            text_of(y.get("summary")),
            text_of(y.get("description")),
        ) {
            (xs, xd, ys, yd) if (xs, xd) == (ys, yd) => {}
            (Some(s), d, None, Some(yd)) => {
                let whole = match d {
                    Some(d) => format!("{s}\n\n{d}"),
                    None => s.to_string(),
                };
                let why = if Self::same_text(&whole, yd) {
                    why::SUMMARY_SPLIT
                } else {
                    why::TEXT_DIFFERS
                };
                self.note(why, &here, Some(&whole.into()), y.get("description"));
            }
            (None, Some(d), None, Some(yd)) => self.text(&here, d, yd),
            _ => self.note(why::UNEXPLAINED, &here, Some(x), Some(y)),
        }
        let empty = Vec::new();
        self.parameters(
            &format!("{at}/parameters"),
            x.get("parameters")
                .and_then(Value::as_array)
                .unwrap_or(&empty),
            y.get("parameters")
                .and_then(Value::as_array)
                .unwrap_or(&empty),
        );
        match (x.get("request_body"), y.get("request_body")) {
            (Some(a), Some(b)) => {
                let here = format!("{at}/request_body");
                self.content(
                    &format!("{here}/content"),
                    a.get("content"),
                    b.get("content"),
                );
                self.rest(&here, a, b, &["content"]);
            }
            (a, b) => self.same(&format!("{at}/request_body"), a, b),
        }
        let status = |r: &Value| text_of(r.get("status")).unwrap_or_default().to_string();
        let xr = x
            .get("responses")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        let yr = y
            .get("responses")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        for r in xr {
            let here = format!("{at}/responses/{}", status(r));
            let Some(q) = yr.iter().find(|q| status(q) == status(r)) else {
                self.note(why::UNEXPLAINED, &here, Some(r), None);
                continue;
            };
            let boilerplate = [
                ("A successful response.", "OK"),
                ("An unexpected error response.", "Default error response"),
            ];
            let pair = (text_of(r.get("description")), text_of(q.get("description")));
            if pair.0 != pair.1 {
                let why = if boilerplate
                    .iter()
                    .any(|(a, b)| pair == (Some(*a), Some(*b)))
                {
                    why::RESPONSE_DESCRIPTION
                } else {
                    why::UNEXPLAINED
                };
                self.note(
                    why,
                    &format!("{here}/description"),
                    r.get("description"),
                    q.get("description"),
                );
            }
            self.content(
                &format!("{here}/content"),
                r.get("content"),
                q.get("content"),
            );
            self.rest(&here, r, q, &["description", "content"]);
        }
        for q in yr
            .iter()
            .filter(|q| !xr.iter().any(|r| status(r) == status(q)))
        {
            self.note(
                why::UNEXPLAINED,
                &format!("{at}/responses/{}", status(q)),
                None,
                Some(q),
            );
        }
        self.rest(
            at,
            x,
            y,
            &[
                "path",
                "operation_id",
                "summary",
                "description",
                "parameters",
                "request_body",
                "responses",
            ],
        );
    }

    fn document(&mut self, two: &Value, three: &Value) {
        for key in ["title", "version"] {
            if two["info"].get(key) != three["info"].get(key) {
                self.note(
                    why::INFO,
                    &format!("/info/{key}"),
                    two["info"].get(key),
                    three["info"].get(key),
                );
            }
        }
        self.rest("/info", &two["info"], &three["info"], &["title", "version"]);
        let empty = Vec::new();
        let tag_name = |t: &Value| text_of(t.get("name")).unwrap_or_default().to_string();
        let tags2 = two["tags"].as_array().unwrap_or(&empty);
        let tags3 = three["tags"].as_array().unwrap_or(&empty);
        for a in tags2 {
            let here = format!("/tags/{}", tag_name(a));
            let Some(b) = tags3.iter().find(|b| tag_name(b) == tag_name(a)) else {
                self.note(why::UNEXPLAINED, &here, Some(a), None);
                continue;
            };
            match (a.get("description"), b.get("description")) {
                (None, Some(_)) => {
                    self.note(why::TAG_DESCRIPTION, &here, None, b.get("description"))
                }
                (x, y) => self.same(&format!("{here}/description"), x, y),
            }
            self.rest(&here, a, b, &["description"]);
        }
        for b in tags3
            .iter()
            .filter(|b| !tags2.iter().any(|a| tag_name(a) == tag_name(b)))
        {
            self.note(
                why::UNEXPLAINED,
                &format!("/tags/{}", tag_name(b)),
                None,
                Some(b),
            );
        }
        // Operations by method and route: two path items may share a route (their
        // templates differ only in variable names), so path items are not matched as such.
        let operations = |doc: &'_ Value| -> Vec<(String, Value)> {
            let mut ops = Vec::new();
            for p in doc["paths"].as_array().unwrap() {
                let key = text_of(p.get("key")).unwrap_or_default();
                assert!(
                    p.get("summary").is_none()
                        && p.get("description").is_none()
                        && p.get("reference").is_none(),
                    "{key}"
                );
                for o in p["operations"].as_array().unwrap() {
                    let method = text_of(o.get("method")).unwrap_or_default();
                    ops.push((format!("{method} {key}"), o.clone()));
                }
            }
            ops
        };
        let ops2 = operations(two);
        let ops3 = operations(three);
        for (key, o) in &ops2 {
            let here = format!("/paths/{key}");
            assert_eq!(ops2.iter().filter(|(k, _)| k == key).count(), 1, "{key}");
            match ops3.iter().find(|(k, _)| k == key) {
                Some((_, n)) => self.operation(&here, o, n),
                None => self.note(why::UNEXPLAINED, &here, Some(o), None),
            }
        }
        for (key, n) in ops3
            .iter()
            .filter(|(k, _)| !ops2.iter().any(|(j, _)| j == k))
        {
            self.note(why::UNEXPLAINED, &format!("/paths/{key}"), None, Some(n));
        }
        // Component schemas, by the 3.0 name of each 2.0 definition.
        let three_schemas = three["component_schemas"].as_object().unwrap();
        let mut definitions: Vec<(&String, &Value)> = self.two_schemas.iter().collect();
        definitions.sort_by_key(|(n, _)| *n);
        let lost_prefixes: Vec<String> = self
            .lost
            .iter()
            .map(|n| strip_package(n).unwrap_or(n).to_string())
            .collect();
        let referenced = |name: &str| {
            let needle = serde_json::json!({"$ref": name});
            fn contains(v: &Value, needle: &Value) -> bool {
                v == needle
                    || match v {
                        Value::Array(a) => a.iter().any(|v| contains(v, needle)),
                        Value::Object(o) => o.values().any(|v| contains(v, needle)),
                        _ => false,
                    }
            }
            contains(two, &needle)
        };
        for (name, x) in definitions {
            let here = format!("/component_schemas/{name}");
            match self.renamed.get(name).cloned() {
                Some(three_name) => {
                    let y = &three_schemas[&three_name];
                    let body = name.ends_with("Body");
                    self.schema(&here, x, y, body);
                }
                None if x.get("enum").is_some() => {
                    self.note(why::ENUM_DEFINITION_ONLY_2, &here, Some(x), None)
                }
                None if self.lost.contains(name)
                    || lost_prefixes
                        .iter()
                        .any(|p| strip_package(name).unwrap_or(name).starts_with(p.as_str())) =>
                {
                    self.note(why::COLLISION_DEFINITION_ONLY_2, &here, Some(x), None)
                }
                None if !referenced(name) => {
                    self.note(why::UNUSED_DEFINITION_ONLY_2, &here, Some(x), None)
                }
                None => self.note(why::UNEXPLAINED, &here, Some(x), None),
            }
        }
        let mapped: std::collections::HashSet<String> = self.renamed.values().cloned().collect();
        for name in three_schemas.keys().filter(|n| !mapped.contains(*n)) {
            self.note(
                why::UNEXPLAINED,
                &format!("/component_schemas/{name}"),
                None,
                Some(&three_schemas[name]),
            );
        }
        let handled = [
            "family",
            "spec_version",
            "info",
            "tags",
            "paths",
            "component_schemas",
        ];
        self.rest("", two, three, &handled);
    }
}

/// `google.protobuf.Empty` as protoc-gen-openapiv2 writes it: `type: object` and nothing else
/// but annotations.
fn is_empty_message(schema: &Value) -> bool {
    schema.get("type") == Some(&serde_json::json!(["object"]))
        && schema
            .as_object()
            .unwrap()
            .keys()
            .all(|k| matches!(k.as_str(), "type" | "title" | "description"))
}

fn string_type(schema: &Value) -> bool {
    schema.get("type") == Some(&serde_json::json!(["string"]))
}

#[test]
fn temporal_swagger2_and_openapi30_differ_only_where_the_generators_do() {
    let Some(dir) = corpus() else { return };
    let two = canonical(&dir.join("temporal/2026-07-23_f53963d4.json"));
    let three = canonical(&dir.join("temporal/2026-07-23_f53963d4.yaml"));
    assert_eq!(two["family"], "2.0");
    assert_eq!(three["family"], "3.0");

    let two_schemas = two["component_schemas"].as_object().unwrap();
    let three_by_key: std::collections::HashMap<String, String> = three["component_schemas"]
        .as_object()
        .unwrap()
        .keys()
        .map(|n| (n.replace('_', ""), n.clone()))
        .collect();
    assert_eq!(
        three_by_key.len(),
        441,
        "no two 3.0 names differ only by `_`"
    );
    // gnostic names messages without their package: where two packages have a
    // `CallbackInfo` (activity, callback, workflow) or an `OnConflictOptions` (common,
    // workflow), one of them is `CallbackInfo`; the description says which.
    let survivors = [
        ("CallbackInfo", "apiCallbackV1CallbackInfo"),
        ("OnConflictOptions", "apiCommonV1OnConflictOptions"),
    ];
    let mut by_three: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for name in two_schemas.keys() {
        if let Some(three_name) = temporal_name(name, &three_by_key) {
            by_three.entry(three_name).or_default().push(name.clone());
        }
    }
    let mut renamed = std::collections::HashMap::new();
    let mut lost = std::collections::HashSet::new();
    for (three_name, twos) in &by_three {
        match survivors.iter().find(|(n, _)| n == three_name) {
            Some((_, survivor)) => {
                assert!(
                    twos.len() > 1 && twos.contains(&survivor.to_string()),
                    "{twos:?}"
                );
                for two_name in twos {
                    if two_name == survivor {
                        renamed.insert(two_name.clone(), three_name.clone());
                    } else {
                        lost.insert(two_name.clone());
                    }
                }
            }
            None => {
                assert_eq!(twos.len(), 1, "{three_name}: {twos:?}");
                renamed.insert(twos[0].clone(), three_name.clone());
            }
        }
    }
    assert_eq!(
        {
            let mut l: Vec<&String> = lost.iter().collect();
            l.sort();
            l
        },
        [
            "apiActivityV1CallbackInfo",
            "apiWorkflowV1CallbackInfo",
            "apiWorkflowV1OnConflictOptions"
        ]
    );
    // Every 3.0 schema is one 2.0 definition.
    assert_eq!(renamed.len(), 441);

    let mut cmp = Temporal {
        two_schemas,
        renamed,
        lost,
        found: Vec::new(),
    };
    cmp.document(&two, &three);

    let mut counts: std::collections::BTreeMap<&str, usize> =
        TEMPORAL_EXPECTED.iter().map(|(w, _)| (*w, 0)).collect();
    for f in &cmp.found {
        *counts.entry(f.why).or_default() += 1;
    }
    let expected: std::collections::BTreeMap<&str, usize> =
        TEMPORAL_EXPECTED.iter().copied().collect();
    if let Ok(show) = std::env::var("TEMPORAL_SHOW") {
        for f in cmp.found.iter().filter(|f| f.why.contains(&show)) {
            eprintln!("{}\n  2.0: {}\n  3.0: {}", f.at, f.two, f.three);
        }
    }
    if counts != expected {
        for (w, n) in &counts {
            eprintln!("    (why::{w:?}, {n}),");
        }
        let unexplained: Vec<&Finding> = cmp
            .found
            .iter()
            .filter(|f| f.why == why::UNEXPLAINED)
            .take(40)
            .collect();
        panic!("the Temporal differences changed; unexplained: {unexplained:#?}");
    }
    assert_eq!(cmp.found.len(), 2606);

    // A few of each kind, exactly.
    let example = |pointer: &str, why: &str, two: Value, three: Value| {
        let hits: Vec<&Finding> = cmp.found.iter().filter(|f| f.at == pointer).collect();
        assert_eq!(hits.len(), 1, "{pointer}: {hits:#?}");
        assert_eq!(
            (hits[0].why, &hits[0].two, &hits[0].three),
            (why, &two, &three),
            "{pointer}"
        );
    };
    use serde_json::json;
    example(
        "/paths/get /api/v1/cluster-info/operation_id",
        why::OPERATION_ID_NUMBERED,
        json!("GetClusterInfo2"),
        json!("GetClusterInfo"),
    );
    example(
        "/paths/get /api/v1/cluster-info/description",
        why::SUMMARY_SPLIT,
        json!("GetClusterInfo returns information about temporal cluster"),
        json!("GetClusterInfo returns information about temporal cluster"),
    );
    example(
        "/paths/get /api/v1/cluster-info/responses/200/description",
        why::RESPONSE_DESCRIPTION,
        json!("A successful response."),
        json!("OK"),
    );
    example(
        "/paths/get /api/v1/namespaces/{}/deployments/{}/{}/path",
        why::PATH_SNAKE_CASE,
        json!(
            "/api/v1/namespaces/{namespace}/deployments/{deployment.seriesName}/{deployment.buildId}"
        ),
        json!(
            "/api/v1/namespaces/{namespace}/deployments/{deployment.series_name}/{deployment.build_id}"
        ),
    );
    example(
        "/paths/get /api/v1/namespaces/{}/deployments/{}/{}/parameters/path deployment.build_id",
        why::PATH_PARAMETER_SNAKE_CASE,
        json!("deployment.buildId"),
        json!("deployment.build_id"),
    );
    example(
        "/component_schemas/WorkflowServiceRequestCancelWorkflowExecutionBody/properties/links/items",
        why::UNRESOLVED_REF,
        json!({"unresolved_ref": "#/definitions/apiCommonV1Link"}),
        json!({"$ref": "Link"}),
    );
    example(
        "/component_schemas/v1DescribeWorkflowExecutionResponse/properties/callbacks/items/$ref",
        why::COLLISION_REF,
        json!({"$ref": "apiWorkflowV1CallbackInfo"}),
        json!({"$ref": "CallbackInfo"}),
    );
    example(
        "/component_schemas/v1ResetOptions/properties/firstWorkflowTask",
        why::EMPTY_MESSAGE_FIELD,
        json!({"description": "Resets to the first workflow task completed or started event.", "type": ["object"]}),
        Value::Null,
    );
    example(
        "/component_schemas/WorkflowServiceSignalWorkflowExecutionBody/properties/namespace",
        why::BODY_OMITS_PATH_FIELD,
        Value::Null,
        json!({"type": ["string"]}),
    );
    example(
        "/component_schemas/WorkflowServiceSignalWorkflowExecutionBody/properties/input",
        why::REF_IN_ALL_OF,
        json!({"$ref": "v1Payloads"}),
        json!({"all_of": [{"$ref": "Payloads"}], "description": "Serialized value(s) to provide with the signal"}),
    );
    example(
        "/component_schemas/v1WorkflowExecutionInfo/properties/status",
        why::NAMED_ENUM,
        json!({"$ref": "v1WorkflowExecutionStatus"}),
        cmp.found
            .iter()
            .find(|f| f.at == "/component_schemas/v1WorkflowExecutionInfo/properties/status")
            .map(|f| f.three.clone())
            .unwrap(),
    );
    let status = cmp
        .found
        .iter()
        .find(|f| f.at == "/component_schemas/v1WorkflowExecutionInfo/properties/status")
        .unwrap();
    assert_eq!(status.three["format"], "enum");
    assert_eq!(
        status.three["enum"],
        two_schemas["v1WorkflowExecutionStatus"]["enum"]
    );
    // What is ours is the same on both sides: servers (none: neither document has a host),
    // media types, parameter styles, request bodies. Any difference there would be
    // unexplained; these hold for the record.
    assert_eq!(
        (&two["servers"], &three["servers"]),
        (&json!([]), &json!([]))
    );
    let count = |doc: &Value, f: &dyn Fn(&Value) -> usize| -> usize {
        doc["paths"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["operations"].as_array().unwrap())
            .map(f)
            .sum()
    };
    let bodies = |o: &Value| usize::from(o.get("request_body").is_some());
    assert_eq!((count(&two, &bodies), count(&three, &bodies)), (130, 130));
}
