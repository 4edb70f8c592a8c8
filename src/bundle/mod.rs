//! `specver bundle`: one document from a spec split over many files.
//!
//! The loaded workspace (every file, every reference checked) is written out as one
//! document. The root is copied as it is; each `$ref` is then, by where it stands:
//!
//! - into the root: kept (rewritten to `#/...` when it was spelled with the file name);
//! - to another file, at a place the version has a components section for (schemas,
//!   parameters, responses, requestBodies, headers, examples, links, callbacks,
//!   securitySchemes, and pathItems from 3.1; `definitions`, `parameters` and `responses` in
//!   2.0): pointed at a component, and what it names is added to that section once;
//! - anywhere else (a path item under `paths`, a whole `paths` or `tags` file, an
//!   extension, `example: {$ref}` data): replaced by what it names, members beside the
//!   `$ref` winning over the target's.
//!
//! Names. A component is named after what the reference points at, by the rule of
//! [`crate::model::names`]: the last token of the pointer (`common.yaml#/components/schemas/Pet`
//! -> `Pet`, `models.yaml#/pet` -> `pet`), the last two when the last is an array index
//! (`#/allOf/0` -> `allOf_0`), or, for a whole file, the file's name without its extension
//! (`pet.yaml` -> `pet`); characters a component name may not hold become `_`. The root's own
//! component names are kept; a root component that is only a `$ref` to another file (`Pet:
//! {$ref: pet.yaml}`) gets that file's content under its own name. A name already taken by
//! other content gets the first free suffix `-2`, `-3`, ...; the same content shares it.
//! Schemas are named as the model names them (in the order it meets them), so that a spec
//! and its bundle have the same named schemas; other components in the order the walk meets
//! them (the root document, then the components it needed, first needed first). The same
//! input always gives the same names; each renaming is reported.
//!
//! Cycles need no care: a reference to a component stays a reference. With `--dereference`
//! every reference is replaced by what it names except those to targets on a reference
//! cycle (found as strongly connected components of the reference graph), which are kept
//! as component references and reported.

mod cycles;
mod emit;
mod names;
mod slot;
mod walk;

pub use emit::Out;

use crate::load::{FileId, Workspace};
use crate::tree::Span;

/// How to bundle.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Replace every reference not on a cycle by what it names.
    pub dereference: bool,
    /// The most values (objects, arrays, scalars) the bundle may hold. The default, 10
    /// million, is about 250 MB of JSON and 1 GB of memory; only `--dereference` comes near
    /// it (Vapi's webhooks, 1.3 MB of references to shared schemas, would be 3.5 GB written
    /// in full).
    pub max_values: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            dereference: false,
            max_values: 10_000_000,
        }
    }
}

/// The bundled document and what is worth telling about it.
#[derive(Debug)]
pub struct Bundle {
    /// The bundled document.
    pub root: Out,
    /// Components that had to be renamed, one line each.
    pub renamed: Vec<String>,
    /// With `--dereference`: the targets kept as references because they are on a cycle.
    pub(crate) kept_on_cycles: Vec<String>,
    /// References that did not resolve, kept as written.
    pub unresolved: usize,
}

/// Why a document could not be bundled: `file:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleError(pub String);

impl BundleError {
    fn at(ws: &Workspace, file: FileId, span: Span, message: String) -> BundleError {
        let f = ws.file(file);
        let lc = f.map().line_col(&f.text, span.start as usize);
        BundleError(format!("{}:{}:{}: {message}", f.name, lc.line, lc.column))
    }
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BundleError {}

/// Bundles the loaded spec. Unresolved references are kept as written (the caller decides
/// whether that is acceptable: the loader has reported each one).
pub fn bundle(ws: &Workspace, options: Options) -> Result<Bundle, BundleError> {
    // The walk recurses once per level of the bundle (at most `walk::MAX_DEPTH`): give it a
    // stack that depth always fits in.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn_scoped(scope, || bundle_here(ws, options))
            .map_err(|e| BundleError(format!("cannot start the bundler: {e}")))?
            .join()
            .unwrap_or_else(|_| Err(BundleError("the bundler stopped unexpectedly".into())))
    })
}

fn bundle_here(ws: &Workspace, options: Options) -> Result<Bundle, BundleError> {
    let mut bundler = walk::Bundler::new(ws, options);
    let root = bundler.run();
    if let Some(error) = bundler.error {
        return Err(error);
    }
    Ok(Bundle {
        root,
        renamed: bundler.notes,
        kept_on_cycles: bundler.kept_on_cycles.into_iter().collect(),
        unresolved: bundler.unresolved,
    })
}

/// How the bundle is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OutputFormat {
    Json,
    Yaml,
}

impl Bundle {
    pub(crate) fn to_text(&self, format: OutputFormat) -> String {
        match format {
            OutputFormat::Json => emit::to_json(&self.root),
            OutputFormat::Yaml => emit::to_yaml(&self.root),
        }
    }
}

/// Writes `text` to `path` whole or not at all (see [`crate::atomic_write`]).
pub(crate) fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    crate::atomic_write::write_atomically(path, text.as_bytes())
}
