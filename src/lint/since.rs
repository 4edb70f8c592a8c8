//! Findings new since a git revision: what a pull request adds, without an ignore file.
//!
//! A finding is old when the same rule reported the same JSON pointer in the same file at
//! the revision. Files are matched by their path from the top of the git work tree, so
//! `openapi.yaml` in the working tree is `main:openapi.yaml` at the revision, and the files
//! its references reach match theirs.

use super::Finding;
use crate::load::source::{FileLocation, absolute, normalize};
use crate::load::{SourceFile, Workspace};
use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

/// Keeps the findings of `ws` that `base_findings` (of `base_ws`, the same spec at a git
/// revision) do not have; returns how many were dropped.
pub fn keep_new(
    findings: &mut Vec<Finding>,
    ws: &Workspace,
    base_findings: &[Finding],
    base_ws: &Workspace,
) -> usize {
    let top = std::env::current_dir()
        .ok()
        .and_then(|cwd| crate::load::git_work_tree(&cwd))
        .map(|t| normalize(&t));
    let base_keys = file_keys(base_ws, top.as_deref());
    let keys = file_keys(ws, top.as_deref());
    let old: FxHashSet<(&str, &str, &str)> = base_findings
        .iter()
        .map(|f| {
            (
                base_keys[f.location.file].as_str(),
                f.rule.as_str(),
                f.pointer.as_str(),
            )
        })
        .collect();
    let before = findings.len();
    findings.retain(|f| {
        let key = keys[f.location.file].as_str();
        !old.contains(&(key, f.rule.as_str(), f.pointer.as_str()))
    });
    before - findings.len()
}

/// Each file's path from the top of the work tree `top` (a file at a revision has it
/// already), by file id; other sources by name.
fn file_keys(ws: &Workspace, top: Option<&Path>) -> Vec<String> {
    ws.files().iter().map(|f| file_key(f, top)).collect()
}

fn file_key(source: &SourceFile, top: Option<&Path>) -> String {
    match &source.location {
        FileLocation::Git { path, .. } => path.clone(),
        FileLocation::Path(p) => {
            let full: PathBuf = normalize(&absolute(p));
            match top.and_then(|t| full.strip_prefix(t).ok()) {
                Some(rel) => rel.to_string_lossy().replace('\\', "/"),
                None => full.to_string_lossy().into_owned(),
            }
        }
        _ => source.name.clone(),
    }
}
