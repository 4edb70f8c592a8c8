//! Schema verdicts the audit of 50 real findings found wrong (/tmp/audit-share/audit.md):
//! each has a small pair in fixtures/audit-schema/ (see its README), asserted through the
//! JSON report of the built binary, and a check on the corpus pair that reproduced it
//! (skipped when ../shared/corpus is absent).

mod common;

use common::report::*;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture_report(base: &str, revision: &str) -> Value {
    fixture_diff("audit-schema", base, revision)
}

fn report(name: &str) -> Value {
    fixture_pair("audit-schema", name)
}

#[test]
fn a_one_of_beside_an_own_enum_is_compared_own_enum_with_own_enum() {
    let r = report("enum-oneof");
    // `language`: the same own enum, and a oneOf that sorts its values: no change.
    assert_eq!(
        verdicts(&r),
        pairs(&[("request-property-enum-value-removed", "error")])
    );
    let c = only(&r, "request-property-enum-value-removed");
    assert_eq!(c["message"], "`Voice`.accent: enum value removed: \"ie\"");
    for side in ["base", "revision"] {
        assert_eq!(
            pointer(c, side),
            "/components/schemas/Voice/properties/accent/enum"
        );
    }
    assert_eq!(
        operations(c),
        [
            "post /voice request request-property-enum-value-removed error",
            "post /voice response response-property-enum-value-removed info"
        ]
    );
}

#[test]
fn a_replaced_component_used_in_two_places_is_named_not_placed() {
    // Vapi 2026-07-30 -> 08-17: `Campaign` became `CampaignSummary` both as the items of
    // the list response and as the body of `GET /v2/campaign/{id}`. Told as the place the
    // first walk came from, the change read "`CampaignPaginatedResponse` (now ...).results[]"
    // for both operations, wrong for the second.
    let r = report("replaced-twice");
    let removed: Vec<&Value> = r["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == "response-required-property-removed")
        .collect();
    let messages: Vec<&str> = removed
        .iter()
        .map(|c| c["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            // Used in one place: still told where.
            "`Archived`.campaign: required property `retries` removed",
            "`Campaign` (now `CampaignSummary`): required property `calls` removed",
        ]
    );
    assert_eq!(
        operations(removed[1]),
        [
            "get /campaigns response response-required-property-removed error",
            "get /campaigns/{id} response response-required-property-removed error"
        ]
    );
    assert_eq!(
        pointer(removed[1], "base"),
        "/components/schemas/Campaign/properties/calls"
    );
}

#[test]
fn keywords_of_a_type_that_came_or_went_are_the_type_change() {
    // Vapi 2026-04-22 -> 07-30: `RecordingConsent.type` went from an object to a string
    // enum and was told twice, "type changed" and "now restricted to an enum"; Vapi
    // 2024-10-10 -> 11-11 `Condition.value` (string with a pattern -> object with a
    // maxLength) added a pattern removed and a maxLength set that check nothing.
    let r = report("type-keywords");
    assert_eq!(
        verdicts(&r),
        pairs(&[
            // consent, languages, resetMode, value: the type change alone.
            ("request-property-type-changed", "error"),
            ("request-property-type-changed", "error"),
            ("request-property-type-changed", "error"),
            ("request-property-type-changed", "error"),
            // label keeps strings: its maxLength on them is a change of its own.
            ("request-property-list-of-types-narrowed", "error"),
            ("request-property-max-length-decreased", "error"),
            // A parameter property's type change is a warning and the enum that came with
            // it an error: the milder one does not hide the other.
            ("request-parameter-property-type-changed", "warning"),
            ("request-parameter-property-became-enum", "error"),
        ])
    );
    let enum_change = only(&r, "request-parameter-property-became-enum");
    assert_eq!(
        operations(enum_change),
        ["get /recordings request request-parameter-property-became-enum error"]
    );
}

#[test]
fn an_inline_schema_replaced_by_a_component_is_told_where_it_was() {
    // Vapi 2026-04-22 -> 07-30: `Artifact.transfers` went from strings to
    // `TransferArtifact` objects, told as "`TransferArtifact`: type changed", a name the
    // reader of the old document has never seen.
    let r = report("inline-replaced");
    let messages: Vec<String> = changes(&r)
        .iter()
        .filter(|c| !text(&c["id"]).starts_with("api-"))
        .map(|c| text(&c["message"]))
        .collect();
    assert_eq!(
        messages,
        [
            "`Call`.transfers[] (now `TransferArtifact`): type changed from string to object",
            // Two inline enums replaced by one component: one change, by its name.
            "`Level`: enum value added: \"urgent\"",
            // Below a replaced place, the component's name: no note on a note.
            "`Transport`.provider: enum value added: \"vonage\"",
        ]
    );
    let level = &changes(&r)[1];
    assert_eq!(
        operations(level),
        [
            "get /calls response response-property-enum-value-added warning",
            "get /logs response response-property-enum-value-added warning"
        ]
    );
}

#[test]
fn one_root_cause_reached_through_two_objects_is_one_change() {
    let r = report("same-cause");
    assert_eq!(
        verdicts(&r),
        pairs(&[
            ("response-optional-property-removed", "warning"),
            ("response-property-became-optional", "error"),
        ])
    );
    let removed = only(&r, "response-optional-property-removed");
    assert_eq!(
        pointer(removed, "base"),
        "/components/schemas/Resources/properties/kernelMemory"
    );
    assert_eq!(
        pointer(removed, "revision"),
        "/components/schemas/HostConfig"
    );
    assert_eq!(
        operations(removed),
        [
            "post /containers request request-property-removed warning",
            "get /containers/{id} response response-optional-property-removed warning"
        ]
    );
    // The other object that lost it is kept as a further place.
    assert_eq!(
        removed["also"][0]["revision"]["pointer"],
        "/paths/~1containers/post/requestBody/content/application~1json/schema"
    );
    let optional = only(&r, "response-property-became-optional");
    for side in ["base", "revision"] {
        assert_eq!(
            pointer(optional, side),
            "/components/schemas/Output/properties/call_id"
        );
    }
    assert_eq!(
        operations(optional),
        [
            "get /outputs response response-property-became-optional error",
            "get /outputs/compact response response-property-became-optional error"
        ]
    );
}

#[test]
fn nullable_beside_a_ref_in_3_0_means_what_it_does_in_3_1() {
    let same = report("ref-nullable");
    assert_eq!(verdicts(&same), pairs(&[]), "{same:#}");
    let r = fixture_report("ref-nullable-base", "ref-nullable-added-revision");
    assert_eq!(
        verdicts(&r),
        pairs(&[("response-property-became-nullable", "error")])
    );
    let c = only(&r, "response-property-became-nullable");
    assert_eq!(c["message"], "`Chunk`.total became nullable");
    assert_eq!(
        pointer(c, "revision"),
        "/components/schemas/Chunk/properties/total/nullable"
    );
    assert_eq!(
        operations(c),
        ["get /chunks response response-property-became-nullable error"]
    );
}

#[test]
fn nullable_moved_between_a_wrapper_and_its_component_is_no_change() {
    // GitHub 2021-06-23 -> 10-08 moved `nullable: true` from `{nullable: true, allOf: [$ref
    // git-user]}` onto a `nullable-git-user` component, and OpenAI 2025-01-21 -> 04-29 from
    // beside a 3.0 `$ref` into an allOf part. Each place was reported both "became nullable"
    // and "no longer nullable", a false error on 8 and 5 operations.
    let r = report("nullable-spelled");
    assert_eq!(
        verdicts(&r),
        pairs(&[
            ("response-property-became-not-nullable", "info"),
            ("response-property-became-nullable", "error"),
            ("response-property-component-replaced", "info"),
        ]),
        "{r:#}"
    );
    assert_eq!(
        only(&r, "response-property-became-nullable")["message"],
        "`Commit`.owner became nullable"
    );
    let dropped = only(&r, "response-property-became-not-nullable");
    assert!(
        text(&dropped["message"]).starts_with("`Commit`.committer"),
        "{dropped:#}"
    );
    assert_eq!(
        pointer(dropped, "base"),
        "/components/schemas/Commit/properties/committer/nullable"
    );
}

#[test]
fn a_type_spelled_out_where_its_keywords_were_is_no_change() {
    let r = report("implied-type");
    assert_eq!(verdicts(&r), pairs(&[]), "{r:#}");
}

#[test]
fn response_limits_widened_are_warnings_and_unknown_formats_annotations() {
    let r = report("limits");
    assert_eq!(
        verdicts(&r),
        pairs(&[
            ("request-property-format-annotation-changed", "info"),
            ("response-property-format-annotation-changed", "info"),
            ("response-property-format-widened", "error"),
            ("response-property-max-increased", "error"),
            ("response-property-max-items-increased", "warning"),
            ("response-property-max-length-increased", "warning"),
            ("response-property-min-length-unset", "warning"),
        ])
    );
    let c = only(&r, "response-property-format-annotation-changed");
    assert_eq!(
        c["message"],
        "`Tool`.updated_at: format changed from int64 to unixtime (not a registered format: an annotation)"
    );
    for side in ["base", "revision"] {
        assert_eq!(
            pointer(c, side),
            "/components/schemas/Tool/properties/updated_at/format"
        );
    }
    assert_eq!(
        operations(c),
        ["get /tools response response-property-format-annotation-changed info"]
    );
    let c = only(&r, "response-property-max-length-increased");
    assert_eq!(
        pointer(c, "revision"),
        "/components/schemas/Tool/properties/name/maxLength"
    );
    assert_eq!(
        operations(c),
        ["get /tools response response-property-max-length-increased warning"]
    );
    let c = only(&r, "response-property-min-length-unset");
    assert_eq!(
        pointer(c, "base"),
        "/components/schemas/Tool/properties/description/minLength"
    );
}

#[test]
fn an_empty_one_of_that_gains_alternatives_is_one_change() {
    let r = report("empty-one-of");
    assert_eq!(
        verdicts(&r),
        pairs(&[("request-property-became-one-of", "error")])
    );
    let c = only(&r, "request-property-became-one-of");
    assert_eq!(
        c["message"],
        "`TagSetting` became a oneOf of `MATCH_ALL`, `MATCH_SOME`"
    );
    for side in ["base", "revision"] {
        assert_eq!(pointer(c, side), "/components/schemas/TagSetting");
    }
    assert_eq!(
        operations(c),
        [
            "get /threads/search request request-parameter-became-one-of error",
            "get /threads/search response response-property-became-one-of info",
            "patch /channels request request-property-became-one-of error"
        ]
    );
}

// The corpus pairs the audit reproduced the defects on.

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_without_shared("../shared/corpus");
        None
    }
}

fn corpus_changes(corpus: &Path, base: &str, revision: &str) -> Vec<Value> {
    let out = specver(&[
        "breaking",
        &corpus.join(base).to_string_lossy(),
        &corpus.join(revision).to_string_lossy(),
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{base}: {e}\n{}", String::from_utf8_lossy(&out.stderr)));
    report["changes"].as_array().unwrap().clone()
}

/// The changes whose message contains `needle`, as (id, level).
fn about(changes: &[Value], needle: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = changes
        .iter()
        .filter(|c| text(&c["message"]).contains(needle))
        .map(|c| (text(&c["id"]), text(&c["level"])))
        .collect();
    v.sort();
    v
}

#[test]
fn corpus_vapi_tryagi_language_keeps_auto() {
    let Some(corpus) = corpus() else { return };
    let changes = corpus_changes(
        &corpus,
        "vapi-tryagi/2026-03-28a_561af8c4_patched.json",
        "vapi-tryagi/2026-03-28b_500737c8_raw.json",
    );
    assert_eq!(about(&changes, "LMNTVoice`.language"), pairs(&[]));
}

#[test]
fn corpus_duplicates_are_one_change() {
    let Some(corpus) = corpus() else { return };
    let docker = corpus_changes(
        &corpus,
        "docker-engine/v1.41.yaml",
        "docker-engine/v1.44.yaml",
    );
    let kernel: Vec<&Value> = docker
        .iter()
        .filter(|c| pointer(c, "base") == "/definitions/Resources/properties/KernelMemory")
        .collect();
    assert_eq!(kernel.len(), 1, "{kernel:#?}");
    let ops = operations(kernel[0]);
    assert!(
        ops.contains(
            &"post /containers/{id}/update request request-property-removed warning".into()
        ) && ops.contains(
            &"get /containers/{id}/json response response-optional-property-removed warning".into()
        ),
        "{ops:#?}"
    );
    let openai = corpus_changes(
        &corpus,
        "openai/2026-05-13_5162af98.yaml",
        "openai/2026-08-14_061d7d09.yaml",
    );
    let call_id: Vec<&Value> = openai
        .iter()
        .filter(|c| {
            pointer(c, "base") == "/components/schemas/FunctionToolCallOutput/properties/call_id"
        })
        .collect();
    assert_eq!(call_id.len(), 1, "{call_id:#?}");
    assert!(operations(call_id[0]).contains(
        &"post /responses/compact response response-property-became-optional error".into()
    ));
    let discord = corpus_changes(
        &corpus,
        "discord/2025-07-02_8e1fff51.json",
        "discord/2025-08-01_9da2cb6b.json",
    );
    assert_eq!(
        about(&discord, "`ThreadSearchTagSetting` became a oneOf"),
        pairs(&[("request-parameter-became-one-of", "error")])
    );
}

#[test]
fn corpus_openai_3_0_to_3_1_nullable_refs_are_unchanged() {
    let Some(corpus) = corpus() else { return };
    let changes = corpus_changes(
        &corpus,
        "openai/2025-04-29_498c71dd.yaml",
        "openai/2026-05-13_5162af98.yaml",
    );
    assert_eq!(
        about(&changes, "`CreateChatCompletionStreamResponse`.usage"),
        pairs(&[])
    );
    assert_eq!(about(&changes, "`RunObject`.response_format"), pairs(&[]));
}

#[test]
fn corpus_museum_type_object_spelled_out_is_no_change() {
    let Some(corpus) = corpus() else { return };
    let changes = corpus_changes(
        &corpus,
        "redocly-museum/2024-03-06_2f8d96de.yaml",
        "redocly-museum/2024-11-20_2770b2b2.yaml",
    );
    assert!(
        changes
            .iter()
            .all(|c| !text(&c["id"]).contains("type-specialized")),
        "{changes:#?}"
    );
}

#[test]
fn corpus_unixtime_and_widened_response_limits() {
    let Some(corpus) = corpus() else { return };
    let openai = corpus_changes(
        &corpus,
        "openai/2026-05-13_5162af98.yaml",
        "openai/2026-08-14_061d7d09.yaml",
    );
    // Info changes are not in `breaking`'s list.
    assert_eq!(about(&openai, "unixtime"), pairs(&[]));
    assert_eq!(
        about(&openai, "`NamespaceToolParam`.description: minLength"),
        pairs(&[("response-property-min-length-unset", "warning")])
    );
    let vapi = corpus_changes(
        &corpus,
        "vapi/2025-08-07_4f16438e.json",
        "vapi/2025-11-03_b9218b4d.json",
    );
    assert_eq!(
        about(&vapi, "`ToolCallFunction`.name: maxLength"),
        pairs(&[("response-property-max-length-increased", "warning")])
    );
}

#[test]
fn corpus_github_nullable_moved_onto_components_is_no_change() {
    let Some(corpus) = corpus() else { return };
    let changes = corpus_changes(
        &corpus,
        "github/2021-10-08_50a7e0ff.json",
        "github/2021-06-23_73630c16.json",
    );
    // `$ref nullable-git-user` back to `{nullable: true, allOf: [$ref git-user]}`.
    assert_eq!(about(&changes, "`commit`.author"), pairs(&[]));
    assert_eq!(about(&changes, "git-user"), pairs(&[]));
    // `simple-user` itself was not nullable in 10-08 and is in 06-23: that one is real.
    assert_eq!(
        about(&changes, "`simple-user` became nullable"),
        pairs(&[("response-property-became-nullable", "error")])
    );
}

#[test]
fn corpus_vapi_an_arrays_enum_is_told_on_its_items_alone() {
    let Some(corpus) = corpus() else { return };
    let changes = corpus_changes(
        &corpus,
        "vapi/2026-07-30_6814779f.json",
        "vapi/2026-08-17_c8fa2154.json",
    );
    // `serverMessages: {type: array, enum: [..], items: {enum: [..]}}` gained a value.
    assert_eq!(
        about(&changes, "`Assistant`.serverMessages"),
        pairs(&[("response-property-enum-value-added", "warning")])
    );
    assert!(
        changes
            .iter()
            .any(|c| text(&c["message"]).starts_with("`Assistant`.serverMessages[]: ")),
        "the items' change is the one told"
    );
}

#[test]
fn corpus_docker_binary_on_a_tar_body_breaks_nothing() {
    let Some(corpus) = corpus() else { return };
    // `breaking` lists errors and warnings: the body's `format: binary` is neither.
    let changes = corpus_changes(
        &corpus,
        "docker-engine/v1.25.yaml",
        "docker-engine/v1.40.yaml",
    );
    assert_eq!(
        about(&changes, "format changed from none to binary"),
        pairs(&[])
    );
    assert_eq!(about(&changes, "format binary"), pairs(&[]));
}

#[test]
fn corpus_vapi_a_retitled_enum_branch_beside_an_open_string_breaks_nothing() {
    let Some(corpus) = corpus() else { return };
    // `voiceId: oneOf: [{title: Preset Voice Options, enum: [91]}, {type: string}]` became
    // `[{title: Suggested Voice Options, enum: [50]}, {type: string}]`: any string, before
    // and after.
    let changes = corpus_changes(
        &corpus,
        "vapi/2026-02-12_4ea7caaf.json",
        "vapi/2026-04-22_7dc5137b.json",
    );
    assert_eq!(about(&changes, "`RimeAIVoice`.voiceId"), pairs(&[]));
    assert_eq!(about(&changes, "`FallbackRimeAIVoice`.voiceId"), pairs(&[]));
}

#[test]
fn corpus_discord_bounds_an_int32_format_implies_are_no_change() {
    let Some(corpus) = corpus() else { return };
    // 2023-07 -> 2024-01 dropped `minimum: -2147483648, maximum: 2147483647` beside
    // `format: int32` on 104 response properties: 208 false errors before.
    let changes = corpus_changes(
        &corpus,
        "discord/2023-07-14_fcaf8858.json",
        "discord/2024-01-09_24482b6d.json",
    );
    assert_eq!(about(&changes, "maximum 2147483647 removed"), pairs(&[]));
    assert_eq!(about(&changes, "minimum -2147483648 removed"), pairs(&[]));
    // `Int53Type` replaced int32 with its bounds by int64 within +-2^53: one change, told
    // by the format, where the bounds made two more errors before.
    assert_eq!(
        about(&changes, "`Int53Type`: "),
        pairs(&[("response-property-format-widened", "error")])
    );
    // `UInt32Type`'s maximum moved with the format; its minimum 0, against it, is a note
    // of its own (`breaking` leaves notes out).
    assert_eq!(
        about(&changes, "`MessageEmbedImageResponse`.height: "),
        pairs(&[("response-property-format-widened", "error")])
    );
}

#[test]
fn corpus_vapi_a_branch_defined_later_is_not_removed() {
    let Some(corpus) = corpus() else { return };
    // 2025-05-06 refers to `SayAssistantHookAction` without defining it; 2025-06-25
    // defines it. Two hooks' `do[]` read it as a branch removed: 2 false errors before.
    let changes = corpus_changes(
        &corpus,
        "vapi/2025-05-06_14fd888d.json",
        "vapi/2025-06-25_09c5b7f2.json",
    );
    assert_eq!(
        about(&changes, "oneOf branch removed: `schema`"),
        pairs(&[])
    );
    assert_eq!(
        about(
            &changes,
            "`$ref: #/components/schemas/SayAssistantHookAction`"
        ),
        pairs(&[("response-property-ref-unresolved", "warning")])
    );
}

#[test]
fn corpus_openai_response_format_split_by_type_is_one_wrapping() {
    let Some(corpus) = corpus() else { return };
    // `response_format`'s `type: [text, json_object]` became one oneOf branch per value:
    // one change, where pairing it with `ResponseFormatText` read `json_object` as removed.
    let changes = corpus_changes(
        &corpus,
        "openai/2024-04-15_a20659d9.yaml",
        "openai/2024-09-28_60683fc2.yaml",
    );
    assert_eq!(
        about(&changes, "`CreateChatCompletionRequest`.response_format"),
        pairs(&[("request-property-wrapped-in-one-of", "error")])
    );
}
