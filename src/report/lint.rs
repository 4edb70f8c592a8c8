//! The reports of `specver lint` beyond the text snippets: the JSON report, the count per
//! rule, GitHub Actions workflow commands,
//! SARIF 2.1.0 and JUnit XML.

use crate::diagnostic::Severity;
use crate::lint::{DocFormat, Finding, LintConfig, Rule, Ruleset};
use crate::load::source::{FileLocation, normalize};
use crate::load::{FileId, SourceFile, Workspace};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// One spec of a lint run, as the reports take it: its findings are placed by file ids of
/// its own workspace.
pub struct Linted<'a> {
    /// The spec as named on the command line.
    pub spec: &'a str,
    /// The spec as loaded, with every file it references.
    pub workspace: &'a Workspace,
    /// What is left to report of it.
    pub findings: &'a [Finding],
}

/// One GitHub Actions annotation per finding, the most severe first, at most
/// `max_per_level` of each level (see [`super::github::write_limited`]).
pub fn github_actions(
    out: &mut dyn Write,
    findings: &[Finding],
    max_per_level: Option<usize>,
) -> std::io::Result<()> {
    super::github::write_limited(
        out,
        &annotations(findings),
        max_per_level,
        "`specver lint` lists them all",
    )
}

/// The annotation of each finding, in order.
pub fn annotations(findings: &[Finding]) -> Vec<super::github::Annotation> {
    findings
        .iter()
        .map(|f| super::github::Annotation {
            severity: f.severity,
            file: f.file.clone(),
            line: f.line,
            column: f.column,
            end_line: f.end_line,
            end_column: f.end_column,
            title: f.rule.clone(),
            message: f.message.clone(),
        })
        .collect()
}

/// A SARIF 2.1.0 log, valid against the official schema (`tests/sarif_schema.rs` checks it)
/// and shaped as GitHub code scanning wants it: one run; the rules that fired, each with its
/// default level, short and full descriptions, help text and tags; one result per finding
/// with its rule, message, region (1-based lines and columns, as SARIF counts them), the JSON
/// pointer as the logical location and a partial fingerprint that survives lines moving.
///
/// A file under the top of the git work tree (or, outside one, the working directory) is
/// named by a relative URI from there (forward slashes, percent-encoded) with
/// `uriBaseId: "%SRCROOT%"`, which `originalUriBaseIds` records; code scanning reads
/// relative URIs from the top of the repository. Any other file is an absolute `file://` URI, a URL stays
/// as given and a file at a git revision (`REV:path`) is its path from the top of the work
/// tree.
///
/// Several specs make one run: each result names its own file, and a file two specs share
/// is one artifact.
pub fn sarif(specs: &[Linted<'_>], config: &LintConfig) -> serde_json::Value {
    use serde_json::json;
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    };
    let findings = || specs.iter().flat_map(|s| s.findings);
    let mut rule_ids: Vec<&str> = findings().map(|f| f.rule.as_str()).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let spectral = Ruleset::spectral_oas();
    let rules: Vec<serde_json::Value> = rule_ids
        .iter()
        .map(|id| {
            let rule = config.ruleset.rule(id);
            let severity = rule
                .map(|r| r.severity.unwrap_or(r.default_severity))
                .unwrap_or(Severity::Warning);
            let about = RuleAbout::new(id, rule, &spectral);
            let mut described = json!({
                "id": id,
                "shortDescription": {"text": clip(&about.description)},
                "fullDescription": {"text": clip(&about.full_description())},
                "help": {"text": about.help(false), "markdown": about.help(true)},
                "defaultConfiguration": {"level": level(severity)},
                "properties": {
                    "tags": about.tags,
                    "problem.severity": match severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info | Severity::Hint => "recommendation",
                    },
                },
            });
            if let Some(url) = rule.and_then(|r| r.documentation_url.as_deref()) {
                described["helpUri"] = json!(url);
            }
            described
        })
        .collect();
    let cwd = std::env::current_dir().ok();
    // Code scanning reads relative URIs from the top of the repository: that is the base
    // when the working directory is in a git work tree.
    let root = cwd
        .as_deref()
        .and_then(crate::load::git_work_tree)
        .map(|top| normalize(&top))
        .or_else(|| cwd.clone());
    let mut under_root = false;
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    // Each file placed once; ids are per spec.
    let mut artifacts: HashMap<(usize, FileId), Artifact> = HashMap::new();
    let results: Vec<serde_json::Value> = specs
        .iter()
        .enumerate()
        .flat_map(|(k, s)| s.findings.iter().map(move |f| (k, s.workspace, f)))
        .map(|(k, ws, f)| {
            let artifact = artifacts
                .entry((k, f.location.file))
                .or_insert_with(|| artifact_location(ws.file(f.location.file), root.as_deref()));
            under_root |= artifact.relative;
            // The same rule at the same node of the same file more than once: the n-th
            // keeps being the n-th, so each keeps its identity.
            let nth = seen.entry((&f.rule, &f.file, &f.pointer)).or_insert(0);
            let fingerprint = fingerprint(&[&f.rule, &artifact.uri, &f.pointer], *nth);
            *nth += 1;
            let mut location = json!({"uri": &artifact.uri});
            if artifact.relative {
                location["uriBaseId"] = json!(SRCROOT);
            }
            let message = if f.message.trim().is_empty() {
                f.rule.clone()
            } else {
                f.message.clone()
            };
            let line = f.line.max(1);
            let column = f.column.max(1);
            json!({
                "ruleId": f.rule,
                "ruleIndex": rule_ids.binary_search(&f.rule.as_str()).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {
                            "startLine": line,
                            "startColumn": column,
                            "endLine": f.end_line.max(line),
                            "endColumn": f.end_column.max(1),
                        },
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.pointer, "kind": "member"}],
                }],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            })
        })
        .collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": "specver",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if under_root && let Some(root) = &root {
        let mut root = file_uri(root);
        if !root.ends_with('/') {
            root.push('/');
        }
        run["originalUriBaseIds"] = json!({SRCROOT: {"uri": root}});
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    })
}

/// The base of relative artifact URIs: the working directory.
const SRCROOT: &str = "%SRCROOT%";

/// The name of specver's partial fingerprint (versioned, as SARIF suggests, so that a
/// different way of computing it gets a different name).
const FINGERPRINT_KEY: &str = "specverFindingHash/v1";

/// GitHub shows at most 1024 characters of a rule's descriptions.
fn clip(text: &str) -> String {
    match text.char_indices().nth(1024) {
        Some((end, _)) => text[..end].to_string(),
        None => text.to_string(),
    }
}

/// What a rule is, for the rule descriptors of a SARIF log.
struct RuleAbout<'a> {
    id: &'a str,
    description: String,
    /// `spectral:oas`, `specver` (the built-in extras) or the ruleset file's name.
    origin: String,
    severity: Severity,
    recommended: bool,
    /// The documents the rule applies to (empty: every one).
    formats: Vec<&'static str>,
    tags: Vec<String>,
}

impl<'a> RuleAbout<'a> {
    fn new(id: &'a str, rule: Option<&Rule>, spectral: &Ruleset) -> RuleAbout<'a> {
        let description = rule
            .and_then(|r| r.description.as_deref())
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .unwrap_or(id)
            .to_string();
        let origin = match rule {
            Some(r) if r.source == "builtin" && spectral.rule(id).is_some() => "spectral:oas",
            Some(r) if r.source == "builtin" => "specver",
            Some(r) => r.source.as_str(),
            None => "specver",
        }
        .to_string();
        let mut formats: Vec<&'static str> = rule
            .map(|r| {
                r.formats
                    .iter()
                    .map(|f| match f {
                        DocFormat::Oas2 => "oas2",
                        DocFormat::Oas3 => "oas3",
                        DocFormat::Oas3_0 => "oas3.0",
                        DocFormat::Oas3_1 => "oas3.1",
                        DocFormat::Oas3_2 => "oas3.2",
                    })
                    .collect()
            })
            .unwrap_or_default();
        formats.sort_unstable();
        formats.dedup();
        let recommended = rule.is_some_and(|r| r.recommended);
        let mut tags = vec!["openapi".to_string()];
        tags.push(match origin.as_str() {
            "spectral:oas" | "specver" => origin.clone(),
            _ => "ruleset".to_string(),
        });
        if recommended {
            tags.push("recommended".to_string());
        }
        tags.extend(formats.iter().map(|f| f.to_string()));
        RuleAbout {
            id,
            description,
            origin,
            severity: rule.map_or(Severity::Warning, |r| r.default_severity),
            recommended,
            formats,
            tags,
        }
    }

    /// The description, then where the rule comes from, its default severity and the
    /// documents it applies to.
    fn full_description(&self) -> String {
        let mut text = self.description.clone();
        if !text.ends_with(['.', '!', '?']) {
            text.push('.');
        }
        let origin = match self.origin.as_str() {
            "spectral:oas" => "A Spectral `spectral:oas` rule".to_string(),
            "specver" => "A specver rule".to_string(),
            file => format!("A rule of the ruleset `{file}`"),
        };
        let severity = match self.severity {
            Severity::Error => "an error",
            Severity::Warning => "a warning",
            Severity::Info => "information",
            Severity::Hint => "a hint",
        };
        text.push_str(&format!(
            " {origin}, reported as {severity} by default{}",
            if self.recommended {
                ", in the recommended set"
            } else {
                ""
            }
        ));
        if !self.formats.is_empty() {
            text.push_str(&format!("; for {} documents", self.formats.join(", ")));
        }
        text.push('.');
        text
    }

    /// The full description and how to turn the rule off, as plain text or Markdown.
    fn help(&self, markdown: bool) -> String {
        let code = |s: &str| {
            if markdown {
                format!("`{s}`")
            } else {
                s.to_string()
            }
        };
        let mut full = self.full_description();
        if !markdown {
            full = full.replace('`', "");
        }
        format!(
            "{full}\n\nTo leave it out, run specver lint with {} or set {} under {} in the {} section of .specver.yaml or in a Spectral ruleset; {} on a node of the document leaves it out there.",
            code(&format!("--skip {}", self.id)),
            code(&format!("{}: off", self.id)),
            code("rules"),
            code("lint"),
            code(&format!("x-specver-ignore: [{}]", self.id)),
        )
    }
}

/// A finding's file as a SARIF artifact location.
struct Artifact {
    uri: String,
    /// Relative to [`SRCROOT`].
    relative: bool,
}

/// Where a finding's file came from, as a SARIF artifact location: a URL as it is; a file at
/// a git revision by its path from the top of the work tree, which is how code scanning
/// reads a relative URI; a file under `root` relative to it; any other file as a `file://`
/// URI; standard input by its name.
fn artifact_location(file: &SourceFile, root: Option<&Path>) -> Artifact {
    let (uri, relative) = match &file.location {
        FileLocation::Url(url) => (url.clone(), false),
        FileLocation::Git { path, .. } => (encode_path(&forward_slashes(path), false), false),
        FileLocation::Stdin => (encode_path(&file.name, false), false),
        // Through symbolic links too (`../shared` may be one): the root is a real path.
        FileLocation::Path(absolute) => match root.and_then(|r| {
            absolute
                .strip_prefix(r)
                .ok()
                .map(Path::to_path_buf)
                .or_else(|| {
                    let real = std::fs::canonicalize(absolute).ok()?;
                    real.strip_prefix(r).ok().map(Path::to_path_buf)
                })
        }) {
            Some(rest) if !rest.as_os_str().is_empty() => (
                encode_path(&forward_slashes(&rest.to_string_lossy()), false),
                true,
            ),
            _ => (file_uri(absolute), false),
        },
    };
    Artifact { uri, relative }
}

/// An absolute path as a `file://` URI.
fn file_uri(path: &Path) -> String {
    let path = forward_slashes(&path.to_string_lossy());
    // `C:/x` on Windows is `file:///C:/x`.
    let slash = if path.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{}", encode_path(&path, true))
}

fn forward_slashes(path: &str) -> String {
    if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    }
}

/// Percent-encodes what a URI path may not hold as it is (RFC 3986 `pchar` and `/`). A colon
/// is encoded in a relative reference, where one in the first segment would read as a scheme.
fn encode_path(path: &str, colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep =
            b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) || (colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A stable identity for a finding: FNV-1a (64-bit) over its parts, as 16 hex digits, the
/// same on every machine and in every version of Rust.
pub(crate) fn fingerprint(parts: &[&str], nth: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for part in parts {
        eat(part.as_bytes());
        eat(&[0]);
    }
    eat(nth.to_string().as_bytes());
    format!("{hash:016x}")
}

/// JUnit XML: a test suite per file, a failing test case per finding.
pub fn junit(out: &mut dyn Write, findings: &[Finding]) -> std::io::Result<()> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut files: Vec<&str> = findings.iter().map(|f| f.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="specver lint" tests="{0}" failures="{0}">"#,
        findings.len()
    )?;
    for file in files {
        let of_file: Vec<&Finding> = findings.iter().filter(|f| f.file == file).collect();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{1}" failures="{1}" errors="0">"#,
            esc(file),
            of_file.len()
        )?;
        for f in of_file {
            writeln!(
                out,
                r#"    <testcase classname="{}" name="{} at {}:{}">"#,
                esc(file),
                esc(&f.rule),
                f.line,
                f.column
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}:{}:{} {} ({})</failure>"#,
                f.severity.spectral_name(),
                esc(&f.message),
                esc(file),
                f.line,
                f.column,
                esc(&f.message),
                esc(&f.pointer)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// What `lint --format json` prints: every finding (each names its file) and the totals;
/// with several specs, also `specs`, each spec's own summary or the error that stopped it.
#[derive(Serialize)]
pub(crate) struct LintReport<'a> {
    pub findings: &'a [Finding],
    pub summary: Summary,
    /// The settings file that applied (`.specver.yaml`), when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<String>,
    /// Per spec, when more than one was linted (one spec keeps the shape it always had).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specs: Option<Vec<SpecSummary>>,
}

/// One spec of several in the JSON report.
#[derive(Serialize)]
pub(crate) struct SpecSummary {
    /// As named on the command line.
    pub spec: String,
    /// Its findings per severity (absent when it could not be linted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// Why it could not be linted (`file:line:col: message`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Findings per severity, and how many were left out and why.
#[derive(Clone, Copy, Default, Serialize)]
pub struct Summary {
    /// Error-severity findings.
    pub error: usize,
    /// Warn-severity findings.
    pub warn: usize,
    /// Info-severity findings.
    pub info: usize,
    /// Hint-severity findings.
    pub hint: usize,
    /// Findings the ignore file left out.
    pub ignored: usize,
    /// Findings left out by `--new-since`: present at the revision.
    pub old: usize,
}

/// After many findings, how many each rule gave (most first), so that a large report can be
/// read from its end: which rules to fix, or to turn off, first.
pub(crate) fn render_rule_counts<'f>(
    out: &mut dyn Write,
    findings: impl IntoIterator<Item = &'f Finding>,
) -> std::io::Result<()> {
    let mut counts: Vec<(&str, Severity, usize)> = Vec::new();
    let mut total = 0;
    for f in findings {
        total += 1;
        match counts.iter_mut().find(|(rule, ..)| *rule == f.rule) {
            Some((_, severity, n)) => {
                *n += 1;
                *severity = (*severity).max(f.severity);
            }
            None => counts.push((&f.rule, f.severity, 1)),
        }
    }
    if counts.len() < 2 || total < 10 {
        return Ok(());
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let width = counts.iter().map(|c| c.0.len()).max().unwrap_or(0);
    writeln!(out, "by rule:")?;
    for (rule, severity, n) in counts {
        writeln!(
            out,
            "  {n:>6}  {rule:<width$}  {}",
            severity.spectral_name()
        )?;
    }
    Ok(())
}

impl Summary {
    /// The counts of `findings`, with what was left out.
    pub fn of(findings: &[Finding], ignored: usize, old: usize) -> Summary {
        let (error, warn, info, hint) = crate::lint::summary(findings);
        Summary {
            error,
            warn,
            info,
            hint,
            ignored,
            old,
        }
    }

    /// Adds another spec's counts.
    pub fn add(&mut self, other: &Summary) {
        self.error += other.error;
        self.warn += other.warn;
        self.info += other.info;
        self.hint += other.hint;
        self.ignored += other.ignored;
        self.old += other.old;
    }

    /// `3 problems (1 error, 2 warnings, 0 info, 0 hints)`.
    fn problems(&self) -> String {
        let total = self.error + self.warn + self.info + self.hint;
        let s = |n: usize| if n == 1 { "" } else { "s" };
        format!(
            "{total} problem{} ({} error{}, {} warning{}, {} info, {} hint{})",
            s(total),
            self.error,
            s(self.error),
            self.warn,
            s(self.warn),
            self.info,
            self.hint,
            s(self.hint),
        )
    }
}

/// What the text report says after the findings, besides the counts.
pub struct TextFooter<'a> {
    /// `--new-since REV`.
    pub new_since: Option<&'a str>,
    /// The settings file that applied.
    pub settings: Option<&'a Path>,
    /// The ignore file that left findings out.
    pub ignore_file: Option<&'a Path>,
    /// Specs named that could not be linted (their errors are on standard error).
    pub failed: usize,
}

/// The text report: each spec's findings with their snippets (the snippet names the file),
/// the count per rule, then one line of totals. With several specs each spec gets a line
/// of its own counts before the total, which says how many specs it covers.
pub fn render_text(
    out: &mut dyn Write,
    specs: &[(Linted<'_>, Summary)],
    footer: &TextFooter<'_>,
) -> std::io::Result<()> {
    let mut total = Summary::default();
    for (spec, summary) in specs {
        crate::diagnostic::render_text(
            spec.workspace.files(),
            crate::lint::to_diagnostics(spec.findings),
            out,
        )?;
        total.add(summary);
    }
    render_rule_counts(out, specs.iter().flat_map(|(s, _)| s.findings))?;
    let several = specs.len() + footer.failed > 1;
    if several {
        for (spec, summary) in specs {
            writeln!(out, "{}: {}", spec.spec, summary.problems())?;
        }
        let linted = specs.len();
        writeln!(
            out,
            "{} in {linted} spec{}{}",
            total.problems(),
            if linted == 1 { "" } else { "s" },
            if footer.failed > 0 {
                format!(
                    "; {} could not be linted (see the errors above)",
                    footer.failed
                )
            } else {
                String::new()
            }
        )?;
    } else {
        writeln!(out, "{}", total.problems())?;
    }
    if let (Some(rev), true) = (footer.new_since, total.old > 0) {
        writeln!(out, "{} more were already there at {rev}", total.old)?;
    }
    if let Some(settings) = footer.settings {
        writeln!(out, "settings: {}", settings.display())?;
    }
    if total.ignored > 0 {
        writeln!(
            out,
            "{} more ignored by {}",
            total.ignored,
            footer
                .ignore_file
                .map(|f| f.display().to_string())
                .unwrap_or_default()
        )?;
    }
    Ok(())
}
