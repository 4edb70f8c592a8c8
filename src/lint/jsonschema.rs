//! A focused JSON Schema validator over the spanned tree.
//!
//! Schemas and instances are both [`Node`]s, so the same code checks an example against a
//! schema of the document (errors point at the offending part of the example) and the whole
//! document against the official OpenAPI meta-schemas (errors point at the offending node of
//! the document). Keywords: `type`, `enum`, `const`, `required`, `properties`,
//! `patternProperties`, `additionalProperties`, `unevaluatedProperties`, `propertyNames`,
//! `min/maxProperties`, `dependentRequired`/`dependentSchemas` (and draft-04
//! `dependencies`), `items` (both forms), `prefixItems`, `additionalItems`, `contains`,
//! `min/maxItems`, `uniqueItems`, `min/maxLength`, `pattern`, `format` (a few well-defined
//! ones, when asked), `minimum`/`maximum`/`exclusive*` (boolean and numeric forms),
//! `multipleOf`, `allOf`/`anyOf`/`oneOf`/`not`, `if`/`then`/`else`, `$ref` (through a
//! [`Resolver`]), `$dynamicRef` (to the document's `$dynamicAnchor`), OpenAPI 3.0 `nullable`,
//! and `readOnly`/`writeOnly` for `required` in requests and responses.
//!
//! Every failing keyword is reported, not only the first; a failed `oneOf`/`anyOf` reports
//! the errors of the branch that matched best.

use crate::tree::{Node, Span, Value};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::rc::Rc;

pub type DocId = usize;

/// Finds what a `$ref` names.
pub trait Resolver<'a> {
    /// `reference` as written in document `doc`.
    fn resolve(&self, doc: DocId, reference: &str) -> Option<(DocId, &'a Node)>;
    /// The root of document `doc` (where `$dynamicAnchor`s are looked up).
    fn root(&self, doc: DocId) -> Option<&'a Node>;
}

/// Which spelling of JSON Schema the schemas are in.
#[derive(Clone, Copy, Debug, Default)]
pub struct Dialect {
    /// Draft-04, Swagger 2.0 and OpenAPI 3.0: a `$ref` replaces its siblings.
    pub ref_overrides_siblings: bool,
    /// OpenAPI 3.0 `nullable: true` lets `null` through.
    pub nullable: bool,
    /// Check the well-defined formats (`date-time`, `date`, `email`, `uuid`, `ipv4`,
    /// `ipv6`, `int32`, `int64`); otherwise `format` is an annotation.
    pub formats: bool,
}

/// Which way an instance travels, for `readOnly` and `writeOnly`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Either way (schema examples): a required property that is read-only or write-only may
    /// be absent.
    Any,
    /// A request: a required read-only property may be absent.
    Request,
    /// A response: a required write-only property may be absent.
    Response,
    /// Neither: plain JSON Schema.
    None,
}

/// One reason an instance does not validate.
#[derive(Clone, Debug)]
pub struct SchemaError<'i> {
    /// The document the node is in, when it is not the validated instance's own (the
    /// validation followed a `$ref` into another file: see [`Validator::follow_instance_refs`]).
    pub file: Option<usize>,
    /// The instance node the error is about (for a missing property: the object).
    pub node: &'i Node,
    /// Set when the error is about a member's key (a property that should not be there).
    pub key_span: Option<Span>,
    /// Instance path from the validated root.
    pub path: Vec<String>,
    pub keyword: &'static str,
    pub message: String,
}

impl SchemaError<'_> {
    pub fn span(&self) -> Span {
        self.key_span.unwrap_or(self.node.span)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SchemaId(u32);

#[derive(Default)]
struct Compiled<'a> {
    always: Option<bool>,
    reference: Option<usize>,
    dynamic_ref: Option<usize>,
    types: u8,
    nullable: bool,
    enum_values: Option<&'a [Node]>,
    const_value: Option<&'a Node>,
    required: Vec<&'a str>,
    properties: Vec<(&'a str, SchemaId)>,
    pattern_properties: Vec<(Regex, SchemaId)>,
    additional: Option<SchemaId>,
    unevaluated: Option<SchemaId>,
    property_names: Option<SchemaId>,
    min_props: Option<u64>,
    max_props: Option<u64>,
    dependent_required: Vec<(&'a str, Vec<&'a str>)>,
    dependent_schemas: Vec<(&'a str, SchemaId)>,
    items: Option<SchemaId>,
    prefix_items: Vec<SchemaId>,
    contains: Option<SchemaId>,
    min_contains: Option<u64>,
    max_contains: Option<u64>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    unique: bool,
    min_len: Option<u64>,
    max_len: Option<u64>,
    pattern: Option<(Regex, &'a str)>,
    format: Option<&'a str>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    excl_min: Option<f64>,
    excl_max: Option<f64>,
    multiple_of: Option<f64>,
    all_of: Vec<SchemaId>,
    any_of: Vec<SchemaId>,
    one_of: Vec<SchemaId>,
    not: Option<SchemaId>,
    if_: Option<SchemaId>,
    then_: Option<SchemaId>,
    else_: Option<SchemaId>,
    read_only: bool,
    write_only: bool,
}

struct RefSlot<'a> {
    doc: DocId,
    text: &'a str,
    dynamic: bool,
    /// `None` until first followed; `Some(None)` when it leads nowhere.
    target: Option<Option<SchemaId>>,
}

const NULL: u8 = 1;
const BOOLEAN: u8 = 2;
const OBJECT: u8 = 4;
const ARRAY: u8 = 8;
const NUMBER: u8 = 16;
const INTEGER: u8 = 32;
const STRING: u8 = 64;
const TYPE_NAMES: [(&str, u8); 7] = [
    ("null", NULL),
    ("boolean", BOOLEAN),
    ("object", OBJECT),
    ("array", ARRAY),
    ("number", NUMBER),
    ("integer", INTEGER),
    ("string", STRING),
];

/// A path token of the instance being validated.
#[derive(Clone, Copy)]
enum Tok<'i> {
    Key(&'i str),
    Index(usize),
}

/// Compiles schemas on demand and validates instances against them.
pub struct Validator<'a, R> {
    resolver: R,
    pub dialect: Dialect,
    schemas: Vec<Rc<Compiled<'a>>>,
    memo: FxHashMap<(DocId, *const Node), SchemaId>,
    refs: Vec<RefSlot<'a>>,
    regexes: FxHashMap<&'a str, Option<Regex>>,
    depth: usize,
    direction: Direction,
    /// Follow `$ref`s to other files in instances (the document validated as resolved).
    instances: Option<&'a crate::load::Workspace>,
    /// The file of the instance node being checked.
    inst_file: usize,
    /// (schema, referenced instance) pairs checked: (valid, errors collected).
    ref_memo: FxHashMap<(SchemaId, *const Node), (bool, bool)>,
    /// (schema, instance) pairs being checked through a `$ref`: a cycle that does not move
    /// into the instance stops here.
    active: rustc_hash::FxHashSet<(SchemaId, *const Node)>,
}

const MAX_DEPTH: usize = 250;

impl<'a, R: Resolver<'a>> Validator<'a, R> {
    pub fn new(resolver: R, dialect: Dialect) -> Self {
        Validator {
            resolver,
            dialect,
            schemas: Vec::new(),
            memo: FxHashMap::default(),
            refs: Vec::new(),
            regexes: FxHashMap::default(),
            depth: 0,
            direction: Direction::None,
            active: Default::default(),
            instances: None,
            inst_file: 0,
            ref_memo: FxHashMap::default(),
        }
    }

    /// Validate instances from this workspace as if their references to other files were
    /// inlined (a multi-file document is valid as a whole, not file by file). Errors met
    /// in another file say so in [`SchemaError::file`].
    pub fn follow_instance_refs(&mut self, ws: &'a crate::load::Workspace) {
        self.instances = Some(ws);
    }

    pub fn resolver(&self) -> &R {
        &self.resolver
    }

    /// The schema written at `node` of document `doc`.
    pub fn compile(&mut self, doc: DocId, node: &'a Node) -> SchemaId {
        if let Some(&id) = self.memo.get(&(doc, node as *const Node)) {
            return id;
        }
        let id = SchemaId(self.schemas.len() as u32);
        self.schemas.push(Rc::new(Compiled::default()));
        self.memo.insert((doc, node as *const Node), id);
        let c = self.build(doc, node);
        self.schemas[id.0 as usize] = Rc::new(c);
        id
    }

    /// Whether the schema (after `$ref`s) is marked `readOnly` / `writeOnly`.
    fn flags(&mut self, s: SchemaId) -> (bool, bool) {
        let mut s = s;
        let mut seen = rustc_hash::FxHashSet::default();
        while seen.insert(s.0) {
            let c = self.schemas[s.0 as usize].clone();
            if c.read_only || c.write_only {
                return (c.read_only, c.write_only);
            }
            match c.reference.and_then(|r| self.follow(r)) {
                Some(t) => s = t,
                None => break,
            }
        }
        (false, false)
    }

    fn regex(&mut self, pattern: &'a str) -> Option<Regex> {
        self.regexes
            .entry(pattern)
            .or_insert_with(|| super::util::js_regex(pattern, "").ok())
            .clone()
    }

    fn build(&mut self, doc: DocId, node: &'a Node) -> Compiled<'a> {
        let mut c = Compiled::default();
        let obj = match &node.value {
            Value::Bool(b) => {
                c.always = Some(*b);
                return c;
            }
            Value::Object(o) => o,
            _ => {
                c.always = Some(true);
                return c;
            }
        };
        let num = |n: &Node| n.as_number().and_then(|x| x.as_f64());
        let uint = |n: &Node| n.as_number().and_then(|x| x.as_u64());
        let sub = |v: &mut Self, n: &'a Node| v.compile(doc, n);
        let list = |v: &mut Self, n: &'a Node| -> Vec<SchemaId> {
            n.as_array()
                .map(|items| items.iter().map(|i| v.compile(doc, i)).collect())
                .unwrap_or_default()
        };
        for e in &obj.entries {
            let v = &e.value;
            match e.key.as_str() {
                "$ref" => {
                    if let Some(text) = v.as_str() {
                        self.refs.push(RefSlot {
                            doc,
                            text,
                            dynamic: false,
                            target: None,
                        });
                        c.reference = Some(self.refs.len() - 1);
                    }
                }
                "$dynamicRef" | "$recursiveRef" => {
                    if let Some(text) = v.as_str() {
                        self.refs.push(RefSlot {
                            doc,
                            text,
                            dynamic: true,
                            target: None,
                        });
                        c.dynamic_ref = Some(self.refs.len() - 1);
                    }
                }
                "type" => {
                    let mut add = |name: &str| {
                        if let Some((_, bit)) = TYPE_NAMES.iter().find(|(n, _)| *n == name) {
                            c.types |= bit;
                        } else {
                            // An unknown type name (`null` in 3.0 is known to JSON Schema):
                            // nothing can match it; keep a bit no value has.
                            c.types |= 128;
                        }
                    };
                    match &v.value {
                        Value::String(s) => add(s),
                        Value::Array(items) => {
                            items.iter().filter_map(Node::as_str).for_each(&mut add)
                        }
                        _ => {}
                    }
                }
                "nullable" => c.nullable = v.as_bool() == Some(true),
                "enum" => c.enum_values = v.as_array(),
                "const" => c.const_value = Some(v),
                "required" => {
                    c.required = v
                        .as_array()
                        .map(|a| a.iter().filter_map(Node::as_str).collect())
                        .unwrap_or_default()
                }
                "properties" => {
                    if let Some(o) = v.as_object() {
                        c.properties = o
                            .entries
                            .iter()
                            .map(|p| (p.key.as_str(), sub(self, &p.value)))
                            .collect();
                    }
                }
                "patternProperties" => {
                    if let Some(o) = v.as_object() {
                        for p in &o.entries {
                            if let Some(re) = self.regex(&p.key) {
                                let id = sub(self, &p.value);
                                c.pattern_properties.push((re, id));
                            }
                        }
                    }
                }
                "additionalProperties" => c.additional = Some(sub(self, v)),
                "unevaluatedProperties" => c.unevaluated = Some(sub(self, v)),
                "propertyNames" => c.property_names = Some(sub(self, v)),
                "minProperties" => c.min_props = uint(v),
                "maxProperties" => c.max_props = uint(v),
                "dependentRequired" => {
                    if let Some(o) = v.as_object() {
                        for d in &o.entries {
                            let names = d
                                .value
                                .as_array()
                                .map(|a| a.iter().filter_map(Node::as_str).collect())
                                .unwrap_or_default();
                            c.dependent_required.push((d.key.as_str(), names));
                        }
                    }
                }
                "dependentSchemas" | "dependencies" => {
                    if let Some(o) = v.as_object() {
                        for d in &o.entries {
                            if let Some(a) = d.value.as_array() {
                                c.dependent_required.push((
                                    d.key.as_str(),
                                    a.iter().filter_map(Node::as_str).collect(),
                                ));
                            } else {
                                let id = sub(self, &d.value);
                                c.dependent_schemas.push((d.key.as_str(), id));
                            }
                        }
                    }
                }
                "items" => {
                    if v.as_array().is_some() {
                        c.prefix_items = list(self, v);
                    } else {
                        c.items = Some(sub(self, v));
                    }
                }
                "prefixItems" => c.prefix_items = list(self, v),
                "additionalItems" if obj.get("items").is_some_and(|i| i.as_array().is_some()) => {
                    c.items = Some(sub(self, v));
                }
                "contains" => c.contains = Some(sub(self, v)),
                "minContains" => c.min_contains = uint(v),
                "maxContains" => c.max_contains = uint(v),
                "minItems" => c.min_items = uint(v),
                "maxItems" => c.max_items = uint(v),
                "uniqueItems" => c.unique = v.as_bool() == Some(true),
                "minLength" => c.min_len = uint(v),
                "maxLength" => c.max_len = uint(v),
                "pattern" => {
                    if let Some(p) = v.as_str()
                        && let Some(re) = self.regex(p)
                    {
                        c.pattern = Some((re, p));
                    }
                }
                "format" => c.format = v.as_str(),
                "minimum" => c.minimum = num(v),
                "maximum" => c.maximum = num(v),
                "exclusiveMinimum" => match &v.value {
                    Value::Bool(true) => c.excl_min = obj.get("minimum").and_then(num),
                    _ => c.excl_min = num(v).or(c.excl_min),
                },
                "exclusiveMaximum" => match &v.value {
                    Value::Bool(true) => c.excl_max = obj.get("maximum").and_then(num),
                    _ => c.excl_max = num(v).or(c.excl_max),
                },
                "multipleOf" => c.multiple_of = num(v).filter(|m| *m > 0.0),
                "allOf" => c.all_of = list(self, v),
                "anyOf" => c.any_of = list(self, v),
                "oneOf" => c.one_of = list(self, v),
                "not" => c.not = Some(sub(self, v)),
                "if" => c.if_ = Some(sub(self, v)),
                "then" => c.then_ = Some(sub(self, v)),
                "else" => c.else_ = Some(sub(self, v)),
                "readOnly" => c.read_only = v.as_bool() == Some(true),
                "writeOnly" => c.write_only = v.as_bool() == Some(true),
                _ => {}
            }
        }
        // A boolean `exclusiveMinimum` makes `minimum` exclusive.
        if obj.get("exclusiveMinimum").and_then(Node::as_bool) == Some(true) {
            c.minimum = None;
        }
        if obj.get("exclusiveMaximum").and_then(Node::as_bool) == Some(true) {
            c.maximum = None;
        }
        c
    }

    fn follow(&mut self, slot: usize) -> Option<SchemaId> {
        if let Some(t) = self.refs[slot].target {
            return t;
        }
        let RefSlot {
            doc, text, dynamic, ..
        } = self.refs[slot];
        let target = if dynamic {
            let name = text.trim_start_matches('#');
            self.resolver
                .root(doc)
                .and_then(|root| find_anchor(root, name))
                .map(|n| (doc, n))
                .or_else(|| self.resolver.resolve(doc, text))
        } else {
            self.resolver.resolve(doc, text)
        };
        let id = target.map(|(d, n)| self.compile(d, n));
        self.refs[slot].target = Some(id);
        id
    }

    /// Every error of `instance` against schema `s`.
    pub fn validate<'i>(
        &mut self,
        s: SchemaId,
        instance: &'i Node,
        direction: Direction,
    ) -> Vec<SchemaError<'i>>
    where
        'a: 'i,
    {
        self.direction = direction;
        let mut errors = Vec::new();
        let mut path = Vec::new();
        self.check(s, instance, &mut path, Some(&mut errors), None);
        errors
    }

    /// Whether `instance` validates (stops at the first error).
    pub fn is_valid<'i>(&mut self, s: SchemaId, instance: &'i Node, direction: Direction) -> bool
    where
        'a: 'i,
    {
        self.direction = direction;
        let mut path = Vec::new();
        self.check(s, instance, &mut path, None, None)
    }

    fn check<'i>(
        &mut self,
        s: SchemaId,
        inst: &'i Node,
        path: &mut Vec<Tok<'i>>,
        mut errs: Option<&mut Vec<SchemaError<'i>>>,
        mut eval: Option<&mut Vec<bool>>,
    ) -> bool
    where
        'a: 'i,
    {
        let c = self.schemas[s.0 as usize].clone();
        match c.always {
            Some(true) => {
                mark_all(inst, eval);
                return true;
            }
            Some(false) => {
                if let Some(e) = errs {
                    e.push(err(
                        inst,
                        None,
                        path,
                        "false",
                        "no value is allowed here".into(),
                    ));
                }
                return false;
            }
            None => {}
        }
        if self.depth > MAX_DEPTH {
            return true;
        }
        if let Some(ws) = self.instances
            && let Some(reference) = inst.get("$ref").and_then(Node::as_str)
            && !reference.starts_with('#')
            && let Ok((file, target)) = ws.resolve(self.inst_file, reference)
        {
            return self.check_referenced(s, inst, file, target, path, errs, eval);
        }
        self.depth += 1;
        let ok = self.check_keywords(&c, inst, path, &mut errs, &mut eval);
        self.depth -= 1;
        ok
    }

    /// `inst` is a reference to `target` in `file`: checks the target in its place, once
    /// per schema.
    #[allow(clippy::too_many_arguments)]
    fn check_referenced<'i>(
        &mut self,
        s: SchemaId,
        inst: &'i Node,
        file: usize,
        target: &'a Node,
        path: &mut Vec<Tok<'i>>,
        mut errs: Option<&mut Vec<SchemaError<'i>>>,
        eval: Option<&mut Vec<bool>>,
    ) -> bool
    where
        'a: 'i,
    {
        let key = (s, target as *const Node);
        let collecting = errs.is_some();
        if let Some(&(ok, collected)) = self.ref_memo.get(&key)
            && (collected || !collecting)
        {
            return ok;
        }
        // In progress: a cycle of references passes.
        self.ref_memo.insert(key, (true, collecting));
        let before = errs.as_ref().map_or(0, |e| e.len());
        let outer = std::mem::replace(&mut self.inst_file, file);
        let ok = self.check(s, target, path, errs.as_deref_mut(), None);
        self.inst_file = outer;
        if let Some(e) = errs {
            for x in &mut e[before..] {
                x.file.get_or_insert(file);
            }
        }
        self.ref_memo.insert(key, (ok, collecting));
        if ok {
            mark_all(inst, eval);
        }
        ok
    }

    fn check_keywords<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        path: &mut Vec<Tok<'i>>,
        errs: &mut Option<&mut Vec<SchemaError<'i>>>,
        eval: &mut Option<&mut Vec<bool>>,
    ) -> bool
    where
        'a: 'i,
    {
        let fast = errs.is_none();
        let mut ok = true;
        macro_rules! fail {
            ($node:expr, $key:expr, $kw:expr, $msg:expr) => {{
                ok = false;
                match errs.as_deref_mut() {
                    Some(e) => e.push(err($node, $key, path, $kw, $msg)),
                    None => return false,
                }
            }};
        }
        // An error about a member (a duplicate item, a property that should not be there).
        macro_rules! fail_member {
            ($node:expr, $key:expr, $tok:expr, $kw:expr, $msg:expr) => {{
                ok = false;
                match errs.as_deref_mut() {
                    Some(e) => {
                        let mut x = err($node, $key, path, $kw, $msg);
                        x.path.push($tok);
                        e.push(x);
                    }
                    None => return false,
                }
            }};
        }

        // Properties evaluated here, for `unevaluatedProperties`.
        let mut own_eval: Option<Vec<bool>> = match (&c.unevaluated, &inst.value) {
            (Some(_), Value::Object(o)) => Some(vec![false; o.len()]),
            _ => None,
        };
        let mut tracker: Option<&mut Vec<bool>> = match own_eval.as_mut() {
            Some(v) => Some(v),
            None => eval.as_deref_mut(),
        };

        if let Some(slot) = c.reference {
            if let Some(target) = self.follow(slot) {
                let key = (target, inst as *const Node);
                let r = if self.active.insert(key) {
                    let r = self.check(
                        target,
                        inst,
                        path,
                        errs.as_deref_mut(),
                        tracker.as_deref_mut(),
                    );
                    self.active.remove(&key);
                    r
                } else {
                    true
                };
                if self.dialect.ref_overrides_siblings {
                    return r;
                }
                if !r {
                    ok = false;
                    if fast {
                        return false;
                    }
                }
            } else if self.dialect.ref_overrides_siblings {
                return true;
            }
        }
        if let Some(slot) = c.dynamic_ref
            && let Some(target) = self.follow(slot)
            && !self.check(
                target,
                inst,
                path,
                errs.as_deref_mut(),
                tracker.as_deref_mut(),
            )
        {
            ok = false;
            if fast {
                return false;
            }
        }
        if self.dialect.nullable && c.nullable && inst.is_null() {
            return ok;
        }

        if c.types != 0 && !type_matches(c.types, inst) {
            let names: Vec<&str> = TYPE_NAMES
                .iter()
                .filter(|(_, b)| c.types & b != 0)
                .map(|(n, _)| *n)
                .collect();
            let mut names = names.join(",");
            if self.dialect.nullable && c.nullable {
                names.push_str(",null");
            }
            fail!(inst, None, "type", format!("must be {names}"));
        }
        if let Some(values) = c.enum_values
            && !values.iter().any(|v| super::util::json_eq(v, inst))
        {
            let shown: Vec<String> = values.iter().take(20).map(super::util::show).collect();
            let more = if values.len() > 20 { ", ..." } else { "" };
            fail!(
                inst,
                None,
                "enum",
                format!(
                    "must be equal to one of the allowed values: {}{more}",
                    shown.join(", ")
                )
            );
        }
        if let Some(v) = c.const_value
            && !super::util::json_eq(v, inst)
        {
            fail!(
                inst,
                None,
                "const",
                format!("must be equal to constant {}", super::util::show(v))
            );
        }

        match &inst.value {
            Value::String(s) => {
                if c.min_len.is_some() || c.max_len.is_some() {
                    let n = s.chars().count() as u64;
                    if let Some(min) = c.min_len.filter(|m| n < *m) {
                        fail!(
                            inst,
                            None,
                            "minLength",
                            format!("must NOT have fewer than {min} characters")
                        );
                    }
                    if let Some(max) = c.max_len.filter(|m| n > *m) {
                        fail!(
                            inst,
                            None,
                            "maxLength",
                            format!("must NOT have more than {max} characters")
                        );
                    }
                }
                if let Some((re, p)) = &c.pattern
                    && !re.is_match(s)
                {
                    fail!(inst, None, "pattern", format!("must match pattern \"{p}\""));
                }
                if self.dialect.formats
                    && let Some(f) = c.format
                    && !format_ok(f, s)
                {
                    fail!(inst, None, "format", format!("must match format \"{f}\""));
                }
            }
            Value::Number(n) => {
                if let Some(x) = n.as_f64() {
                    if let Some(m) = c.minimum.filter(|m| x < *m) {
                        fail!(inst, None, "minimum", format!("must be >= {m}"));
                    }
                    if let Some(m) = c.maximum.filter(|m| x > *m) {
                        fail!(inst, None, "maximum", format!("must be <= {m}"));
                    }
                    if let Some(m) = c.excl_min.filter(|m| x <= *m) {
                        fail!(inst, None, "exclusiveMinimum", format!("must be > {m}"));
                    }
                    if let Some(m) = c.excl_max.filter(|m| x >= *m) {
                        fail!(inst, None, "exclusiveMaximum", format!("must be < {m}"));
                    }
                    if let Some(m) = c.multiple_of {
                        let q = x / m;
                        if (q - q.round()).abs() > 1e-9 * q.abs().max(1.0) {
                            fail!(inst, None, "multipleOf", format!("must be multiple of {m}"));
                        }
                    }
                    if self.dialect.formats
                        && let Some(f) = c.format
                    {
                        let range = match f {
                            "int32" => Some((i32::MIN as f64, i32::MAX as f64)),
                            "int64" => Some((i64::MIN as f64, i64::MAX as f64)),
                            _ => None,
                        };
                        if let Some((lo, hi)) = range
                            && (x < lo || x > hi)
                        {
                            fail!(inst, None, "format", format!("must match format \"{f}\""));
                        }
                    }
                }
            }
            Value::Array(items) => {
                let n = items.len() as u64;
                if let Some(min) = c.min_items.filter(|m| n < *m) {
                    fail!(
                        inst,
                        None,
                        "minItems",
                        format!("must NOT have fewer than {min} items")
                    );
                }
                if let Some(max) = c.max_items.filter(|m| n > *m) {
                    fail!(
                        inst,
                        None,
                        "maxItems",
                        format!("must NOT have more than {max} items")
                    );
                }
                if c.unique
                    && let Some((i, j)) = first_duplicate(items)
                {
                    fail_member!(
                        &items[j],
                        None,
                        j.to_string(),
                        "uniqueItems",
                        format!(
                            "must NOT have duplicate items (items ## {j} and {i} are identical)"
                        )
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    let s = match c.prefix_items.get(i) {
                        Some(s) => Some(*s),
                        None => c.items,
                    };
                    if let Some(s) = s {
                        path.push(Tok::Index(i));
                        let r = self.check(s, item, path, errs.as_deref_mut(), None);
                        path.pop();
                        if !r {
                            ok = false;
                            if fast {
                                return false;
                            }
                        }
                    }
                }
                if let Some(cs) = c.contains {
                    let mut count = 0u64;
                    for item in items {
                        if self.check(cs, item, path, None, None) {
                            count += 1;
                        }
                    }
                    let min = c.min_contains.unwrap_or(1);
                    if count < min {
                        fail!(
                            inst,
                            None,
                            "contains",
                            format!("must contain at least {min} valid item(s)")
                        );
                    }
                    if let Some(max) = c.max_contains.filter(|m| count > *m) {
                        fail!(
                            inst,
                            None,
                            "maxContains",
                            format!("must contain at most {max} valid item(s)")
                        );
                    }
                }
            }
            Value::Object(o) => {
                for name in &c.required {
                    if o.get(name).is_some() {
                        continue;
                    }
                    if self.direction != Direction::None
                        && let Some((_, ps)) = c.properties.iter().find(|(n, _)| n == name)
                    {
                        let (ro, wo) = self.flags(*ps);
                        let exempt = match self.direction {
                            Direction::Request => ro,
                            Direction::Response => wo,
                            Direction::Any => ro || wo,
                            Direction::None => false,
                        };
                        if exempt {
                            continue;
                        }
                    }
                    fail!(
                        inst,
                        None,
                        "required",
                        format!("must have required property '{name}'")
                    );
                }
                let n = o.len() as u64;
                if let Some(min) = c.min_props.filter(|m| n < *m) {
                    fail!(
                        inst,
                        None,
                        "minProperties",
                        format!("must NOT have fewer than {min} properties")
                    );
                }
                if let Some(max) = c.max_props.filter(|m| n > *m) {
                    fail!(
                        inst,
                        None,
                        "maxProperties",
                        format!("must NOT have more than {max} properties")
                    );
                }
                for (key, names) in &c.dependent_required {
                    if o.get(key).is_some() {
                        for name in names {
                            if o.get(name).is_none() {
                                fail!(
                                    inst,
                                    None,
                                    "dependentRequired",
                                    format!(
                                        "must have property '{name}' when property '{key}' is present"
                                    )
                                );
                            }
                        }
                    }
                }
                for (i, e) in o.entries.iter().enumerate() {
                    let mut matched = false;
                    let mut targets: smallvec_like::Small = Default::default();
                    if let Some((_, s)) = c.properties.iter().find(|(n, _)| *n == e.key) {
                        matched = true;
                        targets.push(*s);
                    }
                    for (re, s) in &c.pattern_properties {
                        if re.is_match(&e.key) {
                            matched = true;
                            targets.push(*s);
                        }
                    }
                    if !matched && let Some(add) = c.additional {
                        if self.schemas[add.0 as usize].always == Some(false) {
                            fail_member!(
                                &e.value,
                                Some(e.key_span),
                                e.key.clone(),
                                "additionalProperties",
                                format!("Property `{}` is not expected to be here", e.key)
                            );
                            continue;
                        }
                        matched = true;
                        targets.push(add);
                    }
                    if matched && let Some(t) = tracker.as_deref_mut() {
                        t[i] = true;
                    }
                    if let Some(pn) = c.property_names {
                        let key_node = Node::new(e.key_span, Value::String(e.key.clone()));
                        if !self.check(pn, &key_node, &mut Vec::new(), None, None) {
                            fail_member!(
                                &e.value,
                                Some(e.key_span),
                                e.key.clone(),
                                "propertyNames",
                                format!("property name `{}` is invalid", e.key)
                            );
                        }
                    }
                    for s in targets.iter() {
                        path.push(Tok::Key(&e.key));
                        let r = self.check(s, &e.value, path, errs.as_deref_mut(), None);
                        path.pop();
                        if !r {
                            ok = false;
                            if fast {
                                return false;
                            }
                        }
                    }
                }
                for (key, s) in &c.dependent_schemas {
                    if o.get(key).is_some()
                        && !self.check(*s, inst, path, errs.as_deref_mut(), tracker.as_deref_mut())
                    {
                        ok = false;
                        if fast {
                            return false;
                        }
                    }
                }
            }
            _ => {}
        }

        for s in &c.all_of {
            if !self.check(*s, inst, path, errs.as_deref_mut(), tracker.as_deref_mut()) {
                ok = false;
                if fast {
                    return false;
                }
            }
        }
        if !c.any_of.is_empty()
            && !self.alternatives(&c.any_of, false, inst, path, errs, &mut tracker)
        {
            ok = false;
            if fast {
                return false;
            }
        }
        if !c.one_of.is_empty()
            && !self.alternatives(&c.one_of, true, inst, path, errs, &mut tracker)
        {
            ok = false;
            if fast {
                return false;
            }
        }
        if let Some(n) = c.not
            && self.check(n, inst, path, None, None)
        {
            fail!(inst, None, "not", "must NOT be valid".to_string());
        }
        if let Some(i) = c.if_ {
            let mut t = tracker.as_deref().map(|t| t.to_vec());
            if self.check(i, inst, path, None, t.as_mut()) {
                if let (Some(t), Some(dst)) = (t, tracker.as_deref_mut()) {
                    merge(dst, &t);
                }
                if let Some(th) = c.then_
                    && !self.check(th, inst, path, errs.as_deref_mut(), tracker.as_deref_mut())
                {
                    ok = false;
                    if fast {
                        return false;
                    }
                }
            } else if let Some(el) = c.else_
                && !self.check(el, inst, path, errs.as_deref_mut(), tracker.take())
            {
                ok = false;
                if fast {
                    return false;
                }
            }
        }

        if let (Some(u), Some(o), Some(evaluated)) =
            (c.unevaluated, inst.as_object(), own_eval.as_ref())
        {
            let never = self.schemas[u.0 as usize].always == Some(false);
            for (i, e) in o.entries.iter().enumerate() {
                if evaluated[i] {
                    continue;
                }
                if never {
                    fail_member!(
                        &e.value,
                        Some(e.key_span),
                        e.key.clone(),
                        "unevaluatedProperties",
                        format!("Property `{}` is not expected to be here", e.key)
                    );
                } else {
                    path.push(Tok::Key(&e.key));
                    let r = self.check(u, &e.value, path, errs.as_deref_mut(), None);
                    path.pop();
                    if !r {
                        ok = false;
                        if fast {
                            return false;
                        }
                    }
                }
            }
        }
        if let (Some(own), Some(outer)) = (own_eval.as_ref(), eval.as_deref_mut()) {
            // Everything is evaluated by a schema with `unevaluatedProperties`.
            let _ = own;
            outer.iter_mut().for_each(|b| *b = true);
        }
        ok
    }

    /// Marks the members of object `inst` that schema `s` declares (by `properties` or
    /// `patternProperties`, through `$ref` and `allOf`).
    fn declared(&mut self, s: SchemaId, inst: &Node, marked: &mut [bool], depth: usize) {
        let Some(o) = inst.as_object() else { return };
        if depth > 8 {
            return;
        }
        let c = self.schemas[s.0 as usize].clone();
        for (i, e) in o.entries.iter().enumerate() {
            if !marked[i]
                && (c.properties.iter().any(|(n, _)| *n == e.key)
                    || c.pattern_properties
                        .iter()
                        .any(|(re, _)| re.is_match(&e.key)))
            {
                marked[i] = true;
            }
        }
        if let Some(t) = c.reference.and_then(|r| self.follow(r)) {
            self.declared(t, inst, marked, depth + 1);
        }
        for a in &c.all_of {
            self.declared(*a, inst, marked, depth + 1);
        }
    }

    /// `anyOf` (`exactly_one` false) or `oneOf`. On failure in collecting mode, reports the
    /// errors of the branch that fits best.
    fn alternatives<'i>(
        &mut self,
        branches: &[SchemaId],
        exactly_one: bool,
        inst: &'i Node,
        path: &mut Vec<Tok<'i>>,
        errs: &mut Option<&mut Vec<SchemaError<'i>>>,
        tracker: &mut Option<&mut Vec<bool>>,
    ) -> bool
    where
        'a: 'i,
    {
        let mut passed = 0;
        for b in branches {
            let mut t = tracker.as_deref().map(|t| t.to_vec());
            if self.check(*b, inst, path, None, t.as_mut()) {
                passed += 1;
                if let (Some(t), Some(dst)) = (t, tracker.as_deref_mut()) {
                    merge(dst, &t);
                }
                if !exactly_one {
                    return true;
                }
            }
        }
        if passed == 1 || (!exactly_one && passed > 0) {
            return true;
        }
        let Some(out) = errs.as_deref_mut() else {
            return false;
        };
        if passed > 1 {
            out.push(err(
                inst,
                None,
                path,
                "oneOf",
                "must match exactly one schema in oneOf".into(),
            ));
            return false;
        }
        let base = path.len();
        let mut best: Option<(Rank, Vec<SchemaError<'i>>)> = None;
        for b in branches {
            let mut es = Vec::new();
            self.check(*b, inst, path, Some(&mut es), None);
            let mut marked = vec![false; inst.as_object().map_or(0, |o| o.len())];
            self.declared(*b, inst, &mut marked, 0);
            let overlap = marked.iter().filter(|m| **m).count();
            let rank = rank(&es, base, overlap);
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, es));
            }
        }
        match best {
            Some((_, es)) if !es.is_empty() => out.extend(es),
            _ => {
                let kw = if exactly_one { "oneOf" } else { "anyOf" };
                out.push(err(
                    inst,
                    None,
                    path,
                    kw,
                    format!("must match a schema in {kw}"),
                ));
            }
        }
        false
    }
}

/// How a failed branch fits the instance; lower is better.
type Rank = (bool, isize, usize, usize, isize, usize);

/// How badly a branch's errors say "this is not the branch meant": a wrong type of the
/// instance itself rules a branch out first; then the branch that declares more of the
/// instance's members wins (an OpenAPI Schema Object over a Reference Object); then the
/// one with fewer wrong `enum`/`const` values one level down (discriminating properties
/// such as `type` or `in`), fewer missing required members, deeper errors, fewer errors.
fn rank(errors: &[SchemaError<'_>], base: usize, overlap: usize) -> Rank {
    let mut wrong_type = false;
    let mut discriminators = 0;
    let mut missing = 0;
    let mut deepest = 0usize;
    for e in errors {
        let d = e.path.len().saturating_sub(base);
        match (e.keyword, d) {
            ("type" | "false", 0) => wrong_type = true,
            ("required", 0) => missing += 1,
            ("enum" | "const", 1) => discriminators += 1,
            _ => {}
        }
        deepest = deepest.max(d + usize::from(e.key_span.is_some()));
    }
    (
        wrong_type,
        -(overlap as isize),
        discriminators,
        missing,
        -(deepest as isize),
        errors.len(),
    )
}

fn merge(dst: &mut [bool], src: &[bool]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d |= *s;
    }
}

fn mark_all(inst: &Node, eval: Option<&mut Vec<bool>>) {
    if let (Some(t), Value::Object(_)) = (eval, &inst.value) {
        t.iter_mut().for_each(|b| *b = true);
    }
}

fn err<'i>(
    node: &'i Node,
    key_span: Option<Span>,
    path: &[Tok<'i>],
    keyword: &'static str,
    message: String,
) -> SchemaError<'i> {
    SchemaError {
        file: None,
        node,
        key_span,
        path: path
            .iter()
            .map(|t| match t {
                Tok::Key(k) => k.to_string(),
                Tok::Index(i) => i.to_string(),
            })
            .collect(),
        keyword,
        message,
    }
}

fn type_matches(types: u8, inst: &Node) -> bool {
    let t = match &inst.value {
        Value::Null => NULL,
        Value::Bool(_) => BOOLEAN,
        Value::Object(_) => OBJECT,
        Value::Array(_) => ARRAY,
        Value::String(_) => STRING,
        Value::Number(n) => {
            if types & NUMBER != 0 {
                return true;
            }
            if super::util::is_integer(n) {
                INTEGER
            } else {
                NUMBER
            }
        }
    };
    types & t != 0
}

/// The first pair (earlier, later) of equal items.
fn first_duplicate(items: &[Node]) -> Option<(usize, usize)> {
    use std::hash::Hasher;
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (j, item) in items.iter().enumerate() {
        let mut h = rustc_hash::FxHasher::default();
        super::util::json_hash(item, &mut h);
        let bucket = seen.entry(h.finish()).or_default();
        if let Some(&i) = bucket
            .iter()
            .find(|&&i| super::util::json_eq(&items[i], item))
        {
            return Some((i, j));
        }
        bucket.push(j);
    }
    None
}

/// Finds `$dynamicAnchor: name` or `$anchor: name` in a schema document.
fn find_anchor<'a>(root: &'a Node, name: &str) -> Option<&'a Node> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match &n.value {
            Value::Object(o) => {
                if ["$dynamicAnchor", "$anchor", "$recursiveAnchor"]
                    .iter()
                    .any(|k| o.get(k).and_then(Node::as_str) == Some(name))
                {
                    return Some(n);
                }
                stack.extend(o.entries.iter().map(|e| &e.value));
            }
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    None
}

fn format_ok(format: &str, s: &str) -> bool {
    use std::sync::OnceLock;
    static DATE: OnceLock<Regex> = OnceLock::new();
    static DATE_TIME: OnceLock<Regex> = OnceLock::new();
    static UUID: OnceLock<Regex> = OnceLock::new();
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    let re = |cell: &'static OnceLock<Regex>, p: &str| cell.get_or_init(|| Regex::new(p).unwrap());
    match format {
        "date" => re(&DATE, r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$").is_match(s),
        "date-time" => re(
            &DATE_TIME,
            r"(?i)^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])t([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(z|[+-]([01]\d|2[0-3]):?[0-5]\d)$",
        )
        .is_match(s),
        "uuid" => re(&UUID, r"(?i)^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$").is_match(s),
        "email" => re(&EMAIL, r"^[^\s@]+@[^\s@]+\.[^\s@]+$").is_match(s),
        "ipv4" => s.parse::<std::net::Ipv4Addr>().is_ok(),
        "ipv6" => s.parse::<std::net::Ipv6Addr>().is_ok(),
        _ => true,
    }
}

/// A tiny inline vector for the (usually one) schemas a property is checked against.
mod smallvec_like {
    use super::SchemaId;

    #[derive(Default)]
    pub struct Small {
        inline: [Option<SchemaId>; 2],
        more: Vec<SchemaId>,
    }

    impl Small {
        pub fn push(&mut self, s: SchemaId) {
            if self.inline[0].is_none() {
                self.inline[0] = Some(s);
            } else if self.inline[1].is_none() {
                self.inline[1] = Some(s);
            } else {
                self.more.push(s);
            }
        }

        pub fn iter(&self) -> impl Iterator<Item = SchemaId> + '_ {
            self.inline
                .iter()
                .flatten()
                .copied()
                .chain(self.more.iter().copied())
        }
    }
}

/// Schemas written as one standalone tree (a ruleset's `schema` option, a meta-schema
/// bundle): `#/...` pointers and anchors within the tree, other documents by their URL.
pub struct TreeResolver<'a> {
    /// (base URL without fragment, root) per document; document ids are indexes.
    pub docs: Vec<(&'a str, &'a Node)>,
}

impl<'a> Resolver<'a> for TreeResolver<'a> {
    fn resolve(&self, doc: DocId, reference: &str) -> Option<(DocId, &'a Node)> {
        let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let d = if base.is_empty() {
            doc
        } else {
            let want = base.trim_end_matches('/');
            self.docs
                .iter()
                .position(|(url, _)| url.trim_end_matches('/') == want)?
        };
        let root = self.docs.get(d)?.1;
        if fragment.is_empty() {
            return Some((d, root));
        }
        if !fragment.starts_with('/') {
            return find_anchor(root, fragment).map(|n| (d, n));
        }
        let pointer = crate::tree::pointer::from_fragment(fragment).ok()?;
        crate::tree::pointer::lookup(root, &pointer)
            .ok()
            .map(|n| (d, n))
    }

    fn root(&self, doc: DocId) -> Option<&'a Node> {
        self.docs.get(doc).map(|(_, r)| *r)
    }
}

/// Schemas inside a loaded workspace: document ids are file ids.
pub struct WorkspaceResolver<'a> {
    pub ws: &'a crate::load::Workspace,
}

impl<'a> Resolver<'a> for WorkspaceResolver<'a> {
    fn resolve(&self, doc: DocId, reference: &str) -> Option<(DocId, &'a Node)> {
        self.ws.resolve(doc, reference).ok()
    }

    fn root(&self, doc: DocId) -> Option<&'a Node> {
        self.ws.files().get(doc).and_then(|f| f.root.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Limits, yaml};

    fn n(text: &str) -> Node {
        yaml::parse(text, &Limits::default()).unwrap().root
    }

    fn errors(schema: &str, instance: &str, dialect: Dialect, dir: Direction) -> Vec<String> {
        let s = n(schema);
        let i = n(instance);
        let mut v = Validator::new(
            TreeResolver {
                docs: vec![("", &s)],
            },
            dialect,
        );
        let id = v.compile(0, &s);
        let es = v.validate(id, &i, dir);
        assert_eq!(v.is_valid(id, &i, dir), es.is_empty());
        es.iter()
            .map(|e| format!("/{} {}: {}", e.path.join("/"), e.keyword, e.message))
            .collect()
    }

    fn plain(schema: &str, instance: &str) -> Vec<String> {
        errors(schema, instance, Dialect::default(), Direction::None)
    }

    #[test]
    fn basic_keywords() {
        assert!(plain("{type: string}", "x").is_empty());
        assert_eq!(plain("{type: string}", "1"), ["/ type: must be string"]);
        assert!(plain("{type: integer}", "1.0").is_empty());
        assert_eq!(plain("{type: integer}", "1.5"), ["/ type: must be integer"]);
        assert!(plain("{type: number}", "1").is_empty());
        assert_eq!(
            plain("{enum: [a, b]}", "c"),
            ["/ enum: must be equal to one of the allowed values: \"a\", \"b\""]
        );
        assert_eq!(plain("{const: 3}", "3.0"), Vec::<String>::new());
        assert_eq!(
            plain("{minLength: 2, maxLength: 3, pattern: '^a'}", "bcde").len(),
            2
        );
        assert_eq!(
            plain("{minimum: 1, maximum: 3, multipleOf: 2}", "5"),
            [
                "/ maximum: must be <= 3",
                "/ multipleOf: must be multiple of 2"
            ]
        );
        assert_eq!(
            plain("{minimum: 1, exclusiveMinimum: true}", "1"),
            ["/ exclusiveMinimum: must be > 1"]
        );
        assert_eq!(
            plain("{exclusiveMaximum: 1}", "1"),
            ["/ exclusiveMaximum: must be < 1"]
        );
        assert_eq!(
            plain("{uniqueItems: true}", "[1, 2, 1.0]"),
            ["/2 uniqueItems: must NOT have duplicate items (items ## 2 and 0 are identical)"]
        );
        assert_eq!(
            plain("{minItems: 2, items: {type: string}}", "[1]"),
            [
                "/ minItems: must NOT have fewer than 2 items",
                "/0 type: must be string"
            ]
        );
        assert!(plain("{not: {type: string}}", "1").is_empty());
        assert_eq!(
            plain("{not: {type: string}}", "a"),
            ["/ not: must NOT be valid"]
        );
        assert!(plain("{prefixItems: [{type: string}], items: false}", "[a]").is_empty());
        assert_eq!(
            plain("{prefixItems: [{type: string}], items: false}", "[a, b]"),
            ["/1 false: no value is allowed here"]
        );
        assert_eq!(plain("{contains: {type: string}}", "[1]").len(), 1);
    }

    #[test]
    fn objects_report_every_failing_property() {
        let s = "{type: object, required: [id, name], additionalProperties: false, properties: {id: {type: integer}, name: {type: string}, tags: {type: array, items: {type: string}}}}";
        let es = plain(s, "{id: x, tags: [a, 1], extra: true}");
        assert_eq!(
            es,
            [
                "/ required: must have required property 'name'",
                "/id type: must be integer",
                "/tags/1 type: must be string",
                "/extra additionalProperties: Property `extra` is not expected to be here",
            ]
        );
    }

    #[test]
    fn nullable_and_read_write_only() {
        let d30 = Dialect {
            ref_overrides_siblings: true,
            nullable: true,
            formats: true,
        };
        assert!(
            errors(
                "{type: string, nullable: true}",
                "null",
                d30,
                Direction::None
            )
            .is_empty()
        );
        assert_eq!(
            errors("{type: string}", "null", d30, Direction::None).len(),
            1
        );
        let s = "{required: [id, pw], properties: {id: {readOnly: true}, pw: {writeOnly: true}}}";
        assert_eq!(errors(s, "{pw: x}", d30, Direction::Request).len(), 0);
        assert_eq!(errors(s, "{id: 1}", d30, Direction::Request).len(), 1);
        assert_eq!(errors(s, "{id: 1}", d30, Direction::Response).len(), 0);
        assert_eq!(errors(s, "{}", d30, Direction::Any).len(), 0);
        assert_eq!(errors(s, "{}", d30, Direction::None).len(), 2);
        assert_eq!(
            errors("{format: date-time}", "2020-01-01", d30, Direction::None).len(),
            1
        );
        assert_eq!(
            errors(
                "{format: date-time}",
                "2020-01-01T00:00:00Z",
                d30,
                Direction::None
            )
            .len(),
            0
        );
        assert_eq!(
            errors("{format: int32}", "3000000000", d30, Direction::None).len(),
            1
        );
    }

    #[test]
    fn refs_and_combinators() {
        let s = r##"
definitions:
  pet: {type: object, required: [kind], properties: {kind: {enum: [cat, dog]}, lives: {type: integer}}}
  ref: {type: object, required: [$ref]}
oneOf: [{$ref: '#/definitions/pet'}, {$ref: '#/definitions/ref'}]
"##;
        assert!(plain(s, "{kind: cat}").is_empty());
        assert!(plain(s, "{$ref: x}").is_empty());
        // The pet branch fits best: its error is one level in.
        assert_eq!(
            plain(s, "{kind: cat, lives: many}"),
            ["/lives type: must be integer"]
        );
        assert_eq!(
            plain("{oneOf: [{type: integer}, {type: number}]}", "1"),
            ["/ oneOf: must match exactly one schema in oneOf"]
        );
        assert!(plain("{anyOf: [{type: integer}, {type: string}]}", "a").is_empty());
        assert_eq!(plain("{allOf: [{minimum: 2}, {maximum: 0}]}", "1").len(), 2);
        assert_eq!(
            plain(
                "{if: {minimum: 10}, then: {multipleOf: 5}, else: {maximum: 3}}",
                "12"
            )
            .len(),
            1
        );
        assert_eq!(
            plain(
                "{if: {minimum: 10}, then: {multipleOf: 5}, else: {maximum: 3}}",
                "4"
            )
            .len(),
            1
        );
        // A cycle of refs does not loop.
        assert!(plain("{definitions: {a: {$ref: '#/definitions/b'}, b: {$ref: '#/definitions/a'}}, $ref: '#/definitions/a'}", "1").is_empty());
    }

    #[test]
    fn unevaluated_properties_see_through_refs_and_applicators() {
        let s = r##"
$defs:
  ext: {patternProperties: {'^x-': true}}
type: object
properties: {a: true}
$ref: '#/$defs/ext'
if: {required: [b]}
then: {properties: {b: {type: string}}}
unevaluatedProperties: false
"##;
        assert!(plain(s, "{a: 1, x-y: 2, b: s}").is_empty());
        assert_eq!(
            plain(s, "{a: 1, c: 2}"),
            ["/c unevaluatedProperties: Property `c` is not expected to be here"]
        );
    }
}
