//! The discriminator: its property and its mapping of tag values to branches. Apart from
//! `composition` because it runs after the branches are paired: a mapping key that came or
//! went with its branch is that branch's change, told once.

use super::{Compared, Facts};
use crate::diff::fact::SchemaFact;
use crate::model::{Api, Discriminator, SchemaId};

pub(super) fn compare(p: &Compared<'_>, out: &mut Facts) {
    let bd = p
        .base
        .first(|s| s.discriminator.is_some())
        .and_then(|s| s.discriminator.as_ref());
    let rd = p
        .revision
        .first(|s| s.discriminator.is_some())
        .and_then(|s| s.discriminator.as_ref());
    match (bd, rd) {
        (None, Some(_)) => out.push(SchemaFact::DiscriminatorAdded),
        (Some(_), None) => out.push(SchemaFact::DiscriminatorRemoved),
        (Some(x), Some(y)) => compare_both(
            &Mapping::of(p.base.api, x),
            &Mapping::of(p.revision.api, y),
            x,
            y,
            out,
        ),
        (None, None) => {}
    }
}

/// A discriminator's mapping by what each value names: (tag value, schema), and the
/// default.
struct Mapping<'a> {
    entries: Vec<(&'a str, &'a str)>,
    default: Option<&'a str>,
}

impl<'a> Mapping<'a> {
    fn of(api: &'a Api, d: &'a Discriminator) -> Mapping<'a> {
        let target = |text: &'a str, id: Option<SchemaId>| {
            id.and_then(|id| api.schema(id).name.as_deref())
                .unwrap_or_else(|| mapping_target(text))
        };
        Mapping {
            entries: d
                .mapping
                .iter()
                .enumerate()
                .map(|(i, (k, v))| (k.as_str(), target(v, d.targets.get(i).copied().flatten())))
                .collect(),
            default: d
                .default_mapping
                .as_deref()
                .map(|v| target(v, d.default_target)),
        }
    }

    fn get(&self, key: &str) -> Option<&'a str> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }
}

fn compare_both(
    xm: &Mapping<'_>,
    ym: &Mapping<'_>,
    x: &Discriminator,
    y: &Discriminator,
    out: &mut Facts,
) {
    if x.property_name != y.property_name {
        out.push(SchemaFact::DiscriminatorPropertyChanged {
            from: x.property_name.clone(),
            to: y.property_name.clone(),
        });
    }
    for &(k, v) in &ym.entries {
        // A key that arrived with its branch is that branch's addition, told once (a client
        // meets the new alternative either way).
        let with_branch = out.facts.iter().any(|f| {
            matches!(&f.fact, SchemaFact::BranchesAdded { labels, .. }
                if labels.iter().any(|l| l == v))
        });
        match xm.get(k) {
            None if with_branch => {}
            None => out.push(SchemaFact::DiscriminatorMappingAdded(k.to_string())),
            Some(w) if w != v => out.push(SchemaFact::DiscriminatorMappingChanged(k.to_string())),
            _ => {}
        }
    }
    for &(k, w) in &xm.entries {
        // A key that left with its branch is that branch's removal, told once.
        let with_branch = out.facts.iter().any(|f| {
            matches!(&f.fact, SchemaFact::BranchesRemoved { labels, .. }
                if labels.iter().any(|l| l == w))
        });
        if ym.get(k).is_none() && !with_branch {
            out.push(SchemaFact::DiscriminatorMappingRemoved(k.to_string()));
        }
    }
    if xm.default != ym.default {
        out.push(SchemaFact::DiscriminatorDefaultMappingChanged {
            from: x.default_mapping.clone(),
            to: y.default_mapping.clone(),
        });
    }
}

/// A mapping value that names no schema (`#/components/schemas/Cat` or `Cat`), by the name
/// it ends in, the way branch labels name components.
fn mapping_target(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

#[cfg(test)]
mod tests {
    use super::super::testing::facts;
    use super::*;

    const ABC: &str = "A: {type: object}\nB: {type: object}\nC: {type: object}";

    #[test]
    fn added_and_removed() {
        assert_eq!(
            facts(
                "S: {type: object}",
                "S: {type: object, discriminator: {propertyName: k}}"
            ),
            [SchemaFact::DiscriminatorAdded]
        );
        assert_eq!(
            facts(
                "S: {type: object, discriminator: {propertyName: k}}",
                "S: {type: object}"
            ),
            [SchemaFact::DiscriminatorRemoved]
        );
    }

    #[test]
    fn property_and_mapping_changes() {
        let f = facts(
            &format!(
                "S: {{oneOf: [{{$ref: '#/components/schemas/A'}}], discriminator: {{propertyName: k, mapping: {{a: '#/components/schemas/A'}}}}}}\n{ABC}"
            ),
            &format!(
                "S: {{oneOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}], discriminator: {{propertyName: kind, mapping: {{a: '#/components/schemas/C', b: '#/components/schemas/B', c: '#/components/schemas/C'}}}}}}\n{ABC}"
            ),
        );
        // `b` arrived with its branch B: told as the branch added only.
        assert_eq!(
            f,
            [
                SchemaFact::BranchesAdded {
                    keyword: "one-of",
                    labels: vec!["B".into()]
                },
                SchemaFact::DiscriminatorPropertyChanged {
                    from: "k".into(),
                    to: "kind".into()
                },
                SchemaFact::DiscriminatorMappingChanged("a".into()),
                SchemaFact::DiscriminatorMappingAdded("c".into()),
            ]
        );
    }

    #[test]
    fn mappings_compare_by_the_name_they_end_in() {
        let f = facts(
            &format!(
                "S: {{oneOf: [{{$ref: '#/components/schemas/A'}}, {{$ref: '#/components/schemas/B'}}], discriminator: {{propertyName: k, mapping: {{a: A, b: B, c: C}}, defaultMapping: A}}}}\n{ABC}"
            ),
            &format!(
                "S: {{oneOf: [{{$ref: '#/components/schemas/A'}}], discriminator: {{propertyName: k, mapping: {{a: '#/components/schemas/A'}}, defaultMapping: C}}}}\n{ABC}"
            ),
        );
        // `b` left with its branch; `c` left alone.
        assert_eq!(
            f,
            [
                SchemaFact::BranchesRemoved {
                    keyword: "one-of",
                    labels: vec!["B".into()]
                },
                SchemaFact::DiscriminatorMappingRemoved("c".into()),
                SchemaFact::DiscriminatorDefaultMappingChanged {
                    from: Some("A".into()),
                    to: Some("C".into())
                },
            ]
        );
    }
}
