//! The YAML reader must return (a tree or an error inside the text) on any input, without
//! panicking, overflowing the stack, or running away with memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specver::tree::{Limits, yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = yaml::parse(text, &Limits::default()) {
        assert!(
            e.offset <= text.len(),
            "error offset {} past the end ({} bytes): {}",
            e.offset,
            text.len(),
            e.message
        );
    }
});
