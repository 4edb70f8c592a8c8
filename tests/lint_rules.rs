//! User rulesets (Spectral format), the core functions, severities, messages, overrides,
//! inline suppression and the diagnostic form of findings, on small inline documents.

use specver::diagnostic::Severity;
use specver::lint::{LintConfig, Ruleset, lint, to_diagnostics};
use specver::load::{FileLocation, LoadOptions, Workspace};
use std::path::Path;

fn load(text: &str) -> Workspace {
    let options = LoadOptions {
        ref_root: Some(std::env::temp_dir()),
        ..LoadOptions::default()
    };
    Workspace::load_bytes(
        FileLocation::Path("api.yaml".into()),
        text.as_bytes().to_vec(),
        &options,
    )
    .unwrap()
}

/// (line, rule, message) of each finding of `ruleset` on `doc`.
fn run(doc: &str, ruleset: &str) -> Vec<(usize, String, String)> {
    let rs = Ruleset::from_text(ruleset, "ruleset.yaml", Path::new(".")).unwrap();
    assert!(rs.warnings.is_empty(), "{:?}", rs.warnings);
    let ws = load(doc);
    lint(&ws, &LintConfig::with_ruleset(rs))
        .into_iter()
        .map(|f| (f.line, f.rule, f.message))
        .collect()
}

const DOC: &str = r#"openapi: 3.0.3
info:
  title: Pets
  version: '1.0'
paths:
  /pets:
    get:
      operationId: list_pets
      tags: [b, a]
      summary: ''
      responses:
        '200':
          description: ok
  /Pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok}
components:
  schemas:
    Pet:
      type: object
      properties:
        kind: {type: string, enum: [cat, 1]}
    Lonely: {type: string}
"#;

#[test]
fn core_functions() {
    let ruleset = r##"
rules:
  op-summary:
    given: "$.paths[*][*]"
    then: {field: summary, function: truthy}
  op-no-deprecated:
    given: "$.paths[*][*]"
    then: {field: deprecated, function: falsy}
  op-id-defined:
    given: "$.paths[*][*]"
    then: {field: operationId, function: defined}
  no-x-internal:
    given: "$.paths[*][*]"
    then: {field: summary, function: undefined}
  camel-ids:
    given: "$.paths[*][*].operationId"
    then: {function: casing, functionOptions: {type: camel}}
  kebab-paths:
    given: $.paths
    then:
      field: "@key"
      function: pattern
      functionOptions: {match: "^(/[a-z{}]+)+$"}
  known-methods:
    given: "$.paths[*]"
    then:
      field: "@key"
      function: enumeration
      functionOptions: {values: [get, put, post, delete, parameters]}
  short-ids:
    given: "$.paths[*][*].operationId"
    then: {function: length, functionOptions: {max: 8}}
  sorted-tags:
    given: "$.paths[*][*].tags"
    then: {function: alphabetical}
  tags-schema:
    given: "$.paths[*][*]"
    then:
      field: tags
      function: schema
      functionOptions: {schema: {type: array, minItems: 1}}
  summary-xor-description:
    given: "$.paths[*][*]"
    then: {function: xor, functionOptions: {properties: [summary, description]}}
  summary-or-description:
    given: "$.paths[*][*]"
    then: {function: or, functionOptions: {properties: [summary, description]}}
  enums-typed:
    given: "$..[?(@.enum)]"
    then: {function: typedEnum}
  unused:
    given: $.components.schemas
    then:
      function: unreferencedReusableObject
      functionOptions: {reusableObjectsLocation: "#/components/schemas"}
"##;
    let got = run(DOC, ruleset);
    let lines = |rule: &str| -> Vec<usize> {
        got.iter()
            .filter(|(_, r, _)| r == rule)
            .map(|(l, ..)| *l)
            .collect()
    };
    assert_eq!(lines("op-summary"), [10, 15], "{got:#?}");
    assert!(lines("op-no-deprecated").is_empty());
    assert!(lines("op-id-defined").is_empty());
    assert_eq!(lines("no-x-internal"), [10]);
    assert_eq!(lines("camel-ids"), [8]);
    assert_eq!(lines("kebab-paths"), [14]);
    assert!(lines("known-methods").is_empty());
    assert_eq!(lines("short-ids"), [8]);
    assert_eq!(lines("sorted-tags"), [9]);
    assert_eq!(lines("tags-schema"), [15]);
    assert_eq!(lines("summary-xor-description"), [15]);
    assert_eq!(lines("summary-or-description"), [15]);
    assert_eq!(lines("enums-typed"), [26]);
    assert_eq!(lines("unused"), [23, 27]);
    let msg = |rule: &str| got.iter().find(|(_, r, _)| r == rule).unwrap().2.clone();
    assert_eq!(msg("op-summary"), "\"summary\" property must be truthy");
    assert_eq!(msg("camel-ids"), "must be camel case");
    assert_eq!(msg("tags-schema"), "\"get.tags\" property must exist");
}

#[test]
fn messages_severities_and_formats() {
    let ruleset = r#"
rules:
  templated:
    description: Operations need a summary
    message: "{{description}}: {{path}} ({{property}}) -> {{error}}"
    severity: error
    given: "$.paths[*].get"
    then: {field: summary, function: truthy}
  only-for-2:
    formats: [oas2]
    given: $
    then: {field: swagger, function: truthy}
  silent:
    severity: off
    given: $
    then: {field: nope, function: truthy}
"#;
    let rs = Ruleset::from_text(ruleset, "r.yaml", Path::new(".")).unwrap();
    let ws = load(DOC);
    let findings = lint(&ws, &LintConfig::with_ruleset(rs));
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert_eq!(findings[0].severity, Severity::Error);
    assert_eq!(
        findings[0].message,
        "Operations need a summary: #/paths/~1pets/get/summary (summary) -> \"summary\" property must be truthy"
    );
    assert_eq!(findings[0].pointer, "/paths/~1pets/get/summary");
    // The missing summary of the second operation points at the operation (its key).
    assert_eq!(findings[1].pointer, "/paths/~1Pets~1{id}/get");
    assert_eq!((findings[1].line, findings[1].column), (15, 5));
}

#[test]
fn extends_files_overrides_and_unsupported_features() {
    let dir = std::env::temp_dir().join(format!("specver-lint-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("base.yaml"),
        "extends: [[spectral:oas, off]]\nrules:\n  operation-tags: error\n  base-rule:\n    given: $.info\n    then: {field: contact, function: truthy}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join(".spectral.yaml"),
        r#"
extends: [./base.yaml]
functions: [checkThings]
rules:
  base-rule: info
  operation-operationId: warn
  custom-js:
    given: $
    then: {function: checkThings}
  not-a-rule: error
overrides:
  - files: ["api.yaml#/paths/~1Pets~1{id}"]
    rules: {operation-tags: off}
"#,
    )
    .unwrap();
    let found = Ruleset::discover(&dir).unwrap();
    let config = LintConfig::from_file(&found).unwrap();
    let warnings = config.warnings().join("\n");
    assert!(
        warnings.contains("custom-js") && warnings.contains("checkThings"),
        "{warnings}"
    );
    assert!(warnings.contains("not-a-rule"), "{warnings}");
    let ws = load(DOC);
    let findings = lint(&ws, &config);
    let got: Vec<(usize, &str, Severity)> = findings
        .iter()
        .map(|f| (f.line, f.rule.as_str(), f.severity))
        .collect();
    // The override turns operation-tags off for the one operation without tags.
    assert_eq!(got, [(2, "base-rule", Severity::Info)], "{findings:#?}");
    std::fs::write(dir.join("plain.yaml"), "extends: base.yaml\n").unwrap();
    let plain = LintConfig::from_file(&dir.join("plain.yaml")).unwrap();
    let got: Vec<(usize, String, Severity)> = lint(&ws, &plain)
        .into_iter()
        .map(|f| (f.line, f.rule, f.severity))
        .collect();
    assert_eq!(
        got,
        [
            (2, "base-rule".to_string(), Severity::Warning),
            (15, "operation-tags".to_string(), Severity::Error)
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn inline_ignores_and_rule_selection() {
    let doc = DOC.replace("      operationId: getPet\n", "      operationId: getPet\n      x-specver-ignore: [operation-tags, operation-description]\n");
    let ws = load(&doc);
    let rules = |config: &LintConfig| -> Vec<(usize, String)> {
        lint(&ws, config)
            .into_iter()
            .map(|f| (f.line, f.rule))
            .collect()
    };
    let mut config = LintConfig::recommended();
    config.only = vec!["operation-tags".into(), "operation-description".into()];
    assert_eq!(rules(&config), [(7, "operation-description".to_string())]);
    config.inline_ignores = false;
    assert_eq!(rules(&config).len(), 3);
    config.skip = vec!["operation-description".into()];
    assert_eq!(rules(&config), [(15, "operation-tags".to_string())]);
    // `*` ignores everything inside.
    let doc = DOC.replace("  /pets:\n", "  /pets:\n    x-specver-ignore: '*'\n");
    let ws = load(&doc);
    let findings = lint(&ws, &LintConfig::recommended());
    assert!(
        findings
            .iter()
            .all(|f| !f.pointer.starts_with("/paths/~1pets/")),
        "{findings:#?}"
    );
}

#[test]
fn findings_render_as_diagnostics() {
    let ws = load(DOC);
    let findings = lint(&ws, &LintConfig::recommended());
    assert!(specver::lint::fails(&findings, Severity::Warning));
    assert!(!specver::lint::fails(&findings, Severity::Error));
    let diagnostics: Vec<_> = to_diagnostics(&findings).collect();
    let mut out = Vec::new();
    specver::diagnostic::render_text(ws.files(), &diagnostics, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("warning[operation-description]"), "{text}");
    assert!(text.contains("api.yaml:7:5"), "{text}");
    let record = diagnostics[0].record(ws.files());
    let json = serde_json::to_value(&record).unwrap();
    assert_eq!(json["line"], findings[0].line);
    let f = serde_json::to_value(&findings[0]).unwrap();
    assert_eq!(f["severity"], "warn");
    assert_eq!(f["column"], findings[0].column);
}

#[test]
fn redocly_names_are_aliases() {
    let rs = Ruleset::from_text("extends: [[recommended, off]]\nrules:\n  path-parameters-defined: error\n  no-invalid-media-type-examples: warn\n", "r.yaml", Path::new(".")).unwrap();
    assert!(rs.warnings.is_empty(), "{:?}", rs.warnings);
    assert_eq!(
        rs.rule("path-params").unwrap().severity,
        Some(Severity::Error)
    );
    assert_eq!(
        rs.rule("oas3-valid-media-example").unwrap().severity,
        Some(Severity::Warning)
    );
}

#[test]
fn deeply_nested_documents_do_not_exhaust_the_stack() {
    // 900 levels of nested schemas (the readers allow 1000), in a test thread's small stack.
    let mut schema = String::from("{\"type\": \"string\"}");
    for _ in 0..450 {
        schema = format!(
            "{{\"type\": \"object\", \"example\": {{}}, \"properties\": {{\"a\": {schema}}}}}"
        );
    }
    let doc = format!(
        "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}}, \"components\": {{\"schemas\": {{\"Deep\": {schema}}}}}}}"
    );
    let ws = load(&doc);
    let findings = lint(&ws, &LintConfig::all());
    assert!(findings.iter().any(|f| f.rule == "info-contact"));
}
