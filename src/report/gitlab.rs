//! GitLab Code Quality reports (`--format gitlab`): a JSON array of issues, each with a
//! description, a check name, a fingerprint unique within the report and stable when lines
//! move, a severity and a location (path and first line), which GitLab shows in merge
//! requests. <https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format>

use super::changes::{Sources, report};
use crate::diagnostic::Severity;
use crate::diff::Change;
use crate::lint::Finding;
use serde::Serialize;

/// One Code Quality issue.
#[derive(Serialize)]
pub struct Issue {
    /// What is wrong, in one line.
    pub description: String,
    /// The rule or change id.
    pub check_name: String,
    /// Unique within the report: the rule, the file, the JSON pointer and the message,
    /// hashed, plus a counter for repeats; no line numbers, so that it survives edits above.
    pub fingerprint: String,
    /// GitLab's scale: `info`, `minor`, `major`, `critical`, `blocker`.
    pub severity: &'static str,
    /// Where it is.
    pub location: IssueLocation,
}

/// Where an issue is: a path relative to the repository and its first line.
#[derive(Serialize)]
pub struct IssueLocation {
    /// Forward slashes, from the top of the repository as the report names the file.
    pub path: String,
    /// Its first line.
    pub lines: Lines,
}

/// The first line (1-based).
#[derive(Serialize)]
pub struct Lines {
    /// 1-based.
    pub begin: usize,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "minor",
        Severity::Hint => "info",
    }
}

/// Fingerprints made unique: a repeat of the same parts gets the next counter.
struct Fingerprints(std::collections::HashMap<String, usize>);

impl Fingerprints {
    fn next(&mut self, parts: &[&str]) -> String {
        // The same stable hash as SARIF's partial fingerprints.
        let hash = super::lint::fingerprint(parts, 0);
        let n = self.0.entry(hash.clone()).or_insert(0);
        *n += 1;
        format!("{hash}-{n}")
    }
}

/// A path GitLab can place: forward slashes, no leading `./`; a file read at a git revision
/// (`REV:path`) is its path; an absolute one relative to the working directory (see
/// [`super::placeable`]).
fn repo_path(file: &str) -> String {
    let path = match file.split_once(':') {
        Some((_, path)) if !std::path::Path::new(file).exists() => path,
        _ => file,
    };
    super::placeable(path)
        .replace('\\', "/")
        .trim_start_matches("./")
        .to_string()
}

/// The lint findings as Code Quality issues.
pub fn lint_issues(findings: &[Finding]) -> Vec<Issue> {
    let mut prints = Fingerprints(Default::default());
    findings
        .iter()
        .map(|f| Issue {
            description: f.message.clone(),
            check_name: f.rule.clone(),
            fingerprint: prints.next(&[&f.rule, &f.file, &f.pointer, &f.message]),
            severity: severity(f.severity),
            location: IssueLocation {
                path: repo_path(&f.file),
                lines: Lines { begin: f.line },
            },
        })
        .collect()
}

/// The changes as Code Quality issues, each at its place in the revision (in the base for
/// what the revision no longer has).
pub fn change_issues(sources: Sources<'_>, changes: &[Change]) -> Vec<Issue> {
    let mut prints = Fingerprints(Default::default());
    report(sources, changes)
        .changes
        .into_iter()
        .filter_map(|r| {
            let at = r.revision.as_ref().or(r.base.as_ref())?;
            let fingerprint = prints.next(&[&r.id, &at.file, &at.pointer, &r.message]);
            let mut description = r.message.clone();
            let n = super::changes::operation_names(&r.operations).len();
            if n > 0 {
                description.push_str(&format!(
                    " ({n} operation{})",
                    if n == 1 { "" } else { "s" }
                ));
            }
            Some(Issue {
                description,
                check_name: r.id.clone(),
                fingerprint,
                severity: severity(r.level),
                location: IssueLocation {
                    path: repo_path(&at.file),
                    lines: Lines { begin: at.line },
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_at_a_revision_are_repository_paths_and_prints_are_unique() {
        assert_eq!(
            repo_path("origin/main:api/openapi.yaml"),
            "api/openapi.yaml"
        );
        assert_eq!(repo_path("./api/openapi.yaml"), "api/openapi.yaml");
        assert_eq!(repo_path("api\\openapi.yaml"), "api/openapi.yaml");
        let mut prints = Fingerprints(Default::default());
        let a = prints.next(&["rule", "f", "/p", "m"]);
        let b = prints.next(&["rule", "f", "/p", "m"]);
        let c = prints.next(&["rule", "f", "/q", "m"]);
        assert!(a != b && a != c && b != c, "{a} {b} {c}");
        assert_eq!(a.rsplit_once('-').unwrap().0, b.rsplit_once('-').unwrap().0);
    }
}
