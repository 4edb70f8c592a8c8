//! What every part of the model builder shares: the workspace, the version being read, a
//! cursor type for "this node in that file", `$ref` following for non-schema objects, and
//! the problems met.

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{FileId, SpecFamily, Workspace};
use crate::tree::Node;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// A node and the file it is in (spans are per file).
#[derive(Clone, Copy)]
pub(super) struct At<'w> {
    pub file: FileId,
    pub node: &'w Node,
}

impl<'w> At<'w> {
    /// Member `key`, as written (a `$ref` stays a `$ref`: use this for schema positions).
    pub fn raw(self, key: &str) -> Option<At<'w>> {
        self.node.get(key).map(|node| At {
            file: self.file,
            node,
        })
    }

    pub fn str(self, key: &str) -> Option<String> {
        self.node
            .get(key)
            .and_then(|n| n.scalar_text())
            .map(|t| t.into_owned())
    }

    pub fn bool(self, key: &str) -> Option<bool> {
        self.node.get(key).and_then(Node::as_bool)
    }

    /// Where member `key` is named, when its value is written here (not reached through a
    /// `$ref`): findings about an operation then point at its `get:` rather than at its
    /// first field, and the pointer of that key is the operation's.
    pub(crate) fn member_origin(self, key: &str, value: At<'_>) -> super::Origin {
        match self.node.as_object().and_then(|o| o.entry(key)) {
            Some(e) if value.file == self.file && e.value.span == value.node.span => {
                super::Origin {
                    file: self.file,
                    span: e.key_span,
                }
            }
            _ => value.origin(),
        }
    }

    pub fn origin(self) -> super::Origin {
        super::Origin {
            file: self.file,
            span: self.node.span,
        }
    }
}

pub(super) struct Reader<'w> {
    pub ws: &'w Workspace,
    pub family: SpecFamily,
    problems: RefCell<Vec<Diagnostic>>,
    /// Resolved references: the same `$ref` text is met thousands of times in real specs.
    resolved: RefCell<HashMap<(FileId, &'w str), Option<At<'w>>>>,
    /// While set, problems are not kept (see [`Reader::quietly`]).
    quiet: std::cell::Cell<bool>,
}

impl<'w> Reader<'w> {
    pub fn new(ws: &'w Workspace) -> Reader<'w> {
        Reader {
            ws,
            family: ws.spec_family,
            problems: RefCell::new(Vec::new()),
            resolved: RefCell::new(HashMap::default()),
            quiet: std::cell::Cell::new(false),
        }
    }

    /// Runs `f` keeping no problem it meets: for reading parts of a document again, or parts
    /// that were never read for problems.
    pub fn quietly<T>(&self, f: impl FnOnce() -> T) -> T {
        let was = self.quiet.replace(true);
        let out = f();
        self.quiet.set(was);
        out
    }

    pub fn root(&self) -> At<'w> {
        At {
            file: 0,
            node: self.ws.root(),
        }
    }

    pub fn problem(&self, at: At<'_>, message: impl Into<String>) {
        if self.quiet.get() {
            return;
        }
        self.problems.borrow_mut().push(
            Diagnostic::new("invalid-structure", Severity::Warning, message).at(
                at.file,
                at.node.span,
                "here",
            ),
        );
    }

    pub(crate) fn into_problems(self) -> Vec<Diagnostic> {
        self.problems.into_inner()
    }

    /// Follows `$ref`s (parameters, responses, path items, ...) to the object they name.
    /// `None` for a reference that does not resolve (the loader reported it) or a loop.
    pub fn deref(&self, mut at: At<'w>) -> Option<At<'w>> {
        let mut chain = RefChain::default();
        loop {
            let Some(reference) = at.node.get("$ref").and_then(Node::as_str) else {
                return Some(at);
            };
            if !chain.visit(at) {
                self.problem(at, "a loop of `$ref`s that never reaches an object");
                return None;
            }
            at = self.resolve(at.file, reference)?;
        }
    }

    /// Member `key`, following `$ref`s: multi-file specs (bundled the Redocly way) put a
    /// `$ref` wherever an object may stand, operations and maps of responses included.
    pub fn get(&self, at: At<'w>, key: &str) -> Option<At<'w>> {
        self.deref(at.raw(key)?)
    }

    /// The entries of an object member (followed through `$ref`), each entry as written.
    pub fn entries(&self, at: At<'w>, key: &str) -> Vec<(&'w str, At<'w>)> {
        let Some(map) = self.get(at, key) else {
            return Vec::new();
        };
        match map.node.as_object() {
            Some(o) => o
                .iter()
                .map(|(k, node)| {
                    (
                        k,
                        At {
                            file: map.file,
                            node,
                        },
                    )
                })
                .collect(),
            None => {
                self.problem(
                    map,
                    format!("expected `{key}` to be a map, found {}", map.node.kind()),
                );
                Vec::new()
            }
        }
    }

    /// The items of an array member (followed through `$ref`), each item as written.
    pub fn items(&self, at: At<'w>, key: &str) -> Vec<At<'w>> {
        let Some(list) = self.get(at, key) else {
            return Vec::new();
        };
        match list.node.as_array() {
            Some(items) => items
                .iter()
                .map(|node| At {
                    file: list.file,
                    node,
                })
                .collect(),
            None => {
                self.problem(
                    list,
                    format!("expected `{key}` to be a list, found {}", list.node.kind()),
                );
                Vec::new()
            }
        }
    }

    /// Follows one `$ref` text found in `file`; `None` when it does not resolve (the loader
    /// has reported it).
    pub fn resolve(&self, file: FileId, reference: &'w str) -> Option<At<'w>> {
        if let Some(known) = self.resolved.borrow().get(&(file, reference)) {
            return *known;
        }
        let target = self
            .ws
            .resolve(file, reference)
            .ok()
            .map(|(file, node)| At { file, node });
        self.resolved.borrow_mut().insert((file, reference), target);
        target
    }

    /// `x-` members of an object, as JSON, with the `$ref`s in them followed
    /// ([`Reader::json`]), in the list type of the element that keeps them.
    pub fn extensions<List>(&self, at: At<'w>) -> List
    where
        List: FromIterator<(String, serde_json::Value)> + Default,
    {
        at.node
            .as_object()
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| k.starts_with("x-"))
                    .map(|(k, v)| {
                        let v = At {
                            file: at.file,
                            node: v,
                        };
                        (k.to_string(), self.json(v))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Member `key` as text; a `$ref` there is followed (multi-file specs write
    /// `description: {$ref: description.yml#/introduction}`), as a bundler replaces it.
    pub fn text(&self, at: At<'w>, key: &str) -> Option<String> {
        let value = at.raw(key)?;
        match value.node.get("$ref").and_then(Node::as_str) {
            Some(_) => self
                .deref(value)?
                .node
                .scalar_text()
                .map(|t| t.into_owned()),
            None => value.node.scalar_text().map(|t| t.into_owned()),
        }
    }

    /// The value at `at` as JSON, with every `$ref` followed and replaced by what it names
    /// (the members beside it winning), as `specver bundle` writes a value where no
    /// components section fits: an extension written in another file, or through a `$ref`,
    /// is the same value as the one written in place. Data (`example`, `default`, `enum`,
    /// ...) is copied as written, except a value that is nothing but a `$ref`; a `$ref` that
    /// does not resolve or that leads back into itself stays as written. At most
    /// [`JSON_REFS`] references are followed in one value, and none deeper than a file may
    /// nest ([`JSON_DEPTH`]): past either, references stay as written, so that the value
    /// stays small and the recursion shallow.
    pub fn json(&self, at: At<'w>) -> serde_json::Value {
        let mut walk = JsonWalk {
            inlining: Vec::new(),
            budget: JSON_REFS,
        };
        self.json_in(at, 0, &mut walk)
    }

    fn json_in(&self, at: At<'w>, depth: usize, walk: &mut JsonWalk) -> serde_json::Value {
        use serde_json::Value as Json;
        let Some(obj) = at.node.as_object() else {
            return match at.node.as_array() {
                Some(items) => Json::Array(
                    items
                        .iter()
                        .map(|node| {
                            self.json_in(
                                At {
                                    file: at.file,
                                    node,
                                },
                                depth + 1,
                                walk,
                            )
                        })
                        .collect(),
                ),
                None => at.node.to_json(),
            };
        };
        let mut out = serde_json::Map::new();
        if let Some(reference) = obj.get("$ref").and_then(Node::as_str)
            && depth < JSON_DEPTH
            && walk.budget > 0
            && let Some(target) = self.resolve(at.file, reference)
            && !walk
                .inlining
                .contains(&(target.file, target.node.span.start))
        {
            walk.budget -= 1;
            walk.inlining.push((target.file, target.node.span.start));
            let body = self.json_in(target, depth, walk);
            walk.inlining.pop();
            match body {
                Json::Object(members) => out.extend(members),
                // A value that is not an object stands alone (siblings cannot be kept).
                body => return body,
            }
            for (key, node) in obj.iter().filter(|(k, _)| *k != "$ref") {
                out.insert(
                    key.to_string(),
                    self.member_json(at.file, key, node, depth, walk),
                );
            }
            return Json::Object(out);
        }
        for (key, node) in obj.iter() {
            out.insert(
                key.to_string(),
                self.member_json(at.file, key, node, depth, walk),
            );
        }
        Json::Object(out)
    }

    fn member_json(
        &self,
        file: FileId,
        key: &str,
        node: &'w Node,
        depth: usize,
        walk: &mut JsonWalk,
    ) -> serde_json::Value {
        if crate::load::is_data_keyword(key) || (key == "examples" && node.as_array().is_some()) {
            // Data, but `example: {$ref: ...}` is a reference, as bundlers write it.
            if crate::load::is_lone_ref(node)
                && let Some(reference) = node.get("$ref").and_then(Node::as_str)
                && let Some(target) = self.resolve(file, reference)
            {
                return target.node.to_json();
            }
            return node.to_json();
        }
        self.json_in(At { file, node }, depth + 1, walk)
    }
}

/// What [`Reader::json`] carries through one value: the targets being written (a target met
/// again is a cycle) and how many more references it may follow.
struct JsonWalk {
    inlining: Vec<(FileId, u32)>,
    budget: usize,
}

/// How many `$ref`s [`Reader::json`] follows in one value: enough for any extension written
/// through references, and a bound on a value whose references fan out.
const JSON_REFS: usize = 10_000;

/// The depth past which [`Reader::json`] follows no `$ref`: what a file may nest
/// (`tree::Limits`), so that a value it writes nests at most twice that.
const JSON_DEPTH: usize = 1_000;

/// The `$ref`s met along one chain of references, to tell a loop from a long chain: a chain
/// is followed as far as it goes (a limit on hops once dropped real chains silently).
#[derive(Default)]
pub(crate) struct RefChain {
    /// The first few hops, searched directly: almost every chain is one or two hops long.
    short: Vec<(FileId, u32)>,
    long: rustc_hash::FxHashSet<(FileId, u32)>,
}

impl RefChain {
    const SHORT: usize = 8;

    /// Records the reference node at `at`; false when the chain has met it already.
    pub(crate) fn visit(&mut self, at: At<'_>) -> bool {
        let key = (at.file, at.node.span.start);
        if self.short.contains(&key) || self.long.contains(&key) {
            return false;
        }
        if self.short.len() < Self::SHORT {
            self.short.push(key);
        } else {
            self.long.insert(key);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_follows_references_keeps_cycles_and_data_as_written() {
        let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-a: {$ref: '#/x-b', note: mine}\nx-b: {note: theirs, more: {$ref: '#/x-c'}, example: {$ref: '#/x-c'}, default: {a: {$ref: '#/x-c'}}}\nx-c: [1, 2]\nx-loop: {$ref: '#/x-loop'}\n";
        let ws = Workspace::load_bytes(
            crate::load::FileLocation::Path("t.yaml".into()),
            text.as_bytes().to_vec(),
            &Default::default(),
        )
        .unwrap();
        let r = Reader::new(&ws);
        let ext: rustc_hash::FxHashMap<String, serde_json::Value> = r.extensions(r.root());
        assert_eq!(
            ext["x-a"],
            json!({"note": "mine", "more": [1, 2], "example": [1, 2], "default": {"a": {"$ref": "#/x-c"}}})
        );
        assert_eq!(ext["x-loop"], json!({"$ref": "#/x-loop"}));
    }
}
