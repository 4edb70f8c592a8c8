//! Loading: reads a root document and every file its `$ref`s reach into a [`Workspace`] of
//! spanned trees, and checks every reference.
//!
//! A problem with the root document itself (unreadable, not JSON or YAML, not OpenAPI) is a
//! fatal [`LoadError`]. A problem with a reference (a missing file, a pointer to nothing) is a
//! [`Diagnostic`] at the `$ref`: the rest of the document still loads.
//!
//! References are not expanded. Cycles are normal in real specs; consumers follow a `$ref`
//! with [`Workspace::resolve`] and keep their own graph.

pub mod git;
mod refs;
pub mod source;

use crate::diagnostic::{Diagnostic, Severity};
pub use crate::files::{FileId, SourceFile};
use crate::files::{FileStore, Location, Position};
use crate::tree::{self, Format, Limits, Node, SourceMap, Span};
pub use refs::RefSite;
pub(crate) use refs::{is_data_keyword, is_lone_ref, is_name_map, split_reference};
use rustc_hash::FxHashMap;
pub(crate) use source::working_directory;
pub use source::{FileLocation, ReadLimits};
use std::path::PathBuf;

/// How to load: limits on what is read, and where references may go.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Limits on each tree (depth, YAML alias expansions).
    pub limits: Limits,
    /// Limits on what is read (file size, number of files).
    pub read: ReadLimits,
    /// Follow `$ref`s to http(s) URLs. Off by default: loading a spec stays offline.
    pub allow_url_refs: bool,
    /// `$ref`s to local files must stay inside this directory. When unset: the git work tree
    /// that holds the root document, or no limit when it is in none. Documents read from a
    /// URL may never reach local files; those read from a git revision stay in their repository.
    pub ref_root: Option<PathBuf>,
}

/// Why the root document could not be loaded at all. Displays as one line,
/// `file:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The name of the file that could not be loaded.
    pub file: String,
    /// 1-based, when the problem has a place in the text.
    pub line_col: Option<tree::LineCol>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line_col {
            Some(lc) => write!(
                f,
                "{}:{}:{}: {}",
                self.file, lc.line, lc.column, self.message
            ),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// The OpenAPI or Swagger version a root document declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum SpecFamily {
    /// Swagger 2.0 (`swagger: "2.0"`).
    #[serde(rename = "2.0")]
    Swagger2,
    /// OpenAPI 3.0.x.
    #[serde(rename = "3.0")]
    OpenApi30,
    /// OpenAPI 3.1.x.
    #[serde(rename = "3.1")]
    OpenApi31,
    /// OpenAPI 3.2.x.
    #[serde(rename = "3.2")]
    OpenApi32,
}

/// The root document and every file reachable from it through `$ref`.
#[derive(Debug)]
pub struct Workspace {
    files: FileStore,
    /// For each file, the file each distinct document part of its `$ref`s names, or why none.
    external: FxHashMap<(FileId, String), Result<FileId, String>>,
    /// Every `$ref` met in every loaded file, in file and document order.
    pub ref_sites: Vec<RefSite>,
    /// Problems met while loading that did not stop it.
    pub diagnostics: Vec<Diagnostic>,
    /// The specification the root declares.
    pub spec_family: SpecFamily,
    /// The version string as written (`3.0.0`, `2.0`).
    pub spec_version: String,
}

impl Workspace {
    /// Loads the document a command-line argument names (see `FileLocation::from_arg`).
    pub fn load_arg(arg: &str, options: &LoadOptions) -> Result<Workspace, LoadError> {
        let location = FileLocation::from_arg(arg).map_err(|message| LoadError {
            file: arg.to_string(),
            line_col: None,
            message: message
                .strip_prefix(&format!("{arg}: "))
                .unwrap_or(&message)
                .to_string(),
        })?;
        let (name, style) = source::name_as_written(arg, &location);
        Workspace::load_named(location, name, style, options)
    }

    /// Loads `file` at git revision `rev`; see [`FileLocation::at_revision`].
    pub(crate) fn load_at_revision(
        rev: &str,
        file: &str,
        options: &LoadOptions,
    ) -> Result<Workspace, LoadError> {
        let location = FileLocation::at_revision(rev, file).map_err(|message| LoadError {
            file: format!("{rev}:{file}"),
            line_col: None,
            message: message
                .strip_prefix(&format!("{rev}:{file}: "))
                .unwrap_or(&message)
                .to_string(),
        })?;
        Workspace::load(location, options)
    }

    /// Loads `file` at the resolved `commit`, naming the revision `label` in reports
    /// (`main:openapi.json` rather than a 40-digit hash): what is read does not depend on
    /// what a branch name points to later.
    pub(crate) fn load_at_commit(
        label: &str,
        commit: &str,
        file: &str,
        options: &LoadOptions,
    ) -> Result<Workspace, LoadError> {
        let mut location =
            FileLocation::at_revision(commit, file).map_err(|message| LoadError {
                file: format!("{label}:{file}"),
                line_col: None,
                message: message
                    .strip_prefix(&format!("{commit}:{file}: "))
                    .unwrap_or(&message)
                    .to_string(),
            })?;
        if let FileLocation::Git { rev, .. } = &mut location {
            *rev = label.to_string();
        }
        Workspace::load(location, options)
    }

    /// Loads the root document at `root` and every file its `$ref`s reach, checking every
    /// reference; fails only when the root itself cannot be read, parsed, or is not OpenAPI
    /// or Swagger.
    pub fn load(root: FileLocation, options: &LoadOptions) -> Result<Workspace, LoadError> {
        let name = root.display_name();
        Workspace::load_named(root, name, source::NameStyle::Shortest, options)
    }

    /// [`Workspace::load`] with the root named `name` and the files it references named in
    /// `style`.
    fn load_named(
        root: FileLocation,
        name: String,
        style: source::NameStyle,
        options: &LoadOptions,
    ) -> Result<Workspace, LoadError> {
        let bytes = source::read_bytes(&root, &options.read).map_err(|message| LoadError {
            file: name.clone(),
            line_col: None,
            message,
        })?;
        Workspace::load_bytes_named(root, name, style, bytes, options)
    }

    /// Loads a root document whose bytes are already at hand (tests, benchmarks, stdin).
    pub fn load_bytes(
        root: FileLocation,
        bytes: Vec<u8>,
        options: &LoadOptions,
    ) -> Result<Workspace, LoadError> {
        let name = root.display_name();
        Workspace::load_bytes_named(root, name, source::NameStyle::Shortest, bytes, options)
    }

    fn load_bytes_named(
        root: FileLocation,
        name: String,
        style: source::NameStyle,
        bytes: Vec<u8>,
        options: &LoadOptions,
    ) -> Result<Workspace, LoadError> {
        let fail = |text: Option<&str>, offset: usize, message: String| {
            let line_col = text.map(|t| SourceMap::new(t).line_col(t, offset));
            LoadError {
                file: name.clone(),
                line_col,
                message,
            }
        };
        // Not text: the bad byte is placed by the lines of the text before it.
        let text = decode_text(bytes)
            .map_err(|(offset, message, before)| fail(Some(&before), offset, message))?;
        if text.trim().is_empty() {
            return Err(fail(
                Some(""),
                0,
                "empty file: expected an OpenAPI or Swagger document".into(),
            ));
        }
        let (format, parsed) = parse_text(&text, &options.limits)
            .map_err(|e| fail(Some(&text), e.offset, e.message))?;
        let (spec_family, spec_version) = detect_version(&parsed.root)
            .map_err(|(span, message)| fail(Some(&text), span.start as usize, message))?;

        let ref_root = match &root {
            FileLocation::Path(p) if options.ref_root.is_none() => git_top_level(p),
            _ => options
                .ref_root
                .as_ref()
                .map(|r| source::normalize(&std::path::absolute(r).unwrap_or(r.clone()))),
        };
        let mut ws = Workspace {
            files: FileStore::default(),
            external: FxHashMap::default(),
            ref_sites: Vec::new(),
            diagnostics: Vec::new(),
            spec_family,
            spec_version,
        };
        ws.add_file(root, name, text, format, Some(parsed.root), parsed.warnings);
        let loader = refs::Loader {
            options,
            ref_root,
            names: style,
            real_paths: Default::default(),
        };
        loader.load_referenced_files(&mut ws);
        refs::check_references(&mut ws);
        Ok(ws)
    }

    fn add_file(
        &mut self,
        location: FileLocation,
        name: String,
        text: String,
        format: Format,
        root: Option<Node>,
        warnings: Vec<tree::ParseWarning>,
    ) -> FileId {
        let id = self.files.add(location, name, text, format, root);
        for w in warnings {
            self.diagnostics
                .push(Diagnostic::new(w.code, Severity::Warning, w.message).at(id, w.span, "here"));
        }
        id
    }

    /// Drops the files' trees once the model is built (see [`FileStore::release_trees`]).
    pub fn release_trees(&mut self) {
        self.files.release_trees();
    }

    /// Whether a `$ref` names another document (loaded or not): every such reference has
    /// its entry in `external`.
    pub(crate) fn refers_to_other_files(&self) -> bool {
        !self.external.is_empty()
    }

    /// Every file loaded, root first; reads as a slice of [`SourceFile`]s.
    pub fn files(&self) -> &FileStore {
        &self.files
    }

    /// The file with this id.
    pub fn file(&self, id: FileId) -> &SourceFile {
        self.files.file(id)
    }

    /// Resolves a location in one of the loaded files to name, line, column and pointer.
    pub fn position(&self, location: Location) -> Position {
        self.files.position(location)
    }

    /// The root document's file.
    pub fn root_file(&self) -> &SourceFile {
        &self.files[0]
    }

    /// The root document's tree (always present: a root that fails to parse is a LoadError).
    pub fn root(&self) -> &Node {
        self.files[0]
            .tree()
            .expect("the root document always has a tree")
    }

    /// Follows `reference` (the text of a `$ref`) found in file `from`.
    pub fn resolve(&self, from: FileId, reference: &str) -> Result<(FileId, &Node), String> {
        let (doc, fragment) = refs::split_reference(reference);
        let file = if doc.is_empty() {
            from
        } else {
            match self.external.get(&(from, doc.to_string())) {
                Some(Ok(id)) => *id,
                Some(Err(why)) => return Err(why.clone()),
                // Not a `$ref` of that file (a `discriminator.mapping` value, say), or spelt
                // otherwise (`./pet.yaml` for `pet.yaml`): a file loaded for another
                // reference is found by where it is.
                None => tree::pointer::from_fragment(doc)
                    .ok()
                    .and_then(|d| self.files[from].location.join(&d).ok())
                    .and_then(|location| self.files.find(&location))
                    .ok_or_else(|| format!("`{doc}` was not loaded"))?,
            }
        };
        let root = self.files[file]
            .tree()
            .ok_or_else(|| format!("`{}` could not be read", self.files[file].name))?;
        let pointer = tree::pointer::from_fragment(fragment)?;
        tree::pointer::lookup(root, &pointer)
            .map(|node| (file, node))
            .map_err(|e| {
                if doc.is_empty() {
                    e.message
                } else {
                    format!("in `{}`: {}", self.files[file].name, e.message)
                }
            })
    }
}

/// Checks the bytes are text and drops a byte-order mark. Errors carry the byte offset of
/// the problem and the text before it (lossily decoded), to place it by line and column.
fn decode_text(bytes: Vec<u8>) -> Result<String, (usize, String, String)> {
    let prefix = |at: usize| String::from_utf8_lossy(&bytes[..at]).into_owned();
    if let Some(nul) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
        let before = prefix(nul);
        return Err((
            before.len(),
            "binary file: expected an OpenAPI or Swagger document in JSON or YAML".into(),
            before,
        ));
    }
    if let Err(e) = std::str::from_utf8(&bytes) {
        let before = prefix(e.valid_up_to());
        return Err((before.len(), "not UTF-8 text: invalid byte".into(), before));
    }
    let mut text = String::from_utf8(bytes).unwrap_or_default();
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Parses by content; a document that looks like JSON but is not is tried as YAML (YAML's
/// flow style starts the same way), and the JSON error is kept if that fails too.
fn parse_text(text: &str, limits: &Limits) -> Result<(Format, tree::Parsed), tree::ParseError> {
    match Format::detect(text) {
        Format::Json => match tree::json::parse(text, limits) {
            Ok(parsed) => Ok((Format::Json, parsed)),
            Err(json_error) => match tree::yaml::parse(text, limits) {
                Ok(parsed) if parsed.root.as_object().is_some() => Ok((Format::Yaml, parsed)),
                _ => Err(json_error),
            },
        },
        Format::Yaml => tree::yaml::parse(text, limits).map(|p| (Format::Yaml, p)),
    }
}

fn detect_version(root: &Node) -> Result<(SpecFamily, String), (Span, String)> {
    let Some(obj) = root.as_object() else {
        return Err((
            root.span,
            format!(
                "expected an OpenAPI or Swagger document (a mapping), found {}",
                root.kind()
            ),
        ));
    };
    if let Some(entry) = obj.entry("openapi") {
        let raw = entry.value.scalar_text().unwrap_or_default().into_owned();
        let family = match raw.split('.').take(2).collect::<Vec<_>>()[..] {
            ["3", "0"] => SpecFamily::OpenApi30,
            ["3", "1"] => SpecFamily::OpenApi31,
            ["3", "2"] => SpecFamily::OpenApi32,
            _ => {
                return Err((
                    entry.value.span,
                    format!(
                        "unsupported OpenAPI version `{raw}` (supported: 2.0, 3.0.x, 3.1.x, 3.2.x)"
                    ),
                ));
            }
        };
        return Ok((family, raw));
    }
    if let Some(entry) = obj.entry("swagger") {
        let raw = entry.value.scalar_text().unwrap_or_default().into_owned();
        if raw == "2.0" {
            return Ok((SpecFamily::Swagger2, raw));
        }
        return Err((
            entry.value.span,
            format!("unsupported Swagger version `{raw}` (supported: 2.0)"),
        ));
    }
    Err((
        Span::new(root.span.start as usize, root.span.start as usize),
        "not an OpenAPI or Swagger document: no `openapi` or `swagger` field".to_string(),
    ))
}

fn git_top_level(file: &std::path::Path) -> Option<PathBuf> {
    git_work_tree(file.parent()?)
}

/// The top of the git work tree `dir` is in, if any.
pub(crate) fn git_work_tree(dir: &std::path::Path) -> Option<PathBuf> {
    git::work_tree_top(Some(dir))
}
