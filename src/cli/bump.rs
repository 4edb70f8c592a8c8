//! `specver bump BASE REV`: the semver bump the changes need, the next version, and with
//! `--check` whether REV's declared `info.version` agrees.

use super::diff::{DiffArgs, EXIT_FINDINGS, load_and_compare};
use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::report::bump::{bump_report, render_text};
use clap::Args;
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

pub(super) fn run(args: &BumpArgs) -> i32 {
    // `bump` writes its own report: a format it does not have is a mistake, not text.
    if let Some(format) = args.diff.format
        && !matches!(
            format,
            crate::report::Format::Text
                | crate::report::Format::Json
                | crate::report::Format::Yaml
                | crate::report::Format::Markdown
        )
    {
        print_error(&format!(
            "bump --format {}: bump writes text, json, yaml or markdown",
            clap::ValueEnum::to_possible_value(&format)
                .map(|v| v.get_name().to_string())
                .unwrap_or_default()
        ));
        return EXIT_ERROR;
    }
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
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        Some(crate::report::Format::Yaml) => {
            let value = serde_json::to_value(&bump).unwrap_or_default();
            out.write_all(crate::report::to_yaml(&value).as_bytes())
        }
        Some(crate::report::Format::Markdown) => {
            crate::report::bump::render_markdown(&mut out, &bump, args.check)
        }
        _ => render_text(&mut out, &comparison, &bump, args.check),
    };
    if let Err(message) = written
        .map_err(|e| format!("cannot write the report: {e}"))
        .and_then(|_| super::deliver(args.diff.output.as_deref(), &out))
    {
        print_error(&message);
        return EXIT_ERROR;
    }
    if args.check && !bump.problems.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
