//! The keywords that only apply to arrays: items, prefixItems, contains, uniqueItems and
//! unevaluatedItems (the item counts are among the `limits`). Grouped because each is moot
//! when it comes or goes with the schema starting or stopping to accept arrays: that is the
//! type change, reported once (see [`Types::array_keyword_moot`]).

use super::subschemas::{compare_single, compare_unevaluated};
use super::types::Types;
use super::{Children, Compared, Edge, Facts};
use crate::diff::fact::SchemaFact;
use crate::model::Schema;

pub(super) fn compare_unique_items(p: &Compared<'_>, types: &Types, out: &mut Facts) {
    let bu = p.base.first(|s| s.limits().unique_items).is_some();
    let ru = p.revision.first(|s| s.limits().unique_items).is_some();
    if bu != ru && !types.array_keyword_moot(bu, ru) {
        out.push(SchemaFact::UniqueItemsChanged { to: ru });
    }
}

pub(super) fn compare_items_and_contains(
    p: &Compared<'_>,
    types: &Types,
    out: &mut Facts,
    children: &mut Children,
) {
    for (keyword, edge, get) in [
        (
            "items",
            Edge::Items,
            (|s| s.items) as fn(&Schema) -> Option<_>,
        ),
        ("contains", Edge::Contains, |s| s.extra().contains),
    ] {
        let on_base = p.base.first(|s| get(s).is_some()).is_some();
        let on_revision = p.revision.first(|s| get(s).is_some()).is_some();
        if types.array_keyword_moot(on_base, on_revision) {
            continue;
        }
        compare_single(p, keyword, edge, get, out, children);
    }
}

/// prefixItems, position by position; a longer or shorter list is a sub-schema added or
/// removed.
pub(super) fn compare_prefix_items(
    p: &Compared<'_>,
    types: &Types,
    out: &mut Facts,
    children: &mut Children,
) {
    let b_pre = p
        .base
        .first(|s| !s.extra().prefix_items.is_empty())
        .map(|s| s.extra().prefix_items.as_slice())
        .unwrap_or_default();
    let r_pre = p
        .revision
        .first(|s| !s.extra().prefix_items.is_empty())
        .map(|s| s.extra().prefix_items.as_slice())
        .unwrap_or_default();
    for (i, (x, y)) in b_pre.iter().zip(r_pre).enumerate() {
        children.push((Edge::PrefixItems(i), *x, *y));
    }
    if types.array_keyword_moot(!b_pre.is_empty(), !r_pre.is_empty()) {
    } else if r_pre.len() > b_pre.len() {
        out.push(SchemaFact::SubschemaAdded("prefix-items"));
    } else if r_pre.len() < b_pre.len() {
        out.push(SchemaFact::SubschemaRemoved("prefix-items"));
    }
}

pub(super) fn compare_unevaluated_items(
    p: &Compared<'_>,
    out: &mut Facts,
    children: &mut Children,
) {
    compare_unevaluated(
        p,
        "unevaluated-items",
        Edge::UnevaluatedItems,
        |s| s.extra().unevaluated_items.clone(),
        out,
        children,
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{edges, facts};
    use super::*;
    use crate::model::TypeSet;

    #[test]
    fn items_on_both_sides_are_a_child_pair() {
        let outcome = super::super::testing::compare(
            "S: {type: array, items: {type: string}}",
            "S: {type: array, items: {type: integer}}",
        );
        assert!(outcome.facts.is_empty());
        assert_eq!(outcome.children.len(), 1);
        assert_eq!(outcome.children[0].0, Edge::Items);
        assert_eq!(
            outcome.children[0].1,
            [SchemaFact::TypeChanged {
                from: TypeSet::STRING,
                to: TypeSet::INTEGER
            }]
        );
    }

    #[test]
    fn items_arriving_with_the_array_type_are_part_of_it() {
        assert_eq!(
            facts(
                "S: {type: array}",
                "S: {type: array, items: {type: string}}"
            ),
            [SchemaFact::SubschemaAdded("items")]
        );
        assert_eq!(
            facts(
                "S: {type: string}",
                "S: {type: array, items: {type: string}}"
            ),
            [SchemaFact::TypeChanged {
                from: TypeSet::STRING,
                to: TypeSet::ARRAY
            }]
        );
    }

    #[test]
    fn unique_items() {
        assert_eq!(
            facts("S: {type: array}", "S: {type: array, uniqueItems: true}"),
            [SchemaFact::UniqueItemsChanged { to: true }]
        );
        assert_eq!(
            facts("S: {type: array, uniqueItems: true}", "S: {type: array}"),
            [SchemaFact::UniqueItemsChanged { to: false }]
        );
    }

    #[test]
    fn prefix_items_pair_by_position() {
        let b = "S: {type: array, prefixItems: [{type: string}]}";
        let r = "S: {type: array, prefixItems: [{type: string}, {type: integer}]}";
        assert_eq!(facts(b, r), [SchemaFact::SubschemaAdded("prefix-items")]);
        assert_eq!(facts(r, b), [SchemaFact::SubschemaRemoved("prefix-items")]);
        assert_eq!(edges(b, r), [Edge::PrefixItems(0)]);
    }

    #[test]
    fn unevaluated_items_rank_from_unrestricted_to_false() {
        assert_eq!(
            facts(
                "S: {type: array}",
                "S: {type: array, unevaluatedItems: false}"
            ),
            [SchemaFact::SubschemaAdded("unevaluated-items")]
        );
        assert_eq!(
            facts(
                "S: {type: array, unevaluatedItems: false}",
                "S: {type: array, unevaluatedItems: {type: string}}"
            ),
            [SchemaFact::SubschemaRemoved("unevaluated-items")]
        );
        assert_eq!(
            edges(
                "S: {type: array, unevaluatedItems: {type: string}}",
                "S: {type: array, unevaluatedItems: {type: string}}"
            ),
            [Edge::UnevaluatedItems]
        );
    }
}
