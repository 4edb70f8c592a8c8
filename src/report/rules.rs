//! The rules as documentation: every change id and lint rule listed (`specver rules`), one
//! rule explained with its example (`specver explain ID`), and the generated
//! docs/changes.md and docs/lint-rules.md. All of it is read from the catalogue build.rs
//! generates and from the built-in lint rulesets, so the docs cannot drift from the code.

use crate::lint::ruleset::{Rule as LintRule, Ruleset};
use crate::rules::catalogue::{Context, Form, RULES, TEMPLATES, Template, nearest};
use crate::rules::{ChangeId, catalogue};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The extra documentation of the built-in lint rules: why each matters, and an example.
const LINT_DOCS: &str = include_str!("../../rules/lint/docs.yaml");

/// The documentation of one lint rule in `rules/lint/docs.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintDoc {
    /// Why the rule matters.
    pub why: String,
    /// A fragment the rule reports.
    #[serde(default)]
    pub example: Option<String>,
}

/// rules/lint/docs.yaml, by rule name.
pub fn lint_docs() -> &'static BTreeMap<String, LintDoc> {
    static DOCS: OnceLock<BTreeMap<String, LintDoc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        yaml_serde::from_str(LINT_DOCS).expect("rules/lint/docs.yaml is valid (a test reads it)")
    })
}

/// Every built-in lint rule, at its default severity.
pub fn lint_rules() -> Vec<LintRule> {
    Ruleset::all().rules().to_vec()
}

/// One change id, as `specver rules --format json` lists it.
#[derive(Debug, Serialize)]
pub struct ChangeEntry {
    /// The id.
    pub id: &'static str,
    /// The level under the default profile, `wire`.
    pub level: &'static str,
    /// The level under the `sdk` profile (strict generated clients).
    pub sdk_level: &'static str,
    /// `request`, `response` or `none`.
    pub direction: &'static str,
    /// `change`, `policy` or `lifecycle`.
    pub kind: &'static str,
    /// What it needs from a release at info level: `none`, `patch`, `minor`,
    /// `major-if-error`.
    pub bump: &'static str,
    /// `oasdiff` when the id is oasdiff's, `specver` when it is specver's own.
    pub origin: &'static str,
    /// The template it comes from (a fact suffix, or the id itself).
    pub template: &'static str,
    /// What the change is, in words.
    pub summary: &'static str,
    /// Why its level differs from oasdiff's or the template's default, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<&'static str>,
    /// Why the `sdk` level differs, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sdk_why: Option<&'static str>,
}

/// One lint rule, as `specver rules --format json` lists it.
#[derive(Debug, Serialize)]
pub struct LintEntry {
    /// The rule's name.
    pub name: String,
    /// Its default severity (`error`, `warn`, `info`, `hint`).
    pub severity: &'static str,
    /// Whether `recommended` turns it on.
    pub recommended: bool,
    /// What it checks (its `description`).
    pub summary: String,
    /// Why it matters (`rules/lint/docs.yaml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// What `specver rules --format json` prints.
#[derive(Debug, Serialize)]
pub struct RulesList {
    /// Every change id, in catalogue order.
    pub changes: Vec<ChangeEntry>,
    /// Every built-in lint rule.
    pub lint: Vec<LintEntry>,
}

/// Every change id and built-in lint rule.
pub fn list() -> RulesList {
    let changes = RULES
        .iter()
        .map(|r| ChangeEntry {
            id: r.id,
            level: r.level.as_str(),
            sdk_level: r.sdk_level.as_str(),
            direction: r.direction,
            kind: r.kind().as_str(),
            bump: r.bump().as_str(),
            origin: r.origin,
            template: r.template().name,
            summary: r.template().summary,
            why: r.why(),
            sdk_why: r.sdk_why(),
        })
        .collect();
    let docs = lint_docs();
    let lint = lint_rules()
        .into_iter()
        .map(|r| LintEntry {
            severity: r.default_severity.spectral_name(),
            recommended: r.recommended,
            summary: r.description.clone().unwrap_or_default(),
            why: docs.get(&r.name).map(|d| d.why.clone()),
            name: r.name,
        })
        .collect();
    RulesList { changes, lint }
}

/// ` (sdk: error)` where the `sdk` profile has another level than `wire`.
fn sdk_note(wire: &str, sdk: &str) -> String {
    if wire == sdk {
        String::new()
    } else {
        format!(" (sdk: {sdk})")
    }
}

/// `specver rules --format text`: one line per change id, then one per lint rule.
pub fn text(list: &RulesList) -> String {
    let mut out = String::new();
    let width = list.changes.iter().map(|c| c.id.len()).max().unwrap_or(0);
    let _ = writeln!(out, "Change ids ({}):", list.changes.len());
    for c in &list.changes {
        let _ = writeln!(
            out,
            "{:<7} {:<width$}  {:<14}  {}{}",
            c.level,
            c.id,
            c.bump,
            c.summary,
            sdk_note(c.level, c.sdk_level)
        );
    }
    let width = list.lint.iter().map(|l| l.name.len()).max().unwrap_or(0);
    let _ = writeln!(out, "\nLint rules ({}):", list.lint.len());
    for l in &list.lint {
        let _ = writeln!(
            out,
            "{:<7} {:<width$}  {:<14}  {}",
            l.severity,
            l.name,
            if l.recommended {
                "recommended"
            } else {
                "not recommended"
            },
            l.summary
        );
    }
    out.push_str("\n`specver explain ID` explains one, with its example.\n");
    out
}

/// What `specver explain` found for a name.
pub enum Found {
    /// A change template (the name was one of its ids, or the template's name).
    Change(&'static Template),
    /// A lint rule.
    Lint(Box<LintRule>),
}

/// A change id, a fact template (`enum-value-removed`) or a lint rule; else the nearest
/// name, for "did you mean".
pub fn find(name: &str) -> Result<Found, Option<String>> {
    if let Some(id) = ChangeId::parse(name) {
        return Ok(Found::Change(id.rule().template()));
    }
    if let Some(t) = TEMPLATES.iter().find(|t| t.name == name) {
        return Ok(Found::Change(t));
    }
    let lint = Ruleset::all();
    if let Some(rule) = lint.rule(name) {
        return Ok(Found::Lint(Box::new(rule.clone())));
    }
    let names = RULES
        .iter()
        .map(|r| r.id)
        .chain(TEMPLATES.iter().map(|t| t.name))
        .map(str::to_string)
        .chain(lint.rules().iter().map(|r| r.name.clone()))
        .collect::<Vec<_>>();
    Err(nearest(name, names.iter().map(String::as_str)).map(str::to_string))
}

/// `specver explain ID` for a change: the template's documentation; `id` is the id asked
/// for (its level is shown first).
pub(crate) fn explain_change(template: &Template, asked: &str) -> String {
    let mut out = String::new();
    let (name, what) = change_heading(template, asked);
    let _ = writeln!(out, "{name} ({what})");
    let _ = writeln!(out, "\n  {}\n", template.summary);
    if template.summary != template.message && template.message != "{message}" {
        let _ = writeln!(out, "Message: {}\n", template.message);
    }
    out.push_str(&body(template, false));
    out
}

/// `specver explain ID --format markdown` for a change: a heading with the id and its
/// levels, the summary, then the documentation as docs/changes.md gives it.
pub(crate) fn explain_change_markdown(template: &Template, asked: &str) -> String {
    let mut out = String::new();
    let (name, what) = change_heading(template, asked);
    let _ = writeln!(out, "### `{name}` ({what})\n");
    let _ = writeln!(out, "> {}\n", template.summary);
    out.push_str(&body(template, true));
    out
}

/// What an explanation of a change is headed by: the id asked for with its levels,
/// direction, bump and origin, or (for a template name) the template and its kind.
fn change_heading(template: &Template, asked: &str) -> (String, String) {
    match ChangeId::parse(asked).map(ChangeId::rule) {
        Some(r) => (
            r.id.to_string(),
            format!(
                "{}{}, {}, bump: {}, {}",
                r.level.as_str(),
                sdk_note(r.level.as_str(), r.sdk_level.as_str()),
                r.direction,
                r.bump().as_str(),
                origin_text(r.origin)
            ),
        ),
        None => (
            template.name.to_string(),
            template.kind.as_str().to_string(),
        ),
    }
}

/// `specver explain NAME --format markdown` for a lint rule, as docs/lint-rules.md gives it.
pub(crate) fn explain_lint_markdown(rule: &LintRule) -> String {
    explain_lint_as(rule, true)
}

/// `specver explain NAME` for a lint rule.
pub(crate) fn explain_lint(rule: &LintRule) -> String {
    explain_lint_as(rule, false)
}

/// A lint rule's explanation: its name (a Markdown heading, or plain), severity, whether
/// it is recommended, then its documentation.
fn explain_lint_as(rule: &LintRule, markdown: bool) -> String {
    let mut out = String::new();
    let name = if markdown {
        format!("### `{}`", rule.name)
    } else {
        rule.name.to_string()
    };
    let _ = writeln!(
        out,
        "{name} (lint rule, {}, {})\n",
        rule.default_severity.spectral_name(),
        if rule.recommended {
            "recommended"
        } else {
            "not recommended: on with `--rules all`"
        }
    );
    out.push_str(&lint_body(rule, markdown));
    out
}

fn origin_text(origin: &str) -> &'static str {
    if origin == "oasdiff" {
        "oasdiff's id"
    } else {
        "specver's id"
    }
}

/// The documentation of a change template, in Markdown (`md`) or for a terminal.
fn body(t: &Template, md: bool) -> String {
    let mut out = String::new();
    let expanded = t.expanded();
    let width = expanded.iter().map(|r| r.id.len()).max().unwrap_or(0);
    if t.form == Form::Fact {
        let _ = writeln!(
            out,
            "Reported in each context where the schema is used, as `{{context}}-{}`:\n",
            t.name
        );
        let sdk_differs = expanded.iter().any(|r| r.sdk_level != r.level);
        if md && sdk_differs {
            out.push_str("| id | level | sdk level | origin |\n|---|---|---|---|\n");
        } else if md {
            out.push_str("| id | level | origin |\n|---|---|---|\n");
        }
        for r in expanded {
            if md && sdk_differs {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    r.id,
                    r.level.as_str(),
                    r.sdk_level.as_str(),
                    r.origin
                );
            } else if md {
                let _ = writeln!(out, "| `{}` | {} | {} |", r.id, r.level.as_str(), r.origin);
            } else {
                let _ = writeln!(
                    out,
                    "  {:<width$}  {:<7}{} {}",
                    r.id,
                    r.level.as_str(),
                    sdk_note(r.level.as_str(), r.sdk_level.as_str()),
                    origin_text(r.origin)
                );
            }
        }
        out.push('\n');
    } else if md {
        for r in expanded {
            let _ = writeln!(
                out,
                "Level **{}**{}, direction {}, {}.\n",
                r.level.as_str(),
                if r.sdk_level == r.level {
                    String::new()
                } else {
                    format!(" (**{}** under the `sdk` profile)", r.sdk_level.as_str())
                },
                r.direction,
                origin_text(r.origin)
            );
        }
    }
    let _ = writeln!(
        out,
        "Kind: {}. Bump at info level: {}.\n",
        t.kind.as_str(),
        bump_text(t)
    );
    if let Some(why) = t.why {
        let _ = writeln!(out, "Why: {why}\n");
    }
    if let Some(why) = t.sdk_why {
        let _ = writeln!(out, "Why under `sdk` (strict generated clients): {why}\n");
    }
    if let Some(reference) = t.reference {
        let _ = writeln!(out, "Reference: {reference}\n");
    }
    if let Some(ex) = &t.example {
        out.push_str(if t.form == Form::Fact {
            "Example (a schema, before and after; `tests/catalogue.rs` runs it in every context):\n\n"
        } else {
            "Example (`tests/catalogue.rs` runs it):\n\n"
        });
        for (side, text) in [("base", ex.base), ("revision", ex.revision)] {
            if md {
                let _ = writeln!(out, "{side}:\n\n```yaml\n{}\n```\n", text.trim_end());
            } else {
                let _ = writeln!(out, "  {side}:");
                for line in text.trim_end().lines() {
                    let _ = writeln!(out, "    {line}");
                }
                out.push('\n');
            }
        }
        if let Some(date) = ex.date {
            let _ = writeln!(out, "Compared on {date}.\n");
        }
        if let Some(config) = ex.config {
            let _ = writeln!(out, "With `.specver.yaml`: `{config}`\n");
        }
    } else {
        out.push_str("No example yet (tests/expected/catalogue-uncovered.txt lists it).\n");
    }
    let _ = writeln!(
        out,
        "{}Defined in {}; `.specver.yaml` `changes.levels` sets another level.",
        if md { "\n" } else { "" },
        t.source
    );
    out
}

fn bump_text(t: &Template) -> &'static str {
    use catalogue::BumpEffect as B;
    match t.bump {
        B::None => "none (the change needs no release)",
        B::Patch => "patch (documentation only)",
        B::Minor => "minor (a capability added)",
        B::MajorIfError => "the level decides (error: major, warning: minor, info: minor)",
    }
}

fn lint_body(rule: &LintRule, md: bool) -> String {
    let mut out = String::new();
    let doc = lint_docs().get(&rule.name);
    let _ = writeln!(
        out,
        "What it does: {}\n",
        rule.description.as_deref().unwrap_or("(no description)")
    );
    match doc {
        Some(d) => {
            let _ = writeln!(out, "Why it matters: {}\n", d.why);
            if let Some(example) = &d.example {
                if md {
                    let _ = writeln!(
                        out,
                        "Example it reports:\n\n```yaml\n{}\n```\n",
                        example.trim_end()
                    );
                } else {
                    out.push_str("Example it reports:\n");
                    for line in example.trim_end().lines() {
                        let _ = writeln!(out, "    {line}");
                    }
                    out.push('\n');
                }
            }
        }
        None => out.push_str("Why it matters: see the rule's documentation.\n\n"),
    }
    if let Some(url) = &rule.documentation_url {
        let _ = writeln!(out, "Documentation: {url}\n");
    }
    let _ = writeln!(
        out,
        "Tested by the seeded fixtures in fixtures/lint (`*.expected` lists `line rule` per finding)."
    );
    out
}

/// docs/changes.md.
pub fn changes_markdown() -> String {
    let mut out = String::from(
        "# Change catalogue\n\n<!-- Generated from rules/changes.yaml and rules/policy.yaml by \
         `cargo run -q -- rules --format markdown --only changes > docs/changes.md`; \
         tests/rules_cli.rs fails when it is stale. -->\n\n",
    );
    let _ = writeln!(
        out,
        "{} change ids from {} templates. Levels: error breaks clients; warning may break some; \
         info does not. A schema fact is reported in each context that reaches it ({}).\n",
        RULES.len(),
        TEMPLATES.len(),
        Context::ALL
            .iter()
            .map(|c| format!("`{}`", c.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out.push_str("| template | kind | levels | bump | summary |\n|---|---|---|---|---|\n");
    for t in TEMPLATES.iter() {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} | {} |",
            t.name,
            t.name,
            t.kind.as_str(),
            t.levels.replace('|', "\\|"),
            t.bump.as_str(),
            t.summary.replace('|', "\\|")
        );
    }
    for t in TEMPLATES.iter() {
        let _ = writeln!(out, "\n## {}\n\n> {}\n", t.name, t.summary);
        out.push_str(&body(t, true));
    }
    out
}

/// docs/lint-rules.md.
pub fn lint_markdown() -> String {
    let rules = lint_rules();
    let mut out = String::from(
        "# Lint rules\n\n<!-- Generated from rules/lint/*.yaml by \
         `cargo run -q -- rules --format markdown --only lint > docs/lint-rules.md`; \
         tests/rules_cli.rs fails when it is stale. -->\n\n",
    );
    let _ = writeln!(
        out,
        "{} built-in rules: Spectral's `spectral:oas` (same names and severities) and specver's extras.\n",
        rules.len()
    );
    out.push_str("| rule | severity | recommended | what it does |\n|---|---|---|---|\n");
    for r in &rules {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} |",
            r.name,
            r.name.to_ascii_lowercase().replace(['$', '.'], ""),
            r.default_severity.spectral_name(),
            if r.recommended { "yes" } else { "no" },
            r.description.as_deref().unwrap_or("").replace('|', "\\|")
        );
    }
    for r in &rules {
        let _ = writeln!(out, "\n## {}\n", r.name);
        out.push_str(&lint_body(r, true));
    }
    out
}
