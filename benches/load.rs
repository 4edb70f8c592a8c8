//! Loading benchmarks on the largest real documents in ../shared/corpus: the tree readers
//! alone, a whole load (parse, version detection, reference checks), load plus model, and
//! serde_json on the same bytes as a yardstick. Skips with a message when ../shared is absent.
//!
//! `cargo bench --bench load` (a few minutes); `cargo bench --bench load -- json` for a subset.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use specver::load::{FileLocation, LoadOptions, Workspace};
use specver::tree::{Limits, json, yaml};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(std::path::absolute(&dir).unwrap_or(dir))
    } else {
        eprintln!("skipping the load benchmarks: ../shared/corpus not found");
        None
    }
}

/// Options with the reference root set, so that a benchmark does not time the `git`
/// process that finds the default one.
fn options(ref_root: &Path) -> LoadOptions {
    LoadOptions {
        ref_root: Some(ref_root.to_path_buf()),
        ..LoadOptions::default()
    }
}

/// One single-file document: the reader alone, serde_json (for JSON), load, load + model.
fn single_file(c: &mut Criterion, corpus: &Path, name: &str, is_json: bool) {
    let path = corpus.join(name);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping {name}: not found");
        return;
    };
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    let dir = path.parent().unwrap_or(corpus).to_path_buf();
    let options = options(&dir);
    let location = FileLocation::Path(path.clone());

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    if is_json {
        group.bench_function("tree::json::parse", |b| {
            b.iter(|| json::parse(black_box(&text), &Limits::default()).expect("parse"))
        });
        group.bench_function("serde_json::from_slice::<Value>", |b| {
            b.iter(|| {
                serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).expect("serde_json")
            })
        });
    } else {
        group.bench_function("tree::yaml::parse", |b| {
            b.iter(|| yaml::parse(black_box(&text), &Limits::default()).expect("parse"))
        });
    }
    group.bench_function("Workspace::load_bytes", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| Workspace::load_bytes(location.clone(), bytes, &options).expect("load"),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("load_bytes + model::build", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let ws = Workspace::load_bytes(location.clone(), bytes, &options).expect("load");
                specver::model::build(&ws)
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn multi_file(c: &mut Criterion, corpus: &Path) {
    let version = corpus.join("digitalocean-multifile/2026-07-09_e0a34c35");
    let root = version.join("specification/DigitalOcean-public.v2.yaml");
    if !root.is_file() {
        eprintln!("skipping the DigitalOcean multi-file benchmark: not found");
        return;
    }
    let options = options(&version);
    let mut group = c.benchmark_group("digitalocean-multifile (2,860 files, from disk)");
    group.bench_function("Workspace::load", |b| {
        b.iter(|| Workspace::load(FileLocation::Path(root.clone()), &options).expect("load"))
    });
    group.bench_function("load + model::build", |b| {
        b.iter(|| {
            let ws = Workspace::load(FileLocation::Path(root.clone()), &options).expect("load");
            specver::model::build(&ws)
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    single_file(c, &corpus, "stripe/2022-04-07_fc5a2b92.json", true);
    single_file(c, &corpus, "stripe/2023-09-07_bbfb1664.yaml", false);
    multi_file(c, &corpus);
}

criterion_group! {
    name = load;
    // Few samples: each iteration is tens of milliseconds, and `cargo bench` should finish
    // in a few minutes.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(load);
