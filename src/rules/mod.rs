//! The rule catalogues, compiled into the binary from the data files in `rules/`.

pub mod changes;
