//! The ignore file: findings a project has accepted, so that a legacy spec can adopt the
//! linter and still fail on every new problem.
//!
//! The format is Redocly's `.redocly.lint-ignore.yaml`, so an existing one can be reused:
//! file (relative to the ignore file) -> rule -> JSON pointers of the ignored nodes.
//!
//! ```yaml
//! openapi.yaml:
//!   operation-description:
//!     - '#/paths/~1pets/get'
//! ```
//!
//! A pointer ignores every finding of that rule at that node; `specver lint --write-baseline`
//! writes the file from the current findings.

use super::Finding;
use super::ruleset::canonical_name;
use crate::load::source::{absolute, normalize, relative_to};
use crate::tree::{self, Limits, Node};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where `specver lint` looks for the ignore file when none is named.
pub const DEFAULT_NAME: &str = ".specver-lint-ignore.yaml";

/// file -> rule -> pointers (without the leading `#`).
type Entries = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// An ignore file as read (or about to be written): its path, and for each file (keyed
/// relative to the ignore file's directory) and rule, the pointers of the accepted findings.
#[derive(Clone, Debug)]
pub struct IgnoreFile {
    path: PathBuf,
    entries: Entries,
}

/// The ignore file's keys of the files of a run, by the name findings give them.
struct Keys<'n>(std::collections::HashMap<&'n str, String>);

impl Keys<'_> {
    fn key(&self, ignore_file: &IgnoreFile, name: &str) -> String {
        self.0
            .get(name)
            .cloned()
            .unwrap_or_else(|| ignore_file.key(name))
    }
}

/// What applying an ignore file did.
#[derive(Debug, Default)]
pub struct Applied {
    /// How many findings it removed.
    pub suppressed: usize,
    /// Entries for the files that were linted that matched no finding: fixed problems,
    /// which `--write-baseline` would drop. (file, rule, pointer)
    pub stale: Vec<(String, String, String)>,
}

impl IgnoreFile {
    /// An ignore file with no entries, to be written at `path`.
    pub fn empty(path: &Path) -> IgnoreFile {
        IgnoreFile {
            path: path.to_path_buf(),
            entries: Entries::new(),
        }
    }

    /// Reads an ignore file; problems name the file, line and column.
    pub fn load(path: &Path) -> Result<IgnoreFile, String> {
        let text = crate::load::source::read_settings_text(path)
            .map_err(|e| format!("cannot read ignore file {e}"))?;
        let mut out = IgnoreFile::empty(path);
        if text.trim().is_empty() {
            return Ok(out);
        }
        let map = tree::SourceMap::new(&text);
        let at = |node: &Node, what: &str| {
            let lc = map.line_col(&text, node.span.start as usize);
            format!("{}:{}:{}: {what}", path.display(), lc.line, lc.column)
        };
        let root = tree::parse(&text, tree::Format::detect(&text), &Limits::default())
            .map_err(|e| {
                let lc = map.line_col(&text, e.offset);
                format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    lc.line,
                    lc.column,
                    e.message
                )
            })?
            .root;
        let Some(files) = root.as_object() else {
            return Err(at(&root, "expected a mapping of file -> rule -> pointers"));
        };
        for file in &files.entries {
            let Some(rules) = file.value.as_object() else {
                return Err(at(&file.value, "expected a mapping of rule -> pointers"));
            };
            for rule in &rules.entries {
                let Some(pointers) = rule.value.as_array() else {
                    return Err(at(&rule.value, "expected a list of JSON pointers"));
                };
                let set = out
                    .entries
                    .entry(file.key.to_string())
                    .or_default()
                    .entry(canonical_name(&rule.key).to_string())
                    .or_default();
                for p in pointers {
                    let Some(p) = p.as_str() else {
                        return Err(at(p, "expected a JSON pointer such as '#/paths/~1pets'"));
                    };
                    let p = p.strip_prefix('#').unwrap_or(p);
                    if !(p.is_empty() || p.starts_with('/')) {
                        return Err(at(
                            &rule.value,
                            &format!("`{p}` is not a JSON pointer (it must start with `#/`)"),
                        ));
                    }
                    set.insert(p.to_string());
                }
            }
        }
        Ok(out)
    }

    /// Where the file is (or is to be written), as given; its entries' file names are
    /// relative to this path's directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The directory the file's keys are relative to.
    fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    }

    /// Whether it has no entries at all (a new or emptied file).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys of the files of a run, each worked out once (it costs a file-system call).
    fn keys<'n>(&self, linted: &'n [String]) -> Keys<'n> {
        Keys(
            linted
                .iter()
                .map(|name| (name.as_str(), self.key(name)))
                .collect(),
        )
    }

    /// The ignore file's key for a finding's file: local files relative to the ignore file's
    /// directory (so the file works from any working directory), other sources as named.
    fn key(&self, finding_file: &str) -> String {
        let file = Path::new(finding_file);
        if !file.exists() {
            return finding_file.to_string();
        }
        let dir = normalize(&absolute(self.dir()));
        let file = normalize(&absolute(file));
        relative_to(&file, &dir)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// Removes the findings it lists. `linted` are the files of the run (as findings name
    /// them), for telling which entries no longer match anything.
    pub fn apply(&self, findings: &mut Vec<Finding>, linted: &[String]) -> Applied {
        let keys = self.keys(linted);
        let mut used: BTreeSet<(String, String, String)> = BTreeSet::new();
        let before = findings.len();
        findings.retain(|f| {
            let key = keys.key(self, &f.file);
            let hit = self
                .entries
                .get(&key)
                .and_then(|rules| rules.get(&f.rule))
                .is_some_and(|pointers| pointers.contains(&f.pointer));
            if hit {
                used.insert((key, f.rule.clone(), f.pointer.clone()));
            }
            !hit
        });
        let linted: BTreeSet<&String> = keys.0.values().collect();
        let mut stale = Vec::new();
        for (file, rules) in &self.entries {
            if !linted.contains(file) {
                continue;
            }
            for (rule, pointers) in rules {
                for p in pointers {
                    let entry = (file.clone(), rule.clone(), p.clone());
                    if !used.contains(&entry) {
                        stale.push(entry);
                    }
                }
            }
        }
        Applied {
            suppressed: before - findings.len(),
            stale,
        }
    }

    /// Makes the entries of the `linted` files exactly `findings`; other files' entries stay,
    /// so one ignore file can serve several specs.
    pub fn record(&mut self, findings: &[Finding], linted: &[String]) {
        let keys = self.keys(linted);
        for key in keys.0.values() {
            self.entries.remove(key);
        }
        for f in findings {
            let key = keys.key(self, &f.file);
            self.entries
                .entry(key)
                .or_default()
                .entry(f.rule.clone())
                .or_default()
                .insert(f.pointer.clone());
        }
    }

    /// The file's text: a comment on what it is, then the entries in order.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# specver lint ignore file: the findings listed here are not reported.\n\
             # Written by `specver lint --write-baseline`; delete entries as they are fixed.\n\
             # file (relative to this file) -> rule -> JSON pointers\n",
        );
        if self.entries.is_empty() {
            out.push_str("{}\n");
            return out;
        }
        let json = serde_json::Value::Object(
            self.entries
                .iter()
                .map(|(file, rules)| {
                    let rules = rules
                        .iter()
                        .map(|(rule, pointers)| {
                            let list = pointers
                                .iter()
                                .map(|p| serde_json::Value::String(format!("#{p}")))
                                .collect();
                            (rule.clone(), serde_json::Value::Array(list))
                        })
                        .collect();
                    (file.clone(), serde_json::Value::Object(rules))
                })
                .collect(),
        );
        out.push_str(&crate::yaml_writer::to_yaml(&json));
        out
    }

    /// Writes the file whole or not at all: a temporary file beside it, then a rename.
    pub fn write(&self) -> std::io::Result<()> {
        crate::atomic_write::write_atomically(&self.path, self.render().as_bytes())
    }
}
