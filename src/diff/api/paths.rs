//! Path items, webhooks and the operations in them, paired by route and method, and what an
//! operation says about itself (operationId, tags, deprecation, documentation, callbacks).
//! Grouped because these decide which endpoints exist and what they are called; what an
//! operation exchanges is compared by `parameters`, `bodies` and `responses`.

use super::{ApiComparison, op_ref, pair_up};
use crate::diff::OperationRef;
use crate::model::{Api, Operation, PathItem};
use crate::rules::ids;

/// An operation present in both documents, with the path item it sits in on each side.
pub struct PairedOperation<'a> {
    pub base_item: &'a PathItem,
    pub base: &'a Operation,
    pub revision_item: &'a PathItem,
    pub revision: &'a Operation,
    /// A webhook's operation (servers do not apply).
    pub webhook: bool,
}

impl PairedOperation<'_> {
    /// The operation as the revision names it.
    pub fn name(&self) -> OperationRef {
        op_ref(self.revision)
    }
}

/// The operations of paths and webhooks present in both documents, paired as the endpoint
/// comparison pairs them (path items by route, then operations by method).
pub fn paired_operations<'a>(base: &'a Api, revision: &'a Api) -> Vec<PairedOperation<'a>> {
    let mut out = Vec::new();
    for (b, r, webhook) in [
        (&base.paths, &revision.paths, false),
        (&base.webhooks, &revision.webhooks, true),
    ] {
        let pairs = pair_up(b, r, |p| &p.key, |x, y| x.template == y.template);
        for (ri, r_item) in r.iter().enumerate() {
            let Some(b_item) = pairs.revision[ri].map(|bi| &b[bi]) else {
                continue;
            };
            for rop in &r_item.operations {
                if let Some(bop) = b_item.operations.iter().find(|o| o.method == rop.method) {
                    out.push(PairedOperation {
                        base_item: b_item,
                        base: bop,
                        revision_item: r_item,
                        revision: rop,
                        webhook,
                    });
                }
            }
        }
    }
    out
}

impl ApiComparison<'_> {
    pub(super) fn path_items(&mut self, base: &[PathItem], revision: &[PathItem], webhooks: bool) {
        // Two templates of one document can share a key (`/a/{id}` and `/a/{name}`): the
        // same spelling pairs first.
        let pairs = pair_up(base, revision, |p| &p.key, |b, r| b.template == r.template);
        for (ri, r) in revision.iter().enumerate() {
            match pairs.revision[ri].map(|bi| &base[bi]) {
                Some(b) => self.path_item(b, r),
                None if webhooks => self.push(
                    ids::WEBHOOK_ADDED,
                    vec![("name", r.key.clone())],
                    None,
                    Some(r.origin),
                    None,
                ),
                None => {
                    for op in &r.operations {
                        self.push(
                            ids::ENDPOINT_ADDED,
                            vec![],
                            None,
                            Some(op.origin),
                            Some(op_ref(op)),
                        );
                    }
                }
            }
        }
        for (bi, b) in base.iter().enumerate() {
            if pairs.base[bi].is_some() {
                continue;
            }
            if webhooks {
                self.push(
                    ids::WEBHOOK_REMOVED,
                    vec![("name", b.key.clone())],
                    Some(b.origin),
                    None,
                    None,
                );
                continue;
            }
            let all_deprecated =
                !b.operations.is_empty() && b.operations.iter().all(|o| o.deprecated);
            let id = if all_deprecated {
                ids::API_PATH_REMOVED_WITH_DEPRECATION
            } else {
                ids::API_PATH_REMOVED_WITHOUT_DEPRECATION
            };
            for op in &b.operations {
                self.push(id, vec![], Some(op.origin), None, Some(op_ref(op)));
            }
        }
    }

    fn path_item(&mut self, b: &PathItem, r: &PathItem) {
        for rop in &r.operations {
            match b.operations.iter().find(|o| o.method == rop.method) {
                Some(bop) => self.operation(bop, rop),
                None => self.push(
                    ids::ENDPOINT_ADDED,
                    vec![],
                    None,
                    Some(rop.origin),
                    Some(op_ref(rop)),
                ),
            }
        }
        for bop in &b.operations {
            if !r.operations.iter().any(|o| o.method == bop.method) {
                let id = if bop.deprecated {
                    ids::API_REMOVED_WITH_DEPRECATION
                } else {
                    ids::API_REMOVED_WITHOUT_DEPRECATION
                };
                self.push(
                    id,
                    vec![],
                    Some(bop.origin),
                    Some(r.origin),
                    Some(op_ref(bop)),
                );
            }
        }
    }

    fn operation(&mut self, b: &Operation, r: &Operation) {
        let op = op_ref(r);
        self.extensions(
            ids::ENDPOINT_EXTENSION_CHANGED,
            "",
            &b.extensions,
            &r.extensions,
            (b.origin, r.origin),
            Some(op.clone()),
        );
        self.operation_id(b, r, &op);
        self.operation_tags(b, r, &op);
        self.operation_docs(b, r, &op);
        self.parameters(b, r);
        self.request_body(b, r);
        self.responses(b, r);
        self.callbacks(b, r, &op);
    }

    fn operation_id(&mut self, b: &Operation, r: &Operation, op: &OperationRef) {
        let (bo, ro, op) = (Some(b.origin), Some(r.origin), Some(op.clone()));
        match (&b.operation_id, &r.operation_id) {
            (None, Some(id)) => self.push(
                ids::API_OPERATION_ID_ADDED,
                vec![("value", id.clone())],
                bo,
                ro,
                op,
            ),
            (Some(id), None) => self.push(
                ids::API_OPERATION_ID_REMOVED,
                vec![("value", id.clone())],
                bo,
                ro,
                op,
            ),
            (Some(x), Some(y)) if x != y => self.push(
                ids::API_OPERATION_ID_CHANGED,
                vec![("from", x.clone()), ("to", y.clone())],
                bo,
                ro,
                op,
            ),
            _ => {}
        }
    }

    /// The tags an operation is filed under (their definitions are the document's).
    fn operation_tags(&mut self, b: &Operation, r: &Operation, op: &OperationRef) {
        let (bo, ro) = (Some(b.origin), Some(r.origin));
        for t in r.tags.iter().filter(|t| !b.tags.contains(t)) {
            self.push(
                ids::API_TAG_ADDED,
                vec![("value", t.clone())],
                bo,
                ro,
                Some(op.clone()),
            );
        }
        for t in b.tags.iter().filter(|t| !r.tags.contains(t)) {
            self.push(
                ids::API_TAG_REMOVED,
                vec![("value", t.clone())],
                bo,
                ro,
                Some(op.clone()),
            );
        }
    }

    /// Deprecation, summary and description.
    fn operation_docs(&mut self, b: &Operation, r: &Operation, op: &OperationRef) {
        let (bo, ro) = (Some(b.origin), Some(r.origin));
        let op = Some(op.clone());
        match (b.deprecated, r.deprecated) {
            (false, true) => self.push(ids::ENDPOINT_DEPRECATED, vec![], bo, ro, op.clone()),
            (true, false) => self.push(ids::ENDPOINT_REACTIVATED, vec![], bo, ro, op.clone()),
            _ => {}
        }
        if b.summary != r.summary {
            self.push(ids::ENDPOINT_SUMMARY_CHANGED, vec![], bo, ro, op.clone());
        }
        if b.description != r.description {
            self.push(ids::ENDPOINT_DESCRIPTION_CHANGED, vec![], bo, ro, op);
        }
    }

    /// Callbacks by name; the path items of a callback on both sides are compared as
    /// paths are.
    fn callbacks(&mut self, b: &Operation, r: &Operation, op: &OperationRef) {
        for cb in &r.callbacks {
            if !b.callbacks.iter().any(|x| x.name == cb.name) {
                self.push(
                    ids::API_CALLBACK_ADDED,
                    vec![("name", cb.name.clone())],
                    Some(b.origin),
                    Some(cb.origin),
                    Some(op.clone()),
                );
            }
        }
        for cb in &b.callbacks {
            match r.callbacks.iter().find(|x| x.name == cb.name) {
                None => self.push(
                    ids::API_CALLBACK_REMOVED,
                    vec![("name", cb.name.clone())],
                    Some(cb.origin),
                    Some(r.origin),
                    Some(op.clone()),
                ),
                Some(rcb) => {
                    let (bp, rp) = (cb.paths.clone(), rcb.paths.clone());
                    self.path_items(&bp, &rp, false);
                }
            }
        }
    }
}
