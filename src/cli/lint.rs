//! `specver lint SPEC`: run the built-in rules (or a Spectral ruleset) over one document.

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
use crate::diagnostic;
use crate::lint::ignore_file::{DEFAULT_NAME as IGNORE_FILE_NAME, IgnoreFile};
use crate::lint::{self, Finding, LintConfig, LintSeverity, Ruleset};
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

    /// Exit 1 when a finding is at or above this severity: error, warn, info or hint.
    #[arg(long, value_name = "SEVERITY", default_value = "error")]
    fail_severity: String,

    #[command(flatten)]
    source: SourceOptions,
}

/// The rules, in order of precedence: `--ruleset`, `--rules`, the `lint` section of
/// `.specver.yaml`, a `.spectral.yaml` here, the recommended rules.
fn config(args: &LintArgs, project: &Config) -> Result<LintConfig, String> {
    let from_project = || -> Result<Option<LintConfig>, String> {
        match (&project.path, &project.lint) {
            (Some(path), Some(_)) => {
                Ok(Ruleset::from_config_file(path)?.map(LintConfig::with_ruleset))
            }
            _ => Ok(None),
        }
    };
    let mut config = match (&args.ruleset, args.rules) {
        (Some(file), _) => LintConfig::from_file(file)?,
        (None, Some(RuleSet::All)) => LintConfig::all(),
        (None, Some(RuleSet::SpectralOas)) => LintConfig::with_ruleset(Ruleset::spectral_oas()),
        (None, Some(RuleSet::Recommended)) => LintConfig::recommended(),
        (None, None) => match from_project()? {
            Some(config) => config,
            None => {
                let here = std::env::current_dir().map_err(|e| e.to_string())?;
                match Ruleset::discover(&here) {
                    Some(file) => LintConfig::from_file(&file)?,
                    None => LintConfig::recommended(),
                }
            }
        },
    };
    config.only = args.only.clone();
    config.skip = args.skip.clone();
    config.inline_ignores = !args.no_ignore;
    Ok(config)
}

/// The ignore file to read (or, with `--write-baseline`, to write): `--ignore-file`, else
/// `lint.ignore-file` (relative to `.specver.yaml`), else the default name beside
/// `.specver.yaml` or in the working directory.
fn ignore_file_path(args: &LintArgs, project: &Config) -> Result<PathBuf, String> {
    if let Some(path) = &args.ignore_file {
        return Ok(path.clone());
    }
    let config_dir = project
        .path
        .as_deref()
        .map(|p| p.parent().unwrap_or(Path::new(".")).to_path_buf());
    let named = project.lint.as_ref().and_then(|l| l.get("ignore-file"));
    if let Some(named) = named {
        let Some(name) = named.as_str() else {
            return Err(format!(
                "{}: lint.ignore-file must be a path",
                project.path.as_deref().unwrap_or(Path::new("")).display()
            ));
        };
        let path = config_dir.clone().unwrap_or_default().join(name);
        // Settings from a pull request must not make `--write-baseline` write elsewhere.
        let project_root = config_dir
            .as_deref()
            .and_then(crate::load::git_work_tree)
            .or(config_dir)
            .unwrap_or_default();
        let inside = crate::load::source::normalize(&crate::load::source::absolute(&path))
            .starts_with(crate::load::source::normalize(
                &crate::load::source::absolute(&project_root),
            ));
        if !inside {
            return Err(format!(
                "{}: lint.ignore-file `{name}` is outside `{}`; it must stay inside the project",
                project.path.as_deref().unwrap_or(Path::new("")).display(),
                project_root.display()
            ));
        }
        return Ok(path);
    }
    Ok(config_dir.unwrap_or_default().join(IGNORE_FILE_NAME))
}

pub(super) fn run(args: &LintArgs) -> i32 {
    let Some(fail_severity) = LintSeverity::parse(&args.fail_severity) else {
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
    let (config, ignore_path) =
        match config(args, &project).and_then(|c| Ok((c, ignore_file_path(args, &project)?))) {
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
        let _ = writeln!(std::io::stderr(), "warning: {warning}");
    }
    let options = match args.source.load_options() {
        Ok(o) => o,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    super::note_shadowed_revision(&args.spec);
    let ws = match Workspace::load_arg(&args.spec, &options) {
        Ok(ws) => ws,
        Err(e) => {
            print_error(&e.to_string());
            return EXIT_ERROR;
        }
    };
    let mut findings = lint::lint(&ws, &config);
    let linted: Vec<String> = ws.files().iter().map(|f| f.name.clone()).collect();
    if args.write_baseline {
        return write_baseline(ignore_file, &ignore_path, &findings, &linted);
    }
    let mut old = 0;
    if let Some(rev) = &args.new_since {
        // A revision that does not resolve is a mistake to report, not "everything is new".
        if let Err(e) = crate::load::git::resolve_commit(None, rev) {
            print_error(&format!("--new-since: {e}"));
            return EXIT_ERROR;
        }
        match Workspace::load_at_revision(rev, &args.spec, &options) {
            Ok(base_ws) => {
                let base_findings = lint::lint(&base_ws, &config);
                old = lint::since::keep_new(&mut findings, &ws, &base_findings, &base_ws);
                std::mem::forget(base_ws);
            }
            // A spec the revision does not have yet: everything in it is new.
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "note: {e}; every finding counts as new");
            }
        }
    }
    let mut suppressed = 0;
    if let Some(ignore_file) = &ignore_file {
        let applied = ignore_file.apply(&mut findings, &linted);
        suppressed = applied.suppressed;
        if !applied.stale.is_empty() {
            let _ = writeln!(
                std::io::stderr(),
                "note: {} {} of {} no longer match{} a finding (fixed?); `--write-baseline` drops {}",
                applied.stale.len(),
                if applied.stale.len() == 1 {
                    "entry"
                } else {
                    "entries"
                },
                ignore_file.path().display(),
                if applied.stale.len() == 1 { "es" } else { "" },
                if applied.stale.len() == 1 {
                    "it"
                } else {
                    "them"
                },
            );
        }
    }
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
        LintFormat::GithubActions => report_lint::github_actions(&mut out, &findings),
        LintFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &report_lint::sarif(&ws, &config, &findings))
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        LintFormat::Junit => report_lint::junit(&mut out, &findings),
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
    if let Err(e) = written.and_then(|_| std::io::stdout().lock().write_all(&out))
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        print_error(&format!("cannot write the report: {e}"));
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
