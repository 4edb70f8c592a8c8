//! `specver bundle`: one document from many files. Fixtures in fixtures/bundle/ cover
//! component naming and collisions, cycles across files, Swagger 2.0 and OpenAPI 3.1,
//! `--dereference`, a missing file, standard input and failed writes, and (versions/) how a
//! spec and its bundle, or two multi-file versions, compare; the multi-file specs of
//! ../shared/corpus are bundled and checked against their sources (skipped, saying so, when
//! ../shared is absent).

mod common;

use common::{TempDir, code, json, specver, specver_in, stderr, stdout};
use serde_json::Value;
use specver::tree::{Limits, json as json_tree};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A bundle: the document (for lookups), its text (for key order) and what stderr said.
struct Bundled {
    doc: Value,
    text: String,
    notes: String,
}

/// Bundles `spec` (relative to the repository) as JSON; fails unless it exits 0.
fn bundle_json(spec: &str, extra: &[&str]) -> Bundled {
    let mut args = vec!["bundle", spec, "--format", "json"];
    args.extend_from_slice(extra);
    let out = specver(&args);
    assert_eq!(code(&out), 0, "bundle {spec}: {}", stderr(&out));
    Bundled {
        doc: json(&out),
        text: stdout(&out),
        notes: stderr(&out),
    }
}

/// The member names of the object at `pointer` of JSON `text`, in written order
/// (serde_json's map sorts them).
fn keys(text: &str, pointer: &str) -> Vec<String> {
    let root = json_tree::parse(text, &Limits::default())
        .expect("JSON")
        .root;
    let node = specver::tree::pointer::lookup(&root, pointer).expect("pointer");
    node.as_object()
        .map(|o| o.iter().map(|(k, _)| k.to_string()).collect())
        .unwrap_or_default()
}

/// Every `$ref` string in `v`.
fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                match (k.as_str(), x) {
                    ("$ref", Value::String(s)) => out.push(s.clone()),
                    _ => refs(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

/// Lints `file` with one rule and returns the findings.
fn findings(file: &str, rule: &str) -> Vec<Value> {
    let out = specver(&["lint", file, "--only", rule, "--format", "json"]);
    json(&out)["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn external_refs_become_components_named_after_their_targets_and_collisions_get_suffixes() {
    let Bundled { doc, text, notes } = bundle_json("fixtures/bundle/collisions/openapi.yaml", &[]);
    let schemas = &doc["components"]["schemas"];
    // The root's `pet` keeps its name; a/pet.yaml and b/pet.yaml differ, so they are
    // renamed, in the order the model names schemas (b/pet.yaml, which /owners names,
    // before a/pet.yaml, which the items of /pets' inline schema name); c/pet.yaml is written
    // exactly as a/pet.yaml and shares its name. Components are written in the order the
    // bundle first refers to them.
    assert_eq!(
        keys(&text, "/components/schemas"),
        ["pet", "Error", "pet-3", "pet-2"]
    );
    assert!(
        notes.contains("a/pet.yaml#` is bundled as `pet-3`"),
        "{notes}"
    );
    assert!(
        notes.contains("b/pet.yaml#` is bundled as `pet-2`"),
        "{notes}"
    );
    assert!(!notes.contains("c/pet.yaml"), "{notes}");
    assert_eq!(
        doc["paths"]["/strays"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/pet-3"
    );
    assert_eq!(
        schemas["pet-2"]["properties"]["pets"]["items"]["$ref"],
        "#/components/schemas/pet-3"
    );
    // A root component that only refers to another file takes that file's content, and
    // the same content from a third file shares the name.
    assert_eq!(
        doc["paths"]["/strays"]["get"]["responses"]["default"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/Error"
    );
    assert_eq!(
        keys(&text, "/components/schemas/Error"),
        ["type", "properties"]
    );
    assert_eq!(keys(&text, "/components/parameters"), ["Limit"]);
    assert_eq!(keys(&text, "/components/responses"), ["Error"]);
    // A path item under `paths` and a tag description are written in place.
    assert_eq!(doc["paths"]["/pets"]["get"]["operationId"], "listPets");
    assert_eq!(
        doc["tags"][0]["description"],
        "Everything about pets.\nSecond line."
    );
    // `example: {$ref}` is data: written in full.
    assert_eq!(
        doc["paths"]["/owners"]["get"]["responses"]["200"]["content"]["application/json"]["example"]
            ["owner"],
        "ann"
    );
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(
        all.iter().all(|r| r.starts_with("#/components/")),
        "{all:?}"
    );
    let dir = TempDir::new("collisions");
    let file = dir.write("bundle.json", &text);
    assert_eq!(findings(&file, "oas3-schema"), Vec::<Value>::new());
    let inspect = json(&specver(&["inspect", &file, "--format", "json"]));
    assert_eq!(inspect["files"], 1);
    assert_eq!(inspect["diagnostics"], serde_json::json!([]));
}

#[test]
fn numbers_keep_their_text_and_output_is_the_same_every_run() {
    let args = [
        "bundle",
        "fixtures/bundle/collisions/openapi.yaml",
        "--format",
        "json",
    ];
    let first = stdout(&specver(&args));
    assert!(first.contains("\"maximum\": 1.50"), "{first}");
    assert!(first.contains("\"maximum\": 1e3"), "{first}");
    assert!(first.contains("\"version\": \"1.10\""), "{first}");
    assert_eq!(first, stdout(&specver(&args)));
    // The default format is the source's: YAML, block style, numbers as written.
    let yaml = stdout(&specver(&[
        "bundle",
        "fixtures/bundle/collisions/openapi.yaml",
    ]));
    assert!(
        yaml.starts_with("openapi: \"3.0.3\"\ninfo:\n  title: Collisions\n"),
        "{yaml}"
    );
    assert!(yaml.contains("maximum: 1.50\n"), "{yaml}");
    assert!(
        yaml.contains("description: |-\n      Everything about pets.\n      Second line.\n"),
        "{yaml}"
    );
}

#[test]
fn the_bundle_of_a_bundle_is_identical_in_json_and_yaml() {
    let dir = TempDir::new("again");
    let spec = repo().join("fixtures/bundle/collisions/openapi.yaml");
    for ext in ["json", "yaml"] {
        let once = dir.path().join(format!("once.{ext}"));
        let twice = dir.path().join(format!("twice.{ext}"));
        let out = specver(&[
            "bundle",
            spec.to_str().unwrap(),
            "-o",
            once.to_str().unwrap(),
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let out = specver(&[
            "bundle",
            once.to_str().unwrap(),
            "-o",
            twice.to_str().unwrap(),
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let (a, b) = (
            std::fs::read(&once).unwrap(),
            std::fs::read(&twice).unwrap(),
        );
        assert_eq!(
            String::from_utf8_lossy(&a),
            String::from_utf8_lossy(&b),
            "{ext}"
        );
        assert_eq!(
            ext == "json",
            a.starts_with(b"{"),
            "format follows -o's extension"
        );
    }
}

#[test]
fn cycles_across_files_stay_references() {
    let Bundled { doc, text, .. } = bundle_json("fixtures/bundle/cycles/openapi.json", &[]);
    let schemas = &doc["components"]["schemas"];
    assert_eq!(keys(&text, "/components/schemas"), ["tree", "leaf", "node"]);
    assert_eq!(
        schemas["tree"]["properties"]["root"]["$ref"],
        "#/components/schemas/node"
    );
    assert_eq!(
        schemas["node"]["properties"]["subtree"]["$ref"],
        "#/components/schemas/tree"
    );
    assert_eq!(
        schemas["node"]["properties"]["children"]["items"]["$ref"],
        "#/components/schemas/node"
    );
}

#[test]
fn dereference_inlines_all_but_the_references_on_cycles_and_reports_those() {
    let Bundled { doc, text, notes } =
        bundle_json("fixtures/bundle/cycles/openapi.json", &["--dereference"]);
    let schemas = &doc["components"]["schemas"];
    // leaf.yaml is on no cycle: written in full wherever it is used.
    assert_eq!(keys(&text, "/components/schemas"), ["tree", "node"]);
    let leaf = &doc["paths"]["/leaves"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(leaf["maxLength"], 10);
    assert_eq!(schemas["tree"]["properties"]["leaf"]["type"], "string");
    assert!(
        notes.contains("2 reference targets on cycles kept as references"),
        "{notes}"
    );
    assert!(
        notes.contains("cycles/node.yaml#") && notes.contains("cycles/tree.yaml#"),
        "{notes}"
    );
    // Without cycles nothing is left to refer to.
    let Bundled { doc, notes, .. } =
        bundle_json("fixtures/bundle/swagger2/swagger.yaml", &["--dereference"]);
    let mut all = Vec::new();
    refs(&doc["paths"], &mut all);
    assert_eq!(
        all,
        ["#/definitions/Pet"],
        "Pet <-> Owner is a cycle: {notes}"
    );
    let error = &doc["paths"]["/pets"]["get"]["responses"]["default"];
    assert_eq!(error["schema"]["properties"]["message"]["type"], "string");
}

#[test]
fn swagger_2_components_go_to_definitions_parameters_and_responses() {
    let Bundled { doc, text, .. } = bundle_json("fixtures/bundle/swagger2/swagger.yaml", &[]);
    assert_eq!(keys(&text, "/definitions"), ["Owner", "Pet", "Error"]);
    assert_eq!(keys(&text, "/parameters"), ["limit"]);
    assert_eq!(keys(&text, "/responses"), ["Error"]);
    assert_eq!(
        doc["definitions"]["Pet"]["properties"]["owner"]["$ref"],
        "#/definitions/Owner"
    );
    assert_eq!(
        doc["responses"]["Error"]["schema"]["$ref"],
        "#/definitions/Error"
    );
    let op = &doc["paths"]["/pets"]["get"];
    assert_eq!(op["parameters"][0]["$ref"], "#/parameters/limit");
    assert_eq!(op["responses"]["default"]["$ref"], "#/responses/Error");
    let dir = TempDir::new("swagger2");
    let file = dir.write("bundle.json", &serde_json::to_string(&doc).unwrap());
    assert_eq!(findings(&file, "oas2-schema"), Vec::<Value>::new());
}

#[test]
fn openapi_3_1_path_items_go_to_path_items_and_ref_siblings_stay() {
    let Bundled { doc, text, .. } = bundle_json("fixtures/bundle/openapi31/openapi.yaml", &[]);
    assert_eq!(
        doc["webhooks"]["newPet"]["$ref"],
        "#/components/pathItems/newPet"
    );
    assert_eq!(keys(&text, "/components"), ["schemas", "pathItems"]);
    assert_eq!(keys(&text, "/components/schemas"), ["Pet", "Tag"]);
    let schema =
        &doc["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(schema["$ref"], "#/components/schemas/Pet");
    assert_eq!(schema["description"], "the pet, described beside its $ref");
    let pet = &doc["components"]["schemas"]["Pet"];
    assert_eq!(pet["type"], serde_json::json!(["object", "null"]));
    assert_eq!(
        pet["properties"]["tags"]["items"]["$ref"],
        "#/components/schemas/Tag"
    );
    let dir = TempDir::new("openapi31");
    let file = dir.write("bundle.json", &serde_json::to_string(&doc).unwrap());
    assert_eq!(findings(&file, "oas3-schema"), Vec::<Value>::new());
}

#[test]
fn a_missing_file_is_an_error_at_the_reference_and_nothing_is_written() {
    let dir = TempDir::new("missing");
    let output = dir.path().join("out.json");
    std::fs::write(&output, "previous contents").unwrap();
    let out = specver(&[
        "bundle",
        "fixtures/bundle/missing/openapi.yaml",
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("fixtures/bundle/missing/openapi.yaml:12:23"),
        "{err}"
    );
    assert!(err.contains("--allow-unresolved"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "previous contents"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );

    let out = specver(&[
        "bundle",
        "fixtures/bundle/missing/openapi.yaml",
        "--allow-unresolved",
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("1 unresolved reference kept as written"));
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(text.contains("\"$ref\": \"pet.yaml\""), "{text}");
}

#[test]
fn a_write_that_fails_leaves_no_output() {
    let dir = TempDir::new("unwritable");
    let output = dir.path().join("no-such-dir/out.json");
    let out = specver(&[
        "bundle",
        "fixtures/bundle/cycles/openapi.json",
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: cannot write"),
        "{}",
        stderr(&out)
    );
    assert!(!output.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn bad_input_is_a_one_line_error_with_its_place() {
    let dir = TempDir::new("bad");
    dir.write("bad.yaml", "openapi: 3.0.3\ninfo: [\n");
    let out = specver_in(dir.path(), &["bundle", "bad.yaml", "-o", "out.json"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: bad.yaml:"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("out.json").exists());
}

#[test]
fn standard_input_refs_resolve_against_the_working_directory() {
    let dir = repo().join("fixtures/bundle/cycles");
    let text = std::fs::read(dir.join("openapi.json")).unwrap();
    let mut child = Command::new(common::BIN)
        .args(["bundle", "-"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run specver");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        keys(&stdout(&out), "/components/schemas"),
        ["tree", "leaf", "node"]
    );
}

/// The change ids and messages of `specver diff BASE REVISION`.
fn diff_changes(base: &str, revision: &str) -> Vec<(String, String)> {
    let out = specver(&["diff", base, revision, "--format", "json"]);
    json(&out)["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (text("id"), text("message"))
        })
        .collect()
}

/// fixtures/bundle/versions: v1 maps a discriminator's values to files (`cat.yaml`,
/// `./dog.yaml`); v1-bundled.yaml is the same API in one file, mapping to a component by
/// reference and to another by name. The mappings name the same schemas, so nothing changed
/// either way round, and against v1's bundle; a mapping that names another schema did
/// change.
#[test]
fn discriminator_mappings_compare_by_the_schema_they_name() {
    let v1 = "fixtures/bundle/versions/v1/openapi.yaml";
    let by_hand = "fixtures/bundle/versions/v1-bundled.yaml";
    assert_eq!(diff_changes(v1, by_hand), []);
    assert_eq!(diff_changes(by_hand, v1), []);
    let dir = TempDir::new("mappings");
    let Bundled { doc, text, .. } = bundle_json(v1, &[]);
    assert_eq!(
        doc["components"]["schemas"]["pet"]["discriminator"]["mapping"],
        serde_json::json!({"cat": "#/components/schemas/cat", "dog": "#/components/schemas/dog"})
    );
    let bundled = dir.write("bundled.json", &text);
    assert_eq!(diff_changes(v1, &bundled), []);
    let other = std::fs::read_to_string(repo().join(by_hand))
        .unwrap()
        .replace("dog: dog", "dog: cat");
    let other = dir.write("other.yaml", &other);
    let ids: Vec<String> = diff_changes(v1, &other)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        ids,
        [
            "api-version-not-bumped",
            "request-body-discriminator-mapping-changed"
        ]
    );
}

/// fixtures/bundle/versions/v2 adds a schema file, models/toys/pet.yaml, named like
/// models/pet.yaml: the diff of the two multi-file versions reports it as a schema added,
/// under the name the bundle gives it in components (`pet-2`).
#[test]
fn a_schema_file_added_between_versions_is_a_schema_added_under_its_bundled_name() {
    let v1 = "fixtures/bundle/versions/v1/openapi.yaml";
    let v2 = "fixtures/bundle/versions/v2/openapi.yaml";
    let Bundled { doc, notes, .. } = bundle_json(v2, &[]);
    assert_eq!(
        doc["components"]["schemas"]["cat"]["properties"]["toy"]["$ref"],
        "#/components/schemas/pet-2"
    );
    assert!(
        doc["components"]["schemas"]["pet-2"]["properties"]["squeaks"].is_object(),
        "{doc}"
    );
    assert!(
        notes.contains("toys/pet.yaml#` is bundled as `pet-2`"),
        "{notes}"
    );
    let added: Vec<String> = diff_changes(v1, v2)
        .into_iter()
        .filter(|(id, _)| id == "api-schema-added")
        .map(|(_, message)| message)
        .collect();
    assert_eq!(added, ["component schema `pet-2` added"]);
    let removed: Vec<String> = diff_changes(v2, v1)
        .into_iter()
        .filter(|(id, _)| id.starts_with("api-schema-"))
        .map(|(id, message)| format!("{id}: {message}"))
        .collect();
    assert_eq!(
        removed,
        ["api-schema-removed: component schema `pet-2` removed"]
    );
}

/// A schema in another file that only an unused root component (a response, a parameter)
/// reaches is in the bundle's components, and so a named schema of the source too.
#[test]
fn schemas_only_unused_components_reach_are_named_in_the_source_too() {
    let dir = TempDir::new("unused");
    let spec = dir.write(
        "openapi.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: a.yaml}\ncomponents:\n  responses:\n    Unused:\n      description: not used\n      content:\n        application/json:\n          schema: {$ref: x.yaml}\n  parameters:\n    P: {name: p, in: query, schema: {$ref: y.yaml}}\n",
    );
    dir.write("a.yaml", "type: string\n");
    dir.write("x.yaml", "type: integer\n");
    dir.write("y.yaml", "type: boolean\n");
    let out = specver(&[
        "bundle",
        &spec,
        "-o",
        &dir.path().join("b.json").to_string_lossy(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bundled = dir.path().join("b.json").to_string_lossy().into_owned();
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&bundled).unwrap()).unwrap();
    assert_eq!(
        keys(
            &std::fs::read_to_string(&bundled).unwrap(),
            "/components/schemas"
        ),
        ["a", "x", "y"],
        "{doc}"
    );
    assert_eq!(diff_changes(&spec, &bundled), []);
    assert_eq!(diff_changes(&bundled, &spec), []);
}

// The multi-file specs of the shared corpus.

fn corpus() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_without_shared("../shared/corpus");
        None
    }
}

/// The root documents of the multi-file pairs, with the options they need (Vapi's webhooks
/// refer to a schema that does not exist upstream).
fn multi_file_specs(corpus: &Path) -> Vec<(PathBuf, Vec<&'static str>)> {
    let mut specs = Vec::new();
    for (set, root, extra) in [
        (
            "digitalocean-multifile",
            "specification/DigitalOcean-public.v2.yaml",
            vec![],
        ),
        (
            "vapi-webhooks-multifile",
            "webhooks/openapi.yml",
            vec!["--allow-unresolved"],
        ),
    ] {
        let mut versions: Vec<_> = std::fs::read_dir(corpus.join(set))
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        versions.sort();
        for v in versions {
            specs.push((v.join(root), extra.clone()));
        }
    }
    specs
}

/// Each multi-file spec bundles into one file that loads alone, bundles to itself, is valid
/// against the OpenAPI 3.0 schema (DigitalOcean; Vapi's referenced api/openapi.json has
/// schema errors of its own), and diffs against its source, either way round, with no
/// change at all: the schemas of other files are named in the source as the bundle names
/// them in components, and tag descriptions, extensions and discriminator mappings written
/// as `$ref`s compare by what they name. (Vapi's malformed `schemas//ClientMessage` stays
/// unresolved, as written, on both sides.)
#[test]
fn corpus_bundles_round_trip() {
    let Some(corpus) = corpus() else {
        return;
    };
    let specs = multi_file_specs(&corpus);
    assert_eq!(specs.len(), 4, "two versions of each multi-file spec");
    let dir = TempDir::new("corpus");
    for (i, (spec, extra)) in specs.iter().enumerate() {
        let spec = spec.to_str().unwrap();
        let once = dir.path().join(format!("{i}.json"));
        let twice = dir.path().join(format!("{i}-again.json"));
        let yaml = dir.path().join(format!("{i}.yaml"));
        let from_yaml = dir.path().join(format!("{i}-from-yaml.json"));
        for (from, to) in [
            (spec, &once),
            (once.to_str().unwrap(), &twice),
            (spec, &yaml),
        ] {
            let mut args = vec!["bundle", from, "-o", to.to_str().unwrap()];
            args.extend(extra.iter().copied());
            let out = specver(&args);
            assert_eq!(code(&out), 0, "bundle {from}: {}", stderr(&out));
        }
        let mut args = vec![
            "bundle",
            yaml.to_str().unwrap(),
            "-o",
            from_yaml.to_str().unwrap(),
        ];
        args.extend(extra.iter().copied());
        assert_eq!(code(&specver(&args)), 0);
        let once_text = std::fs::read_to_string(&once).unwrap();
        assert!(
            once_text == std::fs::read_to_string(&twice).unwrap(),
            "{spec}: bundle of bundle differs"
        );
        assert!(
            once_text == std::fs::read_to_string(&from_yaml).unwrap(),
            "{spec}: the YAML bundle reads back differently"
        );

        let inspect = json(&specver(&[
            "inspect",
            once.to_str().unwrap(),
            "--format",
            "json",
        ]));
        assert_eq!(inspect["files"], 1, "{spec}");
        let source = json(&specver(&["inspect", spec, "--format", "json"]));
        for field in ["paths", "operations"] {
            assert_eq!(inspect[field], source[field], "{spec}: {field}");
        }

        for (base, revision) in [
            (spec, once.to_str().unwrap()),
            (once.to_str().unwrap(), spec),
        ] {
            let diff = json(&specver(&["diff", base, revision, "--format", "json"]));
            let changes: Vec<_> = diff["changes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| format!("{} {}", c["id"], c["message"]))
                .collect();
            assert!(changes.is_empty(), "diff {base} {revision}: {changes:#?}");
        }

        if spec.contains("digitalocean") {
            assert_eq!(
                findings(once.to_str().unwrap(), "oas3-schema"),
                Vec::<Value>::new()
            );
        }
    }
}

#[test]
fn a_git_revision_is_bundled_with_its_refs_read_from_that_revision() {
    if !common::git_available() {
        return;
    }
    let dir = TempDir::new("git");
    let fixture = repo().join("fixtures/bundle/cycles");
    for name in ["openapi.json", "tree.yaml", "node.yaml", "leaf.yaml"] {
        std::fs::copy(fixture.join(name), dir.path().join(name)).unwrap();
    }
    common::git(dir.path(), &["init", "-q"], None);
    common::git(dir.path(), &["add", "."], None);
    common::git(dir.path(), &["commit", "-qm", "cycles"], None);
    // The work tree moves on; the revision keeps the old leaf.
    dir.write("leaf.yaml", "type: integer\n");
    let out = specver_in(dir.path(), &["bundle", "HEAD:openapi.json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        json(&out)["components"]["schemas"]["leaf"]["type"],
        "string"
    );
    let out = specver_in(dir.path(), &["bundle", "openapi.json"]);
    assert_eq!(
        json(&out)["components"]["schemas"]["leaf"]["type"],
        "integer"
    );
}

#[test]
fn dereferencing_a_chain_too_deep_to_write_is_an_error_not_a_crash() {
    let dir = TempDir::new("deep");
    dir.write(
        "openapi.yaml",
        "openapi: 3.0.3\ninfo: {title: Deep, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: deep\n          content:\n            application/json:\n              schema:\n                $ref: f0.yaml\n",
    );
    // Each file adds five levels once written in full: 600 files are 3,000 levels.
    for i in 0..600 {
        let next = if i < 599 {
            format!("$ref: f{}.yaml", i + 1)
        } else {
            "type: string".to_string()
        };
        dir.write(
            &format!("f{i}.yaml"),
            &format!("type: object\nproperties:\n  a:\n    type: object\n    properties:\n      b:\n        {next}\n"),
        );
    }
    let out = specver_in(dir.path(), &["bundle", "openapi.yaml", "-o", "out.json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = specver_in(
        dir.path(),
        &[
            "bundle",
            "openapi.yaml",
            "--dereference",
            "-o",
            "deref.json",
        ],
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.starts_with("error: f"), "{err}");
    assert!(err.contains("deeper than 2000 levels"), "{err}");
    assert!(!dir.path().join("deref.json").exists());
}

#[test]
fn a_cycle_through_a_place_without_components_is_an_error_at_the_reference() {
    let dir = TempDir::new("inline-cycle");
    dir.write(
        "openapi.yaml",
        "openapi: 3.0.3\ninfo: {title: C, version: '1'}\npaths:\n  /a:\n    $ref: a.yaml\n",
    );
    dir.write(
        "a.yaml",
        "get:\n  responses:\n    '200': {description: ok}\nx-self:\n  $ref: a.yaml\n",
    );
    let out = specver_in(dir.path(), &["bundle", "openapi.yaml", "-o", "out.yaml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: a.yaml:5:9: "),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("out.yaml").exists());
}

#[test]
fn a_bundle_larger_than_its_limit_is_refused() {
    use specver::bundle::{Options, bundle};
    use specver::load::{LoadOptions, Workspace};
    let spec = repo().join("fixtures/bundle/cycles/openapi.json");
    let ws = Workspace::load_arg(spec.to_str().unwrap(), &LoadOptions::default()).unwrap();
    let small = Options {
        dereference: true,
        max_values: 20,
    };
    let error = bundle(&ws, small).unwrap_err().to_string();
    assert!(error.contains("more than 20 values"), "{error}");
    assert!(error.contains("without --dereference"), "{error}");
    let enough = Options {
        max_values: 200,
        ..small
    };
    assert!(bundle(&ws, enough).is_ok());
}
