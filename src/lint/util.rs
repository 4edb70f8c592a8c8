//! Small helpers shared by the lint modules.

use crate::tree::{Node, Value};
use regex::Regex;

/// JSON equality of two nodes: spans are ignored, numbers compare by value (`1 == 1.0`),
/// object member order does not matter.
pub fn json_eq(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => {
            x.raw() == y.raw() || matches!((x.as_f64(), y.as_f64()), (Some(p), Some(q)) if p == q)
        }
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(xs), Value::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.entries
                    .iter()
                    .all(|e| y.get(&e.key).is_some_and(|v| json_eq(&e.value, v)))
        }
        _ => false,
    }
}

/// A hash consistent with [`json_eq`] (for finding duplicates in long enums).
pub fn json_hash(n: &Node, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    match &n.value {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, b).hash(h),
        Value::Number(x) => {
            2u8.hash(h);
            match x.as_f64() {
                // `0.0` and `-0.0` are equal.
                Some(f) => (if f == 0.0 { 0 } else { f.to_bits() }).hash(h),
                None => x.raw().hash(h),
            }
        }
        Value::String(s) => (3u8, s).hash(h),
        Value::Array(items) => {
            (4u8, items.len()).hash(h);
            for i in items {
                json_hash(i, h);
            }
        }
        // Member order does not matter: combine member hashes commutatively.
        Value::Object(o) => {
            let mut acc = 0u64;
            for e in &o.entries {
                let mut sub = rustc_hash::FxHasher::default();
                e.key.hash(&mut sub);
                json_hash(&e.value, &mut sub);
                acc = acc.wrapping_add(std::hash::Hasher::finish(&sub));
            }
            (5u8, o.len(), acc).hash(h);
        }
    }
}

/// A JavaScript regular expression (`body` between the slashes, and its flags) as a Rust
/// regex. Unsupported syntax (look-around, back-references) is an error that says so.
pub fn js_regex(body: &str, flags: &str) -> Result<Regex, String> {
    let mut prefix = String::new();
    for f in flags.chars() {
        match f {
            'i' => prefix.push('i'),
            'm' => prefix.push('m'),
            's' => prefix.push('s'),
            'g' | 'u' | 'y' | 'd' | 'v' => {}
            other => return Err(format!("unknown regular expression flag `{other}`")),
        }
    }
    let body_rs = rust_syntax(body);
    let pattern = if prefix.is_empty() {
        body_rs
    } else {
        format!("(?{prefix}){body_rs}")
    };
    Regex::new(&pattern).map_err(|e| {
        let e = e.to_string();
        let hint = if body.contains("(?=") || body.contains("(?!") || body.contains("(?<") {
            " (look-around is not supported)"
        } else {
            ""
        };
        format!(
            "regular expression `{body}` is not supported{hint}: {}",
            e.lines().last().unwrap_or("")
        )
    })
}

/// A JavaScript pattern in Rust's syntax, where the two read the same text differently:
/// - JavaScript reads a `{` that does not start a quantifier (`{2}`, `{2,}`, `{2,5}`) as a
///   literal brace; Rust's regex wants it escaped.
/// - JavaScript's `\d`, `\w` and `\b` are ASCII (`[0-9]`, `[A-Za-z0-9_]`), Rust's are
///   Unicode. Written as ASCII they also compile to a fraction of the size: a date-time
///   pattern with `\d` took 370 KB, with `[0-9]` 18 KB.
fn rust_syntax(body: &str) -> String {
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len() + 4);
    let mut i = 0;
    let mut in_class = false;
    let mut open_quantifier = false;
    while i < bytes.len() {
        let c = body[i..].chars().next().unwrap();
        match c {
            '\\' => {
                let next = body[i + 1..].chars().next();
                match ascii_class(next, in_class) {
                    Some(class) => out.push_str(class),
                    None => out.push_str(&body[i..i + 1 + next.map_or(0, char::len_utf8)]),
                }
                i += 1 + next.map_or(0, char::len_utf8);
                continue;
            }
            '[' => in_class = true,
            ']' => in_class = false,
            '{' if !in_class => {
                let rest = &body[i + 1..];
                let end = rest.find('}');
                let quantifier = end.is_some_and(|e| {
                    let inner = &rest[..e];
                    let mut parts = inner.splitn(2, ',');
                    let a = parts.next().unwrap_or("");
                    let b = parts.next();
                    !a.is_empty()
                        && a.bytes().all(|x| x.is_ascii_digit())
                        && b.is_none_or(|b| b.bytes().all(|x| x.is_ascii_digit()))
                });
                if quantifier {
                    open_quantifier = true;
                } else {
                    out.push_str("\\{");
                    i += 1;
                    continue;
                }
            }
            '}' if !in_class => {
                if open_quantifier {
                    open_quantifier = false;
                } else {
                    out.push_str("\\}");
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// JavaScript's meaning of the escape `\\c`, where it is ASCII and Rust's is not: as a class
/// of its own, or inside a class (`[\\d-]`) as its members or a nested class.
fn ascii_class(c: Option<char>, in_class: bool) -> Option<&'static str> {
    Some(match (c?, in_class) {
        ('d', false) => "[0-9]",
        ('d', true) => "0-9",
        ('D', _) => "[^0-9]",
        ('w', false) => "[0-9A-Za-z_]",
        ('w', true) => "0-9A-Za-z_",
        ('W', _) => "[^0-9A-Za-z_]",
        ('b', false) => "(?-u:\\b)",
        ('B', false) => "(?-u:\\B)",
        // In a class JavaScript's `\\b` is a backspace; Rust has no such escape there.
        ('b', true) => "\\x08",
        _ => return None,
    })
}

/// A pattern as Spectral's `pattern` function takes it: `/body/flags` or a plain pattern.
pub fn pattern_regex(pattern: &str) -> Result<Regex, String> {
    if let Some(rest) = pattern.strip_prefix('/')
        && let Some(end) = rest.rfind('/')
    {
        let flags = &rest[end + 1..];
        if flags.chars().all(|c| c.is_ascii_alphabetic()) {
            return js_regex(&rest[..end], flags);
        }
    }
    js_regex(pattern, "")
}

/// A short rendering of a node for messages: scalars as JSON, containers abbreviated.
pub fn show(node: &Node) -> String {
    match &node.value {
        Value::String(s) => {
            let s: String = if s.chars().count() > 60 {
                s.chars().take(57).chain("...".chars()).collect()
            } else {
                s.to_string()
            };
            serde_json::to_string(&s).unwrap_or_default()
        }
        Value::Object(_) => "object".to_string(),
        Value::Array(_) => "array".to_string(),
        _ => node.scalar_text().unwrap_or_default().into_owned(),
    }
}

/// JavaScript's `String(x)` of a number.
pub fn js_number(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if f == 0.0 {
        return "0".into();
    }
    let abs = f.abs();
    if (1e-6..1e21).contains(&abs) {
        // Rust's shortest round-trip digits, without an exponent, as JavaScript prints them.
        return format!("{f}");
    }
    // Exponent form: `1e+21`, `1.5e-7`.
    let s = format!("{f:e}");
    match s.split_once('e') {
        Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
        _ => s,
    }
}

/// A node's number as JavaScript reads it (`1.0` is `1`).
fn number_text(n: &crate::tree::Number) -> String {
    n.as_f64().map_or_else(|| n.raw().to_string(), js_number)
}

/// JavaScript's `String(value)` of a node: strings as they are, `[object Object]` for
/// objects, arrays joined with `,` (what Spectral's `{{value}}` shows).
pub fn js_string(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => s.to_string(),
        Value::Object(_) => "[object Object]".into(),
        Value::Array(items) => items
            .iter()
            .map(|i| match i.value {
                Value::Null => String::new(),
                _ => js_string(i),
            })
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// Spectral's `printValue`: JSON for scalars, `Object{}` and `Array[]` for containers.
pub fn print_value(node: &Node) -> String {
    match &node.value {
        Value::Object(_) => "Object{}".into(),
        Value::Array(_) => "Array[]".into(),
        Value::Number(n) => number_text(n),
        Value::String(s) => json_string(s),
        _ => node.scalar_text().unwrap_or_default().into_owned(),
    }
}

/// A string as a JSON string literal (JavaScript's `JSON.stringify`).
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// JavaScript's `Number(s)` of a string: surrounding white space ignored, `""` is 0,
/// `0x`/`0o`/`0b` prefixes, `Infinity`; `None` for NaN.
pub fn js_to_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return Some(0.0);
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = t.strip_prefix(prefix) {
            return u64::from_str_radix(digits, radix).ok().map(|v| v as f64);
        }
    }
    match t {
        "Infinity" | "+Infinity" => return Some(f64::INFINITY),
        "-Infinity" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    // Rust also reads `inf` and `nan`; JavaScript only digits, a point and an exponent.
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    t.parse().ok()
}

/// Spectral's dotted path (`printPath(path, PrintStyle.Dot)`): `a.b`, `responses[200].x`,
/// `['a b']`.
pub fn dot_path(segments: &[&str]) -> String {
    let mut out = String::new();
    for (i, seg) in segments.iter().enumerate() {
        if seg.is_empty() {
            out.push_str("['']");
        } else if seg.chars().any(char::is_whitespace) {
            out.push_str(&format!("['{seg}']"));
        } else if js_to_number(seg).is_some() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if i > 0 {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out.replace("~1", "/").replace("~0", "~")
}

/// A JSON pointer (as tokens) as Spectral prints `{{path}}`: a URI fragment, each token
/// escaped (`~0`, `~1`) and then percent-encoded where `encodeURIComponent` would, except
/// for `/`.
pub fn uri_fragment(tokens: &[String]) -> String {
    let mut out = String::from("#");
    for t in tokens {
        out.push('/');
        let escaped = crate::tree::pointer::escape(t);
        for c in escaped.chars() {
            // What @stoplight/json's encodeUriPointer leaves alone (its character class has
            // en dashes where hyphens were meant, so `–` is kept too).
            if c.is_ascii_alphanumeric() || "-_.!~*'()/\u{2013}".contains(c) {
                out.push(c);
            } else {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// `a.localeCompare(b)` as Node.js (ICU, root collation) orders ASCII text: punctuation
/// before digits before letters, letters without regard to case first, then lower case
/// before upper case. Other characters follow ASCII letters, by code point.
pub fn locale_compare(a: &str, b: &str) -> std::cmp::Ordering {
    const ORDER: &str = "\t\n\u{b}\u{c}\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";
    fn primary(c: char) -> u32 {
        if c.is_ascii_alphabetic() {
            let lower = c.to_ascii_lowercase();
            // Upper and lower case share the weight of the lower-case letter.
            return ORDER.find(lower).unwrap_or(0) as u32;
        }
        match ORDER.find(c) {
            Some(i) => i as u32,
            None => 0x100 + c.to_lowercase().next().unwrap_or(c) as u32,
        }
    }
    let pa = a.chars().map(primary);
    let pb = b.chars().map(primary);
    pa.cmp(pb).then_with(|| {
        // Tertiary: lower case before upper case, at the first difference.
        for (x, y) in a.chars().zip(b.chars()) {
            let (xu, yu) = (x.is_uppercase(), y.is_uppercase());
            if xu != yu {
                return xu.cmp(&yu);
            }
        }
        a.cmp(b)
    })
}

/// JavaScript truthiness of a node (`false`, `0`, `""` and `null` are falsy).
pub fn truthy(node: &Node) -> bool {
    match &node.value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|v| v != 0.0 && !v.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// The JSON type names a node has (`integer` and `number` for whole numbers).
pub fn json_types(node: &Node) -> &'static [&'static str] {
    match &node.value {
        Value::Null => &["null"],
        Value::Bool(_) => &["boolean"],
        Value::Number(n) => {
            if is_integer(n) {
                &["integer", "number"]
            } else {
                &["number"]
            }
        }
        Value::String(_) => &["string"],
        Value::Array(_) => &["array"],
        Value::Object(_) => &["object"],
    }
}

pub fn is_integer(n: &crate::tree::Number) -> bool {
    n.as_i64().is_some()
        || n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Limits, yaml};

    fn n(text: &str) -> Node {
        yaml::parse(text, &Limits::default()).unwrap().root
    }

    #[test]
    fn equality_ignores_spans_order_and_number_spelling() {
        assert!(json_eq(&n("{a: 1, b: [x]}"), &n("{b: [x], a: 1.0}")));
        assert!(!json_eq(&n("{a: 1}"), &n("{a: '1'}")));
        let h = |node: &Node| {
            let mut s = rustc_hash::FxHasher::default();
            json_hash(node, &mut s);
            std::hash::Hasher::finish(&s)
        };
        assert_eq!(h(&n("{a: 1, b: 2}")), h(&n("{b: 2, a: 1.0}")));
    }

    #[test]
    fn javascript_renderings() {
        assert_eq!(
            js_string(&n("[1, a, null, {b: 1}]")),
            "1,a,,[object Object]"
        );
        assert_eq!(js_string(&n("1.0")), "1");
        assert_eq!(print_value(&n("'x\"y'")), "\"x\\\"y\"");
        assert_eq!(print_value(&n("{a: 1}")), "Object{}");
        assert_eq!(js_number(1e21), "1e+21");
        assert_eq!(js_number(0.5), "0.5");
        assert_eq!(js_to_number(" 12 "), Some(12.0));
        assert_eq!(js_to_number("inf"), None);
        assert_eq!(js_to_number("0x1F"), Some(31.0));
        assert_eq!(dot_path(&["get", "summary"]), "get.summary");
        assert_eq!(
            dot_path(&["responses", "200", "a b"]),
            "responses[200]['a b']"
        );
        assert_eq!(
            uri_fragment(&["paths".into(), "/pets/{id}".into(), "$ref".into()]),
            "#/paths/~1pets~1%7Bid%7D/%24ref"
        );
    }

    #[test]
    fn locale_order() {
        let mut v = vec![
            "b", "B", "a", "Ab", "aB", "ab", "a_b", "a-b", "ab10", "ab2", "Z", "1",
        ];
        v.sort_by(|a, b| locale_compare(a, b));
        assert_eq!(
            v,
            [
                "1", "a", "a_b", "a-b", "ab", "aB", "Ab", "ab10", "ab2", "b", "B", "Z"
            ]
        );
    }

    #[test]
    fn js_patterns() {
        assert!(pattern_regex("/^A/i").unwrap().is_match("abc"));
        assert!(pattern_regex("^a/b$").unwrap().is_match("a/b"));
        assert!(pattern_regex("(?=x)").unwrap_err().contains("look-around"));
        assert!(pattern_regex("{}").unwrap().is_match("/a/{}"));
        assert!(pattern_regex("^a{2}$").unwrap().is_match("aa"));
        assert!(pattern_regex("[{]x}").unwrap().is_match("{x}"));
    }

    /// `\d`, `\w` and `\b` are ASCII in JavaScript: an Arabic-Indic digit is no `\d`.
    #[test]
    fn js_classes_are_ascii() {
        let matches = |p: &str, s: &str| pattern_regex(p).unwrap().is_match(s);
        assert!(matches(r"^\d+$", "0123456789"));
        assert!(!matches(r"^\d+$", "\u{0663}"));
        assert!(matches(r"^\D$", "\u{0663}"));
        assert!(!matches(r"^\w+$", "é"));
        assert!(matches(r"^\W$", "é"));
        assert!(matches(r"^[\w-]+$", "a-b_9"));
        assert!(!matches(r"^[\w-]+$", "é"));
        assert!(matches(r"^[\D]$", "x"));
        assert!(!matches(r"^[\W\d]+$", "a"));
        assert!(matches(r"^[\W\d]+$", "é1"));
        // `é` is no word character, so a boundary lies between it and `a`.
        assert!(matches(r"é\ba", "éa"));
        assert!(matches(r"a\Bb", "ab"));
        assert!(matches(r"^[\b]$", "\u{8}"));
        // Escapes that mean the same in both pass unchanged.
        assert!(matches(r"^\s\.\\$", " .\\"));
    }
}
