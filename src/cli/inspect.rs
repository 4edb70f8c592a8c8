//! `specver inspect SPEC`: load a spec, build the model, and summarise both.

use super::{EXIT_ERROR, EXIT_OK, OutputFormat, SourceOptions, print_error};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model;
use crate::report::inspect::{Summary, render_json, render_text};
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub(super) struct InspectArgs {
    /// The spec: a file path, `-` for standard input, an http(s) URL, or `REV:path` for a
    /// file at a git revision of the repository around the working directory.
    #[arg(value_name = "SPEC")]
    spec: String,

    /// How to write the report.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,

    #[command(flatten)]
    source: SourceOptions,
}

pub(super) fn run(args: &InspectArgs) -> i32 {
    let workspace = match args.source.load_spec(&args.spec) {
        Ok(ws) => ws,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
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
        OutputFormat::Text => render_text(&mut out, &workspace, &summary, &diagnostics),
        OutputFormat::Json => render_json(&mut out, &workspace, &summary, &diagnostics),
    };
    if let Err(e) = written {
        print_error(&format!("cannot write the report: {e}"));
        return EXIT_ERROR;
    }
    if let Err(e) = std::io::stdout().lock().write_all(&out)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        print_error(&format!("cannot write the report: {e}"));
        return EXIT_ERROR;
    }

    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}
