//! `schemas/specver.schema.json`, the JSON Schema editors use for `.specver.yaml`, agrees with
//! what specver reads: the documented examples (README and the settings module) validate
//! against it and load, and a misspelt key or value fails both.

use specver::lint::jsonschema::{Dialect, Direction, TreeResolver, Validator};
use specver::policy::settings::Config;
use specver::tree::{Limits, json as json_tree, yaml as yaml_tree};
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every schema error of the YAML `text`, as `/path keyword: message`.
fn schema_errors(text: &str) -> Vec<String> {
    let schema_text = std::fs::read_to_string(repo().join("schemas/specver.schema.json")).unwrap();
    let schema = json_tree::parse(&schema_text, &Limits::default())
        .expect("the schema is JSON")
        .root;
    let instance = yaml_tree::parse(text, &Limits::default())
        .expect("the example is YAML")
        .root;
    let mut validator = Validator::new(
        TreeResolver {
            docs: vec![("", &schema)],
        },
        Dialect {
            ref_overrides_siblings: true,
            nullable: false,
            formats: true,
        },
    );
    let id = validator.compile(0, &schema);
    validator
        .validate(id, &instance, Direction::None)
        .iter()
        .map(|e| format!("/{} {}: {}", e.path.join("/"), e.keyword, e.message))
        .collect()
}

/// The first ```yaml block after `heading` in `text`, with `prefix` stripped from its lines.
fn yaml_block(text: &str, heading: &str, prefix: &str) -> String {
    let after = &text[text.find(heading).expect(heading)..];
    let mut lines = after
        .lines()
        .map(|l| {
            l.strip_prefix(prefix)
                .unwrap_or(l.trim_start_matches(prefix.trim_end()))
        })
        .skip_while(|l| !l.starts_with("```yaml"))
        .skip(1);
    let mut block = String::new();
    for line in lines.by_ref() {
        if line.starts_with("```") {
            break;
        }
        block.push_str(line);
        block.push('\n');
    }
    assert!(!block.is_empty(), "no yaml block after {heading}");
    block
}

/// Reads `text` as specver does, beside the severity file the examples name.
fn loads(text: &str) -> Result<Config, String> {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "specver-settings-schema-{}-{n}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("oasdiff-levels.txt"), "").unwrap();
    let read = Config::parse(text, &dir.join(".specver.yaml")).map_err(|e| e.to_string());
    let _ = std::fs::remove_dir_all(&dir);
    read
}

#[test]
fn the_documented_examples_validate_and_load() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let module = std::fs::read_to_string(repo().join("src/policy/settings.rs")).unwrap();
    let examples = [
        (
            "README",
            yaml_block(&readme, "### Settings: `.specver.yaml`", ""),
        ),
        (
            "settings.rs",
            yaml_block(&module, "//! `.specver.yaml`", "//! "),
        ),
    ];
    for (source, example) in examples {
        // The examples cover every section, so the schema is exercised as a whole.
        for section in ["profile:", "changes:", "versioning:", "check:"] {
            assert!(
                example.contains(section),
                "{source} example lacks {section}"
            );
        }
        let errors = schema_errors(&example);
        assert!(
            errors.is_empty(),
            "{source}:\n{}\n{example}",
            errors.join("\n")
        );
        let config = loads(&example).unwrap_or_else(|e| panic!("{source}: {e}\n{example}"));
        assert_eq!(
            config.check.fail_on_lint,
            specver::policy::settings::FailOn::Error
        );
    }
}

#[test]
fn a_misspelt_key_or_value_fails_the_schema_and_the_reader() {
    for (bad, key) in [
        ("changes:\n  level:\n    endpoint-added: info\n", "level"),
        ("check:\n  version: strict\n", "strict"),
        ("versioning:\n  warnings: patch\n", "patch"),
        ("profle: sdk\n", "profle"),
        ("changes:\n  ignore:\n    - id: endpoint-added\n", "reason"),
    ] {
        let errors = schema_errors(bad);
        assert!(!errors.is_empty(), "the schema accepts {bad:?}");
        let read = loads(bad);
        assert!(read.is_err(), "specver accepts {bad:?}");
        assert!(read.unwrap_err().contains(key), "{bad:?}");
    }
}
