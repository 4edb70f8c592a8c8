//! The values a schema lists outright: `enum` and `const`. Grouped because both replace the
//! type's range of values with a list, so a change is a set of values gained or lost
//! (`default` and `examples` describe values without restricting them: `annotations`).

use super::json::{json_eq, missing_from};
use super::{Compared, Facts, Operand};
use crate::diff::fact::SchemaFact;
use crate::model::TypeSet;
use serde_json::Value as Json;

/// Enums compared as sets: their order carries no meaning.
pub(super) fn compare_enum(p: &Compared<'_>, out: &mut Facts) {
    match (enum_of(&p.base), enum_of(&p.revision)) {
        (None, Some(_)) => out.push(SchemaFact::BecameEnum),
        (Some(_), None) => out.push(SchemaFact::EnumRemoved),
        (Some(be), Some(re)) => {
            let added = missing_from(re, be);
            let removed = missing_from(be, re);
            if !added.is_empty() {
                out.push(SchemaFact::EnumValuesAdded(added));
            }
            if !removed.is_empty() {
                out.push(SchemaFact::EnumValuesRemoved(removed));
            }
        }
        (None, None) => {}
    }
}

/// A side's enum, unless it is one no value of the schema's type can match: Vapi writes
/// the string values of an array's items on the array too (`serverMessages: {type: array,
/// enum: [..], items: {enum: [..]}}`, 30 such arrays). By the letter nothing validates;
/// every reader takes the items' enum, compared on the items, so the array's is not told
/// again beside it (66 duplicate changes over Vapi's pairs). Lint reports it (`typed-enum`).
fn enum_of<'a>(side: &Operand<'a>) -> Option<&'a [Json]> {
    let values = side
        .first(|s| s.enum_values.is_some())
        .and_then(|s| s.enum_values.as_deref())?;
    let array_only = side.view.types.is_some_and(|mut t| {
        t.remove(TypeSet::NULL);
        t == TypeSet::ARRAY
    });
    let matches_nothing = array_only && values.iter().all(|v| !v.is_array() && !v.is_null());
    (!matches_nothing).then_some(values)
}

pub(super) fn compare_const(p: &Compared<'_>, out: &mut Facts) {
    let bc = p
        .base
        .first(|s| s.extra().const_value.is_some())
        .and_then(|s| s.extra().const_value.clone());
    let rc = p
        .revision
        .first(|s| s.extra().const_value.is_some())
        .and_then(|s| s.extra().const_value.clone());
    match (bc, rc) {
        (None, Some(v)) => out.push(SchemaFact::ConstAdded(v)),
        (Some(v), None) => out.push(SchemaFact::ConstRemoved(v)),
        (Some(a), Some(c)) if !json_eq(&a, &c) => {
            out.push(SchemaFact::ConstChanged { from: a, to: c })
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::Edge;
    use super::super::testing::{compare, facts};
    use super::*;
    use serde_json::json;

    #[test]
    fn enums_compare_as_sets() {
        assert_eq!(
            facts("S: {enum: [a, b]}", "S: {enum: [b, c]}"),
            [
                SchemaFact::EnumValuesAdded(vec![json!("c")]),
                SchemaFact::EnumValuesRemoved(vec![json!("a")]),
            ]
        );
        assert!(facts("S: {enum: [a, b]}", "S: {enum: [b, a]}").is_empty());
        assert!(facts("S: {enum: [1, 2]}", "S: {enum: [1.0, 2]}").is_empty());
    }

    #[test]
    fn an_enum_appearing_or_going_is_one_fact() {
        assert_eq!(
            facts("S: {type: string}", "S: {type: string, enum: [a]}"),
            [SchemaFact::BecameEnum]
        );
        assert_eq!(
            facts("S: {type: string, enum: [a]}", "S: {type: string}"),
            [SchemaFact::EnumRemoved]
        );
    }

    #[test]
    fn an_arrays_enum_of_its_items_values_is_left_to_the_items() {
        let s = |values: &str| {
            format!(
                "S: {{type: array, enum: [{values}], items: {{type: string, enum: [{values}]}}}}"
            )
        };
        let outcome = compare(&s("a, b"), &s("a, b, c"));
        assert_eq!(outcome.facts, []);
        assert_eq!(
            outcome.children,
            [(
                Edge::Items,
                vec![SchemaFact::EnumValuesAdded(vec![json!("c")])]
            )]
        );
        // An enum of arrays on an array is an enum.
        assert_eq!(
            facts(
                "S: {type: array, enum: [[a]]}",
                "S: {type: array, enum: [[a], [b]]}"
            ),
            [SchemaFact::EnumValuesAdded(vec![json!(["b"])])]
        );
    }

    #[test]
    fn const_is_compared_as_a_json_value() {
        assert_eq!(
            facts("S: {type: string}", "S: {type: string, const: a}"),
            [SchemaFact::ConstAdded(json!("a"))]
        );
        assert_eq!(
            facts("S: {const: a}", "S: {const: b}"),
            [SchemaFact::ConstChanged {
                from: json!("a"),
                to: json!("b")
            }]
        );
        assert_eq!(
            facts("S: {const: 1}", "S: {}"),
            [SchemaFact::ConstRemoved(json!(1))]
        );
        assert!(facts("S: {const: 1}", "S: {const: 1.0}").is_empty());
    }
}
