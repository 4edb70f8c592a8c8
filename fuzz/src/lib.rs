//! Shared checks for the fuzz targets (also run without cargo-fuzz by
//! `tests/json_vs_serde.rs` and `tests/pipeline_smoke.rs` in the main crate, which include
//! `oracle.rs` and `pipeline.rs` directly).

pub mod oracle;
pub mod pipeline;
