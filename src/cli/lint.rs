//! `specver lint SPEC...`: run the built-in rules (or a Spectral ruleset) over each
//! document named (patterns expanded as `check` expands them), with one report and one
//! exit code for them all.

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
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
    /// The specs: paths, `-`, http(s) URLs or `REV:path`; an argument with `*`, `?` or `[`
    /// that names no file is a pattern over the files below the working directory
    /// (`'specs/**/*.yaml'`), and one that matches nothing is an error.
    #[arg(value_name = "SPEC", required = true, num_args = 1..)]
    specs: Vec<String>,

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

    /// With `--format github-actions`: at most N annotations per level over all the specs,
    /// the most severe first, then one notice counting the rest (GitHub shows 10 per type
    /// per step); 0 for no limit.
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
    let specs = match linting::expand_globs(&args.specs) {
        Ok(specs) => specs,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    for spec in &specs {
        super::note_shadowed_revision(spec);
    }
    if args.write_baseline {
        return write_baseline(ignore_file, &ignore_path, &specs, &config, &options);
    }
    let results = linting::lint_specs(
        &specs,
        &config,
        &options,
        args.new_since.as_deref(),
        ignore_file.as_ref(),
    );
    // A spec that cannot be loaded is said at once and the others reported: the exit code
    // says 2 at the end.
    let mut runs = Vec::new();
    let mut failed = Vec::new();
    for (spec, result) in specs.iter().zip(results) {
        match result {
            Ok(run) => {
                for note in &run.notes {
                    super::say("note", note);
                }
                runs.push((spec.as_str(), run));
            }
            Err(message) => {
                print_error(&message);
                failed.push((spec.as_str(), message));
            }
        }
    }
    // One spec that cannot be loaded: the error is the whole answer, as it always was.
    if specs.len() == 1 && !failed.is_empty() {
        return EXIT_ERROR;
    }
    let linted: Vec<(report_lint::Linted<'_>, report_lint::Summary)> = runs
        .iter()
        .map(|(spec, run)| {
            (
                report_lint::Linted {
                    spec,
                    workspace: &run.workspace,
                    findings: &run.findings,
                },
                report_lint::Summary::of(&run.findings, run.suppressed, run.old),
            )
        })
        .collect();
    // One spec's findings are the report's own; several are joined into a copy (each spec's
    // list stays, for the reports that name files). A copy for one spec took as much memory
    // again as the findings (250 MB on a 251 MB spec).
    let joined: Vec<Finding>;
    let findings: &[Finding] = match runs.as_slice() {
        [(_, run)] => &run.findings,
        _ => {
            joined = runs
                .iter()
                .flat_map(|(_, run)| run.findings.iter().cloned())
                .collect();
            &joined
        }
    };
    let specs_only: Vec<report_lint::Linted<'_>> = runs
        .iter()
        .map(|(spec, run)| report_lint::Linted {
            spec,
            workspace: &run.workspace,
            findings: &run.findings,
        })
        .collect();
    let mut total = report_lint::Summary::default();
    for (_, summary) in &linted {
        total.add(summary);
    }
    let mut out = super::ReportOut::new(args.output.as_deref());
    let written = match args.format {
        LintFormat::Json => {
            // One spec keeps the shape it always had; several add `specs`.
            let per_spec = (specs.len() > 1).then(|| {
                let mut linted_specs = linted.iter();
                specs
                    .iter()
                    .map(|spec| match failed.iter().find(|(s, _)| s == spec) {
                        Some((_, error)) => report_lint::SpecSummary {
                            spec: spec.clone(),
                            summary: None,
                            error: Some(error.clone()),
                        },
                        None => report_lint::SpecSummary {
                            spec: spec.clone(),
                            summary: linted_specs.next().map(|(_, s)| *s),
                            error: None,
                        },
                    })
                    .collect()
            });
            serde_json::to_writer_pretty(
                &mut out,
                &report_lint::LintReport {
                    findings,
                    summary: total,
                    settings: project.path.as_ref().map(|p| p.display().to_string()),
                    specs: per_spec,
                },
            )
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out))
        }
        LintFormat::GithubActions => report_lint::github_actions(
            &mut out,
            findings,
            (args.max_annotations > 0).then_some(args.max_annotations),
        ),
        LintFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &report_lint::sarif(&specs_only, &config))
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out))
        }
        LintFormat::Junit => report_lint::junit(&mut out, findings),
        LintFormat::Markdown => out.write_all(
            crate::report::check::render_lint_markdown(
                &markdown_title(&specs),
                findings,
                fail_severity,
                crate::report::check::MARKDOWN_BUDGET,
            )
            .as_bytes(),
        ),
        LintFormat::Gitlab => {
            serde_json::to_writer_pretty(&mut out, &crate::report::gitlab::lint_issues(findings))
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out))
        }
        LintFormat::Html => out.write_all(crate::report::html::render_lint(&specs_only).as_bytes()),
        LintFormat::Text => report_lint::render_text(
            &mut out,
            &linted,
            &report_lint::TextFooter {
                new_since: args.new_since.as_deref(),
                settings: project.path.as_deref(),
                ignore_file: ignore_file.as_ref().map(|f| f.path()),
                failed: failed.len(),
            },
        ),
    };
    drop((linted, specs_only));
    if let Err(message) = out.finish(written) {
        print_error(&message);
        return EXIT_ERROR;
    }
    // The worst over all specs: one that could not be linted, then a failing finding.
    let code = if !failed.is_empty() {
        EXIT_ERROR
    } else if lint::fails(findings, fail_severity) {
        super::diff::EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    // The process ends here: freeing thousands of files' trees node by node would only
    // delay the exit (a tenth of the run for a spec split into 2,860 files).
    std::mem::forget(runs);
    code
}

/// What the Markdown comment's heading names: the spec, a few specs, or how many.
fn markdown_title(specs: &[String]) -> String {
    match specs {
        [one] => one.clone(),
        few if few.len() <= 3 => few.join("`, `"),
        many => format!("{} specs", many.len()),
    }
}

/// `--write-baseline`: the ignore file made to list exactly the current findings of the
/// linted files; nothing is reported and the exit code is 0 once it is written. A spec that
/// cannot be loaded is an error and leaves its entries as they were; the others are
/// recorded and the exit code is 2.
fn write_baseline(
    existing: Option<IgnoreFile>,
    path: &Path,
    specs: &[String],
    config: &LintConfig,
    options: &crate::load::LoadOptions,
) -> i32 {
    let mut file = existing.unwrap_or_else(|| IgnoreFile::empty(path));
    let mut recorded = 0;
    let mut failed = false;
    for spec in specs {
        let ws = match Workspace::load_arg(spec, options) {
            Ok(ws) => ws,
            Err(e) => {
                print_error(&e.to_string());
                failed = true;
                continue;
            }
        };
        let findings = lint::lint(&ws, config);
        let linted: Vec<String> = ws.files().iter().map(|f| f.name.clone()).collect();
        file.record(&findings, &linted);
        recorded += findings.len();
        std::mem::forget(ws);
    }
    if let Err(e) = file.write() {
        print_error(&format!("cannot write {}: {e}", path.display()));
        return EXIT_ERROR;
    }
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} ({} finding{} now ignored)",
        path.display(),
        recorded,
        if recorded == 1 { "" } else { "s" }
    );
    if failed { EXIT_ERROR } else { EXIT_OK }
}
