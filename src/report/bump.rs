//! The bump report: the release a comparison needs, the next version, the changes that
//! decided it and the version-policy problems, as data (`bump --format json`, `log`) and
//! as text.

use super::changes::{ChangeRecord, Sources, report};
use crate::compare::Comparison;
use crate::diff::Change;
use crate::version::{self, Bump, Declared};
use serde::Serialize;
use std::io::Write;

/// What `bump --format json` prints.
#[derive(Debug, Serialize)]
pub struct BumpReport {
    /// The release the changes need, as it applies to `current` (under 0.x a breaking
    /// change needs a minor release).
    pub bump: Bump,
    /// The bump by semver's 1.x rules, before the 0.x shift.
    #[serde(skip)]
    pub unshifted: Bump,
    /// BASE's info.version as written.
    pub current: String,
    /// The version the changes call for, when `current` is a semantic version.
    pub next: Option<String>,
    /// REV's info.version as written.
    pub declared: String,
    /// The changes that decided the bump.
    pub reasons: Vec<ChangeRecord>,
    /// Version-policy problems (with `--check` these fail the command).
    pub problems: Vec<ChangeRecord>,
    /// The client profile whose levels decided the bump (`wire` or `sdk`).
    pub profile: crate::rules::Profile,
}

/// The bump report for a comparison (also used by `log`).
pub(crate) fn bump_report(comparison: &Comparison, warnings: version::WarningBump) -> BumpReport {
    let current = comparison.base.api.info.version.clone();
    let release = version::release(&comparison.changes, &current, warnings);
    let reasons: Vec<Change> = release.reasons.iter().map(|c| (*c).clone()).collect();
    let problems = &comparison.policy;
    let sources = Sources {
        base: &comparison.base.workspace,
        revision: &comparison.revision.workspace,
    };
    BumpReport {
        bump: release.bump,
        unshifted: release.unshifted,
        current,
        next: release.next.map(|v| v.to_string()),
        declared: comparison.revision.api.info.version.clone(),
        reasons: report(sources, &reasons).changes,
        problems: report(sources, problems).changes,
        profile: comparison.profile,
    }
}

fn at(r: &ChangeRecord) -> String {
    match r.revision.as_ref().or(r.base.as_ref()) {
        Some(p) => format!("{}:{}:{}", p.file, p.line, p.column),
        None => String::new(),
    }
}

/// The next version as one phrase: `1.2.0 -> 1.3.0`, `1.2.0 stays`, or why there is none.
fn next_phrase(bump: &BumpReport) -> String {
    match &bump.next {
        Some(next) if bump.bump != Bump::None => format!("{} -> {next}", bump.current),
        Some(_) => format!("{} stays", bump.current),
        None => match version::parse_lenient(&bump.current) {
            Declared::Semver(_) => format!(
                "`{}` has no next version (a number is at its largest); no next number computed",
                bump.current
            ),
            _ => format!(
                "`{}` is not a semantic version; no next number computed",
                bump.current
            ),
        },
    }
}

/// How many deciding changes a report names before "and N more".
const SHOWN: usize = 12;

/// `bump --format markdown`, for a pull-request comment: the bump and next version in one
/// heading, the changes that decided it (the first few), and with `check` the
/// version-policy problems. Short by construction: at most [`SHOWN`] changes are named.
pub fn render_markdown(out: &mut Vec<u8>, bump: &BumpReport, check: bool) -> std::io::Result<()> {
    use super::check::{escape, plural};
    let failed = check && !bump.problems.is_empty();
    writeln!(
        out,
        "### {}specver bump: **{}** ({})\n",
        if failed { "❌ " } else { "" },
        bump.bump.as_str(),
        next_phrase(bump)
    )?;
    writeln!(
        out,
        "The revision declares `{}`; profile: {}.\n",
        escape(&bump.declared),
        bump.profile
    )?;
    let line = |r: &ChangeRecord| {
        let at = at(r);
        format!(
            "- **{}** `{}` {}{}",
            r.level.as_str(),
            r.id,
            escape(&r.message),
            if at.is_empty() {
                String::new()
            } else {
                format!(" ({})", escape(&at))
            }
        )
    };
    if !bump.reasons.is_empty() {
        writeln!(
            out,
            "Because of {}:\n",
            plural(bump.reasons.len(), "change", "changes")
        )?;
        for r in bump.reasons.iter().take(SHOWN) {
            writeln!(out, "{}", line(r))?;
        }
        if bump.reasons.len() > SHOWN {
            writeln!(
                out,
                "- … and {} more (`specver diff` lists them)",
                bump.reasons.len() - SHOWN
            )?;
        }
        writeln!(out)?;
    }
    if check {
        if bump.problems.is_empty() {
            writeln!(out, "Version check: ok.")?;
        } else {
            writeln!(out, "Version check failed:\n")?;
            for r in &bump.problems {
                writeln!(out, "{}", line(r))?;
            }
        }
    }
    Ok(())
}

/// The text of `specver bump`: the bump and next version, the changes that decided it, and
/// with `check` the version-policy problems.
pub fn render_text(
    out: &mut Vec<u8>,
    comparison: &Comparison,
    bump: &BumpReport,
    check: bool,
) -> std::io::Result<()> {
    let next = next_phrase(bump);
    writeln!(
        out,
        "{}: {next} (revision declares `{}`; profile: {})",
        bump.bump.as_str(),
        bump.declared,
        bump.profile
    )?;
    if !bump.reasons.is_empty() {
        writeln!(
            out,
            "because of {} change{}:",
            bump.reasons.len(),
            if bump.reasons.len() == 1 { "" } else { "s" }
        )?;
        for r in bump.reasons.iter().take(SHOWN) {
            writeln!(
                out,
                "  {}[{}] {}  {}",
                r.level.as_str(),
                r.id,
                r.message,
                at(r)
            )?;
        }
        if bump.reasons.len() > SHOWN {
            writeln!(
                out,
                "  and {} more (`specver diff` lists them)",
                bump.reasons.len() - SHOWN
            )?;
        }
    }
    if check {
        let problems = &comparison.policy;
        if problems.is_empty() {
            writeln!(out, "version check: ok")?;
        } else {
            let sources = Sources {
                base: &comparison.base.workspace,
                revision: &comparison.revision.workspace,
            };
            writeln!(out)?;
            super::changes::render_text(sources, problems, false, out)?;
        }
    }
    Ok(())
}
