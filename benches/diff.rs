//! Diff benchmarks on real pairs from ../shared/corpus: the `breaking` pipeline (load both
//! sides, build both models, compare, keep errors and warnings) against loading both sides
//! alone, so that the cost of the diff itself can be read off as the difference (or the
//! ratio diff/load). Skips with a message when ../shared is absent.
//!
//! `cargo bench --bench diff` (about a minute); `cargo bench --bench diff -- stripe` for one
//! pair. `scripts/compare-oasdiff.sh` times the same pairs end to end against oasdiff.

use criterion::{Criterion, criterion_group, criterion_main};
use specver::compare::{self, Loaded, Settings};
use specver::load::LoadOptions;
use specver::rules::changes::Level;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// (label, base, revision), relative to the corpus.
const PAIRS: [(&str, &str, &str); 3] = [
    (
        "stripe 2022-04-07 -> 2022-04-12 (4.2 MB JSON, tiny diff)",
        "stripe/2022-04-07_fc5a2b92.json",
        "stripe/2022-04-12_e0123a38.json",
    ),
    (
        "vapi 2024-10-10 -> 2026-08-18 (0.7 -> 3.3 MB, full span)",
        "vapi/2024-10-10_ec6b7574.json",
        "vapi/2026-08-18_0494c2f3.json",
    ),
    (
        "kubernetes release-1.35 -> 1.36 (3.8 -> 4.1 MB, Swagger 2.0)",
        "kubernetes/release-1.35.json",
        "kubernetes/release-1.36.json",
    ),
];

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(std::path::absolute(&dir).unwrap_or(dir))
    } else {
        eprintln!("skipping the diff benchmarks: ../shared/corpus not found");
        None
    }
}

/// Options with the reference root set, so that no load runs `git` to find the default.
fn options(path: &Path) -> LoadOptions {
    LoadOptions {
        ref_root: path.parent().map(Path::to_path_buf),
        ..LoadOptions::default()
    }
}

fn load(path: &Path) -> Loaded {
    Loaded::load(&path.to_string_lossy(), &options(path)).expect("load")
}

fn pairs(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let settings = Settings::default();
    for (label, base, revision) in PAIRS {
        let (base, revision) = (corpus.join(base), corpus.join(revision));
        if !base.is_file() || !revision.is_file() {
            eprintln!("skipping {label}: not found");
            continue;
        }
        // Once outside the timing: what the pipeline finds.
        let comparison = compare::compare(load(&base), load(&revision), &settings);
        let breaking = comparison
            .changes
            .iter()
            .filter(|c| c.level >= Level::Warning)
            .count();
        eprintln!(
            "{label}: {} changes, {breaking} breaking",
            comparison.changes.len()
        );
        drop(comparison);

        let mut group = c.benchmark_group(label);
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10));
        group.bench_function("load both", |b| {
            b.iter(|| {
                let pair = (load(black_box(&base)), load(black_box(&revision)));
                black_box(pair.0.api.paths.len() + pair.1.api.paths.len())
            })
        });
        group.bench_function("breaking (load both + compare)", |b| {
            b.iter(|| {
                let comparison = compare::compare(
                    load(black_box(&base)),
                    load(black_box(&revision)),
                    &settings,
                );
                comparison
                    .changes
                    .iter()
                    .filter(|c| c.level >= Level::Warning)
                    .count()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, pairs);
criterion_main!(benches);
