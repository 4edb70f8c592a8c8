//! The schema compiler: a schema node becomes a [`Compiled`] record, once per node.
//!
//! Validation runs the same schemas against many instances (every example of a document,
//! every node under a meta-schema), so keywords are read, regexes built and subschemas
//! numbered once here, and the checks only look at typed fields. Each keyword group has
//! its own step, named after what it compiles, next to the checks of the same group in
//! the sibling files.

use super::{DocId, Resolver, SchemaId, Validator};
use crate::tree::{Node, Object, Value};
use regex::Regex;
use std::rc::Rc;
use thin_vec::ThinVec;

/// One schema with its keywords read; subschemas are [`SchemaId`]s into the validator.
#[derive(Default)]
pub(super) struct Compiled<'a> {
    /// A boolean schema (`true`/`false`), or anything that is not an object (allows all).
    pub(super) always: Option<bool>,
    pub(super) reference: Option<usize>,
    pub(super) dynamic_ref: Option<usize>,
    pub(super) types: u8,
    pub(super) nullable: bool,
    pub(super) enum_values: Option<&'a [Node]>,
    pub(super) const_value: Option<&'a Node>,
    pub(super) required: ThinVec<&'a str>,
    pub(super) properties: ThinVec<(&'a str, SchemaId)>,
    pub(super) pattern_properties: ThinVec<(Regex, SchemaId)>,
    pub(super) additional: Option<SchemaId>,
    pub(super) unevaluated: Option<SchemaId>,
    pub(super) property_names: Option<SchemaId>,
    pub(super) min_props: Option<u64>,
    pub(super) max_props: Option<u64>,
    pub(super) dependent_required: ThinVec<(&'a str, ThinVec<&'a str>)>,
    pub(super) dependent_schemas: ThinVec<(&'a str, SchemaId)>,
    pub(super) items: Option<SchemaId>,
    pub(super) prefix_items: ThinVec<SchemaId>,
    pub(super) contains: Option<SchemaId>,
    pub(super) min_contains: Option<u64>,
    pub(super) max_contains: Option<u64>,
    pub(super) min_items: Option<u64>,
    pub(super) max_items: Option<u64>,
    pub(super) unique: bool,
    pub(super) min_len: Option<u64>,
    pub(super) max_len: Option<u64>,
    pub(super) pattern: Option<(Regex, &'a str)>,
    pub(super) format: Option<&'a str>,
    pub(super) minimum: Option<f64>,
    pub(super) maximum: Option<f64>,
    pub(super) excl_min: Option<f64>,
    pub(super) excl_max: Option<f64>,
    pub(super) multiple_of: Option<f64>,
    pub(super) all_of: ThinVec<SchemaId>,
    pub(super) any_of: ThinVec<SchemaId>,
    pub(super) one_of: ThinVec<SchemaId>,
    pub(super) not: Option<SchemaId>,
    pub(super) if_: Option<SchemaId>,
    pub(super) then_: Option<SchemaId>,
    pub(super) else_: Option<SchemaId>,
    pub(super) read_only: bool,
    pub(super) write_only: bool,
}

/// A `$ref` or `$dynamicRef` as written, resolved the first time a check follows it (a
/// schema may reference what is compiled later, or itself).
pub(super) struct RefSlot<'a> {
    pub(super) doc: DocId,
    pub(super) text: &'a str,
    pub(super) dynamic: bool,
    /// `None` until first followed; `Some(None)` when it leads nowhere.
    pub(super) target: Option<Option<SchemaId>>,
}

pub(super) const NULL: u8 = 1;
pub(super) const BOOLEAN: u8 = 2;
pub(super) const OBJECT: u8 = 4;
pub(super) const ARRAY: u8 = 8;
pub(super) const NUMBER: u8 = 16;
pub(super) const INTEGER: u8 = 32;
pub(super) const STRING: u8 = 64;
pub(super) const TYPE_NAMES: [(&str, u8); 7] = [
    ("null", NULL),
    ("boolean", BOOLEAN),
    ("object", OBJECT),
    ("array", ARRAY),
    ("number", NUMBER),
    ("integer", INTEGER),
    ("string", STRING),
];

fn num(n: &Node) -> Option<f64> {
    n.as_number().and_then(|x| x.as_f64())
}

fn uint(n: &Node) -> Option<u64> {
    n.as_number().and_then(|x| x.as_u64())
}

fn names(n: &Node) -> ThinVec<&str> {
    n.as_array()
        .map(|a| a.iter().filter_map(Node::as_str).collect())
        .unwrap_or_default()
}

impl<'a, R: Resolver<'a>> Validator<'a, R> {
    /// The schema written at `node` of document `doc`.
    pub fn compile(&mut self, doc: DocId, node: &'a Node) -> SchemaId {
        if let Some(&id) = self.memo.get(&(doc, node as *const Node)) {
            return id;
        }
        let id = SchemaId(self.schemas.len() as u32);
        // Registered before building, so a schema that reaches itself gets this id.
        self.schemas.push(Rc::new(Compiled::default()));
        self.memo.insert((doc, node as *const Node), id);
        let c = self.build(doc, node);
        self.schemas[id.0 as usize] = Rc::new(c);
        id
    }

    pub(super) fn regex(&mut self, pattern: &'a str) -> Option<Regex> {
        self.regexes
            .entry(pattern)
            .or_insert_with(|| crate::lint::util::js_regex(pattern, "").ok())
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
        // Entry by entry, in the order written: subschemas are numbered in that order, and
        // a numeric `exclusiveMinimum` only replaces what came before it.
        for e in &obj.entries {
            let (key, v) = (e.key.as_str(), &e.value);
            self.build_references(doc, &mut c, key, v);
            build_value_keywords(&mut c, key, v);
            self.build_string_keywords(&mut c, key, v);
            build_number_keywords(obj, &mut c, key, v);
            self.build_array_keywords(doc, obj, &mut c, key, v);
            self.build_object_keywords(doc, &mut c, key, v);
            self.build_composition(doc, &mut c, key, v);
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

    fn list(&mut self, doc: DocId, n: &'a Node) -> ThinVec<SchemaId> {
        n.as_array()
            .map(|items| items.iter().map(|i| self.compile(doc, i)).collect())
            .unwrap_or_default()
    }

    fn build_references(&mut self, doc: DocId, c: &mut Compiled<'a>, key: &str, v: &'a Node) {
        let dynamic = match key {
            "$ref" => false,
            "$dynamicRef" | "$recursiveRef" => true,
            _ => return,
        };
        let Some(text) = v.as_str() else { return };
        self.refs.push(RefSlot {
            doc,
            text,
            dynamic,
            target: None,
        });
        let slot = Some(self.refs.len() - 1);
        if dynamic {
            c.dynamic_ref = slot;
        } else {
            c.reference = slot;
        }
    }

    fn build_string_keywords(&mut self, c: &mut Compiled<'a>, key: &str, v: &'a Node) {
        match key {
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
            _ => {}
        }
    }

    fn build_array_keywords(
        &mut self,
        doc: DocId,
        obj: &Object,
        c: &mut Compiled<'a>,
        key: &str,
        v: &'a Node,
    ) {
        match key {
            "items" => {
                if v.as_array().is_some() {
                    c.prefix_items = self.list(doc, v);
                } else {
                    c.items = Some(self.compile(doc, v));
                }
            }
            "prefixItems" => c.prefix_items = self.list(doc, v),
            // Draft-04 to 2019-09: the items after a tuple of `items`.
            "additionalItems" if obj.get("items").is_some_and(|i| i.as_array().is_some()) => {
                c.items = Some(self.compile(doc, v));
            }
            "contains" => c.contains = Some(self.compile(doc, v)),
            "minContains" => c.min_contains = uint(v),
            "maxContains" => c.max_contains = uint(v),
            "minItems" => c.min_items = uint(v),
            "maxItems" => c.max_items = uint(v),
            "uniqueItems" => c.unique = v.as_bool() == Some(true),
            _ => {}
        }
    }

    fn build_object_keywords(&mut self, doc: DocId, c: &mut Compiled<'a>, key: &str, v: &'a Node) {
        match key {
            "required" => c.required = names(v),
            "properties" => {
                if let Some(o) = v.as_object() {
                    c.properties = o
                        .entries
                        .iter()
                        .map(|p| (p.key.as_str(), self.compile(doc, &p.value)))
                        .collect();
                }
            }
            "patternProperties" => {
                if let Some(o) = v.as_object() {
                    for p in &o.entries {
                        if let Some(re) = self.regex(&p.key) {
                            let id = self.compile(doc, &p.value);
                            c.pattern_properties.push((re, id));
                        }
                    }
                }
            }
            "additionalProperties" => c.additional = Some(self.compile(doc, v)),
            "unevaluatedProperties" => c.unevaluated = Some(self.compile(doc, v)),
            "propertyNames" => c.property_names = Some(self.compile(doc, v)),
            "minProperties" => c.min_props = uint(v),
            "maxProperties" => c.max_props = uint(v),
            "dependentRequired" => {
                if let Some(o) = v.as_object() {
                    for d in &o.entries {
                        c.dependent_required.push((d.key.as_str(), names(&d.value)));
                    }
                }
            }
            // Draft-04 `dependencies` holds both forms: a list of names or a schema.
            "dependentSchemas" | "dependencies" => {
                if let Some(o) = v.as_object() {
                    for d in &o.entries {
                        if d.value.as_array().is_some() {
                            c.dependent_required.push((d.key.as_str(), names(&d.value)));
                        } else {
                            let id = self.compile(doc, &d.value);
                            c.dependent_schemas.push((d.key.as_str(), id));
                        }
                    }
                }
            }
            "readOnly" => c.read_only = v.as_bool() == Some(true),
            "writeOnly" => c.write_only = v.as_bool() == Some(true),
            _ => {}
        }
    }

    fn build_composition(&mut self, doc: DocId, c: &mut Compiled<'a>, key: &str, v: &'a Node) {
        match key {
            "allOf" => c.all_of = self.list(doc, v),
            "anyOf" => c.any_of = self.list(doc, v),
            "oneOf" => c.one_of = self.list(doc, v),
            "not" => c.not = Some(self.compile(doc, v)),
            "if" => c.if_ = Some(self.compile(doc, v)),
            "then" => c.then_ = Some(self.compile(doc, v)),
            "else" => c.else_ = Some(self.compile(doc, v)),
            _ => {}
        }
    }
}

fn build_value_keywords<'a>(c: &mut Compiled<'a>, key: &str, v: &'a Node) {
    match key {
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
                Value::Array(items) => items.iter().filter_map(Node::as_str).for_each(&mut add),
                _ => {}
            }
        }
        "nullable" => c.nullable = v.as_bool() == Some(true),
        "enum" => c.enum_values = v.as_array(),
        "const" => c.const_value = Some(v),
        _ => {}
    }
}

fn build_number_keywords(obj: &Object, c: &mut Compiled<'_>, key: &str, v: &Node) {
    match key {
        "minimum" => c.minimum = num(v),
        "maximum" => c.maximum = num(v),
        // Draft-04's boolean form borrows the bound of `minimum`; the numeric form is the
        // bound itself.
        "exclusiveMinimum" => match &v.value {
            Value::Bool(true) => c.excl_min = obj.get("minimum").and_then(num),
            _ => c.excl_min = num(v).or(c.excl_min),
        },
        "exclusiveMaximum" => match &v.value {
            Value::Bool(true) => c.excl_max = obj.get("maximum").and_then(num),
            _ => c.excl_max = num(v).or(c.excl_max),
        },
        "multipleOf" => c.multiple_of = num(v).filter(|m| *m > 0.0),
        _ => {}
    }
}
