//! Reading a ruleset file, or the `lint` section of a `.specver.yaml`, member by member:
//! `extends` first (what this file says wins over what it extends), then the file-wide
//! `formats`, `aliases` and `functions` its rules refer to, the rules, their
//! documentation links, and `overrides`.

use super::{CONFIG_KEYS, DocFormat, Ruleset, SPECTRAL_KEYS, SPECTRAL_OAS, SPECVER_EXTRAS};
use crate::tree::{self, Limits, Node, Object, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the rules of one ruleset file are read with: where they come from, how to point at
/// a node of the file in a message, and the file-wide members they refer to.
pub(super) struct FileContext<'f> {
    /// The file's name, as messages and [`super::Rule::source`] show it.
    pub(super) source: &'f str,
    pub(super) at: &'f dyn Fn(&Node) -> String,
    pub(super) aliases: HashMap<String, Vec<String>>,
    /// The file's `functions`: a rule calling one is skipped as a custom function.
    pub(super) custom_functions: Vec<String>,
    /// The file's `formats`, for rules without their own.
    pub(super) formats: Vec<DocFormat>,
}

fn parse_text(text: &str, name: &str) -> Result<Node, String> {
    let format = tree::Format::detect(text);
    tree::parse(text, format, &Limits::default())
        .map(|parsed| parsed.root)
        .map_err(|e| {
            let lc = tree::SourceMap::new(text).line_col(text, e.offset);
            format!("{name}:{}:{}: {}", lc.line, lc.column, e.message)
        })
}

/// How `extends` brings a ruleset in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    Recommended,
    All,
    Off,
}

impl Ruleset {
    pub(super) fn extend_builtin(&mut self, name: &str, mode: Mode) {
        let sources: &[&str] = match name {
            "spectral:oas" => &[SPECTRAL_OAS],
            _ => &[SPECTRAL_OAS, SPECVER_EXTRAS],
        };
        for text in sources {
            let mut built = Ruleset::default();
            built
                .load_text(text, "builtin", Path::new("."), &mut Vec::new())
                .expect("the built-in rulesets parse");
            debug_assert!(built.warnings.is_empty(), "{:?}", built.warnings);
            for mut r in built.rules {
                r.source = "builtin".into();
                r.severity = match mode {
                    Mode::All => Some(r.default_severity),
                    Mode::Recommended if r.recommended => Some(r.default_severity),
                    _ => None,
                };
                self.add(r);
            }
        }
    }

    pub(super) fn load_file(&mut self, path: &Path, seen: &mut Vec<PathBuf>) -> Result<(), String> {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if seen.contains(&real) {
            return Err(format!("`{}` extends itself", path.display()));
        }
        seen.push(real);
        let text = crate::load::source::read_settings_text(path)
            .map_err(|e| format!("cannot read ruleset: {e}"))?;
        let base = path.parent().unwrap_or(Path::new("."));
        let loaded = self.load_text(&text, &path.display().to_string(), base, seen);
        // `seen` is the chain of rulesets being extended, not every file met: two rulesets
        // may both extend one base (a diamond) without it extending itself.
        seen.pop();
        loaded
    }

    pub(super) fn load_text(
        &mut self,
        text: &str,
        name: &str,
        base_dir: &Path,
        seen: &mut Vec<PathBuf>,
    ) -> Result<(), String> {
        let root = parse_text(text, name)?;
        self.load_root(&root, text, name, base_dir, seen, &SPECTRAL_KEYS)
    }

    /// Reads the `lint` section of a `.specver.yaml`: a ruleset in the same format, plus
    /// `ignore-file`. Without `extends` it starts from the recommended rules, so a section
    /// that only sets severities adjusts the defaults. `None` when there is no section.
    pub fn from_config_file(path: &Path) -> Result<Option<Ruleset>, String> {
        let text = crate::load::source::read_settings_text(path)
            .map_err(|e| format!("cannot read {e}"))?;
        let name = path.display().to_string();
        let root = parse_text(&text, &name)?;
        let Some(section) = root.get("lint") else {
            return Ok(None);
        };
        let mut rs = Ruleset::default();
        if section.get("extends").is_none() {
            rs.extend_builtin("recommended", Mode::Recommended);
        }
        let base = path.parent().unwrap_or(Path::new("."));
        let mut seen = vec![std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())];
        rs.load_root(section, &text, &name, base, &mut seen, &CONFIG_KEYS)?;
        Ok(Some(rs))
    }

    /// Loads a ruleset mapping; `text` is the whole file `root` lies in (for positions), and
    /// `known_keys` the members it may have (others are reported as warnings: a misspelt
    /// `rule:` must not go unnoticed).
    pub(super) fn load_root(
        &mut self,
        root: &Node,
        text: &str,
        name: &str,
        base_dir: &Path,
        seen: &mut Vec<PathBuf>,
        known_keys: &[&str],
    ) -> Result<(), String> {
        let map = tree::SourceMap::new(text);
        let at = |node: &Node| {
            let lc = map.line_col(text, node.span.start as usize);
            format!("{name}:{}:{}", lc.line, lc.column)
        };
        let Some(obj) = root.as_object() else {
            return Err(format!("{}: a ruleset must be a mapping", at(root)));
        };
        self.warn_unknown_members(obj, known_keys, &at);
        // `extends` first: later entries, and then this file's rules, win.
        if let Some(ext) = obj.get("extends") {
            self.load_extends(ext, base_dir, seen, &at)?;
        }
        let formats = match obj.get("formats") {
            Some(f) => self.formats(f, &at),
            None => Vec::new(),
        };
        let file = FileContext {
            source: name,
            at: &at,
            aliases: read_aliases(obj),
            custom_functions: obj
                .get("functions")
                .and_then(Node::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|f| f.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            formats,
        };
        if obj.get("parserOptions").is_some() {
            self.warnings
                .push(format!("{name}: `parserOptions` is ignored"));
        }
        if let Some(rules) = obj.get("rules") {
            let Some(rules) = rules.as_object() else {
                return Err(format!("{}: `rules` must be a mapping", at(rules)));
            };
            for e in &rules.entries {
                self.rule_entry(&e.key, &e.value, &file)?;
            }
        }
        if let Some(doc) = obj.get("documentationUrl").and_then(Node::as_str) {
            for r in self.rules.iter_mut().filter(|r| r.source == name) {
                r.documentation_url
                    .get_or_insert_with(|| format!("{doc}#{}", r.name));
            }
        }
        if let Some(overrides) = obj.get("overrides").and_then(Node::as_array) {
            for o in overrides {
                self.load_override(o, &file)?;
            }
        }
        Ok(())
    }

    fn warn_unknown_members(
        &mut self,
        obj: &Object,
        known_keys: &[&str],
        at: &dyn Fn(&Node) -> String,
    ) {
        for e in &obj.entries {
            if !known_keys.contains(&e.key.as_str()) {
                self.warnings.push(format!(
                    "{}: unknown ruleset member `{}`; ignored (known: {})",
                    at(&e.value),
                    e.key,
                    known_keys.join(", ")
                ));
            }
        }
    }

    /// `extends`: a name, a `[name, mode]`, or a list of those.
    fn load_extends(
        &mut self,
        ext: &Node,
        base_dir: &Path,
        seen: &mut Vec<PathBuf>,
        at: &dyn Fn(&Node) -> String,
    ) -> Result<(), String> {
        let items: Vec<&Node> = match &ext.value {
            Value::Array(items) => items.iter().collect(),
            _ => vec![ext],
        };
        // `[name, mode]` as the whole value is one entry, not two.
        let items = if ext.as_array().is_some_and(|a| {
            a.len() == 2 && a[1].as_str().is_some_and(is_mode) && a[0].as_str().is_some()
        }) {
            vec![ext]
        } else {
            items
        };
        for item in items {
            let (target, mode) = match &item.value {
                Value::String(s) => (s.as_str(), Mode::Recommended),
                Value::Array(pair) if !pair.is_empty() => {
                    let target = pair[0].as_str().unwrap_or_default();
                    let mode = match pair.get(1).and_then(Node::as_str) {
                        Some("all") => Mode::All,
                        Some("off") => Mode::Off,
                        _ => Mode::Recommended,
                    };
                    (target, mode)
                }
                _ => {
                    self.warnings.push(format!(
                        "{}: `extends` entries must be names or [name, mode]",
                        at(item)
                    ));
                    continue;
                }
            };
            self.extend(target, mode, item, base_dir, seen, at)?;
        }
        Ok(())
    }

    /// One entry of `extends`: a built-in ruleset or a local file.
    fn extend(
        &mut self,
        target: &str,
        mode: Mode,
        item: &Node,
        base_dir: &Path,
        seen: &mut Vec<PathBuf>,
        at: &dyn Fn(&Node) -> String,
    ) -> Result<(), String> {
        match target {
            "spectral:oas" | "specver:oas" => self.extend_builtin("spectral:oas", mode),
            "recommended" | "specver:recommended" => self.extend_builtin("recommended", mode),
            "all" | "specver:all" => self.extend_builtin("all", Mode::All),
            "off" => self.extend_builtin("all", Mode::Off),
            t if t.starts_with("spectral:")
                || t.starts_with("http://")
                || t.starts_with("https://")
                || t.starts_with('@')
                || !(t.contains('/') || t.contains('.')) =>
            {
                self.warnings.push(format!("{}: cannot extend `{t}`: only spectral:oas, recommended, all, off and local ruleset files are supported", at(item)));
            }
            path => {
                let full = base_dir.join(path);
                confined(&full, base_dir).map_err(|e| format!("{}: {e}", at(item)))?;
                self.extend_file(&full, mode, seen)?;
            }
        }
        Ok(())
    }

    /// A local ruleset file, its rules at their own severities (`recommended`), at their
    /// defaults (`all`) or off.
    fn extend_file(
        &mut self,
        full: &Path,
        mode: Mode,
        seen: &mut Vec<PathBuf>,
    ) -> Result<(), String> {
        let mut sub = Ruleset::default();
        sub.load_file(full, seen)?;
        if mode != Mode::Recommended {
            for r in &mut sub.rules {
                r.severity = match mode {
                    Mode::All => Some(r.default_severity),
                    _ => None,
                };
            }
        }
        self.warnings.append(&mut sub.warnings);
        self.overrides.append(&mut sub.overrides);
        for r in sub.rules {
            self.add(r);
        }
        Ok(())
    }

    pub(super) fn formats(&mut self, node: &Node, at: &dyn Fn(&Node) -> String) -> Vec<DocFormat> {
        let mut out = Vec::new();
        for f in node.as_array().unwrap_or_default() {
            match f.as_str().and_then(DocFormat::parse) {
                Some(df) => out.push(df),
                None => self.warnings.push(format!(
                    "{}: format `{}` is not an OpenAPI format; ignored",
                    at(f),
                    f.scalar_text().unwrap_or_default()
                )),
            }
        }
        out
    }
}

/// `aliases`: each name to the JSONPaths it stands for.
fn read_aliases(obj: &Object) -> HashMap<String, Vec<String>> {
    let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
    let Some(a) = obj.get("aliases").and_then(Node::as_object) else {
        return aliases;
    };
    for e in &a.entries {
        let list = match &e.value.value {
            Value::String(s) => vec![s.to_string()],
            Value::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            // Scoped aliases (`targets` per format) use their first target list.
            Value::Object(o) => o
                .get("targets")
                .and_then(Node::as_array)
                .and_then(|t| t.first())
                .and_then(|t| t.get("given"))
                .map(|g| match &g.value {
                    Value::String(s) => vec![s.to_string()],
                    Value::Array(items) => items
                        .iter()
                        .filter_map(|i| i.as_str().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        aliases.insert(e.key.to_string(), list);
    }
    aliases
}

fn is_mode(s: &str) -> bool {
    matches!(s, "all" | "off" | "recommended")
}

/// Refuses a ruleset file `extends` names outside the project of the ruleset that names
/// it (the git work tree around `base_dir`, else `base_dir` itself), as `$ref`s are refused
/// outside theirs: a ruleset from a pull request may not pull in rules from elsewhere on
/// the machine.
fn confined(target: &Path, base_dir: &Path) -> Result<(), String> {
    // `rules.yaml`'s parent is the empty path: the working directory.
    let base_dir = if base_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base_dir
    };
    let root = crate::load::git::work_tree_top(Some(base_dir)).unwrap_or(base_dir.to_path_buf());
    let real = |p: &Path| {
        std::fs::canonicalize(p)
            .unwrap_or_else(|_| crate::load::source::normalize(&crate::load::source::absolute(p)))
    };
    if real(target).starts_with(real(&root)) {
        Ok(())
    } else {
        Err(format!(
            "cannot extend `{}`: it is outside `{}`, and rulesets may only extend files inside their project",
            target.display(),
            root.display()
        ))
    }
}
