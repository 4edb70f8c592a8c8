//! Swagger 2.0 into the canonical model. Being written.
