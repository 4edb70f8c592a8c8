//! The text report of the diff commands: the changes, then the summary line a reader (or
//! a CI log) ends on.

use super::changes::Sources;
use crate::compare::Comparison;
use crate::diff::Change;
use crate::rules::changes::Level;
use std::io::Write;

/// Which diff command a report is for: what it shows and how its summary reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Every change.
    Diff,
    /// Errors and warnings.
    Breaking,
    /// Every change, grouped for release notes.
    Changelog,
}

/// The text report of `diff`, `breaking` and `changelog`: each change with its snippets,
/// then a one-line summary (counts, operations, what was left out and why, the profile
/// and the settings file).
pub fn render_text(
    out: &mut dyn Write,
    sources: Sources<'_>,
    comparison: &Comparison,
    shown: &[Change],
    mode: Mode,
    expand: bool,
    hidden_info: usize,
) -> std::io::Result<()> {
    super::changes::render_text(sources, shown, expand, out)?;
    let count = |l: Level| shown.iter().filter(|c| c.level == l).count();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    // A set, not a sorted list: a large diff lists hundreds of thousands of affected
    // entries for a few hundred distinct operations.
    let ops: rustc_hash::FxHashSet<(&str, &str)> = shown
        .iter()
        .flat_map(|c| {
            c.operations
                .iter()
                .map(|a| (&*a.operation.method, &*a.operation.path))
        })
        .collect();
    let mut summary = match mode {
        Mode::Breaking => format!(
            "{}: {}, {} in {}",
            if shown.is_empty() {
                "no breaking changes"
            } else {
                "breaking changes"
            },
            plural(count(Level::Error), "error"),
            plural(count(Level::Warning), "warning"),
            plural(ops.len(), "operation"),
        ),
        _ => format!(
            "{}: {}, {}, {} in {}",
            plural(shown.len(), "change"),
            plural(count(Level::Error), "error"),
            plural(count(Level::Warning), "warning"),
            plural(count(Level::Info), "info"),
            plural(ops.len(), "operation"),
        ),
    };
    if mode == Mode::Breaking && hidden_info > 0 {
        summary.push_str(&format!(
            "; {} not shown (`specver diff` lists them)",
            plural(hidden_info, "info change")
        ));
    }
    if comparison.dropped.ignored + comparison.dropped.filtered > 0 {
        summary.push_str(&format!(
            "; {} ignored by settings, {} filtered out",
            comparison.dropped.ignored, comparison.dropped.filtered
        ));
    }
    summary.push_str(&format!("; profile: {}", comparison.profile));
    if let Some(settings) = &comparison.settings_file {
        summary.push_str(&format!("; settings: {}", settings.display()));
    }
    writeln!(out, "{summary}")
}
