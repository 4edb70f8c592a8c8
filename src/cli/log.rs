//! `specver log SPEC`: walks the git history of a spec and, for every commit that changed
//! it, prints the date, the commit, a classified summary, the bump it needed and the version
//! sequence that results: a changelog a release manager can paste.

use super::bump::bump_report;
use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
use crate::compare::{self, Loaded, Settings};
use crate::config::Config;
use crate::load::git::{self, Commit};
use crate::rules::changes::Level;
use crate::version::{self, Bump, Declared};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::Write;

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

    /// The client the levels are for: `wire` (default) or `sdk`; default: the settings'
    /// `profile:`, else `wire`.
    #[arg(long, value_name = "PROFILE", value_parser = crate::rules::Profile::parse)]
    profile: Option<crate::rules::Profile>,

    /// Only the changes that reach these operations (one `METHOD /path` or operationId a
    /// line), as for `diff`.
    #[arg(long, value_name = "FILE")]
    operations: Option<std::path::PathBuf>,

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
    /// Why this commit was left out (the spec does not load there, or was deleted); the
    /// next commit that loads is compared with the last one that did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

impl LogEntry {
    fn new(commit: &Commit, declared: String, version: Option<&semver::Version>) -> LogEntry {
        LogEntry {
            commit: commit.hash.clone(),
            date: commit.date.clone(),
            subject: commit.subject.clone(),
            declared,
            bump: Bump::None,
            version: version.map(|v| v.to_string()),
            errors: 0,
            warnings: 0,
            infos: 0,
            highlights: Vec::new(),
            skipped: None,
        }
    }
}

fn semver_of(loaded: &Loaded) -> Option<semver::Version> {
    match version::parse_lenient(&loaded.api.info.version) {
        Declared::Semver(v) => Some(v),
        _ => None,
    }
}

/// The log entries for a spec's history.
pub fn history(
    spec: &str,
    since: Option<&str>,
    source: &SourceOptions,
    profile: Option<crate::rules::Profile>,
    operations: Option<crate::diff::operations::OperationList>,
) -> Result<(Vec<LogEntry>, crate::rules::Profile), String> {
    let options = source.load_options()?;
    let since = since
        .map(|rev| git::resolve_commit(None, rev).map_err(|e| format!("--since: {e}")))
        .transpose()?;
    let commits =
        git::commits_changing(spec, since.as_deref()).map_err(|e| format!("{spec}: {e}"))?;
    if commits.is_empty() {
        return Err(format!("{spec}: no commit changed this file"));
    }
    let config = Config::discover(None).map_err(|e| e.to_string())?;
    for warning in &config.warnings {
        eprintln!("warning: {warning}");
    }
    let settings = Settings {
        profile: profile.or(config.profile).unwrap_or_default(),
        operations,
        warnings: config.versioning.warnings.unwrap_or_default(),
        config,
        ..Settings::default()
    };
    let load = |hash: &str| Loaded::load_at_revision(hash, spec, &options);
    let mut entries = Vec::new();
    let mut notes = std::collections::BTreeSet::new();
    // With `--since`, the spec at that revision is what the first listed commit changed,
    // and the version sequence continues from the version it declares.
    let mut previous: Option<Loaded> = since.as_deref().and_then(|hash| load(hash).ok());
    let mut version = previous.as_ref().and_then(semver_of);
    for commit in &commits {
        let current = match load(&commit.hash) {
            Ok(current) => current,
            Err(e) => {
                let mut entry = LogEntry::new(commit, String::new(), None);
                entry.skipped = Some(match e.line_col {
                    Some(at) => format!("line {}, column {}: {}", at.line, at.column, e.message),
                    None if e.message.contains("does not exist in") => {
                        "the spec is not in this commit (deleted or moved)".to_string()
                    }
                    None => e.message,
                });
                entries.push(entry);
                continue;
            }
        };
        let Some(before) = previous.take() else {
            version = semver_of(&current);
            entries.push(LogEntry::new(
                commit,
                current.api.info.version.clone(),
                version.as_ref(),
            ));
            previous = Some(current);
            continue;
        };
        let comparison = compare::compare(before, current, &settings);
        notes.extend(comparison.notes.iter().cloned());
        let report = bump_report(&comparison, settings.warnings);
        // Version-policy notes are not changes: they are left out of the counts.
        let count = |l: Level| {
            comparison
                .changes
                .iter()
                .filter(|c| c.level == l && !super::bump::is_policy(c))
                .count()
        };
        version = version.and_then(|v| version::next_version(&v, report.unshifted));
        let mut entry = LogEntry::new(
            commit,
            comparison.revision.api.info.version.clone(),
            version.as_ref(),
        );
        entry.bump = report.bump;
        entry.errors = count(Level::Error);
        entry.warnings = count(Level::Warning);
        entry.infos = count(Level::Info);
        entry.highlights = report
            .reasons
            .iter()
            .take(3)
            .map(|r| format!("{} ({})", r.message, r.id))
            .collect();
        entries.push(entry);
        previous = Some(comparison.revision);
    }
    // An `--operations` entry that matches nothing is said once, not once per commit.
    for note in &notes {
        eprintln!("warning: {note}");
    }
    Ok((entries, settings.profile))
}

pub(super) fn run(args: &LogArgs) -> i32 {
    let operations = match args.operations.as_deref().map(super::diff::operation_list) {
        Some(Ok(list)) => Some(list),
        Some(Err(message)) => {
            print_error(&message);
            return EXIT_ERROR;
        }
        None => None,
    };
    let (entries, profile) = match history(
        &args.spec,
        args.since.as_deref(),
        &args.source,
        args.profile,
        operations,
    ) {
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
        LogFormat::Markdown => write_markdown(&mut out, &args.spec, &entries, profile),
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

fn write_markdown(
    out: &mut Vec<u8>,
    spec: &str,
    entries: &[LogEntry],
    profile: crate::rules::Profile,
) -> std::io::Result<()> {
    writeln!(out, "# History of `{spec}`\n")?;
    writeln!(out, "_Levels of the `{profile}` profile._\n")?;
    writeln!(
        out,
        "| date | commit | changes (error / warning / info) | bump | version | declared |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for e in entries {
        if let Some(why) = &e.skipped {
            let why = why.replace('|', "\\|");
            writeln!(
                out,
                "| {} | `{}` | skipped: {why} | - | - | - |",
                e.date,
                short(&e.commit)
            )?;
            continue;
        }
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
        if let Some(why) = &e.skipped {
            writeln!(
                out,
                "{} {} skipped: {why}  {}",
                e.date,
                short(&e.commit),
                e.subject
            )?;
            continue;
        }
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
