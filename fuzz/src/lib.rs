//! Shared checks for the fuzz targets (also run without cargo-fuzz by
//! `tests/json_vs_serde.rs` in the main crate, which includes `oracle.rs` directly).

pub mod oracle;
