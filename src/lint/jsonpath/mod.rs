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
//!
//! The parts: `parser` reads a query into the syntax tree of `ast`; `prefilter` works out,
//! at parse time, what a filter needs of a node before it is worth evaluating; `select`
//! runs the segments over the documents; `filter` evaluates filter expressions.

mod ast;
mod filter;
mod parser;
mod prefilter;
mod select;

use crate::load::{FileId, Workspace};
use crate::tree::{Node, Span};
use ast::{Root, Segment};
use parser::Parser;
use select::{descend, select_children};

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Query {
    /// The text it was compiled from (read by tests and shown by `Debug`).
    #[cfg_attr(not(test), allow(dead_code))]
    source: String,
    root: Root,
    segments: Vec<Segment>,
    /// Ends in `~` (JSONPath-Plus): the names of the selected members, not their values.
    names: bool,
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
    /// A bare tree with no workspace: `$ref`s are not followed (used by tests).
    #[cfg(test)]
    pub fn tree(root: &'a Node) -> Docs<'a> {
        Docs {
            root,
            root_file: 0,
            ws: None,
            resolved: false,
        }
    }

    /// A workspace's documents from its root file; `resolved`: follow `$ref`s while
    /// selecting.
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
    /// Compiles a query, which must start with `$`; the error says what is wrong and where.
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

    /// The text the query was compiled from.
    #[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Limits, yaml};

    pub(super) fn doc(text: &str) -> Node {
        yaml::parse(text, &Limits::default()).unwrap().root
    }

    pub(super) fn paths(root: &Node, q: &str) -> Vec<String> {
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

    pub(super) const PETS: &str = r#"
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
    fn property_names() {
        let d = doc(PETS);
        let q = Query::parse("$.paths[?(!@property.includes('{'))]~").unwrap();
        assert!(q.selects_names());
        let hits = q.select(&Docs::tree(&d));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].last(), Some(Seg::Key("/pets")));
        assert!(!Query::parse("$.paths[*]").unwrap().selects_names());
    }
}
