//! The one diagnostic type behind every finding: load problems, diff changes and lint
//! results all become a [`Diagnostic`], which the text reporter renders with snippets and the
//! JSON reporter serialises with file, line, column and pointer.

use crate::load::{FileId, Workspace};
use crate::tree::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in one loaded file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: FileId,
    pub span: Span,
}

/// A labelled span: the primary label says where, secondary ones add context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub location: Location,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case identifier, e.g. `unresolved-ref`.
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(code: impl Into<String>, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.into(),
            severity,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn at(mut self, file: FileId, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            location: Location { file, span },
            message: label.into(),
        });
        self
    }

    pub fn with_secondary(mut self, file: FileId, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            location: Location { file, span },
            message: label.into(),
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// A location resolved to what a person or a machine reads: file name, 1-based line and
/// column of the start and end, and the JSON pointer of the node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub pointer: String,
}

impl Workspace {
    pub fn position(&self, location: Location) -> Position {
        let file = self.file(location.file);
        let start = file.map.line_col(&file.text, location.span.start as usize);
        let end = file.map.line_col(&file.text, location.span.end as usize);
        let pointer = file
            .root
            .as_ref()
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

/// The machine-readable form of a diagnostic.
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticRecord {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    #[serde(flatten)]
    pub position: Option<Position>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn record(&self, workspace: &Workspace) -> DiagnosticRecord {
        DiagnosticRecord {
            code: self.code.clone(),
            severity: self.severity,
            message: self.message.clone(),
            position: self
                .primary
                .as_ref()
                .map(|l| workspace.position(l.location)),
            notes: self.notes.clone(),
        }
    }
}

/// Renders diagnostics as rustc does: severity, code, message, then the source lines with
/// every labelled span underlined.
pub fn render_text(
    workspace: &Workspace,
    diagnostics: &[Diagnostic],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use codespan_reporting::diagnostic as cs;
    let config = codespan_reporting::term::Config::default();
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Info => cs::Severity::Note,
        };
        let marked: Vec<(&Label, cs::LabelStyle)> = d
            .primary
            .iter()
            .map(|l| (l, cs::LabelStyle::Primary))
            .chain(d.secondary.iter().map(|l| (l, cs::LabelStyle::Secondary)))
            .collect();
        let rendered = cs::Diagnostic::new(severity)
            .with_code(d.code.clone())
            .with_message(d.message.clone())
            .with_notes(d.notes.clone());
        let spans: Vec<_> = marked
            .iter()
            .map(|(l, _)| (workspace.file(l.location.file), l.location.span.range()))
            .collect();
        // A label on a line of a minified document: the line cut to windows around it.
        let emitted = if crate::report::window::needs_window(&spans) {
            let (files, ranges) = crate::report::window::Windowed::new(&spans);
            let labels = marked
                .iter()
                .zip(ranges)
                .map(|((l, style), (file, range))| {
                    cs::Label::new(*style, file, range).with_message(l.message.clone())
                })
                .collect();
            codespan_reporting::term::emit_to_io_write(
                out,
                &config,
                &files,
                &rendered.with_labels(labels),
            )
        } else {
            let labels = marked
                .iter()
                .map(|(l, style)| {
                    cs::Label::new(*style, l.location.file, l.location.span.range())
                        .with_message(l.message.clone())
                })
                .collect();
            codespan_reporting::term::emit_to_io_write(
                out,
                &config,
                workspace,
                &rendered.with_labels(labels),
            )
        };
        emitted.map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// Lets codespan-reporting read snippets straight from the loaded files.
impl<'a> codespan_reporting::files::Files<'a> for Workspace {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files()
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files()
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
            .files()
            .get(id)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(file.map.line_col(&file.text, byte_index).line - 1)
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        use codespan_reporting::files::Error;
        let file = self.files().get(id).ok_or(Error::FileMissing)?;
        let start = file
            .map
            .line_start(line_index + 1)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: file.map.line_count() - 1,
            })?;
        let end = file
            .map
            .line_start(line_index + 2)
            .unwrap_or(file.text.len());
        Ok(start..end)
    }
}
