//! Rulesets: the built-in ones and the Spectral-format files users bring.
//!
//! A ruleset file has `extends`, `rules`, `aliases`, `overrides`, `formats` and (ignored,
//! with a warning) `functions`/`functionsDir`/`parserOptions`. A rule is either a severity
//! for a rule defined elsewhere (`error`, `warn`, `info`, `hint`, `off`, `0`-`3`, `-1`,
//! `true`, `false`) or a definition: `given` (JSONPath or a list), `then` (`field`,
//! `function`, `functionOptions`, or a list of those), `severity`, `message`, `description`,
//! `formats`, `recommended`, `resolved`. An entry of `overrides` (`files`: globs, each
//! optionally with `#/json/pointer`) sets severities there, and may define rules of its own
//! that run only there; `extends` inside `overrides` is a warning.

use super::LintSeverity;
use super::functions::Function;
use super::jsonpath::Query;
use crate::load::SpecFamily;
use crate::tree::{self, Limits, Node, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Spectral's `spectral:oas` rules, as data.
pub const SPECTRAL_OAS: &str = include_str!("../../rules/lint/spectral-oas.yaml");
/// specver's extra rules (Redocly's notable ones and load problems).
pub const SPECVER_EXTRAS: &str = include_str!("../../rules/lint/specver.yaml");

/// Which documents a rule applies to (Spectral's format names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocFormat {
    Oas2,
    Oas3,
    Oas3_0,
    Oas3_1,
    Oas3_2,
}

impl DocFormat {
    fn parse(s: &str) -> Option<DocFormat> {
        Some(match s {
            "oas2" => DocFormat::Oas2,
            "oas3" => DocFormat::Oas3,
            "oas3.0" | "oas3_0" => DocFormat::Oas3_0,
            "oas3.1" | "oas3_1" => DocFormat::Oas3_1,
            "oas3.2" | "oas3_2" => DocFormat::Oas3_2,
            _ => return None,
        })
    }

    pub fn matches(self, family: SpecFamily) -> bool {
        matches!(
            (self, family),
            (DocFormat::Oas2, SpecFamily::Swagger2)
                | (
                    DocFormat::Oas3,
                    SpecFamily::OpenApi30 | SpecFamily::OpenApi31 | SpecFamily::OpenApi32
                )
                | (DocFormat::Oas3_0, SpecFamily::OpenApi30)
                | (DocFormat::Oas3_1, SpecFamily::OpenApi31)
                | (DocFormat::Oas3_2, SpecFamily::OpenApi32)
        )
    }
}

/// What `then.field` picks from each node `given` selects.
#[derive(Clone, Debug)]
pub(crate) enum Field {
    /// `@key`: the member name the node was reached by.
    Key,
    /// `a.b` (or `a[0]`): a member path.
    Path(Vec<String>),
    /// A JSONPath starting with `$`, run from the node.
    Query(Query),
}

#[derive(Clone, Debug)]
pub(crate) struct Then {
    pub field: Option<Field>,
    pub function: Function,
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub name: String,
    pub description: Option<String>,
    pub message: Option<String>,
    /// In force; `None` is off.
    pub severity: Option<LintSeverity>,
    /// As defined (what `true` and `recommended` turn on).
    pub default_severity: LintSeverity,
    pub recommended: bool,
    /// Empty: every document.
    pub formats: Vec<DocFormat>,
    pub(crate) given: Vec<Query>,
    pub(crate) then: Vec<Then>,
    /// Follow `$ref`s while selecting (Spectral's default).
    pub resolved: bool,
    /// `builtin` or the file that defined it.
    pub source: String,
    /// Where the rule is documented: its `documentationUrl`, else the ruleset's
    /// `documentationUrl#rule-name`, as Spectral links them.
    pub documentation_url: Option<String>,
}

impl Rule {
    pub fn applies_to(&self, family: SpecFamily) -> bool {
        self.formats.is_empty() || self.formats.iter().any(|f| f.matches(family))
    }
}

/// Severity changes that apply to some files (or parts of them) only.
#[derive(Clone, Debug)]
pub(crate) struct Override {
    /// (glob on the file name, JSON pointer prefix or "")
    pub files: Vec<(String, String)>,
    pub rules: Vec<(String, Option<LintSeverity>)>,
}

/// An ordered set of rules plus what loading them had to say.
#[derive(Clone, Debug, Default)]
pub struct Ruleset {
    rules: Vec<Rule>,
    index: HashMap<String, usize>,
    pub(crate) overrides: Vec<Override>,
    /// Problems that did not stop loading: unsupported features, unknown rules.
    pub warnings: Vec<String>,
}

/// Redocly's names for rules specver has under Spectral's name.
pub const ALIASES: &[(&str, &str)] = &[
    (
        "operation-operationId-unique",
        "operation-operationId-unique",
    ),
    ("operation-parameters-unique", "operation-parameters"),
    ("path-parameters-defined", "path-params"),
    ("no-invalid-media-type-examples", "oas3-valid-media-example"),
    ("no-invalid-parameter-examples", "oas3-valid-media-example"),
    ("no-invalid-schema-examples", "oas3-valid-schema-example"),
    ("no-unused-components", "oas3-unused-component"),
    ("spec-ref-siblings", "no-$ref-siblings"),
    ("no-enum-type-mismatch", "typed-enum"),
    ("security-scopes-defined", "oas3-operation-security-defined"),
    ("no-undefined-server-variable", "oas3-server-variables"),
    ("no-server-variables-empty-enum", "oas3-server-variables"),
    ("struct", "oas3-schema"),
    ("operation-2xx-response", "operation-success-response"),
    ("tags-alphabetical", "openapi-tags-alphabetical"),
    ("tag-description", "tag-description"),
    ("info-license-url", "license-url"),
    ("no-path-trailing-slash", "path-keys-no-trailing-slash"),
    (
        "operation-operationId-url-safe",
        "operation-operationId-valid-in-url",
    ),
    ("operation-tag-defined", "operation-tag-defined"),
    ("invalid-ref", "no-unresolved-refs"),
    ("no-identical-paths", "path-params"),
];

/// The members of a Spectral ruleset file.
const SPECTRAL_KEYS: [&str; 10] = [
    "extends",
    "description",
    "rules",
    "overrides",
    "aliases",
    "formats",
    "functions",
    "functionsDir",
    "parserOptions",
    "documentationUrl",
];

/// The members of `.specver.yaml`'s `lint` section.
const CONFIG_KEYS: [&str; 6] = [
    "extends",
    "rules",
    "overrides",
    "aliases",
    "formats",
    "ignore-file",
];

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
enum Mode {
    Recommended,
    All,
    Off,
}

impl Ruleset {
    /// specver's recommended rules: Spectral's recommended `spectral:oas` rules plus the
    /// recommended extras.
    pub fn recommended() -> Ruleset {
        let mut rs = Ruleset::default();
        rs.extend_builtin("recommended", Mode::Recommended);
        rs
    }

    /// Every built-in rule at its default severity.
    pub fn all() -> Ruleset {
        let mut rs = Ruleset::default();
        rs.extend_builtin("all", Mode::All);
        rs
    }

    /// Exactly Spectral's `spectral:oas` rules, recommended ones on.
    pub fn spectral_oas() -> Ruleset {
        let mut rs = Ruleset::default();
        rs.extend_builtin("spectral:oas", Mode::Recommended);
        rs
    }

    /// Reads a ruleset file (`.spectral.yaml`, `.spectral.json`, ...).
    pub fn from_file(path: &Path) -> Result<Ruleset, String> {
        let mut rs = Ruleset::default();
        let mut seen = Vec::new();
        rs.load_file(path, &mut seen)?;
        Ok(rs)
    }

    /// Reads a ruleset from text; relative `extends` are taken from `base_dir`.
    pub fn from_text(text: &str, name: &str, base_dir: &Path) -> Result<Ruleset, String> {
        let mut rs = Ruleset::default();
        let mut seen = Vec::new();
        rs.load_text(text, name, base_dir, &mut seen)?;
        Ok(rs)
    }

    /// The ruleset file in `dir` that Spectral would pick up, if any.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        [".spectral.yaml", ".spectral.yml", ".spectral.json"]
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule by name (or by a Redocly alias).
    pub fn rule(&self, name: &str) -> Option<&Rule> {
        self.index
            .get(canonical_name(name))
            .map(|&i| &self.rules[i])
    }

    /// Turns a rule on (at `Some(severity)`) or off (`None`).
    pub fn set_severity(
        &mut self,
        name: &str,
        severity: Option<LintSeverity>,
    ) -> Result<(), String> {
        match self.index.get(canonical_name(name)) {
            Some(&i) => {
                self.rules[i].severity = severity;
                Ok(())
            }
            None => Err(format!("unknown lint rule `{name}`")),
        }
    }

    /// The severity a finding of `rule` in `file` at `pointer` gets after `overrides`.
    pub(crate) fn severity_for(
        &self,
        rule: &Rule,
        file: &str,
        pointer: &str,
    ) -> Option<LintSeverity> {
        let mut sev = rule.severity;
        for o in &self.overrides {
            let applies = o.files.iter().any(|(glob, ptr)| {
                glob_match(glob, file)
                    && (ptr.is_empty() || pointer == ptr || pointer.starts_with(&format!("{ptr}/")))
            });
            if !applies {
                continue;
            }
            for (name, s) in &o.rules {
                if canonical_name(name) == rule.name {
                    sev = *s;
                }
            }
        }
        sev
    }

    fn add(&mut self, rule: Rule) {
        match self.index.get(&rule.name) {
            Some(&i) => self.rules[i] = rule,
            None => {
                self.index.insert(rule.name.clone(), self.rules.len());
                self.rules.push(rule);
            }
        }
    }

    fn extend_builtin(&mut self, name: &str, mode: Mode) {
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

    fn load_file(&mut self, path: &Path, seen: &mut Vec<PathBuf>) -> Result<(), String> {
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

    fn load_text(
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
    fn load_root(
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

        // `extends` first: later entries, and then this file's rules, win.
        if let Some(ext) = obj.get("extends") {
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
                match target {
                    "spectral:oas" | "specver:oas" => self.extend_builtin("spectral:oas", mode),
                    "recommended" | "specver:recommended" => {
                        self.extend_builtin("recommended", mode)
                    }
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
                        let mut sub = Ruleset::default();
                        sub.load_file(&full, seen)?;
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
                    }
                }
            }
        }

        let file_formats = match obj.get("formats") {
            Some(f) => self.formats(f, &at),
            None => Vec::new(),
        };
        let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
        if let Some(a) = obj.get("aliases").and_then(Node::as_object) {
            for e in &a.entries {
                let list = match &e.value.value {
                    Value::String(s) => vec![s.clone()],
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
                            Value::String(s) => vec![s.clone()],
                            Value::Array(items) => items
                                .iter()
                                .filter_map(|i| i.as_str().map(str::to_string))
                                .collect(),
                            _ => Vec::new(),
                        })
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                aliases.insert(e.key.clone(), list);
            }
        }
        let custom_functions: Vec<String> = obj
            .get("functions")
            .and_then(Node::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|f| f.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if obj.get("parserOptions").is_some() {
            self.warnings
                .push(format!("{name}: `parserOptions` is ignored"));
        }

        if let Some(rules) = obj.get("rules") {
            let Some(rules) = rules.as_object() else {
                return Err(format!("{}: `rules` must be a mapping", at(rules)));
            };
            for e in &rules.entries {
                self.rule_entry(
                    &e.key,
                    &e.value,
                    name,
                    &at,
                    &aliases,
                    &custom_functions,
                    &file_formats,
                )?;
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
                let files: Vec<(String, String)> = o
                    .get("files")
                    .and_then(Node::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Node::as_str)
                            .map(|f| match f.split_once('#') {
                                Some((g, p)) => (g.to_string(), p.to_string()),
                                None => (f.to_string(), String::new()),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let mut rules = Vec::new();
                if let Some(r) = o.get("rules").and_then(Node::as_object) {
                    for e in &r.entries {
                        match severity_value(&e.value) {
                            Some(SevSetting::Off) => rules.push((e.key.clone(), None)),
                            Some(SevSetting::On(s)) => rules.push((e.key.clone(), Some(s))),
                            Some(SevSetting::Default) => {
                                let s = self.rule(&e.key).map(|r| r.default_severity).unwrap_or(LintSeverity::Warn);
                                rules.push((e.key.clone(), Some(s)));
                            }
                            // A rule of its own for these files: defined, off everywhere
                            // else, at its severity where the override applies.
                            None if self.rule(&e.key).is_none()
                                && e.value.get("given").is_some()
                                && e.value.get("then").is_some() =>
                            {
                                self.rule_entry(
                                    &e.key,
                                    &e.value,
                                    name,
                                    &at,
                                    &aliases,
                                    &custom_functions,
                                    &file_formats,
                                )?;
                                if let Some(&i) = self.index.get(canonical_name(&e.key)) {
                                    let severity = self.rules[i].severity.take();
                                    rules.push((e.key.clone(), severity));
                                }
                            }
                            None => self.warnings.push(format!(
                                "{}: rule `{}` in `overrides`: a rule defined outside `overrides` can only have its severity changed there; the definition is ignored",
                                at(&e.value),
                                e.key
                            )),
                        }
                    }
                }
                if o.get("extends").is_some() {
                    self.warnings.push(format!(
                        "{}: `extends` inside `overrides` is not supported",
                        at(o)
                    ));
                }
                self.overrides.push(Override { files, rules });
            }
        }
        Ok(())
    }

    fn formats(&mut self, node: &Node, at: &dyn Fn(&Node) -> String) -> Vec<DocFormat> {
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

    #[allow(clippy::too_many_arguments)]
    fn rule_entry(
        &mut self,
        rule_name: &str,
        value: &Node,
        source: &str,
        at: &dyn Fn(&Node) -> String,
        aliases: &HashMap<String, Vec<String>>,
        custom_functions: &[String],
        file_formats: &[DocFormat],
    ) -> Result<(), String> {
        let name = canonical_name(rule_name).to_string();
        if let Some(setting) = severity_value(value) {
            let Some(&i) = self.index.get(&name) else {
                self.warnings.push(format!(
                    "{}: unknown rule `{rule_name}`; ignored",
                    at(value)
                ));
                return Ok(());
            };
            let r = &mut self.rules[i];
            r.severity = match setting {
                SevSetting::Off => None,
                SevSetting::On(s) => Some(s),
                SevSetting::Default => Some(r.default_severity),
            };
            return Ok(());
        }
        let Some(def) = value.as_object() else {
            // A misspelt severity would silently leave the rule as it was.
            return Err(format!(
                "{}: rule `{rule_name}` must be a severity (error, warn, info, hint, off) or a definition",
                at(value)
            ));
        };
        // A definition without `given`/`then` changes an existing rule.
        if def.get("given").is_none() || def.get("then").is_none() {
            let Some(&i) = self.index.get(&name) else {
                self.warnings.push(format!(
                    "{}: rule `{rule_name}` has no `given` or no `then`; ignored",
                    at(value)
                ));
                return Ok(());
            };
            let severity = def.get("severity").and_then(severity_value);
            let r = &mut self.rules[i];
            if let Some(m) = def.get("message").and_then(Node::as_str) {
                r.message = Some(m.to_string());
            }
            if let Some(d) = def.get("description").and_then(Node::as_str) {
                r.description = Some(d.to_string());
            }
            match severity {
                Some(SevSetting::Off) => r.severity = None,
                Some(SevSetting::On(s)) => {
                    r.severity = Some(s);
                    r.default_severity = s;
                }
                Some(SevSetting::Default) | None => {
                    if r.severity.is_none() {
                        r.severity = Some(r.default_severity);
                    }
                }
            }
            return Ok(());
        }
        let severity = match def.get("severity") {
            None => SevSetting::On(LintSeverity::Warn),
            Some(s) => severity_value(s).unwrap_or_else(|| {
                self.warnings.push(format!(
                    "{}: rule `{rule_name}`: unknown severity; using warn",
                    at(s)
                ));
                SevSetting::On(LintSeverity::Warn)
            }),
        };
        let default_severity = match severity {
            SevSetting::On(s) => s,
            _ => LintSeverity::Warn,
        };
        let recommended = def
            .get("recommended")
            .and_then(Node::as_bool)
            .unwrap_or(true);
        let formats = match def.get("formats") {
            Some(f) => self.formats(f, at),
            None => file_formats.to_vec(),
        };
        let mut given = Vec::new();
        let given_texts: Vec<&Node> = match def.get("given").map(|g| &g.value) {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => def.get("given").into_iter().collect(),
        };
        for g in given_texts {
            let Some(text) = g.as_str() else {
                return Err(format!(
                    "{}: rule `{rule_name}`: `given` must be a JSONPath",
                    at(g)
                ));
            };
            for expanded in expand_alias(text, aliases)
                .map_err(|e| format!("{}: rule `{rule_name}`: {e}", at(g)))?
            {
                match Query::parse(&expanded) {
                    Ok(q) => given.push(q),
                    Err(e) => {
                        self.warnings
                            .push(format!("{}: rule `{rule_name}` is skipped: {e}", at(g)));
                        return Ok(());
                    }
                }
            }
        }
        let thens: Vec<&Node> = match def.get("then").map(|t| &t.value) {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => def.get("then").into_iter().collect(),
        };
        let mut then = Vec::new();
        for t in thens {
            let field = match t.get("field").and_then(Node::as_str) {
                None => None,
                Some("@key") => Some(Field::Key),
                Some(f) if f.starts_with('$') => match Query::parse(f) {
                    Ok(q) => Some(Field::Query(q)),
                    Err(e) => {
                        self.warnings
                            .push(format!("{}: rule `{rule_name}` is skipped: {e}", at(t)));
                        return Ok(());
                    }
                },
                Some(f) => Some(Field::Path(split_field(f))),
            };
            let Some(fname) = t.get("function").and_then(Node::as_str) else {
                return Err(format!(
                    "{}: rule `{rule_name}`: `then` needs a `function`",
                    at(t)
                ));
            };
            let options = t.get("functionOptions");
            match Function::compile(fname, options) {
                Ok(function) => then.push(Then { field, function }),
                Err(e) => {
                    let why = if custom_functions.iter().any(|f| f == fname)
                        || e.starts_with("unknown function")
                    {
                        format!(
                            "it uses the custom function `{fname}`, which specver cannot run (custom JavaScript functions are not supported)"
                        )
                    } else {
                        e
                    };
                    self.warnings
                        .push(format!("{}: rule `{rule_name}` is skipped: {why}", at(t)));
                    return Ok(());
                }
            }
        }
        self.add(Rule {
            name,
            description: def
                .get("description")
                .and_then(Node::as_str)
                .map(str::to_string),
            message: def
                .get("message")
                .and_then(Node::as_str)
                .map(str::to_string),
            // As in Spectral, a rule defined with `recommended: false` is off until a
            // severity or `extends: [[file, all]]` turns it on.
            severity: match severity {
                SevSetting::Off => None,
                _ if !recommended => None,
                _ => Some(default_severity),
            },
            default_severity,
            recommended,
            formats,
            given,
            then,
            resolved: def.get("resolved").and_then(Node::as_bool).unwrap_or(true),
            source: source.to_string(),
            documentation_url: def
                .get("documentationUrl")
                .and_then(Node::as_str)
                .map(str::to_string),
        });
        Ok(())
    }
}

fn is_mode(s: &str) -> bool {
    matches!(s, "all" | "off" | "recommended")
}

/// A rule name with Redocly's spelling mapped to specver's.
pub fn canonical_name(name: &str) -> &str {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|(_, n)| *n)
        .unwrap_or(name)
}

enum SevSetting {
    Off,
    On(LintSeverity),
    /// `true` / `on`: the rule's own severity.
    Default,
}

fn severity_value(node: &Node) -> Option<SevSetting> {
    match &node.value {
        Value::Bool(true) => Some(SevSetting::Default),
        Value::Bool(false) => Some(SevSetting::Off),
        Value::Number(n) => match n.as_i64()? {
            -1 => Some(SevSetting::Off),
            0 => Some(SevSetting::On(LintSeverity::Error)),
            1 => Some(SevSetting::On(LintSeverity::Warn)),
            2 => Some(SevSetting::On(LintSeverity::Info)),
            3 => Some(SevSetting::On(LintSeverity::Hint)),
            _ => None,
        },
        Value::String(s) => match s.as_str() {
            "off" => Some(SevSetting::Off),
            "on" => Some(SevSetting::Default),
            other => LintSeverity::parse(other).map(SevSetting::On),
        },
        _ => None,
    }
}

/// `a.b[0]['c.d']` -> [a, b, 0, c.d]
fn split_field(f: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = f.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            '[' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                let quote = chars.peek().copied().filter(|q| *q == '\'' || *q == '"');
                if quote.is_some() {
                    chars.next();
                }
                for c in chars.by_ref() {
                    if Some(c) == quote {
                        continue;
                    }
                    if c == ']' {
                        break;
                    }
                    cur.push(c);
                }
                out.push(std::mem::take(&mut cur));
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `#Alias.rest` -> every target of the alias followed by `.rest`.
fn expand_alias(text: &str, aliases: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    expand_alias_depth(text, aliases, 0)
}

fn expand_alias_depth(
    text: &str,
    aliases: &HashMap<String, Vec<String>>,
    depth: usize,
) -> Result<Vec<String>, String> {
    let Some(rest) = text.strip_prefix('#') else {
        return Ok(vec![text.to_string()]);
    };
    if depth > 16 {
        return Err(format!("alias `{text}` refers to itself"));
    }
    let end = rest.find(['.', '[']).unwrap_or(rest.len());
    let (name, suffix) = rest.split_at(end);
    let targets = aliases
        .get(name)
        .ok_or_else(|| format!("unknown alias `#{name}`"))?;
    let mut out = Vec::new();
    for t in targets {
        for e in expand_alias_depth(t, aliases, depth + 1)? {
            out.push(format!("{e}{suffix}"));
        }
    }
    Ok(out)
}

/// Glob match with `*` (not across `/`), `**` (across) and `?`.
pub(crate) fn glob_match(glob: &str, name: &str) -> bool {
    fn go(g: &[u8], n: &[u8]) -> bool {
        match g.first() {
            None => n.is_empty(),
            Some(b'*') if g.get(1) == Some(&b'*') => {
                let rest = if g.get(2) == Some(&b'/') {
                    &g[3..]
                } else {
                    &g[2..]
                };
                (0..=n.len()).any(|i| go(rest, &n[i..]))
            }
            Some(b'*') => (0..=n.len())
                .take_while(|&i| i == 0 || n[i - 1] != b'/')
                .any(|i| go(&g[1..], &n[i..])),
            Some(b'?') => !n.is_empty() && n[0] != b'/' && go(&g[1..], &n[1..]),
            Some(c) => n.first() == Some(c) && go(&g[1..], &n[1..]),
        }
    }
    let name = name.strip_prefix("./").unwrap_or(name);
    let glob = glob.strip_prefix("./").unwrap_or(glob);
    go(glob.as_bytes(), name.as_bytes())
        || (!glob.contains('/')
            && name
                .rsplit('/')
                .next()
                .is_some_and(|base| go(glob.as_bytes(), base.as_bytes())))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_without_warnings() {
        let all = Ruleset::all();
        assert!(all.warnings.is_empty(), "{:?}", all.warnings);
        assert!(all.rules().len() >= 57, "{}", all.rules().len());
        let rec = Ruleset::recommended();
        assert!(rec.rule("info-license").unwrap().severity.is_none());
        assert_eq!(
            rec.rule("path-params").unwrap().severity,
            Some(LintSeverity::Error)
        );
        assert_eq!(
            rec.rule("path-parameters-defined").unwrap().name,
            "path-params"
        );
        let spectral = Ruleset::spectral_oas();
        assert!(spectral.rule("no-unresolved-refs").is_none());
    }

    #[test]
    fn user_rulesets() {
        let text = r##"
extends: [[spectral:oas, off]]
formats: [oas3]
aliases:
  Op: ["$.paths[*][get,put,post,delete]"]
functions: [myFn]
rules:
  operation-tags: error
  info-contact: true
  my-rule:
    description: ops need summaries
    given: "#Op"
    severity: 1
    then: {field: summary, function: truthy}
  js-rule:
    given: $
    then: {function: myFn}
  bad-rule: warn
overrides:
  - files: ["legacy/**/*.yaml#/paths"]
    rules: {my-rule: off}
"##;
        let rs = Ruleset::from_text(text, "t.yaml", Path::new(".")).unwrap();
        assert_eq!(
            rs.rule("operation-tags").unwrap().severity,
            Some(LintSeverity::Error)
        );
        assert_eq!(
            rs.rule("info-contact").unwrap().severity,
            Some(LintSeverity::Warn)
        );
        assert!(rs.rule("path-params").unwrap().severity.is_none());
        let my = rs.rule("my-rule").unwrap();
        assert_eq!(my.severity, Some(LintSeverity::Warn));
        assert_eq!(my.formats, [DocFormat::Oas3]);
        assert_eq!(my.given[0].as_str(), "$.paths[*][get,put,post,delete]");
        assert!(rs.rule("js-rule").is_none());
        assert!(
            rs.warnings
                .iter()
                .any(|w| w.contains("js-rule") && w.contains("myFn")),
            "{:?}",
            rs.warnings
        );
        assert!(rs.warnings.iter().any(|w| w.contains("bad-rule")));
        assert_eq!(rs.severity_for(my, "legacy/a/b.yaml", "/paths/~1x"), None);
        assert_eq!(
            rs.severity_for(my, "legacy/a/b.yaml", "/info"),
            Some(LintSeverity::Warn)
        );
        assert_eq!(
            rs.severity_for(my, "api.yaml", "/paths"),
            Some(LintSeverity::Warn)
        );
    }

    #[test]
    fn fields_and_globs() {
        assert_eq!(split_field("a.b[0]['c.d']"), ["a", "b", "0", "c.d"]);
        assert!(glob_match("**/*.yaml", "a/b/c.yaml"));
        assert!(glob_match("*.yaml", "c.yaml"));
        assert!(glob_match("*.yaml", "dir/c.yaml"));
        assert!(!glob_match("a/*.yaml", "a/b/c.yaml"));
    }
}
