//! `specver lint SPEC`: run the built-in rules (or a Spectral ruleset) over one document.

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
use crate::diagnostic;
use crate::diagnostic::Severity;
use crate::lint::ignore_file::IgnoreFile;
use crate::lint::{self, Finding, LintConfig};
use crate::linting;
use crate::load::Workspace;
use crate::policy::settings::Config;
use crate::report::lint as report_lint;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

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
    /// One self-contained HTML page: filters by severity, each finding with its snippet.
    Html,
    /// A GitLab Code Quality report (JSON), shown in merge requests.
    Gitlab,
    /// A pull-request comment: verdict, counts per severity and rule, the findings (most
    /// severe first) while they fit GitHub's comment limit.
    Markdown,
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

    /// A Spectral ruleset file (default: the `lint` section of `.specver.yaml`, else
    /// `.spectral.yaml`/`.yml`/`.json` in the working directory, else the built-in
    /// recommended rules).
    #[arg(long, value_name = "FILE")]
    ruleset: Option<PathBuf>,

    /// Settings file (default: `.specver.yaml` here or in a parent, up to the git top).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Findings to leave out, as file -> rule -> JSON pointers (Redocly's format; default:
    /// `lint.ignore-file` in `.specver.yaml`, else `.specver-lint-ignore.yaml` beside
    /// `.specver.yaml` or in the working directory, when it exists).
    #[arg(long, value_name = "FILE")]
    ignore_file: Option<PathBuf>,

    /// Write the current findings to the ignore file (its entries for the other files
    /// stay) and report nothing: a legacy spec adopts the linter, new problems still fail.
    #[arg(long)]
    write_baseline: bool,

    /// Report only findings new since git revision REV: those the same rule does not give
    /// at the same JSON pointer of the same file in `REV:SPEC` (for pull requests:
    /// `--new-since origin/main`).
    #[arg(long, value_name = "REV", conflicts_with = "write_baseline")]
    new_since: Option<String>,

    /// Report everything: no ignore file and no `x-specver-ignore`.
    #[arg(long, conflicts_with = "write_baseline")]
    no_ignore: bool,

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

    /// Write the report to FILE (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// With `--format github-actions`: at most N annotations per level, the most severe
    /// first, then one notice counting the rest (GitHub shows 10 per type per step); 0 for
    /// no limit.
    #[arg(long, value_name = "N", default_value_t = crate::report::github::MAX_PER_LEVEL)]
    max_annotations: usize,

    /// Exit 1 when a finding is at or above this severity: error, warn, info or hint.
    #[arg(long, value_name = "SEVERITY", default_value = "error")]
    fail_severity: String,

    #[command(flatten)]
    source: SourceOptions,
}

/// The rules: `--ruleset`, else `--rules`, else the project's (see
/// [`linting::rules_for`]), narrowed by `--only`/`--skip`.
fn config(args: &LintArgs, project: &Config) -> Result<LintConfig, String> {
    let builtin = args.rules.map(|r| match r {
        RuleSet::All => linting::Builtin::All,
        RuleSet::SpectralOas => linting::Builtin::SpectralOas,
        RuleSet::Recommended => linting::Builtin::Recommended,
    });
    let mut config = linting::rules_for(project, args.ruleset.as_deref(), builtin)?;
    config.only = args.only.clone();
    config.skip = args.skip.clone();
    config.inline_ignores = !args.no_ignore;
    config.check_selection()?;
    Ok(config)
}

pub(super) fn run(args: &LintArgs) -> i32 {
    let Some(fail_severity) = Severity::parse_spectral(&args.fail_severity) else {
        print_error(&format!(
            "--fail-severity {}: expected error, warn, info or hint",
            args.fail_severity
        ));
        return EXIT_ERROR;
    };
    let project = match Config::discover(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            print_error(&e.to_string());
            return EXIT_ERROR;
        }
    };
    let (config, ignore_path) = match config(args, &project).and_then(|c| {
        Ok((
            c,
            linting::ignore_file_path(&project, args.ignore_file.as_deref())?,
        ))
    }) {
        Ok(c) => c,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    // Read before linting: a broken ignore file is a usage error, found early.
    let ignore_file = if args.no_ignore {
        None
    } else if ignore_path.is_file() {
        match IgnoreFile::load(&ignore_path) {
            Ok(f) => Some(f),
            Err(message) => {
                print_error(&message);
                return EXIT_ERROR;
            }
        }
    } else if args.ignore_file.is_some() && !args.write_baseline {
        print_error(&format!("{}: no such ignore file", ignore_path.display()));
        return EXIT_ERROR;
    } else {
        None
    };
    for warning in config.warnings() {
        super::say("warning", warning);
    }
    let options = match args.source.load_options() {
        Ok(o) => o,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    super::note_shadowed_revision(&args.spec);
    if args.write_baseline {
        let ws = match Workspace::load_arg(&args.spec, &options) {
            Ok(ws) => ws,
            Err(e) => {
                print_error(&e.to_string());
                return EXIT_ERROR;
            }
        };
        let findings = lint::lint(&ws, &config);
        let linted: Vec<String> = ws.files().iter().map(|f| f.name.clone()).collect();
        return write_baseline(ignore_file, &ignore_path, &findings, &linted);
    }
    let run = match linting::lint_spec(
        &args.spec,
        &config,
        &options,
        args.new_since.as_deref(),
        ignore_file.as_ref(),
    ) {
        Ok(run) => run,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    for note in &run.notes {
        super::say("note", note);
    }
    let linting::LintRun {
        workspace: ws,
        findings,
        old,
        suppressed,
        ..
    } = run;
    let (error, warn, info, hint) = lint::summary(&findings);
    let mut out = Vec::new();
    let written = match args.format {
        LintFormat::Json => serde_json::to_writer_pretty(
            &mut out,
            &report_lint::LintReport {
                findings: &findings,
                summary: report_lint::Summary {
                    error,
                    warn,
                    info,
                    hint,
                    ignored: suppressed,
                    old,
                },
                settings: project.path.as_ref().map(|p| p.display().to_string()),
            },
        )
        .map_err(std::io::Error::other)
        .and_then(|_| writeln!(out)),
        LintFormat::GithubActions => report_lint::github_actions(
            &mut out,
            &findings,
            (args.max_annotations > 0).then_some(args.max_annotations),
        ),
        LintFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &report_lint::sarif(&ws, &config, &findings))
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        LintFormat::Junit => report_lint::junit(&mut out, &findings),
        LintFormat::Markdown => out.write_all(
            crate::report::check::render_lint_markdown(
                &args.spec,
                &findings,
                fail_severity,
                crate::report::check::MARKDOWN_BUDGET,
            )
            .as_bytes(),
        ),
        LintFormat::Gitlab => {
            serde_json::to_writer_pretty(&mut out, &crate::report::gitlab::lint_issues(&findings))
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        LintFormat::Html => {
            out.write_all(crate::report::html::render_lint(&ws, &findings).as_bytes())
        }
        LintFormat::Text => diagnostic::render_text(
            ws.files(),
            &lint::to_diagnostics(&findings),
            &mut out,
        )
        .and_then(|_| {
            report_lint::render_rule_counts(&mut out, &findings)?;
            writeln!(
                out,
                "{} problem{} ({error} error{}, {warn} warning{}, {info} info, {hint} hint{})",
                findings.len(),
                if findings.len() == 1 { "" } else { "s" },
                if error == 1 { "" } else { "s" },
                if warn == 1 { "" } else { "s" },
                if hint == 1 { "" } else { "s" },
            )?;
            if let (Some(rev), true) = (&args.new_since, old > 0) {
                writeln!(out, "{old} more were already there at {rev}")?;
            }
            if let Some(settings) = &project.path {
                writeln!(out, "settings: {}", settings.display())?;
            }
            if suppressed > 0 {
                writeln!(
                    out,
                    "{suppressed} more ignored by {}",
                    ignore_file
                        .as_ref()
                        .map(|f| f.path().display().to_string())
                        .unwrap_or_default()
                )?;
            }
            Ok(())
        }),
    };
    if let Err(message) = written
        .map_err(|e| format!("cannot write the report: {e}"))
        .and_then(|_| super::deliver(args.output.as_deref(), &out))
    {
        print_error(&message);
        return EXIT_ERROR;
    }
    // The process ends here: freeing thousands of files' trees node by node would only
    // delay the exit (a tenth of the run for a spec split into 2,860 files).
    std::mem::forget(ws);
    if lint::fails(&findings, fail_severity) {
        super::diff::EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `--write-baseline`: the ignore file made to list exactly the current findings of the
/// linted files; nothing is reported and the exit code is 0 once it is written.
fn write_baseline(
    existing: Option<IgnoreFile>,
    path: &Path,
    findings: &[Finding],
    linted: &[String],
) -> i32 {
    let mut file = existing.unwrap_or_else(|| IgnoreFile::empty(path));
    file.record(findings, linted);
    if let Err(e) = file.write() {
        print_error(&format!("cannot write {}: {e}", path.display()));
        return EXIT_ERROR;
    }
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} ({} finding{} now ignored)",
        path.display(),
        findings.len(),
        if findings.len() == 1 { "" } else { "s" }
    );
    EXIT_OK
}
