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
//!
//! The compiler is in `compile`; the checks are grouped by what they look at: `types`
//! (`type`, `enum`, `const`), `strings`, `numbers`, `arrays`, `objects`, `composition`
//! (the applicators over the whole instance) and `references` (`$ref`, `$dynamicRef` and
//! the [`Resolver`]s). Each group reports through one `Checking` so that the
//! collect-every-error and stop-at-the-first modes stay one code path.

mod arrays;
mod compile;
mod composition;
mod numbers;
mod objects;
mod references;
mod strings;
mod types;

use crate::tree::{Node, Span, Value};
use compile::{Compiled, RefSlot};
pub use references::TreeResolver;
pub(crate) use references::WorkspaceResolver;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::ops::ControlFlow;
use std::rc::Rc;

/// A document's number for a [`Resolver`] (for [`TreeResolver`], an index into its
/// documents; in a workspace, the file id). Schemas are compiled per (document, node).
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
    /// The schema keyword that failed (`required`, `oneOf`, `additionalProperties`, ...;
    /// `false` for the `false` schema).
    pub keyword: &'static str,
    /// What is wrong, in a sentence fragment for a person (`must match exactly one schema
    /// in oneOf`), without the path.
    pub message: String,
}

impl SchemaError<'_> {
    /// Where to report it: the member's key when the error is about the key, else the node.
    pub(crate) fn span(&self) -> Span {
        self.key_span.unwrap_or(self.node.span)
    }
}

/// A schema compiled by a [`Validator`] ([`Validator::compile`]); meaningful only to the
/// validator that returned it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SchemaId(u32);

/// A path token of the instance being validated.
#[derive(Clone, Copy)]
enum Tok<'i> {
    Key(&'i str),
    Index(usize),
}

/// Compiles schemas on demand and validates instances against them.
pub struct Validator<'a, R> {
    resolver: R,
    pub(crate) dialect: Dialect,
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
    /// A validator with nothing compiled yet, finding `$ref`s through `resolver` and reading
    /// schemas in `dialect`. Instances are not followed through `$ref`s (see
    /// [`Validator::follow_instance_refs`]).
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

    /// What the validator finds `$ref`s with (the documents it was given).
    pub(crate) fn resolver(&self) -> &R {
        &self.resolver
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

    /// Checks `inst` against sub-schema `s` in place (same path, same evaluation tracker:
    /// `allOf`, `$ref`, `if`/`then`/`else`, dependent schemas) and records the verdict in
    /// `cx`; breaks when that settles the answer.
    fn check_in_place<'i>(&mut self, s: SchemaId, inst: &'i Node, cx: &mut Checking<'_, 'i>) -> Flow
    where
        'a: 'i,
    {
        let valid = self.check(
            s,
            inst,
            cx.path,
            cx.errs.as_deref_mut(),
            cx.tracker.as_deref_mut(),
        );
        cx.sub(valid)
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

    /// Checks every keyword of `c`. Returns early only when a group decides alone: the
    /// first failure when nobody collects errors, a `$ref` that replaces its siblings, or
    /// a `null` that OpenAPI 3.0's `nullable` lets through.
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
        // Properties evaluated here, for `unevaluatedProperties`.
        let mut own_eval: Option<Vec<bool>> = match (&c.unevaluated, &inst.value) {
            (Some(_), Value::Object(o)) => Some(vec![false; o.len()]),
            _ => None,
        };
        let tracker = match own_eval.as_mut() {
            Some(v) => Some(v),
            None => eval.as_deref_mut(),
        };
        let mut cx = Checking {
            path: &mut *path,
            errs: errs.as_deref_mut(),
            tracker,
            ok: true,
        };
        if let ControlFlow::Break(valid) = self.check_evaluating(c, inst, &mut cx) {
            return valid;
        }
        let ok = cx.ok;
        let Some(evaluated) = own_eval else {
            return ok;
        };
        let mut cx = Checking {
            path,
            errs: errs.as_deref_mut(),
            tracker: None,
            ok,
        };
        if let ControlFlow::Break(valid) = self.check_unevaluated(c, inst, &evaluated, &mut cx) {
            return valid;
        }
        // Everything is evaluated by a schema with `unevaluatedProperties`.
        if let Some(outer) = eval.as_deref_mut() {
            outer.iter_mut().for_each(|b| *b = true);
        }
        cx.ok
    }

    /// Every keyword but `unevaluatedProperties`, which needs to know what these evaluated.
    fn check_evaluating<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        self.check_references(c, inst, cx)?;
        if self.dialect.nullable && c.nullable && inst.is_null() {
            return Flow::Break(cx.ok);
        }
        self.check_type_enum_const(c, inst, cx)?;
        match &inst.value {
            Value::String(s) => self.check_string(c, inst, s, cx)?,
            Value::Number(n) => {
                if let Some(x) = n.as_f64() {
                    self.check_number(c, inst, x, cx)?
                }
            }
            Value::Array(items) => self.check_array(c, inst, items, cx)?,
            Value::Object(o) => self.check_object(c, inst, o, cx)?,
            _ => {}
        }
        self.check_composition(c, inst, cx)
    }
}

/// How a keyword group ends: `Continue` to the next group, or `Break` with the answer.
type Flow = ControlFlow<bool>;

/// Checking one instance against one schema: where errors go, the path to the instance,
/// the members evaluated so far (for `unevaluatedProperties`), and whether a keyword has
/// failed yet.
struct Checking<'c, 'i> {
    path: &'c mut Vec<Tok<'i>>,
    /// `None` when only validity is asked: the first failure is the answer.
    errs: Option<&'c mut Vec<SchemaError<'i>>>,
    tracker: Option<&'c mut Vec<bool>>,
    ok: bool,
}

impl<'i> Checking<'_, 'i> {
    fn fast(&self) -> bool {
        self.errs.is_none()
    }

    /// A keyword failed for `node`. The message is only built when errors are collected.
    fn fail(
        &mut self,
        node: &'i Node,
        keyword: &'static str,
        message: impl FnOnce() -> String,
    ) -> Flow {
        self.ok = false;
        match self.errs.as_deref_mut() {
            Some(e) => {
                e.push(err(node, None, self.path, keyword, message()));
                Flow::Continue(())
            }
            None => Flow::Break(false),
        }
    }

    /// A keyword failed for a member (a duplicate item, a property that should not be
    /// there): the error's path ends at the member, and points at its key when given.
    fn fail_member(
        &mut self,
        node: &'i Node,
        key_span: Option<Span>,
        member: impl ToString,
        keyword: &'static str,
        message: impl FnOnce() -> String,
    ) -> Flow {
        self.ok = false;
        match self.errs.as_deref_mut() {
            Some(e) => {
                let mut x = err(node, key_span, self.path, keyword, message());
                x.path.push(member.to_string());
                e.push(x);
                Flow::Continue(())
            }
            None => Flow::Break(false),
        }
    }

    /// Takes in the verdict of a subschema (which reported its own errors).
    fn sub(&mut self, valid: bool) -> Flow {
        if !valid {
            self.ok = false;
            if self.fast() {
                return Flow::Break(false);
            }
        }
        Flow::Continue(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Limits, yaml};

    pub(super) fn n(text: &str) -> Node {
        yaml::parse(text, &Limits::default()).unwrap().root
    }

    pub(super) fn errors(
        schema: &str,
        instance: &str,
        dialect: Dialect,
        dir: Direction,
    ) -> Vec<String> {
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

    pub(super) fn plain(schema: &str, instance: &str) -> Vec<String> {
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
