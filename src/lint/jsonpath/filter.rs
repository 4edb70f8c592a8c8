//! Filter expressions: evaluated per candidate node with `@` (and Spectral's `@property`,
//! `@parent`, `@parentProperty`) bound, with RFC 9535's semantics where a query is tested
//! for existence and JavaScript's where Spectral rulesets rely on it (truthiness, `typeof`,
//! loose comparisons, string methods).

use super::ast::{CmpOp, Expr, Func, Lit, Method, Root, Segment, Selector};
use super::{Docs, Hit, Query, Seg};
use crate::load::FileId;
use crate::tree::{Node, Value};
use regex::Regex;
use std::borrow::Cow;

/// What `@`, `@property`, `@parent` and `@parentProperty` stand for while a filter is
/// evaluated for one candidate.
pub(super) struct FilterCx<'a, 'd> {
    pub(super) docs: &'d Docs<'a>,
    pub(super) file: FileId,
    pub(super) node: &'a Node,
    pub(super) property: Option<Seg<'a>>,
    pub(super) parent: (FileId, &'a Node),
    pub(super) parent_property: Option<Seg<'a>>,
}

/// A value inside a filter expression.
#[derive(Clone, Debug)]
enum V<'a> {
    Nothing,
    Node(&'a Node),
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
    List(Vec<V<'a>>),
    /// A non-singular query's result.
    Nodes(Vec<&'a Node>),
}

impl<'a> V<'a> {
    /// A node as a plain value (scalars unwrapped).
    fn scalar(self) -> V<'a> {
        match self {
            V::Node(n) => match &n.value {
                Value::Null => V::Null,
                Value::Bool(b) => V::Bool(*b),
                Value::Number(x) => V::Num(x.as_f64().unwrap_or(f64::NAN)),
                Value::String(s) => V::Str(Cow::Borrowed(s)),
                _ => V::Node(n),
            },
            V::Nodes(mut ns) if ns.len() == 1 => V::Node(ns.pop().unwrap()).scalar(),
            V::Nodes(ns) if ns.is_empty() => V::Nothing,
            other => other,
        }
    }

    /// JavaScript truthiness.
    fn js_truthy(&self) -> bool {
        match self {
            V::Nothing | V::Null => false,
            V::Bool(b) => *b,
            V::Num(n) => *n != 0.0 && !n.is_nan(),
            V::Str(s) => !s.is_empty(),
            V::Node(n) => crate::lint::util::truthy(n),
            V::List(_) => true,
            V::Nodes(ns) => !ns.is_empty(),
        }
    }

    fn as_str(&self) -> Option<Cow<'a, str>> {
        match self.clone().scalar() {
            V::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl<'a> FilterCx<'a, '_> {
    /// The expression in a boolean position: a query is an existence test (RFC 9535),
    /// anything else is JavaScript-truthy.
    pub(super) fn truthy(&self, e: &Expr) -> bool {
        match e {
            Expr::Or(xs) => xs.iter().any(|x| self.truthy(x)),
            Expr::And(xs) => xs.iter().all(|x| self.truthy(x)),
            Expr::Not(x) => !self.truthy(x),
            Expr::Query(_) => match self.eval_inner(e) {
                V::Nothing => false,
                V::Nodes(ns) => !ns.is_empty(),
                _ => true,
            },
            Expr::Cmp(a, op, b) => compare(self.eval_inner(a), *op, self.eval_inner(b)),
            _ => self.eval_inner(e).js_truthy(),
        }
    }

    fn eval_inner<'e>(&self, e: &'e Expr) -> V<'e>
    where
        'a: 'e,
    {
        match e {
            Expr::Or(_) | Expr::And(_) | Expr::Not(_) | Expr::Cmp(..) => V::Bool(self.truthy(e)),
            Expr::Lit(l) => match l {
                Lit::Nothing => V::Nothing,
                Lit::Null => V::Null,
                Lit::Bool(b) => V::Bool(*b),
                Lit::Num(n) => V::Num(*n),
                Lit::Str(s) => V::Str(Cow::Borrowed(s)),
            },
            // Regexes live in the query, which outlives the evaluation; the borrow checker
            // cannot see that through `&Expr`, so matching is done in place instead.
            Expr::Regex(_) => V::Bool(true),
            Expr::Array(items) => V::List(items.iter().map(|x| self.eval_inner(x)).collect()),
            Expr::Property => seg_value(self.property),
            Expr::ParentProperty => seg_value(self.parent_property),
            Expr::Query(q) => self.query(q),
            Expr::Typeof(x) => {
                let t = match self.eval_inner(x).scalar() {
                    V::Nothing => "undefined",
                    V::Null | V::Node(_) | V::List(_) | V::Nodes(_) => "object",
                    V::Bool(_) => "boolean",
                    V::Num(_) => "number",
                    V::Str(_) => "string",
                };
                V::Str(Cow::Borrowed(t))
            }
            Expr::Length(x) => length_of(&self.eval_inner(x)),
            Expr::Call(f, args) => self.call(*f, args),
            Expr::Method(recv, m, args) => self.method(recv, *m, args),
        }
    }

    fn query(&self, q: &Query) -> V<'a> {
        let (file, node) = match q.root {
            Root::Current => (self.file, self.node),
            Root::Parent => self.parent,
            Root::Document => (self.docs.root_file, self.docs.root),
        };
        // The common case, a singular query (`@.a.b`, `@['x'][0]`), without allocation.
        if q.segments.iter().all(|s| {
            matches!(s, Segment::Child(sels) if sels.len() == 1 && matches!(sels[0], Selector::Name(_) | Selector::Index(_)))
        }) {
            let (mut f, mut n) = (file, node);
            let last = q.segments.len().saturating_sub(1);
            for (i, seg) in q.segments.iter().enumerate() {
                let Segment::Child(sels) = seg else {
                    unreachable!()
                };
                let (df, dn) = self.docs.deref(f, n);
                let next = match (&sels[0], &dn.value) {
                    (Selector::Name(name), Value::Object(o)) => o.get(name),
                    (Selector::Index(ix), Value::Array(items)) => {
                        let len = items.len() as i64;
                        let j = if *ix < 0 { len + ix } else { *ix };
                        (0..len).contains(&j).then(|| &items[j as usize])
                    }
                    // `x.length` on an array or string, as JavaScript reads it.
                    (Selector::Name(name), Value::Array(items)) if name == "length" && i == last => {
                        return V::Num(items.len() as f64);
                    }
                    (Selector::Name(name), Value::String(s)) if name == "length" && i == last => {
                        return V::Num(s.chars().count() as f64);
                    }
                    _ => None,
                };
                match next {
                    Some(c) => {
                        f = df;
                        n = c;
                    }
                    None => return V::Nothing,
                }
            }
            let (_, n) = self.docs.deref(f, n);
            return V::Node(n);
        }
        let start = Hit {
            file,
            node,
            key_span: None,
            path: Vec::new(),
        };
        V::Nodes(
            q.select_from(self.docs, start)
                .into_iter()
                .map(|h| h.node)
                .collect(),
        )
    }

    fn call<'e>(&self, f: Func, args: &'e [Expr]) -> V<'e>
    where
        'a: 'e,
    {
        let arg = |i: usize| {
            args.get(i)
                .map(|a| self.eval_inner(a))
                .unwrap_or(V::Nothing)
        };
        match f {
            Func::Length => length_of(&arg(0)),
            Func::Count => match arg(0) {
                V::Nodes(ns) => V::Num(ns.len() as f64),
                V::Nothing => V::Num(0.0),
                _ => V::Num(1.0),
            },
            Func::Value => arg(0).scalar(),
            Func::IsArray => {
                V::Bool(matches!(arg(0).scalar(), V::Node(n) if n.as_array().is_some()))
            }
            Func::Match | Func::Search => {
                let Some(s) = arg(0).as_str() else {
                    return V::Bool(false);
                };
                let re = match args.get(1) {
                    Some(Expr::Regex(re)) => Some(Cow::Borrowed(re)),
                    Some(other) => self
                        .eval_inner(other)
                        .as_str()
                        .and_then(|p| {
                            let p = if f == Func::Match {
                                format!("^(?:{p})$")
                            } else {
                                p.into_owned()
                            };
                            Regex::new(&p).ok()
                        })
                        .map(Cow::Owned),
                    None => None,
                };
                V::Bool(re.is_some_and(|re| re.is_match(&s)))
            }
        }
    }

    fn method<'e>(&self, recv: &'e Expr, m: Method, args: &'e [Expr]) -> V<'e>
    where
        'a: 'e,
    {
        if m == Method::Test {
            // `/re/.test(x)`
            let Expr::Regex(re) = recv else {
                return V::Bool(false);
            };
            let s = args.first().and_then(|a| self.eval_inner(a).as_str());
            return V::Bool(s.is_some_and(|s| re.is_match(&s)));
        }
        if m == Method::Match {
            let s = self.eval_inner(recv).as_str();
            let Some(s) = s else {
                return V::Nothing;
            };
            let hit = match args.first() {
                Some(Expr::Regex(re)) => re.is_match(&s),
                Some(other) => self
                    .eval_inner(other)
                    .as_str()
                    .and_then(|p| Regex::new(&p).ok())
                    .is_some_and(|re| re.is_match(&s)),
                None => false,
            };
            return if hit { V::Bool(true) } else { V::Null };
        }
        let r = self.eval_inner(recv).scalar();
        let a = args
            .first()
            .map(|a| self.eval_inner(a).scalar())
            .unwrap_or(V::Nothing);
        match m {
            Method::Includes => match (&r, &a) {
                (V::Str(s), V::Str(x)) => V::Bool(s.contains(x.as_ref())),
                (V::List(items), _) => V::Bool(items.iter().any(|i| equal(i, &a))),
                (V::Node(n), _) => V::Bool(
                    n.as_array()
                        .is_some_and(|items| items.iter().any(|i| equal(&V::Node(i), &a))),
                ),
                _ => V::Bool(false),
            },
            Method::StartsWith => match (&r, &a) {
                (V::Str(s), V::Str(x)) => V::Bool(s.starts_with(x.as_ref())),
                _ => V::Bool(false),
            },
            Method::EndsWith => match (&r, &a) {
                (V::Str(s), V::Str(x)) => V::Bool(s.ends_with(x.as_ref())),
                _ => V::Bool(false),
            },
            Method::IndexOf => match (&r, &a) {
                (V::Str(s), V::Str(x)) => V::Num(
                    s.find(x.as_ref())
                        .map(|i| s[..i].chars().count() as f64)
                        .unwrap_or(-1.0),
                ),
                (V::List(items), _) => V::Num(
                    items
                        .iter()
                        .position(|i| equal(i, &a))
                        .map(|i| i as f64)
                        .unwrap_or(-1.0),
                ),
                (V::Node(n), _) => V::Num(
                    n.as_array()
                        .and_then(|items| items.iter().position(|i| equal(&V::Node(i), &a)))
                        .map(|i| i as f64)
                        .unwrap_or(-1.0),
                ),
                _ => V::Num(-1.0),
            },
            Method::ToLowerCase => match r {
                V::Str(s) => V::Str(Cow::Owned(s.to_lowercase())),
                _ => V::Nothing,
            },
            Method::ToUpperCase => match r {
                V::Str(s) => V::Str(Cow::Owned(s.to_uppercase())),
                _ => V::Nothing,
            },
            Method::Match | Method::Test => unreachable!(),
        }
    }
}

fn seg_value(seg: Option<Seg<'_>>) -> V<'_> {
    match seg {
        Some(Seg::Key(k)) => V::Str(Cow::Borrowed(k)),
        Some(Seg::Index(i)) => V::Num(i as f64),
        None => V::Nothing,
    }
}

fn length_of<'a>(v: &V<'a>) -> V<'a> {
    match v.clone().scalar() {
        V::Str(s) => V::Num(s.chars().count() as f64),
        V::Node(n) => match &n.value {
            Value::Array(a) => V::Num(a.len() as f64),
            Value::Object(o) => V::Num(o.len() as f64),
            _ => V::Nothing,
        },
        V::List(items) => V::Num(items.len() as f64),
        _ => V::Nothing,
    }
}

fn compare(a: V<'_>, op: CmpOp, b: V<'_>) -> bool {
    let (a, b) = (a.scalar(), b.scalar());
    match op {
        CmpOp::Eq => equal(&a, &b),
        CmpOp::Ne => !equal(&a, &b),
        CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
            let ord = match (&a, &b) {
                (V::Num(x), V::Num(y)) => x.partial_cmp(y),
                (V::Str(x), V::Str(y)) => Some(x.cmp(y)),
                _ => None,
            };
            let Some(ord) = ord else {
                // RFC 9535: `<=` and `>=` also hold when the two are equal.
                return matches!(op, CmpOp::Le | CmpOp::Ge) && equal(&a, &b);
            };
            match op {
                CmpOp::Lt => ord.is_lt(),
                CmpOp::Le => ord.is_le(),
                CmpOp::Gt => ord.is_gt(),
                _ => ord.is_ge(),
            }
        }
    }
}

fn equal(a: &V<'_>, b: &V<'_>) -> bool {
    let (a, b) = (a.clone().scalar(), b.clone().scalar());
    match (&a, &b) {
        (V::Nothing, V::Nothing) | (V::Null, V::Null) => true,
        (V::Bool(x), V::Bool(y)) => x == y,
        (V::Num(x), V::Num(y)) => x == y,
        (V::Str(x), V::Str(y)) => x == y,
        (V::Node(x), V::Node(y)) => crate::lint::util::json_eq(x, y),
        (V::List(xs), V::Node(n)) | (V::Node(n), V::List(xs)) => n.as_array().is_some_and(|ys| {
            ys.len() == xs.len() && ys.iter().zip(xs).all(|(y, x)| equal(x, &V::Node(y)))
        }),
        (V::List(xs), V::List(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| equal(x, y))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{PETS, doc, paths};

    #[test]
    fn filters() {
        let d = doc(PETS);
        assert_eq!(
            paths(&d, "$..parameters[?(@.in == 'header')]"),
            ["paths//pets/get/parameters/1"]
        );
        assert_eq!(
            paths(&d, "$..parameters[?(@.in === 'query' && !@.required)]"),
            ["paths//pets/get/parameters/0"]
        );
        assert_eq!(
            paths(&d, "$..parameters[?@.required == true]"),
            ["paths//pets/get/parameters/1"]
        );
        assert_eq!(paths(&d, "$.tags[?(@.description)]"), ["tags/1"]);
        assert_eq!(paths(&d, "$.tags[?(!@.description)]"), ["tags/0"]);
        assert_eq!(
            paths(&d, "$.paths.*[?(@property.match(/^x-/))]"),
            ["paths//pets/x-foo"]
        );
        assert_eq!(
            paths(&d, "$.paths.*[?(!@property.startsWith('x-'))]").len(),
            3
        );
        assert_eq!(
            paths(&d, "$.paths.*[?(['get','delete'].includes(@property))]").len(),
            2
        );
        assert_eq!(
            paths(&d, "$.paths[?(@property === '/pets')]"),
            ["paths//pets"]
        );
        assert_eq!(
            paths(&d, "$..[?(@.tags && @.tags.length > 0)]"),
            ["paths//pets/get"]
        );
        assert_eq!(
            paths(&d, "$..[?(length(@.parameters) == 2)]"),
            ["paths//pets/get"]
        );
        assert_eq!(
            paths(&d, "$..[?(count(@.parameters[*]) == 2)]"),
            ["paths//pets/get"]
        );
        assert_eq!(paths(&d, "$.tags[?(match(@.name, 'a'))]"), ["tags/0"]);
        assert_eq!(
            paths(&d, "$.tags[?(search(@.description, 'b'))]"),
            ["tags/1"]
        );
        assert_eq!(paths(&d, "$.tags[?(@.description !== void 0)]"), ["tags/1"]);
        assert_eq!(
            paths(&d, "$.tags[?(typeof @.description === 'string')]"),
            ["tags/1"]
        );
        assert_eq!(paths(&d, "$.paths.*.get[?(Array.isArray(@))]").len(), 2);
        assert_eq!(paths(&d, "$.paths.*[?(@parent.get)]").len(), 3);
        assert_eq!(paths(&d, "$.tags[?(/^b/.test(@.name))]"), ["tags/1"]);
    }
}
