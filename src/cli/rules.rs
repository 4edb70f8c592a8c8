//! `specver rules` (every change id and lint rule) and `specver explain ID` (one of them,
//! with its example). The text comes from `report::rules`.

use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::report::rules::{self, Found};
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Only {
    Changes,
    Lint,
}

/// List every change id and lint rule with its level, bump and summary.
#[derive(Debug, Args)]
pub(super) struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    format: RulesFormat,

    /// Only the change ids, or only the lint rules.
    #[arg(long, value_enum)]
    only: Option<Only>,
}

/// How `explain` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum ExplainFormat {
    /// For a terminal.
    Text,
    /// For a pull-request comment or a wiki page, as the generated docs give it.
    Markdown,
}

/// Explain one change id, change template or lint rule, with its example.
#[derive(Debug, Args)]
pub(super) struct ExplainArgs {
    #[arg(value_name = "ID")]
    id: String,

    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    format: ExplainFormat,
}

pub(super) fn run_rules(args: &RulesArgs) -> i32 {
    let mut list = rules::list();
    match args.only {
        Some(Only::Changes) => list.lint.clear(),
        Some(Only::Lint) => list.changes.clear(),
        None => {}
    }
    let text = match args.format {
        RulesFormat::Text => rules::text(&list),
        RulesFormat::Json => match serde_json::to_string_pretty(&list) {
            Ok(json) => json + "\n",
            Err(e) => {
                print_error(&e.to_string());
                return EXIT_ERROR;
            }
        },
        RulesFormat::Markdown => match args.only {
            Some(Only::Changes) => rules::changes_markdown(),
            Some(Only::Lint) => rules::lint_markdown(),
            None => rules::changes_markdown() + "\n" + &rules::lint_markdown(),
        },
    };
    print(&text)
}

pub(super) fn run_explain(args: &ExplainArgs) -> i32 {
    let text = match rules::find(&args.id) {
        Ok(Found::Change(template)) => match args.format {
            ExplainFormat::Text => rules::explain_change(template, &args.id),
            ExplainFormat::Markdown => rules::explain_change_markdown(template, &args.id),
        },
        Ok(Found::Lint(rule)) => match args.format {
            ExplainFormat::Text => rules::explain_lint(&rule),
            ExplainFormat::Markdown => rules::explain_lint_markdown(&rule),
        },
        Err(nearest) => {
            print_error(&match nearest {
                Some(near) => format!(
                    "no change id or lint rule `{}`; did you mean `{near}`?",
                    args.id
                ),
                None => format!(
                    "no change id or lint rule `{}`; `specver rules` lists them",
                    args.id
                ),
            });
            return EXIT_ERROR;
        }
    };
    print(&text)
}

fn print(text: &str) -> i32 {
    // A closed pipe (`specver rules | head`) is not an error.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    EXIT_OK
}
