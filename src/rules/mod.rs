//! The rule catalogues, compiled into the binary from the data files in `rules/`.

pub mod catalogue;
pub mod changes;
pub mod profile;

pub use catalogue::{ChangeId, Context, SchemaChange, ids};
pub use profile::Profile;
