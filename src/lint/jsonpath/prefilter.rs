//! Prefilters: what a filter needs of `@` before it can hold, worked out when the query is
//! parsed. `$..[?(...)]` visits every node of a document; most are scalars, arrays, or
//! objects without the member the filter tests, and are skipped without evaluating it.

use super::Docs;
use super::ast::{CmpOp, Expr, Lit, Root, Segment, Selector};
use crate::tree::{Node, Value};

/// What a filter needs of `@` before it can hold, known when the query is parsed, so that
/// `$..[?(...)]` skips without evaluating the filter the scalars and arrays that make up most
/// of a document, and the objects that lack the member it tests.
#[derive(Clone, Debug, Default)]
pub(super) struct Prefilter {
    pub(super) object_only: bool,
    /// A member `@` must have (or be a `$ref` to an object that may have it).
    pub(super) member: Option<String>,
}

impl Prefilter {
    pub(super) fn of(e: &Expr) -> Prefilter {
        Prefilter {
            object_only: needs_object(e),
            member: required_member(e).map(str::to_string),
        }
    }

    /// Whether the filter may hold for `n` (after following `$ref` when `docs` resolve).
    pub(super) fn admits(&self, n: &Node, docs: &Docs<'_>) -> bool {
        if !self.object_only {
            return true;
        }
        let Value::Object(o) = &n.value else {
            return false;
        };
        match &self.member {
            Some(m) => o.get(m).is_some() || (docs.resolved && o.get("$ref").is_some()),
            None => true,
        }
    }
}

/// Whether filter `e` can only hold when `@` is an object: it needs a member `@.name` to be
/// defined (an existence test, a comparison with a defined literal, `!== void 0`, a `typeof`
/// other than "undefined"). `length` is left out: strings and arrays have it.
fn needs_object(e: &Expr) -> bool {
    match e {
        Expr::And(xs) => xs.iter().any(needs_object),
        Expr::Or(xs) => !xs.is_empty() && xs.iter().all(needs_object),
        _ => defined_member(e).is_some(),
    }
}

/// A member of `@` that must be defined for `e` to hold (the first such of a conjunction).
fn required_member(e: &Expr) -> Option<&str> {
    match e {
        Expr::And(xs) => xs.iter().find_map(required_member),
        _ => defined_member(e),
    }
}

/// The member `name` when `e` is one test that `@.name` is defined.
fn defined_member(e: &Expr) -> Option<&str> {
    fn member(e: &Expr) -> Option<&str> {
        let Expr::Query(q) = e else { return None };
        if q.root != Root::Current {
            return None;
        }
        match q.segments.first() {
            Some(Segment::Child(sels)) if sels.len() == 1 => match &sels[0] {
                Selector::Name(n) if n != "length" => Some(n.as_str()),
                _ => None,
            },
            _ => None,
        }
    }
    let defined_literal = |e: &Expr| matches!(e, Expr::Lit(l) if *l != Lit::Nothing);
    let nothing = |e: &Expr| matches!(e, Expr::Lit(Lit::Nothing));
    fn typeof_member<'e>(a: &'e Expr, b: &Expr) -> Option<&'e str> {
        match a {
            Expr::Typeof(x) if matches!(b, Expr::Lit(Lit::Str(t)) if t != "undefined") => member(x),
            _ => None,
        }
    }
    match e {
        Expr::Query(_) => member(e),
        Expr::Cmp(a, CmpOp::Eq, b) => member(a)
            .filter(|_| defined_literal(b))
            .or_else(|| member(b).filter(|_| defined_literal(a)))
            .or_else(|| typeof_member(a, b))
            .or_else(|| typeof_member(b, a)),
        Expr::Cmp(a, CmpOp::Ne, b) => member(a)
            .filter(|_| nothing(b))
            .or_else(|| member(b).filter(|_| nothing(a))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Query;
    use super::super::ast::{Segment, Selector};
    use super::super::tests::{doc, paths};

    #[test]
    fn prefilters_keep_every_match() {
        let d = doc(
            r#"{"a": {"enum": [1, 1], "type": "x"}, "b": ["xyz", {"enum": 0}], "c": "long",
            "d": {"type": "string"}}"#,
        );
        let pre = |q: &str| {
            let parsed = Query::parse(q).unwrap();
            let Some(Segment::Descendant(sels)) = parsed.segments.first() else {
                panic!("{q}")
            };
            let Selector::Filter(_, p) = &sels[0] else {
                panic!("{q}")
            };
            (p.object_only, p.member.clone())
        };
        assert_eq!(
            pre("$..[?(@property !== 'p' && @.enum)]"),
            (true, Some("enum".into()))
        );
        assert_eq!(pre("$..[?(@.type === 'x')]"), (true, Some("type".into())));
        assert_eq!(
            pre("$..[?(typeof @.enum === 'number')]"),
            (true, Some("enum".into()))
        );
        assert_eq!(
            pre("$..[?(@.enum !== void 0)]"),
            (true, Some("enum".into()))
        );
        assert_eq!(pre("$..[?(@.a || @.b)]"), (true, None));
        assert_eq!(pre("$..[?(@.length > 2)]"), (false, None));
        assert_eq!(pre("$..[?(@.a || @ == 'long')]"), (false, None));
        assert_eq!(pre("$..[?(!@.enum)]"), (false, None));
        assert_eq!(pre("$..[?(@.enum === void 0)]"), (false, None));

        assert_eq!(
            paths(&d, "$..[?(@property !== 'p' && @.enum)]"),
            ["a", "b/1"]
        );
        assert_eq!(paths(&d, "$..[?(@.type === 'string')]"), ["d"]);
        assert_eq!(paths(&d, "$..[?(typeof @.enum === 'number')]"), ["b/1"]);
        // Strings and arrays have a length; scalars can equal a literal.
        assert_eq!(paths(&d, "$..[?(@.length > 2)]"), ["b/0", "c", "d/type"]);
        assert_eq!(
            paths(&d, "$..[?(@.enum || @ == 'long')]"),
            ["a", "b/1", "c"]
        );
        assert_eq!(paths(&d, "$..[?(!@.enum)]").len(), 10);
    }
}
