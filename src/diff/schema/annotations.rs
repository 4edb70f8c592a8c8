//! What a schema says about its values without constraining them: description, title,
//! examples, default, extensions, and the readOnly/writeOnly/deprecated flags. Grouped
//! because they belong to the value as a whole: when a wrapper stands for the schema it
//! wraps, they are compared once, on the wrapper with the wrapped schema's as fallback
//! (see `wrappers`), and not again on the unwrapped pair.

use super::json::{json_eq, missing_from};
use super::{Compared, Facts, View};
use crate::diff::fact::SchemaFact;
use crate::model::{Api, Schema};
use serde_json::Value as Json;

/// The annotations of both schemas of the pair, flags read from any allOf part.
pub(super) fn compare_own(p: &Compared<'_>, out: &mut Facts) {
    compare_annotations(
        out,
        &Annotations::of(p.base.api, &p.base.view, p.base.schema),
        &Annotations::of(p.revision.api, &p.revision.view, p.revision.schema),
    );
}

/// What a schema says about its values without constraining them, and the flags.
pub(super) struct Annotations<'s> {
    description: Option<&'s str>,
    title: Option<&'s str>,
    examples: &'s [crate::model::ValueDigest],
    default: Option<&'s Json>,
    read_only: bool,
    write_only: bool,
    deprecated: bool,
    extensions: &'s [(String, Json)],
}

impl<'s> Annotations<'s> {
    /// Documentation, default and extensions of the schema itself; flags from any part.
    pub fn of(api: &'s Api, v: &View, own: &'s Schema) -> Self {
        let flag = |f: fn(&Schema) -> bool| v.parts.iter().any(|&p| f(api.schema(p)));
        Annotations {
            description: own.description.as_deref(),
            title: own.title.as_deref(),
            examples: &own.examples,
            default: own.extra().default.as_ref(),
            read_only: flag(|s| s.read_only),
            write_only: flag(|s| s.write_only),
            deprecated: flag(|s| s.deprecated),
            extensions: &own.extensions,
        }
    }

    /// What a schema says itself, without its parts.
    pub fn own(s: &'s Schema) -> Self {
        Annotations {
            description: s.description.as_deref(),
            title: s.title.as_deref(),
            examples: &s.examples,
            default: s.extra().default.as_ref(),
            read_only: s.read_only,
            write_only: s.write_only,
            deprecated: s.deprecated,
            extensions: &s.extensions,
        }
    }

    /// Nothing said.
    pub fn none() -> Self {
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
    pub fn or(self, inner: Annotations<'s>) -> Self {
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

pub(super) fn compare_annotations(out: &mut Facts, b: &Annotations<'_>, r: &Annotations<'_>) {
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
    if b.examples != r.examples {
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

#[cfg(test)]
mod tests {
    use super::super::testing::facts;
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_compare_as_json_values() {
        assert_eq!(
            facts("S: {type: integer}", "S: {type: integer, default: 1}"),
            [SchemaFact::DefaultAdded(json!(1))]
        );
        assert_eq!(
            facts(
                "S: {type: integer, default: 1}",
                "S: {type: integer, default: 2}"
            ),
            [SchemaFact::DefaultChanged {
                from: json!(1),
                to: json!(2)
            }]
        );
        assert!(
            facts(
                "S: {type: number, default: 1}",
                "S: {type: number, default: 1.0}"
            )
            .is_empty()
        );
    }

    #[test]
    fn flags_documentation_and_examples_in_that_order() {
        assert_eq!(
            facts(
                "S: {type: string, title: a, examples: [x]}",
                "S: {type: string, readOnly: true, deprecated: true, description: d, title: b, examples: [y]}"
            ),
            [
                SchemaFact::BecameReadOnly,
                SchemaFact::Deprecated,
                SchemaFact::DescriptionChanged,
                SchemaFact::TitleChanged,
                SchemaFact::ExamplesChanged,
            ]
        );
        assert_eq!(
            facts(
                "S: {type: string, writeOnly: true, deprecated: true}",
                "S: {type: string}"
            ),
            [SchemaFact::BecameNotWriteOnly, SchemaFact::Reactivated]
        );
    }

    #[test]
    fn flags_come_from_any_allof_part() {
        assert!(
            facts(
                "S: {type: string, readOnly: true}",
                "S: {allOf: [{type: string}, {readOnly: true}]}"
            )
            .is_empty()
        );
    }

    #[test]
    fn extensions_by_key_and_an_extensible_enum_by_value() {
        assert_eq!(
            facts(
                "S: {type: string, x-a: 1, x-b: 1}",
                "S: {type: string, x-a: 2, x-c: 1}"
            ),
            [
                SchemaFact::ExtensionChanged("x-a".into()),
                SchemaFact::ExtensionChanged("x-c".into()),
                SchemaFact::ExtensionChanged("x-b".into()),
            ]
        );
        assert_eq!(
            facts(
                "S: {type: string, x-extensible-enum: [a, b]}",
                "S: {type: string, x-extensible-enum: [b, c]}"
            ),
            [
                SchemaFact::ExtensibleEnumValueAdded(json!("c")),
                SchemaFact::ExtensibleEnumValueRemoved(json!("a")),
            ]
        );
    }
}
