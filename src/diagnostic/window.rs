//! Snippets of very long lines. A published `openapi.json` is often minified: one line of
//! megabytes, which codespan would print whole under every finding (a lint of one such
//! document once wrote 2 GB). As rustc does, a long line is cut to windows around the ends of
//! the labels on it, joined by `…`; the line and column numbers printed stay those of the
//! real text.
//!
//! A renderer asks [`needs_window`] for a diagnostic's labels and, when it says so, renders
//! against a [`Windowed`] file set built for that diagnostic alone (its size is bounded by the
//! number of labels, not by the file).

use crate::files::SourceFile;
use codespan_reporting::files::{Error, Files};
use std::ops::Range;

/// A line longer than this many bytes is cut into windows.
pub(crate) const LONG_LINE: usize = 240;
/// Bytes kept on each side of a label's start and end.
const CONTEXT: usize = 48;
const CUT: &str = "…";

/// The real line (start..end, without its newline) that byte `at` of `file` is on.
fn line_around(file: &SourceFile, at: usize) -> Range<usize> {
    let at = at.min(file.text.len());
    let line = file.map().line_col(&file.text, at).line;
    let start = file.map().line_start(line).unwrap_or(0);
    let end = file
        .map()
        .line_start(line + 1)
        .map_or(file.text.len(), |next| next - 1);
    start..end.max(start)
}

/// A label over more lines than this is shown on its first line only.
pub(crate) const TALL_LABEL: usize = 24;

/// A label's range as shown: a range over more than [`TALL_LABEL`] lines is cut to its
/// first line, and the 1-based line it ends on is returned for the label's message.
/// codespan prints the first and last lines of a tall label, but builds every line between
/// first: a finding on a whole 100,000-line document took 36 MB and most of a lint's time.
pub(crate) fn shorten_tall(
    file: &SourceFile,
    range: Range<usize>,
) -> (Range<usize>, Option<usize>) {
    let first = file
        .map()
        .line_col(&file.text, range.start.min(file.text.len()))
        .line;
    let last = file
        .map()
        .line_col(&file.text, range.end.min(file.text.len()))
        .line;
    if last - first <= TALL_LABEL {
        return (range, None);
    }
    let line = line_around(file, range.start);
    (
        range.start..line.end.max(range.start + 1).min(range.end),
        Some(last),
    )
}

/// Whether any label starts on a line too long to print whole.
pub(crate) fn needs_window(labels: &[(&SourceFile, Range<usize>)]) -> bool {
    labels
        .iter()
        .any(|(file, range)| line_around(file, range.start).len() > LONG_LINE)
}

/// A run of real bytes kept in a windowed line.
#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Offset in the windowed text.
    shown: usize,
    /// Offset in the real text.
    real: usize,
    len: usize,
}

struct WindowedFile<'a> {
    real: &'a SourceFile,
    text: String,
    /// Start of each windowed line in `text`.
    line_starts: Vec<usize>,
    /// The real 1-based line number of each windowed line.
    line_numbers: Vec<usize>,
    pieces: Vec<Piece>,
}

impl WindowedFile<'_> {
    fn to_shown(&self, real: usize) -> usize {
        let piece = self
            .pieces
            .iter()
            .find(|p| (p.real..=p.real + p.len).contains(&real))
            .or_else(|| self.pieces.iter().rev().find(|p| p.real <= real))
            .or(self.pieces.first());
        match piece {
            Some(p) => p.shown + real.saturating_sub(p.real).min(p.len),
            None => 0,
        }
    }

    fn to_real(&self, shown: usize) -> usize {
        match self.pieces.iter().rev().find(|p| p.shown <= shown) {
            Some(p) => p.real + (shown - p.shown).min(p.len),
            None => 0,
        }
    }
}

/// The files of one diagnostic, each cut to windows around its labels.
pub(crate) struct Windowed<'a> {
    files: Vec<WindowedFile<'a>>,
}

impl<'a> Windowed<'a> {
    /// Builds the windowed files for `labels` (each a file and a byte range in it) and
    /// returns, for each label in order, its file id and range in the windowed set. A label
    /// is kept to the line it starts on.
    pub fn new(
        labels: &[(&'a SourceFile, Range<usize>)],
    ) -> (Windowed<'a>, Vec<(usize, Range<usize>)>) {
        let mut files: Vec<WindowedFile<'a>> = Vec::new();
        let mut file_of = Vec::with_capacity(labels.len());
        for (file, _) in labels {
            let index = match files.iter().position(|f| std::ptr::eq(f.real, *file)) {
                Some(i) => i,
                None => {
                    files.push(WindowedFile {
                        real: file,
                        text: String::new(),
                        line_starts: Vec::new(),
                        line_numbers: Vec::new(),
                        pieces: Vec::new(),
                    });
                    files.len() - 1
                }
            };
            file_of.push(index);
        }
        // Each label clamped to its first line.
        let clamped: Vec<Range<usize>> = labels
            .iter()
            .map(|(file, range)| {
                let line = line_around(file, range.start);
                let start = range.start.clamp(line.start, line.end);
                start..range.end.clamp(start, line.end)
            })
            .collect();
        for (index, wf) in files.iter_mut().enumerate() {
            let mut lines: Vec<Range<usize>> = clamped
                .iter()
                .zip(&file_of)
                .filter(|(_, f)| **f == index)
                .map(|(r, _)| line_around(wf.real, r.start))
                .collect();
            lines.sort_by_key(|l| l.start);
            lines.dedup();
            for line in lines {
                let ends: Vec<usize> = clamped
                    .iter()
                    .zip(&file_of)
                    .filter(|(r, f)| **f == index && line.start <= r.start && r.start <= line.end)
                    .flat_map(|(r, _)| [r.start, r.end])
                    .collect();
                add_line(wf, line, &ends);
            }
        }
        let ranges = clamped
            .iter()
            .zip(&file_of)
            .map(|(r, &f)| (f, files[f].to_shown(r.start)..files[f].to_shown(r.end)))
            .collect();
        (Windowed { files }, ranges)
    }
}

/// Appends `line` of `wf.real` to the windowed text: whole when short, else the windows
/// around `ends` (byte offsets on the line).
fn add_line(wf: &mut WindowedFile<'_>, line: Range<usize>, ends: &[usize]) {
    let text = &wf.real.text;
    wf.line_starts.push(wf.text.len());
    wf.line_numbers
        .push(wf.real.map().line_col(text, line.start).line);
    let mut windows: Vec<Range<usize>> = if line.len() <= LONG_LINE {
        vec![line.clone()]
    } else {
        ends.iter()
            .map(|&at| at.saturating_sub(CONTEXT).max(line.start)..(at + CONTEXT).min(line.end))
            .collect()
    };
    windows.sort_by_key(|w| w.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for w in windows {
        let w = floor_boundary(text, w.start)..floor_boundary(text, w.end);
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    let mut at = line.start;
    for w in merged {
        if w.start > at {
            wf.text.push_str(if at == line.start { "" } else { " " });
            wf.text.push_str(CUT);
            wf.text.push(' ');
        }
        wf.pieces.push(Piece {
            shown: wf.text.len(),
            real: w.start,
            len: w.len(),
        });
        wf.text.push_str(&text[w.clone()]);
        at = w.end;
    }
    if at < line.end {
        wf.text.push(' ');
        wf.text.push_str(CUT);
    }
    wf.text.push('\n');
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl<'a> Files<'a> for Windowed<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        self.files
            .get(id)
            .map(|f| f.real.name.as_str())
            .ok_or(Error::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        self.files
            .get(id)
            .map(|f| f.text.as_str())
            .ok_or(Error::FileMissing)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let f = self.files.get(id).ok_or(Error::FileMissing)?;
        Ok(f.line_starts
            .partition_point(|&s| s <= byte_index)
            .saturating_sub(1))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let f = self.files.get(id).ok_or(Error::FileMissing)?;
        let start = *f.line_starts.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: f.line_starts.len().saturating_sub(1),
        })?;
        let end = f
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(f.text.len());
        Ok(start..end)
    }

    /// The real line number, not the windowed one.
    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, Error> {
        let f = self.files.get(id).ok_or(Error::FileMissing)?;
        f.line_numbers
            .get(line_index)
            .copied()
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: f.line_numbers.len().saturating_sub(1),
            })
    }

    /// The real column, counted in the real line.
    fn column_number(
        &'a self,
        id: usize,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let f = self.files.get(id).ok_or(Error::FileMissing)?;
        let real = f.to_real(byte_index);
        Ok(f.real.map().line_col(&f.real.text, real).column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::{FileLocation, FileStore};
    use crate::tree::Format;

    #[test]
    fn a_tall_label_is_cut_to_its_first_line_and_names_its_last() {
        let text = format!("{{\n{}  \"z\": 1\n}}\n", "  \"a\": 1,\n".repeat(100));
        let mut store = FileStore::default();
        let id = store.add(
            FileLocation::Path("tall.json".into()),
            "tall.json".into(),
            text.clone(),
            Format::Json,
            None,
        );
        let file = store.file(id);
        let whole = 0..text.trim_end().len();
        assert_eq!(shorten_tall(file, whole), (0..1, Some(103)));
        // A label of a few lines is left whole.
        let short = 0..text.find("\"a\": 1,\n  \"a\"").unwrap() + 20;
        assert_eq!(shorten_tall(file, short.clone()), (short, None));
    }

    #[test]
    fn a_label_on_a_long_line_shows_a_window_with_the_real_position() {
        let filler = format!("\"x-pad\":\"{}\"", "p".repeat(5000));
        let text = format!(
            "{{\"openapi\":\"3.0.3\",{filler},\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"paths\":{{}},{filler}}}"
        );
        let mut store = FileStore::default();
        let id = store.add(
            FileLocation::Path("min.json".into()),
            "min.json".into(),
            text.clone(),
            Format::Json,
            None,
        );
        let file = store.file(id);
        let at = text.find("\"info\"").unwrap();
        let labels = [(file, at..at + 6)];
        assert!(needs_window(&labels));
        let (windowed, ranges) = Windowed::new(&labels);
        let (id, range) = ranges[0].clone();
        let shown = windowed.source(id).unwrap();
        assert!(shown.len() < 3 * CONTEXT + 20, "{shown}");
        assert_eq!(&shown[range.clone()], "\"info\"");
        assert!(
            shown.starts_with(CUT) && shown.trim_end().ends_with(CUT),
            "{shown}"
        );
        assert_eq!(windowed.line_number(id, 0).unwrap(), 1);
        assert_eq!(
            windowed.column_number(id, 0, range.start).unwrap(),
            file.map().line_col(&file.text, at).column
        );
    }
}
