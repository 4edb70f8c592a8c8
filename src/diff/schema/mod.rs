//! Schema comparison. Every (base schema, revision schema) pair that the API reaches is
//! compared once: its own facts are recorded on the pair, and the pairs of its sub-schemas
//! (properties, items, branches, ...) become edges. The cost therefore grows with the number
//! of distinct schema pairs, never with the number of paths that reach them; cycles are
//! edges back to a pair already seen. Whether a fact breaks a client is decided later, per
//! context (request or response), by the classifier.
//!
//! Schemas are compared by what they mean on the wire: `allOf` parts are merged into one
//! view first, so moving a property between parts, wrapping a schema in a one-element
//! `allOf` or moving an inline schema into a component changes nothing.
//!
//! `fill` walks one pair through the keyword groups, each in its own file: `types` (type,
//! nullability, format), `values` (enum, const), `limits` (bounds, lengths, counts,
//! multipleOf, pattern), `annotations` (documentation, default, flags, extensions),
//! `content` (what a string holds), `objects`, `arrays`, `composition` (oneOf/anyOf, not,
//! if/then/else), `discriminator`. `wrappers` comes first: a pair whose schema only wraps
//! another (a nullable wrapper, an annotated `$ref`, a union of one matching alternative)
//! stands for the pair of what it wraps.

mod annotations;
mod arrays;
mod composition;
mod content;
mod discriminator;
mod json;
mod limits;
mod objects;
mod subschemas;
mod types;
mod values;
mod wrappers;

use super::fact::{Located, SchemaFact};
use crate::model::{Api, Origin, Schema, SchemaId, TypeSet};
use rustc_hash::{FxHashMap, FxHashSet};
use std::rc::Rc;

use composition::is_null_branch;
pub use json::json_eq;
pub(super) use types::declared_types;
pub(crate) use types::part_of_type_change;
use types::union_of_types;

pub(crate) type PairId = usize;

/// How a child pair hangs off its parent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Edge {
    Property(String),
    Items,
    PrefixItems(usize),
    AdditionalProperties,
    PatternProperty(String),
    PropertyNames,
    Contains,
    Not,
    OneOf(usize),
    AnyOf(usize),
    If,
    Then,
    Else,
    DependentSchema(String),
    UnevaluatedItems,
    UnevaluatedProperties,
    /// From a nullable wrapper (`oneOf: [{type: 'null'}, X]`) to X: the same value, so
    /// transparent in paths and rule ids.
    Unwrap,
}

impl Edge {
    /// How the edge reads in a path such as `customer.address[].city`.
    pub fn label(&self) -> String {
        match self {
            Edge::Property(name) => format!(".{name}"),
            Edge::Items => "[]".into(),
            Edge::PrefixItems(i) => format!("[{i}]"),
            Edge::AdditionalProperties => ".*".into(),
            Edge::PatternProperty(p) => format!(".<{p}>"),
            Edge::PropertyNames => " (property names)".into(),
            Edge::Contains => " (contains)".into(),
            Edge::Not => " (not)".into(),
            Edge::OneOf(i) => format!(" (oneOf #{})", i + 1),
            Edge::AnyOf(i) => format!(" (anyOf #{})", i + 1),
            Edge::If => " (if)".into(),
            Edge::Then => " (then)".into(),
            Edge::Else => " (else)".into(),
            Edge::DependentSchema(n) => format!(" (dependent on {n})"),
            Edge::UnevaluatedItems => " (unevaluatedItems)".into(),
            Edge::UnevaluatedProperties => " (unevaluatedProperties)".into(),
            Edge::Unwrap => String::new(),
        }
    }

    /// Whether a change under this edge is reported with the nested ids (`request-property-*`
    /// rather than `request-body-*`). Every sub-schema is: a property, an item, and also a
    /// oneOf/anyOf branch or an if/then/else/not schema, as oasdiff names them (a type
    /// changed in a branch of a response body is `response-property-type-changed`).
    pub fn is_nested_value(&self) -> bool {
        !matches!(self, Edge::Unwrap)
    }
}

#[derive(Debug)]
pub(crate) struct Pair {
    pub base: SchemaId,
    pub revision: SchemaId,
    pub facts: Vec<Located<SchemaFact>>,
    pub children: Vec<(Edge, PairId)>,
    /// Reached through [`Edge::Unwrap`]: what the wrapper compared for this pair already.
    pub above: ComparedAbove,
}

/// What a wrapper pair compared for the pair it stands for, not compared again there:
/// nullability (a nullable wrapper, with its `null` branch) and annotations (a wrapper's
/// documentation falling back to the wrapped schema's). The two differ for an annotated
/// reference facing a plain schema: the place's nullability is the wrapper's and its
/// target's together, while the target's documentation is still the target's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct ComparedAbove {
    pub nullability: bool,
    pub annotations: bool,
}

impl ComparedAbove {
    pub const NOTHING: Self = Self {
        nullability: false,
        annotations: false,
    };
    pub const BOTH: Self = Self {
        nullability: true,
        annotations: true,
    };
}

/// The merged view of a schema and its `allOf` parts (and a 3.1 `$ref` beside keywords).
#[derive(Debug)]
struct View<'a> {
    /// The schema itself first, then its parts, depth first.
    parts: Vec<SchemaId>,
    types: Option<TypeSet>,
    nullable: bool,
    /// (name, schema, where the name is written); names borrowed from the model.
    properties: Vec<(&'a str, SchemaId, Origin)>,
    required: Vec<&'a str>,
    /// With no `type` anywhere, the types the oneOf/anyOf branches allow together (`None`
    /// when some branch allows any type).
    branch_types: Option<TypeSet>,
}

pub(crate) struct SchemaComparer<'a> {
    pub base: &'a Api,
    pub revision: &'a Api,
    pub pairs: Vec<Pair>,
    index: FxHashMap<(SchemaId, SchemaId, ComparedAbove), PairId>,
    pending: Vec<PairId>,
    base_views: FxHashMap<SchemaId, Rc<View<'a>>>,
    revision_views: FxHashMap<SchemaId, Rc<View<'a>>>,
}

impl<'a> SchemaComparer<'a> {
    pub fn new(base: &'a Api, revision: &'a Api) -> Self {
        SchemaComparer {
            base,
            revision,
            pairs: Vec::new(),
            index: FxHashMap::default(),
            pending: Vec::new(),
            base_views: FxHashMap::default(),
            revision_views: FxHashMap::default(),
        }
    }

    /// The pair for two schemas, compared (with everything below it) before this returns.
    pub fn compare(&mut self, base: SchemaId, revision: SchemaId) -> PairId {
        let id = self.intern(base, revision);
        while let Some(next) = self.pending.pop() {
            self.fill(next);
        }
        id
    }

    /// Frees what only comparing needed (the merged views, the pair index): classification
    /// reads the pairs alone, and large comparisons should not carry both.
    pub fn finish(&mut self) {
        self.base_views = FxHashMap::default();
        self.revision_views = FxHashMap::default();
        self.index = FxHashMap::default();
        self.pairs.shrink_to_fit();
    }

    fn intern(&mut self, base: SchemaId, revision: SchemaId) -> PairId {
        self.intern_as(base, revision, ComparedAbove::NOTHING)
    }

    fn intern_as(&mut self, base: SchemaId, revision: SchemaId, above: ComparedAbove) -> PairId {
        if let Some(&id) = self.index.get(&(base, revision, above)) {
            return id;
        }
        let id = self.pairs.len();
        self.pairs.push(Pair {
            base,
            revision,
            facts: Vec::new(),
            children: Vec::new(),
            above,
        });
        self.index.insert((base, revision, above), id);
        self.pending.push(id);
        id
    }

    fn view(&mut self, side: Side, id: SchemaId) -> Rc<View<'a>> {
        let (api, views) = match side {
            Side::Base => (self.base, &mut self.base_views),
            Side::Revision => (self.revision, &mut self.revision_views),
        };
        views
            .entry(id)
            .or_insert_with(|| Rc::new(build_view(api, id)))
            .clone()
    }

    /// The pair's two schemas, with their merged views, ready for the keyword groups.
    fn compared(&mut self, pair: PairId) -> Compared<'a> {
        let (b_id, r_id) = (self.pairs[pair].base, self.pairs[pair].revision);
        Compared {
            base: Operand {
                api: self.base,
                id: b_id,
                schema: self.base.schema(b_id),
                view: self.view(Side::Base, b_id),
            },
            revision: Operand {
                api: self.revision,
                id: r_id,
                schema: self.revision.schema(r_id),
                view: self.view(Side::Revision, r_id),
            },
            above: self.pairs[pair].above,
        }
    }

    /// Records the facts of one pair and the pairs of its sub-schemas. The order of the
    /// groups is the order facts are reported in (the discriminator reads the branches the
    /// unions reported), so it is kept as it is.
    fn fill(&mut self, pair: PairId) {
        let p = self.compared(pair);
        let mut out = Facts {
            facts: Vec::new(),
            base: p.base.schema.origin,
            revision: p.revision.schema.origin,
        };
        if compare_unresolved(&p, &mut out) {
            self.pairs[pair].facts = out.facts;
            return;
        }
        compare_component(&p, &mut out);
        if let Some(inner) = wrappers::stand_in(&p, &mut out) {
            let child = self.intern_as(inner.base, inner.revision, inner.above);
            let entry = &mut self.pairs[pair];
            entry.facts = out.facts;
            entry.children = vec![(inner.edge, child)];
            return;
        }

        let mut children = Children::new();
        let types = types::compare(&p, &mut out);
        values::compare_enum(&p, &mut out);
        values::compare_const(&p, &mut out);
        limits::compare_bounds(&p, &types, &mut out);
        limits::compare_multiple_of(&p, &mut out);
        arrays::compare_unique_items(&p, &types, &mut out);
        limits::compare_pattern(&p, &mut out);
        // On the wrapper instead when this pair was reached by unwrapping one.
        if !p.above.annotations {
            annotations::compare_own(&p, &mut out);
        }
        content::compare(&p, &mut out);
        objects::compare_dependent_required(&p, &mut out);

        let unions = composition::unions(&p);
        let new_union = composition::new_union(&p, &unions);
        let moved = match new_union {
            Some(u) => self.compare_new_union(&p, u, &mut out),
            None => Vec::new(),
        };
        self.compare_properties(&p, moved, &mut out, &mut children);

        arrays::compare_items_and_contains(&p, &types, &mut out, &mut children);
        objects::compare_property_names(&p, &mut out, &mut children);
        composition::compare_not_and_conditionals(&p, &mut out, &mut children);
        arrays::compare_prefix_items(&p, &types, &mut out, &mut children);
        objects::compare_additional_properties(&p, &mut out, &mut children);
        arrays::compare_unevaluated_items(&p, &mut out, &mut children);
        objects::compare_unevaluated_properties(&p, &mut out, &mut children);
        objects::compare_pattern_properties(&p, &mut out, &mut children);
        objects::compare_dependent_schemas(&p, &mut out, &mut children);
        match composition::shared_union_part(&p, new_union.is_some()) {
            Some((x, y)) => children.push((Edge::Unwrap, x, y)),
            None => composition::compare_branches(
                &p,
                &unions,
                new_union.is_some(),
                &mut out,
                &mut children,
            ),
        }
        discriminator::compare(&p, &mut out);

        let child_pairs = children
            .into_iter()
            .map(|(edge, x, y)| (edge, self.intern(x, y)))
            .collect();
        let entry = &mut self.pairs[pair];
        entry.facts = out.facts;
        entry.children = child_pairs;
    }
}

/// A place typed by one component schema in the base and another in the revision, while
/// the base's is still there (one removed or renamed is `api-schema-removed` or `-renamed`,
/// told once with the operations that used it): the place's model class changed.
fn compare_component(p: &Compared<'_>, out: &mut Facts) {
    if let (Some(from), Some(to)) = (&p.base.schema.name, &p.revision.schema.name)
        && from != to
        && p.revision.api.component_schema(from).is_some()
    {
        out.push(SchemaFact::ComponentReplaced {
            from: from.to_string(),
            to: to.to_string(),
        });
    }
}

/// A reference that resolves to nothing on either side leaves only the reference to
/// compare; whether it did is returned, as the pair then has nothing more to say.
fn compare_unresolved(p: &Compared<'_>, out: &mut Facts) -> bool {
    let (b, r) = (p.base.schema, p.revision.schema);
    if b.extra().unresolved_ref.is_none() && r.extra().unresolved_ref.is_none() {
        return false;
    }
    if b.extra().unresolved_ref != r.extra().unresolved_ref {
        let reference = r
            .extra()
            .unresolved_ref
            .as_deref()
            .or(b.extra().unresolved_ref.as_deref())
            .unwrap_or_default()
            .to_string();
        out.push(SchemaFact::Unresolved { reference });
    }
    true
}

#[derive(Clone, Copy)]
enum Side {
    Base,
    Revision,
}

/// One side of the pair being compared: the schema, its merged view, and its document.
struct Operand<'a> {
    api: &'a Api,
    id: SchemaId,
    schema: &'a Schema,
    view: Rc<View<'a>>,
}

impl<'a> Operand<'a> {
    /// The first part of the merged view (the schema itself, then its allOf parts) that
    /// `f` accepts: a keyword is read from the first part that states it.
    fn first(&self, f: impl Fn(&'a Schema) -> bool) -> Option<&'a Schema> {
        self.view
            .parts
            .iter()
            .map(|&p| self.api.schema(p))
            .find(|s| f(s))
    }

    /// The `format` the side states: the first written along its merged schemas.
    fn format(&self) -> Option<&'a str> {
        self.first(|s| s.format.is_some())
            .and_then(|s| s.format.as_deref())
    }
}

/// The pair being compared.
struct Compared<'a> {
    base: Operand<'a>,
    revision: Operand<'a>,
    /// See [`Pair::above`].
    above: ComparedAbove,
}

/// The facts found on one pair, each located at both schemas unless it says otherwise.
struct Facts {
    facts: Vec<Located<SchemaFact>>,
    base: Origin,
    revision: Origin,
}

impl Facts {
    fn push(&mut self, fact: SchemaFact) {
        self.facts.push(Located {
            fact,
            base: Some(self.base),
            revision: Some(self.revision),
        });
    }
}

/// Sub-schema pairs found on a pair (edge, base schema, revision schema), interned once the
/// pair is done.
type Children = Vec<(Edge, SchemaId, SchemaId)>;

fn build_view(api: &Api, id: SchemaId) -> View<'_> {
    let mut parts = Vec::new();
    let mut stack = vec![id];
    while let Some(p) = stack.pop() {
        if parts.contains(&p) {
            continue;
        }
        parts.push(p);
        let s = api.schema(p);
        for &part in s.all_of.iter().rev() {
            stack.push(part);
        }
        if let Some(target) = s.reference {
            stack.push(target);
        }
    }
    let mut types: Option<TypeSet> = None;
    let mut nullable = false;
    let mut properties: Vec<(&str, SchemaId, Origin)> = Vec::new();
    let mut required: Vec<&str> = Vec::new();
    // Names already taken by an earlier part (the first part to name a property wins).
    let mut named: FxHashSet<&str> = FxHashSet::default();
    for &p in &parts {
        let s = api.schema(p);
        if let Some(t) = s.types {
            // allOf intersects: a value must satisfy every part.
            types = Some(match types {
                Some(prev) => TypeSet::from_bits(prev.bits() & t.bits()),
                None => t,
            });
        }
        nullable |= s.nullable;
        for ((name, child), origin) in s.properties.iter().zip(&s.property_origins) {
            if named.insert(name.as_str()) {
                properties.push((name.as_str(), *child, *origin));
            }
        }
        required.extend(s.required.iter().map(String::as_str));
    }
    let branch_types = if types.is_none() {
        parts
            .iter()
            .map(|&p| api.schema(p))
            .map(|s| {
                if s.one_of.is_empty() {
                    &s.any_of
                } else {
                    &s.one_of
                }
            })
            .find(|list| !list.is_empty())
            .and_then(|list| union_of_types(api, list, 0))
    } else {
        None
    };
    // A `{type: 'null'}` branch in oneOf/anyOf is how 3.1 spells 3.0's `nullable`.
    let own = api.schema(id);
    if own
        .one_of
        .iter()
        .chain(&own.any_of)
        .any(|&b| is_null_branch(api, b))
    {
        nullable = true;
    }
    if let Some(t) = types
        && t.contains(TypeSet::NULL)
    {
        nullable = true;
    }
    required.sort();
    required.dedup();
    View {
        parts,
        types,
        nullable,
        properties,
        required,
        branch_types,
    }
}

/// Builds the pair of one schema written two ways, for the keyword groups' unit tests.
#[cfg(test)]
pub(super) mod testing {
    use super::{Edge, SchemaComparer};
    use crate::diff::fact::SchemaFact;
    use crate::load::{FileLocation, LoadOptions, Workspace};
    use crate::model::Api;
    use std::path::PathBuf;

    /// A document of that `openapi` version whose `components.schemas` are `schemas`, one
    /// `Name: {...}` a line.
    fn api(openapi: &str, schemas: &str) -> Api {
        let schemas: String = schemas.lines().map(|l| format!("    {l}\n")).collect();
        let text = format!(
            "openapi: {openapi}\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        let ws = Workspace::load_bytes(
            FileLocation::Path(PathBuf::from("t.yaml")),
            text.into_bytes(),
            &LoadOptions::default(),
        )
        .unwrap();
        crate::model::build(&ws).0
    }

    /// What comparing component `S` of two documents found: the facts on its pair, and each
    /// child pair with the facts on it.
    pub struct Outcome {
        pub facts: Vec<SchemaFact>,
        pub children: Vec<(Edge, Vec<SchemaFact>)>,
    }

    pub fn compare(base: &str, revision: &str) -> Outcome {
        compare_at(base, revision, &[])
    }

    /// What was found on the pair reached from that of component `S` along `path`, in 3.1
    /// documents.
    pub fn compare_at(base: &str, revision: &str, path: &[Edge]) -> Outcome {
        compare_in("3.1.0", base, revision, path)
    }

    /// [`compare_at`] in documents of that `openapi` version (3.0's `nullable`).
    pub fn compare_in(openapi: &str, base: &str, revision: &str, path: &[Edge]) -> Outcome {
        let (b, r) = (api(openapi, base), api(openapi, revision));
        let mut comparer = SchemaComparer::new(&b, &r);
        let mut at = comparer.compare(
            b.component_schema("S").expect("base S"),
            r.component_schema("S").expect("revision S"),
        );
        for edge in path {
            at = comparer.pairs[at]
                .children
                .iter()
                .find(|(e, _)| e == edge)
                .unwrap_or_else(|| panic!("no {edge:?} child"))
                .1;
        }
        let facts_of = |id: usize| -> Vec<SchemaFact> {
            comparer.pairs[id]
                .facts
                .iter()
                .map(|f| f.fact.clone())
                .collect()
        };
        Outcome {
            facts: facts_of(at),
            children: comparer.pairs[at]
                .children
                .iter()
                .map(|(edge, id)| (edge.clone(), facts_of(*id)))
                .collect(),
        }
    }

    /// The facts on the pair of component `S`.
    pub fn facts(base: &str, revision: &str) -> Vec<SchemaFact> {
        compare(base, revision).facts
    }

    /// The edges from the pair of component `S` to its child pairs.
    pub fn edges(base: &str, revision: &str) -> Vec<Edge> {
        compare(base, revision)
            .children
            .into_iter()
            .map(|(edge, _)| edge)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{compare, facts};
    use super::*;

    #[test]
    fn an_unchanged_schema_has_no_facts() {
        let s = "S: {type: object, properties: {a: {type: string}}, required: [a]}";
        let outcome = compare(s, s);
        assert!(outcome.facts.is_empty());
        assert_eq!(outcome.children.len(), 1);
        assert_eq!(outcome.children[0].0, Edge::Property("a".into()));
        assert!(outcome.children[0].1.is_empty());
    }

    #[test]
    fn groups_report_in_fill_order() {
        // Type first, then enum, then the limits, then the annotations. The types overlap
        // (strings before and after), so the enum and the string's length are changes of
        // their own.
        let f = facts(
            "S: {type: [integer, string], maximum: 5, description: a}",
            "S: {type: [number, string], enum: [x], maxLength: 3, description: b}",
        );
        assert_eq!(
            f,
            [
                SchemaFact::TypeChanged {
                    from: TypeSet::INTEGER.union(TypeSet::STRING),
                    to: TypeSet::NUMBER.union(TypeSet::STRING)
                },
                SchemaFact::BecameEnum,
                SchemaFact::Limit {
                    keyword: "max",
                    from: Some(crate::model::Num::from_u64(5)),
                    to: None
                },
                SchemaFact::Limit {
                    keyword: "max-length",
                    from: None,
                    to: Some(crate::model::Num::from_u64(3))
                },
                SchemaFact::DescriptionChanged,
            ]
        );
    }

    /// A type change to a type that shares no value with the old one carries the keywords
    /// of either type with it: the facts are all found, and the classifier drops those
    /// [`part_of_type_change`] names where the type change is at least as severe
    /// (tests/diff_audit_schema.rs, `type-keywords`).
    #[test]
    fn keywords_of_a_type_come_and_go_with_it_as_facts() {
        let f = facts(
            "S: {type: integer, maximum: 5, multipleOf: 5}",
            "S: {type: string, enum: [x], maxLength: 3, pattern: '^x'}",
        );
        let (from, to) = (TypeSet::INTEGER, TypeSet::STRING);
        assert_eq!(f[0], SchemaFact::TypeChanged { from, to });
        assert_eq!(f.len(), 6, "{f:?}");
        assert!(
            f[1..].iter().all(|x| part_of_type_change(x, from, to)),
            "{f:?}"
        );
        // Integer -> number widens: the integers keep their bound and gain an enum.
        let (from, to) = (TypeSet::INTEGER, TypeSet::NUMBER);
        let limit = SchemaFact::Limit {
            keyword: "max",
            from: Some(crate::model::Num::from_u64(5)),
            to: None,
        };
        assert!(!part_of_type_change(&limit, from, to));
        assert!(!part_of_type_change(&SchemaFact::BecameEnum, from, to));
        // Strings on both sides: their maxLength and enum are their own changes.
        let (from, to) = (TypeSet::STRING.union(TypeSet::INTEGER), TypeSet::STRING);
        let length = SchemaFact::Limit {
            keyword: "max-length",
            from: Some(crate::model::Num::from_u64(5)),
            to: Some(crate::model::Num::from_u64(3)),
        };
        assert!(!part_of_type_change(&length, from, to));
        assert!(!part_of_type_change(&SchemaFact::BecameEnum, from, to));
        // Docker v1.25 -> v1.40 `PortMap`: an array became an object with an
        // additionalProperties schema.
        let added = SchemaFact::SubschemaAdded("additional-properties");
        assert!(part_of_type_change(&added, TypeSet::ARRAY, TypeSet::OBJECT));
        assert!(!part_of_type_change(
            &SchemaFact::SubschemaAdded("not"),
            TypeSet::ARRAY,
            TypeSet::OBJECT
        ));
        // No type stated before (empty: any type): a new bound restricts.
        assert!(!part_of_type_change(
            &length,
            TypeSet::empty(),
            TypeSet::STRING
        ));
    }

    #[test]
    fn an_unresolved_reference_is_compared_as_the_reference() {
        let f = facts(
            "S: {$ref: '#/components/schemas/Gone'}",
            "S: {$ref: '#/components/schemas/Missing'}",
        );
        assert!(
            matches!(f.as_slice(), [SchemaFact::Unresolved { reference }] if reference.contains("Missing")),
            "{f:?}"
        );
        let same = "S: {$ref: '#/components/schemas/Gone'}";
        assert!(facts(same, same).is_empty());
    }

    #[test]
    fn merged_views_read_allof_parts_in_order() {
        let s = "S: {allOf: [{type: object, properties: {a: {type: string}}}, {required: [a], properties: {a: {type: integer}}}]}";
        let b = facts(s, s);
        assert!(b.is_empty());
        let outcome = compare(
            s,
            "S: {allOf: [{type: object, properties: {a: {type: string}}}]}",
        );
        // The first part to name `a` wins: the child pair is the string one, unchanged.
        assert_eq!(
            outcome.facts,
            [SchemaFact::PropertyBecameOptional {
                name: "a".into(),
                read_only: false,
                write_only: false
            }]
        );
        assert!(outcome.children[0].1.is_empty());
    }
}
