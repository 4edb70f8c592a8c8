//! The lossless document tree shared by the JSON and YAML readers.
//!
//! Every key and value keeps the byte span it was read from, scalars keep their raw text
//! (`version: 1.10` stays `1.10`), and object keys keep their order. Spans are byte offsets
//! into the text of the file the node came from; [`SourceMap`] turns them into line:column.
//!
//! The tree is plain owned data (no arena, no lifetimes) so that a node can be handed around,
//! compared and cloned freely; the readers build it in one pass.

pub mod json;
pub mod pointer;
mod source_map;
pub mod yaml;

pub use source_map::{LineCol, SourceMap};

/// The strings of the tree: keys and string values. Up to 24 bytes are kept inline, with no
/// allocation: nearly every key and most values of a spec are that short (`type`, `string`,
/// `description`, a `$ref`'s target name), and one allocation per key and value was most of
/// the tree's memory overhead and of the time spent freeing it.
pub type Str = compact_str::CompactString;

/// Hard limits that keep hostile input from exhausting the stack or memory.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest nesting of arrays and objects (the deepest real spec in our corpus is 26).
    pub(crate) max_depth: usize,
    /// Most nodes that YAML alias expansion may add to the tree, summed over all aliases.
    pub(crate) max_alias_nodes: usize,
}

impl Limits {
    /// No limit: for reading again a text that was read under limits before.
    pub(crate) fn unbounded() -> Limits {
        Limits {
            max_depth: usize::MAX,
            max_alias_nodes: usize::MAX,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 1_000,
            max_alias_nodes: 1_000_000,
        }
    }
}

/// A half-open byte range `start..end` in one file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `usize` offsets (files are limited below 4 GiB, so they fit in `u32`).
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// As a range, for slicing the text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `other` lies within this span (equal ends included).
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A value of the document with the byte span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value is written: for a scalar, its text (quotes included); for a
    /// collection, from its first to its last character.
    pub span: Span,
    /// The value.
    pub value: Value,
}

/// A JSON or YAML value. YAML is read as the JSON data model (core schema; anchors and
/// aliases expanded; keys are strings).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null` (YAML `~` and empty values too).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as written.
    Number(Number),
    /// A string, escapes decoded.
    String(Str),
    /// A sequence.
    Array(Vec<Node>),
    /// A mapping, its keys in document order.
    Object(Object),
}

/// A number kept as the text it was written as, so `1.10` and `1.1` stay distinct and
/// integers of any size survive. Conversions are on demand.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number {
    raw: Str,
}

impl Number {
    /// `raw` must be a number as JSON or the YAML core schema writes it.
    pub(crate) fn from_raw(raw: &str) -> Number {
        Number { raw: raw.into() }
    }

    /// The number as written (`1.10`, `0x1F`, `1e3`).
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The value as `f64`, when it is a number (YAML `.inf` and `.nan` included).
    pub fn as_f64(&self) -> Option<f64> {
        let raw = self.raw.strip_prefix('+').unwrap_or(&self.raw);
        if let Some(v) = parse_yaml_int(raw) {
            return Some(v as f64);
        }
        match raw {
            ".inf" | ".Inf" | ".INF" => Some(f64::INFINITY),
            "-.inf" | "-.Inf" | "-.INF" => Some(f64::NEG_INFINITY),
            ".nan" | ".NaN" | ".NAN" => Some(f64::NAN),
            _ => raw.parse().ok(),
        }
    }

    /// The value as an integer when it is one exactly (`3`, `3.0`, `1e2`).
    pub(crate) fn as_i64(&self) -> Option<i64> {
        let raw = self.raw.strip_prefix('+').unwrap_or(&self.raw);
        if let Some(v) = parse_yaml_int(raw) {
            return i64::try_from(v).ok();
        }
        let f = self.as_f64()?;
        (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
    }

    /// The value as `u64`, when it is a non-negative integer exactly.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_i64().and_then(|v| u64::try_from(v).ok())
    }
}

/// Decimal, `0x` and `0o` integers (the YAML 1.2 core schema forms).
fn parse_yaml_int(raw: &str) -> Option<i128> {
    let (neg, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let v = if let Some(hex) = digits.strip_prefix("0x") {
        i128::from_str_radix(hex, 16).ok()?
    } else if let Some(oct) = digits.strip_prefix("0o") {
        i128::from_str_radix(oct, 8).ok()?
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()?
    } else {
        return None;
    };
    Some(if neg { -v } else { v })
}

/// An object's entries in document order. Duplicate keys are reported by the readers and
/// resolved as JSON.parse and serde_json do: the first position keeps the last value.
///
/// Built with [`Object::new`]; the entries are not added to or removed afterwards (their
/// values may be edited in place), since a large object keeps an index of its keys.
#[derive(Clone, Debug, Default)]
pub struct Object {
    /// The entries, in document order, each key once.
    pub entries: Box<[Entry]>,
    /// For objects of more than [`Object::INDEXED`] entries, a hash table of the entry
    /// positions by key: `$ref` resolution walks `components` maps of thousands of entries,
    /// and a scan per lookup made loading quadratic. (A binary search over the keys in
    /// order, as this was, reads a key at every step; in a large spec those are cache
    /// misses, paid again for every `$ref` a lint rule follows.) Boxed so that an object
    /// (most have no index) is 32 bytes, and a node 40.
    by_key: Option<Box<KeyIndex>>,
    /// Whether keys and values, taken in turn, never go back in the text (always, but for
    /// YAML aliases, whose copies keep their anchor's span): then the entry holding a span
    /// is found by binary search.
    spans_in_order: bool,
}

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        self.entries == other.entries
    }
}

/// An open-addressing hash table of an object's entry positions by key. Each slot holds
/// the high half of the key's hash and the position plus one (zero: an empty slot), so
/// that a probe reads a key only when the hashes agree.
#[derive(Clone, Debug)]
struct KeyIndex {
    slots: Box<[u64]>,
}

impl KeyIndex {
    fn new(entries: &[Entry]) -> KeyIndex {
        // At most half full, so that probe runs stay short.
        let mut slots = vec![0u64; (entries.len() * 2).next_power_of_two()].into_boxed_slice();
        let mask = slots.len() - 1;
        // In document order, and each at the end of its probe run: of equal keys (a reader
        // keeps none, but an editor might) the first is found first, as a scan finds it.
        for (position, e) in entries.iter().enumerate() {
            let hash = key_hash(&e.key);
            let mut at = hash as usize & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = (hash & !u64::from(u32::MAX)) | (position as u64 + 1);
        }
        KeyIndex { slots }
    }

    fn find<'e>(&self, entries: &'e [Entry], key: &str) -> Option<&'e Entry> {
        let hash = key_hash(key);
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            if slot >> 32 == hash >> 32 {
                let entry = &entries[(slot as u32 - 1) as usize];
                if entry.key == key {
                    return Some(entry);
                }
            }
            at = (at + 1) & mask;
        }
    }
}

fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// Whether each key ends before its value starts and each value before the next key.
fn spans_in_order(entries: &[Entry]) -> bool {
    entries.iter().all(|e| e.key_span.end <= e.value.span.start)
        && entries
            .windows(2)
            .all(|w| w[0].value.span.end <= w[1].key_span.start)
}

/// One member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key, escapes decoded.
    pub key: Str,
    /// Where the key is written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

impl Object {
    /// Objects with more entries than this are indexed; smaller ones are scanned, which is
    /// faster at that size.
    pub(crate) const INDEXED: usize = 16;

    /// An object of these entries, indexed when it has more than 16 (`Object::INDEXED`) of
    /// them. Keys must be unique (the readers merge duplicates first).
    pub fn new(entries: Vec<Entry>) -> Object {
        // Readers collect entries by pushing; a tree keeps them, without spare room, for the
        // life of a command.
        let entries = entries.into_boxed_slice();
        let by_key = (entries.len() > Object::INDEXED).then(|| Box::new(KeyIndex::new(&entries)));
        let spans_in_order = spans_in_order(&entries);
        Object {
            entries,
            by_key,
            spans_in_order,
        }
    }

    /// To be called after values were replaced in place (YAML aliases by copies of their
    /// anchors): a copy keeps its anchor's span, which can put the entries out of order.
    pub(crate) fn values_replaced(&mut self) {
        self.spans_in_order = spans_in_order(&self.entries);
    }

    /// The first entry, in document order, whose key or value covers `target`.
    pub(crate) fn entry_covering(&self, target: Span) -> Option<&Entry> {
        let covers = |e: &Entry| e.value.span.contains(target) || e.key_span.contains(target);
        if self.spans_in_order && self.entries.len() > Object::INDEXED {
            let after = self
                .entries
                .partition_point(|e| e.key_span.start <= target.start);
            let entry = &self.entries[after.checked_sub(1)?];
            return covers(entry).then_some(entry);
        }
        self.entries.iter().find(|e| covers(e))
    }

    /// The first entry, in document order, whose value covers `target`.
    pub(crate) fn value_covering(&self, target: Span) -> Option<&Entry> {
        let covers = |e: &&Entry| e.value.span.contains(target);
        if !self.spans_in_order || self.entries.len() <= Object::INDEXED {
            return self.entries.iter().find(covers);
        }
        // Values never go back, so of those starting at or before `target` the ones that
        // cover it are the last: one, or a few where empty values touch it.
        let starting_before = self
            .entries
            .partition_point(|e| e.value.span.start <= target.start);
        self.entries[..starting_before]
            .iter()
            .rev()
            .take_while(covers)
            .last()
    }

    /// The value of member `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// Member `key`, with where its key is written.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.by_key {
            Some(index) => index.find(&self.entries, key),
            None => self.entries.iter().find(|e| e.key == key),
        }
    }

    /// The members as (key, value), in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.entries.iter().map(|e| (e.key.as_str(), &e.value))
    }

    /// How many members it has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it has no member.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Node {
    /// A node of this value at this span.
    pub fn new(span: Span, value: Value) -> Node {
        Node { span, value }
    }

    /// The object, when the node is one.
    pub fn as_object(&self) -> Option<&Object> {
        match &self.value {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The items, when the node is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The string, when the node is a string (numbers and booleans are not strings).
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub(crate) fn as_number(&self) -> Option<&Number> {
        match &self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// Whether the node is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Member `key` of an object node; `None` for other kinds.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?.get(key)
    }

    /// A scalar as text: strings as they are, numbers in their raw form (`1.10`), booleans
    /// and null spelled as JSON spells them. Used wherever OpenAPI wants a string but YAML
    /// authors write a bare number, such as `info.version` or a status code.
    pub(crate) fn scalar_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match &self.value {
            Value::String(s) => Some(Cow::Borrowed(s)),
            Value::Number(n) => Some(Cow::Borrowed(n.raw())),
            Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
            Value::Null => Some(Cow::Borrowed("null")),
            _ => None,
        }
    }

    /// The JSON type name of the value: `null`, `boolean`, `number`, `string`, `array` or
    /// `object`.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The node as a `serde_json::Value` (numbers that JSON cannot hold become strings).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => serde_json::from_str::<serde_json::Number>(n.raw())
                .map(J::Number)
                .or_else(|_| {
                    n.as_f64()
                        .and_then(serde_json::Number::from_f64)
                        .map(J::Number)
                        .ok_or(())
                })
                .unwrap_or_else(|_| J::String(n.raw().to_string())),
            Value::String(s) => J::String(s.to_string()),
            Value::Array(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Object(o) => J::Object(
                o.entries
                    .iter()
                    .map(|e| (e.key.to_string(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// A syntax error or limit hit while reading a file, at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset in the text where reading stopped.
    pub offset: usize,
    /// What is wrong, in words.
    pub message: String,
}

impl ParseError {
    /// An error at a byte offset.
    pub fn new(offset: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            offset,
            message: message.into(),
        }
    }
}

/// Something worth reporting that did not stop the read (a duplicate key, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseWarning {
    /// A stable code, as used in diagnostics (`duplicate-key`, ...).
    pub code: &'static str,
    /// Where in the text.
    pub span: Span,
    /// What is worth knowing, in words.
    pub message: String,
}

/// What a reader produces: the tree and the warnings met on the way.
#[derive(Debug)]
pub struct Parsed {
    /// The document's root value.
    pub root: Node,
    /// What the reader noticed without failing, in text order.
    pub warnings: Vec<ParseWarning>,
}

/// Which syntax a text is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// JSON (RFC 8259).
    Json,
    /// YAML 1.2 (core schema).
    Yaml,
}

impl Format {
    /// Decides by content: a document whose first significant character opens a JSON
    /// object or array is JSON (YAML flow style reads the same either way, and the JSON
    /// reader is stricter and much faster); everything else is YAML.
    pub(crate) fn detect(text: &str) -> Format {
        let first = text
            .trim_start_matches('\u{feff}')
            .bytes()
            .find(|b| !b.is_ascii_whitespace());
        match first {
            Some(b'{') | Some(b'[') => Format::Json,
            _ => Format::Yaml,
        }
    }
}

/// Reads `text` in the given format.
pub fn parse(text: &str, format: Format, limits: &Limits) -> Result<Parsed, ParseError> {
    match format {
        Format::Json => json::parse(text, limits),
        Format::Yaml => yaml::parse(text, limits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sizes the tree's memory follows (a spec of N bytes has about N/20 nodes): a node
    /// is a span and a value, a value at most a compact string or a vector, an object an
    /// entry slice, an optional boxed index and one flag.
    #[test]
    fn nodes_and_entries_stay_small() {
        assert_eq!(std::mem::size_of::<Value>(), 32);
        assert_eq!(std::mem::size_of::<Node>(), 40);
        assert_eq!(std::mem::size_of::<Entry>(), 72);
    }

    fn object(keys: &[&str]) -> Object {
        let entries = keys
            .iter()
            .enumerate()
            .map(|(i, k)| Entry {
                key: (*k).into(),
                key_span: Span::new(i, i + 1),
                value: Node::new(
                    Span::new(i, i + 1),
                    Value::Number(Number::from_raw(&i.to_string())),
                ),
            })
            .collect();
        Object::new(entries)
    }

    #[test]
    fn lookups_agree_with_a_scan_below_and_above_the_index_size() {
        for n in [0, 1, Object::INDEXED, Object::INDEXED + 1, 1_000] {
            let keys: Vec<String> = (0..n).map(|i| format!("k{}", (i * 7919) % 1_009)).collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let o = object(&refs);
            for (i, k) in refs.iter().enumerate() {
                let found = o.entry(k).expect("present");
                assert_eq!(found.key_span.start as usize, i, "{k} in {n}");
            }
            for absent in ["", "k", "k1009", "zzz", "a"] {
                assert!(o.entry(absent).is_none() || refs.contains(&absent));
            }
        }
        // Of equal keys the first is found, as a scan finds it.
        let mut keys = vec!["dup"; 2];
        keys.extend((0..20).map(|_| "x"));
        let o = object(&keys);
        assert_eq!(o.entry("dup").unwrap().key_span.start, 0);
        assert_eq!(o.entry("x").unwrap().key_span.start, 2);
    }

    /// A span as `(start, end)`.
    type Ends = (usize, usize);

    /// Entries `(key span, value span)`, with keys `k0`, `k1`, ...
    fn spanned(spans: &[(Ends, Ends)]) -> Object {
        let entries = spans
            .iter()
            .enumerate()
            .map(|(i, &((ks, ke), (vs, ve)))| Entry {
                key: format!("k{i}").into(),
                key_span: Span::new(ks, ke),
                value: Node::new(Span::new(vs, ve), Value::Null),
            })
            .collect();
        Object::new(entries)
    }

    fn first_value_covering_by_scan(o: &Object, target: Span) -> Option<&str> {
        let e = o.entries.iter().find(|e| e.value.span.contains(target))?;
        Some(&e.key)
    }

    fn assert_value_covering_agrees_with_a_scan(o: &Object, text_len: usize) {
        for start in 0..=text_len {
            for end in start..=(start + 3).min(text_len) {
                let target = Span::new(start, end);
                let found = o.value_covering(target).map(|e| e.key.as_str());
                assert_eq!(found, first_value_covering_by_scan(o, target), "{target:?}");
            }
        }
    }

    #[test]
    fn the_value_covering_a_span_is_the_first_a_scan_finds() {
        // `"k": v, ` thirty times, some values empty (YAML `k:`), each key 2 bytes, each
        // value 3 or 0, a gap of 1 between.
        let mut spans = Vec::new();
        let mut at = 0;
        for i in 0..30 {
            let value_len = if i % 7 == 3 { 0 } else { 3 };
            spans.push(((at, at + 2), (at + 2, at + 2 + value_len)));
            at += 3 + value_len;
        }
        let in_order = spanned(&spans);
        assert!(in_order.spans_in_order && in_order.len() > Object::INDEXED);
        assert_value_covering_agrees_with_a_scan(&in_order, at);
        // A target on a key is in no value: found without looking at the other entries.
        assert!(in_order.value_covering(Span::new(0, 2)).is_none());

        // Values that copy an earlier value's span, as YAML aliases do.
        spans[20].1 = spans[4].1;
        spans[25].1 = (spans[5].0.0, spans[9].1.1);
        let copied = spanned(&spans);
        assert!(!copied.spans_in_order);
        assert_value_covering_agrees_with_a_scan(&copied, at);
    }
}
