//! Byte offsets to line:column. Lines and columns are 1-based; columns count Unicode scalar
//! values, as editors and rustc do, so a finding after a `é` still points at the right place.

use super::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The start offset of every line of one text.
#[derive(Clone, Debug)]
pub struct SourceMap {
    line_starts: Vec<u32>,
}

impl SourceMap {
    pub fn new(text: &str) -> SourceMap {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        SourceMap { line_starts }
    }

    pub fn line_count(&self) -> usize {
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
        LineCol {
            line: line_ix + 1,
            column: text[start..end].chars().count() + 1,
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
