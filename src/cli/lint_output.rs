//! The machine-readable forms of `specver lint`'s findings: GitHub Actions workflow commands,
//! SARIF 2.1.0 and JUnit XML.

use crate::lint::{Finding, LintConfig, LintSeverity};
use std::io::Write;

/// `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=RULE::MESSAGE`, escaped as
/// GitHub's workflow commands require.
pub(super) fn github_actions(out: &mut Vec<u8>, findings: &[Finding]) -> std::io::Result<()> {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    for f in findings {
        let command = match f.severity {
            LintSeverity::Error => "error",
            LintSeverity::Warn => "warning",
            LintSeverity::Info | LintSeverity::Hint => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&f.file),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            property(&f.rule),
            data(&f.message)
        )?;
    }
    Ok(())
}

/// A SARIF 2.1.0 log: one run, the rules that fired with their default levels, one result
/// per finding with its region (1-based lines and columns, as SARIF counts them) and the
/// JSON pointer as the logical location.
pub(super) fn sarif(config: &LintConfig, findings: &[Finding]) -> serde_json::Value {
    use serde_json::json;
    let level = |s: LintSeverity| match s {
        LintSeverity::Error => "error",
        LintSeverity::Warn => "warning",
        LintSeverity::Info | LintSeverity::Hint => "note",
    };
    let mut rule_ids: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: Vec<serde_json::Value> = rule_ids
        .iter()
        .map(|id| {
            let rule = config.ruleset.rule(id);
            let severity = rule
                .map(|r| r.severity.unwrap_or(r.default_severity))
                .unwrap_or(LintSeverity::Warn);
            json!({
                "id": id,
                "shortDescription": {"text": rule.and_then(|r| r.description.clone()).filter(|d| !d.is_empty()).unwrap_or_else(|| id.to_string())},
                "defaultConfiguration": {"level": level(severity)},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            json!({
                "ruleId": f.rule,
                "ruleIndex": rule_ids.binary_search(&f.rule.as_str()).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.file},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.pointer, "kind": "member"}],
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "specver",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// JUnit XML: a test suite per file, a failing test case per finding.
pub(super) fn junit(out: &mut Vec<u8>, findings: &[Finding]) -> std::io::Result<()> {
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
                f.severity.as_str(),
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
