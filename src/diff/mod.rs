//! The diff engine: compares two canonical models and reports each change once, at its root
//! cause, with the operations it affects.
//!
//! `api` finds endpoint changes and the schema pairs each operation reaches; `schema`
//! compares every distinct schema pair once; `classify` turns facts into catalogue ids and
//! levels per context and groups them by root cause. `security` and `servers` compare what
//! every operation inherits (its effective security and servers) and report each change
//! once, where it is written.

mod api;
mod branches;
mod classify;
pub mod fact;
pub mod operations;
pub mod renames;
pub mod schema;
mod security;
mod servers;

use crate::model::{Api, Origin};
use crate::rules::changes::Level;
use crate::rules::{ChangeId, Profile};
use serde::Serialize;
use std::sync::Arc;

/// An operation, named the way users write it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct OperationRef {
    /// The method, lower case as OpenAPI writes it (`get`).
    pub method: String,
    /// The path template, as written.
    pub path: String,
}

impl std::fmt::Display for OperationRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method.to_ascii_uppercase(), self.path)
    }
}

/// Which way a change reaches an operation: in what clients send, in what they receive, or
/// neither (the operation itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// In what clients send.
    Request,
    /// In what clients receive.
    Response,
    /// The operation as a whole (added, removed, deprecated).
    None,
}

/// One operation a change reaches, how it reaches it, and what the change is for it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Affected {
    /// The operation, shared by every change that reaches it: a large diff lists hundreds
    /// of thousands of affected operations, and this entry is 16 bytes with one pointer.
    #[serde(flatten)]
    pub operation: Arc<OperationRef>,
    /// Whether the change reaches it in the request, the response or neither.
    pub direction: Direction,
    /// The change id in this operation's context (a shared schema can be a request body in
    /// one operation and a nested response property in another).
    pub id: ChangeId,
    /// The level of `id` under the profile of the comparison.
    pub level: Level,
}

/// One change at its root cause.
#[derive(Clone, Debug)]
pub struct Change {
    /// The id of the most severe way the change affects an operation.
    pub id: String,
    /// The most severe level it has in any operation, under the profile of the comparison.
    pub level: Level,
    /// The message, placeholders filled in.
    pub message: String,
    /// Where it is in the base, when the base has it.
    pub base: Option<Origin>,
    /// Where it is in the revision, when the revision has it.
    pub revision: Option<Origin>,
    /// The operations the change reaches; empty for document-level changes.
    pub operations: Vec<Affected>,
    /// Further places where the same change was written (inline copies in other operations).
    pub also: Vec<(Option<Origin>, Option<Origin>)>,
    /// Changes with equal id and merge key are one root cause written several times.
    pub(crate) merge_key: String,
    /// The values a change lists (enum values added or removed), as data for the reports.
    pub values: Vec<serde_json::Value>,
}

/// Compares two models, with the levels of one profile. Changes come sorted: most severe
/// first, then by id and location.
pub fn compare(base: &Api, revision: &Api, profile: Profile) -> Vec<Change> {
    let mut comparison = api::compare(base, revision);
    comparison.schemas.finish();
    let mut changes = classify::classify(&comparison, profile);
    sort(&mut changes);
    changes
}

/// The order reports use: most severe first, then by id and message.
pub fn sort(changes: &mut [Change]) {
    changes.sort_by(|a, b| {
        b.level
            .cmp(&a.level)
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.message.cmp(&b.message))
    });
}
