//! Renames: a component schema removed and another added with the same shape is one schema
//! renamed (`api-schema-renamed`), and a property removed and another added with the same
//! schema in the same object is a rename candidate (the removal says so). An operation
//! whose method and path stayed while its operationId changed is `api-operation-id-changed`,
//! found where operations are paired (`api.rs`): the method and path are its identity.
//!
//! Shapes are compared by a structural fingerprint: a canonical text of what the schema
//! accepts, built recursively from the model (types, format, enum and const values,
//! required names, properties by name, items, additionalProperties, allOf/oneOf/anyOf and
//! the other sub-schemas, the bounds), leaving out what documents a schema (title,
//! description, examples, extensions, deprecation) and where it is written. Below the
//! schema itself, a component schema it refers to is written as its name, not expanded:
//! the fingerprint costs the size of the schema as written, and two schemas that refer to
//! the same components by the same names match (one that refers to a component renamed in
//! the same release does not). Properties and the members of enum, required, allOf, oneOf
//! and anyOf are sorted, so order does not matter. A schema met again below itself is
//! written as a back-reference to its depth, so recursive schemas end; below `MAX_DEPTH`
//! levels the text stops. Names pair only when their fingerprint is shared by exactly one removed and
//! one added name: two added schemas of one shape leave the removal a removal. A shape
//! that says nothing (`{type: object}` without properties, `{}`) renames nothing.

use crate::model::{AdditionalProperties, Api, Schema, SchemaId};
use rustc_hash::FxHashMap;
use std::fmt::Write as _;

/// How deep a fingerprint looks.
const MAX_DEPTH: usize = 12;

/// The structural fingerprint of a schema (see the module doc).
pub fn fingerprint(api: &Api, id: SchemaId) -> String {
    let mut out = String::new();
    let mut stack = Vec::new();
    write_shape(api, id, &mut stack, &mut out);
    out
}

fn write_shape(api: &Api, id: SchemaId, stack: &mut Vec<SchemaId>, out: &mut String) {
    if let Some(depth) = stack.iter().position(|s| *s == id) {
        let _ = write!(out, "^{depth}");
        return;
    }
    if stack.len() >= MAX_DEPTH {
        out.push('…');
        return;
    }
    let s: &Schema = api.schema(id);
    // Below the root, a component is its name: its own shape is compared where it is
    // defined, and expanding every component reached would cost the whole document.
    if let (false, Some(name)) = (stack.is_empty(), &s.name) {
        let _ = write!(out, "ref:{name:?}");
        return;
    }
    stack.push(id);
    let sub = |id: SchemaId, stack: &mut Vec<SchemaId>| {
        let mut text = String::new();
        write_shape(api, id, stack, &mut text);
        text
    };
    out.push('{');
    if let Some(target) = s.reference {
        let _ = write!(out, "ref:{};", sub(target, stack));
    }
    if s.extra().unresolved_ref.is_some() {
        out.push_str("unresolved;");
    }
    if s.never {
        out.push_str("never;");
    }
    if let Some(types) = s.types {
        let _ = write!(out, "type:{:?};", types.names());
    }
    if s.nullable {
        out.push_str("nullable;");
    }
    if let Some(f) = &s.format {
        let _ = write!(out, "format:{f};");
    }
    if let Some(values) = &s.enum_values {
        let mut v: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        v.sort();
        let _ = write!(out, "enum:{v:?};");
    }
    if let Some(c) = &s.extra().const_value {
        let _ = write!(out, "const:{c};");
    }
    if s.read_only {
        out.push_str("readOnly;");
    }
    if s.write_only {
        out.push_str("writeOnly;");
    }
    for (key, value) in [
        ("min", s.limits().minimum.map(|b| (b.value, b.exclusive))),
        ("max", s.limits().maximum.map(|b| (b.value, b.exclusive))),
    ] {
        if let Some(v) = value {
            let _ = write!(out, "{key}:{v:?};");
        }
    }
    for (key, value) in [
        ("minLength", s.limits().min_length),
        ("maxLength", s.limits().max_length),
        ("minItems", s.limits().min_items),
        ("maxItems", s.limits().max_items),
    ] {
        if let Some(v) = value {
            let _ = write!(out, "{key}:{v};");
        }
    }
    if let Some(p) = &s.limits().pattern {
        let _ = write!(out, "pattern:{p:?};");
    }
    if !s.required.is_empty() {
        let _ = write!(out, "required:{:?};", s.required);
    }
    let mut properties: Vec<(&str, SchemaId)> = s
        .properties
        .iter()
        .map(|(n, id)| (n.as_str(), *id))
        .collect();
    properties.sort_by_key(|(n, _)| *n);
    for (name, id) in properties {
        let _ = write!(out, "p:{name:?}={};", sub(id, stack));
    }
    match &s.additional_properties {
        Some(AdditionalProperties::Allowed(b)) => {
            let _ = write!(out, "additional:{b};");
        }
        Some(AdditionalProperties::Schema(id)) => {
            let _ = write!(out, "additional:{};", sub(*id, stack));
        }
        None => {}
    }
    for (key, one) in [
        ("items", s.items),
        ("contains", s.extra().contains),
        ("not", s.extra().not),
    ] {
        if let Some(id) = one {
            let _ = write!(out, "{key}:{};", sub(id, stack));
        }
    }
    for (key, many) in [
        ("allOf", &s.all_of),
        ("oneOf", &s.one_of),
        ("anyOf", &s.any_of),
    ] {
        if !many.is_empty() {
            let mut parts: Vec<String> = many.iter().map(|id| sub(*id, stack)).collect();
            parts.sort();
            let _ = write!(out, "{key}:[{}];", parts.join(","));
        }
    }
    if let Some(d) = &s.discriminator {
        let _ = write!(out, "discriminator:{:?};", d.property_name);
    }
    out.push('}');
    stack.pop();
}

/// Whether a fingerprint says anything a rename could be recognised by: a property, an
/// enum, a const or a union. `{}` and `{type: object}` are shared by unrelated schemas.
fn distinctive(fingerprint: &str) -> bool {
    ["p:", "enum:", "const:", "oneOf:", "anyOf:", "allOf:"]
        .iter()
        .any(|k| fingerprint.contains(k))
}

/// Pairs removed with added names whose fingerprints are equal, distinctive, and shared by
/// no other removed or added name.
pub(crate) fn pair_by_shape(
    removed: Vec<(String, String)>,
    added: Vec<(String, String)>,
) -> Vec<(String, String)> {
    let mut by_shape: FxHashMap<String, (Vec<String>, Vec<String>)> = FxHashMap::default();
    for (name, print) in removed {
        by_shape.entry(print).or_default().0.push(name);
    }
    for (name, print) in added {
        by_shape.entry(print).or_default().1.push(name);
    }
    let mut pairs: Vec<(String, String)> = by_shape
        .into_iter()
        .filter(|(print, (r, a))| r.len() == 1 && a.len() == 1 && distinctive(print))
        .map(|(_, (mut r, mut a))| (r.remove(0), a.remove(0)))
        .collect();
    pairs.sort();
    pairs
}

/// Named schemas renamed ([`Api::named_schemas`]): (name in the base, name in the revision).
pub(crate) fn component_renames(base: &Api, revision: &Api) -> Vec<(String, String)> {
    let removed: Vec<(String, String)> = base
        .named_schemas()
        .filter(|(name, _)| revision.component_schema(name).is_none())
        .map(|(name, id)| (name.clone(), fingerprint(base, *id)))
        .collect();
    if removed.is_empty() {
        return Vec::new();
    }
    let added: Vec<(String, String)> = revision
        .named_schemas()
        .filter(|(name, _)| base.component_schema(name).is_none())
        .map(|(name, id)| (name.clone(), fingerprint(revision, *id)))
        .collect();
    pair_by_shape(removed, added)
}

/// Properties of one object renamed: (name in the base, name in the revision), among the
/// properties only the base has (`removed`) and only the revision has (`added`).
pub(crate) fn property_renames(
    base: &Api,
    removed: &[(&str, SchemaId)],
    revision: &Api,
    added: &[(&str, SchemaId)],
) -> Vec<(String, String)> {
    if removed.is_empty() || added.is_empty() {
        return Vec::new();
    }
    let side = |api: &Api, props: &[(&str, SchemaId)]| -> Vec<(String, String)> {
        props
            .iter()
            .map(|(name, id)| (name.to_string(), fingerprint(api, *id)))
            .collect()
    };
    // A property's schema is often a plain `{type: string}`: distinctive enough within one
    // object, where a removal and an addition of the same type side by side may be a
    // rename, so the shape is marked as such; the names or descriptions must then agree.
    let mark = |mut v: Vec<(String, String)>| {
        for (_, print) in &mut v {
            print.insert_str(0, "p:");
        }
        v
    };
    let removed_prints = side(base, removed);
    // The removed properties whose schema says nothing of its own (a component reached is
    // as telling as properties, an enum or a union).
    let plain: Vec<String> = removed_prints
        .iter()
        .filter(|(_, print)| !distinctive(print) && !print.contains("ref:"))
        .map(|(name, _)| name.clone())
        .collect();
    let id_of = |props: &[(&str, SchemaId)], name: &str| {
        props.iter().find(|(n, _)| *n == name).map(|(_, id)| *id)
    };
    pair_by_shape(mark(removed_prints), mark(side(revision, added)))
        .into_iter()
        .filter(|(from, to)| {
            !plain.contains(from)
                || match (id_of(removed, from), id_of(added, to)) {
                    (Some(f), Some(t)) => alike(base, (from, f), revision, (to, t)),
                    _ => false,
                }
        })
        .collect()
}

/// Whether a removed and an added property of one plain schema (a boolean, a string) are
/// one property renamed: their names share a word (`max_response_output_tokens` and
/// `max_output_tokens`, `ID` and `Id`, `include[]` and `include`, `variables` and
/// `variableValues`), one name holds the other (`user_name`, `username`), or their
/// descriptions read alike (Docker's network prune result `VolumesDeleted`, "Networks that
/// were deleted", became `NetworksDeleted`). Docker's `CheckDuplicate` and `EnableIPv4`,
/// both booleans, share neither.
fn alike(
    base: &Api,
    (from, f): (&str, SchemaId),
    revision: &Api,
    (to, t): (&str, SchemaId),
) -> bool {
    let words = |name: &str| -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        let mut previous_lower = false;
        for c in name.chars() {
            if !c.is_alphanumeric() {
                words.push(String::new());
                previous_lower = false;
                continue;
            }
            if c.is_uppercase() && previous_lower || words.is_empty() {
                words.push(String::new());
            }
            previous_lower = c.is_lowercase() || c.is_ascii_digit();
            if let Some(w) = words.last_mut() {
                w.extend(c.to_lowercase());
            }
        }
        words.retain(|w| w.chars().count() >= 2);
        // `variables` and `variableValues` share `variable`.
        for w in &mut words {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w.pop();
            }
        }
        words
    };
    let (from_words, to_words) = (words(from), words(to));
    if from_words.iter().any(|w| to_words.contains(w)) {
        return true;
    }
    let (a, b) = (from_words.concat(), to_words.concat());
    if !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a)) {
        return true;
    }
    match (
        base.schema(f).description.as_deref(),
        revision.schema(t).description.as_deref(),
    ) {
        (Some(a), Some(b)) => {
            let (a, b) = (a.trim(), b.trim());
            a.eq_ignore_ascii_case(b) || similar::TextDiff::from_words(a, b).ratio() >= 0.75
        }
        _ => false,
    }
}

/// For each of `targets`, the operations whose request or responses reach it (through
/// parameters, bodies, headers, and any depth of sub-schemas). Walks up from the targets
/// over the schemas' parent links, once for up to 64 targets (a bit each), so the cost is
/// that of the document's schema graph, not of every operation's.
pub(crate) fn operations_reaching(
    api: &Api,
    targets: &[SchemaId],
) -> Vec<Vec<super::OperationRef>> {
    let mut out = vec![Vec::new(); targets.len()];
    if targets.is_empty() {
        return out;
    }
    // Parent links as one flat array (`parents[start[c]..start[c + 1]]` are c's parents):
    // a large document has tens of thousands of schemas, a list each would cost more than
    // the walk.
    let n = api.schemas.len();
    let mut start: Vec<u32> = vec![0; n + 1];
    for (_, s) in api.schemas.iter() {
        for child in children(s) {
            start[child.0 as usize + 1] += 1;
        }
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut parents: Vec<u32> = vec![0; start[n] as usize];
    for (id, s) in api.schemas.iter() {
        for child in children(s) {
            let slot = &mut fill[child.0 as usize];
            parents[*slot as usize] = id.0;
            *slot += 1;
        }
    }
    let roots: Vec<(&crate::model::Operation, Vec<SchemaId>)> = api
        .operations()
        .map(|(_, op)| (op, operation_roots(op)))
        .collect();
    for (chunk_no, chunk) in targets.chunks(64).enumerate() {
        let mut mask: Vec<u64> = vec![0; api.schemas.len()];
        let mut work: Vec<u32> = Vec::new();
        for (bit, t) in chunk.iter().enumerate() {
            mask[t.0 as usize] |= 1 << bit;
            work.push(t.0);
        }
        while let Some(x) = work.pop() {
            let bits = mask[x as usize];
            let (from, to) = (start[x as usize] as usize, start[x as usize + 1] as usize);
            for &p in &parents[from..to] {
                if mask[p as usize] | bits != mask[p as usize] {
                    mask[p as usize] |= bits;
                    work.push(p);
                }
            }
        }
        for (op, op_roots) in &roots {
            let bits = op_roots.iter().fold(0u64, |m, r| m | mask[r.0 as usize]);
            for bit in (0..chunk.len()).filter(|b| bits & (1 << b) != 0) {
                out[chunk_no * 64 + bit].push(super::OperationRef {
                    method: op.method.clone(),
                    path: op.path.clone(),
                });
            }
        }
    }
    out
}

/// The schemas an operation names directly: its parameters', bodies' and headers'.
fn operation_roots(op: &crate::model::Operation) -> Vec<SchemaId> {
    let media = |m: &crate::model::MediaType| m.schema.into_iter().chain(m.item_schema);
    let mut roots: Vec<SchemaId> = Vec::new();
    for p in &op.parameters {
        roots.extend(p.schema);
        roots.extend(p.content.iter().flat_map(media));
    }
    if let Some(body) = &op.request_body {
        roots.extend(body.content.iter().flat_map(media));
    }
    for response in &op.responses {
        roots.extend(response.content.iter().flat_map(media));
        for h in &response.headers {
            roots.extend(h.schema);
            roots.extend(h.content.iter().flat_map(media));
        }
    }
    roots
}

/// The sub-schemas of a schema.
fn children(s: &Schema) -> impl Iterator<Item = SchemaId> + '_ {
    let extra = s.extra();
    s.reference
        .into_iter()
        .chain(s.properties.iter().map(|(_, id)| *id))
        .chain(s.items)
        .chain(s.extra().contains)
        .chain(s.extra().not)
        .chain(s.all_of.iter().copied())
        .chain(s.one_of.iter().copied())
        .chain(s.any_of.iter().copied())
        .chain(match &s.additional_properties {
            Some(AdditionalProperties::Schema(id)) => Some(*id),
            _ => None,
        })
        .chain(extra.prefix_items.iter().copied())
        .chain(extra.pattern_properties.iter().map(|(_, id)| *id))
        .chain(extra.property_names)
        .chain(extra.if_schema)
        .chain(extra.then_schema)
        .chain(extra.else_schema)
        .chain(extra.dependent_schemas.iter().map(|(_, id)| *id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(yaml: &str) -> Api {
        let text = format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\n{yaml}");
        let location = crate::load::FileLocation::Path(std::path::PathBuf::from("t.yaml"));
        let ws =
            crate::load::Workspace::load_bytes(location, text.into_bytes(), &Default::default())
                .unwrap();
        crate::model::build(&ws).0
    }

    const PET: &str = "type: object\n      required: [name]\n      properties:\n        name: {type: string}\n        age: {type: integer}";

    #[test]
    fn a_schema_under_another_name_with_the_same_shape_is_renamed() {
        let base = api(&format!(
            "paths: {{}}\ncomponents:\n  schemas:\n    Pet:\n      {PET}\n      description: old\n    Toy: {{type: object}}\n"
        ));
        let revision = api(&format!(
            "paths: {{}}\ncomponents:\n  schemas:\n    Animal:\n      {PET}\n      title: An animal\n    Ball: {{type: object}}\n"
        ));
        // Toy -> Ball share the empty object shape: that says nothing, so no rename.
        assert_eq!(
            component_renames(&base, &revision),
            [("Pet".to_string(), "Animal".to_string())]
        );
    }

    #[test]
    fn a_changed_shape_or_two_candidates_is_no_rename() {
        let base = api(&format!(
            "paths: {{}}\ncomponents:\n  schemas:\n    Pet:\n      {PET}\n"
        ));
        let changed = api(
            "paths: {}\ncomponents:\n  schemas:\n    Animal:\n      type: object\n      properties:\n        name: {type: string}\n",
        );
        assert!(component_renames(&base, &changed).is_empty());
        let two = api(&format!(
            "paths: {{}}\ncomponents:\n  schemas:\n    Animal:\n      {PET}\n    Beast:\n      {PET}\n"
        ));
        assert!(component_renames(&base, &two).is_empty());
    }

    #[test]
    fn fingerprints_ignore_order_and_name_the_components_below() {
        let a = api(
            "paths: {}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        next: {$ref: '#/components/schemas/Node'}\n        kind: {enum: [a, b]}\n",
        );
        let b = api(
            "paths: {}\ncomponents:\n  schemas:\n    Link:\n      type: object\n      properties:\n        kind: {enum: [b, a]}\n        next: {$ref: '#/components/schemas/Link'}\n",
        );
        let fa = fingerprint(&a, a.component_schema("Node").unwrap());
        let fb = fingerprint(&b, b.component_schema("Link").unwrap());
        // The enum's order does not matter; a schema met again below itself is a
        // back-reference.
        assert_eq!(fa, fb);
        assert!(fa.contains("^0"), "{fa}");
        // Another component below is its name.
        let c = api(
            "paths: {}\ncomponents:\n  schemas:\n    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}\n    B: {type: string}\n",
        );
        let fc = fingerprint(&c, c.component_schema("A").unwrap());
        assert!(fc.contains("p:\"b\"=ref:\"B\""), "{fc}");
    }

    #[test]
    fn properties_with_the_same_schema_pair_up() {
        let base = api(
            "paths: {}\ncomponents:\n  schemas:\n    S:\n      type: object\n      properties:\n        name: {type: string}\n        count_n: {type: integer}\n",
        );
        let revision = api(
            "paths: {}\ncomponents:\n  schemas:\n    S:\n      type: object\n      properties:\n        full_name: {type: string}\n        count_m: {type: number}\n",
        );
        let props = |api: &Api, names: &[&'static str]| -> Vec<(&'static str, SchemaId)> {
            let s = api.schema(api.component_schema("S").unwrap());
            names.iter().map(|n| (*n, s.property(n).unwrap())).collect()
        };
        assert_eq!(
            property_renames(
                &base,
                &props(&base, &["name", "count_n"]),
                &revision,
                &props(&revision, &["full_name", "count_m"])
            ),
            [("name".to_string(), "full_name".to_string())],
            "count_n (integer) and count_m (number) differ in type: no rename"
        );
    }

    /// A plain schema says little: the names or descriptions must agree as well.
    #[test]
    fn plain_properties_pair_up_by_name_or_description() {
        let object = |props: &str| {
            api(&format!(
                "paths: {{}}\ncomponents:\n  schemas:\n    S:\n      type: object\n      properties:\n{props}"
            ))
        };
        let renames = |base: &str, revision: &str| {
            let (b, r) = (object(base), object(revision));
            let props = |api: &Api| -> Vec<(String, SchemaId)> {
                let s = api.schema(api.component_schema("S").unwrap());
                s.properties
                    .iter()
                    .map(|(n, id)| (n.clone(), *id))
                    .collect()
            };
            let (bp, rp) = (props(&b), props(&r));
            fn borrow(v: &[(String, SchemaId)]) -> Vec<(&str, SchemaId)> {
                v.iter().map(|(n, id)| (n.as_str(), *id)).collect()
            }
            property_renames(&b, &borrow(&bp), &r, &borrow(&rp))
        };
        let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        // Docker 1.44 -> 1.48: two unrelated booleans.
        assert!(
            renames(
                "        CheckDuplicate: {type: boolean, description: Deprecated.}\n",
                "        EnableIPv4: {type: boolean, description: Enable IPv4 on the network.}\n"
            )
            .is_empty()
        );
        assert_eq!(
            renames(
                "        max_response_output_tokens: {type: integer}\n",
                "        max_output_tokens: {type: integer}\n"
            ),
            pair("max_response_output_tokens", "max_output_tokens")
        );
        assert_eq!(
            renames(
                "        ID: {type: string}\n",
                "        Id: {type: string}\n"
            ),
            pair("ID", "Id")
        );
        // Vapi `NodeArtifact`, 2025.
        assert_eq!(
            renames(
                "        variables: {type: object}\n",
                "        variableValues: {type: object}\n"
            ),
            pair("variables", "variableValues")
        );
        assert_eq!(
            renames(
                "        user_name: {type: string}\n",
                "        username: {type: string}\n"
            ),
            pair("user_name", "username")
        );
        // Docker 1.25 -> 1.40: the network prune result, misnamed, then fixed.
        assert_eq!(
            renames(
                "        VolumesDeleted: {type: string, description: Networks that were deleted}\n",
                "        Removed: {type: string, description: Networks that were deleted}\n"
            ),
            pair("VolumesDeleted", "Removed")
        );
        // A shape with properties of its own needs no more.
        assert_eq!(
            renames(
                "        clan: {type: object, properties: {tag: {type: string}}}\n",
                "        primary_guild: {type: object, properties: {tag: {type: string}}}\n"
            ),
            pair("clan", "primary_guild")
        );
    }

    #[test]
    fn operations_reaching_a_schema_through_refs_and_cycles() {
        let a = api(
            "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Wrap'}\n  /b:\n    get:\n      responses:\n        '200': {description: ok}\ncomponents:\n  schemas:\n    Wrap:\n      type: object\n      properties:\n        self: {$ref: '#/components/schemas/Wrap'}\n        inner: {$ref: '#/components/schemas/Inner'}\n    Inner: {type: string}\n",
        );
        let ops = operations_reaching(
            &a,
            &[
                a.component_schema("Inner").unwrap(),
                a.component_schema("Wrap").unwrap(),
            ],
        );
        assert_eq!(ops[0].len(), 1);
        assert_eq!(ops[0][0].path, "/a");
        assert_eq!(ops[1].len(), 1, "a cycle through Wrap counts it once");
    }
}
