//! `specver check`: the one step a pull request needs. Each spec is linted (only the
//! findings the base does not have, unless asked for all), compared with the same path at
//! the base revision, and its version policy checked; one verdict decides the exit code.
//!
//! A spec the base does not have is new: it is linted only. A spec named on the command line
//! that the work tree no longer has, but the base does, was deleted: every operation it had
//! is removed.

use crate::compare::{self, Comparison, Loaded, Settings};
use crate::diff::Change;
use crate::lint::ignore_file::IgnoreFile;
use crate::lint::{Finding, LintConfig};
use crate::linting;
use crate::load::{LoadOptions, Workspace, git};
use crate::policy::settings::{CheckConfig, VersionCheck};
use crate::rules::changes::Level;
use crate::version;

/// The revision a check compares with, and how it was chosen.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Base {
    /// As the user wrote it, or the branch whose merge base was taken.
    pub rev: String,
    /// The commit read.
    pub commit: String,
    /// `given` (`--base`) or `merge base of HEAD and <rev>`.
    pub how: String,
}

impl Base {
    /// `--base REV` when given, else the merge base of `HEAD` with the default branch.
    pub fn resolve(given: Option<&str>) -> Result<Base, String> {
        match given {
            Some(rev) => Ok(Base {
                rev: rev.to_string(),
                commit: git::resolve_commit(None, rev).map_err(|e| format!("--base: {e}"))?,
                how: "given".to_string(),
            }),
            None => {
                let (rev, commit) = git::default_base(None)?;
                Ok(Base {
                    how: format!("merge base of HEAD and {rev}"),
                    rev,
                    commit,
                })
            }
        }
    }

    /// How reports name the base in `REV:path`: the revision as given (`main`), or for a
    /// merge base, which no name the user gave points to, the short commit.
    pub fn label(&self) -> &str {
        if self.how == "given" {
            &self.rev
        } else {
            self.short()
        }
    }

    /// The commit, shortened as git shows it.
    pub fn short(&self) -> &str {
        &self.commit[..self.commit.len().min(8)]
    }
}

/// What a check did with one spec.
pub enum Outcome {
    /// Compared with the base (a deleted spec is compared with an empty document).
    Compared(Box<Comparison>),
    /// New at this revision: linted only.
    New(Box<Loaded>),
}

/// Whether the spec is new, deleted or changed relative to the base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// In the base and in the work tree: linted and compared with the base.
    Changed,
    /// Not in the base: linted only, every finding is new.
    New,
    /// In the base but not in the work tree: compared with an empty document (every
    /// operation removed), not linted.
    Deleted,
}

/// One spec checked.
pub struct SpecCheck {
    /// As given on the command line.
    pub spec: String,
    /// New, deleted or changed; decides what [`Self::outcome`] holds.
    pub state: State,
    /// Lint findings to report (new ones only, unless all were asked for).
    pub findings: Vec<Finding>,
    /// Findings left out because the base has them too.
    pub old_findings: usize,
    /// Findings the ignore file left out.
    pub ignored_findings: usize,
    /// The comparison with the base (changed or deleted), or the loaded spec (new).
    pub outcome: Outcome,
    /// What to tell the user besides the findings.
    pub notes: Vec<String>,
}

impl SpecCheck {
    /// The comparison with the base, unless the spec is new.
    pub fn comparison(&self) -> Option<&Comparison> {
        match &self.outcome {
            Outcome::Compared(c) => Some(c),
            Outcome::New(_) => None,
        }
    }

    /// The spec as the revision has it (for a deleted spec: the empty document).
    pub fn revision(&self) -> &Loaded {
        match &self.outcome {
            Outcome::Compared(c) => &c.revision,
            Outcome::New(l) => l,
        }
    }

    /// The changes, without the version-policy notes (those are [`Self::version_problems`]).
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.comparison()
            .into_iter()
            .flat_map(|c| c.changes.iter().filter(|c| !version::is_policy(c)))
    }

    /// The version-policy problems at their own levels.
    pub fn version_problems(&self) -> &[Change] {
        self.comparison().map_or(&[], |c| &c.policy)
    }

    /// The bump the changes need, against the base's declared version.
    pub fn release(&self) -> Option<version::Release<'_>> {
        self.comparison()
            .map(|c| version::release(&c.changes, &c.base.api.info.version, c.warnings))
    }
}

/// What a check needs besides the specs.
pub struct CheckOptions {
    /// How to load each spec, both from the work tree and at the base commit.
    pub load: LoadOptions,
    /// The lint rules and selection to run on each spec at this revision.
    pub lint: LintConfig,
    /// Accepted findings to leave out (counted in [`SpecCheck::ignored_findings`]);
    /// `None`: nothing is ignored.
    pub ignore: Option<IgnoreFile>,
    /// The project's settings for the comparison (levels, ignores, profile).
    pub settings: Settings,
    /// What fails the check.
    pub policy: CheckConfig,
    /// Report every lint finding, not only those the base does not have.
    pub all_findings: bool,
}

/// Why a check failed, or that it passed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Verdict {
    /// Whether nothing fails the check under its policy (exactly when `reasons` is empty).
    pub passed: bool,
    /// One line per reason it failed (empty when it passed).
    pub reasons: Vec<String>,
}

/// A whole check: the base, each spec, the verdict.
pub struct CheckRun {
    /// The revision every spec was compared with.
    pub base: Base,
    /// Each spec, in the order given.
    pub specs: Vec<SpecCheck>,
    /// The policy the verdict was reached under (a copy of [`CheckOptions::policy`]).
    pub policy: CheckConfig,
    /// Pass or fail, with a reason per spec and kind of failure.
    pub verdict: Verdict,
}

/// Checks every spec against `base`.
pub fn run(specs: &[String], base: Base, options: &CheckOptions) -> Result<CheckRun, String> {
    if specs.is_empty() {
        return Err("no spec to check".to_string());
    }
    let specs = linting::expand_globs(specs)?;
    // Specs are independent: a few at a time, results in the order given. Each check
    // itself lints on several threads, so two workers are enough to keep cores busy.
    let threads = crate::parallel::default_threads(2);
    let results = crate::parallel::map_in_order(
        specs.len(),
        threads,
        STACK_BYTES,
        || (),
        |(), i| check_one(&specs[i], &base, options),
    );
    let checked = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    let verdict = verdict(&checked, &options.policy);
    Ok(CheckRun {
        base,
        specs: checked,
        policy: options.policy.clone(),
        verdict,
    })
}

/// Stack for a worker: loading and comparing recurse with a document's depth, as on the main
/// thread.
const STACK_BYTES: usize = 64 * 1024 * 1024;

fn check_one(spec: &str, base: &Base, options: &CheckOptions) -> Result<SpecCheck, String> {
    // Read once: linted (for the findings it already had) before it becomes a model,
    // which drops the reference list the lint rules read.
    let base_workspace =
        match Workspace::load_at_commit(base.label(), &base.commit, spec, &options.load) {
            Ok(workspace) => Some(workspace),
            Err(e) if e.message.ends_with(git::NOT_IN_REVISION) => None,
            Err(e) => return Err(e.to_string()),
        };
    let exists = std::path::Path::new(spec).exists() || spec == "-" || spec.contains("://");
    if !exists {
        let Some(base_loaded) = base_workspace.map(Loaded::new) else {
            return Err(format!(
                "{spec}: no such file here nor in {} ({})",
                base.rev,
                base.short()
            ));
        };
        // Deleted: every operation it had is removed.
        let empty = Loaded::empty_like(&base_loaded, base.label(), spec)?;
        let mut comparison = compare::compare(base_loaded, empty, &options.settings);
        comparison.release_models();
        return Ok(SpecCheck {
            spec: spec.to_string(),
            state: State::Deleted,
            findings: Vec::new(),
            old_findings: 0,
            ignored_findings: 0,
            notes: vec![format!(
                "{spec} is not in the work tree: compared as deleted, every operation removed"
            )],
            outcome: Outcome::Compared(Box::new(comparison)),
        });
    }
    let workspace = Workspace::load_arg(spec, &options.load).map_err(|e| e.to_string())?;
    let known = base_workspace.as_ref().filter(|_| !options.all_findings);
    let mut linted = linting::lint_against(workspace, &options.lint, known);
    let base_loaded = base_workspace.map(Loaded::new);
    if let Some(ignore) = &options.ignore {
        linting::apply_ignore_file(&mut linted, ignore);
    }
    let linting::LintRun {
        workspace,
        findings,
        old,
        suppressed,
        mut notes,
    } = linted;
    let revision = Loaded::new(workspace);
    let (state, outcome) = match base_loaded {
        Some(base_loaded) => {
            let mut comparison = compare::compare(base_loaded, revision, &options.settings);
            comparison.release_models();
            notes.extend(comparison.notes.iter().cloned());
            notes.extend(comparison.load_problem_notes());
            (State::Changed, Outcome::Compared(Box::new(comparison)))
        }
        None => {
            notes.push(format!(
                "{spec} is not in {} ({}): it is new, so it is linted only",
                base.rev,
                base.short()
            ));
            (State::New, Outcome::New(Box::new(revision)))
        }
    };
    Ok(SpecCheck {
        spec: spec.to_string(),
        state,
        findings,
        old_findings: old,
        ignored_findings: suppressed,
        outcome,
        notes,
    })
}

/// The lint findings, changes and version problems that fail the check under `policy`.
pub fn failing(check: &SpecCheck, policy: &CheckConfig) -> (usize, usize, usize) {
    let lint = policy.fail_on_lint.threshold().map_or(0, |t| {
        check.findings.iter().filter(|f| f.severity >= t).count()
    });
    let changes = policy
        .fail_on_breaking
        .threshold()
        .map_or(0, |t| check.changes().filter(|c| c.level >= t).count());
    let version = match policy.version {
        VersionCheck::Enforce => check.version_problems().len(),
        VersionCheck::Warn | VersionCheck::Off => 0,
    };
    (lint, changes, version)
}

fn verdict(specs: &[SpecCheck], policy: &CheckConfig) -> Verdict {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut reasons = Vec::new();
    for check in specs {
        let (lint, changes, version) = failing(check, policy);
        if changes > 0 {
            reasons.push(format!(
                "{}: {} at or above {}",
                check.spec,
                plural(changes, "change", "changes"),
                threshold_name(policy.fail_on_breaking.threshold())
            ));
        }
        if lint > 0 {
            reasons.push(format!(
                "{}: {} at or above {}",
                check.spec,
                plural(lint, "new lint finding", "new lint findings"),
                threshold_name(policy.fail_on_lint.threshold())
            ));
        }
        if version > 0 {
            reasons.push(format!(
                "{}: {} (version: enforce)",
                check.spec,
                plural(version, "version-policy problem", "version-policy problems")
            ));
        }
    }
    Verdict {
        passed: reasons.is_empty(),
        reasons,
    }
}

fn threshold_name(level: Option<Level>) -> &'static str {
    level.map_or("never", Level::as_str)
}
