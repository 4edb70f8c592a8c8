//! Linting: rules written as data (Spectral's ruleset format: a JSONPath `given`, a
//! function with options, a severity and a message) and native rules in Rust for what needs
//! to understand OpenAPI (references, path parameters, examples against their schemas, the
//! official meta-schemas).
//!
//! The built-in rules live in `rules/lint/*.yaml`, in the format users write, and are
//! compiled in. They are named and defaulted like Spectral's `spectral:oas` ruleset, plus
//! specver's extras (Redocly's notable rules and load problems).
//!
//! ```no_run
//! use specver::lint::{LintConfig, lint};
//! # let ws: specver::load::Workspace = todo!();
//! let config = LintConfig::recommended();
//! for finding in lint(&ws, &config) {
//!     println!("{}:{}:{} {} {}", finding.file, finding.line, finding.column, finding.rule, finding.message);
//! }
//! ```
//!
//! Findings inside an object holding `x-specver-ignore: [rule, ...]` (or `"*"`) are dropped.

mod engine;
mod functions;
pub mod ignore_file;
pub(crate) mod jsonpath;
pub mod jsonschema;
mod meta;
mod oas;
pub mod ruleset;
pub mod since;
mod util;

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::load::Workspace;
pub use ruleset::{DocFormat, Rule, Ruleset};
use serde::Serialize;
use std::path::Path;

/// A finding's severity in Spectral's spelling (`warn`): what `lint --format json` writes,
/// so that its output reads as Spectral's does.
fn spectral_severity<S: serde::Serializer>(severity: &Severity, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_str(severity.spectral_name())
}

/// One lint result. Lines and columns are 1-based and point at the offending value (for a
/// missing member: at the object that lacks it; for a member name: at the key; for a block
/// mapping or list below its key: from the key, as Spectral places it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The name of the rule that reported it: its canonical name, never an alias.
    pub rule: String,
    /// The rule's severity after the ruleset's `overrides` for this file and pointer;
    /// serialised in Spectral's spelling (`warn`, not `warning`).
    #[serde(serialize_with = "spectral_severity")]
    pub severity: Severity,
    /// What is wrong: the rule's `message` with its placeholders (`{{property}}`, ...)
    /// filled in, else what the rule's function reports (for a rule of a user's ruleset
    /// without a `message`: its description).
    pub message: String,
    /// The file's display name ([`crate::files::SourceFile::name`]): a path relative to
    /// the working directory when possible, so it may name a referenced file, not the root.
    pub file: String,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, counted in characters (not bytes).
    pub column: usize,
    /// 1-based line of the end of the offending node (its own end, even when the start was
    /// moved to its key).
    pub end_line: usize,
    /// 1-based column, in characters, just past the last character of the node (exclusive).
    pub end_column: usize,
    /// JSON pointer of the node in its file.
    pub pointer: String,
    /// The file id and byte span the finding is placed at (the key's span when it is placed
    /// at its key), for [`Finding::diagnostic`] and the reporters; not serialised.
    #[serde(skip)]
    pub location: Location,
}

impl Finding {
    /// The finding as a diagnostic for the text and JSON reporters (code = rule name).
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.rule.clone(), self.severity, self.message.clone()).at(
            self.location.file,
            self.location.span,
            self.rule.clone(),
        )
    }
}

/// Findings as diagnostics, in order.
pub fn to_diagnostics(findings: &[Finding]) -> impl Iterator<Item = Diagnostic> + '_ {
    findings.iter().map(Finding::diagnostic)
}

/// What to lint with.
#[derive(Clone, Debug)]
pub struct LintConfig {
    /// The rules, their severities and per-file overrides.
    pub ruleset: Ruleset,
    /// Honour `x-specver-ignore` in documents (on by default).
    pub inline_ignores: bool,
    /// When non-empty, run only these rules (names or aliases).
    pub only: Vec<String>,
    /// Never run these rules.
    pub skip: Vec<String>,
    /// Threads to run rules on (`None`: one per core, up to 4). Findings are the same and
    /// in the same order whatever the number.
    pub threads: Option<usize>,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig::recommended()
    }
}

impl LintConfig {
    /// A configuration running `ruleset` with the defaults: inline ignores honoured, no
    /// `only`/`skip` selection, threads chosen automatically.
    pub fn with_ruleset(ruleset: Ruleset) -> LintConfig {
        LintConfig {
            ruleset,
            inline_ignores: true,
            only: Vec::new(),
            skip: Vec::new(),
            threads: None,
        }
    }

    /// specver's recommended rules (Spectral's recommended `spectral:oas` rules plus extras).
    pub fn recommended() -> LintConfig {
        LintConfig::with_ruleset(Ruleset::recommended())
    }

    /// Every built-in rule.
    pub fn all() -> LintConfig {
        LintConfig::with_ruleset(Ruleset::all())
    }

    /// A Spectral-format ruleset file. Its `warnings` tell what was ignored.
    pub fn from_file(path: &Path) -> Result<LintConfig, String> {
        Ruleset::from_file(path).map(LintConfig::with_ruleset)
    }

    /// Problems met while reading the ruleset that did not stop it (unsupported custom
    /// functions, unknown rule names, ...), each naming the rule.
    pub fn warnings(&self) -> &[String] {
        &self.ruleset.warnings
    }

    /// Refuses an `only` or `skip` name that is no rule of the ruleset (a typo would
    /// otherwise run nothing, or skip nothing, silently), naming the nearest rule.
    pub fn check_selection(&self) -> Result<(), String> {
        for (option, list) in [("--only", &self.only), ("--skip", &self.skip)] {
            for name in list {
                if self.ruleset.rule(name).is_some() {
                    continue;
                }
                let names = self.ruleset.rules().iter().map(|r| r.name.as_str());
                let hint = match crate::rules::catalogue::nearest(name, names) {
                    Some(near) => format!("; did you mean `{near}`?"),
                    None => "; `specver rules --only lint` lists the rules".to_string(),
                };
                return Err(format!("{option} {name}: no such lint rule{hint}"));
            }
        }
        Ok(())
    }

    fn wants(&self, rule: &Rule) -> bool {
        let named = |list: &[String]| list.iter().any(|n| ruleset::canonical_name(n) == rule.name);
        (self.only.is_empty() || named(&self.only)) && !named(&self.skip)
    }
}

/// Lints a loaded document (and the files its references reach).
///
/// Runs on a thread of its own with a large stack: schema validation recurses with the
/// depth of the document and of its schemas, and must not depend on the caller's stack.
pub fn lint(ws: &Workspace, config: &LintConfig) -> Vec<Finding> {
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("specver-lint".into())
            .stack_size(64 << 20)
            .spawn_scoped(s, || engine::run(ws, config));
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: lint on this one.
            Err(_) => engine::run(ws, config),
        }
    })
}

/// Counts findings per severity: (errors, warnings, infos, hints).
pub fn summary(findings: &[Finding]) -> (usize, usize, usize, usize) {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        count(Severity::Hint),
    )
}

/// Whether any finding is at or above `fail_severity` (Spectral's `--fail-severity`).
pub fn fails(findings: &[Finding], fail_severity: Severity) -> bool {
    findings.iter().any(|f| f.severity >= fail_severity)
}
