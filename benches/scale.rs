//! Scale benchmarks on synthetic shapes built in memory (no corpus needed): the `breaking`
//! pipeline where many operations reach one changed 20-level schema graph (200 and 2,000
//! operations), and on hostile sizes (a 100,000-value enum, 100,000 properties). Each is
//! measured against loading both sides alone, so a ratio far above 1 shows work that is
//! not linear. `scripts/scale.sh` runs the larger curve (1 to 200 MB, 20,000 operations,
//! thousands of files) end to end.
//!
//! `cargo bench --bench scale`

use criterion::{Criterion, criterion_group, criterion_main};
use specver::compare::{self, Loaded, Settings};
use specver::load::{FileLocation, LoadOptions, Workspace};
use std::hint::black_box;
use std::time::Duration;

/// N operations whose request and response bodies reach L0 -> L1 -> ... -> L19.
fn fanout(operations: usize, max_length: u32) -> String {
    let mut schemas = Vec::new();
    for level in 0..20 {
        let next = if level < 19 {
            format!(
                r##""next": {{"$ref": "#/components/schemas/L{}"}}"##,
                level + 1
            )
        } else {
            format!(r#""leaf": {{"type": "string", "maxLength": {max_length}}}"#)
        };
        schemas.push(format!(
            r#""L{level}": {{"type": "object", "properties": {{"a": {{"type": "string"}}, {next}}}}}"#
        ));
    }
    let body =
        r##"{"content": {"application/json": {"schema": {"$ref": "#/components/schemas/L0"}}}}"##;
    let paths: Vec<String> = (0..operations)
        .map(|i| {
            format!(
                r#""/r{i}": {{"post": {{"requestBody": {body}, "responses": {{"200": {{"description": "ok", "content": {{"application/json": {{"schema": {{"$ref": "{}"}}}}}}}}}}}}}}"#,
                "#/components/schemas/L0"
            )
        })
        .collect();
    format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "f", "version": "1"}}, "paths": {{{}}}, "components": {{"schemas": {{{}}}}}}}"#,
        paths.join(","),
        schemas.join(",")
    )
}

/// One request body schema `Big` with `items` values or properties, shifted by one.
fn big(items: usize, shift: usize, enum_values: bool) -> String {
    let big = if enum_values {
        let values: Vec<String> = (shift..items + shift)
            .map(|i| format!("\"v{i}\""))
            .collect();
        format!(r#"{{"type": "string", "enum": [{}]}}"#, values.join(","))
    } else {
        let props: Vec<String> = (shift..items + shift)
            .map(|i| format!(r#""p{i}": {{"type": "string"}}"#))
            .collect();
        format!(
            r#"{{"type": "object", "properties": {{{}}}}}"#,
            props.join(",")
        )
    };
    format!(
        r##"{{"openapi": "3.0.3", "info": {{"title": "b", "version": "1"}}, "paths": {{"/a": {{"post": {{"requestBody": {{"content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/Big"}}}}}}}}, "responses": {{"200": {{"description": "ok"}}}}}}}}}}, "components": {{"schemas": {{"Big": {big}}}}}}}"##
    )
}

fn load(text: &str) -> Loaded {
    let ws = Workspace::load_bytes(
        FileLocation::Path("/nonexistent/scale.json".into()),
        text.as_bytes().to_vec(),
        &LoadOptions {
            ref_root: Some("/nonexistent".into()),
            ..LoadOptions::default()
        },
    )
    .expect("the generated document loads");
    Loaded::new(ws)
}

fn shapes(c: &mut Criterion) {
    let settings = Settings::default();
    let cases = [
        ("fanout 200 operations", fanout(200, 100), fanout(200, 50)),
        (
            "fanout 2,000 operations",
            fanout(2_000, 100),
            fanout(2_000, 50),
        ),
        (
            "enum of 100,000 values",
            big(100_000, 0, true),
            big(100_000, 1, true),
        ),
        (
            "100,000 properties",
            big(100_000, 0, false),
            big(100_000, 1, false),
        ),
    ];
    let mut group = c.benchmark_group("scale");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (label, base, revision) in &cases {
        group.bench_function(format!("{label}: load both"), |b| {
            b.iter(|| black_box((load(base), load(revision))))
        });
        group.bench_function(format!("{label}: breaking"), |b| {
            b.iter(|| {
                let comparison = compare::compare(load(base), load(revision), &settings);
                black_box(comparison.changes.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, shapes);
criterion_main!(benches);
