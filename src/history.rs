//! A spec's git history, classified: for every commit that changed it, the changes against
//! the commit before, the bump they needed and the version sequence that results
//! (`specver log`).

use crate::compare::{self, Loaded, Settings};
use crate::load::LoadOptions;
use crate::load::git::{self, Commit};
use crate::rules::changes::Level;
use crate::version::{self, Bump, Declared};
use serde::Serialize;

/// One commit that changed the spec.
#[derive(Debug, Serialize)]
pub struct LogEntry {
    /// The full commit hash.
    pub commit: String,
    /// The commit date (`YYYY-MM-DD`).
    pub date: String,
    /// The first line of its message.
    pub subject: String,
    /// The info.version the commit declares.
    pub declared: String,
    /// The bump this commit's changes needed (none for the first commit).
    pub bump: Bump,
    /// The version after this commit, counting from the first commit's declared version.
    pub version: Option<String>,
    /// Error-level changes against the commit before.
    pub errors: usize,
    /// Warning-level changes against the commit before.
    pub warnings: usize,
    /// Info-level changes against the commit before.
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

/// A spec's history: one entry per commit, and the notes to say once (`--operations`
/// entries that match nothing in any commit).
pub struct History {
    /// One entry per commit that changed the spec, oldest first.
    pub entries: Vec<LogEntry>,
    /// Notes to print once, in order.
    pub notes: std::collections::BTreeSet<String>,
}

/// Walks the commits that changed `spec` (a path in the current git work tree), after
/// `since` when given, and compares each with the one before under `settings`.
pub fn history(
    spec: &str,
    since: Option<&str>,
    options: &LoadOptions,
    settings: &Settings,
) -> Result<History, String> {
    let since = since
        .map(|rev| git::resolve_commit(None, rev).map_err(|e| format!("--since: {e}")))
        .transpose()?;
    let commits =
        git::commits_changing(spec, since.as_deref()).map_err(|e| format!("{spec}: {e}"))?;
    if commits.is_empty() {
        return Err(format!("{spec}: no commit changed this file"));
    }
    let load = |hash: &str| Loaded::load_at_revision(hash, spec, options);
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
        let comparison = compare::compare(before, current, settings);
        notes.extend(comparison.notes.iter().cloned());
        let release = version::release(
            &comparison.changes,
            &comparison.base.api.info.version,
            settings.warnings,
        );
        // Version-policy notes are not changes: they are left out of the counts.
        let count = |l: Level| {
            comparison
                .changes
                .iter()
                .filter(|c| c.level == l && !version::is_policy(c))
                .count()
        };
        version = version.and_then(|v| version::next_version(&v, release.unshifted));
        let mut entry = LogEntry::new(
            commit,
            comparison.revision.api.info.version.clone(),
            version.as_ref(),
        );
        entry.bump = release.bump;
        entry.errors = count(Level::Error);
        entry.warnings = count(Level::Warning);
        entry.infos = count(Level::Info);
        entry.highlights = release
            .reasons
            .iter()
            .take(3)
            .map(|r| format!("{} ({})", r.message, r.id))
            .collect();
        entries.push(entry);
        previous = Some(comparison.revision);
    }
    Ok(History { entries, notes })
}
