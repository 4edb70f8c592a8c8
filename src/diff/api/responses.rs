//! Responses by status, and in each its description, media types, links and headers.
//! Grouped because all of it is what a client reads back, compared in the response
//! direction.

use super::bodies::MediaList;
use super::{ApiComparison, Place, RootKind, op_ref};
use crate::diff::{Direction, OperationRef};
use crate::model::{Header, Operation, Response};
use crate::rules::ids;

impl ApiComparison<'_> {
    pub(super) fn responses(&mut self, b: &Operation, r: &Operation) {
        let op = op_ref(r);
        for rr in &r.responses {
            let args = vec![("status", rr.status.clone())];
            match b.responses.iter().find(|x| x.status == rr.status) {
                None => {
                    let id = if is_success(&rr.status) {
                        ids::RESPONSE_SUCCESS_STATUS_ADDED
                    } else {
                        ids::RESPONSE_NON_SUCCESS_STATUS_ADDED
                    };
                    self.push(id, args, Some(b.origin), Some(rr.origin), Some(op.clone()));
                }
                Some(br) => self.response(br, rr, &op),
            }
        }
        // The success statuses the revision keeps from the base, when it adds none: a
        // success status removed beside them takes away an answer, not one clients need.
        fn success(o: &Operation) -> Vec<&str> {
            o.responses
                .iter()
                .map(|x| x.status.as_str())
                .filter(|s| is_success(s))
                .collect()
        }
        let (b_success, r_success) = (success(b), success(r));
        let only_kept = !r_success.is_empty() && r_success.iter().all(|s| b_success.contains(s));
        for br in &b.responses {
            if !r.responses.iter().any(|x| x.status == br.status) {
                let mut args = vec![("status", br.status.clone())];
                let id = if !is_success(&br.status) {
                    ids::RESPONSE_NON_SUCCESS_STATUS_REMOVED
                } else if only_kept {
                    args.push(("others", r_success.join(", ")));
                    ids::RESPONSE_ALTERNATIVE_SUCCESS_STATUS_REMOVED
                } else {
                    ids::RESPONSE_SUCCESS_STATUS_REMOVED
                };
                self.push(id, args, Some(br.origin), Some(r.origin), Some(op.clone()));
            }
        }
    }

    fn response(&mut self, b: &Response, r: &Response, op: &OperationRef) {
        let label = format!("response {}", r.status);
        self.extensions(
            ids::RESPONSE_EXTENSION_CHANGED,
            "",
            &b.extensions,
            &r.extensions,
            (b.origin, r.origin),
            Some(op.clone()),
        );
        if b.description != r.description {
            self.push(
                ids::RESPONSE_DESCRIPTION_CHANGED,
                vec![("status", r.status.clone())],
                Some(b.origin),
                Some(r.origin),
                Some(op.clone()),
            );
        }
        let at = MediaList {
            place: Place {
                op,
                direction: Direction::Response,
                kind: RootKind::Body,
                label: &label,
            },
            holders: (b.origin, r.origin),
            inherited: b.content_origin.zip(r.content_origin),
        };
        self.media_types(&b.content, &r.content, &at);
        self.links(b, r, op);
        for rh in &r.headers {
            match find_header(&b.headers, &rh.name) {
                None => self.push(
                    ids::RESPONSE_HEADER_ADDED,
                    header_args(rh, r),
                    Some(b.origin),
                    Some(rh.origin),
                    Some(op.clone()),
                ),
                Some(bh) => self.header(bh, rh, r, op),
            }
        }
        for bh in &b.headers {
            if find_header(&r.headers, &bh.name).is_none() {
                let id = if bh.required {
                    ids::REQUIRED_RESPONSE_HEADER_REMOVED
                } else {
                    ids::OPTIONAL_RESPONSE_HEADER_REMOVED
                };
                self.push(
                    id,
                    header_args(bh, r),
                    Some(bh.origin),
                    Some(r.origin),
                    Some(op.clone()),
                );
            }
        }
    }

    /// Links a response offers: clients that follow one break when it goes or changes.
    fn links(&mut self, b: &Response, r: &Response, op: &OperationRef) {
        let args = |name: &str| vec![("name", name.to_string()), ("status", r.status.clone())];
        for rl in &r.links {
            match b.links.iter().find(|l| l.name == rl.name) {
                None => self.push(
                    ids::RESPONSE_LINK_ADDED,
                    args(&rl.name),
                    Some(b.origin),
                    Some(rl.origin),
                    Some(op.clone()),
                ),
                Some(bl) => {
                    if bl.operation_id != rl.operation_id
                        || bl.operation_ref != rl.operation_ref
                        || bl.parameters != rl.parameters
                        || bl.request_body != rl.request_body
                    {
                        self.push(
                            ids::RESPONSE_LINK_CHANGED,
                            args(&rl.name),
                            Some(bl.origin),
                            Some(rl.origin),
                            Some(op.clone()),
                        );
                    }
                }
            }
        }
        for bl in &b.links {
            if !r.links.iter().any(|l| l.name == bl.name) {
                self.push(
                    ids::RESPONSE_LINK_REMOVED,
                    args(&bl.name),
                    Some(bl.origin),
                    Some(r.origin),
                    Some(op.clone()),
                );
            }
        }
    }

    fn header(&mut self, b: &Header, r: &Header, resp: &Response, op: &OperationRef) {
        let (bo, ro) = (Some(b.origin), Some(r.origin));
        self.extensions(
            ids::RESPONSE_HEADER_EXTENSION_CHANGED,
            &format!("response {} header `{}`", resp.status, r.name),
            &b.extensions,
            &r.extensions,
            (b.origin, r.origin),
            Some(op.clone()),
        );
        match (b.required, r.required) {
            (true, false) => self.push(
                ids::RESPONSE_HEADER_BECAME_OPTIONAL,
                header_args(r, resp),
                bo,
                ro,
                Some(op.clone()),
            ),
            (false, true) => self.push(
                ids::RESPONSE_HEADER_BECAME_REQUIRED,
                header_args(r, resp),
                bo,
                ro,
                Some(op.clone()),
            ),
            _ => {}
        }
        // The header object's own `deprecated` (its schema's is compared with the schema).
        let deprecation = match (b.deprecated, r.deprecated) {
            (false, true) => Some(ids::RESPONSE_HEADER_DEPRECATED),
            (true, false) => Some(ids::RESPONSE_HEADER_REACTIVATED),
            _ => None,
        };
        if let Some(id) = deprecation {
            let mut a = header_args(r, resp);
            a.push((
                "subject",
                format!("response {} header `{}`", resp.status, r.name),
            ));
            self.push(id, a, bo, ro, Some(op.clone()));
        }
        if b.description != r.description {
            let mut a = header_args(r, resp);
            a.push((
                "subject",
                format!("response {} header `{}`", resp.status, r.name),
            ));
            self.push(
                ids::RESPONSE_HEADER_DESCRIPTION_CHANGED,
                a,
                bo,
                ro,
                Some(op.clone()),
            );
        }
        let label = format!("response {} header `{}`", resp.status, r.name);
        let place = Place {
            op,
            direction: Direction::Response,
            kind: RootKind::Header,
            label: &label,
        };
        self.schema_or_content(
            (b.schema, &b.content, b.origin),
            (r.schema, &r.content, r.origin),
            place,
        );
    }
}

fn header_args(h: &Header, r: &Response) -> Vec<(&'static str, String)> {
    vec![("name", h.name.clone()), ("status", r.status.clone())]
}

fn find_header<'h>(headers: &'h [Header], name: &str) -> Option<&'h Header> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name))
}

fn is_success(status: &str) -> bool {
    status.starts_with('2') || status.starts_with('3')
}
