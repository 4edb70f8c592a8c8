//! The report of `specver inspect`: what was loaded (version, files, paths, operations,
//! schemas) and every load or model problem.

use crate::diagnostic::{self, Diagnostic, DiagnosticRecord, Severity};
use crate::load::{SpecFamily, Workspace};
use serde::Serialize;
use std::io::Write;

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

/// What was loaded: the counts both reports open with.
pub struct Summary {
    /// Files loaded (the root and every file its references reach).
    pub files: usize,
    /// Paths.
    pub paths: usize,
    /// Webhooks.
    pub webhooks: usize,
    /// Operations, webhooks' included.
    pub operations: usize,
    /// Schemas in the model (components and inline ones).
    pub schemas: usize,
}

fn family_name(family: SpecFamily) -> &'static str {
    match family {
        SpecFamily::Swagger2 => "Swagger",
        SpecFamily::OpenApi30 | SpecFamily::OpenApi31 | SpecFamily::OpenApi32 => "OpenAPI",
    }
}

/// `inspect`'s text: what was loaded, then every load problem with its snippet.
pub fn render_text(
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
    diagnostic::render_text(ws.files(), diagnostics, out)?;
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

/// `inspect --format json`.
pub(crate) fn render_json(
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
        diagnostics: diagnostics.iter().map(|d| d.record(ws.files())).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// `inspect --format markdown`, for a pull-request comment or a job summary: the version
/// and counts as a table, then the load problems, most severe first, while they fit the
/// comment budget.
pub fn render_markdown(
    out: &mut Vec<u8>,
    ws: &Workspace,
    summary: &Summary,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    use super::check::{Budget, MARKDOWN_BUDGET, escape, list_or, plural};
    let mut b = Budget {
        out: String::new(),
        limit: MARKDOWN_BUDGET,
    };
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    b.push(&format!(
        "### {} `{}`: {} {}\n\n",
        if errors == 0 { "✅" } else { "❌" },
        escape(&ws.root_file().name),
        family_name(ws.spec_family),
        escape(&ws.spec_version)
    ));
    b.push("| files | paths | webhooks | operations | schemas |\n|---|---|---|---|---|\n");
    b.push(&format!(
        "| {} | {} | {} | {} | {} |\n\n",
        summary.files, summary.paths, summary.webhooks, summary.operations, summary.schemas
    ));
    if diagnostics.is_empty() {
        b.push("No problems found.\n");
        return out.write_all(b.out.as_bytes());
    }
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.severity));
    b.push(&format!(
        "<details><summary>Problems: {}</summary>\n\n",
        plural(diagnostics.len(), "problem", "problems")
    ));
    let lines = sorted.into_iter().map(|d| {
        let record = d.record(ws.files());
        let at = record
            .position
            .map(|p| format!(" ({}:{})", escape(&p.file), p.line))
            .unwrap_or_default();
        format!(
            "- **{}** `{}` {}{at}\n",
            d.severity.as_str(),
            d.code,
            escape(&d.message)
        )
    });
    list_or(
        &mut b,
        lines,
        diagnostics.len(),
        "`specver inspect` lists all",
    );
    b.push("</details>\n");
    out.write_all(b.out.as_bytes())
}
