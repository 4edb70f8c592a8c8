//! The bundled document and how it is written: JSON (two-space indent) or block-style
//! YAML. Numbers keep the text they were written with, keys their order, strings their
//! value; the same tree always gives the same bytes.

use crate::tree::Number;
use std::fmt::Write;

/// A bundled value. It has no spans: it is written, not reported on.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, written as it was read.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Out>),
    /// An object, its members in the order they are written.
    Object(Vec<(String, Out)>),
}

impl Out {
    /// Member `key` of an object, to edit in place; `None` for other kinds.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Out> {
        match self {
            Out::Object(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Member `key` of an object, added at the end as an empty object when missing.
    pub(crate) fn member_or_insert(&mut self, key: &str) -> Option<&mut Out> {
        let Out::Object(entries) = self else {
            return None;
        };
        let at = match entries.iter().position(|(k, _)| k == key) {
            Some(at) => at,
            None => {
                entries.push((key.to_string(), Out::Object(Vec::new())));
                entries.len() - 1
            }
        };
        Some(&mut entries[at].1)
    }
}

/// The document as JSON, indented by two spaces, ending with a newline.
pub fn to_json(root: &Out) -> String {
    let mut out = String::new();
    write_json(root, 0, &mut out);
    out.push('\n');
    out
}

fn write_json(value: &Out, indent: usize, out: &mut String) {
    match value {
        Out::Null => out.push_str("null"),
        Out::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Out::Number(n) => out.push_str(&json_number(n)),
        Out::String(s) => push_quoted(s, out),
        Out::Array(items) if items.is_empty() => out.push_str("[]"),
        Out::Object(entries) if entries.is_empty() => out.push_str("{}"),
        Out::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                pad(indent + 2, out);
                write_json(item, indent + 2, out);
            }
            out.push('\n');
            pad(indent, out);
            out.push(']');
        }
        Out::Object(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                pad(indent + 2, out);
                push_quoted(key, out);
                out.push_str(": ");
                write_json(item, indent + 2, out);
            }
            out.push('\n');
            pad(indent, out);
            out.push('}');
        }
    }
}

/// A number's text when JSON can hold it as written; YAML forms (`0x1F`, `.5`, `+1`) are
/// converted, and what JSON has no number for (`.inf`, `.nan`) becomes a string.
fn json_number(n: &Number) -> String {
    let raw = n.raw();
    if is_json_number(raw) {
        return raw.to_string();
    }
    let plain = raw.strip_prefix('+').unwrap_or(raw);
    let radix = plain.trim_start_matches('-').starts_with("0x") || plain.contains("0o");
    if (radix || !plain.contains(['.', 'e', 'E']))
        && let Some(i) = n.as_i64()
    {
        return i.to_string();
    }
    match n.as_f64() {
        Some(f) if f.is_finite() => {
            let text = serde_json::Number::from_f64(f).map(|j| j.to_string());
            text.unwrap_or_else(|| format!("{f}"))
        }
        _ => serde_json::to_string(raw).unwrap_or_default(),
    }
}

/// RFC 8259's number grammar.
fn is_json_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if b.first() == Some(&b'-') {
        i += 1;
    }
    if b.get(i) == Some(&b'0') {
        i += 1;
    } else if !digits(&mut i) {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

fn push_quoted(s: &str, out: &mut String) {
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

fn pad(n: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// The document as block-style YAML, ending with a newline.
pub(crate) fn to_yaml(root: &Out) -> String {
    let mut out = String::new();
    match root {
        Out::Object(entries) if !entries.is_empty() => write_mapping(entries, 0, &mut out),
        Out::Array(items) if !items.is_empty() => write_sequence(items, 0, &mut out),
        other => {
            write_scalar(other, 0, &mut out);
            out.push('\n');
        }
    }
    out
}

fn is_block(value: &Out) -> bool {
    match value {
        Out::Object(e) => !e.is_empty(),
        Out::Array(a) => !a.is_empty(),
        _ => false,
    }
}

/// Writes `entries` at `indent`; the first key goes on the current line when the caller has
/// already written the indentation (after `- `).
fn write_mapping(entries: &[(String, Out)], indent: usize, out: &mut String) {
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            pad(indent, out);
        }
        write_plain_or_quoted(key, out);
        out.push(':');
        match value {
            Out::Object(e) if !e.is_empty() => {
                out.push('\n');
                write_mapping(e, indent + 2, out);
            }
            Out::Array(a) if !a.is_empty() => {
                out.push('\n');
                write_sequence(a, indent + 2, out);
            }
            scalar => {
                out.push(' ');
                write_scalar(scalar, indent + 2, out);
                out.push('\n');
            }
        }
    }
}

fn write_sequence(items: &[Out], indent: usize, out: &mut String) {
    for item in items {
        pad(indent, out);
        out.push_str("- ");
        match item {
            Out::Object(e) if is_block(item) => write_mapping(e, indent + 2, out),
            Out::Array(a) if is_block(item) => {
                out.truncate(out.len() - 1);
                out.push('\n');
                write_sequence(a, indent + 2, out);
            }
            scalar => {
                write_scalar(scalar, indent + 2, out);
                out.push('\n');
            }
        }
    }
}

/// A scalar or empty collection; a multi-line string becomes a literal block whose lines
/// are indented by `indent`.
fn write_scalar(value: &Out, indent: usize, out: &mut String) {
    match value {
        Out::Null => out.push_str("null"),
        Out::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Out::Number(n) => out.push_str(n.raw()),
        Out::Array(_) => out.push_str("[]"),
        Out::Object(_) => out.push_str("{}"),
        Out::String(s) if literal_block_fits(s) => {
            let body = s.trim_end_matches('\n');
            let chomp = match s.len() - body.len() {
                0 => "-",
                1 => "",
                _ => "+",
            };
            let _ = write!(out, "|{chomp}");
            for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
                out.push('\n');
                if !line.is_empty() {
                    pad(indent, out);
                    out.push_str(line);
                }
            }
        }
        Out::String(s) => write_plain_or_quoted(s, out),
    }
}

/// Whether a literal block (`|`) gives back exactly `s`: several lines of printable text,
/// the first neither empty nor indented (it sets the block's indentation).
fn literal_block_fits(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with([' ', '\t', '\n'])
        && !s.trim_end_matches('\n').is_empty()
        && s.chars().all(|c| c == '\n' || c == '\t' || is_printable(c))
}

fn is_printable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Plain when no YAML reader can take the text for anything but this string, else quoted
/// the JSON way (YAML reads JSON's escapes unchanged).
fn write_plain_or_quoted(s: &str, out: &mut String) {
    if is_safe_plain(s) {
        out.push_str(s);
    } else {
        push_quoted(s, out);
    }
}

fn is_safe_plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let starts_ok = first.is_alphabetic() || matches!(first, '_' | '/' | '$' | '(');
    starts_ok
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains(['[', ']', '{', '}', '\t', '\n', '\r'])
        && s.chars().all(is_printable)
        && !is_special_word(s)
}

/// Words YAML 1.1 or 1.2 readers take for null or a boolean.
fn is_special_word(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Limits, Node, Value, yaml};

    fn from_node(node: &Node) -> Out {
        match &node.value {
            Value::Null => Out::Null,
            Value::Bool(b) => Out::Bool(*b),
            Value::Number(n) => Out::Number(n.clone()),
            Value::String(s) => Out::String(s.to_string()),
            Value::Array(a) => Out::Array(a.iter().map(from_node).collect()),
            Value::Object(o) => Out::Object(
                o.entries
                    .iter()
                    .map(|e| (e.key.to_string(), from_node(&e.value)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn yaml_output_reads_back_as_the_same_tree() {
        let strings = [
            "plain",
            "",
            " lead",
            "trail ",
            "a: b",
            "a #b",
            "#x",
            "- x",
            "true",
            "No",
            "null",
            "1.0",
            "0x1F",
            "two\nlines",
            "two\nlines\n",
            "ends\n\n\n",
            "\nleading",
            "  indented\nx",
            "tab\there",
            "quote\"s",
            "'single'",
            "{flow}",
            "[1]",
            "*alias",
            "&anchor",
            "!tag",
            "%dir",
            "@at",
            "`tick",
            "é ü",
            "ctrl\u{1}",
            "line\u{2028}sep",
            "<<",
            "~",
            "x:",
            "/v2/{id}",
            "a,b",
            "?q",
            "|",
            ">",
            "  \n  ",
        ];
        let root = Out::Object(vec![
            (
                "strings".into(),
                Out::Array(strings.iter().map(|s| Out::String(s.to_string())).collect()),
            ),
            (
                "keys".into(),
                Out::Object(
                    strings
                        .iter()
                        .map(|s| (s.to_string(), Out::String(s.to_string())))
                        .collect(),
                ),
            ),
            (
                "numbers".into(),
                Out::Array(
                    ["1.10", "0x1F", "-0", "1e3", "123456789012345678901234"]
                        .iter()
                        .map(|n| Out::Number(Number::from_raw(n)))
                        .collect(),
                ),
            ),
            (
                "nested".into(),
                Out::Array(vec![
                    Out::Array(vec![Out::Null, Out::Bool(true)]),
                    Out::Object(vec![
                        ("a".into(), Out::Array(vec![])),
                        ("b".into(), Out::Object(vec![])),
                        ("c".into(), Out::String("x\ny".into())),
                    ]),
                    Out::Array(vec![]),
                ]),
            ),
        ]);
        let text = to_yaml(&root);
        let back = from_node(&yaml::parse(&text, &Limits::default()).unwrap().root);
        assert_eq!(back, root, "YAML written:\n{text}");
        assert_eq!(to_yaml(&back), text);
    }

    #[test]
    fn json_numbers_are_kept_as_written_or_converted_when_json_has_no_such_text() {
        let n = |raw| json_number(&Number::from_raw(raw));
        assert_eq!(n("1.10"), "1.10");
        assert_eq!(n("123456789012345678901234"), "123456789012345678901234");
        assert_eq!(n("0x1F"), "31");
        assert_eq!(n("+1"), "1");
        assert_eq!(n(".5"), "0.5");
        assert_eq!(n(".inf"), "\".inf\"");
    }
}
