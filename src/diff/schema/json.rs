//! JSON values compared as JSON Schema compares them (`1` and `1.0` are one number), for
//! every group that compares written values: enum, const, default, examples, extensions.

use serde_json::Value as Json;

/// JSON equality that treats `1` and `1.0` as one number.
pub fn json_eq(a: &Json, b: &Json) -> bool {
    match (a, b) {
        // Integers compare exactly (9007199254740993 is not 9007199254740992); `1` and `1.0`
        // are the same number.
        (Json::Number(x), Json::Number(y)) => {
            x == y || ((x.is_f64() || y.is_f64()) && x.as_f64() == y.as_f64())
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// The values of `list` that `other` lacks (as [`json_eq`] compares), in `list`'s order.
/// Through a hashed set of `other`, so that two enums of 100,000 values compare in linear
/// time; a value whose key is ambiguous (an object, or a number that is neither an exact
/// integer nor a plain float) falls back to a scan.
pub(super) fn missing_from(list: &[Json], other: &[Json]) -> Vec<Json> {
    let keys: rustc_hash::FxHashSet<JsonKey<'_>> = other.iter().filter_map(json_key).collect();
    let any_unkeyed = other.iter().any(|v| json_key(v).is_none());
    list.iter()
        .filter(|v| match json_key(v) {
            Some(k) if !any_unkeyed => !keys.contains(&k),
            _ => !contains_json(other, v),
        })
        .cloned()
        .collect()
}

/// What identifies a scalar JSON value as [`json_eq`] compares it: integers exactly, a
/// float with no fraction as the integer it equals (1.0 is 1).
#[derive(PartialEq, Eq, Hash)]
enum JsonKey<'a> {
    Null,
    Bool(bool),
    Int(i128),
    Float(u64),
    Str(&'a str),
}

fn json_key(v: &Json) -> Option<JsonKey<'_>> {
    Some(match v {
        Json::Null => JsonKey::Null,
        Json::Bool(b) => JsonKey::Bool(*b),
        Json::String(s) => JsonKey::Str(s),
        Json::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => JsonKey::Int(i as i128),
            (_, Some(u), _) => JsonKey::Int(u as i128),
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 9e15 => JsonKey::Int(f as i128),
            (_, _, Some(f)) if f.abs() >= 9e15 => return None,
            (_, _, Some(f)) => JsonKey::Float(f.to_bits()),
            _ => return None,
        },
        Json::Array(_) | Json::Object(_) => return None,
    })
}

fn contains_json(list: &[Json], v: &Json) -> bool {
    list.iter().any(|x| json_eq(x, v))
}
