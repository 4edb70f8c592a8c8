//! Pairing the branches of two `oneOf`/`anyOf` lists, so that each pair can be compared like
//! any two schemas and only what has no partner is reported as a branch added or removed.
//!
//! How pairing works: every (base branch, revision branch) couple gets a score, and couples
//! are taken greedily from the highest score down (ties go to the couple whose positions are
//! closest), each branch at most once. The score says why two branches are the same:
//!
//! 1. the same component (`$ref` target; a 3.1 `$ref` with sibling keywords, or an
//!    annotation-only `allOf: [$ref X]`, names X too);
//! 2. the same `title`;
//! 3. a similar shape: the types, property names, enum values, `const` and `format`, each
//!    compared as sets and weighted (properties most). Types that cannot overlap, objects
//!    that share no property name or different `const`s never pair.
//!
//! Two branches that name different components (or carry different titles) pair only when
//! their shapes are nearly the same ([`SAME_SHAPE`]): a component renamed, not a different
//! alternative; or when they carry a tag (a property fixed to one value, `type: say`) that
//! no other branch of either list carries, the value clients send to pick that
//! alternative. An inline branch pairs from [`SIMILAR`] on, so editing it (an enum value
//! added, a property added) compares it instead of reporting a branch swap.

use crate::model::{Api, Schema, SchemaId, TypeSet};
use serde_json::Value as Json;

/// The lowest shape score at which two branches, at least one of them unnamed, pair.
pub(crate) const SIMILAR: u32 = 50;
/// The lowest shape score at which two branches with different names (or titles) pair.
pub(crate) const SAME_SHAPE: u32 = 90;

/// What pairing looks at in one branch, through `$ref` and `allOf` parts.
#[derive(Debug, Default)]
struct Signature<'a> {
    name: Option<&'a str>,
    title: Option<&'a str>,
    /// `None`: any type. Null is left out: nullability is compared on the pair.
    types: Option<TypeSet>,
    properties: Vec<&'a str>,
    enum_values: Option<&'a [Json]>,
    const_value: Option<&'a Json>,
    format: Option<&'a str>,
    /// Properties fixed to one value (`type: {enum: [5]}`, `kind: {const: cat}`): the tag a
    /// variant of a union is told apart by. Two branches whose tags differ never pair, however
    /// alike the rest (Discord's select components differ only there).
    tags: Vec<(&'a str, &'a Json)>,
    /// Nothing but a union itself: pairs only with another union (its alternatives are
    /// looked into by [`plan`]).
    union: bool,
    /// An array's items, looked at the same way: two arrays of different components are
    /// different alternatives (GitHub's `anyOf: [starred-repository[], repository[]]`).
    items: Option<Box<Signature<'a>>>,
}

impl<'a> Signature<'a> {
    fn of(api: &'a Api, id: SchemaId) -> Self {
        Self::of_at(api, id, 0)
    }

    /// `depth`: how many arrays up this one is an array's items (items of items are looked
    /// at, no deeper).
    fn of_at(api: &'a Api, id: SchemaId, depth: u32) -> Self {
        let mut sig = Signature {
            name: component_name(api, id),
            types: super::schema::declared_types(api, id, 0).map(|mut t| {
                t.remove(TypeSet::NULL);
                t
            }),
            union: nested_union(api, id).is_some(),
            ..Default::default()
        };
        let mut seen: Vec<SchemaId> = Vec::new();
        let mut stack = vec![id];
        while let Some(p) = stack.pop() {
            if seen.contains(&p) || seen.len() > 32 {
                continue;
            }
            seen.push(p);
            let s = api.schema(p);
            sig.title = sig.title.or(s.title.as_deref());
            sig.enum_values = sig.enum_values.or(s.enum_values.as_deref());
            sig.const_value = sig.const_value.or(s.extra().const_value.as_ref());
            sig.format = sig.format.or(s.format.as_deref());
            for (name, child) in &s.properties {
                if !sig.properties.contains(&name.as_str()) {
                    sig.properties.push(name);
                    if let Some(value) = tag_value(api.schema(*child)) {
                        sig.tags.push((name, value));
                    }
                }
            }
            if sig.items.is_none()
                && depth < 2
                && let Some(items) = s.items
            {
                sig.items = Some(Box::new(Signature::of_at(api, items, depth + 1)));
            }
            stack.extend(s.all_of.iter().rev());
            stack.extend(s.reference);
        }
        sig
    }
}

/// The component a branch names: its own name, or the target of a 3.1 `$ref` with sibling
/// keywords, or of an `allOf` with that one part and annotations beside it.
pub(crate) fn component_name(api: &Api, id: SchemaId) -> Option<&str> {
    let mut id = id;
    for _ in 0..8 {
        let s = api.schema(id);
        if let Some(name) = &s.name {
            return Some(name);
        }
        if let Some(name) = s.extra().unresolved_ref.as_deref().and_then(target_name) {
            return Some(name);
        }
        id = match (s.reference, s.all_of.as_slice()) {
            (Some(target), []) => target,
            (None, [only]) if is_annotation_only(s) => *only,
            _ => return None,
        };
    }
    None
}

/// The component an unresolved `$ref` names (`#/components/schemas/Pet`, 2.0
/// `#/definitions/Pet`, in this file or another): Vapi 2025-05 refers to a
/// `SayAssistantHookAction` it does not define, and 2025-06 defines it. The branch is that
/// component on both sides, compared as a reference that resolves on one side only, not
/// one branch removed and another added. A name that needs unescaping is left unnamed.
fn target_name(reference: &str) -> Option<&str> {
    let pointer = &reference[reference.find('#')? + 1..];
    let name = pointer
        .strip_prefix("/components/schemas/")
        .or_else(|| pointer.strip_prefix("/definitions/"))?;
    let plain = !name.is_empty() && !name.contains(['/', '~', '%']);
    plain.then_some(name)
}

/// Whether a schema says nothing about its values beyond its `$ref`/`allOf` parts: only
/// documentation, flags, default, examples and extensions (and 3.0 `nullable`).
pub(crate) fn is_annotation_only(s: &Schema) -> bool {
    s.types.is_none()
        && s.format.is_none()
        && s.enum_values.is_none()
        && s.properties.is_empty()
        && s.required.is_empty()
        && s.additional_properties.is_none()
        && s.items.is_none()
        && s.one_of.is_empty()
        && s.any_of.is_empty()
        && s.discriminator.is_none()
        && s.limits().minimum.is_none()
        && s.limits().maximum.is_none()
        && s.limits().min_length.is_none()
        && s.limits().max_length.is_none()
        && s.limits().pattern.is_none()
        && s.limits().min_items.is_none()
        && s.limits().max_items.is_none()
        && !s.limits().unique_items
        && !s.never
        && s.extra.as_deref().is_none_or(|x| {
            x.unresolved_ref.is_none()
                && x.contains.is_none()
                && x.not.is_none()
                && x.const_value.is_none()
                && x.multiple_of.is_none()
                && x.prefix_items.is_empty()
                && x.pattern_properties.is_empty()
                && x.property_names.is_none()
                && x.unevaluated_items.is_none()
                && x.unevaluated_properties.is_none()
                && x.min_properties.is_none()
                && x.max_properties.is_none()
                && x.dependent_required.is_empty()
                && x.dependent_schemas.is_empty()
                && x.if_schema.is_none()
                && x.content_media_type.is_none()
                && x.content_encoding.is_none()
        })
}

/// How much two branches look alike, 0 to 100; 0 also when they cannot be the same.
fn shape_score(b: &Signature, r: &Signature) -> u32 {
    // (weight, similarity 0..=1) of each feature either side has.
    let mut features: Vec<(f64, f64)> = Vec::new();
    match (b.types, r.types) {
        (Some(x), Some(y)) => {
            let overlap = x.is_subset_of(y) || y.is_subset_of(x) || x.bits() & y.bits() != 0;
            if !(overlap || x.is_empty() || y.is_empty()) {
                return 0;
            }
            features.push((3.0, if x == y { 1.0 } else { 0.5 }));
        }
        (None, None) => {}
        _ => features.push((3.0, 0.3)),
    }
    let tags_differ = b.tags.iter().any(|(name, x)| {
        r.tags
            .iter()
            .any(|(other, y)| name == other && !super::schema::json_eq(x, y))
    });
    if tags_differ {
        return 0;
    }
    if !b.properties.is_empty() || !r.properties.is_empty() {
        let shared = b
            .properties
            .iter()
            .filter(|p| r.properties.contains(p))
            .count();
        if shared == 0 && !b.properties.is_empty() && !r.properties.is_empty() {
            return 0;
        }
        let all = b.properties.len() + r.properties.len() - shared;
        features.push((4.0, shared as f64 / all as f64));
    }
    match (b.enum_values, r.enum_values) {
        (Some(x), Some(y)) => {
            let shared = x
                .iter()
                .filter(|v| y.iter().any(|w| super::schema::json_eq(v, w)))
                .count();
            let all = (x.len() + y.len() - shared).max(1);
            features.push((3.0, 0.3 + 0.7 * shared as f64 / all as f64));
        }
        (None, None) => {}
        _ => features.push((3.0, 0.0)),
    }
    match (b.const_value, r.const_value) {
        (Some(x), Some(y)) if !super::schema::json_eq(x, y) => return 0,
        (Some(_), Some(_)) => features.push((2.0, 1.0)),
        (None, None) => {}
        _ => features.push((2.0, 0.0)),
    }
    if b.format.is_some() || r.format.is_some() {
        features.push((1.0, if b.format == r.format { 1.0 } else { 0.0 }));
    }
    if let (Some(x), Some(y)) = (&b.items, &r.items) {
        // Items of one component are the same items; of two different ones, alike only as
        // far as their shapes are.
        let alike = match (x.name, y.name) {
            (Some(m), Some(n)) if m == n => 1.0,
            _ => f64::from(shape_score(x, y)) / 100.0,
        };
        features.push((4.0, alike));
    }
    let weight: f64 = features.iter().map(|(w, _)| w).sum();
    if weight == 0.0 {
        // Two schemas that say nothing (`{}`): alike.
        return 100;
    }
    let score: f64 = features.iter().map(|(w, s)| w * s).sum::<f64>() / weight;
    (score * 100.0).round() as u32
}

/// The score of a couple, or `None` when they must not pair.
fn couple_score(b: &Signature, r: &Signature) -> Option<u32> {
    if let (Some(x), Some(y)) = (b.name, r.name)
        && x == y
    {
        return Some(1000);
    }
    if b.union != r.union {
        return None;
    }
    let shape = shape_score(b, r);
    if let (Some(x), Some(y)) = (b.title, r.title)
        && x == y
    {
        return Some(500 + shape);
    }
    let distinct = matches!((b.name, r.name), (Some(_), Some(_)))
        || matches!((b.title, r.title), (Some(_), Some(_)));
    let needed = if distinct { SAME_SHAPE } else { SIMILAR };
    (shape >= needed).then_some(shape)
}

/// Pairs base branches `bl` with revision branches `rl`: (index in `bl`, index in `rl`), in
/// the order they were taken (best first).
pub fn pair(base: &Api, bl: &[SchemaId], rev: &Api, rl: &[SchemaId]) -> Vec<(usize, usize)> {
    let bs: Vec<Signature> = bl.iter().map(|&b| Signature::of(base, b)).collect();
    let rs: Vec<Signature> = rl.iter().map(|&r| Signature::of(rev, r)).collect();
    let mut couples: Vec<(u32, usize, usize)> = Vec::new();
    for (i, b) in bs.iter().enumerate() {
        for (j, r) in rs.iter().enumerate() {
            let score = couple_score(b, r).or_else(|| {
                let tagged = b.union == r.union && shares_a_unique_tag(&bs, i, &rs, j);
                tagged.then(|| shape_score(b, r)).filter(|&s| s > 0)
            });
            if let Some(score) = score {
                couples.push((score, i, j));
            }
        }
    }
    couples.sort_by(|x, y| {
        y.0.cmp(&x.0)
            .then_with(|| x.1.abs_diff(x.2).cmp(&y.1.abs_diff(y.2)))
            .then_with(|| (x.1, x.2).cmp(&(y.1, y.2)))
    });
    let (mut b_taken, mut r_taken) = (vec![false; bl.len()], vec![false; rl.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in couples {
        if !b_taken[i] && !r_taken[j] {
            b_taken[i] = true;
            r_taken[j] = true;
            pairs.push((i, j));
        }
    }
    // The one branch left on each side, both an enum of one scalar type: the same
    // alternative with its values edited (Vapi 2026-02-12 -> 04-22 `RimeAIVoice.voiceId`:
    // "Preset Voice Options", 91 voices, became "Suggested Voice Options", 50), not one
    // alternative removed and another added.
    let b_left: Vec<usize> = (0..bl.len()).filter(|&i| !b_taken[i]).collect();
    let r_left: Vec<usize> = (0..rl.len()).filter(|&j| !r_taken[j]).collect();
    if let ([i], [j]) = (b_left.as_slice(), r_left.as_slice())
        && edited_enum(&bs[*i], &rs[*j])
    {
        pairs.push((*i, *j));
    }
    pairs
}

/// The one value a property schema fixes (`enum: [say]`, `const: say`): a tag, when the
/// property tells the alternatives of a union apart.
pub(crate) fn tag_value(s: &Schema) -> Option<&Json> {
    match (s.enum_values.as_deref(), s.extra().const_value.as_ref()) {
        (Some([one]), _) => Some(one),
        (None, Some(value)) => Some(value),
        _ => None,
    }
}

/// Whether branch `i` of `bs` and branch `j` of `rs` carry a tag (a property fixed to one
/// value) that no other branch of their list carries: the value a client sends to say
/// which alternative it means, so the two are one alternative whatever their components
/// are called. Vapi 2025-06 -> 08 renamed the hook action `SayAssistantHookAction`
/// (`type: say`) to `SayHookAction` and gave it an optional `prompt`: one branch edited,
/// not one removed and another added. A value several branches share (Stripe's `object:
/// list`) tells nothing apart.
fn shares_a_unique_tag(bs: &[Signature], i: usize, rs: &[Signature], j: usize) -> bool {
    let carriers = |list: &[Signature], name: &str, value: &Json| {
        list.iter()
            .filter(|s| {
                s.tags
                    .iter()
                    .any(|(n, v)| *n == name && super::schema::json_eq(v, value))
            })
            .count()
    };
    bs[i].tags.iter().any(|(name, value)| {
        rs[j]
            .tags
            .iter()
            .any(|(n, v)| n == name && super::schema::json_eq(v, value))
            && carriers(bs, name, value) == 1
            && carriers(rs, name, value) == 1
    })
}

/// Whether two branches are both an enum of the same scalar type and nothing else that tells
/// alternatives apart (two components of different names stay two alternatives).
fn edited_enum(b: &Signature, r: &Signature) -> bool {
    let scalar = |s: &Signature| {
        s.enum_values.is_some()
            && s.types.is_some_and(|t| {
                !t.is_empty() && !t.overlaps(TypeSet::OBJECT) && !t.overlaps(TypeSet::ARRAY)
            })
            && s.properties.is_empty()
            && s.tags.is_empty()
            && s.const_value.is_none()
            && !s.union
            && s.items.is_none()
    };
    let distinct_components = matches!((b.name, r.name), (Some(x), Some(y)) if x != y);
    scalar(b) && scalar(r) && b.types == r.types && b.format == r.format && !distinct_components
}

/// How two lists of branches correspond: pairs to compare and what is left over.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// (index of the revision branch the pair hangs under, base schema, revision schema).
    pub pairs: Vec<(usize, SchemaId, SchemaId)>,
    /// Revision schemas without a partner.
    pub added: Vec<SchemaId>,
    /// Base schemas without a partner.
    pub removed: Vec<SchemaId>,
}

/// Pairs two branch lists ([`pair`]), then looks one level into branches that are unions
/// themselves: `oneOf: [string, A, B]` -> `oneOf: [$ref Item, $ref Items]` with
/// `Item: oneOf: [string, A, B, C]` moved the alternatives into `Item` (and added `C`), it
/// did not remove three of them.
pub(crate) fn plan(base: &Api, bl: &[SchemaId], rev: &Api, rl: &[SchemaId]) -> Plan {
    let top = pair(base, bl, rev, rl);
    let mut out = Plan::default();
    for &(i, j) in &top {
        out.pairs.push((j, bl[i], rl[j]));
    }
    let mut b_left: Vec<usize> = (0..bl.len())
        .filter(|i| !top.iter().any(|(m, _)| m == i))
        .collect();
    let mut r_left: Vec<usize> = (0..rl.len())
        .filter(|j| !top.iter().any(|(_, m)| m == j))
        .collect();
    let (mut added_inside, mut removed_inside) = (Vec::new(), Vec::new());
    // A revision branch that is a union taking in base alternatives.
    for j in r_left.clone() {
        let Some(inner) = nested_union(rev, rl[j]) else {
            continue;
        };
        let candidates: Vec<SchemaId> = b_left.iter().map(|&i| bl[i]).collect();
        let m = pair(base, &candidates, rev, &inner);
        if m.is_empty() {
            continue;
        }
        for &(c, k) in &m {
            out.pairs.push((j, candidates[c], inner[k]));
        }
        let taken: Vec<usize> = m.iter().map(|&(c, _)| b_left[c]).collect();
        b_left.retain(|i| !taken.contains(i));
        r_left.retain(|&k| k != j);
        added_inside.extend(
            (0..inner.len())
                .filter(|k| !m.iter().any(|(_, x)| x == k))
                .map(|k| inner[k]),
        );
    }
    // A base branch that was a union whose alternatives moved to the top.
    for i in b_left.clone() {
        let Some(inner) = nested_union(base, bl[i]) else {
            continue;
        };
        let candidates: Vec<SchemaId> = r_left.iter().map(|&j| rl[j]).collect();
        let m = pair(base, &inner, rev, &candidates);
        if m.is_empty() {
            continue;
        }
        for &(k, c) in &m {
            out.pairs.push((r_left[c], inner[k], candidates[c]));
        }
        let taken: Vec<usize> = m.iter().map(|&(_, c)| r_left[c]).collect();
        r_left.retain(|j| !taken.contains(j));
        b_left.retain(|&k| k != i);
        removed_inside.extend(
            (0..inner.len())
                .filter(|k| !m.iter().any(|(x, _)| x == k))
                .map(|k| inner[k]),
        );
    }
    // In the revision's order, as the branches are written.
    out.pairs.sort_by_key(|&(j, _, _)| j);
    out.added = r_left.iter().map(|&j| rl[j]).chain(added_inside).collect();
    out.removed = b_left
        .iter()
        .map(|&i| bl[i])
        .chain(removed_inside)
        .collect();
    out
}

/// The alternatives of a branch that is nothing but a union (through a `$ref` with
/// annotations beside it), null alternatives left out.
fn nested_union(api: &Api, id: SchemaId) -> Option<Vec<SchemaId>> {
    let mut id = id;
    for _ in 0..8 {
        let s = api.schema(id);
        id = match (s.reference, s.all_of.as_slice()) {
            (Some(target), []) if is_annotation_only(s) => target,
            (None, [only]) if is_annotation_only(s) => *only,
            _ => break,
        };
    }
    let s = api.schema(id);
    if s.types.is_some_and(|t| t != TypeSet::NULL) || !s.properties.is_empty() {
        return None;
    }
    let list = match (s.one_of.is_empty(), s.any_of.is_empty()) {
        (false, true) => &s.one_of,
        (true, false) => &s.any_of,
        _ => return None,
    };
    let inner: Vec<SchemaId> = list
        .iter()
        .copied()
        .filter(|&b| api.schema(b).types != Some(TypeSet::NULL))
        .collect();
    (!inner.is_empty()).then_some(inner)
}

/// How a branch is named in messages: its component, its title, or its type.
pub fn label(api: &Api, id: SchemaId) -> String {
    if let Some(name) = component_name(api, id) {
        return name.to_string();
    }
    let s = api.schema(id);
    if let Some(title) = &s.title {
        return title.to_string();
    }
    if let Some(v) = &s.extra().const_value {
        return serde_json::to_string(v).unwrap_or_default();
    }
    // An array of a component: `Pet[]`.
    if let Some(items) = s.items
        && let Some(name) = component_name(api, items)
    {
        return format!("{name}[]");
    }
    match s.types {
        Some(t) if s.enum_values.is_some() => format!("{} enum", t.names().join("|")),
        Some(t) => t.names().join("|"),
        // `anyOf: [{required: [a]}, {required: [b]}]`: named by what it requires.
        None if !s.required.is_empty() => format!("required {}", s.required.join(", ")),
        None if !s.properties.is_empty() => "object".into(),
        None => "schema".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{FileLocation, LoadOptions, Workspace};
    use std::path::PathBuf;

    fn api(text: &str) -> Api {
        let ws = Workspace::load_bytes(
            FileLocation::Path(PathBuf::from("t.yaml")),
            text.as_bytes().to_vec(),
            &LoadOptions::default(),
        )
        .unwrap();
        crate::model::build(&ws).0
    }

    /// The branches of component `Union` in a 3.1 document whose schemas are `schemas`.
    fn union(schemas: &str) -> (Api, Vec<SchemaId>) {
        let text = format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        let api = api(&text);
        let id = api.component_schema("Union").expect("Union");
        let s = api.schema(id);
        let list = if s.one_of.is_empty() {
            s.any_of.to_vec()
        } else {
            s.one_of.to_vec()
        };
        (api, list)
    }

    fn pairs(base: &str, revision: &str) -> Vec<(usize, usize)> {
        let (b, bl) = union(base);
        let (r, rl) = union(revision);
        let mut p = pair(&b, &bl, &r, &rl);
        p.sort();
        p
    }

    #[test]
    fn an_edited_enum_branch_pairs_with_itself_not_with_the_open_string() {
        let base = "    Union:\n      anyOf:\n        - type: string\n        - {type: string, enum: [a, b]}\n";
        let rev = "    Union:\n      anyOf:\n        - type: string\n        - {type: string, enum: [a, b, c]}\n";
        assert_eq!(pairs(base, rev), [(0, 0), (1, 1)]);
        // Reordered: still by content, not by position.
        let rev = "    Union:\n      anyOf:\n        - {type: string, enum: [a, b, c]}\n        - type: string\n";
        assert_eq!(pairs(base, rev), [(0, 1), (1, 0)]);
    }

    #[test]
    fn the_one_enum_left_on_each_side_is_that_enum_edited() {
        // Vapi 2026-02-12 -> 04-22 `RimeAIVoice.voiceId`: retitled, 3 of 5 values changed.
        let base = "    Union:\n      oneOf:\n        - {title: Preset, type: string, enum: [a, b, c, d, e]}\n        - type: string\n";
        let rev = "    Union:\n      oneOf:\n        - {title: Suggested, type: string, enum: [a, b, x, y, z]}\n        - type: string\n";
        assert_eq!(pairs(base, rev), [(0, 0), (1, 1)]);
        // Not an enum of another type, nor beside another unpaired branch.
        let integers = rev.replace(
            "type: string, enum: [a, b, x, y, z]",
            "type: integer, enum: [1, 2]",
        );
        assert_eq!(pairs(base, &integers), [(1, 1)]);
        let two_left = rev.replace(
            "        - type: string\n",
            "        - type: string\n        - {title: Other, type: string, enum: [q]}\n",
        );
        assert_eq!(pairs(base, &two_left), [(1, 1)]);
    }

    #[test]
    fn a_ref_with_siblings_is_the_same_branch_as_the_plain_ref() {
        let x = "    X: {type: object, properties: {a: {type: string}}}\n";
        let base = format!(
            "{x}    Union:\n      oneOf:\n        - {{type: string, format: binary}}\n        - $ref: '#/components/schemas/X'\n"
        );
        let rev = format!(
            "{x}    Union:\n      oneOf:\n        - {{type: string, format: binary}}\n        - {{$ref: '#/components/schemas/X', description: d}}\n"
        );
        assert_eq!(pairs(&base, &rev), [(0, 0), (1, 1)]);
    }

    #[test]
    fn different_components_pair_only_when_shaped_alike() {
        let schemas = "    A: {type: object, properties: {kind: {type: string}, a: {type: string}}}\n    B: {type: object, properties: {kind: {type: string}, b: {type: string}}}\n    C: {type: object, properties: {kind: {type: string}, c: {type: string}}}\n";
        let base = format!(
            "{schemas}    Union:\n      oneOf:\n        - $ref: '#/components/schemas/A'\n        - $ref: '#/components/schemas/B'\n"
        );
        let rev = format!(
            "{schemas}    Union:\n      oneOf:\n        - $ref: '#/components/schemas/A'\n        - $ref: '#/components/schemas/C'\n"
        );
        assert_eq!(pairs(&base, &rev), [(0, 0)]);
    }

    #[test]
    fn a_renamed_component_pairs_by_the_tag_only_it_carries() {
        // Vapi 2025-06 -> 08: `SayAssistantHookAction` became `SayHookAction` with an
        // optional `prompt` (shape 81, under SAME_SHAPE); `type: say` says it is the same.
        let base_schemas = "    Transfer: {type: object, properties: {type: {type: string, enum: [transfer]}, to: {type: string}}}\n    SayOld: {type: object, properties: {type: {type: string, enum: [say]}, exact: {type: string}}}\n";
        let rev_schemas = "    Transfer: {type: object, properties: {type: {type: string, enum: [transfer]}, to: {type: string}}}\n    SayNew: {type: object, properties: {type: {type: string, enum: [say]}, prompt: {type: string}, exact: {type: string}}}\n";
        let union = |a: &str, b: &str| {
            format!(
                "    Union:\n      oneOf:\n        - $ref: '#/components/schemas/{a}'\n        - $ref: '#/components/schemas/{b}'\n"
            )
        };
        let base = format!("{base_schemas}{}", union("Transfer", "SayOld"));
        let rev = format!("{rev_schemas}{}", union("Transfer", "SayNew"));
        assert_eq!(pairs(&base, &rev), [(0, 0), (1, 1)]);
        // A tag two branches share tells nothing apart: the shape alone decides.
        let shared = |schemas: &str| schemas.replace("enum: [transfer]", "enum: [say]");
        let base = format!("{}{}", shared(base_schemas), union("Transfer", "SayOld"));
        let rev = format!("{}{}", shared(rev_schemas), union("Transfer", "SayNew"));
        assert_eq!(pairs(&base, &rev), [(0, 0)]);
    }

    #[test]
    fn arrays_pair_by_their_items() {
        // GitHub 2020-11 -> 2021-06, `GET /users/{username}/starred`: the repository list
        // became `anyOf: [starred-repository[], repository[]]`.
        let schemas = "    Repo: {type: object, properties: {id: {type: integer}, name: {type: string}}}\n    Starred: {type: object, properties: {starred_at: {type: string}, repo: {$ref: '#/components/schemas/Repo'}}}\n";
        let base = format!(
            "{schemas}    Union:\n      anyOf:\n        - {{type: array, items: {{$ref: '#/components/schemas/Repo'}}}}\n"
        );
        let rev = format!(
            "{schemas}    Union:\n      anyOf:\n        - {{type: array, items: {{$ref: '#/components/schemas/Starred'}}}}\n        - {{type: array, items: {{$ref: '#/components/schemas/Repo'}}}}\n"
        );
        assert_eq!(pairs(&base, &rev), [(0, 1)]);
        let (r, rl) = union(&rev);
        assert_eq!(label(&r, rl[0]), "Starred[]");
    }

    #[test]
    fn an_inline_object_with_a_property_added_pairs() {
        let base = "    Union:\n      oneOf:\n        - {type: object, properties: {x: {type: string}, y: {type: string}}}\n        - {type: object, properties: {p: {type: string}, q: {type: string}}}\n";
        let rev = "    Union:\n      oneOf:\n        - {type: object, properties: {p: {type: string}, q: {type: string}, r: {type: string}}}\n        - {type: object, properties: {x: {type: string}, y: {type: string}}}\n";
        assert_eq!(pairs(base, rev), [(0, 1), (1, 0)]);
    }

    #[test]
    fn types_that_cannot_overlap_and_different_consts_never_pair() {
        let base = "    Union:\n      oneOf:\n        - type: string\n        - {const: 1}\n";
        let rev = "    Union:\n      oneOf:\n        - type: integer\n        - {const: 2}\n";
        assert_eq!(pairs(base, rev), []);
    }

    #[test]
    fn variants_told_apart_by_a_fixed_property_pair_by_it() {
        // Renamed select components, alike but for their `type` tag, listed in another order.
        let variant = |title: &str, tag: u32| {
            format!(
                "        - {{title: {title}, type: object, properties: {{type: {{enum: [{tag}]}}, id: {{type: string}}}}}}\n"
            )
        };
        let base = format!(
            "    Union:\n      oneOf:\n{}{}",
            variant("UserSelect", 5),
            variant("RoleSelect", 6)
        );
        let rev = format!(
            "    Union:\n      oneOf:\n{}{}",
            variant("RoleSelectForRequest", 6),
            variant("UserSelectForRequest", 5)
        );
        let mut found = pairs(&base, &rev);
        found.sort();
        assert_eq!(found, [(0, 1), (1, 0)]);
    }

    #[test]
    fn alternatives_moved_into_a_nested_union_are_not_removed() {
        let common = "    A: {type: object, properties: {a: {type: string}}}\n    B: {type: object, properties: {b: {type: string}}}\n    C: {type: object, properties: {c: {type: string}}}\n";
        let base = format!(
            "{common}    Union:\n      oneOf:\n        - type: string\n        - $ref: '#/components/schemas/A'\n        - $ref: '#/components/schemas/B'\n"
        );
        let rev = format!(
            "{common}    Item:\n      oneOf:\n        - type: string\n        - $ref: '#/components/schemas/A'\n        - $ref: '#/components/schemas/B'\n        - $ref: '#/components/schemas/C'\n    Union:\n      oneOf:\n        - $ref: '#/components/schemas/Item'\n        - {{type: array, items: {{$ref: '#/components/schemas/Item'}}}}\n"
        );
        let (b, bl) = union(&base);
        let (r, rl) = union(&rev);
        let plan = plan(&b, &bl, &r, &rl);
        // string, A and B are compared with their places inside Item (under branch #1).
        assert_eq!(plan.pairs.len(), 3);
        assert!(plan.pairs.iter().all(|&(j, _, _)| j == 0));
        assert!(plan.removed.is_empty());
        let added: Vec<String> = plan.added.iter().map(|&y| label(&r, y)).collect();
        assert_eq!(added, ["Item[]", "C"]);
    }

    #[test]
    fn labels_name_the_component_through_siblings() {
        let (api, list) = union(
            "    X: {type: object}\n    Union:\n      oneOf:\n        - {$ref: '#/components/schemas/X', description: d}\n        - {type: string, enum: [a]}\n        - {const: 3}\n",
        );
        let labels: Vec<String> = list.iter().map(|&b| label(&api, b)).collect();
        assert_eq!(labels, ["X", "string enum", "3"]);
    }
}
