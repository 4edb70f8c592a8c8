//! The functions a rule's `then` can call: Spectral's core functions and specver's native
//! OpenAPI functions (in [`super::oas`]).

use super::engine::{Cx, Report, Target};
use super::jsonschema::{Dialect, Direction, TreeResolver, Validator};

use super::util;
use crate::tree::{Node, Value};
use regex::Regex;

#[derive(Clone, Debug)]
pub(crate) enum Function {
    Truthy,
    Falsy,
    Defined,
    Undefined,
    Pattern {
        matches: Option<(Regex, String)>,
        not_match: Option<(Regex, String)>,
    },
    Casing {
        kind: Casing,
        disallow_digits: bool,
        separator: Option<(char, bool)>,
    },
    Enumeration(Vec<Node>),
    Length {
        min: Option<f64>,
        max: Option<f64>,
    },
    Alphabetical {
        keyed_by: Option<String>,
    },
    Schema {
        schema: Box<Node>,
        all_errors: bool,
        draft4: bool,
    },
    Xor(Vec<String>),
    Or(Vec<String>),
    TypedEnum,
    UnreferencedReusableObject {
        location: Option<String>,
    },
    Native(super::oas::Native, Option<Box<Node>>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Casing {
    Flat,
    Camel,
    Pascal,
    Kebab,
    Cobol,
    Snake,
    Macro,
}

impl Function {
    pub fn compile(name: &str, options: Option<&Node>) -> Result<Function, String> {
        let opt = |key: &str| options.and_then(|o| o.get(key));
        let strings = |key: &str| -> Result<Vec<String>, String> {
            opt(key)
                .and_then(Node::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .ok_or_else(|| format!("`{name}` needs `functionOptions.{key}` (a list of names)"))
        };
        Ok(match name {
            "truthy" => Function::Truthy,
            "falsy" => Function::Falsy,
            "defined" => Function::Defined,
            "undefined" => Function::Undefined,
            "pattern" => {
                let re = |key: &str| -> Result<Option<(Regex, String)>, String> {
                    match opt(key).and_then(Node::as_str) {
                        Some(p) => util::pattern_regex(p).map(|r| Some((r, p.to_string()))),
                        None => Ok(None),
                    }
                };
                let (matches, not_match) = (re("match")?, re("notMatch")?);
                if matches.is_none() && not_match.is_none() {
                    return Err("`pattern` needs `match` or `notMatch`".into());
                }
                Function::Pattern { matches, not_match }
            }
            "casing" => {
                let kind = match opt("type").and_then(Node::as_str) {
                    Some("flat") => Casing::Flat,
                    Some("camel") => Casing::Camel,
                    Some("pascal") => Casing::Pascal,
                    Some("kebab") => Casing::Kebab,
                    Some("cobol") => Casing::Cobol,
                    Some("snake") => Casing::Snake,
                    Some("macro") => Casing::Macro,
                    other => return Err(format!("`casing`: unknown type {other:?}")),
                };
                let separator = opt("separator").map(|s| {
                    (
                        s.get("char")
                            .and_then(Node::as_str)
                            .and_then(|c| c.chars().next())
                            .unwrap_or('-'),
                        s.get("allowLeading")
                            .and_then(Node::as_bool)
                            .unwrap_or(false),
                    )
                });
                Function::Casing {
                    kind,
                    disallow_digits: opt("disallowDigits")
                        .and_then(Node::as_bool)
                        .unwrap_or(false),
                    separator,
                }
            }
            "enumeration" => Function::Enumeration(
                opt("values")
                    .and_then(Node::as_array)
                    .ok_or("`enumeration` needs `functionOptions.values`")?
                    .to_vec(),
            ),
            "length" => {
                let num = |k: &str| opt(k).and_then(Node::as_number).and_then(|n| n.as_f64());
                let (min, max) = (num("min"), num("max"));
                if min.is_none() && max.is_none() {
                    return Err("`length` needs `min` or `max`".into());
                }
                Function::Length { min, max }
            }
            "alphabetical" => Function::Alphabetical {
                keyed_by: opt("keyedBy").and_then(Node::as_str).map(str::to_string),
            },
            "schema" | "oasSchema" => {
                let schema = opt("schema").ok_or("`schema` needs `functionOptions.schema`")?;
                let dialect = opt("dialect").and_then(Node::as_str).unwrap_or("auto");
                Function::Schema {
                    schema: Box::new(schema.clone()),
                    all_errors: opt("allErrors").and_then(Node::as_bool).unwrap_or(false),
                    draft4: dialect == "draft4",
                }
            }
            "xor" => Function::Xor(strings("properties")?),
            "or" => Function::Or(strings("properties")?),
            "typedEnum" => Function::TypedEnum,
            "unreferencedReusableObject" => Function::UnreferencedReusableObject {
                location: opt("reusableObjectsLocation")
                    .and_then(Node::as_str)
                    .map(str::to_string),
            },
            other => match super::oas::Native::from_name(other) {
                Some(n) => Function::Native(n, options.map(|o| Box::new(o.clone()))),
                None => return Err(format!("unknown function `{other}`")),
            },
        })
    }

    /// Runs the function on one target, adding what fails to `out`.
    pub fn run<'a>(&'a self, cx: &mut Cx<'a>, t: &Target<'a>, out: &mut Vec<Report>) {
        let report =
            |out: &mut Vec<Report>, message: String| out.push(Report::at_target(t, message));
        let prop = t.property();
        match self {
            Function::Truthy => {
                if !t.node.is_some_and(util::truthy) && t.key.is_none() {
                    report(out, format!("`{prop}` property must be truthy"));
                }
            }
            Function::Falsy => {
                if t.node.is_some_and(util::truthy) || t.key.is_some_and(|k| !k.is_empty()) {
                    report(out, format!("`{prop}` property must be falsy"));
                }
            }
            Function::Defined => {
                if t.node.is_none() && t.key.is_none() {
                    report(out, format!("`{prop}` property must be defined"));
                }
            }
            Function::Undefined => {
                if t.node.is_some() || t.key.is_some() {
                    report(out, format!("`{prop}` property must be undefined"));
                }
            }
            Function::Pattern { matches, not_match } => {
                let Some(s) = t.text() else { return };
                if let Some((re, p)) = matches
                    && !re.is_match(&s)
                {
                    report(
                        out,
                        format!("\"{}\" must match the pattern \"{p}\"", short(&s)),
                    );
                }
                if let Some((re, p)) = not_match
                    && re.is_match(&s)
                {
                    report(
                        out,
                        format!("\"{}\" must not match the pattern \"{p}\"", short(&s)),
                    );
                }
            }
            Function::Casing {
                kind,
                disallow_digits,
                separator,
            } => {
                let Some(s) = t.text() else { return };
                if !casing_ok(&s, *kind, *disallow_digits, *separator) {
                    report(
                        out,
                        format!("\"{}\" must be {} case", short(&s), casing_name(*kind)),
                    );
                }
            }
            Function::Enumeration(values) => {
                let ok = match (t.node, t.key) {
                    (_, Some(k)) => values.iter().any(|v| v.as_str() == Some(k)),
                    (Some(n), None) if matches!(n.value, Value::Object(_) | Value::Array(_)) => {
                        return;
                    }
                    (Some(n), None) => values.iter().any(|v| util::json_eq(v, n)),
                    (None, None) => return,
                };
                if !ok {
                    let shown: Vec<String> = values.iter().map(util::show).collect();
                    let v = t.text().map(|s| short(&s)).unwrap_or_default();
                    report(
                        out,
                        format!(
                            "\"{v}\" must be equal to one of the allowed values: {}",
                            shown.join(", ")
                        ),
                    );
                }
            }
            Function::Length { min, max } => {
                let len = match (t.node.map(|n| &n.value), t.key) {
                    (_, Some(k)) => k.chars().count() as f64,
                    (Some(Value::String(s)), _) => s.chars().count() as f64,
                    (Some(Value::Array(a)), _) => a.len() as f64,
                    (Some(Value::Object(o)), _) => o.len() as f64,
                    (Some(Value::Number(n)), _) => n.as_f64().unwrap_or(0.0),
                    _ => return,
                };
                if let Some(m) = min.filter(|m| len < *m) {
                    report(
                        out,
                        format!("`{prop}` property must not be shorter than {m}"),
                    );
                }
                if let Some(m) = max.filter(|m| len > *m) {
                    report(
                        out,
                        format!("`{prop}` property must not be longer than {m}"),
                    );
                }
            }
            Function::Alphabetical { keyed_by } => {
                let Some(node) = t.node else { return };
                let keys: Vec<String> = match &node.value {
                    Value::Object(o) => o.entries.iter().map(|e| e.key.clone()).collect(),
                    Value::Array(items) => items
                        .iter()
                        .filter_map(|i| match keyed_by {
                            Some(k) => i
                                .get(k)
                                .and_then(|v| v.scalar_text())
                                .map(|s| s.into_owned()),
                            None => i.scalar_text().map(|s| s.into_owned()),
                        })
                        .collect(),
                    _ => return,
                };
                if let Some(w) = keys.windows(2).find(|w| w[0] > w[1]) {
                    report(
                        out,
                        format!(
                            "`{prop}` property must be sorted alphabetically: \"{}\" must be placed before \"{}\"",
                            w[1], w[0]
                        ),
                    );
                }
            }
            Function::Schema {
                schema,
                all_errors,
                draft4,
            } => {
                let Some(node) = t.node else {
                    if t.key.is_none() {
                        report(out, format!("`{prop}` property must exist"));
                    }
                    return;
                };
                let errors = validate_inline(schema, *draft4, node);
                for e in errors
                    .into_iter()
                    .take(if *all_errors { usize::MAX } else { 1 })
                {
                    out.push(Report {
                        file: t.file,
                        span: e.span,
                        message: e.message,
                    });
                }
            }
            Function::Xor(props) | Function::Or(props) => {
                let Some(obj) = t.node.and_then(Node::as_object) else {
                    return;
                };
                let n = props.iter().filter(|p| obj.get(p).is_some()).count();
                let list = props
                    .iter()
                    .map(|p| format!("\"{p}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                let xor = matches!(self, Function::Xor(_));
                if n == 0 {
                    report(out, format!("at least one of {list} must be defined"));
                } else if xor && n > 1 {
                    report(out, format!("only one of {list} must be defined"));
                }
            }
            Function::TypedEnum => typed_enum(cx, t, out),
            Function::UnreferencedReusableObject { location } => {
                super::oas::unreferenced(cx, t, location.as_deref(), out);
            }
            Function::Native(n, options) => n.run(cx, t, options.as_deref(), out),
        }
    }
}

/// The result of validating against an inline (ruleset) schema.
pub(crate) struct InlineError {
    pub span: crate::tree::Span,
    pub message: String,
}

/// Validates `node` against a schema given in a ruleset.
pub(crate) fn validate_inline<'x>(
    schema: &'x Node,
    draft4: bool,
    node: &'x Node,
) -> Vec<InlineError> {
    let mut v = Validator::new(
        TreeResolver {
            docs: vec![("", schema)],
        },
        Dialect {
            ref_overrides_siblings: draft4,
            nullable: false,
            formats: true,
        },
    );
    let id = v.compile(0, schema);
    v.validate(id, node, Direction::None)
        .into_iter()
        .map(|e| InlineError {
            span: e.span(),
            message: if e.path.is_empty() || e.key_span.is_some() || e.keyword == "uniqueItems" {
                e.message
            } else {
                format!("`{}` property {}", e.path.last().unwrap(), e.message)
            },
        })
        .collect()
}

fn typed_enum<'a>(cx: &Cx<'a>, t: &Target<'a>, out: &mut Vec<Report>) {
    let Some(node) = t.node else { return };
    let (Some(values), Some(ty)) = (node.get("enum").and_then(Node::as_array), node.get("type"))
    else {
        return;
    };
    let mut types: Vec<&str> = match &ty.value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Node::as_str).collect(),
        _ => return,
    };
    if node.get("nullable").and_then(Node::as_bool) == Some(true)
        || node.get("x-nullable").and_then(Node::as_bool) == Some(true)
    {
        types.push("null");
    }
    if types.iter().any(|t| {
        ![
            "null", "boolean", "object", "array", "number", "integer", "string",
        ]
        .contains(t)
    }) {
        return;
    }
    let _ = cx;
    for v in values {
        let actual = util::json_types(v);
        if !types.iter().any(|t| actual.contains(t)) {
            out.push(Report {
                file: t.file,
                span: v.span,
                message: format!(
                    "Enum value {} must be \"{}\".",
                    util::show(v),
                    types.join(",")
                ),
            });
        }
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 80 {
        s.chars().take(77).chain("...".chars()).collect()
    } else {
        s.to_string()
    }
}

fn casing_name(k: Casing) -> &'static str {
    match k {
        Casing::Flat => "flat",
        Casing::Camel => "camel",
        Casing::Pascal => "pascal",
        Casing::Kebab => "kebab",
        Casing::Cobol => "cobol",
        Casing::Snake => "snake",
        Casing::Macro => "macro",
    }
}

fn casing_ok(s: &str, kind: Casing, no_digits: bool, separator: Option<(char, bool)>) -> bool {
    if let Some((sep, allow_leading)) = separator {
        let body = if allow_leading {
            s.strip_prefix(sep).unwrap_or(s)
        } else {
            s
        };
        return !body.is_empty()
            && body
                .split(sep)
                .all(|part| casing_ok(part, kind, no_digits, None));
    }
    let d = if no_digits { "" } else { "0-9" };
    let pattern = match kind {
        Casing::Flat => format!("^[a-z][a-z{d}]*$"),
        Casing::Camel => format!("^[a-z][a-z{d}]*(?:[A-Z{d}](?:[a-z{d}]+|$))*$"),
        Casing::Pascal => format!("^[A-Z][a-z{d}]*(?:[A-Z{d}](?:[a-z{d}]+|$))*$"),
        Casing::Kebab => format!("^[a-z][a-z{d}]*(?:-[a-z{d}]+)*$"),
        Casing::Cobol => format!("^[A-Z][A-Z{d}]*(?:-[A-Z{d}]+)*$"),
        Casing::Snake => format!("^[a-z][a-z{d}]*(?:_[a-z{d}]+)*$"),
        Casing::Macro => format!("^[A-Z][A-Z{d}]*(?:_[A-Z{d}]+)*$"),
    };
    Regex::new(&pattern).is_ok_and(|re| re.is_match(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        assert!(casing_ok("fooBar", Casing::Camel, false, None));
        assert!(!casing_ok("FooBar", Casing::Camel, false, None));
        assert!(casing_ok("FooBar2", Casing::Pascal, false, None));
        assert!(!casing_ok("FooBar2", Casing::Pascal, true, None));
        assert!(casing_ok("foo-bar", Casing::Kebab, false, None));
        assert!(casing_ok("FOO_BAR", Casing::Macro, false, None));
        assert!(casing_ok(
            "/fooBar/baz",
            Casing::Camel,
            false,
            Some(('/', true))
        ));
        assert!(!casing_ok(
            "/foo_bar",
            Casing::Camel,
            false,
            Some(('/', true))
        ));
    }
}
