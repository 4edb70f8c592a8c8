//! Running a query's segments: child selection (following `$ref`s when the query is
//! evaluated resolved), slices, and descendant segments, which walk each file's tree as
//! written so that every node is visited once.

use super::ast::{Expr, Selector};
use super::filter::FilterCx;
use super::prefilter::Prefilter;
use super::{Docs, Hit, Seg};
use crate::load::FileId;
use crate::tree::{Node, Span, Value};

/// The children of `node` that `sel` picks, appended to `out` with their paths.
pub(super) fn select_children<'a>(
    docs: &Docs<'a>,
    file: FileId,
    node: &'a Node,
    parent_path: &[Seg<'a>],
    sel: &Selector,
    resolve: bool,
    out: &mut Vec<Hit<'a>>,
) {
    let parent = Parent {
        docs,
        file,
        node,
        path: parent_path,
        resolve,
    };
    match (sel, &node.value) {
        (Selector::Name(name), Value::Object(o)) => {
            if let Some(e) = o.entry(name) {
                parent.push(out, &e.value, Seg::Key(&e.key), Some(e.key_span));
            }
        }
        (Selector::Wildcard, Value::Object(o)) => {
            for e in &o.entries {
                parent.push(out, &e.value, Seg::Key(&e.key), Some(e.key_span));
            }
        }
        (Selector::Wildcard, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                parent.push(out, item, Seg::Index(i), None);
            }
        }
        (Selector::Index(ix), Value::Array(items)) => {
            let len = items.len() as i64;
            let i = if *ix < 0 { len + ix } else { *ix };
            if (0..len).contains(&i) {
                parent.push(out, &items[i as usize], Seg::Index(i as usize), None);
            }
        }
        (Selector::Slice(start, end, step), Value::Array(items)) => {
            for i in slice_indices(items.len(), *start, *end, *step) {
                parent.push(out, &items[i], Seg::Index(i), None);
            }
        }
        (Selector::Filter(expr, prefilter), Value::Object(o)) => {
            for e in &o.entries {
                if parent.passes(expr, prefilter, &e.value, Seg::Key(&e.key)) {
                    parent.push(out, &e.value, Seg::Key(&e.key), Some(e.key_span));
                }
            }
        }
        (Selector::Filter(expr, prefilter), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if parent.passes(expr, prefilter, item, Seg::Index(i)) {
                    parent.push(out, item, Seg::Index(i), None);
                }
            }
        }
        _ => {}
    }
}

/// The node whose children a selector picks from.
struct Parent<'s, 'a> {
    docs: &'s Docs<'a>,
    file: FileId,
    node: &'a Node,
    path: &'s [Seg<'a>],
    /// Follow `$ref`s of the children (child segments of a resolved query).
    resolve: bool,
}

impl<'a> Parent<'_, 'a> {
    fn deref(&self, child: &'a Node) -> (FileId, &'a Node) {
        if self.resolve {
            self.docs.deref(self.file, child)
        } else {
            (self.file, child)
        }
    }

    /// Appends the hit for `child` (reached by `seg`), where its reference leads.
    fn push(&self, out: &mut Vec<Hit<'a>>, child: &'a Node, seg: Seg<'a>, key_span: Option<Span>) {
        let (f, n) = self.deref(child);
        let mut path = Vec::with_capacity(self.path.len() + 1);
        path.extend_from_slice(self.path);
        path.push(seg);
        out.push(Hit {
            file: f,
            node: n,
            key_span: if f == self.file && std::ptr::eq(n, child) {
                key_span
            } else {
                key_span.filter(|_| f == self.file)
            },
            path,
        });
    }

    /// Whether filter `expr` holds for `child`; the prefilter first rules out, without
    /// evaluating, what the filter cannot hold for.
    fn passes(&self, expr: &Expr, prefilter: &Prefilter, child: &'a Node, seg: Seg<'a>) -> bool {
        if prefilter.object_only && !matches!(child.value, Value::Object(_)) {
            return false;
        }
        let (f, n) = self.deref(child);
        if !prefilter.admits(n, self.docs) {
            return false;
        }
        let cx = FilterCx {
            docs: self.docs,
            file: f,
            node: n,
            property: Some(seg),
            parent: (self.file, self.node),
            parent_property: self.path.last().copied(),
        };
        cx.truthy(expr)
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
pub(super) fn descend<'a>(
    docs: &Docs<'a>,
    start: &Hit<'a>,
    sels: &[Selector],
    out: &mut Vec<Hit<'a>>,
) {
    walk(docs, start.file, start.node, start, sels, out);
    let from_root = start.path.is_empty() && std::ptr::eq(start.node, docs.root);
    if let (true, Some(ws)) = (from_root, docs.ws) {
        for f in ws.files().iter().skip(1) {
            if let Some(root) = f.tree() {
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

#[cfg(test)]
mod tests {
    use super::super::tests::{PETS, doc, paths};
    use super::super::{Docs, Query};
    use crate::load::Workspace;

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
