//! Composition: the oneOf/anyOf unions (branches paired by best match, a schema that became
//! a union, a union shared through a named allOf part), `not` and `if`/`then`/`else`.
//! Grouped because each combines whole schemas rather than constraining a value directly,
//! so a change is a schema added, removed or paired with its counterpart.

use super::json::missing_from;
use super::subschemas::compare_single;
use super::{Children, Compared, Edge, Facts, SchemaComparer, Side, View};
use crate::diff::branches;
use crate::diff::fact::SchemaFact;
use crate::model::{Api, Schema, SchemaId, TypeSet};
use rustc_hash::FxHashSet;
use serde_json::Value as Json;
use std::rc::Rc;

/// The oneOf/anyOf lists of both sides, but for a union on one side only that restates
/// that side's own enum: it changes no value.
pub(super) fn unions(p: &Compared<'_>) -> Vec<Union> {
    let (b, r) = (&p.base, &p.revision);
    union_lists(b.api, &b.view, r.api, &r.view)
        .into_iter()
        .filter(|u| {
            !(u.base.is_empty() && union_restates_enum(r.api, &r.view, &u.revision)
                || u.revision.is_empty() && union_restates_enum(b.api, &b.view, &u.base))
        })
        .collect()
}

/// The union a schema without one became, when it stands for the whole value: `anyOf`
/// beside properties of the revision's own, as `anyOf: [{required: [a]}, {required: [b]}]`,
/// constrains them instead.
pub(super) fn new_union<'u>(p: &Compared<'_>, unions: &'u [Union]) -> Option<&'u Union> {
    match unions {
        [u] if u.base.is_empty()
            && !u.revision.is_empty()
            && p.revision.view.properties.is_empty() =>
        {
            Some(u)
        }
        _ => None,
    }
}

impl<'a> SchemaComparer<'a> {
    /// Reports the schema becoming the union `u` (or being wrapped in it, properties and
    /// all), once rather than as every alternative added; returns the base properties that
    /// moved into the alternatives, which are then not reported removed.
    pub(super) fn compare_new_union(
        &mut self,
        p: &Compared<'a>,
        u: &Union,
        out: &mut Facts,
    ) -> Vec<&'a str> {
        let (bv, rv, rev_api) = (&p.base.view, &p.revision.view, p.revision.api);
        let mut moved: Vec<&'a str> = Vec::new();
        let mut labels: Vec<String> = Vec::new();
        let mut lost: Vec<String> = Vec::new();
        let branch_views: Vec<Rc<View<'a>>> = u
            .revision
            .iter()
            .map(|&y| self.view(Side::Revision, y))
            .collect();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for (&y, v) in u.revision.iter().zip(&branch_views) {
            labels.push(branches::label(rev_api, y));
            for &(name, _, _) in &v.properties {
                if seen.insert(name) {
                    moved.push(name);
                }
            }
        }
        for name in &bv.required {
            if !branch_views.iter().all(|v| v.required.contains(name)) {
                lost.push(name.to_string());
            }
        }
        out.push(if bv.properties.is_empty() {
            SchemaFact::BecameUnion {
                keyword: u.revision_keyword,
                labels,
            }
        } else {
            SchemaFact::WrappedInUnion {
                keyword: u.revision_keyword,
                labels,
                lost,
                tag: rv
                    .parts
                    .iter()
                    .find_map(|&p| rev_api.schema(p).discriminator.as_deref())
                    .map(|d| d.property_name.clone())
                    .filter(|name| !bv.properties.iter().any(|(n, _, _)| n == name)),
            }
        });
        moved
    }
}

pub(super) fn compare_not_and_conditionals(
    p: &Compared<'_>,
    out: &mut Facts,
    children: &mut Children,
) {
    type Sub = fn(&Schema) -> Option<SchemaId>;
    let keywords: [(&'static str, Edge, Sub); 4] = [
        ("not", Edge::Not, |s| s.extra().not),
        ("if", Edge::If, |s| s.extra().if_schema),
        ("then", Edge::Then, |s| s.extra().then_schema),
        ("else", Edge::Else, |s| s.extra().else_schema),
    ];
    for (keyword, edge, get) in keywords {
        compare_single(p, keyword, edge, get, out, children);
    }
}

/// A union that belongs to the same named allOf part on both sides (`{enum: [1], allOf:
/// [$ref TriggerType]}`) is that component's: compared once on its pair, so a branch it
/// loses is one change at the component, not one per place that uses it. Not when the
/// schema just became a union (`became_union`).
pub(super) fn shared_union_part<'a>(
    p: &Compared<'a>,
    became_union: bool,
) -> Option<(SchemaId, SchemaId)> {
    let union_part = |api: &'a Api, v: &View, own: SchemaId| {
        v.parts
            .iter()
            .copied()
            .find(|&p| {
                let s = api.schema(p);
                !s.one_of.is_empty() || !s.any_of.is_empty()
            })
            .filter(|&p| p != own)
            .and_then(|p| api.schema(p).name.as_deref().map(|n| (p, n)))
    };
    match (
        union_part(p.base.api, &p.base.view, p.base.id),
        union_part(p.revision.api, &p.revision.view, p.revision.id),
    ) {
        (Some((x, a)), Some((y, b))) if a == b && !became_union => Some((x, y)),
        _ => None,
    }
}

/// oneOf / anyOf branches, paired by best match (see `branches`) and compared pair by pair;
/// only what has no partner is a branch added or removed.
pub(super) fn compare_branches(
    p: &Compared<'_>,
    unions: &[Union],
    became_union: bool,
    out: &mut Facts,
    children: &mut Children,
) {
    let (base_api, rev_api) = (p.base.api, p.revision.api);
    for union in unions {
        if union.base.is_empty() && !union.revision.is_empty() && became_union {
            // Told once (by `compare_new_union`), not as every alternative added.
            continue;
        }
        let plan = branches::plan(base_api, &union.base, rev_api, &union.revision);
        for &(j, x, y) in &plan.pairs {
            children.push(((union.edge)(j), x, y));
        }
        let added: Vec<String> = plan
            .added
            .iter()
            .map(|&y| branches::label(rev_api, y))
            .collect();
        let removed: Vec<String> = plan
            .removed
            .iter()
            .map(|&x| branches::label(base_api, x))
            .collect();
        if !added.is_empty() {
            out.push(SchemaFact::BranchesAdded {
                keyword: union.revision_keyword,
                labels: added,
            });
        }
        if !removed.is_empty() {
            out.push(SchemaFact::BranchesRemoved {
                keyword: union.base_keyword,
                labels: removed,
            });
        }
    }
}

/// A schema wrapped into (or unwrapped from) a oneOf/anyOf that has it as one alternative.
pub(super) struct Wrapping {
    pub keyword: &'static str,
    pub edge: Edge,
    /// The schema and the alternative it matches, base first.
    pub pair: (SchemaId, SchemaId),
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

pub(super) fn wrapping(
    base: &Api,
    bv: &View,
    b_id: SchemaId,
    rev: &Api,
    rv: &View,
    r_id: SchemaId,
) -> Option<Wrapping> {
    fn one_of(s: &Schema) -> &[SchemaId] {
        &s.one_of
    }
    fn any_of(s: &Schema) -> &[SchemaId] {
        &s.any_of
    }
    let lists = |api, v| {
        (
            non_null_branches(api, v, one_of),
            non_null_branches(api, v, any_of),
        )
    };
    let (b1, b2) = lists(base, bv);
    let (r1, r2) = lists(rev, rv);
    // `concrete`: no branches, and a type or properties of its own; `wrapper`: branches of
    // one keyword, and neither type nor properties.
    let concrete = |v: &View, l1: &[SchemaId], l2: &[SchemaId]| {
        l1.is_empty() && l2.is_empty() && (v.types.is_some() || !v.properties.is_empty())
    };
    // A schema with an `enum` of its own is constrained by it whatever its branches say: it
    // is no bare wrapper, and its enum is compared with the other side's own enum.
    let wrapper = |api: &Api, v: &View, l1: &[SchemaId], l2: &[SchemaId]| {
        v.types.is_none()
            && v.properties.is_empty()
            && own_enum(api, v).is_none()
            && (l1.is_empty() != l2.is_empty())
    };
    let keyword_of = |l1: &[SchemaId]| -> (&'static str, fn(usize) -> Edge) {
        if l1.is_empty() {
            ("any-of", Edge::AnyOf)
        } else {
            ("one-of", Edge::OneOf)
        }
    };
    if concrete(bv, &b1, &b2) && wrapper(rev, rv, &r1, &r2) {
        let (keyword, edge_of) = keyword_of(&r1);
        let rl = if r1.is_empty() { r2 } else { r1 };
        if split_by_tag(base, bv, rev, &rl) {
            return None;
        }
        let (_, j) = *branches::pair(base, &[b_id], rev, &rl).first()?;
        return Some(Wrapping {
            keyword,
            edge: edge_of(j),
            pair: (b_id, rl[j]),
            added: (0..rl.len())
                .filter(|&k| k != j)
                .map(|k| branches::label(rev, rl[k]))
                .collect(),
            removed: Vec::new(),
        });
    }
    if wrapper(base, bv, &b1, &b2) && concrete(rv, &r1, &r2) {
        let (keyword, edge_of) = keyword_of(&b1);
        let bl = if b1.is_empty() { b2 } else { b1 };
        let (i, _) = *branches::pair(base, &bl, rev, &[r_id]).first()?;
        return Some(Wrapping {
            keyword,
            edge: edge_of(i),
            pair: (bl[i], r_id),
            added: Vec::new(),
            removed: (0..bl.len())
                .filter(|&k| k != i && !tag_taken_in(base, bl[k], rev, rv))
                .map(|k| branches::label(base, bl[k]))
                .collect(),
        });
    }
    None
}

/// Whether the base's values went to several alternatives, told apart by a tag: two or
/// more revision branches each fix a property to a value the base's `enum` for it lists.
/// OpenAI 2024-04 -> 09 `response_format`: `type: {enum: [text, json_object]}` became
/// `oneOf: [ResponseFormatText (type: text), ResponseFormatJsonObject (type: json_object),
/// ...]`. The base is then the whole union, not one alternative wrapped in it: paired with
/// one branch, the values the others took would read as removed.
fn split_by_tag(base: &Api, bv: &View, rev: &Api, rl: &[SchemaId]) -> bool {
    let lists_values = |&(_, id, _): &(&str, SchemaId, _)| {
        base.schema(id)
            .enum_values
            .as_deref()
            .is_some_and(|v| v.len() >= 2)
    };
    bv.properties.iter().any(lists_values)
        && rl
            .iter()
            .filter(|&&y| tag_listed(rev, &super::build_view(rev, y), base, bv))
            .count()
            >= 2
}

/// Whether a base branch's tag value is one the revision's schema lists for that property:
/// the alternative's values went back into the one schema (OpenAI 2024-09 -> 04, the
/// reverse of [`split_by_tag`]: `ResponseFormatJsonObject`'s `type: json_object` is in the
/// object's `type` enum), so it is no alternative removed.
fn tag_taken_in(base: &Api, branch: SchemaId, rev: &Api, rv: &View) -> bool {
    tag_listed(base, &super::build_view(base, branch), rev, rv)
}

/// Whether `branch` (in `tagged`) fixes a property to one value (a tag) that `lister`'s
/// `enum` of two or more values for that property (in `listing`) lists.
fn tag_listed(tagged: &Api, branch: &View, listing: &Api, lister: &View) -> bool {
    branch.properties.iter().any(|&(name, x, _)| {
        let Some(tag) = branches::tag_value(tagged.schema(x)) else {
            return false;
        };
        lister.properties.iter().any(|&(n, y, _)| {
            n == name
                && listing
                    .schema(y)
                    .enum_values
                    .as_deref()
                    .is_some_and(|values| {
                        values.len() >= 2 && values.iter().any(|v| super::json_eq(v, tag))
                    })
        })
    })
}

/// The `enum` of a schema's own (on it or an allOf part), not one of its branches'.
fn own_enum<'a>(api: &'a Api, v: &View) -> Option<&'a [Json]> {
    v.parts
        .iter()
        .find_map(|&p| api.schema(p).enum_values.as_deref())
}

/// Whether branches added beside an `enum` of the schema's own admit no value that enum did
/// not: every branch is an enum (or const) of values the own enum lists, and together they
/// list all of them. The own enum still decides what is valid, so such a union is a
/// description of the values (vapi's `language: {enum: [...], oneOf: [{title: ISO 639-1,
/// enum: [...]}, {title: Auto-detect, enum: [auto]}]}`), not a change on the wire.
fn union_restates_enum(api: &Api, v: &View, branches: &[SchemaId]) -> bool {
    let Some(own) = own_enum(api, v) else {
        return false;
    };
    let mut listed: Vec<Json> = Vec::new();
    for &b in branches {
        let s = api.schema(b);
        let values: Vec<Json> = match (&s.enum_values, &s.extra().const_value) {
            (Some(values), _) => values.to_vec(),
            (None, Some(c)) => vec![c.clone()],
            (None, None) => return false,
        };
        if !missing_from(&values, own).is_empty() {
            return false;
        }
        listed.extend(values);
    }
    !branches.is_empty() && missing_from(own, &listed).is_empty()
}

/// The one oneOf/anyOf list of a view (null branches left out), or nothing when it has
/// none or both.
pub(super) fn union_lists_of(api: &Api, v: &View) -> Vec<SchemaId> {
    fn one_of(s: &Schema) -> &[SchemaId] {
        &s.one_of
    }
    fn any_of(s: &Schema) -> &[SchemaId] {
        &s.any_of
    }
    let (l1, l2) = (
        non_null_branches(api, v, one_of),
        non_null_branches(api, v, any_of),
    );
    match (l1.is_empty(), l2.is_empty()) {
        (false, true) => l1,
        (true, false) => l2,
        _ => Vec::new(),
    }
}

/// One oneOf/anyOf list of each side, to be paired branch by branch.
pub(super) struct Union {
    base_keyword: &'static str,
    revision_keyword: &'static str,
    /// The edge to a revision branch, by its index.
    edge: fn(usize) -> Edge,
    base: Vec<SchemaId>,
    revision: Vec<SchemaId>,
}

/// The oneOf and anyOf lists of both sides. A side that uses one keyword only, facing a side
/// that also uses one only, gives one list whichever the keywords: a 3.1 rewrite may switch
/// them, and a nullable wrapper (`anyOf: [X, null]`) is a union of one alternative facing
/// `oneOf: [X, Y]`.
fn union_lists(base: &Api, bv: &View, rev: &Api, rv: &View) -> Vec<Union> {
    fn one_of(s: &Schema) -> &[SchemaId] {
        &s.one_of
    }
    fn any_of(s: &Schema) -> &[SchemaId] {
        &s.any_of
    }
    let (b1, b2) = (
        non_null_branches(base, bv, one_of),
        non_null_branches(base, bv, any_of),
    );
    let (r1, r2) = (
        non_null_branches(rev, rv, one_of),
        non_null_branches(rev, rv, any_of),
    );
    let single = |a: &[SchemaId], b: &[SchemaId]| a.is_empty() != b.is_empty();
    let b_single = single(&b1, &b2) || (b1.is_empty() && b2.is_empty());
    let r_single = single(&r1, &r2) || (r1.is_empty() && r2.is_empty());
    if b_single && r_single {
        let (base_keyword, bl) = if b1.is_empty() {
            ("any-of", b2)
        } else {
            ("one-of", b1)
        };
        let (revision_keyword, edge, rl): (_, fn(usize) -> Edge, _) = if r1.is_empty() {
            ("any-of", Edge::AnyOf, r2)
        } else {
            ("one-of", Edge::OneOf, r1)
        };
        // With no list on one side, the keyword is the other side's.
        let (base_keyword, revision_keyword) = match (bl.is_empty(), rl.is_empty()) {
            (true, false) => (revision_keyword, revision_keyword),
            (false, true) => (base_keyword, base_keyword),
            _ => (base_keyword, revision_keyword),
        };
        if bl.is_empty() && rl.is_empty() {
            return Vec::new();
        }
        return vec![Union {
            base_keyword,
            revision_keyword,
            edge,
            base: bl,
            revision: rl,
        }];
    }
    vec![
        Union {
            base_keyword: "one-of",
            revision_keyword: "one-of",
            edge: Edge::OneOf,
            base: b1,
            revision: r1,
        },
        Union {
            base_keyword: "any-of",
            revision_keyword: "any-of",
            edge: Edge::AnyOf,
            base: b2,
            revision: r2,
        },
    ]
}

/// The oneOf (or anyOf) branches of a view that are not `{type: 'null'}`, from the first part
/// that has any.
fn non_null_branches<'a>(
    api: &'a Api,
    v: &View,
    get: fn(&'a Schema) -> &'a [SchemaId],
) -> Vec<SchemaId> {
    v.parts
        .iter()
        .map(|&p| get(api.schema(p)))
        .find(|list| !list.is_empty())
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|&x| !is_null_branch(api, x))
        .collect()
}

pub(super) fn is_null_branch(api: &Api, id: SchemaId) -> bool {
    let s = api.schema(id);
    s.types == Some(TypeSet::NULL) && s.properties.is_empty() && s.all_of.is_empty()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compare, edges, facts};
    use super::*;

    /// Components `A` and `B`, objects with one property each, for branches to refer to.
    const AB: &str = "A: {type: object, properties: {a: {type: integer}}, required: [a]}\nB: {type: object, properties: {b: {type: integer}}}";

    #[test]
    fn branches_pair_by_best_match_and_the_rest_are_added_or_removed() {
        let outcome = compare(
            "S: {anyOf: [{type: string}, {type: integer}]}",
            "S: {anyOf: [{type: string}, {type: integer}, {type: boolean}]}",
        );
        assert_eq!(
            outcome.facts,
            [SchemaFact::BranchesAdded {
                keyword: "any-of",
                labels: vec!["boolean".into()]
            }]
        );
        assert_eq!(outcome.children.len(), 2);
        // Reordered branches pair by match, not position: the integer branch's own change
        // is on its pair, under the revision's index.
        let outcome = compare(
            "S: {oneOf: [{type: string}, {type: integer, maximum: 3}]}",
            "S: {oneOf: [{type: integer, maximum: 4}, {type: string}]}",
        );
        assert!(outcome.facts.is_empty());
        assert_eq!(outcome.children[0].0, Edge::OneOf(0));
        assert!(matches!(
            outcome.children[0].1.as_slice(),
            [SchemaFact::Limit { keyword: "max", .. }]
        ));
    }

    #[test]
    fn a_schema_that_became_a_union_is_one_fact() {
        assert_eq!(
            facts(
                &format!("S: {{description: d}}\n{AB}"),
                &format!(
                    "S: {{description: d, oneOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}]}}\n{AB}"
                )
            ),
            [SchemaFact::BecameUnion {
                keyword: "one-of",
                labels: vec!["A".into(), "B".into()]
            }]
        );
    }

    #[test]
    fn an_object_wrapped_in_a_union_reports_what_its_alternatives_lose() {
        let f = facts(
            &format!(
                "S: {{properties: {{x: {{type: string}}, a: {{type: integer}}}}, required: [x]}}\n{AB}"
            ),
            &format!(
                "S: {{oneOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}], discriminator: {{propertyName: kind}}}}\n{AB}"
            ),
        );
        assert_eq!(
            f[0],
            SchemaFact::WrappedInUnion {
                keyword: "one-of",
                labels: vec!["A".into(), "B".into()],
                lost: vec!["x".into()],
                tag: Some("kind".into())
            }
        );
        // `a` moved into an alternative; `x` is gone.
        assert!(matches!(&f[1], SchemaFact::PropertyRemoved { name, .. } if name == "x"));
        assert_eq!(f[2..], [SchemaFact::DiscriminatorAdded]);
    }

    #[test]
    fn a_union_restating_the_own_enum_changes_nothing() {
        assert!(
            facts(
                "S: {type: string, enum: [a, b]}",
                "S: {type: string, enum: [a, b], oneOf: [{title: A, enum: [a]}, {title: B, enum: [b]}]}"
            )
            .is_empty()
        );
        // A branch admitting a value the enum does not list is a change.
        assert!(
            !facts(
                "S: {type: string, enum: [a, b]}",
                "S: {type: string, enum: [a, b], oneOf: [{title: A, enum: [a]}, {title: C, enum: [c]}]}"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_union_of_a_shared_allof_part_is_compared_on_the_part() {
        let u = "U: {oneOf: [{type: string}, {type: integer}]}";
        let outcome = compare(
            &format!("S: {{enum: [1, 2], allOf: [{{$ref: '#/components/schemas/U'}}]}}\n{u}"),
            "S: {enum: [1, 2], allOf: [{$ref: '#/components/schemas/U'}]}\nU: {oneOf: [{type: string}]}",
        );
        assert!(outcome.facts.is_empty());
        assert_eq!(
            outcome.children,
            [(
                Edge::Unwrap,
                vec![SchemaFact::BranchesRemoved {
                    keyword: "one-of",
                    labels: vec!["integer".into()]
                }]
            )]
        );
    }

    #[test]
    fn not_and_conditionals_are_single_sub_schemas() {
        assert_eq!(
            facts(
                "S: {type: string}",
                "S: {type: string, not: {enum: [a]}, if: {maxLength: 1}, then: {}}"
            ),
            [
                SchemaFact::SubschemaAdded("not"),
                SchemaFact::SubschemaAdded("if"),
                SchemaFact::SubschemaAdded("then"),
            ]
        );
        assert_eq!(
            edges(
                "S: {type: string, not: {enum: [a]}, else: {}}",
                "S: {type: string, not: {enum: [b]}, else: {}}"
            ),
            [Edge::Not, Edge::Else]
        );
    }
}
