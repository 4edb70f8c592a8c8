//! The shapes sub-schema keywords come in, shared by the groups that own the keywords
//! (`items` is an array's, `propertyNames` an object's, `not` composition's): a keyword
//! whose value is one schema, one that may also be a boolean, and one keyed by name. On
//! both sides the sub-schemas become a child pair; on one side only, the sub-schema was
//! added or removed.

use super::{Children, Compared, Edge, Facts};
use crate::diff::fact::SchemaFact;
use crate::model::{AdditionalProperties, Schema, SchemaId};

/// A keyword whose value is one schema (`items`, `not`, `if`, ...), read from the first
/// allOf part that has it.
pub(super) fn compare_single(
    p: &Compared<'_>,
    keyword: &'static str,
    edge: Edge,
    get: fn(&Schema) -> Option<SchemaId>,
    out: &mut Facts,
    children: &mut Children,
) {
    let bx = p.base.first(|s| get(s).is_some()).and_then(get);
    let rx = p.revision.first(|s| get(s).is_some()).and_then(get);
    match (bx, rx) {
        (Some(x), Some(y)) => children.push((edge, x, y)),
        (None, Some(_)) => out.push(SchemaFact::SubschemaAdded(keyword)),
        (Some(_), None) => out.push(SchemaFact::SubschemaRemoved(keyword)),
        (None, None) => {}
    }
}

/// unevaluatedItems / unevaluatedProperties, which run from unrestricted, to a schema, to
/// `false`: a step towards `false` is a sub-schema added, a step back one removed.
pub(super) fn compare_unevaluated(
    p: &Compared<'_>,
    keyword: &'static str,
    edge: Edge,
    get: fn(&Schema) -> Option<AdditionalProperties>,
    out: &mut Facts,
    children: &mut Children,
) {
    let bx = p.base.first(|s| get(s).is_some()).and_then(get);
    let rx = p.revision.first(|s| get(s).is_some()).and_then(get);
    let rank = |a: &Option<AdditionalProperties>| match a {
        None | Some(AdditionalProperties::Allowed(true)) => 0,
        Some(AdditionalProperties::Schema(_)) => 1,
        Some(AdditionalProperties::Allowed(false)) => 2,
    };
    match (&bx, &rx) {
        (Some(AdditionalProperties::Schema(x)), Some(AdditionalProperties::Schema(y))) => {
            children.push((edge, *x, *y))
        }
        _ if rank(&rx) > rank(&bx) => out.push(SchemaFact::SubschemaAdded(keyword)),
        _ if rank(&rx) < rank(&bx) => out.push(SchemaFact::SubschemaRemoved(keyword)),
        _ => {}
    }
}

/// A keyword that maps names to schemas (patternProperties, dependentSchemas), on the
/// schema itself: schemas under the same name are a child pair.
pub(super) fn compare_keyed<'a>(
    p: &Compared<'a>,
    keyword: &'static str,
    edge_of: fn(String) -> Edge,
    get: fn(&'a Schema) -> &'a [(String, SchemaId)],
    out: &mut Facts,
    children: &mut Children,
) {
    let bl = get(p.base.schema);
    let rl = get(p.revision.schema);
    for (k, y) in rl {
        match bl.iter().find(|(n, _)| n == k) {
            Some((_, x)) => children.push((edge_of(k.clone()), *x, *y)),
            None => out.push(SchemaFact::SubschemaAdded(keyword)),
        }
    }
    for (k, _) in bl {
        if !rl.iter().any(|(n, _)| n == k) {
            out.push(SchemaFact::SubschemaRemoved(keyword));
        }
    }
}
