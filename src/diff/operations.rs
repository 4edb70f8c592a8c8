//! The integrator view (`--operations FILE`): the changes limited to the operations an
//! integration calls. The file lists one operation a line, as `METHOD /path` or as an
//! operationId; `#` starts a comment. Paths match as routes do elsewhere (`/pets/{id}` is
//! `/pets/{petId}`), methods in any case, operationIds in either version. A change keeps
//! the operations listed and goes when none is left; a change that reaches no operation
//! (a component schema nothing uses, the document's version) goes too, since no call of
//! the integration meets it.

use super::Change;
use crate::model::{Api, path_key};
use rustc_hash::FxHashSet;

const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// One line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    /// Lower-case method and route key.
    Route {
        method: String,
        key: String,
    },
    OperationId(String),
}

/// The operations an integration calls, as listed.
#[derive(Clone, Debug)]
pub struct OperationList {
    /// The file, for messages.
    file: String,
    /// (line, text as written, entry)
    entries: Vec<(usize, String, Entry)>,
}

impl OperationList {
    /// Reads the list; a line that is neither `METHOD /path` nor an operationId is an error.
    pub fn parse(text: &str, file: &str) -> Result<OperationList, String> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let at = format!("{file}:{}", n + 1);
            let words: Vec<&str> = line.split_whitespace().collect();
            let entry = match words.as_slice() {
                [id] if !id.starts_with('/') => Entry::OperationId(id.to_string()),
                [method, path] if path.starts_with('/') => {
                    let method = method.to_ascii_lowercase();
                    if !METHODS.contains(&method.as_str()) {
                        let hint = crate::rules::catalogue::nearest(&method, METHODS)
                            .map(|m| format!("; did you mean `{}`?", m.to_ascii_uppercase()))
                            .unwrap_or_default();
                        return Err(format!("{at}: unknown method `{}`{hint}", words[0]));
                    }
                    Entry::Route {
                        method,
                        key: path_key(path),
                    }
                }
                _ => {
                    return Err(format!(
                        "{at}: `{line}` is neither `METHOD /path` nor an operationId"
                    ));
                }
            };
            entries.push((n + 1, line.to_string(), entry));
        }
        Ok(OperationList {
            file: file.to_string(),
            entries,
        })
    }

    /// The (method, route key) of every listed operation found in either version, and a
    /// warning for each entry that matches none, naming the nearest operation.
    fn resolve(&self, base: &Api, revision: &Api) -> (FxHashSet<(String, String)>, Vec<String>) {
        let mut selected = FxHashSet::default();
        let mut warnings = Vec::new();
        let all: Vec<_> = base.operations().chain(revision.operations()).collect();
        for (line, text, entry) in &self.entries {
            let mut found = false;
            for (item, op) in &all {
                let hit = match entry {
                    Entry::Route { method, key } => {
                        op.method.eq_ignore_ascii_case(method) && item.key == *key
                    }
                    Entry::OperationId(id) => op.operation_id.as_deref() == Some(id.as_str()),
                };
                if hit {
                    found = true;
                    selected.insert((op.method.to_ascii_lowercase(), item.key.clone()));
                }
            }
            if !found {
                let names: Vec<String> = all
                    .iter()
                    .flat_map(|(_, op)| {
                        let route = format!("{} {}", op.method.to_ascii_uppercase(), op.path);
                        std::iter::once(route).chain(op.operation_id.clone())
                    })
                    .collect();
                let hint = crate::rules::catalogue::closest(text, names.iter().map(String::as_str))
                    .map(|n| format!("; the nearest is `{n}`"))
                    .unwrap_or_default();
                warnings.push(format!(
                    "{}:{line}: `{text}` matches no operation in either version{hint}",
                    self.file
                ));
            }
        }
        (selected, warnings)
    }

    /// The changes limited to the listed operations, how many changes went, and the
    /// warnings for entries that match nothing.
    pub fn apply(
        &self,
        changes: Vec<Change>,
        base: &Api,
        revision: &Api,
    ) -> (Vec<Change>, usize, Vec<String>) {
        let (selected, warnings) = self.resolve(base, revision);
        let mut dropped = 0;
        let mut kept = Vec::with_capacity(changes.len());
        for mut change in changes {
            change.operations.retain(|a| {
                selected.contains(&(
                    a.operation.method.to_ascii_lowercase(),
                    path_key(&a.operation.path),
                ))
            });
            if change.operations.is_empty() {
                dropped += 1;
                continue;
            }
            if let Some(worst) = change.operations.iter().max_by_key(|a| a.level) {
                change.level = worst.level;
                change.id = worst.id.to_string();
            }
            kept.push(change);
        }
        (kept, dropped, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_routes_or_operation_ids() {
        let list = OperationList::parse(
            "# what we call\nGET /pets/{petId}  # by route\nlistPets\n\n  post /pets\n",
            "ops.txt",
        )
        .unwrap();
        assert_eq!(
            list.entries
                .iter()
                .map(|(_, _, e)| e.clone())
                .collect::<Vec<_>>(),
            [
                Entry::Route {
                    method: "get".into(),
                    key: path_key("/pets/{id}")
                },
                Entry::OperationId("listPets".into()),
                Entry::Route {
                    method: "post".into(),
                    key: path_key("/pets")
                },
            ]
        );
        assert_eq!(list.entries[1].0, 3, "lines are counted from 1");
    }

    #[test]
    fn a_wrong_line_is_an_error_naming_the_line() {
        let err = OperationList::parse("GTE /pets\n", "ops.txt").unwrap_err();
        assert!(err.starts_with("ops.txt:1: unknown method `GTE`"), "{err}");
        assert!(err.contains("`GET`"), "{err}");
        let err = OperationList::parse("\nGET pets extra\n", "ops.txt").unwrap_err();
        assert!(err.starts_with("ops.txt:2:"), "{err}");
    }
}
