//! The canonical model does not depend on how a document is written: JSON and YAML forms of
//! one API give identical models, and the same API as Swagger 2.0 and OpenAPI 3.0 differs
//! only where the documents really differ.

mod common;

use specver::load::{FileLocation, LoadOptions, Workspace};
use specver::model;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_without_shared("../shared/corpus");
        None
    }
}

fn load_text(name: &str, text: String) -> Workspace {
    Workspace::load_bytes(
        FileLocation::Path(PathBuf::from(name)),
        text.into_bytes(),
        &LoadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn canonical(ws: &Workspace) -> serde_json::Value {
    let (api, _) = model::build(ws);
    model::canonical_json(&api)
}

/// Every leaf where two JSON values differ, as `pointer: left != right`.
fn differences(a: &serde_json::Value, b: &serde_json::Value, at: String, out: &mut Vec<String>) {
    use serde_json::Value::*;
    match (a, b) {
        (Object(x), Object(y)) => {
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
        (Array(x), Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                differences(v, w, format!("{at}/{i}"), out);
            }
        }
        _ if a == b => {}
        _ => out.push(format!("{at}: {a} != {b}")),
    }
}

#[test]
fn openai_yaml_and_json_of_one_commit_give_one_model_but_for_an_unquoted_date() {
    let Some(dir) = corpus() else { return };
    let yaml = load_text(
        "openai.yaml",
        std::fs::read_to_string(dir.join("openai/2026-08-21_f85dbe22.yaml")).unwrap(),
    );
    let json = load_text(
        "openai.json",
        std::fs::read_to_string(dir.join("openai/2026-08-21_f85dbe22.json")).unwrap(),
    );
    let mut diffs = Vec::new();
    differences(
        &canonical(&yaml),
        &canonical(&json),
        String::new(),
        &mut diffs,
    );
    // The one value that differs: the YAML writes `version: 2024-10-01` unquoted in an
    // example of `ChatSessionResource`. Under YAML 1.2's core schema (ours) that is the string
    // "2024-10-01", exactly what the JSON has, so the models are equal. Loaders that follow
    // YAML 1.1 (PyYAML, js-yaml's default schema) read a timestamp there instead.
    assert!(diffs.is_empty(), "{diffs:#?}");
    let text = &yaml.root_file().text;
    assert!(
        text.contains("version: 2024-10-01"),
        "the unquoted date is still in the YAML"
    );
}

/// Any JSON text is also YAML: the YAML reader must build the same tree, and so the same
/// model, as the JSON reader on the 4 MB Stripe document.
#[test]
fn stripe_json_read_as_yaml_gives_the_same_model() {
    let Some(dir) = corpus() else { return };
    let text = std::fs::read_to_string(dir.join("stripe/2022-04-07_fc5a2b92.json")).unwrap();
    let as_json = load_text("stripe.json", text.clone());
    let parsed = specver::tree::yaml::parse(&text, &Default::default()).unwrap();
    let json_tree = specver::tree::json::parse(&text, &Default::default()).unwrap();
    assert_eq!(parsed.root.to_json(), json_tree.root.to_json());
    let reread = load_text("stripe.yaml", text);
    assert_eq!(canonical(&as_json), canonical(&reread));
}

/// The block-style Stripe YAML, written out again as JSON by our own tree, gives the model
/// the YAML gave.
#[test]
fn stripe_yaml_and_its_json_rendering_give_the_same_model() {
    let Some(dir) = corpus() else { return };
    let text = std::fs::read_to_string(dir.join("stripe/2023-09-07_bbfb1664.yaml")).unwrap();
    let yaml = load_text("stripe.yaml", text);
    let json_text = serde_json::to_string_pretty(&yaml.root().to_json()).unwrap();
    let json = load_text("stripe.json", json_text);
    assert_eq!(json.root_file().format, specver::tree::Format::Json);
    assert_eq!(canonical(&yaml), canonical(&json));
}
