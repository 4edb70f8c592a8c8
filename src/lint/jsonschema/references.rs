//! `$ref` and `$dynamicRef`: following them during a check, and the [`Resolver`]s that
//! find what they name (a standalone schema tree, or a loaded workspace).
//!
//! A reference is resolved the first time a check follows it, not when compiled: schemas
//! are compiled on demand, and a reference may lead back to the schema that holds it.

use super::compile::{Compiled, RefSlot};
use super::{Checking, DocId, Flow, Resolver, SchemaId, Validator};
use crate::tree::{Node, Value};

impl<'a, R: Resolver<'a>> Validator<'a, R> {
    /// `$ref` and `$dynamicRef`. In the dialects where a `$ref` replaces its siblings, its
    /// verdict is the schema's.
    pub(super) fn check_references<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        if let Some(slot) = c.reference {
            if let Some(target) = self.follow(slot) {
                let key = (target, inst as *const Node);
                // A cycle of references that does not move into the instance passes.
                let valid = if self.active.insert(key) {
                    let valid = self.check(
                        target,
                        inst,
                        cx.path,
                        cx.errs.as_deref_mut(),
                        cx.tracker.as_deref_mut(),
                    );
                    self.active.remove(&key);
                    valid
                } else {
                    true
                };
                if self.dialect.ref_overrides_siblings {
                    return Flow::Break(valid);
                }
                cx.sub(valid)?;
            } else if self.dialect.ref_overrides_siblings {
                return Flow::Break(true);
            }
        }
        if let Some(slot) = c.dynamic_ref
            && let Some(target) = self.follow(slot)
        {
            self.check_in_place(target, inst, cx)?;
        }
        Flow::Continue(())
    }

    /// The schema a reference slot leads to, resolved once.
    pub(super) fn follow(&mut self, slot: usize) -> Option<SchemaId> {
        if let Some(t) = self.refs[slot].target {
            return t;
        }
        let RefSlot {
            doc, text, dynamic, ..
        } = self.refs[slot];
        let target = if dynamic {
            let name = text.trim_start_matches('#');
            self.resolver
                .root(doc)
                .and_then(|root| find_anchor(root, name))
                .map(|n| (doc, n))
                .or_else(|| self.resolver.resolve(doc, text))
        } else {
            self.resolver.resolve(doc, text)
        };
        let id = target.map(|(d, n)| self.compile(d, n));
        self.refs[slot].target = Some(id);
        id
    }
}

/// Finds `$dynamicAnchor: name` or `$anchor: name` in a schema document.
fn find_anchor<'a>(root: &'a Node, name: &str) -> Option<&'a Node> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match &n.value {
            Value::Object(o) => {
                if ["$dynamicAnchor", "$anchor", "$recursiveAnchor"]
                    .iter()
                    .any(|k| o.get(k).and_then(Node::as_str) == Some(name))
                {
                    return Some(n);
                }
                stack.extend(o.entries.iter().map(|e| &e.value));
            }
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    None
}

/// Schemas written as one standalone tree (a ruleset's `schema` option, a meta-schema
/// bundle): `#/...` pointers and anchors within the tree, other documents by their URL.
pub struct TreeResolver<'a> {
    /// (base URL without fragment, root) per document; document ids are indexes.
    pub docs: Vec<(&'a str, &'a Node)>,
}

impl<'a> Resolver<'a> for TreeResolver<'a> {
    fn resolve(&self, doc: DocId, reference: &str) -> Option<(DocId, &'a Node)> {
        let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let d = if base.is_empty() {
            doc
        } else {
            let want = base.trim_end_matches('/');
            self.docs
                .iter()
                .position(|(url, _)| url.trim_end_matches('/') == want)?
        };
        let root = self.docs.get(d)?.1;
        if fragment.is_empty() {
            return Some((d, root));
        }
        if !fragment.starts_with('/') {
            return find_anchor(root, fragment).map(|n| (d, n));
        }
        let pointer = crate::tree::pointer::from_fragment(fragment).ok()?;
        crate::tree::pointer::lookup(root, &pointer)
            .ok()
            .map(|n| (d, n))
    }

    fn root(&self, doc: DocId) -> Option<&'a Node> {
        self.docs.get(doc).map(|(_, r)| *r)
    }
}

/// Schemas inside a loaded workspace: document ids are file ids.
pub(crate) struct WorkspaceResolver<'a> {
    pub ws: &'a crate::load::Workspace,
}

impl<'a> Resolver<'a> for WorkspaceResolver<'a> {
    fn resolve(&self, doc: DocId, reference: &str) -> Option<(DocId, &'a Node)> {
        self.ws.resolve(doc, reference).ok()
    }

    fn root(&self, doc: DocId) -> Option<&'a Node> {
        self.ws.files().get(doc).and_then(|f| f.tree())
    }
}
