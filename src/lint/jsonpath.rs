//! JSONPath (RFC 9535) over the spanned tree, with the extensions Spectral rulesets use.
//!
//! Supported: `$`, `.name`, `['name']`, `[0]`, `[-1]`, `[1:3:1]`, `*`, `..` (descendants),
//! unions (`[get,put]`, bare names allowed as in JSONPath-Plus), and filters `?(...)` or `?...`
//! with `==`/`!=` (and `===`/`!==`), `<`, `<=`, `>`, `>=`, `&&`, `||`, `!`, parentheses,
//! existence tests, the RFC functions `length()`, `count()`, `match()`, `search()`,
//! `value()`, and the JavaScript forms Spectral rulesets are written with: `@property`,
//! `@parentProperty`, `@parent`, `void 0`/`undefined`, `typeof x`, `Array.isArray(x)`,
//! `x.length`, `x.match(/re/)`, `/re/.test(x)`, `x.includes(y)`, `x.startsWith(y)`,
//! `x.endsWith(y)`, `x.indexOf(y)` and array literals (`['get','put'].includes(@property)`),
//! and a final `~` (JSONPath-Plus: the names of the selected members, see
//! [`Query::selects_names`]).
//!
//! Evaluation returns [`Hit`]s: the node, the file it is in, the key it was reached by and
//! its path. Child selection follows `$ref`s when the query is evaluated "resolved" (the
//! Spectral default), so `$.paths[*][*].responses[*]` sees referenced responses where they
//! are defined; descendant segments (`..`) walk each file's tree as written, so every node is
//! visited once, and a descendant query from the root document also walks every other file
//! of the workspace.

use crate::load::{FileId, Workspace};
use crate::tree::{Node, Span, Value};
use regex::Regex;
use std::borrow::Cow;

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Query {
    source: String,
    root: Root,
    segments: Vec<Segment>,
    /// Ends in `~` (JSONPath-Plus): the names of the selected members, not their values.
    names: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Root {
    /// `$`
    Document,
    /// `@`
    Current,
    /// `@parent` (JSONPath-Plus)
    Parent,
}

#[derive(Clone, Debug)]
enum Segment {
    Child(Vec<Selector>),
    Descendant(Vec<Selector>),
}

#[derive(Clone, Debug)]
enum Selector {
    Name(String),
    Wildcard,
    Index(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    /// The expression, and what `@` must be for it to hold ([`Prefilter`]).
    Filter(Box<Expr>, Prefilter),
}

/// What a filter needs of `@` before it can hold, known when the query is parsed, so that
/// `$..[?(...)]` skips without evaluating the filter the scalars and arrays that make up most
/// of a document, and the objects that lack the member it tests.
#[derive(Clone, Debug, Default)]
struct Prefilter {
    object_only: bool,
    /// A member `@` must have (or be a `$ref` to an object that may have it).
    member: Option<String>,
}

impl Prefilter {
    fn of(e: &Expr) -> Prefilter {
        Prefilter {
            object_only: needs_object(e),
            member: required_member(e).map(str::to_string),
        }
    }

    /// Whether the filter may hold for `n` (after following `$ref` when `docs` resolve).
    fn admits(&self, n: &Node, docs: &Docs<'_>) -> bool {
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

#[derive(Clone, Debug)]
enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Cmp(Box<Expr>, CmpOp, Box<Expr>),
    Query(Query),
    Lit(Lit),
    Regex(Regex),
    Array(Vec<Expr>),
    /// `@property`
    Property,
    /// `@parentProperty`
    ParentProperty,
    Typeof(Box<Expr>),
    Call(Func, Vec<Expr>),
    Method(Box<Expr>, Method, Vec<Expr>),
    /// `x.length` on a value that is not a query (a method result, a literal).
    Length(Box<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
enum Lit {
    Nothing,
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Func {
    Length,
    Count,
    Match,
    Search,
    Value,
    IsArray,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Match,
    Test,
    Includes,
    StartsWith,
    EndsWith,
    IndexOf,
    ToLowerCase,
    ToUpperCase,
}

/// One path segment of a hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

impl std::fmt::Display for Seg<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Seg::Key(k) => f.write_str(k),
            Seg::Index(i) => write!(f, "{i}"),
        }
    }
}

/// A node a query selected.
#[derive(Clone, Debug)]
pub struct Hit<'a> {
    pub file: FileId,
    pub node: &'a Node,
    /// The span of the key this node is the value of (objects only).
    pub key_span: Option<Span>,
    /// The path from the query's start (logical: through followed `$ref`s).
    pub path: Vec<Seg<'a>>,
}

impl<'a> Hit<'a> {
    /// The member name or index this node was reached by.
    pub fn last(&self) -> Option<Seg<'a>> {
        self.path.last().copied()
    }
}

/// What a query runs over: the documents and how `$ref`s are followed.
#[derive(Clone, Copy)]
pub struct Docs<'a> {
    /// The root document (file 0 of a workspace).
    pub root: &'a Node,
    pub root_file: FileId,
    /// For following `$ref`s and walking the other files; `None` for a bare tree.
    pub ws: Option<&'a Workspace>,
    /// Follow `$ref`s in child selection and filter sub-queries.
    pub resolved: bool,
}

impl<'a> Docs<'a> {
    pub fn tree(root: &'a Node) -> Docs<'a> {
        Docs {
            root,
            root_file: 0,
            ws: None,
            resolved: false,
        }
    }

    pub fn workspace(ws: &'a Workspace, resolved: bool) -> Docs<'a> {
        Docs {
            root: ws.root(),
            root_file: 0,
            ws: Some(ws),
            resolved,
        }
    }

    /// Follows `$ref` (chains of them too) when resolving; the node itself otherwise or when
    /// the reference leads nowhere.
    pub fn deref(&self, file: FileId, node: &'a Node) -> (FileId, &'a Node) {
        if !self.resolved {
            return (file, node);
        }
        deref(self.ws, file, node)
    }
}

/// Follows `$ref` objects through the workspace as far as the chain goes; on a loop, stops
/// at the first reference met again.
pub fn deref<'a>(ws: Option<&'a Workspace>, file: FileId, node: &'a Node) -> (FileId, &'a Node) {
    let Some(ws) = ws else {
        return (file, node);
    };
    let (mut file, mut node) = (file, node);
    let mut seen: rustc_hash::FxHashSet<*const Node> = rustc_hash::FxHashSet::default();
    while let Some(reference) = node.get("$ref").and_then(Node::as_str) {
        if !seen.insert(node as *const Node) {
            break;
        }
        match ws.resolve(file, reference) {
            Ok((f, n)) => {
                file = f;
                node = n;
            }
            Err(_) => break,
        }
    }
    (file, node)
}

impl Query {
    pub fn parse(text: &str) -> Result<Query, String> {
        let mut p = Parser { src: text, pos: 0 };
        p.skip_ws();
        let q = p.query()?;
        p.skip_ws();
        if p.pos != text.len() {
            return Err(p.error("unexpected text"));
        }
        if q.root != Root::Document {
            return Err(format!("`{text}`: a query must start with `$`"));
        }
        Ok(q)
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the query ends in `~`: it selects member names. [`Query::select`] returns the
    /// members; their names are the last segments of the hits' paths.
    pub fn selects_names(&self) -> bool {
        self.names
    }

    /// Runs the query from the root document.
    pub fn select<'a>(&self, docs: &Docs<'a>) -> Vec<Hit<'a>> {
        let start = Hit {
            file: docs.root_file,
            node: docs.root,
            key_span: None,
            path: Vec::new(),
        };
        self.select_from(docs, start)
    }

    /// Runs the query with `$` standing for `start`.
    pub fn select_from<'a>(&self, docs: &Docs<'a>, start: Hit<'a>) -> Vec<Hit<'a>> {
        let mut current = vec![start];
        for seg in &self.segments {
            let mut next = Vec::new();
            for hit in &current {
                match seg {
                    Segment::Child(sels) => {
                        let (file, node) = docs.deref(hit.file, hit.node);
                        for sel in sels {
                            select_children(docs, file, node, &hit.path, sel, true, &mut next);
                        }
                    }
                    Segment::Descendant(sels) => descend(docs, hit, sels, &mut next),
                }
            }
            current = next;
        }
        current
    }
}

/// The children of `node` that `sel` picks, appended to `out` with their paths.
fn select_children<'a>(
    docs: &Docs<'a>,
    file: FileId,
    node: &'a Node,
    parent_path: &[Seg<'a>],
    sel: &Selector,
    resolve: bool,
    out: &mut Vec<Hit<'a>>,
) {
    let push = |out: &mut Vec<Hit<'a>>, child: &'a Node, seg: Seg<'a>, key_span: Option<Span>| {
        let (f, n) = if resolve {
            docs.deref(file, child)
        } else {
            (file, child)
        };
        let mut path = Vec::with_capacity(parent_path.len() + 1);
        path.extend_from_slice(parent_path);
        path.push(seg);
        out.push(Hit {
            file: f,
            node: n,
            key_span: if f == file && std::ptr::eq(n, child) {
                key_span
            } else {
                key_span.filter(|_| f == file)
            },
            path,
        });
    };
    match (sel, &node.value) {
        (Selector::Name(name), Value::Object(o)) => {
            if let Some(e) = o.entry(name) {
                push(out, &e.value, Seg::Key(&e.key), Some(e.key_span));
            }
        }
        (Selector::Wildcard, Value::Object(o)) => {
            for e in &o.entries {
                push(out, &e.value, Seg::Key(&e.key), Some(e.key_span));
            }
        }
        (Selector::Wildcard, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                push(out, item, Seg::Index(i), None);
            }
        }
        (Selector::Index(ix), Value::Array(items)) => {
            let len = items.len() as i64;
            let i = if *ix < 0 { len + ix } else { *ix };
            if (0..len).contains(&i) {
                push(out, &items[i as usize], Seg::Index(i as usize), None);
            }
        }
        (Selector::Slice(start, end, step), Value::Array(items)) => {
            for i in slice_indices(items.len(), *start, *end, *step) {
                push(out, &items[i], Seg::Index(i), None);
            }
        }
        (Selector::Filter(expr, prefilter), Value::Object(o)) => {
            for e in &o.entries {
                if prefilter.object_only && !matches!(e.value.value, Value::Object(_)) {
                    continue;
                }
                let (f, n) = if resolve {
                    docs.deref(file, &e.value)
                } else {
                    (file, &e.value)
                };
                if !prefilter.admits(n, docs) {
                    continue;
                }
                let cx = FilterCx {
                    docs,
                    file: f,
                    node: n,
                    property: Some(Seg::Key(&e.key)),
                    parent: (file, node),
                    parent_property: parent_path.last().copied(),
                };
                if cx.truthy(expr) {
                    push(out, &e.value, Seg::Key(&e.key), Some(e.key_span));
                }
            }
        }
        (Selector::Filter(expr, prefilter), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if prefilter.object_only && !matches!(item.value, Value::Object(_)) {
                    continue;
                }
                let (f, n) = if resolve {
                    docs.deref(file, item)
                } else {
                    (file, item)
                };
                if !prefilter.admits(n, docs) {
                    continue;
                }
                let cx = FilterCx {
                    docs,
                    file: f,
                    node: n,
                    property: Some(Seg::Index(i)),
                    parent: (file, node),
                    parent_property: parent_path.last().copied(),
                };
                if cx.truthy(expr) {
                    push(out, item, Seg::Index(i), None);
                }
            }
        }
        _ => {}
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

fn slice_indices(
    len: usize,
    start: Option<i64>,
    end: Option<i64>,
    step: Option<i64>,
) -> Vec<usize> {
    let len = len as i64;
    let step = step.unwrap_or(1);
    let norm = |i: i64| if i < 0 { len + i } else { i };
    let mut out = Vec::new();
    if step > 0 {
        let lo = norm(start.unwrap_or(0)).clamp(0, len);
        let hi = norm(end.unwrap_or(len)).clamp(0, len);
        let mut i = lo;
        while i < hi {
            out.push(i as usize);
            i += step;
        }
    } else if step < 0 {
        let hi = norm(start.unwrap_or(len - 1)).clamp(-1, len - 1);
        let lo = norm(end.unwrap_or(-len - 1)).clamp(-1, len - 1);
        let mut i = hi;
        while lo < i {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

/// `..sels` from `start`: every node of the subtree (as written, without following `$ref`s)
/// has `sels` applied to its children. From the root document, the other files of the
/// workspace are walked too.
fn descend<'a>(docs: &Docs<'a>, start: &Hit<'a>, sels: &[Selector], out: &mut Vec<Hit<'a>>) {
    walk(docs, start.file, start.node, start, sels, out);
    let from_root = start.path.is_empty() && std::ptr::eq(start.node, docs.root);
    if let (true, Some(ws)) = (from_root, docs.ws) {
        for f in ws.files().iter().skip(1) {
            if let Some(root) = &f.root {
                let hit = Hit {
                    file: f.id,
                    node: root,
                    key_span: None,
                    path: Vec::new(),
                };
                walk(docs, f.id, root, &hit, sels, out);
            }
        }
    }
}

fn walk<'a>(
    docs: &Docs<'a>,
    file: FileId,
    node: &'a Node,
    at: &Hit<'a>,
    sels: &[Selector],
    out: &mut Vec<Hit<'a>>,
) {
    // Iterative: (node, path length to truncate to, segment to push).
    let mut path: Vec<Seg<'a>> = at.path.clone();
    let base = path.len();
    let mut stack: Vec<(&'a Node, usize, Option<Seg<'a>>, Option<Span>)> =
        vec![(node, base, None, at.key_span)];
    while let Some((n, depth, seg, key_span)) = stack.pop() {
        path.truncate(depth);
        if let Some(s) = seg {
            path.push(s);
        }
        let _ = key_span;
        for sel in sels {
            select_children(docs, file, n, &path, sel, false, out);
        }
        let d = path.len();
        match &n.value {
            Value::Object(o) => {
                for e in o.entries.iter().rev() {
                    if matches!(e.value.value, Value::Object(_) | Value::Array(_)) {
                        stack.push((&e.value, d, Some(Seg::Key(&e.key)), Some(e.key_span)));
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    if matches!(item.value, Value::Object(_) | Value::Array(_)) {
                        stack.push((item, d, Some(Seg::Index(i)), None));
                    }
                }
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------
// Filters

struct FilterCx<'a, 'd> {
    docs: &'d Docs<'a>,
    file: FileId,
    node: &'a Node,
    property: Option<Seg<'a>>,
    parent: (FileId, &'a Node),
    parent_property: Option<Seg<'a>>,
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
            V::Node(n) => super::util::truthy(n),
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
    fn truthy(&self, e: &Expr) -> bool {
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
        (V::Node(x), V::Node(y)) => super::util::json_eq(x, y),
        (V::List(xs), V::Node(n)) | (V::Node(n), V::List(xs)) => n.as_array().is_some_and(|ys| {
            ys.len() == xs.len() && ys.iter().zip(xs).all(|(y, x)| equal(x, &V::Node(y)))
        }),
        (V::List(xs), V::List(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| equal(x, y))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// Parser

struct Parser<'s> {
    src: &'s str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> String {
        format!(
            "`{}`: {what} at column {}",
            self.src,
            self.src[..self.pos.min(self.src.len())].chars().count() + 1
        )
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    fn query(&mut self) -> Result<Query, String> {
        let start = self.pos;
        let root = if self.eat("$") {
            Root::Document
        } else if self.eat("@parent") {
            Root::Parent
        } else if self.eat("@") {
            Root::Current
        } else {
            return Err(self.error("expected `$` or `@`"));
        };
        let mut segments = Vec::new();
        loop {
            if self.eat("..") {
                if self.peek() == Some('[') {
                    self.pos += 1;
                    segments.push(Segment::Descendant(self.bracket()?));
                } else if self.eat("*") {
                    segments.push(Segment::Descendant(vec![Selector::Wildcard]));
                } else {
                    let name = self.name()?;
                    segments.push(Segment::Descendant(vec![Selector::Name(name)]));
                }
            } else if self.rest().starts_with('.') && !self.is_method_call() {
                self.pos += 1;
                if self.eat("*") {
                    segments.push(Segment::Child(vec![Selector::Wildcard]));
                } else {
                    let name = self.name()?;
                    segments.push(Segment::Child(vec![Selector::Name(name)]));
                }
            } else if self.peek() == Some('[') {
                self.pos += 1;
                segments.push(Segment::Child(self.bracket()?));
            } else {
                break;
            }
        }
        let names = root == Root::Document && self.eat("~");
        if self.rest().starts_with('~') {
            return Err(self.error("`~` (property names) is only supported at the end of `given`"));
        }
        Ok(Query {
            source: self.src[start..self.pos].to_string(),
            root,
            segments,
            names,
        })
    }

    /// Whether `.` here starts a JavaScript method call or `.length` on a non-query (those
    /// are handled by the expression parser), rather than a member.
    fn is_method_call(&self) -> bool {
        let rest = &self.rest()[1..];
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let after = rest[ident.len()..].trim_start();
        after.starts_with('(') && method_of(&ident).is_some()
    }

    fn name(&mut self) -> Result<String, String> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' || c == '-' || c == '$' || !c.is_ascii() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        if start == self.pos {
            return Err(self.error("expected a member name"));
        }
        Ok(self.src[start..self.pos].to_string())
    }

    fn bracket(&mut self) -> Result<Vec<Selector>, String> {
        let mut sels = Vec::new();
        loop {
            self.skip_ws();
            sels.push(self.selector()?);
            self.skip_ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("]") {
                return Ok(sels);
            }
            return Err(self.error("expected `,` or `]`"));
        }
    }

    fn selector(&mut self) -> Result<Selector, String> {
        match self.peek() {
            Some('\'') | Some('"') => Ok(Selector::Name(self.string()?)),
            Some('*') => {
                self.pos += 1;
                Ok(Selector::Wildcard)
            }
            Some('?') => {
                self.pos += 1;
                self.skip_ws();
                let e = self.expr()?;
                let prefilter = Prefilter::of(&e);
                Ok(Selector::Filter(Box::new(e), prefilter))
            }
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => {
                let a = self.opt_int()?;
                self.skip_ws();
                if self.eat(":") {
                    self.skip_ws();
                    let b = self.opt_int()?;
                    self.skip_ws();
                    let c = if self.eat(":") {
                        self.skip_ws();
                        self.opt_int()?
                    } else {
                        None
                    };
                    Ok(Selector::Slice(a, b, c))
                } else {
                    a.map(Selector::Index)
                        .ok_or_else(|| self.error("expected an index"))
                }
            }
            // JSONPath-Plus: bare names in brackets (`[get,put]`).
            Some(_) => Ok(Selector::Name(self.name()?)),
            None => Err(self.error("unexpected end")),
        }
    }

    fn opt_int(&mut self) -> Result<Option<i64>, String> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos {
            return Ok(None);
        }
        self.src[start..self.pos]
            .parse()
            .map(Some)
            .map_err(|_| self.error("bad integer"))
    }

    fn string(&mut self) -> Result<String, String> {
        let quote = self.peek().unwrap();
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("unterminated string"));
            };
            self.pos += c.len_utf8();
            if c == quote {
                return Ok(out);
            }
            if c == '\\' {
                let Some(e) = self.peek() else {
                    return Err(self.error("unterminated string"));
                };
                self.pos += e.len_utf8();
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let hex = self
                            .src
                            .get(self.pos..self.pos + 4)
                            .ok_or_else(|| self.error("bad escape"))?;
                        let v =
                            u32::from_str_radix(hex, 16).map_err(|_| self.error("bad escape"))?;
                        self.pos += 4;
                        out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                    }
                    other => out.push(other),
                }
            } else {
                out.push(c);
            }
        }
    }

    // Expressions, lowest precedence first.
    fn expr(&mut self) -> Result<Expr, String> {
        self.chain("||", Self::and, Expr::Or)
    }

    fn and(&mut self) -> Result<Expr, String> {
        self.chain("&&", Self::cmp, Expr::And)
    }

    /// `operand (op operand)*`: one operand as it is, several joined by `join`.
    fn chain(
        &mut self,
        op: &str,
        operand: fn(&mut Self) -> Result<Expr, String>,
        join: fn(Vec<Expr>) -> Expr,
    ) -> Result<Expr, String> {
        let mut xs = vec![operand(self)?];
        loop {
            self.skip_ws();
            if !self.eat(op) {
                break;
            }
            self.skip_ws();
            xs.push(operand(self)?);
        }
        Ok(if xs.len() == 1 {
            xs.pop().unwrap()
        } else {
            join(xs)
        })
    }

    fn cmp(&mut self) -> Result<Expr, String> {
        let a = self.unary()?;
        self.skip_ws();
        let op = if self.eat("===") || self.eat("==") {
            CmpOp::Eq
        } else if self.eat("!==") || self.eat("!=") {
            CmpOp::Ne
        } else if self.eat("<=") {
            CmpOp::Le
        } else if self.eat(">=") {
            CmpOp::Ge
        } else if self.eat("<") {
            CmpOp::Lt
        } else if self.eat(">") {
            CmpOp::Gt
        } else {
            return Ok(a);
        };
        self.skip_ws();
        let b = self.unary()?;
        Ok(Expr::Cmp(Box::new(a), op, Box::new(b)))
    }

    fn unary(&mut self) -> Result<Expr, String> {
        self.skip_ws();
        if self.rest().starts_with('!') && !self.rest().starts_with("!=") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.eat_word("typeof") {
            return Ok(Expr::Typeof(Box::new(self.unary()?)));
        }
        let base = self.primary()?;
        self.postfix(base)
    }

    fn eat_word(&mut self, w: &str) -> bool {
        let rest = self.rest();
        if rest.starts_with(w)
            && !rest[w.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            self.pos += w.len();
            true
        } else {
            false
        }
    }

    fn postfix(&mut self, mut e: Expr) -> Result<Expr, String> {
        loop {
            let save = self.pos;
            self.skip_ws();
            if !self.eat(".") {
                self.pos = save;
                return Ok(e);
            }
            let name = self.name()?;
            self.skip_ws();
            if self.eat("(") {
                let m = method_of(&name)
                    .ok_or_else(|| self.error(&format!("unsupported method `{name}`")))?;
                let args = self.args()?;
                e = Expr::Method(Box::new(e), m, args);
            } else if name == "length" {
                e = Expr::Length(Box::new(e));
            } else {
                return Err(self.error(&format!("unsupported member `.{name}` here")));
            }
        }
    }

    fn args(&mut self) -> Result<Vec<Expr>, String> {
        let mut args = Vec::new();
        self.skip_ws();
        if self.eat(")") {
            return Ok(args);
        }
        loop {
            self.skip_ws();
            args.push(self.expr()?);
            self.skip_ws();
            if self.eat(",") {
                continue;
            }
            if self.eat(")") {
                return Ok(args);
            }
            return Err(self.error("expected `,` or `)`"));
        }
    }

    fn primary(&mut self) -> Result<Expr, String> {
        self.skip_ws();
        let rest = self.rest();
        if rest.starts_with('(') {
            self.pos += 1;
            let e = self.expr()?;
            self.skip_ws();
            if !self.eat(")") {
                return Err(self.error("expected `)`"));
            }
            return Ok(e);
        }
        if rest.starts_with("@property") {
            self.pos += "@property".len();
            return Ok(Expr::Property);
        }
        if rest.starts_with("@parentProperty") {
            self.pos += "@parentProperty".len();
            return Ok(Expr::ParentProperty);
        }
        if rest.starts_with("@path") || rest.starts_with("@root") {
            return Err(self.error("`@path` and `@root` are not supported"));
        }
        if rest.starts_with('@') || rest.starts_with('$') {
            return Ok(Expr::Query(self.query()?));
        }
        if rest.starts_with('\'') || rest.starts_with('"') {
            return Ok(Expr::Lit(Lit::Str(self.string()?)));
        }
        if rest.starts_with('[') {
            self.pos += 1;
            let mut items = Vec::new();
            loop {
                self.skip_ws();
                if self.eat("]") {
                    return Ok(Expr::Array(items));
                }
                items.push(self.expr()?);
                self.skip_ws();
                self.eat(",");
            }
        }
        if rest.starts_with('/') {
            return self.regex();
        }
        if rest.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            let start = self.pos;
            self.pos += 1;
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
            {
                self.pos += 1;
            }
            let n: f64 = self.src[start..self.pos]
                .parse()
                .map_err(|_| self.error("bad number"))?;
            return Ok(Expr::Lit(Lit::Num(n)));
        }
        for (w, lit) in [
            ("true", Lit::Bool(true)),
            ("false", Lit::Bool(false)),
            ("null", Lit::Null),
            ("undefined", Lit::Nothing),
        ] {
            if self.eat_word(w) {
                return Ok(Expr::Lit(lit));
            }
        }
        if self.eat_word("void") {
            self.skip_ws();
            self.unary()?;
            return Ok(Expr::Lit(Lit::Nothing));
        }
        if self.eat("Array.isArray(") {
            let args = self.args()?;
            return Ok(Expr::Call(Func::IsArray, args));
        }
        let save = self.pos;
        if let Ok(name) = self.name() {
            self.skip_ws();
            if self.eat("(") {
                let f = match name.as_str() {
                    "length" => Func::Length,
                    "count" => Func::Count,
                    "match" => Func::Match,
                    "search" => Func::Search,
                    "value" => Func::Value,
                    _ => {
                        self.pos = save;
                        return Err(self.error(&format!("unsupported function `{name}`")));
                    }
                };
                let args = self.args()?;
                return Ok(Expr::Call(f, args));
            }
            self.pos = save;
        }
        Err(self.error("unexpected text in filter"))
    }

    fn regex(&mut self) -> Result<Expr, String> {
        self.pos += 1;
        let start = self.pos;
        let mut in_class = false;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("unterminated regular expression"));
            };
            self.pos += c.len_utf8();
            match c {
                '\\' => {
                    if let Some(n) = self.peek() {
                        self.pos += n.len_utf8();
                    }
                }
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => break,
                _ => {}
            }
        }
        let body = &self.src[start..self.pos - 1];
        let mut flags = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_ascii_alphabetic()) {
            flags.push(c);
            self.pos += 1;
        }
        let re = super::util::js_regex(body, &flags).map_err(|e| self.error(&e))?;
        Ok(Expr::Regex(re))
    }
}

fn method_of(name: &str) -> Option<Method> {
    Some(match name {
        "match" => Method::Match,
        "test" => Method::Test,
        "includes" => Method::Includes,
        "startsWith" => Method::StartsWith,
        "endsWith" => Method::EndsWith,
        "indexOf" => Method::IndexOf,
        "toLowerCase" => Method::ToLowerCase,
        "toUpperCase" => Method::ToUpperCase,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Limits, yaml};

    fn doc(text: &str) -> Node {
        yaml::parse(text, &Limits::default()).unwrap().root
    }

    fn paths(root: &Node, q: &str) -> Vec<String> {
        let q = Query::parse(q).unwrap();
        let mut out: Vec<String> = q
            .select(&Docs::tree(root))
            .iter()
            .map(|h| {
                h.path
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect();
        out.sort();
        out
    }

    const PETS: &str = r#"
openapi: 3.0.0
info: {title: t, description: d}
paths:
  /pets:
    get:
      tags: [a]
      parameters:
        - {name: limit, in: query}
        - {name: x, in: header, required: true}
    post: {description: p}
    x-foo: {}
  /pets/{id}:
    delete: {}
tags: [{name: a}, {name: b, description: bb}]
"#;

    #[test]
    fn child_and_wildcard() {
        let d = doc(PETS);
        assert_eq!(paths(&d, "$.info.title"), ["info/title"]);
        assert_eq!(paths(&d, "$['info']['title']"), ["info/title"]);
        assert_eq!(
            paths(&d, "$.paths.*[get,post,delete]"),
            [
                "paths//pets/get",
                "paths//pets/post",
                "paths//pets/{id}/delete"
            ]
        );
        assert_eq!(paths(&d, "$.paths[*][*]").len(), 4);
        assert_eq!(paths(&d, "$.tags[0].name"), ["tags/0/name"]);
        assert_eq!(paths(&d, "$.tags[-1].name"), ["tags/1/name"]);
        assert_eq!(paths(&d, "$.tags[0:1]"), ["tags/0"]);
        assert_eq!(paths(&d, "$.tags[::-1]"), ["tags/0", "tags/1"]);
        assert!(paths(&d, "$.nope.x").is_empty());
    }

    #[test]
    fn descendants() {
        let d = doc(PETS);
        assert_eq!(
            paths(&d, "$..description"),
            [
                "info/description",
                "paths//pets/post/description",
                "tags/1/description"
            ]
        );
        assert_eq!(paths(&d, "$..[description,title]").len(), 4);
        assert_eq!(paths(&d, "$..parameters[*].name").len(), 2);
        // `$..*` is every node but the root.
        assert!(paths(&d, "$..*").len() > 20);
    }

    /// The prefilter skips only what the filter could not admit: scalars and arrays pass
    /// when the filter could hold for them, and objects lacking the tested member are
    /// skipped only when the filter needs that member.
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

    #[test]
    fn property_names() {
        let d = doc(PETS);
        let q = Query::parse("$.paths[?(!@property.includes('{'))]~").unwrap();
        assert!(q.selects_names());
        let hits = q.select(&Docs::tree(&d));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].last(), Some(Seg::Key("/pets")));
        assert!(!Query::parse("$.paths[*]").unwrap().selects_names());
    }

    #[test]
    fn rejects_bad_queries() {
        for q in [
            "",
            "info",
            "$.",
            "$[",
            "$[?(@.a ==]",
            "$.a~~",
            "$[?(@.a~)]",
            "$[?(@.a.foo())]",
        ] {
            assert!(Query::parse(q).is_err(), "{q}");
        }
    }

    #[test]
    fn follows_refs_when_resolved_in_a_workspace() {
        let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Ok'}\ncomponents:\n  responses:\n    Ok: {description: fine}\n";
        let ws = Workspace::load_bytes(
            crate::load::FileLocation::Path("t.yaml".into()),
            text.as_bytes().to_vec(),
            &Default::default(),
        )
        .unwrap();
        let q = Query::parse("$.paths[*][*].responses[*].description").unwrap();
        let hits = q.select(&Docs::workspace(&ws, true));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].node.as_str(), Some("fine"));
        assert!(q.select(&Docs::workspace(&ws, false)).is_empty());
        let q = Query::parse("$.paths[*][*].responses[?(@.description == 'fine')]").unwrap();
        assert_eq!(q.select(&Docs::workspace(&ws, true)).len(), 1);
    }
}
