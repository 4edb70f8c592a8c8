//! `specver diff`, `breaking` and `changelog`: compare two versions of a spec.

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
use crate::compare::{self, Comparison, Loaded, Settings};
use crate::policy::lifecycle::Date;
use crate::policy::settings::Config;
pub(super) use crate::report::summary::Mode;
use crate::report::{self, changes::Sources};
use crate::rules::Profile;
use crate::rules::changes::Level;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Exit code: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: i32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum FailOn {
    Error,
    /// `warn` too, as everywhere a level is written.
    #[value(alias = "warn")]
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Level> {
        match self {
            FailOn::Error => Some(Level::Error),
            FailOn::Warning => Some(Level::Warning),
            FailOn::Info => Some(Level::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Args)]
pub(super) struct DiffArgs {
    /// The older version: a path, `-`, a URL or `REV:path`. With `--base`, leave it out.
    #[arg(value_name = "BASE")]
    first: String,

    /// The newer version.
    #[arg(value_name = "REVISION")]
    second: Option<String>,

    /// Compare the one SPEC given with the same path at this git revision
    /// (`specver breaking openapi.yaml --base origin/main`).
    #[arg(long, value_name = "REV")]
    base: Option<String>,

    /// How to write the report.
    #[arg(long, value_enum)]
    pub(super) format: Option<report::Format>,

    /// Write the report to FILE (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,

    /// Exit 1 when a change at or above this level is reported (default: `error` for
    /// `breaking`, `never` otherwise).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,

    /// With `--format github-actions`: at most N annotations per level, the most severe
    /// first, then one notice counting the rest (GitHub shows 10 per type per step); 0 for
    /// no limit.
    #[arg(long, value_name = "N", default_value_t = crate::report::github::MAX_PER_LEVEL)]
    max_annotations: usize,

    /// One change per affected operation instead of one per root cause.
    #[arg(long)]
    per_operation: bool,

    /// Settings file (default: `.specver.yaml` here or in a parent, up to the git top).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// oasdiff's severity-levels file (`id level` lines).
    #[arg(long, value_name = "FILE")]
    severity_levels: Option<PathBuf>,

    /// Only operations whose path matches this regular expression.
    #[arg(long, value_name = "REGEX")]
    match_path: Option<String>,

    /// Leave out operations marked with this extension (repeatable), e.g. `x-internal`.
    #[arg(long, value_name = "EXTENSION")]
    exclude_extension: Vec<String>,

    /// The date sunset dates are compared with (default: today), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,

    /// The client the levels are for: `wire` (a tolerant HTTP client; the default) or `sdk`
    /// (a strict generated client). Default: the settings' `profile:`, else `wire`.
    #[arg(long, value_name = "PROFILE", value_parser = Profile::parse)]
    profile: Option<Profile>,

    /// Only the changes that reach these operations: a file with one `METHOD /path` or
    /// operationId a line (`#` comments), the operations an integration calls.
    #[arg(long, value_name = "FILE")]
    operations: Option<PathBuf>,

    #[command(flatten)]
    source: SourceOptions,
}

pub(super) fn run(args: &DiffArgs, mode: Mode) -> i32 {
    let mut comparison = match load_and_compare(args) {
        Ok(c) => c,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    // Filtered in place: a large comparison holds thousands of changes, each listing its
    // operations, and a copy would double them.
    let hidden_info = comparison
        .changes
        .iter()
        .filter(|c| c.level == Level::Info)
        .count();
    let mut shown = std::mem::take(&mut comparison.changes);
    if mode == Mode::Breaking {
        shown.retain(|c| c.level >= Level::Warning);
    }
    if args.per_operation {
        shown = compare::per_operation(&shown);
    }
    let format = args.format.unwrap_or(match mode {
        Mode::Changelog => report::Format::Markdown,
        _ => report::Format::Text,
    });
    // Every report but text gives each change's JSON pointer, read from the whole tree.
    if format != report::Format::Text {
        comparison.reread_trees(&shown);
    }
    let sources = Sources {
        base: &comparison.base.workspace,
        revision: &comparison.revision.workspace,
    };
    let settings_name = comparison
        .settings_file
        .as_ref()
        .map(|p| p.display().to_string());
    let record = || report::changes::ChangesReport {
        settings: settings_name.clone(),
        profile: comparison.profile,
        ..report::changes::report(sources, &shown)
    };
    let mut out = super::ReportOut::new(args.output.as_deref());
    let written = match format {
        report::Format::Text => report::summary::render_text(
            &mut out,
            sources,
            &comparison,
            &shown,
            mode,
            args.per_operation,
            hidden_info,
        ),
        report::Format::Json => serde_json::to_writer_pretty(&mut out, &record())
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        report::Format::Yaml => {
            let value = serde_json::to_value(record()).unwrap_or_default();
            out.write_all(report::to_yaml(&value).as_bytes())
        }
        report::Format::GithubActions => report::changes::render_github_actions(
            sources,
            &shown,
            (args.max_annotations > 0).then_some(args.max_annotations),
            &mut out,
        ),
        report::Format::Gitlab => {
            serde_json::to_writer_pretty(&mut out, &report::gitlab::change_issues(sources, &shown))
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out))
        }
        report::Format::Html => {
            let title = format!(
                "Changes from {} to {}",
                version_label(&comparison.base),
                version_label(&comparison.revision)
            );
            out.write_all(report::html::render_changes(sources, &shown, &title).as_bytes())
        }
        report::Format::Markdown => {
            let title = format!(
                "Changes from {} to {}",
                version_label(&comparison.base),
                version_label(&comparison.revision)
            );
            out.write_all(
                report::changes::render_markdown_with_texts(sources, &shown, &title).as_bytes(),
            )
            .and_then(|_| writeln!(out, "\n_Profile: `{}`_", comparison.profile))
            .and_then(|_| match &settings_name {
                Some(name) => writeln!(out, "\n_Settings: `{name}`_"),
                None => Ok(()),
            })
        }
    };
    if let Err(message) = out.finish(written) {
        print_error(&message);
        return EXIT_ERROR;
    }
    // Load problems do not stop a diff, but they can hide changes: say so.
    for note in comparison.load_problem_notes() {
        super::say("note", note);
    }

    let fail_on = args.fail_on.unwrap_or(match mode {
        Mode::Breaking => FailOn::Error,
        _ => FailOn::Never,
    });
    let code = match fail_on.threshold() {
        Some(level) if shown.iter().any(|c| c.level >= level) => EXIT_FINDINGS,
        _ => EXIT_OK,
    };
    // The process ends here: freeing two documents' trees and models node by node would
    // only delay the exit.
    std::mem::forget(comparison);
    std::mem::forget(shown);
    code
}

fn version_label(loaded: &Loaded) -> String {
    let name = &loaded.workspace.root_file().name;
    match loaded.api.info.version.as_str() {
        "" => name.clone(),
        v => format!("{v} ({name})"),
    }
}

/// Loads both sides and compares them with the project's settings.
pub(super) fn load_and_compare(args: &DiffArgs) -> Result<Comparison, String> {
    let settings = settings(args)?;
    let options = args.source.load_options()?;
    let load_plain = |arg: &str| {
        super::note_shadowed_revision(arg);
        Loaded::load(arg, &options).map_err(|e| e.to_string())
    };
    let (base, revision) = match (&args.base, &args.second) {
        // `--base` always reads git: a file named `REV:path` in the work tree cannot stand in.
        (Some(rev), None) => {
            let revision = load_plain(&args.first)?;
            let base = match Loaded::load_at_revision(rev, &args.first, &options) {
                Ok(base) => base,
                // A spec the revision does not have yet is new: every operation is added.
                Err(e) if e.message.ends_with(crate::load::git::NOT_IN_REVISION) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "note: {} is not in `{rev}`: it is compared with an empty document, so every operation counts as added",
                        args.first
                    );
                    Loaded::empty_like(&revision, rev, &args.first)?
                }
                Err(e) => return Err(e.to_string()),
            };
            (base, revision)
        }
        (None, Some(second)) => (load_plain(&args.first)?, load_plain(second)?),
        (Some(_), Some(_)) => {
            return Err("give either BASE and REVISION, or one SPEC with --base REV".into());
        }
        (None, None) => return Err("missing REVISION (or use --base REV with one SPEC)".into()),
    };
    let mut comparison = compare::compare(base, revision, &settings);
    comparison.release_models();
    for warning in &comparison.notes {
        super::say("warning", warning);
    }
    Ok(comparison)
}

/// The `--operations` file, read.
pub(super) fn operation_list(
    file: &std::path::Path,
) -> Result<crate::diff::operations::OperationList, String> {
    let text =
        crate::load::source::read_settings_text(file).map_err(|e| format!("--operations {e}"))?;
    crate::diff::operations::OperationList::parse(&text, &file.display().to_string())
}

fn settings(args: &DiffArgs) -> Result<Settings, String> {
    let mut config = Config::discover(args.config.as_deref()).map_err(|e| e.to_string())?;
    if let Some(file) = &args.severity_levels {
        let text = crate::load::source::read_settings_text(file)?;
        let levels =
            crate::policy::settings::parse_severity_file(&text, file).map_err(|e| e.to_string())?;
        config
            .warnings
            .extend(crate::policy::settings::severity_file_warning(
                file, &levels,
            ));
        for (id, level) in levels {
            config.changes.levels.insert(id, level);
        }
    }
    if let Some(re) = &args.match_path {
        regex::Regex::new(re).map_err(|e| format!("--match-path: {e}"))?;
        config.changes.match_path = Some(re.clone());
    }
    config
        .changes
        .exclude_extensions
        .extend(args.exclude_extension.iter().cloned());
    for warning in &config.warnings {
        super::say("warning", warning);
    }
    let today = match &args.date {
        Some(d) => Date::parse(d).ok_or_else(|| format!("--date {d}: expected YYYY-MM-DD"))?,
        None => Date::today(),
    };
    let operations = args.operations.as_deref().map(operation_list).transpose()?;
    Ok(Settings {
        operations,
        ..Settings::new(config, args.profile, today)
    })
}
