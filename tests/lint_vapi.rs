//! Lint on the real Vapi history in ../shared/corpus/vapi (see corpus/MANIFEST.md): the
//! known defects are found at their exact places, in exactly the versions that have them.
//! Expected places are found by searching each file's text (and, for references, by
//! checking each `$ref` against serde_json's reading of the file), never hard-coded.
//! Skips with a message when ../shared is absent.

mod common;

use regex::Regex;
use specver::lint::{Finding, LintConfig, lint};
use specver::load::{LoadOptions, Workspace};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn vapi_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/vapi");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_without_shared("../shared/corpus/vapi");
        None
    }
}

/// One linted version: its name (`2026-02-12_4ea7caaf.json`), text and findings.
struct Version {
    name: String,
    text: String,
    findings: Vec<Finding>,
}

impl Version {
    fn date(&self) -> &str {
        &self.name[..10]
    }

    fn of(&self, rule: &str) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.rule == rule).collect()
    }

    /// 1-based line and column (in characters) of byte `offset`.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[start..].chars().count() + 1)
    }
}

/// Every version, linted once per test binary with the rules these tests look at.
fn versions() -> &'static [Version] {
    static CELL: OnceLock<Vec<Version>> = OnceLock::new();
    CELL.get_or_init(|| {
        let Some(dir) = vapi_dir() else {
            return Vec::new();
        };
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect();
        names.sort();
        let mut config = LintConfig::recommended();
        config.only = [
            "no-unresolved-refs",
            "path-params",
            "operation-parameters",
            "oas3-schema",
        ]
        .map(String::from)
        .to_vec();
        let options = LoadOptions {
            ref_root: Some(dir.clone()),
            ..LoadOptions::default()
        };
        std::thread::scope(|s| {
            let handles: Vec<_> = names
                .chunks(names.len().div_ceil(2).max(1))
                .map(|chunk| {
                    let (dir, config, options) = (&dir, &config, &options);
                    s.spawn(move || {
                        chunk
                            .iter()
                            .map(|name| {
                                let path = dir.join(name);
                                let ws =
                                    Workspace::load_arg(path.to_str().unwrap(), options).unwrap();
                                Version {
                                    name: name.clone(),
                                    text: std::fs::read_to_string(&path).unwrap(),
                                    findings: lint(&ws, config),
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        })
    })
}

#[test]
fn unresolved_refs_are_reported_at_each_reference() {
    let ref_re = Regex::new(r#""\$ref"\s*:\s*("(#[^"]*)")"#).unwrap();
    let mut versions_with_broken = 0;
    for v in versions() {
        let json: serde_json::Value = serde_json::from_str(&v.text).unwrap();
        let mut want = BTreeSet::new();
        let mut names = BTreeSet::new();
        for c in ref_re.captures_iter(&v.text) {
            let pointer = &c[2][1..];
            if json.pointer(pointer).is_none() {
                want.insert(v.line_col(c.get(1).unwrap().start()));
                names.insert(pointer.rsplit('/').next().unwrap().to_string());
            }
        }
        let got: BTreeSet<(usize, usize)> = v
            .of("no-unresolved-refs")
            .iter()
            .map(|f| (f.line, f.column))
            .collect();
        assert_eq!(got, want, "{}: unresolved references", v.name);
        // The manifest's list, for the versions it names.
        let expected: &[&str] = match v.date() {
            "2024-12-11" | "2025-01-07" | "2025-01-10" => &[
                "BashToolWithToolCall",
                "ComputerToolWithToolCall",
                "TextEditorToolWithToolCall",
            ],
            "2025-03-25" => &["OpenAITranscriber"],
            "2025-03-26" => &["CreateGoogleSheetsOAuth2AuthorizationCredentialDTO"],
            "2025-06-25" => &[
                "CreateInworldCredentialDTO",
                "FallbackInworldVoice",
                "InworldVoice",
            ],
            _ => &[],
        };
        if !expected.is_empty() {
            assert_eq!(
                names,
                expected
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<BTreeSet<_>>(),
                "{}",
                v.name
            );
        }
        if !want.is_empty() {
            versions_with_broken += 1;
        }
    }
    if !versions().is_empty() {
        assert!(versions_with_broken >= 7, "{versions_with_broken}");
    }
}

#[test]
fn delete_call_without_an_id_parameter_from_2025_11_03_on() {
    for v in versions() {
        let findings: Vec<&Finding> = v
            .of("path-params")
            .into_iter()
            .filter(|f| f.message.contains("`{id}`") && f.message.contains("/call/{id}"))
            .collect();
        if v.date() < "2025-11-03" {
            assert!(findings.is_empty(), "{}: {findings:?}", v.name);
            continue;
        }
        let item = v
            .text
            .find("\"/call/{id}\": {")
            .unwrap_or_else(|| panic!("{}: no /call/{{id}}", v.name));
        let delete = item + v.text[item..].find("\"delete\": {").unwrap();
        let value = delete + "\"delete\": ".len();
        assert_eq!(findings.len(), 1, "{}: {findings:?}", v.name);
        assert_eq!(
            (findings[0].line, findings[0].column),
            v.line_col(value),
            "{}",
            v.name
        );
        assert_eq!(findings[0].pointer, "/paths/~1call~1{id}/delete");
        assert_eq!(
            findings[0].message,
            "Operation must define parameter `{id}` as expected by path `/call/{id}`"
        );
    }
}

#[test]
fn duplicate_name_query_parameter_on_get_session_from_2026_02_12_on() {
    for v in versions() {
        let findings: Vec<&Finding> = v
            .of("operation-parameters")
            .into_iter()
            .filter(|f| f.pointer.starts_with("/paths/~1session/get/"))
            .collect();
        if v.date() < "2026-02-12" {
            assert!(findings.is_empty(), "{}: {findings:?}", v.name);
            continue;
        }
        // The second `"name": "name"` among GET /session's parameters; the finding points
        // at the `{` that opens that parameter object.
        let item = v.text.find("\"/session\": {").unwrap();
        let get = item + v.text[item..].find("\"get\": {").unwrap();
        let params_end = get + v.text[get..].find("\"responses\"").unwrap();
        let block = &v.text[get..params_end];
        let hits: Vec<usize> = block
            .match_indices("\"name\": \"name\"")
            .map(|(i, _)| get + i)
            .collect();
        assert_eq!(hits.len(), 2, "{}", v.name);
        let open = v.text[..hits[1]].rfind('{').unwrap();
        assert_eq!(findings.len(), 1, "{}: {findings:?}", v.name);
        assert_eq!(
            (findings[0].line, findings[0].column),
            v.line_col(open),
            "{}",
            v.name
        );
        assert!(
            findings[0].message.contains("`name`") && findings[0].message.contains("`query`"),
            "{}",
            findings[0].message
        );
    }
}

#[test]
fn type_null_in_a_3_0_document_from_2026_02_on() {
    for v in versions() {
        let findings: Vec<&Finding> = v
            .of("oas3-schema")
            .into_iter()
            .filter(|f| f.pointer.ends_with("/type") && f.message.contains("null"))
            .collect();
        let want: BTreeSet<(usize, usize)> = v
            .text
            .match_indices("\"type\": \"null\"")
            .map(|(i, _)| v.line_col(i + "\"type\": ".len()))
            .collect();
        if v.date() < "2026-02" {
            assert!(
                want.is_empty() && findings.is_empty(),
                "{}: {findings:?}",
                v.name
            );
            continue;
        }
        assert_eq!(want.len(), 1, "{}", v.name);
        let got: BTreeSet<(usize, usize)> = findings.iter().map(|f| (f.line, f.column)).collect();
        assert_eq!(got, want, "{}", v.name);
        assert_eq!(findings[0].severity, specver::diagnostic::Severity::Error);
    }
}
