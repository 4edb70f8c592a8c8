//! `specver inspect SPEC`: load a spec, build the model, and summarise both.

use super::{EXIT_ERROR, EXIT_OK, OutputFormat, SourceOptions, print_error};
use crate::diagnostic::{self, Diagnostic, DiagnosticRecord, Severity};
use crate::load::{SpecFamily, Workspace};
use crate::model;
use clap::Args;
use serde::Serialize;
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

/// What `inspect --format json` prints.
#[derive(Debug, Serialize)]
struct InspectReport {
    spec_version: String,
    spec_family: SpecFamily,
    files: usize,
    paths: usize,
    operations: usize,
    schemas: usize,
    diagnostics: Vec<DiagnosticRecord>,
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
        OutputFormat::Text => write_text(&mut out, &workspace, &summary, &diagnostics),
        OutputFormat::Json => write_json(&mut out, &workspace, &summary, &diagnostics),
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

struct Summary {
    files: usize,
    paths: usize,
    webhooks: usize,
    operations: usize,
    schemas: usize,
}

fn family_name(family: SpecFamily) -> &'static str {
    match family {
        SpecFamily::Swagger2 => "Swagger",
        SpecFamily::OpenApi30 | SpecFamily::OpenApi31 | SpecFamily::OpenApi32 => "OpenAPI",
    }
}

fn write_text(
    out: &mut Vec<u8>,
    ws: &Workspace,
    summary: &Summary,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    writeln!(out, "{}", ws.root_file().name)?;
    writeln!(
        out,
        "  spec version  {} {}",
        family_name(ws.spec_family),
        ws.spec_version
    )?;
    writeln!(out, "  files         {}", summary.files)?;
    writeln!(out, "  paths         {}", summary.paths)?;
    if summary.webhooks > 0 {
        writeln!(out, "  webhooks      {}", summary.webhooks)?;
    }
    writeln!(out, "  operations    {}", summary.operations)?;
    writeln!(out, "  schemas       {}", summary.schemas)?;
    if diagnostics.is_empty() {
        writeln!(out, "no problems found")?;
        return Ok(());
    }
    writeln!(out)?;
    diagnostic::render_text(ws, diagnostics, out)?;
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
    ];
    let infos = count(Severity::Info);
    if infos > 0 {
        parts.push(plural(infos, "note"));
    }
    writeln!(out, "{}", parts.join(", "))
}

fn write_json(
    out: &mut Vec<u8>,
    ws: &Workspace,
    summary: &Summary,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let report = InspectReport {
        spec_version: ws.spec_version.clone(),
        spec_family: ws.spec_family,
        files: summary.files,
        paths: summary.paths,
        operations: summary.operations,
        schemas: summary.schemas,
        diagnostics: diagnostics.iter().map(|d| d.record(ws)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
