//! `specver lint SPEC`: run the built-in rules (or a Spectral ruleset) over one document.

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
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
        LintFormat::GithubActions => github_actions(&mut out, &findings),
        LintFormat::Sarif => serde_json::to_writer_pretty(&mut out, &sarif(&config, &findings))
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        LintFormat::Junit => junit(&mut out, &findings),
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

/// `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=RULE::MESSAGE`, escaped as
/// GitHub's workflow commands require.
fn github_actions(out: &mut Vec<u8>, findings: &[Finding]) -> std::io::Result<()> {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    for f in findings {
        let command = match f.severity {
            LintSeverity::Error => "error",
            LintSeverity::Warn => "warning",
            LintSeverity::Info | LintSeverity::Hint => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&f.file),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            property(&f.rule),
            data(&f.message)
        )?;
    }
    Ok(())
}

/// A SARIF 2.1.0 log: one run, the rules that fired with their default levels, one result
/// per finding with its region (1-based lines and columns, as SARIF counts them) and the
/// JSON pointer as the logical location.
fn sarif(config: &LintConfig, findings: &[Finding]) -> serde_json::Value {
    use serde_json::json;
    let level = |s: LintSeverity| match s {
        LintSeverity::Error => "error",
        LintSeverity::Warn => "warning",
        LintSeverity::Info | LintSeverity::Hint => "note",
    };
    let mut rule_ids: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: Vec<serde_json::Value> = rule_ids
        .iter()
        .map(|id| {
            let rule = config.ruleset.rule(id);
            let severity = rule
                .map(|r| r.severity.unwrap_or(r.default_severity))
                .unwrap_or(LintSeverity::Warn);
            json!({
                "id": id,
                "shortDescription": {"text": rule.and_then(|r| r.description.clone()).filter(|d| !d.is_empty()).unwrap_or_else(|| id.to_string())},
                "defaultConfiguration": {"level": level(severity)},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            json!({
                "ruleId": f.rule,
                "ruleIndex": rule_ids.binary_search(&f.rule.as_str()).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.file},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.pointer, "kind": "member"}],
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "specver",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// JUnit XML: a test suite per file, a failing test case per finding.
fn junit(out: &mut Vec<u8>, findings: &[Finding]) -> std::io::Result<()> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut files: Vec<&str> = findings.iter().map(|f| f.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="specver lint" tests="{0}" failures="{0}">"#,
        findings.len()
    )?;
    for file in files {
        let of_file: Vec<&Finding> = findings.iter().filter(|f| f.file == file).collect();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{1}" failures="{1}" errors="0">"#,
            esc(file),
            of_file.len()
        )?;
        for f in of_file {
            writeln!(
                out,
                r#"    <testcase classname="{}" name="{} at {}:{}">"#,
                esc(file),
                esc(&f.rule),
                f.line,
                f.column
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}:{}:{} {} ({})</failure>"#,
                f.severity.as_str(),
                esc(&f.message),
                esc(file),
                f.line,
                f.column,
                esc(&f.message),
                esc(&f.pointer)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
