//! `specver lint SPEC`: run the built-in rules (or a Spectral ruleset) over one document.

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, lint_output, print_error};
use crate::diagnostic;
use crate::lint::{self, Finding, LintConfig, LintSeverity, Ruleset};
use crate::load::Workspace;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum LintFormat {
    /// rustc-like snippets.
    Text,
    /// `{"findings": [...], "summary": {...}}`.
    Json,
    /// GitHub Actions workflow commands (`::error file=...,line=...::message`).
    GithubActions,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// JUnit XML: one test case per finding, for CI test reports.
    Junit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum RuleSet {
    /// Spectral's recommended `spectral:oas` rules and specver's recommended extras.
    Recommended,
    /// Every built-in rule.
    All,
    /// Spectral's `spectral:oas` rules only.
    SpectralOas,
}

#[derive(Debug, Args)]
pub(super) struct LintArgs {
    /// The spec: a path, `-`, an http(s) URL or `REV:path`.
    #[arg(value_name = "SPEC")]
    spec: String,

    /// A Spectral ruleset file (default: `.spectral.yaml`/`.yml`/`.json` in the working
    /// directory, else the built-in recommended rules).
    #[arg(long, value_name = "FILE")]
    ruleset: Option<PathBuf>,

    /// Which built-in rules, when no ruleset file is used.
    #[arg(long, value_enum)]
    rules: Option<RuleSet>,

    /// Run only this rule (repeatable).
    #[arg(long, value_name = "RULE")]
    only: Vec<String>,

    /// Never run this rule (repeatable).
    #[arg(long, value_name = "RULE")]
    skip: Vec<String>,

    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    format: LintFormat,

    /// Exit 1 when a finding is at or above this severity: error, warn, info or hint.
    #[arg(long, value_name = "SEVERITY", default_value = "error")]
    fail_severity: String,

    #[command(flatten)]
    source: SourceOptions,
}

#[derive(Serialize)]
struct LintReport<'a> {
    findings: &'a [Finding],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    error: usize,
    warn: usize,
    info: usize,
    hint: usize,
}

fn config(args: &LintArgs) -> Result<LintConfig, String> {
    let mut config = match (&args.ruleset, args.rules) {
        (Some(file), _) => LintConfig::from_file(file)?,
        (None, Some(RuleSet::All)) => LintConfig::all(),
        (None, Some(RuleSet::SpectralOas)) => LintConfig::with_ruleset(Ruleset::spectral_oas()),
        (None, Some(RuleSet::Recommended)) => LintConfig::recommended(),
        (None, None) => {
            let here = std::env::current_dir().map_err(|e| e.to_string())?;
            match Ruleset::discover(&here) {
                Some(file) => LintConfig::from_file(&file)?,
                None => LintConfig::recommended(),
            }
        }
    };
    config.only = args.only.clone();
    config.skip = args.skip.clone();
    Ok(config)
}

pub(super) fn run(args: &LintArgs) -> i32 {
    let Some(fail_severity) = LintSeverity::parse(&args.fail_severity) else {
        print_error(&format!(
            "--fail-severity {}: expected error, warn, info or hint",
            args.fail_severity
        ));
        return EXIT_ERROR;
    };
    let config = match config(args) {
        Ok(c) => c,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    for warning in config.warnings() {
        let _ = writeln!(std::io::stderr(), "warning: {warning}");
    }
    let options = match args.source.load_options() {
        Ok(o) => o,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    let ws = match Workspace::load_arg(&args.spec, &options) {
        Ok(ws) => ws,
        Err(e) => {
            print_error(&e.to_string());
            return EXIT_ERROR;
        }
    };
    let findings = lint::lint(&ws, &config);
    let (error, warn, info, hint) = lint::summary(&findings);
    let mut out = Vec::new();
    let written = match args.format {
        LintFormat::Json => serde_json::to_writer_pretty(
            &mut out,
            &LintReport {
                findings: &findings,
                summary: Summary {
                    error,
                    warn,
                    info,
                    hint,
                },
            },
        )
        .map_err(std::io::Error::other)
        .and_then(|_| writeln!(out)),
        LintFormat::GithubActions => lint_output::github_actions(&mut out, &findings),
        LintFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &lint_output::sarif(&config, &findings))
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        LintFormat::Junit => lint_output::junit(&mut out, &findings),
        LintFormat::Text => diagnostic::render_text(
            &ws,
            &lint::to_diagnostics(&findings),
            &mut out,
        )
        .and_then(|_| {
            writeln!(
                out,
                "{} problem{} ({error} error{}, {warn} warning{}, {info} info, {hint} hint{})",
                findings.len(),
                if findings.len() == 1 { "" } else { "s" },
                if error == 1 { "" } else { "s" },
                if warn == 1 { "" } else { "s" },
                if hint == 1 { "" } else { "s" },
            )
        }),
    };
    if let Err(e) = written.and_then(|_| std::io::stdout().lock().write_all(&out))
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        print_error(&format!("cannot write the report: {e}"));
        return EXIT_ERROR;
    }
    if lint::fails(&findings, fail_severity) {
        super::diff::EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
