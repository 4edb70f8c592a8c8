//! Verdicts on oneOf/anyOf: branches paired by best match and compared, a union that
//! replaces a schema, one root cause per change. Each class has a small pair in
//! fixtures/unions/ (see its README); the tests assert ids, levels, operations and places
//! through the JSON report of the built binary.

mod common;

use common::report::*;
use common::*;
use serde_json::Value;
use std::path::Path;

fn report(name: &str) -> Value {
    fixture_pair("unions", name)
}

#[test]
fn a_value_added_to_an_open_enum_branch_is_a_known_value_not_a_branch_swap() {
    let r = report("open-enum");
    assert_eq!(
        verdicts(&r),
        pairs(&[("response-property-open-enum-value-added", "info")])
    );
    let c = only(&r, "response-property-open-enum-value-added");
    assert_eq!(
        c["message"],
        "`ImageModel` (anyOf #2): known enum value added: \"img-2\" (a sibling branch accepts any value of its type)"
    );
    assert_eq!(
        operations(c),
        [
            "post /images request request-property-open-enum-value-added info",
            "post /images response response-property-open-enum-value-added info"
        ]
    );
    assert_eq!(
        pointer(c, "revision"),
        "/components/schemas/ImageModel/anyOf/1/enum"
    );
}

#[test]
fn a_ref_branch_that_gains_a_description_is_the_same_branch() {
    let r = report("ref-siblings");
    assert_eq!(
        verdicts(&r),
        pairs(&[("request-property-description-changed", "info")])
    );
    let c = only(&r, "request-property-description-changed");
    assert_eq!(
        c["message"],
        "request body (multipart/form-data).video (oneOf #2): description changed"
    );
    assert_eq!(
        pointer(c, "revision"),
        "/paths/~1videos/post/requestBody/content/multipart~1form-data/schema/properties/video/oneOf/1/description"
    );
}

#[test]
fn a_branch_removed_beside_a_ref_is_that_branch_at_the_union() {
    let r = report("branch-removed");
    // Nothing about CallError's own branches.
    assert_eq!(
        verdicts(&r),
        pairs(&[("request-property-any-of-removed", "error")])
    );
    let c = only(&r, "request-property-any-of-removed");
    assert_eq!(
        c["message"],
        "`ToolCall`.error: anyOf branch removed: `string`"
    );
    assert_eq!(
        operations(c),
        [
            "post /tool-calls request request-property-any-of-removed error",
            "post /tool-calls response response-property-any-of-removed info"
        ]
    );
    assert_eq!(
        pointer(c, "base"),
        "/components/schemas/ToolCall/properties/error/anyOf"
    );
    // The other way round, the branch is added: info for requests, and a new alternative
    // of a response.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/unions");
    let out = specver(&[
        "diff",
        &dir.join("branch-removed-revision.yaml").to_string_lossy(),
        &dir.join("branch-removed-base.yaml").to_string_lossy(),
        "--format",
        "json",
    ]);
    let back: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<(String, String)> = verdicts(&back);
    assert_eq!(ids.len(), 1, "{back:#}");
    assert!(ids[0].0.ends_with("-any-of-added"), "{ids:?}");
}

#[test]
fn a_free_form_object_narrowed_to_a_union_is_a_narrowing_plus_nullability() {
    let r = report("free-form-to-union");
    assert_eq!(
        verdicts(&r),
        pairs(&[
            ("response-property-became-nullable", "error"),
            ("response-property-became-one-of", "info"),
            ("response-property-discriminator-added", "info"),
        ])
    );
    let c = only(&r, "response-property-became-one-of");
    assert_eq!(
        c["message"],
        "`AnnotationAdded`.annotation became a oneOf of `FileCitation`, `UrlCitation`"
    );
    assert_eq!(
        operations(c),
        ["get /events response response-property-became-one-of info"]
    );
    assert_eq!(
        pointer(c, "base"),
        "/components/schemas/AnnotationAdded/properties/annotation"
    );
    let n = only(&r, "response-property-became-nullable");
    assert_eq!(n["message"], "`AnnotationAdded`.annotation became nullable");
}

#[test]
fn an_optional_property_added_inside_an_inline_response_branch() {
    let r = report("inline-branch-property");
    assert_eq!(
        verdicts(&r),
        pairs(&[("response-optional-property-added", "info")])
    );
    let c = only(&r, "response-optional-property-added");
    assert_eq!(
        c["message"],
        "response 200 (application/json) (oneOf #1): new optional property `language`"
    );
    assert_eq!(
        operations(c),
        ["get /content/{id} response response-optional-property-added info"]
    );
    assert_eq!(
        pointer(c, "revision"),
        "/paths/~1content~1{id}/get/responses/200/content/application~1json/schema/oneOf/0/properties/language"
    );
}

#[test]
fn an_object_body_that_becomes_a_discriminated_union_breaks_requests() {
    let r = report("body-wrapped");
    // Its properties live on in the alternatives: none is reported removed.
    assert_eq!(
        verdicts(&r),
        pairs(&[
            ("request-body-discriminator-added", "info"),
            ("request-body-wrapped-in-one-of", "error"),
        ])
    );
    let c = only(&r, "request-body-wrapped-in-one-of");
    assert_eq!(
        c["message"],
        "request body (application/json): object wrapped in a oneOf of \
         `UpdateTwilioPhoneNumberDTO`, `UpdateVonagePhoneNumberDTO`, told apart by `provider`, \
         which requests did not send"
    );
    assert_eq!(
        operations(c),
        ["patch /phone-number/{id} request request-body-wrapped-in-one-of error"]
    );
    assert_eq!(
        pointer(c, "base"),
        "/components/schemas/UpdatePhoneNumberDTO"
    );
    assert_eq!(
        pointer(c, "revision"),
        "/paths/~1phone-number~1{id}/patch/requestBody/content/application~1json/schema"
    );
}

// The same classes on the real documents of ../shared/corpus (skipped when it is absent).

fn corpus_report(base: &str, revision: &str) -> Option<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        common::skip_without_shared("../shared/corpus");
        return None;
    }
    let out = specver(&[
        "diff",
        &dir.join(base).to_string_lossy(),
        &dir.join(revision).to_string_lossy(),
        "--format",
        "json",
    ]);
    Some(serde_json::from_slice(&out.stdout).expect("a JSON report"))
}

/// The error-level changes whose id is a branch removed or added, as `id: message`.
fn branch_errors(report: &Value) -> Vec<String> {
    let mut v: Vec<String> = changes(report)
        .iter()
        .filter(|c| c["level"] == "error")
        .filter(|c| {
            let id = c["id"].as_str().unwrap();
            id.ends_with("-of-removed") || id.ends_with("-of-added")
        })
        .map(|c| {
            format!(
                "{}: {}",
                c["id"].as_str().unwrap(),
                c["message"].as_str().unwrap()
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn openai_unions_edited_in_place_are_not_branch_swaps() {
    let Some(r) = corpus_report(
        "openai/2026-05-13_5162af98.yaml",
        "openai/2026-08-14_061d7d09.yaml",
    ) else {
        return;
    };
    // Before pairing by best match: `ModelIdsShared`, `CreateChatCompletionRequest.model`,
    // ... lost their `string` branch, and the video bodies their `$ref` branch.
    assert!(
        branch_errors(&r).iter().all(|e| !e.contains("-of-removed")),
        "{:#?}",
        branch_errors(&r)
    );
    let Some(r) = corpus_report(
        "openai/2026-08-14_061d7d09.yaml",
        "openai/2026-08-21_f85dbe22.yaml",
    ) else {
        return;
    };
    // The one real removal: the `string` error of MCP tool calls (in requests).
    assert_eq!(
        branch_errors(&r),
        [
            "request-property-any-of-removed: `BetaMCPToolCall`.error: anyOf branch removed: `string`",
            "request-property-any-of-removed: `MCPToolCall`.error: anyOf branch removed: `string`",
        ]
    );
    let known = changes(&r)
        .into_iter()
        .find(|c| {
            c["message"]
                .as_str()
                .unwrap()
                .starts_with("`ImageGenTool`.model (anyOf #2): known 2 enum values added")
        })
        .expect("the new image models");
    assert_eq!(
        known["values"],
        serde_json::json!(["gpt-image-2", "gpt-image-2-2026-04-21"])
    );
    assert_eq!(known["level"], "info");
}

#[test]
fn vapi_patch_bodies_that_became_unions_are_errors() {
    let Some(r) = corpus_report(
        "vapi/2025-01-07_08702552.json",
        "vapi/2025-01-10_7231b518.json",
    ) else {
        return;
    };
    for path in ["/phone-number/{id}", "/block/{id}"] {
        let on_patch: Vec<&Value> = changes(&r)
            .into_iter()
            .filter(|c| {
                c["operations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|o| o["method"] == "patch" && o["path"] == path)
            })
            .collect();
        let ids: Vec<&str> = on_patch.iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert!(
            ids.contains(&"request-body-wrapped-in-one-of"),
            "{path}: {ids:?}"
        );
        assert!(
            !ids.contains(&"request-property-removed"),
            "{path}: {ids:?}"
        );
    }
}

#[test]
fn a_component_reached_through_annotated_wrappers_is_one_change() {
    let Some(r) = corpus_report(
        "temporal/2026-07-08_c620bd75.yaml",
        "temporal/2026-07-23_f53963d4.yaml",
    ) else {
        return;
    };
    let found: Vec<&Value> = changes(&r)
        .into_iter()
        .filter(|c| {
            c["message"]
                .as_str()
                .unwrap()
                .contains("`disableChildPropagation`")
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["message"],
        "`TimeSkippingConfig`: optional property `disableChildPropagation` removed (renamed to `disablePropagation`?: `disablePropagation` was added with the same schema)",
        "a boolean property removed beside a boolean one added is a rename candidate"
    );
    // Every operation that reaches it, through any of its six wrappers.
    assert_eq!(found[0]["operations"].as_array().unwrap().len(), 18);
}

#[test]
fn a_nullability_change_names_the_property_not_the_component() {
    let Some(r) = corpus_report(
        "discord/2025-07-02_8e1fff51.json",
        "discord/2025-08-01_9da2cb6b.json",
    ) else {
        return;
    };
    let c = only(&r, "request-property-became-not-nullable");
    assert_eq!(
        c["message"],
        "`BotAddGuildMemberRequest`.roles[] is no longer nullable"
    );
    assert_eq!(
        operations(c),
        [
            "put /guilds/{guild_id}/members/{user_id} request request-property-became-not-nullable error"
        ]
    );
}

#[test]
fn a_response_gaining_an_enum_value_a_const_or_a_branch_is_one_level() {
    let r = report("response-alternatives");
    assert_eq!(
        verdicts(&r),
        pairs(&[
            ("response-property-enum-value-added", "warning"),
            ("response-property-one-of-added", "warning"),
            ("response-property-one-of-added", "warning"),
        ])
    );
    // Two values added to one enum: one change listing both, each readable in `values`.
    let c = only(&r, "response-property-enum-value-added");
    assert_eq!(
        c["message"],
        "`Job`.status: 2 enum values added: \"paused\", \"archived\""
    );
    assert_eq!(c["values"], serde_json::json!(["paused", "archived"]));
    assert_eq!(
        pointer(c, "revision"),
        "/components/schemas/Job/properties/status/enum"
    );
    let messages: Vec<&str> = changes(&r)
        .iter()
        .filter(|c| c["id"] == "response-property-one-of-added")
        .map(|c| c["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"`Job`.priority: oneOf branch added: `URGENT`"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"`Job`.result: oneOf branch added: `Cancelled`"),
        "{messages:?}"
    );
    // `--per-operation` keeps the values.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/unions");
    let out = specver(&[
        "diff",
        &dir.join("response-alternatives-base.yaml")
            .to_string_lossy(),
        &dir.join("response-alternatives-revision.yaml")
            .to_string_lossy(),
        "--format",
        "json",
        "--per-operation",
    ]);
    let per: Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = only(&per, "response-property-enum-value-added");
    assert_eq!(c["values"], serde_json::json!(["paused", "archived"]));
    // The other way round: one change removing both.
    let out = specver(&[
        "diff",
        &dir.join("response-alternatives-revision.yaml")
            .to_string_lossy(),
        &dir.join("response-alternatives-base.yaml")
            .to_string_lossy(),
        "--format",
        "json",
    ]);
    let back: Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = only(&back, "response-property-enum-value-removed");
    assert_eq!(
        c["message"],
        "`Job`.status: 2 enum values removed: \"paused\", \"archived\""
    );
}

#[test]
fn a_component_behind_annotated_references_changes_once() {
    let r = report("annotated-ref");
    let c = only(&r, "response-optional-property-removed");
    assert_eq!(changes(&r).len(), 1, "{r:#}");
    assert_eq!(
        c["message"],
        "`TimeConfig`: optional property `disableChildPropagation` removed"
    );
    assert_eq!(
        operations(c),
        [
            "post /workflows request request-property-removed warning",
            "post /workflows response response-optional-property-removed warning"
        ]
    );
    assert_eq!(
        pointer(c, "base"),
        "/components/schemas/TimeConfig/properties/disableChildPropagation"
    );
}

#[test]
fn nullability_is_told_at_the_property_that_changed() {
    let r = report("nullable-items");
    assert_eq!(
        verdicts(&r),
        pairs(&[("request-property-became-not-nullable", "error")])
    );
    let c = only(&r, "request-property-became-not-nullable");
    assert_eq!(
        c["message"],
        "`AddMemberRequest`.roles[] is no longer nullable"
    );
    assert_eq!(
        pointer(c, "base"),
        "/components/schemas/AddMemberRequest/properties/roles/items"
    );
}

#[test]
fn a_response_object_wrapped_in_a_union_breaks_only_what_may_go_missing() {
    let r = report("response-wrapped");
    assert_eq!(
        verdicts(&r),
        pairs(&[("response-body-wrapped-in-one-of", "error")])
    );
    let c = only(&r, "response-body-wrapped-in-one-of");
    assert_eq!(
        c["message"],
        "response 200 (application/json): object wrapped in a oneOf of `PersonalAccount`, \
         `ServiceAccount`; not always present now: `name`"
    );
    assert_eq!(
        operations(c),
        ["get /accounts/{id} response response-body-wrapped-in-one-of error"]
    );
    // With `name` required in every alternative, a reader of the old object still finds
    // all it relied on: the union narrows the response (info).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/unions");
    let tmp = TempDir::new("wrapped");
    let text = std::fs::read_to_string(dir.join("response-wrapped-revision.yaml")).unwrap();
    let kept = text.replace("      required: [id]\n", "      required: [id, name]\n");
    assert_ne!(kept, text);
    let revision = tmp.write("revision.yaml", &kept);
    let out = specver(&[
        "diff",
        &dir.join("response-wrapped-base.yaml").to_string_lossy(),
        &revision,
        "--format",
        "json",
    ]);
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        verdicts(&r),
        pairs(&[("response-body-became-one-of", "info")])
    );
}

#[test]
fn a_union_of_a_shared_allof_part_changes_once_at_its_component() {
    let r = report("shared-union-part");
    assert_eq!(
        verdicts(&r),
        pairs(&[
            ("request-property-one-of-added", "info"),
            ("request-property-one-of-removed", "error"),
        ])
    );
    let removed = only(&r, "request-property-one-of-removed");
    assert_eq!(
        removed["message"],
        "`TriggerType`: oneOf branch removed: `SPAM_LINK`"
    );
    assert_eq!(removed["values"], serde_json::json!(["SPAM_LINK"]));
    assert_eq!(
        operations(removed),
        [
            "post /rules/keyword request request-property-one-of-removed error",
            "post /rules/spam request request-property-one-of-removed error"
        ]
    );
    assert_eq!(
        pointer(removed, "base"),
        "/components/schemas/TriggerType/oneOf"
    );
    let added = only(&r, "request-property-one-of-added");
    assert_eq!(
        added["message"],
        "`TriggerType`: oneOf branch added: `USER_PROFILE`"
    );
}

#[test]
fn a_branch_whose_reference_resolves_on_one_side_only_is_that_branch() {
    // Vapi 2025-05-06 -> 06-25: `SayAssistantHookAction` undefined, then defined. The
    // branch is the same `$ref` on both sides: nothing is known of the base's, so a
    // warning, not a branch removed (an error) beside one added.
    let r = report("unresolved-branch");
    assert_eq!(
        verdicts(&r),
        pairs(&[("request-property-ref-unresolved", "warning")])
    );
    let c = only(&r, "request-property-ref-unresolved");
    assert_eq!(
        pointer(c, "base"),
        "/components/schemas/Hook/properties/do/items/oneOf/1"
    );
    assert_eq!(pointer(c, "revision"), "/components/schemas/SayAction");
    assert_eq!(
        operations(c),
        ["post /hooks request request-property-ref-unresolved warning"]
    );
}

#[test]
fn an_object_split_by_its_tag_into_a_union_is_wrapped_not_narrowed() {
    // OpenAI 2024-04 -> 09 `response_format`: `type: [text, json_object]` became a oneOf of
    // one alternative per value. Paired with `FormatText` alone, `json_object` read as an
    // enum value removed, though `FormatJsonObject` takes it.
    let r = report("split-by-tag");
    assert_eq!(
        verdicts(&r),
        pairs(&[("request-property-wrapped-in-one-of", "error")])
    );
    assert_eq!(
        only(&r, "request-property-wrapped-in-one-of")["message"],
        "`ChatRequest`.response_format: object wrapped in a oneOf of `FormatText`, `FormatJsonObject`, `FormatJsonSchema`"
    );
    // Back: `FormatJsonObject` went into the object's enum; only `FormatJsonSchema` is gone.
    let back = fixture_diff("unions", "split-by-tag-revision", "split-by-tag-base");
    let removed = only(&back, "request-property-one-of-removed");
    assert_eq!(
        removed["message"],
        "`ChatRequest`.response_format: oneOf branch removed: `FormatJsonSchema`"
    );
}
