//! The endpoint side of the diff: paths, operations, parameters, bodies, responses, headers,
//! security, servers, tags and webhooks. Facts here are already specific enough to carry
//! their rule id; schemas are handed to the [`SchemaComparer`] and recorded as roots, which
//! the classifier walks once per operation.

use super::schema::{PairId, SchemaComparer};
use super::{Direction, OperationRef};
use crate::model::{
    Api, Header, MediaType, Operation, Origin, Parameter, ParameterLocation, PathItem, Response,
    path_parameter_names,
};
use crate::rules::{ChangeId, ids};

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

fn op_ref(op: &Operation) -> OperationRef {
    OperationRef {
        method: op.method.clone(),
        path: op.path.clone(),
    }
}

impl<'a> ApiComparison<'a> {
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

    fn path_items(&mut self, base: &[PathItem], revision: &[PathItem], webhooks: bool) {
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
        let op = Some(op_ref(r));
        let (bo, ro) = (Some(b.origin), Some(r.origin));
        self.extensions(
            ids::ENDPOINT_EXTENSION_CHANGED,
            "",
            &b.extensions,
            &r.extensions,
            (b.origin, r.origin),
            op.clone(),
        );
        match (&b.operation_id, &r.operation_id) {
            (None, Some(id)) => self.push(
                ids::API_OPERATION_ID_ADDED,
                vec![("value", id.clone())],
                bo,
                ro,
                op.clone(),
            ),
            (Some(id), None) => self.push(
                ids::API_OPERATION_ID_REMOVED,
                vec![("value", id.clone())],
                bo,
                ro,
                op.clone(),
            ),
            (Some(x), Some(y)) if x != y => self.push(
                ids::API_OPERATION_ID_CHANGED,
                vec![("from", x.clone()), ("to", y.clone())],
                bo,
                ro,
                op.clone(),
            ),
            _ => {}
        }
        for t in r.tags.iter().filter(|t| !b.tags.contains(t)) {
            self.push(
                ids::API_TAG_ADDED,
                vec![("value", t.clone())],
                bo,
                ro,
                op.clone(),
            );
        }
        for t in b.tags.iter().filter(|t| !r.tags.contains(t)) {
            self.push(
                ids::API_TAG_REMOVED,
                vec![("value", t.clone())],
                bo,
                ro,
                op.clone(),
            );
        }
        match (b.deprecated, r.deprecated) {
            (false, true) => self.push(ids::ENDPOINT_DEPRECATED, vec![], bo, ro, op.clone()),
            (true, false) => self.push(ids::ENDPOINT_REACTIVATED, vec![], bo, ro, op.clone()),
            _ => {}
        }
        if b.summary != r.summary {
            self.push(ids::ENDPOINT_SUMMARY_CHANGED, vec![], bo, ro, op.clone());
        }
        if b.description != r.description {
            self.push(
                ids::ENDPOINT_DESCRIPTION_CHANGED,
                vec![],
                bo,
                ro,
                op.clone(),
            );
        }
        self.parameters(b, r);
        self.request_body(b, r);
        self.responses(b, r);
        for cb in &r.callbacks {
            if !b.callbacks.iter().any(|x| x.name == cb.name) {
                self.push(
                    ids::API_CALLBACK_ADDED,
                    vec![("name", cb.name.clone())],
                    bo,
                    Some(cb.origin),
                    op.clone(),
                );
            }
        }
        for cb in &b.callbacks {
            match r.callbacks.iter().find(|x| x.name == cb.name) {
                None => self.push(
                    ids::API_CALLBACK_REMOVED,
                    vec![("name", cb.name.clone())],
                    Some(cb.origin),
                    ro,
                    op.clone(),
                ),
                Some(rcb) => {
                    let (bp, rp) = (cb.paths.clone(), rcb.paths.clone());
                    self.path_items(&bp, &rp, false);
                }
            }
        }
    }

    fn parameters(&mut self, b: &Operation, r: &Operation) {
        let op = op_ref(r);
        let bkeys: Vec<String> = b.parameters.iter().map(|p| param_identity(b, p)).collect();
        let rkeys: Vec<String> = r.parameters.iter().map(|p| param_identity(r, p)).collect();
        // A parameter declared twice pairs with the other side's declarations in order.
        let pairs = pair_up(&bkeys, &rkeys, |k| k, |_, _| true);
        for (ri, rp) in r.parameters.iter().enumerate() {
            let args = param_args(rp);
            match pairs.revision[ri] {
                None => {
                    let id = if rp.location == ParameterLocation::Path {
                        if in_template(r, &rp.name) {
                            ids::REQUEST_PATH_PARAMETER_DECLARED
                        } else {
                            ids::NEW_REQUEST_PATH_PARAMETER
                        }
                    } else if rp.required {
                        ids::NEW_REQUIRED_REQUEST_PARAMETER
                    } else {
                        ids::NEW_OPTIONAL_REQUEST_PARAMETER
                    };
                    self.push(id, args, Some(b.origin), Some(rp.origin), Some(op.clone()));
                }
                Some(i) => self.parameter(&b.parameters[i], rp, &op),
            }
        }
        self.required_parameter_order(b, r, &pairs.revision, &op);
        for (bi, bp) in b.parameters.iter().enumerate() {
            if pairs.base[bi].is_none() {
                let id = if bp.location == ParameterLocation::Path && !on_wire_after(b, r, bp) {
                    ids::REQUEST_PATH_PARAMETER_UNDECLARED
                } else if bp.deprecated {
                    ids::REQUEST_PARAMETER_REMOVED_WITH_DEPRECATION
                } else {
                    ids::REQUEST_PARAMETER_REMOVED
                };
                self.push(
                    id,
                    param_args(bp),
                    Some(bp.origin),
                    Some(r.origin),
                    Some(op.clone()),
                );
            }
        }
    }

    /// Required parameters that both sides have, in another relative order: generated
    /// clients take them as leading positional arguments, in declaration order.
    fn required_parameter_order(
        &mut self,
        b: &Operation,
        r: &Operation,
        paired: &[Option<usize>],
        op: &OperationRef,
    ) {
        let kept: Vec<(usize, usize)> = paired
            .iter()
            .enumerate()
            .filter_map(|(ri, bi)| bi.map(|bi| (bi, ri)))
            .filter(|&(bi, ri)| b.parameters[bi].required && r.parameters[ri].required)
            .collect();
        if kept.windows(2).all(|w| w[0].0 < w[1].0) {
            return;
        }
        let names = |mut order: Vec<&str>| {
            order.dedup();
            order
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut by_base = kept.clone();
        by_base.sort();
        let from = names(
            by_base
                .iter()
                .map(|&(bi, _)| &*b.parameters[bi].name)
                .collect(),
        );
        let to = names(
            kept.iter()
                .map(|&(_, ri)| &*r.parameters[ri].name)
                .collect(),
        );
        let (first_b, first_r) = (by_base[0].0, kept[0].1);
        self.push(
            ids::REQUEST_REQUIRED_PARAMETER_POSITION_CHANGED,
            vec![("from", from), ("to", to)],
            Some(b.parameters[first_b].origin),
            Some(r.parameters[first_r].origin),
            Some(op.clone()),
        );
    }

    fn parameter(&mut self, b: &Parameter, r: &Parameter, op: &OperationRef) {
        let (bo, ro, o) = (Some(b.origin), Some(r.origin), Some(op.clone()));
        let args = param_args(r);
        if b.location == ParameterLocation::Path && b.name != r.name {
            self.push(
                ids::REQUEST_PATH_PARAMETER_RENAMED,
                vec![("from", b.name.clone()), ("to", r.name.clone())],
                bo,
                ro,
                o.clone(),
            );
        }
        self.extensions(
            ids::REQUEST_PARAMETER_EXTENSION_CHANGED,
            &format!("{} parameter `{}`", r.location.as_str(), r.name),
            &b.extensions,
            &r.extensions,
            (b.origin, r.origin),
            o.clone(),
        );
        match (b.required, r.required) {
            (false, true) => self.push(
                ids::REQUEST_PARAMETER_BECAME_REQUIRED,
                args.clone(),
                bo,
                ro,
                o.clone(),
            ),
            (true, false) => self.push(
                ids::REQUEST_PARAMETER_BECAME_OPTIONAL,
                args.clone(),
                bo,
                ro,
                o.clone(),
            ),
            _ => {}
        }
        match (b.deprecated, r.deprecated) {
            (false, true) => self.push(
                ids::REQUEST_PARAMETER_DEPRECATED,
                args.clone(),
                bo,
                ro,
                o.clone(),
            ),
            (true, false) => self.push(
                ids::REQUEST_PARAMETER_REACTIVATED,
                args.clone(),
                bo,
                ro,
                o.clone(),
            ),
            _ => {}
        }
        if b.style != r.style || b.explode != r.explode {
            let mut a = args.clone();
            a.push((
                "from",
                format!("{}{}", b.style, if b.explode { " (explode)" } else { "" }),
            ));
            a.push((
                "to",
                format!("{}{}", r.style, if r.explode { " (explode)" } else { "" }),
            ));
            self.push(ids::REQUEST_PARAMETER_STYLE_CHANGED, a, bo, ro, o.clone());
        }
        if b.description != r.description {
            self.push(
                ids::REQUEST_PARAMETER_DESCRIPTION_CHANGED,
                args.clone(),
                bo,
                ro,
                o.clone(),
            );
        }
        if b.examples.len() != r.examples.len()
            || b.examples
                .iter()
                .zip(&r.examples)
                .any(|(x, y)| !super::schema::json_eq(x, y))
        {
            self.push(
                ids::REQUEST_PARAMETER_EXAMPLES_CHANGED,
                args.clone(),
                bo,
                ro,
                o.clone(),
            );
        }
        if b.allow_reserved != r.allow_reserved || b.allow_empty_value != r.allow_empty_value {
            let mut a = args.clone();
            let flags = |p: &Parameter| {
                format!(
                    "allowReserved: {}, allowEmptyValue: {}",
                    p.allow_reserved, p.allow_empty_value
                )
            };
            a.push(("from", flags(b)));
            a.push(("to", flags(r)));
            self.push(ids::REQUEST_PARAMETER_STYLE_CHANGED, a, bo, ro, o.clone());
        }
        let label = format!("{} parameter `{}`", r.location.as_str(), r.name);
        let place = Place {
            op,
            direction: Direction::Request,
            kind: RootKind::Parameter,
            label: &label,
        };
        self.schema_or_content(
            (b.schema, &b.content, b.origin),
            (r.schema, &r.content, r.origin),
            place,
        );
    }

    /// A parameter or header is described by a schema or by `content`: the schemas pair up
    /// as a root, or the media types do.
    fn schema_or_content(
        &mut self,
        b: (Option<crate::model::SchemaId>, &[MediaType], Origin),
        r: (Option<crate::model::SchemaId>, &[MediaType], Origin),
        place: Place<'_>,
    ) {
        match (b.0, r.0) {
            (Some(x), Some(y)) => {
                let pair = self.schemas.compare(x, y);
                self.roots.push(SchemaRoot {
                    operation: place.op.clone(),
                    direction: place.direction,
                    kind: place.kind,
                    label: place.label.to_string(),
                    pair,
                });
            }
            _ => self.media_types(
                b.1,
                r.1,
                place.op,
                place.direction,
                place.kind,
                place.label,
                b.2,
                r.2,
                None,
            ),
        }
    }

    fn request_body(&mut self, b: &Operation, r: &Operation) {
        let op = op_ref(r);
        match (&b.request_body, &r.request_body) {
            (None, Some(rb)) => {
                let id = if rb.required {
                    ids::REQUEST_BODY_ADDED_REQUIRED
                } else {
                    ids::REQUEST_BODY_ADDED_OPTIONAL
                };
                self.push(id, vec![], Some(b.origin), Some(rb.origin), Some(op));
            }
            (Some(bb), None) => self.push(
                ids::REQUEST_BODY_REMOVED,
                vec![],
                Some(bb.origin),
                Some(r.origin),
                Some(op),
            ),
            (Some(bb), Some(rb)) => {
                match (bb.required, rb.required) {
                    (false, true) => self.push(
                        ids::REQUEST_BODY_BECAME_REQUIRED,
                        vec![],
                        Some(bb.origin),
                        Some(rb.origin),
                        Some(op.clone()),
                    ),
                    (true, false) => self.push(
                        ids::REQUEST_BODY_BECAME_OPTIONAL,
                        vec![],
                        Some(bb.origin),
                        Some(rb.origin),
                        Some(op.clone()),
                    ),
                    _ => {}
                }
                if bb.description != rb.description {
                    self.push(
                        ids::REQUEST_BODY_DESCRIPTION_CHANGED,
                        vec![("subject", "request body".to_string())],
                        Some(bb.origin),
                        Some(rb.origin),
                        Some(op.clone()),
                    );
                }
                self.media_types(
                    &bb.content,
                    &rb.content,
                    &op,
                    Direction::Request,
                    RootKind::Body,
                    "request body",
                    bb.origin,
                    rb.origin,
                    None,
                );
            }
            (None, None) => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn media_types(
        &mut self,
        b: &[MediaType],
        r: &[MediaType],
        op: &OperationRef,
        direction: Direction,
        kind: RootKind,
        label: &str,
        b_origin: Origin,
        r_origin: Origin,
        lists: Option<(Origin, Origin)>,
    ) {
        let request = direction == Direction::Request;
        // A response media type renamed within its family (`application/json` to
        // `application/problem+json`, or its parameters changed) is one media type renamed,
        // as oasdiff pairs them, and its schemas are compared.
        let mut renamed: Vec<(&MediaType, &MediaType)> = Vec::new();
        if direction == Direction::Response && kind == RootKind::Body {
            for rm in r
                .iter()
                .filter(|m| find_media_type(b, &m.media_type).is_none())
            {
                if let Some(bm) = b.iter().find(|bm| {
                    find_media_type(r, &bm.media_type).is_none()
                        && !renamed.iter().any(|(x, _)| std::ptr::eq(*x, *bm))
                        && (media_type_contains(&bm.media_type, &rm.media_type)
                            || media_type_contains(&rm.media_type, &bm.media_type))
                }) {
                    renamed.push((bm, rm));
                }
            }
        }
        for rm in r {
            let args = vec![
                ("media_type", rm.media_type.clone()),
                ("subject", label.to_string()),
            ];
            let paired = find_media_type(b, &rm.media_type).or_else(|| {
                renamed
                    .iter()
                    .find(|(_, y)| std::ptr::eq(*y, rm))
                    .map(|(x, _)| *x)
            });
            match paired {
                None => self.push_media(
                    if request {
                        ids::REQUEST_BODY_MEDIA_TYPE_ADDED
                    } else {
                        ids::RESPONSE_MEDIA_TYPE_ADDED
                    },
                    args,
                    lists.unwrap_or((b_origin, rm.origin)),
                    op,
                    lists.is_some(),
                ),
                Some(bm) => {
                    let request = direction == Direction::Request;
                    let media_args = vec![
                        ("media_type", rm.media_type.clone()),
                        ("subject", format!("{label} ({})", rm.media_type)),
                    ];
                    if bm.examples.len() != rm.examples.len()
                        || bm
                            .examples
                            .iter()
                            .zip(&rm.examples)
                            .any(|(x, y)| !super::schema::json_eq(x, y))
                    {
                        self.push(
                            if request {
                                ids::REQUEST_BODY_MEDIA_TYPE_EXAMPLES_CHANGED
                            } else {
                                ids::RESPONSE_MEDIA_TYPE_EXAMPLES_CHANGED
                            },
                            media_args.clone(),
                            Some(bm.origin),
                            Some(rm.origin),
                            Some(op.clone()),
                        );
                    }
                    if bm.encoding != rm.encoding {
                        self.push(
                            if request {
                                ids::REQUEST_BODY_MEDIA_TYPE_ENCODING_CHANGED
                            } else {
                                ids::RESPONSE_MEDIA_TYPE_ENCODING_CHANGED
                            },
                            media_args,
                            Some(bm.origin),
                            Some(rm.origin),
                            Some(op.clone()),
                        );
                    }
                    if direction == Direction::Response
                        && kind == RootKind::Body
                        && media_type_parameters(&bm.media_type)
                            != media_type_parameters(&rm.media_type)
                    {
                        self.push_media(
                            ids::RESPONSE_MEDIA_TYPE_NAME_CHANGED,
                            vec![
                                ("from", bm.media_type.clone()),
                                ("to", rm.media_type.clone()),
                                ("subject", label.to_string()),
                            ],
                            lists.unwrap_or((bm.origin, rm.origin)),
                            op,
                            lists.is_some(),
                        );
                    } else if media_type_essence(&bm.media_type)
                        != media_type_essence(&rm.media_type)
                    {
                        self.push_media(
                            if media_type_contains(&bm.media_type, &rm.media_type) {
                                ids::RESPONSE_MEDIA_TYPE_NAME_SPECIALIZED
                            } else {
                                ids::RESPONSE_MEDIA_TYPE_NAME_GENERALIZED
                            },
                            vec![
                                ("from", bm.media_type.clone()),
                                ("to", rm.media_type.clone()),
                                ("subject", label.to_string()),
                            ],
                            lists.unwrap_or((bm.origin, rm.origin)),
                            op,
                            lists.is_some(),
                        );
                    }
                    match (bm.schema, rm.schema) {
                        (Some(x), Some(y)) => {
                            let pair = self.schemas.compare(x, y);
                            self.roots.push(SchemaRoot {
                                operation: op.clone(),
                                direction,
                                kind,
                                label: format!("{label} ({})", rm.media_type),
                                pair,
                            });
                        }
                        (None, Some(_)) => self.push(
                            if request {
                                ids::REQUEST_BODY_MEDIA_TYPE_SCHEMA_ADDED
                            } else {
                                ids::RESPONSE_BODY_MEDIA_TYPE_SCHEMA_ADDED
                            },
                            args,
                            Some(bm.origin),
                            Some(rm.origin),
                            Some(op.clone()),
                        ),
                        (Some(_), None) => self.push(
                            if request {
                                ids::REQUEST_BODY_MEDIA_TYPE_SCHEMA_REMOVED
                            } else {
                                ids::RESPONSE_BODY_MEDIA_TYPE_SCHEMA_REMOVED
                            },
                            args,
                            Some(bm.origin),
                            Some(rm.origin),
                            Some(op.clone()),
                        ),
                        (None, None) => {}
                    }
                }
            }
        }
        for bm in b {
            if find_media_type(r, &bm.media_type).is_none()
                && !renamed.iter().any(|(x, _)| std::ptr::eq(*x, bm))
            {
                let args = vec![
                    ("media_type", bm.media_type.clone()),
                    ("subject", label.to_string()),
                ];
                self.push_media(
                    if request {
                        ids::REQUEST_BODY_MEDIA_TYPE_REMOVED
                    } else {
                        ids::RESPONSE_MEDIA_TYPE_REMOVED
                    },
                    args,
                    lists.unwrap_or((bm.origin, r_origin)),
                    op,
                    lists.is_some(),
                );
            }
        }
    }

    /// A media type added, removed or renamed. When the media types come from one list that
    /// many responses inherit (a Swagger 2.0 `produces`), the change is that list's: one
    /// change at it, listing each operation once, whichever of its responses it reaches.
    fn push_media(
        &mut self,
        id: ChangeId,
        mut args: Vec<(&'static str, String)>,
        (base, revision): (Origin, Origin),
        op: &OperationRef,
        listed: bool,
    ) {
        if !listed {
            self.push(id, args, Some(base), Some(revision), Some(op.clone()));
            return;
        }
        for (k, v) in args.iter_mut() {
            if *k == "subject" {
                *v = "`produces`".to_string();
            }
        }
        let same = |g: &GroupedFact| {
            g.id == id && g.base == Some(base) && g.revision == Some(revision) && g.args == args
        };
        match self.grouped.iter_mut().find(|g| same(g)) {
            Some(g) if g.operations.contains(op) => {}
            Some(g) => g.operations.push(op.clone()),
            None => self.grouped.push(GroupedFact {
                id,
                args,
                base: Some(base),
                revision: Some(revision),
                operations: vec![op.clone()],
            }),
        }
    }

    fn responses(&mut self, b: &Operation, r: &Operation) {
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
        for br in &b.responses {
            if !r.responses.iter().any(|x| x.status == br.status) {
                let id = if is_success(&br.status) {
                    ids::RESPONSE_SUCCESS_STATUS_REMOVED
                } else {
                    ids::RESPONSE_NON_SUCCESS_STATUS_REMOVED
                };
                self.push(
                    id,
                    vec![("status", br.status.clone())],
                    Some(br.origin),
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

    /// `x-` extensions of one element, added, removed or changed.
    fn extensions(
        &mut self,
        id: ChangeId,
        subject: &str,
        b: &crate::model::Extensions,
        r: &crate::model::Extensions,
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
        self.media_types(
            &b.content,
            &r.content,
            op,
            Direction::Response,
            RootKind::Body,
            &label,
            b.origin,
            r.origin,
            b.content_origin.zip(r.content_origin),
        );
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

    fn tags(&mut self, b: &Api, r: &Api) {
        for t in &r.tags {
            if let Some(bt) = b.tags.iter().find(|x| x.name == t.name) {
                if bt.description != t.description
                    || bt.summary != t.summary
                    || bt.parent != t.parent
                {
                    self.push(
                        ids::API_TAG_DEFINITION_CHANGED,
                        vec![("value", t.name.clone())],
                        Some(bt.origin),
                        Some(t.origin),
                        None,
                    );
                }
            } else {
                self.push(
                    ids::API_TAG_DEFINITION_ADDED,
                    vec![("value", t.name.clone())],
                    Some(b.origin),
                    Some(t.origin),
                    None,
                );
            }
        }
        for t in &b.tags {
            if !r.tags.iter().any(|x| x.name == t.name) {
                self.push(
                    ids::API_TAG_DEFINITION_REMOVED,
                    vec![("value", t.name.clone())],
                    Some(t.origin),
                    Some(r.origin),
                    None,
                );
            }
        }
    }

    /// The document's own description: title, summary, description, terms, contact, licence.
    fn info(&mut self, b: &Api, r: &Api) {
        let (bi, ri) = (&b.info, &r.info);
        let fields: [(&str, bool); 6] = [
            ("title", bi.title != ri.title),
            ("summary", bi.summary != ri.summary),
            ("description", bi.description != ri.description),
            ("termsOfService", bi.terms_of_service != ri.terms_of_service),
            ("contact", bi.contact != ri.contact),
            ("license", bi.license != ri.license),
        ];
        for (name, changed) in fields {
            if changed {
                self.push(
                    ids::API_INFO_CHANGED,
                    vec![("name", name.to_string())],
                    Some(bi.origin),
                    Some(ri.origin),
                    None,
                );
            }
        }
    }

    fn components(&mut self, b: &Api, r: &Api) {
        // A schema removed and one of the same shape added is one schema renamed.
        let renamed = super::renames::component_renames(b, r);
        let revision_ids: Vec<crate::model::SchemaId> = renamed
            .iter()
            .map(|(_, to)| {
                r.component_schema(to)
                    .expect("a renamed schema is in the revision")
            })
            .collect();
        let reaching = super::renames::operations_reaching(r, &revision_ids);
        for (((from, to), r_id), operations) in renamed.iter().zip(revision_ids).zip(reaching) {
            let b_id = b
                .component_schema(from)
                .expect("a renamed schema is in the base");
            let args = vec![("from", from.clone()), ("to", to.clone())];
            let (base, revision) = (Some(b.schema(b_id).origin), Some(r.schema(r_id).origin));
            self.push_reaching(ids::API_SCHEMA_RENAMED, args, base, revision, operations);
        }
        let was_renamed = |name: &str| renamed.iter().any(|(f, t)| f == name || t == name);
        for (name, id) in &r.component_schemas {
            if b.component_schema(name).is_none() && !was_renamed(name) {
                self.push(
                    ids::API_SCHEMA_ADDED,
                    vec![("name", name.clone())],
                    Some(b.origin),
                    Some(r.schema(*id).origin),
                    None,
                );
            }
        }
        let removed: Vec<(&String, crate::model::SchemaId)> = b
            .component_schemas
            .iter()
            .filter(|(name, _)| r.component_schema(name).is_none() && !was_renamed(name))
            .map(|(name, id)| (name, *id))
            .collect();
        // The operations that used each: an integrator's generated code met the model
        // class there (`--operations` keeps the change for them).
        let ids_removed: Vec<crate::model::SchemaId> = removed.iter().map(|(_, id)| *id).collect();
        let reaching = super::renames::operations_reaching(b, &ids_removed);
        for ((name, id), operations) in removed.into_iter().zip(reaching) {
            self.push_reaching(
                ids::API_SCHEMA_REMOVED,
                vec![("name", name.clone())],
                Some(b.schema(id).origin),
                Some(r.origin),
                operations,
            );
        }
        if b.info.version != r.info.version {
            self.push(
                ids::API_VERSION_CHANGED,
                vec![
                    ("from", b.info.version.clone()),
                    ("to", r.info.version.clone()),
                ],
                Some(b.info.version_origin),
                Some(r.info.version_origin),
                None,
            );
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

/// Parameters match by location and name; path parameters by their position in the
/// template, so renaming `{id}` to `{petId}` is no change.
fn param_identity(op: &Operation, p: &Parameter) -> String {
    if p.location == ParameterLocation::Path
        && let Some(i) = path_parameter_names(&op.path)
            .iter()
            .position(|n| *n == p.name)
    {
        return format!("path#{i}");
    }
    let (loc, name) = p.key();
    format!("{}:{name}", loc.as_str())
}

/// Whether `{name}` is a variable of the operation's path template. Paired path items
/// have templates with the same variables in the same places (their keys erase only the
/// names), so a variable of one side's template is in the other side's URL too: declaring
/// it is documentation, the URL clients build is unchanged.
fn in_template(op: &Operation, name: &str) -> bool {
    path_parameter_names(&op.path).contains(&name)
}

/// Whether a base path parameter whose declaration is gone still meant something on the
/// wire that the revision changed: not when its variable is still in the template (the
/// URL is the same, only the declaration was dropped), and not when it never was in the
/// base template (a misnamed declaration no client could send).
fn on_wire_after(b: &Operation, r: &Operation, p: &Parameter) -> bool {
    let Some(i) = path_parameter_names(&b.path)
        .iter()
        .position(|n| *n == p.name)
    else {
        return false;
    };
    path_parameter_names(&r.path).len() <= i
}

fn param_args(p: &Parameter) -> Vec<(&'static str, String)> {
    vec![
        ("in", p.location.as_str().to_string()),
        ("name", p.name.clone()),
        (
            "subject",
            format!("{} parameter `{}`", p.location.as_str(), p.name),
        ),
    ]
}

fn header_args(h: &Header, r: &Response) -> Vec<(&'static str, String)> {
    vec![("name", h.name.clone()), ("status", r.status.clone())]
}

fn find_header<'h>(headers: &'h [Header], name: &str) -> Option<&'h Header> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name))
}

/// Media types match exactly, else ignoring parameters and case (`application/json;
/// charset=utf-8` is `application/json`).
fn find_media_type<'m>(list: &'m [MediaType], name: &str) -> Option<&'m MediaType> {
    let essence = |m: &str| m.split(';').next().unwrap_or(m).trim().to_ascii_lowercase();
    list.iter().find(|m| m.media_type == name).or_else(|| {
        list.iter()
            .find(|m| essence(&m.media_type) == essence(name))
    })
}

/// `type/subtype` of a media type, lower-case, without parameters.
fn media_type_essence(m: &str) -> String {
    m.split(';').next().unwrap_or(m).trim().to_ascii_lowercase()
}

/// The parameters of a media type (`charset=utf-8`), names lower-case, sorted.
fn media_type_parameters(m: &str) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = m
        .split(';')
        .skip(1)
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches('"').to_string(),
            ))
        })
        .collect();
    params.sort();
    params
}

/// Whether `narrow` is a specific kind of `wide` (oasdiff's rule): the same type, and either
/// `wide` has no suffix and `narrow`'s last suffix is `wide`'s subtype
/// (`application/json` holds `application/problem+json`), or the same subtype with `wide`'s
/// suffixes leading `narrow`'s.
fn media_type_contains(wide: &str, narrow: &str) -> bool {
    let split = |m: &str| -> Option<(String, String, Vec<String>)> {
        let essence = media_type_essence(m);
        let (ty, sub) = essence.split_once('/')?;
        let mut parts = sub.split('+').map(str::to_string);
        let subtype = parts.next()?;
        Some((ty.to_string(), subtype, parts.collect()))
    };
    let (Some((t1, s1, x1)), Some((t2, s2, x2))) = (split(wide), split(narrow)) else {
        return false;
    };
    if t1 != t2 {
        return false;
    }
    if x1.is_empty() && x2.last() == Some(&s1) {
        return true;
    }
    s1 == s2 && x2.len() >= x1.len() && x2[..x1.len()] == x1[..]
}

fn is_success(status: &str) -> bool {
    status.starts_with('2') || status.starts_with('3')
}
