//! Client profiles on our own fixture pairs (fixtures/profiles/): every change the `sdk`
//! profile grades differently, with its id, its level under `wire` and under `sdk`, and the
//! operations it lists; renames; and the integrator view (`--operations`).

mod common;

use common::{TempDir, code, json, specver, stderr, stdout};
use specver::compare::{self, Loaded, Settings};
use specver::load::LoadOptions;
use specver::rules::Profile;

fn fixture(name: &str) -> String {
    format!("{}/fixtures/profiles/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// (id, level, operations as `METHOD /path id level`) of every change of a pair.
fn changes(pair: &str, profile: Profile) -> Vec<(String, String, Vec<String>, String)> {
    let load = |side: &str| {
        Loaded::load(
            &fixture(&format!("{pair}-{side}.yaml")),
            &LoadOptions::default(),
        )
        .expect("fixture loads")
    };
    let settings = Settings {
        profile,
        ..Settings::default()
    };
    let c = compare::compare(load("base"), load("revision"), &settings);
    c.changes
        .iter()
        .map(|ch| {
            (
                ch.id.clone(),
                ch.level.as_str().to_string(),
                ch.operations
                    .iter()
                    .map(|a| {
                        format!(
                            "{} {} {} {}",
                            a.operation.method.to_ascii_uppercase(),
                            a.operation.path,
                            a.id,
                            a.level.as_str()
                        )
                    })
                    .collect(),
                ch.message.clone(),
            )
        })
        .collect()
}

/// One expectation: the change `id` of `pair` whose message contains `needle` is at
/// `wire` and `sdk`, and lists exactly `operations` (with the id and level each has under
/// that profile: `{level}` stands for the profile's level).
struct Expect {
    pair: &'static str,
    id: &'static str,
    needle: &'static str,
    wire: &'static str,
    sdk: &'static str,
    operations: &'static [&'static str],
}

const EXPECTED: &[Expect] = &[
    // A response gains what a closed generated type cannot decode.
    Expect {
        pair: "response-unions",
        id: "response-property-enum-value-added",
        needle: "\"pending\"",
        wire: "warning",
        sdk: "error",
        // The same enum in a request body: a value added there breaks no client.
        operations: &[
            "GET /pets response-property-enum-value-added {level}",
            "POST /pets request-body-enum-value-added info",
        ],
    },
    // The enum lifted: any string may now come, which the closed type cannot decode.
    Expect {
        pair: "response-unions",
        id: "response-property-enum-removed",
        needle: "`Pet`.voice",
        wire: "warning",
        sdk: "error",
        operations: &["GET /pets response-property-enum-removed {level}"],
    },
    Expect {
        pair: "response-unions",
        id: "response-property-one-of-added",
        needle: "`Pet`.owner",
        wire: "warning",
        sdk: "error",
        operations: &["GET /pets response-property-one-of-added {level}"],
    },
    Expect {
        pair: "response-unions",
        id: "response-property-any-of-added",
        needle: "`Pet`.tag",
        wire: "warning",
        sdk: "error",
        operations: &["GET /pets response-property-any-of-added {level}"],
    },
    Expect {
        pair: "response-unions",
        id: "response-property-discriminator-mapping-added",
        needle: "`bird`",
        wire: "info",
        sdk: "error",
        operations: &["GET /pets response-property-discriminator-mapping-added {level}"],
    },
    // Names the generated code is written against.
    Expect {
        pair: "names",
        id: "api-operation-id-changed",
        needle: "`listPets` to `listAllPets`",
        wire: "warning",
        sdk: "error",
        operations: &["GET /pets api-operation-id-changed {level}"],
    },
    Expect {
        pair: "names",
        id: "api-operation-id-removed",
        needle: "`deletePet`",
        wire: "info",
        sdk: "error",
        operations: &["DELETE /pets/{petId} api-operation-id-removed {level}"],
    },
    Expect {
        pair: "names",
        id: "request-property-component-replaced",
        needle: "typed by `VoiceOrCustom` instead of `Voice`",
        wire: "info",
        sdk: "error",
        operations: &["POST /owners request-property-component-replaced {level}"],
    },
    Expect {
        pair: "names",
        id: "api-tag-removed",
        needle: "`pets`",
        wire: "info",
        sdk: "error",
        operations: &["GET /pets api-tag-removed {level}"],
    },
    Expect {
        pair: "names",
        id: "api-tag-added",
        needle: "`animals`",
        wire: "info",
        sdk: "info",
        operations: &["GET /pets api-tag-added {level}"],
    },
    Expect {
        pair: "names",
        id: "request-parameter-removed",
        needle: "`limit`",
        wire: "warning",
        sdk: "error",
        operations: &["GET /pets request-parameter-removed {level}"],
    },
    Expect {
        pair: "names",
        id: "api-schema-renamed",
        needle: "`Owner` renamed to `Person`",
        wire: "info",
        sdk: "error",
        operations: &["GET /owners/{ownerId} api-schema-renamed {level}"],
    },
    Expect {
        pair: "names",
        id: "api-schema-removed",
        needle: "`Legacy`",
        wire: "info",
        sdk: "error",
        operations: &[],
    },
    Expect {
        pair: "names",
        id: "api-schema-removed",
        needle: "`Pet`",
        wire: "info",
        sdk: "error",
        // The operations whose generated code used the model class.
        operations: &[
            "GET /pets api-schema-removed {level}",
            "GET /pets/{petId} api-schema-removed {level}",
        ],
    },
    Expect {
        pair: "names",
        id: "request-property-removed",
        needle: "`phone` removed (renamed to `telephone`?",
        wire: "warning",
        sdk: "error",
        operations: &["POST /owners request-property-removed {level}"],
    },
    Expect {
        pair: "names",
        id: "response-optional-property-removed",
        needle: "`nickname` removed (renamed to `petName`?",
        wire: "warning",
        sdk: "error",
        operations: &[
            "GET /pets response-optional-property-removed {level}",
            "GET /pets/{petId} response-optional-property-removed {level}",
        ],
    },
    // Parameters as the generated method's arguments.
    Expect {
        pair: "parameters",
        id: "request-path-parameter-renamed",
        needle: "`id` renamed to `ownerId`",
        wire: "info",
        sdk: "error",
        operations: &["GET /owners/{ownerId}/pets request-path-parameter-renamed {level}"],
    },
    Expect {
        pair: "parameters",
        id: "request-required-parameter-position-changed",
        needle: "`id`, `kind`, `since` -> `ownerId`, `since`, `kind`",
        wire: "info",
        sdk: "error",
        operations: &[
            "GET /owners/{ownerId}/pets request-required-parameter-position-changed {level}",
        ],
    },
    // Generated types and constructors.
    Expect {
        pair: "types",
        id: "request-property-type-generalized",
        needle: "`NewOrder`.quantity",
        wire: "info",
        sdk: "error",
        operations: &["POST /orders request-property-type-generalized {level}"],
    },
    Expect {
        pair: "types",
        id: "response-property-type-specialized",
        needle: "`Order`.total",
        wire: "info",
        sdk: "error",
        operations: &["POST /orders response-property-type-specialized {level}"],
    },
    Expect {
        pair: "types",
        id: "response-property-format-changed",
        needle: "date-time to date",
        wire: "error",
        sdk: "error",
        operations: &["POST /orders response-property-format-changed {level}"],
    },
    Expect {
        pair: "types",
        id: "response-property-format-added",
        needle: "uuid",
        wire: "info",
        sdk: "warning",
        operations: &["POST /orders response-property-format-added {level}"],
    },
    Expect {
        pair: "types",
        id: "new-required-request-property",
        needle: "`currency`",
        wire: "error",
        sdk: "error",
        operations: &["POST /orders new-required-request-property {level}"],
    },
    Expect {
        pair: "types",
        id: "request-property-became-required",
        needle: "`note`",
        wire: "error",
        sdk: "error",
        operations: &["POST /orders request-property-became-required {level}"],
    },
];

#[test]
fn every_sdk_rule_has_its_levels_and_operations_under_both_profiles() {
    for profile in Profile::ALL {
        let mut by_pair = std::collections::BTreeMap::new();
        for e in EXPECTED {
            let found = by_pair
                .entry(e.pair)
                .or_insert_with(|| changes(e.pair, profile));
            let level = match profile {
                Profile::Wire => e.wire,
                Profile::Sdk => e.sdk,
            };
            let matching: Vec<_> = found
                .iter()
                .filter(|(id, _, _, message)| id == e.id && message.contains(e.needle))
                .collect();
            assert_eq!(
                matching.len(),
                1,
                "{} `{}` ({}) under {profile}: {found:#?}",
                e.pair,
                e.id,
                e.needle
            );
            let (_, got, operations, message) = matching[0];
            assert_eq!(got, level, "{}: {message} under {profile}", e.id);
            let want: Vec<String> = e
                .operations
                .iter()
                .map(|o| o.replace("{level}", level))
                .collect();
            let mut operations = operations.clone();
            operations.sort();
            let mut want_sorted = want.clone();
            want_sorted.sort();
            assert_eq!(
                operations, want_sorted,
                "{}: {message} under {profile}",
                e.id
            );
        }
    }
}

#[test]
fn a_changed_shape_is_no_rename() {
    // `Pet` -> `Animal` changed a property name on the way: the removal and the addition
    // stay as they are.
    let found = changes("names", Profile::Wire);
    let ids: Vec<(&str, &str)> = found
        .iter()
        .map(|(id, _, _, m)| (id.as_str(), m.as_str()))
        .collect();
    assert!(ids.contains(&("api-schema-removed", "component schema `Pet` removed")));
    assert!(ids.contains(&("api-schema-added", "component schema `Animal` added")));
    assert!(!ids.iter().any(|(_, m)| m.contains("`Pet` renamed")));
    // A component removed (`Pet`) or renamed (`Owner`) is told once, as such: the places it
    // typed are not each "typed by another component" as well.
    assert!(
        !ids.iter()
            .any(|(id, m)| id.ends_with("component-replaced") && !m.contains("`Voice`")),
        "{ids:#?}"
    );
}

#[test]
fn the_report_names_the_profile_from_the_flag_or_the_settings() {
    let (base, rev) = (
        fixture("response-unions-base.yaml"),
        fixture("response-unions-revision.yaml"),
    );
    let out = specver(&["breaking", &base, &rev, "--profile", "sdk"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stdout(&out).contains("; profile: sdk"), "{}", stdout(&out));
    let out = specver(&["breaking", &base, &rev]);
    assert_eq!(code(&out), 0, "wire: warnings only; {}", stdout(&out));
    assert!(stdout(&out).contains("; profile: wire"), "{}", stdout(&out));

    let dir = TempDir::new("profile-settings");
    let config = dir.write(".specver.yaml", "profile: sdk\n");
    let out = specver(&["diff", &base, &rev, "--config", &config, "--format", "json"]);
    assert_eq!(json(&out)["profile"], "sdk");
    let out = specver(&[
        "diff",
        &base,
        &rev,
        "--config",
        &config,
        "--profile",
        "wire",
        "--format",
        "json",
    ]);
    assert_eq!(
        json(&out)["profile"],
        "wire",
        "the flag wins over the settings"
    );

    let bad = dir.write("bad.yaml", "profile: sdx\n");
    let out = specver(&["diff", &base, &rev, "--config", &bad]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("bad.yaml:1:10") && stderr(&out).contains("`sdk`"),
        "{}",
        stderr(&out)
    );
    let out = specver(&["diff", &base, &rev, "--profile", "sdks"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("`wire` and `sdk`"),
        "{}",
        stderr(&out)
    );

    let out = specver(&["bump", &base, &rev, "--profile", "sdk", "--format", "json"]);
    let report = json(&out);
    assert_eq!(report["profile"], "sdk");
    assert_eq!(report["bump"], "major", "{report:#}");
    let out = specver(&["bump", &base, &rev, "--format", "json"]);
    assert_eq!(
        json(&out)["bump"],
        "minor",
        "wire: warnings need a minor release"
    );
}

#[test]
fn operations_limit_every_diff_command_to_what_an_integration_calls() {
    let (base, rev) = (fixture("names-base.yaml"), fixture("names-revision.yaml"));
    let dir = TempDir::new("operations");
    let list = dir.write(
        "ops.txt",
        "# what our integration calls\nGET /owners/{id}\ncreateOwner   # by operationId\nshowPett\n",
    );
    let out = specver(&[
        "diff",
        &base,
        &rev,
        "--operations",
        &list,
        "--profile",
        "sdk",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    let ids: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        // The version note is about the document, not an operation.
        .filter(|id| *id != "api-version-not-bumped")
        .collect();
    assert_eq!(
        ids,
        [
            "api-schema-renamed",
            "request-property-component-replaced",
            "request-property-removed",
            "new-optional-request-property",
            "request-property-any-of-added"
        ],
        "{report:#}"
    );
    for c in report["changes"].as_array().unwrap() {
        for op in c["operations"].as_array().unwrap() {
            assert!(op["path"].as_str().unwrap().starts_with("/owners"), "{c:#}");
        }
    }
    assert!(
        stderr(&out).contains("ops.txt:4: `showPett` matches no operation")
            && stderr(&out).contains("the nearest is `showPet`"),
        "{}",
        stderr(&out)
    );

    let out = specver(&["changelog", &base, &rev, "--operations", &list]);
    let md = stdout(&out);
    assert!(md.contains("`phone`") && !md.contains("`limit`"), "{md}");

    let bad = dir.write("bad.txt", "FETCH /pets\n");
    for command in ["breaking", "bump"] {
        let out = specver(&[command, &base, &rev, "--operations", &bad]);
        assert_eq!(code(&out), 2, "{command}");
        assert!(
            stderr(&out).contains("bad.txt:1: unknown method `FETCH`"),
            "{command}: {}",
            stderr(&out)
        );
    }
    // `log` reads the list before it reads any history.
    let out = specver(&["log", &base, "--operations", &bad]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown method `FETCH`"),
        "{}",
        stderr(&out)
    );
}
