//! The file store: every file a command read, by id, with its name, text, tree and line
//! index. It sits below both [`crate::load`] (which fills it) and [`crate::diagnostic`]
//! (which renders snippets from it), so that neither depends on the other: a diagnostic
//! names a [`FileId`] and a span, and only the store turns that into `file:line:col`.
//!
//! How a file is found and read (paths, stdin, URLs, git revisions, `$ref` joining) is the
//! loader's business: [`FileLocation`]'s reading methods live in `load::source`.

use crate::tree::{Format, Limits, Node, SourceMap, Span};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// The index of a file in its [`FileStore`]; `0` is the root document.
pub type FileId = usize;

/// The place one file was read from; relative references resolve against it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FileLocation {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// An http(s) URL.
    Url(String),
    /// A blob at a git revision: `path` is relative to the top of the work tree `repo`;
    /// `rev` is the revision as the user wrote it (for display), `commit` the full hash it
    /// resolved to (what is read).
    Git {
        /// The top of the git work tree.
        repo: PathBuf,
        /// The revision as the user wrote it.
        rev: String,
        /// The full commit hash it resolved to.
        commit: String,
        /// The path relative to `repo`.
        path: String,
    },
}

/// One file: its text, its tree and how to map spans to lines.
#[derive(Debug)]
pub struct SourceFile {
    /// Its index in the store.
    pub id: FileId,
    /// What findings call this file (a path relative to the working directory when possible).
    pub name: String,
    /// Where it was read from.
    pub location: FileLocation,
    /// Its text (UTF-8; a BOM removed).
    pub text: String,
    /// JSON or YAML, as detected from the content.
    pub format: Format,
    /// `None` when the file could not be read or parsed (a diagnostic says why). Read
    /// through [`SourceFile::tree`], which reads the text again after
    /// [`FileStore::release_trees`].
    root: Option<Node>,
    /// Whether the tree was released: it is then read again, once, on demand.
    released: bool,
    /// The tree read again after its release.
    reread: OnceLock<Option<Node>>,
    /// Values read on their own after the release (see [`SourceFile::node_at`]), by span:
    /// several changes are often placed in one object.
    read_alone: Mutex<FxHashMap<Span, Option<Arc<Node>>>>,
    /// Its line index, for `line:column`, made when first asked (see [`SourceFile::map`]).
    map: OnceLock<SourceMap>,
}

impl SourceFile {
    /// Its line index. Made on first use, not when the file is read: a run that reports no
    /// position (most runs of `inspect`, a diff without changes) never needs it, and one
    /// that does needs it after the model is built, the peak of memory it would add to.
    pub fn map(&self) -> &SourceMap {
        self.map.get_or_init(|| SourceMap::new(&self.text))
    }

    /// The node written exactly at `span`. After [`FileStore::release_trees`] it is read on
    /// its own from the text at `span` when the whole tree has not been read again: a text
    /// report that needs a few objects (a keyword's place, a description) then reads those,
    /// not the file (a tenth of a second for each side of a 4 MB YAML pair).
    pub fn node_at(&self, span: Span) -> Option<NodeAt<'_>> {
        let whole_tree_at_hand = !self.released || self.reread.get().is_some();
        if !whole_tree_at_hand {
            let alone = self
                .read_alone
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(span)
                .or_insert_with(|| self.read_alone(span).map(Arc::new))
                .clone();
            if let Some(node) = alone {
                return Some(NodeAt::ReadAlone(node));
            }
        }
        crate::tree::pointer::node_with_span(self.tree()?, span).map(NodeAt::InTree)
    }

    /// The value written at `span`, read from that part of the text alone, with spans of the
    /// whole file; `None` when the part does not read on its own (a YAML alias to an anchor
    /// outside it, a block collection that does not start its line), or reads as a value of
    /// another extent.
    fn read_alone(&self, span: Span) -> Option<Node> {
        let (start, end) = (span.start as usize, span.end as usize);
        let part = self.text.get(start..end)?;
        let limits = Limits::unbounded();
        let (parsed, shift) = match self.format {
            Format::Json => (crate::tree::json::parse(part, &limits).ok()?, start),
            // A flow collection reads alone as it is written.
            Format::Yaml if part.starts_with(['{', '[']) => {
                (crate::tree::yaml::parse(part, &limits).ok()?, start)
            }
            Format::Yaml => {
                // A block collection's first key is at the column of its later ones: indent
                // the part as far, so that it reads as the document's top value. What
                // precedes it on its line may only be indentation and `- ` markers.
                let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
                let before = &self.text[line_start..start];
                if !before.bytes().all(|b| b == b' ' || b == b'-') {
                    return None;
                }
                let padded = format!("{}{part}", " ".repeat(before.len()));
                let parsed = crate::tree::yaml::parse(&padded, &limits).ok()?;
                (parsed, start - before.len())
            }
        };
        let mut node = parsed.root;
        shift_spans(&mut node, shift as u32);
        (node.span == span).then_some(node)
    }

    /// The file's tree: `None` when it could not be read or parsed.
    pub fn tree(&self) -> Option<&Node> {
        if !self.released {
            return self.root.as_ref();
        }
        self.reread
            .get_or_init(|| {
                // The text was read into a tree before under the command's limits, so the
                // same reader gives the same tree; the limits could only refuse it.
                let limits = Limits::unbounded();
                let parsed = match self.format {
                    Format::Json => crate::tree::json::parse(&self.text, &limits),
                    Format::Yaml => crate::tree::yaml::parse(&self.text, &limits),
                };
                parsed.ok().map(|p| p.root)
            })
            .as_ref()
    }
}

/// A node of a file (see [`SourceFile::node_at`]): in its tree, or read on its own.
pub enum NodeAt<'a> {
    /// In the file's tree.
    InTree(&'a Node),
    /// Read on its own from its part of the text.
    ReadAlone(Arc<Node>),
}

impl std::ops::Deref for NodeAt<'_> {
    type Target = Node;
    fn deref(&self) -> &Node {
        match self {
            NodeAt::InTree(node) => node,
            NodeAt::ReadAlone(node) => node,
        }
    }
}

/// Moves every span of a tree read from a part of a file to where it is in the file.
fn shift_spans(node: &mut Node, by: u32) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        node.span = Span::new(
            (node.span.start + by) as usize,
            (node.span.end + by) as usize,
        );
        match &mut node.value {
            crate::tree::Value::Array(items) => stack.extend(items.iter_mut()),
            crate::tree::Value::Object(o) => {
                for e in o.entries.iter_mut() {
                    e.key_span = Span::new(
                        (e.key_span.start + by) as usize,
                        (e.key_span.end + by) as usize,
                    );
                    stack.push(&mut e.value);
                }
            }
            _ => {}
        }
    }
}

/// A place in one file of a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// The byte range in its text.
    pub span: Span,
}

/// A location resolved to what a person or a machine reads: file name, 1-based line and
/// column of the start and end, and the JSON pointer of the node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// The file's name as findings show it.
    pub file: String,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end (exclusive), in characters.
    pub end_column: usize,
    /// The JSON pointer of the node (`/paths/~1pets/get`).
    pub pointer: String,
}

/// Every file read, in the order read; each location is read once.
#[derive(Debug, Default)]
pub struct FileStore {
    files: Vec<SourceFile>,
    by_location: FxHashMap<FileLocation, FileId>,
}

impl FileStore {
    /// Adds a file and returns its id.
    pub fn add(
        &mut self,
        location: FileLocation,
        name: String,
        text: String,
        format: Format,
        root: Option<Node>,
    ) -> FileId {
        let id = self.files.len();
        self.by_location.insert(location.clone(), id);
        self.files.push(SourceFile {
            id,
            name,
            location,
            text,
            format,
            root,
            released: false,
            reread: OnceLock::new(),
            read_alone: Mutex::default(),
            map: OnceLock::new(),
        });
        id
    }

    /// Drops every file's tree. A tree takes three to seven times its text, and the diff
    /// commands need trees only to build the models and, afterwards, to place the few
    /// changes they show: [`SourceFile::tree`] reads a released file again when asked.
    pub fn release_trees(&mut self) {
        // Freed here: freeing on another thread was slower (the allocator's arenas are
        // shared), and leaving them would keep the memory this is for.
        for file in &mut self.files {
            if file.root.take().is_some() {
                file.released = true;
                file.reread = OnceLock::new();
            }
        }
    }

    /// The id of the file read from `location`, if it was read.
    pub fn find(&self, location: &FileLocation) -> Option<FileId> {
        self.by_location.get(location).copied()
    }

    /// The file with this id (panics on an id of another store).
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    /// Resolves a location to file name, lines, columns and JSON pointer.
    pub fn position(&self, location: Location) -> Position {
        let file = self.file(location.file);
        let start = file
            .map()
            .line_col(&file.text, location.span.start as usize);
        let end = file.map().line_col(&file.text, location.span.end as usize);
        let pointer = file
            .tree()
            .map(|root| crate::tree::pointer::pointer_at(root, location.span))
            .unwrap_or_default();
        Position {
            file: file.name.clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            pointer,
        }
    }
}

/// A store reads as the slice of its files (`iter`, `len`, indexing by [`FileId`]).
impl std::ops::Deref for FileStore {
    type Target = [SourceFile];

    fn deref(&self) -> &[SourceFile] {
        &self.files
    }
}

impl<'a> IntoIterator for &'a FileStore {
    type Item = &'a SourceFile;
    type IntoIter = std::slice::Iter<'a, SourceFile>;

    fn into_iter(self) -> Self::IntoIter {
        self.files.iter()
    }
}

/// Lets codespan-reporting read snippets straight from the store.
impl<'a> codespan_reporting::files::Files<'a> for FileStore {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id)
            .map(|f| f.text.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let file = self
            .files
            .get(id)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(file.map().line_col(&file.text, byte_index).line - 1)
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        use codespan_reporting::files::Error;
        let file = self.files.get(id).ok_or(Error::FileMissing)?;
        let start = file
            .map()
            .line_start(line_index + 1)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: file.map().line_count() - 1,
            })?;
        let end = file
            .map()
            .line_start(line_index + 2)
            .unwrap_or(file.text.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_name_line_column_and_pointer() {
        let text = "openapi: 3.0.3\ninfo:\n  title: x\n".to_string();
        let root = crate::tree::yaml::parse(&text, &Default::default())
            .unwrap()
            .root;
        let mut store = FileStore::default();
        let location = FileLocation::Path("/tmp/a.yaml".into());
        let id = store.add(
            location.clone(),
            "a.yaml".into(),
            text,
            Format::Yaml,
            Some(root),
        );
        assert_eq!(store.find(&location), Some(id));
        let at = store.position(Location {
            file: id,
            span: Span::new(30, 31),
        });
        assert_eq!(
            (at.file.as_str(), at.line, at.column, at.pointer.as_str()),
            ("a.yaml", 3, 10, "/info/title")
        );
    }

    /// Every object and array of a released file reads on its own as the same value, with
    /// the same spans, as in the whole tree.
    #[test]
    fn a_released_file_reads_each_value_alone_as_in_the_tree() {
        let yaml = "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      tags: [x, y]\n      responses:\n        '200': {description: ok}\n        default:\n          description: |\n            long\n            text\n          x-list:\n            - name: n\n              in: query\n            - &p {name: m, in: path}\n            - *p\n";
        let json = r#"{"a": {"b": [1, {"c": "d"}], "e": {}}, "f": "g"}"#;
        for (text, format) in [(yaml, Format::Yaml), (json, Format::Json)] {
            let tree = match format {
                Format::Yaml => crate::tree::yaml::parse(text, &Default::default()),
                Format::Json => crate::tree::json::parse(text, &Default::default()),
            }
            .unwrap()
            .root;
            let mut spans = Vec::new();
            let mut stack = vec![&tree];
            while let Some(node) = stack.pop() {
                match &node.value {
                    crate::tree::Value::Object(o) => {
                        spans.push(node.span);
                        stack.extend(o.entries.iter().map(|e| &e.value));
                    }
                    crate::tree::Value::Array(items) => {
                        spans.push(node.span);
                        stack.extend(items.iter());
                    }
                    _ => {}
                }
            }
            let mut store = FileStore::default();
            let id = store.add(
                FileLocation::Path("f".into()),
                "f".into(),
                text.to_string(),
                format,
                Some(tree.clone()),
            );
            store.release_trees();
            for span in spans {
                let alone = store.file(id).node_at(span).expect("read");
                assert!(matches!(alone, NodeAt::ReadAlone(_)), "{format:?} {span:?}");
                let in_tree = crate::tree::pointer::node_with_span(&tree, span).unwrap();
                assert_eq!(&*alone, in_tree, "{format:?} {span:?}");
            }
        }
    }
}
