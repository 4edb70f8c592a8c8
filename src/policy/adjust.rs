//! The project's settings applied to a diff: level overrides, ignores (each with a reason),
//! and the operation filters. Applied per affected operation, so ignoring a change for one
//! operation keeps it for the others.

use super::settings::{ChangesConfig, glob_match};
use crate::diagnostic::Location;
use crate::diff::{Change, OperationRef};
use crate::load::Workspace;
use crate::model::Api;

/// What was left out, for the report's summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dropped {
    pub ignored: usize,
    pub filtered: usize,
}

pub struct Context<'a> {
    pub base: (&'a Api, &'a Workspace),
    pub revision: (&'a Api, &'a Workspace),
}

pub fn apply(
    changes: Vec<Change>,
    config: &ChangesConfig,
    cx: &Context<'_>,
) -> (Vec<Change>, Dropped) {
    let match_path = config
        .match_path
        .as_deref()
        .and_then(|re| regex::Regex::new(re).ok());
    let excluded = excluded_operations(config, cx);
    let mut dropped = Dropped::default();
    let mut kept = Vec::with_capacity(changes.len());
    for mut change in changes {
        let had_operations = !change.operations.is_empty();
        let before = change.operations.len();
        change.operations.retain(|a| {
            !excluded.contains(&*a.operation)
                && match_path
                    .as_ref()
                    .is_none_or(|re| re.is_match(&a.operation.path))
        });
        if had_operations && change.operations.is_empty() {
            dropped.filtered += 1;
            continue;
        }
        let _ = before;

        // Levels.
        let mut off = false;
        if change.operations.is_empty() {
            if let Some(setting) = config.levels.get(&change.id) {
                match setting.level() {
                    Some(level) => change.level = level,
                    None => off = true,
                }
            }
        } else {
            change
                .operations
                .retain_mut(|a| match config.levels.get(a.id.as_str()) {
                    Some(setting) => match setting.level() {
                        Some(level) => {
                            a.level = level;
                            true
                        }
                        None => false,
                    },
                    None => true,
                });
            off = change.operations.is_empty();
        }
        if off {
            dropped.ignored += 1;
            continue;
        }

        // Ignores.
        if !config.ignore.is_empty() {
            let pointers = pointers(&change, cx);
            let applies = |ig: &super::settings::Ignore, id: &str, op: Option<String>| {
                (glob_match(&ig.id, id) || glob_match(&ig.id, &change.id))
                    && ig
                        .operation
                        .as_ref()
                        .is_none_or(|g| op.as_deref().is_some_and(|o| glob_match(g, o)))
                    && ig
                        .pointer
                        .as_ref()
                        .is_none_or(|g| pointers.iter().any(|p| glob_match(g, p)))
            };
            if change.operations.is_empty() {
                if config.ignore.iter().any(|ig| applies(ig, &change.id, None)) {
                    dropped.ignored += 1;
                    continue;
                }
            } else {
                let ops = std::mem::take(&mut change.operations);
                change.operations = ops
                    .into_iter()
                    .filter(|a| {
                        let op = format!(
                            "{} {}",
                            a.operation.method.to_ascii_uppercase(),
                            a.operation.path
                        );
                        !config
                            .ignore
                            .iter()
                            .any(|ig| applies(ig, a.id.as_str(), Some(op.clone())))
                    })
                    .collect();
                if change.operations.is_empty() {
                    dropped.ignored += 1;
                    continue;
                }
            }
        }

        // The change is as severe as its most severe remaining context.
        if let Some(worst) = change.operations.iter().max_by_key(|a| a.level) {
            change.level = worst.level;
            change.id = worst.id.to_string();
        }
        kept.push(change);
    }
    (kept, dropped)
}

fn pointers(change: &Change, cx: &Context<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(o) = change.base {
        out.push(
            cx.base
                .1
                .position(Location {
                    file: o.file,
                    span: o.span,
                })
                .pointer,
        );
    }
    if let Some(o) = change.revision {
        out.push(
            cx.revision
                .1
                .position(Location {
                    file: o.file,
                    span: o.span,
                })
                .pointer,
        );
    }
    out
}

/// Operations carrying one of the excluded extensions (with any value but `false`) in the
/// base or the revision.
fn excluded_operations(config: &ChangesConfig, cx: &Context<'_>) -> Vec<OperationRef> {
    if config.exclude_extensions.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for api in [cx.base.0, cx.revision.0] {
        for (item, op) in api.operations() {
            let marked = |ext: &crate::model::Extensions| {
                ext.iter().any(|(k, v)| {
                    config.exclude_extensions.contains(k) && *v != serde_json::Value::Bool(false)
                })
            };
            if marked(&op.extensions) || marked(&item.extensions) {
                out.push(OperationRef {
                    method: op.method.clone(),
                    path: op.path.clone(),
                });
            }
        }
    }
    out
}
