//! `specver rules` and `specver explain` through the built binary, the generated docs
//! (docs/changes.md, docs/lint-rules.md) against the catalogue they come from, and the
//! `specver explain` hint under every text finding.

mod common;

use common::*;
use specver::report::rules;
use specver::rules::catalogue::RULES;
use std::collections::BTreeSet;
use std::path::Path;

fn out(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn explain_prints_a_change_ids_levels_and_example() {
    let o = specver_in(here(), &["explain", "request-property-enum-value-removed"]);
    assert_eq!(code(&o), 0);
    let text = out(&o);
    assert!(
        text.starts_with(
            "request-property-enum-value-removed (error, request, bump: major-if-error, oasdiff's id)\n"
        ),
        "{text}"
    );
    // Its level in every context, the response side at info.
    let level_of = |id: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no line for {id}:\n{text}"))
            .split_whitespace()
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert_eq!(level_of("response-property-enum-value-removed"), "info");
    assert_eq!(level_of("request-parameter-enum-value-removed"), "error");
    assert!(
        text.contains("Example (a schema, before and after"),
        "{text}"
    );
    assert!(
        text.contains("  revision:\n    type: string\n    enum:\n    - a\n    - b\n"),
        "{text}"
    );
    assert!(text.contains("json-schema-validation#name-enum"), "{text}");
}

#[test]
fn explain_knows_templates_policy_checks_and_lint_rules() {
    let o = specver_in(here(), &["explain", "enum-value-removed"]);
    assert_eq!(code(&o), 0);
    assert!(out(&o).starts_with("enum-value-removed (change)\n"));

    let o = specver_in(here(), &["explain", "api-version-not-bumped"]);
    assert_eq!(code(&o), 0);
    let text = out(&o);
    assert!(
        text.contains("the document changed and info.version did not"),
        "{text}"
    );
    assert!(
        text.contains("Kind: policy. Bump at info level: none"),
        "{text}"
    );
    assert!(text.contains("why: ") || text.contains("Why: "), "{text}");

    let o = specver_in(here(), &["explain", "no-$ref-siblings"]);
    assert_eq!(code(&o), 0);
    let text = out(&o);
    assert!(
        text.starts_with("no-$ref-siblings (lint rule, error, recommended)"),
        "{text}"
    );
    assert!(
        text.contains("What it does: ") && text.contains("Why it matters: "),
        "{text}"
    );
    assert!(text.contains("Example it reports:"), "{text}");
}

#[test]
fn explain_of_an_unknown_id_exits_2_naming_the_nearest() {
    let o = specver_in(here(), &["explain", "request-property-enum-value-remove"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o).trim(),
        "error: no change id or lint rule `request-property-enum-value-remove`; did you mean `request-property-enum-value-removed`?"
    );
    assert!(out(&o).is_empty());
    let o = specver_in(here(), &["explain", "zzzz"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("`specver rules` lists them"));
}

#[test]
fn rules_json_lists_every_change_id_and_lint_rule() {
    let o = specver_in(here(), &["rules", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), RULES.len());
    let ids: BTreeSet<&str> = changes.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), changes.len(), "ids are unique");
    let c = changes
        .iter()
        .find(|c| c["id"] == "request-property-enum-value-removed")
        .unwrap();
    assert_eq!(c["level"], "error");
    assert_eq!(c["direction"], "request");
    assert_eq!(c["kind"], "change");
    assert_eq!(c["bump"], "major-if-error");
    assert_eq!(c["origin"], "oasdiff");
    assert_eq!(c["template"], "enum-value-removed");
    let d = changes
        .iter()
        .find(|c| c["id"] == "endpoint-description-changed")
        .unwrap();
    assert_eq!(d["bump"], "patch");
    let lint = v["lint"].as_array().unwrap();
    assert_eq!(lint.len(), rules::lint_rules().len());
    let r = lint.iter().find(|r| r["name"] == "path-params").unwrap();
    assert_eq!(r["severity"], "error");
    assert_eq!(r["recommended"], true);
    assert!(r["why"].as_str().is_some_and(|w| !w.is_empty()));

    let o = specver_in(here(), &["rules", "--only", "lint"]);
    assert_eq!(code(&o), 0);
    let text = out(&o);
    assert!(
        text.starts_with("Change ids (0):") && text.contains("path-params"),
        "{text}"
    );
}

#[test]
fn generated_docs_are_current() {
    for (file, text, only) in [
        ("docs/changes.md", rules::changes_markdown(), "changes"),
        ("docs/lint-rules.md", rules::lint_markdown(), "lint"),
    ] {
        let committed = std::fs::read_to_string(here().join(file)).unwrap_or_default();
        assert!(
            committed == text,
            "{file} is stale; regenerate it with: cargo run -q -- rules --format markdown --only {only} > {file}"
        );
    }
}

#[test]
fn every_lint_rule_is_documented_and_every_doc_names_a_rule() {
    let names: BTreeSet<String> = rules::lint_rules().into_iter().map(|r| r.name).collect();
    let docs = rules::lint_docs();
    let unknown: Vec<&String> = docs.keys().filter(|k| !names.contains(*k)).collect();
    assert!(
        unknown.is_empty(),
        "rules/lint/docs.yaml names no such rule: {unknown:?}"
    );
    let missing: Vec<&String> = names.iter().filter(|n| !docs.contains_key(*n)).collect();
    assert!(
        missing.is_empty(),
        "rules/lint/docs.yaml lacks: {missing:?}"
    );
    assert!(
        docs.values()
            .all(|d| !d.why.is_empty() && d.example.is_some())
    );
}

#[test]
fn every_text_finding_ends_with_the_explain_hint() {
    let (base, rev) = ("fixtures/petstore.yaml", "fixtures/petstore-v2.yaml");
    let o = specver_in(here(), &["diff", base, rev]);
    let text = out(&o);
    let findings: Vec<&str> = text
        .split("\n\n")
        .filter(|b| b.starts_with("error[") || b.starts_with("warning[") || b.starts_with("note["))
        .collect();
    assert!(findings.len() > 5, "{text}");
    for block in findings {
        let id = &block[block.find('[').unwrap() + 1..block.find(']').unwrap()];
        assert!(
            block
                .trim_end()
                .ends_with(&format!("= help: specver explain {id}")),
            "{block}"
        );
    }
}

#[test]
fn misspelt_ids_in_settings_name_the_nearest() {
    let dir = TempDir::new("ids");
    let fx = |name: &str| {
        here()
            .join("fixtures/versioning")
            .join(name)
            .to_string_lossy()
            .into_owned()
    };
    let (base, major) = (fx("base.yaml"), fx("major-endpoint-removed.yaml"));
    dir.write(
        ".specver.yaml",
        "changes:\n  levels:\n    endpoint-added: info\n    api-removed-without-deprecaton: warning\n",
    );
    let o = specver_in(dir.path(), &["breaking", &base, &major]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains(".specver.yaml:4:5: unknown change id `api-removed-without-deprecaton`; did you mean `api-removed-without-deprecation`?"),
        "{err}"
    );

    // An oasdiff severity file is read as it is, and the ids that change nothing are named.
    dir.write(".specver.yaml", "");
    let levels = dir.write(
        "levels.txt",
        "api-removed-without-deprecation info\napi-removed-without-deprecaton info\n",
    );
    let o = specver_in(
        dir.path(),
        &["breaking", &base, &major, "--severity-levels", &levels],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 of 2 ids are not specver change ids and change nothing: `api-removed-without-deprecaton` (did you mean `api-removed-without-deprecation`?)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn explain_in_markdown_is_the_generated_docs_section_under_a_heading() {
    let o = specver_in(
        here(),
        &[
            "explain",
            "request-parameter-removed",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(code(&o), 0);
    let text = out(&o);
    assert!(
        text.starts_with("### `request-parameter-removed` (warning (sdk: error), request,"),
        "{text}"
    );
    // The body is docs/changes.md's section for the template, word for word.
    let docs = std::fs::read_to_string(here().join("docs/changes.md")).unwrap();
    let body = text.split_once("\n\n").unwrap().1;
    let body = body.split_once("\n\n").unwrap().1;
    assert!(docs.contains(body.trim_end()), "{body}");
    assert!(
        text.contains("\n\n> {in} parameter `{name}` removed\n"),
        "the summary as a quote: {text}"
    );

    let o = specver_in(here(), &["explain", "path-params", "--format", "markdown"]);
    assert_eq!(code(&o), 0);
    let text = out(&o);
    assert!(
        text.starts_with("### `path-params` (lint rule, error, recommended)"),
        "{text}"
    );
    assert!(text.contains("```yaml"), "{text}");

    let o = specver_in(here(), &["explain", "path-params", "--format", "md"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("a similar value exists: 'markdown'"),
        "{}",
        stderr(&o)
    );
}
