//! Every real document in ../shared/corpus loads and builds a model, and the references we
//! report as unresolved are exactly the ones corpus/MANIFEST.md lists as broken.
//!
//! The corpus is read once per test binary (see [`results`]) on all cores; each test then
//! checks its own property of the shared results.

mod common;

use specver::load::{LoadOptions, Workspace};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip_without_shared("../shared/corpus");
        None
    }
}

/// One document to load: its root, and the directory its refs must stay in (if set).
struct Job {
    /// Relative to the corpus, with `/` (as MANIFEST.md names files).
    name: String,
    root: PathBuf,
    ref_root: Option<PathBuf>,
}

/// One unresolved-ref diagnostic: the reference text and where it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Unresolved {
    file: String,
    reference: String,
    line: usize,
    column: usize,
}

/// What loading one document gave.
#[derive(Debug)]
struct Loaded {
    files: usize,
    unresolved: Vec<Unresolved>,
    /// The model built from it, or why none could be (kept apart from loading, so that the
    /// reference checks still run while the model has a problem).
    model: Result<ModelCounts, String>,
}

#[derive(Debug)]
struct ModelCounts {
    paths: usize,
    /// Operations under `paths` (the manifest does not count webhooks).
    path_operations: usize,
    schemas: usize,
    /// Every diagnostic's code, loader's and model's, for the log.
    codes: BTreeMap<String, usize>,
}

fn jobs(corpus: &Path) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus)
        .expect("read corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in &dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("read corpus dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && matches!(
                        p.extension().and_then(|e| e.to_str()),
                        Some("json" | "yaml" | "yml")
                    )
            })
            .collect();
        files.sort();
        for root in files {
            jobs.push(Job {
                name: relative_name(corpus, &root),
                root,
                ref_root: None,
            });
        }
    }
    for (family, root_in_version) in [
        (
            "digitalocean-multifile",
            "specification/DigitalOcean-public.v2.yaml",
        ),
        ("vapi-webhooks-multifile", "webhooks/openapi.yml"),
    ] {
        let Ok(entries) = std::fs::read_dir(corpus.join(family)) else {
            continue;
        };
        let mut versions: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        versions.sort();
        for version in versions {
            let root = version.join(root_in_version);
            if root.is_file() {
                jobs.push(Job {
                    name: relative_name(corpus, &root),
                    root,
                    // The vapi webhooks refs go to `../api/openapi.json`, beside the root's
                    // directory: the version folder is the limit.
                    ref_root: Some(version.clone()),
                });
            }
        }
    }
    jobs
}

fn relative_name(corpus: &Path, path: &Path) -> String {
    path.strip_prefix(corpus)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn load(job: &Job) -> Result<Loaded, String> {
    let options = LoadOptions {
        ref_root: job.ref_root.clone(),
        ..LoadOptions::default()
    };
    let arg = job.root.to_string_lossy().into_owned();
    let ws = Workspace::load_arg(&arg, &options).map_err(|e| format!("load error: {e}"))?;
    let sites: HashMap<_, &str> = ws
        .ref_sites
        .iter()
        .map(|s| ((s.file, s.span), s.reference.as_str()))
        .collect();
    let mut unresolved = Vec::new();
    for d in ws.diagnostics.iter().filter(|d| d.code == "unresolved-ref") {
        let label = d
            .primary
            .as_ref()
            .ok_or_else(|| format!("unresolved-ref without a location: {}", d.message))?;
        let reference = sites
            .get(&(label.location.file, label.location.span))
            .ok_or_else(|| format!("unresolved-ref not at a $ref: {}", d.message))?;
        let position = ws.position(label.location);
        unresolved.push(Unresolved {
            file: position.file,
            reference: reference.to_string(),
            line: position.line,
            column: position.column,
        });
    }
    let model = std::panic::catch_unwind(|| {
        let (api, model_diagnostics) = specver::model::build(&ws);
        let mut codes = BTreeMap::new();
        for d in ws.diagnostics.iter().chain(&model_diagnostics) {
            *codes.entry(d.code.clone()).or_insert(0) += 1;
        }
        ModelCounts {
            paths: api.paths.len(),
            path_operations: api.paths.iter().map(|p| p.operations.len()).sum(),
            schemas: api.component_schemas.len(),
            codes,
        }
    })
    .map_err(|p| format!("model::build panicked: {}", panic_message(&*p)));
    Ok(Loaded {
        files: ws.files().len(),
        unresolved,
        model,
    })
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic".to_string())
}

/// Loads the whole corpus once, on every core, whichever test asks first. `None` when the
/// corpus is absent.
fn results() -> Option<&'static BTreeMap<String, Result<Loaded, String>>> {
    static RESULTS: OnceLock<Option<BTreeMap<String, Result<Loaded, String>>>> = OnceLock::new();
    RESULTS
        .get_or_init(|| {
            let corpus = corpus_dir()?;
            let jobs = jobs(&corpus);
            assert!(!jobs.is_empty(), "no documents found under {corpus:?}");
            let next = AtomicUsize::new(0);
            let workers = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .min(jobs.len());
            let mut results = BTreeMap::new();
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..workers)
                    .map(|_| {
                        scope.spawn(|| {
                            let mut done = Vec::new();
                            loop {
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                let Some(job) = jobs.get(i) else { break };
                                // A panic in one document is reported with the others
                                // instead of ending the run.
                                let result =
                                    std::panic::catch_unwind(|| load(job)).unwrap_or_else(|p| {
                                        Err(format!("load panicked: {}", panic_message(&*p)))
                                    });
                                done.push((job.name.clone(), result));
                            }
                            done
                        })
                    })
                    .collect();
                for h in handles {
                    results.extend(h.join().expect("worker"));
                }
            });
            Some(results)
        })
        .as_ref()
}

#[test]
fn every_corpus_document_loads_and_builds_a_model() {
    let Some(results) = results() else { return };
    let mut failures = Vec::new();
    for (name, result) in results {
        match result.as_ref().map(|l| (l, &l.model)) {
            Err(e) => failures.push(format!("{name}: {e}")),
            Ok((_, Err(e))) => failures.push(format!("{name}: {e}")),
            Ok((l, Ok(m))) => println!(
                "{name}: {} files, {} paths, {} operations, {} schemas, diagnostics {:?}",
                l.files, m.paths, m.path_operations, m.schemas, m.codes
            ),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} documents failed:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );
    assert!(results.len() >= 80, "only {} documents", results.len());
}

/// What MANIFEST.md says about one single-file document.
#[derive(Debug, Default)]
struct ManifestRow {
    /// `paths/ops/schemas`.
    counts: Option<(usize, usize, usize)>,
    /// N in `N unresolvable local $ref(s)`.
    unresolved_count: usize,
    unresolved: BTreeSet<String>,
}

/// Parses the table rows of MANIFEST.md that describe single files:
/// `` | `vapi/2024-12-11_4c1231cd.json` | ... | 18/42/377 | ... | notes | ``.
fn manifest(corpus: &Path) -> BTreeMap<String, ManifestRow> {
    let text = std::fs::read_to_string(corpus.join("MANIFEST.md")).expect("read MANIFEST.md");
    let mut rows = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(file) = rest.split('`').next() else {
            continue;
        };
        // Multi-file rows name folders (`digitalocean-multifile/<ver>/`).
        if file.ends_with('/') {
            continue;
        }
        let mut row = ManifestRow {
            counts: cells.iter().find_map(|c| {
                let parts: Vec<usize> = c.split('/').filter_map(|n| n.parse().ok()).collect();
                (parts.len() == 3 && c.split('/').count() == 3)
                    .then(|| (parts[0], parts[1], parts[2]))
            }),
            ..ManifestRow::default()
        };
        let marker = " unresolvable local $ref(s): ";
        let notes = cells
            .iter()
            .rev()
            .find(|c| !c.is_empty())
            .copied()
            .unwrap_or("");
        if let Some(at) = notes.find(marker) {
            let count_text = notes[..at].rsplit([' ', ';']).next().unwrap_or("");
            row.unresolved_count = count_text
                .parse()
                .unwrap_or_else(|_| panic!("count in {notes:?}"));
            let list = notes[at + marker.len()..].split(';').next().unwrap_or("");
            row.unresolved = list
                .split(',')
                .filter_map(|item| item.trim().strip_prefix('`')?.strip_suffix('`'))
                .map(str::to_string)
                .collect();
            assert!(!row.unresolved.is_empty(), "refs in {notes:?}");
        }
        rows.insert(file.to_string(), row);
    }
    rows
}

#[test]
fn unresolved_refs_match_the_manifest() {
    let Some(results) = results() else { return };
    let Some(corpus) = corpus_dir() else { return };
    let manifest = manifest(&corpus);
    assert!(
        manifest.len() >= 75,
        "only {} manifest rows",
        manifest.len()
    );
    assert!(
        manifest.values().filter(|r| r.unresolved_count > 0).count() >= 10,
        "manifest parsing found too few broken documents"
    );
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, row) in &manifest {
        let Some(result) = results.get(name) else {
            problems.push(format!("{name}: in MANIFEST.md but not in the corpus"));
            continue;
        };
        let Ok(loaded) = result else { continue }; // reported by the load test
        checked += 1;
        let mut ours: BTreeMap<&str, usize> = BTreeMap::new();
        for u in &loaded.unresolved {
            *ours.entry(u.reference.as_str()).or_insert(0) += 1;
        }
        let distinct: BTreeSet<String> = ours.keys().map(|r| r.to_string()).collect();
        // N counts distinct references; the list names at most three of them.
        let list_is_complete = row.unresolved.len() == row.unresolved_count;
        let names_match = if list_is_complete {
            distinct == row.unresolved
        } else {
            row.unresolved.is_subset(&distinct)
        };
        if !names_match || distinct.len() != row.unresolved_count {
            problems.push(format!(
                "{name}: manifest says {} unresolvable ({:?}), we report {} distinct \
                 (reference: occurrences) {ours:?}",
                row.unresolved_count,
                row.unresolved,
                distinct.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(checked, manifest.len());
}

#[test]
fn model_counts_match_the_manifest() {
    let Some(results) = results() else { return };
    let Some(corpus) = corpus_dir() else { return };
    let mut problems = Vec::new();
    for (name, row) in manifest(&corpus) {
        let (Some(expected), Some(Ok(Loaded { model: Ok(m), .. }))) =
            (row.counts, results.get(&name))
        else {
            continue; // failures are the load test's to report
        };
        let ours = (m.paths, m.path_operations, m.schemas);
        if ours != expected {
            problems.push(format!(
                "{name}: manifest paths/ops/schemas {expected:?}, model {ours:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Where `"reference"` is written as the value of a `"$ref"` key in JSON text: 1-based line
/// and column (in characters) of the opening quote.
fn json_ref_positions(text: &str, reference: &str) -> Vec<(usize, usize)> {
    let needle = format!("\"{reference}\"");
    let mut out = Vec::new();
    for (offset, _) in text.match_indices(&needle) {
        if !text[..offset].trim_end().ends_with("\"$ref\":") {
            continue;
        }
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..offset].matches('\n').count() + 1;
        out.push((line, text[line_start..offset].chars().count() + 1));
    }
    out
}

#[test]
fn unresolved_refs_point_at_the_reference() {
    let Some(results) = results() else { return };
    let Some(corpus) = corpus_dir() else { return };
    for (name, reference) in [
        // Pretty-printed: many lines.
        (
            "vapi/2025-03-26_727c12f8.json",
            "#/components/schemas/CreateGoogleSheetsOAuth2AuthorizationCredentialDTO",
        ),
        // Minified: everything on line 1, so the column carries the position.
        (
            "vapi/2025-03-25_6b64493d.json",
            "#/components/schemas/OpenAITranscriber",
        ),
        // Four occurrences of three names.
        (
            "vapi/2025-05-06_14fd888d.json",
            "#/components/schemas/SayAssistantHookAction",
        ),
        (
            "temporal/2026-07-23_f53963d4.json",
            "#/definitions/apiFailureV1Failure",
        ),
    ] {
        let Some(Ok(loaded)) = results.get(name) else {
            panic!("{name} did not load");
        };
        let text = std::fs::read_to_string(corpus.join(name)).unwrap();
        let expected = json_ref_positions(&text, reference);
        assert!(!expected.is_empty(), "{reference} not found in {name}");
        let ours: Vec<(usize, usize)> = loaded
            .unresolved
            .iter()
            .filter(|u| u.reference == reference)
            .map(|u| (u.line, u.column))
            .collect();
        assert_eq!(ours, expected, "{name}: {reference}");
        assert!(loaded.unresolved.iter().all(|u| u.file.ends_with(name)));
    }
}

#[test]
fn multi_file_specs_resolve_across_files() {
    let Some(results) = results() else { return };
    let mut seen = 0;
    for (name, result) in results {
        let Ok(loaded) = result else { continue };
        if name.starts_with("vapi-webhooks-multifile/") {
            seen += 1;
            // The root and the API document it points into.
            assert_eq!(loaded.files, 2, "{name}");
            // Both versions carry the one malformed pointer (`schemas//ClientMessage`: an
            // empty token, which names the key "") in the root, at line 37.
            let in_root: Vec<&Unresolved> = loaded
                .unresolved
                .iter()
                .filter(|u| u.file.ends_with("webhooks/openapi.yml"))
                .collect();
            assert_eq!(in_root.len(), 1, "{name}: {in_root:?}");
            assert_eq!(
                in_root[0].reference,
                "../api/openapi.json#/components/schemas//ClientMessage"
            );
            assert_eq!((in_root[0].line, in_root[0].column), (37, 21), "{name}");
            // Every `$ref` of a loaded file is checked. The 2025-03-09 API document is
            // clean; the 2025-03-28 one has the broken local ref that the single-file
            // `vapi/2025-03-26` copy also has, four times.
            let in_api: BTreeMap<&str, usize> = loaded
                .unresolved
                .iter()
                .filter(|u| u.file.ends_with("api/openapi.json"))
                .fold(BTreeMap::new(), |mut m, u| {
                    *m.entry(u.reference.as_str()).or_insert(0) += 1;
                    m
                });
            let expected: BTreeMap<&str, usize> = if name.contains("2025-03-09") {
                BTreeMap::new()
            } else {
                [(
                    "#/components/schemas/CreateGoogleSheetsOAuth2AuthorizationCredentialDTO",
                    4,
                )]
                .into()
            };
            assert_eq!(in_api, expected, "{name}");
            assert_eq!(
                in_root.len() + in_api.values().sum::<usize>(),
                loaded.unresolved.len()
            );
        } else if name.starts_with("digitalocean-multifile/") {
            seen += 1;
            // Its five dangling refs are all in files that nothing reachable refers to.
            assert_eq!(loaded.unresolved, [], "{name}");
            // MANIFEST.md: 2,860 and 2,850 files reachable from the root.
            let (files, paths, operations) = if name.contains("2026-07-09") {
                (2860, 447, 664)
            } else {
                (2850, 445, 659)
            };
            assert_eq!(loaded.files, files, "{name}");
            if let Ok(m) = &loaded.model {
                assert_eq!((m.paths, m.path_operations), (paths, operations), "{name}");
            }
        }
    }
    assert_eq!(seen, 4, "expected two versions of each multi-file spec");
}

#[test]
fn unresolved_ref_occurrences_are_all_reported() {
    // Counted independently (a plain walk over every `$ref` string in the file): the
    // manifest gives distinct references and names at most three of them.
    let Some(results) = results() else { return };
    for (name, expected) in [
        (
            "vapi/2025-05-06_14fd888d.json",
            &[
                ("#/components/schemas/ByoPhoneNumberUserEditable", 30),
                ("#/components/schemas/SayAssistantHookAction", 2),
                ("#/components/schemas/VapiPhoneNumberUserEditable", 30),
                // The fourth, which the manifest's list leaves out.
                ("#/components/schemas/VonagePhoneNumberUserEditable", 30),
            ][..],
        ),
        (
            "stripe/2017-09-05_e069733b.json",
            &[("#/definitions/error", 195)],
        ),
        (
            "vapi/2024-12-11_4c1231cd.json",
            &[
                ("#/components/schemas/BashToolWithToolCall", 2),
                ("#/components/schemas/ComputerToolWithToolCall", 2),
                ("#/components/schemas/TextEditorToolWithToolCall", 2),
            ],
        ),
        (
            "temporal/2026-07-23_f53963d4.json",
            &[
                ("#/definitions/apiCommonV1Link", 7),
                ("#/definitions/apiFailureV1Failure", 3),
            ],
        ),
    ] {
        let Some(Ok(loaded)) = results.get(name) else {
            panic!("{name} did not load");
        };
        let mut ours: BTreeMap<&str, usize> = BTreeMap::new();
        for u in &loaded.unresolved {
            *ours.entry(u.reference.as_str()).or_insert(0) += 1;
        }
        let expected: BTreeMap<&str, usize> = expected.iter().copied().collect();
        assert_eq!(ours, expected, "{name}");
    }
}
