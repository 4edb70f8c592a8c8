//! Two documents compared end to end: load both, build both models, diff, apply the
//! lifecycle policy and the project's settings, and check the declared version. The diff
//! commands, `bump` and `log` all go through here.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diff::{self, Affected, Change, Direction, adjust, lifecycle};
use crate::load::{LoadError, LoadOptions, Workspace};
use crate::model::{self, Api};
use crate::rules::Profile;
use crate::rules::changes::Level;
use crate::version::{self, Bump, WarningBump};

pub struct Loaded {
    pub workspace: Workspace,
    pub api: Api,
    /// Load and model problems (unresolved refs and the like): reported, not fatal.
    pub problems: Vec<Diagnostic>,
}

impl Loaded {
    pub fn new(mut workspace: Workspace) -> Loaded {
        let (api, model_problems) = model::build(&workspace);
        // Every `$ref` was checked while loading and followed while building; comparing
        // needs neither the list nor its strings.
        workspace.ref_sites = Vec::new();
        let problems = workspace
            .diagnostics
            .iter()
            .cloned()
            .chain(model_problems)
            .collect();
        Loaded {
            workspace,
            api,
            problems,
        }
    }

    pub fn load(arg: &str, options: &LoadOptions) -> Result<Loaded, LoadError> {
        Ok(Loaded::new(Workspace::load_arg(arg, options)?))
    }

    /// `file` at git revision `rev`, never a file of the work tree (`--base`, `log`).
    pub fn load_at_revision(
        rev: &str,
        file: &str,
        options: &LoadOptions,
    ) -> Result<Loaded, LoadError> {
        Ok(Loaded::new(Workspace::load_at_revision(
            rev, file, options,
        )?))
    }
}

pub struct Settings {
    pub config: Config,
    /// The client profile whose levels apply (`--profile`, else the settings' `profile:`).
    pub profile: Profile,
    /// The operations an integration calls (`--operations`): only changes reaching them
    /// are reported.
    pub operations: Option<diff::operations::OperationList>,
    pub policy: lifecycle::Policy,
    pub warnings: WarningBump,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            config: Config::default(),
            profile: Profile::Wire,
            operations: None,
            policy: lifecycle::Policy {
                today: lifecycle::Date::today(),
                min_deprecation_days: Vec::new(),
            },
            warnings: WarningBump::Minor,
        }
    }
}

pub struct Comparison {
    pub base: Loaded,
    pub revision: Loaded,
    /// Every change, most severe first, settings applied. Version-policy problems are among
    /// them as info notes (a version left alone breaks no client), or at their own levels
    /// when `versioning.enforce` is set.
    pub changes: Vec<Change>,
    /// The version-policy problems at their own levels, settings applied: what
    /// `bump --check` fails on.
    pub policy: Vec<Change>,
    pub dropped: adjust::Dropped,
    pub bump: Bump,
    /// How warning-level changes counted for `bump`.
    pub warnings: WarningBump,
    /// The client profile whose levels apply.
    pub profile: Profile,
    /// What the report should say on stderr first (`--operations` entries that match no
    /// operation).
    pub notes: Vec<String>,
    /// The settings file that applied, when one did: every report names it, since it can
    /// change levels and ignore changes.
    pub settings_file: Option<std::path::PathBuf>,
}

pub fn compare(base: Loaded, revision: Loaded, settings: &Settings) -> Comparison {
    let raw = diff::compare(&base.api, &revision.api, settings.profile);
    let raw = lifecycle::apply(
        raw,
        &base.api,
        &revision.api,
        &settings.policy,
        settings.profile,
    );
    // The integrator view: only what reaches the operations the integration calls.
    let (raw, selected_out, notes) = match &settings.operations {
        Some(list) => list.apply(raw, &base.api, &revision.api),
        None => (raw, 0, Vec::new()),
    };
    let cx = adjust::Context {
        base: (&base.api, &base.workspace),
        revision: (&revision.api, &revision.workspace),
    };
    let (mut changes, dropped) = adjust::apply(raw, &settings.config.changes, &cx);
    let (bump, _) = version::required_bump(&changes, settings.warnings);
    let document_changed = !changes.is_empty();
    // The policy's findings go through the same settings (levels, ignores) as the changes.
    let policy: Vec<Change> = version::check_policy(
        &base.api.info.version,
        &revision.api.info.version,
        bump,
        document_changed,
    )
    .iter()
    .map(|problem| policy_change(problem, &base.api, &revision.api, settings.profile))
    .collect();
    let (policy, policy_dropped) = adjust::apply(policy, &settings.config.changes, &cx);
    changes.extend(policy.iter().cloned().map(|mut problem| {
        if !settings.config.versioning.enforce {
            problem.level = problem.level.min(Level::Info);
        }
        problem
    }));
    let dropped = adjust::Dropped {
        ignored: dropped.ignored + policy_dropped.ignored,
        filtered: dropped.filtered + policy_dropped.filtered + selected_out,
    };
    diff::sort(&mut changes);
    Comparison {
        base,
        revision,
        changes,
        policy,
        dropped,
        bump,
        warnings: settings.warnings,
        profile: settings.profile,
        notes,
        settings_file: settings.config.path.clone(),
    }
}

fn policy_change(
    problem: &version::PolicyProblem,
    base: &Api,
    revision: &Api,
    profile: Profile,
) -> Change {
    Change {
        id: problem.id.to_string(),
        level: problem.id.level_in(profile),
        message: problem.message.clone(),
        base: Some(base.info.version_origin),
        revision: Some(revision.info.version_origin),
        operations: Vec::<Affected>::new(),
        also: Vec::new(),
        merge_key: problem.message.clone(),
        values: Vec::new(),
    }
}

/// One change per affected operation, each with that operation's id and level
/// (`--per-operation`).
pub fn per_operation(changes: &[Change]) -> Vec<Change> {
    let mut out = Vec::new();
    for c in changes {
        if c.operations.is_empty() {
            out.push(c.clone());
            continue;
        }
        for a in &c.operations {
            let mut one = c.clone();
            one.id = a.id.to_string();
            one.level = a.level;
            one.operations = vec![a.clone()];
            out.push(one);
        }
    }
    out
}

/// The direction a change concerns overall, for summaries.
pub fn direction(change: &Change) -> Direction {
    let mut it = change.operations.iter().map(|a| a.direction);
    match it.next() {
        Some(first) if it.all(|d| d == first) => first,
        Some(_) => Direction::None,
        None => Direction::None,
    }
}
