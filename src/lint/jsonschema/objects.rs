//! The object keywords: `required` (with `readOnly`/`writeOnly` exemptions),
//! `minProperties`/`maxProperties`, `dependentRequired`, `properties`,
//! `patternProperties`, `additionalProperties`, `propertyNames`, `dependentSchemas`, and
//! `unevaluatedProperties`, which runs last because it needs what all the others evaluated.

use super::compile::Compiled;
use super::{Checking, Direction, Flow, Resolver, SchemaId, Tok, Validator};
use crate::tree::{Node, Object};

impl<'a, R: Resolver<'a>> Validator<'a, R> {
    pub(super) fn check_object<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        o: &'i Object,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        self.check_required(c, inst, o, cx)?;
        let n = o.len() as u64;
        if let Some(min) = c.min_props.filter(|m| n < *m) {
            cx.fail(inst, "minProperties", || {
                format!("must NOT have fewer than {min} properties")
            })?;
        }
        if let Some(max) = c.max_props.filter(|m| n > *m) {
            cx.fail(inst, "maxProperties", || {
                format!("must NOT have more than {max} properties")
            })?;
        }
        for (key, names) in &c.dependent_required {
            if o.get(key).is_some() {
                for name in names {
                    if o.get(name).is_none() {
                        cx.fail(inst, "dependentRequired", || {
                            format!("must have property '{name}' when property '{key}' is present")
                        })?;
                    }
                }
            }
        }
        self.check_members(c, o, cx)?;
        for (key, s) in &c.dependent_schemas {
            if o.get(key).is_some() {
                self.check_in_place(*s, inst, cx)?;
            }
        }
        Flow::Continue(())
    }

    /// `required`, except what the direction lets be absent: a read-only property in a
    /// request, a write-only one in a response.
    fn check_required<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        o: &'i Object,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
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
            cx.fail(inst, "required", || {
                format!("must have required property '{name}'")
            })?;
        }
        Flow::Continue(())
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

    /// Each member against the schemas that apply to it (`properties`, every matching
    /// `patternProperties`, else `additionalProperties`), and its name against
    /// `propertyNames`. Members that some schema applies to are marked evaluated.
    fn check_members<'i>(
        &mut self,
        c: &Compiled<'a>,
        o: &'i Object,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
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
                // `additionalProperties: false` is about the key, not the value.
                if self.schemas[add.0 as usize].always == Some(false) {
                    cx.fail_member(
                        &e.value,
                        Some(e.key_span),
                        &e.key,
                        "additionalProperties",
                        || format!("Property `{}` is not expected to be here", e.key),
                    )?;
                    continue;
                }
                matched = true;
                targets.push(add);
            }
            if matched && let Some(t) = cx.tracker.as_deref_mut() {
                t[i] = true;
            }
            if let Some(pn) = c.property_names {
                let key_node = Node::new(e.key_span, crate::tree::Value::String(e.key.clone()));
                if !self.check(pn, &key_node, &mut Vec::new(), None, None) {
                    cx.fail_member(&e.value, Some(e.key_span), &e.key, "propertyNames", || {
                        format!("property name `{}` is invalid", e.key)
                    })?;
                }
            }
            for s in targets.iter() {
                cx.path.push(Tok::Key(&e.key));
                let valid = self.check(s, &e.value, cx.path, cx.errs.as_deref_mut(), None);
                cx.path.pop();
                cx.sub(valid)?;
            }
        }
        Flow::Continue(())
    }

    /// `unevaluatedProperties`: the members no other keyword of the schema (through its
    /// references and applicators) evaluated.
    pub(super) fn check_unevaluated<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        evaluated: &[bool],
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        let (Some(u), Some(o)) = (c.unevaluated, inst.as_object()) else {
            return Flow::Continue(());
        };
        let never = self.schemas[u.0 as usize].always == Some(false);
        for (i, e) in o.entries.iter().enumerate() {
            if evaluated[i] {
                continue;
            }
            if never {
                cx.fail_member(
                    &e.value,
                    Some(e.key_span),
                    &e.key,
                    "unevaluatedProperties",
                    || format!("Property `{}` is not expected to be here", e.key),
                )?;
            } else {
                cx.path.push(Tok::Key(&e.key));
                let valid = self.check(u, &e.value, cx.path, cx.errs.as_deref_mut(), None);
                cx.path.pop();
                cx.sub(valid)?;
            }
        }
        Flow::Continue(())
    }
}

/// A tiny inline vector for the (usually one) schemas a property is checked against.
mod smallvec_like {
    use super::super::SchemaId;

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

#[cfg(test)]
mod tests {
    use super::super::tests::plain;

    #[test]
    fn property_counts_and_dependencies() {
        assert_eq!(
            plain(
                "{minProperties: 3, dependentRequired: {a: [b, c]}}",
                "{a: 1, c: 2}"
            ),
            [
                "/ minProperties: must NOT have fewer than 3 properties",
                "/ dependentRequired: must have property 'b' when property 'a' is present"
            ]
        );
        // Draft-04 `dependencies`: a list of names or a schema.
        assert_eq!(
            plain(
                "{dependencies: {a: [b], c: {required: [d]}}}",
                "{a: 1, c: 2}"
            ),
            [
                "/ dependentRequired: must have property 'b' when property 'a' is present",
                "/ required: must have required property 'd'"
            ]
        );
        assert_eq!(
            plain("{maxProperties: 1}", "{a: 1, b: 2}"),
            ["/ maxProperties: must NOT have more than 1 properties"]
        );
    }

    #[test]
    fn pattern_and_additional_properties() {
        let s = "{properties: {a: {type: string}}, patternProperties: {'^x-': {type: integer}}, additionalProperties: {type: boolean}}";
        assert!(plain(s, "{a: s, x-n: 1, other: true}").is_empty());
        assert_eq!(
            plain(s, "{a: 1, x-n: s, other: 1}"),
            [
                "/a type: must be string",
                "/x-n type: must be integer",
                "/other type: must be boolean"
            ]
        );
    }

    #[test]
    fn property_names_point_at_the_member() {
        assert_eq!(
            plain("{propertyNames: {pattern: '^[a-z]+$'}}", "{ok: 1, Bad: 2}"),
            ["/Bad propertyNames: property name `Bad` is invalid"]
        );
    }

    #[test]
    fn unevaluated_properties_against_a_schema() {
        assert_eq!(
            plain(
                "{properties: {a: true}, unevaluatedProperties: {type: integer}}",
                "{a: x, b: 1, c: y}"
            ),
            ["/c type: must be integer"]
        );
    }
}
