//! Two documents compared end to end: load both, build both models, diff, apply the
//! lifecycle policy and the project's settings, and check the declared version. The diff
//! commands, `bump` and `log` all go through here.

use crate::diagnostic::Diagnostic;
use crate::diff::{self, Affected, Change, Direction};
use crate::load::{LoadError, LoadOptions, Workspace};
use crate::model::{self, Api};
use crate::policy::settings::Config;
use crate::policy::{adjust, lifecycle};
use crate::rules::Profile;
use crate::rules::changes::Level;
use crate::version::{self, Bump, WarningBump};

/// One document ready to compare: its files and its model.
pub struct Loaded {
    /// Every file read, for positions and snippets in reports.
    pub workspace: Workspace,
    /// The canonical model built from it.
    pub api: Api,
    /// Load and model problems (unresolved refs and the like): reported, not fatal.
    pub problems: Vec<Diagnostic>,
}

impl Loaded {
    /// Builds the model of a loaded workspace, collecting load and model problems.
    pub fn new(mut workspace: Workspace) -> Loaded {
        // Every `$ref` was checked while loading; building the model follows them in the
        // tree, and comparing needs neither the list nor its strings (a tenth of the peak
        // the model is built at would be theirs).
        workspace.ref_sites = Vec::new();
        let (api, model_problems) = model::build(&workspace);
        // Nor the trees: a report reads again only the files whose changes it shows.
        workspace.release_trees();
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

    /// Loads a source as the command line names it (a path, `-`, a URL, `REV:path`) and
    /// builds its model. Fails only when the root document cannot be read or is not
    /// OpenAPI.
    pub fn load(arg: &str, options: &LoadOptions) -> Result<Loaded, LoadError> {
        Ok(Loaded::new(Workspace::load_arg(arg, options)?))
    }

    /// A document with no paths, of the same OpenAPI or Swagger version as `like`: the base of
    /// a spec that is new at revision `rev`.
    pub(crate) fn empty_like(like: &Loaded, rev: &str, file: &str) -> Result<Loaded, String> {
        let ws = &like.workspace;
        let version_key = match ws.spec_family {
            crate::load::SpecFamily::Swagger2 => "swagger",
            _ => "openapi",
        };
        // The same title and version: only the operations differ, so that nothing but
        // their addition or removal is reported.
        let text = format!(
            "{{\"{version_key}\": {}, \"info\": {{\"title\": {}, \"version\": {}}}, \"paths\": {{}}}}",
            serde_json::Value::from(ws.spec_version.as_str()),
            serde_json::Value::from(like.api.info.title.as_str()),
            serde_json::Value::from(like.api.info.version.as_str()),
        );
        // Named as the file would be at the revision; nothing is read from there.
        let location = crate::load::FileLocation::at_revision(rev, file)?;
        let empty =
            crate::load::Workspace::load_bytes(location, text.into_bytes(), &Default::default())
                .map_err(|e| e.to_string())?;
        Ok(Loaded::new(empty))
    }

    /// `file` at git revision `rev`, never a file of the work tree (`--base`, `log`).
    pub(crate) fn load_at_revision(
        rev: &str,
        file: &str,
        options: &LoadOptions,
    ) -> Result<Loaded, LoadError> {
        Ok(Loaded::new(Workspace::load_at_revision(
            rev, file, options,
        )?))
    }
}

/// What a comparison applies after the diff: the project's settings, the profile, the
/// operations of interest, the lifecycle policy. [`Settings::default`] is no settings file,
/// the `wire` profile and today's date.
pub struct Settings {
    /// The project's `.specver.yaml` (level overrides, ignores, versioning).
    pub config: Config,
    /// The client profile whose levels apply (`--profile`, else the settings' `profile:`).
    pub profile: Profile,
    /// The operations an integration calls (`--operations`): only changes reaching them
    /// are reported.
    pub operations: Option<diff::operations::OperationList>,
    /// The lifecycle policy: today's date and the deprecation periods.
    pub policy: lifecycle::Policy,
    /// How warning-level changes count towards the bump.
    pub warnings: WarningBump,
}

impl Settings {
    /// The settings a project's configuration gives: its profile unless `profile` overrides
    /// it, its lifecycle policy as of `today`, its versioning choices.
    pub fn new(config: Config, profile: Option<Profile>, today: lifecycle::Date) -> Settings {
        Settings {
            profile: profile.or(config.profile).unwrap_or_default(),
            operations: None,
            policy: lifecycle::Policy {
                today,
                min_deprecation_days: config
                    .versioning
                    .min_deprecation_days
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            },
            warnings: config.versioning.warnings.unwrap_or_default(),
            config,
        }
    }
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

/// The result of comparing two documents: the changes as reports show them, and the bump
/// they need.
pub struct Comparison {
    /// The base document.
    pub base: Loaded,
    /// The revision.
    pub revision: Loaded,
    /// Every change, most severe first, settings applied. Version-policy problems are among
    /// them as info notes (a version left alone breaks no client), or at their own levels
    /// when `versioning.enforce` is set.
    pub changes: Vec<Change>,
    /// The version-policy problems at their own levels, settings applied: what
    /// `bump --check` fails on.
    pub policy: Vec<Change>,
    /// How many changes the settings left out (ignored, filtered).
    pub dropped: adjust::Dropped,
    /// The release the changes need, by their levels (the version policy's own findings
    /// aside).
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
    pub(crate) settings_file: Option<std::path::PathBuf>,
}

/// Compares two loaded documents end to end: the diff under `settings.profile`, the
/// lifecycle policy, `--operations`, the settings' levels and ignores, the required bump
/// and the version policy.
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

impl Comparison {
    /// Drops both sides' paths, webhooks and schemas, the largest part of a model, when no
    /// further comparison will use them: reports read only `info` (and the files). `log`
    /// keeps each revision whole, since it becomes the base of the next comparison.
    pub fn release_models(&mut self) {
        self.base.api.release_operations_and_schemas();
        self.revision.api.release_operations_and_schemas();
    }

    /// Reads again, on two threads, the trees of the files `changes` point into (see
    /// [`crate::files::FileStore::release_trees`]): a report placing the changes then waits
    /// for the slowest file rather than for all of them in turn (each side of a YAML pair is
    /// a tenth of a second).
    pub fn reread_trees(&self, changes: &[Change]) {
        let mut wanted: Vec<(bool, crate::load::FileId)> = Vec::new();
        for change in changes {
            let places =
                std::iter::once((change.base, change.revision)).chain(change.also.iter().copied());
            for (base, revision) in places {
                wanted.extend(base.map(|o| (true, o.file)));
                wanted.extend(revision.map(|o| (false, o.file)));
            }
        }
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.len() < 2 {
            return;
        }
        crate::parallel::map_in_order(
            wanted.len(),
            crate::parallel::default_threads(2),
            8 << 20,
            || (),
            |_, i| {
                let (base, file) = wanted[i];
                let side = if base { &self.base } else { &self.revision };
                side.workspace.file(file).tree().is_some()
            },
        );
    }

    /// One line per side whose load had errors (unresolved references and the like): they
    /// do not stop a diff, but they can hide changes.
    pub(crate) fn load_problem_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for (side, loaded) in [("base", &self.base), ("revision", &self.revision)] {
            let errors = loaded
                .problems
                .iter()
                .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                .count();
            if errors > 0 {
                notes.push(format!(
                    "the {side} ({}) has {errors} load error{} such as unresolved references; `specver inspect` lists them",
                    loaded.workspace.root_file().name,
                    if errors == 1 { "" } else { "s" }
                ));
            }
        }
        notes
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
pub(crate) fn per_operation(changes: &[Change]) -> Vec<Change> {
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
