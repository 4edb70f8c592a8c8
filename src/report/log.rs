//! The reports of `specver log`: a spec's history as a Markdown changelog or one line per
//! commit.

use crate::history::LogEntry;
use std::io::Write;

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(8)]
}

/// `specver log --format markdown`: a table of commits, then the highlights of each
/// release, newest first.
pub fn render_markdown(
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

/// `specver log --format text`: one line per commit.
pub fn render_text(out: &mut Vec<u8>, entries: &[LogEntry]) -> std::io::Result<()> {
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
