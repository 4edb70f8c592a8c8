//! Request bodies and media types: the body's presence and flags, and the media types of
//! every part that has them (bodies, responses, and parameters or headers described by
//! `content`), each pair's examples, encoding, name and schema. Grouped because media types
//! are where a part's schema is found: this is where schema roots are recorded.

use super::{ApiComparison, GroupedFact, Place, RootKind, SchemaRoot, op_ref};
use crate::diff::{Direction, OperationRef};
use crate::model::{MediaType, Operation, Origin, SchemaId};
use crate::rules::{ChangeId, ids};

/// A part's list of media types: where it sits, and where a media type added or removed is
/// located.
pub(super) struct MediaList<'p> {
    pub place: Place<'p>,
    /// What holds the list on each side (the body, response, parameter or header).
    pub holders: (Origin, Origin),
    /// The list the media types are inherited from, on each side (a Swagger 2.0
    /// `produces`): a change to it is told once, at it.
    pub inherited: Option<(Origin, Origin)>,
}

impl ApiComparison<'_> {
    /// A parameter or header is described by a schema or by `content`: the schemas pair up
    /// as a root, or the media types do.
    pub(super) fn schema_or_content(
        &mut self,
        b: (Option<SchemaId>, &[MediaType], Origin),
        r: (Option<SchemaId>, &[MediaType], Origin),
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
                &MediaList {
                    place,
                    holders: (b.2, r.2),
                    inherited: None,
                },
            ),
        }
    }

    pub(super) fn request_body(&mut self, b: &Operation, r: &Operation) {
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
                let place = Place {
                    op: &op,
                    direction: Direction::Request,
                    kind: RootKind::Body,
                    label: "request body",
                };
                let at = MediaList {
                    place,
                    holders: (bb.origin, rb.origin),
                    inherited: None,
                };
                self.media_types(&bb.content, &rb.content, &at);
            }
            (None, None) => {}
        }
    }

    /// The media types of one part, paired exactly, else by essence, else (in a response
    /// body) within their family; each pair compared, the rest added or removed.
    pub(super) fn media_types(&mut self, b: &[MediaType], r: &[MediaType], at: &MediaList<'_>) {
        let renamed = renamed_in_family(b, r, &at.place);
        let was_renamed = |bm: &MediaType| renamed.iter().any(|(x, _)| std::ptr::eq(*x, bm));
        for rm in r {
            let paired = find_media_type(b, &rm.media_type).or_else(|| {
                renamed
                    .iter()
                    .find(|(_, y)| std::ptr::eq(*y, rm))
                    .map(|(x, _)| *x)
            });
            match paired {
                None => self.push_media(
                    if at.place.direction == Direction::Request {
                        ids::REQUEST_BODY_MEDIA_TYPE_ADDED
                    } else {
                        ids::RESPONSE_MEDIA_TYPE_ADDED
                    },
                    media_type_args(rm, at),
                    at.inherited.unwrap_or((at.holders.0, rm.origin)),
                    at.place.op,
                    at.inherited.is_some(),
                ),
                Some(bm) => {
                    self.media_type_details(bm, rm, at);
                    self.media_type_name(bm, rm, at);
                    self.media_type_schema(bm, rm, at);
                }
            }
        }
        for bm in b {
            if find_media_type(r, &bm.media_type).is_none() && !was_renamed(bm) {
                self.push_media(
                    if at.place.direction == Direction::Request {
                        ids::REQUEST_BODY_MEDIA_TYPE_REMOVED
                    } else {
                        ids::RESPONSE_MEDIA_TYPE_REMOVED
                    },
                    media_type_args(bm, at),
                    at.inherited.unwrap_or((bm.origin, at.holders.1)),
                    at.place.op,
                    at.inherited.is_some(),
                );
            }
        }
    }

    /// Examples and encoding of a paired media type: documentation and serialization of
    /// the same body, told with the media type in the subject.
    fn media_type_details(&mut self, bm: &MediaType, rm: &MediaType, at: &MediaList<'_>) {
        let request = at.place.direction == Direction::Request;
        let media_args = vec![
            ("media_type", rm.media_type.to_string()),
            ("subject", format!("{} ({})", at.place.label, rm.media_type)),
        ];
        let (bo, ro, op) = (Some(bm.origin), Some(rm.origin), Some(at.place.op.clone()));
        if bm.examples != rm.examples {
            let id = if request {
                ids::REQUEST_BODY_MEDIA_TYPE_EXAMPLES_CHANGED
            } else {
                ids::RESPONSE_MEDIA_TYPE_EXAMPLES_CHANGED
            };
            self.push(id, media_args.clone(), bo, ro, op.clone());
        }
        if bm.encoding != rm.encoding {
            let id = if request {
                ids::REQUEST_BODY_MEDIA_TYPE_ENCODING_CHANGED
            } else {
                ids::RESPONSE_MEDIA_TYPE_ENCODING_CHANGED
            };
            self.push(id, media_args, bo, ro, op);
        }
    }

    /// A response body's media type paired under another name: its parameters changed, or
    /// it was specialized (`application/json` to `application/problem+json`) or generalized.
    fn media_type_name(&mut self, bm: &MediaType, rm: &MediaType, at: &MediaList<'_>) {
        let id = if at.place.direction == Direction::Response
            && at.place.kind == RootKind::Body
            && media_type_parameters(&bm.media_type) != media_type_parameters(&rm.media_type)
        {
            ids::RESPONSE_MEDIA_TYPE_NAME_CHANGED
        } else if media_type_essence(&bm.media_type) != media_type_essence(&rm.media_type) {
            if media_type_contains(&bm.media_type, &rm.media_type) {
                ids::RESPONSE_MEDIA_TYPE_NAME_SPECIALIZED
            } else {
                ids::RESPONSE_MEDIA_TYPE_NAME_GENERALIZED
            }
        } else {
            return;
        };
        self.push_media(
            id,
            vec![
                ("from", bm.media_type.to_string()),
                ("to", rm.media_type.to_string()),
                ("subject", at.place.label.to_string()),
            ],
            at.inherited.unwrap_or((bm.origin, rm.origin)),
            at.place.op,
            at.inherited.is_some(),
        );
    }

    /// The schemas of a paired media type: a root for the classifier when both sides have
    /// one, else a schema added or removed.
    fn media_type_schema(&mut self, bm: &MediaType, rm: &MediaType, at: &MediaList<'_>) {
        let request = at.place.direction == Direction::Request;
        let (bo, ro, op) = (Some(bm.origin), Some(rm.origin), Some(at.place.op.clone()));
        match (bm.schema, rm.schema) {
            (Some(x), Some(y)) => {
                let pair = self.schemas.compare(x, y);
                self.roots.push(SchemaRoot {
                    operation: at.place.op.clone(),
                    direction: at.place.direction,
                    kind: at.place.kind,
                    label: format!("{} ({})", at.place.label, rm.media_type),
                    pair,
                });
            }
            (None, Some(_)) => {
                let id = if request {
                    ids::REQUEST_BODY_MEDIA_TYPE_SCHEMA_ADDED
                } else {
                    ids::RESPONSE_BODY_MEDIA_TYPE_SCHEMA_ADDED
                };
                self.push(id, media_type_args(rm, at), bo, ro, op);
            }
            (Some(_), None) => {
                let id = if request {
                    ids::REQUEST_BODY_MEDIA_TYPE_SCHEMA_REMOVED
                } else {
                    ids::RESPONSE_BODY_MEDIA_TYPE_SCHEMA_REMOVED
                };
                self.push(id, media_type_args(rm, at), bo, ro, op);
            }
            (None, None) => {}
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
}

/// A response media type renamed within its family (`application/json` to
/// `application/problem+json`, or its parameters changed) is one media type renamed, as
/// oasdiff pairs them, and its schemas are compared. Pairs (base, revision) of media types
/// that match no name of the other side.
fn renamed_in_family<'m>(
    b: &'m [MediaType],
    r: &'m [MediaType],
    place: &Place<'_>,
) -> Vec<(&'m MediaType, &'m MediaType)> {
    let mut renamed: Vec<(&MediaType, &MediaType)> = Vec::new();
    if place.direction != Direction::Response || place.kind != RootKind::Body {
        return renamed;
    }
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
    renamed
}

/// How a media type added or removed (or its schema) is named in messages.
fn media_type_args(m: &MediaType, at: &MediaList<'_>) -> Vec<(&'static str, String)> {
    vec![
        ("media_type", m.media_type.to_string()),
        ("subject", at.place.label.to_string()),
    ]
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
