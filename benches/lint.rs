//! Lint benchmarks with every built-in rule (`specver lint --rules all`) on the 4.2 MB Stripe
//! JSON document and the DigitalOcean multi-file spec from ../shared/corpus: loading alone,
//! linting an already loaded workspace, and the two together, so that the cost of the rules
//! can be read off apart from the load. Skips with a message when ../shared is absent.
//!
//! `cargo bench --bench lint` (about a minute); `cargo bench --bench lint -- stripe` for one
//! input. `scripts/compare-lint.sh` times the same inputs end to end against Redocly and
//! Spectral.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use specver::lint::{self, LintConfig};
use specver::load::{FileLocation, LoadOptions, Workspace};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

const STRIPE: &str = "stripe/2022-04-07_fc5a2b92.json";
/// (version directory, root inside it), relative to the corpus.
const DIGITALOCEAN: (&str, &str) = (
    "digitalocean-multifile/2026-07-09_e0a34c35",
    "specification/DigitalOcean-public.v2.yaml",
);

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(std::path::absolute(&dir).unwrap_or(dir))
    } else {
        eprintln!("skipping the lint benchmarks: ../shared/corpus not found");
        None
    }
}

/// Options with the reference root set, so that no load runs `git` to find the default.
fn options(ref_root: &Path) -> LoadOptions {
    LoadOptions {
        ref_root: Some(ref_root.to_path_buf()),
        ..LoadOptions::default()
    }
}

/// Once outside the timing: what linting with every rule finds.
fn report(label: &str, ws: &Workspace, config: &LintConfig) {
    let findings = lint::lint(ws, config);
    let (error, warn, info, hint) = lint::summary(&findings);
    eprintln!(
        "{label}: {} findings ({error} error, {warn} warn, {info} info, {hint} hint)",
        findings.len()
    );
}

fn stripe(c: &mut Criterion, corpus: &Path, config: &LintConfig) {
    let path = corpus.join(STRIPE);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping {STRIPE}: not found");
        return;
    };
    let options = options(path.parent().unwrap_or(corpus));
    let location = FileLocation::Path(path.clone());
    let load = || Workspace::load_bytes(location.clone(), bytes.clone(), &options).expect("load");
    let ws = load();
    report(STRIPE, &ws, config);

    let mut group = c.benchmark_group(format!("lint {STRIPE} (4.2 MB JSON, all rules)"));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("load", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| Workspace::load_bytes(location.clone(), bytes, &options).expect("load"),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("lint (loaded)", |b| {
        b.iter(|| lint::lint(black_box(&ws), config).len())
    });
    group.bench_function("load + lint", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let ws = Workspace::load_bytes(location.clone(), bytes, &options).expect("load");
                lint::lint(&ws, config).len()
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn digitalocean(c: &mut Criterion, corpus: &Path, config: &LintConfig) {
    let version = corpus.join(DIGITALOCEAN.0);
    let root = version.join(DIGITALOCEAN.1);
    if !root.is_file() {
        eprintln!("skipping the DigitalOcean multi-file lint benchmark: not found");
        return;
    }
    let options = options(&version);
    let load = || Workspace::load(FileLocation::Path(root.clone()), &options).expect("load");
    let ws = load();
    report(DIGITALOCEAN.0, &ws, config);

    let mut group =
        c.benchmark_group("lint digitalocean-multifile (2,860 files, from disk, all rules)");
    group.bench_function("load", |b| b.iter(load));
    group.bench_function("lint (loaded)", |b| {
        b.iter(|| lint::lint(black_box(&ws), config).len())
    });
    group.bench_function("load + lint", |b| {
        b.iter(|| lint::lint(&load(), config).len())
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let config = LintConfig::all();
    stripe(c, &corpus, &config);
    digitalocean(c, &corpus, &config);
}

criterion_group! {
    name = lint_benches;
    // Few samples: each iteration is 0.1 to 0.5 s, and `cargo bench` should finish in a
    // minute or two.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(lint_benches);
