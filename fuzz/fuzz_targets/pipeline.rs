//! The whole pipeline (load, model, diff both ways, lint, render) on arbitrary input: it must
//! return, without panicking, whatever the bytes (see `src/pipeline.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = specver_fuzz::pipeline::run(data);
});
