//! Type, nullability and format: what kind of value a schema accepts. Grouped because each
//! reads the others: a format belongs to its type (with the type changed, so is the
//! format), null is nullability rather than a type, and array-only keywords appearing with a
//! type change are part of it (see [`Types::array_keyword_moot`]).

use super::{Compared, Facts, View};
use crate::diff::fact::SchemaFact;
use crate::model::{Api, Bound, Schema, SchemaId, TypeSet};
use serde_json::Value as Json;

/// The types each side states, null left out (nullability is a fact of its own).
pub(super) struct Types {
    pub base: Option<TypeSet>,
    pub revision: Option<TypeSet>,
    /// Whether the difference is a change of type a client sees (not a type written out
    /// that the schema already meant).
    pub changed: bool,
}

/// The kinds of value a numeric bound or `multipleOf` applies to.
const NUMBERS: TypeSet = TypeSet::NUMBER.union(TypeSet::INTEGER);

impl Types {
    /// Keywords that only apply to arrays, appearing (`!from_set && to_set`) or going away
    /// as the schema starts or stops accepting arrays, are part of that type change.
    pub fn array_keyword_moot(&self, from_set: bool, to_set: bool) -> bool {
        let arrays = |t: Option<TypeSet>| t.is_none_or(|t| t.contains(TypeSet::ARRAY));
        (!from_set && to_set && !arrays(self.base))
            || (from_set && !to_set && !arrays(self.revision))
    }
}

/// Whether `fact`, found beside a change of type `from` -> `to` on the same schema (types
/// as [`SchemaFact::TypeChanged`] holds them: empty is any type), says nothing the type
/// change does not:
/// - a bound, `multipleOf`, `pattern` or property of a kind of value one side does not
///   accept: it appears as the schema starts accepting the kind, goes as it stops (a
///   property removed as the schema stops being an object), or is written where it checks
///   nothing (`integer, maximum: 5` -> `string, maxLength: 3` is one change, of type; Vapi
///   2024-11-11 `Condition.value`: `type: object, maxLength: 1000`);
/// - an `enum` arriving, going or changing when no value has both types (object -> string
///   enum: Vapi 2026-07-30 `RecordingConsent.type`): its values are of the new type, which
///   the old never accepted, or of the old, which the new no longer does.
pub(crate) fn part_of_type_change(fact: &SchemaFact, from: TypeSet, to: TypeSet) -> bool {
    let accepts = |t: TypeSet, kind: TypeSet| t.is_empty() || t.overlaps(kind);
    let moot = |kind: TypeSet| !(accepts(from, kind) && accepts(to, kind));
    match fact {
        SchemaFact::Limit { keyword, .. } => moot(limit_applies_to(keyword)),
        SchemaFact::MultipleOfChanged { .. } => moot(NUMBERS),
        SchemaFact::PatternAdded(_)
        | SchemaFact::PatternRemoved(_)
        | SchemaFact::PatternChanged { .. } => moot(TypeSet::STRING),
        SchemaFact::PropertyAdded { .. }
        | SchemaFact::PropertyRemoved { .. }
        | SchemaFact::PropertyBecameRequired { .. }
        | SchemaFact::PropertyBecameOptional { .. }
        | SchemaFact::AdditionalPropertiesChanged { .. } => moot(TypeSet::OBJECT),
        SchemaFact::SubschemaAdded(keyword) | SchemaFact::SubschemaRemoved(keyword) => {
            subschema_applies_to(keyword).is_some_and(moot)
        }
        SchemaFact::BecameEnum
        | SchemaFact::EnumRemoved
        | SchemaFact::EnumValuesAdded(_)
        | SchemaFact::EnumValuesRemoved(_) => {
            !from.is_empty() && !to.is_empty() && !from.overlaps(to)
        }
        _ => false,
    }
}

/// The kind of value a sub-schema keyword (by its rule-id spelling) applies to; `None` for
/// those that apply to any value (`not`, `if`, `contentSchema`).
fn subschema_applies_to(keyword: &str) -> Option<TypeSet> {
    match keyword {
        "items" | "prefix-items" | "contains" | "unevaluated-items" => Some(TypeSet::ARRAY),
        "additional-properties"
        | "property-names"
        | "pattern-property"
        | "dependent-schema"
        | "unevaluated-properties" => Some(TypeSet::OBJECT),
        _ => None,
    }
}

/// The kind of value a limit (by its rule-id spelling: `max-length`) bounds.
fn limit_applies_to(keyword: &str) -> TypeSet {
    if keyword.ends_with("-length") {
        TypeSet::STRING
    } else if keyword.ends_with("-items") || keyword.ends_with("-contains") {
        TypeSet::ARRAY
    } else if keyword.ends_with("-properties") {
        TypeSet::OBJECT
    } else {
        NUMBERS
    }
}

/// Reports type, nullability and format changes, and hands back the types for the groups
/// whose keywords depend on them.
pub(super) fn compare(p: &Compared<'_>, out: &mut Facts) -> Types {
    let types = stated_types(p);
    if types.changed {
        out.push(SchemaFact::TypeChanged {
            from: types.base.unwrap_or_default(),
            to: types.revision.unwrap_or_default(),
        });
    }
    compare_nullability(p, out);
    compare_format(p, &types, out);
    types
}

/// Nullability, unless it was compared already on the wrapper this pair was unwrapped from.
pub(super) fn compare_nullability(p: &Compared<'_>, out: &mut Facts) {
    if p.above.nullability {
        return;
    }
    match (p.base.view.nullable, p.revision.view.nullable) {
        (false, true) => out.push(SchemaFact::BecameNullable),
        (true, false) => out.push(SchemaFact::BecameNotNullable),
        _ => {}
    }
}

fn stated_types(p: &Compared<'_>) -> Types {
    let (bv, rv) = (&p.base.view, &p.revision.view);
    let strip = |t: Option<TypeSet>| {
        t.map(|mut t| {
            t.remove(TypeSet::NULL);
            t
        })
    };
    // A schema that is only branches has the types of its branches, when the other side
    // states its type (when both are branches, the branches are compared instead).
    let (bt, rt) = match (bv.types, rv.types) {
        (None, Some(r)) => (bv.branch_types, Some(r)),
        (Some(b), None) => (Some(b), rv.branch_types),
        (b, r) => (b, r),
    };
    let (bt, rt) = (strip(bt), strip(rt));
    // A type stated beside an enum whose values all have it already changes no value.
    let enum_fits = |t: Option<TypeSet>| {
        let values = p
            .base
            .first(|s| s.enum_values.is_some())
            .and_then(|s| s.enum_values.as_ref());
        match (values, t) {
            (Some(values), Some(t)) => values.iter().all(|v| json_has_type(v, t)),
            _ => false,
        }
    };
    let changed = bt != rt
        && !(bt.is_none() && enum_fits(rt))
        && !type_only_spelled_out(p.base.api, bv, bt, p.revision.api, rv, rt);
    Types {
        base: bt,
        revision: rt,
        changed,
    }
}

fn compare_format(p: &Compared<'_>, types: &Types, out: &mut Facts) {
    let bf = p.base.format().map(String::from);
    let rf = p.revision.format().map(String::from);
    // A format belongs to its type: with the type changed, so is the format.
    if bf == rf || types.changed {
        return;
    }
    // An integer format added to an integer whose bounds already fit it takes no value away.
    let bounds = (
        p.base
            .first(|s| s.limits().minimum.is_some())
            .and_then(|s| s.limits().minimum),
        p.base
            .first(|s| s.limits().maximum.is_some())
            .and_then(|s| s.limits().maximum),
    );
    let lossless = bf.is_none()
        && types.base == Some(TypeSet::INTEGER)
        && rf
            .as_deref()
            .is_some_and(|f| integer_format_fits(f, bounds.0, bounds.1));
    let annotation = [&bf, &rf]
        .iter()
        .any(|f| f.as_deref().is_some_and(|f| !is_known_format(f)));
    let hint = [&bf, &rf]
        .iter()
        .all(|f| f.as_deref().is_none_or(|f| HINT_FORMATS.contains(&f)));
    let nested = match (bf.as_deref(), rf.as_deref()) {
        (Some(from), Some(to)) => (
            numeric_format_within(from, to),
            numeric_format_within(to, from),
        ),
        _ => (false, false),
    };
    out.push(match (lossless, nested, rf) {
        (true, _, Some(to)) => SchemaFact::FormatAddedWithinBounds(to),
        (_, _, rf) if annotation => SchemaFact::FormatAnnotationChanged { from: bf, to: rf },
        (_, _, rf) if hint => SchemaFact::FormatHintChanged { from: bf, to: rf },
        (_, (true, false), Some(to)) => SchemaFact::FormatWidened {
            from: bf.unwrap_or_default(),
            to,
        },
        (_, (false, true), Some(to)) => SchemaFact::FormatNarrowed {
            from: bf.unwrap_or_default(),
            to,
        },
        (_, _, rf) => SchemaFact::FormatChanged { from: bf, to: rf },
    });
}

/// The formats the OpenAPI format registry (spec.openapis.org/registry/format) and JSON
/// Schema's format vocabulary define. Validators check these (or at least agree on what they
/// mean); any other format is an annotation that no validator applies, so a change to or
/// from one changes no value on the wire.
const KNOWN_FORMATS: &[&str] = &[
    "base64url",
    "binary",
    "byte",
    "char",
    "commonmark",
    "date",
    "date-time",
    "decimal",
    "decimal128",
    "double",
    "double-int",
    "duration",
    "email",
    "float",
    "hostname",
    "html",
    "http-date",
    "idn-email",
    "idn-hostname",
    "int16",
    "int32",
    "int64",
    "int8",
    "ipv4",
    "ipv6",
    "iri",
    "iri-reference",
    "json-pointer",
    "media-range",
    "password",
    "regex",
    "relative-json-pointer",
    "sf-binary",
    "sf-boolean",
    "sf-decimal",
    "sf-integer",
    "sf-string",
    "sf-token",
    "time",
    "uint16",
    "uint32",
    "uint64",
    "uint8",
    "uri",
    "uri-reference",
    "uri-template",
    "uuid",
];

/// Registered formats that constrain no string: `binary` is any sequence of octets,
/// `password` a hint to hide the input, `commonmark` and `html` text to render. A change
/// between them (or none) leaves every value valid.
const HINT_FORMATS: &[&str] = &["binary", "commonmark", "html", "password"];

fn is_known_format(format: &str) -> bool {
    KNOWN_FORMATS.contains(&format)
}

/// The type a schema without `type` is written as: `object` when it has object keywords
/// (properties, required, additionalProperties), `array` when it has `items`. Authors (and
/// the tools that read their documents, generators first) mean such a schema as that type.
fn implied_type(api: &Api, v: &View) -> Option<TypeSet> {
    let has = |f: fn(&Schema) -> bool| v.parts.iter().any(|&p| f(api.schema(p)));
    let object = !v.properties.is_empty()
        || !v.required.is_empty()
        || has(|s| s.additional_properties.is_some());
    let array = has(|s| s.items.is_some());
    match (object, array) {
        (true, false) => Some(TypeSet::OBJECT),
        (false, true) => Some(TypeSet::ARRAY),
        _ => None,
    }
}

/// `type: object` stated (or dropped) where the object keywords were already there, or
/// `type: array` where `items` was: the type the schema was meant as, now written out,
/// which changes nothing a client sends or reads (so it is no change, either way).
fn type_only_spelled_out(
    base: &Api,
    bv: &View,
    bt: Option<TypeSet>,
    rev: &Api,
    rv: &View,
    rt: Option<TypeSet>,
) -> bool {
    match (bt, rt) {
        (None, Some(t)) | (Some(t), None) => {
            implied_type(base, bv) == Some(t) && implied_type(rev, rv) == Some(t)
        }
        _ => false,
    }
}

/// The types a schema declares, looking through `$ref`, `allOf` and branches; `None` when
/// it allows any type.
pub(in crate::diff) fn declared_types(api: &Api, id: SchemaId, depth: usize) -> Option<TypeSet> {
    if depth > 8 {
        return None;
    }
    let s = api.schema(id);
    if s.types.is_some() {
        return s.types;
    }
    if let Some(t) = s.reference.and_then(|r| declared_types(api, r, depth + 1)) {
        return Some(t);
    }
    if let Some(t) = s
        .all_of
        .iter()
        .find_map(|&p| declared_types(api, p, depth + 1))
    {
        return Some(t);
    }
    let list = if s.one_of.is_empty() {
        &s.any_of
    } else {
        &s.one_of
    };
    union_of_types(api, list, depth + 1)
}

pub(super) fn union_of_types(api: &Api, list: &[SchemaId], depth: usize) -> Option<TypeSet> {
    if list.is_empty() {
        return None;
    }
    let mut union = TypeSet::empty();
    for &b in list {
        union = union.union(declared_types(api, b, depth)?);
    }
    Some(union)
}

/// Whether a JSON value is of one of the types.
fn json_has_type(v: &Json, t: TypeSet) -> bool {
    let of = match v {
        Json::Null => TypeSet::NULL,
        Json::Bool(_) => TypeSet::BOOLEAN,
        Json::Object(_) => TypeSet::OBJECT,
        Json::Array(_) => TypeSet::ARRAY,
        Json::String(_) => TypeSet::STRING,
        Json::Number(n) if n.is_i64() || n.is_u64() => TypeSet::INTEGER,
        Json::Number(_) => TypeSet::NUMBER,
    };
    of.is_subset_of(t)
}

/// Whether every value numeric format `inner` allows is one `outer` allows: integer ranges
/// nested (`uint32` in `int64`; `int32` and `uint32` overlap only), and a `float` is a
/// `double`. Formats of different kinds (`int64` and `double`) are neither.
pub(super) fn numeric_format_within(inner: &str, outer: &str) -> bool {
    match (integer_format_range(inner), integer_format_range(outer)) {
        (Some(i), Some(o)) => o.0 <= i.0 && i.1 <= o.1,
        _ => inner == "float" && outer == "double",
    }
}

/// The smallest and largest value of an integer format of the OpenAPI format registry.
pub(super) fn integer_format_range(format: &str) -> Option<(i128, i128)> {
    Some(match format {
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "int64" => (i64::MIN.into(), i64::MAX.into()),
        "uint8" => (0, u8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        "uint64" => (0, u64::MAX.into()),
        _ => return None,
    })
}

/// Whether every integer between the bounds (both given) fits the integer format.
fn integer_format_fits(format: &str, min: Option<Bound>, max: Option<Bound>) -> bool {
    let Some(range) = integer_format_range(format) else {
        return false;
    };
    let fits = |b: Bound, ok: &dyn Fn(i128) -> bool| match b.value.as_int() {
        Some(i) => ok(i),
        // A decimal bound: compared as a float, which is exact enough at these sizes.
        None => ok(b.value.as_f64() as i128),
    };
    matches!((min, max), (Some(lo), Some(hi))
        if fits(lo, &|i| i >= range.0) && fits(hi, &|i| i <= range.1))
}

#[cfg(test)]
mod tests {
    use super::super::testing::facts;
    use super::*;

    #[test]
    fn a_type_change_is_reported_and_carries_its_format() {
        assert_eq!(
            facts(
                "S: {type: integer, format: int64}",
                "S: {type: string, format: uuid}"
            ),
            [SchemaFact::TypeChanged {
                from: TypeSet::INTEGER,
                to: TypeSet::STRING
            }]
        );
    }

    #[test]
    fn null_in_the_types_is_nullability_not_a_type_change() {
        assert_eq!(
            facts("S: {type: string}", "S: {type: [string, 'null']}"),
            [SchemaFact::BecameNullable]
        );
        assert_eq!(
            facts("S: {type: [string, 'null']}", "S: {type: string}"),
            [SchemaFact::BecameNotNullable]
        );
    }

    #[test]
    fn formats_are_told_apart_by_whether_validators_know_them() {
        assert_eq!(
            facts(
                "S: {type: string, format: uuid}",
                "S: {type: string, format: email}"
            ),
            [SchemaFact::FormatChanged {
                from: Some("uuid".into()),
                to: Some("email".into())
            }]
        );
        assert_eq!(
            facts(
                "S: {type: integer, format: int64}",
                "S: {type: integer, format: unixtime}"
            ),
            [SchemaFact::FormatAnnotationChanged {
                from: Some("int64".into()),
                to: Some("unixtime".into())
            }]
        );
    }

    /// Temporal 2026-07-08 -> 07-23 `coreUsedFlags[]`: int64 -> uint32 and back; OpenAI
    /// `TranscriptionWord.start`: float -> double.
    #[test]
    fn a_numeric_format_within_another_is_widened_or_narrowed() {
        let change = |from: &str, to: &str| {
            facts(
                &format!("S: {{type: integer, format: {from}}}"),
                &format!("S: {{type: integer, format: {to}}}"),
            )
        };
        let widened = |from: &str, to: &str| SchemaFact::FormatWidened {
            from: from.into(),
            to: to.into(),
        };
        let narrowed = |from: &str, to: &str| SchemaFact::FormatNarrowed {
            from: from.into(),
            to: to.into(),
        };
        assert_eq!(change("uint32", "int64"), [widened("uint32", "int64")]);
        assert_eq!(change("int64", "uint32"), [narrowed("int64", "uint32")]);
        assert_eq!(change("int8", "int16"), [widened("int8", "int16")]);
        // int32 and uint32 overlap, neither holds the other; nor do int64 and uint64.
        for (a, b) in [("int32", "uint32"), ("int64", "uint64")] {
            assert_eq!(
                change(a, b),
                [SchemaFact::FormatChanged {
                    from: Some(a.into()),
                    to: Some(b.into())
                }]
            );
        }
        assert_eq!(
            facts(
                "S: {type: number, format: float}",
                "S: {type: number, format: double}"
            ),
            [widened("float", "double")]
        );
        assert_eq!(
            facts(
                "S: {type: number, format: double}",
                "S: {type: number, format: float}"
            ),
            [narrowed("double", "float")]
        );
    }

    #[test]
    fn a_format_that_constrains_no_string_is_a_hint() {
        // Docker v1.25 -> v1.40's `application/x-tar` body, Stripe's multipart `file`.
        assert_eq!(
            facts("S: {type: string}", "S: {type: string, format: binary}"),
            [SchemaFact::FormatHintChanged {
                from: None,
                to: Some("binary".into())
            }]
        );
        assert_eq!(
            facts(
                "S: {type: string, format: password}",
                "S: {type: string, format: binary}"
            ),
            [SchemaFact::FormatHintChanged {
                from: Some("password".into()),
                to: Some("binary".into())
            }]
        );
        // `byte` is base64: from a hint to it takes strings away.
        assert_eq!(
            facts(
                "S: {type: string, format: binary}",
                "S: {type: string, format: byte}"
            ),
            [SchemaFact::FormatChanged {
                from: Some("binary".into()),
                to: Some("byte".into())
            }]
        );
    }

    #[test]
    fn an_integer_format_within_the_bounds_takes_no_value_away() {
        assert_eq!(
            facts(
                "S: {type: integer, minimum: 0, maximum: 100}",
                "S: {type: integer, minimum: 0, maximum: 100, format: int32}"
            ),
            [SchemaFact::FormatAddedWithinBounds("int32".into())]
        );
        // Without an upper bound every integer was allowed: int32 takes some away.
        assert_eq!(
            facts(
                "S: {type: integer, minimum: 0}",
                "S: {type: integer, minimum: 0, format: int32}"
            ),
            [SchemaFact::FormatChanged {
                from: None,
                to: Some("int32".into())
            }]
        );
    }

    #[test]
    fn a_type_the_schema_already_meant_is_no_change() {
        let props = "properties: {a: {type: string}}";
        assert!(
            facts(
                &format!("S: {{{props}}}"),
                &format!("S: {{type: object, {props}}}")
            )
            .is_empty()
        );
        assert!(facts("S: {enum: [a, b]}", "S: {type: string, enum: [a, b]}").is_empty());
        // An enum with a value of another type: the type takes that value away.
        assert_eq!(
            facts("S: {enum: [a, 1]}", "S: {type: string, enum: [a, 1]}"),
            [SchemaFact::TypeChanged {
                from: TypeSet::empty(),
                to: TypeSet::STRING
            }]
        );
    }

    #[test]
    fn array_keywords_are_moot_only_across_accepting_arrays() {
        let to_array = Types {
            base: Some(TypeSet::OBJECT),
            revision: Some(TypeSet::ARRAY),
            changed: true,
        };
        assert!(to_array.array_keyword_moot(false, true));
        assert!(!to_array.array_keyword_moot(true, false));
        let arrays = Types {
            base: Some(TypeSet::ARRAY),
            revision: Some(TypeSet::ARRAY),
            changed: false,
        };
        assert!(!arrays.array_keyword_moot(false, true));
        assert!(!arrays.array_keyword_moot(true, false));
    }
}
