//! The reports of `specver check`: Markdown for a pull-request comment or job summary, text
//! for a terminal or CI log, JSON, and GitHub annotations within the platform's limits.
//!
//! A PR comment holds at most 65,536 characters and a job summary 1 MiB; a Vapi lint alone
//! has thousands of findings. The Markdown report is written to a budget: the verdict and
//! the table always, then the breaking changes, version problems, other changes and lint
//! findings while they fit, each list ending with how many were left out and where to read
//! them.

use super::changes::{ChangeRecord, Sources, report};
use crate::check::{CheckRun, SpecCheck, State, Verdict, failing};
use crate::diagnostic::Severity;
use crate::lint::Finding;
use crate::policy::settings::VersionCheck;
use crate::rules::changes::Level;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;

/// GitHub's limit on a pull-request comment, in characters.
pub const COMMENT_LIMIT: usize = 65_536;
/// What the Markdown report aims to stay under: the comment limit with room for what a
/// workflow adds around it (a marker to find and update its comment, a footer).
pub const MARKDOWN_BUDGET: usize = 60_000;

/// How many operations a line names before "and N more".
const OPERATIONS_NAMED: usize = 5;

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Text that stops growing at a limit and counts what it refused (every Markdown report
/// is written to one).
pub(super) struct Budget {
    pub(super) out: String,
    pub(super) limit: usize,
}

impl Budget {
    /// Appends `text` if it fits, keeping `reserve` characters for what must follow.
    pub(super) fn fits(&mut self, text: &str, reserve: usize) -> bool {
        if self.out.len() + text.len() + reserve > self.limit {
            return false;
        }
        self.out.push_str(text);
        true
    }

    /// Appends `text` whatever the budget (headings and the lines that close a list).
    pub(super) fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }
}

/// Room kept for closing lines (a list's "and N more", `</details>`, the footer).
pub(super) const RESERVE: usize = 600;

/// The Markdown report, within `budget` characters.
pub fn render_markdown(run: &CheckRun, budget: usize) -> String {
    let mut b = Budget {
        out: String::new(),
        limit: budget.max(4 * RESERVE),
    };
    b.push(&verdict_heading(&run.verdict));
    let profile = run
        .specs
        .iter()
        .find_map(|s| s.comparison().map(|c| c.profile.to_string()))
        .unwrap_or_else(|| "wire".to_string());
    let mut base_line = format!(
        "Compared with `{}` (`{}`, {}); profile `{profile}`",
        run.base.rev,
        run.base.short(),
        run.base.how
    );
    if let Some(settings) = run
        .specs
        .iter()
        .find_map(|s| s.comparison().and_then(|c| c.settings_file.clone()))
    {
        let _ = write!(base_line, "; settings `{}`", settings.display());
    }
    b.push(&format!("{base_line}.\n\n"));
    b.push(&table(run));
    for check in &run.specs {
        spec_sections(&mut b, check, run);
    }
    b.out
}

fn verdict_heading(verdict: &Verdict) -> String {
    if verdict.passed {
        "### ✅ specver check passed\n\n".to_string()
    } else {
        let mut s = "### ❌ specver check failed\n\n".to_string();
        for reason in &verdict.reasons {
            let _ = writeln!(s, "- {}", escape(reason));
        }
        s.push('\n');
        s
    }
}

fn table(run: &CheckRun) -> String {
    let mut s = String::from(
        "| spec | | breaking (errors / warnings) | other changes | new lint findings (errors / warnings / info) | bump needed | version (base → revision) |\n|---|---|---|---|---|---|---|\n",
    );
    for check in &run.specs {
        let changes: Vec<_> = check.changes().collect();
        let count = |l: Level| changes.iter().filter(|c| c.level == l).count();
        let lint =
            |f: fn(Severity) -> bool| check.findings.iter().filter(|x| f(x.severity)).count();
        let (bump, versions) = match (check.release(), check.comparison()) {
            (Some(release), Some(c)) => (
                release.bump.as_str().to_string(),
                format!(
                    "`{}` → `{}`{}",
                    c.base.api.info.version,
                    c.revision.api.info.version,
                    if check.version_problems().is_empty()
                        || run.policy.version == VersionCheck::Off
                    {
                        ""
                    } else {
                        " ⚠️"
                    }
                ),
            ),
            _ => (
                "-".to_string(),
                format!("`{}`", check.revision().api.info.version),
            ),
        };
        let state = match check.state {
            State::Changed => "",
            State::New => "new",
            State::Deleted => "deleted",
        };
        let (lint_fails, change_fails, _) = failing(check, &run.policy);
        let mark = |n: usize| if n > 0 { " ❌" } else { "" };
        let _ = writeln!(
            s,
            "| `{}` | {state} | {} / {}{} | {} | {} / {} / {}{} | {bump} | {versions} |",
            escape(&check.spec),
            count(Level::Error),
            count(Level::Warning),
            mark(change_fails),
            count(Level::Info),
            lint(|s| s == Severity::Error),
            lint(|s| s == Severity::Warning),
            lint(|s| s <= Severity::Info),
            mark(lint_fails),
        );
    }
    s.push('\n');
    s
}

fn spec_sections(b: &mut Budget, check: &SpecCheck, run: &CheckRun) {
    let title = |what: &str| {
        if run.specs.len() > 1 {
            format!("{what} in `{}`", check.spec)
        } else {
            what.to_string()
        }
    };
    let records: Vec<ChangeRecord> = match check.comparison() {
        Some(c) => {
            let sources = Sources {
                base: &c.base.workspace,
                revision: &c.revision.workspace,
            };
            let changes: Vec<_> = check.changes().cloned().collect();
            report(sources, &changes).changes
        }
        None => Vec::new(),
    };
    let breaking: Vec<&ChangeRecord> = records
        .iter()
        .filter(|r| r.level >= Level::Warning)
        .collect();
    let other: Vec<&ChangeRecord> = records
        .iter()
        .filter(|r| r.level < Level::Warning)
        .collect();
    if !breaking.is_empty() {
        b.push(&format!("#### {}\n\n", title("Breaking changes")));
        list(b, breaking.iter().map(|r| change_line(r)), breaking.len());
    }
    if run.policy.version != VersionCheck::Off && !check.version_problems().is_empty() {
        b.push(&format!("#### {}\n\n", title("Version")));
        for p in check.version_problems() {
            b.push(&format!("- `{}` {}\n", p.id, escape(&p.message)));
        }
        b.push("\n");
    }
    if !other.is_empty() {
        b.push(&format!(
            "<details><summary>{}: {}</summary>\n\n",
            title("Other changes"),
            other.len()
        ));
        list(b, other.iter().map(|r| change_line(r)), other.len());
        b.push("</details>\n\n");
    }
    if !check.findings.is_empty() {
        let what = if check.old_findings > 0 || check.state == State::Changed {
            "New lint findings"
        } else {
            "Lint findings"
        };
        b.push(&format!(
            "<details><summary>{}: {}</summary>\n\n",
            title(what),
            check.findings.len()
        ));
        list(
            b,
            check.findings.iter().map(finding_line),
            check.findings.len(),
        );
        b.push("</details>\n\n");
    }
}

/// A Markdown list of as many lines as fit, then how many did not.
fn list(b: &mut Budget, lines: impl Iterator<Item = String>, total: usize) {
    list_or(b, lines, total, "`specver check --format text` lists all");
}

/// [`list`], saying how to read what did not fit.
pub(super) fn list_or(
    b: &mut Budget,
    lines: impl Iterator<Item = String>,
    total: usize,
    read_all: &str,
) {
    let mut shown = 0;
    for line in lines {
        if !b.fits(&line, RESERVE) {
            break;
        }
        shown += 1;
    }
    if shown < total {
        b.push(&format!(
            "- … and {} not shown here (size limit); {read_all}\n",
            plural(total - shown, "more", "more")
        ));
    }
    b.push("\n");
}

fn change_line(r: &ChangeRecord) -> String {
    let mut line = format!(
        "- **{}** `{}` {}",
        r.level.as_str(),
        r.id,
        escape(&r.message)
    );
    let operations = super::changes::operation_names(&r.operations);
    let distinct = operations.len();
    if distinct > 0 {
        let named: Vec<String> = operations
            .iter()
            .take(OPERATIONS_NAMED)
            .map(|o| format!("`{o}`"))
            .collect();
        let _ = write!(
            line,
            " — {}: {}",
            plural(distinct, "operation", "operations"),
            named.join(", ")
        );
        if distinct > OPERATIONS_NAMED {
            let _ = write!(line, " and {} more", distinct - OPERATIONS_NAMED);
        }
    }
    if let Some(at) = r.revision.as_ref().or(r.base.as_ref()) {
        let _ = write!(line, " ({}:{})", escape(&at.file), at.line);
    }
    line.push('\n');
    line
}

fn finding_line(f: &Finding) -> String {
    format!(
        "- **{}** `{}` {} ({}:{})\n",
        f.severity.spectral_name(),
        f.rule,
        escape(&f.message),
        escape(&f.file),
        f.line
    )
}

/// Text that cannot break the Markdown around it: table cells, list items, HTML.
pub(super) fn escape(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', " ")
}

/// `lint --format markdown`, for a pull-request comment: a one-line verdict, the count per
/// severity and per rule, then the findings while they fit the budget.
pub fn render_lint_markdown(
    spec: &str,
    findings: &[Finding],
    fail_severity: Severity,
    budget: usize,
) -> String {
    let mut b = Budget {
        out: String::new(),
        limit: budget.max(4 * RESERVE),
    };
    let failing = findings
        .iter()
        .filter(|f| f.severity >= fail_severity)
        .count();
    b.push(&if failing == 0 {
        format!("### ✅ specver lint `{}`: passed\n\n", escape(spec))
    } else {
        format!(
            "### ❌ specver lint `{}`: {} at or above {}\n\n",
            escape(spec),
            plural(failing, "finding", "findings"),
            fail_severity.spectral_name()
        )
    });
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    b.push(&format!(
        "| errors | warnings | info | hints |\n|---|---|---|---|\n| {} | {} | {} | {} |\n\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        count(Severity::Hint)
    ));
    if findings.is_empty() {
        return b.out;
    }
    let mut per_rule: Vec<(&str, Severity, usize)> = Vec::new();
    for f in findings {
        match per_rule.iter_mut().find(|(r, ..)| *r == f.rule) {
            Some((_, s, n)) => {
                *n += 1;
                *s = (*s).max(f.severity);
            }
            None => per_rule.push((&f.rule, f.severity, 1)),
        }
    }
    per_rule.sort_by(|a, c| c.1.cmp(&a.1).then(c.2.cmp(&a.2)).then(a.0.cmp(c.0)));
    b.push("| rule | severity | findings |\n|---|---|---|\n");
    let rules: Vec<String> = per_rule
        .iter()
        .map(|(rule, s, n)| format!("| `{rule}` | {} | {n} |\n", s.spectral_name()))
        .collect();
    for row in &rules {
        if !b.fits(row, RESERVE) {
            break;
        }
    }
    b.push("\n");
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| std::cmp::Reverse(f.severity));
    b.push(&format!(
        "<details><summary>Findings: {}</summary>\n\n",
        findings.len()
    ));
    list_or(
        &mut b,
        sorted.into_iter().map(finding_line),
        findings.len(),
        "`specver lint` lists all",
    );
    b.push("</details>\n");
    b.out
}

/// The text report: per spec, the breaking changes with snippets, the version problems and
/// the new lint findings, then the verdict.
pub fn render_text(run: &CheckRun, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "base: {} ({}, {})",
        run.base.rev,
        run.base.short(),
        run.base.how
    )?;
    for check in &run.specs {
        writeln!(out)?;
        let state = match check.state {
            State::Changed => "",
            State::New => " (new)",
            State::Deleted => " (deleted)",
        };
        writeln!(out, "== {}{state}", check.spec)?;
        if let Some(c) = check.comparison() {
            let sources = Sources {
                base: &c.base.workspace,
                revision: &c.revision.workspace,
            };
            let breaking: Vec<_> = check
                .changes()
                .filter(|c| c.level >= Level::Warning)
                .cloned()
                .collect();
            super::changes::render_text(sources, &breaking, false, out)?;
            if run.policy.version != VersionCheck::Off {
                super::changes::render_text(sources, &c.policy, false, out)?;
            }
        }
        let ws = &check.revision().workspace;
        crate::diagnostic::render_text(
            ws.files(),
            crate::lint::to_diagnostics(&check.findings),
            out,
        )?;
        let changes: Vec<_> = check.changes().collect();
        let count = |l: Level| changes.iter().filter(|c| c.level == l).count();
        let mut line = match check.comparison() {
            Some(_) => format!(
                "{}: {} / {} breaking (error / warning), {} other; ",
                check.spec,
                count(Level::Error),
                count(Level::Warning),
                plural(count(Level::Info), "change", "changes"),
            ),
            None => format!("{}: new, not compared; ", check.spec),
        };
        let _ = write!(
            line,
            "{}",
            plural(check.findings.len(), "lint finding", "lint findings")
        );
        if check.old_findings > 0 {
            let _ = write!(line, " ({} already at the base)", check.old_findings);
        }
        if check.ignored_findings > 0 {
            let _ = write!(line, ", {} ignored", check.ignored_findings);
        }
        if let Some(release) = check.release() {
            let _ = write!(line, "; bump needed: {}", release.bump.as_str());
        }
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    if run.verdict.passed {
        writeln!(out, "check passed")
    } else {
        writeln!(out, "check failed:")?;
        for reason in &run.verdict.reasons {
            writeln!(out, "  {reason}")?;
        }
        Ok(())
    }
}

/// GitHub annotations for every spec, the most severe first, at most `max_per_level` each.
pub fn render_github_actions(
    run: &CheckRun,
    max_per_level: Option<usize>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut all = Vec::new();
    for check in &run.specs {
        if let Some(c) = check.comparison() {
            let sources = Sources {
                base: &c.base.workspace,
                revision: &c.revision.workspace,
            };
            let changes: Vec<_> = check.changes().cloned().collect();
            all.extend(super::changes::annotations(sources, &changes));
        }
        all.extend(super::lint::annotations(&check.findings));
    }
    super::github::write_limited(
        out,
        &all,
        max_per_level,
        "the job summary (`--summary-file`) or `specver check --format text` lists them all",
    )?;
    if !run.verdict.passed {
        for reason in &run.verdict.reasons {
            writeln!(out, "::error title=specver check::{reason}")?;
        }
    }
    Ok(())
}

/// What `check --format json` prints.
#[derive(Serialize)]
pub struct CheckRecord<'a> {
    /// The revision compared with: as given, the commit, and how it was chosen.
    pub base: &'a crate::check::Base,
    /// Whether the check passed, and each reason it failed.
    pub verdict: &'a Verdict,
    /// Each spec, in the order given on the command line.
    pub specs: Vec<SpecRecord<'a>>,
}

/// One spec in the JSON report.
#[derive(Serialize)]
pub struct SpecRecord<'a> {
    /// The spec as given on the command line.
    pub spec: &'a str,
    /// `changed`, `new` or `deleted`.
    pub state: State,
    /// The changes against the base, as `diff --format json` writes them, without the
    /// version-policy problems; empty for a new spec.
    pub changes: Vec<ChangeRecord>,
    /// The version-policy problems (the declared version against the changes) at their
    /// own levels;
    /// empty for a new spec.
    pub version_problems: Vec<ChangeRecord>,
    /// The release the changes need against the base's declared version (under 0.x a
    /// breaking change needs a minor one); `None` for a new spec, which has no base.
    pub bump: Option<crate::version::Bump>,
    /// The lint findings reported: only those the base does not have, unless all were
    /// asked for, and none the ignore file accepts.
    pub findings: &'a [Finding],
    /// How many findings were left out because the base has them too.
    pub old_findings: usize,
    /// How many findings the ignore file left out.
    pub ignored_findings: usize,
    /// What the text report tells the user besides findings and changes (a new or deleted
    /// spec, load problems, comparison notes).
    pub notes: &'a [String],
}

/// The JSON report.
pub fn record(run: &CheckRun) -> CheckRecord<'_> {
    let specs = run
        .specs
        .iter()
        .map(|check| {
            let (changes, version_problems) = match check.comparison() {
                Some(c) => {
                    let sources = Sources {
                        base: &c.base.workspace,
                        revision: &c.revision.workspace,
                    };
                    let changes: Vec<_> = check.changes().cloned().collect();
                    (
                        report(sources, &changes).changes,
                        report(sources, &c.policy).changes,
                    )
                }
                None => (Vec::new(), Vec::new()),
            };
            SpecRecord {
                spec: &check.spec,
                state: check.state,
                changes,
                version_problems,
                bump: check.release().map(|r| r.bump),
                findings: &check.findings,
                old_findings: check.old_findings,
                ignored_findings: check.ignored_findings,
                notes: &check.notes,
            }
        })
        .collect();
    CheckRecord {
        base: &run.base,
        verdict: &run.verdict,
        specs,
    }
}
