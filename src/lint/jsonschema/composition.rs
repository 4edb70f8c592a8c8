//! The applicators over the whole instance: `allOf`, `anyOf`, `oneOf`, `not` and
//! `if`/`then`/`else`, and how a failed `anyOf`/`oneOf` picks the branch whose errors to
//! report.
//!
//! Branches are tried on a copy of the evaluated-members tracker, so only a branch that
//! passes marks members evaluated for `unevaluatedProperties`.

use super::compile::Compiled;
use super::{Checking, Flow, Resolver, SchemaError, SchemaId, Tok, Validator, err};
use crate::tree::Node;

impl<'a, R: Resolver<'a>> Validator<'a, R> {
    pub(super) fn check_composition<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        for s in &c.all_of {
            self.check_in_place(*s, inst, cx)?;
        }
        if !c.any_of.is_empty() {
            let valid = self.alternatives(
                &c.any_of,
                false,
                inst,
                cx.path,
                &mut cx.errs,
                &mut cx.tracker,
            );
            cx.sub(valid)?;
        }
        if !c.one_of.is_empty() {
            let valid = self.alternatives(
                &c.one_of,
                true,
                inst,
                cx.path,
                &mut cx.errs,
                &mut cx.tracker,
            );
            cx.sub(valid)?;
        }
        if let Some(n) = c.not
            && self.check(n, inst, cx.path, None, None)
        {
            cx.fail(inst, "not", || "must NOT be valid".to_string())?;
        }
        self.check_conditional(c, inst, cx)
    }

    /// `if`/`then`/`else`: `if` reports no errors of its own, and marks members evaluated
    /// only when it passes.
    fn check_conditional<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        let Some(i) = c.if_ else {
            return Flow::Continue(());
        };
        let mut t = cx.tracker.as_deref().map(|t| t.to_vec());
        let branch = if self.check(i, inst, cx.path, None, t.as_mut()) {
            if let (Some(t), Some(dst)) = (t, cx.tracker.as_deref_mut()) {
                merge(dst, &t);
            }
            c.then_
        } else {
            c.else_
        };
        if let Some(b) = branch {
            self.check_in_place(b, inst, cx)?;
        }
        Flow::Continue(())
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

#[cfg(test)]
mod tests {
    use super::super::tests::plain;

    #[test]
    fn failed_any_of_reports_the_closest_branch() {
        let s = "{anyOf: [{type: string}, {type: object, required: [a], properties: {a: {type: integer}}}]}";
        assert_eq!(plain(s, "{a: x}"), ["/a type: must be integer"]);
        // A branch that rules the instance out whole (`false`, a wrong type) ranks last.
        assert_eq!(
            plain("{anyOf: [{not: {}}, false]}", "1"),
            ["/ not: must NOT be valid"]
        );
    }

    #[test]
    fn if_then_else_reports_the_taken_branch() {
        let s = "{if: {type: string}, then: {minLength: 2}, else: {minimum: 0}}";
        assert_eq!(
            plain(s, "a"),
            ["/ minLength: must NOT have fewer than 2 characters"]
        );
        assert_eq!(plain(s, "-1"), ["/ minimum: must be >= 0"]);
        assert!(plain("{then: false}", "1").is_empty());
    }

    #[test]
    fn all_of_and_not_report_every_failure() {
        assert_eq!(
            plain("{allOf: [{type: string}, {not: {type: integer}}]}", "1"),
            ["/ type: must be string", "/ not: must NOT be valid"]
        );
    }
}
