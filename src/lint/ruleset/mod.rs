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
//!
//! Loading is split by what a file holds: `load` reads a file (or a `.specver.yaml`
//! section) member by member and follows `extends`; `rule` turns one entry of `rules` into
//! a rule or a change to one; `overrides` reads `overrides`.

mod load;
mod overrides;
mod rule;

use super::functions::Function;
use super::jsonpath::Query;
use crate::diagnostic::Severity;
use crate::load::SpecFamily;
use load::Mode;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Spectral's `spectral:oas` rules, as data.
pub const SPECTRAL_OAS: &str = include_str!("../../../rules/lint/spectral-oas.yaml");
/// specver's extra rules (Redocly's notable ones and load problems).
pub const SPECVER_EXTRAS: &str = include_str!("../../../rules/lint/specver.yaml");

/// Which documents a rule applies to (Spectral's format names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocFormat {
    /// `oas2`: Swagger 2.0.
    Oas2,
    /// `oas3`: any OpenAPI 3.x (3.0, 3.1 or 3.2).
    Oas3,
    /// `oas3.0` (or `oas3_0`): OpenAPI 3.0 only.
    Oas3_0,
    /// `oas3.1` (or `oas3_1`): OpenAPI 3.1 only.
    Oas3_1,
    /// `oas3.2` (or `oas3_2`): OpenAPI 3.2 only.
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

    /// Whether a document of this family is one of this format's.
    pub(crate) fn matches(self, family: SpecFamily) -> bool {
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

/// One lint rule of a [`Ruleset`]: built in, or defined in a Spectral-format ruleset file.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Its canonical name (a Redocly alias is mapped to specver's name when defined).
    pub name: String,
    /// The rule's `description`: shown by `specver rules`, and the message of a user's rule
    /// that has no `message`.
    pub description: Option<String>,
    /// The rule's `message` template (Spectral's `{{error}}`, `{{property}}`, ...
    /// placeholders unfilled). Without one, a finding says what the function reports (for a
    /// rule of a user's ruleset: the rule's description, when it has one).
    pub message: Option<String>,
    /// In force; `None` is off.
    pub severity: Option<Severity>,
    /// As defined (what `true` and `recommended` turn on).
    pub default_severity: Severity,
    /// Whether `recommended` (and a ruleset with no `extends`) turns it on; a rule defined
    /// with `recommended: false` is off until something turns it on. `true` when unset.
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
    /// Whether it runs on a document of this family: its `formats` list one that matches,
    /// or it has none.
    pub(crate) fn applies_to(&self, family: SpecFamily) -> bool {
        self.formats.is_empty() || self.formats.iter().any(|f| f.matches(family))
    }
}

/// Severity changes that apply to some files (or parts of them) only.
#[derive(Clone, Debug)]
pub(crate) struct Override {
    /// (glob on the file name, JSON pointer prefix or "")
    pub files: Vec<(String, String)>,
    pub rules: Vec<(String, Option<Severity>)>,
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

    /// Every rule, in the order first added (a redefined rule keeps its place), whether
    /// on or off: a rule that is off has `severity: None`.
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
    pub fn set_severity(&mut self, name: &str, severity: Option<Severity>) -> Result<(), String> {
        match self.index.get(canonical_name(name)) {
            Some(&i) => {
                self.rules[i].severity = severity;
                Ok(())
            }
            None => Err(format!("unknown lint rule `{name}`")),
        }
    }

    /// The severity a finding of `rule` in `file` at `pointer` gets after `overrides`.
    pub(crate) fn severity_for(&self, rule: &Rule, file: &str, pointer: &str) -> Option<Severity> {
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
}

/// A rule name with Redocly's spelling mapped to specver's.
pub fn canonical_name(name: &str) -> &str {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|(_, n)| *n)
        .unwrap_or(name)
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

#[cfg(test)]
mod tests {
    use super::rule::split_field;
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
            Some(Severity::Error)
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
            Some(Severity::Error)
        );
        assert_eq!(
            rs.rule("info-contact").unwrap().severity,
            Some(Severity::Warning)
        );
        assert!(rs.rule("path-params").unwrap().severity.is_none());
        let my = rs.rule("my-rule").unwrap();
        assert_eq!(my.severity, Some(Severity::Warning));
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
            Some(Severity::Warning)
        );
        assert_eq!(
            rs.severity_for(my, "api.yaml", "/paths"),
            Some(Severity::Warning)
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
