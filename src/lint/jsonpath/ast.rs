//! The syntax tree of a query: segments, selectors, and filter expressions, with the
//! JavaScript forms Spectral rulesets write filters in.

use super::Query;
use super::prefilter::Prefilter;
use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Root {
    /// `$`
    Document,
    /// `@`
    Current,
    /// `@parent` (JSONPath-Plus)
    Parent,
}

#[derive(Clone, Debug)]
pub(super) enum Segment {
    Child(Vec<Selector>),
    Descendant(Vec<Selector>),
}

#[derive(Clone, Debug)]
pub(super) enum Selector {
    Name(String),
    Wildcard,
    Index(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    /// The expression, and what `@` must be for it to hold ([`Prefilter`]).
    Filter(Box<Expr>, Prefilter),
}

#[derive(Clone, Debug)]
pub(super) enum Expr {
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
pub(super) enum Lit {
    Nothing,
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Func {
    Length,
    Count,
    Match,
    Search,
    Value,
    IsArray,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Method {
    Match,
    Test,
    Includes,
    StartsWith,
    EndsWith,
    IndexOf,
    ToLowerCase,
    ToUpperCase,
}
