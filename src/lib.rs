//! specver: diff, classify, version and lint OpenAPI documents.
//!
//! Data flows one way: [`load`] reads sources into spanned [`tree`]s and resolves
//! references, [`model`] normalises Swagger 2.0 and OpenAPI 3.x into one canonical model,
//! and the reporters render [`diagnostic`]s.

pub mod bundle;
pub mod check;
pub mod cli;
pub mod compare;
pub mod diagnostic;
pub mod diff;
pub mod edit_distance;
pub mod files;
pub mod history;
pub mod lint;
pub mod linting;
pub mod load;
pub mod model;
pub mod parallel;
pub mod policy;
pub mod report;
pub mod rules;
pub mod tree;
pub mod version;
pub mod yaml_writer;
