//! Finding `$ref`s, loading the files they name, and checking that each one resolves.

use super::source::{self, FileLocation};
use super::{FileId, LoadOptions, Workspace};
use crate::diagnostic::{Diagnostic, Severity};
use crate::tree::{Node, Span, Value};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// One `$ref` in one file: the reference text and the span of its string value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefSite {
    /// The file the `$ref` is in.
    pub file: FileId,
    /// The span of the `$ref`'s string value.
    pub span: Span,
    /// The span of the object that holds the `$ref`.
    pub(crate) holder: Span,
    /// The reference as written.
    pub reference: String,
}

/// Splits `other.yaml#/a/b` into the document part and the fragment (without `#`).
pub(crate) fn split_reference(reference: &str) -> (&str, &str) {
    match reference.split_once('#') {
        Some((doc, fragment)) => (doc, fragment),
        None => (reference, ""),
    }
}

/// Keys whose values are data (examples, defaults, enumerations), where a `$ref` key is just
/// a key: GitHub's SCIM examples hold `members[].$ref` URLs that are not references.
pub(crate) fn is_data_keyword(key: &str) -> bool {
    matches!(key, "example" | "value" | "default" | "enum" | "const")
}

/// `{"$ref": "..."}` and nothing else.
pub(crate) fn is_lone_ref(node: &Node) -> bool {
    node.as_object()
        .is_some_and(|o| o.len() == 1 && o.get("$ref").is_some_and(|r| r.as_str().is_some()))
}

/// Keys whose values map names to objects: inside them every key is a name, so a property
/// called `example` or `default` is still walked.
pub(crate) fn is_name_map(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "patternProperties"
            | "definitions"
            | "$defs"
            | "dependentSchemas"
            | "schemas"
            | "parameters"
            | "responses"
            | "examples"
            | "requestBodies"
            | "headers"
            | "securitySchemes"
            | "links"
            | "callbacks"
            | "pathItems"
            | "paths"
            | "webhooks"
            | "content"
            | "encoding"
            | "variables"
            | "mediaTypes"
            | "securityDefinitions"
    )
}

/// Collects every `$ref` in `root`, skipping data. Iterative, so a deep tree cannot
/// overflow the stack here even if the readers' depth limit is raised.
pub(crate) fn collect_ref_sites(file: FileId, root: &Node, out: &mut Vec<RefSite>) {
    // (node, whether its keys are names)
    let mut stack: Vec<(&Node, bool)> = vec![(root, false)];
    while let Some((node, names)) = stack.pop() {
        match &node.value {
            Value::Object(obj) => {
                let first_child = stack.len();
                for entry in &obj.entries {
                    match &entry.value.value {
                        // A string `$ref` is a reference even where keys are names: a
                        // property called `$ref` would hold a schema, and multi-file specs
                        // `$ref` whole maps.
                        Value::String(reference) if entry.key == "$ref" => out.push(RefSite {
                            file,
                            span: entry.value.span,
                            holder: node.span,
                            reference: reference.to_string(),
                        }),
                        Value::Object(_) | Value::Array(_) => {}
                        _ => continue,
                    }
                    if names {
                        stack.push((&entry.value, false));
                    } else if is_data_keyword(&entry.key) {
                        // Data is not scanned, except a value that is nothing but a `$ref`:
                        // bundlers (Redocly) resolve `example: {$ref: examples.yml#/x}`.
                        if is_lone_ref(&entry.value) {
                            stack.push((&entry.value, false));
                        }
                    } else if !(entry.key == "examples" && entry.value.as_array().is_some()) {
                        stack.push((&entry.value, is_name_map(&entry.key)));
                    }
                }
                // Children were pushed in order; reverse them so they pop in document order.
                stack[first_child..].reverse();
            }
            Value::Array(items) => {
                for item in items.iter().rev() {
                    if matches!(item.value, Value::Object(_) | Value::Array(_)) {
                        stack.push((item, false));
                    }
                }
            }
            _ => {}
        }
    }
}

pub(super) struct Loader<'a> {
    pub options: &'a LoadOptions,
    pub ref_root: Option<PathBuf>,
    /// How the referenced files are named (as the root was written).
    pub names: super::source::NameStyle,
    /// The real paths met by the `--ref-root` check.
    pub real_paths: RealPaths,
}

impl Loader<'_> {
    /// Loads every file the references reach, wave by wave: the files the last wave
    /// referred to are read and parsed in parallel (most of the time of a spec split into
    /// thousands of files), then added in the order they were first referred to, so file
    /// ids and diagnostics do not depend on the threads. A file that cannot be read or
    /// parsed is not added; every `$ref` to it gets a diagnostic in [`check_references`].
    pub(crate) fn load_referenced_files(&self, ws: &mut Workspace) {
        let mut wave: Vec<FileId> = vec![0];
        while !wave.is_empty() {
            // Each new location once, in order of first reference; and per (file, document)
            // reference, where it leads.
            let mut to_load: Vec<FileLocation> = Vec::new();
            let mut pending: FxHashMap<FileLocation, usize> = FxHashMap::default();
            let mut refs: Vec<(FileId, String, Result<Target, String>)> = Vec::new();
            let mut seen: FxHashSet<(FileId, String)> = FxHashSet::default();
            for &file in &wave {
                let first_site = ws.ref_sites.len();
                if let Some(root) = ws.files[file].tree() {
                    collect_ref_sites(file, root, &mut ws.ref_sites);
                }
                for i in first_site..ws.ref_sites.len() {
                    // Each file is in one wave only: what it refers to is decided here.
                    let (doc, _) = split_reference(&ws.ref_sites[i].reference);
                    if doc.is_empty() || !seen.insert((file, doc.to_string())) {
                        continue;
                    }
                    let target =
                        self.locate(ws, file, doc)
                            .map(|location| match ws.files.find(&location) {
                                Some(id) => Target::Loaded(id),
                                None => {
                                    let n = to_load.len();
                                    let k = *pending.entry(location.clone()).or_insert(n);
                                    if k == n {
                                        to_load.push(location);
                                    }
                                    Target::Pending(k)
                                }
                            });
                    refs.push((file, doc.to_string(), target));
                }
            }
            let read = read_all(&to_load, self.options, self.names);
            let mut ids: Vec<Result<FileId, String>> = Vec::with_capacity(read.len());
            let mut next_wave = Vec::new();
            for (location, result) in to_load.into_iter().zip(read) {
                ids.push(result.map(|(name, text, format, parsed)| {
                    let id = ws.add_file(
                        location,
                        name,
                        text,
                        format,
                        Some(parsed.root),
                        parsed.warnings,
                    );
                    next_wave.push(id);
                    id
                }));
            }
            for (file, doc, target) in refs {
                let target = target.and_then(|t| match t {
                    Target::Loaded(id) => Ok(id),
                    Target::Pending(k) => ids[k].clone(),
                });
                ws.external.insert((file, doc), target);
            }
            wave = next_wave;
        }
        ws.ref_sites.shrink_to_fit();
    }

    /// Where reference document `doc` found in `from` leads, if it may be followed.
    fn locate(&self, ws: &Workspace, from: FileId, doc: &str) -> Result<FileLocation, String> {
        let decoded = crate::tree::pointer::from_fragment(doc)?;
        let location = ws.files[from].location.join(&decoded)?;
        self.check_allowed(&ws.files[from].location, &location)?;
        Ok(location)
    }

    fn check_allowed(&self, from: &FileLocation, to: &FileLocation) -> Result<(), String> {
        match (from, to) {
            (_, FileLocation::Url(url)) if !self.options.allow_url_refs => Err(format!(
                "`{url}` is a URL reference; pass --allow-url-refs to follow it"
            )),
            (FileLocation::Url(_), FileLocation::Path(p)) => Err(format!(
                "`{}` is a local file, which a document read from a URL may not reach",
                p.display()
            )),
            (_, FileLocation::Path(p)) => match &self.ref_root {
                Some(root) if !self.real_paths.is_inside(p, root) => Err(format!(
                    "`{}` is outside the allowed directory `{}` (set it with --ref-root)",
                    p.display(),
                    root.display()
                )),
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }
}

/// Paths with their symbolic links followed, each directory canonicalised once and each
/// file looked at once. Canonicalising every reference's target and the root each time cost
/// a failing `readlink` per path component: 114,339 calls for DigitalOcean's 2,898 files.
#[derive(Default)]
pub(super) struct RealPaths {
    dirs: RefCell<FxHashMap<PathBuf, PathBuf>>,
    files: RefCell<FxHashMap<PathBuf, PathBuf>>,
}

impl RealPaths {
    /// Whether `path` is below `root`, after following symbolic links where the files exist.
    fn is_inside(&self, path: &Path, root: &Path) -> bool {
        self.real(path).starts_with(self.real_dir(root))
    }

    /// `path` with its links followed: its directory's real path and its name, unless the
    /// file is itself a link (then followed whole).
    fn real(&self, path: &Path) -> PathBuf {
        if let Some(real) = self.files.borrow().get(path) {
            return real.clone();
        }
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let real = match (path.parent(), path.file_name()) {
            (Some(dir), Some(name)) if !is_link && !dir.as_os_str().is_empty() => {
                self.real_dir(dir).join(name)
            }
            _ => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        };
        self.files
            .borrow_mut()
            .insert(path.to_path_buf(), real.clone());
        real
    }

    fn real_dir(&self, dir: &Path) -> PathBuf {
        if let Some(real) = self.dirs.borrow().get(dir) {
            return real.clone();
        }
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        self.dirs
            .borrow_mut()
            .insert(dir.to_path_buf(), real.clone());
        real
    }
}

/// Resolves every `$ref` met while loading; each one that leads nowhere becomes an
/// `unresolved-ref` diagnostic at the reference.
pub(super) fn check_references(ws: &mut Workspace) {
    let mut problems = Vec::new();
    // Real specs repeat the same few thousand references many times over.
    let mut seen: rustc_hash::FxHashMap<(FileId, &str), Option<String>> = Default::default();
    for site in &ws.ref_sites {
        let outcome = seen
            .entry((site.file, site.reference.as_str()))
            .or_insert_with(|| ws.resolve(site.file, &site.reference).err());
        if let Some(why) = outcome.clone() {
            problems.push(
                Diagnostic::new(
                    "unresolved-ref",
                    Severity::Error,
                    format!("`$ref: {}` does not resolve: {why}", site.reference),
                )
                .at(site.file, site.span, "this reference"),
            );
        }
    }
    ws.diagnostics.extend(problems);
}

/// Where a reference leads while its wave is being loaded.
enum Target {
    Loaded(FileId),
    /// The k-th file of the wave's reading.
    Pending(usize),
}

/// A file read and parsed: its name, text, format and tree.
type Read = (String, String, crate::tree::Format, crate::tree::Parsed);

/// Reads and parses `locations` on up to four threads; results in the same order.
fn read_all(
    locations: &[FileLocation],
    options: &LoadOptions,
    names: super::source::NameStyle,
) -> Vec<Result<Read, String>> {
    let read_one = |location: &FileLocation| -> Result<Read, String> {
        let name = location.display_name_as(names);
        let bytes = source::read_bytes(location, &options.read)
            .map_err(|why| format!("cannot read `{name}`: {why}"))?;
        let text = super::decode_text(bytes).map_err(|(_, why, _)| format!("`{name}`: {why}"))?;
        match super::parse_text(&text, &options.limits) {
            Ok((format, parsed)) => Ok((name, text, format, parsed)),
            Err(e) => {
                let lc = crate::tree::SourceMap::new(&text).line_col(&text, e.offset);
                Err(format!("`{name}`:{}:{}: {}", lc.line, lc.column, e.message))
            }
        }
    };
    // The parsers are iterative, but give them the main thread's stack all the same.
    crate::parallel::map_in_order(
        locations.len(),
        crate::parallel::default_threads(4),
        8 << 20,
        || (),
        |_, k| read_one(&locations[k]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Limits, json};

    #[test]
    fn data_is_not_scanned_for_refs_but_names_are() {
        let text = r##"{
          "components": {"schemas": {"A": {"properties": {
              "example": {"$ref": "#/x"},
              "b": {"default": {"$ref": "#/data", "x": 1}, "example": [{"$ref": "#/data"}]},
              "c": {"example": {"$ref": "#/bundled"}}
          }}},
          "examples": {"scim": {"value": {"members": [{"$ref": "https://data"}]}}}}
        }"##;
        let root = json::parse(text, &Limits::default()).unwrap().root;
        let mut sites = Vec::new();
        collect_ref_sites(0, &root, &mut sites);
        let refs: Vec<_> = sites.iter().map(|s| s.reference.as_str()).collect();
        assert_eq!(refs, ["#/x", "#/bundled"]);
    }

    #[test]
    fn split_keeps_empty_parts() {
        assert_eq!(split_reference("#/a"), ("", "/a"));
        assert_eq!(split_reference("b.yaml"), ("b.yaml", ""));
        assert_eq!(split_reference("b.yaml#/c"), ("b.yaml", "/c"));
    }
}
