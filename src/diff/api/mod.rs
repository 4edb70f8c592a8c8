//! The endpoint side of the diff: paths, operations, parameters, bodies, responses, headers,
//! security, servers, tags and webhooks. Facts here are already specific enough to carry
//! their rule id; schemas are handed to the [`SchemaComparer`] and recorded as roots, which
//! the classifier walks once per operation.
//!
//! `compare` walks the document top-down; each part of it has a file: `paths` (path items,
//! webhooks, operations and their callbacks), `parameters`, `bodies` (request bodies and
//! the media types of every part), `responses` (responses, their headers and links) and
//! `document` (tags, info, component schemas). Security and servers, which every operation
//! inherits, are compared by the sibling modules `security` and `servers`.

mod bodies;
mod document;
mod parameters;
mod paths;
mod responses;

use super::schema::{PairId, SchemaComparer};
use super::{Direction, OperationRef};
use crate::model::{Api, Operation, Origin};
use crate::rules::{ChangeId, ids};
pub use paths::{PairedOperation, paired_operations};

/// An endpoint-level change with its rule id and the values its message needs.
#[derive(Clone, Debug)]
pub struct EndpointFact {
    pub id: ChangeId,
    pub args: Vec<(&'static str, String)>,
    pub base: Option<Origin>,
    pub revision: Option<Origin>,
    pub operation: Option<OperationRef>,
}

/// A change with one root cause that reaches several operations at once (a global security
/// requirement, a security scheme, the servers every operation inherits): one fact listing
/// them, at the place it is written.
#[derive(Clone, Debug)]
pub struct GroupedFact {
    pub id: ChangeId,
    pub args: Vec<(&'static str, String)>,
    pub base: Option<Origin>,
    pub revision: Option<Origin>,
    pub operations: Vec<OperationRef>,
}

/// Where a schema hangs in an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootKind {
    Body,
    Parameter,
    Header,
}

/// Where in an operation a schema or its media types sit.
struct Place<'p> {
    op: &'p OperationRef,
    direction: Direction,
    kind: RootKind,
    label: &'p str,
}

/// A schema pair at the top of a request or response part of one operation.
#[derive(Clone, Debug)]
pub struct SchemaRoot {
    pub operation: OperationRef,
    pub direction: Direction,
    pub kind: RootKind,
    /// How the root reads in a message: "request body (application/json)", "query
    /// parameter `limit`", "response 200 (application/json)".
    pub label: String,
    pub pair: PairId,
}

pub struct ApiComparison<'a> {
    pub schemas: SchemaComparer<'a>,
    pub facts: Vec<EndpointFact>,
    pub grouped: Vec<GroupedFact>,
    pub roots: Vec<SchemaRoot>,
}

pub fn compare<'a>(base: &'a Api, revision: &'a Api) -> ApiComparison<'a> {
    let mut c = ApiComparison {
        schemas: SchemaComparer::new(base, revision),
        facts: Vec::new(),
        grouped: Vec::new(),
        roots: Vec::new(),
    };
    c.path_items(&base.paths, &revision.paths, false);
    c.path_items(&base.webhooks, &revision.webhooks, true);
    super::security::compare(&mut c, base, revision);
    super::servers::compare(&mut c, base, revision);
    c.tags(base, revision);
    c.components(base, revision);
    c.info(base, revision);
    c.extensions(
        ids::API_EXTENSION_CHANGED,
        "",
        &base.extensions,
        &revision.extensions,
        (base.origin, revision.origin),
        None,
    );
    c.extensions(
        ids::API_INFO_EXTENSION_CHANGED,
        "",
        &base.info.extensions,
        &revision.info.extensions,
        (base.info.origin, revision.info.origin),
        None,
    );
    c
}

fn op_ref(op: &Operation) -> OperationRef {
    OperationRef {
        method: op.method.clone(),
        path: op.path.clone(),
    }
}

impl ApiComparison<'_> {
    fn push(
        &mut self,
        id: ChangeId,
        args: Vec<(&'static str, String)>,
        base: Option<Origin>,
        revision: Option<Origin>,
        operation: Option<OperationRef>,
    ) {
        self.facts.push(EndpointFact {
            id,
            args,
            base,
            revision,
            operation,
        });
    }

    /// A document-level change listing the operations that reach it; one that reaches
    /// none keeps its level (a component schema is a class of a generated client even when
    /// no operation uses it).
    fn push_reaching(
        &mut self,
        id: ChangeId,
        args: Vec<(&'static str, String)>,
        base: Option<Origin>,
        revision: Option<Origin>,
        operations: Vec<OperationRef>,
    ) {
        if operations.is_empty() {
            self.push(id, args, base, revision, None);
        } else {
            self.grouped.push(GroupedFact {
                id,
                args,
                base,
                revision,
                operations,
            });
        }
    }

    /// `x-` extensions of one element, added, removed or changed.
    fn extensions(
        &mut self,
        id: ChangeId,
        subject: &str,
        b: &[(String, serde_json::Value)],
        r: &[(String, serde_json::Value)],
        origins: (Origin, Origin),
        op: Option<OperationRef>,
    ) {
        // These have rules of their own (lifecycle, lint suppression).
        let own = |k: &str| matches!(k, "x-sunset" | "x-stability-level" | "x-specver-ignore");
        for (key, value) in r.iter().filter(|(k, _)| !own(k)) {
            if b.iter()
                .find(|(k, _)| k == key)
                .is_none_or(|(_, v)| v != value)
            {
                self.push(
                    id,
                    vec![("name", key.clone()), ("subject", subject.to_string())],
                    Some(origins.0),
                    Some(origins.1),
                    op.clone(),
                );
            }
        }
        for (key, _) in b.iter().filter(|(k, _)| !own(k)) {
            if !r.iter().any(|(k, _)| k == key) {
                self.push(
                    id,
                    vec![("name", key.clone()), ("subject", subject.to_string())],
                    Some(origins.0),
                    Some(origins.1),
                    op.clone(),
                );
            }
        }
    }
}

/// Which item of the other side each item is paired with.
struct Pairing {
    base: Vec<Option<usize>>,
    revision: Vec<Option<usize>>,
}

/// Pairs items with equal keys, each item at most once: among several candidates, one that
/// `prefer`s the other first, else the first in document order.
fn pair_up<T, K: PartialEq + ?Sized>(
    base: &[T],
    revision: &[T],
    key: impl Fn(&T) -> &K,
    prefer: impl Fn(&T, &T) -> bool,
) -> Pairing {
    let mut pairing = Pairing {
        base: vec![None; base.len()],
        revision: vec![None; revision.len()],
    };
    for pass in [true, false] {
        for (ri, r) in revision.iter().enumerate() {
            if pairing.revision[ri].is_some() {
                continue;
            }
            let found = base.iter().enumerate().position(|(bi, b)| {
                pairing.base[bi].is_none() && key(b) == key(r) && (!pass || prefer(b, r))
            });
            if let Some(bi) = found {
                pairing.base[bi] = Some(ri);
                pairing.revision[ri] = Some(bi);
            }
        }
    }
    pairing
}
