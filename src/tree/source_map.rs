//! Byte offsets to line:column. Lines and columns are 1-based; columns count Unicode scalar
//! values, as editors and rustc do, so a finding after a `é` still points at the right place.

use super::Span;

/// A position in a text: 1-based line and 1-based column in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counting Unicode scalar values.
    pub column: usize,
}

/// The start offset of every line of one text, and what makes columns cheap on long lines.
#[derive(Clone, Debug)]
pub struct SourceMap {
    line_starts: Vec<u32>,
    /// Whether each line is ASCII: its columns are byte offsets.
    ascii: Vec<bool>,
    /// On lines that are not ASCII, (byte offset, characters since the line start) every
    /// [`CHECKPOINT`] bytes, so that a column on a minified line of megabytes counts at most
    /// that many bytes instead of the whole line up to it.
    checkpoints: Vec<(u32, u32)>,
}

const CHECKPOINT: usize = 4096;

impl SourceMap {
    /// Indexes the lines of `text` (one pass; the text itself is not kept).
    pub fn new(text: &str) -> SourceMap {
        // Counted first, so that the index is allocated once at its size: a pretty-printed
        // JSON line is 16 bytes or less, and a guessed capacity grew by doubling.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
        let mut line_starts = Vec::with_capacity(lines);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        let mut ascii = Vec::with_capacity(line_starts.len());
        let mut checkpoints = Vec::new();
        for (i, &start) in line_starts.iter().enumerate() {
            let start = start as usize;
            let end = line_starts.get(i + 1).map_or(text.len(), |&s| s as usize);
            let line = &text.as_bytes()[start..end];
            let is_ascii = line.is_ascii();
            ascii.push(is_ascii);
            if !is_ascii && line.len() > CHECKPOINT {
                let mut at = start;
                let mut chars = 0u32;
                loop {
                    let mut next = (at + CHECKPOINT).min(end);
                    while !text.is_char_boundary(next) {
                        next -= 1;
                    }
                    if next <= at || next >= end {
                        break;
                    }
                    chars += text[at..next].chars().count() as u32;
                    checkpoints.push((next as u32, chars));
                    at = next;
                }
            }
        }
        SourceMap {
            line_starts,
            ascii,
            checkpoints,
        }
    }

    pub(crate) fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 1-based line and column of byte `offset` in `text` (the text this map was made from).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line_ix = self.line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.line_starts[line_ix] as usize;
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if self.ascii.get(line_ix).copied().unwrap_or(false) {
            return LineCol {
                line: line_ix + 1,
                column: end - start + 1,
            };
        }
        // The last checkpoint on this line at or before the offset, if any.
        let after = self
            .checkpoints
            .partition_point(|&(at, _)| at as usize <= end);
        let (from, before) = match after.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((at, chars)) if at as usize > start => (at as usize, chars as usize),
            _ => (start, 0),
        };
        LineCol {
            line: line_ix + 1,
            column: before + text[from..end].chars().count() + 1,
        }
    }

    /// The byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts
            .get(line.checked_sub(1)?)
            .map(|&s| s as usize)
    }

    /// The byte offset of a 1-based line and column.
    pub fn offset(&self, text: &str, at: LineCol) -> Option<usize> {
        let start = self.line_start(at.line)?;
        let line_end = self.line_start(at.line + 1).unwrap_or(text.len());
        let mut chars = text[start..line_end].char_indices();
        let col = at.column.checked_sub(1)?;
        match chars.nth(col) {
            Some((i, _)) => Some(start + i),
            None if col == text[start..line_end].chars().count() => Some(line_end),
            None => None,
        }
    }

    /// The line and column where a span starts in `text` (the text the map was made from).
    pub fn span_start(&self, text: &str, span: Span) -> LineCol {
        self.line_col(text, span.start as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_chars() {
        let text = "ab\né x\n\nlast";
        let map = SourceMap::new(text);
        assert_eq!(map.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(map.line_col(text, 3), LineCol { line: 2, column: 1 });
        // `x` sits after a two-byte `é` and a space: byte 6, third character.
        assert_eq!(map.line_col(text, 6), LineCol { line: 2, column: 3 });
        assert_eq!(map.line_col(text, 9), LineCol { line: 4, column: 1 });
        assert_eq!(map.offset(text, LineCol { line: 2, column: 3 }), Some(6));
        assert_eq!(map.line_count(), 4);
    }
}

#[cfg(test)]
mod long_line_tests {
    use super::*;

    #[test]
    fn columns_on_a_long_line_with_wide_characters_count_characters() {
        let text: String = (0..3_000)
            .map(|i| if i % 7 == 0 { "é" } else { "ab" })
            .collect();
        let text = format!("x\n{text}\nz");
        let map = SourceMap::new(&text);
        for offset in (0..text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(97)
        {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = LineCol {
                line: text[..offset].matches('\n').count() + 1,
                column: text[line_start..offset].chars().count() + 1,
            };
            assert_eq!(map.line_col(&text, offset), expected, "offset {offset}");
        }
    }
}
