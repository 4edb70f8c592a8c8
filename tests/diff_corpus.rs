//! The diff engine on the real documents in ../shared/corpus, through the library pipeline
//! (`Loaded::load` + `compare::compare`): a document diffed with itself has no changes, a
//! reformat has none, swapping base and revision turns additions into removals, every
//! consecutive pair of the corpus diffs without panicking, and the pairs the manifest
//! describes report what it says (Vapi day-to-day, DigitalOcean and Vapi webhooks multi-file).
//!
//! Skips with a message when ../shared/corpus is absent. Work is spread over the available
//! cores; the whole file takes about 30 s in a debug build on 2 cores, because debug builds
//! leave four long-range Stripe pairs out of the consecutive-pairs check (they take 60 s
//! more; `cargo test --release --test diff_corpus` runs all 70 pairs).
//!
//! Known bugs have their own `#[ignore]`d tests, and their documents are left out of the
//! checks that pass: `cargo test --test diff_corpus -- --ignored` shows them.

mod common;

use specver::compare::{self, Comparison, Loaded, Settings};
use specver::diff::Change;
use specver::load::LoadOptions;
use specver::rules::changes::{Catalogue, Level};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(std::path::absolute(&dir).unwrap_or(dir))
    } else {
        common::skip_without_shared("../shared/corpus");
        None
    }
}

/// One document: its root and, for the multi-file ones, the folder its refs stay in.
#[derive(Clone, Debug)]
struct Doc {
    /// Relative to the corpus, for messages.
    name: String,
    root: PathBuf,
    ref_root: Option<PathBuf>,
}

impl Doc {
    fn load(&self) -> Loaded {
        let options = LoadOptions {
            // Set for every document, so that no load runs `git` to find the default.
            ref_root: Some(
                self.ref_root
                    .clone()
                    .unwrap_or_else(|| self.root.parent().unwrap().to_path_buf()),
            ),
            ..LoadOptions::default()
        };
        Loaded::load(&self.root.to_string_lossy(), &options)
            .unwrap_or_else(|e| panic!("{}: does not load: {e}", self.name))
    }
}

fn single(corpus: &Path, name: &str) -> Doc {
    Doc {
        name: name.to_string(),
        root: corpus.join(name),
        ref_root: None,
    }
}

/// The multi-file documents: (folder, root inside each version folder).
const MULTI_FILE: [(&str, &str); 2] = [
    (
        "digitalocean-multifile",
        "specification/DigitalOcean-public.v2.yaml",
    ),
    ("vapi-webhooks-multifile", "webhooks/openapi.yml"),
];

/// The versions of one multi-file document, oldest first.
fn multi_file_versions(corpus: &Path, folder: &str, root: &str) -> Vec<Doc> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir(corpus.join(folder))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    versions.retain(|p| p.is_dir());
    versions.sort();
    versions
        .into_iter()
        .map(|v| Doc {
            name: format!(
                "{folder}/{}/{root}",
                v.file_name().unwrap().to_string_lossy()
            ),
            root: v.join(root),
            ref_root: Some(v),
        })
        .collect()
}

/// Every single-file document per API folder, in file-name (date) order.
fn single_file_series(corpus: &Path) -> Vec<Vec<Doc>> {
    let multi: Vec<&str> = MULTI_FILE.iter().map(|(f, _)| *f).collect();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus)
        .expect("read corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut series = Vec::new();
    for dir in dirs {
        let folder = dir.file_name().unwrap().to_string_lossy().into_owned();
        if multi.contains(&folder.as_str()) {
            continue;
        }
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .expect("read corpus folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json") || n.ends_with(".yaml") || n.ends_with(".yml"))
            .collect();
        files.sort();
        series.push(
            files
                .iter()
                .map(|f| single(corpus, &format!("{folder}/{f}")))
                .collect(),
        );
    }
    series
}

fn all_documents(corpus: &Path) -> Vec<Doc> {
    let mut docs: Vec<Doc> = single_file_series(corpus).into_iter().flatten().collect();
    for (folder, root) in MULTI_FILE {
        docs.extend(multi_file_versions(corpus, folder, root));
    }
    docs
}

fn diff(base: &Doc, revision: &Doc) -> Comparison {
    compare::compare(base.load(), revision.load(), &Settings::default())
}

/// Runs `f` on every item on all available cores and returns the results in item order.
fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    let r = f(&items[i]);
                    results.lock().unwrap()[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}

/// One line per change, for failure messages.
fn describe(changes: &[Change]) -> String {
    changes
        .iter()
        .take(20)
        .map(|c| {
            let ops: Vec<String> = c
                .operations
                .iter()
                .take(3)
                .map(|a| {
                    format!(
                        "{} {}",
                        a.operation.method.to_ascii_uppercase(),
                        a.operation.path
                    )
                })
                .collect();
            format!(
                "  {:?}[{}] {} [{}]",
                c.level,
                c.id,
                c.message,
                ops.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Documents whose diff with themselves is not empty because of known bugs, one ignored
/// test per bug below.
///
/// Duplicate parameters: Vapi from 2026-02-12 (`GET /session` declares the query parameter
/// `name` twice) pairs the first `name` of one side with the second of the other.
const SELF_DIFF_DUPLICATE_PARAMETER: [&str; 6] = [
    "vapi/2026-02-12_4ea7caaf.json",
    "vapi/2026-04-22_7dc5137b.json",
    "vapi/2026-07-30_6814779f.json",
    "vapi/2026-08-17_c8fa2154.json",
    "vapi/2026-08-18_0494c2f3.json",
    // The tryAGI `_patched` copies renamed the second one `customerName`.
    "vapi-tryagi/2026-03-28b_500737c8_raw.json",
];

/// Paths that differ only in the names of their template variables, in one document
/// (`/v1/recipients/{id}` beside `/v1/recipients/{recipient}`): one of them is reported as
/// removed and the other as added.
const SELF_DIFF_EQUIVALENT_PATHS: [&str; 9] = [
    "netlify/2026-05-19_1764a432.yml",
    "netlify/2026-05-19_65080317.yml",
    "stripe/2017-09-05_e069733b.json",
    "temporal/2024-02-13_0a4289fe.json",
    "temporal/2024-02-13_0a4289fe.yaml",
    "temporal/2026-07-08_c620bd75.json",
    "temporal/2026-07-08_c620bd75.yaml",
    "temporal/2026-07-23_f53963d4.json",
    "temporal/2026-07-23_f53963d4.yaml",
];

fn known_bad(name: &str) -> bool {
    SELF_DIFF_DUPLICATE_PARAMETER.contains(&name) || SELF_DIFF_EQUIVALENT_PATHS.contains(&name)
}

fn self_diffs(docs: &[Doc]) -> Vec<(String, Vec<Change>)> {
    parallel(docs, |doc| {
        let c = compare::compare(doc.load(), doc.load(), &Settings::default());
        (doc.name.clone(), c.changes)
    })
}

// (a) A document diffed with itself.

#[test]
fn every_document_diffed_with_itself_has_no_changes() {
    let Some(corpus) = corpus() else { return };
    let start = Instant::now();
    let docs: Vec<Doc> = all_documents(&corpus)
        .into_iter()
        .filter(|d| !known_bad(&d.name))
        .collect();
    assert!(docs.len() >= 65, "only {} documents found", docs.len());
    for multi in ["digitalocean-multifile/", "vapi-webhooks-multifile/"] {
        assert!(
            docs.iter().filter(|d| d.name.starts_with(multi)).count() == 2,
            "both versions of {multi} are part of the check"
        );
    }
    let failures: Vec<String> = self_diffs(&docs)
        .into_iter()
        .filter(|(_, changes)| !changes.is_empty())
        .map(|(name, changes)| format!("{name}: {} changes\n{}", changes.len(), describe(&changes)))
        .collect();
    println!(
        "{} documents diffed with themselves in {:.1?}",
        docs.len(),
        start.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The named documents, each diffed with itself: those with changes, described.
fn self_diff_failures(corpus: &Path, names: &[&str]) -> Vec<String> {
    let docs: Vec<Doc> = all_documents(corpus)
        .into_iter()
        .filter(|d| names.contains(&d.name.as_str()))
        .collect();
    assert!(!docs.is_empty());
    self_diffs(&docs)
        .into_iter()
        .filter(|(_, changes)| !changes.is_empty())
        .map(|(name, changes)| format!("{name}:\n{}", describe(&changes)))
        .collect()
}

#[test]
fn self_diff_is_empty_with_duplicate_parameters() {
    let Some(corpus) = corpus() else { return };
    let failures = self_diff_failures(&corpus, &SELF_DIFF_DUPLICATE_PARAMETER);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn self_diff_is_empty_with_paths_differing_in_variable_names() {
    let Some(corpus) = corpus() else { return };
    let failures = self_diff_failures(&corpus, &SELF_DIFF_EQUIVALENT_PATHS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// (b) A reformat.

#[test]
fn github_reformat_has_no_changes() {
    let Some(corpus) = corpus() else { return };
    let c = diff(
        &single(&corpus, "github/2021-10-10_4cf46ad0.json"),
        &single(&corpus, "github/2022-06-11_9acf9c83.json"),
    );
    assert!(c.changes.is_empty(), "{}", describe(&c.changes));
    assert_eq!(c.bump, specver::version::Bump::None);
}

#[test]
fn openai_same_commit_as_json_and_yaml_has_no_changes() {
    let Some(corpus) = corpus() else { return };
    let c = diff(
        &single(&corpus, "openai/2026-08-21_f85dbe22.json"),
        &single(&corpus, "openai/2026-08-21_f85dbe22.yaml"),
    );
    assert!(c.changes.is_empty(), "{}", describe(&c.changes));
}

// (c) Swapping base and revision.

/// The (method, path) pairs a change reaches with one of these per-operation ids.
fn ops_with(change: &Change, ids: &[&str]) -> BTreeSet<(String, String)> {
    change
        .operations
        .iter()
        .filter(|a| ids.contains(&a.id.as_str()))
        .map(|a| (a.operation.method.to_string(), a.operation.path.to_string()))
        .collect()
}

fn all_ops(change: &Change) -> BTreeSet<(String, String)> {
    change
        .operations
        .iter()
        .map(|a| (a.operation.method.to_string(), a.operation.path.to_string()))
        .collect()
}

const ENDPOINT_REMOVED: [&str; 5] = [
    "api-removed-without-deprecation",
    "api-removed-with-deprecation",
    "api-path-removed-without-deprecation",
    "api-path-removed-with-deprecation",
    "api-removed-before-sunset",
];

/// The subject with any "(now `X`)" rename note removed, and the names it mentions.
fn subject_key(subject: &str) -> (String, BTreeSet<String>) {
    let mut plain = subject.to_string();
    while let Some(i) = plain.find(" (now `") {
        let Some(end) = plain[i + 7..].find("`)") else {
            break;
        };
        plain.replace_range(i..i + 7 + end + 2, "");
    }
    let names = subject
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    // Drop the leading schema name: it is the one a rename changes.
    let rest = match plain.strip_prefix('`') {
        Some(p) => p
            .split_once('`')
            .map(|(_, r)| r.to_string())
            .unwrap_or_default(),
        None => plain,
    };
    (rest, names)
}

fn same_subject(forward: &str, back_prefix: &str) -> bool {
    let Some(back) = back_prefix.strip_suffix(": ").or_else(|| {
        back_prefix
            .strip_suffix(": optional ")
            .or_else(|| back_prefix.strip_suffix(": required "))
    }) else {
        return false;
    };
    let (f_rest, f_names) = subject_key(forward);
    let (b_rest, b_names) = subject_key(back);
    f_rest == b_rest && (f_names == b_names || !f_names.is_disjoint(&b_names))
}

/// `subject: new optional property `name`` -> (subject, name).
fn added_property(message: &str) -> Option<(&str, &str)> {
    let (subject, rest) = message.rsplit_once(": new optional property `")?;
    Some((subject, rest.strip_suffix('`')?))
}

fn swap_checks(corpus: &Path, a: &str, b: &str) -> Vec<String> {
    let (a, b) = (single(corpus, a), single(corpus, b));
    let ab = diff(&a, &b).changes;
    let ba = diff(&b, &a).changes;
    let mut problems = Vec::new();
    let mut checked = BTreeMap::<&str, usize>::new();

    // Endpoints added one way are removed the other way, and the other way round.
    let added: BTreeSet<_> = ab
        .iter()
        .flat_map(|c| ops_with(c, &["endpoint-added"]))
        .collect();
    let removed: BTreeSet<_> = ba
        .iter()
        .flat_map(|c| ops_with(c, &ENDPOINT_REMOVED))
        .collect();
    if added != removed {
        problems.push(format!(
            "{} -> {}: endpoints added {added:?}, but the swapped diff removes {removed:?}",
            a.name, b.name
        ));
    }
    *checked.entry("endpoints").or_default() += added.len();

    // New optional properties are removed properties the other way, on the same operations.
    for c in &ab {
        if ops_with(
            c,
            &[
                "new-optional-request-property",
                "response-optional-property-added",
            ],
        )
        .is_empty()
        {
            continue;
        }
        let Some((subject, name)) = added_property(&c.message) else {
            problems.push(format!("unexpected message: {}", c.message));
            continue;
        };
        let suffix = format!("property `{name}` removed");
        // A renamed schema reads "`Old` (now `New`)" one way and the other way round
        // back: the subjects must share a name and the rest of the path.
        let back = ba.iter().find(|r| {
            r.message.ends_with(&suffix)
                && same_subject(subject, &r.message[..r.message.len() - suffix.len()])
        });
        match back {
            None => problems.push(format!(
                "{} -> {}: `{}` has no removal in the swapped diff",
                a.name, b.name, c.message
            )),
            Some(r) if all_ops(r) != all_ops(c) => problems.push(format!(
                "`{}` reaches {:?}, its removal {:?}",
                c.message,
                all_ops(c),
                all_ops(r)
            )),
            Some(_) => *checked.entry("properties").or_default() += 1,
        }
    }

    // Enum values added one way are removed the other way.
    for c in &ab {
        if !c
            .operations
            .iter()
            .any(|o| o.id.as_str().ends_with("-enum-value-added"))
        {
            continue;
        }
        if !c.message.contains(" added: ") {
            problems.push(format!("unexpected message: {}", c.message));
            continue;
        }
        let want = c.message.replacen(" added: ", " removed: ", 1);
        if !ba.iter().any(|r| r.message == want) {
            problems.push(format!(
                "{} -> {}: `{}` has no `{want}` in the swapped diff",
                a.name, b.name, c.message
            ));
        } else {
            *checked.entry("enum values").or_default() += 1;
        }
    }
    println!("{} <-> {}: checked {checked:?}", a.name, b.name);
    problems
}

#[test]
fn swapping_base_and_revision_turns_additions_into_removals() {
    let Some(corpus) = corpus() else { return };
    let pairs = [
        (
            "vapi/2026-08-17_c8fa2154.json",
            "vapi/2026-08-18_0494c2f3.json",
        ),
        (
            "netlify/2025-12-08_669cef67.yml",
            "netlify/2026-05-19_1764a432.yml",
        ),
        (
            "redocly-museum/2023-11-01_0624581f.yaml",
            "redocly-museum/2024-03-06_2f8d96de.yaml",
        ),
        ("docker-engine/v1.54.yaml", "docker-engine/v1.55.yaml"),
        (
            "discord/2024-01-09_24482b6d.json",
            "discord/2024-11-25_db5fe6cf.json",
        ),
    ];
    let problems: Vec<String> = parallel(&pairs, |(a, b)| swap_checks(&corpus, a, b))
        .into_iter()
        .flatten()
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// (d) Every consecutive pair.

fn consecutive_pairs(corpus: &Path) -> Vec<(Doc, Doc)> {
    let mut pairs = Vec::new();
    for series in single_file_series(corpus) {
        for w in series.windows(2) {
            pairs.push((w[0].clone(), w[1].clone()));
        }
    }
    for (folder, root) in MULTI_FILE {
        let versions = multi_file_versions(corpus, folder, root);
        for w in versions.windows(2) {
            pairs.push((w[0].clone(), w[1].clone()));
        }
    }
    pairs
}

/// Long-range Stripe pairs (4 MB each, thousands of changes reaching hundreds of operations).
const SLOW_IN_DEBUG: [(&str, &str); 4] = [
    (
        "stripe/2017-09-05_e069733b.json",
        "stripe/2019-09-05_dfc9ff40.json",
    ),
    (
        "stripe/2019-09-05_dfc9ff40.json",
        "stripe/2021-06-07_fd1e5f8f.json",
    ),
    (
        "stripe/2021-06-07_fd1e5f8f.json",
        "stripe/2022-04-07_fc5a2b92.json",
    ),
    (
        "stripe/2022-04-12_e0123a38.json",
        "stripe/2023-09-07_bbfb1664.yaml",
    ),
];

/// A document written on very long lines (minified JSON).
fn minified(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| bytes.split(|&b| b == b'\n').any(|l| l.len() > 100_000))
}

#[test]
fn every_consecutive_corpus_pair_diffs_without_panic() {
    let Some(corpus) = corpus() else { return };
    let start = Instant::now();
    let mut pairs = consecutive_pairs(&corpus);
    assert!(pairs.len() >= 60, "only {} pairs", pairs.len());
    if cfg!(debug_assertions) {
        // Unoptimised, these four take 60 % of the time (10-30 s each): release builds
        // (`cargo test --release`) run every pair, debug builds a representative subset.
        let before = pairs.len();
        pairs.retain(|(a, b)| !SLOW_IN_DEBUG.contains(&(a.name.as_str(), b.name.as_str())));
        println!(
            "debug build: {} of {before} pairs (the long-range Stripe pairs need --release)",
            pairs.len()
        );
    }
    assert!(
        pairs
            .iter()
            .any(|(a, b)| a.name == "kubernetes/release-1.35.json"
                && b.name == "kubernetes/release-1.36.json")
    );
    let catalogue = Catalogue::builtin();
    let results = parallel(&pairs, |(a, b)| {
        let t = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let c = diff(a, b);
            let mut problems = Vec::new();
            for change in &c.changes {
                if catalogue.get(&change.id).is_none() {
                    problems.push(format!("id `{}` is not in the catalogue", change.id));
                }
                for op in &change.operations {
                    if catalogue.get(op.id.as_str()).is_none() {
                        problems.push(format!("operation id `{}` is not in the catalogue", op.id));
                    }
                    if op.level > change.level {
                        problems.push(format!(
                            "`{}`: operation level {:?} above the change's {:?}",
                            change.message, op.level, change.level
                        ));
                    }
                }
                if change.message.is_empty() {
                    problems.push(format!("`{}` has an empty message", change.id));
                }
                if change.base.is_none() && change.revision.is_none() {
                    problems.push(format!("`{}` ({}) has no place", change.message, change.id));
                }
            }
            // The reports render every change (positions and snippets included).
            let sources = specver::report::changes::Sources {
                base: &c.base.workspace,
                revision: &c.revision.workspace,
            };
            let report = specver::report::changes::report(sources, &c.changes);
            let json = serde_json::to_string(&report).expect("report serialises");
            let markdown = specver::report::changes::render_markdown(&c.changes, "pair");
            // The text report prints source lines; on a minified (single-line) document each
            // snippet is the whole file (a known bug, see cli_diff.rs), so it is left out there.
            let mut text = Vec::new();
            if !minified(&a.root) && !minified(&b.root) {
                specver::report::changes::render_text(sources, &c.changes, false, &mut text)
                    .expect("text report");
            }
            let levels = (
                c.changes.iter().filter(|c| c.level == Level::Error).count(),
                c.changes
                    .iter()
                    .filter(|c| c.level == Level::Warning)
                    .count(),
                c.changes.iter().filter(|c| c.level == Level::Info).count(),
            );
            (problems, levels, json.len() + markdown.len() + text.len())
        }));
        (
            a.name.clone(),
            b.name.clone(),
            outcome.map_err(|_| ()),
            t.elapsed(),
        )
    });
    let mut failures = Vec::new();
    for (a, b, outcome, took) in &results {
        match outcome {
            Err(()) => failures.push(format!("{a} -> {b}: panicked")),
            Ok((problems, (e, w, i), _)) => {
                println!("{a} -> {b}: {e} errors, {w} warnings, {i} infos in {took:.1?}");
                failures.extend(problems.iter().take(5).map(|p| format!("{a} -> {b}: {p}")));
            }
        }
    }
    println!(
        "{} consecutive pairs in {:.1?}",
        results.len(),
        start.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// (e) Vapi, one day.

#[test]
fn vapi_day_to_day_breaking_changes_fit_one_screen() {
    let Some(corpus) = corpus() else { return };
    let c = diff(
        &single(&corpus, "vapi/2026-08-17_c8fa2154.json"),
        &single(&corpus, "vapi/2026-08-18_0494c2f3.json"),
    );
    let breaking: Vec<&Change> = c
        .changes
        .iter()
        .filter(|c| c.level >= Level::Warning)
        .collect();
    assert!(
        breaking.len() <= 15,
        "{} breaking changes:\n{}",
        breaking.len(),
        describe(&c.changes)
    );
    // oasdiff reports 18,810 changes for this pair.
    assert!(c.changes.len() < 200, "{} changes", c.changes.len());

    let header: Vec<&Change> = c
        .changes
        .iter()
        .filter(|c| c.message.contains("`x-client-source`"))
        .collect();
    assert_eq!(
        header.len(),
        1,
        "one change for the removed header:\n{}",
        describe(&c.changes)
    );
    assert_eq!(header[0].id, "request-parameter-removed");
    assert_eq!(header[0].level, Level::Warning);
    assert_eq!(all_ops(header[0]).len(), 15, "{:?}", all_ops(header[0]));

    let knowledge: Vec<&Change> = c
        .changes
        .iter()
        .filter(|c| c.id.contains("one-of-added") && c.message.contains("`KnowledgeBaseTool`"))
        .collect();
    assert!(!knowledge.is_empty(), "{}", describe(&c.changes));
    let ops: BTreeSet<_> = knowledge.iter().flat_map(|c| all_ops(c)).collect();
    for path in ["/tool", "/tool/{id}"] {
        assert!(
            ops.iter().any(|(_, p)| p == path),
            "{path} missing from {ops:?}"
        );
    }

    // The new knowledge-base endpoints.
    let added: BTreeSet<_> = c
        .changes
        .iter()
        .flat_map(|c| ops_with(c, &["endpoint-added"]))
        .collect();
    assert!(
        added.contains(&("get".to_string(), "/v2/knowledge-base".to_string())),
        "{added:?}"
    );
}

// (f) DigitalOcean, multi-file.

#[test]
fn digitalocean_multi_file_pair_reports_removed_and_added_operations() {
    let Some(corpus) = corpus() else { return };
    let [a, b] = <[Doc; 2]>::try_from(multi_file_versions(
        &corpus,
        "digitalocean-multifile",
        MULTI_FILE[0].1,
    ))
    .expect("two versions");
    let c = diff(&a, &b);
    let removed: BTreeSet<(String, String)> = c
        .changes
        .iter()
        .flat_map(|c| ops_with(c, &ENDPOINT_REMOVED))
        .collect();
    let expected_removed: BTreeSet<(String, String)> = [
        ("get", "/v2/security/secrets"),
        ("post", "/v2/security/secrets"),
        ("get", "/v2/security/secrets/{secret}"),
        ("put", "/v2/security/secrets/{secret}"),
        ("delete", "/v2/security/secrets/{secret}"),
        ("get", "/v2/security/secrets/{secret}/versions"),
        ("post", "/v2/security/secrets/{secret}/restore"),
    ]
    .iter()
    .map(|(m, p)| (m.to_string(), p.to_string()))
    .collect();
    assert_eq!(removed, expected_removed, "{}", describe(&c.changes));
    assert!(
        c.changes
            .iter()
            .filter(|c| !ops_with(c, &ENDPOINT_REMOVED).is_empty())
            .all(|c| c.level == Level::Error),
        "removing the secrets API is breaking"
    );

    let added: BTreeSet<(String, String)> = c
        .changes
        .iter()
        .flat_map(|c| ops_with(c, &["endpoint-added"]))
        .collect();
    let expected_added: BTreeSet<(String, String)> = [
        ("get", "/v2/organizations/teams"),
        ("post", "/v2/organizations/team"),
    ]
    .iter()
    .map(|(m, p)| (m.to_string(), p.to_string()))
    .collect();
    assert_eq!(added, expected_added);

    // The schema files are named schemas, as `specver bundle` names them in components:
    // those only the teams endpoints use arrived, those only the secrets endpoints used
    // left with them (their files are still there, but nothing reaches them).
    let named = |id: &str| -> BTreeSet<String> {
        c.changes
            .iter()
            .filter(|c| c.id == id)
            .map(|c| c.message.clone())
            .collect()
    };
    let messages = |names: &[&str], what: &str| -> BTreeSet<String> {
        names
            .iter()
            .map(|n| format!("component schema `{n}` {what}"))
            .collect()
    };
    assert_eq!(
        named("api-schema-added"),
        messages(
            &[
                "create_team",
                "create_team_request",
                "organization_team",
                "team_invitation",
                "team_invitation_status"
            ],
            "added"
        )
    );
    assert_eq!(
        named("api-schema-removed"),
        messages(
            &[
                "create_secret_response",
                "secret",
                "secret_list_item",
                "secret_version"
            ],
            "removed"
        )
    );

    // `disk_info` enum members changed (the manifest's other claim): found in a model file.
    let disk = c
        .changes
        .iter()
        .find(|c| c.id.contains("enum-value-added") && c.message.contains("disk_info"))
        .unwrap_or_else(|| panic!("no disk_info enum change:\n{}", describe(&c.changes)));
    let file = &c.revision.workspace.file(disk.revision.unwrap().file).name;
    assert!(file.ends_with("sizes/models/disk_info.yml"), "{file}");
    assert_eq!(c.bump, specver::version::Bump::Major);
}

#[test]
fn digitalocean_mysql_config_reports_new_properties_not_a_replaced_branch() {
    let Some(corpus) = corpus() else { return };
    let [a, b] = <[Doc; 2]>::try_from(multi_file_versions(
        &corpus,
        "digitalocean-multifile",
        MULTI_FILE[0].1,
    ))
    .expect("two versions");
    let c = diff(&a, &b);
    let replaced: Vec<&Change> = c
        .changes
        .iter()
        .filter(|c| c.id.contains("any-of-removed"))
        .collect();
    assert!(replaced.is_empty(), "{}", describe(&c.changes));
    // mysql_advanced_config.yml gained 16 properties, optimizer_switch among them.
    assert!(
        c.changes.iter().any(|c| c
            .message
            .contains("new optional property `optimizer_switch`")),
        "{}",
        describe(&c.changes)
    );
}

// (g) Vapi webhooks, multi-file: the changes arrive through `../api/openapi.json`.

fn webhooks_pair(corpus: &Path) -> Comparison {
    let [a, b] = <[Doc; 2]>::try_from(multi_file_versions(
        corpus,
        "vapi-webhooks-multifile",
        MULTI_FILE[1].1,
    ))
    .expect("two versions");
    diff(&a, &b)
}

fn in_external_file(c: &Comparison, change: &Change) -> bool {
    let base = change
        .base
        .map(|o| c.base.workspace.file(o.file).name.clone());
    let revision = change
        .revision
        .map(|o| c.revision.workspace.file(o.file).name.clone());
    [base, revision]
        .into_iter()
        .flatten()
        .any(|name| name.ends_with("api/openapi.json"))
}

#[test]
fn vapi_webhooks_changes_arrive_through_the_external_file() {
    let Some(corpus) = corpus() else { return };
    let c = webhooks_pair(&corpus);
    let external: Vec<&Change> = c
        .changes
        .iter()
        .filter(|ch| in_external_file(&c, ch))
        .collect();
    assert!(
        !external.is_empty(),
        "no change located in api/openapi.json:\n{}",
        describe(&c.changes)
    );
    // The root changed by one description character; nearly everything comes from outside.
    let in_root = c.changes.len() - external.len();
    assert!(in_root <= 3, "{in_root} changes located in the root file");
    // New `endedReason` values of the external `Call` schema reach the webhook bodies.
    let value = serde_json::json!("call.in-progress.error-vapifault-cerebras-llm-failed");
    assert!(
        c.changes
            .iter()
            .any(|ch| ch.id.ends_with("-enum-value-added")
                && ch.message.contains("endedReason: ")
                && ch.values.contains(&value)),
        "{}",
        describe(&c.changes)
    );
}

#[test]
fn vapi_webhooks_do_not_report_spurious_enum_removals() {
    let Some(corpus) = corpus() else { return };
    let c = webhooks_pair(&corpus);
    // `CreateDeepSeekCredentialDTO` (provider "deep-seek") is in both versions' credentials
    // oneOf; the same pair diffed as single files reports no provider value removed.
    let spurious: Vec<&Change> = c
        .changes
        .iter()
        .filter(|ch| {
            ch.id.ends_with("-enum-value-removed")
                && ch.values.contains(&serde_json::json!("deep-seek"))
        })
        .collect();
    assert!(spurious.is_empty(), "{}", describe(&c.changes));
}
