//! The YAML reader: saphyr-parser events into the spanned tree the JSON reader builds.
//!
//! Scalars resolve by the YAML 1.2 core schema and keep their raw text (`version: 1.10` stays
//! `1.10`); mapping keys are always the key's text as written. Anchors, aliases and merge keys
//! (`<<`) are expanded, with a budget on the nodes alias expansion may add, so a "billion
//! laughs" document fails fast instead of eating memory.
//!
//! Spans are byte offsets. saphyr's markers count characters, so positions go through
//! `ByteIndex`, which follows the (nearly monotone) event order with a running cursor. A few
//! spans saphyr reports loosely are recomputed from the text: quoted scalars (saphyr's end
//! runs on over trailing blanks and comments), block scalars (saphyr's span starts at the
//! content, after the `|` or `>` header, and ends after trailing blank lines), indentless
//! sequences (saphyr's span starts after the first `- `) and empty values (saphyr points
//! them at the next token).
//!
//! Anchored collections are not copied when they are defined: the node moves into the anchor
//! table and the tree gets a placeholder, as does every alias; one pass at the end replaces
//! placeholders with copies. This keeps nested anchors linear (copying every anchored node at
//! its definition would cost size x nesting depth) and means the only copies made are the
//! expansions the alias budget has already paid for.

use std::collections::HashSet;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as YSpan, Tag};

use super::json::merge_duplicate_keys;
use super::{
    Entry, Limits, Node, Number, Object, ParseError, ParseWarning, Parsed, Span, Str, Value,
};

/// Reads a YAML text (one document) into a spanned tree, or fails at the first syntax error
/// or limit hit (depth, alias expansions, size).
pub fn parse(text: &str, limits: &Limits) -> Result<Parsed, ParseError> {
    if text.len() >= (u32::MAX / 2) as usize {
        return Err(ParseError::new(0, "file too large (spans are 32-bit)"));
    }
    let mut fixes = Fixes::default();
    let mut patched: Option<String> = None;
    loop {
        let current = patched.as_deref().unwrap_or(text);
        let error = match parse_once(current, limits) {
            Ok(mut parsed) => {
                if patched.is_some() {
                    fixes.remap_node(&mut parsed.root);
                    for w in &mut parsed.warnings {
                        w.span = fixes.remap_span(w.span);
                    }
                    parsed.warnings.append(&mut fixes.warnings);
                    parsed.warnings.sort_by_key(|w| w.span.start);
                }
                return Ok(parsed);
            }
            Err(error) => error,
        };
        let affordable = (fixes.attempts + 1).saturating_mul(text.len()) <= MAX_REREAD_BYTES;
        if fixes.attempts < MAX_INDENT_FIXES && affordable && fixes.fix(text, current, &error) {
            patched = Some(fixes.apply(text));
            continue;
        }
        return Err(ParseError::new(fixes.remap(error.offset), error.message));
    }
}

/// How many under-indented places [`Fixes`] will accept before giving up. Each costs a
/// re-read of the file, so the bytes re-read are capped too.
const MAX_INDENT_FIXES: usize = 200;
const MAX_REREAD_BYTES: usize = 64 << 20;

/// Leniency for lines indented one column short inside flow collections and multi-line
/// quoted scalars. YAML wants such lines indented deeper than the block they sit in, and
/// saphyr enforces it, but libyaml (PyYAML, go-yaml) accepts them and real specs rely on
/// that (Docker's engine API, for one). Each such error is fixed by reading again with a
/// space inserted at the start of the offending lines, which cannot change a value (leading
/// blanks of those lines are not content), and is reported as a warning. Spans are mapped
/// back to the original text.
#[derive(Default)]
struct Fixes {
    /// Offsets in the original text where a space was inserted, sorted.
    inserts: Vec<usize>,
    /// `inserts[i] + i`: where each inserted space sits in the patched text.
    patched_at: Vec<usize>,
    /// Re-reads so far.
    attempts: usize,
    warnings: Vec<ParseWarning>,
}

impl Fixes {
    /// The original offset of patched offset `p`.
    fn remap(&self, p: usize) -> usize {
        p - self.patched_at.partition_point(|&x| x < p)
    }

    fn remap_span(&self, s: Span) -> Span {
        Span::new(self.remap(s.start as usize), self.remap(s.end as usize))
    }

    fn remap_node(&self, node: &mut Node) {
        node.span = self.remap_span(node.span);
        match &mut node.value {
            Value::Array(items) => items.iter_mut().for_each(|i| self.remap_node(i)),
            Value::Object(o) => {
                for e in &mut o.entries {
                    e.key_span = self.remap_span(e.key_span);
                    self.remap_node(&mut e.value);
                }
            }
            _ => {}
        }
    }

    /// Records the insertions that get past `error` (read from `current`, the patched text);
    /// false when the error is not one this leniency covers.
    fn fix(&mut self, original: &str, current: &str, error: &ParseError) -> bool {
        let b = current.as_bytes();
        let line_start = |p: usize| {
            b[..p]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |i| i + 1)
        };
        let indent = |p: usize| b[p..].iter().take_while(|&&c| c == b' ').count();
        // (line start, spaces to insert there), in the current text.
        let mut pads: Vec<(usize, usize)> = Vec::new();
        let at = error.offset.min(b.len());
        match error.message.as_str() {
            "invalid indentation" | "invalid indentation in flow construct" => {
                pads.push((line_start(at), 1));
            }
            "invalid indentation in quoted scalar" => {
                let Some(end) = quoted_end(b, at, b.get(at) == Some(&b'"')) else {
                    return false;
                };
                let lines: Vec<usize> = (at..end)
                    .filter(|&i| b[i] == b'\n')
                    .map(|i| i + 1)
                    .filter(|&i| i < end)
                    .collect();
                // Deeper than the line the scalar starts on is what YAML asks for.
                let need = indent(line_start(at)) + 1;
                pads.extend(lines.iter().filter_map(|&l| {
                    let has = indent(l);
                    let blank = matches!(b.get(l + has), Some(b'\n' | b'\r'));
                    (has < need && !blank).then(|| (l, need - has))
                }));
                if pads.is_empty() {
                    pads.extend(lines.iter().map(|&l| (l, 1)));
                }
            }
            _ => return false,
        }
        let Some(&(first, _)) = pads.first() else {
            return false;
        };
        self.attempts += 1;
        let first = self.remap(first);
        let line_end = original[first..]
            .find('\n')
            .map_or(original.len(), |i| first + i);
        let line = &original[first..line_end];
        let content = first + (line.len() - line.trim_start().len());
        let span = Span::new(content, (first + line.trim_end().len()).max(content));
        if !self.warnings.iter().any(|w| w.span == span) {
            self.warnings.push(ParseWarning {
                code: "yaml-indentation",
                span,
                message: "this line is indented less than YAML requires (read as libyaml reads it)"
                    .to_string(),
            });
        }
        for (l, n) in pads {
            let o = self.remap(l);
            self.inserts.extend(std::iter::repeat_n(o, n));
        }
        self.inserts.sort_unstable();
        self.patched_at = self
            .inserts
            .iter()
            .enumerate()
            .map(|(i, &o)| o + i)
            .collect();
        true
    }

    /// The original text with the recorded spaces inserted.
    fn apply(&self, original: &str) -> String {
        let mut out = String::with_capacity(original.len() + self.inserts.len());
        let mut from = 0;
        for &o in &self.inserts {
            out.push_str(&original[from..o]);
            out.push(' ');
            from = o;
        }
        out.push_str(&original[from..]);
        out
    }
}

fn parse_once(text: &str, limits: &Limits) -> Result<Parsed, ParseError> {
    let mut builder = Builder {
        text,
        bytes: text.as_bytes(),
        limits,
        index: ByteIndex::new(text),
        stack: Vec::new(),
        items: Vec::new(),
        entries: Vec::new(),
        root: None,
        anchors: Vec::new(),
        has_placeholders: false,
        nodes: 0,
        alias_nodes: 0,
        cursor: 0,
        warnings: Vec::new(),
    };
    builder.run()?;
    let mut root = builder
        .root
        .take()
        .unwrap_or_else(|| Node::new(Span::default(), Value::Null));
    if builder.has_placeholders {
        resolve_placeholders(&mut root, &builder.anchors);
    }
    Ok(Parsed {
        root,
        warnings: builder.warnings,
    })
}

/// The longest string a [`Str`] keeps without an allocation of its own.
const INLINE_STR: usize = std::mem::size_of::<Str>();

/// Converts saphyr's character indices to byte offsets.
///
/// The text is described by its runs of multi-byte characters of one width: a character
/// index is its byte offset less the extra bytes of the runs before it. Events arrive in
/// document order (with small steps back), so a cursor over the runs makes each lookup O(1)
/// amortised. Most specs are ASCII but for a few characters (OpenAI's 2.8 MB YAML has 24):
/// a walk over every character cost 9% of a diff; the runs cost nothing there, and text in
/// one script (a run per stretch of CJK) stays small.
struct ByteIndex {
    len: usize,
    runs: Vec<MultiByteRun>,
    /// The number of runs that start before the last character index looked up.
    cursor: usize,
}

/// The offset of the first byte from `from` that is not ASCII (the lead byte of a character,
/// in a `str`), or the length. ASCII is skipped a block at a time: a walk over every character
/// cost as much as the lookups it serves.
fn next_non_ascii(bytes: &[u8], mut from: usize) -> usize {
    const BLOCK: usize = 64;
    while from + BLOCK <= bytes.len() && bytes[from..from + BLOCK].is_ascii() {
        from += BLOCK;
    }
    bytes[from..]
        .iter()
        .position(|&b| !b.is_ascii())
        .map_or(bytes.len(), |p| from + p)
}

/// Consecutive characters of `width` bytes (2 to 4) from character index `start`.
#[derive(Clone, Copy, Debug)]
struct MultiByteRun {
    start: u32,
    count: u32,
    width: u8,
    /// The extra bytes (over one per character) of every character before the run.
    extra_before: u32,
}

impl MultiByteRun {
    /// The extra bytes of the characters before `char_index`, which is past `start`.
    fn extra_up_to(&self, char_index: usize) -> usize {
        let inside = (char_index - self.start as usize).min(self.count as usize);
        self.extra_before as usize + inside * (self.width as usize - 1)
    }
}

impl ByteIndex {
    fn new(text: &str) -> ByteIndex {
        let bytes = text.as_bytes();
        let mut runs: Vec<MultiByteRun> = Vec::new();
        let mut extra = 0u32;
        let mut i = 0;
        while i < bytes.len() {
            i = next_non_ascii(bytes, i);
            let Some(&lead) = bytes.get(i) else { break };
            let width: u8 = match lead {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let char_index = i as u32 - extra;
            match runs.last_mut() {
                Some(run) if run.width == width && run.start + run.count == char_index => {
                    run.count += 1;
                }
                _ => runs.push(MultiByteRun {
                    start: char_index,
                    count: 1,
                    width,
                    extra_before: extra,
                }),
            }
            extra += width as u32 - 1;
            i += width as usize;
        }
        ByteIndex {
            len: text.len(),
            runs,
            cursor: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        let runs = &self.runs;
        while self.cursor < runs.len() && (runs[self.cursor].start as usize) < char_index {
            self.cursor += 1;
        }
        while self.cursor > 0 && runs[self.cursor - 1].start as usize >= char_index {
            self.cursor -= 1;
        }
        let extra = match self.cursor {
            0 => 0,
            n => runs[n - 1].extra_up_to(char_index),
        };
        (char_index + extra).min(self.len)
    }
}

/// What an anchor names: the finished node, the number of nodes it stands for (aliases
/// inside it expanded), how many levels of collections it holds, and for a scalar its text
/// (for use as a mapping key).
struct Anchor {
    node: Node,
    size: usize,
    height: usize,
    key_text: Option<String>,
}

/// A stand-in for an anchored collection or an alias to one; its span (start past any real
/// offset, end = anchor id) can come from no real node.
fn placeholder(id: usize) -> Node {
    Node::new(
        Span {
            start: u32::MAX,
            end: id as u32,
        },
        Value::Null,
    )
}

fn placeholder_id(node: &Node) -> Option<usize> {
    (node.span.start == u32::MAX && matches!(node.value, Value::Null))
        .then_some(node.span.end as usize)
}

/// The node a possible placeholder stands for.
fn deref<'n>(node: &'n Node, anchors: &'n [Option<Anchor>]) -> &'n Node {
    match placeholder_id(node).and_then(|id| anchors.get(id)?.as_ref()) {
        Some(anchor) => &anchor.node,
        None => node,
    }
}

fn resolve_placeholders(node: &mut Node, anchors: &[Option<Anchor>]) {
    if let Some(anchor) = placeholder_id(node).and_then(|id| anchors.get(id)?.as_ref()) {
        *node = anchor.node.clone();
    }
    match &mut node.value {
        Value::Array(items) => {
            for item in items {
                resolve_placeholders(item, anchors);
            }
        }
        Value::Object(o) => {
            for e in &mut o.entries {
                resolve_placeholders(&mut e.value, anchors);
            }
            o.values_replaced();
        }
        _ => {}
    }
}

struct PendingKey {
    text: String,
    span: Span,
    merge: bool,
}

/// An open collection. Its items and entries wait on the builder's two stacks from `first`
/// on, and are moved into a vector of their exact size when it closes: no growing vector
/// per collection, and no spare room kept in the tree.
enum Content {
    Seq {
        first: usize,
    },
    Map {
        first: usize,
        key: Option<PendingKey>,
        /// `<<` entries: the key's span, the value, and where the value was written.
        merges: Vec<(Span, Node, Span)>,
    },
}

struct Frame {
    content: Content,
    start: usize,
    /// End of the last content read so far (a key, a value, the opening bracket).
    end: usize,
    anchor: usize,
    /// `Builder::nodes` when the collection opened; the difference at its end is its size.
    nodes_before: usize,
    /// Levels of collections inside the children.
    child_height: usize,
}

struct Builder<'a> {
    text: &'a str,
    bytes: &'a [u8],
    limits: &'a Limits,
    index: ByteIndex,
    stack: Vec<Frame>,
    /// The items of the open sequences, innermost last (see [`Content`]).
    items: Vec<Node>,
    /// The entries of the open mappings, innermost last.
    entries: Vec<Entry>,
    root: Option<Node>,
    /// Indexed by saphyr's anchor id; `None` while the anchored node is still open.
    anchors: Vec<Option<Anchor>>,
    has_placeholders: bool,
    /// Nodes read so far, aliases counted at their expanded size, each weighed by
    /// [`weight`] so that copies of long strings count for what they cost.
    nodes: usize,
    /// Nodes added by alias expansion so far.
    alias_nodes: usize,
    /// Byte end of the last thing read; empty values are placed here.
    cursor: usize,
    warnings: Vec<ParseWarning>,
}

/// What a scalar counts for in the alias budget: one node, plus one per 64 bytes of text, so
/// that a thousand aliases to a megabyte string cannot pass as a thousand nodes.
fn weight(text: &str) -> usize {
    1 + text.len() / 64
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'a> Builder<'a> {
    fn scan_error(&mut self, e: &ScanError) -> ParseError {
        let mut message = e.info().to_string();
        if message == "recursion limit exceeded" {
            message =
                "nesting deeper than 255 levels of flow collections (the YAML parser's limit)"
                    .into();
        }
        ParseError::new(self.index.byte(e.marker().index()), message)
    }

    fn span(&mut self, span: YSpan) -> (usize, usize) {
        let start = self.index.byte(span.start.index());
        let end = if span.end.index() == span.start.index() {
            start
        } else {
            self.index.byte(span.end.index())
        };
        (start, end.max(start))
    }

    fn run(&mut self) -> Result<(), ParseError> {
        let mut parser = Parser::new_from_str(self.text);
        let mut documents = 0;
        loop {
            let (event, span) = match parser.next_event() {
                None => break,
                Some(Ok(x)) => x,
                Some(Err(e)) => return Err(self.scan_error(&e)),
            };
            match event {
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    if documents > 0 {
                        let (start, _) = self.span(span);
                        return Err(ParseError::new(start, "a file must hold one YAML document"));
                    }
                    documents += 1;
                    let (_, end) = self.span(span);
                    self.cursor = end;
                }
                Event::Scalar(value, style, anchor, tag) => {
                    self.scalar(value.into_owned(), style, anchor, tag.as_deref(), span)?;
                }
                Event::Alias(id) => self.alias(id, span)?,
                Event::SequenceStart(anchor, _) => self.open(false, anchor, span)?,
                Event::MappingStart(anchor, _) => self.open(true, anchor, span)?,
                Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
            }
        }
        Ok(())
    }

    fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                content: Content::Map { key: None, .. },
                ..
            })
        )
    }

    fn set_anchor(&mut self, id: usize, anchor: Option<Anchor>) -> Result<(), ParseError> {
        if id >= u32::MAX as usize {
            return Err(ParseError::new(self.cursor, "too many anchors"));
        }
        if self.anchors.len() <= id {
            self.anchors.resize_with(id + 1, || None);
        }
        self.anchors[id] = anchor;
        Ok(())
    }

    /// Adds a finished node to the open collection (or makes it the root). `end` is where
    /// the node is written in this place (an alias's own span, not its anchor's).
    fn add(&mut self, node: Node, site: Span, height: usize) {
        let end = site.end as usize;
        self.cursor = self.cursor.max(end);
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        frame.end = frame.end.max(end);
        frame.child_height = frame.child_height.max(height);
        match &mut frame.content {
            Content::Seq { .. } => self.items.push(node),
            Content::Map { key, merges, .. } => {
                // A value always follows a key (saphyr emits empty scalars for missing ones).
                let Some(k) = key.take() else {
                    debug_assert!(false, "a mapping value without a key");
                    return;
                };
                if k.merge {
                    merges.push((k.span, node, site));
                } else {
                    self.entries.push(Entry {
                        key: k.text.into(),
                        key_span: k.span,
                        value: node,
                    });
                }
            }
        }
    }

    fn add_key(&mut self, text: String, span: Span, merge: bool) {
        self.cursor = self.cursor.max(span.end as usize);
        if let Some(frame) = self.stack.last_mut() {
            frame.end = frame.end.max(span.end as usize);
            if let Content::Map { key, .. } = &mut frame.content {
                *key = Some(PendingKey { text, span, merge });
            }
        }
    }

    fn scalar(
        &mut self,
        mut value: String,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        span: YSpan,
    ) -> Result<(), ParseError> {
        let (start, end) = self.span(span);
        let has_props = anchor != 0 || tag.is_some();
        let (start, end) = match style {
            ScalarStyle::Plain if value.is_empty() && !has_props => (self.cursor, self.cursor),
            ScalarStyle::Plain => {
                let s = if has_props {
                    skip_props(self.bytes, start, end)
                } else {
                    start
                };
                (s, end)
            }
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                let s = if has_props {
                    skip_props(self.bytes, start, end)
                } else {
                    start
                };
                match quoted_end(self.bytes, s, style == ScalarStyle::DoubleQuoted) {
                    Some(e) => (s, e),
                    None => (s, end),
                }
            }
            ScalarStyle::Literal | ScalarStyle::Folded => {
                let from = if has_props {
                    start
                } else {
                    self.cursor.min(start)
                };
                let (s, e) = self.block_scalar_span(from, start, end);
                if end == self.bytes.len() && value.ends_with('\n') && self.adds_final_break(s) {
                    value.pop();
                }
                (s, e)
            }
        };
        let node_span = Span::new(start, end.max(start));
        // saphyr builds scalars a character at a time, leaving up to half of each string's
        // buffer unused; the tree keeps every long string, buffer and all, for the life of
        // the command. Only large spare room is given back: a small string's buffer is one
        // malloc size class whatever its capacity, and a copy per scalar cost a third of the
        // reading time. A string the tree keeps inline ([`Str`]) frees its buffer anyway.
        if value.len() > INLINE_STR && value.capacity() - value.len() >= 64 {
            value.shrink_to_fit();
        }

        if self.expecting_key() {
            let merge = style == ScalarStyle::Plain && tag.is_none() && value == "<<";
            if anchor != 0 {
                let resolved = resolve_scalar(value.clone(), style, tag)
                    .unwrap_or_else(|_| Value::String(value.as_str().into()));
                self.set_anchor(
                    anchor,
                    Some(Anchor {
                        node: Node::new(node_span, resolved),
                        size: weight(&value),
                        height: 0,
                        key_text: Some(value.clone()),
                    }),
                )?;
            }
            // A key costs nothing as a node, but its text is copied with its mapping.
            self.nodes += weight(&value) - 1;
            self.add_key(value, node_span, merge);
            return Ok(());
        }

        let key_text = (anchor != 0).then(|| value.clone());
        let size = weight(&value);
        let resolved = resolve_scalar(value, style, tag).map_err(|m| ParseError::new(start, m))?;
        let node = Node::new(node_span, resolved);
        self.nodes += size;
        if anchor != 0 {
            self.set_anchor(
                anchor,
                Some(Anchor {
                    node: node.clone(),
                    size,
                    height: 0,
                    key_text,
                }),
            )?;
        }
        self.add(node, node_span, 0);
        Ok(())
    }

    /// A block scalar's span: from its `|` or `>` header to the end of its last non-blank
    /// content. saphyr's own span starts at the content and ends after trailing blank lines.
    fn block_scalar_span(&self, from: usize, start: usize, end: usize) -> (usize, usize) {
        let b = self.bytes;
        let Some(header) = find_indicator(b, from, end, |c| c == b'|' || c == b'>') else {
            return (start, end);
        };
        let mut header_end = header + 1;
        while header_end < end && matches!(b[header_end], b'-' | b'+' | b'0'..=b'9') {
            header_end += 1;
        }
        let mut e = end;
        while e > header_end && is_space(b[e - 1]) {
            e -= 1;
        }
        (header, e)
    }

    /// Whether saphyr gave the block scalar whose header is at `header`, and which runs to
    /// the end of the file, a final line break that is not in the text: it does when the
    /// file's last line has no break and is part of the scalar (`a: |\n  x<EOF>` is "x",
    /// not "x\n"; so is `a: |\n  x\n  <EOF>` "x\n", not "x\n\n").
    fn adds_final_break(&self, header: usize) -> bool {
        let text = self.text;
        let last_line = text.rfind('\n').map_or(text, |i| &text[i + 1..]);
        if last_line.is_empty() || last_line == "\r" {
            return false;
        }
        if !last_line.trim().is_empty() {
            return true;
        }
        // A blank last line belongs to the scalar when it reaches the scalar's indentation,
        // taken from its first non-blank line.
        let body = text[header..]
            .find('\n')
            .map_or("", |i| &text[header + i + 1..]);
        body.lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| last_line.len() >= l.len() - l.trim_start_matches(' ').len())
    }

    fn alias(&mut self, id: usize, span: YSpan) -> Result<(), ParseError> {
        let (start, end) = self.span(span);
        let Some(anchor) = self.anchors.get(id).and_then(Option::as_ref) else {
            return Err(ParseError::new(
                start,
                "alias to an anchor whose node is not finished (an alias inside its own anchor)",
            ));
        };
        if self.expecting_key() {
            let Some(text) = anchor.key_text.clone() else {
                return Err(ParseError::new(
                    start,
                    "an alias to a mapping or sequence cannot be a mapping key",
                ));
            };
            self.add_key(text, Span::new(start, end), false);
            return Ok(());
        }
        let (size, height) = (anchor.size, anchor.height);
        self.alias_nodes = self.alias_nodes.saturating_add(size);
        if self.alias_nodes > self.limits.max_alias_nodes {
            return Err(ParseError::new(
                start,
                format!(
                    "alias expansion exceeds the limit of {} nodes",
                    self.limits.max_alias_nodes
                ),
            ));
        }
        if self.stack.len() + height > self.limits.max_depth {
            return Err(self.depth_error(start));
        }
        self.nodes = self.nodes.saturating_add(size);
        let node = if height == 0 {
            anchor.node.clone()
        } else {
            self.has_placeholders = true;
            placeholder(id)
        };
        self.add(node, Span::new(start, end), height);
        Ok(())
    }

    fn depth_error(&self, offset: usize) -> ParseError {
        ParseError::new(
            offset,
            format!(
                "nesting deeper than the limit of {} levels",
                self.limits.max_depth
            ),
        )
    }

    fn open(&mut self, mapping: bool, anchor: usize, span: YSpan) -> Result<(), ParseError> {
        let (mut start, end) = self.span(span);
        if self.expecting_key() {
            return Err(ParseError::new(
                start,
                "a mapping or sequence cannot be used as a mapping key",
            ));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(self.depth_error(start));
        }
        // A block sequence starts at its first `-` (saphyr puts an indentless one, as in
        // `key:\n- a`, after the `- `). Moving the cursor past the dash keeps a nested
        // sequence (`- - a`) from finding the same one.
        if !mapping
            && start == end
            && self.cursor <= start
            && let Some(dash) = find_indicator(self.bytes, self.cursor, start + 1, |c| c == b'-')
        {
            start = dash;
            self.cursor = dash + 1;
        }
        if anchor != 0 {
            self.set_anchor(anchor, None)?;
        }
        self.nodes += 1;
        self.cursor = self.cursor.max(end);
        self.stack.push(Frame {
            content: if mapping {
                Content::Map {
                    first: self.entries.len(),
                    key: None,
                    merges: Vec::new(),
                }
            } else {
                Content::Seq {
                    first: self.items.len(),
                }
            },
            start,
            end: end.max(start),
            anchor,
            nodes_before: self.nodes,
            child_height: 0,
        });
        Ok(())
    }

    fn close(&mut self, span: YSpan) -> Result<(), ParseError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let mut end = frame.end;
        // A flow collection ends at its closing bracket; a block one at its last content.
        if span.end.index() > span.start.index() {
            let (s, e) = self.span(span);
            if matches!(self.bytes.get(s), Some(b']' | b'}')) {
                end = end.max(e);
            }
        }
        let node_span = Span::new(frame.start, end);
        let value = match frame.content {
            Content::Seq { first } => Value::Array(self.items.drain(first..).collect()),
            Content::Map { first, merges, .. } => {
                let entries = self.entries.drain(first..).collect();
                let mut entries = merge_duplicate_keys(entries, &mut self.warnings);
                if !merges.is_empty() {
                    self.merge(&mut entries, merges)?;
                }
                Value::Object(Object::new(entries))
            }
        };
        let node = Node::new(node_span, value);
        let height = frame.child_height + 1;
        if frame.anchor != 0 {
            let size = self.nodes - frame.nodes_before + 1;
            self.set_anchor(
                frame.anchor,
                Some(Anchor {
                    node,
                    size,
                    height,
                    key_text: None,
                }),
            )?;
            self.has_placeholders = true;
            self.add(placeholder(frame.anchor), node_span, height);
        } else {
            self.add(node, node_span, height);
        }
        Ok(())
    }

    /// Applies `<<` merge keys: the entries of the merged mappings that the mapping does not
    /// set itself, placed where the first `<<` was; an earlier merged mapping wins over a
    /// later one.
    fn merge(
        &self,
        entries: &mut Vec<Entry>,
        merges: Vec<(Span, Node, Span)>,
    ) -> Result<(), ParseError> {
        let anchors = &self.anchors;
        let first = merges[0].0.start;
        let at = entries
            .iter()
            .take_while(|e| e.key_span.start < first)
            .count();
        let mut seen: HashSet<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        let mut merged: Vec<Entry> = Vec::new();
        let bad = |site: Span| {
            ParseError::new(
                site.start as usize,
                "the merge key `<<` needs a mapping or a sequence of mappings",
            )
        };
        for (_, value, site) in &merges {
            let value = deref(value, anchors);
            let sources: Vec<&Node> = match &value.value {
                Value::Object(_) => vec![value],
                Value::Array(items) => items.iter().map(|i| deref(i, anchors)).collect(),
                _ => return Err(bad(*site)),
            };
            for source in sources {
                let Value::Object(o) = &source.value else {
                    return Err(bad(*site));
                };
                for e in &o.entries {
                    if seen.insert(e.key.as_str()) {
                        merged.push(e.clone());
                    }
                }
            }
        }
        drop(seen);
        entries.splice(at..at, merged);
        Ok(())
    }
}

/// Skips blanks, comments and node properties (`&anchor`, `!tag`) from `i`, up to `limit`.
fn skip_props(b: &[u8], mut i: usize, limit: usize) -> usize {
    while i < limit {
        match b[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'#' => {
                while i < limit && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'&' | b'!' => {
                while i < limit && !is_space(b[i]) {
                    i += 1;
                }
            }
            _ => break,
        }
    }
    i
}

/// The first byte in `from..limit` that `want` accepts, skipping only what may stand
/// between a key or entry and its value: blanks, comments, node properties, and the
/// indicators `:`, `?`, `-`. `None` when anything else comes first.
fn find_indicator(
    b: &[u8],
    mut i: usize,
    limit: usize,
    want: impl Fn(u8) -> bool,
) -> Option<usize> {
    while i < limit {
        let c = b[i];
        if want(c) {
            return Some(i);
        }
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b':' | b'?' | b'-' => i += 1,
            b'#' => {
                while i < limit && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'&' | b'!' => {
                while i < limit && !is_space(b[i]) {
                    i += 1;
                }
            }
            _ => return None,
        }
    }
    None
}

/// The end (after the closing quote) of the quoted scalar opening at `start`.
fn quoted_end(b: &[u8], start: usize, double: bool) -> Option<usize> {
    let quote = if double { b'"' } else { b'\'' };
    if b.get(start) != Some(&quote) {
        return None;
    }
    let mut i = start + 1;
    loop {
        let rest = b.get(i..)?;
        if double {
            let at = i + memchr::memchr2(b'"', b'\\', rest)?;
            if b[at] == b'\\' {
                i = at + 2;
                continue;
            }
            return Some(at + 1);
        }
        let at = i + memchr::memchr(b'\'', rest)?;
        if b.get(at + 1) == Some(&b'\'') {
            i = at + 2;
            continue;
        }
        return Some(at + 1);
    }
}

const CORE: &str = "tag:yaml.org,2002:";

/// A scalar's value by the YAML 1.2 core schema. Quoted and block scalars are strings;
/// plain ones may be null, booleans or numbers; `!!str`, `!!int`, `!!float`, `!!bool` and
/// `!!null` force their type; other tags are ignored.
fn resolve_scalar(value: String, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    if let Some(tag) = tag {
        if tag.handle == CORE {
            let v = value.as_str();
            let typed = match tag.suffix.as_str() {
                "str" => return Ok(Value::String(value.into())),
                "int" => is_core_int(v).then(|| Value::Number(Number::from_raw(v))),
                "float" => {
                    (is_core_int(v) || is_core_float(v)).then(|| Value::Number(Number::from_raw(v)))
                }
                "bool" => core_bool(v).map(Value::Bool),
                "null" => is_core_null(v).then_some(Value::Null),
                _ => return Ok(resolve_untagged(value, style)),
            };
            return typed.ok_or_else(|| format!("`{value}` is not a valid !!{}", tag.suffix));
        }
        // `! value`: the non-specific tag, which makes a plain scalar a string.
        if (tag.handle.is_empty() && tag.suffix == "!")
            || (tag.handle == "!" && tag.suffix.is_empty())
        {
            return Ok(Value::String(value.into()));
        }
    }
    Ok(resolve_untagged(value, style))
}

fn resolve_untagged(value: String, style: ScalarStyle) -> Value {
    if style != ScalarStyle::Plain {
        return Value::String(value.into());
    }
    // Most plain scalars are words: only these first bytes can start a non-string.
    match value.as_bytes().first() {
        None => return Value::Null,
        Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F') => {
        }
        Some(_) => return Value::String(value.into()),
    }
    let v = value.as_str();
    if is_core_null(v) {
        Value::Null
    } else if let Some(b) = core_bool(v) {
        Value::Bool(b)
    } else if is_core_int(v) || is_core_float(v) {
        Value::Number(Number::from_raw(v))
    } else {
        Value::String(value.into())
    }
}

fn is_core_null(v: &str) -> bool {
    matches!(v, "" | "~" | "null" | "Null" | "NULL")
}

fn core_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
fn is_core_int(v: &str) -> bool {
    if let Some(oct) = v.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| matches!(b, b'0'..=b'7'));
    }
    if let Some(hex) = v.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`,
/// `\.(nan|NaN|NAN)`.
fn is_core_float(v: &str) -> bool {
    if matches!(v, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let body = v.strip_prefix(['-', '+']).unwrap_or(v);
    if matches!(body, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    let b = body.as_bytes();
    let digits = |mut i: usize| {
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (i, i - s)
    };
    let (mut i, int_digits) = digits(0);
    if i < b.len() && b[i] == b'.' {
        let (j, frac_digits) = digits(i + 1);
        if int_digits == 0 && frac_digits == 0 {
            return false;
        }
        i = j;
    } else if int_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let (j, exp_digits) = digits(i);
        if exp_digits == 0 {
            return false;
        }
        i = j;
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character index maps to the byte offset `char_indices` gives, whatever the
    /// order of the lookups (the cursor moves both ways), for runs of every width, and an
    /// index past the end is the end.
    #[test]
    fn byte_index_matches_char_indices_in_any_order() {
        for text in [
            "plain ascii",
            "é at the start, ü, then ascii",
            "日本語のテキスト and ascii, 𝄞𝄞 music, ωω greek, 日本",
            "ends in a run: ééé",
            "",
        ] {
            let mut expected: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            expected.push(text.len());
            let mut index = ByteIndex::new(text);
            let n = expected.len();
            let order = (0..n)
                .chain((0..n).rev())
                .chain((0..n).map(|i| (i * 7) % n));
            for char_index in order {
                assert_eq!(
                    index.byte(char_index),
                    expected[char_index],
                    "{text:?} at {char_index}"
                );
            }
            assert_eq!(index.byte(n + 5), text.len(), "{text:?} past the end");
        }
    }
    use crate::tree::pointer::pointer_at;

    fn read(text: &str) -> Result<Parsed, ParseError> {
        parse(text, &Limits::default())
    }

    fn at(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    /// Every child span lies inside its parent's, and siblings come in document order.
    fn check_nesting(node: &Node) {
        let mut last = node.span.start;
        let mut check = |child_start: u32, child: Span| {
            assert!(
                node.span.contains(child),
                "{child:?} not in {:?}",
                node.span
            );
            assert!(child_start >= last, "child at {child_start} before {last}");
            last = child.end;
        };
        match &node.value {
            Value::Array(items) => {
                for item in items {
                    check(item.span.start, item.span);
                    check_nesting(item);
                }
            }
            Value::Object(o) => {
                for e in &o.entries {
                    check(e.key_span.start, e.key_span);
                    check(e.value.span.start, e.value.span);
                    check_nesting(&e.value);
                }
            }
            _ => {}
        }
    }

    /// What real files allow: with aliases and duplicate keys, children may come out of
    /// order or lie elsewhere (an alias keeps its anchor's span), but a child that overlaps
    /// its parent must lie inside it.
    fn check_loose_nesting(node: &Node) -> Result<(), String> {
        let check = |child: Span| {
            let disjoint = child.end <= node.span.start || child.start >= node.span.end;
            if disjoint || node.span.contains(child) {
                Ok(())
            } else {
                Err(format!("{child:?} overlaps {:?}", node.span))
            }
        };
        match &node.value {
            Value::Array(items) => {
                for item in items {
                    check(item.span)?;
                    check_loose_nesting(item)?;
                }
            }
            Value::Object(o) => {
                for e in &o.entries {
                    check(e.key_span)?;
                    check(e.value.span)?;
                    check_loose_nesting(&e.value)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    #[test]
    fn spans_of_keys_and_values() {
        let text = "openapi: 3.1.0\ninfo:\n  title: \"Pets\"   # the name\n  version: 1.10\nlist:\n- a\n-   b c\n  d\nflow: {x: [1, 2], y: 'q' }\nend: ~\n";
        let parsed = read(text).unwrap();
        let root = &parsed.root;
        check_nesting(root);
        let obj = root.as_object().unwrap();
        let keys: Vec<_> = obj.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["openapi", "info", "list", "flow", "end"]);
        assert_eq!(at(text, obj.entry("info").unwrap().key_span), "info");
        let info = obj.get("info").unwrap();
        assert_eq!(
            at(text, info.span),
            "title: \"Pets\"   # the name\n  version: 1.10"
        );
        let title = info.get("title").unwrap();
        assert_eq!(at(text, title.span), "\"Pets\"");
        assert_eq!(title.as_str(), Some("Pets"));
        let version = info.get("version").unwrap();
        assert_eq!(at(text, version.span), "1.10");
        assert_eq!(version.as_number().unwrap().raw(), "1.10");
        let list = obj.get("list").unwrap();
        assert_eq!(at(text, list.span), "- a\n-   b c\n  d");
        assert_eq!(list.as_array().unwrap()[1].as_str(), Some("b c d"));
        assert_eq!(at(text, list.as_array().unwrap()[1].span), "b c\n  d");
        let flow = obj.get("flow").unwrap();
        assert_eq!(at(text, flow.span), "{x: [1, 2], y: 'q' }");
        assert_eq!(at(text, flow.get("x").unwrap().span), "[1, 2]");
        assert_eq!(at(text, flow.get("y").unwrap().span), "'q'");
        assert!(obj.get("end").unwrap().is_null());
        assert_eq!(at(text, root.span), text.trim_end());

        let v = info.get("version").unwrap().span;
        assert_eq!(pointer_at(root, v), "/info/version");
        let key = obj.entry("flow").unwrap().value.get("y").unwrap().span;
        assert_eq!(pointer_at(root, key), "/flow/y");
        let b = list.as_array().unwrap()[1].span;
        assert_eq!(pointer_at(root, b), "/list/1");
    }

    #[test]
    fn core_schema_scalars() {
        let text = "a: 1.10\nb: 0x1F\nc: 0o17\nd: -12\ne: .inf\nf: -.Inf\ng: .NaN\nh: 1e3\ni: TRUE\nj: False\nk: Null\nl: ~\nm:\nn: 2024-01-01\no: 012\np: '1.10'\nq: \"true\"\nr: !!str 12\ns: !!int \"7\"\nt: !!float 1\nu: yes\nv: 1_000\nw: .5\nx: ! 12\ny: +1.\nz: 0x\n";
        let parsed = read(text).unwrap();
        let o = parsed.root.as_object().unwrap();
        let num = |k: &str| o.get(k).unwrap().as_number().map(|n| n.raw().to_string());
        let string = |k: &str| o.get(k).unwrap().as_str().map(str::to_string);
        assert_eq!(num("a").as_deref(), Some("1.10"));
        assert_eq!(num("b").as_deref(), Some("0x1F"));
        assert_eq!(num("c").as_deref(), Some("0o17"));
        assert_eq!(num("d").as_deref(), Some("-12"));
        assert_eq!(
            o.get("e").unwrap().as_number().unwrap().as_f64(),
            Some(f64::INFINITY)
        );
        assert_eq!(num("f").as_deref(), Some("-.Inf"));
        assert!(
            o.get("g")
                .unwrap()
                .as_number()
                .unwrap()
                .as_f64()
                .unwrap()
                .is_nan()
        );
        assert_eq!(num("h").as_deref(), Some("1e3"));
        assert_eq!(o.get("i").unwrap().as_bool(), Some(true));
        assert_eq!(o.get("j").unwrap().as_bool(), Some(false));
        assert!(o.get("k").unwrap().is_null());
        assert!(o.get("l").unwrap().is_null());
        assert!(o.get("m").unwrap().is_null());
        assert_eq!(string("n").as_deref(), Some("2024-01-01"));
        assert_eq!(num("o").as_deref(), Some("012"));
        assert_eq!(string("p").as_deref(), Some("1.10"));
        assert_eq!(string("q").as_deref(), Some("true"));
        assert_eq!(string("r").as_deref(), Some("12"));
        assert_eq!(at(text, o.get("r").unwrap().span), "12");
        assert_eq!(num("s").as_deref(), Some("7"));
        assert_eq!(num("t").as_deref(), Some("1"));
        assert_eq!(string("u").as_deref(), Some("yes"));
        assert_eq!(string("v").as_deref(), Some("1_000"));
        assert_eq!(num("w").as_deref(), Some(".5"));
        assert_eq!(string("x").as_deref(), Some("12"));
        assert_eq!(num("y").as_deref(), Some("+1."));
        assert_eq!(string("z").as_deref(), Some("0x"));
        let err = read("a: !!int abc\n").unwrap_err();
        assert_eq!(err.offset, 9);
        assert!(err.message.contains("!!int"), "{}", err.message);
    }

    #[test]
    fn keys_are_text_as_written() {
        let text = "200:\n  d: ok\n1.10: a\ntrue: b\nnull: c\n~: d\n\"quoted\\tkey\": e\n'x': f\n? explicit\n: g\n";
        let parsed = read(text).unwrap();
        let o = parsed.root.as_object().unwrap();
        let keys: Vec<_> = o.iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "200",
                "1.10",
                "true",
                "null",
                "~",
                "quoted\tkey",
                "x",
                "explicit"
            ]
        );
        assert_eq!(at(text, o.entry("200").unwrap().key_span), "200");
        assert_eq!(
            at(text, o.entry("quoted\tkey").unwrap().key_span),
            "\"quoted\\tkey\""
        );
        assert_eq!(at(text, o.entry("x").unwrap().key_span), "'x'");
        assert_eq!(o.get("explicit").unwrap().as_str(), Some("g"));
        check_nesting(&parsed.root);

        let err = read("a: 1\n[x, y]: 2\n").unwrap_err();
        assert_eq!(err.offset, 5, "{}", err.message);
        assert!(err.message.contains("mapping key"), "{}", err.message);
        let err = read("? {a: 1}\n: 2\n").unwrap_err();
        assert_eq!(err.offset, 2, "{}", err.message);
    }

    #[test]
    fn quoted_and_plain() {
        let text = "a: 'it''s' # c\nb: \"say \\\"hi\\\"\"   # \"c\"\nc: plain text  \nd: \"multi\n  line\"\ne: [\"x\", 'y']\n";
        let parsed = read(text).unwrap();
        let o = parsed.root.as_object().unwrap();
        assert_eq!(o.get("a").unwrap().as_str(), Some("it's"));
        assert_eq!(at(text, o.get("a").unwrap().span), "'it''s'");
        assert_eq!(o.get("b").unwrap().as_str(), Some("say \"hi\""));
        assert_eq!(at(text, o.get("b").unwrap().span), "\"say \\\"hi\\\"\"");
        assert_eq!(at(text, o.get("c").unwrap().span), "plain text");
        assert_eq!(o.get("d").unwrap().as_str(), Some("multi line"));
        assert_eq!(at(text, o.get("d").unwrap().span), "\"multi\n  line\"");
        let e = o.get("e").unwrap().as_array().unwrap();
        assert_eq!(at(text, e[0].span), "\"x\"");
        assert_eq!(at(text, e[1].span), "'y'");
        check_nesting(&parsed.root);
    }

    #[test]
    fn block_scalars() {
        let text = "a: |\n  line 1\n  line 2\n\nb: >-\n  folded\n  text\n\n# comment\nc: |2+ # keep | this\n\n   indented\nd: &anc |\n  x\ne:\n- |\n  in seq\n- >\n  z\nf: |\ng: 1\n";
        let parsed = read(text).unwrap();
        let o = parsed.root.as_object().unwrap();
        assert_eq!(o.get("a").unwrap().as_str(), Some("line 1\nline 2\n"));
        assert_eq!(at(text, o.get("a").unwrap().span), "|\n  line 1\n  line 2");
        assert_eq!(o.get("b").unwrap().as_str(), Some("folded text"));
        assert_eq!(at(text, o.get("b").unwrap().span), ">-\n  folded\n  text");
        assert_eq!(o.get("c").unwrap().as_str(), Some("\n indented\n"));
        assert_eq!(
            at(text, o.get("c").unwrap().span),
            "|2+ # keep | this\n\n   indented"
        );
        assert_eq!(at(text, o.get("d").unwrap().span), "|\n  x");
        let e = o.get("e").unwrap().as_array().unwrap();
        assert_eq!(at(text, e[0].span), "|\n  in seq");
        assert_eq!(at(text, e[1].span), ">\n  z");
        assert_eq!(
            at(text, o.get("e").unwrap().span),
            "- |\n  in seq\n- >\n  z"
        );
        assert_eq!(o.get("f").unwrap().as_str(), Some(""));
        assert_eq!(at(text, o.get("f").unwrap().span), "|");
        // At the end of a file without a final line break there is no break to keep.
        for (text, value) in [
            ("a: |\n  x", "x"),
            ("a: |+\n  x", "x"),
            ("a: >\n  x\n  y", "x y"),
            ("a: |-\n  x", "x"),
            ("a: |\n  x\n", "x\n"),
            ("a: |\n  x\n  ", "x\n"),
            ("a: |\n  x\n ", "x\n"),
            ("a: |\n  x\n   ", "x\n "),
            ("a: |+\n  x\n\n  ", "x\n\n"),
            ("a: |-\n  x\n  ", "x"),
            ("a: |+\n  x\n\n", "x\n\n"),
        ] {
            let parsed = read(text).unwrap();
            assert_eq!(
                parsed.root.get("a").unwrap().as_str(),
                Some(value),
                "{text:?}"
            );
        }
        check_nesting(&parsed.root);
    }

    #[test]
    fn block_sequences_start_at_their_dash() {
        let text = "---\n- - a\n  - b\n- k:\n  - c\n  l:\n  - - d\n  m:\n  -\n  - |\n    e\n";
        let parsed = read(text).unwrap();
        let root = &parsed.root;
        check_nesting(root);
        assert_eq!(at(text, root.span), &text[4..text.len() - 1]);
        let items = root.as_array().unwrap();
        assert_eq!(at(text, items[0].span), "- a\n  - b");
        let k = items[1].get("k").unwrap();
        assert_eq!(at(text, k.span), "- c");
        let l = items[1].get("l").unwrap();
        assert_eq!(at(text, l.span), "- - d");
        assert_eq!(at(text, l.as_array().unwrap()[0].span), "- d");
        let m = items[1].get("m").unwrap();
        assert_eq!(at(text, m.span), "-\n  - |\n    e");
        assert!(m.as_array().unwrap()[0].is_null());
        assert_eq!(at(text, m.as_array().unwrap()[1].span), "|\n    e");
    }

    #[test]
    fn flow_collections() {
        let text = "{a: [1, {b: c}, []], \"d\": {}, e: [x: y, z], f: [\n  1,\n  2,\n]}";
        let parsed = read(text).unwrap();
        let root = &parsed.root;
        assert_eq!(at(text, root.span), text);
        let a = root.get("a").unwrap();
        assert_eq!(at(text, a.span), "[1, {b: c}, []]");
        let items = a.as_array().unwrap();
        assert_eq!(at(text, items[1].span), "{b: c}");
        assert_eq!(at(text, items[2].span), "[]");
        assert_eq!(at(text, root.get("d").unwrap().span), "{}");
        let e = root.get("e").unwrap().as_array().unwrap();
        assert_eq!(e[0].get("x").unwrap().as_str(), Some("y"));
        assert_eq!(at(text, e[0].span), "x: y");
        assert_eq!(root.get("f").unwrap().as_array().unwrap().len(), 2);
        check_nesting(root);
    }

    #[test]
    fn a_mapping_with_aliases_finds_values_as_a_scan_does() {
        // Enough entries to be searched by span; the last copies the first's span.
        let mut text = String::from("first: &x [1]\n");
        for i in 0..20 {
            text.push_str(&format!("m{i}: {i}\n"));
        }
        text.push_str("last: *x\n");
        let root = read(&text).unwrap().root;
        let o = root.as_object().unwrap();
        assert!(!o.spans_in_order);
        for e in &o.entries {
            for target in [e.key_span, e.value.span] {
                let by_scan = o.entries.iter().find(|x| x.value.span.contains(target));
                let found = o.value_covering(target);
                assert_eq!(found.map(|x| &x.key), by_scan.map(|x| &x.key), "{target:?}");
            }
        }
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let text = "\
base: &base
  a: 1
  b: 2
other: &other {b: 20, c: 30}
one:
  <<: *base
  b: 3
many:
  x: 0
  <<: [*other, *base]
  y: 9
inline:
  <<: {q: 1}
alias: *base
scalar: &s hello
again: *s
list: &l [1, 2]
lists: [*l, *l]
\"<<\": not a merge
";
        let parsed = read(text).unwrap();
        let root = &parsed.root;
        let base = root.get("base").unwrap();
        assert_eq!(at(text, base.span), "&base\n  a: 1\n  b: 2");
        let one = root.get("one").unwrap().as_object().unwrap();
        let keys: Vec<_> = one.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(one.get("b").unwrap().as_number().unwrap().raw(), "3");
        let many = root.get("many").unwrap().as_object().unwrap();
        let keys: Vec<_> = many.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["x", "b", "c", "a", "y"]);
        assert_eq!(many.get("b").unwrap().as_number().unwrap().raw(), "20");
        assert_eq!(
            root.get("inline")
                .unwrap()
                .get("q")
                .unwrap()
                .as_number()
                .unwrap()
                .raw(),
            "1"
        );
        let alias = root.get("alias").unwrap();
        assert_eq!(alias, base);
        assert_eq!(root.get("again").unwrap().as_str(), Some("hello"));
        assert_eq!(at(text, root.get("again").unwrap().span), "hello");
        let lists = root.get("lists").unwrap().as_array().unwrap();
        assert_eq!(lists[1].as_array().unwrap().len(), 2);
        assert_eq!(root.get("<<").unwrap().as_str(), Some("not a merge"));
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        // A pointer to an anchored node's text is the anchor's place.
        assert_eq!(pointer_at(root, base.get("a").unwrap().span), "/base/a");

        let err = read("a: &x 1\nb:\n  <<: *x\n").unwrap_err();
        assert!(err.message.contains("merge key"), "{}", err.message);
        assert_eq!(err.offset, 17);
        // Aliases as keys use the anchored scalar's text.
        let parsed = read("k: &k 200\n*k : v\n").unwrap();
        assert_eq!(parsed.root.get("200").unwrap().as_str(), Some("v"));
        // An alias inside its own anchor.
        assert!(read("a: &a [1, *a]\n").is_err());
    }

    #[test]
    fn nested_anchors_expand() {
        let text = "a: &outer\n  b: &inner\n    c: [1]\n  d: *inner\ne: *outer\nf: *inner\n";
        let parsed = read(text).unwrap();
        let root = &parsed.root;
        let a = root.get("a").unwrap();
        assert_eq!(a.get("d").unwrap(), a.get("b").unwrap());
        assert_eq!(root.get("e").unwrap(), a);
        assert_eq!(root.get("f").unwrap(), a.get("b").unwrap());
        assert_eq!(root.to_json()["e"]["d"]["c"][0], 1);
    }

    #[test]
    fn duplicate_anchor_names_use_the_latest() {
        let text = "a: &x {v: 1}\nb: *x\nc: &x {v: 2}\nd: *x\ne: &y one\nf: &y two\ng: *y\n";
        let parsed = read(text).unwrap();
        let j = parsed.root.to_json();
        assert_eq!(j["b"]["v"], 1);
        assert_eq!(j["d"]["v"], 2);
        assert_eq!(j["g"], "two");
    }

    #[test]
    fn billion_laughs_fails_fast() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names: Vec<char> = "abcdefghij".chars().collect();
        for w in names.windows(2) {
            let (prev, name) = (w[0], w[1]);
            text.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(",")
            ));
        }
        let started = std::time::Instant::now();
        let err = read(&text).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(
            err.message,
            "alias expansion exceeds the limit of 1000000 nodes"
        );
        // The first alias past the budget is one of the `*e` in `f`'s list.
        assert_eq!(&text[err.offset..err.offset + 2], "*e");
        let line_start = text[..err.offset].rfind('\n').unwrap() + 1;
        assert!(text[line_start..].starts_with("f: &f"));

        // Copies of a long string count for their size.
        let long = format!(
            "a: &a {}\nb: [{}]\n",
            "x".repeat(1 << 20),
            vec!["*a"; 100].join(", ")
        );
        let err = read(&long).unwrap_err();
        assert!(
            err.message.contains("alias expansion exceeds"),
            "{}",
            err.message
        );

        let limits = Limits {
            max_alias_nodes: 50,
            ..Limits::default()
        };
        let err = parse(
            "a: &a [1, 2, 3, 4]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
            &limits,
        )
        .unwrap_err();
        assert!(err.message.contains("limit of 50 nodes"));
        // Each `*a` adds 5 nodes: the eleventh (at byte 23 + 10 * 4) passes 50.
        assert_eq!(err.offset, 63);
    }

    #[test]
    fn depth_limit_is_an_error_not_a_stack_overflow() {
        let err = read(&"[".repeat(100_000)).unwrap_err();
        assert!(err.message.contains("nesting deeper"), "{}", err.message);
        assert_eq!(err.offset, 255);
        let err = read(&format!("{}x", "- ".repeat(100_000))).unwrap_err();
        assert_eq!(err.message, "nesting deeper than the limit of 1000 levels");
        assert_eq!(err.offset, 2000);
        let block: String = (0..2_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let err = read(&block).unwrap_err();
        assert!(err.message.contains("nesting deeper"), "{}", err.message);
        let limits = Limits {
            max_depth: 10,
            ..Limits::default()
        };
        let ok = format!("{}x", "- ".repeat(10));
        assert!(parse(&ok, &limits).is_ok());
        let deep = format!("{}x", "- ".repeat(11));
        assert!(parse(&deep, &limits).is_err());
        let flow = format!("{}{}", "[".repeat(11), "]".repeat(11));
        assert!(
            parse(&flow, &limits)
                .unwrap_err()
                .message
                .contains("limit of 10")
        );
        // An alias that would nest too deep.
        let alias = "a: &a [[[[[[1]]]]]]\nb: [[[[*a]]]]\n";
        assert!(
            parse(alias, &limits)
                .unwrap_err()
                .message
                .contains("limit of 10")
        );
    }

    #[test]
    fn duplicate_keys_warn() {
        let text = "a: 1\nb: 2\na: 3\n";
        let parsed = read(text).unwrap();
        let o = parsed.root.as_object().unwrap();
        assert_eq!(o.len(), 2);
        assert_eq!(o.entries[0].key, "a");
        assert_eq!(o.get("a").unwrap().as_number().unwrap().raw(), "3");
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].code, "duplicate-key");
        assert_eq!(parsed.warnings[0].span, Span::new(10, 11));
    }

    #[test]
    fn non_ascii_spans_are_bytes() {
        let text =
            "\u{feff}titre: « Été »\nclé: \"日本語\" # 注\nliste: [é, ü]\nbloc: |\n  ñ\nfin: ok\n";
        let parsed = read(text).unwrap();
        let o = parsed.root.as_object().unwrap();
        assert_eq!(at(text, o.get("titre").unwrap().span), "« Été »");
        assert_eq!(at(text, o.entry("clé").unwrap().key_span), "clé");
        assert_eq!(at(text, o.get("clé").unwrap().span), "\"日本語\"");
        let liste = o.get("liste").unwrap();
        assert_eq!(at(text, liste.span), "[é, ü]");
        assert_eq!(at(text, liste.as_array().unwrap()[1].span), "ü");
        assert_eq!(at(text, o.get("bloc").unwrap().span), "|\n  ñ");
        assert_eq!(at(text, o.get("fin").unwrap().span), "ok");
        check_nesting(&parsed.root);
        let err = read("é: [ü\n").unwrap_err();
        assert_eq!(err.offset, 8);
    }

    #[test]
    fn errors_have_byte_offsets() {
        let err = read("a:\n\tb: 1\n").unwrap_err();
        assert_eq!(err.offset, 4, "{}", err.message);
        assert!(err.message.contains("tab"), "{}", err.message);
        let err = read("a: \"abc\n").unwrap_err();
        assert_eq!(err.offset, 3, "{}", err.message);
        let err = read("é: 'abc\n").unwrap_err();
        assert_eq!(err.offset, 4, "{}", err.message);
        let err = read("a: 1\nb: *nope\n").unwrap_err();
        assert_eq!(err.offset, 8, "{}", err.message);
        assert!(err.message.contains("unknown anchor"), "{}", err.message);
        let err = read("a:\n  b: 1\n c: 2\n").unwrap_err();
        assert_eq!(err.offset, 11, "{}", err.message);
        let err = read("a: b: c\n").unwrap_err();
        assert_eq!(err.offset, 4, "{}", err.message);
        for bad in [
            "[",
            "{a: 1",
            "- a\nb: 1",
            "a: 'x' y",
            "*a",
            "!<",
            "? ? ?",
            "a: @b",
            "%YAML 1.2\n",
            "---\n- \"\\q\"",
            "]",
        ] {
            assert!(read(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn under_indented_flow_lines_are_accepted_as_libyaml_does() {
        // Both are one column short of what YAML requires (Docker's engine API has both).
        let text = "\
a:
  description: \"A list of string values to customize labels for MLS
  systems, such as SELinux.\"
  example: {
    \"80/tcp\": {},
    \"443/tcp\": [1,
  2]
  }
  after: é
";
        let parsed = read(text).unwrap();
        let a = parsed.root.get("a").unwrap();
        let d = a.get("description").unwrap();
        assert_eq!(
            d.as_str(),
            Some("A list of string values to customize labels for MLS systems, such as SELinux.")
        );
        assert!(
            at(text, d.span).starts_with("\"A list") && at(text, d.span).ends_with("SELinux.\"")
        );
        let example = a.get("example").unwrap();
        assert_eq!(
            example.to_json(),
            serde_json::json!({"80/tcp": {}, "443/tcp": [1, 2]})
        );
        assert!(at(text, example.span).starts_with('{') && at(text, example.span).ends_with('}'));
        assert_eq!(at(text, example.get("443/tcp").unwrap().span), "[1,\n  2]");
        assert_eq!(at(text, a.get("after").unwrap().span), "é");
        check_nesting(&parsed.root);
        let fixed: Vec<_> = parsed
            .warnings
            .iter()
            .map(|w| (w.code, at(text, w.span)))
            .collect();
        assert_eq!(
            fixed,
            [
                ("yaml-indentation", "systems, such as SELinux.\""),
                ("yaml-indentation", "2]"),
            ]
        );
        // Real indentation errors stay errors, at their place in the original text.
        let err = read("a: {\n  b: [\n1]\n}\nc: 'x\n\t'\nd: [\n  1,\n e: 2]\n").unwrap_err();
        // (`1]` is accepted; the tab after `'x` is not.)
        assert_eq!(err.offset, 23, "{}", err.message);
        assert!(err.message.contains("tab"), "{}", err.message);
    }

    #[test]
    fn one_document_per_file() {
        let err = read("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(err.offset, 5);
        assert_eq!(err.message, "a file must hold one YAML document");
        let parsed = read("---\na: 1\n...\n").unwrap();
        assert_eq!(
            parsed.root.get("a").unwrap().as_number().unwrap().raw(),
            "1"
        );
        assert!(read("").unwrap().root.is_null());
        assert!(read("# just a comment\n").unwrap().root.is_null());
        assert!(read("---\n").unwrap().root.is_null());
        assert!(read("\u{feff}").unwrap().root.is_null());
        let parsed = read("\u{feff}a: 1\n").unwrap();
        assert_eq!(parsed.root.get("a").unwrap().span, Span::new(6, 7));
        let parsed = read("%YAML 1.2\n---\nx: y\n").unwrap();
        assert_eq!(parsed.root.get("x").unwrap().as_str(), Some("y"));
    }

    /// Every span of a tree read from `text` is a valid slice of it.
    fn check_spans_slice(text: &str, node: &Node) {
        assert!(
            text.get(node.span.range()).is_some(),
            "{:?} in {text:?}",
            node.span
        );
        match &node.value {
            Value::Array(items) => items.iter().for_each(|i| check_spans_slice(text, i)),
            Value::Object(o) => {
                for e in &o.entries {
                    assert!(
                        text.get(e.key_span.range()).is_some(),
                        "{:?} in {text:?}",
                        e.key_span
                    );
                    check_spans_slice(text, &e.value);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn random_input_never_panics() {
        let alphabet: Vec<char> = "ab1 :-?[]{},&*!|>'\"#\n\t\\%.~<@é\u{feff}"
            .chars()
            .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..30_000 {
            let len = (next() % 48) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            match read(&text) {
                Ok(parsed) => {
                    check_spans_slice(&text, &parsed.root);
                    for w in &parsed.warnings {
                        assert!(
                            text.get(w.span.range()).is_some(),
                            "{:?} in {text:?}",
                            w.span
                        );
                    }
                }
                Err(e) => assert!(e.offset <= text.len(), "{e:?} for {text:?}"),
            }
        }
        // Mutations of a document that uses most features.
        let seed_doc: Vec<char> = "a: &x\n  b: [1, {c: 'd'}]\n  e: |\n    f\ng:\n- <<: *x\n  h: \"é\\n\"\n- ? k\n  : *x\n"
            .chars()
            .collect();
        for _ in 0..30_000 {
            let mut doc = seed_doc.clone();
            for _ in 0..(next() % 4 + 1) {
                let at = (next() % (doc.len() as u64 + 1)) as usize;
                if next() % 2 == 0 && at < doc.len() {
                    doc.remove(at);
                } else {
                    doc.insert(at, alphabet[(next() % alphabet.len() as u64) as usize]);
                }
            }
            let text: String = doc.into_iter().collect();
            match read(&text) {
                Ok(parsed) => check_spans_slice(&text, &parsed.root),
                Err(e) => assert!(e.offset <= text.len(), "{e:?} for {text:?}"),
            }
        }
    }

    fn corpus() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
    }

    fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            ) {
                out.push(path);
            }
        }
    }

    #[test]
    fn corpus_yaml_files_parse() {
        let dir = corpus();
        if !dir.is_dir() {
            println!("skipped: no corpus at {}", dir.display());
            return;
        }
        let mut files = Vec::new();
        yaml_files(&dir, &mut files);
        files.sort();
        let mut failures = Vec::new();
        let mut lenient = Vec::new();
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            match read(&text) {
                Ok(parsed) => {
                    let fixes = parsed
                        .warnings
                        .iter()
                        .filter(|w| w.code == "yaml-indentation")
                        .count();
                    if fixes > 0 {
                        lenient.push(format!(
                            "{} ({fixes})",
                            path.strip_prefix(&dir).unwrap_or(path).display()
                        ));
                    }
                    if let Err(e) = check_loose_nesting(&parsed.root) {
                        failures.push(format!("{}: {e}", path.display()));
                    }
                }
                Err(e) => {
                    failures.push(format!("{}: {} at {}", path.display(), e.message, e.offset))
                }
            }
        }
        println!("{} YAML files read", files.len());
        if !lenient.is_empty() {
            println!(
                "read with under-indented lines accepted: {}",
                lenient.join(", ")
            );
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// Leaf paths where two JSON values differ.
    fn json_diffs(
        a: &serde_json::Value,
        b: &serde_json::Value,
        path: &mut String,
        out: &mut Vec<String>,
    ) {
        use serde_json::Value as J;
        match (a, b) {
            (J::Object(x), J::Object(y)) => {
                for (k, v) in x {
                    let len = path.len();
                    crate::tree::pointer::push(path, k);
                    match y.get(k) {
                        Some(w) => json_diffs(v, w, path, out),
                        None => out.push(format!("{path}: only in YAML")),
                    }
                    path.truncate(len);
                }
                for k in y.keys().filter(|k| !x.contains_key(*k)) {
                    out.push(format!("{path}/{k}: only in JSON"));
                }
            }
            (J::Array(x), J::Array(y)) if x.len() == y.len() => {
                for (i, (v, w)) in x.iter().zip(y).enumerate() {
                    let len = path.len();
                    crate::tree::pointer::push(path, &i.to_string());
                    json_diffs(v, w, path, out);
                    path.truncate(len);
                }
            }
            _ if a == b => {}
            _ => out.push(format!("{path}: YAML {a} vs JSON {b}")),
        }
    }

    #[test]
    fn openai_yaml_matches_its_json() {
        let dir = corpus().join("openai");
        let (yaml, json) = (
            dir.join("2026-08-21_f85dbe22.yaml"),
            dir.join("2026-08-21_f85dbe22.json"),
        );
        if !yaml.is_file() || !json.is_file() {
            println!("skipped: {} or its JSON twin is absent", yaml.display());
            return;
        }
        let text = std::fs::read_to_string(&yaml).unwrap();
        let parsed = read(&text).unwrap();
        let from_yaml = parsed.root.to_json();
        let from_json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        let mut diffs = Vec::new();
        json_diffs(&from_yaml, &from_json, &mut String::new(), &mut diffs);
        for d in &diffs {
            println!("differs: {d}");
        }
        println!("{} differing values", diffs.len());
        assert!(diffs.len() <= 3, "{} differences", diffs.len());
        // The one date in the file, `version: 2024-10-01`, is a plain scalar that a YAML 1.1
        // reader turns into a timestamp; by the 1.2 core schema it is the string the JSON has.
        if let Some(at) = text.find("version: 2024-10-01") {
            let start = at + "version: ".len();
            let pointer = pointer_at(&parsed.root, Span::new(start, start + 10));
            let node = crate::tree::pointer::lookup(&parsed.root, &pointer).unwrap();
            println!("date at {pointer}: {:?}", node.value);
            assert_eq!(node.as_str(), Some("2024-10-01"));
            assert_eq!(
                crate::tree::pointer::lookup(&parsed.root, &pointer)
                    .unwrap()
                    .to_json(),
                from_json.pointer(&pointer).cloned().unwrap()
            );
        }
    }

    #[test]
    fn stripe_timing() {
        let path = corpus().join("stripe/2023-09-07_bbfb1664.yaml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("skipped: {} is absent", path.display());
            return;
        };
        let mut elapsed = std::time::Duration::MAX;
        let mut parsed = None;
        for _ in 0..3 {
            let started = std::time::Instant::now();
            parsed = Some(read(&text).unwrap());
            elapsed = elapsed.min(started.elapsed());
        }
        let parsed = parsed.unwrap();
        println!(
            "read {} ({} bytes) in {elapsed:?}",
            path.display(),
            text.len()
        );
        check_nesting(&parsed.root);
    }
}
