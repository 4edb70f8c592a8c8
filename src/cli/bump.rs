//! `specver bump BASE REV`: the semver bump the changes need, the next version, and with
//! `--check` whether REV's declared `info.version` agrees.

use super::diff::{DiffArgs, EXIT_FINDINGS, load_and_compare};
use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::compare::Comparison;
use crate::diff::Change;
use crate::report::changes::{ChangeRecord, Sources, report};
use crate::rules::ChangeId;
use crate::rules::catalogue::Kind;
use crate::version::{self, Bump, Declared};
use clap::Args;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Args)]
pub(super) struct BumpArgs {
    #[command(flatten)]
    diff: DiffArgs,

    /// Fail (exit 1) when REV's info.version is lower than the changes need, went down, or
    /// stayed the same while the document changed.
    #[arg(long)]
    check: bool,
}

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

/// The versioning checks (`kind: policy` in the catalogue): reported as problems, not as
/// reasons for the bump.
pub fn is_policy(change: &Change) -> bool {
    ChangeId::parse(&change.id).is_some_and(|id| id.rule().kind() == Kind::Policy)
}

/// The bump report for a comparison (also used by `log`).
pub fn bump_report(comparison: &Comparison, warnings: version::WarningBump) -> BumpReport {
    let changes: Vec<Change> = comparison
        .changes
        .iter()
        .filter(|c| !is_policy(c))
        .cloned()
        .collect();
    let (bump, reasons) = version::required_bump(&changes, warnings);
    let reasons: Vec<Change> = reasons.into_iter().cloned().collect();
    let problems = &comparison.policy;
    let current = comparison.base.api.info.version.clone();
    let (next, shown) = match version::parse_lenient(&current) {
        Declared::Semver(v) => (
            version::next_version(&v, bump).map(|v| v.to_string()),
            version::effective_bump(Some(&v), bump),
        ),
        _ => (None, bump),
    };
    let sources = Sources {
        base: &comparison.base.workspace,
        revision: &comparison.revision.workspace,
    };
    BumpReport {
        bump: shown,
        unshifted: bump,
        current,
        next,
        declared: comparison.revision.api.info.version.clone(),
        reasons: report(sources, &reasons).changes,
        problems: report(sources, problems).changes,
        profile: comparison.profile,
    }
}

pub(super) fn run(args: &BumpArgs) -> i32 {
    let comparison = match load_and_compare(&args.diff) {
        Ok(c) => c,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    let bump = bump_report(&comparison, comparison.warnings);
    let mut out = Vec::new();
    let written = match args.diff.format {
        Some(crate::report::Format::Json) => serde_json::to_writer_pretty(&mut out, &bump)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        Some(crate::report::Format::Yaml) => {
            let value = serde_json::to_value(&bump).unwrap_or_default();
            out.write_all(crate::report::to_yaml(&value).as_bytes())
        }
        _ => write_text(&mut out, &comparison, &bump, args.check),
    };
    if let Err(e) = written.and_then(|_| std::io::stdout().lock().write_all(&out))
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        print_error(&format!("cannot write the report: {e}"));
        return EXIT_ERROR;
    }
    if args.check && !bump.problems.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn at(r: &ChangeRecord) -> String {
    match r.revision.as_ref().or(r.base.as_ref()) {
        Some(p) => format!("{}:{}:{}", p.file, p.line, p.column),
        None => String::new(),
    }
}

fn write_text(
    out: &mut Vec<u8>,
    comparison: &Comparison,
    bump: &BumpReport,
    check: bool,
) -> std::io::Result<()> {
    let next = match &bump.next {
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
    };
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
        const SHOWN: usize = 12;
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
            crate::report::changes::render_text(sources, problems, false, out)?;
        }
    }
    Ok(())
}
