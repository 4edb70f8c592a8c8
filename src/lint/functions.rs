//! The functions a rule's `then` can call: Spectral's core functions and specver's native
//! OpenAPI functions (in [`super::oas`]).

use super::engine::{Cx, PRINT_PROPERTY, Report, Target};
use super::jsonschema::{Dialect, Direction, SchemaId, TreeResolver, Validator};

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
        /// Spectral's pattern for the kind, digits and separator.
        regex: Regex,
        /// The separator, when leading ones are allowed (a lone separator passes).
        leading_separator: Option<char>,
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
                let disallow_digits = opt("disallowDigits")
                    .and_then(Node::as_bool)
                    .unwrap_or(false);
                Function::Casing {
                    kind,
                    regex: casing_regex(kind, disallow_digits, separator),
                    leading_separator: separator.filter(|s| s.1).map(|s| s.0),
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

    /// Runs the function on one target, adding what fails to `out`. Messages are
    /// Spectral's; [`PRINT_PROPERTY`] stands for its `"name" property ` prefix.
    pub fn run<'a>(&'a self, cx: &mut Cx<'a>, t: &Target<'a>, out: &mut Vec<Report>) {
        let value = TargetValue::of(t);
        let mut report = |message: String| out.push(Report::at_target(t, message));
        match self {
            Function::Truthy => truthy(&value, &mut report),
            Function::Falsy => falsy(&value, &mut report),
            Function::Defined => defined(&value, &mut report),
            Function::Undefined => undefined(&value, &mut report),
            Function::Pattern { matches, not_match } => {
                pattern(&value, matches.as_ref(), not_match.as_ref(), &mut report)
            }
            Function::Casing {
                kind,
                regex,
                leading_separator,
            } => casing(&value, *kind, regex, *leading_separator, &mut report),
            Function::Enumeration(values) => enumeration(&value, values, &mut report),
            Function::Length { min, max } => length(&value, *min, *max, &mut report),
            Function::Alphabetical { keyed_by } => {
                if let TargetValue::Node(node) = value {
                    alphabetical(t, node, keyed_by.as_deref(), out);
                }
            }
            Function::Schema {
                schema,
                all_errors,
                draft4,
            } => inline_schema(cx, t, &value, schema, *all_errors, *draft4, out),
            Function::Xor(props) => xor_or(&value, props, true, &mut report),
            Function::Or(props) => xor_or(&value, props, false, &mut report),
            Function::TypedEnum => typed_enum(cx, t, out),
            Function::UnreferencedReusableObject { location } => {
                super::oas::unreferenced(cx, t, location.as_deref(), out);
            }
            Function::Native(n, options) => n.run(cx, t, options.as_deref(), out),
        }
    }
}

fn truthy(value: &TargetValue<'_>, report: &mut impl FnMut(String)) {
    if !value.truthy() {
        report(format!("{PRINT_PROPERTY}must be truthy"));
    }
}

fn falsy(value: &TargetValue<'_>, report: &mut impl FnMut(String)) {
    if value.truthy() {
        report(format!("{PRINT_PROPERTY}must be falsy"));
    }
}

fn defined(value: &TargetValue<'_>, report: &mut impl FnMut(String)) {
    if matches!(value, TargetValue::Missing) {
        report(format!("{PRINT_PROPERTY}must be defined"));
    }
}

fn undefined(value: &TargetValue<'_>, report: &mut impl FnMut(String)) {
    if !matches!(value, TargetValue::Missing) {
        report(format!("{PRINT_PROPERTY}must be undefined"));
    }
}

fn pattern(
    value: &TargetValue<'_>,
    matches: Option<&(Regex, String)>,
    not_match: Option<&(Regex, String)>,
    report: &mut impl FnMut(String),
) {
    let Some(s) = value.string() else { return };
    // Quoted only for a report: descriptions can be long and most match.
    let shown = || util::json_string(s);
    if let Some((re, p)) = matches
        && !re.is_match(s)
    {
        report(format!(
            "{} must match the pattern {}",
            shown(),
            util::json_string(p)
        ));
    }
    if let Some((re, p)) = not_match
        && re.is_match(s)
    {
        report(format!(
            "{} must not match the pattern {}",
            shown(),
            util::json_string(p)
        ));
    }
}

fn casing(
    value: &TargetValue<'_>,
    kind: Casing,
    regex: &Regex,
    leading_separator: Option<char>,
    report: &mut impl FnMut(String),
) {
    let Some(s) = value.string().filter(|s| !s.is_empty()) else {
        return;
    };
    let lone_separator = leading_separator.is_some_and(|c| {
        let mut cs = s.chars();
        cs.next() == Some(c) && cs.next().is_none()
    });
    if !lone_separator && !regex.is_match(s) {
        report(format!("must be {} case", casing_name(kind)));
    }
}

/// Spectral checks primitives only: an object or array target passes.
fn enumeration(value: &TargetValue<'_>, values: &[Node], report: &mut impl FnMut(String)) {
    let ok = match value {
        TargetValue::Key(k) => values.iter().any(|v| v.as_str() == Some(k)),
        TargetValue::Node(n) if !matches!(n.value, Value::Object(_) | Value::Array(_)) => {
            values.iter().any(|v| util::json_eq(v, n))
        }
        _ => return,
    };
    if !ok {
        let shown: Vec<String> = values.iter().map(util::print_value).collect();
        report(format!(
            "{} must be equal to one of the allowed values: {}",
            value.print(),
            shown.join(", ")
        ));
    }
}

/// Strings are measured in UTF-16 code units (JavaScript's `length`), and a number is its
/// own length.
fn length(
    value: &TargetValue<'_>,
    min: Option<f64>,
    max: Option<f64>,
    report: &mut impl FnMut(String),
) {
    let utf16 = |s: &str| s.encode_utf16().count() as f64;
    let len = match value {
        TargetValue::Key(k) => utf16(k),
        TargetValue::Node(n) => match &n.value {
            Value::String(s) => utf16(s),
            Value::Array(a) => a.len() as f64,
            Value::Object(o) => o.len() as f64,
            Value::Number(x) => x.as_f64().unwrap_or(f64::NAN),
            _ => return,
        },
        TargetValue::Missing => return,
    };
    if let Some(m) = min.filter(|m| len < *m) {
        report(format!(
            "{PRINT_PROPERTY}must be longer than {}",
            util::js_number(m)
        ));
    }
    if let Some(m) = max.filter(|m| len > *m) {
        report(format!(
            "{PRINT_PROPERTY}must be shorter than {}",
            util::js_number(m)
        ));
    }
}

/// `schema` (and `oasSchema`): the target against the rule's inline schema; each error
/// points at its own node.
fn inline_schema<'a>(
    cx: &mut Cx<'a>,
    t: &Target<'a>,
    value: &TargetValue<'_>,
    schema: &'a Node,
    all_errors: bool,
    draft4: bool,
    out: &mut Vec<Report>,
) {
    let node = match value {
        TargetValue::Node(n) => n,
        TargetValue::Missing => {
            out.push(Report::at_target(t, format!("{PRINT_PROPERTY}must exist")));
            return;
        }
        // A member name: a string instance, which has no node to validate.
        TargetValue::Key(_) => return,
    };
    // Compiled once per rule and document, not once per target.
    let compiled = cx.inline_validator(schema, draft4);
    let errors = inline_errors(compiled, node, t.property.map(|p| p.to_string()).as_deref());
    for e in errors
        .into_iter()
        .take(if all_errors { usize::MAX } else { 1 })
    {
        out.push(Report {
            file: t.file,
            span: e.span,
            message: e.message,
        });
    }
}

/// `xor` (`exactly_one`) and `or`: which of the named members an object holds.
fn xor_or(
    value: &TargetValue<'_>,
    props: &[String],
    exactly_one: bool,
    report: &mut impl FnMut(String),
) {
    let TargetValue::Node(node) = value else {
        return;
    };
    let Some(obj) = node.as_object() else {
        return;
    };
    if props.len() < 2 {
        return;
    }
    // The members named, in the object's order.
    let present: Vec<&str> = obj
        .entries
        .iter()
        .map(|e| e.key.as_str())
        .filter(|k| props.iter().any(|p| p == k))
        .collect();
    if present.is_empty() {
        let message = if props.len() > 4 {
            format!(
                "At least one of \"{}\" or {} other properties must be defined",
                props[..3].join("\" or \""),
                props.len() - 3
            )
        } else {
            format!(
                "At least one of \"{}\" must be defined",
                props.join("\" or \"")
            )
        };
        report(message);
    }
    if exactly_one && present.len() > 1 {
        report(format!(
            "Just one of \"{}\" must be defined",
            present.join("\" and \"")
        ));
    }
}

/// The value a core function sees, as Spectral hands it over.
enum TargetValue<'t> {
    /// `field` selected nothing.
    Missing,
    /// A member name (`field: "@key"`, or a `given` ending in `~`): a string.
    Key(&'t str),
    Node(&'t Node),
}

impl<'t> TargetValue<'t> {
    fn of(t: &'t Target<'_>) -> TargetValue<'t> {
        match (&t.key, t.node) {
            (Some(k), _) => TargetValue::Key(k),
            (None, Some(n)) => TargetValue::Node(n),
            (None, None) => TargetValue::Missing,
        }
    }

    /// JavaScript truthiness.
    fn truthy(&self) -> bool {
        match self {
            TargetValue::Missing => false,
            TargetValue::Key(k) => !k.is_empty(),
            TargetValue::Node(n) => util::truthy(n),
        }
    }

    /// The value when it is a string (the functions that take strings ignore the rest).
    fn string(&self) -> Option<&'t str> {
        match self {
            TargetValue::Key(k) => Some(k),
            TargetValue::Node(n) => n.as_str(),
            TargetValue::Missing => None,
        }
    }

    /// Spectral's `printValue`. (For a member name Spectral prints the member's value, a
    /// slip: specver prints the name.)
    fn print(&self) -> String {
        match self {
            TargetValue::Missing => "undefined".into(),
            TargetValue::Key(k) => util::json_string(k),
            TargetValue::Node(n) => util::print_value(n),
        }
    }
}

/// An item `alphabetical` compares: JavaScript's typeof is number or string.
enum Sortable<'n> {
    Num(f64),
    Str(&'n str),
}

impl Sortable<'_> {
    fn number(&self) -> Option<f64> {
        match self {
            Sortable::Num(n) => Some(*n),
            Sortable::Str(s) => util::js_to_number(s),
        }
    }

    fn print(&self) -> String {
        match self {
            Sortable::Num(n) => util::js_number(*n),
            Sortable::Str(s) => util::json_string(s),
        }
    }
}

/// Spectral's `alphabetical` comparison: numbers (and a non-numeric string before a number
/// or numeric string) by value, other strings by `localeCompare`. Whether `a` must come
/// after `b`.
fn out_of_order(a: &Sortable<'_>, b: &Sortable<'_>) -> bool {
    let numeric = (matches!(a, Sortable::Num(_)) || a.number().is_none())
        && (matches!(b, Sortable::Num(_)) || b.number().is_some());
    if numeric {
        // `Number(a) - Number(b)` clamped to [-1, 1] and compared with 1: a difference below
        // 1 does not count, and NaN (a non-numeric `a`) never does.
        return matches!((a.number(), b.number()), (Some(x), Some(y)) if x - y >= 1.0);
    }
    match (a, b) {
        (Sortable::Str(x), Sortable::Str(y)) => util::locale_compare(x, y).is_gt(),
        _ => false,
    }
}

fn alphabetical(t: &Target<'_>, node: &Node, keyed_by: Option<&str>, out: &mut Vec<Report>) {
    let report = |out: &mut Vec<Report>, span, message: String| {
        out.push(Report {
            file: t.file,
            span,
            message,
        })
    };
    // (item, the span its finding points at)
    let items: Vec<(&Node, crate::tree::Span)> = match &node.value {
        Value::Object(o) => o.entries.iter().map(|e| (&e.value, e.key_span)).collect(),
        Value::Array(a) => a.iter().map(|i| (i, i.span)).collect(),
        _ => return,
    };
    if items.len() < 2 {
        return;
    }
    let keys: Option<Vec<Sortable<'_>>> = match (&node.value, keyed_by) {
        (Value::Object(o), None) => Some(o.entries.iter().map(|e| Sortable::Str(&e.key)).collect()),
        (_, by) => {
            let mut keys = Vec::new();
            for (item, _) in &items {
                let v = match by {
                    Some(k) => {
                        if !matches!(item.value, Value::Object(_) | Value::Array(_)) {
                            report(out, t.span, format!("{PRINT_PROPERTY}must be an object"));
                            return;
                        }
                        item.get(k)
                    }
                    None => Some(*item),
                };
                keys.push(match v.map(|v| &v.value) {
                    Some(Value::String(s)) => Sortable::Str(s),
                    Some(Value::Number(n)) => Sortable::Num(n.as_f64().unwrap_or(f64::NAN)),
                    _ => {
                        keys.clear();
                        break;
                    }
                });
            }
            (!keys.is_empty()).then_some(keys)
        }
    };
    let Some(keys) = keys else {
        report(
            out,
            t.span,
            format!("{PRINT_PROPERTY}must be one of the allowed types: number, string"),
        );
        return;
    };
    let Some(i) = keys.windows(2).position(|w| out_of_order(&w[0], &w[1])) else {
        return;
    };
    match keyed_by {
        Some(_) => report(
            out,
            t.span,
            "properties must follow the alphabetical order".to_string(),
        ),
        None => report(
            out,
            items[i].1,
            format!(
                "{} must be placed after {}",
                keys[i].print(),
                keys[i + 1].print()
            ),
        ),
    }
}

/// The result of validating against an inline (ruleset) schema.
pub(crate) struct InlineError {
    pub span: crate::tree::Span,
    pub message: String,
}

/// Validates `node` against a schema given in a ruleset. Messages are worded as Spectral's
/// (through better-ajv-errors) word them: `"name" property must ...`, `Item at index 2 ...`;
/// `property` is the name of the validated node itself.
/// A validator for the schema of a `schema` function, compiled.
pub(crate) type InlineValidator<'x> = (Validator<'x, TreeResolver<'x>>, SchemaId);

pub(crate) fn inline_validator(schema: &Node, draft4: bool) -> InlineValidator<'_> {
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
    (v, id)
}

#[cfg(test)]
fn validate_inline<'x>(
    schema: &'x Node,
    draft4: bool,
    node: &'x Node,
    property: Option<&str>,
) -> Vec<InlineError> {
    let mut compiled = inline_validator(schema, draft4);
    inline_errors(&mut compiled, node, property)
}

/// `node`'s errors against a compiled `schema` function schema, placed and worded as
/// Spectral has them.
pub(crate) fn inline_errors<'x: 'i, 'i>(
    compiled: &mut InlineValidator<'x>,
    node: &'i Node,
    property: Option<&str>,
) -> Vec<InlineError> {
    let (v, id) = compiled;
    v.validate(*id, node, Direction::None)
        .into_iter()
        .map(|e| {
            // Errors about a member (a property not allowed, a duplicate item) are about the
            // object or array holding it in ajv, and so in Spectral.
            let about_container = matches!(
                e.keyword,
                "additionalProperties" | "unevaluatedProperties" | "uniqueItems"
            );
            let path: &[String] = if about_container && !e.path.is_empty() {
                &e.path[..e.path.len() - 1]
            } else {
                &e.path
            };
            let container = about_container
                .then(|| at_path(node, path))
                .flatten();
            let span = container.map_or_else(|| e.span(), |c| c.span);
            let name = path.last().map(String::as_str).or(property);
            let pretty = match name {
                Some(n) => format!("\"{n}\" property"),
                None => match node.value {
                    Value::String(_) => "String".into(),
                    Value::Number(_) => "Number".into(),
                    Value::Bool(_) => "Boolean".into(),
                    _ => "Object".into(),
                },
            };
            let clean = |m: &str| m.replace('\'', "\"").replace("NOT", "not");
            let message = match e.keyword {
                "additionalProperties" | "unevaluatedProperties" => e.message.replace('`', "\""),
                "enum" => enum_message(&pretty, &e.message, node_str(e.node)),
                "type" => match name {
                    Some(n) => format!("\"{n}\" property type {}", e.message),
                    None => format!("Value type {}", e.message),
                },
                "uniqueItems" => match container.and_then(Node::as_array).and_then(ajv_duplicate) {
                    Some((j, i)) => format!(
                        "{pretty} must not have duplicate items (items ## {j} and {i} are identical)"
                    ),
                    None => format!("{pretty} {}", clean(&e.message)),
                },
                _ => format!("{pretty} {}", clean(&e.message)),
            };
            // Spectral's describeArrayItem.
            let message = match path.last() {
                Some(ix) if !ix.is_empty() && ix.bytes().all(|b| b.is_ascii_digit()) => {
                    let typed = format!("\"{ix}\" property type");
                    let plain = format!("\"{ix}\" property");
                    if let Some(rest) = message.strip_prefix(&typed) {
                        format!("Item at index {ix} type{rest}")
                    } else if let Some(rest) = message.strip_prefix(&plain) {
                        format!("Item at index {ix}{rest}")
                    } else {
                        message
                    }
                }
                _ => message,
            };
            // Spectral's describeCombinator: no branch matched.
            let message = if matches!(e.keyword, "anyOf" | "oneOf")
                && message.ends_with(&format!(" in {}", e.keyword))
                && e.message.starts_with("must match a schema")
            {
                format!(
                    "{message}. None of the schemas matched, see the other errors reported for this value"
                )
            } else {
                message
            };
            InlineError { span, message }
        })
        .collect()
}

/// The node at an instance path below `root`.
fn at_path<'x>(root: &'x Node, path: &[String]) -> Option<&'x Node> {
    path.iter().try_fold(root, |n, seg| match &n.value {
        Value::Object(o) => o.get(seg),
        Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// The pair of equal items ajv's uniqueItems names when the items have no single scalar
/// type: the last item equal to an earlier one, and the nearest such earlier one.
fn ajv_duplicate(items: &[Node]) -> Option<(usize, usize)> {
    (1..items.len()).rev().find_map(|i| {
        (0..i)
            .rev()
            .find(|&j| util::json_eq(&items[i], &items[j]))
            .map(|j| (j, i))
    })
}

fn node_str(n: &Node) -> Option<&str> {
    n.as_str()
}

/// better-ajv-errors' enum message: the allowed values (strings in plain quotes), and the
/// closest allowed string when it is close enough (`Did you mean "stores"?`).
fn enum_message(pretty: &str, message: &str, value: Option<&str>) -> String {
    const HEAD: &str = "must be equal to one of the allowed values: ";
    let Some(list) = message.strip_prefix(HEAD) else {
        return format!("{pretty} {message}");
    };
    // The validator lists the values as JSON, 20 at most (then `, ...`).
    let (list, more) = match list.strip_suffix(", ...") {
        Some(l) => (l, true),
        None => (list, false),
    };
    let Ok(serde_json::Value::Array(values)) = serde_json::from_str(&format!("[{list}]")) else {
        return format!("{pretty} {message}");
    };
    let shown: Vec<String> = values
        .iter()
        .map(|v| match v {
            serde_json::Value::String(s) => format!("\"{s}\""),
            other => other.to_string(),
        })
        .collect();
    let mut out = format!(
        "{pretty} {HEAD}{}{}",
        shown.join(", "),
        if more { ", ..." } else { "" }
    );
    if let Some(value) = value {
        let strings: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
        let best = strings
            .iter()
            .map(|s| (levenshtein(s, value), *s))
            .min_by_key(|(d, _)| *d);
        if let Some((d, best)) = best
            && (values.len() == 1 || d < best.encode_utf16().count())
        {
            out.push_str(&format!(". Did you mean \"{best}\"?"));
        }
    }
    out
}

/// Edit distance in UTF-16 code units, as the `leven` package counts.
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<u16> = a.encode_utf16().collect();
    let b: Vec<u16> = b.encode_utf16().collect();
    crate::edit_distance::edit_distance(&a, &b)
}

fn typed_enum<'a>(cx: &Cx<'a>, t: &Target<'a>, out: &mut Vec<Report>) {
    let Some(node) = t.node else { return };
    let (Some(values), Some(ty)) = (node.get("enum").and_then(Node::as_array), node.get("type"))
    else {
        return;
    };
    let mut types: Vec<&str> = match &ty.value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) if items.iter().all(|i| i.as_str().is_some()) => {
            items.iter().filter_map(Node::as_str).collect()
        }
        _ => return,
    };
    // `nullable` in OpenAPI 3.0, `x-nullable` in Swagger 2.0.
    let flag = match cx.family {
        crate::load::SpecFamily::OpenApi30 => "nullable",
        crate::load::SpecFamily::Swagger2 => "x-nullable",
        _ => "",
    };
    if !flag.is_empty() && node.get(flag).and_then(Node::as_bool) == Some(true) {
        types.push("null");
    }
    for v in values {
        let actual = util::json_types(v);
        if !types.iter().any(|t| actual.contains(t)) {
            out.push(Report {
                file: t.file,
                span: v.span,
                message: format!(
                    "Enum value {} must be \"{}\".",
                    util::print_value(v),
                    types.join(",")
                ),
            });
        }
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

/// Spectral's casing pattern: the kind's pattern (with or without digits), repeated after
/// the separator, with an optional leading separator.
fn casing_regex(kind: Casing, no_digits: bool, separator: Option<(char, bool)>) -> Regex {
    let d = if no_digits { "" } else { "0-9" };
    let base = match kind {
        Casing::Flat => format!("[a-z][a-z{d}]*"),
        Casing::Camel => format!("[a-z][a-z{d}]*(?:[A-Z{d}](?:[a-z{d}]+|$))*"),
        Casing::Pascal => format!("[A-Z][a-z{d}]*(?:[A-Z{d}](?:[a-z{d}]+|$))*"),
        Casing::Kebab => format!("[a-z][a-z{d}]*(?:-[a-z{d}]+)*"),
        Casing::Cobol => format!("[A-Z][A-Z{d}]*(?:-[A-Z{d}]+)*"),
        Casing::Snake => format!("[a-z][a-z{d}]*(?:_[a-z{d}]+)*"),
        Casing::Macro => format!("[A-Z][A-Z{d}]*(?:_[A-Z{d}]+)*"),
    };
    let pattern = match separator {
        None => format!("^{base}$"),
        Some((c, leading)) => {
            let sep = format!("[{}]", regex::escape(&c.to_string()));
            let lead = if leading {
                format!("{sep}?")
            } else {
                String::new()
            };
            format!("^{lead}{base}(?:{sep}{base})*$")
        }
    };
    Regex::new(&pattern).expect("casing patterns compile")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str, kind: Casing, no_digits: bool, separator: Option<(char, bool)>) -> bool {
        casing_regex(kind, no_digits, separator).is_match(s)
    }

    #[test]
    fn casing() {
        assert!(ok("fooBar", Casing::Camel, false, None));
        assert!(!ok("FooBar", Casing::Camel, false, None));
        assert!(ok("FooBar2", Casing::Pascal, false, None));
        assert!(!ok("FooBar2", Casing::Pascal, true, None));
        assert!(ok("foo-bar", Casing::Kebab, false, None));
        assert!(ok("FOO_BAR", Casing::Macro, false, None));
        assert!(ok("/fooBar/baz", Casing::Camel, false, Some(('/', true))));
        assert!(!ok("/foo_bar", Casing::Camel, false, Some(('/', true))));
        // As in Spectral, a trailing capital ends the whole name, not a part.
        assert!(!ok("/fooB/bar", Casing::Camel, false, Some(('/', true))));
        assert!(!ok("/foo", Casing::Camel, false, Some(('/', false))));
    }

    fn parse(text: &str) -> Node {
        crate::tree::yaml::parse(text, &crate::tree::Limits::default())
            .unwrap()
            .root
    }

    #[test]
    fn schema_messages_as_spectral_words_them() {
        let schema = parse(
            "{type: object, additionalProperties: false, properties: {tags: {type: array, uniqueItems: true}, id: {type: integer}, kind: {enum: [cat, dog]}}}",
        );
        let run = |doc: &str| {
            let node = parse(doc);
            let errors = validate_inline(&schema, false, &node, Some("pet"));
            errors
                .iter()
                .map(|e| {
                    let at = crate::tree::pointer::pointer_at(&node, e.span);
                    format!("{at} {}", e.message)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            run("{tags: [a, b, a, a]}"),
            [
                "/tags \"tags\" property must not have duplicate items (items ## 2 and 3 are identical)"
            ]
        );
        assert_eq!(
            run("{x: 1}"),
            [" Property \"x\" is not expected to be here"]
        );
        assert_eq!(
            run("{id: one}"),
            ["/id \"id\" property type must be integer"]
        );
        assert_eq!(
            run("{kind: cats}"),
            [
                "/kind \"kind\" property must be equal to one of the allowed values: \"cat\", \"dog\". Did you mean \"cat\"?"
            ]
        );
        // At the root, the name is the target's own.
        assert_eq!(run("[]"), [" \"pet\" property type must be object"]);
    }

    #[test]
    fn alphabetical_order() {
        let s = |x| Sortable::Str(x);
        assert!(out_of_order(&s("b"), &s("a")));
        assert!(!out_of_order(&s("a"), &s("B")));
        assert!(out_of_order(&Sortable::Num(2.0), &Sortable::Num(1.0)));
        assert!(!out_of_order(&s("10"), &s("9")));
        // Spectral clamps the difference to [-1, 1] and wants 1.
        assert!(!out_of_order(&Sortable::Num(1.5), &Sortable::Num(1.0)));
        // A non-numeric string before a number is never out of order (NaN).
        assert!(!out_of_order(&s("b"), &Sortable::Num(1.0)));
    }
}
