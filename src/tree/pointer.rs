//! JSON Pointers (RFC 6901): parsing, escaping, lookup in a tree, and finding the pointer of
//! the node at a span (the way back from a finding's location to a stable address).

use super::{Node, Span, Value};

/// Escapes one reference token (`~` -> `~0`, `/` -> `~1`).
pub fn escape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

/// Appends `/token` (escaped) to `pointer`.
pub fn push(pointer: &mut String, token: &str) {
    pointer.push('/');
    pointer.push_str(&escape(token));
}

/// Joins tokens into a pointer: `["paths", "/a/{b}"]` -> `/paths/~1a~1{b}`.
pub fn join<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in tokens {
        push(&mut out, t);
    }
    out
}

/// Splits a pointer into unescaped tokens. `""` is the whole document; anything else must
/// start with `/`. An empty token (as in `a//b`) is a real token that names the key `""`.
pub fn tokens(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let rest = pointer
        .strip_prefix('/')
        .ok_or_else(|| not_a_pointer(pointer))?;
    rest.split('/').map(unescape).collect()
}

fn not_a_pointer(pointer: &str) -> String {
    format!("JSON pointer `{pointer}` does not start with `/`")
}

fn unescape(token: &str) -> Result<String, String> {
    if !token.contains('~') {
        return Ok(token.to_string());
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => {
                    return Err(format!(
                        "invalid escape `~` in JSON pointer token `{token}`"
                    ));
                }
            }
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Decodes a URI fragment (`#/components/schemas/Pet%20Name`) into a JSON pointer string
/// (borrowed when nothing is percent-escaped, as in most `$ref`s).
pub(crate) fn from_fragment(fragment: &str) -> Result<std::borrow::Cow<'_, str>, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if !fragment.contains('%') {
        return Ok(fragment.into());
    }
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = fragment
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("invalid percent-escape in fragment `#{fragment}`"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out)
        .map(Into::into)
        .map_err(|_| format!("fragment `#{fragment}` is not UTF-8"))
}

/// Why a pointer did not lead to a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupError {
    /// How many tokens were matched before the failure.
    pub matched: usize,
    /// What was not found, in words.
    pub message: String,
}

/// Follows `pointer` from `root`.
pub fn lookup<'a>(root: &'a Node, pointer: &str) -> Result<&'a Node, LookupError> {
    let invalid = |message| LookupError {
        matched: 0,
        message,
    };
    if pointer.contains('~') {
        let toks = tokens(pointer).map_err(invalid)?;
        return follow(root, pointer, toks.iter().map(String::as_str));
    }
    // Without escapes the tokens are slices of the pointer: a lint of a large spec follows
    // hundreds of thousands of `$ref`s, and a `String` per token showed in its profile.
    let rest = match pointer {
        "" => None,
        _ => Some(
            pointer
                .strip_prefix('/')
                .ok_or_else(|| invalid(not_a_pointer(pointer)))?,
        ),
    };
    follow(root, pointer, rest.into_iter().flat_map(|r| r.split('/')))
}

/// Follows the unescaped tokens `toks` of `pointer` from `root`.
fn follow<'a, 't>(
    root: &'a Node,
    pointer: &str,
    toks: impl Iterator<Item = &'t str> + Clone,
) -> Result<&'a Node, LookupError> {
    let mut node = root;
    for (i, tok) in toks.clone().enumerate() {
        let next = match &node.value {
            Value::Object(o) => o.get(tok),
            Value::Array(items) => array_index(tok).and_then(|ix| items.get(ix)),
            _ => None,
        };
        node = next.ok_or_else(|| {
            let before = join(toks.clone().take(i));
            LookupError {
                matched: i,
                message: if tok.is_empty() {
                    format!("`{pointer}` has an empty token after `{before}`")
                } else {
                    format!("`{}` has no member `{tok}`", shown(&before))
                },
            }
        })?;
    }
    Ok(node)
}

fn shown(pointer: &str) -> &str {
    if pointer.is_empty() { "#" } else { pointer }
}

fn array_index(tok: &str) -> Option<usize> {
    if tok == "0" || (!tok.starts_with('0') && tok.bytes().all(|b| b.is_ascii_digit())) {
        tok.parse().ok()
    } else {
        None
    }
}

/// The pointer of the innermost node (or object key) whose span covers `target`, and that
/// node. Children are visited in document order, so aliased YAML nodes (which share their
/// anchor's span) resolve to the anchor's position.
/// The node whose span is exactly `span`.
pub fn node_with_span(root: &Node, span: Span) -> Option<&Node> {
    let mut node = root;
    loop {
        if node.span == span {
            return Some(node);
        }
        let next = match &node.value {
            Value::Object(o) => o
                .entry_covering(span)
                .map(|e| &e.value)
                .filter(|v| v.span.contains(span)),
            Value::Array(items) => items.iter().find(|v| v.span.contains(span)),
            _ => None,
        };
        node = next?;
    }
}

pub(crate) fn pointer_at(root: &Node, target: Span) -> String {
    let mut pointer = String::new();
    let mut node = root;
    'descend: loop {
        match &node.value {
            Value::Object(o) => {
                if let Some(e) = o.entry_covering(target) {
                    push(&mut pointer, &e.key);
                    if e.value.span.contains(target) {
                        node = &e.value;
                        continue 'descend;
                    }
                    break 'descend;
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if item.span.contains(target) {
                        push(&mut pointer, &i.to_string());
                        node = item;
                        continue 'descend;
                    }
                }
            }
            _ => {}
        }
        break;
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_unescapes_round_trip() {
        let p = join(["paths", "/pets/{id}", "a~b"]);
        assert_eq!(p, "/paths/~1pets~1{id}/a~0b");
        assert_eq!(tokens(&p).unwrap(), vec!["paths", "/pets/{id}", "a~b"]);
    }

    #[test]
    fn empty_tokens_are_real_tokens() {
        assert_eq!(tokens("/a//b").unwrap(), vec!["a", "", "b"]);
        assert!(tokens("a/b").is_err());
        assert!(tokens("/a~2").is_err());
    }

    #[test]
    fn lookups_with_and_without_escapes_fail_alike() {
        let root =
            crate::tree::json::parse(r#"{"a": {"b/c": [1, {"d": 2}]}}"#, &Default::default())
                .unwrap()
                .root;
        let found = |p: &str| lookup(&root, p).map(|n| n.span);
        let message = |p: &str| lookup(&root, p).unwrap_err().message;
        assert_eq!(found(""), Ok(root.span));
        assert!(found("/a/b~1c/1/d").is_ok());
        assert_eq!(message("/x"), "`#` has no member `x`");
        assert_eq!(message("/a/b"), "`/a` has no member `b`");
        assert_eq!(message("/a/b~1c/2"), "`/a/b~1c` has no member `2`");
        assert_eq!(message("/a//b"), "`/a//b` has an empty token after `/a`");
        assert_eq!(message("a"), "JSON pointer `a` does not start with `/`");
        assert_eq!(lookup(&root, "/x/a~2").unwrap_err().matched, 0);
        assert_eq!(lookup(&root, "/a/b/c").unwrap_err().matched, 1);
    }

    #[test]
    fn fragments_are_percent_decoded() {
        assert_eq!(from_fragment("#/a%20b/c").unwrap(), "/a b/c");
        assert!(from_fragment("#/a%2").is_err());
    }
}
