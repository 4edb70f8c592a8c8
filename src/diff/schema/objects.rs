//! The keywords that only apply to objects: properties and required (merged over allOf
//! parts), the readOnly/writeOnly of each property, additionalProperties, propertyNames,
//! patternProperties, dependentRequired, dependentSchemas and unevaluatedProperties (the
//! property counts are among the `limits`). Grouped because they all decide which names an
//! object may or must carry, and what each holds.

use super::subschemas::{compare_keyed, compare_single, compare_unevaluated};
use super::wrappers::nullable_wrapper_inner;
use super::{Children, Compared, Edge, Facts, SchemaComparer, Side};
use crate::diff::fact::{Located, SchemaFact};
use crate::model::{AdditionalProperties, Origin, SchemaId};
use rustc_hash::{FxHashMap, FxHashSet};

/// dependentRequired, by the property that triggers it.
pub(super) fn compare_dependent_required(p: &Compared<'_>, out: &mut Facts) {
    let no_deps: &[(String, Vec<String>)] = &[];
    let bdr = p
        .base
        .first(|s| !s.extra().dependent_required.is_empty())
        .map(|s| s.extra().dependent_required.as_slice())
        .unwrap_or(no_deps);
    let rdr = p
        .revision
        .first(|s| !s.extra().dependent_required.is_empty())
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
}

/// The properties and required names of both sides, looked up through maps: an object can
/// have 100,000 properties, and a scan per property made the comparison quadratic.
struct PropertyIndex<'a> {
    /// The first part to name a property wins, as in the merged view.
    base: FxHashMap<&'a str, (SchemaId, Origin)>,
    revision: FxHashSet<&'a str>,
    base_required: FxHashSet<&'a str>,
    revision_required: FxHashSet<&'a str>,
    /// Base properties that moved into the alternatives of a new union (not removed).
    moved: FxHashSet<&'a str>,
}

impl<'a> PropertyIndex<'a> {
    fn new(p: &Compared<'a>, moved: Vec<&'a str>) -> Self {
        let (bv, rv) = (&p.base.view, &p.revision.view);
        let mut base: FxHashMap<&'a str, (SchemaId, Origin)> = FxHashMap::default();
        for &(name, id, origin) in &bv.properties {
            base.entry(name).or_insert((id, origin));
        }
        PropertyIndex {
            base,
            revision: rv.properties.iter().map(|(n, _, _)| *n).collect(),
            base_required: bv.required.iter().copied().collect(),
            revision_required: rv.required.iter().copied().collect(),
            moved: moved.into_iter().collect(),
        }
    }

    fn removed(&self, name: &str) -> bool {
        !self.revision.contains(name) && !self.moved.contains(name)
    }
}

impl<'a> SchemaComparer<'a> {
    /// Properties kept (a child pair, and their required and flag changes), added and
    /// removed. `moved` are the base properties that went into the alternatives of a new
    /// union, reported with it.
    pub(super) fn compare_properties(
        &mut self,
        p: &Compared<'a>,
        moved: Vec<&'a str>,
        out: &mut Facts,
        children: &mut Children,
    ) {
        let index = PropertyIndex::new(p, moved);
        let rev_api = p.revision.api;
        for &(name, r_child, name_origin) in &p.revision.view.properties {
            let r_schema = rev_api.schema(r_child);
            match index.base.get(name) {
                Some(&(b_child, b_name_origin)) => {
                    children.push((Edge::Property(name.to_string()), b_child, r_child));
                    let origins = (b_name_origin, name_origin);
                    self.compare_kept_property(p, &index, name, (b_child, r_child), origins, out);
                }
                None => out.facts.push(Located {
                    fact: SchemaFact::PropertyAdded {
                        name: name.to_string(),
                        required: index.revision_required.contains(name),
                        read_only: r_schema.read_only,
                        write_only: r_schema.write_only,
                        has_default: r_schema.extra().default.is_some(),
                    },
                    base: Some(p.base.schema.origin),
                    revision: Some(name_origin),
                }),
            }
        }
        compare_removed_properties(p, &index, out);
    }

    /// A property on both sides: its readOnly/writeOnly (as the value has them, through
    /// allOf and nullable wrappers) and whether it became required or optional, located at
    /// the property's name on each side.
    fn compare_kept_property(
        &mut self,
        p: &Compared<'a>,
        index: &PropertyIndex<'a>,
        name: &str,
        (b_child, r_child): (SchemaId, SchemaId),
        (b_name_origin, name_origin): (Origin, Origin),
        out: &mut Facts,
    ) {
        let was = index.base_required.contains(name);
        let is = index.revision_required.contains(name);
        let located = |fact| Located {
            fact,
            base: Some(b_name_origin),
            revision: Some(name_origin),
        };
        let (b_flags, r_flags) = (
            self.value_flags(Side::Base, b_child),
            self.value_flags(Side::Revision, r_child),
        );
        for (flag, from, to) in [
            ("read-only", b_flags.0, r_flags.0),
            ("write-only", b_flags.1, r_flags.1),
        ] {
            if from != to {
                out.facts.push(located(SchemaFact::PropertyFlagChanged {
                    name: name.to_string(),
                    required: is,
                    flag,
                    set: to,
                }));
            }
        }
        let b_schema = p.base.api.schema(b_child);
        let r_schema = p.revision.api.schema(r_child);
        if !was && is {
            out.facts.push(located(SchemaFact::PropertyBecameRequired {
                name: name.to_string(),
                read_only: r_schema.read_only,
                write_only: r_schema.write_only,
                has_default: r_schema.extra().default.is_some(),
            }));
        } else if was && !is {
            out.facts.push(located(SchemaFact::PropertyBecameOptional {
                name: name.to_string(),
                read_only: b_schema.read_only,
                write_only: b_schema.write_only,
            }));
        }
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
}

/// Base properties gone from the revision, each with the revision property it was renamed
/// to, when one added property looks like it (see `renames`).
fn compare_removed_properties(p: &Compared<'_>, index: &PropertyIndex<'_>, out: &mut Facts) {
    let (base_api, rev_api) = (p.base.api, p.revision.api);
    let removed: Vec<(&str, SchemaId)> = p
        .base
        .view
        .properties
        .iter()
        .filter(|(n, _, _)| index.removed(n))
        .map(|(n, id, _)| (*n, *id))
        .collect();
    let added: Vec<(&str, SchemaId)> = p
        .revision
        .view
        .properties
        .iter()
        .filter(|(n, _, _)| !index.base.contains_key(n))
        .map(|(n, id, _)| (*n, *id))
        .collect();
    let renames = crate::diff::renames::property_renames(base_api, &removed, rev_api, &added);
    for (name, b_child, name_origin) in &p.base.view.properties {
        if index.removed(name) {
            let s = base_api.schema(*b_child);
            out.facts.push(Located {
                fact: SchemaFact::PropertyRemoved {
                    name: name.to_string(),
                    required: index.base_required.contains(name),
                    read_only: s.read_only,
                    write_only: s.write_only,
                    renamed_to: renames
                        .iter()
                        .find(|(from, _)| from == name)
                        .map(|(_, to)| to.clone()),
                },
                base: Some(*name_origin),
                revision: Some(p.revision.schema.origin),
            });
        }
    }
}

pub(super) fn compare_property_names(p: &Compared<'_>, out: &mut Facts, children: &mut Children) {
    compare_single(
        p,
        "property-names",
        Edge::PropertyNames,
        |s| s.extra().property_names,
        out,
        children,
    );
}

/// additionalProperties: a boolean either way, or a schema to compare.
pub(super) fn compare_additional_properties(
    p: &Compared<'_>,
    out: &mut Facts,
    children: &mut Children,
) {
    let b_ap = p
        .base
        .first(|s| s.additional_properties.is_some())
        .and_then(|s| s.additional_properties.clone());
    let r_ap = p
        .revision
        .first(|s| s.additional_properties.is_some())
        .and_then(|s| s.additional_properties.clone());
    let (x, y) = match (b_ap, r_ap) {
        (Some(AdditionalProperties::Schema(x)), Some(AdditionalProperties::Schema(y))) => {
            children.push((Edge::AdditionalProperties, x, y));
            return;
        }
        other => other,
    };
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

pub(super) fn compare_unevaluated_properties(
    p: &Compared<'_>,
    out: &mut Facts,
    children: &mut Children,
) {
    compare_unevaluated(
        p,
        "unevaluated-properties",
        Edge::UnevaluatedProperties,
        |s| s.extra().unevaluated_properties.clone(),
        out,
        children,
    );
}

pub(super) fn compare_pattern_properties(
    p: &Compared<'_>,
    out: &mut Facts,
    children: &mut Children,
) {
    compare_keyed(
        p,
        "pattern-property",
        Edge::PatternProperty,
        |s| &s.extra().pattern_properties,
        out,
        children,
    );
}

pub(super) fn compare_dependent_schemas(
    p: &Compared<'_>,
    out: &mut Facts,
    children: &mut Children,
) {
    compare_keyed(
        p,
        "dependent-schema",
        Edge::DependentSchema,
        |s| &s.extra().dependent_schemas,
        out,
        children,
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compare, edges, facts};
    use super::*;

    #[test]
    fn properties_added_and_removed_carry_what_the_classifier_needs() {
        assert_eq!(
            facts(
                "S: {type: object, properties: {a: {type: string}}}",
                "S: {type: object, properties: {a: {type: string}, b: {type: string, readOnly: true, default: x}}, required: [b]}"
            ),
            [SchemaFact::PropertyAdded {
                name: "b".into(),
                required: true,
                read_only: true,
                write_only: false,
                has_default: true
            }]
        );
        assert_eq!(
            facts(
                "S: {type: object, properties: {a: {type: string}, b: {type: integer, writeOnly: true}}, required: [b]}",
                "S: {type: object, properties: {a: {type: string}}}"
            ),
            [SchemaFact::PropertyRemoved {
                name: "b".into(),
                required: true,
                read_only: false,
                write_only: true,
                renamed_to: None
            }]
        );
    }

    #[test]
    fn a_kept_property_is_a_child_pair_with_its_required_and_flags() {
        let outcome = compare(
            "S: {type: object, properties: {a: {type: string}}}",
            "S: {type: object, properties: {a: {type: string, readOnly: true}}, required: [a]}",
        );
        assert_eq!(
            outcome.facts,
            [
                SchemaFact::PropertyFlagChanged {
                    name: "a".into(),
                    required: true,
                    flag: "read-only",
                    set: true
                },
                SchemaFact::PropertyBecameRequired {
                    name: "a".into(),
                    read_only: true,
                    write_only: false,
                    has_default: false
                },
            ]
        );
        assert_eq!(outcome.children[0].0, Edge::Property("a".into()));
        assert_eq!(outcome.children[0].1, [SchemaFact::BecameReadOnly]);
    }

    #[test]
    fn a_flag_on_the_schema_a_nullable_wrapper_wraps_is_the_propertys() {
        let f = facts(
            "S: {type: object, properties: {a: {type: string}}}",
            "S: {type: object, properties: {a: {oneOf: [{type: 'null'}, {type: string, writeOnly: true}]}}}",
        );
        assert_eq!(
            f,
            [SchemaFact::PropertyFlagChanged {
                name: "a".into(),
                required: false,
                flag: "write-only",
                set: true
            }]
        );
    }

    #[test]
    fn additional_properties_as_a_boolean_or_a_schema() {
        assert_eq!(
            facts(
                "S: {type: object, additionalProperties: false}",
                "S: {type: object, additionalProperties: true}"
            ),
            [SchemaFact::AdditionalPropertiesChanged {
                from: Some(false),
                to: Some(true)
            }]
        );
        assert_eq!(
            facts(
                "S: {type: object}",
                "S: {type: object, additionalProperties: {type: string}}"
            ),
            [SchemaFact::SubschemaAdded("additional-properties")]
        );
        // A schema allows additional properties as `true` did.
        assert!(
            facts(
                "S: {type: object, additionalProperties: true}",
                "S: {type: object, additionalProperties: {type: string}}"
            )
            .is_empty()
        );
        assert_eq!(
            edges(
                "S: {type: object, additionalProperties: {type: string}}",
                "S: {type: object, additionalProperties: {type: integer}}"
            ),
            [Edge::AdditionalProperties]
        );
    }

    #[test]
    fn dependent_required_by_triggering_property() {
        assert_eq!(
            facts(
                "S: {type: object, dependentRequired: {a: [b], c: [d]}}",
                "S: {type: object, dependentRequired: {a: [b, e], f: [g]}}"
            ),
            [
                SchemaFact::DependentRequiredChanged("a".into()),
                SchemaFact::DependentRequiredAdded("f".into()),
                SchemaFact::DependentRequiredRemoved("c".into()),
            ]
        );
    }

    #[test]
    fn keyed_and_single_sub_schemas_of_objects() {
        assert_eq!(
            facts(
                "S: {type: object, patternProperties: {'^a': {type: string}}}",
                "S: {type: object, patternProperties: {'^a': {type: string}, '^b': {}}, propertyNames: {maxLength: 3}, dependentSchemas: {x: {}}}"
            ),
            // In fill's order: propertyNames with the single sub-schemas, then the keyed ones.
            [
                SchemaFact::SubschemaAdded("property-names"),
                SchemaFact::SubschemaAdded("pattern-property"),
                SchemaFact::SubschemaAdded("dependent-schema"),
            ]
        );
        assert_eq!(
            edges(
                "S: {type: object, patternProperties: {'^a': {type: string}}}",
                "S: {type: object, patternProperties: {'^a': {type: integer}}}"
            ),
            [Edge::PatternProperty("^a".into())]
        );
        assert_eq!(
            facts(
                "S: {type: object, unevaluatedProperties: false}",
                "S: {type: object}"
            ),
            [SchemaFact::SubschemaRemoved("unevaluated-properties")]
        );
    }
}
