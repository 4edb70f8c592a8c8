//! The policy layer, applied after the diff: the project's settings (`.specver.yaml`:
//! level overrides, ignores, filters, versioning), and the lifecycle policy (deprecation
//! before removal, sunset dates, stability levels). The diff engine says what changed and
//! how much it matters to clients; this layer says what this project has decided about it.
//! Nothing below it (load, model, diff, rules) reads settings, so a diff is the same for
//! every project and can be tested without one.

pub(crate) mod adjust;
pub mod lifecycle;
pub mod settings;
