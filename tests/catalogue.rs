//! The change catalogue: its template expansion keeps every id and level of the catalogue
//! as it was hand-expanded (tests/expected/catalogue-before.tsv) except where a `why` says
//! why a level changed, and every template's `example:` runs through the real diff and
//! yields its id at its level (one rule, one example, one expectation).
//!
//! Ids no example reaches are listed in tests/expected/catalogue-uncovered.txt, so that a
//! change in coverage shows in review; `SPECVER_BLESS=1 cargo test --test catalogue`
//! rewrites that list.

use serde_json::{Value as Json, json};
use specver::compare::{self, Loaded, Settings};
use specver::load::{FileLocation, LoadOptions, Workspace};
use specver::policy::lifecycle::{Date, Policy};
use specver::policy::settings::Config;
use specver::rules::Profile;
use specver::rules::catalogue::{Context, Form, RULES, TEMPLATES, Template};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const BEFORE: &str = include_str!("expected/catalogue-before.tsv");

/// Levels made consistent across contexts when the catalogue became templates (the
/// template's `why` says so): id, level before, level now.
const LEVEL_CHANGES: &[(&str, &str, &str)] = &[
    // Response length/count limits widened (maxLength increased or removed, minLength
    // decreased or removed; items and properties alike): a tolerant client still reads the
    // value, only fixed-size storage breaks, as with a new response enum value: warning.
    ("response-body-max-length-increased", "error", "warning"),
    ("response-property-max-length-increased", "error", "warning"),
    ("response-header-max-length-increased", "error", "warning"),
    (
        "response-header-property-max-length-increased",
        "error",
        "warning",
    ),
    ("response-body-max-length-unset", "error", "warning"),
    ("response-property-max-length-unset", "error", "warning"),
    ("response-header-max-length-unset", "error", "warning"),
    (
        "response-header-property-max-length-unset",
        "error",
        "warning",
    ),
    ("response-body-min-length-decreased", "error", "warning"),
    ("response-property-min-length-decreased", "error", "warning"),
    ("response-header-min-length-decreased", "error", "warning"),
    (
        "response-header-property-min-length-decreased",
        "error",
        "warning",
    ),
    ("response-body-min-length-unset", "error", "warning"),
    ("response-property-min-length-unset", "error", "warning"),
    ("response-header-min-length-unset", "error", "warning"),
    (
        "response-header-property-min-length-unset",
        "error",
        "warning",
    ),
    ("response-body-max-items-increased", "error", "warning"),
    ("response-property-max-items-increased", "error", "warning"),
    ("response-header-max-items-increased", "error", "warning"),
    (
        "response-header-property-max-items-increased",
        "error",
        "warning",
    ),
    ("response-body-max-items-unset", "error", "warning"),
    ("response-property-max-items-unset", "error", "warning"),
    ("response-header-max-items-unset", "error", "warning"),
    (
        "response-header-property-max-items-unset",
        "error",
        "warning",
    ),
    ("response-body-min-items-decreased", "error", "warning"),
    ("response-property-min-items-decreased", "error", "warning"),
    ("response-header-min-items-decreased", "error", "warning"),
    (
        "response-header-property-min-items-decreased",
        "error",
        "warning",
    ),
    ("response-body-min-items-unset", "error", "warning"),
    ("response-property-min-items-unset", "error", "warning"),
    ("response-header-min-items-unset", "error", "warning"),
    (
        "response-header-property-min-items-unset",
        "error",
        "warning",
    ),
    ("response-body-max-properties-increased", "error", "warning"),
    (
        "response-property-max-properties-increased",
        "error",
        "warning",
    ),
    (
        "response-header-max-properties-increased",
        "error",
        "warning",
    ),
    (
        "response-header-property-max-properties-increased",
        "error",
        "warning",
    ),
    ("response-body-max-properties-unset", "error", "warning"),
    ("response-property-max-properties-unset", "error", "warning"),
    ("response-header-max-properties-unset", "error", "warning"),
    (
        "response-header-property-max-properties-unset",
        "error",
        "warning",
    ),
    ("response-body-min-properties-decreased", "error", "warning"),
    (
        "response-property-min-properties-decreased",
        "error",
        "warning",
    ),
    (
        "response-header-min-properties-decreased",
        "error",
        "warning",
    ),
    (
        "response-header-property-min-properties-decreased",
        "error",
        "warning",
    ),
    ("response-body-min-properties-unset", "error", "warning"),
    ("response-property-min-properties-unset", "error", "warning"),
    ("response-header-min-properties-unset", "error", "warning"),
    (
        "response-header-property-min-properties-unset",
        "error",
        "warning",
    ),
    // prefix-items: oasdiff's levels for bodies and properties, now in every context.
    ("request-parameter-prefix-items-added", "error", "info"),
    ("request-parameter-prefix-items-removed", "info", "error"),
    (
        "request-parameter-property-prefix-items-added",
        "error",
        "info",
    ),
    (
        "request-parameter-property-prefix-items-removed",
        "info",
        "error",
    ),
    ("response-header-prefix-items-added", "info", "error"),
    ("response-header-prefix-items-removed", "error", "info"),
    (
        "response-header-property-prefix-items-added",
        "info",
        "error",
    ),
    (
        "response-header-property-prefix-items-removed",
        "error",
        "info",
    ),
    // A response gaining an alternative (a oneOf/anyOf branch) is the same event as a
    // response enum gaining a value: warning everywhere (issue 10).
    ("response-body-any-of-added", "info", "warning"),
    ("response-property-any-of-added", "info", "warning"),
    ("response-header-any-of-added", "error", "warning"),
    ("response-header-property-any-of-added", "error", "warning"),
    ("response-body-one-of-added", "error", "warning"),
    ("response-property-one-of-added", "error", "warning"),
    ("response-header-one-of-added", "error", "warning"),
    ("response-header-property-one-of-added", "error", "warning"),
    // Security computed per operation (issue 10): what a client must now send is an error,
    // OAuth URLs a warning; see each entry's `why`.
    ("api-global-security-added", "info", "error"),
    ("api-global-security-scope-added", "info", "error"),
    ("api-security-added", "info", "error"),
    (
        "api-security-component-oauth-scope-removed",
        "info",
        "error",
    ),
    (
        "api-security-component-oauth-token-url-changed",
        "info",
        "warning",
    ),
    (
        "api-security-component-oauth-url-changed",
        "info",
        "warning",
    ),
    ("api-security-component-type-changed", "info", "error"),
    ("api-security-scope-added", "info", "error"),
    // Discriminators: requests select their schema by them (error), responses warn.
    (
        "request-body-discriminator-mapping-deleted",
        "info",
        "error",
    ),
    (
        "request-body-discriminator-property-name-changed",
        "info",
        "error",
    ),
    (
        "request-parameter-discriminator-mapping-deleted",
        "info",
        "error",
    ),
    (
        "request-parameter-discriminator-property-name-changed",
        "info",
        "error",
    ),
    (
        "request-parameter-property-discriminator-mapping-deleted",
        "info",
        "error",
    ),
    (
        "request-parameter-property-discriminator-property-name-changed",
        "info",
        "error",
    ),
    (
        "request-property-discriminator-mapping-deleted",
        "info",
        "error",
    ),
    (
        "request-property-discriminator-property-name-changed",
        "info",
        "error",
    ),
    (
        "response-body-discriminator-mapping-deleted",
        "info",
        "warning",
    ),
    (
        "response-body-discriminator-property-name-changed",
        "info",
        "warning",
    ),
    (
        "response-header-discriminator-mapping-deleted",
        "info",
        "warning",
    ),
    (
        "response-header-discriminator-property-name-changed",
        "info",
        "warning",
    ),
    (
        "response-header-property-discriminator-mapping-deleted",
        "info",
        "warning",
    ),
    (
        "response-header-property-discriminator-property-name-changed",
        "info",
        "warning",
    ),
    (
        "response-property-discriminator-mapping-deleted",
        "info",
        "warning",
    ),
    (
        "response-property-discriminator-property-name-changed",
        "info",
        "warning",
    ),
    // uniqueItems dropped from a response array: most clients read a list (warning).
    ("response-body-unique-items-removed", "error", "warning"),
    (
        "response-header-property-unique-items-removed",
        "error",
        "warning",
    ),
    ("response-header-unique-items-removed", "error", "warning"),
    ("response-property-unique-items-removed", "error", "warning"),
];

/// Ids added since the snapshot: (template, why).
const ADDED: &[&str] = &[
    "discriminator-default-mapping-changed",
    // Security and servers compared per operation (issue 10).
    "api-global-security-alternative-added",
    "api-global-security-alternative-removed",
    "api-global-security-requirement-scheme-added",
    "api-global-security-requirement-scheme-removed",
    "api-security-alternative-added",
    "api-security-alternative-removed",
    "api-security-requirement-scheme-added",
    "api-security-requirement-scheme-removed",
    "api-security-component-oauth-refresh-url-changed",
    "api-server-base-path-changed",
    "format-added-within-bounds",
    // A format no registry defines changing: an annotation (audit, defect 5).
    "format-annotation-changed",
    // A registered format that constrains no string (`binary`) changing: a hint (audit).
    "format-hint-changed",
    // One numeric format inside another (int32 in int64, float in double): widened or
    // narrowed, not an error both ways (session 10, Temporal and OpenAI pairs).
    "format-widened",
    "format-narrowed",
    // Unions that replace a schema, and enums beside an open branch (issue 10).
    "became-one-of",
    "became-any-of",
    "wrapped-in-one-of",
    "wrapped-in-any-of",
    "open-enum-value-added",
    "open-enum-value-removed",
    // Renames and the names generated clients use (issue 11).
    "api-schema-renamed",
    "request-path-parameter-renamed",
    "request-required-parameter-position-changed",
    // Path parameter declarations of a variable the template has on both sides (audit).
    "request-path-parameter-declared",
    "request-path-parameter-undeclared",
    // A place typed by another component while the old one stays: a generated client's
    // model class changes (OpenAI `VoiceIdsShared` -> `VoiceIdsOrCustomVoice`).
    "component-replaced",
    // A success status removed while the ones kept were there already (Discord bulk-ban).
    "response-alternative-success-status-removed",
];

#[test]
fn expansion_keeps_todays_ids_and_levels_except_documented_changes() {
    let before: BTreeMap<&str, Vec<&str>> = BEFORE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0], f[1..].to_vec())
        })
        .collect();
    assert!(before.len() > 1000);
    let changed: BTreeMap<&str, (&str, &str)> = LEVEL_CHANGES
        .iter()
        .map(|(id, from, to)| (*id, (*from, *to)))
        .collect();
    let mut now: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for rule in RULES.iter() {
        let template = rule.template();
        if ADDED.contains(&template.name) {
            continue;
        }
        now.insert(
            rule.id,
            vec![rule.level.as_str(), rule.direction, rule.origin],
        );
        if let Some((from, to)) = changed.get(rule.id) {
            assert_eq!(before[rule.id][0], *from, "{}", rule.id);
            assert_eq!(rule.level.as_str(), *to, "{}", rule.id);
            assert!(
                rule.why().is_some(),
                "{}: a changed level needs a `why`",
                rule.id
            );
        }
    }
    let missing: Vec<&&str> = before.keys().filter(|id| !now.contains_key(*id)).collect();
    let extra: Vec<&&str> = now.keys().filter(|id| !before.contains_key(*id)).collect();
    assert!(missing.is_empty(), "ids lost by the expansion: {missing:?}");
    assert!(extra.is_empty(), "ids the expansion added: {extra:?}");
    for (id, fields) in &now {
        let mut expected = before[id].clone();
        if let Some((_, to)) = changed.get(id) {
            expected[0] = to;
        }
        assert_eq!(fields, &expected, "{id}: level, direction, origin");
    }
    for name in ADDED {
        assert!(
            TEMPLATES
                .iter()
                .any(|t| t.name == *name && t.example.is_some()),
            "{name}"
        );
    }
}

fn loaded(name: &str, doc: &Json) -> Loaded {
    let ws = Workspace::load_bytes(
        FileLocation::Path(PathBuf::from(name)),
        serde_json::to_vec_pretty(doc).unwrap(),
        &LoadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    Loaded::new(ws)
}

fn yaml(text: &str) -> Json {
    yaml_serde::from_str(text).unwrap_or_else(|e| panic!("example is not YAML: {e}\n{text}"))
}

/// A document with `schema` in one context of one operation.
fn in_context(schema: &Json, context: Context, nest_by_items: bool) -> Json {
    let nested = |s: &Json| {
        if nest_by_items {
            json!({"type": "array", "items": s})
        } else {
            json!({"type": "object", "properties": {"p": s}})
        }
    };
    let ok = |extra: Json| {
        let mut r = json!({"description": "ok"});
        r.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({"200": r})
    };
    let content = |s: &Json| json!({"application/json": {"schema": s}});
    let op = match context {
        Context::RequestBody | Context::RequestProperty => {
            let s = if context == Context::RequestBody {
                schema.clone()
            } else {
                nested(schema)
            };
            json!({"requestBody": {"content": content(&s)}, "responses": ok(json!({}))})
        }
        Context::RequestParameter | Context::RequestParameterProperty => {
            let s = if context == Context::RequestParameter {
                schema.clone()
            } else {
                nested(schema)
            };
            json!({"parameters": [{"name": "q", "in": "query", "schema": s}], "responses": ok(json!({}))})
        }
        Context::ResponseBody | Context::ResponseProperty => {
            let s = if context == Context::ResponseBody {
                schema.clone()
            } else {
                nested(schema)
            };
            json!({"responses": ok(json!({"content": content(&s)}))})
        }
        Context::ResponseHeader | Context::ResponseHeaderProperty => {
            let s = if context == Context::ResponseHeader {
                schema.clone()
            } else {
                nested(schema)
            };
            json!({"responses": ok(json!({"headers": {"X-H": {"schema": s}}}))})
        }
    };
    json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {"/p": {"post": op}},
        "components": {"schemas": {
            "Cat": {"type": "object", "title": "Cat", "properties": {"kind": {"type": "string"}, "meow": {"type": "string"}}},
            "Dog": {"type": "object", "title": "Dog", "properties": {"kind": {"type": "string"}, "bark": {"type": "string"}}},
            "Name": {"type": "string"}
        }}
    })
}

/// A whole example document: `openapi` and `info` added when missing.
fn document(text: &str) -> Json {
    let mut doc = yaml(text);
    let obj = doc
        .as_object_mut()
        .expect("an example document is a mapping");
    obj.entry("openapi").or_insert(json!("3.1.0"));
    obj.entry("info")
        .or_insert(json!({"title": "t", "version": "1.0.0"}));
    doc
}

/// Every (id, level) the comparison reports, per change and per affected operation.
fn reported(
    base: &Json,
    revision: &Json,
    date: Option<&str>,
    config: Option<&str>,
    profile: Profile,
) -> BTreeSet<(String, String)> {
    let mut settings = Settings {
        profile,
        ..Settings::default()
    };
    if let Some(text) = config {
        settings.config = Config::parse(text, Path::new(".specver.yaml"))
            .unwrap_or_else(|e| panic!("example config: {e}"));
    }
    settings.policy = Policy {
        today: date
            .map(|d| Date::parse(d).expect("example date is YYYY-MM-DD"))
            .unwrap_or(settings.policy.today),
        min_deprecation_days: settings
            .config
            .versioning
            .min_deprecation_days
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
    };
    let c = compare::compare(
        loaded("base.json", base),
        loaded("revision.json", revision),
        &settings,
    );
    let mut out = BTreeSet::new();
    // Version-policy problems are info notes among the changes (unless enforced) and at
    // their own level in `policy`: the catalogue's level is the latter.
    let policy: BTreeSet<&str> = c.policy.iter().map(|p| p.id.as_str()).collect();
    let changes = c
        .changes
        .iter()
        .filter(|ch| !policy.contains(ch.id.as_str()));
    for change in changes.chain(&c.policy) {
        out.insert((change.id.clone(), change.level.as_str().to_string()));
        for op in &change.operations {
            out.insert((op.id.to_string(), op.level.as_str().to_string()));
        }
    }
    out
}

/// The ids of `template` its example yields at their catalogue level, under each profile
/// whose levels it gives; panics when it yields one of them at another level.
fn covered_by_example(template: &Template) -> BTreeSet<&'static str> {
    let Some(example) = &template.example else {
        return BTreeSet::new();
    };
    let profiles: &[Profile] = if template.expanded().iter().any(|r| r.sdk_level != r.level) {
        &[Profile::Wire, Profile::Sdk]
    } else {
        &[Profile::Wire]
    };
    let mut covered = BTreeSet::new();
    let mut check = |found: &BTreeSet<(String, String)>,
                     rule: &'static specver::rules::catalogue::Rule,
                     profile: Profile| {
        for (id, level) in found {
            if id == rule.id {
                assert_eq!(
                    level,
                    rule.level_in(profile).as_str(),
                    "{}: the example of `{}` ({}) yields it at another level under `{profile}`",
                    rule.id,
                    template.name,
                    template.source
                );
                covered.insert(rule.id);
            }
        }
    };
    match template.form {
        Form::Fact => {
            let (b, r) = (yaml(example.base), yaml(example.revision));
            for rule in template.expanded() {
                let context = rule.context.expect("a fact's id has a context");
                for by_items in [true, false] {
                    for &profile in profiles {
                        let found = reported(
                            &in_context(&b, context, by_items),
                            &in_context(&r, context, by_items),
                            example.date,
                            example.config,
                            profile,
                        );
                        check(&found, rule, profile);
                    }
                }
            }
        }
        Form::Id => {
            for &profile in profiles {
                let found = reported(
                    &document(example.base),
                    &document(example.revision),
                    example.date,
                    example.config,
                    profile,
                );
                for rule in template.expanded() {
                    check(&found, rule, profile);
                }
            }
        }
    }
    covered
}

#[test]
fn every_example_yields_its_ids_at_their_levels() {
    let mut failures = Vec::new();
    let mut uncovered = Vec::new();
    let mut with_examples = 0;
    for template in TEMPLATES.iter() {
        let covered = covered_by_example(template);
        if template.example.is_some() {
            with_examples += 1;
            if covered.is_empty() {
                failures.push(format!(
                    "{} ({}): the example yields none of its ids",
                    template.name, template.source
                ));
            }
        }
        for rule in template.expanded() {
            if !covered.contains(rule.id) {
                uncovered.push(format!(
                    "{}\t{}",
                    rule.id,
                    if template.example.is_some() {
                        "example does not reach this context"
                    } else {
                        "no example"
                    }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected/catalogue-uncovered.txt");
    let text = format!(
        "# Change ids no template example reaches ({} of {} ids; {} of {} templates have an example).\n# Regenerate: SPECVER_BLESS=1 cargo test --test catalogue\n{}\n",
        uncovered.len(),
        RULES.len(),
        with_examples,
        TEMPLATES.len(),
        uncovered.join("\n")
    );
    if std::env::var_os("SPECVER_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        recorded == text,
        "the ids examples reach changed; check and regenerate with SPECVER_BLESS=1 cargo test --test catalogue\n{text}"
    );
}

/// Code names change ids through the generated constants: no id is a string literal
/// anywhere in src/ (tests of the lookups users' strings go through live in tests/).
#[test]
fn no_change_id_is_a_string_literal_in_src() {
    let known: BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
    let mut found = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                for literal in line.split('"').skip(1).step_by(2) {
                    if known.contains(literal) {
                        found.push(format!("{}:{}: \"{literal}\"", path.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "use the `specver::rules::ids` constants:\n{}",
        found.join("\n")
    );
}
