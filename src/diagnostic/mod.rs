//! The one diagnostic type behind every finding: load problems, diff changes and lint
//! results all become a [`Diagnostic`], which the text reporter renders with snippets and the
//! JSON reporter serialises with file, line, column and pointer.

pub(crate) mod window;

use crate::files::{FileId, FileStore};
pub use crate::files::{Location, Position};
use crate::tree::Span;
use serde::Serialize;

/// How much a finding matters: the one severity of every finding. Load problems and
/// changes are `info`, `warning` or `error` (a change's level under a profile); lint rules
/// add Spectral's `hint` below `info`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Spectral's `hint`: lint only.
    Hint,
    /// Worth knowing, breaks nothing.
    Info,
    /// May break some clients, or needs a look.
    #[serde(alias = "warn")]
    Warning,
    /// Breaks clients (for a change), or a defect (for lint).
    Error,
}

impl Severity {
    /// The lower-case name: `hint`, `info`, `warning`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Spectral's spelling (`warn`), kept in lint outputs that users compare with Spectral's.
    pub fn spectral_name(self) -> &'static str {
        match self {
            Severity::Warning => "warn",
            other => other.as_str(),
        }
    }

    /// Any spelling users write: `hint`, `info` (`information`), `warning` (`warn`),
    /// `error` (`err`), in any case.
    pub fn parse(text: &str) -> Option<Severity> {
        Some(match text.to_ascii_lowercase().as_str() {
            "hint" => Severity::Hint,
            "info" | "information" => Severity::Info,
            "warning" | "warn" => Severity::Warning,
            "error" | "err" => Severity::Error,
            _ => return None,
        })
    }

    /// A lint severity as Spectral's rulesets write it: `error`, `warn` (`warning`), `info`
    /// (`information`), `hint`, in lower case.
    pub fn parse_spectral(text: &str) -> Option<Severity> {
        Some(match text {
            "error" => Severity::Error,
            "warn" | "warning" => Severity::Warning,
            "info" | "information" => Severity::Info,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }

    /// A change's level: as [`Severity::parse`], without `hint`.
    pub fn parse_level(text: &str) -> Option<Severity> {
        Severity::parse(text).filter(|s| *s != Severity::Hint)
    }
}

/// A labelled span: the primary label says where, secondary ones add context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub location: Location,
    /// What the label says at that place (may be empty).
    pub message: String,
}

/// One finding: a load problem, a change, a lint result, with where it is and what to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case identifier, e.g. `unresolved-ref`.
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// The one-line message.
    pub message: String,
    /// The place it is about, when it has one.
    pub primary: Option<Label>,
    pub(crate) secondary: Vec<Label>,
    /// Lines printed after the snippet (`= note: ...`).
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with no place yet.
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

    /// Sets the primary place and its label.
    pub fn at(mut self, file: FileId, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            location: Location { file, span },
            message: label.into(),
        });
        self
    }

    /// Adds a secondary place, for context.
    pub fn with_secondary(mut self, file: FileId, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            location: Location { file, span },
            message: label.into(),
        });
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// The machine-readable form of a diagnostic.
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticRecord {
    /// Stable kebab-case identifier, e.g. `unresolved-ref`.
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// The one-line message.
    pub message: String,
    /// Where the primary label is (flattened into the record), when it has one.
    #[serde(flatten)]
    pub position: Option<Position>,
    /// The notes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// The record of this diagnostic, positions resolved against the files it names.
    pub fn record(&self, files: &FileStore) -> DiagnosticRecord {
        DiagnosticRecord {
            code: self.code.clone(),
            severity: self.severity,
            message: self.message.clone(),
            position: self.primary.as_ref().map(|l| files.position(l.location)),
            notes: self.notes.clone(),
        }
    }
}

/// Whether text reports colour their snippets; the command line sets it once from
/// `--color`, `NO_COLOR` and whether standard output is a terminal. A process-wide switch
/// because it is a property of where the output goes, not of any one report.
static COLOR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turns colour on or off for every text renderer.
pub fn set_color(on: bool) {
    COLOR.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Writes one codespan diagnostic, with ANSI colours when [`set_color`] turned them on.
pub(crate) fn emit<'f, F: codespan_reporting::files::Files<'f> + ?Sized>(
    out: &mut dyn std::io::Write,
    config: &codespan_reporting::term::Config,
    files: &'f F,
    diagnostic: &codespan_reporting::diagnostic::Diagnostic<F::FileId>,
) -> std::io::Result<()> {
    let emitted = if COLOR.load(std::sync::atomic::Ordering::Relaxed) {
        let mut coloured = termcolor::Ansi::new(out);
        codespan_reporting::term::emit_to_write_style(&mut coloured, config, files, diagnostic)
    } else {
        codespan_reporting::term::emit_to_io_write(out, config, files, diagnostic)
    };
    // A write error keeps its kind: a reader that closed the pipe (BrokenPipe) is no failure.
    emitted.map_err(|e| match e {
        codespan_reporting::files::Error::Io(e) => e,
        other => std::io::Error::other(other),
    })
}

/// Renders diagnostics as rustc does: severity, code, message, then the source lines with
/// every labelled span underlined.
pub fn render_text<D: std::borrow::Borrow<Diagnostic>>(
    files: &FileStore,
    diagnostics: impl IntoIterator<Item = D>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use codespan_reporting::diagnostic as cs;
    let config = codespan_reporting::term::Config::default();
    for d in diagnostics {
        let d = d.borrow();
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Info | Severity::Hint => cs::Severity::Note,
        };
        // Each label with the range shown and its message (naming the last line of a tall
        // label cut to its first).
        let marked: Vec<(&Label, cs::LabelStyle, std::ops::Range<usize>, String)> = d
            .primary
            .iter()
            .map(|l| (l, cs::LabelStyle::Primary))
            .chain(d.secondary.iter().map(|l| (l, cs::LabelStyle::Secondary)))
            .map(|(l, style)| {
                let file = files.file(l.location.file);
                match window::shorten_tall(file, l.location.span.range()) {
                    (range, None) => (l, style, range, l.message.clone()),
                    (range, Some(last)) => {
                        let message = match l.message.as_str() {
                            "" => format!("through line {last}"),
                            m => format!("{m} (through line {last})"),
                        };
                        (l, style, range, message)
                    }
                }
            })
            .collect();
        let rendered = cs::Diagnostic::new(severity)
            .with_code(d.code.clone())
            .with_message(d.message.clone())
            .with_notes(d.notes.clone());
        let spans: Vec<_> = marked
            .iter()
            .map(|(l, _, range, _)| (files.file(l.location.file), range.clone()))
            .collect();
        // A label on a line of a minified document: the line cut to windows around it.
        let emitted = if window::needs_window(&spans) {
            let (windows, ranges) = window::Windowed::new(&spans);
            let labels = marked
                .iter()
                .zip(ranges)
                .map(|((_, style, _, message), (file, range))| {
                    cs::Label::new(*style, file, range).with_message(message.clone())
                })
                .collect();
            emit(out, &config, &windows, &rendered.with_labels(labels))
        } else {
            let labels = marked
                .iter()
                .map(|(l, style, range, message)| {
                    cs::Label::new(*style, l.location.file, range.clone())
                        .with_message(message.clone())
                })
                .collect();
            emit(out, &config, files, &rendered.with_labels(labels))
        };
        emitted?;
    }
    Ok(())
}
