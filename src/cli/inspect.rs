//! `specver inspect SPEC`: load a spec, build the model, and summarise both.

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model;
use crate::report::inspect::{Summary, render_json, render_markdown, render_text};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// How `inspect` writes its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum InspectFormat {
    /// For people: the counts, then every problem with its snippet.
    Text,
    /// For machines: one JSON object.
    Json,
    /// A pull-request comment or job summary: the counts as a table, the problems listed.
    Markdown,
}

#[derive(Debug, Args)]
pub(super) struct InspectArgs {
    /// The spec: a file path, `-` for standard input, an http(s) URL, or `REV:path` for a
    /// file at a git revision of the repository around the working directory.
    #[arg(value_name = "SPEC")]
    spec: String,

    /// How to write the report.
    #[arg(long, value_enum, default_value_t = InspectFormat::Text)]
    format: InspectFormat,

    /// Write the report to FILE (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    source: SourceOptions,
}

pub(super) fn run(args: &InspectArgs) -> i32 {
    let mut workspace = match args.source.load_spec(&args.spec) {
        Ok(ws) => ws,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    // Checked while loading and not shown: freed before the model's peak (see `Loaded::new`).
    workspace.ref_sites = Vec::new();
    let (api, model_diagnostics) = model::build(&workspace);
    let diagnostics: Vec<Diagnostic> = workspace
        .diagnostics
        .iter()
        .cloned()
        .chain(model_diagnostics)
        .collect();
    let summary = Summary {
        files: workspace.files().len(),
        paths: api.paths.len(),
        webhooks: api.webhooks.len(),
        operations: api.operations().count(),
        schemas: api.component_schemas.len(),
    };

    let mut out = Vec::new();
    let written = match args.format {
        InspectFormat::Text => render_text(&mut out, &workspace, &summary, &diagnostics),
        InspectFormat::Json => render_json(&mut out, &workspace, &summary, &diagnostics),
        InspectFormat::Markdown => render_markdown(&mut out, &workspace, &summary, &diagnostics),
    };
    if let Err(message) = written
        .map_err(|e| format!("cannot write the report: {e}"))
        .and_then(|_| super::deliver(args.output.as_deref(), &out))
    {
        print_error(&message);
        return EXIT_ERROR;
    }

    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}
