//! Schema nodes into the arena. Each distinct schema node gets one id; a plain `$ref` is the
//! id of its target. Building uses a work list instead of recursion, so neither deep
//! nesting nor long `$ref` chains can overflow the stack.

use super::names::{Naming, SectionNames, Target};
use super::reader::{At, Reader};
use super::schema::{
    AdditionalProperties, Bound, Discriminator, Num, Schema, SchemaArena, SchemaId, TypeSet,
};
use super::{Origin, ValueDigest};
use crate::load::{FileId, SpecFamily};
use crate::tree::{Node, Value};
use rustc_hash::FxHashMap as HashMap;
use thin_vec::ThinVec;

pub(super) struct SchemaBuilder<'w> {
    pub arena: SchemaArena,
    /// Schema node (file, span start, span end) -> id.
    ids: HashMap<(FileId, u32, u32), SchemaId>,
    /// Schemas allocated but not yet filled in.
    pending: Vec<(SchemaId, At<'w>, Mode)>,
    /// Plain `$ref` node (file, span start) -> the schema its chain ends at, so that each
    /// hop of a long chain is followed once, not once per reference that enters it.
    chain_ends: HashMap<(FileId, u32), SchemaId>,
    /// The names of the schemas: the root's components, and every target of a `$ref` into
    /// another file (see [`super::names`]).
    pub names: SectionNames,
    /// The schemas named after a `$ref` into another file, in the order they were named.
    pub external: Vec<(String, SchemaId)>,
}

/// What a node is being read as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Schema,
    /// A Swagger 2.0 non-body parameter, header or items object: schema keywords written
    /// on the parameter itself, beside `name`, `in`, `required` and `description`.
    Swagger2Parameter,
    /// The `items` of such a parameter: the same keywords, but its `x-` members are its own.
    Swagger2Items,
}

impl<'w> SchemaBuilder<'w> {
    pub fn new() -> SchemaBuilder<'w> {
        SchemaBuilder {
            arena: SchemaArena::default(),
            ids: HashMap::default(),
            pending: Vec::new(),
            chain_ends: HashMap::default(),
            names: SectionNames::default(),
            external: Vec::new(),
        }
    }

    /// The id of the schema at `at` (following plain `$ref`s), allocating it if new. The
    /// schema is filled in by [`SchemaBuilder::finish`].
    pub fn schema(&mut self, r: &Reader<'w>, at: At<'w>) -> SchemaId {
        self.intern(r, at, Mode::Schema)
    }

    /// A schema made of the schema keywords of a Swagger 2.0 parameter or header object.
    pub fn swagger2_parameter_schema(&mut self, r: &Reader<'w>, at: At<'w>) -> SchemaId {
        self.intern(r, at, Mode::Swagger2Parameter)
    }

    fn intern(&mut self, r: &Reader<'w>, mut at: At<'w>, mode: Mode) -> SchemaId {
        let mut chain = super::reader::RefChain::default();
        // A schema in another file than the root has no component name in the root document;
        // it is named after the reference (as the bundler names it), so that it matches
        // across versions, and against a bundle, like a component.
        let mut external_name: Option<String> = None;
        let mut hops = Hops::default();
        while mode == Mode::Schema && is_plain_ref(r.family, at.node) {
            if let Some(&end) = self.chain_ends.get(&(at.file, at.node.span.start)) {
                return self.end_chain(hops, end);
            }
            hops.refs.push((at.file, at.node.span.start));
            let reference = at
                .node
                .get("$ref")
                .and_then(Node::as_str)
                .unwrap_or_default();
            match r.resolve(at.file, reference).ok_or(()) {
                Ok(target) if chain.visit(at) => {
                    if let Some(name) = self.name_target(r, target.file, reference, &mut hops) {
                        external_name.get_or_insert(name);
                    }
                    at = target;
                }
                Ok(_) => {
                    r.problem(at, format!("`$ref: {reference}` is part of a loop of references that never reaches a schema"));
                    let end = self.unresolved(at, reference);
                    return self.end_chain(hops, end);
                }
                // The loader has reported it; the model keeps a placeholder.
                Err(_) => {
                    let end = self.unresolved(at, reference);
                    return self.end_chain(hops, end);
                }
            }
        }
        let key = (at.file, at.node.span.start, at.node.span.end);
        if let Some(&id) = self.ids.get(&key) {
            return self.end_chain(hops, id);
        }
        let id = self.arena.push(Schema {
            name: external_name.map(Into::into),
            origin: Origin {
                file: at.file,
                span: at.node.span,
            },
            ..Schema::default()
        });
        self.ids.insert(key, id);
        self.pending.push((id, at, mode));
        self.end_chain(hops, id)
    }

    /// Names the target of `reference` when it is in another file than the root (the root's
    /// components are named by their keys, `set_name`); a name given for the first time is
    /// noted in `hops`, to be listed with the schema the chain ends at.
    fn name_target(
        &mut self,
        r: &Reader<'w>,
        file: FileId,
        reference: &str,
        hops: &mut Hops,
    ) -> Option<String> {
        if file == 0 {
            return None;
        }
        let target = Target::new(file, reference);
        match self.names.name(r.ws, &target, "schemas") {
            Naming::New { name, .. } => {
                hops.fresh.push(name.clone());
                Some(name)
            }
            Naming::Known(name) | Naming::Shared(name) => Some(name),
        }
    }

    /// Remembers where the chain of `$ref` nodes ends, and lists the names it gave.
    fn end_chain(&mut self, hops: Hops, end: SchemaId) -> SchemaId {
        for hop in hops.refs {
            self.chain_ends.insert(hop, end);
        }
        self.external
            .extend(hops.fresh.into_iter().map(|name| (name, end)));
        end
    }

    fn unresolved(&mut self, at: At<'w>, reference: &str) -> SchemaId {
        let key = (at.file, at.node.span.start, at.node.span.end);
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let mut schema = Schema {
            origin: Origin {
                file: at.file,
                span: at.node.span,
            },
            ..Schema::default()
        };
        schema.extra_mut().unresolved_ref = Some(reference.into());
        let id = self.arena.push(schema);
        self.ids.insert(key, id);
        id
    }

    /// Fills in every allocated schema, including those discovered while filling.
    pub fn finish(&mut self, r: &Reader<'w>) {
        while let Some((id, at, mode)) = self.pending.pop() {
            let schema = self.fill(r, at, mode);
            let slot = self.arena.get_mut(id);
            let origin = slot.origin;
            let name = slot.name.take();
            *slot = schema;
            slot.origin = origin;
            slot.name = name;
        }
    }

    /// Names the component schemas (the first name wins when two names alias one schema).
    pub fn set_name(&mut self, id: SchemaId, name: &str) {
        let slot = self.arena.get_mut(id);
        if slot.name.is_none() && slot.extra_mut().unresolved_ref.is_none() {
            slot.name = Some(name.into());
        }
    }

    fn fill(&mut self, r: &Reader<'w>, at: At<'w>, mode: Mode) -> Schema {
        let mut s = Schema::default();
        let obj = match &at.node.value {
            Value::Object(obj) => obj,
            Value::Bool(true) => return s,
            Value::Bool(false) => {
                s.never = true;
                return s;
            }
            _ => {
                r.problem(
                    at,
                    format!("expected a schema (an object), found {}", at.node.kind()),
                );
                return s;
            }
        };
        let mut deferred = Deferred::default();
        for entry in &obj.entries {
            let key = entry.key.as_str();
            if !is_schema_keyword(mode, key) {
                continue;
            }
            let child = At {
                file: at.file,
                node: &entry.value,
            };
            let known = read_value_keyword(r, &mut s, &mut deferred, key, child)
                || read_limit(r, &mut s, key, child)
                || self.read_subschema_keyword(r, &mut s, key, child, mode);
            if !known {
                keep_unknown(&mut s, key, child.node);
            }
        }
        deferred.apply(&mut s);
        if let Some(d) = obj.get("discriminator") {
            self.resolve_mapping(r, at.file, d, &mut s);
        }
        s
    }

    /// The schema each `discriminator.mapping` value (and `defaultMapping`) names: a
    /// reference (`#/components/schemas/Cat`, `cat.yaml`) or a component name (`Cat`), so
    /// that mappings compare by what they name, not by how it is written.
    fn resolve_mapping(&mut self, r: &Reader<'w>, file: FileId, node: &'w Node, s: &mut Schema) {
        let Some(d) = s.discriminator.as_deref_mut() else {
            return;
        };
        // Parallel to `d.mapping`, which keeps the values that are text.
        let values: Vec<Option<&'w str>> = node
            .get("mapping")
            .and_then(Node::as_object)
            .map(|m| {
                m.iter()
                    .filter(|(_, v)| text(v).is_some())
                    .map(|(_, v)| v.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let targets = values
            .into_iter()
            .map(|value| value.and_then(|v| self.mapping_target(r, file, v)))
            .collect();
        d.default_target = node
            .get("defaultMapping")
            .and_then(Node::as_str)
            .and_then(|v| self.mapping_target(r, file, v));
        d.targets = targets;
    }

    fn mapping_target(&mut self, r: &Reader<'w>, file: FileId, value: &'w str) -> Option<SchemaId> {
        if !is_mapping_reference(value) {
            let section = match r.family {
                SpecFamily::Swagger2 => "/definitions",
                _ => "/components/schemas",
            };
            let mut pointer = section.to_string();
            crate::tree::pointer::push(&mut pointer, value);
            let node = crate::tree::pointer::lookup(r.ws.root(), &pointer).ok()?;
            return Some(self.schema(r, At { file: 0, node }));
        }
        let target = r.resolve(file, value)?;
        let mut hops = Hops::default();
        self.name_target(r, target.file, value, &mut hops);
        let id = self.schema(r, target);
        Some(self.end_chain(hops, id))
    }

    /// Keywords whose value is one or more schemas; whether `key` was one.
    fn read_subschema_keyword(
        &mut self,
        r: &Reader<'w>,
        s: &mut Schema,
        key: &str,
        child: At<'w>,
        mode: Mode,
    ) -> bool {
        let (v, at) = (child.node, child);
        match key {
            "$ref" => {
                // Only reached with siblings in 3.1+, or beside a 3.0 `nullable: true`
                // (plain refs were followed above; see `is_plain_ref`).
                if let Some(reference) = v.as_str() {
                    s.reference = Some(match r.resolve(at.file, reference) {
                        Some(target) => self.schema(r, target),
                        None => self.unresolved(child, reference),
                    });
                }
            }
            "items" => match v.as_array() {
                // Draft-4 tuple form: the same meaning as 2020-12 `prefixItems`.
                Some(items) => s.extra_mut().prefix_items = self.schema_list(r, at.file, items),
                None if mode != Mode::Schema => {
                    s.items = Some(self.intern(r, child, Mode::Swagger2Items))
                }
                None => s.items = Some(self.schema(r, child)),
            },
            "prefixItems" => {
                s.extra_mut().prefix_items =
                    self.schema_list(r, at.file, v.as_array().unwrap_or_default())
            }
            "contains" => s.extra_mut().contains = Some(self.schema(r, child)),
            "propertyNames" => s.extra_mut().property_names = Some(self.schema(r, child)),
            "not" => s.extra_mut().not = Some(self.schema(r, child)),
            "if" => s.extra_mut().if_schema = Some(self.schema(r, child)),
            "then" => s.extra_mut().then_schema = Some(self.schema(r, child)),
            "else" => s.extra_mut().else_schema = Some(self.schema(r, child)),
            "properties" => {
                // Multi-file specs sometimes `$ref` the whole map.
                let map = r.deref(child);
                if let Some(map) = map
                    && let Some(props) = map.node.as_object()
                {
                    for e in &props.entries {
                        let id = self.schema(
                            r,
                            At {
                                file: map.file,
                                node: &e.value,
                            },
                        );
                        s.properties.push((e.key.to_string(), id));
                        s.property_origins.push(Origin {
                            file: map.file,
                            span: e.key_span,
                        });
                    }
                }
            }
            "patternProperties" => s.extra_mut().pattern_properties = self.schema_map(r, child),
            "dependentSchemas" => s.extra_mut().dependent_schemas = self.schema_map(r, child),
            "additionalProperties" => s.additional_properties = Some(self.bool_or_schema(r, child)),
            "unevaluatedProperties" => {
                s.extra_mut().unevaluated_properties = Some(self.bool_or_schema(r, child))
            }
            "unevaluatedItems" => {
                s.extra_mut().unevaluated_items = Some(self.bool_or_schema(r, child))
            }
            "allOf" => s.all_of = self.schema_list(r, at.file, v.as_array().unwrap_or_default()),
            // An empty list is no union: unsatisfiable by the letter, but documents
            // (discord's) write `oneOf: []` for "no alternatives listed", not "nothing
            // is valid", so alternatives added later make it `became-one-of`.
            "oneOf" => s.one_of = self.schema_list(r, at.file, v.as_array().unwrap_or_default()),
            "anyOf" => s.any_of = self.schema_list(r, at.file, v.as_array().unwrap_or_default()),
            _ => return false,
        }
        true
    }

    fn schema_list<List: FromIterator<SchemaId>>(
        &mut self,
        r: &Reader<'w>,
        file: FileId,
        items: &'w [Node],
    ) -> List {
        items
            .iter()
            .map(|node| self.schema(r, At { file, node }))
            .collect()
    }

    fn schema_map(&mut self, r: &Reader<'w>, at: At<'w>) -> ThinVec<(String, SchemaId)> {
        let Some(at) = r.deref(at) else {
            return ThinVec::new();
        };
        match at.node.as_object() {
            Some(obj) => obj
                .entries
                .iter()
                .map(|e| {
                    (
                        e.key.to_string(),
                        self.schema(
                            r,
                            At {
                                file: at.file,
                                node: &e.value,
                            },
                        ),
                    )
                })
                .collect(),
            None => ThinVec::new(),
        }
    }

    fn bool_or_schema(&mut self, r: &Reader<'w>, at: At<'w>) -> AdditionalProperties {
        match at.node.as_bool() {
            Some(b) => AdditionalProperties::Allowed(b),
            // `{}` allows anything, exactly as `true` does.
            None if at.node.as_object().is_some_and(|o| o.is_empty()) => {
                AdditionalProperties::Allowed(true)
            }
            None => AdditionalProperties::Schema(self.schema(r, at)),
        }
    }
}

/// A `$ref` that stands for its target alone: in 2.0 and 3.0 (siblings are ignored there),
/// except a 3.0 `$ref` beside `nullable: true`, and in 3.1+ when nothing but `$ref` sits
/// beside it.
///
/// 3.0 `{$ref: X, nullable: true}` is read as a nullable X, as 3.1 reads the same text. The
/// 3.0 text says siblings of `$ref` are ignored, but documents (and the generators that
/// write them: NSwag, openapi-generator, the OpenAI and Stripe specs) write exactly this to
/// mean "X or null", and most tools read it so; reading it strictly would make a
/// byte-identical property "become nullable" when a document moves from 3.0 to 3.1.
fn is_plain_ref(family: SpecFamily, node: &Node) -> bool {
    let Some(obj) = node.as_object() else {
        return false;
    };
    if obj.get("$ref").is_none_or(|r| r.as_str().is_none()) {
        return false;
    }
    match family {
        SpecFamily::Swagger2 => true,
        SpecFamily::OpenApi30 => !nullable_beside_ref(obj),
        _ => obj.len() == 1,
    }
}

/// `nullable: true` written beside a 3.0 `$ref` (see [`is_plain_ref`]).
fn nullable_beside_ref(obj: &crate::tree::Object) -> bool {
    obj.get("nullable").and_then(Node::as_bool) == Some(true)
}

fn type_set(v: &Node) -> Option<TypeSet> {
    match &v.value {
        Value::String(name) => TypeSet::from_name(name),
        Value::Array(names) => {
            let mut set = TypeSet::empty();
            for n in names {
                set.insert(TypeSet::from_name(n.as_str()?)?);
            }
            Some(set)
        }
        _ => None,
    }
}

/// A Swagger 2.0 parameter's own fields, and its `x-` members (they belong to the parameter,
/// as they would in 3.0), are not schema keywords.
fn is_schema_keyword(mode: Mode, key: &str) -> bool {
    if mode == Mode::Swagger2Items && key == "collectionFormat" {
        return false;
    }
    !(mode == Mode::Swagger2Parameter
        && (key.starts_with("x-")
            || matches!(
                key,
                "name"
                    | "in"
                    | "required"
                    | "description"
                    | "allowEmptyValue"
                    | "collectionFormat"
                    | "schema"
            )))
}

/// What is applied only after every keyword is read: 3.0's `nullable` and 2.0/3.0's boolean
/// `exclusiveMinimum`/`exclusiveMaximum` qualify keywords that may come later in the object.
#[derive(Default)]
struct Deferred<'n> {
    nullable: bool,
    exclusive_min: Option<&'n Node>,
    exclusive_max: Option<&'n Node>,
}

impl Deferred<'_> {
    fn apply(self, s: &mut Schema) {
        // Bounds: 2.0/3.0 write `exclusiveMinimum: true` beside `minimum`; 3.1 writes the
        // bound itself. Both become one bound; with both 3.1 forms the stricter one holds.
        let minimum = fold_bound(s.limits().minimum, self.exclusive_min, |ex, incl| {
            ex >= incl
        });
        let maximum = fold_bound(s.limits().maximum, self.exclusive_max, |ex, incl| {
            ex <= incl
        });
        if minimum.is_some() || maximum.is_some() {
            let limits = s.limits_mut();
            (limits.minimum, limits.maximum) = (minimum, maximum);
        }
        if self.nullable {
            match s.types.as_mut() {
                Some(types) => types.insert(TypeSet::NULL),
                None => s.nullable = true,
            }
        }
    }
}

/// Keywords read as written, without sub-schemas: types, documentation, values, flags,
/// `required` and `discriminator`; whether `key` was one.
fn read_value_keyword<'n>(
    r: &Reader<'_>,
    s: &mut Schema,
    deferred: &mut Deferred<'n>,
    key: &str,
    child: At<'n>,
) -> bool {
    let v = child.node;
    match key {
        "type" => s.types = type_set(v).or_else(|| keep_other(s, key, v)),
        "nullable" => deferred.nullable = v.as_bool().unwrap_or(false),
        "format" => s.format = text(v).map(Into::into),
        "title" => s.title = text(v).map(Into::into),
        "description" => s.description = text(v).map(Into::into),
        "pattern" => {
            if let Some(pattern) = text(v) {
                s.limits_mut().pattern = Some(pattern);
            }
        }
        "contentMediaType" => s.extra_mut().content_media_type = text(v),
        "contentEncoding" => s.extra_mut().content_encoding = text(v),
        "default" => s.extra_mut().default = Some(v.to_json()),
        "const" => s.extra_mut().const_value = Some(v.to_json()),
        "example" => s.examples.insert(0, ValueDigest::of(v)),
        "examples" => match v.as_array() {
            Some(items) => s.examples.extend(items.iter().map(ValueDigest::of)),
            None => s.examples.push(ValueDigest::of(v)),
        },
        "enum" => {
            s.enum_values = v
                .as_array()
                .map(|items| items.iter().map(Node::to_json).collect())
        }
        "deprecated" => s.deprecated = v.as_bool().unwrap_or(false),
        "readOnly" => s.read_only = v.as_bool().unwrap_or(false),
        "writeOnly" => s.write_only = v.as_bool().unwrap_or(false),
        "uniqueItems" => {
            if v.as_bool() == Some(true) {
                s.limits_mut().unique_items = true;
            }
        }
        "exclusiveMinimum" => deferred.exclusive_min = Some(v),
        "exclusiveMaximum" => deferred.exclusive_max = Some(v),
        "required" => match v.as_array() {
            Some(items) => {
                let mut names: ThinVec<String> = items
                    .iter()
                    .filter_map(|n| n.as_str().map(str::to_string))
                    .collect();
                names.sort();
                names.dedup();
                s.required = names;
            }
            None => keep_other(s, key, v).unwrap_or_default(),
        },
        "dependentRequired" => {
            if let Some(deps) = v.as_object() {
                s.extra_mut().dependent_required = deps
                    .iter()
                    .map(|(k, names)| {
                        let mut names: Vec<String> = names
                            .as_array()
                            .unwrap_or_default()
                            .iter()
                            .filter_map(|n| n.as_str().map(str::to_string))
                            .collect();
                        names.sort();
                        (k.to_string(), names)
                    })
                    .collect();
            }
        }
        "discriminator" => s.discriminator = discriminator(v).map(Box::new),
        // Swagger 2.0 has no `nullable`; `x-nullable` is how its tools (go-swagger,
        // NSwag, Kiota) spell it, and a 3.0 rewrite turns it into `nullable`.
        "x-nullable" if r.family == SpecFamily::Swagger2 => {
            deferred.nullable = v.as_bool().unwrap_or(false)
        }
        _ => return false,
    }
    true
}

/// Numeric bounds, lengths, counts and `multipleOf`: an invalid value is reported and kept
/// as written; whether `key` was one.
fn read_limit(r: &Reader<'_>, s: &mut Schema, key: &str, child: At<'_>) -> bool {
    let v = child.node;
    match key {
        "multipleOf" => {
            s.extra_mut().multiple_of = number(v)
                .filter(|n| n.as_f64() > 0.0)
                .or_else(|| invalid(r, child, s, key, v, "a number above 0"))
        }
        "minimum" => {
            s.limits_mut().minimum = number(v)
                .or_else(|| invalid(r, child, s, key, v, "a number"))
                .map(|value| Bound {
                    value,
                    exclusive: false,
                })
        }
        "maximum" => {
            s.limits_mut().maximum = number(v)
                .or_else(|| invalid(r, child, s, key, v, "a number"))
                .map(|value| Bound {
                    value,
                    exclusive: false,
                })
        }
        "minLength" => {
            s.limits_mut().min_length =
                count(v).or_else(|| invalid(r, child, s, key, v, "a non-negative integer"))
        }
        "maxLength" => {
            s.limits_mut().max_length =
                count(v).or_else(|| invalid(r, child, s, key, v, "a non-negative integer"))
        }
        "minItems" => {
            s.limits_mut().min_items =
                count(v).or_else(|| invalid(r, child, s, key, v, "a non-negative integer"))
        }
        "maxItems" => {
            s.limits_mut().max_items =
                count(v).or_else(|| invalid(r, child, s, key, v, "a non-negative integer"))
        }
        "minProperties" => {
            s.extra_mut().min_properties =
                count(v).or_else(|| invalid(r, child, s, key, v, "a non-negative integer"))
        }
        "maxProperties" => {
            s.extra_mut().max_properties =
                count(v).or_else(|| invalid(r, child, s, key, v, "a non-negative integer"))
        }
        "minContains" => {
            s.extra_mut().min_contains =
                count(v).or_else(|| invalid(r, child, s, key, v, "a non-negative integer"))
        }
        "maxContains" => {
            s.extra_mut().max_contains =
                count(v).or_else(|| invalid(r, child, s, key, v, "a non-negative integer"))
        }
        _ => return false,
    }
    true
}

/// Any other keyword: an `x-` extension, or one the model does not name, kept as written.
fn keep_unknown(s: &mut Schema, key: &str, v: &Node) {
    if key.starts_with("x-") {
        s.extensions.push((key.to_string(), v.to_json()));
    } else {
        s.extra_mut().other.push((key.to_string(), v.to_json()));
    }
}

/// Keeps a keyword whose value the model cannot read (`type: foo`) rather than dropping it.
fn keep_other<T>(s: &mut Schema, key: &str, v: &Node) -> Option<T> {
    s.extra_mut().other.push((key.to_string(), v.to_json()));
    None
}

/// A keyword whose value is not of its kind (`maxLength: -1`, `maximum: "5"`): reported
/// where it is, and kept in `other` so that the diff compares it as written instead of
/// reading it as the keyword removed.
fn invalid<T>(
    r: &Reader<'_>,
    at: At<'_>,
    s: &mut Schema,
    key: &str,
    v: &Node,
    kind: &str,
) -> Option<T> {
    r.problem(
        at,
        format!(
            "`{key}` must be {kind}; `{}` is not, so the keyword is ignored",
            v.scalar_text().unwrap_or_else(|| v.kind().into())
        ),
    );
    keep_other(s, key, v)
}

fn text(v: &Node) -> Option<String> {
    v.scalar_text().map(|t| t.into_owned())
}

fn number(v: &Node) -> Option<Num> {
    v.as_number().and_then(|n| Num::parse(n.raw()))
}

fn count(v: &Node) -> Option<u64> {
    v.as_number().and_then(|n| n.as_u64())
}

fn fold_bound(
    inclusive: Option<Bound>,
    exclusive: Option<&Node>,
    stricter: fn(Num, Num) -> bool,
) -> Option<Bound> {
    match exclusive.map(|n| &n.value) {
        Some(Value::Bool(true)) => inclusive.map(|b| Bound {
            exclusive: true,
            ..b
        }),
        Some(Value::Number(n)) => {
            let ex = Num::parse(n.raw())?;
            match inclusive {
                Some(b) if !stricter(ex, b.value) => Some(b),
                _ => Some(Bound {
                    value: ex,
                    exclusive: true,
                }),
            }
        }
        _ => inclusive,
    }
}

/// Whether a `discriminator.mapping` value is a reference rather than a component name: it
/// holds `#` or `/`, or names a YAML or JSON file (as the bundler reads it).
pub(crate) fn is_mapping_reference(value: &str) -> bool {
    value.contains(['#', '/'])
        || [".yaml", ".yml", ".json"]
            .iter()
            .any(|e| value.ends_with(e))
}

/// The `$ref` nodes of one chain of references, and the names it gave for the first time.
#[derive(Default)]
struct Hops {
    refs: Vec<(FileId, u32)>,
    fresh: Vec<String>,
}

fn discriminator(v: &Node) -> Option<Discriminator> {
    // Swagger 2.0 writes the property name alone.
    if let Some(name) = v.as_str() {
        return Some(Discriminator {
            property_name: name.to_string(),
            mapping: Vec::new(),
            default_mapping: None,
            targets: Vec::new(),
            default_target: None,
        });
    }
    let obj = v.as_object()?;
    Some(Discriminator {
        property_name: obj.get("propertyName").and_then(text).unwrap_or_default(),
        mapping: obj
            .get("mapping")
            .and_then(Node::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, t)| Some((k.to_string(), text(t)?)))
                    .collect()
            })
            .unwrap_or_default(),
        default_mapping: obj.get("defaultMapping").and_then(text),
        targets: Vec::new(),
        default_target: None,
    })
}
