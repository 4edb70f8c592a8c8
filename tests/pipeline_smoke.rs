//! The `pipeline` fuzz target's check as a plain test: the whole pipeline (load, model, diff
//! both ways, lint, render) on our fixture pairs and on deterministic mutations of them must
//! return without panicking, and on the real pairs it must find the changes it should.

#[path = "../fuzz/src/pipeline.rs"]
mod pipeline;

mod common;
use common::rng::Rng;

use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .expect("read fixture")
}

fn pair(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut input = a.to_vec();
    input.push(0);
    input.extend_from_slice(b);
    input
}

#[test]
fn real_pairs_go_through_every_stage() {
    let v1 = fixture("petstore.yaml");
    let v2 = fixture("petstore-v2.yaml");
    assert_eq!(pipeline::run(&v1), Some(0), "a document against itself");
    let found = pipeline::run(&pair(&v1, &v2)).expect("both load");
    assert!(found > 5, "petstore -> v2 has changes; found {found}");
    let swagger = fixture("petstore-swagger2.yaml");
    assert!(pipeline::run(&pair(&swagger, &v1)).is_some());
    assert_eq!(pipeline::run(b"not a spec"), None);
}

#[test]
fn mutated_pairs_never_panic() {
    let sources = [
        fixture("petstore.yaml"),
        fixture("petstore-v2.yaml"),
        fixture("petstore.json"),
        fixture("petstore-3.1.yaml"),
        fixture("petstore-swagger2.yaml"),
    ];
    // Pieces that stress the later stages: refs, unions, odd numbers, deep values.
    const PIECES: &[&str] = &[
        "$ref: '#/components/schemas/Pet'",
        "{\"$ref\": \"#/nowhere\"}",
        "oneOf: [{type: string}, {type: 'null'}]",
        "enum: [1, 1.0, 9007199254740993]",
        "maxLength: -1",
        "maximum: \"5\"",
        "required: [a, a]",
        "[[[[[[[[]]]]]]]]",
        "\u{feff}",
        ": :",
        "- -",
        "\"\\ud800\"",
    ];
    let mut rng = Rng(0x5eed_cafe);
    let mut ran = 0;
    for _ in 0..300 {
        let mut a = sources[rng.below(sources.len())].clone();
        let mut b = sources[rng.below(sources.len())].clone();
        for doc in [&mut a, &mut b] {
            for _ in 0..rng.below(3) {
                let at = rng.below(doc.len());
                match rng.below(3) {
                    0 => {
                        let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                        doc.splice(at..at, piece.iter().copied());
                    }
                    1 => {
                        let end = (at + rng.below(40)).min(doc.len());
                        doc.drain(at..end);
                    }
                    _ => {
                        const BYTES: &[u8] = b" \n:-{}[]\"'#&*!|>0123456789abc";
                        doc[at] = BYTES[rng.below(BYTES.len())];
                    }
                }
            }
        }
        if pipeline::run(&pair(&a, &b)).is_some() {
            ran += 1;
        }
    }
    // Enough mutants stay loadable for the later stages to be exercised.
    assert!(ran > 60, "only {ran} of 300 mutated pairs loaded");
}
