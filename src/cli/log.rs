//! `specver log SPEC`: walks the git history of a spec and, for every commit that changed
//! it, prints the date, the commit, a classified summary, the bump it needed and the version
//! sequence that results: a changelog a release manager can paste.

use super::bump::bump_report;
use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
use crate::compare::{self, Loaded, Settings};
use crate::config::Config;
use crate::rules::changes::Level;
use crate::version::{self, Bump, Declared};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::process::Command;

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

    #[command(flatten)]
    source: SourceOptions,
}

/// One commit that changed the spec.
#[derive(Debug, Serialize)]
pub struct LogEntry {
    pub commit: String,
    pub date: String,
    pub subject: String,
    /// The info.version the commit declares.
    pub declared: String,
    /// The bump this commit's changes needed (none for the first commit).
    pub bump: Bump,
    /// The version after this commit, counting from the first commit's declared version.
    pub version: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The most notable changes, one line each.
    pub highlights: Vec<String>,
}

struct Commit {
    hash: String,
    date: String,
    subject: String,
}

fn commits(spec: &str, since: Option<&str>) -> Result<Vec<Commit>, String> {
    let mut cmd = Command::new("git");
    cmd.args(["log", "--reverse", "--format=%H%x09%cs%x09%s"]);
    if let Some(rev) = since {
        cmd.arg(format!("{rev}..HEAD"));
    }
    cmd.args(["--", spec]);
    let out = cmd.output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{spec}: git log failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            Some(Commit {
                hash: parts.next()?.to_string(),
                date: parts.next()?.to_string(),
                subject: parts.next().unwrap_or("").to_string(),
            })
        })
        .collect())
}

/// The log entries for a spec's history.
pub fn history(
    spec: &str,
    since: Option<&str>,
    source: &SourceOptions,
) -> Result<Vec<LogEntry>, String> {
    let options = source.load_options()?;
    let commits = commits(spec, since)?;
    if commits.is_empty() {
        return Err(format!("{spec}: no commit changed this file"));
    }
    let config = Config::discover(None).map_err(|e| e.to_string())?;
    for warning in &config.warnings {
        eprintln!("warning: {warning}");
    }
    let settings = Settings {
        warnings: config.versioning.warnings.unwrap_or_default(),
        config,
        ..Settings::default()
    };
    let load = |c: &Commit| {
        Loaded::load(&format!("{}:{spec}", c.hash), &options).map_err(|e| e.to_string())
    };
    let mut entries = Vec::new();
    let mut previous = load(&commits[0])?;
    let mut version = match version::parse_lenient(&previous.api.info.version) {
        Declared::Semver(v) => Some(v),
        _ => None,
    };
    entries.push(LogEntry {
        commit: commits[0].hash.clone(),
        date: commits[0].date.clone(),
        subject: commits[0].subject.clone(),
        declared: previous.api.info.version.clone(),
        bump: Bump::None,
        version: version.as_ref().map(|v| v.to_string()),
        errors: 0,
        warnings: 0,
        infos: 0,
        highlights: Vec::new(),
    });
    for commit in &commits[1..] {
        let current = load(commit)?;
        let comparison = compare::compare(previous, current, &settings);
        let report = bump_report(&comparison, settings.warnings);
        let count = |l: Level| {
            comparison
                .changes
                .iter()
                .filter(|c| c.level == l && !super::bump::is_policy(c))
                .count()
        };
        version = version.map(|v| version::next_version(&v, report.unshifted));
        entries.push(LogEntry {
            commit: commit.hash.clone(),
            date: commit.date.clone(),
            subject: commit.subject.clone(),
            declared: comparison.revision.api.info.version.clone(),
            bump: report.bump,
            version: version.as_ref().map(|v| v.to_string()),
            errors: count(Level::Error),
            warnings: count(Level::Warning),
            infos: count(Level::Info),
            highlights: report
                .reasons
                .iter()
                .take(3)
                .map(|r| format!("{} ({})", r.message, r.id))
                .collect(),
        });
        previous = comparison.revision;
    }
    Ok(entries)
}

pub(super) fn run(args: &LogArgs) -> i32 {
    let entries = match history(&args.spec, args.since.as_deref(), &args.source) {
        Ok(e) => e,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    let mut out = Vec::new();
    let written = match args.format {
        LogFormat::Json => serde_json::to_writer_pretty(&mut out, &entries)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        LogFormat::Markdown => write_markdown(&mut out, &args.spec, &entries),
        LogFormat::Text => write_text(&mut out, &entries),
    };
    if let Err(e) = written.and_then(|_| std::io::stdout().lock().write_all(&out))
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        print_error(&format!("cannot write the report: {e}"));
        return EXIT_ERROR;
    }
    EXIT_OK
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(8)]
}

fn write_markdown(out: &mut Vec<u8>, spec: &str, entries: &[LogEntry]) -> std::io::Result<()> {
    writeln!(out, "# History of `{spec}`\n")?;
    writeln!(
        out,
        "| date | commit | changes (error / warning / info) | bump | version | declared |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for e in entries {
        writeln!(
            out,
            "| {} | `{}` | {} / {} / {} | {} | {} | `{}` |",
            e.date,
            short(&e.commit),
            e.errors,
            e.warnings,
            e.infos,
            e.bump.as_str(),
            e.version.as_deref().unwrap_or("-"),
            e.declared
        )?;
    }
    writeln!(out)?;
    for e in entries.iter().rev().filter(|e| !e.highlights.is_empty()) {
        writeln!(
            out,
            "## {} — `{}` ({})\n",
            e.version.as_deref().unwrap_or(&e.date),
            short(&e.commit),
            e.date
        )?;
        if !e.subject.is_empty() {
            writeln!(out, "{}\n", e.subject)?;
        }
        for h in &e.highlights {
            writeln!(out, "- {h}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_text(out: &mut Vec<u8>, entries: &[LogEntry]) -> std::io::Result<()> {
    for e in entries {
        writeln!(
            out,
            "{} {} {:5} {:10} {}E {}W {}I  {}",
            e.date,
            short(&e.commit),
            e.bump.as_str(),
            e.version.as_deref().unwrap_or("-"),
            e.errors,
            e.warnings,
            e.infos,
            e.subject
        )?;
    }
    Ok(())
}
