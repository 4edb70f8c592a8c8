//! A Spectral ruleset of custom rules gives the same findings in specver as in Spectral.
//!
//! fixtures/lint/spectral-custom/ holds the ruleset (`.spectral.yaml`: every core function,
//! filters, recursive descent, `~`, `@key`, message templates, formats, `resolved: false`,
//! numeric and named severities), a document that triggers each rule and has places where
//! each must stay silent, and `spectral.expected`, Spectral 6.16.3's findings
//! (scripts/spectral-expected.sh). specver must give the same set of (line, rule, pointer,
//! severity) and the same messages, except where `SPECTRAL_BUGS` says why not.
//! Columns are not compared: for a block mapping specver points at its key, Spectral just
//! after the colon (docs/lint-vs-spectral.md).

use specver::lint::{LintConfig, lint};
use specver::load::{LoadOptions, Workspace};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Findings where specver deliberately differs from Spectral's message: (rule, pointer,
/// specver's message, why). The place, rule and severity must still agree.
const SPECTRAL_BUGS: &[(&str, &str, &str, &str)] = &[(
    "custom-not-found-request-id",
    "/components/responses/NotFound",
    "NotFound.headers.X-Request-Id is missing (#/components/responses/NotFound)",
    "Spectral names only `NotFound` as the missing property: when the nearest existing node \
     is itself a `$ref`, its traverseObjUntilRef empties the path it is given (it shifts the \
     caller's array), so the missing members are lost from {{property}} and {{error}}",
)];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lint/spectral-custom")
}

/// (line, rule, pointer) -> (severity, message)
type Findings = BTreeMap<(usize, String, String), (String, String)>;

/// `LINE:COLUMN RULE #POINTER SEVERITY MESSAGE` lines.
fn expected() -> Findings {
    let path = dir().join("spectral.expected");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Findings::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut parts = line.splitn(5, ' ');
        let (Some(place), Some(rule), Some(pointer), Some(severity), Some(message)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            panic!("{}: bad line `{line}`", path.display());
        };
        let line_no: usize = place.split(':').next().unwrap().parse().unwrap();
        let pointer = pointer.strip_prefix('#').expect("pointers start with #");
        let previous = out.insert(
            (line_no, rule.to_string(), pointer.to_string()),
            (severity.to_string(), message.to_string()),
        );
        assert!(previous.is_none(), "duplicate finding `{line}`");
    }
    out
}

fn actual() -> Findings {
    let config = LintConfig::from_file(&dir().join(".spectral.yaml")).unwrap();
    assert!(config.warnings().is_empty(), "{:?}", config.warnings());
    let doc = dir().join("openapi.yaml");
    let ws = Workspace::load_arg(doc.to_str().unwrap(), &LoadOptions::default()).unwrap();
    let mut out = Findings::new();
    for f in lint(&ws, &config) {
        let previous = out.insert(
            (f.line, f.rule.clone(), f.pointer.clone()),
            (f.severity.spectral_name().to_string(), f.message.clone()),
        );
        assert!(previous.is_none(), "duplicate finding {f:?}");
    }
    out
}

#[test]
fn same_findings_as_spectral() {
    let want = expected();
    let got = actual();
    let mut problems = Vec::new();
    for (key, (severity, message)) in &want {
        let Some((got_severity, got_message)) = got.get(key) else {
            problems.push(format!("missing: {key:?} {severity} {message}"));
            continue;
        };
        if got_severity != severity {
            problems.push(format!(
                "{key:?}: severity {got_severity}, Spectral {severity}"
            ));
        }
        let bug = SPECTRAL_BUGS
            .iter()
            .find(|(rule, pointer, ..)| key.1 == *rule && key.2 == *pointer);
        let want_message = match bug {
            Some((.., ours, _why)) => *ours,
            None => message.as_str(),
        };
        if got_message != want_message {
            problems.push(format!(
                "{key:?}: message\n    specver: {got_message}\n    wanted:  {want_message}"
            ));
        }
    }
    for (key, (severity, message)) in &got {
        if !want.contains_key(key) {
            problems.push(format!("extra: {key:?} {severity} {message}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every rule of the ruleset fires at least once, but not everywhere it looks: the fixture
/// has places each must stay silent, and rules that must not run at all.
#[test]
fn each_rule_fires_and_some_stay_silent() {
    let got = actual();
    let config = LintConfig::from_file(&dir().join(".spectral.yaml")).unwrap();
    let silent = ["custom-oas2-host", "custom-not-recommended"];
    for rule in config.ruleset.rules() {
        let n = got.keys().filter(|(_, r, _)| *r == rule.name).count();
        if silent.contains(&rule.name.as_str()) {
            assert_eq!(n, 0, "{} must not fire", rule.name);
        } else if rule.source != "builtin" {
            assert!(n > 0, "{} never fires", rule.name);
        }
    }
    // One finding of several candidates: the rules whose given selects more than it reports.
    let count = |rule: &str| got.keys().filter(|(_, r, _)| r == rule).count();
    assert_eq!(count("custom-operation-summary"), 2);
    assert_eq!(count("custom-deprecated-sunset"), 1);
    assert_eq!(count("custom-path-kebab"), 1);
    assert_eq!(count("custom-responses-by-ref"), 1);
}
