//! Builds the canonical model from a loaded workspace. Being written.
use super::Api;
use crate::diagnostic::Diagnostic;
use crate::load::Workspace;

/// Normalises the workspace's root document into the canonical model, with the problems met
/// on the way (structure the model could not read; unresolved refs are the loader's).
pub fn build(_ws: &Workspace) -> (Api, Vec<Diagnostic>) {
    todo!()
}
