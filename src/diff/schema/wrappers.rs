//! Schemas that stand for another schema: a nullable wrapper (`oneOf: [{type: 'null'}, X]`),
//! an annotated reference (`allOf: [$ref X]` with a description beside it), and a schema
//! wrapped into (or unwrapped from) a union with it as one alternative. Such a pair compares
//! only what the wrapper says itself, nullability and annotations, and hands on the pair of
//! what it wraps: so a change inside X is one change however many wrappers reach it, and
//! adding a wrapper does not read as every keyword of X removed.

use super::annotations::{Annotations, compare_annotations};
use super::composition::{is_null_branch, union_lists_of, wrapping};
use super::types::compare_nullability;
use super::{Compared, ComparedAbove, Edge, Facts, Operand, build_view};
use crate::diff::branches;
use crate::diff::fact::SchemaFact;
use crate::model::{Api, SchemaId, TypeSet};

/// The pair a wrapper pair stands for, and how it hangs off it.
pub(super) struct StandIn {
    pub edge: Edge,
    pub base: SchemaId,
    pub revision: SchemaId,
    /// What was compared here for that pair (see `Pair::above`).
    pub above: ComparedAbove,
}

/// When either side wraps the schema the pair is really about: compares what the wrappers
/// say themselves and names the pair to compare instead.
pub(super) fn stand_in(p: &Compared<'_>, out: &mut Facts) -> Option<StandIn> {
    nullable_wrapper(p, out)
        .or_else(|| annotated_reference(p, out))
        .or_else(|| union_wrapping(p, out))
}

/// `oneOf: [{type: 'null'}, X]` (or anyOf) is X made nullable, 3.1's spelling of
/// `nullable: true`. Nullability is compared here; X is compared with the other side
/// (unwrapped too) as the same value, so a wrapper added around a schema reports that it
/// became nullable and nothing else, and a component wrapped in many places is one pair.
fn nullable_wrapper(p: &Compared<'_>, out: &mut Facts) -> Option<StandIn> {
    let (b, r) = (&p.base, &p.revision);
    let b_inner = nullable_wrapper_inner(b.api, b.id);
    let r_inner = nullable_wrapper_inner(r.api, r.id);
    if b_inner.is_none() && r_inner.is_none() {
        return None;
    }
    // Facing a union of several alternatives, one of which is the wrapped schema, a
    // nullable wrapper is a union of one: the unions are compared instead, so that
    // `anyOf: [string, X, null]` -> `anyOf: [X, null]` is the `string` branch removed.
    let as_unions = match (b_inner, r_inner) {
        (None, Some(inner)) => is_union_with(b, inner, r.api),
        (Some(inner), None) => is_union_with(r, inner, b.api),
        _ => false,
    };
    if as_unions {
        return None;
    }
    compare_nullability(p, out);
    if !p.above.annotations {
        compare_annotations(
            out,
            &annotations_through(b, b_inner),
            &annotations_through(r, r_inner),
        );
    }
    Some(StandIn {
        edge: Edge::Unwrap,
        base: b_inner.unwrap_or(b.id),
        revision: r_inner.unwrap_or(r.id),
        above: ComparedAbove::BOTH,
    })
}

/// Whether `side` is nothing but a union of several alternatives, one of which pairs with
/// `inner` (the other side's wrapped schema, in `inner_api`).
fn is_union_with(side: &Operand<'_>, inner: SchemaId, inner_api: &Api) -> bool {
    let lists = union_lists_of(side.api, &side.view);
    side.view.types.is_none()
        && side.view.properties.is_empty()
        && lists.len() >= 2
        && !branches::pair(inner_api, &[inner], side.api, &lists).is_empty()
}

/// A side's annotations; a wrapper's fall back to those of the schema it wraps.
fn annotations_through<'a>(side: &Operand<'a>, inner: Option<SchemaId>) -> Annotations<'a> {
    let own = Annotations::of(side.api, &side.view, side.schema);
    match inner {
        Some(inner) => {
            let iv = build_view(side.api, inner);
            own.or(Annotations::of(side.api, &iv, side.api.schema(inner)))
        }
        None => own,
    }
}

/// `allOf: [$ref X]` with a description beside it, or a 3.1 `$ref: X` with sibling
/// keywords, is X where it is used. What the wrapper says itself (documentation, 3.0
/// `nullable`) is the place's and compared here; everything else is X's, compared on the
/// pair of X that plain references reach too.
///
/// The place is nullable when the wrapper or X is. While no wrapper says `nullable` itself,
/// that is X's nullability, told once on X's pair. Once one does, the place's is compared
/// here, and where X's nullability changed too, X's pair is compared for this place alone,
/// without it: GitHub's `{nullable: true, allOf: [$ref git-user]}` replaced by
/// `$ref nullable-git-user` is nullable on both sides, neither "no longer nullable" here
/// nor "became nullable" on the pair of the two components.
fn annotated_reference<'a>(p: &Compared<'a>, out: &mut Facts) -> Option<StandIn> {
    let (b, r) = (&p.base, &p.revision);
    let b_target = annotated_ref_target(b.api, b.id);
    let r_target = annotated_ref_target(r.api, r.id);
    if b_target.is_none() && r_target.is_none() {
        return None;
    }
    // The wrapper's own `nullable`; whether what it wraps allows null (a plain side wraps
    // itself), read only where it matters: most annotated references say no `nullable`.
    let own =
        |side: &Operand<'_>, target: Option<SchemaId>| target.is_some() && side.schema.nullable;
    let inner = |side: &Operand<'_>, target: Option<SchemaId>| match target {
        Some(t) => build_view(side.api, t).nullable,
        None => side.view.nullable,
    };
    let (b_own, r_own) = (own(b, b_target), own(r, r_target));
    let compared_here = p.above.nullability || b_own || r_own;
    let (b_inner, r_inner) = if compared_here {
        (inner(b, b_target), inner(r, r_target))
    } else {
        (false, false)
    };
    if !p.above.nullability && compared_here {
        match (b_own || b_inner, r_own || r_inner) {
            (false, true) => out.push(SchemaFact::BecameNullable),
            (true, false) => out.push(SchemaFact::BecameNotNullable),
            _ => {}
        }
    }
    if !p.above.annotations {
        let own = |side: &Operand<'a>, target: Option<SchemaId>| match target {
            Some(_) => Annotations::own(side.schema),
            None => Annotations::none(),
        };
        compare_annotations(out, &own(b, b_target), &own(r, r_target));
    }
    Some(StandIn {
        edge: Edge::Unwrap,
        base: b_target.unwrap_or(b.id),
        revision: r_target.unwrap_or(r.id),
        above: ComparedAbove {
            nullability: compared_here && b_inner != r_inner,
            annotations: false,
        },
    })
}

/// A schema wrapped into a oneOf/anyOf of alternatives, one of which is that schema (by
/// component name, title or shape), or such a oneOf unwrapped into one of them: that
/// alternative is compared with the schema and the others are branches added or removed.
/// Comparing the schema with the bare wrapper instead would report every property and
/// constraint of it as removed.
fn union_wrapping(p: &Compared<'_>, out: &mut Facts) -> Option<StandIn> {
    let (b, r) = (&p.base, &p.revision);
    let wrap = wrapping(b.api, &b.view, b.id, r.api, &r.view, r.id)?;
    compare_nullability(p, out);
    if !wrap.added.is_empty() {
        out.push(SchemaFact::BranchesAdded {
            keyword: wrap.keyword,
            labels: wrap.added,
        });
    }
    if !wrap.removed.is_empty() {
        out.push(SchemaFact::BranchesRemoved {
            keyword: wrap.keyword,
            labels: wrap.removed,
        });
    }
    // Nullability and documentation belong to the value as a whole: compared here, the
    // wrapper's falling back to the alternative's, and not again on the pair of the schema
    // and its alternative (a nullable string wrapped into a nullable anyOf is still
    // nullable, though its string alternative is not).
    if !p.above.annotations {
        let alternative = |side: &Operand<'_>, alt: SchemaId| (alt != side.id).then_some(alt);
        compare_annotations(
            out,
            &annotations_through(b, alternative(b, wrap.pair.0)),
            &annotations_through(r, alternative(r, wrap.pair.1)),
        );
    }
    Some(StandIn {
        edge: wrap.edge,
        base: wrap.pair.0,
        revision: wrap.pair.1,
        above: ComparedAbove::BOTH,
    })
}

/// X, for an unnamed schema that is `allOf: [$ref X]` or a 3.1 `$ref: X` with nothing beside
/// it but annotations.
fn annotated_ref_target(api: &Api, id: SchemaId) -> Option<SchemaId> {
    let s = api.schema(id);
    if s.name.is_some() || !branches::is_annotation_only(s) {
        return None;
    }
    match (s.reference, s.all_of.as_slice()) {
        (Some(target), []) => Some(target),
        (None, [only]) => Some(*only),
        _ => None,
    }
}

/// The one branch beside `{type: 'null'}` branches of a schema that is nothing but such a
/// oneOf/anyOf (annotations aside).
pub(super) fn nullable_wrapper_inner(api: &Api, id: SchemaId) -> Option<SchemaId> {
    let s = api.schema(id);
    let list = match (s.one_of.is_empty(), s.any_of.is_empty()) {
        (false, true) => &s.one_of,
        (true, false) => &s.any_of,
        _ => return None,
    };
    if s.types.is_some_and(|t| t != TypeSet::NULL)
        || !s.properties.is_empty()
        || s.discriminator.is_some()
        || s.extra().not.is_some()
    {
        return None;
    }
    let mut others = list.iter().filter(|&&b| !is_null_branch(api, b));
    let inner = *others.next()?;
    if others.next().is_some() || list.len() < 2 {
        return None;
    }
    Some(inner)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compare, compare_at, compare_in};
    use super::*;

    #[test]
    fn a_nullable_wrapper_is_nullability_and_the_pair_of_what_it_wraps() {
        let outcome = compare(
            "S: {type: string, maxLength: 3}",
            "S: {oneOf: [{type: 'null'}, {type: string, maxLength: 4}]}",
        );
        assert_eq!(outcome.facts, [SchemaFact::BecameNullable]);
        assert_eq!(outcome.children.len(), 1);
        assert_eq!(outcome.children[0].0, Edge::Unwrap);
        assert!(matches!(
            outcome.children[0].1.as_slice(),
            [SchemaFact::Limit {
                keyword: "max-length",
                ..
            }]
        ));
    }

    #[test]
    fn a_wrapper_falls_back_to_the_wrapped_schemas_annotations() {
        let outcome = compare(
            "S: {oneOf: [{type: 'null'}, {type: string, description: a}]}",
            "S: {type: string, description: b}",
        );
        assert_eq!(
            outcome.facts,
            [
                SchemaFact::BecameNotNullable,
                SchemaFact::DescriptionChanged
            ]
        );
        // Compared on the wrapper, not again on the unwrapped pair.
        assert_eq!(outcome.children, [(Edge::Unwrap, vec![])]);
    }

    #[test]
    fn an_annotated_reference_is_the_place_and_the_target_is_compared_once() {
        let t = |n| format!("T: {{type: string, maxLength: {n}}}");
        let s = |d| {
            format!(
                "S: {{type: object, properties: {{p: {{allOf: [{{$ref: '#/components/schemas/T'}}], description: {d}}}}}}}"
            )
        };
        let base = format!("{}\n{}", s("a"), t(3));
        let revision = format!("{}\n{}", s("b"), t(4));
        let p = compare_at(&base, &revision, &[Edge::Property("p".into())]);
        assert_eq!(p.facts, [SchemaFact::DescriptionChanged]);
        assert_eq!(p.children.len(), 1);
        assert_eq!(p.children[0].0, Edge::Unwrap);
        assert!(matches!(
            p.children[0].1.as_slice(),
            [SchemaFact::Limit {
                keyword: "max-length",
                ..
            }]
        ));
    }

    #[test]
    fn an_annotated_reference_facing_a_plain_one_compares_the_places_nullability() {
        // GitHub 2021-06-23 -> 2021-10-08: `{nullable: true, allOf: [$ref git-user]}` became
        // `$ref nullable-git-user`: nullable before and after.
        let base = "S: {type: object, properties: {p: {nullable: true, allOf: [{$ref: '#/components/schemas/G'}]}}}\n\
                    G: {type: object, description: a}";
        let revision = "S: {type: object, properties: {p: {$ref: '#/components/schemas/N'}}}\n\
                        N: {type: object, nullable: true, description: b}";
        let p = compare_in("3.0.3", base, revision, &[Edge::Property("p".into())]);
        assert_eq!(p.facts, []);
        // The components' documentation is still theirs, compared on their pair.
        assert_eq!(
            p.children,
            [(Edge::Unwrap, vec![SchemaFact::DescriptionChanged])]
        );
        // Without `nullable` on the wrapper, the place's nullability is the components': told
        // on their pair, which every plain use of them shares.
        let plain_wrapper = base.replace("nullable: true, allOf", "allOf");
        let p = compare_in(
            "3.0.3",
            &plain_wrapper,
            revision,
            &[Edge::Property("p".into())],
        );
        assert_eq!(p.facts, []);
        assert_eq!(
            p.children,
            [(
                Edge::Unwrap,
                vec![SchemaFact::BecameNullable, SchemaFact::DescriptionChanged]
            )]
        );
        // With it, a component no longer nullable is a change at the place alone.
        let not_nullable = revision.replace("nullable: true, ", "");
        let p = compare_in("3.0.3", base, &not_nullable, &[Edge::Property("p".into())]);
        assert_eq!(p.facts, [SchemaFact::BecameNotNullable]);
        assert_eq!(
            p.children,
            [(Edge::Unwrap, vec![SchemaFact::DescriptionChanged])]
        );
    }

    #[test]
    fn a_nullable_wrapper_around_an_annotated_reference_leaves_the_targets_documentation() {
        // OpenAI 2025-04-29 -> 2026-05-13: `{$ref: Reasoning, nullable: true}` became
        // `anyOf: [$ref Reasoning, {type: 'null'}]`, and Reasoning's description changed.
        let base = "S: {type: object, properties: {p: {$ref: '#/components/schemas/R', nullable: true}}}\n\
                    R: {type: object, description: a}";
        let revision = "S: {type: object, properties: {p: {anyOf: [{$ref: '#/components/schemas/R'}, {type: 'null'}]}}}\n\
                        R: {type: object, description: b}";
        let unwrapped = [Edge::Property("p".into()), Edge::Unwrap];
        let p = compare_in("3.1.0", base, revision, &unwrapped);
        assert_eq!(p.facts, []);
        assert_eq!(
            p.children,
            [(Edge::Unwrap, vec![SchemaFact::DescriptionChanged])]
        );
    }

    #[test]
    fn a_schema_wrapped_into_a_union_is_paired_with_its_alternative() {
        let outcome = compare(
            "S: {type: string, description: a}",
            "S: {anyOf: [{type: string}, {type: integer}], description: b}",
        );
        assert_eq!(
            outcome.facts,
            [
                SchemaFact::BranchesAdded {
                    keyword: "any-of",
                    labels: vec!["integer".into()]
                },
                SchemaFact::DescriptionChanged,
            ]
        );
        assert_eq!(outcome.children, [(Edge::AnyOf(0), vec![])]);
    }

    #[test]
    fn a_nullable_wrapper_facing_a_larger_union_is_compared_as_a_union() {
        let outcome = compare(
            "S: {anyOf: [{type: string}, {type: integer}, {type: 'null'}]}",
            "S: {anyOf: [{type: integer}, {type: 'null'}]}",
        );
        assert_eq!(
            outcome.facts,
            [SchemaFact::BranchesRemoved {
                keyword: "any-of",
                labels: vec!["string".into()]
            }]
        );
        assert_eq!(outcome.children[0].0, Edge::AnyOf(0));
    }
}
