//! The differential check behind the `json_vs_serde` fuzz target and `tests/json_vs_serde.rs`:
//! specver's JSON reader must accept exactly what serde_json accepts and read the same
//! values, and every span it records must lie in the text and match what it holds.
//!
//! Two differences are by design: serde_json refuses nesting deeper than 128 levels (specver
//! allows 1,000), and refuses numbers outside f64's range (specver keeps number text as
//! written, so `1e400` is a valid number to it).

use specver::tree::{Limits, Node, Value, json};

/// Checks one input. `Err` describes a disagreement or a broken invariant.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let ours = json::parse(text, &Limits::default());
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (ours, theirs) {
        (Ok(parsed), Ok(value)) => {
            check_spans(text, &parsed.root)?;
            let mine = parsed.root.to_json();
            if same_json(&mine, &value) {
                Ok(())
            } else {
                Err(format!(
                    "both accept {text:?} but read different values:\n  specver:    {mine}\n  serde_json: {value}"
                ))
            }
        }
        (Err(e), Err(_)) => {
            if e.offset > text.len() {
                return Err(format!(
                    "error offset {} past the end of {text:?} ({} bytes)",
                    e.offset,
                    text.len()
                ));
            }
            Ok(())
        }
        (Ok(parsed), Err(e)) => {
            let why = e.to_string();
            if why.starts_with("recursion limit exceeded") || why.starts_with("number out of range")
            {
                check_spans(text, &parsed.root)
            } else {
                Err(format!(
                    "specver accepts {text:?}, serde_json rejects it: {why}"
                ))
            }
        }
        (Err(e), Ok(_)) => Err(format!(
            "serde_json accepts {text:?}, specver rejects it at byte {}: {}",
            e.offset, e.message
        )),
    }
}

/// Equality with numbers compared by value (`1E+2` and `100` are both 100.0).
pub fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (J::Array(xs), J::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same_json(x, y))
        }
        (J::Object(xs), J::Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .all(|(k, x)| ys.get(k).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}

/// Every node's span lies inside the text, nests inside its parent's, and covers exactly
/// the node: a number's raw text, a string's quoted form, `true`/`false`/`null`, brackets.
fn check_spans(text: &str, root: &Node) -> Result<(), String> {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let (start, end) = (node.span.start as usize, node.span.end as usize);
        let Some(covered) = text.get(start..end) else {
            return Err(format!("span {start}..{end} is not a slice of {text:?}"));
        };
        let fits = match &node.value {
            Value::Null => covered == "null",
            Value::Bool(b) => covered == if *b { "true" } else { "false" },
            Value::Number(n) => covered == n.raw(),
            Value::String(s) => {
                serde_json::from_str::<String>(covered).is_ok_and(|decoded| decoded == s)
            }
            Value::Array(items) => {
                covered.starts_with('[')
                    && covered.ends_with(']')
                    && items.iter().all(|i| node.span.contains(i.span))
            }
            Value::Object(o) => {
                covered.starts_with('{')
                    && covered.ends_with('}')
                    && o.entries.iter().all(|e| {
                        node.span.contains(e.value.span)
                            && node.span.contains(e.key_span)
                            && text
                                .get(e.key_span.range())
                                .and_then(|k| serde_json::from_str::<String>(k).ok())
                                .is_some_and(|k| k == e.key)
                    })
            }
        };
        if !fits {
            return Err(format!(
                "the span {start}..{end} ({covered:?}) does not match the {} read from {text:?}",
                node.kind()
            ));
        }
        match &node.value {
            Value::Array(items) => stack.extend(items),
            Value::Object(o) => stack.extend(o.entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    Ok(())
}
