//! Differential fuzzing: specver's JSON reader against serde_json (see `src/oracle.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(disagreement) = specver_fuzz::oracle::check(data) {
        panic!("{disagreement}");
    }
});
