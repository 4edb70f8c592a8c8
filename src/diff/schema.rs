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

use super::fact::{Located, SchemaFact};
use crate::model::{AdditionalProperties, Api, Num, Origin, Schema, SchemaId, TypeSet};
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value as Json;
use std::rc::Rc;

pub type PairId = usize;

/// How a child pair hangs off its parent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
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
pub struct Pair {
    pub base: SchemaId,
    pub revision: SchemaId,
    pub facts: Vec<Located<SchemaFact>>,
    pub children: Vec<(Edge, PairId)>,
    /// Reached through [`Edge::Unwrap`]: nullability was compared on the wrapper, with the
    /// `null` branch, and is not compared again here.
    pub unwrapped: bool,
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

pub struct SchemaComparer<'a> {
    pub base: &'a Api,
    pub revision: &'a Api,
    pub pairs: Vec<Pair>,
    index: FxHashMap<(SchemaId, SchemaId, bool), PairId>,
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
        self.intern_as(base, revision, false)
    }

    fn intern_as(&mut self, base: SchemaId, revision: SchemaId, unwrapped: bool) -> PairId {
        if let Some(&id) = self.index.get(&(base, revision, unwrapped)) {
            return id;
        }
        let id = self.pairs.len();
        self.pairs.push(Pair {
            base,
            revision,
            facts: Vec::new(),
            children: Vec::new(),
            unwrapped,
        });
        self.index.insert((base, revision, unwrapped), id);
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

    /// (readOnly, writeOnly) of a value: on any allOf part, or on the schema a nullable
    /// wrapper wraps.
    fn value_flags(&mut self, side: Side, id: SchemaId) -> (bool, bool) {
        let api = match side {
            Side::Base => self.base,
            Side::Revision => self.revision,
        };
        let mut flags = (false, false);
        for id in std::iter::once(id).chain(nullable_wrapper_inner(api, id)) {
            let v = self.view(side, id);
            for &p in &v.parts {
                let s = api.schema(p);
                flags.0 |= s.read_only;
                flags.1 |= s.write_only;
            }
        }
        flags
    }

    fn fill(&mut self, pair: PairId) {
        let (b_id, r_id) = (self.pairs[pair].base, self.pairs[pair].revision);
        let (bv, rv) = (self.view(Side::Base, b_id), self.view(Side::Revision, r_id));
        let (base_api, rev_api) = (self.base, self.revision);
        let b = base_api.schema(b_id);
        let r = rev_api.schema(r_id);
        let mut out = Facts {
            facts: Vec::new(),
            base: b.origin,
            revision: r.origin,
        };
        let mut children: Vec<(Edge, SchemaId, SchemaId)> = Vec::new();

        if b.unresolved_ref.is_some() || r.unresolved_ref.is_some() {
            if b.unresolved_ref != r.unresolved_ref {
                let reference = r
                    .unresolved_ref
                    .clone()
                    .or(b.unresolved_ref.clone())
                    .unwrap_or_default();
                out.push(SchemaFact::Unresolved { reference });
            }
            self.pairs[pair].facts = out.facts;
            return;
        }
        let unwrapped = self.pairs[pair].unwrapped;
        let nullability = |out: &mut Facts| {
            if unwrapped {
                return;
            }
            match (bv.nullable, rv.nullable) {
                (false, true) => out.push(SchemaFact::BecameNullable),
                (true, false) => out.push(SchemaFact::BecameNotNullable),
                _ => {}
            }
        };

        // `oneOf: [{type: 'null'}, X]` (or anyOf) is X made nullable, 3.1's spelling of
        // `nullable: true`. Nullability is compared here; X is compared with the other side
        // (unwrapped too) as the same value, so a wrapper added around a schema reports that
        // it became nullable and nothing else, and a component wrapped in many places is one
        // pair.
        let b_inner = nullable_wrapper_inner(base_api, b_id);
        let r_inner = nullable_wrapper_inner(rev_api, r_id);
        // Facing a union of several alternatives, one of which is the wrapped schema, a
        // nullable wrapper is a union of one: the unions are compared below, so that
        // `anyOf: [string, X, null]` -> `anyOf: [X, null]` is the `string` branch removed.
        let several = |api: &'a Api, v: &View, inner: SchemaId, api_in: &'a Api| {
            let lists = union_lists_of(api, v);
            v.types.is_none()
                && v.properties.is_empty()
                && lists.len() >= 2
                && !super::branches::pair(api_in, &[inner], api, &lists).is_empty()
        };
        let as_unions = match (b_inner, r_inner) {
            (None, Some(inner)) => several(base_api, &bv, inner, rev_api),
            (Some(inner), None) => several(rev_api, &rv, inner, base_api),
            _ => false,
        };
        if (b_inner.is_some() || r_inner.is_some()) && !as_unions {
            nullability(&mut out);
            if !unwrapped {
                let outer = |api: &'a Api, v: &View, id: SchemaId, inner: Option<SchemaId>| {
                    let own = Annotations::of(api, v, api.schema(id));
                    match inner {
                        Some(inner) => {
                            let iv = build_view(api, inner);
                            own.or(Annotations::of(api, &iv, api.schema(inner)))
                        }
                        None => own,
                    }
                };
                compare_annotations(
                    &mut out,
                    &outer(base_api, &bv, b_id, b_inner),
                    &outer(rev_api, &rv, r_id, r_inner),
                );
            }
            let child = self.intern_as(b_inner.unwrap_or(b_id), r_inner.unwrap_or(r_id), true);
            let entry = &mut self.pairs[pair];
            entry.facts = out.facts;
            entry.children = vec![(Edge::Unwrap, child)];
            return;
        }

        // `allOf: [$ref X]` with a description beside it, or a 3.1 `$ref: X` with sibling
        // keywords, is X where it is used. What the wrapper says itself (documentation, 3.0
        // `nullable`) is the place's and compared here; everything else is X's, compared on
        // the pair of X that plain references reach too, so a change inside X is one change
        // however many wrappers reach it.
        let b_target = annotated_ref_target(base_api, b_id);
        let r_target = annotated_ref_target(rev_api, r_id);
        if b_target.is_some() || r_target.is_some() {
            if !unwrapped {
                let own = |id: SchemaId, target: Option<SchemaId>, api: &'a Api| match target {
                    Some(_) => (api.schema(id).nullable, Annotations::own(api.schema(id))),
                    None => (false, Annotations::none()),
                };
                let (b_null, b_notes) = own(b_id, b_target, base_api);
                let (r_null, r_notes) = own(r_id, r_target, rev_api);
                match (b_null, r_null) {
                    (false, true) => out.push(SchemaFact::BecameNullable),
                    (true, false) => out.push(SchemaFact::BecameNotNullable),
                    _ => {}
                }
                compare_annotations(&mut out, &b_notes, &r_notes);
            }
            let child = self.intern(b_target.unwrap_or(b_id), r_target.unwrap_or(r_id));
            let entry = &mut self.pairs[pair];
            entry.facts = out.facts;
            entry.children = vec![(Edge::Unwrap, child)];
            return;
        }

        // A schema wrapped into a oneOf/anyOf of alternatives, one of which is that schema
        // (by component name, title or shape), or such a oneOf unwrapped into one of them:
        // that alternative is compared with the schema and the others are branches added or
        // removed. Comparing the schema with the bare wrapper instead would report every
        // property and constraint of it as removed.
        if let Some(wrap) = wrapping(base_api, &bv, b_id, rev_api, &rv, r_id) {
            nullability(&mut out);
            if !wrap.added.is_empty() {
                out.push(SchemaFact::BranchesAdded {
                    keyword: wrap.keyword,
                    labels: wrap.added,
                });
            }
            if !wrap.removed.is_empty() {
                out.push(SchemaFact::BranchesRemoved {
                    keyword: wrap.keyword,
                    labels: wrap.removed,
                });
            }
            // Nullability and documentation belong to the value as a whole: compared here,
            // the wrapper's falling back to the alternative's, and not again on the pair of
            // the schema and its alternative (a nullable string wrapped into a nullable anyOf
            // is still nullable, though its string alternative is not).
            if !unwrapped {
                let notes = |api: &'a Api, v: &View, id: SchemaId, alternative: SchemaId| {
                    let own = Annotations::of(api, v, api.schema(id));
                    if id == alternative {
                        own
                    } else {
                        let av = build_view(api, alternative);
                        own.or(Annotations::of(api, &av, api.schema(alternative)))
                    }
                };
                compare_annotations(
                    &mut out,
                    &notes(base_api, &bv, b_id, wrap.pair.0),
                    &notes(rev_api, &rv, r_id, wrap.pair.1),
                );
            }
            let child = self.intern_as(wrap.pair.0, wrap.pair.1, true);
            let entry = &mut self.pairs[pair];
            entry.facts = out.facts;
            entry.children = vec![(wrap.edge, child)];
            return;
        }

        // Types and nullability.
        let strip = |t: Option<TypeSet>| {
            t.map(|mut t| {
                t.remove(TypeSet::NULL);
                t
            })
        };
        // A schema that is only branches has the types of its branches, when the other side
        // states its type (when both are branches, the branches are compared instead).
        let (bt, rt) = match (bv.types, rv.types) {
            (None, Some(r)) => (bv.branch_types, Some(r)),
            (Some(b), None) => (Some(b), rv.branch_types),
            (b, r) => (b, r),
        };
        let (bt, rt) = (strip(bt), strip(rt));
        let type_changed = bt != rt;
        // Keywords that only apply to arrays, appearing or going away as the schema starts or
        // stops accepting arrays, are part of that type change.
        let arrays = |t: Option<TypeSet>| t.is_none_or(|t| t.contains(TypeSet::ARRAY));
        let array_keyword_moot = |from_set: bool, to_set: bool| {
            (!from_set && to_set && !arrays(bt)) || (from_set && !to_set && !arrays(rt))
        };
        // A type stated beside an enum whose values all have it already changes no value.
        let enum_fits = |t: Option<TypeSet>| {
            let values = bv
                .parts
                .iter()
                .map(|&p| base_api.schema(p))
                .find_map(|s| s.enum_values.as_ref());
            match (values, t) {
                (Some(values), Some(t)) => values.iter().all(|v| json_has_type(v, t)),
                _ => false,
            }
        };
        let type_changed = type_changed
            && !(bt.is_none() && enum_fits(rt))
            && !type_only_spelled_out(base_api, &bv, bt, rev_api, &rv, rt);
        if type_changed {
            out.push(SchemaFact::TypeChanged {
                from: bt.unwrap_or_default(),
                to: rt.unwrap_or_default(),
            });
        }
        nullability(&mut out);

        let first =
            |api: &'a Api, v: &View, f: &dyn Fn(&'a Schema) -> bool| -> Option<&'a Schema> {
                v.parts.iter().map(|&p| api.schema(p)).find(|s| f(s))
            };
        let bs = |f: &dyn Fn(&'a Schema) -> bool| first(base_api, &bv, f);
        let rs = |f: &dyn Fn(&'a Schema) -> bool| first(rev_api, &rv, f);

        // Format.
        let bf = bs(&|s| s.format.is_some()).and_then(|s| s.format.clone());
        let rf = rs(&|s| s.format.is_some()).and_then(|s| s.format.clone());
        // A format belongs to its type: with the type changed, so is the format.
        if bf != rf && !type_changed {
            // An integer format added to an integer whose bounds already fit it takes no
            // value away.
            let bounds = (
                bs(&|s| s.minimum.is_some()).and_then(|s| s.minimum),
                bs(&|s| s.maximum.is_some()).and_then(|s| s.maximum),
            );
            let lossless = bf.is_none()
                && bt == Some(TypeSet::INTEGER)
                && rf
                    .as_deref()
                    .is_some_and(|f| integer_format_fits(f, bounds.0, bounds.1));
            let annotation = [&bf, &rf]
                .iter()
                .any(|f| f.as_deref().is_some_and(|f| !is_known_format(f)));
            out.push(match (lossless, rf) {
                (true, Some(to)) => SchemaFact::FormatAddedWithinBounds(to),
                (_, rf) if annotation => SchemaFact::FormatAnnotationChanged { from: bf, to: rf },
                (_, rf) => SchemaFact::FormatChanged { from: bf, to: rf },
            });
        }

        // Enum: compared as sets (order carries no meaning).
        let be = bs(&|s| s.enum_values.is_some()).and_then(|s| s.enum_values.as_ref());
        let re = rs(&|s| s.enum_values.is_some()).and_then(|s| s.enum_values.as_ref());
        match (be, re) {
            (None, Some(_)) => out.push(SchemaFact::BecameEnum),
            (Some(_), None) => out.push(SchemaFact::EnumRemoved),
            (Some(be), Some(re)) => {
                let added = missing_from(re, be);
                let removed = missing_from(be, re);
                if !added.is_empty() {
                    out.push(SchemaFact::EnumValuesAdded(added));
                }
                if !removed.is_empty() {
                    out.push(SchemaFact::EnumValuesRemoved(removed));
                }
            }
            (None, None) => {}
        }

        // const and default.
        let bc =
            bs(&|s| s.extra().const_value.is_some()).and_then(|s| s.extra().const_value.clone());
        let rc =
            rs(&|s| s.extra().const_value.is_some()).and_then(|s| s.extra().const_value.clone());
        match (bc, rc) {
            (None, Some(v)) => out.push(SchemaFact::ConstAdded(v)),
            (Some(v), None) => out.push(SchemaFact::ConstRemoved(v)),
            (Some(a), Some(c)) if !json_eq(&a, &c) => {
                out.push(SchemaFact::ConstChanged { from: a, to: c })
            }
            _ => {}
        }
        // Limits.
        type Get = fn(&Schema) -> Option<Num>;
        let limits: [(&'static str, Get); 12] = [
            ("max", |s| {
                s.maximum.filter(|b| !b.exclusive).map(|b| b.value)
            }),
            ("exclusive-max", |s| {
                s.maximum.filter(|b| b.exclusive).map(|b| b.value)
            }),
            ("min", |s| {
                s.minimum.filter(|b| !b.exclusive).map(|b| b.value)
            }),
            ("exclusive-min", |s| {
                s.minimum.filter(|b| b.exclusive).map(|b| b.value)
            }),
            ("max-length", |s| s.max_length.map(Num::from_u64)),
            ("min-length", |s| s.min_length.map(Num::from_u64)),
            ("max-items", |s| s.max_items.map(Num::from_u64)),
            ("min-items", |s| s.min_items.map(Num::from_u64)),
            ("max-properties", |s| {
                s.extra().max_properties.map(Num::from_u64)
            }),
            ("min-properties", |s| {
                s.extra().min_properties.map(Num::from_u64)
            }),
            ("max-contains", |s| {
                s.extra().max_contains.map(Num::from_u64)
            }),
            ("min-contains", |s| {
                s.extra().min_contains.map(Num::from_u64)
            }),
        ];
        // minContains/maxContains qualify `contains`: with `contains` added or removed they
        // are part of that change.
        let b_contains = bs(&|s| s.contains.is_some()).is_some();
        let r_contains = rs(&|s| s.contains.is_some()).is_some();
        for (keyword, get) in limits {
            // A side whose value for the keyword is invalid (`maxLength: -1`, reported when
            // the model was built) has no reading of it to compare: not "removed".
            let json_keyword = limit_keyword(keyword);
            let invalid = |s: &Schema| {
                s.extra()
                    .other
                    .iter()
                    .any(|(k, _)| json_keyword.contains(&k.as_str()))
            };
            if bs(&invalid).is_some() || rs(&invalid).is_some() {
                continue;
            }
            let from = bs(&|s| get(s).is_some()).and_then(get);
            let to = rs(&|s| get(s).is_some()).and_then(get);
            let contains_limit = keyword.ends_with("-contains");
            if contains_limit && b_contains != r_contains {
                continue;
            }
            if (contains_limit || keyword.ends_with("-items"))
                && array_keyword_moot(from.is_some(), to.is_some())
            {
                continue;
            }
            if from != to {
                out.push(SchemaFact::Limit { keyword, from, to });
            }
        }
        let bm = bs(&|s| s.extra().multiple_of.is_some()).and_then(|s| s.extra().multiple_of);
        let rm = rs(&|s| s.extra().multiple_of.is_some()).and_then(|s| s.extra().multiple_of);
        let invalid_multiple = |s: &Schema| s.extra().other.iter().any(|(k, _)| k == "multipleOf");
        if bm != rm && bs(&invalid_multiple).is_none() && rs(&invalid_multiple).is_none() {
            out.push(SchemaFact::MultipleOfChanged { from: bm, to: rm });
        }
        let bu = bs(&|s| s.unique_items).is_some();
        let ru = rs(&|s| s.unique_items).is_some();
        if bu != ru && !array_keyword_moot(bu, ru) {
            out.push(SchemaFact::UniqueItemsChanged { to: ru });
        }

        // Pattern.
        // An empty pattern matches every string: it is no pattern.
        let has_pattern = |s: &Schema| s.pattern.as_deref().is_some_and(|p| !p.is_empty());
        let bp = bs(&|s| has_pattern(s)).and_then(|s| s.pattern.clone());
        let rp = rs(&|s| has_pattern(s)).and_then(|s| s.pattern.clone());
        match (bp, rp) {
            (None, Some(p)) => out.push(SchemaFact::PatternAdded(p)),
            (Some(p), None) => out.push(SchemaFact::PatternRemoved(p)),
            (Some(a), Some(c)) if a != c => out.push(SchemaFact::PatternChanged { from: a, to: c }),
            _ => {}
        }

        // Annotations (compared on the wrapper when this pair was reached by unwrapping one).
        if !unwrapped {
            compare_annotations(
                &mut out,
                &Annotations::of(base_api, &bv, b),
                &Annotations::of(rev_api, &rv, r),
            );
        }

        // The content of a string (3.1 contentMediaType, contentEncoding, contentSchema).
        let bcm = bs(&|s| s.extra().content_media_type.is_some())
            .and_then(|s| s.extra().content_media_type.clone());
        let rcm = rs(&|s| s.extra().content_media_type.is_some())
            .and_then(|s| s.extra().content_media_type.clone());
        if bcm != rcm {
            out.push(SchemaFact::ContentMediaTypeChanged { from: bcm, to: rcm });
        }
        let bce = bs(&|s| s.extra().content_encoding.is_some())
            .and_then(|s| s.extra().content_encoding.clone());
        let rce = rs(&|s| s.extra().content_encoding.is_some())
            .and_then(|s| s.extra().content_encoding.clone());
        if bce != rce {
            out.push(SchemaFact::ContentEncodingChanged { from: bce, to: rce });
        }
        let content_schema = |s: &Schema| s.extra().other.iter().any(|(k, _)| k == "contentSchema");
        match (
            bs(&|s| content_schema(s)).is_some(),
            rs(&|s| content_schema(s)).is_some(),
        ) {
            (false, true) => out.push(SchemaFact::SubschemaAdded("content-schema")),
            (true, false) => out.push(SchemaFact::SubschemaRemoved("content-schema")),
            _ => {}
        }

        // dependentRequired, by the property that triggers it.
        let no_deps: &[(String, Vec<String>)] = &[];
        let bdr = bs(&|s| !s.extra().dependent_required.is_empty())
            .map(|s| s.extra().dependent_required.as_slice())
            .unwrap_or(no_deps);
        let rdr = rs(&|s| !s.extra().dependent_required.is_empty())
            .map(|s| s.extra().dependent_required.as_slice())
            .unwrap_or(no_deps);
        for (name, names) in rdr {
            match bdr.iter().find(|(n, _)| n == name) {
                None => out.push(SchemaFact::DependentRequiredAdded(name.clone())),
                Some((_, old)) if old != names => {
                    out.push(SchemaFact::DependentRequiredChanged(name.clone()))
                }
                _ => {}
            }
        }
        for (name, _) in bdr {
            if !rdr.iter().any(|(n, _)| n == name) {
                out.push(SchemaFact::DependentRequiredRemoved(name.to_string()));
            }
        }

        // The oneOf/anyOf lists, and whether a schema without one became one.
        // A union on one side only that restates that side's own enum changes no value.
        let unions: Vec<Union> = union_lists(base_api, &bv, rev_api, &rv)
            .into_iter()
            .filter(|u| {
                !(u.base.is_empty() && union_restates_enum(rev_api, &rv, &u.revision)
                    || u.revision.is_empty() && union_restates_enum(base_api, &bv, &u.base))
            })
            .collect();
        // (Only a union standing for the whole value: `anyOf` beside properties of the
        // revision's own, as `anyOf: [{required: [a]}, {required: [b]}]`, constrains them.)
        let new_union = match unions.as_slice() {
            [u] if u.base.is_empty() && !u.revision.is_empty() && rv.properties.is_empty() => {
                Some(u)
            }
            _ => None,
        };
        // Properties of the base that moved into the alternatives of a new union.
        let mut moved: Vec<&str> = Vec::new();
        if let Some(u) = new_union {
            let mut labels: Vec<String> = Vec::new();
            let mut lost: Vec<String> = Vec::new();
            let branch_views: Vec<Rc<View<'a>>> = u
                .revision
                .iter()
                .map(|&y| self.view(Side::Revision, y))
                .collect();
            let mut seen: FxHashSet<&str> = FxHashSet::default();
            for (&y, v) in u.revision.iter().zip(&branch_views) {
                labels.push(super::branches::label(rev_api, y));
                for (name, _, _) in &v.properties {
                    if seen.insert(name) {
                        moved.push(name);
                    }
                }
            }
            for name in &bv.required {
                if !branch_views.iter().all(|v| v.required.contains(name)) {
                    lost.push(name.to_string());
                }
            }
            out.push(if bv.properties.is_empty() {
                SchemaFact::BecameUnion {
                    keyword: u.revision_keyword,
                    labels,
                }
            } else {
                SchemaFact::WrappedInUnion {
                    keyword: u.revision_keyword,
                    labels,
                    lost,
                    tag: rv
                        .parts
                        .iter()
                        .find_map(|&p| rev_api.schema(p).discriminator.as_deref())
                        .map(|d| d.property_name.clone())
                        .filter(|name| !bv.properties.iter().any(|(n, _, _)| n == name)),
                }
            });
        }

        // Properties (merged over allOf parts), looked up through maps: an object can have
        // 100,000 properties, and a scan per property made the comparison quadratic.
        let mut b_props: FxHashMap<&str, (SchemaId, Origin)> = FxHashMap::default();
        for (name, id, origin) in &bv.properties {
            b_props.entry(name).or_insert((*id, *origin));
        }
        let r_props: FxHashSet<&str> = rv.properties.iter().map(|(n, _, _)| *n).collect();
        let b_required: FxHashSet<&str> = bv.required.iter().copied().collect();
        let r_required: FxHashSet<&str> = rv.required.iter().copied().collect();
        let moved: FxHashSet<&str> = moved.into_iter().collect();
        for (name, r_child, name_origin) in &rv.properties {
            let r_schema = rev_api.schema(*r_child);
            match b_props.get(name) {
                Some((b_child, b_name_origin)) => {
                    children.push((Edge::Property(name.to_string()), *b_child, *r_child));
                    let was = b_required.contains(name);
                    let is = r_required.contains(name);
                    let (b_flags, r_flags) = (
                        self.value_flags(Side::Base, *b_child),
                        self.value_flags(Side::Revision, *r_child),
                    );
                    for (flag, from, to) in [
                        ("read-only", b_flags.0, r_flags.0),
                        ("write-only", b_flags.1, r_flags.1),
                    ] {
                        if from != to {
                            out.facts.push(Located {
                                fact: SchemaFact::PropertyFlagChanged {
                                    name: name.to_string(),
                                    required: is,
                                    flag,
                                    set: to,
                                },
                                base: Some(*b_name_origin),
                                revision: Some(*name_origin),
                            });
                        }
                    }
                    let b_schema = base_api.schema(*b_child);
                    if !was && is {
                        out.facts.push(Located {
                            fact: SchemaFact::PropertyBecameRequired {
                                name: name.to_string(),
                                read_only: r_schema.read_only,
                                write_only: r_schema.write_only,
                                has_default: r_schema.default.is_some(),
                            },
                            base: Some(*b_name_origin),
                            revision: Some(*name_origin),
                        });
                    } else if was && !is {
                        out.facts.push(Located {
                            fact: SchemaFact::PropertyBecameOptional {
                                name: name.to_string(),
                                read_only: b_schema.read_only,
                                write_only: b_schema.write_only,
                            },
                            base: Some(*b_name_origin),
                            revision: Some(*name_origin),
                        });
                    }
                }
                None => out.facts.push(Located {
                    fact: SchemaFact::PropertyAdded {
                        name: name.to_string(),
                        required: r_required.contains(name),
                        read_only: r_schema.read_only,
                        write_only: r_schema.write_only,
                        has_default: r_schema.default.is_some(),
                    },
                    base: Some(b.origin),
                    revision: Some(*name_origin),
                }),
            }
        }
        let is_removed = |name: &str| !r_props.contains(name) && !moved.contains(name);
        let removed: Vec<(&str, SchemaId)> = bv
            .properties
            .iter()
            .filter(|(n, _, _)| is_removed(n))
            .map(|(n, id, _)| (*n, *id))
            .collect();
        let added: Vec<(&str, SchemaId)> = rv
            .properties
            .iter()
            .filter(|(n, _, _)| !b_props.contains_key(n))
            .map(|(n, id, _)| (*n, *id))
            .collect();
        let renames = super::renames::property_renames(base_api, &removed, rev_api, &added);
        for (name, b_child, name_origin) in &bv.properties {
            if is_removed(name) {
                let s = base_api.schema(*b_child);
                out.facts.push(Located {
                    fact: SchemaFact::PropertyRemoved {
                        name: name.to_string(),
                        required: b_required.contains(name),
                        read_only: s.read_only,
                        write_only: s.write_only,
                        renamed_to: renames
                            .iter()
                            .find(|(from, _)| from == name)
                            .map(|(_, to)| to.clone()),
                    },
                    base: Some(*name_origin),
                    revision: Some(r.origin),
                });
            }
        }

        // Single sub-schemas.
        type Sub = fn(&Schema) -> Option<SchemaId>;
        let subs: [(&'static str, Edge, Sub); 7] = [
            ("items", Edge::Items, |s| s.items),
            ("contains", Edge::Contains, |s| s.contains),
            ("property-names", Edge::PropertyNames, |s| {
                s.extra().property_names
            }),
            ("not", Edge::Not, |s| s.not),
            ("if", Edge::If, |s| s.extra().if_schema),
            ("then", Edge::Then, |s| s.extra().then_schema),
            ("else", Edge::Else, |s| s.extra().else_schema),
        ];
        for (keyword, edge, get) in subs {
            let bx = bs(&|s| get(s).is_some()).and_then(get);
            let rx = rs(&|s| get(s).is_some()).and_then(get);
            if matches!(keyword, "items" | "contains")
                && array_keyword_moot(bx.is_some(), rx.is_some())
            {
                continue;
            }
            match (bx, rx) {
                (Some(x), Some(y)) => children.push((edge, x, y)),
                (None, Some(_)) => out.push(SchemaFact::SubschemaAdded(keyword)),
                (Some(_), None) => out.push(SchemaFact::SubschemaRemoved(keyword)),
                (None, None) => {}
            }
        }
        let b_pre = bs(&|s| !s.extra().prefix_items.is_empty())
            .map(|s| s.extra().prefix_items.as_slice())
            .unwrap_or_default();
        let r_pre = rs(&|s| !s.extra().prefix_items.is_empty())
            .map(|s| s.extra().prefix_items.as_slice())
            .unwrap_or_default();
        for (i, (x, y)) in b_pre.iter().zip(r_pre).enumerate() {
            children.push((Edge::PrefixItems(i), *x, *y));
        }
        if array_keyword_moot(!b_pre.is_empty(), !r_pre.is_empty()) {
        } else if r_pre.len() > b_pre.len() {
            out.push(SchemaFact::SubschemaAdded("prefix-items"));
        } else if r_pre.len() < b_pre.len() {
            out.push(SchemaFact::SubschemaRemoved("prefix-items"));
        }

        // additionalProperties: a boolean either way, or a schema to compare.
        let b_ap = bs(&|s| s.additional_properties.is_some())
            .and_then(|s| s.additional_properties.clone());
        let r_ap = rs(&|s| s.additional_properties.is_some())
            .and_then(|s| s.additional_properties.clone());
        match (b_ap, r_ap) {
            (Some(AdditionalProperties::Schema(x)), Some(AdditionalProperties::Schema(y))) => {
                children.push((Edge::AdditionalProperties, x, y))
            }
            (x, y) => {
                let as_bool = |a: &Option<AdditionalProperties>| match a {
                    None => None,
                    Some(AdditionalProperties::Allowed(b)) => Some(*b),
                    Some(AdditionalProperties::Schema(_)) => Some(true),
                };
                let (fx, fy) = (as_bool(&x), as_bool(&y));
                if x.is_some() != y.is_some() || fx != fy {
                    match (&x, &y) {
                        (None, Some(AdditionalProperties::Schema(_))) => {
                            out.push(SchemaFact::SubschemaAdded("additional-properties"))
                        }
                        (Some(AdditionalProperties::Schema(_)), None) => {
                            out.push(SchemaFact::SubschemaRemoved("additional-properties"))
                        }
                        _ => out.push(SchemaFact::AdditionalPropertiesChanged { from: fx, to: fy }),
                    }
                }
            }
        }
        // unevaluatedItems / unevaluatedProperties: from unrestricted, to a schema, to `false`.
        for (keyword, edge, get) in [
            (
                "unevaluated-items",
                Edge::UnevaluatedItems,
                (|s: &Schema| s.extra().unevaluated_items.clone())
                    as fn(&Schema) -> Option<AdditionalProperties>,
            ),
            (
                "unevaluated-properties",
                Edge::UnevaluatedProperties,
                |s: &Schema| s.extra().unevaluated_properties.clone(),
            ),
        ] {
            let bx = bs(&|s| get(s).is_some()).and_then(get);
            let rx = rs(&|s| get(s).is_some()).and_then(get);
            let rank = |a: &Option<AdditionalProperties>| match a {
                None | Some(AdditionalProperties::Allowed(true)) => 0,
                Some(AdditionalProperties::Schema(_)) => 1,
                Some(AdditionalProperties::Allowed(false)) => 2,
            };
            match (&bx, &rx) {
                (Some(AdditionalProperties::Schema(x)), Some(AdditionalProperties::Schema(y))) => {
                    children.push((edge, *x, *y))
                }
                _ if rank(&rx) > rank(&bx) => out.push(SchemaFact::SubschemaAdded(keyword)),
                _ if rank(&rx) < rank(&bx) => out.push(SchemaFact::SubschemaRemoved(keyword)),
                _ => {}
            }
        }

        for (edge_of, get) in [
            (
                Edge::PatternProperty as fn(String) -> Edge,
                (|s: &'a Schema| &s.extra().pattern_properties)
                    as fn(&'a Schema) -> &'a Vec<(String, SchemaId)>,
            ),
            (Edge::DependentSchema, |s: &'a Schema| {
                &s.extra().dependent_schemas
            }),
        ] {
            let bl = get(b);
            let rl = get(r);
            for (k, y) in rl {
                match bl.iter().find(|(n, _)| n == k) {
                    Some((_, x)) => children.push((edge_of(k.clone()), *x, *y)),
                    None => out.push(SchemaFact::SubschemaAdded(
                        if matches!(edge_of(String::new()), Edge::PatternProperty(_)) {
                            "pattern-property"
                        } else {
                            "dependent-schema"
                        },
                    )),
                }
            }
            for (k, _) in bl {
                if !rl.iter().any(|(n, _)| n == k) {
                    out.push(SchemaFact::SubschemaRemoved(
                        if matches!(edge_of(String::new()), Edge::PatternProperty(_)) {
                            "pattern-property"
                        } else {
                            "dependent-schema"
                        },
                    ));
                }
            }
        }

        // A union that belongs to the same named allOf part on both sides (`{enum: [1],
        // allOf: [$ref TriggerType]}`) is that component's: compared once on its pair, so a
        // branch it loses is one change at the component, not one per place that uses it.
        let union_part = |api: &'a Api, v: &View, own: SchemaId| {
            v.parts
                .iter()
                .copied()
                .find(|&p| {
                    let s = api.schema(p);
                    !s.one_of.is_empty() || !s.any_of.is_empty()
                })
                .filter(|&p| p != own)
                .and_then(|p| api.schema(p).name.as_deref().map(|n| (p, n)))
        };
        let shared_part = match (
            union_part(base_api, &bv, b_id),
            union_part(rev_api, &rv, r_id),
        ) {
            (Some((x, a)), Some((y, b))) if a == b && new_union.is_none() => Some((x, y)),
            _ => None,
        };
        if let Some((x, y)) = shared_part {
            children.push((Edge::Unwrap, x, y));
        }

        // oneOf / anyOf branches, paired by best match (see `branches`) and compared pair by
        // pair; only what has no partner is a branch added or removed.
        for union in unions.iter().filter(|_| shared_part.is_none()) {
            if union.base.is_empty() && !union.revision.is_empty() && new_union.is_some() {
                // Became a union: told once (above), not as every alternative added.
                continue;
            }
            let plan = super::branches::plan(base_api, &union.base, rev_api, &union.revision);
            for &(j, x, y) in &plan.pairs {
                children.push(((union.edge)(j), x, y));
            }
            let added: Vec<String> = plan
                .added
                .iter()
                .map(|&y| super::branches::label(rev_api, y))
                .collect();
            let removed: Vec<String> = plan
                .removed
                .iter()
                .map(|&x| super::branches::label(base_api, x))
                .collect();
            if !added.is_empty() {
                out.push(SchemaFact::BranchesAdded {
                    keyword: union.revision_keyword,
                    labels: added,
                });
            }
            if !removed.is_empty() {
                out.push(SchemaFact::BranchesRemoved {
                    keyword: union.base_keyword,
                    labels: removed,
                });
            }
        }

        // Discriminator.
        let bd = bs(&|s| s.discriminator.is_some()).and_then(|s| s.discriminator.as_ref());
        let rd = rs(&|s| s.discriminator.is_some()).and_then(|s| s.discriminator.as_ref());
        match (bd, rd) {
            (None, Some(_)) => out.push(SchemaFact::DiscriminatorAdded),
            (Some(_), None) => out.push(SchemaFact::DiscriminatorRemoved),
            (Some(x), Some(y)) => {
                if x.property_name != y.property_name {
                    out.push(SchemaFact::DiscriminatorPropertyChanged {
                        from: x.property_name.clone(),
                        to: y.property_name.clone(),
                    });
                }
                for (k, v) in &y.mapping {
                    // A key that arrived with its branch is that branch's addition, told once
                    // (a client meets the new alternative either way).
                    let with_branch = out.facts.iter().any(|f| {
                        matches!(&f.fact, SchemaFact::BranchesAdded { labels, .. }
                            if labels.iter().any(|l| l == mapping_target(v)))
                    });
                    match x.mapping.iter().find(|(n, _)| n == k) {
                        None if with_branch => {}
                        None => out.push(SchemaFact::DiscriminatorMappingAdded(k.clone())),
                        Some((_, w)) if mapping_target(w) != mapping_target(v) => {
                            out.push(SchemaFact::DiscriminatorMappingChanged(k.clone()))
                        }
                        _ => {}
                    }
                }
                for (k, w) in &x.mapping {
                    // A key that left with its branch is that branch's removal, told once.
                    let with_branch = out.facts.iter().any(|f| {
                        matches!(&f.fact, SchemaFact::BranchesRemoved { labels, .. }
                            if labels.iter().any(|l| l == mapping_target(w)))
                    });
                    if !y.mapping.iter().any(|(n, _)| n == k) && !with_branch {
                        out.push(SchemaFact::DiscriminatorMappingRemoved(k.clone()));
                    }
                }
                if x.default_mapping.as_deref().map(mapping_target)
                    != y.default_mapping.as_deref().map(mapping_target)
                {
                    out.push(SchemaFact::DiscriminatorDefaultMappingChanged {
                        from: x.default_mapping.clone(),
                        to: y.default_mapping.clone(),
                    });
                }
            }
            (None, None) => {}
        }

        let child_pairs = children
            .into_iter()
            .map(|(edge, x, y)| (edge, self.intern(x, y)))
            .collect();
        let entry = &mut self.pairs[pair];
        entry.facts = out.facts;
        entry.children = child_pairs;
    }
}

#[derive(Clone, Copy)]
enum Side {
    Base,
    Revision,
}

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

/// What a schema says about its values without constraining them, and the flags.
struct Annotations<'s> {
    description: Option<&'s String>,
    title: Option<&'s String>,
    examples: &'s [Json],
    default: Option<&'s Json>,
    read_only: bool,
    write_only: bool,
    deprecated: bool,
    extensions: &'s [(String, Json)],
}

impl<'s> Annotations<'s> {
    /// Documentation, default and extensions of the schema itself; flags from any part.
    fn of(api: &'s Api, v: &View, own: &'s Schema) -> Self {
        let flag = |f: fn(&Schema) -> bool| v.parts.iter().any(|&p| f(api.schema(p)));
        Annotations {
            description: own.description.as_ref(),
            title: own.title.as_ref(),
            examples: &own.examples,
            default: own.default.as_ref(),
            read_only: flag(|s| s.read_only),
            write_only: flag(|s| s.write_only),
            deprecated: flag(|s| s.deprecated),
            extensions: &own.extensions,
        }
    }

    /// What a schema says itself, without its parts.
    fn own(s: &'s Schema) -> Self {
        Annotations {
            description: s.description.as_ref(),
            title: s.title.as_ref(),
            examples: &s.examples,
            default: s.default.as_ref(),
            read_only: s.read_only,
            write_only: s.write_only,
            deprecated: s.deprecated,
            extensions: &s.extensions,
        }
    }

    /// Nothing said.
    fn none() -> Self {
        Annotations {
            description: None,
            title: None,
            examples: &[],
            default: None,
            read_only: false,
            write_only: false,
            deprecated: false,
            extensions: &[],
        }
    }

    /// A nullable wrapper's annotations, falling back to those of the schema it wraps.
    fn or(self, inner: Annotations<'s>) -> Self {
        Annotations {
            description: self.description.or(inner.description),
            title: self.title.or(inner.title),
            examples: if self.examples.is_empty() {
                inner.examples
            } else {
                self.examples
            },
            default: self.default.or(inner.default),
            read_only: self.read_only || inner.read_only,
            write_only: self.write_only || inner.write_only,
            deprecated: self.deprecated || inner.deprecated,
            extensions: if self.extensions.is_empty() {
                inner.extensions
            } else {
                self.extensions
            },
        }
    }
}

fn compare_annotations(out: &mut Facts, b: &Annotations<'_>, r: &Annotations<'_>) {
    match (b.default, r.default) {
        (None, Some(v)) => out.push(SchemaFact::DefaultAdded(v.clone())),
        (Some(v), None) => out.push(SchemaFact::DefaultRemoved(v.clone())),
        (Some(a), Some(c)) if !json_eq(a, c) => out.push(SchemaFact::DefaultChanged {
            from: a.clone(),
            to: c.clone(),
        }),
        _ => {}
    }
    for (was, is, on, off) in [
        (
            b.read_only,
            r.read_only,
            SchemaFact::BecameReadOnly,
            SchemaFact::BecameNotReadOnly,
        ),
        (
            b.write_only,
            r.write_only,
            SchemaFact::BecameWriteOnly,
            SchemaFact::BecameNotWriteOnly,
        ),
        (
            b.deprecated,
            r.deprecated,
            SchemaFact::Deprecated,
            SchemaFact::Reactivated,
        ),
    ] {
        match (was, is) {
            (false, true) => out.push(on),
            (true, false) => out.push(off),
            _ => {}
        }
    }
    if b.description != r.description {
        out.push(SchemaFact::DescriptionChanged);
    }
    if b.title != r.title {
        out.push(SchemaFact::TitleChanged);
    }
    if b.examples.len() != r.examples.len()
        || b.examples
            .iter()
            .zip(r.examples)
            .any(|(x, y)| !json_eq(x, y))
    {
        out.push(SchemaFact::ExamplesChanged);
    }
    for (key, value) in r.extensions {
        let old = b.extensions.iter().find(|(k, _)| k == key).map(|(_, v)| v);
        if old == Some(value) {
            continue;
        }
        // `x-extensible-enum` (Zalando's guidelines) lists values that may grow: its values
        // are compared one by one.
        if key == "x-extensible-enum"
            && let (Some(Json::Array(from)), Json::Array(to)) = (old, value)
        {
            for v in missing_from(to, from) {
                out.push(SchemaFact::ExtensibleEnumValueAdded(v));
            }
            for v in missing_from(from, to) {
                out.push(SchemaFact::ExtensibleEnumValueRemoved(v));
            }
            continue;
        }
        out.push(SchemaFact::ExtensionChanged(key.clone()));
    }
    for (key, _) in b.extensions {
        if !r.extensions.iter().any(|(k, _)| k == key) {
            out.push(SchemaFact::ExtensionChanged(key.clone()));
        }
    }
}

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

/// The formats the OpenAPI format registry (spec.openapis.org/registry/format) and JSON
/// Schema's format vocabulary define. Validators check these (or at least agree on what they
/// mean); any other format is an annotation that no validator applies, so a change to or
/// from one changes no value on the wire.
const KNOWN_FORMATS: &[&str] = &[
    "base64url",
    "binary",
    "byte",
    "char",
    "commonmark",
    "date",
    "date-time",
    "decimal",
    "decimal128",
    "double",
    "double-int",
    "duration",
    "email",
    "float",
    "hostname",
    "html",
    "http-date",
    "idn-email",
    "idn-hostname",
    "int16",
    "int32",
    "int64",
    "int8",
    "ipv4",
    "ipv6",
    "iri",
    "iri-reference",
    "json-pointer",
    "media-range",
    "password",
    "regex",
    "relative-json-pointer",
    "sf-binary",
    "sf-boolean",
    "sf-decimal",
    "sf-integer",
    "sf-string",
    "sf-token",
    "time",
    "uint16",
    "uint32",
    "uint64",
    "uint8",
    "uri",
    "uri-reference",
    "uri-template",
    "uuid",
];

fn is_known_format(format: &str) -> bool {
    KNOWN_FORMATS.contains(&format)
}

/// The type a schema without `type` is written as: `object` when it has object keywords
/// (properties, required, additionalProperties), `array` when it has `items`. Authors (and
/// the tools that read their documents, generators first) mean such a schema as that type.
fn implied_type(api: &Api, v: &View) -> Option<TypeSet> {
    let has = |f: fn(&Schema) -> bool| v.parts.iter().any(|&p| f(api.schema(p)));
    let object = !v.properties.is_empty()
        || !v.required.is_empty()
        || has(|s| s.additional_properties.is_some());
    let array = has(|s| s.items.is_some());
    match (object, array) {
        (true, false) => Some(TypeSet::OBJECT),
        (false, true) => Some(TypeSet::ARRAY),
        _ => None,
    }
}

/// `type: object` stated (or dropped) where the object keywords were already there, or
/// `type: array` where `items` was: the type the schema was meant as, now written out,
/// which changes nothing a client sends or reads (so it is no change, either way).
fn type_only_spelled_out(
    base: &Api,
    bv: &View,
    bt: Option<TypeSet>,
    rev: &Api,
    rv: &View,
    rt: Option<TypeSet>,
) -> bool {
    match (bt, rt) {
        (None, Some(t)) | (Some(t), None) => {
            implied_type(base, bv) == Some(t) && implied_type(rev, rv) == Some(t)
        }
        _ => false,
    }
}

/// X, for an unnamed schema that is `allOf: [$ref X]` or a 3.1 `$ref: X` with nothing beside
/// it but annotations.
fn annotated_ref_target(api: &Api, id: SchemaId) -> Option<SchemaId> {
    let s = api.schema(id);
    if s.name.is_some() || !super::branches::is_annotation_only(s) {
        return None;
    }
    match (s.reference, s.all_of.as_slice()) {
        (Some(target), []) => Some(target),
        (None, [only]) => Some(*only),
        _ => None,
    }
}

/// The one branch beside `{type: 'null'}` branches of a schema that is nothing but such a
/// oneOf/anyOf (annotations aside).
fn nullable_wrapper_inner(api: &Api, id: SchemaId) -> Option<SchemaId> {
    let s = api.schema(id);
    let list = match (s.one_of.is_empty(), s.any_of.is_empty()) {
        (false, true) => &s.one_of,
        (true, false) => &s.any_of,
        _ => return None,
    };
    if s.types.is_some_and(|t| t != TypeSet::NULL)
        || !s.properties.is_empty()
        || s.discriminator.is_some()
        || s.not.is_some()
    {
        return None;
    }
    let mut others = list.iter().filter(|&&b| !is_null_branch(api, b));
    let inner = *others.next()?;
    if others.next().is_some() || list.len() < 2 {
        return None;
    }
    Some(inner)
}

/// The types a schema declares, looking through `$ref`, `allOf` and branches; `None` when
/// it allows any type.
pub(super) fn declared_types(api: &Api, id: SchemaId, depth: usize) -> Option<TypeSet> {
    if depth > 8 {
        return None;
    }
    let s = api.schema(id);
    if s.types.is_some() {
        return s.types;
    }
    if let Some(t) = s.reference.and_then(|r| declared_types(api, r, depth + 1)) {
        return Some(t);
    }
    if let Some(t) = s
        .all_of
        .iter()
        .find_map(|&p| declared_types(api, p, depth + 1))
    {
        return Some(t);
    }
    let list = if s.one_of.is_empty() {
        &s.any_of
    } else {
        &s.one_of
    };
    union_of_types(api, list, depth + 1)
}

fn union_of_types(api: &Api, list: &[SchemaId], depth: usize) -> Option<TypeSet> {
    if list.is_empty() {
        return None;
    }
    let mut union = TypeSet::empty();
    for &b in list {
        union = union.union(declared_types(api, b, depth)?);
    }
    Some(union)
}

/// A schema wrapped into (or unwrapped from) a oneOf/anyOf that has it as one alternative.
struct Wrapping {
    keyword: &'static str,
    edge: Edge,
    /// The schema and the alternative it matches, base first.
    pair: (SchemaId, SchemaId),
    added: Vec<String>,
    removed: Vec<String>,
}

fn wrapping(
    base: &Api,
    bv: &View,
    b_id: SchemaId,
    rev: &Api,
    rv: &View,
    r_id: SchemaId,
) -> Option<Wrapping> {
    fn one_of(s: &Schema) -> &[SchemaId] {
        &s.one_of
    }
    fn any_of(s: &Schema) -> &[SchemaId] {
        &s.any_of
    }
    let lists = |api, v| (branches(api, v, one_of), branches(api, v, any_of));
    let (b1, b2) = lists(base, bv);
    let (r1, r2) = lists(rev, rv);
    // `concrete`: no branches, and a type or properties of its own; `wrapper`: branches of
    // one keyword, and neither type nor properties.
    let concrete = |v: &View, l1: &[SchemaId], l2: &[SchemaId]| {
        l1.is_empty() && l2.is_empty() && (v.types.is_some() || !v.properties.is_empty())
    };
    // A schema with an `enum` of its own is constrained by it whatever its branches say: it
    // is no bare wrapper, and its enum is compared with the other side's own enum.
    let wrapper = |api: &Api, v: &View, l1: &[SchemaId], l2: &[SchemaId]| {
        v.types.is_none()
            && v.properties.is_empty()
            && own_enum(api, v).is_none()
            && (l1.is_empty() != l2.is_empty())
    };
    let keyword_of = |l1: &[SchemaId]| -> (&'static str, fn(usize) -> Edge) {
        if l1.is_empty() {
            ("any-of", Edge::AnyOf)
        } else {
            ("one-of", Edge::OneOf)
        }
    };
    if concrete(bv, &b1, &b2) && wrapper(rev, rv, &r1, &r2) {
        let (keyword, edge_of) = keyword_of(&r1);
        let rl = if r1.is_empty() { r2 } else { r1 };
        let (_, j) = *super::branches::pair(base, &[b_id], rev, &rl).first()?;
        return Some(Wrapping {
            keyword,
            edge: edge_of(j),
            pair: (b_id, rl[j]),
            added: (0..rl.len())
                .filter(|&k| k != j)
                .map(|k| super::branches::label(rev, rl[k]))
                .collect(),
            removed: Vec::new(),
        });
    }
    if wrapper(base, bv, &b1, &b2) && concrete(rv, &r1, &r2) {
        let (keyword, edge_of) = keyword_of(&b1);
        let bl = if b1.is_empty() { b2 } else { b1 };
        let (i, _) = *super::branches::pair(base, &bl, rev, &[r_id]).first()?;
        return Some(Wrapping {
            keyword,
            edge: edge_of(i),
            pair: (bl[i], r_id),
            added: Vec::new(),
            removed: (0..bl.len())
                .filter(|&k| k != i)
                .map(|k| super::branches::label(base, bl[k]))
                .collect(),
        });
    }
    None
}

/// The `enum` of a schema's own (on it or an allOf part), not one of its branches'.
fn own_enum<'a>(api: &'a Api, v: &View) -> Option<&'a [Json]> {
    v.parts
        .iter()
        .find_map(|&p| api.schema(p).enum_values.as_deref())
}

/// Whether branches added beside an `enum` of the schema's own admit no value that enum did
/// not: every branch is an enum (or const) of values the own enum lists, and together they
/// list all of them. The own enum still decides what is valid, so such a union is a
/// description of the values (vapi's `language: {enum: [...], oneOf: [{title: ISO 639-1,
/// enum: [...]}, {title: Auto-detect, enum: [auto]}]}`), not a change on the wire.
fn union_restates_enum(api: &Api, v: &View, branches: &[SchemaId]) -> bool {
    let Some(own) = own_enum(api, v) else {
        return false;
    };
    let mut listed: Vec<Json> = Vec::new();
    for &b in branches {
        let s = api.schema(b);
        let values: Vec<Json> = match (&s.enum_values, &s.extra().const_value) {
            (Some(values), _) => values.clone(),
            (None, Some(c)) => vec![c.clone()],
            (None, None) => return false,
        };
        if !missing_from(&values, own).is_empty() {
            return false;
        }
        listed.extend(values);
    }
    !branches.is_empty() && missing_from(own, &listed).is_empty()
}

/// The one oneOf/anyOf list of a view (null branches left out), or nothing when it has
/// none or both.
fn union_lists_of(api: &Api, v: &View) -> Vec<SchemaId> {
    fn one_of(s: &Schema) -> &[SchemaId] {
        &s.one_of
    }
    fn any_of(s: &Schema) -> &[SchemaId] {
        &s.any_of
    }
    let (l1, l2) = (branches(api, v, one_of), branches(api, v, any_of));
    match (l1.is_empty(), l2.is_empty()) {
        (false, true) => l1,
        (true, false) => l2,
        _ => Vec::new(),
    }
}

/// One oneOf/anyOf list of each side, to be paired branch by branch.
struct Union {
    base_keyword: &'static str,
    revision_keyword: &'static str,
    /// The edge to a revision branch, by its index.
    edge: fn(usize) -> Edge,
    base: Vec<SchemaId>,
    revision: Vec<SchemaId>,
}

/// The oneOf and anyOf lists of both sides. A side that uses one keyword only, facing a side
/// that also uses one only, gives one list whichever the keywords: a 3.1 rewrite may switch
/// them, and a nullable wrapper (`anyOf: [X, null]`) is a union of one alternative facing
/// `oneOf: [X, Y]`.
fn union_lists(base: &Api, bv: &View, rev: &Api, rv: &View) -> Vec<Union> {
    fn one_of(s: &Schema) -> &[SchemaId] {
        &s.one_of
    }
    fn any_of(s: &Schema) -> &[SchemaId] {
        &s.any_of
    }
    let (b1, b2) = (branches(base, bv, one_of), branches(base, bv, any_of));
    let (r1, r2) = (branches(rev, rv, one_of), branches(rev, rv, any_of));
    let single = |a: &[SchemaId], b: &[SchemaId]| a.is_empty() != b.is_empty();
    let b_single = single(&b1, &b2) || (b1.is_empty() && b2.is_empty());
    let r_single = single(&r1, &r2) || (r1.is_empty() && r2.is_empty());
    if b_single && r_single {
        let (base_keyword, bl) = if b1.is_empty() {
            ("any-of", b2)
        } else {
            ("one-of", b1)
        };
        let (revision_keyword, edge, rl): (_, fn(usize) -> Edge, _) = if r1.is_empty() {
            ("any-of", Edge::AnyOf, r2)
        } else {
            ("one-of", Edge::OneOf, r1)
        };
        // With no list on one side, the keyword is the other side's.
        let (base_keyword, revision_keyword) = match (bl.is_empty(), rl.is_empty()) {
            (true, false) => (revision_keyword, revision_keyword),
            (false, true) => (base_keyword, base_keyword),
            _ => (base_keyword, revision_keyword),
        };
        if bl.is_empty() && rl.is_empty() {
            return Vec::new();
        }
        return vec![Union {
            base_keyword,
            revision_keyword,
            edge,
            base: bl,
            revision: rl,
        }];
    }
    vec![
        Union {
            base_keyword: "one-of",
            revision_keyword: "one-of",
            edge: Edge::OneOf,
            base: b1,
            revision: r1,
        },
        Union {
            base_keyword: "any-of",
            revision_keyword: "any-of",
            edge: Edge::AnyOf,
            base: b2,
            revision: r2,
        },
    ]
}

/// The oneOf (or anyOf) branches of a view that are not `{type: 'null'}`, from the first part
/// that has any.
fn branches<'a>(api: &'a Api, v: &View, get: fn(&'a Schema) -> &'a [SchemaId]) -> Vec<SchemaId> {
    v.parts
        .iter()
        .map(|&p| get(api.schema(p)))
        .find(|list| !list.is_empty())
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|&x| !is_null_branch(api, x))
        .collect()
}

fn is_null_branch(api: &Api, id: SchemaId) -> bool {
    let s = api.schema(id);
    s.types == Some(TypeSet::NULL) && s.properties.is_empty() && s.all_of.is_empty()
}

fn mapping_target(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// Whether a JSON value is of one of the types.
fn json_has_type(v: &Json, t: TypeSet) -> bool {
    let of = match v {
        Json::Null => TypeSet::NULL,
        Json::Bool(_) => TypeSet::BOOLEAN,
        Json::Object(_) => TypeSet::OBJECT,
        Json::Array(_) => TypeSet::ARRAY,
        Json::String(_) => TypeSet::STRING,
        Json::Number(n) if n.is_i64() || n.is_u64() => TypeSet::INTEGER,
        Json::Number(_) => TypeSet::NUMBER,
    };
    of.is_subset_of(t)
}

/// JSON equality that treats `1` and `1.0` as one number.
pub fn json_eq(a: &Json, b: &Json) -> bool {
    match (a, b) {
        // Integers compare exactly (9007199254740993 is not 9007199254740992); `1` and `1.0`
        // are the same number.
        (Json::Number(x), Json::Number(y)) => {
            x == y || ((x.is_f64() || y.is_f64()) && x.as_f64() == y.as_f64())
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// The JSON keywords a limit's rule-id spelling reads.
fn limit_keyword(keyword: &str) -> &'static [&'static str] {
    match keyword {
        "max" | "exclusive-max" => &["maximum", "exclusiveMaximum"],
        "min" | "exclusive-min" => &["minimum", "exclusiveMinimum"],
        "max-length" => &["maxLength"],
        "min-length" => &["minLength"],
        "max-items" => &["maxItems"],
        "min-items" => &["minItems"],
        "max-properties" => &["maxProperties"],
        "min-properties" => &["minProperties"],
        "max-contains" => &["maxContains"],
        "min-contains" => &["minContains"],
        _ => &[],
    }
}

/// The values of `list` that `other` lacks (as [`json_eq`] compares), in `list`'s order.
/// Through a hashed set of `other`, so that two enums of 100,000 values compare in linear
/// time; a value whose key is ambiguous (an object, or a number that is neither an exact
/// integer nor a plain float) falls back to a scan.
fn missing_from(list: &[Json], other: &[Json]) -> Vec<Json> {
    let keys: rustc_hash::FxHashSet<JsonKey<'_>> = other.iter().filter_map(json_key).collect();
    let any_unkeyed = other.iter().any(|v| json_key(v).is_none());
    list.iter()
        .filter(|v| match json_key(v) {
            Some(k) if !any_unkeyed => !keys.contains(&k),
            _ => !contains_json(other, v),
        })
        .cloned()
        .collect()
}

/// What identifies a scalar JSON value as [`json_eq`] compares it: integers exactly, a
/// float with no fraction as the integer it equals (1.0 is 1).
#[derive(PartialEq, Eq, Hash)]
enum JsonKey<'a> {
    Null,
    Bool(bool),
    Int(i128),
    Float(u64),
    Str(&'a str),
}

fn json_key(v: &Json) -> Option<JsonKey<'_>> {
    Some(match v {
        Json::Null => JsonKey::Null,
        Json::Bool(b) => JsonKey::Bool(*b),
        Json::String(s) => JsonKey::Str(s),
        Json::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => JsonKey::Int(i as i128),
            (_, Some(u), _) => JsonKey::Int(u as i128),
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 9e15 => JsonKey::Int(f as i128),
            (_, _, Some(f)) if f.abs() >= 9e15 => return None,
            (_, _, Some(f)) => JsonKey::Float(f.to_bits()),
            _ => return None,
        },
        Json::Array(_) | Json::Object(_) => return None,
    })
}

fn contains_json(list: &[Json], v: &Json) -> bool {
    list.iter().any(|x| json_eq(x, v))
}

/// Whether every integer between the bounds (both given) fits the integer format.
fn integer_format_fits(
    format: &str,
    min: Option<crate::model::Bound>,
    max: Option<crate::model::Bound>,
) -> bool {
    let range = match format {
        "int32" => (i32::MIN as i128, i32::MAX as i128),
        "int64" => (i64::MIN as i128, i64::MAX as i128),
        _ => return false,
    };
    let fits = |b: crate::model::Bound, ok: &dyn Fn(i128) -> bool| match b.value.as_int() {
        Some(i) => ok(i),
        // A decimal bound: compared as a float, which is exact enough at these sizes.
        None => ok(b.value.as_f64() as i128),
    };
    matches!((min, max), (Some(lo), Some(hi))
        if fits(lo, &|i| i >= range.0) && fits(hi, &|i| i <= range.1))
}
