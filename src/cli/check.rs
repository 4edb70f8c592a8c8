//! `specver check SPEC... [--base REV]`: lint, breaking changes and the version policy in one
//! run, with one exit code and one report (see [`crate::check`]).

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
use crate::check::{Base, CheckOptions};
use crate::compare::Settings;
use crate::lint::ignore_file::IgnoreFile;
use crate::policy::lifecycle::Date;
use crate::policy::settings::{Config, FailOn, VersionCheck};
use crate::report::check as report_check;
use crate::rules::Profile;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum CheckFormat {
    /// Snippets per spec, then the verdict.
    Text,
    /// A pull-request comment: the verdict, a table, the breaking changes, the rest folded;
    /// under GitHub's 65,536-character limit.
    Markdown,
    /// One JSON object.
    Json,
    /// GitHub Actions annotations, the most severe first, at most `--max-annotations` per
    /// level.
    GithubActions,
    /// One self-contained HTML page: filters by level and operation, snippets side by side.
    Html,
}

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// The specs to check, by their paths in the work tree (a spec the base lacks is new and
    /// only linted; one the work tree lacks was deleted).
    #[arg(value_name = "SPEC", required = true)]
    specs: Vec<String>,

    /// The git revision to compare with (default: the merge base of HEAD with origin/HEAD,
    /// origin/main, main, origin/master or master, whichever exists first).
    #[arg(long, value_name = "REV")]
    base: Option<String>,

    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,

    /// Write the report to FILE (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Also append the Markdown report to FILE (for `$GITHUB_STEP_SUMMARY`).
    #[arg(long, value_name = "FILE")]
    summary_file: Option<PathBuf>,

    /// At most this many annotations per level with `--format github-actions` (GitHub shows
    /// 10 per type per step); 0 for no limit.
    #[arg(long, value_name = "N", default_value_t = crate::report::github::MAX_PER_LEVEL)]
    max_annotations: usize,

    /// Report every lint finding, not only those the base does not have.
    #[arg(long)]
    all_findings: bool,

    /// Fail on new lint findings at or above this severity (default: the settings'
    /// `check.fail-on-lint`, else `error`).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on_lint: Option<FailOn>,

    /// Fail on changes at or above this level (default: the settings'
    /// `check.fail-on-breaking`, else `error`).
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on_breaking: Option<FailOn>,

    /// What version-policy problems do: `enforce` (fail), `warn` (report) or `off`
    /// (default: the settings' `check.version`, else `warn`).
    #[arg(long, value_enum, value_name = "POLICY")]
    version_policy: Option<VersionCheck>,

    /// The client the levels are for: `wire` (default) or `sdk`.
    #[arg(long, value_name = "PROFILE", value_parser = Profile::parse)]
    profile: Option<Profile>,

    /// Settings file (default: `.specver.yaml` here or in a parent, up to the git top).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(flatten)]
    source: SourceOptions,
}

pub(super) fn run(args: &CheckArgs) -> i32 {
    match check(args) {
        Ok(code) => code,
        Err(message) => {
            print_error(&message);
            EXIT_ERROR
        }
    }
}

fn check(args: &CheckArgs) -> Result<i32, String> {
    let project = Config::discover(args.config.as_deref()).map_err(|e| e.to_string())?;
    for warning in &project.warnings {
        super::say("warning", warning);
    }
    let lint = crate::linting::rules_for(&project, None, None)?;
    for warning in lint.warnings() {
        super::say("warning", warning);
    }
    let ignore_path = crate::linting::ignore_file_path(&project, None)?;
    let ignore = if ignore_path.is_file() {
        Some(IgnoreFile::load(&ignore_path)?)
    } else {
        None
    };
    let mut policy = project.check.clone();
    if let Some(f) = args.fail_on_lint {
        policy.fail_on_lint = f;
    }
    if let Some(f) = args.fail_on_breaking {
        policy.fail_on_breaking = f;
    }
    if let Some(v) = args.version_policy {
        policy.version = v;
    }
    let options = CheckOptions {
        load: args.source.load_options()?,
        lint,
        ignore,
        settings: Settings::new(project, args.profile, Date::today()),
        policy,
        all_findings: args.all_findings,
    };
    let base = Base::resolve(args.base.as_deref())?;
    let run = crate::check::run(&args.specs, base, &options)?;
    for check in &run.specs {
        for note in &check.notes {
            super::say("note", note);
        }
    }

    let mut out = Vec::new();
    let max = (args.max_annotations > 0).then_some(args.max_annotations);
    let written = match args.format {
        CheckFormat::Text => report_check::render_text(&run, &mut out),
        CheckFormat::Markdown => out.write_all(
            report_check::render_markdown(&run, report_check::MARKDOWN_BUDGET).as_bytes(),
        ),
        CheckFormat::Json => serde_json::to_writer_pretty(&mut out, &report_check::record(&run))
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        CheckFormat::GithubActions => report_check::render_github_actions(&run, max, &mut out),
        CheckFormat::Html => out.write_all(crate::report::html::render_check(&run).as_bytes()),
    };
    written.map_err(|e| format!("cannot write the report: {e}"))?;
    if let Some(file) = &args.summary_file {
        append(
            file,
            &report_check::render_markdown(&run, report_check::MARKDOWN_BUDGET),
        )?;
    }
    super::deliver(args.output.as_deref(), &out)?;
    let code = if run.verdict.passed {
        EXIT_OK
    } else {
        super::diff::EXIT_FINDINGS
    };
    // The process ends here: freeing every spec's trees node by node would only delay it.
    std::mem::forget(run);
    Ok(code)
}

/// Appends to the job summary file, as GitHub's `$GITHUB_STEP_SUMMARY` expects.
fn append(file: &std::path::Path, markdown: &str) -> Result<(), String> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
        .map_err(|e| format!("--summary-file {}: {e}", file.display()))?;
    f.write_all(markdown.as_bytes())
        .map_err(|e| format!("--summary-file {}: {e}", file.display()))
}
