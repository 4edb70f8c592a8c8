//! The lint fixtures: every `fixtures/lint/*.yaml` is linted with all built-in rules and
//! its findings, as `line rule` pairs, must be exactly those its `.expected` file lists
//! (no file: no finding). Together the fixtures seed a defect for every built-in rule.

use specver::lint::{LintConfig, Ruleset, lint};
use specver::load::{LoadOptions, Workspace};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lint");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    out.sort();
    out
}

/// `line rule`, or `file:line rule` for a finding in another file the document refers to.
fn expected(doc: &Path) -> Vec<(String, String)> {
    let path = doc.with_extension("expected");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (line, rule) = l
                .split_once(char::is_whitespace)
                .unwrap_or_else(|| panic!("{}: bad line `{l}`", path.display()));
            (line.to_string(), rule.trim().to_string())
        })
        .collect();
    out.sort_by(|a, b| {
        sort_key(&a.0)
            .cmp(&sort_key(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    out
}

/// Places in order: the document's lines by number, then other files'.
fn sort_key(place: &str) -> (String, usize) {
    match place.rsplit_once(':') {
        Some((file, line)) => (file.to_string(), line.parse().unwrap_or(0)),
        None => (String::new(), place.parse().unwrap_or(0)),
    }
}

/// (place, rule, message): the place is `line`, or `file:line` outside the document.
fn actual(doc: &Path) -> Vec<(String, String, String)> {
    let options = LoadOptions {
        ref_root: Some(doc.parent().unwrap().to_path_buf()),
        ..LoadOptions::default()
    };
    let ws = Workspace::load_arg(doc.to_str().unwrap(), &options).unwrap();
    let root = ws.root_file().name.clone();
    let mut out: Vec<(String, String, String)> = lint(&ws, &LintConfig::all())
        .into_iter()
        .map(|f| {
            let place = if f.file == root {
                f.line.to_string()
            } else {
                let base = Path::new(&f.file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                format!("{base}:{}", f.line)
            };
            (place, f.rule, f.message)
        })
        .collect();
    out.sort_by(|a, b| {
        sort_key(&a.0)
            .cmp(&sort_key(&b.0))
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    out
}

#[test]
fn fixtures_give_exactly_the_expected_findings() {
    let mut failures = Vec::new();
    for doc in fixtures() {
        let want = expected(&doc);
        let got = actual(&doc);
        let got_pairs: Vec<(String, String)> =
            got.iter().map(|(l, r, _)| (l.clone(), r.clone())).collect();
        if want != got_pairs {
            let mut msg = format!("{}: findings differ.\n  actual:\n", doc.display());
            for (l, r, m) in &got {
                msg.push_str(&format!("    {l} {r}    # {m}\n"));
            }
            let want_set: BTreeSet<_> = want.iter().collect();
            let got_set: BTreeSet<_> = got_pairs.iter().collect();
            msg.push_str(&format!(
                "  missing: {:?}\n  unexpected: {:?}\n",
                want_set.difference(&got_set).collect::<Vec<_>>(),
                got_set.difference(&want_set).collect::<Vec<_>>()
            ));
            failures.push(msg);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_built_in_rule_has_a_seeded_defect() {
    let mut covered = BTreeSet::new();
    for doc in fixtures() {
        for (_, rule) in expected(&doc) {
            covered.insert(rule);
        }
    }
    let all = Ruleset::all();
    let missing: Vec<&str> = all
        .rules()
        .iter()
        .map(|r| r.name.as_str())
        .filter(|n| !covered.contains(*n))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a seeded defect in fixtures/lint: {missing:?}"
    );
}

#[test]
fn clean_fixtures_are_clean() {
    for doc in fixtures() {
        if doc
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("clean")
        {
            assert!(
                expected(&doc).is_empty(),
                "{} must have no expected findings",
                doc.display()
            );
            let got = actual(&doc);
            assert!(got.is_empty(), "{}: {got:#?}", doc.display());
        }
    }
}

/// Rules run on several threads; the findings, and their order, must not depend on how
/// many.
#[test]
fn findings_do_not_depend_on_the_number_of_threads() {
    for doc in fixtures() {
        let options = LoadOptions {
            ref_root: Some(doc.parent().unwrap().to_path_buf()),
            ..LoadOptions::default()
        };
        let ws = Workspace::load_arg(doc.to_str().unwrap(), &options).unwrap();
        let with = |threads| {
            let mut config = LintConfig::all();
            config.threads = Some(threads);
            lint(&ws, &config)
        };
        let one = with(1);
        assert!(!one.is_empty() || doc.ends_with("clean-3.0.yaml"));
        for threads in [2, 3, 8] {
            assert_eq!(with(threads), one, "{} on {threads} threads", doc.display());
        }
    }
}
