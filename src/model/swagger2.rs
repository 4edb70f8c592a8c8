//! Swagger 2.0 into the canonical model. Being written.
use super::Api;
use super::reader::Reader;
use super::schema_build::SchemaBuilder;

pub(super) fn document<'w>(r: &Reader<'w>, sb: &mut SchemaBuilder<'w>) -> Api {
    let _ = (r, sb);
    todo!("Swagger 2.0")
}
