//! Examples kept as a digest of their value instead of the value. A diff only asks whether
//! an example changed, and examples are often the bulk of a document (GitHub's are nearly
//! half of its 7 MB): a copy of each as JSON made the model as large as the text.

use crate::tree::{Node, Value};
use serde::{Serialize, Serializer};
use std::hash::{DefaultHasher, Hash, Hasher};

/// A 128-bit digest of a JSON value, equal for two values that
/// [`crate::diff::schema::json_eq`]-style equality calls equal: object keys in any order,
/// `1` and `1.0` one number, integers exact at any size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ValueDigest(u128);

impl ValueDigest {
    /// The digest of a value as the tree holds it.
    pub fn of(node: &Node) -> ValueDigest {
        // Two SipHash streams with different first words: 128 bits, so that two different
        // examples collide with odds of 2^-64 at a billion examples. The value is written
        // out once and each stream hashes it whole: fed a word at a time, twice over, the
        // hashing was 4% of a diff of GitHub's description.
        let mut canonical = Canonical(Vec::new());
        feed(node, &mut canonical);
        let (mut low, mut high) = (DefaultHasher::new(), DefaultHasher::new());
        0u8.hash(&mut low);
        1u8.hash(&mut high);
        low.write(&canonical.0);
        high.write(&canonical.0);
        ValueDigest((u128::from(high.finish()) << 64) | u128::from(low.finish()))
    }
}

/// The bytes a value writes to a hasher, collected to be hashed at once.
struct Canonical(Vec<u8>);

impl Hasher for Canonical {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        unreachable!("the bytes are hashed by the digest's own streams")
    }
}

impl Serialize for ValueDigest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{:032x}", self.0))
    }
}

/// Writes a value to a hasher in a canonical form: a tag per kind, lengths before contents
/// (so that no two values write the same stream), object members sorted by key.
fn feed(node: &Node, h: &mut Canonical) {
    match &node.value {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, *b).hash(h),
        Value::Number(n) => {
            2u8.hash(h);
            number(n.raw(), h);
        }
        Value::String(s) => (3u8, s.as_str()).hash(h),
        Value::Array(items) => {
            (4u8, items.len()).hash(h);
            for item in items {
                feed(item, h);
            }
        }
        Value::Object(o) => {
            (5u8, o.entries.len()).hash(h);
            let mut entries: Vec<_> = o.entries.iter().collect();
            entries.sort_unstable_by(|a, b| a.key.cmp(&b.key));
            for e in entries {
                e.key.as_str().hash(h);
                feed(&e.value, h);
            }
        }
    }
}

/// A number as the integer it is exactly (whatever its size or spelling: `1`, `1.0`,
/// `1e0`), or else as the float it reads as.
fn number(raw: &str, h: &mut Canonical) {
    if let Some(digits) = exact_integer(raw) {
        (0u8, digits.as_str()).hash(h);
    } else {
        let f: f64 = raw.parse().unwrap_or(f64::NAN);
        (1u8, f.to_bits()).hash(h);
    }
}

/// The canonical decimal digits (sign included, no leading zeros) of a number that is an
/// integer, or `None` for one with a fraction or an exponent too large to expand.
fn exact_integer(raw: &str) -> Option<String> {
    let (negative, unsigned) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw.strip_prefix('+').unwrap_or(raw)),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], unsigned[i + 1..].parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if !(int_part.bytes().chain(frac_part.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits = format!("{int_part}{frac_part}");
    // The decimal point sits after `point` digits.
    let point = int_part.len() as i64 + exponent;
    if !(0..=400).contains(&point) {
        return (digits.bytes().all(|b| b == b'0')).then(|| "0".to_string());
    }
    let point = point as usize;
    if digits.len() > point {
        if !digits[point..].bytes().all(|b| b == b'0') {
            return None;
        }
        digits.truncate(point);
    } else {
        digits.extend(std::iter::repeat_n('0', point - digits.len()));
    }
    let digits = digits.trim_start_matches('0');
    Some(match (digits.is_empty(), negative) {
        (true, _) => "0".to_string(),
        (false, true) => format!("-{digits}"),
        (false, false) => digits.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(json: &str) -> ValueDigest {
        ValueDigest::of(
            &crate::tree::json::parse(json, &Default::default())
                .unwrap()
                .root,
        )
    }

    #[test]
    fn equal_values_have_equal_digests() {
        assert_eq!(
            digest(r#"{"a": 1, "b": [true, null]}"#),
            digest(r#"{"b": [true, null], "a": 1.0}"#)
        );
        assert_eq!(digest("10"), digest("1e1"));
        assert_eq!(digest("-0"), digest("0.0"));
        assert_eq!(digest("1.5"), digest("15e-1"));
    }

    #[test]
    fn different_values_have_different_digests() {
        assert_ne!(digest("9007199254740993"), digest("9007199254740992"));
        assert_ne!(digest(r#"["a", "b"]"#), digest(r#"["b", "a"]"#));
        assert_ne!(digest(r#"{"a": "b"}"#), digest(r#"{"ab": ""}"#));
        assert_ne!(digest(r#"[[], []]"#), digest(r#"[[[]]]"#));
        assert_ne!(digest("1"), digest(r#""1""#));
        assert_ne!(digest("1.5"), digest("1.25"));
        assert_ne!(digest("-3"), digest("3"));
    }
}
