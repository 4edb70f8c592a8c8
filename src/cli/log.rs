//! `specver log SPEC`: walks the git history of a spec and, for every commit that changed
//! it, prints the date, the commit, a classified summary, the bump it needed and the version
//! sequence that results: a changelog a release manager can paste.

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
use crate::compare::Settings;
use crate::history::history;
use crate::policy::settings::Config;
use crate::report::log::{render_markdown, render_text};
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum LogFormat {
    Markdown,
    Json,
    Text,
}

#[derive(Debug, Args)]
pub(super) struct LogArgs {
    /// The spec's path in the working tree of a git repository.
    #[arg(value_name = "SPEC")]
    spec: String,

    /// Only commits after this revision.
    #[arg(long, value_name = "REV")]
    since: Option<String>,

    #[arg(long, value_enum, default_value_t = LogFormat::Markdown)]
    format: LogFormat,

    /// Write the report to FILE (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<std::path::PathBuf>,

    /// The client the levels are for: `wire` (default) or `sdk`; default: the settings'
    /// `profile:`, else `wire`.
    #[arg(long, value_name = "PROFILE", value_parser = crate::rules::Profile::parse)]
    profile: Option<crate::rules::Profile>,

    /// Only the changes that reach these operations (one `METHOD /path` or operationId a
    /// line), as for `diff`.
    #[arg(long, value_name = "FILE")]
    operations: Option<std::path::PathBuf>,

    #[command(flatten)]
    source: SourceOptions,
}

pub(super) fn run(args: &LogArgs) -> i32 {
    let operations = match args.operations.as_deref().map(super::diff::operation_list) {
        Some(Ok(list)) => Some(list),
        Some(Err(message)) => {
            print_error(&message);
            return EXIT_ERROR;
        }
        None => None,
    };
    let settings = match settings(args, operations) {
        Ok(settings) => settings,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    let walked = args
        .source
        .load_options()
        .and_then(|options| history(&args.spec, args.since.as_deref(), &options, &settings));
    let history = match walked {
        Ok(h) => h,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    // An `--operations` entry that matches nothing is said once, not once per commit.
    for note in &history.notes {
        super::say("warning", note);
    }
    let (entries, profile) = (history.entries, settings.profile);
    let mut out = Vec::new();
    let written = match args.format {
        LogFormat::Json => serde_json::to_writer_pretty(&mut out, &entries)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        LogFormat::Markdown => render_markdown(&mut out, &args.spec, &entries, profile),
        LogFormat::Text => render_text(&mut out, &entries),
    };
    if let Err(message) = written
        .map_err(|e| format!("cannot write the report: {e}"))
        .and_then(|_| super::deliver(args.output.as_deref(), &out))
    {
        print_error(&message);
        return EXIT_ERROR;
    }
    EXIT_OK
}

/// The project's settings (found from the working directory) with the command's options.
fn settings(
    args: &LogArgs,
    operations: Option<crate::diff::operations::OperationList>,
) -> Result<Settings, String> {
    let config = Config::discover(None).map_err(|e| e.to_string())?;
    for warning in &config.warnings {
        super::say("warning", warning);
    }
    Ok(Settings {
        operations,
        ..Settings::new(
            config,
            args.profile,
            crate::policy::lifecycle::Date::today(),
        )
    })
}
