//! A small YAML writer for JSON values: block style, strings quoted the JSON way (which YAML
//! reads back unchanged), so output is both readable and exact. Used by the reporters
//! (`--format yaml`) and by the lint baseline writer, so it sits below both.

use serde_json::Value;

pub(crate) fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, 0, &mut out, false);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Object(o) if o.is_empty() => "{}".into(),
        other => other.to_string(),
    }
}

fn is_block(value: &Value) -> bool {
    match value {
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => false,
    }
}

/// Writes `value` whose first line continues the current line (after `key:` or `- `).
fn write_value(value: &Value, indent: usize, out: &mut String, inline_first: bool) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 || !inline_first {
                    out.push_str(&pad);
                }
                out.push_str(&key(k));
                out.push(':');
                if is_block(v) {
                    out.push('\n');
                    let child_indent = if v.is_array() { indent } else { indent + 2 };
                    write_value(v, child_indent, out, false);
                } else {
                    out.push(' ');
                    out.push_str(&scalar(v));
                    out.push('\n');
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                if i > 0 || !inline_first {
                    out.push_str(&pad);
                }
                out.push_str("- ");
                if is_block(v) {
                    write_value(v, indent + 2, out, true);
                } else {
                    out.push_str(&scalar(v));
                    out.push('\n');
                }
            }
        }
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn key(k: &str) -> String {
    let plain = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !k.starts_with('-')
        && !matches!(k, "true" | "false" | "null" | "yes" | "no" | "on" | "off")
        && k.parse::<f64>().is_err();
    if plain {
        k.to_string()
    } else {
        serde_json::to_string(k).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_reads_back_as_the_same_value() {
        let v = serde_json::json!({
            "changes": [{"id": "a", "operations": [{"method": "get", "path": "/x"}], "n": 1.5},
                        {"id": "b: c", "empty": [], "none": null, "flag": true, "200": "yes"}],
            "summary": {"error": 1}
        });
        let text = to_yaml(&v);
        let back = crate::tree::yaml::parse(&text, &Default::default()).unwrap();
        assert_eq!(back.root.to_json(), v, "{text}");
    }
}
