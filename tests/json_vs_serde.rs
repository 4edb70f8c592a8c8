//! The `json_vs_serde` fuzz target's check, run as a plain test: deterministic inputs
//! (tricky literals, every short string over a JSON-ish alphabet, nesting around both depth
//! limits) and random mutations of real documents, each compared against serde_json.

#[path = "../fuzz/src/oracle.rs"]
mod oracle;

mod common;
use common::rng::Rng;

use std::path::Path;

/// Inputs where readers tend to differ.
const TRICKY: &[&str] = &[
    // numbers
    "0",
    "-0",
    "-0.0",
    "0e0",
    "-0E-0",
    "1E+2",
    "1e-2",
    "1.5e308",
    "1e309",
    "1e400",
    "-1e400",
    "1e-400",
    "123456789012345678901234567890",
    "-9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "0.1",
    "2.2250738585072011e-308",
    "01",
    "-01",
    "1.",
    ".5",
    "+1",
    "-",
    "1e",
    "1e+",
    "0x10",
    "Infinity",
    "-Infinity",
    "NaN",
    "1_000",
    // strings and escapes
    r#""""#,
    r#""\"""#,
    r#""\\""#,
    r#""\/""#,
    r#""\b\f\n\r\t""#,
    r#""\u0000""#,
    r#""\u001f""#,
    r#""\u00e9""#,
    r#""\uD83D\uDE00""#,
    r#""\ud83d\ude00""#,
    r#""\ud800""#,
    r#""\udc00""#,
    r#""\ud800\u0041""#,
    r#""\ud800\udbff""#,
    r#""\udbff\udfff""#,
    r#""\u12""#,
    r#""\u12g4""#,
    r#""\x41""#,
    r#""\'""#,
    r#""\a""#,
    "\"\u{7f}\"",
    "\"\u{2028}\u{2029}\"",
    "\"é😀\"",
    "\"\t\"",
    "\"\n\"",
    "\"\u{0}\"",
    "\"abc",
    "\"\\",
    // literals
    "true",
    "false",
    "null",
    "nul",
    "True",
    "NULL",
    "truefalse",
    // structure
    "[]",
    "{}",
    "[1,]",
    "[,1]",
    "[1,,2]",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "{\"a\":}",
    "{a:1}",
    "{'a':1}",
    "{\"a\":1,\"a\":2}",
    "{\"a\":1,\"b\":{\"a\":[1,2,{\"a\":null}]},\"a\":[3]}",
    "{\"\":0}",
    "[1 2]",
    "[1] [2]",
    "{}}",
    "[]]",
    "[",
    "{",
    "]",
    "}",
    ":",
    ",",
    // whitespace and garbage around a value
    " \t\n\r[ 1 , 2 ]\r\n\t ",
    "\u{c}[1]",
    "[1]\u{c}",
    "\u{a0}1",
    "\u{feff}{}",
    "{}\u{feff}",
    "1 x",
    "[1] // comment",
    "/* c */ 1",
    "",
    " ",
    "\u{0}",
    "[1]\u{0}",
];

/// Every string of up to `max_len` characters over `alphabet`.
fn all_strings(alphabet: &[&str], max_len: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut layer = vec![String::new()];
    for _ in 0..max_len {
        let mut next = Vec::new();
        for prefix in &layer {
            for c in alphabet {
                next.push(format!("{prefix}{c}"));
            }
        }
        out.extend(next.iter().cloned());
        layer = next;
    }
    out
}

fn nested(depth: usize, open: &str, close: &str, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// Pieces of real documents: the repository's fixture and, when ../shared is there, a few
/// corpus files, cut into their subtrees (each re-serialised compactly and pretty).
fn real_snippets() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![root.join("fixtures/petstore.json")];
    let corpus = root.join("../shared/corpus");
    for name in [
        "discord/2023-07-14_fcaf8858.json",
        "vapi/2025-03-25_6b64493d.json",
        "kubernetes/release-1.28.json",
    ] {
        if corpus.join(name).is_file() {
            sources.push(corpus.join(name));
        }
    }
    let mut snippets = Vec::new();
    for path in sources {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let mut subtrees = Vec::new();
        collect_subtrees(&value, &mut subtrees);
        // An even spread of small-to-medium subtrees from each file.
        subtrees.retain(|s| (8..4096).contains(&s.len()));
        let step = (subtrees.len() / 150).max(1);
        for (i, compact) in subtrees.into_iter().enumerate() {
            if i % step == 0 {
                if i % (2 * step) == 0 {
                    let v: serde_json::Value = serde_json::from_str(&compact).unwrap();
                    snippets.push(serde_json::to_string_pretty(&v).unwrap());
                } else {
                    snippets.push(compact);
                }
            }
        }
    }
    snippets
}

fn collect_subtrees(value: &serde_json::Value, out: &mut Vec<String>) {
    let children: Vec<&serde_json::Value> = match value {
        serde_json::Value::Array(items) => items.iter().collect(),
        serde_json::Value::Object(map) => map.values().collect(),
        _ => return,
    };
    out.push(value.to_string());
    for child in children {
        collect_subtrees(child, out);
    }
}

/// Characters the mutator inserts: JSON's syntax, escapes, digits, and a few that JSON
/// does not allow where they land.
const ALPHABET: &[&str] = &[
    "{", "}", "[", "]", "\"", ",", ":", "\\", "/", "u", "0", "1", "9", "-", "+", ".", "e", "E",
    " ", "\t", "\n", "\r", "a", "t", "n", "f", "\u{0}", "\u{1f}", "\u{7f}", "é", "😀", "\u{feff}",
    "\\u", "\\ud800", "\\udc00", "\\n",
];

fn mutate(rng: &mut Rng, input: &str, pool: &[String]) -> Vec<u8> {
    let mut bytes = input.as_bytes().to_vec();
    for _ in 0..=rng.below(3) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(10) {
            0 => {
                let c = rng.pick(ALPHABET);
                bytes.splice(at..at, c.bytes());
            }
            1 if len > 0 => {
                let end = (at + 1 + rng.below(8)).min(len);
                bytes.drain(at.min(end)..end);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = rng.pick(ALPHABET).as_bytes()[0];
            }
            3 => bytes.truncate(at),
            4 => {
                let token = rng.pick(TRICKY);
                bytes.splice(at..at, token.bytes());
            }
            5 => {
                let other = rng.pick(pool).as_bytes();
                let cut = rng.below(other.len() + 1);
                bytes.truncate(at);
                bytes.extend_from_slice(&other[cut..]);
            }
            6 => {
                let end = (at + rng.below(16)).min(len);
                let copy = bytes[at..end].to_vec();
                bytes.splice(end..end, copy);
            }
            7 => {
                bytes.insert(0, b'[');
                bytes.push(b']');
            }
            8 => {
                let mut wrapped = b"{\"k\": ".to_vec();
                wrapped.extend_from_slice(&bytes);
                wrapped.push(b'}');
                bytes = wrapped;
            }
            _ => {
                let ws = rng.pick(&[" ", "\n", "\t", "\r\n", "\u{c}", "\u{a0}"]);
                bytes.splice(at..at, ws.bytes());
            }
        }
    }
    bytes
}

fn run_all(inputs: impl IntoIterator<Item = Vec<u8>>) -> usize {
    let mut failures = Vec::new();
    let mut count = 0;
    for input in inputs {
        count += 1;
        if let Err(e) = oracle::check(&input) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} inputs disagree; first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    );
    count
}

#[test]
fn tricky_inputs_agree_with_serde_json() {
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for t in TRICKY {
        inputs.push(t.as_bytes().to_vec());
        inputs.push(format!("[{t}]").into_bytes());
        inputs.push(format!("{{\"k\": {t}}}").into_bytes());
        inputs.push(format!("[1, {t}, 2]").into_bytes());
    }
    run_all(inputs);
}

#[test]
fn every_short_string_agrees_with_serde_json() {
    let alphabet = [
        "{", "}", "[", "]", "\"", ",", ":", "\\", "0", "1", "-", ".", "e", " ", "t", "u", "\n",
    ];
    let count = run_all(
        all_strings(&alphabet, 4)
            .into_iter()
            .map(String::into_bytes),
    );
    assert!(count > 80_000);
}

#[test]
fn nesting_around_both_depth_limits_agrees_with_serde_json() {
    let mut inputs = Vec::new();
    for depth in (120..=132).chain(995..=1005) {
        inputs.push(nested(depth, "[", "]", ""));
        inputs.push(nested(depth, "[", "]", "1"));
        inputs.push(nested(depth, "{\"a\":", "}", "null"));
        inputs.push(nested(depth, "[{\"a\":", "}]", "[]"));
        inputs.push(nested(depth, "[", "]", "") + "x");
        inputs.push(nested(depth, "[", "", ""));
    }
    run_all(inputs.into_iter().map(String::into_bytes));
}

#[test]
fn deep_nesting_is_refused_at_our_limit_not_by_a_crash() {
    let limits = specver::tree::Limits::default();
    let ok = nested(1000, "[", "]", "");
    assert!(specver::tree::json::parse(&ok, &limits).is_ok());
    let too_deep = nested(100_000, "[", "]", "");
    let err = specver::tree::json::parse(&too_deep, &limits).unwrap_err();
    assert_eq!(err.offset, 1000);
}

#[test]
fn mutated_real_documents_agree_with_serde_json() {
    let mut pool = real_snippets();
    pool.extend(TRICKY.iter().map(|t| t.to_string()));
    assert!(pool.len() > 50, "only {} seeds", pool.len());
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut inputs = Vec::new();
    for seed in &pool {
        inputs.push(seed.clone().into_bytes());
    }
    for _ in 0..30_000 {
        let seed = rng.pick(&pool).clone();
        inputs.push(mutate(&mut rng, &seed, &pool));
    }
    let count = run_all(inputs);
    println!("{count} inputs checked");
}
